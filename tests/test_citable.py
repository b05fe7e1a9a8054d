"""Citable figures: every row of a figure table, every table and every chart has an anchor made
from its key and the row's code or name (not its place), and a “复制链接” button that copies
the page's address with it, by tap and by Enter. The fixture is the fictional bureau of
tests/fixtures/statements (a 一般公共预算支出表 of 类, 款 and 项 rows)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import build_or_fail, make_project

FIXTURE = Path(__file__).parent / "fixtures" / "statements"
YEAR = "shili-biao/2031/"
GENERAL = YEAR + "tables/general-public/"
PHONE = {"viewport": {"width": 360, "height": 480}, "is_mobile": True, "has_touch": True}


def row_ids(soup, table_id: str) -> list[str]:
    return [tr["id"] for tr in soup.select(f"#{table_id} tbody tr")]


def test_each_row_of_a_published_table_has_a_link_named_by_its_code(statements_site):
    assert row_ids(statements_site.article(GENERAL), "general-public") == [
        "general-public-201", "general-public-20103", "general-public-2010301", "general-public-2010302",
        "general-public-208", "general-public-20805", "general-public-2080505", "general-public-2080506",
        "general-public-210", "general-public-21011", "general-public-2101101",
        "general-public-221", "general-public-22102", "general-public-2210201", "general-public-合计"]


def test_each_row_of_a_sections_figure_table_has_a_link_named_by_its_code_or_name(statements_site):
    page = statements_site.article(YEAR + "expenditure/")
    assert row_ids(page, "by-function") == ["by-function-201", "by-function-208", "by-function-210",
                                            "by-function-221", "by-function-total"]
    three = statements_site.article(YEAR + "three-public/")
    assert row_ids(three, "three-public")[:2] == ["three-public-因公出国-境-经费", "three-public-公务接待费"]
    assert row_ids(three, "three-public")[-1] == "three-public-total"


def test_a_rows_link_follows_its_code_when_the_rows_are_reordered(tmp_path):
    """The same figure keeps its address in a later build (or year) that lists the rows in
    another order: the anchor is the code, not the place."""
    shutil.copytree(FIXTURE, tmp_path / "data")
    path = tmp_path / "data" / "shili-biao" / "2031.yaml"
    text = path.read_text(encoding="utf-8")
    first = '      - {code: "2010301", name: 行政运行, amounts: ["250.00", "250.00", ""]}\n'
    second = '      - {code: "2010302", name: 一般行政管理事务, amounts: ["50.00", "", "50.00"]}\n'
    assert text.count(first + second) == 1
    path.write_text(text.replace(first + second, second + first), encoding="utf-8")
    built = build_or_fail(make_project(tmp_path / "project", tmp_path / "data"), tmp_path / "site")
    rows = built.article(GENERAL).select("#general-public tbody tr")
    assert [(tr["id"], tr.th.get_text(strip=True)) for tr in rows[2:4]] == [
        ("general-public-2010302", "一般行政管理事务"), ("general-public-2010301", "行政运行")]


def test_a_cited_row_opened_in_a_new_page_on_a_phone_is_shown_and_scrolled_into_view(browser, statements_url):
    """On a phone the table opens folded to 款; a link to a 项 row still shows that row."""
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    try:
        tab.goto(statements_url + GENERAL + "#general-public-2210201")
        row = tab.locator("#general-public-2210201")
        row.wait_for(state="visible")
        tab.wait_for_timeout(300)
        box = row.bounding_box()
        assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 480, box
        assert "住房公积金" in row.inner_text()
    finally:
        context.close()


def clipboard_context(browser, origin: str, **options):
    context = browser.new_context(**options)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin.rstrip("/"))
    return context


def test_the_copy_link_button_copies_the_rows_address_by_a_tap(browser, statements_url):
    context = clipboard_context(browser, statements_url, **PHONE)
    tab = context.new_page()
    try:
        tab.goto(statements_url + GENERAL)
        button = tab.get_by_role("button", name="复制链接：政府办公厅（室）及相关机构事务")
        button.tap()
        tab.locator(".ob-cite-status").wait_for(state="visible")
        assert tab.evaluate("navigator.clipboard.readText()") == statements_url + GENERAL + "#general-public-20103"
        assert "已复制链接" in tab.locator(".ob-cite-status").inner_text()
    finally:
        context.close()


def test_the_copy_link_button_copies_a_charts_address_with_the_enter_key(browser, statements_url):
    context = clipboard_context(browser, statements_url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(statements_url + YEAR + "expenditure/")
        button = tab.locator("button[data-cite='chart-by-function']")
        assert button.inner_text() == "复制链接"
        button.focus()
        tab.keyboard.press("Enter")
        tab.locator(".ob-cite-status").wait_for(state="visible")
        assert tab.evaluate("navigator.clipboard.readText()") == statements_url + YEAR + "expenditure/#chart-by-function"
    finally:
        context.close()
