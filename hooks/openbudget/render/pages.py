"""Generated pages: Python gathers what each page shows, Jinja templates render it.

Page bodies are HTML with every data value autoescaped, placed in the Markdown source as
one raw HTML block: Markdown syntax or Jinja syntax inside the data is shown, never run.
"""

from __future__ import annotations

import functools
import json
import posixpath
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..document.record import Record
from ..document.statements import LIST_TITLE
from ..document.statements import PATH as TABLES
from ..sources.glossary import GLOSSARY_URL
from ..sources.site import Department, Site
from ..views import targets as targets_view
from ..views.compare import comparison
from ..views.county import summary as county_summary
from ..views.execution import RATE_ROUNDING, execution
from ..views.siteindex import Link, SiteIndex, newest
from ..views.siteindex import of as index_of
from ..views.tables import SHARE_NOTE, FigureTable, Row
from ..views.year import (
    EXECUTION_SLUG,
    YearView,
    execution_pair,
    execution_title,
    execution_url,
    neighbours,
    overview_title,
    page_slugs,
    previous,
    year_view,
)
from ..vocabulary.figures import PART
from ..vocabulary.figures import label as figure_label
from ..vocabulary.figures import name as figure_name
from ..vocabulary.money import CHANGE_ROUNDING, format_amount, plain_amount
from ..vocabulary.phases import BUDGET, BY_WORD, WORDS
from . import charts as charts_module
from .charts import Chart
from .opendata import (
    Download,
    comparison_csv,
    county_downloads,
    document_json,
    execution_csv,
    file_stem,
    section_downloads,
    statement_download,
    targets_csv,
    year_workbook,
)

TEMPLATES = Path(__file__).parents[1] / "templates"
DEPARTMENTS_URL = "departments/"
BODIES_URL = "bodies/"  # /bodies/<county>/<year>/: every department of a county side by side
COUNTY_TITLE = "各部门汇总"
YEARS_TITLE = "按年度汇总"  # the one body of a site without jurisdictions.yaml, in the navigation
TOP_DEPARTMENTS = 10  # drawn in the county's chart of the largest departments
FRONT_DEPARTMENTS = 50  # listed on the home page (a province's thousands are on 全部部门, by county)
HOME_LISTING = "<!--ob-home-listing-->"  # where content/index.md has the home page's list of departments
SITE_GLOSSARY = "全站名词解释"  # not 名词解释: that is each document's own section, also in the navigation
# what the search lets the reader narrow results by (of a page's `where`): not 文件, whose list of
# pages, fetched with the first query, was 31 KB of a site of 1,000 department-years (benchmarks/search.py)
SEARCH_FILTERS = ("部门", "年度")
USAGE_LINKS = 12  # pages and sources listed under a glossary entry; a county has hundreds
# comparison figures drawn as trends, and what each is
TREND_KEYS = {"income-total": "revenue", "three-public": "expenditure", "operating-costs": "expenditure"}


@dataclass(frozen=True)
class Page:
    src: str  # path MkDocs sees, e.g. miyi-xinfang/2021/three-public/index.md
    title: str
    body: str  # HTML
    description: str = ""
    label: str = ""  # the title with its department and year, for lists of pages
    charts: tuple[Chart, ...] = ()
    downloads: tuple[Download, ...] = ()  # files published beside the page
    levels: bool = False  # a table the reader can fold to its 类 or 款 (assets/levels.js)
    sortable: bool = False  # a table the reader can sort and filter (assets/sort.js)
    citable: bool = False  # figures and rows with anchors, a “复制链接” button each (assets/cite.js)
    where: tuple[tuple[str, str], ...] = ()  # shown with a search result, and its filters (searchindex.py)

    @property
    def url(self) -> str:
        return posixpath.dirname(self.src) + "/" if self.src.endswith("index.md") else self.src[:-3] + "/"

    @property
    def markdown(self) -> str:
        meta = {"title": self.title, "description": self.description, "charts": bool(self.charts),
                "levels": self.levels, "sortable": self.sortable, "cite": self.citable,
                "label": self.label if self.label != self.title else "",  # the browser tab's title
                "where": [list(pair) for pair in self.where],
                "filters": [list(pair) for pair in self.where if pair[0] in SEARCH_FILTERS],
                "hide": ["toc"] if self.sortable else []}  # a wide table: the page's width is the table's
        front = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items() if v)
        return f"---\n{front}\n---\n\n{self.body}\n"


def where(department: str, year: int | None = None, phase: str | None = None) -> tuple[tuple[str, str], ...]:
    """Where a page is, as its search result says it: 部门, 年度 and 文件 (预算, 调整预算 or 决算)."""
    return (("部门", department),) + ((("年度", f"{year}年"),) if year else ()) + ((("文件", phase),) if phase else ())


@dataclass(frozen=True)
class YearLink:
    year: int
    url: str
    current: bool
    published: bool  # False: that year's document has no such section (未公开)
    label: str  # 2021年 (预算), 2021年决算


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + format_amount(value)


@functools.cache  # one per import of this module (a rebuild after a code edit imports it anew)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["amount"] = format_amount
    env.filters["percent"] = _percent
    env.filters["signed"] = _signed
    env.globals["share_note"] = SHARE_NOTE
    env.globals["change_rounding"] = CHANGE_ROUNDING
    env.globals.update(name=figure_name, label=figure_label, part=PART)  # figures' names: vocabulary/figures.py
    env.globals["neighbours"] = neighbours
    return env


def linker(page_url: str):
    """Relative links from one page's URL (use_directory_urls) to another site path."""
    here = page_url.rstrip("/") or "."

    def link(target: str) -> str:
        target, mark, fragment = target.partition("#")  # a fragment is not a path: never normalised
        rel = posixpath.relpath(target.rstrip("/") or ".", here)
        return (rel + "/" if target.endswith("/") or target == "" else rel) + mark + fragment

    return link


def compare_url(department: Department, phase: str) -> str:
    """历年对比 of the 预算 at /<dept>/compare/ (as always), of the 决算 at /<dept>/compare/final/."""
    suffix = BY_WORD[phase].suffix
    return f"{department.slug}/compare/" + (f"{suffix}/" if suffix else "")


OWN_TEXT = "概述"  # in the navigation, a section's own page beside the sections nested in it


def outline_nav(record: Record) -> list[dict]:
    """The document's sections in its own order and nesting, under its own headings."""
    base = record.base
    items: dict[str, list] = {}
    top: list[dict] = []
    for p in record.data.outline:
        page = f"{base}{p.slug}/index.md"
        own = [{OWN_TEXT if p.section.sections else p.title: page}] if p.has_page else []
        items[p.key] = own
        if not own and not p.section.sections:
            continue  # a heading the document lists but does not give: in the 目录, not in the navigation
        entry = {p.title: own} if p.section.sections else own[0]
        if p.parent is None:
            top.append(entry)
        else:
            items[p.parent].append(entry)
    return top


def county_charts(found, phase: str = BUDGET) -> list[FigureTable]:
    """The largest departments, and the classes their spending goes to (for one department, its
    own pages already draw them)."""
    if len(found.published) < 2:
        return []
    rows = tuple(Row(r.name, r.total.amount) for r in found.published if r.total is not None)[:TOP_DEPARTMENTS]
    out = [FigureTable("largest-departments", f"收入{phase}总额最大的{len(rows)}个部门", "万元", rows, "revenue")]
    if found.functional:
        out.append(FigureTable("functional-classes", f"{found.label}：按支出功能分类", "万元",
                               tuple(Row(c.name, c.amount, code=c.code) for c in found.functional), "expenditure",
                               classification="functional"))
    return out


def statements_nav(record: Record) -> list[dict]:
    tables = record.statements
    if not tables:
        return []
    base = f"{record.base}{TABLES}/"
    return [{LIST_TITLE: [{"表格列表": base + "index.md"},
                          *({(f"{st.table.number} {st.title}" if st.table.number else st.title): record.base + st.url + "index.md"}
                            for st in tables)]}]


def county_documents(site: Site, body) -> list[tuple[int, str]]:
    """A body's county pages: (year, kind) for every kind of document (预算, 决算 …) any of its
    departments published that year; newest year first, in each year 预算 first."""
    found = {(y, phase) for slug in body.departments for phase in WORDS for y in site.departments[slug].series(phase)}
    return sorted(found, key=lambda yp: (-yp[0], WORDS.index(yp[1])))


def county_url(body: str, year: int, phase: str) -> str:
    """/bodies/<county>/<year>/ (预算), /bodies/<county>/<year>/final/ (决算)."""
    suffix = BY_WORD[phase].suffix
    return f"{BODIES_URL}{body}/{year}/" + (f"{suffix}/" if suffix else "")


def county_title(year: int, phase: str) -> str:
    """2031年 (预算, as always), 2031年决算."""
    return f"{year}年" + ("" if phase == BUDGET else phase)


def body_title(body) -> str:
    """A body's group of county pages in the navigation."""
    return body.name if body.expected is not None else YEARS_TITLE


class PageBuilder:
    def __init__(self, site: Site, index: SiteIndex | None = None, charts: bool = True):
        """index: the site-wide pages' knowledge of the departments when this build has not read
        them (the index of a sharded build); else made from the site's own. charts: draw charts
        (off to measure what they cost)."""
        self.site = site
        self.charts_on = charts
        self.env = environment()
        self.index = index if index is not None else index_of(site, previous, lambda body: county_documents(site, body))
        if index is not None:
            site.glossary = index.glossary(site.glossary)
        self.entries = {e.term: e for e in site.terms}

    def render(self, template: str, url: str, **context) -> str:
        return self.env.get_template(template).render(link=linker(url), **context).strip()

    def pages(self, sources: dict[str, str]) -> list[Page]:
        """Every generated page. sources maps a document's URL (Record.base) to its original text's path."""
        out: list[Page] = [self.glossary_page(), self.departments_page(), *self.county_pages()]
        if self.site.bodies:  # not in a preview of one department
            out[2:2] = [self.bodies_page(), *self.body_pages()]
        for department in self.site.departments.values():
            views = self.views(department)
            out.append(self.department_page(department, views[department.latest.key]))
            for phase in WORDS:
                if len(department.series(phase)) > 1:
                    out.append(self.compare_page(department, phase))
            for record in department.records():
                out += self.year_pages(department, views[record.key], sources.get(record.base))
            for year in department.all_years:
                if execution_url(department, year):
                    out.append(self.execution_page(department, year))
        return out

    def views(self, department: Department) -> dict[str, YearView]:
        """Each document's view (views/year.py), by Record.key: each made once, oldest first, so
        that a year's comparison columns read last year's tables instead of computing them again."""
        made: dict[str, YearView] = {}
        for record in sorted(department.records(), key=lambda r: r.year):
            last = previous(department, record)
            made[record.key] = year_view(department, record, made.get(last.key) if last is not None else None)
        return made

    def department_page(self, department: Department, latest: YearView) -> Page:
        src = f"{department.slug}/index.md"
        series = [(phase, department.series(phase)) for phase in WORDS if department.series(phase)]
        body = self.render("department.html", department.slug + "/", department=department, series=series,
                           compare={phase: compare_url(department, phase) for phase in WORDS
                                    if len(department.series(phase)) > 1},
                           executions=[(y, u) for y in department.all_years if (u := execution_url(department, y))],
                           glance=latest.glance)
        return Page(src, department.name, body, f"{department.name}历年部门预算公开", department.name,
                    where=where(department.name))

    def compare_page(self, department: Department, phase: str = BUDGET) -> Page:
        url = compare_url(department, phase)
        years, groups = comparison(department, phase)
        # the headline figures the public asks about, over the years (a missing year: 未公开)
        trends = charts_module.trends(url, years, groups[0].series, TREND_KEYS) if self.charts_on and groups else []
        stem = f"{department.slug}-compare" + ("" if phase == BUDGET else f"-{BY_WORD[phase].suffix}")
        table = comparison_csv(f"{url}{stem}.csv", department.name, years, groups)
        title = "历年对比" if phase == BUDGET else f"历年{phase}对比"
        body = self.render("compare.html", url, department=department, years=years, groups=groups, phase=phase,
                           title=title, charts={c.table.id.removeprefix("trend-"): c for c in trends},
                           target_series=targets_view.over_years(department) if phase == BUDGET else None,
                           downloads=[table],
                           executions=[(y, u) for y in department.all_years if (u := execution_url(department, y))])
        return Page(url + "index.md", title, body, f"{department.name}历年部门{phase}对比",
                    f"{department.name} · {title}", tuple(trends), (table,), where=where(department.name, phase=phase))

    def year_links(self, department: Department, record: Record, slug: str | None) -> list[YearLink]:
        """The year switcher: the same section in every year of the same kind of document, newest first."""
        links = []
        for year, other in department.series(record.phase).items():
            present = slug is None or slug in page_slugs(other)
            url = other.base + (f"{slug}/" if slug and present else "")
            links.append(YearLink(year, url, year == record.year, present, other.year_title))
        return links if len(links) > 1 else []

    def year_pages(self, department: Department, document: YearView, source_url: str | None) -> list[Page]:
        record = document.record
        base, name = document.base, record.data.department
        workbook = year_workbook(record, [t for s in document.sections for t in s.tables],
                                 [s.st for s in document.statements])
        data_json = Download(f"{base}{file_stem(record)}.json",
                             f"{record.year_title}全部数据（JSON：各栏目的文字和数字、数据说明）",
                             document_json(record, [{"id": f.id, "section": f.section, "text": f.text,
                                                     "figures": [{"name": n, "amount": plain_amount(a), "unit": u}
                                                                 for n, a, u in f.figures]}
                                                    for f in record.findings]))
        year_files = (workbook, data_json)  # listed on every page of the document
        overview = "概览" if record.phase == BUDGET else f"{record.phase}概览"
        target_rows = targets_view.for_record(department, record)
        targets_file = targets_csv(record, target_rows) if target_rows else None
        pages = [Page(base + "index.md", f"{record.year}年{overview}",
                      self.render("overview.html", base, record=record, doc=record.data.document,
                                  headline=document.headline, sections=document.contents, source_url=source_url,
                                  glance=document.glance, others=document.others,
                                  sections_by_key=document.by_key, year_files=year_files,
                                  years=self.year_links(department, record, None),
                                  target_tally=targets_view.tally(target_rows) if target_rows else None,
                                  targets_file=targets_file,
                                  target_pages={s.part.section.kind: s.url for s in document.sections
                                                if any(r.section == s.part.section.kind for r in target_rows)}),
                      f"{name}{record.year}年部门{record.phase}公开：收支{record.phase}、三公经费、机关运行经费等",
                      f"{name} {record.year}年{overview}",
                      downloads=year_files + ((targets_file,) if targets_file else ()),
                      where=where(name, record.year, record.phase))]
        for section in document.sections:
            part, url, tables = section.part, section.url, section.tables
            charts = charts_module.charts_for(url, tables) if self.charts_on else []
            downloads = section_downloads(record, url, tables)
            body = self.render(part.template, url, record=record, section=part, data=part.section,
                               tables=tables, charts={c.table.id: c for c in charts}, entries=self.entries,
                               downloads=downloads, year_files=year_files, source_url=source_url,
                               children=section.children, years=self.year_links(department, record, part.slug),
                               changes=section.changes, previous_year=record.year - 1,
                               targets=target_rows, targets_title=part.title, page_link="", targets_file=targets_file)
            pages.append(Page(url + "index.md", part.title, body,
                              f"{name}{record.year}年部门{record.phase}：{part.title}",
                              f"{name} {record.year_title} · {part.title}", tuple(charts), tuple(downloads),
                              citable=bool(tables), where=where(name, record.year, record.phase)))
        return pages + self.statement_pages(department, document, year_files, source_url)

    def statement_pages(self, department: Department, document: YearView, year_files: tuple[Download, ...],
                        source_url: str | None) -> list[Page]:
        """The document's tables: a list of them, and a page for each (statements.py)."""
        if not document.statements:
            return []
        record = document.record
        base, name = record.base, record.data.department
        index = f"{base}{TABLES}/"
        pages = [Page(index + "index.md", LIST_TITLE,
                      self.render("statements.html", index, record=record, page={"title": LIST_TITLE},
                                  statements=[s.st for s in document.statements], base=base),
                      f"{name}{record.year}年部门{record.phase}公开表", f"{name} {record.year_title} · {LIST_TITLE}",
                      where=where(name, record.year, record.phase))]
        for shown in document.statements:
            st, title = shown.st, shown.title
            url = base + st.url
            figure = shown.classes
            charts = charts_module.charts_for(url, [figure], "code") if figure and self.charts_on else []
            downloads = [statement_download(record, st, url)]
            body = self.render("statement.html", url, record=record, st=st, page={"title": title},
                               parts=shown.parts, levels=shown.levels, chart=charts[0] if charts else None,
                               years=self.year_links(department, record, st.url.rstrip("/")),
                               downloads=downloads, year_files=year_files, source_url=source_url)
            pages.append(Page(url + "index.md", title, body, f"{name}{record.year}年部门{record.phase}公开表：{st.title}",
                              f"{name} {record.year_title} · {st.title}", tuple(charts), tuple(downloads),
                              levels=bool(shown.levels), citable=True, where=where(name, record.year, record.phase)))
        return pages

    def county_pages(self) -> list[Page]:
        """Per county, year and kind of document: every published department side by side and
        their sums (county.py)."""
        out = []
        for body in self.site.bodies:
            departments = [self.site.departments[slug] for slug in body.departments]
            documents = county_documents(self.site, body)
            for year, phase in documents:
                records = [d.series(phase)[year] for d in departments if year in d.series(phase)]
                previous = {d.slug: d.series(phase)[year - 1] for d in departments if year - 1 in d.series(phase)}
                url = county_url(body.slug, year, phase)
                found = county_summary(year, records, previous, {r.slug: r.base for r in records}, body.expected)
                charts = charts_module.charts_for(url, county_charts(found, phase)) if self.charts_on else []
                downloads = county_downloads(url, body.slug, body.name, found, phase)
                links = [YearLink(y, county_url(body.slug, y, p), y == year, True, county_title(y, p))
                         for y, p in documents if p == phase]
                title = f"{county_title(year, phase)}{COUNTY_TITLE}"
                target_counts = [(r.data.department, r.base, targets_view.tally(rows)) for d in departments
                                 if year in d.series(phase) for r in [d.series(phase)[year]]
                                 if (rows := targets_view.for_record(d, r))]
                body_html = self.render("county.html", url, body=body, summary=found, downloads=downloads, phase=phase,
                                        target_counts=target_counts,
                                        title=title, charts={c.table.id: c for c in charts},
                                        years=links if len(links) > 1 else [],
                                        others=[Link(county_url(body.slug, y, p), county_title(y, p) + COUNTY_TITLE)
                                                for y, p in documents if y == year and p != phase])
                out.append(Page(url + "index.md", title, body_html,
                                f"{body.name}{year}年各部门{phase}汇总：{found.label}", f"{body.name} {title}",
                                tuple(charts), tuple(downloads), sortable=True))
        return out

    def execution_page(self, department: Department, year: int) -> Page:
        """预算数 against 决算数 for every figure the year's 预算 and 决算 state (execution.py)."""
        budget, final = execution_pair(department, year)
        url = execution_url(department, year)
        table = execution(budget, final)
        total = final.resolved.headline()  # the chart in the unit the 决算 states its total in
        chart = charts_module.differences(url, table, total.unit if total else "万元") if self.charts_on else None
        csv = execution_csv(f"{url}{department.slug}-{year}-{EXECUTION_SLUG}.csv", department.name, table)
        title = execution_title(year)
        body = self.render("execution.html", url, department=department, year=year, table=table,
                           budget=budget, final=final, chart=chart, downloads=[csv], rounding=RATE_ROUNDING)
        return Page(url + "index.md", title, body, f"{department.name}{year}年部门预算与部门决算对照：预算数、决算数、差额和执行率",
                    f"{department.name} {title}", (chart,) if chart else (), (csv,), where=where(department.name, year))

    @property
    def several(self) -> bool:
        """A site of several counties: the home page and 全部部门 list the counties, and each county
        lists its own departments (a province's site would list tens of thousands on one page)."""
        return len(self.site.bodies) > 1

    def departments_page(self) -> Page:
        """Every department, one click from any page (the navigation shows only the current one)."""
        if self.several:
            groups = [(body, [d for d in self.index.departments if d.body == body.slug]) for body in self.site.bodies]
            body = self.render("departments_by_body.html", DEPARTMENTS_URL, groups=groups, title="全部部门")
        else:
            body = self.render("departments.html", DEPARTMENTS_URL, departments=self.index.departments, title="全部部门")
        return Page(DEPARTMENTS_URL + "index.md", "全部部门", body, "本站公开部门预算的全部部门", "全部部门")

    def body_pages(self) -> list[Page]:
        """On a site of several counties, each county's list of its departments."""
        if not self.several:
            return []
        out = []
        for body in self.site.bodies:
            if not body.departments:
                continue
            url, title = f"{BODIES_URL}{body.slug}/", f"{body.name}各部门"
            rows = [d for d in self.index.departments if d.body == body.slug]
            html = self.render("departments.html", url, departments=rows, title=title)
            out.append(Page(url + "index.md", title, html, f"{body.name}公开部门预算的全部部门", title))
        return out

    def _bodies(self) -> dict:
        published: dict[str, int] = {}
        for d in self.index.departments:
            published[d.body] = published.get(d.body, 0) + 1
        bodies = [(body, published.get(body.slug, 0), self.index.counties.get(body.slug, [])) for body in self.site.bodies]
        return {"bodies": bodies, "county_url": county_url, "year_title": county_title}

    def bodies_page(self) -> Page:
        """Each county (or the site's one body) with the years of its county pages."""
        html = self.render("bodies.html", BODIES_URL, **self._bodies(), title=COUNTY_TITLE, link_bodies=self.several)
        return Page(BODIES_URL + "index.md", COUNTY_TITLE, html, "各地区已公开部门预算的汇总，按年度", COUNTY_TITLE)

    def glossary_page(self) -> Page:
        """Every term once; each wording published for it with its department and year, linked
        to that document's own 名词解释."""
        body = self.render("glossary_index.html", GLOSSARY_URL, entries=self.site.terms, documents=self.index.glossaries,
                           limit=USAGE_LINKS)
        return Page(GLOSSARY_URL + "index.md", SITE_GLOSSARY, body, "部门预算中的专业名词及其解释", SITE_GLOSSARY)

    def glossary_usage(self, content: str) -> str:
        """Fill each entry's “出现在” list once every page has been marked."""
        for i, entry in enumerate(self.site.terms):
            usage = self.render("glossary_usage.html", GLOSSARY_URL, pages=self.index.usage(entry.term),
                                limit=USAGE_LINKS)
            content = content.replace(f"<!--ob-used:{i}-->", usage)
        return content

    def home_listing(self, page_url: str) -> str:
        """The newest year's departments with their totals and changes (the first screen); on a
        site of several counties, then each county's pages."""
        year, latest = newest(self.index.departments)
        if year is None:
            return ""
        front = self.render("front.html", page_url, year=year, shown=latest[:FRONT_DEPARTMENTS],
                            more=max(0, len(latest) - FRONT_DEPARTMENTS), others=len(self.index.departments) - len(latest),
                            bodies={b.slug: b.name for b in self.site.bodies} if self.several else {})
        if self.several:
            front += "\n" + self.render("bodies.html", page_url, **self._bodies(), title=None, link_bodies=True)
        return front

    def home_page(self, markdown: str, page_url: str) -> str:
        """content/index.md with the list of departments where it marks it (else at its end)."""
        listing = self.home_listing(page_url)
        if HOME_LISTING in markdown:
            return markdown.replace(HOME_LISTING, listing, 1)
        return markdown + "\n\n" + listing + "\n"

    def nav(self, before: list, after: list) -> list:
        """Department → year → section, newest year first. Under a year its 预算's pages, then a
        group for each other document (2021年决算 → 决算概览 and its sections), then 预算执行情况."""
        tree = []
        for department in self.site.departments.values():
            years = []
            for year in department.all_years:
                items: list = []
                for record in department.documents(year):
                    pages = [{overview_title(record): record.base + "index.md"}, *outline_nav(record),
                             *statements_nav(record)]
                    items += pages if record.phase == BUDGET else [{record.year_title: pages}]
                if url := execution_url(department, year):
                    items.append({"预算执行情况": url + "index.md"})
                years.append({f"{year}年": items})
            compare = [{"历年对比" if phase == BUDGET else f"历年{phase}对比": compare_url(department, phase) + "index.md"}
                       for phase in WORDS if len(department.series(phase)) > 1]
            tree.append({department.name: [{"部门概况": f"{department.slug}/index.md"}, *compare, *years]})
        # each body's county pages: shown, like a department, only on its own pages
        counties = [{body_title(body): [*([{"各部门": f"{BODIES_URL}{body.slug}/index.md"}] if self.several else []),
                                        *({county_title(y, p) + COUNTY_TITLE if self.several else county_title(y, p):
                                           county_url(body.slug, y, p) + "index.md"}
                                          for y, p in county_documents(self.site, body))]}
                    for body in self.site.bodies if body.departments]
        bodies = [{COUNTY_TITLE: BODIES_URL + "index.md"}] if self.site.bodies else []
        return [*before, {"全部部门": DEPARTMENTS_URL + "index.md"}, *bodies, *counties,
                *tree, {SITE_GLOSSARY: GLOSSARY_URL + "index.md"},
                *after]

