"""What the published figures say about each other and about their text: rules, text figures, counts, table checks; findings gathers them."""
