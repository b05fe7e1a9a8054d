"""Bad input stops with file:line:column, the field and a Chinese message; never a traceback."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, SEED_YAML
from openbudget.sources.loading import load_department_year
from openbudget.vocabulary.problems import DataError
from openbudget.sources.site import load_site

FILE = "data/miyi-xinfang/2021.yaml"


def broken_copy(root: Path, old: str, new: str, name: str = "2021.yaml") -> tuple[Path, int, int]:
    """The seed file with one exact piece of text replaced; returns path, line, column of it."""
    text = SEED_YAML.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in the seed"
    at = text.index(old)
    text = text.replace(old, new)
    path = root / "data" / "miyi-xinfang" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    line = text[:at].count("\n") + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return path, line, column


def problems_of(path: Path, root: Path) -> list[str]:
    record, problems = load_department_year(path, root)
    assert record is None, "broken data must not load"
    return [str(p) for p in problems]


def test_seed_loads_with_amounts_as_decimal_and_codes_as_text():
    record, problems = load_department_year(SEED_YAML, SEED_YAML.parents[2])
    assert problems == []
    assert record.data.budget.income_total == Decimal("254.12")
    assert isinstance(record.data.expenditure.project, Decimal)
    assert str(record.data.expenditure.project) == "33.1"
    assert record.data.expenditure.by_function[0].code == "201"
    assert record.data.assets.unit == "元"


def test_amount_written_in_words_names_file_line_column_and_field(tmp_path):
    path, line, col = broken_copy(tmp_path, "amount: 15.43", "amount: 十三")
    assert problems_of(path, tmp_path) == [
        f'{FILE}:{line}:{col + 8} expenditure.by_function[1].amount（金额）：应为金额，实际为 "十三"']


def test_yaml_syntax_error_is_reported_at_its_line(tmp_path):
    path, line, _ = broken_copy(tmp_path, "    unit: 万元\n    paragraphs:\n      - 2021年我单位收入",
                                "    unit: 万元\n    paragraphs: [\n      - 2021年我单位收入")
    [message] = problems_of(path, tmp_path)
    assert message.startswith(f"{FILE}:")
    assert "YAML 格式错误" in message
    reported_line = int(message.split(":")[1])
    assert line <= reported_line <= line + 4


def test_tab_indentation_is_explained(tmp_path):
    path, line, col = broken_copy(tmp_path, "\n    unit: 元\n", "\n\tunit: 元\n")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line + 1}:1 YAML 格式错误：不能用制表符（Tab）缩进，请改用空格"]


def test_duplicate_key_is_an_error_naming_the_first_occurrence(tmp_path):
    path, line, col = broken_copy(tmp_path, "    income_total: 254.12",
                                  "    income_total: 254.12\n    income_total: 999")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line + 1}:5 budget.income_total：字段“income_total”重复出现（第一次在第 {line} 行）；"
        "同一层级每个字段只能写一次"]


def test_misspelt_key_is_an_error_not_silently_dropped(tmp_path):
    path, line, col = broken_copy(tmp_path, "    current: 25260.25", "    curent: 25260.25")
    found = problems_of(path, tmp_path)
    assert f"{FILE}:{line}:5 assets.curent：未知字段“curent”（可能拼写有误）；此处可用的字段：" \
           "heading、paragraphs、items、subsections、counts、sections、kind、unit、total、current、non_current" in found
    # and the field it should have been is then reported missing
    assert any("assets.current（流动资产）：缺少必填字段" in p for p in found)


def test_text_where_a_list_is_expected_is_a_type_error(tmp_path):
    path, line, col = broken_copy(tmp_path, "  preamble:\n    - ", "  preamble: 一段话\n  x:\n    - ")
    found = problems_of(path, tmp_path)
    assert f"{FILE}:{line}:13 document.preamble（导语（按原文））：应为列表（每一项另起一行，以“- ”开头）" in found


def test_year_written_as_words_is_a_type_error(tmp_path):
    path, line, col = broken_copy(tmp_path, "year: 2021 ", "year: 二〇二一 ")
    assert problems_of(path, tmp_path) == [f"{FILE}:{line}:7 year（年度）：应为 1990 至 2100 之间的四位数字年度，如 2021"]


def test_negative_amount_is_refused(tmp_path):
    path, line, col = broken_copy(tmp_path, "reception: 0.3 ", "reception: -0.3 ")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line}:{col + 11} three_public.reception（公务接待费）：金额不能为负数，实际为 -0.3"]


def test_amount_finer_than_one_fen_is_refused(tmp_path):
    path, line, col = broken_copy(tmp_path, "total: 158406.46 ", "total: 158406.461 ")
    found = problems_of(path, tmp_path)
    assert f"{FILE}:{line}:{col + 7} assets.total（资产总额）：金额 158406.461 精确到了分以下：" \
           "以“元”为单位最多保留 2 位小数" in found


def test_a_row_in_yuan_inside_a_wanyuan_list_is_refused_below_one_fen_of_its_own_unit(tmp_path):
    """0.004 元 is less than a 分, though 0.004 万元 would be 40 元: the row's own unit counts."""
    path, _, _ = broken_copy(tmp_path, "    income_total: 254.12     # 收入预算总额\n",
                             "    income_total: 254.12     # 收入预算总额\n    by_source_incomplete: true\n"
                             "    by_source:\n      - {name: 其他收入, amount: \"0.004\", unit: 元}\n")
    lines = path.read_text(encoding="utf-8").splitlines()
    [line] = [i + 1 for i, text in enumerate(lines) if '"0.004"' in text]
    col = lines[line - 1].index('"0.004"') + 1
    assert f"{FILE}:{line}:{col} budget.by_source[0].amount（金额）：金额 0.004 精确到了分以下：" \
           "以“元”为单位最多保留 2 位小数" in problems_of(path, tmp_path)


def test_four_decimals_in_wanyuan_are_legitimate(tmp_path):
    # 44.4572 万元 is to the yuan; real counties publish this precision.
    text = SEED_YAML.read_text(encoding="utf-8")
    text = text.replace("amount: 51.35 ", "amount: 44.4572 ").replace("支出51.35万元", "支出44.4572万元")  # typed and printed alike
    path = tmp_path / "data" / "miyi-xinfang" / "2021.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    record, problems = load_department_year(path, tmp_path)
    assert problems == []
    assert str(record.data.operating_costs.amount) == "44.4572"


def test_year_that_does_not_match_the_file_name_is_refused(tmp_path):
    path, line, col = broken_copy(tmp_path, "year: 2021 ", "year: 2022 ")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line}:7 year（年度）：文件名是 2021.yaml，但 year 写的是 2022：年度必须与文件名一致"]


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "data" / "x" / "2021.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("# 只有注释\n", encoding="utf-8")
    assert problems_of(path, tmp_path) == ["data/x/2021.yaml:1:1 文件为空：请按说明填写部门预算数据"]


def test_missing_required_field_is_named(tmp_path):
    path, line, col = broken_copy(tmp_path, "    current: 25260.25        # 流动资产\n", "")
    assets_line = path.read_text(encoding="utf-8").splitlines().index(
        "  - kind: assets                    # 十一、国有资产占用（原文单位为元）") + 1
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{assets_line}:5 assets.current（流动资产）：缺少必填字段，请补上"]


def test_functional_code_must_be_digits(tmp_path):
    path, line, col = broken_copy(tmp_path, 'code: "210"', 'code: "21O"')
    assert problems_of(path, tmp_path) == [
        f'{FILE}:{line}:{col + 6} expenditure.by_function[2].code（功能分类科目编码）：'
        '应为 3、5 或 7 位半角数字的科目编码，如 201、20101']


def test_markup_in_a_name_is_refused(tmp_path):
    path, line, col = broken_copy(tmp_path, "department: 米易县信访局 ", "department: <b>米易县</b> ")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line}:13 department（部门名称）：名称中不能含有 < > & {{ }} [ ] ` 或控制字符"]


def test_every_problem_in_every_file_is_reported_together(tmp_path):
    broken_copy(tmp_path, "year: 2021 ", "year: 2022 ")
    broken_copy(tmp_path, "amount: 15.43", "amount: 十三", name="2020.yaml")
    with pytest.raises(DataError) as error:
        load_site(tmp_path / "data", tmp_path)
    assert [(p.file, p.path) for p in error.value.problems] == [
        ("data/miyi-xinfang/2020.yaml", "expenditure.by_function[1].amount（金额）"),
        ("data/miyi-xinfang/2021.yaml", "year（年度）")]


def test_department_folder_name_must_be_usable_in_a_url(tmp_path):
    path = tmp_path / "data" / "米易信访" / "2021.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SEED_YAML.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError, match="部门文件夹名“米易信访”只能用小写英文字母"):
        load_site(tmp_path / "data", tmp_path)


def test_standard_glossary_loads_with_every_standard_term():
    from conftest import ROOT
    from openbudget.sources.glossary import STANDARD_FILE
    from openbudget.sources.loading import load_glossary

    glossary, _ = load_glossary(STANDARD_FILE, ROOT)
    assert len(glossary.terms) == 10
    assert glossary.terms[-1].term == "政府采购"
    assert glossary.terms[-1].source == "本站据《中华人民共和国政府采购法》第二条整理"


def test_broken_glossary_entry_stops_with_its_line(tmp_path):
    from openbudget.sources.loading import load_glossary

    path = tmp_path / "data" / "glossary.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("terms:\n  - term: 三率\n    definiton: 及时受理率\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_glossary(path, tmp_path)
    assert [str(p) for p in error.value.problems][0].startswith(
        "data/glossary.yaml:2:5 terms[0].definition（解释（按原文））：缺少必填字段")


def test_every_yaml_file_reads_the_same_with_libyaml_as_with_pyyamls_own_parser(monkeypatch):
    """Files are read with libyaml (ten times faster on a 300-row table); every value, key and
    position must be what PyYAML's own parser, which gives the error messages, makes of it."""
    from openbudget.document import yamlsource

    assert yamlsource.FAST is not None  # PyYAML built with libyaml, as its wheels are
    files = [*ROOT.glob("data/**/*.yaml"), *ROOT.glob("tests/fixtures/**/*.yaml"),
             *ROOT.glob("hooks/openbudget/data/*.yaml")]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = yamlsource.read(text, path.name)
        monkeypatch.setattr(yamlsource, "FAST", None)
        slow = yamlsource.read(text, path.name)
        monkeypatch.undo()
        assert (fast.data, fast.values, fast.keys, fast.empty, fast.problems) == \
            (slow.data, slow.values, slow.keys, slow.empty, slow.problems), path
