"""The built site in real Chromium: accessible, mobile, printable, strict-CSP clean, searchable.

Screenshots of the main page types are saved to tests/artifacts/ for people to look at.
"""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import make_project, search
from test_charts import EXPECTED as CHART_PAGES

BASE = "miyi-xinfang/2021/"
SECTIONS = ["duties", "basic-info", "work-plan", "budget", "expenditure", "three-public", "operating-costs",
            "procurement", "glossary", "performance", "assets"]
PAGE_TYPES = {"home": "", "departments": "departments/", "department": "miyi-xinfang/", "overview": BASE,
              "glossary": "glossary/", "about": "about/", "search": "search/",
              **{f"section-{s}": f"{BASE}{s}/" for s in SECTIONS}}
ARTIFACTS = Path(__file__).parent / "artifacts"
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_axe_finds_no_accessibility_violations(page, seed_url, axe, name):
    page.goto(seed_url + PAGE_TYPES[name])
    result = axe.run(page)
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]]
    assert violations == []


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_language_is_declared_and_headings_are_in_order(page, seed_url, name):
    page.goto(seed_url + PAGE_TYPES[name])
    assert page.locator("html").get_attribute("lang") == "zh"
    levels = page.eval_on_selector_all("article h1, article h2, article h3, article h4, article h5, article h6",
                                       "hs => hs.map(h => Number(h.tagName[1]))")
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}"


@pytest.mark.parametrize("section", list(CHART_PAGES))
def test_every_chart_has_a_text_alternative(page, seed_url, section):
    page.goto(seed_url + BASE + section + "/")
    images = page.locator("figure.ob-chart img").all()
    assert len(images) == len(CHART_PAGES[section])
    for img in images:
        assert len(img.get_attribute("alt")) > 20
    figure = page.locator("figure.ob-chart").first
    figure.hover()
    page.wait_for_function("() => document.querySelector('figure.ob-chart').dataset.state === 'ready'")
    label = figure.locator(".ob-chart__live").get_attribute("aria-label")  # set by vega from the description
    assert label and label.startswith("条形图：")


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_page_scrolls_sideways_on_a_360px_phone(browser, seed_url, name):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(seed_url + PAGE_TYPES[name])
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"phone-{name}.png", full_page=True)
    context.close()


def test_desktop_screenshots_are_saved(page, seed_url):
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    for name in ("home", "overview", "section-budget", "glossary"):
        page.goto(seed_url + PAGE_TYPES[name])
        page.screenshot(path=ARTIFACTS / f"desktop-{name}.png", full_page=True)
        assert (ARTIFACTS / f"desktop-{name}.png").stat().st_size > 10_000


# CJK fonts share glyphs with radicals, so PDF text comes back with radicals for some
# characters: Kangxi radicals (⽶ for 米) fold with NFKC, simplified ones need this table.
RADICALS = str.maketrans("⻔⻓⻛⻜⻢⻚⻋⻉⻅⻈⻙⻰⻩⻬⻮⻦", "门长风飞马页车贝见讠韦龙黄齐齿鸟")


def pdf_pages(page) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [unicodedata.normalize("NFKC", p.extract_text()).translate(RADICALS) for p in reader.pages]


def test_printed_figure_page_keeps_table_whole_shows_chart_and_source_hides_navigation(page, seed_url):
    page.goto(seed_url + BASE + "budget/")
    page.emulate_media(media="print")
    assert page.locator("img.ob-chart__static").is_visible()
    for hidden in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), f"{hidden} is printed"
    pages = pdf_pages(page)
    table_rows = ["工资福利支出 197.04 77.54%", "项目支出 33.1 13.03%", "收入预算总额 254.12 100.00%"]
    [with_table] = [i for i, text in enumerate(pages) if table_rows[0] in text]
    assert all(row in pages[with_table] for row in table_rows), "the table is split across pages"
    printed = "".join(pages)
    assert "关于2021年部门预算编制的说明" in printed and "2021年" in printed
    assert "米易县信访局" in printed
    assert "搜索" not in printed and "关于本站" not in printed  # no search box, no navigation


# What a reader types, and the page they are after: first among the results (written out by hand).
# Pagefind's dictionary cuts 信访, 三率 and 两降两升 into single characters, in the pages as in
# the query: typed, each is found as the word, not as characters anywhere in a page.
FIRST_RESULTS = {
    "三率": "/miyi-xinfang/2021/glossary/",  # the document's 名词解释, where 三率 is explained
    "三公": "/miyi-xinfang/2021/three-public/",
    "机关运行经费": "/miyi-xinfang/2021/operating-costs/",  # its section, not the overview that repeats it
    "两降两升": "/miyi-xinfang/2021/glossary/",
    "信访": "/miyi-xinfang/",  # the department's page
    "公务接待": "/miyi-xinfang/2021/three-public/",  # 公务接待费
    "米易县信访局": "/miyi-xinfang/",  # the seed department's name: its page
}


@pytest.mark.parametrize("query", list(FIRST_RESULTS))
def test_a_word_typed_finds_its_page_first_and_the_page_opened_marks_the_whole_word(page, seed_url, query):
    results = search(page, seed_url, query)
    assert results[0]["url"].split("?")[0] == FIRST_RESULTS[query], [r["url"] for r in results]
    page.goto(seed_url.rstrip("/") + results[0]["url"])
    page.wait_for_selector("article mark.pagefind-highlight", timeout=10000)
    assert set(page.locator("article mark.pagefind-highlight").all_text_contents()) == {query}
    assert page.console_errors == []


def test_search_results_with_the_results_open_pass_axe(page, seed_url, axe):
    search(page, seed_url, "三公")
    result = axe.run(page)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]] == []


def test_the_search_is_usable_by_keyboard_alone(page, seed_url):
    """/ opens the search from any page; the query is typed; Tab reaches the first result; Enter opens it."""
    page.goto(seed_url + BASE, wait_until="networkidle")
    page.keyboard.press("/")
    page.wait_for_url("**/search/")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('.pagefind-ui__search-input')")
    page.keyboard.type("三公")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10000)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.pagefind-ui__result-link')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith("/miyi-xinfang/2021/three-public/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/three-public/?h=*")
    assert page.console_errors == []


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_every_page_type_runs_clean_under_its_csp(page, seed_url, name):
    page.goto(seed_url + PAGE_TYPES[name])
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    scripts = next(d for d in policy.split("; ") if d.startswith("script-src "))
    sources = scripts.split()[1:]
    assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
    assert [s for s in sources if not s.startswith("'sha256-")] == ["'self'", "'wasm-unsafe-eval'"]  # the search's WebAssembly
    figures = page.locator("figure.ob-chart").all()
    assert len(figures) == len(CHART_PAGES.get(name.removeprefix("section-"), {}))  # 0 on pages without
    for figure in figures:  # charts work
        figure.hover()
    if figures:
        page.wait_for_function("() => [...document.querySelectorAll('figure.ob-chart')].every(f => f.dataset.state === 'ready')")
    terms = page.locator("a.ob-term")
    if terms.count():  # tooltips work
        terms.first.hover()
        page.wait_for_selector("#ob-term-tooltip[role=tooltip]:not([hidden])")
    if name == "search":  # search works: Pagefind's WebAssembly, under 'wasm-unsafe-eval' and nothing more
        assert search(page, seed_url, "预算")
    assert page.console_errors == []  # Chromium reports every CSP violation as a console error


def test_live_reload_works_under_mkdocs_serve(tmp_path):
    """The preview an editor uses runs its live-reload script; the published policy stays strict."""
    with socket.socket() as probe:  # a free port on this machine
        probe.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{probe.getsockname()[1]}"
    project = make_project(tmp_path / "project")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f",
                               str(project / "mkdocs.yml"), "--dev-addr", address],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                html = urllib.request.urlopen(f"http://{address}/about/").read().decode()
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("mkdocs serve did not start")
        policy = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
        assert "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline';" in policy and "livereload(" in html
    finally:
        server.terminate()
        server.wait()


def test_a_page_loads_nothing_of_the_search_until_the_reader_opens_it(browser, seed_url):
    """On a county site the index is megabytes: a page's first load must not carry any of it; the
    phone's search icon opens the search page, which finds pages."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    requested = []
    tab.on("request", lambda r: requested.append(r.url))
    errors = []
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        tab.goto(seed_url + BASE, wait_until="networkidle")
        tab.touchscreen.tap(180, 300)  # the reader's first touch starts the theme's script, not the search
        tab.wait_for_timeout(500)
        assert not [u for u in requested if "/search/" in u or "pagefind" in u]
        tab.locator("a.md-header__button[href$='search/']").tap()  # the phone's search icon
        tab.wait_for_url("**/search/")
        assert search(tab, seed_url, "三公")
        assert [u for u in requested if "/search/site/pagefind" in u]
        assert errors == []
    finally:
        context.close()


THEME_SCRIPT = "/assets/javascripts/bundle."  # Material's (its name carries a hash)


def test_a_phone_loads_a_page_without_the_theme_script_and_the_first_touch_starts_it(browser, seed_url):
    """Material's script is 114 KB a phone spends a fifth of a second on while the page loads, and
    nothing needs it for reading. It must wait for the reader, then work: after a first touch the
    search finds pages."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    tab = context.new_page()
    requested, errors = [], []
    tab.on("request", lambda r: requested.append(r.url))
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        tab.goto(seed_url + BASE, wait_until="networkidle")
        tab.wait_for_timeout(500)
        assert not [u for u in requested if THEME_SCRIPT in u]
        assert tab.evaluate("typeof window.document$") == "undefined"  # Material has not started
        tab.touchscreen.tap(180, 300)
        tab.wait_for_function("() => typeof window.document$ === 'object'")
        assert len([u for u in requested if THEME_SCRIPT in u]) == 1
        tab.locator("a.md-header__button[href$='search/']").tap()
        tab.wait_for_url("**/search/")
        assert search(tab, seed_url, "三公")
        assert errors == []
    finally:
        context.close()


def test_a_search_key_pressed_before_the_theme_script_runs_still_opens_the_search(page, seed_url):
    page.goto(seed_url + BASE, wait_until="networkidle")
    assert page.evaluate("typeof window.document$") == "undefined"
    page.keyboard.press("/")  # the page's first event
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('.pagefind-ui__search-input')")
    assert page.console_errors == []


def test_a_page_opened_from_a_search_result_marks_the_word_searched_for(page, seed_url):
    """As the word, not as its characters one by one (信 and 访 apart)."""
    page.goto(seed_url + BASE + "duties/?h=信访", wait_until="networkidle")
    page.wait_for_selector("article mark.pagefind-highlight", timeout=10000)
    assert set(page.locator("article mark.pagefind-highlight").all_text_contents()) == {"信访"}
    assert page.console_errors == []


def test_a_search_result_on_a_phone_says_where_it_is_in_a_short_snippet(browser, seed_url):
    """Department, year, kind of document and section; each snippet at most three lines at 360 px."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        results = search(tab, seed_url, "公务接待")
        first = results[0]
        assert first["title"] == "六、“三公”经费预算安排情况"
        assert sorted(first["tags"]) == sorted(["部门: 米易县信访局", "年度: 2021年", "文件: 预算"])
        for excerpt in tab.locator(".pagefind-ui__result-excerpt").all():
            height = excerpt.evaluate("e => e.getBoundingClientRect().height")
            line = excerpt.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
            assert height <= 3 * line + 1, (height, line)
        assert tab.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
        assert tab.locator(".pagefind-ui__filter-panel").is_hidden()  # one department, one year: nothing to choose
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=ARTIFACTS / "phone-search-results.png")
    finally:
        context.close()
