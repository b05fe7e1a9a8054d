"""The document's own tables (公开表): shown as printed, downloadable, and checked.

The fixture (tests/fixtures/statements/shili-biao/2031.yaml) is a fictional bureau with the
eight standard budget tables, shaped like the official templates: a 收入 | 支出 table, merged
headers flattened with “/”, 类/款/项 codes, blank cells, one table in 元 and the rest in 万元.
Its figures agree; each check is shown firing on a copy with one figure changed.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build_or_fail, make_project, mkdocs_build, serve
from test_cli import openbudget
from test_rules import ACKNOWLEDGE

FIXTURE = Path(__file__).parent / "fixtures" / "statements"
FILE = "data/shili-biao/2031.yaml"
TABLES = "shili-biao/2031/tables/"


@pytest.fixture(scope="module")
def site(statements_site):
    return statements_site


def copy(tmp_path: Path, *changes: tuple[str, str], notes: list[str] = ()) -> Path:
    """A project holding the fixture with exact pieces of its text replaced, and data_notes added."""
    shutil.copytree(FIXTURE, tmp_path / "data")
    path = tmp_path / FILE
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    if notes:
        text += "data_notes:\n" + "".join(f"  - finding: {n}\n    as_published: true\n" for n in notes)
    path.write_text(text, encoding="utf-8")
    return tmp_path


def line_of(project: Path, start: str) -> int:
    lines = (project / FILE).read_text(encoding="utf-8").splitlines()
    [number] = [i for i, line in enumerate(lines, 1) if line.startswith(start)]
    return number


def cells(table) -> list[list[str]]:
    return [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]


# --- the pages ------------------------------------------------------------------------------

def test_each_table_has_its_page_listed_in_the_year_overview_and_the_navigation(site):
    listed = [a.get_text() for a in site.article(TABLES).select("ol.ob-statements a")]
    assert listed == ["表1 示例县虚构表格局2031年部门收支总表", "表2 部门收入总表", "表3 部门支出总表", "表4 财政拨款收支总表",
                      "表5 一般公共预算支出表", "表6 一般公共预算基本支出表", "表7 一般公共预算“三公”经费支出表",
                      "表8 政府性基金预算支出表"]
    overview = site.article("shili-biao/2031/")
    assert overview.find("a", string="表5 一般公共预算支出表")["href"] == "tables/general-public/"
    nav = site.page(TABLES + "general-public/").select_one("nav.md-nav--primary")
    assert "表6 一般公共预算基本支出表" in [a.get_text(strip=True) for a in nav.select("a")]


def shown(tab) -> list[str]:
    """The codes of the table's rows a reader sees."""
    return [c.strip() for c in tab.locator(".ob-statement tbody tr:visible > :first-child").all_text_contents()]


CLASSES = ["201", "208", "210", "221", ""]  # and the total, which has no code
KINDS = ["201", "20103", "208", "20805", "210", "21011", "221", "22102", ""]
ITEMS = ["201", "20103", "2010301", "2010302", "208", "20805", "2080505", "2080506", "210", "21011", "2101101",
         "221", "22102", "2210201", ""]


def test_a_long_table_opens_folded_to_its_kuan_on_a_phone_folds_with_a_tap_and_prints_whole(browser, site):
    base, server = serve(site.out)
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    try:
        tab.goto(base + TABLES + "general-public/")
        assert shown(tab) == KINDS
        tab.get_by_role("button", name="类", exact=True).tap()
        assert shown(tab) == CLASSES
        assert tab.get_by_role("button", name="类", exact=True).get_attribute("aria-pressed") == "true"
        tab.emulate_media(media="print")
        assert shown(tab) == ITEMS
        tab.emulate_media(media="screen")
        tab.get_by_role("button", name="项", exact=True).tap()
        assert shown(tab) == ITEMS
    finally:
        context.close()
        server.shutdown()


def test_a_tap_on_kuan_under_the_back_to_top_button_folds_the_table_instead_of_jumping_to_the_top(browser, site):
    """Scrolled back up so that the 类/款/项 buttons sit where Material's back-to-top button
    appears: that button covers no control, and a tap on 款 changes the level."""
    base, server = serve(site.out)
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    try:
        tab.goto(base + TABLES + "general-public/")
        tab.get_by_role("button", name="项", exact=True).tap()  # also loads Material's script (first touch)
        assert shown(tab) == ITEMS
        for _ in range(100):  # Material's script, started by that touch (polled here: the CSP forbids eval)
            if tab.evaluate("typeof window.document$ !== 'undefined'"):
                break
            tab.wait_for_timeout(100)
        tab.mouse.wheel(0, 3000)  # down to the end, then back up: Material shows its button on the way up
        tab.wait_for_timeout(500)
        # back up until the buttons sit just under the header, where Material shows its button
        tab.evaluate("""() => { const b = document.querySelector('[data-table-levels] button');
                                window.scrollTo(0, b.getBoundingClientRect().top + scrollY - 75); }""")
        tab.wait_for_timeout(500)
        top = tab.locator(".md-top")
        assert not top.is_hidden()  # the back-to-top button is showing
        button = tab.get_by_role("button", name="款", exact=True)
        box = button.bounding_box()
        scrolled = tab.evaluate("scrollY")
        tab.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tab.wait_for_timeout(500)
        assert shown(tab) == KINDS
        assert tab.evaluate("scrollY") == scrolled  # still where the reader was, not at the top
        # nothing of Material's button lies over any of the three
        over = tab.evaluate("""() => [...document.querySelectorAll('[data-table-levels] button')].map(b => {
            const r = b.getBoundingClientRect();
            return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === b; })""")
        assert over == [True, True, True]
    finally:
        context.close()
        server.shutdown()


def test_a_long_table_shows_every_row_on_a_desktop_and_without_javascript(browser, site):
    base, server = serve(site.out)
    try:
        for options in ({}, {"java_script_enabled": False}):
            context = browser.new_context(**options)
            tab = context.new_page()
            tab.goto(base + TABLES + "general-public/")
            assert shown(tab) == ITEMS, options
            context.close()
    finally:
        server.shutdown()


def test_a_table_of_classes_shows_every_cell_as_printed_with_its_level(site):
    page = site.article(TABLES + "general-public/")
    [table] = page.select(".ob-statement table")
    assert table.caption.get_text() == "一般公共预算支出表（单位：万元）"
    assert [th.get_text() for th in table.select("thead th")] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert cells(table) == [
        ["201", "一般公共服务支出", "300.00", "250.00", "50.00"],
        ["20103", "政府办公厅（室）及相关机构事务", "300.00", "250.00", "50.00"],
        ["2010301", "行政运行", "250.00", "250.00", ""],
        ["2010302", "一般行政管理事务", "50.00", "", "50.00"],
        ["208", "社会保障和就业支出", "40.00", "40.00", ""],
        ["20805", "行政事业单位养老支出", "40.00", "40.00", ""],
        ["2080505", "机关事业单位基本养老保险缴费支出", "28.00", "28.00", ""],
        ["2080506", "机关事业单位职业年金缴费支出", "12.00", "12.00", ""],
        ["210", "卫生健康支出", "15.00", "15.00", ""],
        ["21011", "行政事业单位医疗", "15.00", "15.00", ""],
        ["2101101", "行政单位医疗", "15.00", "15.00", ""],
        ["221", "住房保障支出", "20.00", "20.00", ""],
        ["22102", "住房改革支出", "20.00", "20.00", ""],
        ["2210201", "住房公积金", "20.00", "20.00", ""],
        ["", "合计", "375.00", "325.00", "50.00"],
    ]
    levels = [tr.get("data-level") for tr in table.select("tbody tr")]
    assert levels == ["0", "1", "2", "2", "0", "1", "2", "2", "0", "1", "2", "0", "1", "2", None]
    assert "ob-total" in table.select("tbody tr")[-1]["class"]
    # the reader can fold it to 类 or 款 (the buttons appear with the script)
    assert [b.get_text() for b in page.select("[data-table-levels] button")] == ["类", "款", "项"]


def test_a_table_in_yuan_keeps_its_unit_and_thousands_separators(site):
    [table] = site.article(TABLES + "general-public-basic/").select(".ob-statement table")
    assert table.caption.get_text() == "一般公共预算基本支出表（单位：元）"
    rows = cells(table)
    assert rows[0] == ["301", "工资福利支出", "2,850,000.00", "2,850,000.00", ""]
    assert rows[7] == ["302", "商品和服务支出", "350,000.00", "", "350,000.00"]
    assert rows[-1] == ["", "合计", "3,250,000.00", "2,900,000.00", "350,000.00"]


def test_a_merged_header_is_rebuilt_with_its_spans(site):
    [table] = site.article(TABLES + "three-public-table/").select(".ob-statement table")
    first, second = table.select("thead tr")
    assert [(th.get_text(), th.get("colspan"), th.get("rowspan"), th["scope"]) for th in first.find_all("th")] == [
        ("项目", None, "2", "col"), ("合计", None, "2", "col"), ("因公出国（境）费", None, "2", "col"),
        ("公务用车购置及运行费", "3", None, "colgroup"), ("公务接待费", None, "2", "col")]
    assert [th.get_text() for th in second.find_all("th")] == ["小计", "公务用车购置费", "公务用车运行费"]
    assert cells(table) == [["示例县虚构表格局", "12.00", "", "10.00", "", "10.00", "2.00"]]


def test_a_table_printed_as_income_beside_spending_shows_both_halves(site):
    income, spending = site.article(TABLES + "summary/").select(".ob-statement table")
    assert income.caption.get_text() == "示例县虚构表格局2031年部门收支总表（收入）（单位：万元）"
    assert spending.caption.get_text() == "示例县虚构表格局2031年部门收支总表（支出）（单位：万元）"
    assert cells(income)[-1] == ["收 入 总 计", "375.00"]
    assert cells(spending)[0] == ["一、一般公共服务支出", "300.00"]


def test_an_empty_table_is_shown_with_its_note(site):
    page = site.article(TABLES + "government-fund/")
    assert cells(page.select_one(".ob-statement table")) == [["合计", "", "", ""]]
    assert page.select_one(".ob-table-note").get_text() == "本部门2031年无政府性基金预算支出，本表为空表。"


def test_a_chart_shows_the_classes_of_a_classified_table(site):
    figure = site.article(TABLES + "general-public/").select_one("figure.ob-chart")
    assert figure["id"] == "chart-general-public-classes"
    assert figure.img["alt"] == ("条形图：一般公共预算支出表：各类合计（单位：万元）。一般公共服务支出 300.00 万元；"
                                 "社会保障和就业支出 40.00 万元；卫生健康支出 15.00 万元；住房保障支出 20.00 万元。数字同下表。")
    assert site.article(TABLES + "summary/").select_one("figure.ob-chart") is None  # no codes: no chart


# --- the open data --------------------------------------------------------------------------

def read_csv(site, path: str) -> list[list[str]]:
    raw = (site.out / path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_csv_has_every_column_and_the_code_split_into_its_levels(site):
    rows = read_csv(site, TABLES + "general-public/shili-biao-2031-general-public.csv")
    assert rows[0] == ["年度", "部门", "类", "款", "项", "科目编码", "科目名称", "合计（万元）", "基本支出（万元）", "项目支出（万元）"]
    assert rows[1] == ["2031", "示例县虚构表格局", "201", "", "", "201", "一般公共服务支出", "300.00", "250.00", "50.00"]
    assert rows[3] == ["2031", "示例县虚构表格局", "201", "20103", "2010301", "2010301", "行政运行", "250.00", "250.00", ""]
    assert rows[-1] == ["2031", "示例县虚构表格局", "", "", "", "", "合计", "375.00", "325.00", "50.00"]
    summary = read_csv(site, TABLES + "summary/shili-biao-2031-summary.csv")
    assert summary[0] == ["年度", "部门", "栏", "项目", "预算数（万元）"]
    assert summary[6] == ["2031", "示例县虚构表格局", "收入", "收 入 总 计", "375.00"]
    assert summary[7] == ["2031", "示例县虚构表格局", "支出", "一、一般公共服务支出", "300.00"]
    three = read_csv(site, TABLES + "three-public-table/shili-biao-2031-three-public-table.csv")
    assert three[0][3:] == ["合计（万元）", "因公出国（境）费（万元）", "公务用车购置及运行费/小计（万元）",
                            "公务用车购置及运行费/公务用车购置费（万元）", "公务用车购置及运行费/公务用车运行费（万元）", "公务接待费（万元）"]


def test_the_datapackage_describes_each_table_with_its_fiscal_fields_and_validates(site):
    package = json.loads((site.out / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    basic = resources[TABLES + "general-public-basic/shili-biao-2031-general-public-basic.csv"]
    assert (basic["currency"], basic["factor"], basic["fiscalYear"], basic["phase"], basic["direction"]) == \
        ("CNY", 1, "2031", "approved", "expenditure")
    types = {f["name"]: f.get("columnType") for f in basic["schema"]["fields"]}
    assert types["类"] == "economic-classification:generic:level1:code"
    assert types["项"] == "economic-classification:generic:level3:code"
    general = resources[TABLES + "general-public/shili-biao-2031-general-public.csv"]
    assert general["factor"] == 10000
    assert {f["name"]: f.get("columnType") for f in general["schema"]["fields"]}["款"] == \
        "functional-classification:generic:level2:code"
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
                            cwd=site.out, capture_output=True, text=True)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, ensure_ascii=False)[:2000]


# --- the editor's slips ----------------------------------------------------------------------

def test_a_row_with_a_missing_cell_stops_validate_at_that_row(tmp_path):
    project = copy(tmp_path, ('{code: "2010302", name: 一般行政管理事务, amounts: ["50.00", "", "50.00"]}',
                              '{code: "2010302", name: 一般行政管理事务, amounts: ["50.00", "50.00"]}'))
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    line = line_of(project, '      - {code: "2010302"')
    assert (f"{FILE}:{line}:43 tables[4].rows[3].amounts（各列金额（按表头顺序，空格写 \"\"））：这一行有 2 个金额，"
            "表头有 3 列（合计、基本支出、项目支出）：请按原文逐列填写，空白的格写 \"\"") in result.stdout.splitlines()
    assert "Traceback" not in result.stdout + result.stderr


def test_a_code_written_twice_in_a_table_stops_validate(tmp_path):
    project = copy(tmp_path, ('{code: "2080506", name: 机关事业单位职业年金缴费支出',
                              '{code: "2080505", name: 机关事业单位职业年金缴费支出'))
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    assert "科目编码 2080505 与本表第 7 行重复：同一科目在表中只能列一次，请按原文核对编码" in result.stdout


def test_a_blank_cell_may_be_written_empty_or_as_a_dash(tmp_path):
    project = copy(tmp_path, ('{code: "2010301", name: 行政运行, amounts: ["250.00", "250.00", ""]}',
                              '{code: "2010301", name: 行政运行, amounts: ["250.00", "250.00", ~]}'),
                   ('{code: "2080505", name: 机关事业单位基本养老保险缴费支出, amounts: ["28.00", "28.00", ""]}',
                    '{code: "2080505", name: 机关事业单位基本养老保险缴费支出, amounts: ["28.00", "28.00", "-"]}'))
    result = openbudget("validate", cwd=project)
    assert result.returncode == 0, result.stdout


def test_a_table_with_neither_rows_nor_halves_is_an_error(tmp_path):
    project = copy(tmp_path, ("    note: 本部门2031年无政府性基金预算支出，本表为空表。\n", ""),
                   ('    rows:\n      - {name: 合计, amounts: ["", "", ""]}\n', ""))
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    assert "缺少 rows（各行）：请按原文填写表头和各行；左右两栏的表写 sides" in result.stdout


# --- the checks, each on a broken copy --------------------------------------------------------

@pytest.mark.parametrize("change, finding, message", [
    (('{code: "2010301", name: 行政运行, amounts: ["250.00"', '{code: "2010301", name: 行政运行, amounts: ["251.00"'),
     "general-public-20103-differs-from-parts",
     "原文《一般公共预算支出表》中“20103 政府办公厅（室）及相关机构事务”：合计为 300.00 万元，其下各项之和为 301.00 万元，"
     "相差 1.00 万元；数字按原文照录，未作改动。"),
    (('{code: "208", name: 社会保障和就业支出, amounts: ["40.00", "40.00", ""]}\n      - {code: "20805", name: 行政事业单位养老支出, amounts: ["40.00", "40.00", ""]}\n      - {code: "2080505"',
      '{code: "208", name: 社会保障和就业支出, amounts: ["40.00", "40.00", ""]}\n      - {code: "20805", name: 行政事业单位养老支出, amounts: ["41.00", "40.00", ""]}\n      - {code: "2080505"'),
     "general-public-208-differs-from-parts",
     "原文《一般公共预算支出表》中“208 社会保障和就业支出”：合计为 40.00 万元，其下各款之和为 41.00 万元，相差 1.00 万元；"
     "数字按原文照录，未作改动。"),
    (('{code: "22102", name: 住房改革支出, amounts: ["20.00", "20.00", ""]}\n      - {name: 合计, amounts: ["375.00", "325.00", "50.00"]}\n  - title: 财政拨款收支总表',
      '{code: "22102", name: 住房改革支出, amounts: ["20.00", "20.00", ""]}\n      - {name: 合计, amounts: ["375.00", "325.00", "55.00"]}\n  - title: 财政拨款收支总表'),
     "expenditure-row-9-total-column-differs",
     "原文《部门支出总表》中“合计”一行：合计为 375.00 万元，基本支出、项目支出之和为 380.00 万元，相差 5.00 万元；"
     "数字按原文照录，未作改动。"),
    (('{code: "221", name: 住房保障支出, amounts: ["20.00", "", "20.00", "", "", ""]}',
      '{code: "221", name: 住房保障支出, amounts: ["20.00", "", "20.00", "", "", "1.00"]}'),
     "income-221-total-column-differs",
     "原文《部门收入总表》中“221 住房保障支出”一行：合计为 20.00 万元，上年结转、一般公共预算拨款收入、政府性基金预算拨款收入、"
     "事业收入、其他收入之和为 21.00 万元，相差 1.00 万元；数字按原文照录，未作改动。"),
    (('{name: 收 入 总 计, amounts: ["375.00"]}', '{name: 收 入 总 计, amounts: ["357.00"]}'),
     "summary-sides-differ",
     "原文《示例县虚构表格局2031年部门收支总表》中收入一栏的“收 入 总 计”为 357.00 万元，支出一栏的“支 出 总 计”为 375.00 万元，"
     "相差 18.00 万元；数字按原文照录，未作改动。"),
    (('    total: 12\n', '    total: 13\n'),
     "three-public-table-differs-from-text",
     "原文《一般公共预算“三公”经费支出表》与“三公”经费说明的数字不一致：“三公”经费合计在表中为 12.00 万元，"
     "在“三公”经费说明中为 13 万元；数字按原文照录，未作改动。"),
    (('{name: 支出总计, amounts: ["375.00", "375.00", ""]}', '{name: 支出总计, amounts: ["385.00", "385.00", ""]}'),
     "appropriation-differs-from-tables",
     "原文《财政拨款收支总表》中“支出总计”为 385.00 万元，不等于《一般公共预算支出表》合计 375.00 万元与"
     "《政府性基金预算支出表》合计 0 万元之和；数字按原文照录，未作改动。"),
])
def test_a_table_figure_that_disagrees_stops_validate_until_acknowledged(tmp_path, change, finding, message):
    project = copy(tmp_path, change)
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    said = [line for line in result.stdout.splitlines() if f"[{finding}]" in line]
    assert len(said) == 1, result.stdout
    assert said[0].endswith(f"[{finding}] {message.rstrip('。')}" + ACKNOWLEDGE.format(finding))


def test_the_explanations_basic_spending_is_checked_against_the_tables(tmp_path):
    project = copy(tmp_path, ("    basic: 325\n    project: 50\n", "    basic: 320\n    project: 55\n"),
                   notes=["total-differs-from-basic-plus-project"])
    result = openbudget("validate", cwd=project)
    said = [line for line in result.stdout.splitlines() if "[expenditure-table-differs-from-text]" in line]
    assert len(said) == 1, result.stdout
    assert ("原文《部门支出总表》与支出预算说明的数字不一致：基本支出在表中为 325.00 万元，在支出预算说明中为 320 万元；"
            "项目支出在表中为 50.00 万元，在支出预算说明中为 55 万元；数字按原文照录，未作改动") in said[0]


def test_an_acknowledged_table_finding_is_published_on_the_tables_page(tmp_path):
    project = copy(tmp_path, ('{code: "2010301", name: 行政运行, amounts: ["250.00"', '{code: "2010301", name: 行政运行, amounts: ["251.00"'),
                   notes=["general-public-20103-differs-from-parts", "general-public-2010301-total-column-differs"])
    result = mkdocs_build(make_project(tmp_path / "site-project", project / "data"), tmp_path / "out")
    assert result.returncode == 0, result.stderr
    from conftest import BuiltSite
    page = BuiltSite(tmp_path / "out").article(TABLES + "general-public/")
    note = page.select_one("#note-general-public-20103-differs-from-parts")
    assert [p.get_text() for p in note.select("p")] == [
        "数据说明", "原文《一般公共预算支出表》中“20103 政府办公厅（室）及相关机构事务”：合计为 300.00 万元，其下各项之和为 "
                   "301.00 万元，相差 1.00 万元；数字按原文照录，未作改动。"]
    assert cells(page.select_one(".ob-statement table"))[2] == ["2010301", "行政运行", "251.00", "250.00", ""]
    listed = BuiltSite(tmp_path / "out").article(TABLES)
    assert "表5 一般公共预算支出表（有数据说明）" in listed.get_text()


# --- from a workbook to the site -------------------------------------------------------------

def test_tables_imported_from_a_workbook_are_published_as_tables(tmp_path):
    """`openbudget import` writes a workbook's sheets in the model's shape: appended to a real
    document (the seed), they validate and get their pages."""
    shutil.copytree(Path(__file__).parents[1] / "data", tmp_path / "data")
    imported = openbudget("import", str(Path(__file__).parent / "fixtures" / "import" / "example-2023-tables.xls"),
                          "--department", "shili-x", "--year", "2023", "--name", "示例县虚构局", cwd=tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    draft = (tmp_path / "data" / "shili-x" / "2023.yaml").read_text(encoding="utf-8")
    tables = draft[draft.index("\ntables:"):].split("\n\n")[0]
    shutil.rmtree(tmp_path / "data" / "shili-x")
    seed = tmp_path / "data" / "miyi-xinfang" / "2021.yaml"
    seed.write_text(seed.read_text(encoding="utf-8") + "  - finding: general-public-total-row-differs\n"
                    "    as_published: true\n  - finding: expenditure-table-differs-from-text\n    as_published: true\n"
                    + tables + "\n", encoding="utf-8")
    result = openbudget("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    site = build_or_fail(make_project(tmp_path / "project", tmp_path / "data"), tmp_path / "site")
    page = site.article("miyi-xinfang/2021/tables/general-public/")
    assert cells(page.select_one(".ob-statement table"))[0] == ["201", "一般公共服务支出", "204.65", "171.55", "33.10"]
    income, spending = site.article("miyi-xinfang/2021/tables/summary/").select(".ob-statement table")
    assert cells(income) == [["一、一般公共预算拨款收入", "220.08"], ["二、上年结转", "0"], ["收入总计", "220.08"]]


# --- the 决算's nine tables --------------------------------------------------------------------

FINAL = "shili-biao/2031/final/tables/"
FINAL_FILE = "data/shili-biao/2031-final.yaml"


def test_the_final_accounts_nine_tables_are_each_recognised_and_published(site):
    listed = [(a.get_text(), a["href"]) for a in site.article(FINAL).select("ol.ob-statements a")]
    assert listed == [
        ("表1 示例县虚构表格局2031年收入支出决算总表", "summary/"), ("表2 收入决算表", "income/"),
        ("表3 支出决算表", "expenditure/"), ("表4 财政拨款收入支出决算总表", "appropriation/"),
        ("表5 一般公共预算财政拨款支出决算表", "general-public/"), ("表6 一般公共预算财政拨款基本支出决算表", "general-public-basic/"),
        ("表7 一般公共预算财政拨款“三公”经费支出决算表", "three-public-table/"),
        ("表8 政府性基金预算财政拨款收入支出决算表", "government-fund/"),
        ("表9 国有资本经营预算财政拨款支出决算表", "state-capital/")]


def test_a_final_table_with_line_numbers_and_budget_and_actual_column_groups(site):
    income, spending = site.article(FINAL + "summary/").select(".ob-statement table")
    assert [th.get_text() for th in income.select("thead th")] == ["项目", "行次", "金额"]
    assert cells(income)[0] == ["一、一般公共预算财政拨款收入", "1", "360.00"]
    assert cells(spending)[-1] == ["总计", "17", "375.00"]
    [table] = site.article(FINAL + "three-public-table/").select(".ob-statement table")
    top = [(th.get_text(), th.get("colspan")) for th in table.select("thead tr")[0].find_all("th")]
    assert top == [("项目", None), ("预算数", "6"), ("决算数", "6")]
    assert cells(table) == [["示例县虚构表格局", "12.00", "", "10.00", "", "10.00", "2.00",
                             "11.70", "", "10.00", "", "10.00", "1.70"]]


def test_the_basic_spending_table_printed_as_two_halves_keeps_its_classes(site):
    staff, office = site.article(FINAL + "general-public-basic/").select(".ob-statement table")
    assert staff.caption.get_text() == "一般公共预算财政拨款基本支出决算表（人员经费）（单位：元）"
    assert cells(staff)[0] == ["301", "工资福利支出", "2,770,000.00"]
    assert cells(staff)[-1] == ["", "人员经费合计", "2,820,000.00"]
    assert cells(office)[0] == ["302", "商品和服务支出", "350,000.00"]


def test_final_tables_are_executed_and_budget_tables_approved_in_the_datapackage(site):
    package = json.loads((site.out / "datapackage.json").read_text(encoding="utf-8"))
    phases = {r["path"]: r.get("phase") for r in package["resources"]}
    assert phases[FINAL + "general-public/shili-biao-2031-final-general-public.csv"] == "executed"
    assert phases[TABLES + "general-public/shili-biao-2031-general-public.csv"] == "approved"


@pytest.mark.parametrize("change, finding", [
    (("    total: 11.7\n", "    total: 11.8\n"), "three-public-table-differs-from-text"),
    (('{name: 本年支出合计, amounts: ["362.00", "362.00", "", ""]}', '{name: 本年支出合计, amounts: ["363.00", "363.00", "", ""]}'),
     "appropriation-differs-from-tables"),
    (('{code: "30113", name: 住房公积金, amounts: ["180,000.00"]}', '{code: "30113", name: 住房公积金, amounts: ["181,000.00"]}'),
     "general-public-basic-side-1-301-differs-from-parts"),
])
def test_a_final_table_figure_that_disagrees_is_found(tmp_path, change, finding):
    shutil.copytree(FIXTURE, tmp_path / "data")
    path = tmp_path / FINAL_FILE
    text = path.read_text(encoding="utf-8")
    assert text.count(change[0]) == 1
    path.write_text(text.replace(*change), encoding="utf-8")
    result = openbudget("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert f"[{finding}]" in result.stdout, result.stdout


def test_a_final_three_public_budget_total_over_its_parts_and_its_table_is_a_data_note(tmp_path):
    """The 决算's “三公” 预算数 (its `budgeted` block) says 15 万元 over parts of 0 + 2 + 10 = 12 and
    its table's 预算数 says 12.00: published with exit 0, 15 would be on the 三公 page and on
    预算执行情况. Both disagreements stop validate until acknowledged, like every other total."""
    shutil.copytree(FIXTURE, tmp_path / "data")
    path = tmp_path / FINAL_FILE
    text = path.read_text(encoding="utf-8")
    change = ("    budgeted:\n      total: 12\n", "    budgeted:\n      total: 15\n")
    assert text.count(change[0]) == 1
    path.write_text(text.replace(*change), encoding="utf-8")
    result = openbudget("validate", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    line = text.splitlines().index("      total: 12") + 1
    [parts] = [s for s in lines if "[budgeted-three-public-total-differs-from-parts]" in s]
    assert parts.startswith(f"{FINAL_FILE}:{line}:14 three_public.budgeted.total")
    assert ("[budgeted-three-public-total-differs-from-parts] “三公”经费合计预算数 15 万元 不等于因公出国（境）、公务接待、"
            "公务用车三项之和 12 万元（相差 3 万元）") in parts
    [table] = [s for s in lines if "[three-public-table-budget-differs-from-text]" in s]
    assert ("原文《一般公共预算财政拨款“三公”经费支出决算表》与“三公”经费说明的数字不一致：“三公”经费合计预算数在表中为 "
            "12.00 万元，在“三公”经费说明中为 15 万元；数字按原文照录，未作改动") in table
    # acknowledged as published (原文如此), validate passes
    with path.open("a", encoding="utf-8") as f:
        f.write("data_notes:\n  - finding: budgeted-three-public-total-differs-from-parts\n    as_published: true\n"
                "  - finding: three-public-table-budget-differs-from-text\n    as_published: true\n")
    assert openbudget("validate", cwd=tmp_path).returncode == 0


# --- every cell of every table, against the fixture read here ---------------------------------

def fixture_tables() -> list[tuple[str, str, dict]]:
    """(document's address, table address, table) for every table of both fixture files, read
    with PyYAML here, independently of the site's loader."""
    import yaml

    out = []
    for name, base in (("2031.yaml", TABLES), ("2031-final.yaml", FINAL)):
        data = yaml.safe_load((FIXTURE / "shili-biao" / name).read_text(encoding="utf-8"))
        slugs = {"部门收支总表": "summary", "部门收入总表": "income", "部门支出总表": "expenditure", "财政拨款收支总表": "appropriation",
                 "一般公共预算支出表": "general-public", "一般公共预算基本支出表": "general-public-basic",
                 "一般公共预算“三公”经费支出表": "three-public-table", "政府性基金预算支出表": "government-fund",
                 "收入支出决算总表": "summary", "收入决算表": "income", "支出决算表": "expenditure",
                 "财政拨款收入支出决算总表": "appropriation", "一般公共预算财政拨款支出决算表": "general-public",
                 "一般公共预算财政拨款基本支出决算表": "general-public-basic",
                 "一般公共预算财政拨款“三公”经费支出决算表": "three-public-table",
                 "政府性基金预算财政拨款收入支出决算表": "government-fund", "国有资本经营预算财政拨款支出决算表": "state-capital"}
        for table in data["tables"]:
            slug = next(slugs[k] for k in sorted(slugs, key=len, reverse=True) if table["title"].endswith(k))
            out.append((base, slug, table))
    return out


def test_every_cell_of_all_seventeen_tables_is_shown_and_downloaded_as_printed(site):
    tables = fixture_tables()
    assert len(tables) == 17
    for base, slug, table in tables:
        parts = table.get("sides") or [table]
        rendered = site.article(base + slug + "/").select(".ob-statement table")
        assert len(rendered) == len(parts), slug
        for part, html in zip(parts, rendered):
            codes = any("code" in row for row in part["rows"])
            lines = any("line" in row for row in part["rows"])
            expected = [[*([row.get("code", "")] if codes else []), row["name"], *([row.get("line", "")] if lines else []),
                         *row["amounts"]] for row in part["rows"]]
            assert cells(html) == expected, (base, slug)
        csv_rows = read_csv(site, f"{base}{slug}/shili-biao-2031{'-final' if 'final' in base else ''}-{slug}.csv")
        flat = [row for part in parts for row in part["rows"]]
        assert len(csv_rows) - 1 == len(flat), slug
        columns = [c for part in parts for c in part["columns"]]
        assert [h for h in csv_rows[0] if h.endswith(f"（{table['unit']}）")] == \
            [f"{c}（{table['unit']}）" for c in dict.fromkeys(columns)], slug
        for written, row in zip(csv_rows[1:], flat):
            amounts = written[-len(dict.fromkeys(columns)):]
            if table.get("sides") is None:
                assert amounts == [a.replace(",", "") for a in row["amounts"]], slug
            assert row["name"] in written, slug


def test_every_table_cell_is_a_row_of_the_sites_long_csv(site):
    rows = read_csv(site, "all-figures.csv")
    header = rows[0]
    cells_of = [dict(zip(header, r)) for r in rows[1:] if r[header.index("栏目")] == "公开表"]
    basic = [(r["文件类型"], r["列"], r["科目编码"], r["项目"], r["金额"], r["单位"]) for r in cells_of
             if r["表"] == "一般公共预算基本支出表" and r["科目编码"] == "302"]
    assert basic == [("预算", "合计", "302", "商品和服务支出", "350000.00", "元"), ("预算", "公用经费", "302", "商品和服务支出", "350000.00", "元")]
    summary = [(r["列"], r["项目"], r["金额"]) for r in cells_of
               if r["文件类型"] == "决算" and r["表"] == "示例县虚构表格局2031年收入支出决算总表" and r["项目"] == "总计"]
    assert summary == [("收入/金额", "总计", "375.00"), ("支出/金额", "总计", "375.00")]
    # 17 tables: every cell printed with a figure, none of the blank ones
    import yaml
    expected = sum(1 for name in ("2031.yaml", "2031-final.yaml")
                   for table in yaml.safe_load((FIXTURE / "shili-biao" / name).read_text(encoding="utf-8"))["tables"]
                   for part in (table.get("sides") or [table]) for row in part["rows"] for a in row["amounts"] if a != "")
    assert len(cells_of) == expected
