"""The standard performance tables (部门整体支出绩效目标表, 项目支出绩效目标表, 绩效自评表) read into
targets and results (the registry's target_tables: their titles and the words of their columns).

A sheet is one of them when a row above its header names the table; its header is the first row
with a 三级指标 column, and each row below with a 三级指标 is one target (指标值) or one result
(年度指标值, 实际完成值, 偏差原因分析及改进措施). 一级指标 and 二级指标 are usually merged down
their rows: the merged text is read in every row it covers. Every value is the cell as the
sheet shows it (readers.cell_text), nothing computed.
"""

from __future__ import annotations

import re

from ..vocabulary.figures import TargetTable, target_tables
from .readers import Grid
from .tables import _filled, _tidy

HEADER_ROWS = 12
REQUIRED = {"targets": "value", "results": "actual"}  # the title, the project's name and funds, then the header


def _table_of(text: str) -> TargetTable | None:
    plain = text.replace(" ", "").replace("“", "").replace("”", "")
    matches = [(len(name), t) for t in target_tables() for name in t.names if name in plain]
    return max(matches, key=lambda m: m[0])[1] if matches else None


def _table_by_header(rows: list[list[str]]) -> TargetTable | None:
    """A table without its title (a Word table, its title a paragraph above it): the one whose
    columns a header row has, all of them; of two, the one with more (a 绩效自评表 has a 年度指标值)."""
    def has(row: list[str], table: TargetTable) -> bool:
        return all(any(words in c for c in row) for key, words in table.reads.items() if key != "levels")
    found = [t for row in rows for t in target_tables() if has(row, t)]
    return max(found, key=lambda t: len(t.reads), default=None)


def recognise(grid: Grid) -> tuple[TargetTable, list[dict]] | None:
    """The table's kind and its rows as targets or results, or None when the sheet is no performance table."""
    rows = _filled([[_tidy(c) for c in row] for row in grid.rows], grid.merged)
    table = next((t for row in rows[:HEADER_ROWS] for c in row if c and (t := _table_of(c))), None) \
        or _table_of(grid.name) or _table_by_header(rows[:HEADER_ROWS])
    if table is None:
        return None
    reads = table.reads
    header_at = next((i for i, row in enumerate(rows[:HEADER_ROWS]) if any(reads["indicator"] in c for c in row)), None)
    if header_at is None:
        return None
    header = rows[header_at]

    def column(words: str) -> int | None:
        return next((c for c, text in enumerate(header) if words in text), None)

    columns = {key: column(words) for key, words in reads.items() if key != "levels"}
    levels = [c for words in reads["levels"] if (c := column(words)) is not None]
    if any(c is None for c in columns.values()):
        return None
    out = []
    for row in rows[header_at + 1:]:
        indicator = row[columns["indicator"]] if columns["indicator"] < len(row) else ""
        if not indicator or indicator == header[columns["indicator"]]:
            continue
        item: dict = {"indicator": indicator}
        for key, c in columns.items():
            if key != "indicator" and c < len(row) and row[c]:
                item[key] = row[c]
        item["levels"] = [row[c] for c in levels if c < len(row) and row[c]]
        if REQUIRED[table.into[1]] in item:  # a row without its value is a heading row, or left blank
            out.append(item)
    return table, out


def split(grids: list[Grid]) -> tuple[dict[str, list[dict]], list[Grid]]:
    """The performance tables' rows by field (targets, results), and the grids that are none of them."""
    found: dict[str, list[dict]] = {}
    rest = []
    for grid in grids:
        read = recognise(grid)
        if read is None:
            rest.append(grid)
        elif read[1]:
            found.setdefault(read[0].into[1], []).extend(read[1])
    return found, rest


CELL_GAP = re.compile(r"\s+")  # a text reader turns a tab into a space; a cell of these tables has none


def from_lines(lines: list[str]) -> list[Grid]:
    """Performance tables pasted into a text, a row a line, cells apart by spaces or tabs: the
    line naming the table, its header (with 三级指标), then its rows. A row with fewer cells than the
    header lost its merged 一级/二级指标 cells: they are the row above's. The lines stay in the text."""
    grids = []
    for at, line in enumerate(lines):
        if len(line) > 40 or _table_of(line) is None:
            continue
        header_at = next((i for i in range(at + 1, min(at + 4, len(lines))) if "三级指标" in lines[i]), None)
        if header_at is None:
            continue
        header = CELL_GAP.split(lines[header_at].strip())
        rows, previous = [header], header
        for text in lines[header_at + 1:]:
            cells = CELL_GAP.split(text.strip())
            if len(cells) < 2 or len(cells) > len(header):
                break
            row = previous[:len(header) - len(cells)] + cells if len(cells) < len(header) else cells
            rows.append(row)
            previous = row
        if len(rows) > 1:
            grids.append(Grid(line.strip(), [[line.strip()], *rows]))
    return grids
