"""Hostile or broken YAML stops within seconds, at its line, with the limit it hit named.

Aliases, anchors, merge keys and tags are refused outright; nesting, file size, text
length, list length and definition length have limits no real document comes near.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import SEED_YAML, make_project, mkdocs_build
from test_loading import FILE, broken_copy, problems_of

from openbudget.sources.loading import load_department_year, load_glossary
from openbudget.vocabulary.problems import DataError


def seed_with(root: Path, text: str, folder: str = "miyi-xinfang") -> Path:
    path = root / "data" / folder / "2021.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_alias_is_refused_where_it_is_used_not_where_its_anchor_is(tmp_path):
    path, line, col = broken_copy(tmp_path, "    income_total: 254.12     # 收入预算总额",
                                  "    income_total: *total")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line}:19 不支持 YAML 别名（*total）：请把内容直接写出，不要用 & 和 * 引用别处的内容"]


def test_anchor_is_refused_at_its_line(tmp_path):
    path, line, col = broken_copy(tmp_path, "amount: 197.04", "amount: &gz 197.04")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line}:{col + 8} 不支持 YAML 锚点（&gz）：请把内容直接写出，不要用 & 和 * 引用"]


def test_recursive_alias_is_a_message_not_a_recursion_error(tmp_path):
    path, line, _ = broken_copy(tmp_path, "year: 2021 ", "year: 2021\nloop: &x [*x]\n")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line + 1}:7 不支持 YAML 锚点（&x）：请把内容直接写出，不要用 & 和 * 引用",
        f"{FILE}:{line + 1}:11 不支持 YAML 别名（*x）：请把内容直接写出，不要用 & 和 * 引用别处的内容"]


def test_alias_bomb_is_refused_quickly_without_expanding(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    path = seed_with(tmp_path, "\n".join(lines) + "\n")
    started = time.monotonic()
    found = problems_of(path, tmp_path)
    assert time.monotonic() - started < 5
    assert found[0] == "data/miyi-xinfang/2021.yaml:1:5 不支持 YAML 锚点（&a0）：请把内容直接写出，不要用 & 和 * 引用"
    assert "data/miyi-xinfang/2021.yaml:2:10 不支持 YAML 别名（*a0）" in found[2]
    assert len(found) == 20  # reading stops after 20 such problems


def test_merge_key_is_refused(tmp_path):
    path, line, _ = broken_copy(tmp_path, "year: 2021 ", "year: 2021\n<<: {department: 别的部门}\n")
    assert problems_of(path, tmp_path) == [f"{FILE}:{line + 1}:1 不支持 YAML 合并键（<<）：请把内容直接写出"]


def test_type_tag_is_refused(tmp_path):
    path, line, col = broken_copy(tmp_path, "amount: 197.04", "amount: !!float 197.04")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line}:{col + 8} 不支持 YAML 类型标记（!!float）：请直接写内容，不要写以“!”开头的标记"]


def test_second_document_in_one_file_is_refused(tmp_path):
    path = seed_with(tmp_path, SEED_YAML.read_text(encoding="utf-8") + "---\ndepartment: 另一个\n")
    lines = path.read_text(encoding="utf-8").count("\n")
    assert problems_of(path, tmp_path) == [
        f"data/miyi-xinfang/2021.yaml:{lines - 1}:1 一个文件只能有一个 YAML 文档：请删除多出的“---”及其后的内容"]


def test_600_deep_nesting_names_its_line_not_a_recursion_error(tmp_path):
    path, line, _ = broken_copy(tmp_path, "year: 2021 ", "year: 2021\ndeep: " + "[" * 600 + "]" * 600 + "\n")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line + 1}:46 层次太深：列表和“字段: 值”最多嵌套 40 层"]


def test_deep_block_nesting_is_refused_too(tmp_path):
    body = "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "x: 1\n"
    path = seed_with(tmp_path, body)
    assert problems_of(path, tmp_path) == [
        "data/miyi-xinfang/2021.yaml:41:81 层次太深：列表和“字段: 值”最多嵌套 40 层"]


def test_file_over_two_megabytes_is_refused_before_reading_it(tmp_path):
    text = SEED_YAML.read_text(encoding="utf-8") + "# " + "注" * 700_000 + "\n"
    path = seed_with(tmp_path, text)
    assert problems_of(path, tmp_path) == [
        "data/miyi-xinfang/2021.yaml:1:1 文件太大：超过 2 MB 的上限；请检查是否误粘贴了内容"]


def test_350000_character_paragraph_is_refused_within_seconds(tmp_path):
    path, line, col = broken_copy(tmp_path, "      - 本单位预算安排支出主要用于", "      - " + "释" * 350_000 + "本单位预算安排支出主要用于")
    started = time.monotonic()
    found = problems_of(path, tmp_path)
    assert time.monotonic() - started < 5
    assert found == [f"{FILE}:{line}:9 expenditure.paragraphs[0]：文字太长：350045 个字，超过一项最多 20000 个字的上限；"
                     "请检查是否误粘贴了内容"]


def test_paragraph_of_20000_characters_is_still_accepted(tmp_path):
    longest = ("释" * 999 + "，") * 19 + "释" * 955  # + the 45 characters of the seed's paragraph
    path, _, _ = broken_copy(tmp_path, "      - 本单位预算安排支出主要用于", "      - " + longest + "本单位预算安排支出主要用于")
    record, problems = load_department_year(path, tmp_path)
    assert problems == [] and len(record.data.expenditure.paragraphs[0]) == 20_000


def test_1001_characters_without_a_space_or_punctuation_are_refused(tmp_path):
    path, line, _ = broken_copy(tmp_path, "      - 本单位预算安排支出主要用于", "      - " + "释" * 1_001 + "，本单位预算安排支出主要用于")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line}:9 expenditure.paragraphs[0]：文字中有连续 1001 个字没有标点或空格，超过 1000 个字的上限；"
        "请检查是否误粘贴了内容"]


def test_list_of_more_than_2000_rows_is_refused_at_the_list(tmp_path):
    rows = "".join(f"      - name: 行{i}\n        amount: 1\n" for i in range(2_500))
    path, line, col = broken_copy(tmp_path, "      - code: \"201\"\n", rows + "      - code: \"201\"\n")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line - 1}:5 expenditure.by_function：列表太长：超过 2000 项的上限"]


def test_glossary_definition_over_2000_characters_is_refused(tmp_path):
    path = tmp_path / "standard-terms.yaml"
    path.write_text("terms:\n  - term: 三率\n    definition: " + ("率" * 999 + "，") * 2 + "率\n    source: （虚构）\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_glossary(path, tmp_path)
    assert [str(p) for p in error.value.problems] == [
        "standard-terms.yaml:3:17 terms[0].definition（解释（按原文））：太长（最多 2000 个字）"]


# --- A key written with nothing after it is not "not published" ---------------------

EMPTY_SECTION = "栏目没有内容：请按原文填写标题、文字或金额；原文没有这个栏目时请删除这一项"


def test_section_left_empty_is_an_error_not_an_unpublished_section(tmp_path):
    text = SEED_YAML.read_text(encoding="utf-8")
    start = text.index("  - kind: expenditure ")
    end = text.index("  - kind: three_public")
    path = seed_with(tmp_path, text[:start] + "  - kind: expenditure\n\n" + text[end:])
    line = text[:start].count("\n") + 1
    assert problems_of(path, tmp_path) == [f"data/miyi-xinfang/2021.yaml:{line}:5 expenditure：{EMPTY_SECTION}"]


def test_file_cut_off_after_a_sections_kind_fails(tmp_path):
    text = SEED_YAML.read_text(encoding="utf-8")
    cut = text[:text.index("  - kind: expenditure") + len("  - kind: expenditure")]
    path = seed_with(tmp_path, cut)
    line = cut.count("\n") + 1
    assert problems_of(path, tmp_path) == [f"data/miyi-xinfang/2021.yaml:{line}:5 expenditure：{EMPTY_SECTION}"]


def test_empty_optional_amount_is_an_error_not_a_missing_figure(tmp_path):
    path, line, _ = broken_copy(tmp_path, "    basic: 221.02            # 基本支出", "    basic:")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line}:5 expenditure.basic（基本支出）：填写了字段但没有值：原文没有该数字时请删除这一行"]


@pytest.mark.parametrize("written, column, message", [
    ("  - kind: three_public", 5, f"three_public：{EMPTY_SECTION}"),
    ("  -", 4, "sections[5]（栏目（按原文的顺序和层次））：列表中有一项是空的：请按原文填写，或删除这一行"),
    ("  - {}", 5, "sections[5]：填写了字段但没有内容：原文没有这部分时请删除这一行"),
])
def test_three_public_written_empty_is_an_error(tmp_path, written, column, message):
    text = SEED_YAML.read_text(encoding="utf-8")
    start, end = text.index("  - kind: three_public"), text.index("  - kind: operating_costs")
    path = seed_with(tmp_path, text[:start] + written + "\n\n" + text[end:])
    line = text[:start].count("\n") + 1
    assert problems_of(path, tmp_path) == [f"data/miyi-xinfang/2021.yaml:{line}:{column} {message}"]


def test_paragraphs_key_left_empty_is_an_error(tmp_path):
    path, line, _ = broken_copy(
        tmp_path, "    paragraphs:\n      - 2021年日常公用经费支出", "    paragraphs:\n    x_paragraphs:\n      - 2021年日常公用经费支出")
    found = problems_of(path, tmp_path)
    assert f"{FILE}:{line}:5 operating_costs.paragraphs（段落（按原文））：填写了字段但没有内容：" \
           "原文没有这部分时请删除这一行" in found


def test_empty_list_item_is_an_error(tmp_path):
    path, line, _ = broken_copy(tmp_path, "    items:\n      - （一）贯彻", "    items:\n      -\n      - （一）贯彻")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line + 1}:8 duties.items[0]（条目（按原文，含编号））：列表中有一项是空的：请按原文填写，或删除这一行"]


# --- Every limit through the real build: refused, named, within seconds ----------

def test_every_limit_case_stops_the_build_with_its_message_within_seconds(tmp_path):
    seed = SEED_YAML.read_text(encoding="utf-8")
    data = tmp_path / "data"
    cases = {
        "bomb": "\n".join(['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] +
                          [f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]) + "\n",
        "loop": seed.replace("year: 2021 ", "year: 2021\nloop: &x [*x]\n"),
        "deep": seed.replace("year: 2021 ", "year: 2021\ndeep: " + "[" * 600 + "]" * 600 + "\n"),
        "long": seed.replace("      - 本单位预算安排支出主要用于", "      - " + "释" * 350_000),
        "rows": seed.replace("      - code: \"201\"\n",
                             "".join(f"      - name: 行{i}\n        amount: 1\n" for i in range(3_000))
                             + "      - code: \"201\"\n"),
        "cut": seed[:seed.index("  - kind: expenditure") + len("  - kind: expenditure")],
    }
    for name, text in cases.items():
        seed_with(tmp_path, text, folder=name)
    project = make_project(tmp_path / "project", data)
    started = time.monotonic()
    result = mkdocs_build(project, tmp_path / "out")
    assert time.monotonic() - started < 20
    assert result.returncode == 1
    at = {start: next(i for i, line in enumerate(seed.splitlines(), 1) if line.startswith(start))
          for start in ("      - 本单位预算安排支出主要用于", "    by_function:", "  - kind: expenditure")}
    for expected in ["data/bomb/2021.yaml:1:5 不支持 YAML 锚点（&a0）",
                     "data/loop/2021.yaml:16:11 不支持 YAML 别名（*x）",
                     "data/deep/2021.yaml:16:46 层次太深：列表和“字段: 值”最多嵌套 40 层",
                     f"data/long/2021.yaml:{at['      - 本单位预算安排支出主要用于']}:9 expenditure.paragraphs[0]：文字太长：350032 个字",
                     f"data/rows/2021.yaml:{at['    by_function:']}:5 expenditure.by_function：列表太长：超过 2000 项的上限",
                     f"data/cut/2021.yaml:{at['  - kind: expenditure']}:5 expenditure：栏目没有内容"]:
        assert expected in result.stderr, expected
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_long_or_invisible_key_is_refused_without_echoing_it(tmp_path):
    path, line, _ = broken_copy(tmp_path, "year: 2021 ", "year: 2021\n" + "键" * 50 + ": 1\n\"ab\\u202ecd\": 1\n")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line + 1}:1 字段名太长（最多 40 个字）",
        f"{FILE}:{line + 2}:1 字段名含有不可见的控制字符 U+202E（从右至左覆盖），在第 3 个字处：请删除它，"
        "它常随从网页或其他文件复制的文字带入"]
