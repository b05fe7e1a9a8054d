"""The figure tables of each section: one definition read by pages, CSV and charts.

Shares are computed here from the published amounts (Decimal, half-up, 2 places) and are
labelled on the page as computed by this site, never as published. Each share is the
nearest to its own part, so the parts' shares may add up to 99.99% or 100.01% (three
equal parts: 33.33% each): forcing the sum to 100.00% would move one part's share away
from its own value, chosen arbitrarily. The footnote and the CSV column say so.

A part the document does not state is a row with no amount (the page says 原文未列明,
never 0, and it has no share or bar). A row printed in another unit than its table keeps
that unit on the page; shares, bars and CSV use its exact value in the table's unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..checks.rules import expenditure_total
from ..document.record import Record
from ..document.statements import Statement, classification, row_anchors, this_year
from ..vocabulary.figures import PART, label, name
from ..vocabulary.money import in_unit, share

#: How shares are computed, said on every page that shows them and in the data package.
SHARE_ROUNDING = "四舍五入保留两位小数，各项相加可能不等于 100%"
SHARE_NOTE = f"占比由本站按公开金额计算（{SHARE_ROUNDING}），不是原文数字。"

Direction = Literal["revenue", "expenditure", "assets"]


Classification = Literal["functional", "economic"]


@dataclass(frozen=True)
class Row:
    label: str
    amount: Decimal | None  # None: the document does not state it (shown as 原文未列明, never 0)
    share: Decimal | None = None
    code: str | None = None
    sub: bool = False  # a “其中” row, part of the row above
    total: bool = False
    published: Decimal | None = None  # the share as the document prints it (rules check it)
    unit: str | None = None  # printed in another unit than its table (“0元” in a 万元 table)

    def in_unit(self, unit: str) -> Decimal | None:
        """The amount in the table's unit, exactly, for charts and sums."""
        return None if self.amount is None else in_unit(self.amount, self.unit or unit, unit)


@dataclass(frozen=True)
class FigureTable:
    id: str  # stable anchor and file name: /<dept>/<year>/<section>/#<id>
    caption: str
    unit: str
    rows: tuple[Row, ...]
    direction: Direction  # what the amounts are: money coming in, going out, or held
    note: str | None = None  # said beside the table, e.g. that the published list is incomplete
    classification: Classification | None = None  # what its codes are codes of

    @property
    def has_published(self) -> bool:
        return any(r.published is not None for r in self.rows)

    @property
    def has_codes(self) -> bool:
        return any(r.code for r in self.rows)

    @property
    def has_shares(self) -> bool:
        return any(r.share is not None for r in self.rows)

    @property
    def anchors(self) -> list[str]:
        """Each row's anchor on its page (by-function-201, three-public-公务接待费): by code or name."""
        return row_anchors(self.id, [r.code or ("total" if r.total else r.label) for r in self.rows])


#: Beside a “其中” list the document itself marks as not exhaustive (e.g. budget.by_economic_incomplete).
INCOMPLETE_NOTE = "原文“其中”只列出部分项目，各项之和小于总额。"

Part = tuple[str, Decimal, str | None, str | None]  # label, amount, code, the row's own unit


def _shares(id: str, caption: str, unit: str, parts: list[Part], total_label: str, total: Decimal | None,
            direction: Direction, classification: Classification | None = None, lines: list = (),
            incomplete: bool = False) -> FigureTable:
    """lines: the model's lines behind parts, for the percentages they publish. A total the
    document does not state is a 合计 row saying so, and the parts have no share."""
    published = [getattr(line, "percent", None) for line in lines] or [None] * len(parts)
    rows = [Row(label, amount, None if total is None else share(in_unit(amount, own or unit, unit), total), code,
                published=p, unit=own) for (label, amount, code, own), p in zip(parts, published)]
    rows.append(Row(total_label, total, None if total is None else share(total, total), total=True))
    return FigureTable(id, caption, unit, tuple(rows), direction, INCOMPLETE_NOTE if incomplete else None,
                       classification)


def _stated(label: str, amount: Decimal | None, total: Decimal) -> Row:
    return Row(label, amount, None if amount is None else share(amount, total))


def section_tables(record: Record, key: str) -> list[FigureTable]:
    dy, word = record.data, record.phase  # 预算, 调整预算 or 决算: the document's own word in its captions
    tables: list[FigureTable] = []
    if key == "budget" and (b := dy.budget).unit is not None:
        if b.by_economic:
            # classes of spending: they divide the spending total (see rules._budget)
            total = label("income_total" if b.expenditure_total is None else "expenditure_total", word)
            caption = f"{total}及构成"
            tables.append(_shares("income-by-economic", caption, b.unit,
                                  [(l.name, l.amount, l.code, l.unit) for l in b.by_economic],
                                  total, expenditure_total(dy), "expenditure", "economic", b.by_economic,
                                  b.by_economic_incomplete))
        if b.by_source:
            tables.append(_shares("income-by-source", f"收入{word}按来源", b.unit,
                                  [(l.name, l.amount, None, l.unit) for l in b.by_source],
                                  label("income_total", word), b.income_total, "revenue", None, b.by_source,
                                  b.by_source_incomplete))
        if b.basic is not None and b.project is not None:  # stated here when the 收支 text states them
            tables.append(_shares("basic-project", "基本支出和项目支出", b.unit,
                                  [(name("basic"), b.basic, None, None), (name("project"), b.project, None, None)],
                                  "合计", expenditure_total(dy), "expenditure"))
        if not tables and b.income_total is not None:
            tables.append(FigureTable("income-total", label("income_total", word), b.unit,
                                      (Row(label("income_total", word), b.income_total, total=True),), "revenue"))
    elif key == "expenditure" and (e := dy.expenditure):
        # the total is published in 收支预算's unit; shares and the 合计 row need it in this table's
        spent = expenditure_total(dy)
        total = None if spent is None else in_unit(spent, dy.budget.unit, e.unit)
        if e.basic is not None and e.project is not None:
            tables.append(_shares("basic-project", "基本支出和项目支出", e.unit,
                                  [(name("basic"), e.basic, None, None), (name("project"), e.project, None, None)],
                                  "合计", total, "expenditure"))
        if e.by_function:
            tables.append(_shares("by-function", "按支出功能分类", e.unit,
                                  [(l.name, l.amount, l.code, l.unit) for l in e.by_function],
                                  "合计", total, "expenditure", "functional", e.by_function,
                                  e.by_function_incomplete))
        if e.by_economic:  # stated here when the document lists them in its 支出 section; the lines may
            # divide 基本支出 rather than the total (占基本支出81.45%): no share is computed, the published one shown
            tables.append(_shares("by-economic", "按经济分类", e.unit,
                                  [(l.name, l.amount, l.code, l.unit) for l in e.by_economic],
                                  "合计", None, "expenditure", "economic", e.by_economic, e.by_economic_incomplete))
    elif key == "three_public" and (t := dy.three_public):
        # every part is listed: one the explanation does not state is read from the table that states
        # it (said under the table), and one no part of the document states shows 原文未列明, not a 0
        v = t.vehicles
        rows, sources = [], []
        for part, amount in (("overseas", t.overseas), ("reception", t.reception), ("vehicles", v and v.total)):
            found = record.resolved.figures.get(part) if amount is None else None
            if found is not None and found.source.table:
                rows.append(Row(name(part), found.amount, share(in_unit(found.amount, found.unit, t.unit), t.total),
                                unit=None if found.unit == t.unit else found.unit))
                sources.append(f"{name(part)}{found.source.said}")
            else:
                rows.append(_stated(name(part), amount, t.total))
        if v is not None and v.purchase is not None:
            rows.append(Row(f"{PART}{name('vehicle_purchase')}", v.purchase, sub=True))
        if v is not None and v.operation is not None:
            rows.append(Row(f"{PART}{name('vehicle_operation')}", v.operation, sub=True))
        rows.append(Row(f"{name('three_public')}合计", t.total, share(t.total, t.total), total=True))
        tables.append(FigureTable("three-public", f"{name('three_public')}{word}", t.unit, tuple(rows), "expenditure",
                                  "；".join(sources) or None))
    elif key == "operating_costs" and (o := dy.operating_costs):
        tables.append(FigureTable("operating-costs", f"{name('operating_costs')}{word}", o.unit,
                                  (Row(name("operating_costs"), o.amount, total=True),), "expenditure"))
    elif key == "procurement" and (p := dy.procurement) and p.amount is not None and p.unit:
        tables.append(FigureTable("procurement", label("procurement", word), p.unit,
                                  (Row(label("procurement", word), p.amount, total=True),), "expenditure"))
    elif key == "assets" and (a := dy.assets):
        tables.append(_shares("assets", "国有资产占用", a.unit,
                              [(name("assets_current"), a.current, None, None),
                               (name("assets_non_current"), a.non_current, None, None)],
                              name("assets_total"), a.total, "assets"))
    return tables


def classes_table(st: Statement):
    """The table's 类 rows in its first column (合计) as a figure table, for a chart: what the
    money goes to (or comes from) at the top level of the classification."""
    if st.table.sides is not None:
        return None
    body = st.table.bodies[0][2]
    if (k := this_year(st, body)) is None:
        return None
    rows = [row for row in body.rows if row.code and len(row.code) == 3 and len(row.amounts) > k and row.amounts[k]]
    if not rows:
        return None  # (charts.charts_for draws none for fewer than MIN_PARTS rows either)
    kind = classification(rows[0].code)
    direction = "revenue" if (st.standard and st.standard.key == "income") or kind == "revenue" else "expenditure"
    column = body.columns[k].replace("/", "")
    return FigureTable(f"{st.slug}-classes", f"{st.title}：各类{column}", st.table.unit,
                       tuple(Row(row.name, row.amounts[k], code=row.code) for row in rows), direction,
                       classification=None if kind == "revenue" else kind)
