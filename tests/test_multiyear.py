"""Several years and departments (synthetic fixtures), comparison, and open data downloads."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import build_or_fail, make_project, serve

FIXTURES = Path(__file__).parent / "fixtures" / "multi"  # 示例县甲局（虚构） 2029–2031, 示例县乙局（虚构） 2031


@pytest.fixture(scope="module")
def multi_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("multi")
    return build_or_fail(make_project(folder / "project", FIXTURES), folder / "out")


def rows(table) -> dict[str, list[str]]:
    return {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")}


def test_comparison_shows_each_figure_per_year_and_its_exact_change(multi_site):
    page = multi_site.article("example-a/compare")
    headline = rows(page.select_one("#headline-caption").parent)
    # 2029, 2030, 2031, change 2030, change 2031; one unit for the table, said in its caption
    assert page.select_one("#headline-caption").get_text() == "主要数字（各年度，单位：万元）"
    assert headline["收入预算总额"] == ["100", "110", "121", "+10（+10.00%）", "+11（+10.00%）"]
    assert headline["基本支出"] == ["75", "82", "90.2", "+7（+9.33%）", "+8.2（+10.00%）"]
    assert headline["机关运行经费"] == ["8", "9", "9.9", "+1（+12.50%）", "+0.9（+10.00%）"]


def test_a_section_missing_in_one_year_is_unpublished_not_zero(multi_site):
    page = multi_site.article("example-a/compare")
    headline = rows(page.select_one("#headline-caption").parent)
    # 2030 unstated: its change cannot be computed (—), and 2031's says that last year is not stated
    assert headline["“三公”经费"] == ["2", "未公开", "1.8", "—", "上年未公开"]
    three = rows(page.select_one("#three-public-caption").parent)
    assert three["公务接待费"] == ["1.5", "未公开", "1.3", "—", "上年未公开"]
    assert not (multi_site.out / "example-a" / "2030" / "three-public").exists()


def test_amounts_in_different_units_are_compared_exactly(multi_site):
    page = multi_site.article("example-a/compare")
    assets = rows(page.select_one("#headline-caption").parent)["资产总额"]
    # 2029 and 2030 published in 元 (100000.00, 120000.00), 2031 in 万元 (13.5)
    assert assets == ["10.00", "12.00", "13.5", "+2.00（+20.00%）", "+1.50（+12.50%）"]


def test_lines_are_matched_across_years_by_their_class_and_code(multi_site):
    page = multi_site.article("example-a/compare")
    functional = rows(page.select_one("#functional-caption").parent)
    assert functional["201 一般公共服务支出"] == ["70", "77", "84.7", "+7（+10.00%）", "+7.7（+10.00%）"]
    economic = rows(page.select_one("#economic-caption").parent)
    assert economic["日常公用支出"][0:3] == ["10", "11", "12.1"]


def test_trend_chart_marks_an_unpublished_year_instead_of_joining_its_neighbours(multi_site):
    page = multi_site.article("example-a/compare")
    figures = {f["id"]: f for f in page.select("figure.ob-chart")}
    assert set(figures) == {"chart-trend-income-total", "chart-trend-three-public", "chart-trend-operating-costs"}
    spec = json.loads((multi_site.out / "example-a" / "compare" / figures["chart-trend-three-public"]["data-spec"])
                      .read_text(encoding="utf-8"))
    values = next(d["values"] for d in spec["data"] if "values" in d)
    assert [(v["label"], v["amount"], v["display"]) for v in values] == [
        ("2029年", "2", "2 万元"), ("2030年", None, "未公开"), ("2031年", "1.8", "1.8 万元")]  # 2030: no bar, not 0
    for name in ("chart-trend-three-public.svg", "chart-trend-three-public.narrow.svg"):
        svg = (multi_site.out / "example-a" / "compare" / name).read_text(encoding="utf-8")
        assert ">2030年</text>" in svg and ">未公开</text>" in svg
        years = [int(y) for y in re.findall(r">(20\d\d)年</text>", svg)]
        assert years == [2029, 2030, 2031], "the years are drawn in order, the unpublished one between its neighbours"
        assert svg.count('aria-roledescription="bar"') == 2  # bars for 2029 and 2031 only
    assert "2030年 未公开" in figures["chart-trend-three-public"].img["alt"]


def test_year_switcher_links_the_same_section_in_other_years(multi_site):
    switcher = multi_site.article("example-a/2031/budget").select_one("nav.ob-years")
    links = {a.get_text(): a["href"] for a in switcher.select("a")}
    assert switcher.select_one("[aria-current=page]").get_text() == "2031年"
    assert links == {"2030年": "../../2030/budget/", "2029年": "../../2029/budget/"}
    switcher = multi_site.article("example-a/2031/three-public").select_one("nav.ob-years")
    links = {a.get_text(): a["href"] for a in switcher.select("a")}
    assert links == {"2030年（未公开）": "../../2030/", "2029年": "../../2029/three-public/"}
    assert multi_site.article("example-b/2031/budget").select_one("nav.ob-years") is None  # one year only


def test_year_switcher_is_a_list_of_separate_thumb_sized_buttons(browser, multi_site):
    switcher = multi_site.article("example-a/2031/budget").select_one("nav.ob-years")
    assert [li.get_text() for li in switcher.select("ul > li")] == ["2031年", "2030年", "2029年"]
    base, server = serve(multi_site.out)
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(base + "example-a/2031/budget/")
        boxes = [page.locator(".ob-years li > *").nth(i).bounding_box() for i in range(3)]
        assert all(b["height"] >= 44 and b["width"] >= 44 for b in boxes), boxes
        for left, right in zip(boxes, boxes[1:]):  # apart, not run together
            same_row = abs(left["y"] - right["y"]) < 1
            gap = right["x"] - (left["x"] + left["width"]) if same_row else right["y"] - (left["y"] + left["height"])
            assert gap >= 4, boxes
    finally:
        context.close()
        server.shutdown()


def test_all_departments_lists_every_department_with_latest_year_and_total(multi_site):
    table = multi_site.article("departments/").select_one(".ob-departments table")
    listed = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")}
    assert listed == {"示例县甲局（虚构）": ["2031年", "121", "万元", "较上年增加 11 万元（10.00%）", "2030年、2029年"],
                      "示例县乙局（虚构）": ["2031年", "50", "万元", "上年未公开", "—"]}


def test_each_department_has_a_landing_page(multi_site):
    page = multi_site.article("example-a")
    assert [a.get_text() for a in page.select("tbody a")] == ["2031年", "2030年", "2029年"]
    assert page.select_one('a[href="compare/"]') is not None
    assert multi_site.article("example-b").select_one('a[href="compare/"]') is None


def test_other_departments_stay_out_of_each_pages_navigation(multi_site):
    nav = multi_site.page("example-a/2031/budget").select_one("nav.md-nav--primary").get_text()
    assert "示例县甲局（虚构）" in nav and "示例县乙局（虚构）" not in nav


def test_every_figure_page_offers_its_downloads(multi_site):
    block = multi_site.article("example-a/2031/expenditure").select_one(".ob-downloads")
    assert block.h2.get_text() == "数据下载"
    assert [a["href"] for a in block.select("a[download]")] == ["example-a-2031-expenditure-basic-project.csv",
                                                              "example-a-2031-expenditure-by-function.csv",
                                                              "../example-a-2031.xlsx", "../example-a-2031.json"]


def test_csv_opens_with_a_bom_and_its_numbers_equal_the_page(multi_site):
    for page_url in ("example-a/2031/budget/", "example-a/2031/expenditure/", "example-a/2029/assets/"):
        article = multi_site.article(page_url)
        for link in article.select(".ob-downloads a[download][href$='.csv']"):  # this page's own tables
            raw = (multi_site.out / page_url / link["href"]).read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf")
            records = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
            caption = link.get_text().removesuffix("（CSV）")  # the table it was made from
            table = next(t for t in article.select("table.ob-figures") if t.caption.get_text().startswith(caption + "（"))
            amount_column = next(c for c in records[0] if c.startswith("金额（"))
            assert amount_column == f"金额（{table.caption.get_text().split('单位：')[1].rstrip('）')}）"
            shown = [td.get_text().replace(",", "") for td in table.select("tbody td.ob-num:not(.ob-change)")
                     if not td.get_text().endswith("%") and td.get_text() != "—"]
            assert [r[amount_column] for r in records] == shown
            assert [r["项目"] for r in records] == [th.get_text() for th in table.select("tbody th")]


def test_document_json_keeps_amounts_as_published_text(multi_site):
    data = json.loads((multi_site.out / "example-a" / "2031" / "example-a-2031.json").read_text(encoding="utf-8"))
    assert data["year"] == 2031 and data["department"]["slug"] == "example-a"
    sections = {s["kind"]: s for s in data["document"]["sections"]}  # the document's outline, in its order
    assert list(sections) == ["duties", "budget", "expenditure", "three_public", "operating_costs", "assets"]
    assert sections["budget"]["income_total"] == "121"
    assert sections["expenditure"]["basic"] == "90.2"
    assert Decimal(sections["assets"]["total"]) == Decimal("13.5")


def test_datapackage_passes_frictionless_validation(multi_site):
    package = json.loads((multi_site.out / "datapackage.json").read_text(encoding="utf-8"))
    csvs = sorted(str(p.relative_to(multi_site.out)) for p in multi_site.out.rglob("*.csv"))
    assert sorted(r["path"] for r in package["resources"]) == csvs
    budget = next(r for r in package["resources"] if r["path"] == "example-a/2031/budget/example-a-2031-budget-income-by-economic.csv")
    assert (budget["currency"], budget["factor"], budget["fiscalYear"], budget["phase"]) == ("CNY", 10000, "2031", "approved")
    assets = next(r for r in package["resources"] if r["path"] == "example-a/2029/assets/example-a-2029-assets.csv")
    assert assets["factor"] == 1
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
                            cwd=multi_site.out, capture_output=True, text=True)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, ensure_ascii=False)[:2000]


def test_comparison_page_is_accessible_and_fits_a_phone(browser, multi_site):
    from axe_playwright_python.sync_playwright import Axe

    base, server = serve(multi_site.out)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        page.goto(base + "example-a/compare/")
        assert Axe().run(page).response["violations"] == []
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360  # wide tables scroll in their box
        figure = page.locator("figure.ob-chart").first
        figure.hover()
        page.wait_for_function("() => document.querySelector('figure.ob-chart').dataset.state === 'ready'")
        assert figure.locator(".ob-chart__live svg .mark-rect path").count() == 3
        assert errors == []
    finally:
        context.close()
        server.shutdown()


def test_a_code_printed_twice_in_one_year_loses_no_figure_in_the_comparison():
    import dataclasses

    from conftest import ROOT, SEED_YAML
    from openbudget.views.compare import comparison
    from openbudget.sources.loading import load_department_year
    from openbudget.sources.site import Department

    record, _ = load_department_year(SEED_YAML, ROOT)
    e = record.data.expenditure
    lines = [e.by_function[0].model_copy(update={"code": "208"}), *e.by_function[1:]]  # 201 misprinted as 208
    earlier = dataclasses.replace(record, year=2020, data=record.data.replacing("expenditure", by_function=lines)
                                  .model_copy(update={"year": 2020}))
    years, groups = comparison(Department("miyi-xinfang", {2021: record, 2020: earlier}))
    functional = {s.label: [str(v) for v in s.values] for g in groups if g.id == "functional" for s in g.series}
    assert years == [2020, 2021]
    assert functional["208 社会保障和就业支出"] == ["15.43", "15.43"]
    assert functional["208 一般公共服务支出"] == ["204.65", "None"]
    assert functional["201 一般公共服务支出"] == ["None", "204.65"]


def test_a_class_renamed_between_years_keeps_each_figure_under_its_published_name(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    path = data / "example-a" / "2031.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 社会保障和就业支出", "name: 社会保障支出（虚构的新名称）"),
                    encoding="utf-8")
    site = build_or_fail(make_project(tmp_path / "project", data), tmp_path / "out")
    functional = rows(site.article("example-a/compare").select_one("#functional-caption").parent)
    assert functional["208 社会保障和就业支出"] == ["10", "11", "未公开", "+1（+10.00%）", "—"]
    assert functional["208 社会保障支出（虚构的新名称）"] == ["未公开", "未公开", "12.1", "—", "上年未公开"]


def test_one_long_csv_holds_every_published_figure_of_every_department_and_year(multi_site):
    raw = (multi_site.out / "all-figures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == ["部门代码", "部门", "年度", "文件类型", "栏目", "表", "列", "科目编码", "项目", "层级", "金额",
                             "单位", "金额（万元）", "原文所列占比（%）"]
    general = [(r["年度"], r["金额"], r["单位"]) for r in rows
               if r["部门代码"] == "example-a" and r["科目编码"] == "201" and r["栏目"] == "支出预算安排情况"]
    assert general == [("2029", "70", "万元"), ("2030", "77", "万元"), ("2031", "84.7", "万元")]
    assert {r["部门代码"] for r in rows} == {"example-a", "example-b"}
    package = json.loads((multi_site.out / "datapackage.json").read_text(encoding="utf-8"))
    assert "all-figures.csv" in [r["path"] for r in package["resources"]]


def test_the_comparison_has_its_own_csv_with_every_year_and_change(multi_site):
    article = multi_site.article("example-a/compare")
    link = article.select_one(".ob-downloads a[download]")
    assert link["href"] == "example-a-compare.csv"
    raw = (multi_site.out / "example-a" / "compare" / "example-a-compare.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    total = next(r for r in rows if r["项目"] == "收入预算总额")
    assert (total["2029年"], total["2030年"], total["2031年"]) == ("100", "110", "121")
    assert (total["2031年变化"], total["2031年变化（%，本站计算）"]) == ("11", "10.00")


def test_the_comparison_reads_as_cards_on_a_phone_without_sideways_scrolling(browser, multi_site):
    base, server = serve(multi_site.out)
    try:
        context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
        tab = context.new_page()
        tab.goto(base + "example-a/compare/")
        assert tab.evaluate("document.scrollingElement.scrollWidth") <= 360
        overflowing = tab.evaluate("[...document.querySelectorAll('.ob-table')].filter(e => e.scrollWidth > e.clientWidth + 1).length")
        assert overflowing == 0
        # every year and its change are on the screen, each labelled
        cells = tab.locator("table.ob-compare tbody tr").first.locator("td")
        labels = [c.evaluate("e => getComputedStyle(e, '::before').content") for c in cells.all()]
        assert labels[:5] == ['"2029年"', '"2030年"', '"2031年"', '"2030年较2029年"', '"2031年较2030年"']
        assert tab.get_by_role("table").count() >= 1  # still a table to a screen reader
        context.close()
    finally:
        server.shutdown()
