"""Each consistency rule stops a document whose totals contradict its parts."""

from __future__ import annotations

import pytest

from conftest import SEED_YAML
from openbudget.sources.loading import load_department_year
from test_loading import FILE, broken_copy, problems_of


#: What every unacknowledged finding tells the editor to do, after its statement.
ACKNOWLEDGE = ("。请按原文核对；若公开的原文本身如此，请在文件末尾的 data_notes 中写明“- finding: {0}”"
               "和“as_published: true”（原文如此），网站将以“数据说明”注明")


def line_of(path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    [number] = [i + 1 for i, line in enumerate(lines) if line.startswith(text)]
    return number


def test_the_seed_satisfies_every_rule():
    record, problems = load_department_year(SEED_YAML, SEED_YAML.parents[2])
    assert problems == [] and record is not None


@pytest.mark.parametrize(("old", "new", "key_line", "expected"), [
    pytest.param("        amount: 18.25", "        amount: 18.26", "    income_total:",
                 "budget.income_total（收入预算总额）：[income-total-differs-from-economic-parts] 收入预算总额 254.12 万元 不等于“其中”各项合计 254.13 万元（相差 0.01 万元）" + ACKNOWLEDGE.format("income-total-differs-from-economic-parts"),
                 id="income-total-differs-from-its-lines"),
    pytest.param("    project: 33.1 ", "    project: 33.2 ", "    basic:",
                 "expenditure.basic（基本支出）：[total-differs-from-basic-plus-project] 预算总额 254.12 万元 不等于基本支出与项目支出之和 254.22 万元（相差 0.10 万元）" + ACKNOWLEDGE.format("total-differs-from-basic-plus-project"),
                 id="total-differs-from-basic-plus-project"),
    pytest.param("amount: 20.96", "amount: 20.97", "    by_function:",
                 "expenditure.by_function（按支出功能分类）：[total-differs-from-functional-classes] 预算总额 254.12 万元 不等于各功能分类合计 254.13 万元（相差 0.01 万元）" + ACKNOWLEDGE.format("total-differs-from-functional-classes"),
                 id="total-differs-from-functional-lines"),
    pytest.param("    basic: 221.02 ", "    basic: 221.00 ", "    basic:",
                 "expenditure.basic（基本支出）：[basic-differs-from-economic-parts] 基本支出 221.00 万元 不等于工资福利、日常公用、对个人和家庭的补助之和 221.02 万元（相差 0.02 万元）" + ACKNOWLEDGE.format("basic-differs-from-economic-parts"),
                 id="basic-differs-from-its-three-classes"),
    pytest.param("    reception: 0.3 ", "    reception: 0.4 ", "    total: 0.3",
                 "three_public.total（“三公”经费合计）：[three-public-total-differs-from-parts] “三公”经费合计 0.3 万元 不等于因公出国（境）、公务接待、公务用车三项之和 0.4 万元（相差 0.1 万元）" + ACKNOWLEDGE.format("three-public-total-differs-from-parts"),
                 id="three-public-total-differs-from-its-parts"),
    pytest.param("      purchase: 0 ", "      purchase: 0.2 ", "      total: 0",
                 "three_public.vehicles.total（公务用车购置及运行维护费）：[vehicle-costs-differ-from-parts] 公务用车购置及运行维护费 0 万元 不等于购置费与运行维护费之和 0.2 万元（相差 0.2 万元）" + ACKNOWLEDGE.format("vehicle-costs-differ-from-parts"),
                 id="vehicle-costs-differ-from-purchase-plus-running"),
    pytest.param("    current: 25260.25 ", "    current: 25260.26 ", "    total: 158406.46",
                 "assets.total（资产总额）：[assets-total-differs-from-parts] 资产总额 158,406.46 元 不等于流动资产与非流动资产之和 158,406.47 元（相差 0.01 元）" + ACKNOWLEDGE.format("assets-total-differs-from-parts"),
                 id="assets-total-differs-from-current-plus-non-current"),
])
def test_unacknowledged_broken_total_stops_the_build_with_its_line_id_and_how_to_acknowledge(tmp_path, old, new, key_line, expected):
    path, _, _ = broken_copy(tmp_path, old, new)
    found = problems_of(path, tmp_path)
    line = line_of(path, key_line)
    assert any(p.startswith(f"{FILE}:{line}:") and p.endswith(expected) for p in found), found


def test_project_spending_must_agree_between_sections(tmp_path):
    path, _, _ = broken_copy(tmp_path, "        amount: 33.1\n", "        amount: 33.09\n")
    found = problems_of(path, tmp_path)
    assert any(p.endswith("expenditure.project（项目支出）：[project-differs-between-sections] 项目支出 33.1 万元 "
                          "不等于收支预算总体情况中的项目支出 33.09 万元（相差 0.01 万元）"
                          + ACKNOWLEDGE.format("project-differs-between-sections")) for p in found), found


def test_rules_compare_sections_published_in_different_units(tmp_path):
    text = SEED_YAML.read_text(encoding="utf-8")
    # the same expenditure figures, published in 元 instead of 万元, still add up
    text = text.replace("  - kind: expenditure               # 五、支出预算安排情况\n    heading: 五、支出预算安排情况\n    unit: 万元",
                        "  - kind: expenditure               # 五、支出预算安排情况\n    heading: 五、支出预算安排情况\n    unit: 元")
    for wan, yuan in (("221.02", "2210200"), ("33.1", "331000"), ("204.65", "2046500"),
                      ("15.43", "154300"), ("13.08", "130800"), ("20.96", "209600")):
        text = text.replace(f"    basic: {wan} ", f"    basic: {yuan} ").replace(f"    project: {wan} ", f"    project: {yuan} ")
        text = text.replace(f"        amount: {wan}\n        text:", f"        amount: {yuan}\n        text:")
    path = tmp_path / "data" / "miyi-xinfang" / "2021.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    record, problems = load_department_year(path, tmp_path)
    assert problems == []
    assert record.data.expenditure.unit == "元"


def test_two_sections_at_one_address_stop_the_build_naming_the_first(tmp_path):
    extra = ("  - heading: 十、部门预算单位构成\n    slug: units-list\n    paragraphs:\n      - 本部门预算仅包含本级预算。\n"
             "  - heading: 十一、机构设置\n    slug: units-list\n    paragraphs:\n      - 内设办公室、综合业务股。\n\n")
    path, _, _ = broken_copy(tmp_path, "\ndata_notes:", "\n" + extra + "data_notes:")
    first, second = (line_of(path, "  - heading: 十、部门预算单位构成") + offset for offset in (1, 5))
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{second}:11 sections[12].slug（网址名（可不填；小写英文、数字和连字符））：网址名“units-list”已被栏目"
        f"“十、部门预算单位构成”使用（{FILE}:{first}）：两个栏目不能用同一个网址，请换一个"]


def test_a_kind_of_section_written_twice_stops_the_build_naming_the_first(tmp_path):
    extra = "  - kind: assets\n    heading: 十、资产\n    unit: 元\n    total: 2\n    current: 1\n    non_current: 1\n\n"
    path, _, _ = broken_copy(tmp_path, "\ndata_notes:", "\n" + extra + "data_notes:")
    lines = path.read_text(encoding="utf-8").splitlines()
    first, second = lines.index("  - kind: assets                    # 十一、国有资产占用（原文单位为元）") + 1, \
        lines.index("  - kind: assets") + 1
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{second}:11 assets.kind（栏目类型）：栏目类型 assets（国有资产占用）已用于“十一、国有资产占用情况说明”"
        f"（{FILE}:{first}）：每种栏目只能有一个；原文另有同类内容时，请写成 kind: text 的一般栏目"]


def test_one_functional_code_twice_in_a_table_stops_the_build(tmp_path):
    path, line, col = broken_copy(tmp_path, '    - code: "210"', '    - code: "208"')
    first = line - 4  # the line above: code, name, amount, text
    assert problems_of(path, tmp_path) == [
        f'{FILE}:{line}:15 expenditure.by_function[2].code（功能分类科目编码）：科目编码 208 与第 2 项“社会保障和就业支出”'
        f'重复（{FILE}:{first}）：同一科目在表中只能列一次，请按原文核对编码']
