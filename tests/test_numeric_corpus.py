"""Every way an amount or a code can be mistyped: refused with the character named, or read
as exactly the published value — never as a different number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SEED_YAML
from test_loading import FILE, broken_copy, problems_of

from openbudget.sources.loading import load_department_year
from openbudget.vocabulary.money import parse_amount

# --- parse_amount: the one reader of every amount ---------------------------------

READ_AS = [
    ("197.04", Decimal("197.04")),
    ("33.1", Decimal("33.1")),
    ("0", Decimal("0")),
    ("0.3", Decimal("0.3")),
    ("2,476,260.58", Decimal("2476260.58")),
    ("158,406.46", Decimal("158406.46")),
    ("1,000", Decimal("1000")),
    (" 197.04", Decimal("197.04")),
    ("197.04 ", Decimal("197.04")),
    ("999999999999999.999999", Decimal("999999999999999.999999")),
]

REFUSED = [
    ("１９７．０４", "金额含有全角字符“１”（U+FF11）：请在英文（半角）输入状态下输入数字、小数点和逗号"),
    ("197．04", "金额含有全角字符“．”（U+FF0E）"),
    ("2，476.58", "金额含有全角字符“，”（U+FF0C）"),
    ("197.04万元", "金额只写数字，单位写在本栏目的 unit 中：请删除“万元”，实际为 197.04万元"),
    ("197.04元", "请删除“元”"),
    ("12万", "请删除“万”"),
    ("1e3", '应为金额，实际为 "1e3"：请按原文写出全部数字，不用科学计数法'),
    ("1E+2", '应为金额，实际为 "1E+2"：请按原文写出全部数字，不用科学计数法'),
    ("1.97E2", '应为金额，实际为 "1.97E2"：请按原文写出全部数字，不用科学计数法'),
    (".nan", '应为金额，实际为 ".nan"'),
    ("NaN", '应为金额，实际为 "NaN"'),
    (".inf", '应为金额，实际为 ".inf"'),
    ("Infinity", '应为金额，实际为 "Infinity"'),
    ("-.inf", "金额不能为负数，实际为 -.inf"),
    ("+5", "金额前不要写“+”号，实际为 +5"),
    ("-0.3", "金额不能为负数，实际为 -0.3"),
    ("197 .04", '金额中间不能有空格，实际为 "197 .04"'),
    ("1 000", '金额中间不能有空格，实际为 "1 000"'),
    ("197.\u200b04", "金额含有零宽字符 U+200B（零宽空格），在第 5 个字处：请删除它"),
    ("\ufeff197.04", "金额含有零宽字符 U+FEFF（零宽不换行空格/字节顺序标记），在第 1 个字处"),
    ("\u202e40.712", "金额含有不可见的控制字符 U+202E（从右至左覆盖），在第 1 个字处"),
    ("197.04\t", "金额含有不可见的控制字符 U+0009（制表符），在第 7 个字处"),
    ("197\u00a0.04", '应为金额，实际为 "197\u00a0.04"'),
    ("0x10", '应为金额，实际为 "0x10"'),
    ("0o17", '应为金额，实际为 "0o17"'),
    ("017", '应为金额，实际为 "017"'),
    ("1_000", '应为金额，实际为 "1_000"：数字中不能有“_”'),
    ("2,47,6", '应为金额，实际为 "2,47,6"：千位分隔符“,”应每三位一个，如 2,476,260.58'),
    ("2476,260.58", '应为金额，实际为 "2476,260.58"：千位分隔符“,”应每三位一个'),
    ("1,23", '应为金额，实际为 "1,23"：千位分隔符“,”应每三位一个'),
    ("197.", '应为金额，实际为 "197."'),
    (".5", '应为金额，实际为 ".5"'),
    ("1.2.3", '应为金额，实际为 "1.2.3"'),
    ("197。04", '应为金额，实际为 "197。04"'),
    ("٢٠١", '应为金额，实际为 "٢٠١"'),  # Arabic-Indic digits: Python's \d and Decimal take them
    ("十三", '应为金额，实际为 "十三"'),
    ("", '应为金额，实际为 ""'),
    ("1" * 16, "金额位数太多：整数部分最多 15 位，实际为 16 位"),
    ("1" + "0" * 28, "金额位数太多：整数部分最多 15 位，实际为 29 位"),
    ("0.0000001", "金额小数位数太多：最多 6 位，实际为 7 位"),
]


@pytest.mark.parametrize("text, value", READ_AS)
def test_amount_is_read_as_exactly_the_published_value(text, value):
    parsed = parse_amount(text)
    assert parsed == value and str(parsed) == str(value)


@pytest.mark.parametrize("text, fragment", REFUSED)
def test_mistyped_amount_is_refused_naming_what_is_wrong(text, fragment):
    with pytest.raises(ValueError) as error:
        parse_amount(text)
    assert fragment in str(error.value)


def test_total_of_ten_to_the_28_cannot_hide_a_missing_part_of_one(tmp_path):
    # 10²⁸ and 10²⁸ + 1 are equal in Decimal's 28-digit context: such amounts are refused.
    path, line, col = broken_copy(tmp_path, "    income_total: 254.12     # 收入预算总额",
                                  "    income_total: 10000000000000000000000000001")
    found = problems_of(path, tmp_path)
    assert f"{FILE}:{line}:19 budget.income_total（收入预算总额）：金额位数太多：整数部分最多 15 位，实际为 29 位" in found


def test_largest_amounts_allowed_still_add_up_exactly(tmp_path):
    # 15 integer digits and 6 decimals, in 万元: parts short of the total by 0.000001 are caught.
    text = SEED_YAML.read_text(encoding="utf-8")
    text = text.replace("    income_total: 254.12 ", "    income_total: 999999999999999.999999 ")
    text = text.replace("amount: 197.04", "amount: 999999999999942.919998")
    path = tmp_path / "data" / "miyi-xinfang" / "2021.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    record, problems = load_department_year(path, tmp_path)
    assert record is None
    assert any("收入预算总额 999,999,999,999,999.999999 万元 不等于“其中”各项合计 999,999,999,999,999.999998 万元"
               "（相差 0.000001 万元）" in p.message for p in problems), problems


# --- The same corpus in every amount field of a real file -----------------------

# (text in the seed, field path, its published value)
AMOUNT_FIELDS = [
    ("    income_total: 254.12 ", "budget.income_total", "254.12"),
    ("amount: 197.04", "budget.by_economic[0].amount", "197.04"),
    ("amount: 18.25", "budget.by_economic[1].amount", "18.25"),
    ("amount: 5.73", "budget.by_economic[2].amount", "5.73"),
    ("amount: 33.1\n", "budget.by_economic[3].amount", "33.1"),
    ("    basic: 221.02 ", "expenditure.basic", "221.02"),
    ("    project: 33.1 ", "expenditure.project", "33.1"),
    ("amount: 204.65", "expenditure.by_function[0].amount", "204.65"),
    ("amount: 15.43", "expenditure.by_function[1].amount", "15.43"),
    ("amount: 13.08", "expenditure.by_function[2].amount", "13.08"),
    ("amount: 20.96", "expenditure.by_function[3].amount", "20.96"),
    ("    total: 0.3 ", "three_public.total", "0.3"),
    ("    overseas: 0 ", "three_public.overseas", "0"),
    ("    reception: 0.3 ", "three_public.reception", "0.3"),
    ("      total: 0\n", "three_public.vehicles.total", "0"),
    ("      purchase: 0 ", "three_public.vehicles.purchase", "0"),
    ("      operation: 0 ", "three_public.vehicles.operation", "0"),
    ("    amount: 51.35 ", "operating_costs.amount", "51.35"),
    ("    total: 158406.46 ", "assets.total", "158406.46"),
    ("    current: 25260.25 ", "assets.current", "25260.25"),
    ("    non_current: 133146.21 ", "assets.non_current", "133146.21"),
]

IN_A_FILE = [
    ("１９７．０４", "金额含有全角字符“１”（U+FF11）：请在英文（半角）输入状态下输入数字、小数点和逗号"),
    ("197.04万元", "金额只写数字，单位写在本栏目的 unit 中：请删除“万元”"),
    ("1e3", '应为金额，实际为 "1e3"：请按原文写出全部数字，不用科学计数法'),
    ("1E+2", '应为金额，实际为 "1E+2"'),
    (".nan", '应为金额，实际为 ".nan"'),
    (".inf", '应为金额，实际为 ".inf"'),
    ("-.inf", "金额不能为负数，实际为 -.inf"),
    ("+5", "金额前不要写“+”号，实际为 +5"),
    ("-0.3", "金额不能为负数，实际为 -0.3"),
    ('"197 .04"', '金额中间不能有空格，实际为 "197 .04"'),
    ('"197.\\u200b04"', "金额含有零宽字符 U+200B（零宽空格），在第 5 个字处"),
    ('"\\u202e40.712"', "金额含有不可见的控制字符 U+202E（从右至左覆盖）"),
    ("0x10", '应为金额，实际为 "0x10"'),
    ("0o17", '应为金额，实际为 "0o17"'),
    ("1_000", '应为金额，实际为 "1_000"：数字中不能有“_”'),
    ("2,47,6", '应为金额，实际为 "2,47,6"：千位分隔符“,”应每三位一个'),
    ("10000000000000000", "金额位数太多：整数部分最多 15 位，实际为 17 位"),
    ("true", '应为金额，实际为 "true"'),
]


def _replace_value(tmp_path, seed_text: str, new_value: str):
    key, _, rest = seed_text.partition(":")
    old_value = rest.strip()
    ending = rest[len(rest.rstrip()):]  # keep the space before a comment, or the newline
    return broken_copy(tmp_path, seed_text, f"{key}: {new_value}{ending}"), len(key) + 2, old_value


@pytest.mark.parametrize("seed_text, field, published", AMOUNT_FIELDS, ids=[f[1] for f in AMOUNT_FIELDS])
def test_every_amount_field_refuses_the_whole_corpus_at_its_place(tmp_path, seed_text, field, published):
    for typed, fragment in IN_A_FILE:
        case = tmp_path / str(IN_A_FILE.index((typed, fragment)))
        (path, line, col), offset, _ = _replace_value(case, seed_text, typed)
        found = problems_of(path, case)
        assert len(found) == 1 and found[0].startswith(f"{FILE}:{line}:{col + offset} {field}（"), (typed, found)
        assert fragment in found[0], (typed, found)


@pytest.mark.parametrize("seed_text, field, published", AMOUNT_FIELDS, ids=[f[1] for f in AMOUNT_FIELDS])
def test_every_amount_field_reads_a_quoted_padded_figure_as_published(tmp_path, seed_text, field, published):
    (path, _, _), _, _ = _replace_value(tmp_path, seed_text, f'" {published} "')
    record, problems = load_department_year(path, tmp_path)
    assert problems == []
    value = record.data
    for part in field.replace("]", "").replace("[", ".").split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part)
    assert value == Decimal(published) and str(value) == published


def test_thousands_separators_in_a_yuan_table_are_read_exactly(tmp_path):
    path, _, _ = broken_copy(tmp_path, "    total: 158406.46 ", "    total: 158,406.46 ")
    record, problems = load_department_year(path, tmp_path)
    assert problems == [] and str(record.data.assets.total) == "158406.46"


@pytest.mark.parametrize("written", ["    basic:", "    basic: ~", "    basic: null", "    basic: ''"])
def test_empty_optional_amount_is_an_error_whatever_way_it_is_left_empty(tmp_path, written):
    path, line, _ = broken_copy(tmp_path, "    basic: 221.02            # 基本支出", written)
    [found] = problems_of(path, tmp_path)
    assert found.startswith(f"{FILE}:{line}:") and found.endswith(
        "expenditure.basic（基本支出）：填写了字段但没有值：原文没有该数字时请删除这一行")


# --- Functional classification codes ---------------------------------------------

CODES = [
    ('"２０１"', "科目编码含有全角字符“２”（U+FF12）：请在英文（半角）输入状态下输入数字"),
    ('"２01"', "科目编码含有全角字符“２”（U+FF12）"),
    ('"2\\u200b01"', "科目编码含有零宽字符 U+200B（零宽空格），在第 2 个字处"),
    ('"\\u202e102"', "科目编码含有不可见的控制字符 U+202E（从右至左覆盖）"),
    ('"٢٠١"', '应为 3、5 或 7 位半角数字的科目编码，如 201、20101'),
    ('"201 "', '应为 3、5 或 7 位半角数字的科目编码，如 201、20101'),
    ('"0x10"', '应为 3、5 或 7 位半角数字的科目编码'),
    ('"2010"', '应为 3、5 或 7 位半角数字的科目编码'),
]


@pytest.mark.parametrize("typed, fragment", CODES)
def test_mistyped_functional_code_is_refused_never_read_as_another_code(tmp_path, typed, fragment):
    path, line, col = broken_copy(tmp_path, 'code: "201"', f"code: {typed}")
    found = problems_of(path, tmp_path)
    assert len(found) == 1 and found[0].startswith(
        f"{FILE}:{line}:{col + 6} expenditure.by_function[0].code（功能分类科目编码）："), found
    assert fragment in found[0]


@pytest.mark.parametrize("typed, code", [("201", "201"), ('"20101"', "20101"), ("'2010101'", "2010101")])
def test_functional_code_is_kept_as_typed(tmp_path, typed, code):
    path, _, _ = broken_copy(tmp_path, 'code: "201"', f"code: {typed}")
    record, problems = load_department_year(path, tmp_path)
    assert problems == [] and record.data.expenditure.by_function[0].code == code
