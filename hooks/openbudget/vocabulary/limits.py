"""Sizes no real budget document comes near: past them the input is a mistake or an attack.

Each limit is refused with a Chinese message at file:line, before the work it would cost
(composing, validating, segmenting text for search, drawing charts) is done.
"""

#: Bytes in one data file. The seed document is 20 KB; a large department's is ~100 KB.
MAX_FILE_BYTES = 2_000_000

#: Nesting of lists and mappings. The seed is 6 deep; the model's deepest place is ~10.
MAX_DEPTH = 40

#: Characters in one text value (a paragraph, an item…). The seed's longest is ~700; a longer
#: value is a pasted document, not a paragraph, and its page is indexed by the search as a
#: whole (below).
MAX_TEXT_CHARS = 20_000

#: Characters in one run without a space or punctuation mark. Real text has one every few
#: dozen characters (the seed's longest run is 42). The search indexer (Pagefind 1.6, which
#: cuts Chinese into words) takes time that grows with about the square of a run's length:
#: one page holding a run of 1,000 characters took 0.05 s, 10,000 took 0.24 s, 100,000 took 5.8 s.
MAX_RUN_CHARS = 1_000

#: Bytes in one original text (data/<部门>/<年度>.source.txt), published as a download. A
#: 30-page 说明 is ~60 KB of text; a 决算 with all its tables a few hundred KB.
MAX_SOURCE_TEXT_BYTES = 5_000_000

#: Items in one list (rows of a table, paragraphs of a section) or keys in one mapping.
#: A functional-class table has at most a few hundred rows; each row is drawn in a chart.
MAX_ITEMS = 2_000

#: Sections (with the sections nested in them) in one document. Each is a page, and each page's
#: navigation lists the document's sections: 1,988 sections built 2,007 pages, 1.13 GB, in 169 s.
#: A document's outline has a few dozen (the seed has 11).
MAX_SECTIONS = 100

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

#: Uses of one term marked on a page. Each mark carries its definition (up to
#: MAX_DEFINITION_CHARS) as a tooltip: a one-character term (的) in a 20,000-character
#: paragraph made an 87 KB file a 122 MB page. Past its first uses the reader has seen it.
MAX_MARKS_PER_TERM = 3

#: Term marks on one page, all terms together: bounds what tooltips add to a page at
#: ~100 × 6 KB (a full definition, escaped) whatever the number of terms. The seed's
#: busiest page has fewer than 30. Uses past either limit are left as plain text and the
#: page says so.
MAX_MARKS_PER_PAGE = 100

#: Bytes of one built page: a backstop behind the limits above, which keep every page far
#: below it (the seed's largest page is ~30 KB). GitHub Pages refuses a site over 1 GB: no
#: page may take a large part of that.
MAX_PAGE_BYTES = 20_000_000

#: Jurisdictions of a sharded build: the publish workflow builds each in its own job of one
#: GitHub Actions matrix, which takes at most 256 jobs; past it the whole publish would fail.
MAX_SHARDS = 256

# --- `openbudget import`: an original the editor was sent, read before anything is known of it.
# A few KB of a zip or a PDF can stand for gigabytes or hours of work; each limit is refused
# with a Chinese message naming it.

#: Bytes the parts of a .docx/.xlsx (a zip) say they unpack to, all together. A 30-page 说明
#: with its tables unpacks to ~1 MB, with photographs a few tens of MB; a 3.1 MB zip bomb
#: unpacked to 4.2 GB.
MAX_UNZIPPED_BYTES = 200_000_000

#: Unpacked size over packed size of one part larger than MAX_RATIO_FROM bytes. Word and Excel
#: XML packs about 10:1 (the seed's .docx 8:1); a bomb packs 1000:1 and more.
MAX_ZIP_RATIO = 100
MAX_RATIO_FROM = 1_000_000

#: Cells in a sheet's used range (from its first to its last cell that holds a value, not the
#: range the file declares). A budget table is at most a few thousand rows by ~30 columns; a
#: 4.9 KB workbook declaring XFD1048576 asked for 17 billion cells (102 s, 5.6 GB).
MAX_SHEET_CELLS = 1_000_000

#: Pages of a PDF, and seconds spent reading its text. A 决算 with its tables is under 100
#: pages and reads in a few seconds; a 186 KB PDF of 30,000 pages was still running after 240 s.
MAX_PDF_PAGES = 1_000
MAX_PDF_SECONDS = 60

#: Characters in a worksheet's name: Excel (and WPS) refuse to open a workbook with a longer
#: one, so each table's sheet in a year's .xlsx is named by a title cut to this length.
MAX_SHEET_NAME_CHARS = 31
