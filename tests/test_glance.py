"""The answer first: a year's overview opens with its total, the change from last year and
the largest uses, within a phone's first screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_or_fail, make_project

MULTI = Path(__file__).parent / "fixtures" / "multi"


@pytest.fixture(scope="module")
def multi_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("glance")
    return build_or_fail(make_project(folder / "project", MULTI), folder / "out")


def squash(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def test_overview_opens_with_the_total_its_change_from_last_year_and_the_largest_uses(multi_site):
    glance = multi_site.article("example-a/2031").select_one(".ob-glance")
    assert squash(glance.select_one(".ob-glance__total")) == "121 万元"
    assert squash(glance.select_one(".ob-glance__change")) == "较上年增加 11 万元（10.00%） 与本站 2030 年数据相比"
    uses = [(squash(li), li.a["href"]) for li in glance.select(".ob-glance__uses li")]
    assert uses == [("一般公共服务支出 84.7，占 70.00%", "expenditure/"),
                    ("社会保障和就业支出 12.1，占 10.00%", "expenditure/"),
                    ("卫生健康支出 12.1，占 10.00%", "expenditure/")]


def test_a_year_with_no_previous_file_says_last_year_was_not_published(seed_site):
    glance = seed_site.article("miyi-xinfang/2021").select_one(".ob-glance")
    assert squash(glance.select_one(".ob-glance__total")) == "254.12 万元"
    assert squash(glance.select_one(".ob-glance__change")) == "上年未公开"
    assert squash(glance.select(".ob-glance__uses li")[0]).startswith("一般公共服务支出 204.65，占 80.53% ，原文：")


def test_total_and_change_are_in_a_phones_first_screen(browser, seed_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    tab.goto(seed_url + "miyi-xinfang/2021/")
    for selector in (".ob-glance__total", ".ob-glance__change"):
        box = tab.locator(selector).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 740, (selector, box)
    size = tab.locator(".ob-glance__figure").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 28  # the figure is the largest text on the screen
    context.close()


def test_all_departments_shows_each_departments_latest_total_and_its_change(multi_site):
    # (the home page's first screen lists the newest year's: test_home.py)
    rows = {tr.th.get_text(): [td.get_text(" ", strip=True) for td in tr.select("td")]
            for tr in multi_site.article("departments/").select(".ob-departments tbody tr")}
    assert rows["示例县甲局（虚构）"][:4] == ["2031年", "121", "万元", "较上年增加 11 万元（10.00%）"]


def test_department_page_opens_with_its_latest_years_total_and_change(multi_site):
    page = multi_site.article("example-a")
    assert page.select_one(".ob-glance__year a")["href"] == "2031/"
    glance = page.select_one(".ob-glance")
    assert squash(glance.select_one(".ob-glance__total")) == "121 万元"
    assert squash(glance.select_one(".ob-glance__change")).startswith("较上年增加 11 万元（10.00%）")
    assert glance.select_one(".ob-glance__uses a")["href"] == "2031/expenditure/"


def test_a_section_page_shows_each_figures_change_from_last_years_same_figure(multi_site):
    table = multi_site.article("example-a/2031/expenditure").select_one("#by-function table")
    assert table.select("thead th")[-1].get_text() == "较2030年预算"
    changes = {tr.th.get_text(): tr.select_one("td.ob-change").get_text() for tr in table.select("tbody tr")}
    assert changes["一般公共服务支出"] == "+7.7（+10.00%）"  # 84.7 against 77
    note = multi_site.article("example-a/2031/expenditure").select_one(".ob-change-note").get_text()
    assert "以上年（或预算数）为基数，由本站计算，四舍五入保留两位小数" in note
    # the first year on the site has nothing to compare with: no such column
    first = multi_site.article("example-a/2029/expenditure").select_one("#by-function table")
    assert first.select("td.ob-change") == []


def test_the_largest_use_is_said_in_the_documents_own_words_linked_to_its_line(seed_site):
    glance = seed_site.article("miyi-xinfang/2021").select_one(".ob-glance")
    first, second = glance.select(".ob-glance__uses li")[:2]
    assert first.q.get_text() == ("主要用于机关及下属事业单位人员工资、日常运转以及为完成特定行政工作任务和事业发展目标而安排的年度项目支出，"
                                  "主要包括：进京、赴省、到市值班、业务委托、保安、律师等费用")
    assert first.select("a")[-1]["href"] == "expenditure/#by-function-201"
    assert second.q is None  # only the largest is quoted; nothing is written where the document says nothing
    # the seed states no 支出预算总额: nothing is shown beside its income
    assert glance.select_one(".ob-glance__spending") is None


def test_the_overview_shows_spending_beside_income_when_the_document_states_both(tmp_path):
    from test_county import project

    site = build_or_fail(project(tmp_path), tmp_path / "site")
    glance = site.article("shili-caizheng/2031").select_one(".ob-glance")
    assert squash(glance.select_one(".ob-glance__total")) == "520 万元"
    assert squash(glance.select_one(".ob-glance__spending")) == "支出预算总额 520 万元"
    assert site.article("shili-jiaoyu/2031").select_one(".ob-glance__spending") is None  # states its income only
