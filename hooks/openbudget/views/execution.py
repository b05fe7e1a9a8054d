"""Budget against actual: a year's 预算 and 决算 side by side, figure by figure.

For every figure either document states: 预算数 (from the 预算; for the “三公”经费, from the
决算's own 预算数 where the 预算 does not state it), 决算数, the difference (决算 − 预算) and
the 执行率 (决算 ÷ 预算 × 100, Decimal, half-up to 2 places; none when 预算数 is 0), with
the 决算's published reason for the difference where it gives one. A figure only one
document states is 未公开 in the other, never 0. Lines are matched as 历年对比 matches
them (compare.py): an economic class by its code or standard name, a functional line by
its code, else its name. Amounts in different units are converted exactly (to the 决算's).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from ..document.model import DepartmentYear
from ..document.record import Record
from ..vocabulary.money import in_unit
from .compare import economic_key

RATE_ROUNDING = "执行率 = 决算数 ÷ 预算数 × 100%，由本站计算，四舍五入保留两位小数；预算数为 0 时不计算（—）"
LARGEST = 5  # differences drawn in the chart

Figure = tuple[Decimal, str] | None  # (amount, unit) as published; None: not stated


@dataclass(frozen=True)
class Line:
    key: str  # stable: group and what the figure is, e.g. three-public-reception
    label: str
    unit: str
    budgeted: Decimal | None  # 预算数 in `unit`; None: 未公开
    actual: Decimal | None  # 决算数 in `unit`; None: 未公开
    reason: str | None = None  # the 决算's published reason for the difference
    budget_from_final: bool = False  # 预算数 as the 决算 states it (the 预算 does not)
    final_states: Decimal | None = None  # the 预算数 the 决算 states, where it differs from the 预算's (in `unit`)

    @property
    def difference(self) -> Decimal | None:
        return None if self.budgeted is None or self.actual is None else self.actual - self.budgeted

    @property
    def rate(self) -> Decimal | None:
        """执行率 in percent; None when either figure is 未公开 or 预算数 is 0."""
        if self.budgeted is None or self.actual is None or self.budgeted == 0:
            return None
        return (self.actual * 100 / self.budgeted).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    lines: tuple[Line, ...]

    @property
    def units(self) -> list[str]:
        return sorted({line.unit for line in self.lines})

    @property
    def has_reasons(self) -> bool:
        return any(line.reason for line in self.lines)


@dataclass(frozen=True)
class Execution:
    year: int
    groups: tuple[Group, ...]

    def lines(self) -> list[tuple[Group, Line]]:
        return [(g, line) for g in self.groups for line in g.lines]


def _line(key: str, label: str, budgeted: Figure, actual: Figure, **extra) -> Line | None:
    """Both figures in one unit (the 决算's, else the 预算's), exactly; None when neither is stated."""
    if budgeted is None and actual is None:
        return None
    unit = (actual or budgeted)[1]  # type: ignore[index]
    convert = (lambda f: None if f is None else in_unit(f[0], f[1], unit))
    return Line(key, label, unit, convert(budgeted), convert(actual), **extra)


def _stated(section, value: Callable) -> Figure:
    amount = None if section is None else value(section)
    return None if amount is None else (amount, section.unit)


Extract = Callable[[DepartmentYear], Figure]

TOTALS: list[tuple[str, str, Extract]] = [
    ("income-total", "收入总额", lambda d: (d.budget.income_total, d.budget.unit)),
    ("expenditure-total", "支出总额", lambda d: _stated(d.budget, lambda b: b.expenditure_total)),
    ("basic", "基本支出", lambda d: _stated(d.expenditure, lambda e: e.basic)),
    ("project", "项目支出", lambda d: _stated(d.expenditure, lambda e: e.project)),
]
OTHERS: list[tuple[str, str, Extract]] = [
    ("operating-costs", "机关运行经费", lambda d: _stated(d.operating_costs, lambda o: o.amount)),
    ("procurement", "政府采购", lambda d: _stated(d.procurement, lambda p: p.amount) if d.procurement and d.procurement.unit
     else None),
    ("assets", "资产总额", lambda d: _stated(d.assets, lambda a: a.total)),
    ("assets-current", "流动资产", lambda d: _stated(d.assets, lambda a: a.current)),
    ("assets-non-current", "非流动资产", lambda d: _stated(d.assets, lambda a: a.non_current)),
]
THREE_PUBLIC: list[tuple[str, str, Callable]] = [  # read from a ThreePublic or its `budgeted` block
    ("total", "“三公”经费合计", lambda t: t.total),
    ("overseas", "因公出国（境）经费", lambda t: t.overseas),
    ("reception", "公务接待费", lambda t: t.reception),
    ("vehicles", "公务用车购置及运行维护费", lambda t: t.vehicles and t.vehicles.total),
    ("vehicles-purchase", "其中：公务用车购置费", lambda t: t.vehicles and t.vehicles.purchase),
    ("vehicles-operation", "其中：公务用车运行维护费", lambda t: t.vehicles and t.vehicles.operation),
]


def _fixed(prefix: str, budget: DepartmentYear, final: DepartmentYear, metrics) -> list[Line]:
    lines = (_line(f"{prefix}{key}", label, extract(budget), extract(final)) for key, label, extract in metrics)
    return [line for line in lines if line is not None]


def _matched(prefix: str, budget: list, final: list, key: Callable, unit_b: str, unit_f: str) -> list[Line]:
    """Lines of two lists matched by key: the 决算's order, then lines only the 预算 has."""
    def by_key(lines: list, unit: str) -> dict[str, tuple[str, Figure]]:
        out: dict[str, tuple[str, Figure]] = {}
        for line in lines:
            k = key(line)
            while k in out:  # the same line printed twice: kept apart, never lost
                k += "+"
            out[k] = (line.name, (line.amount, line.unit or unit))
        return out

    before, after = by_key(budget, unit_b), by_key(final, unit_f)
    keys = list(after) + [k for k in before if k not in after]
    return [_line(f"{prefix}{k}", (after.get(k) or before[k])[0], before.get(k, (None, None))[1],
                  after.get(k, (None, None))[1]) for k in keys]  # type: ignore[misc]


def _function_key(line) -> str:
    return f"code-{line.code}" if line.code else f"name-{line.name}"


def _three_public(budget: DepartmentYear, final: DepartmentYear) -> list[Line]:
    planned, spent = budget.three_public, final.three_public
    stated = spent.budgeted if spent is not None else None  # the 决算's own 预算数
    reason = spent.reason if spent is not None else None
    lines = []
    for key, label, value in THREE_PUBLIC:
        b = None if planned is None else value(planned)
        from_final = b is None and stated is not None and value(stated) is not None
        budgeted = (b, planned.unit) if b is not None else (value(stated), spent.unit) if from_final else None
        actual = None if spent is None or value(spent) is None else (value(spent), spent.unit)
        line = _line(f"three-public-{key}", label, budgeted, actual, budget_from_final=from_final,
                     reason=reason if key == "total" else None)
        if line is not None and not from_final and stated is not None and value(stated) is not None:
            theirs = in_unit(value(stated), spent.unit, line.unit)  # e.g. a budget adjusted during the year
            if theirs != line.budgeted:
                line = replace(line, final_states=theirs)
        if line is not None:
            lines.append(line)
    return lines


def execution(budget: Record, final: Record) -> Execution:
    b, f = budget.data, final.data
    groups = [
        Group("totals", "收支总体情况", tuple(_fixed("", b, f, TOTALS))),
        Group("by-source", "收入按来源", tuple(_matched("source-", b.budget.by_source, f.budget.by_source,
                                                      lambda line: line.name, b.budget.unit, f.budget.unit))),
        Group("by-economic", "按经济分类", tuple(_matched("economic-", b.budget.by_economic, f.budget.by_economic,
                                                        economic_key, b.budget.unit, f.budget.unit))),
        Group("by-function", "按支出功能分类", tuple(_matched(
            "function-", b.expenditure.by_function if b.expenditure else [],
            f.expenditure.by_function if f.expenditure else [], _function_key,
            b.expenditure.unit if b.expenditure else "", f.expenditure.unit if f.expenditure else ""))),
        Group("three-public", "“三公”经费", tuple(_three_public(b, f))),
        Group("others", "机关运行经费、政府采购和国有资产", tuple(_fixed("", b, f, OTHERS))),
    ]
    return Execution(final.year, tuple(g for g in groups if g.lines))


#: lines that add up others: left out of the chart, where they would dwarf every part
AGGREGATES = frozenset({"income-total", "expenditure-total", "three-public-total", "assets"})


def largest(table: Execution, unit: str, n: int = LARGEST) -> list[tuple[str, Decimal]]:
    """The parts with the largest differences, in one unit: (label, signed difference)."""
    found = [(f"{g.title}：{line.label}", in_unit(line.difference, line.unit, unit))
             for g, line in table.lines() if line.difference is not None and line.key not in AGGREGATES
             and line.difference != 0]
    return sorted(found, key=lambda item: abs(item[1]), reverse=True)[:n]
