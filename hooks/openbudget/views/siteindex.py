"""What the site-wide pages know of the departments: the home page's and 全部部门's list, the
years of each county's pages, the glossary's wordings and where each term appears.

One build makes it from the data. A sharded build (shards.py) cannot: each shard has only
its own jurisdiction's departments. So each shard writes its part to shard.json, and the
index build, which reads no department's data, puts the parts together: the same pages as
one build, from a file of kilobytes per county instead of every county's YAML.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal

from ..document.record import Record
from ..sources import glossary
from ..sources.glossary import Origin, Said
from ..sources.site import Department, Site
from ..vocabulary.figures import label
from ..vocabulary.money import in_unit, plain_amount
from ..vocabulary.phases import BUDGET
from .glance import Change, change

UNIT = "万元"  # where departments meet, one unit (county.py says the same of the county page)

FILE = "shard.json"  # a shard's part, at the top of its output (not published: `openbudget merge` reads it)


@dataclass(frozen=True)
class Listed:
    """A department as the site-wide lists show it: its latest document and total."""

    slug: str
    name: str
    body: str  # its jurisdiction's slug
    base: str  # the latest document's address
    year: int  # the latest document's
    year_title: str  # 2021年, 2021年决算
    phase: str
    label: str | None  # which total (收入预算总额 …): the one the document states (views/glance.py)
    total: Decimal | None  # in UNIT, exactly; None: the document states no total
    change: Change | None  # from the year before, in UNIT
    others: tuple[tuple[str, str], ...]  # every other document: (address, year title), newest first

    @property
    def qualified(self) -> bool:
        """Its total is not a 预算's 收入总额 (the lists' usual figure): the list names which it is."""
        return self.label != label("income_total", BUDGET)


@dataclass(frozen=True)
class Link:
    url: str
    label: str


@dataclass
class SiteIndex:
    departments: list[Listed] = field(default_factory=list)  # by slug
    counties: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # body slug → its county pages: (year, kind)
    terms: dict[str, list[tuple[Said, Origin]]] = field(default_factory=dict)  # document key → its own terms, by slug
    glossaries: dict[str, str] = field(default_factory=dict)  # document key → its address on the glossary page
    used: dict[str, list[Link]] = field(default_factory=dict)  # term → pages where it appears

    def add_use(self, term: str, link: Link) -> None:
        self.used.setdefault(term, []).append(link)

    def usage(self, term: str) -> list[Link]:
        """Pages where a term appears, by address: one order whichever build found them."""
        return sorted(self.used.get(term, []), key=lambda link: link.url)

    def glossary(self, standard: glossary.Glossary) -> glossary.Glossary:
        """The glossary of every shard's documents (standard: this build's own, of no document)."""
        names = {key: {name: (said, origin) for said, origin in stated for name in (said.term, *said.aliases)}
                 for key, stated in self.terms.items()}
        return glossary.assemble(names, standard.standard_names)

    # -- a shard's part, written and read ---------------------------------------------------

    def dumps(self) -> str:
        return json.dumps({
            "departments": [{**asdict(d), "total": None if d.total is None else plain_amount(d.total),
                             "change": None if d.change is None else
                             {"amount": plain_amount(d.change.amount), "source": d.change.source,
                              "percent": None if d.change.percent is None else str(d.change.percent)}}
                            for d in self.departments],
            "counties": self.counties,
            "terms": {key: [[asdict(said), asdict(origin)] for said, origin in stated] for key, stated in self.terms.items()},
            "glossaries": self.glossaries,
            "used": {term: [[link.url, link.label] for link in links] for term, links in self.used.items()},
        }, ensure_ascii=False, sort_keys=True, indent=1)

    @staticmethod
    def loads(text: str) -> SiteIndex:
        data = json.loads(text)

        def listed(d: dict) -> Listed:
            c = d["change"]
            return Listed(**{**d, "total": None if d["total"] is None else Decimal(d["total"]), "others": tuple(tuple(o) for o in d["others"]),
                             "change": None if c is None else Change(Decimal(c["amount"]), None if c["percent"] is None
                                                                     else Decimal(c["percent"]), c["source"])})

        return SiteIndex(
            [listed(d) for d in data["departments"]],
            {body: [(year, phase) for year, phase in pages] for body, pages in data["counties"].items()},
            {key: [(Said(s["term"], tuple(s["aliases"]), s["definition"]), Origin(**o)) for s, o in stated]
             for key, stated in data["terms"].items()},
            dict(data["glossaries"]),
            {term: [Link(*link) for link in links] for term, links in data["used"].items()})

    @staticmethod
    def merge(parts: list[SiteIndex]) -> SiteIndex:
        """The shards' parts as one: each list in the order one build makes it (by department)."""
        by_slug = lambda key: key.partition("/")[0]
        out = SiteIndex()
        for part in parts:
            out.departments += part.departments
            out.counties.update(part.counties)
            out.terms.update(part.terms)
            out.glossaries.update(part.glossaries)
            for term, links in part.used.items():
                out.used.setdefault(term, []).extend(links)
        out.departments.sort(key=lambda d: d.slug)
        out.terms = {key: out.terms[key] for key in sorted(out.terms, key=by_slug)}  # stable: a department's own order
        out.glossaries = dict(sorted(out.glossaries.items()))
        return out


def listed(department: Department, body: str, previous: Record | None) -> Listed:
    """Where departments meet, every amount is in one unit (万元), exactly."""
    latest = department.latest
    total, moved = latest.resolved.headline(), change(latest, previous)  # (no total: no change either)
    if moved is not None:
        moved = replace(moved, amount=in_unit(moved.amount, total.unit, UNIT))
    return Listed(department.slug, department.name, body, latest.base, latest.year, latest.year_title, latest.phase,
                  total and total.label, total and in_unit(total.amount, total.unit, UNIT), moved,
                  tuple((r.base, r.year_title) for r in department.records() if r.key != latest.key))


def newest(departments: list[Listed]) -> tuple[int | None, list[Listed]]:
    """The newest year any department has published, and the departments whose latest document
    is of that year, each with the figure every list of departments shows (listed): the home page's first screen."""
    year = max((d.year for d in departments), default=None)
    return year, [d for d in departments if d.year == year]


def of(site: Site, previous, county_documents) -> SiteIndex:
    """The index of a site's own departments. previous(department, record): last year's document
    of the same kind; county_documents(body): a body's county pages, (year, kind)."""
    owner = {slug: body.slug for body in site.bodies for slug in body.departments}
    return SiteIndex(
        [listed(d, owner.get(d.slug, ""), previous(d, d.latest)) for d in site.departments.values()],
        {body.slug: county_documents(body) for body in site.bodies if body.departments},
        dict(site.glossary.stated),
        {r.key: r.base + ("glossary/" if r.data.glossary else "") for r in site.records()})
