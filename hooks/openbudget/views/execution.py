"""Budget against actual: a year's 预算 and 决算 side by side, figure by figure.

For every figure either document states: 预算数 (from the 预算; for the “三公”经费, from the
决算's own 预算数 where the 预算 does not state it), 决算数, the difference (决算 − 预算) and
the 执行率 (决算 ÷ 预算 × 100, Decimal, half-up to 2 places; none when 预算数 is 0), with
the 决算's published reason for the difference where it gives one. A figure only one
document states is 未公开 in the other, never 0. Each figure is the one the document states,
in its explanation or in its tables (document/resolved.py): the spending by 类 comes from the
explanation's list, else from the 一般公共预算支出表 of each document, and, when the 预算 states
none, from the 决算 table's own 预算数 column. Lines are matched the one way the site matches
them (classification.matched). Amounts in different units are converted exactly (to the 决算's).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from ..checks.rules import economic_list
from ..document.model import DepartmentYear
from ..document.record import Record
from ..vocabulary.classification import PROJECT, matched
from ..vocabulary.figures import PART, figure, name
from ..vocabulary.money import Delta, delta, in_unit
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
    apart: str | None = None  # why a line sharing another's code is a row of its own

    @property
    def difference(self) -> Decimal | None:
        return None if self.budgeted is None or self.actual is None else self.actual - self.budgeted

    @property
    def delta(self) -> Delta | None:
        """The difference with its percentage of 预算数 (half-up, as shares)."""
        return None if self.difference is None else delta(self.actual, self.budgeted)

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


# (line key, registry key) of the figures compared one to one
TOTALS = (("income-total", "income_total"), ("expenditure-total", "expenditure_total"), ("basic", "basic"),
          ("project", "project"))
OTHERS = (("operating-costs", "operating_costs"), ("procurement", "procurement"), ("assets", "assets_total"),
          ("assets-current", "assets_current"), ("assets-non-current", "assets_non_current"))
THREE_PUBLIC: list[tuple[str, str, Callable]] = [  # read from a ThreePublic or its `budgeted` block
    ("total", "three_public", lambda t: t.total),
    ("overseas", "overseas", lambda t: t.overseas),
    ("reception", "reception", lambda t: t.reception),
    ("vehicles", "vehicles", lambda t: t.vehicles and t.vehicles.total),
    ("vehicles-purchase", "vehicle_purchase", lambda t: t.vehicles and t.vehicles.purchase),
    ("vehicles-operation", "vehicle_operation", lambda t: t.vehicles and t.vehicles.operation),
]


def _fixed(budget: Record | None, final: Record, metrics) -> list[Line]:
    lines = (_line(key, name(figure), budget and budget.resolved.amount(figure), final.resolved.amount(figure)) for key, figure in metrics)
    return [line for line in lines if line is not None]


def _matched(prefix: str, budget: list, final: list, key: Callable, unit_b: str | None, unit_f: str | None,
             table: str | None = None, from_final: bool = False) -> list[Line]:
    """Lines of two lists matched the one way (classification.matched): the 决算's order, then
    lines only the 预算 has. from_final: the 预算数 are the ones the 决算 states (marked so)."""
    out, taken = [], set()
    pairs = matched([budget, final], table)
    for before, after in pairs:
        k = key(after or before)
        while k in taken:  # the same line printed twice: kept apart, never lost
            k += "+"
        taken.add(k)
        out.append(_line(f"{prefix}{k}", (after or before).name,
                         None if before is None else (before.amount, before.unit or unit_b),
                         None if after is None else (after.amount, after.unit or unit_f),
                         budget_from_final=from_final and before is not None))
    # two lines of one code but other names (codes are misprinted in real documents): kept apart, said so
    codes = [getattr(after or before, "code", None) for before, after in pairs]
    for i, code in enumerate(codes):
        others = [out[j].label for j, c in enumerate(codes) if code and c == code and j != i]
        if others:
            out[i] = replace(out[i], apart=f"与“{'”“'.join(others)}”科目编码同为 {code}，名称不同，分列两行，未合并计算")
    return out


def _function_key(line) -> str:
    return f"code-{line.code}" if line.code else f"name-{line.name}"


def _three_public(budget: DepartmentYear | None, final: DepartmentYear) -> list[Line]:
    planned, spent = budget.three_public if budget is not None else None, final.three_public
    stated = spent.budgeted if spent is not None else None  # the 决算's own 预算数
    reason = spent.reason if spent is not None else None
    lines = []
    for key, fig, value in THREE_PUBLIC:
        label = (PART if figure(fig).part_of == "vehicles" else "") + name(fig) + ("合计" if key == "total" else "")
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


def execution(budget: Record | None, final: Record) -> Execution:
    """budget: None when the site has the year's 决算 only (it then states its own 预算数)."""
    b, f = budget.data if budget is not None else None, final.data
    (planned, unit_b), (spent, unit_f) = budget.resolved.functional if budget is not None else ((), None), \
        final.resolved.functional
    from_final = not planned and bool(final.resolved.functional_budgeted)
    if from_final:  # the 决算 table's own 预算数 column
        planned, unit_b = final.resolved.functional_budgeted, None
    _, lines_b, economic_unit_b = economic_list(b) if b else (None, [], None)
    _, lines_f, economic_unit_f = economic_list(f)
    groups = [
        Group("totals", "收支总体情况", tuple(_fixed(budget, final, TOTALS))),
        Group("by-source", "收入按来源", tuple(_matched("source-", b.budget.by_source if b and b.budget else [],
                                                      f.budget.by_source if f.budget else [], lambda line: line.name,
                                                      b and b.budget and b.budget.unit, f.budget and f.budget.unit))),
        Group("by-economic", "按经济分类", tuple(_matched("economic-", lines_b, lines_f, economic_key,
                                                        economic_unit_b, economic_unit_f, "economic"))),
        Group("by-function", "按支出功能分类", tuple(_matched("function-", list(planned), list(spent), _function_key,
                                                        unit_b, unit_f, "functional", from_final))),
        Group("three-public", "“三公”经费", tuple(_three_public(b, f))),
        Group("others", "机关运行经费、政府采购和国有资产", tuple(_fixed(budget, final, OTHERS))),
    ]
    return Execution(final.year, tuple(g for g in groups if g.lines))


#: lines that add up others: left out of the chart, where they would dwarf every part
AGGREGATES = frozenset({"income-total", "expenditure-total", "three-public-total", "assets",
                        f"economic-{PROJECT}"})  # 项目支出 is in 收支总体情况 already: not counted twice


def largest(table: Execution, unit: str, n: int = LARGEST) -> list[tuple[str, Decimal]]:
    """The parts with the largest differences, in one unit: (label, signed difference)."""
    found = [(f"{g.title}：{line.label}", in_unit(line.difference, line.unit, unit))
             for g, line in table.lines() if line.difference is not None and line.key not in AGGREGATES
             and line.difference != 0]
    return sorted(found, key=lambda item: abs(item[1]), reverse=True)[:n]
