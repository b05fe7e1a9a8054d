"""Glossary: each term explained where it appears with its own document's definition and source."""

from __future__ import annotations


import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_or_fail, make_project
from openbudget.sources.glossary import STANDARD_FILE, Explained
from openbudget.sources.loading import load_glossary
from openbudget.render.marking import TermMarker, trie_pattern
from openbudget.render.pages import PageBuilder
from openbudget.vocabulary.problems import DataError
from openbudget.sources.site import load_site
from test_loading import broken_copy

TERMS = {"支出": "（虚构）支出", "基本支出": "（虚构）基本支出", "补助支出": "（虚构）补助支出",
         "对个人和家庭的补助支出": "（虚构）对个人和家庭的补助支出", "三率": "（虚构）三率",
         "四个意识": "（虚构）四个意识"}


FIXTURES = ROOT / "tests" / "fixtures" / "glossary"  # 示例甲局/乙局 define 一般性财政拨款收入 differently, 丙局 not at all


def marker(aliases: dict[str, str] | None = None) -> TermMarker:
    names = {t: Explained(t, d, "（虚构）出处", f"glossary/#{t}") for t, d in TERMS.items()}
    for alias, term in (aliases or {}).items():
        names[alias] = Explained(term, TERMS[term], "（虚构）出处", f"glossary/#{term}")
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
    "<table><caption>基本支出预算</caption></table>",
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


def test_a_term_defined_twice_in_one_document_names_both_places(tmp_path):
    path, line, col = broken_copy(tmp_path, "      - term: 三率\n", "      - term: 三率\n        aliases: [四个意识]\n")
    with pytest.raises(DataError) as error:
        load_site(tmp_path / "data", tmp_path)
    [problem] = error.value.problems
    assert str(problem) == (
        f"data/miyi-xinfang/2021.yaml:{line}:{col + 8} glossary.terms[10]：“四个意识”在这份文件中已用于 "
        f"data/miyi-xinfang/2021.yaml:{line - 8} 处的名词“四个意识”；同一份文件中一个名词只能有一条解释")


def test_two_departments_defining_a_term_differently_both_keep_their_wording():
    site = load_site(FIXTURES, ROOT)
    [entry] = [e for e in site.terms if e.term == "一般性财政拨款收入"]
    assert [(w.definition, [o.source for o in w.origins]) for w in entry.wordings] == [
        ("（虚构）甲局的解释：财政当年拨付示例甲局的资金。", ["示例甲局（虚构） 2030年"]),
        ("（虚构）乙局的解释：县财政通过部门预算拨给示例乙局的经费。", ["示例乙局（虚构） 2030年"])]


def test_seed_term_worded_as_the_standard_one_is_one_wording_with_both_sources():
    site = load_site(ROOT / "data", ROOT)
    [entry] = [e for e in site.terms if e.term == "基本支出"]
    [wording] = entry.wordings
    assert [o.source for o in wording.origins] == ["米易县信访局 2021年", "本站据财政部部门预算公开模板中的名词解释整理"]
    assert entry.origins[0].startswith("data/miyi-xinfang/2021.yaml:")
    assert entry.origins[1].startswith("hooks/openbudget/data/standard-terms.yaml:")


def test_department_only_term_joins_the_site_glossary(tmp_path):
    path, _, _ = broken_copy(tmp_path, "      - term: 三率\n", "      - term: 五无\n        definition: （虚构）五种“无”。\n      - term: 三率\n")
    site = load_site(tmp_path / "data", tmp_path)
    terms = [e.term for e in site.terms]
    assert terms[9:12] == ["两降两升", "五无", "三率"]  # the document's order, before the standard-only terms
    assert terms[12] == "财政拨款收入"


def test_shared_glossary_left_in_data_is_named_with_where_glossaries_go_now(tmp_path):
    broken_copy(tmp_path, "year: 2021 ", "year: 2021 ")
    (tmp_path / "data" / "glossary.yaml").write_text("terms: []\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_site(tmp_path / "data", tmp_path)
    assert [str(p) for p in error.value.problems] == [
        "data/glossary.yaml:1:1 data/ 中不再放 glossary.yaml：各部门的名词解释写在该部门年度文件的 glossary 中"
        "（网站注明出自哪个部门哪一年），全站通用的名词解释在 hooks/openbudget/data/standard-terms.yaml"]


def test_every_standard_term_names_its_source_and_none_is_a_departments_wording():
    standard, _ = load_glossary(STANDARD_FILE, ROOT)
    terms = {t.term: t.source for t in standard.terms}
    assert terms["三公经费"] == "本站据财政部部门预算公开模板中的名词解释整理"
    assert terms["一般公共预算"] == "本站据《中华人民共和国预算法》第六条整理"
    assert {"三公经费", "机关运行经费", "基本支出", "项目支出", "财政拨款收入", "一般公共预算", "政府采购",
            "政府性基金", "上年结转"} <= set(terms)
    assert "一般性财政拨款收入" not in terms and all(t.source.strip() for t in standard.terms)
    assert STANDARD_FILE.read_text(encoding="utf-8").splitlines()[0] == \
        "# yaml-language-server: $schema=../../../schema/glossary.schema.json"


@pytest.fixture(scope="module")
def two_departments(tmp_path_factory):
    """示例甲局 and 示例乙局 define 一般性财政拨款收入 differently; 示例丙局 uses it undefined."""
    folder = tmp_path_factory.mktemp("glossary-departments")
    return build_or_fail(make_project(folder / "project", FIXTURES), folder / "out")


def tooltips(site, url: str) -> dict[str, str]:
    return {a.get_text(): a["title"] for a in site.article(url).select("a.ob-term")}


def test_each_department_page_explains_the_term_with_its_own_wording_and_source(two_departments):
    assert tooltips(two_departments, "example-jia/2030/duties")["一般性财政拨款收入"] == (
        "一般性财政拨款收入：（虚构）甲局的解释：财政当年拨付示例甲局的资金。（出处：示例甲局（虚构） 2030年）")
    assert tooltips(two_departments, "example-yi/2030/duties")["一般性财政拨款收入"] == (
        "一般性财政拨款收入：（虚构）乙局的解释：县财政通过部门预算拨给示例乙局的经费。（出处：示例乙局（虚构） 2030年）")


def test_department_that_does_not_define_a_term_gets_the_standard_one_never_another_departments(two_departments):
    shown = tooltips(two_departments, "example-bing/2030/duties")
    assert "一般性财政拨款收入" not in shown and "示例工作法" not in shown  # no department's wording
    assert shown["财政拨款收入"] == (  # the standard term inside 一般性财政拨款收入
        "财政拨款收入：指本级财政当年拨付给部门的资金。（出处：本站据财政部部门预算公开模板中的名词解释整理）")
    assert shown["“三公”经费"].startswith("三公经费：部门用财政拨款安排的因公出国（境）费")
    page = two_departments.article("example-bing/2030/duties").get_text()
    assert "甲局的解释" not in page and "乙局的解释" not in page
    # 甲局 uses 三公 without defining it: the standard wording there too
    assert tooltips(two_departments, "example-jia/2030/duties")["“三公”经费"] == shown["“三公”经费"]


def test_glossary_page_lists_both_wordings_under_one_term_with_their_departments(two_departments):
    page = two_departments.article("glossary")
    heading = page.select_one("h2#一般性财政拨款收入")
    shown = []
    for p in heading.find_next_siblings("p"):
        if p.find_previous("h2") is not heading:
            break
        shown.append(p.get_text())
    assert shown[:4] == ["（虚构）甲局的解释：财政当年拨付示例甲局的资金。", "出处：示例甲局（虚构） 2030年",
                         "（虚构）乙局的解释：县财政通过部门预算拨给示例乙局的经费。", "出处：示例乙局（虚构） 2030年"]
    links = [a["href"] for a in heading.find_next_siblings("p", limit=4)[1].select("a")]
    assert links == ["../example-jia/2030/glossary/#term-1"]
    same = page.select_one("h2#示例工作法").find_next_siblings("p", limit=2)
    assert [p.get_text() for p in same] == ["（虚构）两局解释相同的名词。", "出处：示例甲局（虚构） 2030年、示例乙局（虚构） 2030年"]
    standard = page.select_one("h2#三公经费").find_next_siblings("p", limit=2)[1].get_text()
    assert standard == "本站通用解释，出处：本站据财政部部门预算公开模板中的名词解释整理"


def test_the_linked_glossary_section_has_the_terms_anchor(two_departments):
    section = two_departments.article("example-jia/2030/glossary")
    assert section.select_one("dt#term-1").get_text() == "一般性财政拨款收入"


def test_seed_glossary_page_has_every_term_at_its_own_anchor(seed_site):
    page = seed_site.article("glossary")
    headings = {h["id"]: h.get_text() for h in page.select("h2[id]")}
    expected = ["一般性财政拨款收入", "一般公共服务支出", "基本支出", "工资福利支出", "对个人和家庭的补助支出",
                "商品和服务支出", "四个意识", "四个自信", "两个坚决维护", "两降两升", "三率",
                # then the standard terms the seed does not define
                "财政拨款收入", "一般公共预算", "政府性基金预算", "政府性基金", "上年结转", "项目支出", "三公经费",
                "机关运行经费", "政府采购"]
    assert list(headings.values()) == expected and list(headings) == expected
    definition = page.select_one("h2#三率").find_next_sibling("p").get_text()
    assert definition == "及时受理率、按期办结率、群众满意率。"


def test_glossary_entry_lists_the_pages_that_use_it(seed_site):
    page = seed_site.article("glossary")
    notes = [p.get_text() for p in page.select_one("h2#三率").find_next_siblings("p", limit=4)]
    assert any(n.startswith("出现在：") and "2021年主要工作任务" in n for n in notes), notes


def test_san_lv_and_si_ge_yi_shi_are_explained_on_the_work_plan_page(seed_site):
    page = seed_site.article("miyi-xinfang/2021/work-plan")
    terms = {a.get_text(): a for a in page.select("a.ob-term")}
    san_lv = next(a for text, a in terms.items() if "三率" in text)
    assert san_lv["title"] == "三率：及时受理率、按期办结率、群众满意率。（出处：米易县信访局 2021年）"
    assert san_lv["href"] == "../../../glossary/#三率"
    assert "进一步提升信访“三率”" in san_lv.parent.get_text()
    si_ge = terms["四个意识"]
    assert si_ge["title"] == "四个意识：政治意识、大局意识、核心意识、看齐意识。（出处：米易县信访局 2021年）"
    assert "十四五" in si_ge.find_previous(["h2", "h3"]).get_text()


def test_no_term_is_marked_inside_headings_links_code_or_table_headers_anywhere(seed_site):
    count = 0
    for path in seed_site.html_files():
        soup = seed_site.page(str(path.relative_to(seed_site.out)))
        for a in soup.select("a.ob-term"):
            count += 1
            assert not a.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "th", "caption", "nav"]), path
            assert not a.find_parent(class_="ob-context"), path  # the line naming department, year and section
    assert count >= 8  # the seed pages do use their terms


def test_hand_written_pages_are_marked_too(seed_site):
    about = seed_site.article("about")
    [title, *_] = [a["title"] for a in about.select("a.ob-term") if a.get_text() == "基本支出"]
    assert title.endswith("（出处：本站据财政部部门预算公开模板中的名词解释整理）")  # no department's wording there
    assert not about.select("code a")  # data/<部门>/<年度>.yaml stays code


def test_cdata_section_passes_through_marking_unchanged():
    html = "<p>三率</p><svg><![CDATA[.a{fill:red}]]></svg><p><![CDATA[x]]>四个意识</p>"
    out, found = marker().mark_html(html, lambda url: url)
    assert "<svg><![CDATA[.a{fill:red}]]></svg>" in out and "<![CDATA[x]]>" in out
    assert found == {"三率", "四个意识"}


def test_terms_that_differ_only_in_spacing_get_their_own_glossary_entries(tmp_path):
    broken_copy(tmp_path, "      - term: 三率\n", "      - term: 三-率\n        definition: （虚构）甲。\n"
                                               "      - term: 三 率\n        definition: （虚构）乙。\n      - term: 三率\n")
    site = load_site(tmp_path / "data", tmp_path)
    body = BeautifulSoup(PageBuilder(site).glossary_page().markdown, "html.parser")
    headings = {h.get_text(): h["id"] for h in body.select("h2[id]")}
    assert headings["三-率"] == "三-率" and headings["三 率"] == "三-率-c896e3" and headings["三率"] == "三率"
    assert len(set(headings.values())) == len(headings)
    index = {a.get_text(): a["href"] for a in body.select("ul.ob-glossary-index a")}
    assert index["三 率"] == "#三-率-c896e3" and index["三-率"] == "#三-率"
    urls = {e.term: e.url for e in site.terms}
    assert urls["三 率"] == "glossary/#三-率-c896e3" and urls["三-率"] == "glossary/#三-率"


def test_standard_term_without_its_source_is_refused(tmp_path):
    path = tmp_path / "standard-terms.yaml"
    path.write_text("terms:\n  - term: 三公经费\n    definition: （虚构）解释。\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_glossary(path, tmp_path)
    assert [str(p) for p in error.value.problems] == [
        "standard-terms.yaml:2:5 terms[0].source（出处（依据的文件；本站改写的写“本站据……整理”））：缺少必填字段，请补上"]


def test_marking_builds_one_automaton_per_document_not_per_page(monkeypatch):
    """A county has hundreds of pages: each document's terms are compiled once."""
    from types import SimpleNamespace

    from mkdocs.config import load_config

    from openbudget.build import events

    built: list[dict] = []

    class Counting(events.TermMarker):
        def __init__(self, terms):
            built.append(terms)
            super().__init__(terms)

    monkeypatch.setattr(events, "TermMarker", Counting)
    build = events.Build(load_config(str(ROOT / "mkdocs.yml")), serving=False)
    for url in ["miyi-xinfang/2021/", "miyi-xinfang/2021/work-plan/", "miyi-xinfang/2021/glossary/", "",
                "about/", "miyi-xinfang/2021/duties/", "glossary/"]:
        build.on_page_content("<p>三率、基本支出</p>", SimpleNamespace(url=url, title="页", meta={}, markdown="", file=SimpleNamespace(abs_src_path="页.md")))
    assert len(built) == 2  # the seed document's, and the standard one for pages without a document
    assert built[0]["三率"].source == "米易县信访局 2021年" and "三率" not in built[1]
