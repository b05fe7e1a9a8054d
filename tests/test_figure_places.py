"""A figure is recorded in the section where the document states it (figures.yaml: `also`).

基本支出 and 项目支出 stated in a 收支 section (a 决算 excerpt with no 支出 section), 经济分类
lines listed in a 支出 section (an excerpt with no 收支 section): each is published on the page
of the section that states it, read from there wherever the site needs it, and compared when
two sections state it.

All departments, names and figures here are fictional (synthetic test data).
"""

from __future__ import annotations

from conftest import build_or_fail
from openbudget.commands.cli import main
from test_what_is_stated import project, rows

# 基本支出/项目支出 only in the 收支 section of a 决算 excerpt (no 支出 section)
PARTS_IN_BUDGET = """\
# 测试用虚构数据（synthetic）：收支栏目中写出基本支出、项目支出的决算节选
department: 示例县虚构收支局
year: 2031
document:
  phase: 决算
  title: 示例县虚构收支局2031年部门决算说明
  excerpt: true
sections:
  - kind: budget
    heading: 一、收入支出决算总体情况说明
    unit: 万元
    paragraphs:
      - 2031年度支出总计687.80万元，其中：基本支出504.35万元，项目支出183.45万元。
    expenditure_total: 687.80
    basic: 504.35
    project: 183.45
"""

# 经济分类 lines only in the 支出 section of a 预算 excerpt (no 收支 section)
ECONOMIC_IN_EXPENDITURE = """\
# 测试用虚构数据（synthetic）：支出栏目中列出经济分类的预算节选
department: 示例县虚构支出局
year: 2031
document:
  title: 示例县虚构支出局2031年部门预算说明
  excerpt: true
sections:
  - kind: expenditure
    heading: 五、一般公共预算支出情况说明
    unit: 元
    paragraphs:
      - 基本支出预算 2476260.58 元。其中：
      - 工资福利支出预算 2016908.34 元，占基本支出预算81.45%。
      - 商品和服务支出预算 445372.24 元，占基本支出预算17.99%。
      - 对个人和家庭补助支出预算 13980 元，占基本支出预算0.56%。
    basic: 2476260.58
    by_economic:
      - {name: 工资福利支出, amount: 2016908.34, percent: 81.45}
      - {name: 商品和服务支出, amount: 445372.24, percent: 17.99}
      - {name: 对个人和家庭补助支出, amount: 13980, percent: 0.56}
"""


def test_basic_and_project_spending_stated_in_the_income_and_spending_section_are_shown_there_and_lead_the_overview(tmp_path):
    site = build_or_fail(project(tmp_path, {"shili-shouzhi/2031-final.yaml": PARTS_IN_BUDGET}), tmp_path / "site")
    budget = site.article("shili-shouzhi/2031/final/budget/")
    parts = rows(budget.select_one("#basic-project table"))
    assert parts["基本支出"][0] == "504.35"
    assert parts["项目支出"][0] == "183.45"
    assert parts["合计"][0] == "687.80"
    headline = rows(site.article("shili-shouzhi/2031/final/").select_one("#headline ~ .ob-table table"))
    assert headline["基本支出"][0].startswith("504.35 万元")
    assert headline["项目支出"][0].startswith("183.45 万元")


def test_economic_lines_listed_in_the_spending_section_are_shown_there_with_their_published_shares(tmp_path):
    site = build_or_fail(project(tmp_path, {"shili-zhichu/2031.yaml": ECONOMIC_IN_EXPENDITURE}), tmp_path / "site")
    page = site.article("shili-zhichu/2031/expenditure/")
    lines = rows(page.select_one("#by-economic table"))
    assert [(name, cells[:2]) for name, cells in lines.items()] == [
        ("工资福利支出", ["2,016,908.34", "81.45%"]), ("商品和服务支出", ["445,372.24", "17.99%"]),
        ("对个人和家庭补助支出", ["13,980", "0.56%"]), ("合计", ["原文未列明", ""])]


def test_basic_spending_stated_differently_in_two_sections_is_a_finding_to_confirm(tmp_path, capsys):
    both = PARTS_IN_BUDGET.replace("""    project: 183.45
""", """    project: 183.45
  - kind: expenditure
    heading: 二、支出决算情况说明
    unit: 万元
    paragraphs: [基本支出540.35万元，项目支出183.45万元。]
    basic: 540.35
    project: 183.45
""")
    root = project(tmp_path, {"shili-shouzhi/2031-final.yaml": both})
    assert main(["--root", str(root), "validate", str(root / "data" / "shili-shouzhi" / "2031-final.yaml")]) == 1
    out = capsys.readouterr().out
    assert "[basic-differs-between-sections] 基本支出 540.35 万元" in out, out
    assert "project-differs-between-sections" not in out  # the same 项目支出 in both: nothing to say


def test_basic_spending_stated_in_the_income_and_spending_section_is_checked_against_the_spending_table(tmp_path, capsys):
    budget = """\
    # 测试用虚构数据（synthetic）：收支栏目中写出基本支出、项目支出，另有一般公共预算支出表
    department: 示例县虚构收支局
    year: 2031
    document:
      excerpt: true
    sections:
      - kind: budget
        heading: 一、收支预算总体情况
        unit: 万元
        paragraphs: [2031年支出预算220.08万元，其中：基本支出168.98万元，项目支出33.10万元。]
        expenditure_total: 220.08
        basic: 168.98
        project: 33.10
    tables:
      - title: 示例县虚构收支局2031年一般公共预算支出表
        unit: 万元
        columns: [合计, 基本支出, 项目支出]
        rows:
          - {code: "201", name: 一般公共服务支出, amounts: ["220.08", "186.98", "33.10"]}
          - {name: 合计, amounts: ["220.08", "186.98", "33.10"]}
    """
    root = project(tmp_path, {"shili-shouzhi/2031.yaml": budget})
    assert main(["--root", str(root), "validate", str(root / "data" / "shili-shouzhi" / "2031.yaml")]) == 1
    out = capsys.readouterr().out
    assert "[expenditure-table-differs-from-text]" in out, out
    assert "基本支出在表中为 186.98 万元，在支出预算说明中为 168.98 万元" in out, out


TRANSPOSED = """\
    # 测试用虚构数据（synthetic）：“三公”经费表按行列出各项（一列预算数）
    department: 示例县虚构审计局
    year: 2031
    document:
      excerpt: true
    sections:
      - kind: three_public
        heading: 二、“三公”经费支出预算情况说明
        unit: 万元
        paragraphs: [2031年度“三公”经费支出预算为3.1万元。其中：公务接待费支出预算为3.1万元。]
        total: 3.1
        reception: 3.1
    tables:
      - title: 一、2031年“三公”经费支出预算表
        unit: 万元
        columns: [预算数]
        rows:
          - {name: 合计, amounts: ["3.1"]}
          - {name: 因公出国(境)费, amounts: ["0"]}
          - {name: 公务接待费, amounts: [""]}
    """


def test_a_three_public_table_printed_transposed_states_its_overseas_zero_with_its_source(tmp_path):
    from openbudget.sources.site import load_department_file
    root = project(tmp_path, {"shili-shenji/2031.yaml": TRANSPOSED})
    record, problems = load_department_file(root / "data" / "shili-shenji" / "2031.yaml", root)
    assert problems == []
    overseas = record.resolved.get("overseas")
    assert (str(overseas.amount), overseas.unit) == ("0", "万元")
    assert overseas.source.said == "据《一、2031年“三公”经费支出预算表》“因公出国(境)费”行“预算数”列"


def test_the_three_public_page_shows_a_part_only_its_table_states_with_that_tables_cell_named(tmp_path):
    """The explanation states the total and 公务接待费; the table adds 因公出国（境）费 0: the page shows it
    (not 原文未列明) and says which cell it comes from; 公务用车 stated nowhere stays 原文未列明."""
    import textwrap
    site = build_or_fail(project(tmp_path, {"shili-shenji/2031.yaml": textwrap.dedent(TRANSPOSED)}), tmp_path / "site")
    page = site.article("shili-shenji/2031/three-public/")
    table = page.select_one("#three-public")
    parts = rows(table.select_one("table"))
    assert parts["因公出国（境）经费"][0] == "0"
    assert parts["公务接待费"][0] == "3.1"
    assert "原文未列明" in parts["公务用车购置及运行维护费"][0]
    notes = [note.get_text(strip=True) for note in page.select("p.ob-note")]
    assert "因公出国（境）经费据《一、2031年“三公”经费支出预算表》“因公出国(境)费”行“预算数”列" in notes
