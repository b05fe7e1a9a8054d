"""Every message an editor sees is Chinese and says what to type instead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from openbudget.sources.loading import load_department_year
from openbudget.document.messages import describe
from openbudget.document.model import DepartmentYear
from test_schema_agreement import variant

FILE = "data/example-test/2030.yaml"


def messages(tmp_path: Path, old: str, new: str) -> list[str]:
    path = tmp_path / "data" / "example-test" / "2030.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(variant(old, new), encoding="utf-8")
    record, problems = load_department_year(path, tmp_path)
    assert record is None, "the mistake must stop the build"
    return [str(p) for p in problems]


@pytest.mark.parametrize(("old", "new", "expected"), [
    # a ": " inside text
    ("heading: 机构设置", "heading: 机构: 设置",
     f"{FILE}:44:16 YAML 格式错误：文字中含有英文冒号加空格（“: ”）：请给整段文字加上英文双引号"
     "（文字中原有的双引号改为中文引号“”），或把“: ”改为中文冒号“：”；若这是一个字段，请检查它的缩进"),
    # a missing closing quote
    ("heading: 机构设置", 'heading: "机构设置',
     f"{FILE}:47:1 YAML 格式错误：引号没有配对，第 44 行的文字以英文引号开头，却没有结束的引号；"
     "请在这段文字末尾补上同样的英文引号，文字中间的引号改为中文引号“”"),
    # a full-width colon after a key
    ("    unit: 万元\n    paragraphs:\n      - 2030年机关", "    unit：万元\n    paragraphs:\n      - 2030年机关",
     f"{FILE}:40:5 YAML 格式错误：字段名后面用了中文冒号“：”，请改为英文冒号加空格（“: ”），如 unit: 万元"),
    # text starting with a character YAML reserves
    ("heading: 机构设置", "heading: @机构设置",
     f"{FILE}:44:14 YAML 格式错误：文字不能以“@”开头：请给整段文字加上英文双引号（文字中原有的双引号改为中文引号“”）"),
    # full-width digits
    ("income_total: 120.5", "income_total: １２０．５",
     f"{FILE}:14:19 budget.income_total（收入预算总额）：金额含有全角字符“１”（U+FF11）：请在英文（半角）"
     "输入状态下输入数字、小数点和逗号，即“120.5”"),
    # a full-width comma
    ("income_total: 120.5", "income_total: 1，205",
     f"{FILE}:14:19 budget.income_total（收入预算总额）：金额含有全角字符“，”（U+FF0C）：请在英文（半角）"
     "输入状态下输入数字、小数点和逗号，即“1,205”"),
    # a unit that is neither: the values as an editor types them, not Python's "'元' or '万元'"
    ("unit: 万元\n    paragraphs:\n      - 2030年机关", "unit: 美元\n    paragraphs:\n      - 2030年机关",
     f"{FILE}:39:11 operating_costs.unit（金额单位）：应为以下之一：元、万元"),
    # an amount written as a list: no Python repr
    ("income_total: 120.5", "income_total: [120.5]",
     f"{FILE}:14:5 budget.income_total（收入预算总额）：应为金额（一个数字，如 254.12），这里写成了列表"),
    ("year: 2030", "year: 2030.0", f"{FILE}:3:7 year（年度）：应为 1990 至 2100 之间的四位数字年度，如 2021"),
    ('code: "201"', 'code: "2010"',
     f"{FILE}:24:15 expenditure.by_function[0].code（功能分类科目编码）：应为 3、5 或 7 位半角数字的科目编码，如 201、20101"),
])
def test_editor_is_told_in_chinese_what_to_type(tmp_path, old, new, expected):
    assert messages(tmp_path, old, new) == [expected]


# English words pydantic or PyYAML would have written, Python reprs, "None"
LEAK = re.compile(r"None|'|\b(?!unit\b|validate\b|true\b|false\b|org-structure\b)[A-Za-z]{4,}\b")


@pytest.mark.parametrize(("old", "new"), [
    ("unit: 万元\n    paragraphs:\n      - 2030年机关", "unit: [元]\n    paragraphs:\n      - 2030年机关"),
    ("income_total: 120.5", "income_total:\n      value: 120.5"),
    ("heading: 机构设置", "heading: [机构, 设置]"),
    ("year: 2030", "year: [2030]"),
    ("    vehicles:\n      total: 0", "    vehicles: [0]"),
    ("  preamble:\n    - 现将我单位2030年部门预算编制情况说明如下。", "  preamble: 现将"),
    ("heading: 机构设置", 'heading: "机构"设置'),
    ("heading: 机构设置", "heading: [2030]机构设置"),
    ("heading: 机构设置", "heading: {机构设置"),
    ("heading: 机构设置", "heading: | 机构设置"),
    ("heading: 机构设置", 'heading: "C:\\机构"'),
    ("    income_total: 120.5", "      income_total: 120.5"),
    ("    income_total: 120.5", "   income_total: 120.5"),
])
def test_no_english_python_or_none_reaches_the_editor(tmp_path, old, new):
    found = messages(tmp_path, old, new)
    assert found and all(m.startswith(FILE) for m in found)
    assert [m for m in found if LEAK.search(m.split(" ", 1)[1].split("：", 1)[-1])] == []


def test_an_error_pydantic_has_no_chinese_message_for_is_still_chinese():
    error = {"type": "url_parsing", "loc": ("document", "source"), "msg": "Input should be a valid URL",
             "ctx": {"error": "relative URL without a base"}}
    assert describe(DepartmentYear, error) == "格式不对，请对照文件中的说明和编辑器的提示修改"


def test_a_missing_context_value_never_shows_as_none():
    error = {"type": "string_too_long", "loc": ("department",), "msg": "String should have at most 200 characters",
             "ctx": {}}
    assert describe(DepartmentYear, error) == "太长（最多 … 个字）"
