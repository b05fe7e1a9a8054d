"""Published discrepancies: stopped until acknowledged as published, then shown as a 数据说明.

The fixture is a fictional township (tests/fixtures/findings/example-town/): its income
“其中” list stops early (marked incomplete), it prints truncated percentages, and it
states last year's total and the change.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import build_or_fail, make_project, mkdocs_build
from openbudget.checks.rules import FINDING_IDS, percent_agrees
from test_cli import openbudget
from test_rules import ACKNOWLEDGE

TOWN = Path(__file__).parent / "fixtures" / "findings"
FILE = "data/example-town/2030.yaml"
BUDGET = "example-town/2030/budget/"


def town(tmp_path: Path, *changes: tuple[str, str], previous: str | None = None) -> Path:
    """A project folder holding the township's data, with exact pieces of its 2030 text replaced."""
    data = tmp_path / "data"
    shutil.copytree(TOWN, data)
    path = data / "example-town" / "2030.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    if previous is not None:
        (data / "example-town" / "2029.yaml").write_text(previous, encoding="utf-8")
    return tmp_path


def line_of(project: Path, start: str) -> int:
    lines = (project / FILE).read_text(encoding="utf-8").splitlines()
    [number] = [i for i, line in enumerate(lines, 1) if line.startswith(start)]
    return number


def build(project: Path):
    return build_or_fail(make_project(project / "site-project", project / "data"), project / "out")


def acknowledged(finding: str, explanation: str | None = None) -> tuple[str, str]:
    note = f"  - finding: {finding}\n    as_published: true\n" + (f"    explanation: {explanation}\n" if explanation else "")
    return "data_notes:\n", "data_notes:\n" + note


WITHOUT_FLAG = ("    by_source_incomplete: true\n", "")


# --- an unacknowledged finding stops validate and the build ----------------------------

def test_a_sum_that_differs_stops_validate_naming_its_line_id_and_how_to_acknowledge(tmp_path):
    project = town(tmp_path, WITHOUT_FLAG)
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    line = line_of(project, "    income_total:")
    assert (f"{FILE}:{line}:19 budget.income_total（收入预算总额）：[income-total-differs-from-sources] "
            "收入预算总额 120.00 万元 不等于各收入来源合计 90.00 万元（相差 30.00 万元）"
            + ACKNOWLEDGE.format("income-total-differs-from-sources")) in result.stdout.splitlines()
    assert "1 处错误" in result.stderr


def test_a_sum_that_differs_stops_the_build_and_publishes_nothing(tmp_path):
    project = town(tmp_path, WITHOUT_FLAG)
    result = mkdocs_build(make_project(tmp_path / "site-project", project / "data"), tmp_path / "out")
    assert result.returncode == 1
    assert f"{FILE}:{line_of(project, '    income_total:')}:19" in result.stderr
    assert "[income-total-differs-from-sources]" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_an_acknowledged_sum_is_published_unchanged_with_its_data_note(tmp_path):
    project = town(tmp_path, WITHOUT_FLAG, acknowledged("income-total-differs-from-sources", "原文如此。"))
    result = openbudget("validate", cwd=project)
    assert result.returncode == 0, result.stdout
    assert any("[income-total-differs-from-sources]" in line and line.endswith("（已注明原文如此）")
               for line in result.stdout.splitlines())
    site = build(project)
    page = site.article(BUDGET)
    note = page.select_one("#note-income-total-differs-from-sources")
    assert [p.get_text() for p in note.select("p")] == [
        "数据说明", "原文中收入预算总额为 120.00 万元，各收入来源合计为 90.00 万元，相差 30.00 万元；数字按原文照录，未作改动。",
        "说明：原文如此。"]
    cells = {tr.th.get_text(): tr.td.get_text() for tr in page.select("#income-by-source tbody tr")}
    assert cells == {"一般公共预算拨款收入": "80.00", "政府性基金收入": "10.00", "收入预算总额": "120.00"}
    [finding] = [f for f in json.loads((site.out / "example-town/2030/example-town-2030.json").read_text(encoding="utf-8"))["findings"]
                 if f["id"] == "income-total-differs-from-sources"]
    assert finding["figures"] == [{"name": "收入预算总额", "amount": "120.00", "unit": "万元"},
                                  {"name": "各收入来源合计", "amount": "90.00", "unit": "万元"}]
    overview = [li.get_text() for li in site.article("example-town/2030/").select("#data-notes ~ ul li")]
    assert ("二、收支预算总体情况：原文中收入预算总额为 120.00 万元，各收入来源合计为 90.00 万元，相差 30.00 万元；"
            "数字按原文照录，未作改动。说明：原文如此。") in overview


def test_a_note_that_does_not_say_as_published_is_an_error(tmp_path):
    project = town(tmp_path, ("  - finding: expenditure-not-published\n    as_published: true\n",
                              "  - finding: expenditure-not-published\n    as_published: false\n"))
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    line = line_of(project, "    as_published: false")
    assert (f"{FILE}:{line}:19 data_notes[0].as_published（原文如此（核对原文后写 true））：只有核对过原文、原文确实如此时"
            "才写这条数据说明（as_published: true）；否则请按原文改正数字，并删除这条") in result.stdout.splitlines()


def test_every_finding_id_pattern_is_documented_in_the_readme():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert [i for i in FINDING_IDS if f"`{i}`" not in readme] == []


# --- an incomplete “其中” list ---------------------------------------------------------

def test_an_incomplete_list_is_published_with_the_note_beside_its_table(tmp_path):
    site = build(town(tmp_path))
    page = site.article(BUDGET)
    assert page.select_one("#income-by-source + p.ob-incomplete").get_text() == "原文“其中”只列出部分项目，各项之和小于总额。"
    assert page.select_one("#income-by-economic + p.ob-incomplete") is None  # that list is complete
    assert page.select(".ob-finding") == []


def test_an_incomplete_list_whose_parts_exceed_the_total_is_a_finding(tmp_path):
    project = town(tmp_path, ("        amount: 10.00\n", "        amount: 50.00\n"),
                   ("政府性基金收入10.00万元", "政府性基金收入50.00万元"))
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    assert (f"{FILE}:{line_of(project, '    by_source:')}:5 budget.by_source（收入按来源（原文列出时填写））："
            "[sources-exceed-income-total] 所列收入来源合计 130.00 万元 大于收入预算总额 120.00 万元"
            "（原文“其中”标为所列不全时，各项之和不应大于总额）"
            + ACKNOWLEDGE.format("sources-exceed-income-total")) in result.stdout.splitlines()


def test_marking_a_complete_list_incomplete_is_an_editors_error(tmp_path):
    project = town(tmp_path, ("    by_source_incomplete: true\n", "    by_economic_incomplete: true\n"),
                   *[acknowledged("income-total-differs-from-sources")])
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    assert (f"{FILE}:{line_of(project, '    by_economic_incomplete:')}:29 budget.by_economic_incomplete"
            "（原文“其中”所列不全（各项之和小于总额时写 true））：写了所列不全，但各项之和正好等于总额："
            "原文所列是完整的，请删除这一行") in result.stdout.splitlines()


# --- published percentages ----------------------------------------------------------------

@pytest.mark.parametrize(("published", "part", "whole", "agrees"), [
    ("80.55", "80.559", "100", True),  # truncated
    ("80.56", "80.559", "100", True),  # rounded
    ("80.50", "80.559", "100", False),
    ("80.6", "80.559", "100", True),  # rounded to its own one decimal place
    ("80.5", "80.559", "100", True),  # truncated to one decimal place
    ("66.66", "80", "120", True),  # 66.666…
    ("66.68", "80", "120", False),
])
def test_a_published_percentage_is_checked_at_its_own_precision(published, part, whole, agrees):
    assert percent_agrees(Decimal(published), Decimal(part), Decimal(whole)) is agrees


def test_truncated_percentages_are_shown_as_published_beside_the_computed_share(tmp_path):
    page = build(town(tmp_path)).article(BUDGET)
    table = page.select_one("#income-by-economic table")
    assert [th.get_text() for th in table.select("thead th")] == ["项目", "金额（万元）", "原文所列占比", "占比*"]
    rows = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")}
    assert rows == {"工资福利支出": ["60.00", "50.00%", "50.00%"], "商品和服务支出": ["36.67", "30.55%", "30.56%"],
                    "项目支出": ["23.33", "19.44%", "19.44%"], "收入预算总额": ["120.00", "", "100.00%"]}
    sources = {tr.th.get_text(): [td.get_text() for td in tr.select("td")]
               for tr in page.select("#income-by-source tbody tr")}
    assert sources["一般公共预算拨款收入"] == ["80.00", "66.66%", "66.67%"]


def test_the_open_data_carries_each_published_percentage_as_printed_beside_the_computed_one(tmp_path):
    import csv
    import io
    import json

    site = build(town(tmp_path))
    raw = (site.out / BUDGET / "example-town-2030-budget-income-by-economic.csv").read_bytes().decode("utf-8-sig")
    rows = [(r["项目"], r["占比（%，本站计算）"], r["原文所列占比（%）"]) for r in csv.DictReader(io.StringIO(raw))]
    assert rows == [("工资福利支出", "50.00", "50.00"), ("商品和服务支出", "30.56", "30.55"),
                    ("项目支出", "19.44", "19.44"), ("收入预算总额", "100.00", "")]
    package = json.loads((site.out / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in package["resources"] if r["path"].endswith("example-town-2030-budget-income-by-economic.csv")]
    assert "原文所列占比（%）" in [f["name"] for f in resource["schema"]["fields"]]


def test_a_wrong_published_percentage_stops_validate_until_acknowledged(tmp_path):
    wrong = (("        percent: 30.55\n", "        percent: 35.55\n"), ("占预算总支出的30.55%", "占预算总支出的35.55%"))
    project = town(tmp_path, *wrong)
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    finding = "budget-by-economic-1-percent-differs-from-amounts"
    statement = "原文写商品和服务支出占 35.55%，按原文金额计算为 30.56%（36.67 ÷ 120.00 万元）；数字按原文照录，未作改动"
    assert (f"{FILE}:{line_of(project, '        percent: 35.55')}:18 budget.by_economic[1].percent"
            f"（原文所列占比（%，按原文，如 80.55））：[{finding}] {statement}" + ACKNOWLEDGE.format(finding)
            ) in result.stdout.splitlines()
    shutil.rmtree(tmp_path / "data")
    page = build(town(tmp_path, *wrong, acknowledged(finding))).article(BUDGET)
    assert page.select_one(f"#note-{finding}").select("p")[1].get_text() == statement + "。"
    row = next(tr for tr in page.select("#income-by-economic tbody tr") if tr.th.get_text() == "商品和服务支出")
    assert [td.get_text() for td in row.select("td")] == ["36.67", "35.55%", "30.56%"]


# --- last year's figures and the stated change ------------------------------------------------

def test_previous_year_figures_that_add_up_are_shown_as_published(tmp_path):
    page = build(town(tmp_path)).article(BUDGET)
    section = page.select_one(".ob-previous")
    assert section.h2.get_text() == "与上年比较（按原文）"
    assert [(dt.get_text(), dt.find_next_sibling("dd").get_text()) for dt in section.select("dt")] == [
        ("上年收入预算总额", "100.00 万元"), ("较上年增加", "20.00 万元"), ("原因", "主要是新增村级运转经费（虚构）。")]


def test_a_stated_change_that_does_not_add_up_is_a_finding(tmp_path):
    project = town(tmp_path, ("      amount: 20.00\n      direction: 增加", "      amount: 25.00\n      direction: 增加"),
                   ("增加20.00万元", "增加25.00万元"))
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    assert (f"{FILE}:{line_of(project, '      amount: 25.00')}:15 budget.stated_change.amount（增减额（按原文，不带正负号））："
            "[income-change-differs-from-totals] 原文上年收入预算总额 100.00 万元，较上年增加 25.00 万元，应为 125.00 万元，"
            "而本年收入预算总额为 120.00 万元；数字按原文照录，未作改动"
            + ACKNOWLEDGE.format("income-change-differs-from-totals")) in result.stdout.splitlines()


def test_a_previous_total_that_differs_from_last_years_file_is_a_finding(tmp_path):
    last_year = (TOWN / "example-town" / "2029.yaml").read_text(encoding="utf-8").replace("income_total: 100", "income_total: 90")
    project = town(tmp_path, previous=last_year)
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    assert (f"{FILE}:{line_of(project, '    previous_income_total:')}:28 budget.previous_income_total（上年收入预算总额（按原文））："
            "[previous-income-total-differs-from-2029-data] 原文所写上年收入预算总额为 100.00 万元，而本站 2029 年文件中的"
            "收入预算总额为 90 万元；数字按原文照录，未作改动"
            + ACKNOWLEDGE.format("previous-income-total-differs-from-2029-data")) in result.stdout.splitlines()


def test_a_previous_total_in_yuan_that_equals_last_years_file_in_wan_yuan_is_no_finding(tmp_path):
    last_year = (TOWN / "example-town" / "2029.yaml").read_text(encoding="utf-8").replace(
        "    unit: 万元\n    income_total: 100", "    unit: 元\n    income_total: 1000000")
    result = openbudget("validate", cwd=town(tmp_path, previous=last_year))
    assert result.returncode == 0, result.stdout


def test_a_percentage_that_is_not_a_plain_number_up_to_100_is_refused(tmp_path):
    project = town(tmp_path, ("        percent: 50.00\n", "        percent: 150.00\n"))
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    assert (f"{FILE}:{line_of(project, '        percent: 150.00')}:18 budget.by_economic[0].percent"
            "（原文所列占比（%，按原文，如 80.55））：应为原文所列的百分数，只写数字，如 80.55（不写“%”也可），"
            '实际为 "150.00"') in result.stdout.splitlines()


def test_a_missing_section_once_acknowledged_is_a_plain_fact_on_the_overview_not_a_data_note(tmp_path):
    project = town(tmp_path, ("  - finding: expenditure-not-published\n    as_published: true\n",
                              "  - finding: expenditure-not-published\n    as_published: true\n"
                              "    explanation: 原文未列支出预算安排情况（虚构）。\n"))
    overview = build(project).article("example-town/2030/")
    notes = [li.get_text() for li in overview.select("#data-notes ~ ul li")]
    assert not [note for note in notes if "支出预算安排情况" in note]  # the old note is accepted and ignored
    assert "本文件未包含支出预算安排情况" in [li.get_text() for li in overview.select(".ob-contents > li")]
