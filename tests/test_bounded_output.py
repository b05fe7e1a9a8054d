"""What one data file can make the site write is bounded by the file, not multiplied by it.

Hostile but valid shapes (synthetic): a one-character term with a long definition used
thousands of times, rows that share one name, an address whose host is hidden behind
user-info. Each is built with MkDocs and read back from the HTML and SVG.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_or_fail, make_project, minimal_yaml
from openbudget.sources.loading import load_department_year

DEFINITION = "（虚构）" + "名词的解释，" * 332 + "。"  # 1,997 characters: about the longest allowed
PARAGRAPH = "预算的说明，" * 3333  # 19,998 characters; 的 3,333 times
LONG_TEXT = f"""  - kind: glossary
    heading: 名词解释（虚构）
    terms:
      - term: 的
        definition: {DEFINITION}
  - slug: long-text
    heading: 很长的一段（虚构）
    paragraphs:
      - {PARAGRAPH}
"""
ONE_NAME_SOURCES = """    by_source:
      - {name: 其他收入（虚构）, amount: 50}
      - {name: 其他收入（虚构）, amount: 30}
      - {name: 其他收入（虚构）, amount: 20}
"""


def hostile_file() -> str:
    text = minimal_yaml(LONG_TEXT)
    text = text.replace("    income_total: 100\n", "    income_total: 100\n" + ONE_NAME_SOURCES)
    return text.replace("  title: 关于2030年部门预算编制的说明（虚构）\n",
                        "  title: 关于2030年部门预算编制的说明（虚构）\n"
                        "  source_url: https://www.example.gov.cn/xxgk/2030/1.html\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bounded")
    (tmp / "data" / "example-test").mkdir(parents=True)
    (tmp / "data" / "example-test" / "2030.yaml").write_text(hostile_file(), encoding="utf-8")
    return build_or_fail(make_project(tmp / "project", tmp / "data"), tmp / "out")


def test_a_one_character_term_used_thousands_of_times_is_marked_three_times_and_the_page_says_so(site):
    path = site.out / "example-test" / "2030" / "long-text" / "index.html"
    assert path.stat().st_size < 500_000  # was 20 MB: every 的 carried the 2,000-character definition
    article = site.article("example-test/2030/long-text/")
    assert [a.get_text() for a in article.select("a.ob-term")] == ["的", "的", "的"]
    assert article.select_one(".ob-terms-limited").get_text() == \
        "本页每个名词只在前 3 处标出解释（全页最多 100 处），完整解释见名词解释。"
    assert PARAGRAPH in article.get_text()  # the text itself is whole


def test_no_page_of_the_site_is_larger_than_its_file_allows(site):
    sizes = {p: p.stat().st_size for p in site.html_files()}
    assert max(sizes.values()) < 500_000, max(sizes, key=sizes.get)


def test_three_income_sources_of_one_name_are_three_bars_not_one(site):
    for name in ("chart-income-by-source.svg", "chart-income-by-source.narrow.svg"):
        svg = (site.out / "example-test" / "2030" / "budget" / name).read_text(encoding="utf-8")
        bars = re.findall(r'aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="bar"', svg)
        assert bars == ["其他收入（虚构） 50 万元（占 50.00%）", "其他收入（虚构） 30 万元（占 30.00%）",
                        "其他收入（虚构） 20 万元（占 20.00%）"], name
        heights = re.findall(r'role="graphics-symbol" aria-roledescription="bar" d="M[^,]+,([0-9.]+)h', svg)
        assert len(set(heights)) == 3, heights  # each bar in its own band, one below the other
        assert svg.count(">其他收入（虚构）</text>") == 3, name  # each labelled once


def test_the_link_to_the_original_names_the_host_it_goes_to(site):
    link = site.article("example-test/2030/budget/").select_one("a.ob-official")
    assert link.get_text() == "政府网站公开页面（www.example.gov.cn）"
    assert link["href"] == "https://www.example.gov.cn/xxgk/2030/1.html"


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "data" / "example-test" / "2030.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    record, found = load_department_year(path, tmp_path)
    assert record is None
    return [str(p) for p in found]


def test_a_document_of_more_sections_than_any_real_one_is_refused_at_the_first_one_too_many(tmp_path):
    sections = "".join(f"  - slug: part-{i}\n    heading: 第{i}部分（虚构）\n    paragraphs: [正文（虚构）。]\n"
                       for i in range(1, 1989))
    found = problems(tmp_path, minimal_yaml(sections))
    line = 10 + 3 * 99  # the 101st section: the budget section (3 lines) and 99 of these before it
    assert found == [f"data/example-test/2030.yaml:{line}:5 sections[100]：栏目太多：一份文件最多 100 个栏目"
                     "（含下级栏目），这是第 101 个（共 1989 个）；请检查是否把段落或条目写成了栏目"]


@pytest.mark.parametrize(("url", "message"), [
    ("https://www.example.gov.cn@evil.example/", "网址的主机名前不能有“…@”（如 https://www.example.gov.cn@别的网站/ "
                                                 "实际打开的是 @ 后面的网站）"),
    ("https://www.example.gov.cn\u202e/lmth.1/", "网址含有不可见的控制字符 U+202E（从右至左覆盖），在第 27 个字处："
                                                 "请删除它，它常随从网页或其他文件复制的文字带入"),
    ("https://www.exam\u200bple.gov.cn/1.html", "网址含有零宽字符 U+200B（零宽空格），在第 17 个字处："
                                                "请删除它，它常随从网页或其他文件复制的文字带入"),
])
def test_an_address_to_the_original_that_would_lead_elsewhere_is_refused(tmp_path, url, message):
    text = minimal_yaml().replace("  title: 关于2030年部门预算编制的说明（虚构）\n",
                                  f'  title: 关于2030年部门预算编制的说明（虚构）\n  source_url: "{url}"\n')
    assert problems(tmp_path, text) == [f"data/example-test/2030.yaml:6:15 document.source_url"
                                        f"（原文网址（政府网站上公开该文件的页面或文件））：{message}"]


def test_a_table_with_two_columns_of_one_header_is_refused_at_the_second(tmp_path):
    table = """tables:
  - title: 一般公共预算支出表（虚构）
    unit: 万元
    columns: [预算数, 预算数]
    rows:
      - {name: 合计, amounts: [375.00, 375.00]}
"""
    found = problems(tmp_path, minimal_yaml() + table)
    assert len(found) == 1 and found[0].endswith(
        "：表头“预算数”与第 1 列相同：每列的表头必须不同，否则下载的数据分不清是哪一列；"
        "多行表头请写全（如 基本支出/合计、项目支出/合计）"), found


def test_an_original_text_larger_than_any_document_is_not_published(tmp_path):
    from test_cli import openbudget
    folder = tmp_path / "data" / "example-test"
    folder.mkdir(parents=True)
    (folder / "2030.yaml").write_text(minimal_yaml(), encoding="utf-8")
    (folder / "2030.source.txt").write_text("（虚构）原文。\n" * 300_000, encoding="utf-8")  # 6.6 MB
    result = openbudget("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert ("data/example-test/2030.source.txt:1:1 原文全文太大：超过 5 MB 的上限（这个文件 6.6 MB）；这里只放原文的文字，"
            "请检查是否误粘贴了内容或存成了别的格式") in result.stdout + result.stderr
