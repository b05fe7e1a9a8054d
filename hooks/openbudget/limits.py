"""Sizes no real budget document comes near: past them the input is a mistake or an attack.

Each limit is refused with a Chinese message at file:line, before the work it would cost
(composing, validating, segmenting text for search, drawing charts) is done.
"""

#: Bytes in one data file. The seed document is 20 KB; a large department's is ~100 KB.
MAX_FILE_BYTES = 2_000_000

#: Nesting of lists and mappings. The seed is 6 deep; the model's deepest place is ~10.
MAX_DEPTH = 40

#: Characters in one text value (a paragraph, an item…). The seed's longest is ~700;
#: search indexing is quadratic in the length of one paragraph.
MAX_TEXT_CHARS = 20_000

#: Characters in one run without a space or punctuation mark. Real text has one every few
#: dozen characters (the seed's longest run is 42); the search index segments each run with
#: an algorithm whose time grows with the square of its length.
MAX_RUN_CHARS = 1_000

#: Items in one list (rows of a table, paragraphs of a section) or keys in one mapping.
#: A functional-class table has at most a few hundred rows; each row is drawn in a chart.
MAX_ITEMS = 2_000

#: Characters in one key: the model's longest is 17; a long unknown key is echoed in messages.
MAX_KEY_CHARS = 40

#: Characters in one glossary definition: it is copied into every tooltip of its term.
MAX_DEFINITION_CHARS = 2_000

#: Digits before the decimal point of an amount: 10¹⁵ 元 is thirty times a year of
#: China's national budget. With at most 6 decimals (万元 to the 分) an amount has at most
#: 21 significant digits, so sums of up to MAX_ITEMS of them stay exact in Decimal's
#: default 28-digit context.
MAX_INTEGER_DIGITS = 15
MAX_DECIMAL_PLACES = 6

#: Structural problems (aliases, tags, over-long texts) reported per file before stopping.
MAX_PROBLEMS = 20
