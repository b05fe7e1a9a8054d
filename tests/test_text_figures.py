"""A figure typed differently from the published text stops the build, naming both places."""

from __future__ import annotations

import pytest

from conftest import SEED_YAML, build_or_fail, mkdocs_build
from openbudget.sources.loading import load_department_year
from test_figures import BASE, seed_copy
from test_loading import FILE

from test_rules import ACKNOWLEDGE as AFTERWARDS


def seed_with(*changes: tuple[str, str]) -> str:
    text = SEED_YAML.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def line_starting(text: str, start: str) -> int:
    [number] = [i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start)]
    return number


def failed_build(tmp_path, text: str) -> str:
    result = mkdocs_build(seed_copy(tmp_path, text), tmp_path / "out")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()
    return result.stderr


def test_operating_costs_typed_differently_from_its_text_stops_the_build(tmp_path):
    text = seed_with(("    amount: 51.35 ", "    amount: 51.53 "))
    stderr = failed_build(tmp_path, text)
    typed, printed = line_starting(text, "    amount: 51.53"), line_starting(text, "      - 2021年日常公用经费支出51.35万元")
    assert (f"{FILE}:{typed}:13 operating_costs.amount（机关运行经费）：[operating-costs-amount-differs-from-text] 机关运行经费 51.53 万元 在本栏目原文中找不到"
            f"（原文中的金额：{FILE}:{printed} “2021年日常公用经费支出51.35万元”）"
            + AFTERWARDS.format("operating-costs-amount-differs-from-text")) in stderr


def test_a_sentence_figure_changed_in_the_text_stops_the_build(tmp_path):
    text = seed_with(("公务接待费0.3万元，公务用车", "公务接待费0.4万元，公务用车"))
    stderr = failed_build(tmp_path, text)
    typed, printed = line_starting(text, "    reception: 0.3"), line_starting(text, "      - 2021年“三公”经费")
    assert (f"{FILE}:{typed}:16 three_public.reception（公务接待费）：[three-public-reception-differs-from-text] 公务接待费 0.3 万元 与原文不一致："
            f"{FILE}:{printed} “公务接待费0.4万元”" + AFTERWARDS.format("three-public-reception-differs-from-text")) in stderr


def test_an_amount_typed_differently_names_its_field_and_the_sentence(tmp_path):
    text = seed_with(("        amount: 197.04", "        amount: 197.05"))
    stderr = failed_build(tmp_path, text)
    typed, printed = line_starting(text, "        amount: 197.05"), line_starting(text, "      - 2021年我单位收入预算总额")
    assert (f"{FILE}:{typed}:17 budget.by_economic[0].amount（金额）：[budget-by-economic-0-amount-differs-from-text] 工资福利支出 197.05 万元 与原文不一致："
            f"{FILE}:{printed} “工资福利支出197.04万元”" + AFTERWARDS.format("budget-by-economic-0-amount-differs-from-text")
            ) in stderr
    assert "收入预算总额 254.12 万元 不等于“其中”各项合计 254.13 万元" in stderr  # and the sum rule, as before


def test_a_functional_line_is_checked_against_its_own_text(tmp_path):
    # 15.43 moved to 13.08's line text: each amount is still printed somewhere in the section
    text = seed_with(("卫生健康支出13.08万元", "卫生健康支出15.43万元"), ("社会保障和就业支出15.43万元", "社会保障和就业支出13.08万元"))
    stderr = failed_build(tmp_path, text)
    assert ("expenditure.by_function[1].amount（金额）：[expenditure-by-function-1-amount-differs-from-text] "
            "社会保障和就业支出 15.43 万元 与原文不一致：") in stderr
    assert ("expenditure.by_function[2].amount（金额）：[expenditure-by-function-2-amount-differs-from-text] "
            "卫生健康支出 13.08 万元 与原文不一致：") in stderr


def test_an_acknowledged_disagreement_is_published_as_a_data_note(tmp_path):
    explanation = "原文表格中机关运行经费为51.53万元，与说明文字不一致（测试用说明）。"
    text = seed_with(("    amount: 51.35 ", "    amount: 51.53 ")) + (
        f"  - finding: operating-costs-amount-differs-from-text\n    as_published: true\n    explanation: {explanation}\n")
    site = build_or_fail(seed_copy(tmp_path, text), tmp_path / "out")
    notes = site.article(BASE + "operating-costs").select(".ob-finding")
    assert [n["id"] for n in notes] == ["note-operating-costs-exceed-public-expenses",
                                        "note-operating-costs-amount-differs-from-text"]
    assert notes[1].select_one(".ob-explanation").get_text() == "说明：" + explanation
    cells = [td.get_text() for td in site.article(BASE + "operating-costs").select("#operating-costs td.ob-num")]
    assert cells == ["51.53"]


@pytest.mark.parametrize("changes", [
    pytest.param([("资产总额158406.46元", "资产总额158,406.46元")], id="thousands-separated-text"),
    pytest.param([("    amount: 51.35 ", "    amount: 44.4572 "), ("支出51.35万元", "支出44.4572万元")], id="four-decimals"),
    pytest.param([("    project: 33.1 ", "    project: 33.10 ")], id="trailing-zero"),
    pytest.param([("基本支出221.02万元", "基本支出2210200元")], id="same-sum-in-yuan"),
    pytest.param([("公务接待费0.3万元，公务用车", "公务接待费 0.3 万元，公务用车")], id="spaces"),
    pytest.param([("公务接待费0.3万元，公务用车", "公务接待费０．３万元，公务用车")], id="full-width-digits"),
    pytest.param([("公务用车购置及运行维护费0万元。", "公务用车购置及运行维护费0万元。“三公”经费比上年减少0.2万元，"
                   "基本支出较上年增加3万元。")], id="a-change-after-a-label"),
    pytest.param([("收入预算总额为254.12万元，", "收入预算总额为254.12万元，收入预算总额中上年结转14万元，")],
                 id="a-part-after-a-label"),
])
def test_the_same_amount_printed_in_another_form_is_accepted(tmp_path, changes):
    path = tmp_path / "data" / "miyi-xinfang" / "2021.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(seed_with(*changes), encoding="utf-8")
    record, problems = load_department_year(path, tmp_path)
    assert [str(p) for p in problems] == []
    assert sorted(f.id for f in record.findings) == ["compared-with-2019", "operating-costs-exceed-public-expenses"]


def test_an_amount_typed_in_the_wrong_unit_is_refused(tmp_path):
    path = tmp_path / "data" / "miyi-xinfang" / "2021.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(seed_with(("    heading: 七、机关运行经费安排情况说明\n    unit: 万元",
                               "    heading: 七、机关运行经费安排情况说明\n    unit: 元")), encoding="utf-8")
    _, problems = load_department_year(path, tmp_path)
    assert any(p.path == "operating_costs.amount（机关运行经费）" and p.message.startswith(
        "[operating-costs-amount-differs-from-text] 机关运行经费 51.35 元 在本栏目原文中找不到（原文中的金额：")
        for p in problems), problems
