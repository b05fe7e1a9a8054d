"""Tables of the standard templates (部门收支总表, 一般公共预算支出表, “三公”经费支出表 …) from grids,
and from a text where a table was pasted one cell a line (from_text).

A sheet becomes one table in the data model's shape (top-level `tables:` of the file):

    tables:
      - title: 一般公共预算支出表          # the sheet's title row, else the sheet's name
        unit: 万元                         # from 单位：万元 / 单位：元 (left out when the sheet has none)
        columns: [合计, 基本支出, 项目支出]  # the amount columns; merged headers joined with “/”
        rows:
          - {code: "2010301", name: 行政运行, amounts: ["120.00", "120.00", ""]}
      - title: 部门收支总表                # 收入 | 支出 side by side, each with its own 项目 column
        sides:
          - heading: 收入
            columns: [预算数]
            rows: [...]

A header spanning merged cells is read as its text in every column it covers; the code of
a row is its 类, 款 and 项 joined (201 03 01 → 2010301), a part the sheet leaves out on a
child row carried down from the row above. Amounts are the cells as the sheet shows them
(readers.cell_text), never computed; a blank cell, “-” or “—” is "". The 栏次 row (1, 2, 3
under the header) is not data, and a 行次 column is the row's `line`, not an amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .outline import CJK_GAP, starts_numbered
from .readers import Grid

UNIT = re.compile(r"单位\s*[：:]\s*(万元|元)")
NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
BLANK = {"", "-", "—", "－", "--", "——"}
CODE_PARTS = ("类", "款", "项")
CODE_HEADER = re.compile(r"编码|代码|编号")
NAME_HEADER = re.compile(r"名称$|科目$|^项目$|^项目[（(].*[）)]$|^(收入|支出)项目$")
LINE_HEADER = re.compile(r"^行次$|^行号$")
COLUMN_NUMBERS = re.compile(r"^(栏次|栏号|甲|乙|丙)$")
SHEET_LABEL = re.compile(r"^(附)?表\s*[0-9０-９一二三四五六七八九十]+([-—－][0-9０-９]+)?$")
NOTE = re.compile(r"^(注|说明|备注|填表人|制表人|制表|单位负责人|审核人)\s*[0-9０-９]?[：:、.．]")


@dataclass
class Unrecognised:
    """A sheet that is not a table the importer can read: named in the report, nothing written."""

    name: str
    reason: str


@dataclass
class Side:
    heading: str | None
    name: int | None  # the column of the row names
    columns: list[int] = field(default_factory=list)  # amount columns
    codes: list[int] = field(default_factory=list)  # 类/款/项 or a single code column
    widths: list[int] = field(default_factory=list)  # digits of each code part: 款 and 项 are two (3 → 03)
    line: int | None = None  # 行次


# A table pasted as text, one cell a line: 项目 / 预算数(万元) / 合计 / 3.1 / 因公出国(境)费 / 0 / …
TEXT_HEADER_MAX = 3  # column header lines after 项目
TEXT_LABEL_MAX = 30  # a row name is short and no sentence
TEXT_VALUES_MIN = 2  # amounts before a run of lines is a table
HEADER_UNIT = re.compile(r"[（(](万元|元)[）)]")


def from_text(lines: list[str]) -> tuple[list[str], list[Grid]]:
    """Tables pasted into a text as one cell a line (a 项目 header, then each row's name and
    amount on lines of their own), as grids for recognise(); the lines left are the text.
    The table's title is the line above it that names a table (…表), which stays in the text."""
    out: list[str] = []
    grids: list[Grid] = []
    i = 0
    while i < len(lines):
        title = next((line for line in reversed(out[-3:]) if re.search(r"表[。：:]?$", _tidy(line))), None)
        found = _text_table(lines, i, title) if title else None
        if found:
            i, grid = found
            grids.append(grid)
        else:
            out.append(lines[i])
            i += 1
    return out, grids


def _text_table(lines: list[str], start: int, title: str) -> tuple[int, Grid] | None:
    if not NAME_HEADER.search(_tidy(lines[start]).replace(" ", "")):
        return None
    unit = next((found.group(1) for line in lines[max(0, start - 2):start] if (found := UNIT.search(line))), None)
    columns, i = [], start + 1
    while i < len(lines) and len(columns) < TEXT_HEADER_MAX and not NUMBER.match(_tidy(lines[i])) \
            and (HEADER_UNIT.search(lines[i]) or re.search(r"数$|金额$", _tidy(lines[i]).replace(" ", ""))):
        unit = unit or (found.group(1) if (found := HEADER_UNIT.search(lines[i])) else None)
        columns.append(HEADER_UNIT.sub("", _tidy(lines[i]).replace(" ", "")))
        i += 1
    rows: list[list[str]] = []
    while i < len(lines):
        cell = _tidy(lines[i])
        if NUMBER.match(cell) and rows and not rows[-1][1]:
            rows[-1][1] = cell
        elif 0 < len(cell) <= TEXT_LABEL_MAX and not re.search(r"[。；;，,]", cell) and not NUMBER.match(cell):
            rows.append([cell, ""])
        else:
            break
        i += 1
    if not columns or unit is None or sum(1 for _, value in rows if value) < TEXT_VALUES_MIN:
        return None
    while rows and not rows[-1][1] and starts_numbered(rows[-1][0]):  # the heading after the table
        rows.pop()
        i -= 1
    grid = Grid(_tidy(title), [[_tidy(title)], [f"单位：{unit}"], [_tidy(lines[start]).replace(" ", ""), *columns[:1]], *rows])
    return i, grid


def recognise_grids(grids: list[Grid]) -> tuple[list[dict], list[Unrecognised]]:
    tables, skipped = [], []
    for grid in grids:
        found = recognise(grid)
        if isinstance(found, Unrecognised):
            skipped.append(found)
        else:
            tables.append(found)
    return tables, skipped


def recognise(grid: Grid) -> dict | Unrecognised:
    """One sheet as a table in the model's shape, or why it is not one."""
    raw = [[_tidy(c) for c in row] for row in grid.rows]
    width = max((len(r) for r in raw), default=0)
    raw = [r + [""] * (width - len(r)) for r in raw]
    filled = _filled(raw, grid.merged)
    title, unit, start = None, None, 0
    for i, row in enumerate(filled[:8]):  # title, unit and blank rows above the header
        cells = list(dict.fromkeys(c for c in row if c))
        if found := next((UNIT.search(c) for c in cells if UNIT.search(c)), None):
            unit = found.group(1)
            cells = [c for c in cells if not UNIT.search(c)]  # a title may share the unit's row
        elif len(cells) != 1 or NUMBER.match(cells[0]):
            if cells:
                break
        if title is None and len(cells) == 1 and _title_like(cells[0]):
            title = cells[0]
        start = i + 1
    end = next((i for i in range(start, len(raw)) if _is_data(raw[i]) and not _column_numbers(raw[i])), None)
    if end is None:
        return Unrecognised(grid.name, "没有金额行")
    header_end = next((i for i in range(start, end) if _column_numbers(raw[i])), None)
    if header_end is None:  # no 栏次 row: rows above the first amounts that are blank where they are, are data
        header_end = end
        while header_end - start > 1 and _looks_like_data_above(raw[header_end - 1], raw[end]):
            header_end -= 1
        end = header_end
    if header_end == start:
        return Unrecognised(grid.name, "金额行上面没有表头")
    header = filled[start:header_end]
    names = [_column_name(header, c) for c in range(width)]
    sides = _sides(names)
    if not sides or not any(side.columns for side in sides):
        return Unrecognised(grid.name, "表头中没有找到名称列和金额列")
    table: dict = {"title": title or grid.name}
    if unit:
        table["unit"] = unit
    body = [row for row in raw[end:] if not _column_numbers(row)]
    body = body[:next((i for i, row in enumerate(body) if _note(row)), len(body))]
    if len(sides) == 1:
        table["columns"] = [names[c] for c in sides[0].columns]
        table["rows"] = _rows(sides[0], body)
    else:
        table["sides"] = [{"heading": side.heading or "", "columns": [_below(names[c], side.heading) for c in side.columns],
                           "rows": _rows(side, body)} for side in sides]
    return table


def _title_like(text: str) -> bool:
    """Not 表3 or 附表1-2 above the title, nor 部门：某某局 (a title has no colon)."""
    return not SHEET_LABEL.match(text) and not re.search(r"[：:]", text) and not NUMBER.match(text)


def _tidy(text: str) -> str:
    """A cell's text with spaces laid out between Chinese characters (项    目) taken out."""
    return CJK_GAP.sub("", text.strip())


def _filled(rows: list[list[str]], merged: list[tuple[int, int, int, int]]) -> list[list[str]]:
    """Rows with each merged range's text in every cell it covers (header rows read per column)."""
    rows = [list(r) for r in rows]
    for r0, c0, r1, c1 in merged:
        value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1 + 1, len(rows))):
            for c in range(c0, min(c1 + 1, len(rows[r]))):
                rows[r][c] = value
    return rows


def _is_data(row: list[str]) -> bool:
    numbers = sum(1 for c in row if NUMBER.match(c))
    return numbers >= 2 or (numbers >= 1 and any(c and not NUMBER.match(c) and c not in BLANK for c in row))


def _column_numbers(row: list[str]) -> bool:
    """The 栏次 row under a header: 栏次 (or 甲, 乙) and the columns numbered 1, 2, 3 …"""
    cells = [c for c in row if c]
    numbers = [int(c) for c in cells if c.isdigit()]
    words = [c for c in cells if not c.isdigit()]
    return len(numbers) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers))) \
        and numbers[0] in (0, 1) and all(COLUMN_NUMBERS.match(w) for w in words)


def _looks_like_data_above(row: list[str], data: list[str]) -> bool:
    """A row above the first amounts that is blank where those amounts are and names no column
    (一、基本支出 with its amounts left blank): data, not header."""
    amount_cells = [c for c, text in enumerate(data) if NUMBER.match(text)]
    header_words = any(_last(c) in CODE_PARTS or CODE_HEADER.search(c) or NAME_HEADER.search(c) or LINE_HEADER.match(c)
                       for c in row if c)
    return bool(amount_cells) and all(not row[c] for c in amount_cells) and not header_words


def _column_name(header: list[list[str]], c: int) -> str:
    parts: list[str] = []
    for row in header:
        if row[c] and row[c] not in parts:
            parts.append(row[c])
    return "/".join(parts)


def _last(name: str) -> str:
    return name.split("/")[-1]


def _sides(names: list[str]) -> list[Side]:
    """The name column(s) and, for each, the code, 行次 and amount columns after it up to the next.

    Two name columns (收入/项目 … 支出/项目), each with amounts after it, make a two-sided
    table; code columns before the first name column belong to the first side."""
    codes = {c for c, n in enumerate(names) if n and (_last(n) in CODE_PARTS or CODE_HEADER.search(_last(n)))}
    name_cols = [c for c, n in enumerate(names) if n and c not in codes and NAME_HEADER.search(_last(n))]
    sides = _split(names, codes, name_cols or [None])  # no name column: a one-row table, or codes naming the rows
    if len(sides) > 1 and not all(side.columns for side in sides):
        sides = _split(names, codes, name_cols[:1])  # a second text column (项目名称 … 科目名称) is not a side
    return sides


def _split(names: list[str], codes: set[int], name_cols: list[int | None]) -> list[Side]:
    bounds = [c if c is not None else 0 for c in name_cols] + [len(names)]
    sides = []
    for i, name in enumerate(name_cols):
        lo, hi = (0 if i == 0 else bounds[i]), bounds[i + 1]
        side = Side(_heading(names[name]) if name is not None and len(name_cols) > 1 else None, name)
        for c in range(lo, hi):
            if c == name or not names[c]:
                continue
            if c in codes:
                side.codes.append(c)
                side.widths.append(2 if _last(names[c]) in ("款", "项") else 0)
            elif LINE_HEADER.match(_last(names[c])):
                side.line = c
            else:
                side.columns.append(c)
        sides.append(side)
    if len(sides) > 1:
        _heading_by_columns(sides, names)
    return sides


def _heading(name: str) -> str | None:
    """The side's heading from its name column: 收入/项目 → 收入, 收入项目 → 收入."""
    parts = name.split("/")
    if len(parts) > 1:
        return parts[0]
    found = re.match(r"^(.+?)(项目|名称)$", parts[0])
    return found.group(1) if found else None


def _heading_by_columns(sides: list[Side], names: list[str]) -> None:
    for side in sides:
        if side.heading is None and side.columns:
            parts = names[side.columns[0]].split("/")
            side.heading = parts[0] if len(parts) > 1 else None


def _below(name: str, heading: str | None) -> str:
    """A side's column without the side's heading over it: 收入/预算数 → 预算数."""
    if heading and name.startswith(heading + "/"):
        return name[len(heading) + 1:]
    return name


def _note(row: list[str]) -> bool:
    cells = [c for c in row if c]
    return len(set(cells)) == 1 and bool(NOTE.match(cells[0]))


def _rows(side: Side, body: list[list[str]]) -> list[dict]:
    out = []
    carried = [""] * len(side.codes)  # the code parts of the row above, for rows that leave them out
    for row in body:
        cells = [row[c] for c in [*side.codes, *([side.name] if side.name is not None else []), *side.columns,
                                  *([side.line] if side.line is not None else [])]]
        if all(c in ("",) for c in cells):
            continue
        code_parts = [row[c] for c in side.codes]
        name = row[side.name] if side.name is not None else ""
        words = [p for p in code_parts if p and not p.isdigit()]  # 合计 written in the merged code cells
        if words and not name:
            name = words[0]
        digits = [p.zfill(width) if p.isdigit() else "" for p, width in zip(code_parts, side.widths)]
        code = _code(digits, carried) if any(digits) else ""
        line: dict = {}
        if code:
            line["code"] = code
        line["name"] = name or code
        line["amounts"] = ["" if row[c] in BLANK else row[c] for c in side.columns]
        if side.line is not None and row[side.line]:
            line["line"] = row[side.line]
        out.append(line)
    return out


def _code(parts: list[str], carried: list[str]) -> str:
    """201 03 01 → 2010301; a part left blank before the first one written comes from the row above."""
    first = next(i for i, p in enumerate(parts) if p)
    for i in range(len(parts)):
        if i < first:
            parts[i] = carried[i]
        elif not parts[i]:
            break
    last = max(i for i, p in enumerate(parts) if p)
    for i in range(len(parts)):
        carried[i] = parts[i] if i <= last else ""
    code = ""
    for part in parts[:last + 1]:
        if code and part.startswith(code) and len(part) > len(code):
            code = part  # the sheet writes each level's whole code (201, 20103, 2010301)
        else:
            code += part
    return code
