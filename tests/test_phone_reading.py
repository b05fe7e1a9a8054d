"""Charts and tables read on the device in hand: bars by size unless their order means something
(and the caption says which), instructions for touch on a touch screen and for mouse and
keyboard elsewhere, names that do not stack into towers at 360 px. The fixture is the fictional
bureau of tests/fixtures/statements."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_or_fail, make_project, serve

FIXTURE = Path(__file__).parent / "fixtures" / "statements"
YEAR = "shili-biao/2031/"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
POINTER_WORDS = "把鼠标移到条形上或点按可查看数字"
TOUCH_WORDS = "点按条形可查看数字"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("phone-reading")
    return build_or_fail(make_project(tmp / "project", FIXTURE), tmp / "site")


@pytest.fixture(scope="module")
def url(site):
    base, server = serve(site.out)
    yield base
    server.shutdown()


def test_a_sections_bars_are_largest_first_and_the_caption_says_so(site):
    figure = site.article(YEAR + "expenditure/").select_one("#chart-by-function")
    assert "（按金额从大到小排列）" in figure.figcaption.get_text()
    alt = figure.img["alt"]
    # 201: 300, 208: 40, 221: 20, 210: 15 (the table lists 210 before 221)
    order = [alt.index(name) for name in ("一般公共服务支出", "社会保障和就业支出", "住房保障支出", "卫生健康支出")]
    assert order == sorted(order)


def test_a_published_tables_bars_keep_the_tables_code_order_and_the_caption_says_so(site):
    figure = site.article(YEAR + "tables/general-public/").select_one("figure.ob-chart")
    assert "（按科目编码排列，与原表相同）" in figure.figcaption.get_text()
    alt = figure.img["alt"]
    order = [alt.index(name) for name in ("一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出")]
    assert order == sorted(order)


def visible_words(page) -> str:
    return page.locator("figure.ob-chart figcaption").first.inner_text()


def test_a_touch_screen_reads_touch_instructions_and_no_mouse_or_keyboard_ones(browser, url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(url + YEAR + "expenditure/")
        words = visible_words(page)
        assert TOUCH_WORDS in words and "鼠标" not in words and "Tab" not in words and "Esc" not in words
    finally:
        context.close()


def test_a_desktop_reads_mouse_and_keyboard_instructions(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(url + YEAR + "expenditure/")
        words = visible_words(page)
        assert POINTER_WORDS in words and "Tab" in words and TOUCH_WORDS not in words
    finally:
        context.close()


def test_row_names_of_a_long_table_wrap_onto_at_most_three_lines_on_a_phone(browser, url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(url + YEAR + "tables/general-public/")
        page.get_by_role("button", name="项", exact=True).tap()
        lines = page.evaluate("""() => [...document.querySelectorAll('.ob-statement tbody th[scope=row]')].map(th => {
            const range = document.createRange();
            range.selectNodeContents(th.querySelector(".ob-name") || th.firstChild);
            return [th.firstChild.textContent.trim(), new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
        })""")
        # 机关事业单位基本养老保险缴费支出 (16 characters) is the longest
        assert max(n for _, n in lines) <= 3, lines
        assert dict(lines)["机关事业单位基本养老保险缴费支出"] <= 3
    finally:
        context.close()
