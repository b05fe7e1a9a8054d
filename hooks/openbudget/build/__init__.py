"""The MkDocs build: its options, its events on one object, shards and their merge."""
