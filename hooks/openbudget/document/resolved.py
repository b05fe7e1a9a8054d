"""What a document states: each figure of the registry it states, with where it states it.

A document states a figure in a sentence of its explanation (a field of a section: of whichever
section the registry allows that states it, 基本支出 in 收支 or in 支出) or in a cell
of one of its standard tables, or in both, or not at all. ``resolve`` reads it once, through the
registry (vocabulary/figures.py): the explanation's figure where it gives one, else the first
table that states it; each with its source (the section or table, the row and column) and its
unit as published. A figure stated nowhere is absent: never 0, never computed from others.
Where both state it, the table's figure is kept beside it, for the checks to compare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..vocabulary.figures import Figure, TableRead, figures, headline_keys
from ..vocabulary.phases import BUDGET
from .model import DepartmentYear, TableBody
from .statements import PATH, ROLES, Statement, first_of_each, grand_total, plain, role, this_year, total_row


@dataclass(frozen=True)
class Source:
    title: str  # the section's heading or the table's title
    place: str  # within it: the field's name, or the row and column
    url: str  # the page that shows it, under the document's address: budget/, tables/summary/
    loc: tuple  # where in the YAML (a rule's place: ("budget", "income_total"), or the table cell's path)
    table: bool  # read from a table (else from the explanation)

    @property
    def said(self) -> str:
        """Where it comes from, as a page says it: 据《部门收支总表》“收 入 总 计”行."""
        return f"据《{self.title}》{self.place}" if self.table else f"据“{self.title}”"


@dataclass(frozen=True)
class Stated:
    key: str
    label: str  # its name in this document's kind (收入决算总额)
    amount: Decimal
    unit: str
    source: Source


@dataclass(frozen=True)
class Line:
    """A line of a classification as a table states it (a 类 row), shaped as the model's lines."""
    code: str | None
    name: str
    amount: Decimal
    unit: str
    source: Source


@dataclass(frozen=True)
class Resolved:
    figures: dict[str, Stated]  # by key, in the registry's order
    in_tables: dict[str, Stated]  # a table's figure where the explanation states it too
    functional: tuple[tuple[Line | object, ...], str | None]  # spending by 类 (or as the explanation lists it), unit
    functional_budgeted: tuple[Line, ...]  # a 决算 table's own 预算数 column, by 类
    in_sections: dict[str, Stated] = field(default_factory=dict)  # another section's figure where two state it

    def get(self, key: str) -> Stated | None:
        return self.figures.get(key)

    def amount(self, key: str) -> tuple[Decimal, str] | None:
        """(amount, unit) as published, or None: not stated (never 0)."""
        stated = self.figures.get(key)
        return None if stated is None else (stated.amount, stated.unit)

    def headline(self) -> Stated | None:
        """The total the document states: 收入总额, else 支出总额, else 一般公共预算支出合计."""
        return next((self.figures[k] for k in headline_keys() if k in self.figures), None)

    def has_kind(self, kind: str) -> bool:
        """Whether a figure of a section kind is stated in a table (the section is then present)."""
        return any(s.source.table and figures()[k].section[:1] == (kind,) for k, s in self.figures.items())


def resolve(dy: DepartmentYear, statements: list[Statement]) -> Resolved:
    phase = dy.document.phase
    tables = first_of_each(statements)
    found, in_tables = {}, {}
    in_sections = {}
    for key, fig in figures().items():
        stated = [s for place in fig.places if (s := _from_section(dy, fig, place, phase)) is not None]
        text = stated[0] if stated else None
        if len(stated) > 1:  # stated in two sections (基本支出 in 收支 and in 支出): the checks compare them
            in_sections[key] = stated[1]
        table = next((s for read in fig.tables if read.table in tables
                      and (s := _from_table(tables[read.table], read, fig, phase)) is not None), None)
        if text is not None:
            found[key] = text
            if table is not None:
                in_tables[key] = table
        elif table is not None:
            found[key] = table
    general = tables.get("general-public")
    e = dy.expenditure
    if e is not None and e.by_function:
        functional = (tuple(e.by_function), e.unit)
    else:
        lines = _classes(general, "this_year") if general is not None else ()
        functional = (lines, general.table.unit if lines else None)
    budgeted = _classes(general, "budget") if general is not None and phase != BUDGET else ()
    return Resolved(found, in_tables, functional, budgeted, in_sections)


def _classes(st: Statement, column_role: str) -> tuple[Line, ...]:
    """A table's 类 rows in one column (this year's figure, or the 决算's 预算数)."""
    if st.table.sides is not None:
        return ()
    where, _, body = st.table.bodies[0]
    if column_role == "this_year":
        k = this_year(st, body)
    else:
        found = role(st.standard, body.columns, column_role)
        k = found[0] if len(found) == 1 else None
    if k is None:
        return ()
    header = "/".join(p.strip() for p in body.columns[k].split("/"))
    return tuple(Line(row.code, row.name, row.amounts[k], st.table.unit,
                      Source(st.table.title, f"{row_place(body, j)}“{header}”列", f"{PATH}/{st.slug}/",
                             (*st.loc, *where, "rows", j, "amounts", k), True))
                 for j, row in enumerate(body.rows)
                 if row.code and len(row.code) == 3 and len(row.amounts) > k and row.amounts[k] is not None)


def _from_section(dy: DepartmentYear, fig: Figure, where: tuple[str, ...], phase: str) -> Stated | None:
    """The figure at one of the places the registry gives it (kind, field …), if stated there."""
    if (placed := dy.placed(where[0])) is None:
        return None
    value = placed.section
    for name in where[1:]:
        value = getattr(value, name, None)
        if value is None:
            return None
    unit = getattr(placed.section, "unit", None)
    if unit is None:
        return None
    return Stated(fig.key, fig.label(phase), value, unit,
                  Source(placed.title, fig.label(phase), f"{placed.slug}/", where, False))


def _from_table(st: Statement, read: TableRead, fig: Figure, phase: str) -> Stated | None:
    table = st.table
    if (read.side is None) != (table.sides is None):
        return None
    where, _, body = table.bodies[read.side or 0]
    j = _row(body, read.row)
    k = None if j is None else _column(st, body, read)
    if k is None or k >= len(body.rows[j].amounts) or (cell := body.rows[j].amounts[k]) is None:
        return None  # a blank cell states nothing
    header = "/".join(p.strip() for p in body.columns[k].split("/"))
    place = f"{row_place(body, j)}“{header}”列"
    return Stated(fig.key, fig.label(phase), cell, table.unit,
                  Source(table.title, place, f"{PATH}/{st.slug}/", (*st.loc, *where, "rows", j, "amounts", k), True))


def row_place(body: TableBody, j: int) -> str:
    """A row as a source names it: by its name, else (a table's only row, unnamed) its number."""
    name = body.rows[j].name
    return f"“{name}”行" if name else f"第 {j + 1} 行"


def _row(body: TableBody, row: str) -> int | None:
    if row == "total":
        return total_row(body)
    if row == "grand":
        found = grand_total(body)
        return None if found is None else found[0]
    rows = [j for j, r in enumerate(body.rows) if r.code is None and re.fullmatch(row, plain(r.name))]
    return rows[-1] if rows else None


def _column(st: Statement, body: TableBody, read: TableRead) -> int | None:
    if read.column == "first":
        return 0
    if read.column == "this_year":
        return this_year(st, body)
    if read.column in ROLES:
        found = role(st.standard, body.columns, read.column)
        return found[0] if len(found) == 1 else None
    among = role(st.standard, body.columns, read.among) if read.among else []
    matches = [k for k, header in enumerate(body.columns) if read.column in plain(header) and (not among or k in among)]
    if len(matches) == 1:
        return matches[0]
    # a group of columns (公务用车购置及运行费/购置费, /运行费): the group's own 合计 or 小计
    totals = [k for k in matches if re.fullmatch(r"(合计|小计)", plain(body.columns[k].split("/")[-1]))]
    return totals[0] if totals else None
