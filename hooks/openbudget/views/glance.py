"""The answer first: how much, compared with last year, spent on what.

What a resident looks for in the first screen of a department-year: the total the document
states (its 收入总额, else its 支出总额, else its 一般公共预算支出合计, saying where it comes
from; none when it states none), its change from the previous year (from last year's file on
this site, the same figure, else as the document itself states it, else 上年未公开), and the
three largest uses with their shares. All exact Decimal, in the document's own unit; shares
and percentages rounded half-up to 2 places.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from ..document.record import Record
from ..document.resolved import Source, Stated
from ..vocabulary.classification import same_line
from ..vocabulary.money import Delta, delta, in_unit, share
from .tables import FigureTable

TOP = 3  # uses named in words


@dataclass(frozen=True)
class Change:
    amount: Decimal  # signed, in the total's unit
    percent: Decimal | None  # None when last year's total was 0
    source: str  # where last year's figure comes from, said beside it


@dataclass(frozen=True)
class Reason:
    """Why a figure changed, in the document's own words, and the page and sentence that say so."""
    text: str
    url: str  # the section page, at the reason (macros.previous_year: #stated-change-reason)


REASON_ANCHOR = "stated-change-reason"


def stated_reason(record: Record, base: str) -> Reason | None:
    """The budget's stated reason for its income's change from last year (主要是……); None where it states none."""
    b = record.data.budget
    if b is None or b.stated_change is None or not b.stated_change.reason:
        return None
    return Reason(b.stated_change.reason, f"{base}{record.data.placed('budget').slug}/#{REASON_ANCHOR}")


@dataclass(frozen=True)
class Use:
    label: str
    amount: Decimal
    share: Decimal | None
    url: str  # the section page that lists it
    words: str | None = None  # what the document says it is for (主要用于……), quoted; None where it says nothing
    at: str | None = None  # the row on its section page that states those words


@dataclass(frozen=True)
class Glance:
    label: str | None  # 收入预算总额; None: the document states no total
    total: Decimal | None
    unit: str | None
    change: Change | None  # None: 上年未公开
    uses: tuple[Use, ...]
    uses_of: str  # what the uses divide: 按支出功能分类 / 按经济分类
    source: Source | None = None  # where the total comes from, said when it is a table's
    reason: Reason | None = None  # the document's own reason for the total's change, where it states one
    spending: Stated | None = None  # the document's 支出 total beside its 收入 total, when it states both


def glance(record: Record, previous: Record | None, base: str, tables: dict[str, list[FigureTable]]) -> Glance:
    """tables: the document's figure tables by section key (views/year.py computes them once)."""
    total = record.resolved.headline()
    if total is None:
        return Glance(None, None, None, None, *_uses(record, base, tables))
    return Glance(total.label, total.amount, total.unit, change(record, previous), *_uses(record, base, tables),
                  total.source if total.source.table else None,
                  stated_reason(record, base) if total.key == "income_total" else None,
                  record.resolved.get("expenditure_total") if total.key == "income_total" else None)


def change(record: Record, previous: Record | None) -> Change | None:
    """The headline total's change from the previous year, if either source gives it: last
    year's same figure (`previous` is last year's document of the same kind, 预算 with 预算,
    决算 with 决算), else the document's own previous-year income total."""
    now = record.resolved.headline()
    if now is None:
        return None
    if previous is not None and previous.year == record.year - 1 and previous.phase == record.phase \
            and (before := previous.resolved.get(now.key)) is not None:
        last = in_unit(before.amount, before.unit, now.unit)
        return Change(now.amount - last, share(now.amount - last, last), f"与本站 {previous.year} 年{previous.year_title.removeprefix(f'{previous.year}年')}数据相比")
    b = record.data.budget
    if now.key == "income_total" and b is not None and b.previous_income_total is not None:
        diff = now.amount - b.previous_income_total  # the document's own previous-year figure, in its unit
        return Change(diff, share(diff, b.previous_income_total), "按原文所列上年数字计算")
    return None


def _uses(record: Record, base: str, tables: dict[str, list[FigureTable]]) -> tuple[tuple[Use, ...], str]:
    """The largest parts of the functional classification, else of the economic one."""
    for key, table_id, slug, what in (("expenditure", "by-function", "expenditure", "按支出功能分类"),
                                      ("budget", "income-by-economic", "budget", "按经济分类")):
        table = next((t for t in tables.get(key, ()) if t.id == table_id), None)
        if table is None:
            continue
        parts = [r for r in table.rows if not r.total and not r.sub and r.amount is not None]
        total = next((r.in_unit(table.unit) for r in table.rows if r.total), None)
        ranked = sorted(parts, key=lambda r: r.in_unit(table.unit), reverse=True)[:TOP]
        url = base + record.data.placed(key).slug + "/"
        anchors = dict(zip(table.rows, table.anchors))
        return tuple(Use(r.label, r.in_unit(table.unit), share(r.in_unit(table.unit), total) if total else None, url,
                         *(_words(record, key, r, url + "#" + anchors[r]) if i == 0 else (None, None)))
                     for i, r in enumerate(ranked)), f"{what}，单位：{table.unit}"
    return (), ""


USE_WORDS = ("主要用于", "用于")  # where a line's published sentence starts saying what the money is for


def _words(record: Record, key: str, row, at: str) -> tuple[str | None, str | None]:
    """The largest use in the document's own words: its line's published sentence from 主要用于
    (or 用于) on, as printed; (None, None) where the line has no such sentence."""
    section = record.data.part(key)
    lines = getattr(section, "by_function" if key == "expenditure" else "by_economic", None) or []
    line = next((line for line in lines if same_line(line, _line(row), None)), None)
    text = getattr(line, "text", None) if line is not None else None
    for word in USE_WORDS if text else ():
        if word in text:
            return text[text.index(word):], at
    return None, None


def _line(row):
    """A table row as classification.same_line reads a line: its code and its name."""
    return SimpleNamespace(code=row.code, name=row.label)


def row_changes(table: FigureTable, before: FigureTable | None) -> tuple[Delta | None, ...] | None:
    """Each row's change (amount and percent) from the same row of last year's same table, in this table's unit
    (matched the one way the site matches lines: classification.same_line); None where last
    year has no such figure."""
    if before is None:
        return None
    out = []
    for row in table.rows:
        match = next((r for r in before.rows if r.total == row.total
                      and same_line(_line(r), _line(row), table.classification)), None)
        if match is None or match.amount is None or row.amount is None:
            out.append(None)
        else:
            out.append(delta(row.in_unit(table.unit), in_unit(match.amount, match.unit or before.unit, table.unit)))
    return tuple(out) if any(c is not None for c in out) else None
