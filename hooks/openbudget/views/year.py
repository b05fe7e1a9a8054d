"""One document's pages: what its overview and each section page show, derived once.

The page builder (render/pages.py) makes one ``YearView`` per document and renders from it:
the sections that are pages, the 目录, the headline figures, the glance, each section's figure
tables (computed here once, and read again by the glance, the section pages and next year's
comparison columns), the document's own tables, and the links to the year's other documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..document.model import Placed
from ..document.record import Record
from ..document.statements import LIST_TITLE, PartView, Statement, levels, view
from ..document.statements import PATH as TABLES
from ..sources.site import Department
from ..vocabulary.phases import BUDGET, FINAL
from ..vocabulary.sections import missing, not_included
from .glance import Glance, glance, row_changes
from .siteindex import Link
from .tables import FigureTable, classes_table, section_tables

EXECUTION_SLUG = "budget-vs-actual"  # /<dept>/<year>/budget-vs-actual/ (a reserved slug: sections.py)


@dataclass(frozen=True)
class Headline:
    label: str
    amount: Decimal
    unit: str
    source: str | None  # where a table states it (据《部门收支总表》…); None: the explanation's section
    url: str


@dataclass(frozen=True)
class SectionView:
    part: Placed
    url: str
    tables: list[FigureTable]
    changes: dict[str, tuple | None]  # table id → each row's change from last year's table
    children: list[Link]  # the sections nested in it, each its own page


@dataclass(frozen=True)
class StatementView:
    """One of the document's own tables (公开表) as its page shows it."""
    st: Statement
    title: str  # with its number, as published: 表5 一般公共预算支出表
    parts: list[PartView]  # its header and rows (statements.view)
    levels: list[str]  # the levels a reader can fold it to (类, 款, 项), when more than one
    classes: FigureTable | None  # its 类 rows as a figure table, for a chart


@dataclass(frozen=True)
class YearView:
    record: Record
    previous: Record | None  # last year's document of the same kind
    contents: list[dict]  # the 目录
    by_key: dict[str, dict]  # the 目录's entries by section key
    headline: list[Headline]
    glance: Glance
    others: list[Link]  # the year's other documents, and its budget against actual
    sections: list[SectionView]
    tables: dict[str, list[FigureTable]]  # section key → its figure tables
    statements: list[StatementView]  # the document's own tables

    @property
    def base(self) -> str:
        return self.record.base

    @property
    def overview_title(self) -> str:
        return overview_title(self.record)


def year_view(department: Department, record: Record, last: YearView | None = None) -> YearView:
    """last: the view of last year's document of the same kind, when already made (its tables are
    then not computed again)."""
    base = record.base
    before = previous(department, record)
    if last is None or last.record is not before:
        last = None
    parts = section_parts(record)
    tables = {p.key: section_tables(record, p.key) for p in parts}
    outline = contents(record)
    by_key = {}
    stack = list(outline)
    while stack:
        node = stack.pop()
        by_key[node["key"]] = node
        stack += node["children"]
    others = [Link(r.base, f"{r.year}年部门{r.phase}") for r in department.documents(record.year) if r is not record]
    if url := execution_url(department, record.year):
        others.append(Link(url, execution_title(record.year)))
    sections = []
    for part in parts:
        earlier = {}
        if before is not None and before.data.part(part.key) is not None:
            earlier = {t.id: t for t in (last.tables.get(part.key) if last is not None and part.key in last.tables
                                         else section_tables(before, part.key))}
        sections.append(SectionView(part, f"{base}{part.slug}/", tables[part.key],
                                    {t.id: row_changes(t, earlier.get(t.id)) for t in tables[part.key]},
                                    [Link(f"{base}{c.slug}/", c.title) for c in parts if c.parent == part.key]))
    statements = [StatementView(st, f"{st.table.number} {st.title}" if st.table.number else st.title, view(st),
                                levels(st), classes_table(st)) for st in record.statements]
    return YearView(record, before, outline, by_key, headline(record), glance(record, before, base, tables), others,
                    sections, tables, statements)


def overview_title(record: Record) -> str:
    """年度概览 of the 预算 (as always), 决算概览 or 调整预算概览 of the others."""
    return "年度概览" if record.phase == BUDGET else f"{record.phase}概览"


def section_parts(record: Record) -> list[Placed]:
    """Every section of the document that is a page, in the document's order."""
    return [p for p in record.data.outline if p.has_page]


def page_slugs(record: Record) -> set[str]:
    """The paths under a year's address of every page of its document (sections and tables)."""
    tables = record.statements
    return {s.slug for s in section_parts(record)} | {st.url.rstrip("/") for st in tables} | ({TABLES} if tables else set())


def neighbours(record: Record, slug: str) -> tuple[Link | None, Link | None]:
    """The pages before and after a section in its document, in the navigation's order: the
    year's overview comes before the first section."""
    base = record.base
    pages = [Link(base, overview_title(record)), *(Link(f"{base}{s.slug}/", s.title) for s in section_parts(record))]
    at = next(i for i, page in enumerate(pages) if page.url == f"{base}{slug}/")
    return pages[at - 1], (pages[at + 1] if at + 1 < len(pages) else None)


def contents(record: Record) -> list[dict]:
    """The document's outline as the overview's 目录 shows it: nested as published, each
    heading linked to its page (a heading transcribed without text has no page); a section every
    document should have is said at the end when a complete document lacks it (sections.missing)."""
    base = record.base
    nodes: dict[str, dict] = {}
    top: list[dict] = []
    for p in record.data.outline:
        node = {"key": p.key, "url": f"{base}{p.slug}/" if p.has_page else None, "heading": p.title,
                "children": [], "unpublished": False}
        nodes[p.key] = node
        (nodes[p.parent]["children"] if p.parent else top).append(node)
    if tables := record.statements:
        top.append({"key": TABLES, "url": f"{base}{TABLES}/", "heading": LIST_TITLE, "unpublished": False,
                    "children": [{"key": st.section, "url": base + st.url, "children": [], "unpublished": False,
                                  "heading": f"{st.table.number} {st.title}" if st.table.number else st.title}
                                 for st in tables]})
    for absent in missing(record.data, record.resolved.has_kind):
        top.append({"key": absent.key, "url": None, "heading": not_included(absent.title), "children": [],
                    "unpublished": True})
    return top


#: The figures the overview lists, in this order, each where the document states it.
HEADLINE = ("income_total", "expenditure_total", "general_public_total", "basic", "project", "three_public",
            "operating_costs", "procurement", "assets_total")


def headline(record: Record) -> list[Headline]:
    """The main figures the document states. 一般公共预算支出合计 only when it states neither
    total: it is what the overview leads with then (resolved.headline)."""
    resolved, base = record.resolved, record.base
    rows = []
    for key in HEADLINE:
        stated = resolved.get(key)
        if stated is None or (key == "general_public_total" and stated is not resolved.headline()):
            continue
        rows.append(Headline(stated.label, stated.amount, stated.unit, stated.source.said if stated.source.table else None,
                             base + stated.source.url))
    return rows


def execution_title(year: int) -> str:
    return f"{year}年预算执行情况"


def execution_pair(department: Department, year: int) -> tuple[Record | None, Record] | None:
    """The year's 预算 and 决算, when it has both; or its 决算 alone, when the 决算 states its own
    预算数 (its 一般公共预算 table's 年初预算数 column, its “三公”经费's 预算数)."""
    budget, final = department.years.get(year), department.series(FINAL).get(year)
    if final is None:
        return None
    if budget is None and not final.resolved.functional_budgeted \
            and not (final.data.three_public and final.data.three_public.budgeted):
        return None
    return budget, final


def execution_url(department: Department, year: int) -> str | None:
    """The year's budget-against-actual page, when the year has both a 预算 and a 决算."""
    return f"{department.slug}/{year}/{EXECUTION_SLUG}/" if execution_pair(department, year) else None


def previous(department: Department, record: Record) -> Record | None:
    """Last year's document of the same kind: a 决算 compares with last year's 决算, never with a 预算."""
    return department.series(record.phase).get(record.year - 1)
