"""The built site, read as HTML: every part of the seed is there, in its own page."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, SEED_TEXT, SEED_YAML, build_or_fail, make_project, minimal_yaml, mkdocs_build, search
from openbudget.sources.loading import load_department_year

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "miyi-xinfang/2021/"
# The seed's numbered sections, in order, and the page each one belongs on.
SEED_SECTIONS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
SEED_PAGES = ["duties", "basic-info", "work-plan", "budget", "expenditure", "three-public", "operating-costs",
              "procurement", "glossary", "performance", "assets"]


def seed_lines_by_page() -> dict[str, list[str]]:
    """Every non-empty line of the original text, grouped by the page that must show it."""
    pages: dict[str, list[str]] = {"": []}
    current = ""
    heading = re.compile(r"^(十一|十|[一二三四五六七八九])、")
    for raw in SEED_TEXT.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if m := heading.match(line):
            current = SEED_PAGES[SEED_SECTIONS.index(m.group(1))]
            pages[current] = []
        pages[current].append(line)
    return pages


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_seed_has_all_eleven_sections():
    assert list(seed_lines_by_page()) == ["", *SEED_PAGES]


@pytest.mark.parametrize("page", ["", *SEED_PAGES])
def test_every_line_of_the_seed_appears_on_its_page(seed_site, page):
    text = squash(seed_site.article(BASE + page).get_text())
    for line in seed_lines_by_page()[page]:
        if page == "" and line.endswith("："):
            line = line[:-1]  # 附件1： is shown as a label
        if page == "glossary" and (m := re.match(r"^\d+\.(.+?)[:：](.+)$", line)):
            term, definition = m.groups()  # 1.三率：… is shown as a term and its definition
            assert squash(term) in text and squash(definition) in text, line
            continue
        assert squash(line) in text, f"missing on /{BASE}{page}: {line}"


def decimal_cells(table) -> list[Decimal]:
    return [Decimal(td.get_text().replace(",", "")) for td in table.select("tbody td.ob-num")
            if not td.get_text().endswith("%") and td.get_text() != "—"]


def test_figure_tables_show_the_yaml_amounts_exactly(seed_site):
    record, _ = load_department_year(SEED_YAML, ROOT)
    dy = record.data
    table = seed_site.article(BASE + "budget").select_one("#income-by-economic table")
    assert decimal_cells(table) == [l.amount for l in dy.budget.by_economic] + [dy.budget.income_total]
    table = seed_site.article(BASE + "expenditure").select_one("#by-function table")
    assert decimal_cells(table) == [l.amount for l in dy.expenditure.by_function] + [Decimal("254.12")]
    assert [td.get_text() for td in table.select("tbody td:first-child")][:4] == ["201", "208", "210", "221"]
    table = seed_site.article(BASE + "assets").select_one("#assets table")
    assert [td.get_text() for td in table.select("td.ob-num")] == [
        "25,260.25", "15.95%", "133,146.21", "84.05%", "158,406.46", "100.00%"]
    caption = table.select_one("caption").get_text()
    assert "单位：元" in caption


def test_shares_of_the_total_are_rounded_half_up(seed_site):
    table = seed_site.article(BASE + "budget").select_one("#income-by-economic table")
    shares = [td.get_text() for td in table.select("tbody td.ob-num") if td.get_text().endswith("%")]
    # 197.04/254.12 = 77.538…, 18.25/254.12 = 7.181…, 5.73/254.12 = 2.254…, 33.1/254.12 = 13.025…
    assert shares == ["77.54%", "7.18%", "2.25%", "13.03%", "100.00%"]


def test_three_public_zeroes_are_shown_not_left_blank(seed_site):
    rows = seed_site.article(BASE + "three-public").select("#three-public tbody tr")
    cells = {r.th.get_text(): r.select("td")[0].get_text() for r in rows}
    assert cells == {"因公出国（境）经费": "0", "公务接待费": "0.3", "公务用车购置及运行维护费": "0",
                     "其中：公务用车购置费": "0", "其中：公务用车运行维护费": "0", "“三公”经费合计": "0.3"}


def test_urls_are_readable_and_stable(seed_site):
    expected = ["index.html", "miyi-xinfang/index.html", BASE + "index.html",
                *(f"{BASE}{s}/index.html" for s in SEED_PAGES), "about/index.html"]
    for path in expected:
        assert (seed_site.out / path).is_file(), path
    assert (seed_site.out / BASE / "three-public" / "index.html").is_file()


def test_navigation_goes_department_then_year_then_section(seed_site):
    nav = seed_site.page(BASE + "three-public").select_one("nav.md-nav--primary")
    labels = [squash(a.get_text()) for a in nav.select("a.md-nav__link, label.md-nav__link")]
    assert "米易县信访局" in labels and "2021年" in labels
    # each section under the document's own heading, in the document's order
    assert labels.index("米易县信访局") < labels.index("2021年") < labels.index("五、支出预算安排情况") \
        < labels.index("六、“三公”经费预算安排情况") < labels.index("七、机关运行经费安排情况说明")


def test_home_page_lists_the_department_with_its_latest_total(seed_site):
    home = seed_site.article("")
    row = home.select_one(".ob-front li")
    assert row.a.get_text() == "米易县信访局"
    assert row.a["href"] == "miyi-xinfang/"
    assert "254.12 万元" in row.get_text() and home.select_one(".ob-front h2").get_text() == "2021年各部门收支总额（万元）"
    assert "本站公开各部门每年的部门预算" in home.get_text()  # the hand-written intro is kept
    assert "怎么核对" in home.get_text()  # it tells residents how to check a figure against the original


def test_every_department_is_one_click_away_from_any_page(seed_site):
    nav = seed_site.page("glossary").select_one("nav.md-nav--primary")
    link = next(a for a in nav.select("a") if a.get_text(strip=True) == "全部部门")
    assert link["href"] == "../departments/"
    listed = seed_site.article("departments").select(".ob-departments tbody th a")
    assert [(a.get_text(), a["href"]) for a in listed] == [("米易县信访局", "../miyi-xinfang/")]


def test_department_folder_cannot_take_a_site_address(tmp_path):
    from openbudget.vocabulary.problems import DataError
    from openbudget.sources.site import load_site

    (tmp_path / "data" / "glossary").mkdir(parents=True)
    shutil.copy(SEED_YAML, tmp_path / "data" / "glossary" / "2021.yaml")
    with pytest.raises(DataError, match="部门文件夹名“glossary”已被网站自身使用"):
        load_site(tmp_path / "data", tmp_path)


def test_overview_shows_headline_figures_and_links_every_section(seed_site):
    overview = seed_site.article(BASE)
    figures = {r.th.get_text(): r.select_one("td.ob-num").get_text() for r in overview.select("#headline ~ div tbody tr")}
    assert figures == {"收入预算总额": "254.12 万元", "基本支出": "221.02 万元", "项目支出": "33.1 万元",
                       "“三公”经费": "0.3 万元", "机关运行经费": "51.35 万元", "资产总额": "158,406.46 元"}
    links = [a["href"] for a in overview.select(".ob-contents a")]
    assert links == [f"{s}/" for s in SEED_PAGES]
    assert [a["href"] for a in overview.select(".ob-downloads a[download]")] == [
        "miyi-xinfang-2021.xlsx", "miyi-xinfang-2021.json", "miyi-xinfang-2021-source.txt"]
    # the published text, marked as UTF-8 so that it shows readable where no charset is sent
    assert (seed_site.out / BASE / "miyi-xinfang-2021-source.txt").read_bytes() == (
        b"\xef\xbb\xbf" + SEED_TEXT.read_bytes())


def test_site_requests_nothing_from_other_hosts(seed_site):
    external = re.compile(r"^(https?:)?//")
    for path in seed_site.html_files():
        soup = seed_site.page(str(path.relative_to(seed_site.out)))
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                          ("source", "src"), ("video", "src"), ("audio", "src")):
            for el in soup.find_all(tag):
                value = el.get(attr) or ""
                if tag == "link" and set(el.get("rel", [])) & {"canonical", "alternate"}:
                    continue
                assert not external.match(value), f"{path}: <{tag} {attr}={value}>"
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8")


def test_the_search_is_in_parts_each_page_indexed_once(seed_site):
    """One part for the site-wide pages (with the library), one per jurisdiction (a site without
    jurisdictions.yaml is one: all), listed for the search page; each HTML page of a part once."""
    out = seed_site.out
    assert json.loads((out / "search" / "parts.json").read_text(encoding="utf-8")) == ["bodies/all/search/"]
    assert (out / "search" / "site" / "pagefind-ui.js").is_file()
    assert not (out / "bodies" / "all" / "search" / "pagefind-ui.js").exists()  # the library once
    department = len(list((out / "miyi-xinfang").rglob("index.html"))) + len(list((out / "bodies" / "all").rglob("index.html")))
    entry = json.loads((out / "bodies" / "all" / "search" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] == department


@pytest.mark.parametrize("boilerplate", ["文字和数字按原文照录", "占比由本站按公开金额计算"])
def test_search_results_are_not_every_page_matching_its_boilerplate(page, seed_url, seed_site, boilerplate):
    """Each section page ends with the same source line, share footnote and download list: indexed,
    a search for 原文, 来源 or 下载 listed every page, and they were a tenth of a county's index."""
    assert search(page, seed_url, boilerplate) == []
    assert [r["url"].split("?")[0] for r in search(page, seed_url, "关于2021年部门预算编制的说明")][:1] == ["/miyi-xinfang/2021/"]
    budget = (seed_site.out / "miyi-xinfang" / "2021" / "budget" / "index.html").read_text(encoding="utf-8")
    assert boilerplate in budget and ">数据下载</h2>" in budget  # still on the page


def test_absent_sections_produce_no_page(tmp_path):
    data = tmp_path / "data"
    (data / "example-test").mkdir(parents=True)
    shutil.copy(FIXTURES / "minimal.yaml", data / "example-test" / "2030.yaml")
    site = build_or_fail(make_project(tmp_path / "project", data), tmp_path / "out")
    year = site.out / "example-test" / "2030"
    assert sorted(p.name for p in year.iterdir()) == ["budget", "example-test-2030.json", "example-test-2030.xlsx", "index.html"]
    assert [a["href"] for a in site.article("example-test/2030/").select(".ob-contents a")] == ["budget/"]


def test_a_section_of_another_kind_gets_its_own_page(tmp_path):
    data = tmp_path / "data"
    (data / "example-test").mkdir(parents=True)
    text = minimal_yaml(
        "  - kind: units\n    heading: 二、部门预算单位构成\n"
        "    paragraphs:\n      - 本部门预算仅包含本级预算（虚构）。\n")
    (data / "example-test" / "2030.yaml").write_text(text, encoding="utf-8")
    site = build_or_fail(make_project(tmp_path / "project", data), tmp_path / "out")
    page = site.article("example-test/2030/units/")
    assert page.h1.get_text() == "二、部门预算单位构成"
    assert "本部门预算仅包含本级预算（虚构）。" in page.get_text()


def test_broken_data_stops_the_build_with_the_place_and_no_traceback(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "miyi-xinfang" / "2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 15.43", "amount: 十三"), encoding="utf-8")
    out = tmp_path / "out"
    result = mkdocs_build(make_project(tmp_path / "project", data), out)
    assert result.returncode == 1
    assert 'data/miyi-xinfang/2021.yaml:' in result.stderr
    assert 'expenditure.by_function[1].amount（金额）：应为金额，实际为 "十三"' in result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "index.html").exists()  # nothing half-published


def test_data_text_is_shown_literally_never_run(tmp_path):
    data = tmp_path / "data"
    (data / "example-test").mkdir(parents=True)
    payloads = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[点我](javascript:alert(1))",
                "{{ config.site_name }}", "{% raw %}x", "**粗体** `代码`", "&lt;已转义&gt;"]
    text = minimal_yaml("  - kind: performance\n    paragraphs:\n" + "".join(f"      - '{p}'\n" for p in payloads))
    (data / "example-test" / "2030.yaml").write_text(text, encoding="utf-8")
    site = build_or_fail(make_project(tmp_path / "project", data), tmp_path / "out")
    page = site.article("example-test/2030/performance/")
    shown = [p.get_text() for p in page.select(".ob-page > p")]
    for payload in payloads:
        assert payload in shown
    assert not page.select("script, img, strong, code, a[href^=javascript]")


def without_three_public() -> str:
    """The seed without its 三公 section (and so without the 2019 comparison that section makes)."""
    text = SEED_YAML.read_text(encoding="utf-8")
    text = text[:text.index("  - kind: three_public")] + text[text.index("  - kind: operating_costs"):]
    return text[:text.index("  - finding: compared-with-2019")]


def test_a_section_a_complete_document_lacks_is_said_plainly_on_the_overview(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "miyi-xinfang" / "2021.yaml").write_text(without_three_public(), encoding="utf-8")
    site = build_or_fail(make_project(tmp_path / "project", data), tmp_path / "out")
    overview = site.article(BASE)
    contents = [li.get_text() for li in overview.select(".ob-contents li")]
    # the document's own outline, then what it lacks (it has no place in the document)
    assert contents[4:6] == ["五、支出预算安排情况", "七、机关运行经费安排情况说明"]
    assert contents[-1] == "本文件未包含“三公”经费"
    assert overview.select(".ob-contents li")[-1].a is None  # no page to link to
    notes = [li.get_text() for li in overview.select("#data-notes ~ ul li")]
    assert not [note for note in notes if "三公" in note]  # a plain fact, not a 数据说明
    assert not (site.out / BASE / "three-public").exists()


def test_validate_passes_a_document_that_lacks_a_section_with_no_acknowledgment(tmp_path):
    from test_cli import openbudget

    (tmp_path / "data" / "miyi-xinfang").mkdir(parents=True)
    (tmp_path / "data" / "miyi-xinfang" / "2021.yaml").write_text(without_three_public(), encoding="utf-8")
    result = openbudget("validate", "data/miyi-xinfang/2021.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "three-public" not in result.stdout


def test_every_page_of_a_document_links_its_official_original_and_publication_date(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "miyi-xinfang" / "2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  title: 关于2021年部门预算编制的说明\n",
        "  title: 关于2021年部门预算编制的说明\n  source_url: https://www.example.gov.cn/xxgk/2021/1.html\n"
        "  published_on: 2021-03-15\n"), encoding="utf-8")
    site = build_or_fail(make_project(tmp_path / "project", data), tmp_path / "out")
    for url in (BASE, BASE + "budget", BASE + "three-public"):
        note = site.article(url).select_one(".ob-source")
        link = note.select_one("a.ob-official")
        assert link["href"] == "https://www.example.gov.cn/xxgk/2021/1.html", url
        assert "（2021-03-15 公开）" in note.get_text()


def test_a_hand_written_page_may_link_to_an_anchor_on_a_generated_page(tmp_path):
    """MkDocs checks such links against the anchors of the generated page, which never passes through
    Markdown; `--strict` (without -q, which drops MkDocs's warnings) stops on a broken one."""
    project = make_project(tmp_path / "project")
    about = project / "content" / "about.md"
    written = about.read_text(encoding="utf-8")

    def build(link: str) -> subprocess.CompletedProcess:
        about.write_text(written + f"\n\n[一般性财政拨款收入]({link})\n", encoding="utf-8")
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                               "-d", str(tmp_path / "out")], capture_output=True, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    assert build("glossary/index.md#一般性财政拨款收入").returncode == 0
    broken = build("glossary/index.md#没有这个词条")
    assert broken.returncode != 0 and "没有这个词条" in broken.stderr
