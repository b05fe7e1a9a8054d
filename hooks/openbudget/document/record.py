"""A loaded department-year and what the checks found in it: the types every layer names.

``Record`` is one data file as loading left it (validated model, positions, acknowledged
findings). ``Violation`` and ``Finding`` are the two kinds of result a check gives (see
checks/rules.py): an editor's slip that stops the build, and published figures that
disagree, shown as a 数据说明 once acknowledged. They live here, below the checks, so that
views and output can name them without importing the checks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from ..vocabulary import phases
from . import yamlsource
from .model import DepartmentYear
from .resolved import Resolved, resolve
from .statements import Statement, statements

Where = Callable[[tuple], str]  # names another place in a message: file:line, or the field path


@dataclass(frozen=True)
class Violation:
    """An editor's input slip: stops the build, cannot be acknowledged."""
    loc: tuple  # where the editor should look
    message: str


@dataclass(frozen=True)
class Finding:
    """Published figures that disagree: shown as a 数据说明 once acknowledged as published."""
    id: str  # stable, written by editors in data_notes
    section: str  # key of the section whose page shows it
    loc: tuple  # where in the YAML
    statement: str  # neutral, for the public
    figures: tuple[tuple[str, Decimal, str], ...] = ()  # (name, amount, unit) involved
    detail: str | None = None  # for the editor, when it says more than the statement (both places)
    acknowledged: bool = False  # data_notes says it is as published
    explanation: str | None = None  # the editor's, if any

    @property
    def for_editor(self) -> str:
        return self.detail or self.statement

    @property
    def text(self) -> str:
        """What the public reads: the statement, then the editor's explanation if any."""
        if not self.explanation:
            return self.statement
        return self.statement.rstrip("。") + f"。说明：{self.explanation}"


UNCHANGED = "数字按原文照录，未作改动。"


@dataclass(frozen=True)
class Record:
    """One department-year: where it came from and what it says."""

    slug: str  # department folder name, used in URLs
    year: int
    file: str  # path as shown to editors, relative to the project
    data: DepartmentYear
    source: yamlsource.Source = field(compare=False, repr=False)  # positions of every value
    findings: tuple[Finding, ...] = ()  # published discrepancies, all acknowledged, shown on the pages

    def position(self, loc: tuple) -> tuple[int, int]:
        """Line and column of a place named by section, ("budget", "income_total")."""
        return self.source.position(self.data.yaml_loc(loc))

    def findings_in(self, section: str) -> list[Finding]:
        return [f for f in self.findings if f.section == section]

    @cached_property
    def statements(self) -> list[Statement]:
        """The document's own tables (公开表), each recognised once (statements.py)."""
        return statements(self.data)

    @cached_property
    def resolved(self) -> Resolved:
        """Every figure the document states, from its sentences or its tables, with its source."""
        return resolve(self.data, self.statements)

    @property
    def phase(self) -> str:
        """预算, 调整预算 or 决算: which of the year's documents this is."""
        return self.data.document.phase

    @property
    def key(self) -> str:
        """The document among all others: miyi-xinfang/2021 (its 预算), shili-ju/2021/final."""
        suffix = phases.BY_WORD[self.phase].suffix
        return f"{self.slug}/{self.year}" + (f"/{suffix}" if suffix else "")

    @property
    def year_title(self) -> str:
        """2021年 for the 预算 (as the site always named it), 2021年决算 for the others."""
        return f"{self.year}年" + ("" if self.phase == phases.BUDGET else self.phase)

    @property
    def base(self) -> str:
        """Its pages' URL: miyi-xinfang/2021/ for the 预算, shili-ju/2021/final/ for a 决算."""
        return self.key + "/"
