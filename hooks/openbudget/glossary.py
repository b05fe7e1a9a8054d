"""The site's glossary: shared terms (data/glossary.yaml) plus each document's own 名词解释.

A term may be defined in several places only if every definition is the same text; two
different definitions of one term stop the build, naming both places.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from .loading import Record
from .model import GlossaryFile, Term
from .problems import Problem, format_path
from .yamlsource import Source

GLOSSARY_URL = "glossary/"


@dataclass
class Entry:
    term: str
    definition: str
    aliases: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)  # file:line of each definition
    sources: list[str] = field(default_factory=list)  # where it was published (department/year)
    anchor: str = ""  # its address on the glossary page, unique there: see anchors()

    @property
    def url(self) -> str:
        return f"{GLOSSARY_URL}#{self.anchor}"


def collect(shared: GlossaryFile, shared_source: Source, records: list[Record]) -> tuple[list[Entry], list[Problem]]:
    entries: dict[str, Entry] = {}  # by term
    names: dict[str, Entry] = {}  # term or alias → entry
    problems: list[Problem] = []

    def add(term: Term, loc: tuple, source: Source, published_in: str | None) -> None:
        entry = entries.get(term.term)
        if entry is None:
            entry = entries[term.term] = Entry(term.term, term.definition)
        elif entry.definition != term.definition:
            problems.append(source.problem(
                loc + ("definition",),
                f"名词“{term.term}”的解释与 {entry.origins[0]} 处的不同；同一名词全站只能有一种解释"
                f"（原文确有不同时，请给其中一个换用不同的名词）", format_path(loc) + ".definition"))
            return
        for name in (term.term, *term.aliases):
            other = names.setdefault(name, entry)
            if other is not entry:
                problems.append(source.problem(loc, f"“{name}”已是 {other.origins[0]} 处名词“{other.term}”的写法，"
                                                    f"不能再指另一个名词", format_path(loc)))
            elif name not in (entry.term, *entry.aliases):
                entry.aliases.append(name)
        entry.origins.append(source.where(loc))
        if published_in and published_in not in entry.sources:
            entry.sources.append(published_in)

    for i, term in enumerate(shared.terms):
        add(term, ("terms", i), shared_source, term.source)
    for record in records:
        glossary = record.data.glossary
        for i, term in enumerate(glossary.terms if glossary else []):
            add(term, ("glossary", "terms", i), record.source, f"{record.slug}/{record.year}")
    return anchors(list(entries.values())), problems


def anchors(entries: list[Entry]) -> list[Entry]:
    """Give each entry an address on the glossary page: the term itself, spaces made hyphens.

    Two terms can make the same address (“三 率” and “三-率”). Then the term that is written
    exactly so keeps it and every other adds a short hash of its own text: each address stays
    the same whatever the order of the files.
    """
    base = {e.term: re.sub(r"\s+", "-", e.term) for e in entries}
    claims: dict[str, int] = {}
    for anchor in base.values():
        claims[anchor] = claims.get(anchor, 0) + 1
    for entry in entries:
        anchor = base[entry.term]
        shared = claims[anchor] > 1 and entry.term != anchor
        entry.anchor = f"{anchor}-{hashlib.sha256(entry.term.encode()).hexdigest()[:6]}" if shared else anchor
    return entries
