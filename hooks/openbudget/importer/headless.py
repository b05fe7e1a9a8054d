"""A text without headings that states a section's figures is that section.

Some pages publish one section alone, with no heading at all (a county's “三公”经费 page:
“2018年政协机关“三公”经费预算数为20.1万元……”, then 1. 2. 3. items stating amounts). Its
first sentence that states an amount says what the text is about: when that sentence is
worded like a section with figure fields (三公, 机关运行, 收支 …), the text from it on is one
section of that kind, without a heading (the site then shows the kind's own title); the lines
before it stay the preamble. Nothing is reworded or dropped.
"""

from __future__ import annotations

from .figures import FIGURE_KINDS, match_kind, mentions
from .outline import Node, Outline


def section_of_headless(doc: Outline) -> Outline:
    if doc.sections:
        return doc
    first = next((i for i, line in enumerate(doc.preamble) if mentions(line)), None)
    if first is None:
        return doc
    kind = match_kind(mentions(doc.preamble[first])[0].sentence)
    if kind not in FIGURE_KINDS:
        return doc
    node = Node(None, "headless", paragraphs=doc.preamble[first:])
    doc.preamble, doc.sections = doc.preamble[:first], [node]
    return doc
