"""Checks on the document's tables: the editor's slips, and the published figures that disagree.

Slips (``check``) stop the build until corrected: a row with more or fewer amounts than the
header has columns, an amount finer than 分, one code twice in a table, one address twice, one
column header twice.

Findings (``findings``) are the identities the standard tables are built on, checked exactly
(blank cells count as 0), and shown as a 数据说明 once the editor records that the document
prints them so (findings.py):

- within a table: a 类 is the sum of its 款, a 款 the sum of its 项; a 合计 column the sum of
  the columns it heads (合计 = 基本支出 + 项目支出); the 合计 row the sum of the 类 rows; a
  table printed as 收入 | 支出 has 收入总计 = 支出总计;
- between tables and the explanation: the “三公” table and the 说明's “三公” figures; the
  支出总表 (or the 一般公共预算支出表) and the 说明's 基本支出 and 项目支出; the 财政拨款收支总表's
  spending and the 一般公共预算 plus 政府性基金 tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..document.model import DepartmentYear, TableBody
from ..document.record import UNCHANGED, Finding, Violation
from ..document.statements import (
    LEVELS,
    Statement,
    by_key,
    children,
    column_named,
    grand_total,
    is_total,
    plain,
    role,
    statements,
    sums_to,
    this_year,
    total_row,
    zero,
)
from ..vocabulary.figures import name
from ..vocabulary.money import UNITS, format_amount, in_yuan, places, plain_amount


def check(dy: DepartmentYear) -> list[Violation]:
    return [*_addresses(dy), *(v for st in statements(dy) for v in _slips(st))]


def findings(dy: DepartmentYear) -> list[Finding]:
    out = [f for st in statements(dy) for f in _within(st)]
    if not any(_miscounted(body) for st in statements(dy) for _, _, body in st.table.bodies):
        out += [*_three_public(dy), *_basic_and_project(dy), *_appropriation(dy)]
    return out


def _miscounted(body: TableBody) -> bool:
    return any(len(row.amounts) != len(body.columns) for row in body.rows)


def _addresses(dy: DepartmentYear) -> Iterator[Violation]:
    first: dict[str, int] = {}
    for i, table in enumerate(dy.tables):
        if table.slug is None:
            continue
        if table.slug in first:
            yield Violation(("tables", i, "slug"), f"网址名“{table.slug}”已被第 {first[table.slug] + 1} 张表使用："
                                                   "两张表不能用同一个网址，请换一个")
        first.setdefault(table.slug, i)


def _slips(st: Statement) -> Iterator[Violation]:
    unit = st.table.unit
    for where, _, body in st.table.bodies:
        named: dict[str, int] = {}
        for k, column in enumerate(body.columns):  # a column is named by its whole header path
            if named.setdefault(column, k) != k:
                yield Violation((*st.loc, *where, "columns", k),
                                f"表头“{column}”与第 {named[column] + 1} 列相同：每列的表头必须不同，"
                                "否则下载的数据分不清是哪一列；多行表头请写全（如 基本支出/合计、项目支出/合计）")
        seen: dict[str, int] = {}
        for j, row in enumerate(body.rows):
            loc = (*st.loc, *where, "rows", j)
            if len(row.amounts) != len(body.columns):
                yield Violation((*loc, "amounts"),
                                f"这一行有 {len(row.amounts)} 个金额，表头有 {len(body.columns)} 列"
                                f"（{'、'.join(body.columns)}）：请按原文逐列填写，空白的格写 \"\"")
            for k, cell in enumerate(row.amounts):
                if cell is not None and places(cell) > UNITS[unit].max_places:
                    yield Violation((*loc, "amounts", k), f"金额 {plain_amount(cell)} 精确到了分以下：以“{unit}”为单位最多保留 "
                                                          f"{UNITS[unit].max_places} 位小数")
            if row.code is not None:
                if row.code in seen:
                    yield Violation((*loc, "code"), f"科目编码 {row.code} 与本表第 {seen[row.code] + 1} 行重复："
                                                    "同一科目在表中只能列一次，请按原文核对编码")
                seen.setdefault(row.code, j)


def _name(body: TableBody, j: int) -> str:
    row = body.rows[j]
    return f"{row.code} {row.name}" if row.code else row.name or "（无名称）"


def _differs(st: Statement, id: str, loc: tuple, what: str, parts_name: str,
             pairs: list[tuple[str, Decimal, Decimal]]) -> Finding:
    """One finding for a row: each column where the figure and the sum of its parts differ."""
    unit = st.table.unit
    said = "；".join(f"{column}为 {format_amount(total)} {unit}，{parts_name}为 {format_amount(parts)} {unit}，"
                    f"相差 {format_amount(abs(total - parts))} {unit}"
                    for column, total, parts in pairs)
    figures = tuple(figure for column, total, parts in pairs
                    for figure in ((f"{what}（{column}）", total, unit), (f"{parts_name}（{column}）", parts, unit)))
    return Finding(id, st.section, loc, f"原文《{st.title}》中{what}：{said}；{UNCHANGED}", figures)


def _row_id(st: Statement, where: tuple, body: TableBody, j: int) -> str:
    row = body.rows[j]
    side = f"side-{where[1] + 1}-" if where else ""
    return f"{st.slug}-{side}{row.code or f'row-{j + 1}'}"


def _within(st: Statement) -> Iterator[Finding]:
    totals = []  # (side's heading, its 总计 row's first figure, loc) of a table printed 收入 | 支出
    for where, heading, body in st.table.bodies:
        if _miscounted(body):
            continue  # said as a slip; sums over misaligned columns would say nothing true
        columns = body.columns
        tree = children(body)
        for j, row in enumerate(body.rows):
            loc = (*st.loc, *where, "rows", j, "amounts")
            below = tree.get(j)
            if below:
                pairs = [(columns[k], zero(row.amounts[k]), sum((zero(body.rows[c].amounts[k]) for c in below), Decimal(0)))
                         for k in range(len(columns))]
                if bad := [p for p in pairs if p[1] != p[2]]:
                    parts = LEVELS[len(row.code) // 2]  # a 类's parts are its 款, a 款's its 项
                    yield _differs(st, f"{_row_id(st, where, body, j)}-differs-from-parts", loc,
                                   f"“{_name(body, j)}”", f"其下各{parts}之和", bad)
            for total, parts in sums_to(columns):
                figure = zero(row.amounts[total])
                added = sum((zero(row.amounts[k]) for k in parts), Decimal(0))
                if figure != added:
                    named = "、".join(columns[k].split("/")[-1] for k in parts)
                    yield _differs(st, f"{_row_id(st, where, body, j)}-total-column-differs", loc,
                                   f"“{_name(body, j)}”一行", f"{named}之和", [(columns[total], figure, added)])
                    break  # one finding a row: the first 合计 that does not add up
        classes = [j for j, row in enumerate(body.rows) if row.code is not None and len(row.code) == 3]
        for j, row in enumerate(body.rows):
            if is_total(row) and classes:
                pairs = [(columns[k], zero(row.amounts[k]), sum((zero(body.rows[c].amounts[k]) for c in classes), Decimal(0)))
                         for k in range(len(columns))]
                if bad := [p for p in pairs if p[1] != p[2]]:
                    side = f"side-{where[1] + 1}-" if where else ""
                    yield _differs(st, f"{st.slug}-{side}total-row-differs", (*st.loc, *where, "rows", j, "amounts"),
                                   f"“{row.name}”行", "各类之和", bad)
        if heading is not None and _balanced(st) and (grand := grand_total(body)) is not None:
            totals.append((heading, grand, (*st.loc, *where, "rows", grand[0], "amounts")))
    if len(totals) == 2 and totals[0][1][1] != totals[1][1][1]:
        (left, (_, a, name_a), loc), (right, (_, b, name_b), _) = totals
        unit = st.table.unit
        yield Finding(f"{st.slug}-sides-differ", st.section, loc,
                      f"原文《{st.title}》中{left}一栏的“{name_a}”为 {format_amount(a)} {unit}，{right}一栏的“{name_b}”为 "
                      f"{format_amount(b)} {unit}，相差 {format_amount(abs(a - b))} {unit}；{UNCHANGED}", ((name_a, a, unit), (name_b, b, unit)))


def _balanced(st: Statement) -> bool:
    """A table printed as 收入 | 支出 balances; two halves of another kind (人员经费 | 公用经费) need not."""
    if st.standard is not None:
        return st.standard.sides
    headings = [plain(side.heading) for side in st.table.sides]
    return any("收入" in h for h in headings) and any("支出" in h for h in headings)


def _against_text(st: Statement, id: str, pairs: list[tuple[str, Decimal | None, str, int | None]],
                  body: TableBody, row: int, what: str) -> Iterator[Finding]:
    """Table figures against the explanation's: (name, explanation's amount, its unit, column)."""
    unit = st.table.unit
    bad = []
    for figure, stated, stated_unit, k in pairs:
        if stated is None or k is None:
            continue
        cell = zero(body.rows[row].amounts[k])
        if in_yuan(cell, unit) != in_yuan(stated, stated_unit):
            bad.append(f"{figure}在表中为 {format_amount(cell)} {unit}，在{what}中为 {format_amount(stated)} {stated_unit}")
    if bad:
        yield Finding(id, st.section, (*st.loc, "rows", row, "amounts"),
                      f"原文《{st.title}》与{what}的数字不一致：{'；'.join(bad)}；{UNCHANGED}")


def _three_public(dy: DepartmentYear) -> Iterator[Finding]:
    """The “三公” table against the explanation: its 决算数 (a 预算's only figures) against the
    explanation's figures, and a 决算's 预算数 against the explanation's `budgeted` block."""
    st, t = by_key(dy).get("three-public-table"), dy.three_public
    if st is None or t is None or st.table.sides is not None or (row := total_row(st.table.bodies[0][2])) is None:
        return
    body = st.table.bodies[0][2]
    budget, actual = (role(st.standard, body.columns, name) for name in ("budget", "actual"))
    yield from _against_text(st, "three-public-table-differs-from-text", _three_public_pairs(body, t, actual or None),
                             body, row, "“三公”经费说明")
    if budget and t.budgeted is not None:
        yield from _against_text(st, "three-public-table-budget-differs-from-text",
                                 _three_public_pairs(body, t.budgeted, budget, t.unit, "预算数"), body, row,
                                 "“三公”经费说明")


def _three_public_pairs(body: TableBody, t, among: list[int] | None, unit: str | None = None,
                        figure: str = "") -> list[tuple[str, Decimal | None, str, int | None]]:
    """(name, the explanation's figure, its unit, the table's column) for the “三公” total and parts;
    `among`: the columns of one group (预算数 or 决算数), None for a table of one group."""
    columns, unit = body.columns, unit or t.unit
    depth = 1 if among is None else 2  # the table's own 合计, not a group's 小计
    total = next((k for k, _ in sums_to(columns) if len(columns[k].split("/")) == depth
                  and (among is None or k in among)), None)
    vehicles = t.vehicles.total if t.vehicles else None
    return [(f"{name('three_public')}合计{figure}", t.total, unit, total),
            (f"{name('overseas')}{figure}", t.overseas, unit, column_named(columns, "出国", among=among)),
            (f"{name('reception')}{figure}", t.reception, unit, column_named(columns, "接待", among=among)),
            (f"{name('vehicles')}{figure}", vehicles, unit, _vehicles_column(columns, among))]


def _vehicles_column(columns: list[str], among: list[int] | None) -> int | None:
    group = [k for k, c in enumerate(columns) if "公务用车" in plain(c) and (among is None or k in among)]
    if len(group) == 1:
        return group[0]
    return next((k for k in group if re.fullmatch(r"(合计|小计)", plain(columns[k].split("/")[-1]))), None)


def _basic_and_project(dy: DepartmentYear) -> Iterator[Finding]:
    """The 说明's 基本支出 and 项目支出 are the 支出总表's (all funds) or the 一般公共预算支出表's:
    those of the 支出 section, else of the 收支 section where the document states them there."""
    e, tables = dy.expenditure, by_key(dy)
    b = dy.budget
    if (e is None or e.basic is None and e.project is None) and b is not None and b.unit is not None \
            and (b.basic is not None or b.project is not None):
        e = b
    candidates = [tables[key] for key in ("expenditure", "general-public") if key in tables]
    if e is None or not candidates:
        return
    results = []
    for st in candidates:
        body = st.table.bodies[0][2]
        if st.table.sides is not None or (row := total_row(body)) is None:
            continue
        pairs = [(name(key), getattr(e, key), e.unit, column_named(body.columns, name(key))) for key in ("basic", "project")]
        found = list(_against_text(st, "expenditure-table-differs-from-text", pairs, body, row, "支出预算说明"))
        if not found:
            return  # agrees with one of them
        results.append(found[0])
    yield from results[:1]


def _appropriation(dy: DepartmentYear) -> Iterator[Finding]:
    tables = by_key(dy)
    st, general = tables.get("appropriation"), tables.get("general-public")
    if st is None or general is None or st.table.sides is None or general.table.sides is not None:
        return
    spending = st.table.sides[1]
    # this year's spending: a 决算's 总计 also holds what is carried into next year
    rows = [j for j, row in enumerate(spending.rows) if plain(row.name) == "本年支出合计"]
    grand = (rows[-1], zero(spending.rows[rows[-1]].amounts[0]), spending.rows[rows[-1]].name) \
        if rows else grand_total(spending)
    parts = [general] + ([tables["government-fund"]] if "government-fund" in tables else [])
    sums = []
    for part in parts:
        body = part.table.bodies[0][2]
        if part.table.sides is not None or (row := total_row(body)) is None:
            return
        if (k := this_year(part, body)) is None:
            return  # no column of this year's spending: nothing to add up
        sums.append((part.title, zero(body.rows[row].amounts[k]), part.table.unit))
    if grand is None:
        return
    unit = st.table.unit
    added = sum((in_yuan(a, u) for _, a, u in sums), Decimal(0))
    if in_yuan(grand[1], unit) != added:
        named = "与".join(f"《{title}》合计 {format_amount(a)} {u}" for title, a, u in sums)
        yield Finding("appropriation-differs-from-tables", st.section,
                      (*st.loc, "sides", 1, "rows", grand[0], "amounts"),
                      f"原文《{st.title}》中“{grand[2]}”为 {format_amount(grand[1])} {unit}，不等于{named}之和；{UNCHANGED}")
