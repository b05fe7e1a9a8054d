"""The registry of figures: each figure the site knows, defined once (data/figures.yaml).

A figure has a key (收入总额 is ``income_total`` in the open data, the findings and the import
corpus), its names (收入预算总额 in a 预算, 收入决算总额 in a 决算), the figure it is part of,
and where a document can state it: a field of an explanation section, or a row and column of
a standard table. document/resolved.py reads a document through it; the model, the checks,
the views and the pages take a figure's name from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).parents[1] / "data" / "figures.yaml"


@dataclass(frozen=True)
class TableRead:
    """Where a standard table states a figure (see the file's header)."""
    table: str
    row: str
    column: str
    side: int | None = None
    among: str | None = None


@dataclass(frozen=True)
class Figure:
    key: str
    name: str
    names: dict[str, str] = field(default_factory=dict, compare=False)
    part_of: str | None = None
    section: tuple[str, ...] = ()  # (kind, field, …)
    tables: tuple[TableRead, ...] = ()
    said: tuple[str, ...] = ()  # how an explanation's text names it
    found_as: tuple[str, ...] = ()  # other wordings, for finding it in an import only
    also: tuple[tuple[str, ...], ...] = ()  # other sections that may state it instead (基本支出 in 收支)

    @property
    def places(self) -> tuple[tuple[str, ...], ...]:
        """Every (kind, field, …) of an explanation that can state it, the usual one first."""
        return ((self.section,) if len(self.section) > 1 else ()) + self.also

    def label(self, phase: str) -> str:
        """Its name in a document of this kind: 收入预算总额, 收入决算总额."""
        return self.names.get(phase, self.name)


@cache
def _declared() -> dict:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


@cache
def figures() -> dict[str, Figure]:
    """Every figure by key, in the file's order."""
    return {item["key"]: Figure(item["key"], item["name"], dict(item.get("names", {})), item.get("part_of"),
                                tuple(item.get("section", ())), tuple(TableRead(**read) for read in item.get("tables", ())),
                                tuple(item.get("said", ())), tuple(item.get("found_as", ())),
                                tuple(tuple(place) for place in item.get("also", ())))
            for item in _declared()["figures"]}


@dataclass(frozen=True)
class Lines:
    """A list of lines a section states (收入来源, 经济分类, 功能分类)."""
    key: str
    name: str
    section: tuple[str, ...]
    classification: str | None = None
    also: tuple[tuple[str, ...], ...] = ()  # other sections that may list them instead (经济分类 in 支出)

    @property
    def places(self) -> tuple[tuple[str, ...], ...]:
        return (self.section, *self.also)


@cache
def lines() -> tuple[Lines, ...]:
    return tuple(Lines(item["key"], item["name"], tuple(item["section"]), item.get("classification"),
                       tuple(tuple(place) for place in item.get("also", ())))
                 for item in _declared()["lines"])


def figure(key: str) -> Figure:
    return figures()[key]


def label(key: str, phase: str) -> str:
    return figures()[key].label(phase)


def name(key: str) -> str:
    """The site's name of a figure where one name serves every document (基本支出)."""
    return figures()[key].name


PART = "其中："  # before a figure that is part of the one above it (其中：公务用车购置费)


def headline_keys() -> tuple[str, ...]:
    """The figures an overview leads with, the first the document states."""
    return tuple(_declared()["headline"])


def kinds_in(table: str) -> set[str]:
    """The section kinds a standard table states figures of (its figures make the section present)."""
    return {f.section[0] for f in figures().values() if f.section and any(read.table == table for read in f.tables)}


def parts(key: str) -> tuple[Figure, ...]:
    return tuple(f for f in figures().values() if f.part_of == key)


@dataclass(frozen=True)
class Targets:
    """Where a document states targets or results (work_plan.targets, performance.results)."""
    key: str
    name: str
    section: tuple[str, ...]


@cache
def targets() -> tuple[Targets, ...]:
    return tuple(Targets(item["key"], item["name"], tuple(item["section"])) for item in _declared()["targets"])


@dataclass(frozen=True)
class TargetTable:
    """A standard performance table (绩效目标表, 绩效自评表): its titles and what its columns give."""
    key: str
    title: str
    names: tuple[str, ...]
    into: tuple[str, ...]
    reads: dict = field(compare=False)


@cache
def target_tables() -> tuple[TargetTable, ...]:
    return tuple(TargetTable(item["key"], item["title"], tuple(item["names"]), tuple(item["into"]), dict(item["reads"]))
                 for item in _declared()["target_tables"])
