"""Text that lies is refused: bidi controls, control characters, non-characters and
zero-width marks, in every text field, with the invisible character named by code point."""

from __future__ import annotations

import pytest

from conftest import SEED_YAML, make_project, mkdocs_build
from test_loading import FILE, broken_copy, problems_of

from openbudget.sources.loading import load_department_year, load_glossary
from openbudget.vocabulary.problems import DataError

ADVICE = "：请删除它，它常随从网页或其他文件复制的文字带入"

# (YAML escape put into 米易县|信访局, the message after the field name)
CHARACTERS = [
    ("\\u202e", "含有不可见的控制字符 U+202E（从右至左覆盖），在第 4 个字处"),
    ("\\u202d", "含有不可见的控制字符 U+202D（从左至右覆盖），在第 4 个字处"),
    ("\\u202a", "含有不可见的控制字符 U+202A（从左至右嵌入），在第 4 个字处"),
    ("\\u2066", "含有不可见的控制字符 U+2066（从左至右隔离），在第 4 个字处"),
    ("\\u2069", "含有不可见的控制字符 U+2069（结束方向隔离），在第 4 个字处"),
    ("\\u200e", "含有不可见的控制字符 U+200E（从左至右标记），在第 4 个字处"),
    ("\\u200f", "含有不可见的控制字符 U+200F（从右至左标记），在第 4 个字处"),
    ("\\u061c", "含有不可见的控制字符 U+061C（阿拉伯字母标记），在第 4 个字处"),
    ("\\x7f", "含有不可见的控制字符 U+007F（删除字符 DEL），在第 4 个字处"),
    ("\\x9b", "含有不可见的控制字符 U+009B（控制字符），在第 4 个字处"),
    ("\\x1b", "含有不可见的控制字符 U+001B（控制字符），在第 4 个字处"),
    ("\\0", "含有不可见的控制字符 U+0000（控制字符），在第 4 个字处"),
    ("\\n", "含有不可见的控制字符 U+000A（换行符），在第 4 个字处"),
    ("\\ufffe", "含有不可见的控制字符 U+FFFE（非字符），在第 4 个字处"),
    ("\\uffff", "含有不可见的控制字符 U+FFFF（非字符），在第 4 个字处"),
    ("\\ufdd0", "含有不可见的控制字符 U+FDD0（非字符），在第 4 个字处"),
    ("\\ud800", "含有不可见的控制字符 U+D800（单独的代理码位），在第 4 个字处"),
    ("\\u2028", "含有不可见的控制字符 U+2028（行分隔符），在第 4 个字处"),
    ("\\u00ad", "含有不可见的控制字符 U+00AD（软连字符），在第 4 个字处"),
    ("\\u200b", "含有零宽字符 U+200B（零宽空格），在第 4 个字处"),
    ("\\u200c", "含有零宽字符 U+200C（零宽不连字），在第 4 个字处"),
    ("\\u200d", "含有零宽字符 U+200D（零宽连字），在第 4 个字处"),
    ("\\u2060", "含有零宽字符 U+2060（零宽不换行），在第 4 个字处"),
    ("\\ufeff", "含有零宽字符 U+FEFF（零宽不换行空格/字节顺序标记），在第 4 个字处"),
]


@pytest.mark.parametrize("escape, message", CHARACTERS, ids=[c[0] for c in CHARACTERS])
def test_invisible_character_in_a_name_is_refused_and_named(tmp_path, escape, message):
    path, line, _ = broken_copy(tmp_path, "department: 米易县信访局 ", f'department: "米易县{escape}信访局" ')
    assert problems_of(path, tmp_path) == [f"{FILE}:{line}:13 department（部门名称）：{message}{ADVICE}"]


def test_delete_character_typed_into_the_file_is_named_at_its_column(tmp_path):
    path, line, _ = broken_copy(tmp_path, "department: 米易县信访局 ", "department: 米易县\x7f信访局 ")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line}:16 含有不可见的控制字符 U+007F（删除字符 DEL）{ADVICE}"]


# Every kind of text field, with a right-to-left override in it.
FIELDS = [
    ("department: 米易县信访局 ", "department（部门名称）"),
    ("  attachment: 附件1", "document.attachment（附件编号（如“附件1”））"),
    ("  title: 关于2021年部门预算编制的说明", "document.title（文件标题）"),
    ("    heading: 一、主要职责", "duties.heading（标题（按原文，含编号））"),
    ("      - （一）贯彻执行中央", "duties.items[0]（条目（按原文，含编号））"),
    ("      - 1999年11月成立", "basic_info.paragraphs[0]（段落（按原文））"),
    ("      - heading: （一）2021年重点工作。", "work_plan.subsections[0].heading（标题（按原文，含编号））"),
    ("      - 2021年我单位收入预算总额为", "budget.paragraphs[0]（段落（按原文））"),
    ("        name: 一般公共服务支出", "expenditure.by_function[0].name（功能分类名称（按原文））"),
    ("        text: （一）一般公共服务支出", "expenditure.by_function[0].text（说明（按原文））"),
    ("      - term: 四个意识", "glossary.terms[6].term（名词）"),
    ("        definition: 政治意识", "glossary.terms[6].definition（解释（按原文））"),
]


def override_line(root, seed_text: str) -> tuple[str, int, int]:
    """The seed with U+202E put at the start of the value on the line holding seed_text."""
    text = SEED_YAML.read_text(encoding="utf-8")
    [old] = [line for line in text.splitlines() if seed_text in line]
    marker = ": " if old.lstrip().removeprefix("- ").find(": ") >= 0 else "- "
    at = old.index(marker, len(old) - len(old.lstrip())) + len(marker)
    value = old[at:].split("  #")[0].rstrip()
    path, line, col = broken_copy(root, old, f'{old[:at]}"\\u202e{value}"')
    return path, line, at + 1


@pytest.mark.parametrize("seed_text, field", FIELDS, ids=[f[1].split("（")[0] for f in FIELDS])
def test_bidi_override_is_refused_in_every_text_field(tmp_path, seed_text, field):
    path, line, column = override_line(tmp_path, seed_text)
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line}:{column} {field}：含有不可见的控制字符 U+202E（从右至左覆盖），在第 1 个字处{ADVICE}"]


@pytest.mark.parametrize("addition, field", [
    ("  - heading: \"栏\\u202e目\"\n", "sections[11].heading（标题（按原文，含编号））"),
    ("document:\n  source: \"出\\u202e处\"\n", None),
    ("    explanation: \"说\\u202e明\"\n", "data_notes[0].explanation（说明（将显示在网站上））"),
])
def test_bidi_override_is_refused_in_added_sections(tmp_path, addition, field):
    if field is None:  # document.source, added inside the existing document mapping
        path, line, _ = broken_copy(tmp_path, "  attachment: 附件1\n", "  attachment: 附件1\n  source: \"出\\u202e处\"\n")
        line, field = line + 1, "document.source（原文出处）"
    elif field.startswith("data_notes"):  # an explanation added to the seed's existing note
        path, line, _ = broken_copy(tmp_path, "public-expenses   # 机关运行经费 51.35 万元大于日常公用支出 18.25 万元\n    as_published: true\n",
                                    "public-expenses\n    as_published: true\n" + addition)
        line += 2
    else:  # a section added at the end of the outline
        path, line, _ = broken_copy(tmp_path, "\ndata_notes:", "\n" + addition + "\ndata_notes:")
        line += 1
    found = problems_of(path, tmp_path)
    assert any(p.startswith(f"{FILE}:{line}:") and f"{field}：含有不可见的控制字符 U+202E（从右至左覆盖），在第 2 个字处" in p
               for p in found), found


def test_alias_of_a_term_with_a_zero_width_space_is_refused(tmp_path):
    path, line, _ = broken_copy(tmp_path, "      - term: 三率\n", "      - term: 三率\n        aliases: [\"三\\u200b率\"]\n")
    assert problems_of(path, tmp_path) == [
        f"{FILE}:{line + 1}:19 glossary.terms[10].aliases[0]（其他写法）：含有零宽字符 U+200B（零宽空格），"
        f"在第 2 个字处{ADVICE}"]


@pytest.mark.parametrize("typed", ['"\\u200b\\u200b"', '"\\ufeff"', '"\u3000 "', '"\\u2060 \\u200d"'])
def test_term_made_only_of_spaces_and_zero_width_marks_counts_as_empty(tmp_path, typed):
    path, line, col = broken_copy(tmp_path, "      - term: 四个意识", f"      - term: {typed}")
    assert problems_of(path, tmp_path) == [f"{FILE}:{line}:15 glossary.terms[6].term（名词）：不能为空，请按原文填写"]


def test_two_glossary_terms_that_look_the_same_cannot_both_exist(tmp_path):
    path = tmp_path / "standard-terms.yaml"
    path.write_text("terms:\n  - term: 三率\n    definition: 及时受理率。\n    source: （虚构）\n"
                    "  - term: \"三\\u200d率\"\n    definition: 别的解释。\n    source: （虚构）\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_glossary(path, tmp_path)
    assert [str(p) for p in error.value.problems] == [
        f"standard-terms.yaml:5:11 terms[1].term（名词）：含有零宽字符 U+200D（零宽连字），在第 2 个字处{ADVICE}"]


def test_paragraph_written_as_a_block_keeps_its_line_breaks(tmp_path):
    path, _, _ = broken_copy(tmp_path, "      - 1999年11月成立", "      - |\n        第一行\n        第二行\n        1999年11月成立")
    record, problems = load_department_year(path, tmp_path)
    assert problems == []
    assert record.data.part("basic_info").paragraphs[0].startswith("第一行\n第二行\n1999年11月成立")


def test_full_width_digits_in_a_paragraph_are_text_and_stay_as_published(tmp_path):
    path, _, _ = broken_copy(tmp_path, "      - 1999年11月成立", "      - １９９９年11月成立")
    record, problems = load_department_year(path, tmp_path)
    assert problems == [] and record.data.part("basic_info").paragraphs[0].startswith("１９９９年11月成立")


def test_bidi_override_in_the_department_name_stops_the_build_without_echoing_it(tmp_path):
    data = tmp_path / "data"
    path, line, _ = broken_copy(tmp_path, "department: 米易县信访局 ", 'department: "米易县\\u202e局访信" ')
    result = mkdocs_build(make_project(tmp_path / "project", data), tmp_path / "out")
    assert result.returncode == 1
    assert f"{FILE}:{line}:13 department（部门名称）：含有不可见的控制字符 U+202E（从右至左覆盖）" in result.stderr
    assert "\u202e" not in result.stderr + result.stdout
    assert not (tmp_path / "out" / "index.html").exists()
