"""The site's glossary: each document's own 名词解释, plus a small standard glossary.

A term is explained on a document's pages with that document's own definition, named with
its department and year; a term the document does not define gets the standard definition
(standard-terms.yaml, written for the public, each entry naming its source), never another
department's. Two documents may define one term differently: the 名词解释 page shows each
wording with its sources, and merges identical wordings.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..document.model import GlossaryFile, Term
from ..document.record import Record
from ..document.yamlsource import Source
from ..vocabulary.problems import Problem, format_path

GLOSSARY_URL = "glossary/"
STANDARD_FILE = Path(__file__).parents[1] / "data" / "standard-terms.yaml"


@dataclass(frozen=True)
class Origin:
    """One place a wording was published: a document, or the standard glossary."""

    source: str  # what the public reads: “米易县信访局 2021年”, or the standard entry's source
    where: str  # file:line of the definition
    document: str | None = None  # "department/year"; None: the standard glossary
    position: int = 0  # 1-based place of the term in its document's 名词解释

    @property
    def standard(self) -> bool:
        return self.document is None


@dataclass
class Wording:
    definition: str
    origins: list[Origin] = field(default_factory=list)


@dataclass
class Entry:
    """One term on the 名词解释 page, with every wording published for it."""

    term: str
    wordings: list[Wording] = field(default_factory=list)  # the documents' first, the standard one last
    aliases: list[str] = field(default_factory=list)
    anchor: str = ""  # its address on the glossary page, unique there: see anchors()

    @property
    def url(self) -> str:
        return f"{GLOSSARY_URL}#{self.anchor}"

    @property
    def origins(self) -> list[str]:
        return [o.where for w in self.wordings for o in w.origins]

    def add(self, definition: str, origin: Origin) -> None:
        wording = next((w for w in self.wordings if w.definition == definition), None)
        if wording is None:
            wording = Wording(definition)
            at = len(self.wordings) if origin.standard else sum(1 for w in self.wordings if not w.origins[0].standard)
            self.wordings.insert(at, wording)
        wording.origins.append(origin)
        wording.origins.sort(key=lambda o: o.standard)  # a department's name before the site's


@dataclass(frozen=True)
class Explained:
    """What a marked term shows on a page: its definition there and where that comes from."""

    term: str
    definition: str
    source: str
    url: str  # its entry on the glossary page, relative to the site

    @property
    def tooltip(self) -> str:
        return f"{self.term}：{self.definition}（出处：{self.source}）"


Names = dict[str, tuple["Said", Origin]]  # one file's terms by every name (term and aliases)


@dataclass
class Glossary:
    entries: list[Entry]
    standard: dict[str, Explained]  # name (term or alias) → explanation, for every page
    documents: dict[str, dict[str, Explained]]  # "department/year" → its own names
    stated: dict[str, list[tuple[Said, Origin]]] = field(default_factory=dict)  # "department/year" → its terms
    standard_names: Names = field(default_factory=dict)  # the standard glossary's terms, by name

    def for_page(self, document: str | None) -> dict[str, Explained]:
        """A page's terms: its document's own definitions first, then the standard ones."""
        return {**self.standard, **self.documents.get(document or "", {})}


def document_terms(record: Record) -> tuple[list[Term], tuple]:
    """A document's own 名词解释 and where they are in its file (the one place that knows)."""
    glossary = record.data.glossary
    return (glossary.terms if glossary else []), ("glossary", "terms")  # as rules name places: by section


@dataclass(frozen=True)
class Said:
    """A term as a file states it (what the glossary keeps of a model Term)."""

    term: str
    aliases: tuple[str, ...]
    definition: str


def collect(standard: GlossaryFile, standard_source: Source, records: list[Record]) -> tuple[Glossary, list[Problem]]:
    problems: list[Problem] = []

    def read(terms: list, at: tuple, source: Source, origin, yaml_loc=tuple) -> Names:
        """One file's terms by name; a name used twice in one file is an error there."""
        names: Names = {}
        for i, term in enumerate(terms):
            loc = at + (i,)
            here = origin(term, i, source.where(yaml_loc(loc)))
            for name in (term.term, *term.aliases):
                if name in names:
                    other, first = names[name]
                    problems.append(source.problem(
                        yaml_loc(loc), f"“{name}”在这份文件中已用于 {first.where} 处的名词“{other.term}”；"
                             f"同一份文件中一个名词只能有一条解释", format_path(loc)))
                    break
            else:
                said = Said(term.term, tuple(term.aliases), term.definition)
                for name in (term.term, *term.aliases):
                    names[name] = (said, here)
        return names

    documents = {}
    for record in records:
        key, label = record.key, f"{record.data.department} {record.year_title}"
        terms, at = document_terms(record)
        documents[key] = read(terms, at, record.source,
                              lambda term, i, where: Origin(label, where, key, i + 1), record.data.yaml_loc)
    standard_names = read(standard.terms, ("terms",), standard_source,
                          lambda term, i, where: Origin(term.source, where))
    return assemble(documents, standard_names), problems


def stated(names: Names) -> list[tuple[Said, Origin]]:
    """Each term of a file once, in the file's order."""
    return list(dict.fromkeys(names.values()))


def assemble(documents: dict[str, Names], standard: Names) -> Glossary:
    """The glossary of these documents, in their order, and the standard terms. A sharded build's
    index (summary.py) assembles it from what each shard's documents state."""
    entries: dict[str, Entry] = {}
    for names in (*documents.values(), standard):
        for said, origin in stated(names):
            entry = entries.setdefault(said.term, Entry(said.term))
            entry.add(said.definition, origin)
            entry.aliases += [a for a in said.aliases if a not in entry.aliases and a != entry.term]
    ordered = anchors([*[e for e in entries.values() if not e.wordings[0].origins[0].standard],
                       *[e for e in entries.values() if e.wordings[0].origins[0].standard]])

    def explained(names: Names) -> dict[str, Explained]:
        return {name: Explained(t.term, t.definition, o.source, entries[t.term].url) for name, (t, o) in names.items()}

    return Glossary(ordered, explained(standard), {k: explained(v) for k, v in documents.items()},
                    {k: stated(v) for k, v in documents.items()}, standard)


def anchors(entries: list[Entry]) -> list[Entry]:
    """Give each entry an address on the glossary page: the term itself, or, for a term with
    spaces, the term with hyphens for them and a short hash of its own text (“三 率” and “三-率”
    would otherwise share one). An address depends on its term alone: the same in every build,
    whatever other terms the site has (a shard of the site knows only its own)."""
    for entry in entries:
        anchor = re.sub(r"\s+", "-", entry.term)
        entry.anchor = anchor if anchor == entry.term else f"{anchor}-{hashlib.sha256(entry.term.encode()).hexdigest()[:6]}"
    return entries
