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
from decimal import Decimal

from ..checks.rules import economic_list
from ..document.model import DepartmentYear
from ..document.record import Record
from ..sources.site import Department
from ..vocabulary.classification import economic_class, matched
from ..vocabulary.figures import label
from ..vocabulary.money import Delta, delta, in_unit
from ..vocabulary.phases import BUDGET

Figure = tuple[Decimal, str] | None  # (amount, unit) as published, or not published


Change = Delta  # amount and percent (vocabulary/money.py); percent None when the earlier year is zero


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
            out.append(delta(after, before))
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


# (series key: anchors and chart names, registry key) of each fixed figure, in the page's order
HEADLINE = (("income-total", "income_total"), ("basic", "basic"), ("project", "project"),
            ("three-public", "three_public"), ("operating-costs", "operating_costs"), ("assets", "assets_total"))
THREE_PUBLIC = (("overseas", "overseas"), ("reception", "reception"), ("vehicles", "vehicles"))
ASSETS = (("current", "assets_current"), ("non-current", "assets_non_current"))


def _fixed(records: list[Record], metrics, phase: str) -> list[Series]:
    out = []
    for key, figure in metrics:
        figures = [r.resolved.amount(figure) for r in records]
        if any(f is not None for f in figures):
            out.append(_series(key, label(figure, phase), figures))
    return out


def economic_key(line) -> str:
    """A line's class; a name the classification does not know is matched by that name only."""
    return economic_class(line) or f"name-{line.name}"


def _lines(docs: list[DepartmentYear], lines: Callable, unit: Callable, table: str) -> list[tuple[object, list[Figure]]]:
    """Each line across the years, matched the one way (classification.matched): the latest
    year's line (its name and code label the row) and the figure of every year."""
    out = []
    for row in matched([lines(d) for d in docs], table):
        latest = next(line for line in reversed(row) if line is not None)
        out.append((latest, [None if line is None else (line.amount, line.unit or unit(d)) for line, d in zip(row, docs)]))
    return out


def _economic(docs: list[DepartmentYear]) -> list[Series]:
    return [_series(f"economic-{economic_key(line)}", line.name, figures)
            for line, figures in _lines(docs, lambda d: economic_list(d)[1],  # 收支's, else 支出's lines
                                        lambda d: economic_list(d)[2], "economic")]


def _functional(docs: list[DepartmentYear]) -> list[Series]:
    """Functional lines matched across years by code and name (classification.same_line), so no
    published figure is lost: two lines of one code but different names (a misprinted code, or
    a class renamed between years) are two rows, each 未公开 in the years it was not published
    under that name, and every figure stays under the name it was published with."""
    out, seen = [], {}
    for line, figures in _lines(docs, lambda d: d.expenditure.by_function if d.expenditure else [],
                                lambda d: d.expenditure.unit, "functional"):
        n = seen[(line.code, line.name)] = seen.get((line.code, line.name), 0) + 1
        key = f"function-{line.code}-{line.name}-{n}" if line.code else f"function-{line.name}-{n}"
        label_ = (f"{line.code} " if line.code else "") + line.name + (f"（同名第 {n} 项）" if n > 1 else "")
        out.append(_series(key, label_, figures))
    return out


def comparison(department: Department, phase: str = BUDGET) -> tuple[list[int], list[Group]]:
    """Years (oldest first) and the comparison tables of one kind of document: 预算 with 预算,
    决算 with 决算 (a 决算 figure compared with last year's 预算 would be no change at all)."""
    series = department.series(phase)
    years = sorted(series)
    records = [series[y] for y in years]
    docs = [r.data for r in records]
    groups = [
        Group("headline", "主要数字", tuple(_fixed(records, HEADLINE, phase))),
        Group("economic", "按经济分类", tuple(_economic(docs))),
        Group("functional", "按支出功能分类", tuple(_functional(docs))),
        Group("three-public", "“三公”经费", tuple(_fixed(records, THREE_PUBLIC, phase))),
        Group("assets", "国有资产", tuple(_fixed(records, ASSETS, phase))),
    ]
    return years, [g for g in groups if g.series]
