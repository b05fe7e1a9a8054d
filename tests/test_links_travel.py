"""Links and downloads that travel: files saved from several departments and years keep
apart in one Downloads folder, the published text reads right wherever it is opened, and
every page can be found, moved through and skipped through without a mouse."""

from __future__ import annotations

import json
import posixpath
import shutil

import pytest

from conftest import ROOT, SEED_TEXT, make_project, mkdocs_build, search

BASE = "miyi-xinfang/2021/"


def downloads(site, url: str) -> list[str]:
    return [a["href"] for a in site.article(url).select(".ob-downloads a[download]")]


def test_downloaded_files_are_named_after_their_department_year_and_section(seed_site):
    assert downloads(seed_site, BASE) == ["miyi-xinfang-2021.xlsx", "miyi-xinfang-2021.json", "miyi-xinfang-2021-source.txt"]
    assert downloads(seed_site, BASE + "expenditure") == [
        "miyi-xinfang-2021-expenditure-basic-project.csv", "miyi-xinfang-2021-expenditure-by-function.csv",
        "../miyi-xinfang-2021.xlsx", "../miyi-xinfang-2021.json", "../miyi-xinfang-2021-source.txt"]
    assert downloads(seed_site, BASE + "three-public")[0] == "miyi-xinfang-2021-three-public.csv"
    package = json.loads((seed_site.out / "datapackage.json").read_text(encoding="utf-8"))
    # by path: one order whichever build writes it (a site built in shards too)
    assert [posixpath.basename(r["path"]) for r in package["resources"]] == [
        "all-figures.csv", "all-2021-departments.csv", "all-2021-economic.csv", "all-2021-functional.csv",
        "miyi-xinfang-2021-assets.csv", "miyi-xinfang-2021-budget-income-by-economic.csv",
        "miyi-xinfang-2021-expenditure-basic-project.csv", "miyi-xinfang-2021-expenditure-by-function.csv",
        "miyi-xinfang-2021-targets.csv", "miyi-xinfang-2021-operating-costs.csv", "miyi-xinfang-2021-three-public.csv"]
    for resource in package["resources"]:
        assert (seed_site.out / resource["path"]).is_file()


def test_the_published_text_carries_a_utf8_mark_so_it_never_shows_garbled(seed_site):
    served = (seed_site.out / BASE / "miyi-xinfang-2021-source.txt").read_bytes()
    assert served[:3] == b"\xef\xbb\xbf"
    assert served[3:] == SEED_TEXT.read_bytes()
    assert SEED_TEXT.read_bytes()[:3] != b"\xef\xbb\xbf"  # the file in data/ stays as it is


def test_a_published_text_saved_in_another_encoding_stops_the_build_with_its_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "miyi-xinfang" / "2021.source.txt").write_bytes("附件1 米易县信访局".encode("gbk"))
    result = mkdocs_build(make_project(tmp_path / "project", data), tmp_path / "out")
    assert result.returncode == 1
    assert ("data/miyi-xinfang/2021.source.txt:1:1 原文全文应为 UTF-8 编码的文字（记事本“另存为”时编码选 UTF-8）；"
            "这个文件不是，下载后会显示为乱码") in result.stderr
    assert "Traceback" not in result.stderr


def test_every_page_has_one_skip_link_to_its_content(seed_site):
    pages = seed_site.html_files()
    assert len(pages) > 15
    for path in pages:
        soup = seed_site.page(str(path.relative_to(seed_site.out)))
        skips = soup.select("a.ob-skip")
        assert [(a.get_text(), a["href"]) for a in skips] == [("跳到正文", "#ob-main")], path
        assert soup.select_one("#ob-main + .md-content > article") is not None, path  # right before the content


def test_the_first_tab_on_any_page_offers_to_skip_to_the_content(page, seed_url):
    for url in ("", BASE + "budget/", "glossary/"):
        page.goto(seed_url + url)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused == "跳到正文", url
        assert page.locator("a.ob-skip").is_visible()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")  # the next stop is in the page's own content, past the navigation
        assert page.evaluate("!!document.activeElement.closest('article')"), url


def test_department_year_pages_have_clickable_breadcrumbs(seed_site):
    crumbs = seed_site.article(BASE + "three-public").select_one("nav.ob-breadcrumbs")
    assert crumbs["aria-label"] == "当前位置"
    assert [(li.get_text(), li.a["href"] if li.a else None) for li in crumbs.select("li")] == [
        ("米易县信访局", "../../"), ("2021年部门预算", "../"), ("六、“三公”经费预算安排情况", None)]
    assert crumbs.select_one("[aria-current=page]").get_text() == "六、“三公”经费预算安排情况"
    crumbs = seed_site.article(BASE).select_one("nav.ob-breadcrumbs")
    assert [(li.get_text(), li.a["href"] if li.a else None) for li in crumbs.select("li")] == [
        ("米易县信访局", "../"), ("2021年部门预算", None)]


def pager(site, url: str) -> list[tuple[str, str, str]]:
    nav = site.article(url).select_one("nav.ob-pager")
    return [(a["rel"][0], a.get_text(), a["href"]) for a in nav.select("a")] if nav else []


def test_section_pages_link_the_previous_and_next_section(seed_site):
    assert pager(seed_site, BASE + "budget") == [("prev", "上一栏目：三、2021年主要工作任务", "../work-plan/"),
                                                ("next", "下一栏目：五、支出预算安排情况", "../expenditure/")]
    assert pager(seed_site, BASE + "duties") == [("prev", "上一栏目：年度概览", "../"),
                                                ("next", "下一栏目：二、基本情况", "../basic-info/")]
    assert pager(seed_site, BASE + "assets") == [("prev", "上一栏目：十、重点项目的绩效目标等预算绩效情况说明", "../performance/")]
    assert pager(seed_site, BASE) == []  # the overview lists every section itself


def test_search_results_name_the_department_and_year_of_each_page(page, seed_url):
    results = search(page, seed_url, "住房公积金")
    expenditure = next(r for r in results if r["url"].startswith("/miyi-xinfang/2021/expenditure/"))
    assert expenditure["title"] == "五、支出预算安排情况"
    assert sorted(expenditure["tags"]) == sorted(["部门: 米易县信访局", "年度: 2021年", "文件: 预算"])


@pytest.mark.parametrize("words", ["把鼠标移到条形上或点按可查看数字", "CSV 文件为 UTF-8 编码", "上一栏目", "下一栏目"])
def test_chart_instructions_and_page_navigation_are_not_indexed_as_content(page, seed_url, words):
    # no result shows them (the home page's own text may mention CSV files: it is content)
    found = [r for r in search(page, seed_url, words) if words.replace(" ", "") in "".join(r["excerpts"]).replace(" ", "")]
    assert found == []


def test_the_content_itself_is_searched(page, seed_url):
    assert search(page, seed_url, "住房公积金") and search(page, seed_url, "机关运行经费")


def test_the_site_glossary_and_a_documents_own_section_have_different_names_in_the_navigation(seed_site):
    nav = seed_site.page(BASE + "budget").select_one("nav.md-nav--primary")
    names = [a.get_text(" ", strip=True) for a in nav.select("a.md-nav__link")]
    assert "全站名词解释" in names and "九、对专业性较强的名词进行解释" in names
    assert seed_site.article("glossary").h1.get_text() == "全站名词解释"


def test_a_pages_tab_title_names_its_department_and_year(seed_site):
    assert seed_site.page(BASE + "budget").title.get_text() == "米易县信访局 2021年 · 四、收支预算总体情况 - 部门预算公开"
    assert seed_site.page(BASE).title.get_text() == "米易县信访局 2021年概览 - 部门预算公开"
    assert seed_site.page("about").title.get_text() == "关于本站 - 部门预算公开"
