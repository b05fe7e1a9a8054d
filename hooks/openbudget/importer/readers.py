"""The text of a published document, whatever file it came in, as lines; workbooks as grids.

Each format is read by a maintained parser (python-docx, pypdf, openpyxl, xlrd); this module
only chooses the parser, turns what it gives into plain lines, and answers a file it cannot
read with a Chinese message (Unreadable), never a traceback. Characters the site refuses
(tabs, zero-width marks, other invisible controls) are removed here and counted, so the
draft loads; the count is reported to the editor.
"""

from __future__ import annotations

import io
import re
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Context, Decimal
from pathlib import Path

from ..vocabulary.characters import hidden
from ..vocabulary.limits import (
    MAX_PDF_PAGES,
    MAX_PDF_SECONDS,
    MAX_RATIO_FROM,
    MAX_SHEET_CELLS,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_RATIO,
)
from .outline import part_marker, starts_heading  # one definition of a heading line

TEXT, WORD, PDF, WORKBOOK = ".txt", ".docx", ".pdf", ".xlsx"
SUFFIXES = {".txt": TEXT, ".text": TEXT, ".docx": WORD, ".pdf": PDF,
            ".xlsx": WORKBOOK, ".xlsm": WORKBOOK, ".xls": WORKBOOK, ".et": WORKBOOK}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .et and old .doc files
# A password-protected .xlsx/.docx is an OLE2 file holding the encrypted zip under this (UTF-16) stream name
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
MAX_BYTES = 50 * 1024 * 1024


class Unreadable(Exception):
    """A file the importer cannot read; str() is the Chinese message for the editor."""


@dataclass
class Grid:
    """One table as cells of text (a sheet, or a table in a Word file)."""

    name: str
    rows: list[list[str]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row0, col0, row1, col1), inclusive


@dataclass
class Extracted:
    format: str  # one of TEXT, WORD, PDF, WORKBOOK
    lines: list[str]  # the document's lines (paragraphs), cleaned, blank lines dropped
    grids: list[Grid] = field(default_factory=list)
    encoding: str | None = None
    removed_characters: int = 0  # invisible characters taken out
    page_furniture: list[str] = field(default_factory=list)  # PDF headers, footers, page numbers dropped


def read(path: Path) -> Extracted:
    if not path.is_file():
        raise Unreadable(f"找不到文件 {path}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise Unreadable(f"无法打开 {path.name}：{error.strerror or '没有读取权限'}") from error
    if not data.strip():
        raise Unreadable(f"{path.name} 是空文件，没有可导入的内容")
    if len(data) > MAX_BYTES:
        raise Unreadable(f"{path.name} 超过 {MAX_BYTES // 1024 // 1024} MB，不像是一份部门预算说明")
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        known = "、".join(sorted(SUFFIXES))
        raise Unreadable(f"不能导入 {path.suffix or '没有扩展名'} 文件：只能导入 {known}"
                         + ("（.doc 请先在 Word/WPS 中另存为 .docx）" if path.suffix.lower() == ".doc" else ""))
    reader = {TEXT: _text, WORD: _word, PDF: _pdf, WORKBOOK: _workbook}[kind]
    try:
        extracted = reader(data, path.name)
    except Unreadable:
        raise
    except Exception as error:  # the parsers' own exceptions are English and vary by version
        raise Unreadable(f"无法读取 {path.name}：文件已损坏，或不是真正的{_FORMAT_NAMES[kind]}文件"
                         f"（{type(error).__name__}）") from error
    if not any(extracted.lines) and not extracted.grids:
        raise Unreadable(f"{path.name} 中没有文字内容")
    return extracted


_FORMAT_NAMES = {TEXT: "文本", WORD: "Word（.docx）", PDF: "PDF", WORKBOOK: "Excel/WPS 表格"}


# PDF fonts often map characters to the Kangxi radicals (⼀ U+2F00 for 一, ⽰ for 示): they look
# the same but are other characters, which no search or label would match. NFKC maps each to
# its ideograph; only these blocks are mapped, the rest of the text stays as printed.
RADICALS = {n: unicodedata.normalize("NFKC", chr(n)) for n in [*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6)]
            if unicodedata.normalize("NFKC", chr(n)) != chr(n)}
RADICALS.update(str.maketrans("⻅⻆⻈⻉⻋⻐⻓⻔⻙⻚⻛⻜⻠⻢⻥⻦⻧⻨⻩⻪⻬⻮⻰",  # simplified radicals NFKC leaves alone
                              "见角讠贝车钅长门韦页风飞饣马鱼鸟卤麦黄黾齐齿龙"))
# Text extraction puts a space between Chinese and Latin or digits (“2023 年”); the documents have none.
CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’"
EXTRACTION_SPACE = re.compile(rf"(?<=[{CJK}]) +(?=[0-9A-Za-z.%])|(?<=[0-9A-Za-z.%]) +(?=[{CJK}])|(?<=[{CJK}]) +(?=[{CJK}])")


def clean(lines: list[str]) -> tuple[list[str], int]:
    """Lines without invisible characters and surrounding spaces; blank lines dropped."""
    out, removed = [], 0
    for line in lines:
        kept = []
        for ch in line:
            if ch == "\t":
                kept.append(" ")
            elif hidden(ch) or ch == "\u00ad":
                removed += 1
            else:
                kept.append(ch)
        text = "".join(kept).translate(RADICALS).strip(" \u3000\u00a0")
        if text:
            out.append(text)
    return out, removed


# --- plain text ---------------------------------------------------------------------

def decode(data: bytes, name: str) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030, which Windows' Notepad
    and WPS write as 'ANSI' on Chinese systems. Strict decoding: a byte sequence valid in
    neither is a message, never replacement characters in the published text."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8（带 BOM）"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    if b"\x00" in data:
        raise Unreadable(f"{name} 不是文本文件（含有二进制内容）；Word、PDF、Excel 文件请用原扩展名导入")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030"
    except UnicodeDecodeError as error:
        raise Unreadable(f"{name} 的编码无法识别（不是 UTF-8，也不是 GB18030/GBK），第 {error.start + 1} 个字节处"
                         "无法解码；请在记事本或 WPS 中“另存为”UTF-8 编码后再导入") from error


def _text(data: bytes, name: str) -> Extracted:
    text, encoding = decode(data, name)
    if _control_share(text) > 0.01:
        raise Unreadable(f"{name} 不像文本文件（含有大量控制字符），可能是其他格式的文件改了扩展名")
    lines, removed = clean(text.splitlines())
    return Extracted(TEXT, lines, encoding=encoding, removed_characters=removed)


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls / max(len(text), 1)


# --- Word ---------------------------------------------------------------------------

def _word(data: bytes, name: str) -> Extracted:
    if data.startswith(OLE2):
        raise Unreadable(f"{name} 是旧版 Word（.doc）或已加密的文件：请在 Word/WPS 中另存为 .docx 后再导入")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise Unreadable(f"{name} 不是 Word（.docx）文件")
    _unpacks_safely(data, name)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    grids: list[Grid] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.extend(Paragraph(block, document).text.splitlines())
        elif tag == "tbl":
            table = Table(block, document)
            rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
            grids.append(Grid(f"Word 表格 {len(grids) + 1}", rows))
            for row in rows:  # the table's text stays in the document, one row a line
                cells = [c for i, c in enumerate(row) if c and (i == 0 or c != row[i - 1])]
                lines.append("  ".join(cells))
    cleaned, removed = clean(lines)
    return Extracted(WORD, cleaned, grids, removed_characters=removed)


# --- PDF ----------------------------------------------------------------------------

# A line that is only a page number: 3, - 3 -, —3—, 第3页, 第 3 页 共 12 页, 3/12, Page 3
PAGE_NUMBER = re.compile(r"^[-—－–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—－–\s]*$"
                         r"|^(page|第)\s*\d{1,4}(\s*(of|/|共)\s*\d{1,4}\s*页?)?$", re.IGNORECASE)
FURNITURE_MAX = 40  # a running header or footer is a short line, not a line of the body
EDGE = 2  # lines at the top and bottom of a page that may be a header or footer


def _pdf(data: bytes, name: str) -> Extracted:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception:
            opened = 0
        if not opened:
            raise Unreadable(f"{name} 已加密（需要密码才能打开），无法读取文字；请提供未加密的文件")
    declared = reader.root_object["/Pages"].get("/Count", 0)  # read at once; counting the pages walks them all
    if (pages := declared if isinstance(declared, int) and declared > MAX_PDF_PAGES else len(reader.pages)) > MAX_PDF_PAGES:
        raise Unreadable(f"{name} 有 {pages} 页，超过 {MAX_PDF_PAGES} 页的上限，不像是一份部门预算文件；"
                         "请只导入预算说明和所附的表")
    started = time.monotonic()
    pages = []
    for page in reader.pages:
        if time.monotonic() - started > MAX_PDF_SECONDS:
            raise Unreadable(f"读取 {name} 的文字超过 {MAX_PDF_SECONDS} 秒（读到第 {len(pages) + 1} 页），已停止；"
                             "请在 PDF 阅读器中把文字另存为 .txt，或向编制单位索取 Word 文件后再导入")
        pages.append((page.extract_text() or "").splitlines())
    pages = [[_without_extraction_spaces(line) for line in clean(lines)[0]] for lines in pages]
    if sum(len(line) for lines in pages for line in lines) < 20:
        raise Unreadable(f"{name} 没有文字层（是扫描件或图片）：请向编制单位索取可复制文字的 PDF 或 Word 文件，"
                         "或用 OCR 识别后核对成文本再导入")
    lines, furniture = strip_page_furniture(pages)
    return Extracted(PDF, join_wrapped(lines), page_furniture=furniture)


def _without_extraction_spaces(line: str) -> str:
    """The line without the spaces text extraction adds, but with the one after 第一部分 that the document has."""
    marker = part_marker(line)
    if marker and marker != marker.rstrip():
        return marker.rstrip() + " " + EXTRACTION_SPACE.sub("", line[len(marker):])
    return EXTRACTION_SPACE.sub("", line)


def strip_page_furniture(pages: list[list[str]]) -> tuple[list[str], list[str]]:
    """Body lines of all pages, without running headers/footers and page numbers.

    A header or footer is a line at a page's top or bottom edge that recurs, digits aside,
    on at least half of the pages (and on two or more); a page number is a line that is
    nothing else."""
    def shape(line: str) -> str:
        return re.sub(r"\d+", "#", line.replace(" ", ""))

    counts: dict[str, int] = {}
    for lines in pages:
        for key in {shape(line) for line in lines[:EDGE] + lines[-EDGE:]}:
            counts[key] = counts.get(key, 0) + 1
    repeated = {key for key, n in counts.items() if n >= 2 and n * 2 >= len(pages) and not key.endswith(tuple("，。；、,;"))}
    body, dropped = [], []
    for lines in pages:
        edge = set(range(min(EDGE, len(lines)))) | set(range(max(0, len(lines) - EDGE), len(lines)))
        for i, line in enumerate(lines):
            if i in edge and (shape(line) in repeated and len(line) <= FURNITURE_MAX or PAGE_NUMBER.match(line)):
                dropped.append(line)
            else:
                body.append(line)
    return body, dropped


SENTENCE_END = tuple("。；！？：:;!?”」）)")


def width(line: str) -> int:
    """Display width: a Chinese character or full-width mark is two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)


def join_wrapped(lines: list[str]) -> list[str]:
    """Paragraphs from lines that a page layout wrapped: a line that reaches the right margin
    and does not end a sentence continues on the next line, unless that one is a heading."""
    if not lines:
        return lines
    widths = sorted(width(line) for line in lines)
    margin = widths[int(len(widths) * 0.9)] if len(widths) >= 5 else widths[-1]
    out: list[str] = []
    carry = False
    for line in lines:
        if carry and not starts_heading(line):
            out[-1] += line
        else:
            out.append(line)
        carry = width(line) >= margin - 6 and not line.endswith(SENTENCE_END)
    return out


# --- workbooks ----------------------------------------------------------------------

def _workbook(data: bytes, name: str) -> Extracted:
    if data.startswith(OLE2) and ENCRYPTED_PACKAGE in data:
        raise Unreadable(f"{name} 已加密（需要密码才能打开）；请在 Excel/WPS 中取消密码后另存，再导入")
    if data.startswith(OLE2):
        grids = _xls(data, name)
    elif zipfile.is_zipfile(io.BytesIO(data)):
        _unpacks_safely(data, name)
        grids = _xlsx(data, name)
    else:
        raise Unreadable(f"{name} 不是 Excel/WPS 表格文件")
    grids = [g for g in grids if any(any(c for c in row) for row in g.rows)]
    if not grids:
        raise Unreadable(f"{name} 中没有任何有内容的工作表")
    return Extracted(WORKBOOK, [], grids)


def _unpacks_safely(data: bytes, name: str) -> None:
    """A .docx or .xlsx whose parts would unpack to far more than any document: refused before
    a parser unpacks them. The sizes are the ones the zip declares: Python's zipfile never
    unpacks a part beyond its declared size (a part that lies fails its CRC check)."""
    parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    total = sum(part.file_size for part in parts)
    if total > MAX_UNZIPPED_BYTES:
        raise Unreadable(f"{name} 解压后有 {total // 1_000_000} MB，超过 {MAX_UNZIPPED_BYTES // 1_000_000} MB 的上限，"
                         "不像是一份部门预算文件（可能是“压缩炸弹”）；请向编制单位索取原始文件")
    for part in parts:
        if part.file_size > MAX_RATIO_FROM and part.file_size > MAX_ZIP_RATIO * max(part.compress_size, 1):
            raise Unreadable(f"{name} 中的 {part.filename} 压缩比超过 {MAX_ZIP_RATIO} 倍，不像是正常的 Word/Excel 文件"
                             "（可能是“压缩炸弹”）；请在 Word/WPS 或 Excel/WPS 中打开后另存一份再导入")


def _xlsx(data: bytes, name: str) -> list[Grid]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    grids = []
    for sheet in book.worksheets:
        # the used range: the cells the sheet holds (openpyxl keeps them by (row, column)), not the
        # rectangle it declares or its iter_rows() walks, which a single far cell makes enormous
        held = [(r, c) for (r, c), cell in sheet._cells.items() if cell.value is not None]
        rows_used = max((r for r, _ in held), default=0)
        columns_used = max((c for _, c in held), default=0)
        if rows_used * columns_used > MAX_SHEET_CELLS:
            raise Unreadable(f"{name} 的工作表“{sheet.title}”用到了第 {rows_used} 行、第 {columns_used} 列，"
                             f"共 {rows_used * columns_used} 格，超过 {MAX_SHEET_CELLS} 格的上限；请删除远离表格的内容"
                             "（或只把预算表复制到新的工作簿）后再导入")
        rows = [[cell_text(c.value, c.number_format) for c in row]
                for row in sheet.iter_rows(max_row=rows_used, max_col=columns_used)] if held else []
        merged = [(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1) for r in sheet.merged_cells.ranges]
        grids.append(Grid(sheet.title, rows, merged))
    return grids


def _xls(data: bytes, name: str) -> list[Grid]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except xlrd.biffh.XLRDError as error:
        if "encrypted" in str(error).lower():
            raise Unreadable(f"{name} 已加密（需要密码才能打开）；请提供未加密的文件") from error
        if "Word" in str(error) or "unsupported format" in str(error).lower():
            raise Unreadable(f"{name} 不是 Excel/WPS 表格文件（可能是 Word 文件改了扩展名）") from error
        raise
    grids = []
    for sheet in book.sheets():
        rows = []
        for r in range(sheet.nrows):
            row = []
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key) if cell.xf_index is not None else None
                value = cell.value if cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_TEXT) else ""
                row.append(cell_text(value, fmt.format_str if fmt else "General"))
            rows.append(row)
        merged = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
        grids.append(Grid(sheet.name, rows, merged))
    return grids


def cell_text(value: object, number_format: str | None) -> str:
    """A cell as the sheet shows it. A workbook stores numbers in binary; the shortest decimal
    that reads back as the same number (repr) is what was typed, and the cell's format adds
    the decimals it prints (0.00 shows 33.1 as 33.10). Beyond that nothing is rounded, except
    to the 15 significant digits Excel itself shows (a formula's 0.30000000000000004 is 0.3)."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value).strip()
    if isinstance(value, float):
        amount = Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
        if len(amount.as_tuple().digits) > 15:  # 0.1+0.2 in a formula: Excel shows 15 digits, 0.3
            amount = Context(prec=15).plus(amount).normalize()
    else:
        amount = Decimal(value)
    shown = _format_places(number_format)
    exponent = amount.as_tuple().exponent
    if shown is not None and isinstance(exponent, int) and -exponent < shown:
        amount = amount.quantize(Decimal(1).scaleb(-shown))
    return format(amount, "f")


def _format_places(number_format: str | None) -> int | None:
    """Decimals a number format prints: '#,##0.00' → 2, '0' → 0, General → None (as typed)."""
    if not number_format or number_format == "General":
        return None
    found = re.search(r"0\.(0+)", number_format)
    return len(found.group(1)) if found else (0 if "0" in number_format else None)
