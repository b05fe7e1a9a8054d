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

from conftest import make_project
from test_charts import EXPECTED as CHART_PAGES

BASE = "miyi-xinfang/2021/"
SECTIONS = ["duties", "basic-info", "work-plan", "budget", "expenditure", "three-public", "operating-costs",
            "procurement", "glossary", "performance", "assets"]
PAGE_TYPES = {"home": "", "departments": "departments/", "department": "miyi-xinfang/", "overview": BASE,
              "glossary": "glossary/", "about": "about/",
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


SEARCHES = {"住房公积金": "支出预算安排情况", "三公": "“三公”经费", "信访": "主要职责"}


@pytest.mark.parametrize("query", list(SEARCHES))
def test_chinese_search_finds_the_right_pages(page, seed_url, query):
    page.goto(seed_url + BASE)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on key-up; fill() sends none
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    titles = [t.replace("\u200b", "") for t in page.locator(".md-search-result__item h1, .md-search-result__item h2").all_text_contents()]
    assert any(SEARCHES[query] in t for t in titles), titles
    assert page.console_errors == []


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_every_page_type_runs_clean_under_its_csp(page, seed_url, name):
    page.goto(seed_url + PAGE_TYPES[name])
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    scripts = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert "unsafe-inline" not in scripts and "unsafe-eval" not in scripts
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
    box = page.locator("input.md-search__input")  # search works
    box.click()
    box.fill("预算")
    box.press("End")
    page.wait_for_selector(".md-search-result__item")
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
        assert "script-src 'self' 'unsafe-inline';" in policy and "livereload(" in html
    finally:
        server.terminate()
        server.wait()


def test_the_search_index_is_fetched_only_when_the_reader_reaches_for_the_search(browser, seed_url):
    """On a county site the index is megabytes: a page's first load must not carry it."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    requested = []
    tab.on("request", lambda r: requested.append(r.url))
    errors = []
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        tab.goto(seed_url + BASE, wait_until="networkidle")
        tab.wait_for_timeout(500)
        assert not [u for u in requested if u.endswith("search/search_index.json")]
        tab.locator("label.md-header__button[for='__search']").click()  # the phone's search icon
        box = tab.locator("input.md-search__input")
        box.fill("三公")
        box.press("End")
        tab.wait_for_selector(".md-search-result__item", timeout=10000)
        assert [u for u in requested if u.endswith("search/search_index.json")]
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
        tab.locator("label.md-header__button[for='__search']").click()
        box = tab.locator("input.md-search__input")
        box.fill("三公")
        box.press("End")
        tab.wait_for_selector(".md-search-result__item", timeout=10000)
        assert errors == []
    finally:
        context.close()


def test_a_search_key_pressed_before_the_theme_script_runs_still_opens_the_search(page, seed_url):
    page.goto(seed_url + BASE, wait_until="networkidle")
    assert page.evaluate("typeof window.document$") == "undefined"
    page.keyboard.press("/")  # the page's first event: it starts Material, which then gets the key
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('input.md-search__input')")
    assert page.console_errors == []


def test_a_page_opened_from_a_search_result_highlights_the_words_without_waiting_for_the_reader(page, seed_url):
    """Material marks them once it has the search index, which a page otherwise fetches only when
    the reader reaches for the search."""
    page.goto(seed_url + BASE + "duties/?h=信访", wait_until="networkidle")
    page.wait_for_selector("article mark[data-md-highlight]", timeout=10000)
    assert "信访" in page.locator("article mark[data-md-highlight]").first.text_content()
    assert page.console_errors == []
