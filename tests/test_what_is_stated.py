"""What a document states, and nothing else (issue 30).

A department that publishes only its standard tables, a 决算 whose explanation states no total,
a complete document without a section, an excerpt: each publishes as it is, with no figure
invented and no false “未公开”. Figures a table states are read from it, each naming its source;
one line worded two ways in the 预算 and the 决算 is one line.

All departments, names and figures here are fictional (synthetic test data).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import build_or_fail, make_project
from openbudget.commands.cli import main

DEPARTMENT = "shili-biaoge"

# A budget published as its standard tables only (no explanation): 部门收支总表, 一般公共预算支出表
# and the “三公” table, whose only data row has no name (as the standard template prints it).
TABLES_ONLY_BUDGET = """\
# 测试用虚构数据（synthetic）：只公开了标准表格的部门预算
department: 示例县虚构表格局
year: 2031
document:
  title: 示例县虚构表格局2031年部门预算公开表
tables:
  - title: 示例县虚构表格局2031年部门收支总表
    unit: 万元
    sides:
      - heading: 收入
        columns: [预算数]
        rows:
          - {name: 一、一般公共预算拨款收入, amounts: ["220.08"]}
          - {name: 收入总计, amounts: ["220.08"]}
      - heading: 支出
        columns: [预算数]
        rows:
          - {name: 一、一般公共服务支出, amounts: ["204.65"]}
          - {name: 二、社会保障和就业支出, amounts: ["15.43"]}
          - {name: 支出总计, amounts: ["220.08"]}
  - title: 示例县虚构表格局2031年一般公共预算支出表
    unit: 万元
    columns: [合计, 基本支出, 项目支出]
    rows:
      - {code: "201", name: 一般公共服务支出, amounts: ["204.65", "171.55", "33.10"]}
      - {code: "20103", name: 政府办公厅（室）及相关机构事务, amounts: ["204.65", "171.55", "33.10"]}
      - {code: "208", name: 社会保障和就业支出, amounts: ["15.43", "15.43", ""]}
      - {name: 合计, amounts: ["220.08", "186.98", "33.10"]}
  - title: 一般公共预算“三公”经费支出表
    unit: 万元
    columns: [合计, 因公出国（境）费, 公务用车购置及运行费/小计, 公务用车购置及运行费/公务用车购置费,
              公务用车购置及运行费/公务用车运行费, 公务接待费]
    rows:
      - amounts: ["3.00", "0", "2.00", "0", "2.00", "1.00"]
"""

TABLES_ONLY_FINAL = """\
# 测试用虚构数据（synthetic）：只公开了标准表格的部门决算
department: 示例县虚构表格局
year: 2031
document:
  phase: 决算
  title: 示例县虚构表格局2031年部门决算公开表
tables:
  - title: 收入支出决算总表
    unit: 万元
    sides:
      - heading: 收入
        columns: [金额]
        rows:
          - {name: 本年收入合计, amounts: ["215.00"]}
          - {name: 年初结转和结余, amounts: ["5.00"]}
          - {name: 收入总计, amounts: ["220.00"]}
      - heading: 支出
        columns: [金额]
        rows:
          - {name: 本年支出合计, amounts: ["210.00"]}
          - {name: 年末结转和结余, amounts: ["10.00"]}
          - {name: 支出总计, amounts: ["220.00"]}
  - title: 一般公共预算财政拨款支出决算表
    unit: 万元
    columns: [本年支出/合计, 本年支出/基本支出, 本年支出/项目支出]
    rows:
      - {code: "201", name: 一般公共服务支出, amounts: ["200.00", "170.00", "30.00"]}
      - {code: "208", name: 社会保障和就业支出, amounts: ["10.00", "10.00", ""]}
      - {name: 合计, amounts: ["210.00", "180.00", "30.00"]}
"""


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    data = tmp_path / "data"
    for name, text in files.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return make_project(tmp_path / "project", data)


def words(tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def rows(table) -> dict[str, list[str]]:
    out = {}
    for tr in table.select("tbody tr"):
        cells = [words(c) for c in tr.find_all(["th", "td"])]
        out[cells[0]] = cells[1:]
    return out


def test_a_budget_published_as_its_standard_tables_only_builds_and_leads_with_the_total_its_table_states(tmp_path):
    site = build_or_fail(project(tmp_path, {f"{DEPARTMENT}/2031.yaml": TABLES_ONLY_BUDGET}), tmp_path / "site")
    overview = site.article(f"{DEPARTMENT}/2031/")
    glance = overview.select_one(".ob-glance")
    assert words(glance.select_one(".ob-glance__label")) == "收入预算总额"
    assert words(glance.select_one(".ob-glance__total")) == "220.08 万元"
    assert words(glance.select_one(".ob-glance__source")) == \
        "据《示例县虚构表格局2031年部门收支总表》“收入总计”行“预算数”列"
    headline = rows(overview.select_one("#headline ~ .ob-table table"))
    assert headline["收入预算总额"][0].startswith("220.08 万元")
    assert headline["支出预算总额"][0].startswith("220.08 万元")
    assert headline["“三公”经费"][0].startswith("3.00 万元")
    assert "一般公共预算支出合计" not in headline  # both totals are stated: they lead
    assert "文件未公开" not in words(overview)  # nothing is said to be unpublished that its tables state
    contents = [words(li) for li in overview.select(".ob-contents > li")]
    assert contents[-1] == "本文件未包含机关运行经费"  # the one expected section no table states
    assert "收支预算总体情况" not in " ".join(contents) and "“三公”经费" not in " ".join(contents[1:])


def test_budget_against_actual_lists_every_class_from_the_two_documents_tables(tmp_path):
    site = build_or_fail(project(tmp_path, {f"{DEPARTMENT}/2031.yaml": TABLES_ONLY_BUDGET,
                                            f"{DEPARTMENT}/2031-final.yaml": TABLES_ONLY_FINAL}), tmp_path / "site")
    page = site.article(f"{DEPARTMENT}/2031/budget-vs-actual/")
    function = rows(page.select_one("#by-function-caption").parent)
    assert function["一般公共服务支出"] == ["204.65", "200.00", "-4.65 （-2.27%）", "97.73%"]
    assert function["社会保障和就业支出"] == ["15.43", "10.00", "-5.43 （-35.19%）", "64.81%"]
    totals = rows(page.select_one("#totals-caption").parent)
    assert totals["收入总额"] == ["220.08", "220.00", "-0.08 （-0.04%）", "99.96%"]
    final = site.article(f"{DEPARTMENT}/2031/final/")
    assert words(final.select_one(".ob-glance__label")) == "收入决算总额"
    assert words(final.select_one(".ob-glance__source")) == "据《收入支出决算总表》“收入总计”行“金额”列"


FINAL_WITHOUT_TOTAL = """\
# 测试用虚构数据（synthetic）：说明中没有收支总额的部门决算
department: 示例县虚构无总额局
year: 2031
document:
  phase: 决算
  title: 示例县虚构无总额局2031年部门决算说明
sections:
  - kind: budget
    heading: 一、收入支出决算总体情况
    paragraphs:
      - 本年度收支决算情况详见附表（虚构）。
  - kind: three_public
    heading: 二、“三公”经费支出决算情况
    unit: 万元
    total: 2
    reception: 2
    overseas: 0
    vehicles: {total: 0}
    paragraphs:
      - “三公”经费支出2万元，其中公务接待费2万元，因公出国（境）费0万元，公务用车购置及运行维护费0万元（虚构）。
"""


def test_a_final_account_that_states_no_total_publishes_with_no_total_shown_or_added(tmp_path):
    site = build_or_fail(project(tmp_path, {"shili-wuzonge/2031-final.yaml": FINAL_WITHOUT_TOTAL}), tmp_path / "site")
    overview = site.article("shili-wuzonge/2031/final/")
    assert words(overview.select_one(".ob-glance__total")) == "原文未列明"
    headline = rows(overview.select_one("#headline ~ .ob-table table"))
    assert list(headline) == ["“三公”经费"]
    listed = rows(site.article("departments/").select_one(".ob-departments table"))
    assert listed["示例县虚构无总额局"][1:3] == ["原文未列明", "—"]
    assert "0 万元" not in words(site.article("shili-wuzonge/"))


COMPLETE_WITHOUT_THREE_PUBLIC = """\
# 测试用虚构数据（synthetic）
department: 示例县虚构完整局
year: 2031
document:
  title: 示例县虚构完整局2031年部门预算说明
sections:
  - kind: budget
    heading: 一、收支预算总体情况
    unit: 万元
    income_total: 100
    paragraphs: [收入预算总额100万元（虚构）。]
  - kind: expenditure
    heading: 二、支出预算安排情况
    unit: 万元
    basic: 80
    project: 20
    paragraphs: [基本支出80万元，项目支出20万元（虚构）。]
  - kind: operating_costs
    heading: 三、机关运行经费
    unit: 万元
    amount: 10
    paragraphs: [机关运行经费10万元（虚构）。]
"""


def test_a_complete_document_without_a_section_needs_no_acknowledgment_and_says_it_plainly(tmp_path):
    site = build_or_fail(project(tmp_path, {"shili-wanzheng/2031.yaml": COMPLETE_WITHOUT_THREE_PUBLIC}), tmp_path / "site")
    overview = site.article("shili-wanzheng/2031/")
    contents = [words(li) for li in overview.select(".ob-contents > li")]
    assert contents == ["一、收支预算总体情况", "二、支出预算安排情况", "三、机关运行经费", "本文件未包含“三公”经费"]
    assert overview.select_one("#data-notes") is None  # a plain fact, not a 数据说明
    assert "文件未公开" not in words(overview)


def test_an_excerpt_says_nothing_of_what_it_does_not_include(tmp_path):
    text = COMPLETE_WITHOUT_THREE_PUBLIC.replace("  title: 示例县虚构完整局2031年部门预算说明\n",
                                                 "  title: 示例县虚构完整局2031年部门预算说明\n  excerpt: true\n")
    site = build_or_fail(project(tmp_path, {"shili-wanzheng/2031.yaml": text}), tmp_path / "site")
    overview = site.article("shili-wanzheng/2031/")
    assert "本文件未包含" not in words(overview)


def test_an_old_not_published_note_still_builds_and_validate_says_it_can_go(tmp_path, capsys):
    text = COMPLETE_WITHOUT_THREE_PUBLIC + "data_notes:\n  - finding: three-public-not-published\n    as_published: true\n"
    root = project(tmp_path, {"shili-wanzheng/2031.yaml": text})
    site = build_or_fail(root, tmp_path / "site")
    assert "本文件未包含“三公”经费" in words(site.article("shili-wanzheng/2031/"))
    assert main(["--root", str(root), "validate"]) == 0
    out = "".join(capsys.readouterr())
    assert "不再需要“three-public-not-published”" in out and "0 处错误" in out


def test_a_heading_the_document_lists_but_does_not_give_is_in_the_contents_without_a_link(tmp_path):
    text = COMPLETE_WITHOUT_THREE_PUBLIC + "  - heading: 四、政府采购情况\n"
    site = build_or_fail(project(tmp_path, {"shili-wanzheng/2031.yaml": text}), tmp_path / "site")
    item = site.article("shili-wanzheng/2031/").select(".ob-contents > li")[3]
    assert words(item) == "四、政府采购情况" and item.find("a") is None


def by_source(word: str, name: str, amount: str) -> str:
    return f"""\
    # 测试用虚构数据（synthetic）
    department: 示例县虚构来源局
    year: 2031
    document:
      {'phase: 决算' if word == '决算' else 'title: 示例县虚构来源局2031年部门预算说明'}
    sections:
      - kind: budget
        heading: 一、收支{word}总体情况
        unit: 万元
        income_total: {amount}
        by_source:
          - {{name: {name}, amount: {amount}}}
        paragraphs: [收入{word}总额{amount}万元，其中{name}{amount}万元（虚构）。]
    """


def test_one_income_line_worded_two_ways_in_the_budget_and_the_final_account_is_one_row(tmp_path):
    site = build_or_fail(project(tmp_path, {
        "shili-laiyuan/2031.yaml": by_source("预算", "一般公共预算拨款收入", "100"),
        "shili-laiyuan/2031-final.yaml": by_source("决算", "一般公共预算财政拨款收入", "98")}), tmp_path / "site")
    lines = rows(site.article("shili-laiyuan/2031/budget-vs-actual/").select_one("#by-source-caption").parent)
    assert lines == {"一般公共预算财政拨款收入": ["100", "98", "-2 （-2.00%）", "98.00%"]}


# the same department publishing in 元: its first section only, in its own unit
IN_YUAN = COMPLETE_WITHOUT_THREE_PUBLIC.split("  - kind: expenditure")[0] \
    .replace("unit: 万元\n    income_total: 100", "unit: 元\n    income_total: 2032960") \
    .replace("收入预算总额100万元", "收入预算总额2032960元")


def test_where_departments_meet_every_amount_is_in_wan_yuan(tmp_path):
    site = build_or_fail(project(tmp_path, {"shili-wanzheng/2031.yaml": IN_YUAN}), tmp_path / "site")
    listed = rows(site.article("departments/").select_one(".ob-departments table"))
    assert listed["示例县虚构完整局"][1:3] == ["203.296", "万元"]


def test_the_long_csv_gives_every_amount_in_wan_yuan_and_its_level_so_a_sum_counts_nothing_twice(tmp_path):
    import csv
    import io

    site = build_or_fail(project(tmp_path, {"shili-wanzheng/2031.yaml": IN_YUAN,
                                            f"{DEPARTMENT}/2031.yaml": TABLES_ONLY_BUDGET}), tmp_path / "site")
    rows = list(csv.DictReader(io.StringIO((site.out / "all-figures.csv").read_text(encoding="utf-8-sig"))))
    income = [(r["金额"], r["单位"], r["金额（万元）"], r["层级"]) for r in rows if r["部门代码"] == "shili-wanzheng"]
    assert income == [("2032960", "元", "203.296", "合计")]
    general = [(r["科目编码"], r["层级"], r["金额（万元）"]) for r in rows
               if r["部门代码"] == DEPARTMENT and r["表"].endswith("一般公共预算支出表") and r["列"] == "合计"]
    assert general == [("201", "类", "204.65"), ("20103", "款", "204.65"), ("208", "类", "15.43"), ("", "合计", "220.08")]


def test_a_final_account_alone_compares_with_the_budget_its_own_table_states(tmp_path):
    final = TABLES_ONLY_FINAL.replace("columns: [本年支出/合计, 本年支出/基本支出, 本年支出/项目支出]",
                                      "columns: [年初预算数, 本年支出/合计, 本年支出/基本支出, 本年支出/项目支出]") \
        .replace('amounts: ["200.00", "170.00", "30.00"]', 'amounts: ["204.65", "200.00", "170.00", "30.00"]') \
        .replace('amounts: ["10.00", "10.00", ""]', 'amounts: ["15.43", "10.00", "10.00", ""]') \
        .replace('amounts: ["210.00", "180.00", "30.00"]', 'amounts: ["220.08", "210.00", "180.00", "30.00"]')
    site = build_or_fail(project(tmp_path, {f"{DEPARTMENT}/2031-final.yaml": final}), tmp_path / "site")
    page = site.article(f"{DEPARTMENT}/2031/budget-vs-actual/")
    function = rows(page.select_one("#by-function-caption").parent)
    assert function["一般公共服务支出"] == ["204.65 † （取自决算所列预算数）", "200.00", "-4.65 （-2.27%）", "97.73%"]
    assert "本站没有该年度的部门预算" in words(page)


def workbook(path: Path, sheets: dict[str, list[list]], merged: dict[str, list[str]]) -> Path:
    """An .xlsx laid out as the standard templates are (merged title, unit line, header rows)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in merged.get(name, []):
            sheet.merge_cells(cells)
    book.save(path)
    return path


BUDGET_BOOK = {  # fictional figures, the templates' layout
    "表1": [["示例县虚构表格局2031年部门收支总表", "", "", ""], ["单位：万元", "", "", ""],
            ["收    入", "", "支    出", ""], ["项    目", "预算数", "项    目", "预算数"],
            ["一、一般公共预算拨款收入", 220.08, "一、一般公共服务支出", 204.65],
            ["", "", "二、社会保障和就业支出", 15.43], ["收入总计", 220.08, "支出总计", 220.08]],
    "表3": [["示例县虚构表格局2031年一般公共预算支出表", "", "", "", "", ""], ["单位：万元", "", "", "", "", ""],
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出", ""],
            ["201", "一般公共服务支出", 204.65, 171.55, 33.1], ["208", "社会保障和就业支出", 15.43, 15.43, "-"],
            ["合计", "", 220.08, 186.98, 33.1]],
    "表7": [["示例县虚构表格局2031年一般公共预算“三公”经费支出表"], ["单位：万元"],
            ["合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费"], [3, 0, 1, 2]],
}
FINAL_BOOK = {
    "表1": [["示例县虚构表格局2031年收入支出决算总表", "", "", ""], ["单位：万元", "", "", ""],
            ["收    入", "", "支    出", ""], ["项    目", "金额", "项    目", "金额"],
            ["本年收入合计", 215, "本年支出合计", 210], ["年初结转和结余", 5, "年末结转和结余", 10],
            ["总计", 220, "总计", 220]],
    "表5": [["示例县虚构表格局2031年一般公共预算财政拨款支出决算表", "", "", "", ""], ["单位：万元", "", "", "", ""],
            ["科目编码", "科目名称", "本年支出", "", ""], ["", "", "合计", "基本支出", "项目支出"],
            ["201", "一般公共服务支出", 200, 170, 30], ["208", "社会保障和就业支出", 10, 10, "-"],
            ["合计", "", 210, 180, 30]],
}


def test_standard_workbooks_imported_as_a_budget_and_a_final_account_publish_without_a_hand_edit(tmp_path):
    (tmp_path / "empty").mkdir()
    root = make_project(tmp_path / "project", tmp_path / "empty")
    merged = {"表1": ["A1:D1", "A2:D2", "A3:B3", "C3:D3"], "表5": ["C3:E3", "A3:A4", "B3:B4"]}
    for kind, book in (("预算", BUDGET_BOOK), ("决算", FINAL_BOOK)):
        path = workbook(tmp_path / f"{kind}.xlsx", book, merged)
        assert main(["--root", str(root), "import", str(path), "--department", DEPARTMENT, "--year", "2031",
                     "--name", "示例县虚构表格局", "--kind", kind]) == 0
    site = build_or_fail(root, tmp_path / "site")  # no edit: the drafts as imported
    overview = site.article(f"{DEPARTMENT}/2031/")
    assert words(overview.select_one(".ob-glance__total")) == "220.08 万元"
    assert words(overview.select_one(".ob-glance__source")) == \
        "据《示例县虚构表格局2031年部门收支总表》“收入总计”行“预算数”列"
    function = rows(site.article(f"{DEPARTMENT}/2031/budget-vs-actual/").select_one("#by-function-caption").parent)
    assert function == {"一般公共服务支出": ["204.65", "200", "-4.65 （-2.27%）", "97.73%"],
                        "社会保障和就业支出": ["15.43", "10", "-5.43 （-35.19%）", "64.81%"]}


def test_two_lines_sharing_a_code_under_other_names_stay_two_rows_and_the_page_says_why(tmp_path):
    final = TABLES_ONLY_FINAL.replace("{code: \"208\", name: 社会保障和就业支出", "{code: \"208\", name: 社会保障支出（虚构的误印名称）")
    site = build_or_fail(project(tmp_path, {f"{DEPARTMENT}/2031.yaml": TABLES_ONLY_BUDGET,
                                            f"{DEPARTMENT}/2031-final.yaml": final}), tmp_path / "site")
    page = site.article(f"{DEPARTMENT}/2031/budget-vs-actual/")
    function = rows(page.select_one("#by-function-caption").parent)
    assert function["社会保障支出（虚构的误印名称）"] == ["未公开", "10.00", "—", "—"]
    assert function["社会保障和就业支出"] == ["15.43", "未公开", "—", "—"]
    notes = [words(p) for p in page.select(".ob-apart")]
    assert "社会保障和就业支出：与“社会保障支出（虚构的误印名称）”科目编码同为 208，名称不同，分列两行，未合并计算。" in notes
