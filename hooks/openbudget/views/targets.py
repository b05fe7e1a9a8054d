"""Targets against results: what a department promised in its 预算 and what its 决算 reported.

Each target of a year's 预算 (its work plan's and its performance section's, in the document's
order) is paired with the result the same year's 决算 reports (its 绩效自评表), matched by
indicator the one way the site matches lines (classification.same_line). A result no target
matches (a 决算 whose 预算 is not on the site) stands on its own, against the 年度指标值 its own
table prints. The outcome is vocabulary/targets.outcome: 达到 / 未达到 (本站比对) only where both
are numbers with a comparison; 未能比对 otherwise; 未报告 where no result is reported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote

from ..document.model import DepartmentYear, Result, Target
from ..document.record import Record
from ..sources.site import Department
from ..vocabulary.classification import same_line
from ..vocabulary.figures import targets as target_specs
from ..vocabulary.phases import BUDGET, FINAL
from ..vocabulary.targets import MET, NOT_MET, NOT_REPORTED, outcome, read


@dataclass(frozen=True)
class TargetRow:
    section: str  # the section whose page lists it: work_plan, performance
    indicator: str
    levels: tuple[str, ...]
    value: str | None  # the target as published (the 预算's, else the 自评表's 年度指标值)
    read_as: str | None  # the site's reading of it: ≥70% (None: qualitative)
    sentence: str | None
    actual: str | None  # 实际完成值 as published; None: 未报告
    reason: str | None  # 偏差原因 as published
    outcome: str

    @property
    def compared(self) -> bool:
        return self.outcome in (MET, NOT_MET)

    def sentence_link(self, page: str) -> str | None:
        """The target's page, scrolled to its sentence (a text fragment: no markup added to the text)."""
        return None if self.sentence is None else f"{page}#:~:text={quote(self.sentence, safe='')}"


def _targets(dy: DepartmentYear | None) -> list[tuple[str, Target]]:
    out = []
    for spec in target_specs():
        kind, field = spec.section
        section = dy.part(kind) if dy is not None else None
        if section is not None and field == "targets":
            out += [(kind, t) for t in section.targets]
    return out


def _results(dy: DepartmentYear | None) -> list[Result]:
    section = dy.part("performance") if dy is not None else None
    return list(section.results) if section is not None else []


def pair(budget: DepartmentYear | None, final: DepartmentYear | None) -> list[TargetRow]:
    """Every target of the 预算 with its result from the 决算, then the 决算's results no target matches."""
    results = _results(final)
    used: set[int] = set()
    rows = []
    for kind, target in _targets(budget):
        found = next((i for i, r in enumerate(results) if i not in used and same_line(target, r)), None)
        result = results[found] if found is not None else None
        if found is not None:
            used.add(found)
        rows.append(_row(kind, target.indicator, tuple(target.levels), target.value, target.sentence, result))
    for i, result in enumerate(results):
        if i not in used:
            rows.append(_row("performance", result.indicator, tuple(result.levels), result.target, None, result))
    return rows


def _row(kind: str, indicator: str, levels: tuple, value: str | None, sentence: str | None,
         result: Result | None) -> TargetRow:
    reading = read(value)
    read_as = None if reading is None else reading.shown + ("" if reading.comparison else "（未写比较方式）")
    return TargetRow(kind, indicator, levels, value, read_as, sentence,
                     result.actual if result else None, result.reason if result else None,
                     outcome(value, result.actual if result else None))


def year_pair(department: Department, year: int) -> tuple[Record | None, Record | None]:
    return department.series(BUDGET).get(year), department.series(FINAL).get(year)


def for_record(department: Department, record: Record) -> list[TargetRow]:
    """The rows a document's pages show: its year's 预算 targets with its 决算 results."""
    budget, final = year_pair(department, record.year)
    if record.phase == BUDGET:
        return pair(record.data, final.data if final else None)
    if record.phase == FINAL:
        return pair(budget.data if budget else None, record.data)
    return []


@dataclass(frozen=True)
class Tally:
    """How many targets were met, not met, not comparable and not reported."""
    counts: Counter

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def reported(self) -> int:
        return self.total - self.counts[NOT_REPORTED]

    def __getitem__(self, outcome: str) -> int:
        return self.counts[outcome]


def tally(rows: list[TargetRow]) -> Tally:
    return Tally(Counter(row.outcome for row in rows))


def over_years(department: Department) -> tuple[list[int], list[tuple[str, list[TargetRow | None]]]]:
    """历年对比: each indicator (matched across years as lines are) with its row in each 预算 year, oldest first."""
    years = sorted(set(department.series(BUDGET)) | set(department.series(FINAL)))
    by_year = [pair(*(r.data if r else None for r in year_pair(department, y))) for y in years]
    series: list[tuple[str, list[TargetRow | None]]] = []
    for i, rows in enumerate(by_year):
        for row in rows:
            entry = next((s for s in series if s[1][i] is None and same_line(_Named(s[0]), _Named(row.indicator))), None)
            if entry is None:
                entry = (row.indicator, [None] * len(years))
                series.append(entry)
            entry[1][i] = row
    return years, series


@dataclass(frozen=True)
class _Named:
    name: str

