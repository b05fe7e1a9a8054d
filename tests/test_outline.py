"""The document's own outline: its order, nesting and headings are the site's.

tests/fixtures/outline/ holds a fictional document shaped like real ones that differ from
the seed: two parts (第一部分/第二部分), 部门预算单位构成 second, 支出预算 nested under
收支预算, and 机关运行经费/三公/采购 grouped under 其他重要事项的情况说明.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import build_or_fail, make_project

FIXTURE = Path(__file__).parent / "fixtures" / "outline"
BASE = "example-parts/2030/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outline")
    shutil.copytree(FIXTURE, folder / "data")
    return build_or_fail(make_project(folder / "project", folder / "data"), folder / "out")


def squash(text: str) -> str:
    return " ".join(text.split())


def test_overview_contents_follow_the_documents_parts_and_order(site):
    contents = site.article(BASE).select_one(".ob-contents")
    top = [squash(li.find(string=True, recursive=True)) for li in contents.find_all("li", recursive=False)]
    assert top == ["第一部分 部门概况", "第二部分 2030年部门预算情况说明", "第三部分 名词解释"]
    first, second, _ = contents.find_all("li", recursive=False)
    assert [squash(li.get_text()) for li in first.select(":scope > ol > li")] == [
        "一、主要职能", "二、部门预算单位构成", "三、机构设置"]
    assert [squash(li.find(string=True)) for li in second.select(":scope > ol > li")] == [
        "一、收支预算总体情况", "二、其他重要事项的情况说明"]
    grouped = second.select(":scope > ol > li")[1]
    assert [squash(li.get_text()) for li in grouped.select(":scope > ol > li")] == [
        "（一）机关运行经费", "（二）“三公”经费预算情况说明", "（三）政府采购情况", "（四）其他需要说明的事项"]
    # a heading that only groups others is no page; one with its own text is
    assert first.find("a", recursive=False) is None and grouped.find("a", recursive=False) is None
    assert second.find("a", recursive=False)["href"] == "section-5/"
    assert [a["href"] for a in grouped.select("a")] == ["operating-costs/", "three-public/", "procurement/",
                                                        "other-matters/"]


def test_each_section_keeps_its_address_whatever_its_place_in_the_document(site):
    for slug, heading in [("duties", "一、主要职能"), ("units", "二、部门预算单位构成"), ("basic-info", "三、机构设置"),
                          ("budget", "一、收支预算总体情况"), ("expenditure", "（一）支出预算"),
                          ("operating-costs", "（一）机关运行经费"), ("other-matters", "（四）其他需要说明的事项"),
                          ("glossary", "第三部分 名词解释"), ("section-5", "第二部分 2030年部门预算情况说明")]:
        assert site.article(BASE + slug).h1.get_text() == heading
    assert not (site.out / BASE / "section-1").exists()  # 第一部分 only groups its sections


def test_navigation_nests_sections_under_their_parts_in_document_order(site):
    def labels(url: str) -> list[str]:
        nav = site.page(BASE + url).select_one("nav.md-nav--primary")
        return [squash(x.get_text()) for x in nav.select("a.md-nav__link, label.md-nav__link")]

    # (the navigation shows the open part only)
    shown = labels("units")
    start = shown.index("第一部分 部门概况")
    assert shown[start:start + 6] == ["第一部分 部门概况", "一、主要职能", "二、部门预算单位构成", "三、机构设置",
                                      "第二部分 2030年部门预算情况说明", "第三部分 名词解释"]
    shown = labels("expenditure")
    start = shown.index("第二部分 2030年部门预算情况说明")
    # a section with its own text and sections nested in it: its text is the first item, 概述
    assert shown[start:start + 7] == ["第二部分 2030年部门预算情况说明", "概述", "一、收支预算总体情况", "概述",
                                      "（一）支出预算", "二、其他重要事项的情况说明", "第三部分 名词解释"]


def test_a_section_page_links_the_sections_nested_in_it(site):
    page = site.article(BASE + "budget")
    assert [(a.get_text(), a["href"]) for a in page.select(".ob-children a")] == [("（一）支出预算", "../expenditure/")]


def test_amounts_a_grouped_section_does_not_state_are_not_shown_as_zero(site):
    page = site.article(BASE + "three-public")
    assert page.get_text().count("原文未列明") >= 3
    assert "“三公”经费合计" in page.get_text()
