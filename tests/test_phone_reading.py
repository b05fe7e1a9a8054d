"""Charts and tables read on the device in hand: bars by size unless their order means something
(and the caption says which), instructions for touch on a touch screen and for mouse and
keyboard elsewhere, names that do not stack into towers at 360 px. The fixture is the fictional
bureau of tests/fixtures/statements."""

from __future__ import annotations


import pytest


YEAR = "shili-biao/2031/"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
POINTER_WORDS = "把鼠标移到条形上或点按可查看数字"
TOUCH_WORDS = "点按条形可查看数字"


@pytest.mark.parametrize("path, caption, names", [
    # 201: 300, 208: 40, 221: 20, 210: 15: a section's bars largest first (the table lists 210 before 221)
    (YEAR + "expenditure/", "（按金额从大到小排列）", ("一般公共服务支出", "社会保障和就业支出", "住房保障支出", "卫生健康支出")),
    # a published table's classes in the table's own code order
    (YEAR + "tables/general-public/", "（按科目编码排列，与原表相同）",
     ("一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出")),
])
def test_bars_are_largest_first_unless_a_published_tables_codes_order_them_and_the_caption_says_which(
        statements_site, path, caption, names):
    figure = statements_site.article(path).select_one("figure.ob-chart")
    assert caption in figure.figcaption.get_text()
    order = [figure.img["alt"].index(name) for name in names]
    assert order == sorted(order)


def visible_words(page) -> str:
    return page.locator("figure.ob-chart figcaption").first.inner_text()


def test_a_touch_screen_reads_touch_instructions_and_no_mouse_or_keyboard_ones(browser, statements_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(statements_url + YEAR + "expenditure/")
        words = visible_words(page)
        assert TOUCH_WORDS in words and "鼠标" not in words and "Tab" not in words and "Esc" not in words
    finally:
        context.close()


def test_a_desktop_reads_mouse_and_keyboard_instructions(browser, statements_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(statements_url + YEAR + "expenditure/")
        words = visible_words(page)
        assert POINTER_WORDS in words and "Tab" in words and TOUCH_WORDS not in words
    finally:
        context.close()


def test_row_names_of_a_long_table_wrap_onto_at_most_three_lines_on_a_phone(browser, statements_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(statements_url + YEAR + "tables/general-public/")
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
