"""Year-over-year comparison of one department: each figure per year, its change, in Decimal.

A figure the document of some year did not publish is 未公开 (None), never zero. Lines are
matched across years by what they are: an economic class (by its code, or the standard
name or alias its published name resolves to, so 工资性支出 in one year and 工资福利支出 in
another are one line), a functional code and name, a fixed part of the 三公 or the assets. Amounts published in different units are converted
exactly to the unit of the latest year that published the figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..document.model import DepartmentYear
from ..sources.site import Department
from ..vocabulary.classification import economic_class
from ..vocabulary.money import in_unit
from ..vocabulary.phases import BUDGET

Figure = tuple[Decimal, str] | None  # (amount, unit) as published, or not published


@dataclass(frozen=True)
class Change:
    amount: Decimal
    percent: Decimal | None  # None when the earlier year is zero


@dataclass(frozen=True)
class Series:
    key: str  # stable, for anchors and chart names
    label: str
    unit: str
    values: tuple[Decimal | None, ...]  # one per year, oldest first; None = 未公开

    def changes(self) -> list[Change | None]:
        out: list[Change | None] = []
        for before, after in zip(self.values, self.values[1:]):
            if before is None or after is None:
                out.append(None)
                continue
            percent = None if before == 0 else ((after - before) * 100 / before).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP)
            out.append(Change(after - before, percent))
        return out

    @property
    def published(self) -> int:
        return sum(v is not None for v in self.values)


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    series: tuple[Series, ...]


def _in_unit(figure: Figure, unit: str) -> Decimal | None:
    return None if figure is None else in_unit(*figure, unit)


def _series(key: str, label: str, figures: list[Figure]) -> Series:
    unit = next(f[1] for f in reversed(figures) if f is not None)
    return Series(key, label, unit, tuple(_in_unit(f, unit) for f in figures))


Extract = Callable[[DepartmentYear], Figure]

HEADLINE: list[tuple[str, str, Extract]] = [
    ("income-total", "收入预算总额", lambda d: (d.budget.income_total, d.budget.unit)),
    ("basic", "基本支出", lambda d: (d.expenditure.basic, d.expenditure.unit)
     if d.expenditure and d.expenditure.basic is not None else None),
    ("project", "项目支出", lambda d: (d.expenditure.project, d.expenditure.unit)
     if d.expenditure and d.expenditure.project is not None else None),
    ("three-public", "“三公”经费", lambda d: (d.three_public.total, d.three_public.unit) if d.three_public else None),
    ("operating-costs", "机关运行经费", lambda d: (d.operating_costs.amount, d.operating_costs.unit)
     if d.operating_costs else None),
    ("assets", "资产总额", lambda d: (d.assets.total, d.assets.unit) if d.assets else None),
]

def _stated(section, amount: Callable) -> Figure:
    """A part of a section, if the section and the part were published (None: 未公开, never 0)."""
    value = None if section is None else amount(section)
    return None if value is None else (value, section.unit)


THREE_PUBLIC: list[tuple[str, str, Extract]] = [
    ("overseas", "因公出国（境）经费", lambda d: _stated(d.three_public, lambda t: t.overseas)),
    ("reception", "公务接待费", lambda d: _stated(d.three_public, lambda t: t.reception)),
    ("vehicles", "公务用车购置及运行维护费", lambda d: _stated(d.three_public, lambda t: t.vehicles and t.vehicles.total)),
]

ASSETS: list[tuple[str, str, Extract]] = [
    ("current", "流动资产", lambda d: (d.assets.current, d.assets.unit) if d.assets else None),
    ("non-current", "非流动资产", lambda d: (d.assets.non_current, d.assets.unit) if d.assets else None),
]


def _fixed(docs: list[DepartmentYear], metrics: list[tuple[str, str, Extract]]) -> list[Series]:
    out = []
    for key, label, extract in metrics:
        figures = [extract(d) for d in docs]
        if any(f is not None for f in figures):
            out.append(_series(key, label, figures))
    return out


def economic_key(line) -> str:
    """A line's class; a name the classification does not know is matched by that name only."""
    return economic_class(line) or f"name-{line.name}"


def _economic(docs: list[DepartmentYear]) -> list[Series]:
    classes: dict[str, str] = {}  # class → label as published in the latest year that has it
    for d in reversed(docs):
        for line in d.budget.by_economic:
            classes.setdefault(economic_key(line), line.name)
    out = []
    for cls, label in classes.items():
        figures: list[Figure] = [next(((l.amount, l.unit or d.budget.unit) for l in d.budget.by_economic
                                      if economic_key(l) == cls), None) for d in docs]
        out.append(_series(f"economic-{cls}", label, figures))
    return out


def _functional_lines(d: DepartmentYear) -> dict[tuple, object]:
    """A year's functional lines by (code, name, how many such lines came before it)."""
    lines: dict[tuple, object] = {}
    for line in d.expenditure.by_function if d.expenditure else []:
        n = sum(1 for key in lines if key[:2] == (line.code, line.name))
        lines[(line.code, line.name, n)] = line
    return lines


def _functional(docs: list[DepartmentYear]) -> list[Series]:
    """Functional lines matched across years by code AND name, so no published figure is lost.

    Matching by code alone let two lines of one code (a misprinted code, or a class renamed
    between years) compete for one row: one figure vanished, or stood under another year's
    name. A line is the same line in another year only when both its code and its name are
    the same; a renamed class shows as two rows, each 未公开 in the years it was not published
    under that name, and every figure stays in the table under the name it was published with.
    """
    per_year = [_functional_lines(d) for d in docs]
    keys: list[tuple] = []  # in the order of the latest year that has each line
    for lines in reversed(per_year):
        keys += [key for key in lines if key not in keys]
    out = []
    for code, name, n in keys:
        label = (f"{code} " if code else "") + name + (f"（同名第 {n + 1} 项）" if n else "")
        figures: list[Figure] = [(lines[(code, name, n)].amount, lines[(code, name, n)].unit or d.expenditure.unit)
                                 if (code, name, n) in lines else None for lines, d in zip(per_year, docs)]
        out.append(_series(f"function-{code}-{name}-{n + 1}" if code else f"function-{name}-{n + 1}", label, figures))
    return out


def comparison(department: Department, phase: str = BUDGET) -> tuple[list[int], list[Group]]:
    """Years (oldest first) and the comparison tables of one kind of document: 预算 with 预算,
    决算 with 决算 (a 决算 figure compared with last year's 预算 would be no change at all)."""
    series = department.series(phase)
    years = sorted(series)
    docs = [series[y].data for y in years]
    headline = [(key, label.replace("预算", phase) if key == "income-total" else label, extract)
                for key, label, extract in HEADLINE]
    groups = [
        Group("headline", "主要数字", tuple(_fixed(docs, headline))),
        Group("economic", "按经济分类", tuple(_economic(docs))),
        Group("functional", "按支出功能分类", tuple(_functional(docs))),
        Group("three-public", "“三公”经费", tuple(_fixed(docs, THREE_PUBLIC))),
        Group("assets", "国有资产", tuple(_fixed(docs, ASSETS))),
    ]
    return years, [g for g in groups if g.series]
