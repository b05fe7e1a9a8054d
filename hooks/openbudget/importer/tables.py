"""Tables of the standard templates (部门收支总表, 一般公共预算支出表, “三公”经费支出表 …) from grids.

Kept apart on purpose: the data model has no tables yet (issue 13), so the draft holds them
under a top-level `tables:` key, documented here, for the model to take over:

    tables:
      - title: 一般公共预算支出表          # the sheet's title row (else the sheet's name)
        unit: 万元                         # from the line 单位：万元 / 单位：元
        columns: [科目编码/类, 科目编码/款, 科目编码/项, 科目名称, 合计, 基本支出, 项目支出]
        rows:                              # one per data row, in the sheet's order
          - {code: "2010301", name: 行政运行, amounts: ["120.00", "120.00", ""]}

A header spanning merged cells is read as its text in every column it covers (so a column
is 科目编码/类); the code of a row is its 类, 款 and 项 joined (201 03 01 → 2010301). Amounts
are the cells as the sheet shows them (readers.cell_text), never computed.
"""

from __future__ import annotations

import json
import re

from .readers import Grid

UNIT = re.compile(r"单位\s*[：:]\s*(万元|元)")
NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
CODE_PARTS = ("类", "款", "项")


def recognise_grids(grids: list[Grid]) -> list[dict]:
    return [table for grid in grids if (table := recognise(grid))]


def recognise(grid: Grid) -> dict | None:
    rows = _filled(grid)
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    title, unit, start = None, None, 0
    for i, row in enumerate(rows[:6]):
        cells = [c for c in row if c]
        if found := next((UNIT.search(c) for c in cells if UNIT.search(c)), None):
            unit, start = found.group(1), i + 1
        elif title is None and cells and len(set(cells)) == 1 and not NUMBER.match(cells[0]):
            title, start = cells[0], i + 1
    first_data = next((i for i in range(start, len(rows)) if _is_data(rows[i])), None)
    if first_data is None or first_data == start:
        return None
    header = rows[start:first_data]
    columns = []
    for c in range(width):
        parts = []
        for row in header:
            if row[c] and row[c] not in parts:
                parts.append(row[c])
        columns.append("/".join(parts))
    code_cols = [c for c, name in enumerate(columns) if name.split("/")[-1] in CODE_PARTS or
                 re.search(r"编码|代码", name.split("/")[-1])]
    name_col = next((c for c, name in enumerate(columns) if c not in code_cols and re.search(r"名称|项目|科目", name)),
                    None)
    amount_cols = [c for c in range(width) if c not in code_cols and c != name_col and columns[c]]
    out_rows = []
    for row in rows[first_data:]:
        if not any(row):
            continue
        code = "".join(row[c].strip() for c in code_cols)
        line: dict = {}
        if code:
            line["code"] = code
        if name_col is not None and row[name_col]:
            line["name"] = row[name_col]
        line["amounts"] = [row[c] for c in amount_cols]
        out_rows.append(line)
    return {"title": title or grid.name, "unit": unit, "columns": [columns[c] for c in amount_cols],
            "code_columns": [columns[c] for c in code_cols], "rows": out_rows}


def _filled(grid: Grid) -> list[list[str]]:
    """Rows with each merged range's text in every cell it covers (header rows read per column)."""
    rows = [list(r) for r in grid.rows]
    for r0, c0, r1, c1 in grid.merged:
        value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1 + 1, len(rows))):
            for c in range(c0, min(c1 + 1, len(rows[r]))):
                rows[r][c] = value
    return rows


def _is_data(row: list[str]) -> bool:
    return sum(1 for c in row if NUMBER.match(c.strip())) >= 2 or (
        any(NUMBER.match(c.strip()) for c in row) and any(c and not NUMBER.match(c.strip()) for c in row))


def write_tables(w, tables: list[dict]) -> None:
    w.add(0, "")
    w.add(0, "# 预算表（按原文照录，供核对；网站暂不使用这一部分，待数据模型支持表格后启用）")
    w.add(0, "tables:")
    for table in tables:
        w.add(2, f"- title: {json.dumps(table['title'], ensure_ascii=False)}")
        if table["unit"]:
            w.add(4, f"unit: {table['unit']}")
        w.add(4, f"columns: {json.dumps(table['columns'], ensure_ascii=False)}")
        if table["code_columns"]:
            w.add(4, f"code_columns: {json.dumps(table['code_columns'], ensure_ascii=False)}   # 科目编码由这几列拼成")
        w.add(4, "rows:")
        for row in table["rows"]:
            w.add(6, "- " + json.dumps(row, ensure_ascii=False))
