"""The kinds of section a 部门预算说明 has: the one place that knows their keys, URLs and titles.

A document is its own outline (model.py: `sections:`, nested, in the document's order, under
the document's own headings). Each section says what it is with `kind:`; this table gives
each kind its URL (the same in every year and department, so that years can be compared and
linked), the site's name for it (where one name must serve every document: comparisons, the
year switcher) and the template of its page. Sections of kind `text` are narrative only and
may appear any number of times; every other kind appears at most once in a document.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str  # what the editor writes as `kind:`; also the section's key in rules and findings
    slug: str  # URL segment: /<department>/<year>/<slug>/
    title: str  # page title on the site
    template: str  # Jinja template that renders the page body


SECTIONS: tuple[Section, ...] = (
    Section("duties", "duties", "主要职责", "section.html"),
    Section("basic_info", "basic-info", "基本情况", "section.html"),
    Section("units", "units", "部门预算单位构成", "section.html"),
    Section("work_plan", "work-plan", "年度主要工作任务", "section.html"),
    Section("budget", "budget", "收支预算总体情况", "section.html"),
    Section("expenditure", "expenditure", "支出预算安排情况", "expenditure.html"),
    Section("three_public", "three-public", "“三公”经费", "section.html"),
    Section("operating_costs", "operating-costs", "机关运行经费", "section.html"),
    Section("procurement", "procurement", "政府采购", "section.html"),
    Section("glossary", "glossary", "名词解释", "glossary.html"),
    Section("performance", "performance", "绩效目标", "section.html"),
    Section("assets", "assets", "国有资产占用", "section.html"),
)

BY_KEY = {s.key: s for s in SECTIONS}
TEXT = "text"  # the kind of a narrative section that is none of the above (the default)
TEXT_TEMPLATE = "section.html"

# What every 部门预算说明 discloses (《预算法》第十四条, 财政部预决算公开操作规程): the budget,
# its spending, “三公”经费 and 机关运行经费. None is required to publish a document; a complete
# document (not an excerpt) without one is said to lack it, as a plain fact.
EXPECTED = ("budget", "expenditure", "three_public", "operating_costs")


def not_included(title: str) -> str:
    """What the overview says of an expected section a complete document does not include."""
    return f"本文件未包含{title}"


def missing(dy, in_tables=lambda kind: False) -> list[Section]:
    """Expected sections a complete document has neither as a section nor as figures in its
    tables (in_tables(kind)); nothing is said of what an excerpt lacks."""
    if dy.document.excerpt:
        return []
    return [BY_KEY[key] for key in EXPECTED if dy.part(key) is None and not in_tables(key)]

# URL segments a `text` section's own slug may not take
# (final/ and adjusted/ hold a year's 决算 and 调整预算, budget-vs-actual/ compares the two; tables/ the document's tables)
RESERVED_SLUGS = frozenset(s.slug for s in SECTIONS) | {"compare", "downloads", "final", "adjusted", "budget-vs-actual",
                                                         "tables"}
