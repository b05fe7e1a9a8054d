"""Glossary: each term explained where it appears, one entry per term, no silent overrides."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from openbudget.marking import TermMarker, trie_pattern
from openbudget.pages import PageBuilder
from openbudget.problems import DataError
from openbudget.site import load_site
from test_loading import broken_copy

TERMS = {"支出": "（虚构）支出", "基本支出": "（虚构）基本支出", "补助支出": "（虚构）补助支出",
         "对个人和家庭的补助支出": "（虚构）对个人和家庭的补助支出", "三率": "（虚构）三率",
         "四个意识": "（虚构）四个意识"}


def marker(aliases: dict[str, str] | None = None) -> TermMarker:
    names = {t: (t, d, f"glossary/#{t}") for t, d in TERMS.items()}
    for alias, term in (aliases or {}).items():
        names[alias] = (term, TERMS[term], f"glossary/#{term}")
    return TermMarker(names)


def marked(html: str, aliases=None) -> list[tuple[str, str]]:
    out, _ = marker(aliases).mark_html(html, lambda url: "../" + url)
    soup = BeautifulSoup(out, "html.parser")
    return [(a.get_text(), a["title"].split("：")[0]) for a in soup.select("a.ob-term")]


def test_longest_term_wins():
    assert marked("<p>基本支出和对个人和家庭的补助支出</p>") == [
        ("基本支出", "基本支出"), ("对个人和家庭的补助支出", "对个人和家庭的补助支出")]


def test_shorter_terms_still_match_on_their_own():
    assert marked("<p>补助支出，支出</p>") == [("补助支出", "补助支出"), ("支出", "支出")]


def test_overlapping_terms_take_the_leftmost_longest():
    # 基本支出 starts first; the 支出 inside it is not marked a second time
    assert marked("<p>基本支出出</p>") == [("基本支出", "基本支出")]


def test_term_at_start_and_end_of_a_paragraph():
    assert marked("<p>三率</p><p>三率在开头，结尾是三率</p>") == [("三率", "三率")] * 3


def test_term_beside_chinese_punctuation_and_quotes():
    html = "<p>进一步提升信访“三率”。进一步强化“四个意识”，（三率）、【四个意识】</p>"
    assert marked(html) == [("三率", "三率"), ("四个意识", "四个意识"), ("三率", "三率"), ("四个意识", "四个意识")]


def test_alias_marks_the_same_entry():
    assert marked("<p>提升“三率”</p>", aliases={"“三率”": "三率"}) == [("“三率”", "三率")]


@pytest.mark.parametrize("html", [
    "<h2>三率</h2>", "<h3 id=x>强化四个意识</h3>", '<a href="/x">三率</a>', "<code>三率</code>",
    "<pre>三率</pre>", "<table><tr><th>基本支出</th></tr></table>", '<div class="ob-nomark">三率</div>',
    '<script>var x = "三率";</script>', "<svg><text>三率</text></svg>",
])
def test_headings_links_code_headers_and_charts_are_left_alone(html):
    out, found = marker().mark_html(html, lambda url: url)
    assert out == html and found == set()


def test_markup_and_entities_around_terms_survive():
    html = '<p class="c">A &amp; B &lt;三率&gt; <em>四个意识</em><br>末尾</p>'
    out, found = marker().mark_html(html, lambda url: url)
    assert found == {"三率", "四个意识"}
    soup = BeautifulSoup(out, "html.parser")
    assert soup.p.get_text() == "A & B <三率> 四个意识末尾"
    assert soup.em.a["class"] == ["ob-term"]


def test_a_term_inside_another_terms_link_is_not_nested():
    out, _ = marker().mark_html("<p>基本支出</p>", lambda url: url)
    again, _ = marker().mark_html(out, lambda url: url)
    assert again == out


def test_matcher_is_one_trie_not_one_pattern_per_term():
    pattern = trie_pattern(["基本支出", "基本工资", "支出"])
    assert pattern.pattern.count("基本") == 1  # shared prefixes are stored once


def test_department_term_with_a_different_definition_names_both_places(tmp_path):
    shutil.copy(ROOT / "data" / "glossary.yaml", tmp_path / "glossary.yaml")
    path, line, col = broken_copy(tmp_path, "definition: 及时受理率、按期办结率、群众满意率。",
                                  "definition: 及时受理率、按期办结率、群众满意率（另一种说法）。")
    (tmp_path / "data" / "glossary.yaml").write_text((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    shared_line = (ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8").splitlines().index("  - term: 三率") + 1
    with pytest.raises(DataError) as error:
        load_site(tmp_path / "data", tmp_path)
    [problem] = error.value.problems
    assert str(problem) == (
        f"data/miyi-xinfang/2021.yaml:{line}:{col + 12} glossary.terms[10].definition：名词“三率”的解释与 "
        f"data/glossary.yaml:{shared_line} 处的不同；同一名词全站只能有一种解释（原文确有不同时，请给其中一个换用不同的名词）")


def test_department_term_with_the_same_definition_merges_into_one_entry(tmp_path):
    site = load_site(ROOT / "data", ROOT)
    [entry] = [e for e in site.terms if e.term == "三率"]
    assert len(entry.origins) == 2 and entry.origins[0].startswith("data/glossary.yaml:")
    assert entry.origins[1].startswith("data/miyi-xinfang/2021.yaml:")
    assert entry.sources == ["miyi-xinfang/2021"]


def test_department_only_term_joins_the_site_glossary(tmp_path):
    path, _, _ = broken_copy(tmp_path, "    - term: 三率\n", "    - term: 五无\n      definition: （虚构）五种“无”。\n    - term: 三率\n")
    site = load_site(tmp_path / "data", tmp_path)  # no shared glossary in this copy
    assert [e.term for e in site.terms][-2:] == ["五无", "三率"]


def test_seed_glossary_page_has_every_term_at_its_own_anchor(seed_site):
    page = seed_site.article("glossary")
    headings = {h["id"]: h.get_text() for h in page.select("h2[id]")}
    expected = ["一般性财政拨款收入", "一般公共服务支出", "基本支出", "工资福利支出", "对个人和家庭的补助支出",
                "商品和服务支出", "四个意识", "四个自信", "两个坚决维护", "两降两升", "三率"]
    assert list(headings.values()) == expected and list(headings) == expected
    definition = page.select_one("h2#三率").find_next_sibling("p").get_text()
    assert definition == "及时受理率、按期办结率、群众满意率。"


def test_glossary_entry_lists_the_pages_that_use_it(seed_site):
    page = seed_site.article("glossary")
    notes = [p.get_text() for p in page.select_one("h2#三率").find_next_siblings("p", limit=4)]
    assert any(n.startswith("出现在：") and "年度主要工作任务" in n for n in notes), notes


def test_san_lv_and_si_ge_yi_shi_are_explained_on_the_work_plan_page(seed_site):
    page = seed_site.article("miyi-xinfang/2021/work-plan")
    terms = {a.get_text(): a for a in page.select("a.ob-term")}
    san_lv = next(a for text, a in terms.items() if "三率" in text)
    assert san_lv["title"] == "三率：及时受理率、按期办结率、群众满意率。"
    assert san_lv["href"] == "../../../glossary/#三率"
    assert "进一步提升信访“三率”" in san_lv.parent.get_text()
    si_ge = terms["四个意识"]
    assert si_ge["title"] == "四个意识：政治意识、大局意识、核心意识、看齐意识。"
    assert "十四五" in si_ge.find_previous(["h2", "h3"]).get_text()


def test_no_term_is_marked_inside_headings_links_code_or_table_headers_anywhere(seed_site):
    count = 0
    for path in seed_site.html_files():
        soup = seed_site.page(str(path.relative_to(seed_site.out)))
        for a in soup.select("a.ob-term"):
            count += 1
            assert not a.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "th", "nav"]), path
    assert count >= 8  # the seed pages do use their terms


def test_hand_written_pages_are_marked_too(seed_site):
    about = seed_site.article("about")
    assert any(a.get_text() == "基本支出" for a in about.select("a.ob-term"))
    assert not about.select("code a")  # data/<部门>/<年度>.yaml stays code


def test_cdata_section_passes_through_marking_unchanged():
    html = "<p>三率</p><svg><![CDATA[.a{fill:red}]]></svg><p><![CDATA[x]]>四个意识</p>"
    out, found = marker().mark_html(html, lambda url: url)
    assert "<svg><![CDATA[.a{fill:red}]]></svg>" in out and "<![CDATA[x]]>" in out
    assert found == {"三率", "四个意识"}


def test_terms_that_differ_only_in_spacing_get_their_own_glossary_entries(tmp_path):
    broken_copy(tmp_path, "    - term: 三率\n", "    - term: 三-率\n      definition: （虚构）甲。\n"
                                               "    - term: 三 率\n      definition: （虚构）乙。\n    - term: 三率\n")
    site = load_site(tmp_path / "data", tmp_path)
    body = BeautifulSoup(PageBuilder(site).glossary_page().markdown, "html.parser")
    headings = {h.get_text(): h["id"] for h in body.select("h2[id]")}
    assert headings["三-率"] == "三-率" and headings["三 率"] == "三-率-c896e3" and headings["三率"] == "三率"
    assert len(set(headings.values())) == len(headings)
    index = {a.get_text(): a["href"] for a in body.select("ul.ob-glossary-index a")}
    assert index["三 率"] == "#三-率-c896e3" and index["三-率"] == "#三-率"
    urls = {e.term: e.url for e in site.terms}
    assert urls["三 率"] == "glossary/#三-率-c896e3" and urls["三-率"] == "glossary/#三-率"
