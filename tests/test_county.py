"""The whole county: every published department side by side, and their sums.

The fixture (tests/fixtures/county/) is a fictional county of six departments expected to
publish: five published in 2030, four in 2031 (the 农业农村局 did not), one never (公安局);
the 卫生健康局 publishes in 元, the others in 万元. Every county figure is checked against a
sum the test makes itself from the YAML files.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from conftest import build_or_fail, make_project, serve
from test_cli import openbudget

FIXTURE = Path(__file__).parent / "fixtures" / "county"
COUNTY = "bodies/shili/"


def project(tmp: Path, jurisdictions: str | None = None) -> Path:
    folder = make_project(tmp / "project", FIXTURE / "data")
    text = (FIXTURE / "jurisdictions.yaml").read_text(encoding="utf-8") if jurisdictions is None else jurisdictions
    if text:
        (folder / "jurisdictions.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("county")
    return build_or_fail(project(tmp), tmp / "site")


def independent_sums(year: int) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """Functional and economic sums in 万元, made here from the fixture's files."""
    functional: dict[str, Decimal] = {}
    economic: dict[str, Decimal] = {}
    for path in sorted((FIXTURE / "data").glob(f"*/{year}.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in data["sections"]:
            factor = Decimal(10000) if section.get("unit") == "元" else Decimal(1)
            if section["kind"] == "expenditure":
                for line in section["by_function"]:
                    functional[line["name"]] = functional.get(line["name"], Decimal(0)) + Decimal(line["amount"].replace(",", "")) / factor
            if section["kind"] == "budget":
                for line in section["by_economic"]:
                    economic[line["name"]] = economic.get(line["name"], Decimal(0)) + Decimal(line["amount"].replace(",", "")) / factor
    return functional, economic


def amounts(table) -> dict[str, Decimal]:
    return {tr.th.get_text(strip=True): Decimal(tr.select("td")[1].get_text(strip=True).replace(",", ""))
            for tr in table.select("tbody tr")}


def test_the_county_page_adds_up_every_published_department_exactly(site):
    page = site.article(COUNTY + "2031/")
    functional, economic = independent_sums(2031)
    tables = page.select("table.ob-figures")
    assert amounts(tables[1]) == functional
    assert amounts(tables[2]) == {"工资福利支出": economic["工资福利支出"], "商品和服务支出": economic["商品和服务支出"],
                                  "对个人和家庭的补助": economic["对个人和家庭的补助"]}
    # written out: 卫生健康支出 is the 元 department's 2,950,000.50 元
    assert amounts(tables[1])["卫生健康支出"] == Decimal("295.00005")
    assert amounts(tables[1])["社会保障和就业支出"] == Decimal("190")
    departments = {tr.th.get_text(strip=True): tr.select("td")[-1].get_text(strip=True) for tr in tables[1].select("tbody tr")}
    assert departments["社会保障和就业支出"] == "3"


def test_the_county_page_says_how_many_departments_its_sums_cover(site):
    page = site.article(COUNTY + "2031/")
    assert page.select_one(".ob-county-label strong").get_text() == "已公开的 4 个部门合计（共 6 个）"
    assert [li.get_text() for li in page.select(".ob-unpublished-list li")] == [
        "示例县虚构农业农村局（未发布）", "示例县虚构公安局（未发布）"]
    assert [a.get_text() for a in page.select(".ob-years a")] == ["2030年"]  # the other year of the county
    earlier = site.article(COUNTY + "2030/")
    assert earlier.select_one(".ob-county-label strong").get_text() == "已公开的 5 个部门合计（共 6 个）"
    assert [li.get_text() for li in earlier.select(".ob-unpublished-list li")] == ["示例县虚构公安局（未发布）"]


def test_departments_are_listed_largest_first_without_javascript(site):
    table = site.article(COUNTY + "2031/").select_one("#county-departments")
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]
    # 编制 and 在职人数: only the 财政局 states them (its 基本情况's counts), and its 支出预算总额 (520 ÷ 22 = 23.636…)
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "部门", "收入预算总额", "收入预算总额较2030年", "“三公”经费", "“三公”经费较2030年", "机关运行经费", "机关运行经费较2030年",
        "编制（人）", "在职人数", "在职人数较2030年", "人均支出（万元/人）*"]
    assert rows == [
        ["示例县虚构教育局", "1,100.5", "+100.5（+10.05%）", "未公开", "—", "85", "+5（+6.25%）", "未公开", "未公开", "—", "未计算"],
        ["示例县虚构财政局", "520", "+20（+4.00%）", "9.5", "-0.5（-5.00%）", "62", "+2（+3.33%）", "18", "22", "+2（+10.00%）",
         "23.64（520 ÷ 22）"],
        ["示例县虚构卫生健康局", "315.00005", "+15.00005（+5.00%）", "7.50", "-0.50（-6.25%）", "52.00", "+2.00（+4.00%）",
         "未公开", "未公开", "—", "未计算"],
        ["示例县虚构水务局", "165.25", "+15.25（+10.17%）", "2", "0（0.00%）", "16", "+1（+6.67%）", "未公开", "未公开", "—",
         "未计算"],
    ]
    link = table.select_one("tbody tr td a")
    assert link["href"] == "../../../shili-jiaoyu/2031/budget/"


def test_the_county_page_names_the_departments_whose_total_rose_most_and_says_a_first_year_has_no_change(site):
    page = site.article(COUNTY + "2031/")
    box = page.select_one(".ob-largest-changes")
    assert box.h3.get_text() == "变化最大（收入预算总额较2030年）"
    assert [li.get_text(strip=True) for li in box.select("ol li")] == [
        "示例县虚构教育局+100.5 万元（+10.05%），原文所说的原因：主要是新增课后服务经费（虚构）。见原文", "示例县虚构财政局+20 万元（+4.00%）", "示例县虚构水务局+15.25 万元（+10.17%）"]
    assert "减少最多" not in box.get_text()  # no department's total fell
    # the 教育局 states why its income rose: quoted, linked to its sentence; the others state none
    assert [a["href"] for a in box.select(".ob-reason a")] == ["../../../shili-jiaoyu/2031/budget/#stated-change-reason"]
    budget = site.article("shili-jiaoyu/2031/budget/")
    assert budget.select_one("#stated-change-reason").get_text() == "主要是新增课后服务经费（虚构）。"
    overview = site.article("shili-jiaoyu/2031/")
    reason = overview.select_one(".ob-glance__reason")
    assert reason.q.get_text() == "主要是新增课后服务经费（虚构）。" and reason.a["href"] == "budget/#stated-change-reason"
    assert site.article("shili-caizheng/2031/").select_one(".ob-glance__reason") is None
    assert "四舍五入保留两位小数" in page.select_one("#county-departments").find_next("p").get_text()
    first = site.article(COUNTY + "2030/")
    assert first.select_one(".ob-largest-changes") is None
    assert [td.get_text(strip=True) for td in first.select("#county-departments tbody tr td.ob-change")][:3] == [
        "上年未公开", "上年未公开", "上年未公开"]


def test_the_county_tables_download_as_csv(site):
    raw = (site.out / COUNTY / "2031" / "shili-2031-departments.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["部门代码", "部门", "收入预算总额（万元）", "较上年（万元）", "“三公”经费（万元）", "“三公”经费较上年（万元）",
                       "机关运行经费（万元）", "机关运行经费较上年（万元）", "编制（人）", "在职人数（人）", "在职人数较上年（人）",
                       "收入预算总额较上年（%，本站计算）", "“三公”经费较上年（%，本站计算）", "机关运行经费较上年（%，本站计算）",
                       "在职人数较上年（%，本站计算）", "人均支出（万元/人，本站计算）"]
    assert rows[2] == ["shili-caizheng", "示例县虚构财政局", "520", "20", "9.5", "-0.5", "62", "2", "18", "22", "2",
                       "4.00", "-5.00", "3.33", "10.00", "23.64"]
    assert rows[3] == ["shili-weijian", "示例县虚构卫生健康局", "315.00005", "15.00005", "7.50", "-0.50", "52.00", "2.00",
                       "", "", "", "5.00", "-6.25", "4.00", "", ""]
    assert rows[1][4:6] == ["", ""]  # 未公开: empty, never 0


def test_a_department_no_county_lists_stops_validate(tmp_path):
    text = (FIXTURE / "jurisdictions.yaml").read_text(encoding="utf-8").replace(
        "      - {slug: shili-shuiwu, name: 示例县虚构水务局}\n", "")
    folder = project(tmp_path, text)
    result = openbudget("validate", cwd=folder)
    assert result.returncode == 1
    assert ("jurisdictions.yaml:2:1 bodies：data/shili-shuiwu/ 中的部门没有列入任何地区：请在 jurisdictions.yaml 中把它加到"
            "所属地区的 departments 里") in result.stdout.splitlines()


def test_a_department_listed_in_two_counties_stops_validate(tmp_path):
    text = (FIXTURE / "jurisdictions.yaml").read_text(encoding="utf-8") + (
        "  - slug: other\n    name: 另一虚构县\n    departments:\n      - {slug: shili-jiaoyu, name: 示例县虚构教育局}\n")
    result = openbudget("validate", cwd=project(tmp_path, text))
    assert result.returncode == 1
    assert "bodies[1].departments[0].slug：部门 shili-jiaoyu 已列在“示例县（虚构）”中：每个部门只能属于一个地区" in result.stdout


def test_without_configuration_every_department_is_one_body_and_nothing_is_called_unpublished(tmp_path):
    site = build_or_fail(project(tmp_path, ""), tmp_path / "site")
    page = site.article("bodies/all/2031/")
    assert page.select_one(".ob-county-label strong").get_text() == "已公开的 4 个部门合计"
    assert page.select(".ob-unpublished-list li") == []


def test_the_counts_a_department_states_are_shown_on_its_section_page(site):
    page = site.article("shili-caizheng/2031/basic-info/")
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in page.select("table.ob-counts tbody tr")]
    assert rows == [["核定编制", "18名"], ["其中：行政编制", "6名"], ["其中：事业编制", "12名"], ["实有在职人数", "22人"],
                    ["退休人员", "5人"], ["公务用车", "1辆"]]


def _with_counts(tmp_path: Path, old: str, new: str) -> Path:
    folder = project(tmp_path)
    path = folder / "data" / "shili-caizheng" / "2031.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_a_count_missing_from_its_text_or_parts_that_do_not_add_up_stop_validate_until_acknowledged(tmp_path):
    folder = _with_counts(tmp_path, "{name: 事业编制, count: 12, unit: 名}", "{name: 事业编制, count: 11, unit: 名}")
    result = openbudget("validate", cwd=folder)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("data/shili-caizheng/2031.yaml:18:") and "[basic-info-counts-0-parts-1-count-differs-from-text]"
               in line and "事业编制 11名 在本栏目原文中找不到" in line for line in lines), result.stdout
    assert any(line.startswith("data/shili-caizheng/2031.yaml:13:") and "[basic-info-counts-0-differs-from-parts]" in line
               and "核定编制 18名 不等于其中各项之和 17名" in line for line in lines), result.stdout
    # as published (the test says so of its fictional document): shown with a 数据说明, the numbers unchanged
    path = folder / "data" / "shili-caizheng" / "2031.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "data_notes:\n"
                    "  - {finding: basic-info-counts-0-parts-1-count-differs-from-text, as_published: true}\n"
                    "  - {finding: basic-info-counts-0-differs-from-parts, as_published: true}\n", encoding="utf-8")
    site = build_or_fail(folder, tmp_path / "site")
    page = site.article("shili-caizheng/2031/basic-info/")
    assert "原文中核定编制为 18名，其中各项之和为 17名，相差 1名" in page.get_text()
    assert ["其中：事业编制", "11名"] in [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
                                       for tr in page.select("table.ob-counts tbody tr")]


def test_parts_marked_incomplete_that_add_up_exactly_are_an_editor_slip(tmp_path):
    folder = _with_counts(tmp_path, "        of: 编制\n", "        of: 编制\n        parts_incomplete: true\n")
    result = openbudget("validate", cwd=folder)
    assert result.returncode == 1
    assert any(line.startswith("data/shili-caizheng/2031.yaml:16:") and "写了所列不全，但各项之和正好等于总数" in line
               for line in result.stdout.splitlines()), result.stdout


def test_a_year_with_final_accounts_has_its_own_county_page_for_the_final_accounts(tmp_path):
    """A fictional 表格局 (tests/fixtures/statements) joins the county with its 2031 预算 and 决算:
    the 决算 page adds up 决算 only, and names every department without one as not published."""
    folder = project(tmp_path, (FIXTURE / "jurisdictions.yaml").read_text(encoding="utf-8")
                     + "      - {slug: shili-biao, name: 示例县虚构表格局}\n")
    shutil.copytree(Path(__file__).parent / "fixtures" / "statements" / "shili-biao", folder / "data" / "shili-biao")
    site = build_or_fail(folder, tmp_path / "site")
    final = yaml.safe_load((folder / "data" / "shili-biao" / "2031-final.yaml").read_text(encoding="utf-8"))
    page = site.article(COUNTY + "2031/final/")
    assert page.h1.get_text() == "示例县（虚构） 2031年部门决算汇总"
    assert page.select_one(".ob-county-label strong").get_text() == "已公开的 1 个部门合计（共 7 个）"
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in page.select("#county-departments tbody tr")]
    assert [row[:2] for row in rows] == [["示例县虚构表格局", str(final["sections"][0]["income_total"])]]
    assert page.select_one("#county-departments tbody a")["href"] == "../../../../shili-biao/2031/final/"
    assert "收入决算总额" in page.select_one("#county-departments-caption").get_text()
    assert len(page.select(".ob-unpublished-list li")) == 6  # the five with a 预算 only, and the 公安局
    assert "尚未在本站发布2031年部门决算的部门" in page.get_text()
    # the year's 预算 page links to it, and the 决算 CSV says what it holds
    budget = site.article(COUNTY + "2031/")
    assert [a["href"] for a in budget.select(".ob-note a") if "决算" in a.get_text()] == ["final/"]
    raw = (site.out / COUNTY / "2031" / "final" / "shili-2031-final-departments.csv").read_bytes().decode("utf-8-sig")
    assert raw.splitlines()[0].split(",")[2] == "收入决算总额（万元）"
    package = json.loads((site.out / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"].endswith("shili-2031-final-departments.csv"))
    assert resource["phase"] == "executed"
    counties = site.article("bodies/")
    assert [a.get_text() for a in counties.select(".ob-years__list a")] == ["2031年", "2031年决算", "2030年"]


def test_the_reader_can_sort_and_filter_the_departments(browser, site):
    from axe_playwright_python.sync_playwright import Axe

    base, server = serve(site.out)
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        page.goto(base + COUNTY + "2031/")

        def names():
            return page.eval_on_selector_all("#county-departments tbody tr:not([hidden]) th", "rows => rows.map(r => r.textContent)")

        page.get_by_role("button", name="机关运行经费", exact=True).click()
        assert names() == ["示例县虚构教育局", "示例县虚构财政局", "示例县虚构卫生健康局", "示例县虚构水务局"]
        page.get_by_role("button", name="机关运行经费 ▼").click()  # the sorted heading says its order
        assert names() == ["示例县虚构水务局", "示例县虚构卫生健康局", "示例县虚构财政局", "示例县虚构教育局"]
        page.get_by_role("button", name="“三公”经费", exact=True).click()  # 未公开 sorts last either way
        assert names()[-1] == "示例县虚构教育局"
        # the announcement and the caption say the current order, its heading quoted once
        assert page.locator("[data-sort-status]").text_content() == "已按“三公”经费从大到小排列"
        assert page.locator("#county-departments-caption").text_content().endswith("按“三公”经费从大到小排列）")
        page.get_by_label("按部门名称筛选").fill("卫生")
        assert names() == ["示例县虚构卫生健康局"]
        assert page.locator("[data-sort-status]").text_content() == "显示 1 个部门"
        # on a phone the table scrolls sideways in its box, the department's name pinned at the left
        region = page.locator(".ob-table:has(#county-departments)")
        region.evaluate("e => e.scrollLeft = e.scrollWidth")
        assert region.evaluate("e => e.scrollLeft") > 0
        name = page.locator("#county-departments tbody tr:not([hidden]) th").evaluate("e => e.getBoundingClientRect().left")
        assert abs(name - region.evaluate("e => e.getBoundingClientRect().left")) < 2
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
        assert Axe().run(page).response["violations"] == []
        assert errors == []
    finally:
        context.close()
        server.shutdown()


def test_money_a_final_account_only_carries_forward_adds_nothing_to_the_county_spending_by_class(tmp_path):
    """The fictional 表格局's 决算 (tests/fixtures/statements) without its 支出决算表, so that the county
    reads its 一般公共预算 and 政府性基金 tables, with a 城乡社区支出 (212) row in the
    政府性基金预算财政拨款收入支出决算表: 20.00 brought forward, nothing received or spent, 20.00
    carried over. Only this year's spending counts: the county's sums by class stay the
    document's 362.00 万元 (290 + 38 + 14 + 20), with no 212 and no 382."""
    folder = project(tmp_path, (FIXTURE / "jurisdictions.yaml").read_text(encoding="utf-8")
                     + "      - {slug: shili-biao, name: 示例县虚构表格局}\n")
    shutil.copytree(Path(__file__).parent / "fixtures" / "statements" / "shili-biao", folder / "data" / "shili-biao")
    final = folder / "data" / "shili-biao" / "2031-final.yaml"
    text = final.read_text(encoding="utf-8")
    empty = '      - {name: 合计, amounts: ["", "", "", "", "", ""]}\n    note: 本部门2031年度无政府性基金预算财政拨款收入和支出，本表为空表。\n'
    assert empty in text
    start, end = text.index("  - title: 支出决算表\n"), text.index("  - title: 财政拨款收入支出决算总表\n")
    text = text[:start] + text[end:]
    final.write_text(text.replace(empty, '      - {code: "212", name: 城乡社区支出, amounts: ["20.00", "", "", "", "", "20.00"]}\n'
                                         '      - {name: 合计, amounts: ["20.00", "", "", "", "", "20.00"]}\n'), encoding="utf-8")
    site = build_or_fail(folder, tmp_path / "site")
    classes = site.article(COUNTY + "2031/final/").select("table.ob-figures")[1]
    assert amounts(classes) == {"一般公共服务支出": Decimal("290.00"), "社会保障和就业支出": Decimal("38.00"),
                                "卫生健康支出": Decimal("14.00"), "住房保障支出": Decimal("20.00")}
    assert sum(amounts(classes).values()) == Decimal("362.00")
    # the fund table's own page shows the balances as printed, and no chart of them as spending
    fund = site.article("shili-biao/2031/final/tables/government-fund/")
    assert "20.00" in fund.get_text()
    assert fund.select("figure img, .ob-chart") == []


# 财政局 +4.00%, 卫生健康局 +5.00%, 教育局 +10.05%, 水务局 +10.17% (by amount: 15.00005, 15.25, 20, 100.5)
BY_CHANGE_PERCENT = ["示例县虚构财政局", "示例县虚构卫生健康局", "示例县虚构教育局", "示例县虚构水务局"]
DEFAULT_ORDER = ["示例县虚构教育局", "示例县虚构财政局", "示例县虚构卫生健康局", "示例县虚构水务局"]
ROWS = "#county-departments tbody tr"


def _rows(page, visible_only=True):
    selector = ROWS + (":not([hidden])" if visible_only else "") + " th"
    return page.eval_on_selector_all(selector, "rows => rows.map(r => r.textContent)")


def _watch(page):
    """Console errors, dialogs and CSP violations a page meets, for the test to assert none."""
    seen = []
    page.on("console", lambda m: m.type == "error" and seen.append(m.text))
    page.on("dialog", lambda d: (seen.append("dialog: " + d.message), d.dismiss()))
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "(window.__violations = window.__violations || []).push(e.violatedDirective))")
    return seen


def test_a_journalist_sorts_by_change_in_percent_and_the_copied_link_reopens_the_same_view(browser, site):
    base, server = serve(site.out)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        seen = _watch(page)
        page.goto(base + COUNTY + "2031/")
        page.get_by_label("排序").select_option(label="收入预算总额较2030年（百分比），从小到大")
        assert _rows(page) == BY_CHANGE_PERCENT
        assert page.locator("[data-sort-status]").text_content() == "已按收入预算总额较2030年（百分比）从小到大排列"
        page.get_by_label("按部门名称筛选").fill("卫生")
        assert _rows(page) == ["示例县虚构卫生健康局"]
        copied = page.evaluate("location.href")
        assert copied.endswith("?sort=total-change-pct&order=asc&q=%E5%8D%AB%E7%94%9F")
        again = context.new_page()
        seen += _watch(again)
        again.goto(copied)
        assert _rows(again, visible_only=False) == BY_CHANGE_PERCENT
        assert _rows(again) == ["示例县虚构卫生健康局"]
        assert again.get_by_label("按部门名称筛选").input_value() == "卫生"
        assert again.get_by_label("排序").input_value() == "total-change-pct asc"
        assert again.locator("#county-departments-caption").text_content().endswith(
            "按收入预算总额较2030年（百分比）从小到大排列）")
        # sorting by the change in 万元 is another order
        again.get_by_label("按部门名称筛选").fill("")
        again.get_by_role("button", name="收入预算总额较2030年 ▲").click()  # the heading of the column sorted by %
        assert _rows(again) == ["示例县虚构教育局", "示例县虚构财政局", "示例县虚构水务局", "示例县虚构卫生健康局"]
        assert again.evaluate("location.search") == "?sort=total-change&order=desc"
        assert seen == [] and again.evaluate("window.__violations || []") == []
    finally:
        context.close()
        server.shutdown()


HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "__proto__",
           "constructor", "total-change-pct\" onmouseover=\"alert(1)", "%3Csvg%20onload%3Dalert(1)%3E", "不存在的部门",
           "x" * 500]


@pytest.mark.parametrize("parameter", ["sort", "order", "q"])
def test_an_address_with_hostile_values_opens_the_default_view_and_runs_nothing(browser, site, parameter):
    from urllib.parse import quote

    base, server = serve(site.out)
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    try:
        for value in HOSTILE:
            page = context.new_page()
            seen = _watch(page)
            fine = {"sort": "total-change-pct", "order": "asc", "q": "卫生"}
            fine[parameter] = value
            page.goto(base + COUNTY + "2031/?" + "&".join(f"{k}={quote(v)}" for k, v in fine.items()))
            expected = DEFAULT_ORDER if parameter != "q" else BY_CHANGE_PERCENT
            assert _rows(page, visible_only=False) == expected, value
            if parameter == "q":
                assert _rows(page) == BY_CHANGE_PERCENT and page.get_by_label("按部门名称筛选").input_value() == ""
            assert page.locator("#county-departments img, #county-departments script, .ob-sort-controls img").count() == 0
            assert seen == [] and page.evaluate("window.__violations || []") == [], value
            page.close()
    finally:
        context.close()
        server.shutdown()


def test_the_county_table_at_desktop_width_shows_every_column_with_names_pinned(browser, site):
    base, server = serve(site.out)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(base + COUNTY + "2031/")
        region = page.locator(".ob-table:has(#county-departments)")
        width = region.evaluate("e => [e.clientWidth, e.scrollWidth, e.getBoundingClientRect().left]")
        assert width[0] > 880  # no table of contents beside it: the page's width is the table's
        assert width[1] <= width[0]  # every column inside
        assert page.locator(ROWS + " th").first.evaluate("e => getComputedStyle(e).position") == "sticky"
        # narrower, it scrolls sideways and the names stay in view
        page.set_viewport_size({"width": 900, "height": 800})
        region.evaluate("e => e.scrollLeft = e.scrollWidth")
        name = page.locator(ROWS + " th").first.evaluate("e => e.getBoundingClientRect().left")
        assert abs(name - region.evaluate("e => e.getBoundingClientRect().left")) < 2
        # printed: every column, and no controls
        page.set_viewport_size({"width": 1280, "height": 800})
        page.emulate_media(media="print")
        assert not page.locator(".ob-sort-controls").is_visible()
        assert region.evaluate("e => e.scrollWidth <= e.clientWidth")
    finally:
        context.close()
        server.shutdown()


def test_on_a_phone_a_section_tables_name_amount_and_change_are_on_the_screen(browser, site):
    base, server = serve(site.out)
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base + "shili-caizheng/2031/expenditure/")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
        cells = page.evaluate("""[...document.querySelectorAll('#by-function tbody tr')].map(tr => [...tr.children]
            .filter(c => c.matches('th, td.ob-change') || c.getAttribute('data-label') === '金额（万元）')
            .map(c => { const r = c.getBoundingClientRect();
                        return [(c.querySelector('.ob-name') || c).textContent.trim(), r.left >= 0 && r.right <= 360]; }))""")
        # 460 against 450, 60 against 50, 520 against 500 (the 财政局's 2030)
        assert cells == [
            [["一般公共服务支出", True], ["460", True], ["+10（+2.22%）", True]],
            [["社会保障和就业支出", True], ["60", True], ["+10（+20.00%）", True]],
            [["合计", True], ["520", True], ["+20（+4.00%）", True]],
        ]
        labels = page.locator("#by-function tbody tr").first.locator("td").evaluate_all(
            "cells => cells.map(c => getComputedStyle(c, '::before').content)")
        assert labels == ['"科目编码"', '"金额（万元）"', '"占比*"', '"较2030年预算"']
        assert page.get_by_role("table").count() >= 1  # still a table to a screen reader
    finally:
        context.close()
        server.shutdown()


def test_a_department_whose_total_fell_is_listed_under_the_largest_falls(tmp_path):
    """The 水务局's 2030 made 200 万元 (its parts to match): 2031's 165.25 is 34.75 less, 17.375%,
    which half-up makes 17.38%."""
    folder = project(tmp_path)
    path = folder / "data" / "shili-shuiwu" / "2030.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (('income_total: "150"', 'income_total: "200"'), ('工资福利支出, amount: "90"', '工资福利支出, amount: "140"'),
                     ('农林水支出, amount: "150"', '农林水支出, amount: "200"')):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    site = build_or_fail(folder, tmp_path / "site")
    box = site.article(COUNTY + "2031/").select_one(".ob-largest-changes")
    titles = [p.get_text() for p in box.select(".ob-largest-changes__title")]
    assert titles == ["增加最多：", "减少最多："]
    assert [li.get_text(strip=True) for li in box.select("ol")[1].select("li")] == ["示例县虚构水务局-34.75 万元（-17.38%）"]
