"""Targets as data: what a department promised (its work plan, its 绩效目标表) and what its 决算
reported doing (its 绩效自评表), on the work-plan page, the overview, 历年对比, the county page
and in the open data. Expected values are written out by hand from the documents."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import docx
import openpyxl
import pytest

from conftest import SEED_YAML, BuiltSite, build_or_fail, make_project
from openbudget.commands.cli import main
from openbudget.sources.loading import load_department_year
from openbudget.vocabulary.targets import outcome, read

SEED_TARGETS = [  # (indicator, published value, the site's reading, outcome), in the document's order
    ("重要敏感时期", "“零进京”“零赴蓉”", "文字目标，不作比对", "未报告"),
    ("重复信访事项化解", "60%", "60%（未写比较方式）", "未报告"),
    ("重复信访事项", "“清仓见底”", "文字目标，不作比对", "未报告"),
    ("信访事项及时受理率", "100%", "100%（未写比较方式）", "未报告"),
    ("按期办结率", "100%", "100%（未写比较方式）", "未报告"),
    ("群众参评率和满意率", "99%以上", "≥99%", "未报告"),
    ("网信占比", "70%以上", "≥70%", "未报告"),
]
THREE_RATES = ("强化初信初访事项办理，压实首办首接责任，推进初信初访办理提质增效，确保信访事项及时受理率100%、"
               "按期办结率100%、群众参评率和满意率99%以上。")
ONLINE_SHARE = ("引导群众通过网上渠道反映诉求，让“数据多跑路，群众少跑腿”，打造群众信任和满意的智能化信访平台，"
                "确保实现网信占比达70%以上的目标任务。")


def cells(row) -> list[str]:
    return [c.get_text(" ", strip=True) for c in row.select("th, td")]


# --- the seed's work plan ----------------------------------------------------------------

def test_work_plan_page_lists_the_seeds_targets_beside_its_text(seed_site):
    page = seed_site.article("miyi-xinfang/2021/work-plan/")
    rows = page.select("#targets tbody tr")
    assert [tuple(cells(r)[i] for i in (0, 1, 2, 4)) for r in rows] == SEED_TARGETS
    # the text is still all there, unchanged, above the table
    assert THREE_RATES in page.get_text()


def test_each_seed_target_links_to_the_sentence_it_comes_from(seed_site):
    rows = seed_site.article("miyi-xinfang/2021/work-plan/").select("#targets tbody tr")
    links = {cells(r)[0]: r.select_one("a.ob-target-sentence") for r in rows}
    assert links["信访事项及时受理率"]["href"] == "#:~:text=" + quote(THREE_RATES, safe="")
    assert links["网信占比"]["href"] == "#:~:text=" + quote(ONLINE_SHARE, safe="")
    assert links["重复信访事项化解"]["title"] == (
        "一是强化办理中央、省信联办和省级政法系统交办的31件重复信访事项（中央信联办19件、省信联办5件、省级政法系统7件），"
        "确保完成2021年化解60%的目标任务。")


def test_a_target_without_a_reported_result_is_never_called_missed(seed_site):
    overview = seed_site.article("miyi-xinfang/2021/")
    tally = overview.select_one(".ob-targets-tally").get_text(" ", strip=True)
    assert tally.startswith("本年度共 7 项目标，均未报告完成情况（未报告不等于未达到）。")
    assert overview.select_one(".ob-targets-tally a")["href"] == "work-plan/#targets"
    assert "未达到" not in seed_site.article("miyi-xinfang/2021/work-plan/").select_one("#targets tbody").get_text()


def test_the_seeds_data_json_carries_its_targets(seed_site):
    data = json.loads((seed_site.out / "miyi-xinfang/2021/miyi-xinfang-2021.json").read_text(encoding="utf-8"))
    work_plan = next(s for s in data["document"]["sections"] if s["kind"] == "work_plan")
    assert [(t["indicator"], t["value"]) for t in work_plan["targets"]] == [(i, v) for i, v, _, _ in SEED_TARGETS]
    assert work_plan["targets"][3]["sentence"] == THREE_RATES


# --- reading and comparing values --------------------------------------------------------

@pytest.mark.parametrize(("value", "comparison", "number", "unit"), [
    ("100%", None, "100", "%"), ("≥70%", "≥", "70", "%"), ("70%以上", "≥", "70", "%"), ("99%以上", "≥", "99", "%"),
    ("60%", None, "60", "%"), ("≤5万元", "≤", "5", "万元"), ("=100%", "=", "100", "%"), ("≥98.5%", "≥", "98.5", "%"),
    ("不低于90%", "≥", "90", "%"), ("3天以内", "≤", "3", "天"), ("12次", None, "12", "次"),
])
def test_a_numeric_target_is_read_as_published(value, comparison, number, unit):
    reading = read(value)
    assert (reading.comparison, str(reading.number), reading.unit) == (comparison, number, unit)


@pytest.mark.parametrize("value", ["“零进京”“零赴蓉”", "零进京", "明显提升", "1-3万元", "≥70%以下"])
def test_a_qualitative_target_is_kept_as_text(value):
    assert read(value) is None


@pytest.mark.parametrize(("target", "result", "expected"), [
    ("≥95%", "96%", "达到"), ("≥95%", "95%", "达到"), ("≥95%", "94.9%", "未达到"), ("≤5万元", "4.8万元", "达到"),
    ("≤5万元", "5.2万元", "未达到"), ("70%以上", "71%", "达到"), ("60%", "65%", "未能比对"),
    ("“零进京”", "零进京", "未能比对"), ("≥95%", "基本完成", "未能比对"), ("≥95%", "96件", "未能比对"),
    ("≥95%", None, "未报告"), ("零进京", None, "未报告"),
])
def test_a_result_is_met_only_where_both_are_numbers_with_a_comparison(target, result, expected):
    assert outcome(target, result) == expected


# --- the editor's slips ------------------------------------------------------------------

def seed_variant(tmp_path: Path, old: str, new: str) -> list[str]:
    path = tmp_path / "data" / "miyi-xinfang" / "2021.yaml"
    path.parent.mkdir(parents=True)
    text = SEED_YAML.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    record, problems = load_department_year(path, tmp_path)
    assert record is None, "the slip must stop the build"
    return [str(p) for p in problems]


def line_of(text: str) -> int:
    return SEED_YAML.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_a_target_value_not_in_its_sentence_is_a_chinese_error_at_its_line(tmp_path):
    at = line_of("        value: 70%以上")
    assert seed_variant(tmp_path, "        value: 70%以上", "        value: 75%以上") == [
        f"data/miyi-xinfang/2021.yaml:{at}:16 work_plan.targets[6].value（目标值（按原文，如 100%、≥70%、70%以上、“零进京”））："
        "目标值“75%以上”不在它的原文语句中：请按原文照录（如原文写“达70%以上”，目标值写 70%以上）"]


def test_a_sentence_the_section_does_not_print_is_a_chinese_error(tmp_path):
    old = "        sentence: 确保实现重要敏感时期“零进京”“零赴蓉”的目标。"
    problems = seed_variant(tmp_path, old, old.replace("确保实现", "务必实现"))
    assert problems == [f"data/miyi-xinfang/2021.yaml:{line_of(old)}:19 work_plan.targets[0].sentence"
                        "（原文语句（目标所在的那句话，按原文；须含目标值））："
                        "这句话在本栏目的原文文字中找不到：请从本栏目原文中原样复制目标所在的那句话"]


def test_a_result_in_another_unit_than_its_target_is_a_chinese_error(tmp_path):
    old = "  - kind: performance               # 十、绩效目标\n"
    new = old + ("    results:\n      - indicator: 信访事项及时受理率\n        target: ≥95%\n        actual: 96件\n")
    problems = seed_variant(tmp_path, old, new)
    assert len(problems) == 1
    assert problems[0].endswith("performance.results[0].actual（实际完成值（按原文））：实际完成值“96件”的单位（件）与"
                                "年度指标值“≥95%”的单位（%）不同：请按原文核对")
    assert problems[0].startswith(f"data/miyi-xinfang/2021.yaml:{line_of(old.rstrip()) + 4}:17 ")


# --- a department's 绩效目标表 and 绩效自评表, imported from Excel in the standard layout ---------

def project_targets_workbook(path: Path) -> None:
    """项目支出绩效目标表 as budgets print it: a title, the project, then 一级/二级/三级指标 and 指标值,
    the 一级指标 merged down its rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表9"
    sheet.append(["项目支出绩效目标表"])
    sheet.merge_cells("A1:D1")
    sheet.append(["项目名称", "信访维稳专项工作经费", "", ""])
    sheet.append(["一级指标", "二级指标", "三级指标", "指标值"])
    sheet.append(["产出指标", "数量指标", "劝返值班批次", "≥12次"])
    sheet.append(["", "质量指标", "信访事项及时受理率", "≥95%"])
    sheet.append(["", "成本指标", "劝返值班成本", "≤33.1万元"])
    sheet.append(["效益指标", "社会效益指标", "社会和谐稳定", "明显提升"])
    sheet.append(["满意度指标", "服务对象满意度指标", "群众满意率", "≥90%"])
    sheet.merge_cells("A4:A6")
    book.save(path)


def self_evaluation_workbook(path: Path) -> None:
    """绩效自评表 as a 决算 prints it: 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表10"
    sheet.append(["项目支出绩效自评表"])
    sheet.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    sheet.append(["产出指标", "数量指标", "劝返值班批次", "≥12次", "14次", 20, 20, ""])
    sheet.append(["", "质量指标", "信访事项及时受理率", "≥95%", "93%", 20, 16, "部分信访事项跨部门协调，受理延迟；将建立协调台账"])
    sheet.append(["", "成本指标", "劝返值班成本", "≤33.1万元", "31.2万元", 20, 20, ""])
    sheet.append(["效益指标", "社会效益指标", "社会和谐稳定", "明显提升", "有所提升", 20, 18, "个别重点人员仍有越级上访"])
    sheet.merge_cells("A3:A5")
    book.save(path)


LAST_YEAR = """department: 示例县信访局
year: 2022
sections:
  - kind: performance
    targets:
      - {indicator: 信访事项及时受理率, value: ≥90%, levels: [产出指标, 质量指标]}
      - {indicator: 来访接待场次, value: ≥20次}
"""


@pytest.fixture(scope="module")
def performance_site(tmp_path_factory) -> BuiltSite:
    tmp = tmp_path_factory.mktemp("performance")
    project_targets_workbook(tmp / "budget.xlsx")
    self_evaluation_workbook(tmp / "final.xlsx")
    for source, kind in (("budget.xlsx", "预算"), ("final.xlsx", "决算")):
        assert main(["--root", str(tmp), "import", str(tmp / source), "--department", "shili-xinfang", "--year", "2023",
                     "--name", "示例县信访局", "--kind", kind]) == 0
    data = tmp / "data"
    (data / "shili-xinfang" / "2022.yaml").write_text(LAST_YEAR, encoding="utf-8")
    shutil.copytree(SEED_YAML.parent, data / "miyi-xinfang")
    return build_or_fail(make_project(tmp / "project", data=data), tmp / "site")


BUDGET_ROWS = [  # indicator with its levels, target, the site's reading, result, outcome, 偏差原因
    ["产出指标 › 数量指标 › 劝返值班批次", "≥12次", "≥12次", "14次", "达到 （本站比对）", ""],
    ["产出指标 › 质量指标 › 信访事项及时受理率", "≥95%", "≥95%", "93%", "未达到 （本站比对）",
     "部分信访事项跨部门协调，受理延迟；将建立协调台账"],
    ["产出指标 › 成本指标 › 劝返值班成本", "≤33.1万元", "≤33.1万元", "31.2万元", "达到 （本站比对）", ""],
    ["效益指标 › 社会效益指标 › 社会和谐稳定", "明显提升", "文字目标，不作比对", "有所提升", "未能比对", "个别重点人员仍有越级上访"],
    ["满意度指标 › 服务对象满意度指标 › 群众满意率", "≥90%", "≥90%", "—", "未报告", ""],
]


def test_imported_performance_tables_show_each_target_its_result_and_whether_met(performance_site):
    for url in ("shili-xinfang/2023/performance/", "shili-xinfang/2023/final/performance/"):
        rows = performance_site.article(url).select("#targets tbody tr")
        assert [cells(r)[:6] for r in rows] == BUDGET_ROWS, url


def test_the_overview_counts_targets_met_of_those_reported(performance_site):
    tally = performance_site.article("shili-xinfang/2023/").select_one(".ob-targets-tally").get_text(" ", strip=True)
    assert tally.startswith("本年度共 5 项目标，决算报告了 4 项完成情况：达到 2 项、未达到 1 项（本站比对），"
                            "未能比对 1 项；未报告 1 项。")


def test_the_county_page_counts_each_departments_targets(performance_site):
    for url in ("bodies/all/2023/", "bodies/all/2023/final/"):
        table = performance_site.article(url).select_one("#county-targets")
        assert [cells(r) for r in table.select("tbody tr")] == [["示例县信访局", "5", "2", "1", "1", "1"]], url
    seed = performance_site.article("bodies/all/2021/").select_one("#county-targets")
    assert [cells(r) for r in seed.select("tbody tr")] == [["米易县信访局", "7", "0", "0", "0", "7"]]


def test_the_targets_csv_is_in_the_datapackage_and_validates(performance_site):
    out = performance_site.out
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    assert {"miyi-xinfang/2021/miyi-xinfang-2021-targets.csv", "shili-xinfang/2023/shili-xinfang-2023-targets.csv",
            "shili-xinfang/2023/final/shili-xinfang-2023-final-targets.csv"} <= paths
    rows = list(csv.reader(io.StringIO((out / "shili-xinfang/2023/shili-xinfang-2023-targets.csv")
                                       .read_text(encoding="utf-8-sig"))))
    assert rows[0][7:14] == ["指标", "目标值（原文）", "比较方式", "目标数值", "单位", "实际完成值（原文）", "完成情况"]
    assert rows[2][5:15] == ["产出指标", "质量指标", "信访事项及时受理率", "≥95%", "≥", "95", "%", "93%", "未达到（本站比对）",
                             "部分信访事项跨部门协调，受理延迟；将建立协调台账"]
    assert rows[4][7:14] == ["社会和谐稳定", "明显提升", "", "", "", "有所提升", "未能比对"]
    assert rows[5][7:14] == ["群众满意率", "≥90%", "≥", "90", "%", "", "未报告"]
    seed = list(csv.reader(io.StringIO((out / "miyi-xinfang/2021/miyi-xinfang-2021-targets.csv")
                                       .read_text(encoding="utf-8-sig"))))
    assert [row[7:10] + row[13:14] for row in seed[1:]][-1] == ["网信占比", "70%以上", "≥", "未报告"]
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
                            cwd=out, capture_output=True, text=True)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, ensure_ascii=False)[:2000]


def test_history_follows_an_indicator_over_the_years(performance_site):
    table = performance_site.article("shili-xinfang/compare/").select_one("#targets-compare")
    assert cells(table.select_one("thead tr")) == ["指标", "2022年", "2023年"]
    rows = {cells(r)[0]: cells(r)[1:] for r in table.select("tbody tr")}
    assert rows["信访事项及时受理率"] == ["目标 ≥90%；未报告", "目标 ≥95%；完成 93%；未达到（本站比对）"]
    assert rows["劝返值班批次"] == ["未列此目标", "目标 ≥12次；完成 14次；达到（本站比对）"]
    assert rows["来访接待场次"] == ["目标 ≥20次；未报告", "未列此目标"]


def test_new_year_keeps_the_indicators_and_asks_for_this_years_values(tmp_path):
    shutil.copytree(SEED_YAML.parent, tmp_path / "data" / "miyi-xinfang")
    assert main(["--root", str(tmp_path), "new-year", "miyi-xinfang", "2022"]) == 0
    path = tmp_path / "data" / "miyi-xinfang" / "2022.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    values = [line.split("  #")[0].strip() for line in lines if line.strip().startswith(("value:", "sentence:"))]
    assert values == ['value: "待填写"', 'sentence: "待填写"'] * 7  # last year's values are not this year's
    at = lines.index("      - indicator: \"网信占比\"  # 指标（按原文，如 信访事项及时受理率；绩效目标表中的三级指标）")
    assert [line.split("  #")[0].strip() for line in lines[at + 1:at + 3]] == ['value: "待填写"', 'sentence: "待填写"']
    _, problems = load_department_year(path, tmp_path)
    assert f"data/miyi-xinfang/2022.yaml:{at + 2}:16 work_plan.targets[6].value（目标值（按原文，如 100%、≥70%、70%以上、“零进京”））：" \
           "请按本年度原文填写" in [str(p) for p in problems]


def test_a_word_documents_performance_table_is_read_into_its_performance_section(tmp_path):
    document = docx.Document()
    for text in ("示例县信访局2023年部门预算说明", "一、主要职责", "负责全县信访工作。", "二、项目支出绩效目标情况",
                 "2023年信访维稳专项工作经费33.1万元，确保实现网信占比达75%以上的目标。", "项目支出绩效目标表"):
        document.add_paragraph(text)
    table = document.add_table(rows=4, cols=4)
    for r, row in enumerate([["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "劝返值班批次", "≥12次"],
                             ["产出指标", "质量指标", "信访事项及时受理率", "≥95%"],
                             ["满意度指标", "服务对象满意度指标", "群众满意率", "≥90%"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    source = tmp_path / "budget.docx"
    document.save(source)
    assert main(["--root", str(tmp_path), "import", str(source), "--department", "shili-xinfang", "--year", "2023"]) == 0
    path = tmp_path / "data" / "shili-xinfang" / "2023.yaml"
    record, problems = load_department_year(path, tmp_path)
    assert problems == []
    performance = record.data.part("performance")
    assert [(t.indicator, t.value, t.levels) for t in performance.targets] == [
        ("网信占比", "75%以上", []), ("劝返值班批次", "≥12次", ["产出指标", "数量指标"]),
        ("信访事项及时受理率", "≥95%", ["产出指标", "质量指标"]), ("群众满意率", "≥90%", ["满意度指标", "服务对象满意度指标"])]
    assert performance.targets[0].sentence == "2023年信访维稳专项工作经费33.1万元，确保实现网信占比达75%以上的目标。"


def test_following_a_targets_link_brings_its_sentence_into_view(page, seed_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(seed_url + "miyi-xinfang/2021/work-plan/")
    link = page.locator("#targets a.ob-target-sentence").nth(6)  # 网信占比
    link.scroll_into_view_if_needed()
    item = page.locator("li", has_text="确保实现网信占比达70%以上的目标任务。")
    assert item.bounding_box()["y"] < 0  # the sentence is far above the table
    link.click()
    page.wait_for_function("() => document.evaluate(\"//li[contains(., '网信占比达70%以上')]\", document, null, 9, null)"
                           ".singleNodeValue.getBoundingClientRect().top >= 0")
    box = item.bounding_box()
    assert 0 <= box["y"] < 800
    assert page.console_errors == []


def test_on_a_phone_each_target_is_a_card_its_indicator_on_one_line_and_nothing_off_screen(browser, seed_url):
    """At 360 px the seven columns would leave the indicator one character a line: each target is a
    card instead, its indicator across the card, each value on a labelled line."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(seed_url + "miyi-xinfang/2021/work-plan/")
    region = page.locator(".ob-targets .ob-table")
    assert region.evaluate("e => e.scrollWidth <= e.clientWidth")  # no sideways scrolling
    name = page.locator("#targets tbody th", has_text="信访事项及时受理率")
    assert name.evaluate("e => e.getClientRects().length === 1 && e.getBoundingClientRect().height < 40")  # one line
    value = name.locator("xpath=..").locator("td[data-label='目标值（原文）']")
    assert value.is_visible() and value.inner_text().strip() == "100%"
    assert value.evaluate("e => getComputedStyle(e, '::before').content") == '"目标值（原文）"'
    context.close()


def test_a_performance_table_pasted_into_a_text_is_read_into_targets(tmp_path):
    source = tmp_path / "budget.txt"
    source.write_text("\n".join([
        "示例县信访局2023年部门预算说明", "一、主要职责", "负责全县信访工作。", "二、项目支出绩效目标情况",
        "项目支出绩效目标表", "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t劝返值班批次\t≥12次",
        "质量指标\t信访事项及时受理率\t≥95%", "满意度指标  服务对象满意度指标  群众满意率  ≥90%", "三、其他",
        "无。"]) + "\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "import", str(source), "--department", "shili-xinfang", "--year", "2023"]) == 0
    record, problems = load_department_year(tmp_path / "data" / "shili-xinfang" / "2023.yaml", tmp_path)
    assert problems == []
    assert [(t.indicator, t.value, t.levels) for t in record.data.part("performance").targets] == [
        ("劝返值班批次", "≥12次", ["产出指标", "数量指标"]), ("信访事项及时受理率", "≥95%", ["产出指标", "质量指标"]),
        ("群众满意率", "≥90%", ["满意度指标", "服务对象满意度指标"])]


def test_a_result_in_another_unit_than_its_budgets_target_is_a_chinese_error(tmp_path):
    folder = tmp_path / "data" / "shili-xinfang"
    folder.mkdir(parents=True)
    (folder / "2022.yaml").write_text(LAST_YEAR, encoding="utf-8")
    (folder / "2022-final.yaml").write_text(
        "department: 示例县信访局\nyear: 2022\ndocument:\n  phase: 决算\nsections:\n  - kind: performance\n    results:\n"
        "      - {indicator: 来访接待场次, actual: 24次}\n      - {indicator: 信访事项及时受理率, actual: 92件}\n",
        encoding="utf-8")
    record, problems = load_department_year(folder / "2022-final.yaml", tmp_path)
    assert record is None
    assert [str(p) for p in problems] == [
        "data/shili-xinfang/2022-final.yaml:9:40 performance.results[1].actual（实际完成值（按原文））：实际完成值“92件”的单位（件）"
        "与 2022 年预算中“信访事项及时受理率”的目标值“≥90%”的单位（%）不同：请按原文核对"]
