"""The whole county: every published department's figures side by side, and their sums.

A council member's first question is comparative: what the county spends on each class of
spending across its departments, which departments spend most, which have not published.
This module adds up what the departments of one public body (jurisdictions.py) published
for a year, exactly (Decimal, every amount converted to 万元 without rounding), and says
how many departments each sum covers: a sum over the published documents is never the
county's whole budget, and the page says so.

Functional classes (类) come from each document's 部门支出总表, else its 一般公共预算支出表
and 政府性基金预算支出表 (each table's column of this year's spending, statements.this_year:
a 决算's fund table opens with the balance brought forward), else the explanation's 按支出功能分类 list; economic classes from
the explanation's 按经济分类 list. A department that publishes neither is counted in the
department table only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..checks.counts import counted
from ..checks.rules import economic_list
from ..document.record import Record
from ..document.statements import by_key, this_year
from ..vocabulary.classification import economic_class
from ..vocabulary.classification import tables as classification_tables
from ..vocabulary.money import Delta, delta, in_unit
from .glance import Reason, stated_reason

UNIT = "万元"  # every county figure, converted exactly
CHANGES = 3  # departments named in each list of the largest rises and falls
FIGURES = ("income_total", "three_public", "operating_costs")  # the columns of money, in DepartmentRow's order


@dataclass(frozen=True)
class Figure:
    amount: Decimal  # in UNIT
    change: Decimal | None = None  # from the same department's previous year, in UNIT
    url: str | None = None  # the page that states it

    @property
    def delta(self) -> Delta | None:
        """The change with its percentage of last year's figure (half-up, as shares); None: 上年未公开."""
        if self.change is None:
            return None
        return delta(self.amount, self.amount - self.change)


@dataclass(frozen=True)
class PerStaff:
    """本站计算: the document's 支出 total ÷ its 在职 count, both named beside the result."""
    spending: Decimal  # in UNIT, as the document states it (converted exactly)
    staff: int
    spending_label: str  # the figure's name in the document's phase: 支出预算总额

    @property
    def amount(self) -> Decimal:
        return (self.spending / self.staff).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class DepartmentRow:
    slug: str
    name: str
    url: str  # the department-year's overview
    total: Figure | None  # 收入总额; None when the document does not state it (left out of the sums)
    three_public: Figure | None
    operating_costs: Figure | None
    authorized: Figure | None = None  # 编制数, as a count (counts.py)
    staff: Figure | None = None  # 实有在职人数
    per_staff: PerStaff | None = None  # where the document states both its 支出 total and 在职 count
    reason: Reason | None = None  # the document's own reason for its total's change (glance.stated_reason)


@dataclass
class ClassSum:
    code: str
    name: str
    amount: Decimal = Decimal(0)
    departments: list[str] = field(default_factory=list)  # slugs whose figures it adds


@dataclass(frozen=True)
class Summary:
    year: int
    published: tuple[DepartmentRow, ...]  # sorted by total, largest first
    expected: int | None  # departments expected to publish; None when the site is not told
    unpublished: tuple[tuple[str, str], ...]  # (slug, name) of expected departments without a document
    functional: tuple[ClassSum, ...]
    economic: tuple[ClassSum, ...]

    @property
    def counts(self) -> tuple[str, ...]:
        """The counts any department states: 编制 and 在职 columns are shown only then."""
        return tuple(of for of, attr in (("编制", "authorized"), ("在职", "staff"))
                     if any(getattr(r, attr) is not None for r in self.published))

    @property
    def has_per_staff(self) -> bool:
        return any(r.per_staff is not None for r in self.published)

    def largest_changes(self) -> tuple[tuple[DepartmentRow, ...], tuple[DepartmentRow, ...]]:
        """变化最大: the departments whose total rose most, and fell most, from last year (万元)."""
        changed = [r for r in self.published if r.total is not None and r.total.change]
        rises = sorted((r for r in changed if r.total.change > 0), key=lambda r: (-r.total.change, r.slug))
        falls = sorted((r for r in changed if r.total.change < 0), key=lambda r: (r.total.change, r.slug))
        return tuple(rises[:CHANGES]), tuple(falls[:CHANGES])

    @property
    def label(self) -> str:
        counted = f"已公开的 {len(self.published)} 个部门合计"
        return counted + (f"（共 {self.expected} 个）" if self.expected is not None else "")


def _wan(amount: Decimal, unit: str) -> Decimal:
    return in_unit(amount, unit, UNIT)


def _figure(record: Record, previous: Record | None, key: str) -> Figure | None:
    """A figure as the document states it (document/resolved.py), in UNIT, with its change from
    the same figure last year; None: not stated, never 0."""
    now = record.resolved.get(key)
    if now is None:
        return None
    before = previous.resolved.get(key) if previous else None
    amount = _wan(now.amount, now.unit)
    return Figure(amount, None if before is None else amount - _wan(before.amount, before.unit),
                  record.base + now.source.url)


def _people(record: Record | None, of: str) -> Figure | None:
    c = counted(record.data, of) if record else None
    return Figure(Decimal(c.count)) if c else None


def _count_figure(record: Record, previous: Record | None, of: str) -> Figure | None:
    """A count (people, not money), with its change from last year's same count."""
    now, before = _people(record, of), _people(previous, of)
    return None if now is None else Figure(now.amount, None if before is None else now.amount - before.amount)


def per_staff(record: Record) -> PerStaff | None:
    spent, staff = record.resolved.get("expenditure_total"), counted(record.data, "在职")
    if spent is None or staff is None or not staff.count:
        return None
    return PerStaff(_wan(spent.amount, spent.unit), staff.count, spent.label)


def department_row(record: Record, previous: Record | None, url: str) -> DepartmentRow:
    return DepartmentRow(record.slug, record.data.department, url,
                         *(_figure(record, previous, key) for key in FIGURES),
                         _count_figure(record, previous, "编制"), _count_figure(record, previous, "在职"),
                         per_staff(record), stated_reason(record, record.base))


def functional_classes(record: Record) -> dict[str, Decimal]:
    """A document's spending by 类 (code → amount in UNIT), from its tables, else its explanation."""
    tables = by_key(record.data)
    for keys in (("expenditure",), ("general-public", "government-fund")):
        found = [tables[k] for k in keys if k in tables and tables[k].table.sides is None]
        if found and keys[0] in tables:
            out: dict[str, Decimal] = {}
            for st in found:
                body = st.table.bodies[0][2]
                if (k := this_year(st, body)) is None:
                    continue  # no column of this year's spending (a table of balances): adds nothing
                for row in body.rows:
                    if row.code and len(row.code) == 3 and len(row.amounts) > k and row.amounts[k] is not None:
                        out[row.code] = out.get(row.code, Decimal(0)) + _wan(row.amounts[k], st.table.unit)
            if out:
                return out
    e = record.data.expenditure
    if e is None:
        return {}
    names = classification_tables()["functional"].by_name
    lines = [(line.code or (names[line.name].code if line.name in names else None), line) for line in e.by_function]
    out = {}
    for code, line in lines:
        if code and len(code) == 3:
            out[code] = out.get(code, Decimal(0)) + _wan(line.amount, line.unit or e.unit)
    return out


def economic_classes(record: Record) -> dict[str, Decimal]:
    _, lines, unit = economic_list(record.data)  # the 收支 section's lines, else the 支出 section's
    out: dict[str, Decimal] = {}
    for line in lines:
        if (key := economic_class(line)) is not None:
            out[key] = out.get(key, Decimal(0)) + _wan(line.amount, line.unit or unit)
    return out


def _sums(records: list[Record], classes, table: str) -> tuple[ClassSum, ...]:
    known = classification_tables()[table].by_key
    sums: dict[str, ClassSum] = {}
    for record in records:
        for code, amount in classes(record).items():
            entry = sums.setdefault(code, ClassSum(code, known[code].name if code in known else code))
            entry.amount += amount
            entry.departments.append(record.slug)
    return tuple(sorted(sums.values(), key=lambda s: (-s.amount, s.code)))


def summary(year: int, records: list[Record], previous: dict[str, Record], urls: dict[str, str],
            expected: dict[str, str] | None) -> Summary:
    """The year's sums over the published records; expected maps slug → name when configured."""
    rows = sorted((department_row(r, previous.get(r.slug), urls[r.slug]) for r in records),
                  key=lambda row: (row.total is None, -(row.total.amount if row.total else 0), row.slug))
    published = {r.slug for r in records}
    missing = tuple((slug, name) for slug, name in (expected or {}).items() if slug not in published)
    return Summary(year, tuple(rows), len(expected) if expected is not None else None, missing,
                   _sums(records, functional_classes, "functional"), _sums(records, economic_classes, "economic"))
