"""`openbudget import`: a department's published document (text, Word, PDF, Excel) to a draft YAML file.

readers.py   the file's text (and table grids) with maintained parsers, as lines
wrapping.py  lines a page broke at its width, joined back into sentences
outline.py   the document's own outline from its numbering and headings
figures.py   each known section's kind and amounts, each with the sentence it came from
headless.py  text no heading introduces (a page without headings, an excerpt's opening): what it is about
tables.py    standard-template tables (部门收支总表 …) from workbook and Word grids
writer.py    the draft YAML, commented for the editor
run.py       the command: read, recognise, write, tell the editor what to check
"""
