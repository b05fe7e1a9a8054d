"""A year's 预算 and 决算 side by side (synthetic fixture 示例局（虚构）, beside the seed).

tests/fixtures/phases/shili-ju: 2020 预算, 2021 预算, 2021 决算 (2021-final.yaml) and a 2019
决算 with no 预算 of its year. Every expected figure below is worked out by hand from those files.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_or_fail, make_project, serve

FIXTURE = Path(__file__).parent / "fixtures" / "phases" / "shili-ju"
FINAL = "shili-ju/2021/final/"
EXECUTION = "shili-ju/2021/budget-vs-actual/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phases")
    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(FIXTURE, data / "shili-ju")
    return build_or_fail(make_project(folder / "project", data), folder / "out")


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def group(page, group_id: str) -> dict[str, dict[str, str]]:
    """One table of the budget-against-actual page: row → column → cell text."""
    table = page.select_one(f"#{group_id}-caption").parent
    heads = [th.get_text() for th in table.select("thead th")]
    return {tr.th.get_text(): {h: td.get_text() for h, td in zip(heads[1:], tr.select("td"))}
            for tr in table.select("tbody tr")}


# --- files and addresses -------------------------------------------------------------

def test_final_pages_live_under_final_and_the_budget_addresses_are_unchanged(site):
    for url in ("shili-ju/2021/", "shili-ju/2021/three-public/", FINAL, FINAL + "three-public/",
                FINAL + "assets/", "shili-ju/2019/final/", EXECUTION, "shili-ju/compare/", "shili-ju/compare/final/",
                "miyi-xinfang/2021/", "miyi-xinfang/2021/three-public/"):
        assert (site.out / url / "index.html").is_file(), url
    # a year without a 预算 has no 预算 pages, and no budget-against-actual page
    assert not (site.out / "shili-ju/2019/index.html").exists()
    assert not (site.out / "shili-ju/2019/budget-vs-actual").exists()
    assert not (site.out / "shili-ju/2020/budget-vs-actual").exists()


def test_downloads_of_a_final_say_final_in_their_names(site):
    names = {p.name for p in (site.out / "shili-ju" / "2021").rglob("*") if p.suffix in (".csv", ".json")}
    assert {"shili-ju-2021-final-three-public.csv", "shili-ju-2021-final.json",
            "shili-ju-2021-final-budget-income-by-source.csv", "shili-ju-2021-three-public.csv", "shili-ju-2021.json",
            "shili-ju-2021-budget-vs-actual.csv"} <= names
    assert (site.out / "miyi-xinfang/2021/three-public/miyi-xinfang-2021-three-public.csv").is_file()


def test_datapackage_says_approved_for_a_budget_and_executed_for_a_final(site):
    package = json.loads((site.out / "datapackage.json").read_text(encoding="utf-8"))
    phase = {r["name"]: r.get("phase") for r in package["resources"]}
    assert phase["shili-ju-2021-final-three-public"] == "executed"
    assert phase["shili-ju-2021-three-public"] == "approved"
    assert phase["miyi-xinfang-2021-three-public"] == "approved"
    titles = {r["name"]: r["title"] for r in package["resources"]}
    assert titles["shili-ju-2021-final-three-public"] == "示例局（虚构） 2021年决算 “三公”经费决算"


def test_all_figures_csv_says_which_kind_of_document_each_figure_is_from(site):
    rows = list(csv.DictReader(io.StringIO((site.out / "all-figures.csv").read_text(encoding="utf-8-sig"))))
    reception = [(r["年度"], r["文件类型"], r["金额"], r["单位"]) for r in rows
                 if r["部门代码"] == "shili-ju" and r["项目"] == "公务接待费"]
    assert reception == [("2020", "预算", "1.5", "万元"), ("2021", "预算", "1", "万元"), ("2021", "决算", "8000", "元")]


# --- navigation and words --------------------------------------------------------------

def test_navigation_puts_the_final_in_its_own_group_under_its_year(site):
    page = site.page(FINAL)
    labels = [text(a) for a in page.select("nav.md-nav--primary .md-nav__link")]
    at = labels.index("2021年")
    assert labels[at:at + 8] == ["2021年", "年度概览", "一、收支预算总体情况", "二、支出预算安排情况",
                                 "三、“三公”经费预算", "四、机关运行经费", "五、政府采购预算", "2021年决算"]
    assert labels[at + 8:at + 16] == ["决算概览", "一、收入支出决算总体情况", "二、财政拨款支出决算情况",
                                      "三、“三公”经费决算情况", "四、机关运行经费", "五、政府采购支出情况",
                                      "六、国有资产占用情况", "预算执行情况"]
    assert "历年决算对比" in labels
    # a year with only a 决算 (the navigation opens the year of the page shown)
    labels = [text(a) for a in site.page("shili-ju/2019/final/").select("nav.md-nav--primary .md-nav__link")]
    assert labels[labels.index("2019年") + 1:labels.index("2019年") + 3] == ["2019年决算", "决算概览"]


def test_a_final_says_final_in_its_title_heading_breadcrumbs_and_glance(site):
    page = site.page(FINAL)
    assert page.title.get_text().startswith("示例局（虚构） 2021年决算概览")
    article = site.article(FINAL)
    assert text(article.h1) == "示例局（虚构） 2021年部门决算"
    assert text(article.select_one(".ob-breadcrumbs")) == "示例局（虚构） 2021年部门决算"
    assert text(article.select_one("#glance-title")) == "收入决算总额"
    assert text(article.select_one("#headline-caption")) == "2021年主要决算数字（按原文单位）"
    assert text(article.select_one(".ob-others")) == "本年度另见： 2021年部门预算 、 2021年预算执行情况 。"
    section = site.article(FINAL + "three-public/")
    assert text(section.select_one(".ob-breadcrumbs")) == "示例局（虚构） 2021年部门决算 三、“三公”经费决算情况"
    assert text(section.select_one(".ob-years")) == "年度： 2021年决算 2019年决算（未公开）"
    assert text(section.select_one("#three-public-caption")) == "“三公”经费决算（单位：元）"


def test_search_results_name_the_final(site):
    """What Pagefind shows with each result (overrides/main.html): department, year and kind."""
    def where(url):
        return [m["data-pagefind-meta"] for m in site.article(url).select("[data-pagefind-meta]")]
    assert where(FINAL + "three-public/") == ["部门:示例局（虚构）", "年度:2021年", "文件:决算"]
    assert where("shili-ju/2021/three-public/") == ["部门:示例局（虚构）", "年度:2021年", "文件:预算"]


def test_a_finals_change_is_against_last_years_final_not_last_years_budget(site):
    # 2020 has a 预算 (190 万元) but no 决算: the 2021 决算 (210.5) has no last year to compare with
    assert text(site.article(FINAL).select_one(".ob-glance__change")) == "上年未公开"
    assert text(site.article("shili-ju/2021/").select_one(".ob-glance__change")) \
        == "较上年增加 10 万元（5.26%） 与本站 2020 年数据相比"


def test_comparison_over_years_compares_budgets_with_budgets_and_finals_with_finals(site):
    budgets = site.article("shili-ju/compare/")
    assert [th.get_text() for th in budgets.select("#headline-caption")[0].parent.select("thead th")][1:3] \
        == ["2020年", "2021年"]
    assert "2021年预算执行情况" in text(budgets.select_one(".ob-executions"))
    finals = site.article("shili-ju/compare/final/")
    assert text(finals.h1) == "示例局（虚构） 历年决算对比"
    head = finals.select_one("#headline-caption").parent
    assert [th.get_text() for th in head.select("thead th")][2:4] == ["2019年", "2021年"]
    assert [td.get_text() for td in head.select("tbody tr")[0].select("td")][:3] == ["万元", "170", "210.5"]
    assert head.select("tbody tr")[0].th.get_text() == "收入决算总额"


def test_department_page_lists_budgets_finals_and_the_budget_against_actual(site):
    page = site.article("shili-ju/")
    captions = [text(c) for c in page.select("caption")]
    assert captions == ["各年度部门预算", "各年度部门决算"]
    assert "2021年预算执行情况" in text(page.select_one(".ob-executions"))


def test_seed_department_page_reads_as_before(site):
    page = site.article("miyi-xinfang/")
    assert text(page.select_one(".ob-glance__year")) == "2021年部门预算 ："
    assert [text(c) for c in page.select("caption")] == ["各年度部门预算"]
    assert text(site.article("miyi-xinfang/2021/").h1) == "米易县信访局 2021年部门预算"


# --- the 决算's 三公 with its 预算数 ---------------------------------------------------------

def test_final_three_public_page_shows_budgeted_and_actual_with_the_reason(site):
    page = site.article(FINAL + "three-public/")
    table = page.select_one("#three-public-budgeted-caption").parent
    assert text(table.caption) == "“三公”经费预算数与决算数（单位：元）"
    rows = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")}
    assert rows == {"因公出国（境）经费": ["0", "0"], "公务接待费": ["10,000", "8,000"],
                    "公务用车购置及运行维护费": ["20,000", "16,000"], "其中：公务用车购置费": ["0", "0"],
                    "其中：公务用车运行维护费": ["20,000", "16,000"], "“三公”经费合计": ["30,000", "24,000"]}
    assert text(page.select_one(".ob-reason")) == \
        "决算数与预算数差异原因（按原文）： 严格执行中央八项规定精神，压减公务接待和公务用车运行支出（虚构）。"


# --- budget against actual -----------------------------------------------------------

RATES = {  # 决算 ÷ 预算 × 100, half-up to 2 places, by hand
    "totals": {"收入总额": "105.25%", "支出总额": "—", "基本支出": "100.31%", "项目支出": "125.00%"},
    "by-source": {"一般公共预算拨款收入": "105.83%", "上年结转": "100.00%"},
    "by-economic": {"工资福利支出": "98.50%", "商品和服务支出": "111.00%", "对个人和家庭的补助": "90.00%",
                    "项目支出": "125.00%"},
    "by-function": {"一般公共服务支出": "103.67%", "社会保障和就业支出": "100.00%", "城乡社区支出": "—",
                    "卫生健康支出": "—"},
    "three-public": {"“三公”经费合计": "80.00%", "因公出国（境）经费": "—", "公务接待费": "80.00%",
                     "公务用车购置及运行维护费": "80.00%", "其中：公务用车购置费": "—",
                     "其中：公务用车运行维护费": "80.00%"},
    # 8.01 ÷ 8 = 100.125%: half-up gives 100.13 (half-even would give 100.12)
    "others": {"机关运行经费": "105.60%", "政府采购": "100.13%", "资产总额": "—", "流动资产": "—", "非流动资产": "—"},
}


def test_budget_against_actual_shows_the_execution_rate_of_every_figure(site):
    page = site.article(EXECUTION)
    assert text(page.h1) == "示例局（虚构） 2021年预算执行情况"
    assert "四舍五入保留两位小数" in text(page)
    for group_id, expected in RATES.items():
        assert {row: cells["执行率"] for row, cells in group(page, group_id).items()} == expected, group_id


def test_budget_against_actual_shows_budget_actual_and_difference_in_one_unit(site):
    page = site.article(EXECUTION)
    three = group(page, "three-public")
    # the 预算 states 三公 in 万元 (1 万元), the 决算 in 元: converted exactly to the 决算's unit
    assert three["公务接待费"] == {"预算数": "10,000", "决算数": "8,000", "决算较预算": "-2,000（-20.00%）", "执行率": "80.00%",
                                   "差异原因（按原文）": ""}
    assert three["“三公”经费合计"]["差异原因（按原文）"] == "严格执行中央八项规定精神，压减公务接待和公务用车运行支出（虚构）。"
    # the 预算 leaves 因公出国 unstated: its 预算数 is the one the 决算 states (marked †)
    assert three["因公出国（境）经费"]["预算数"] == "0†（取自决算所列预算数）"
    assert group(page, "totals")["收入总额"] == {"预算数": "200", "决算数": "210.5", "决算较预算": "+10.5（+5.25%）", "执行率": "105.25%"}


def test_a_figure_in_one_document_only_is_unpublished_in_the_other(site):
    page = site.article(EXECUTION)
    assert group(page, "totals")["支出总额"]["预算数"] == "未公开"
    function = group(page, "by-function")
    assert function["城乡社区支出"]["预算数"] == "未公开" and function["城乡社区支出"]["决算数"] == "25"
    assert function["卫生健康支出"]["决算数"] == "未公开" and function["卫生健康支出"]["预算数"] == "20"
    others = group(page, "others")
    assert others["资产总额"] == {"单位": "元", "预算数": "未公开", "决算数": "500,000", "决算较预算": "—", "执行率": "—"}


def test_budget_against_actual_has_a_chart_of_the_largest_differences_and_a_csv(site):
    page = site.article(EXECUTION)
    chart = page.select_one("figure.ob-chart")
    assert chart is not None and chart["id"] == "chart-largest-differences"
    alt = chart.img["alt"]
    # largest parts (totals left out), in 万元: 项目支出 +10 (economic), 项目支出 +10, 一般公共预算拨款收入 +10.5 …
    assert alt.startswith("条形图：决算数与预算数差额最大的 5 项")
    assert "收入按来源：一般公共预算拨款收入 +10.5 万元" in alt
    assert (site.out / EXECUTION / "chart-largest-differences.svg").is_file()
    rows = list(csv.reader(io.StringIO((site.out / EXECUTION / "shili-ju-2021-budget-vs-actual.csv")
                                       .read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["部门", "年度", "分组", "项目", "单位", "预算数", "决算数", "差额（决算数−预算数）",
                       "执行率（%，本站计算）", "预算数出处", "差异原因（按原文）"]
    by_item = {(r[2], r[3]): r for r in rows[1:]}
    assert by_item[("机关运行经费、政府采购和国有资产", "政府采购")][5:9] == ["8", "8.01", "0.01", "100.13"]
    assert by_item[("按支出功能分类", "城乡社区支出")][5:9] == ["", "25", "", ""]
    assert by_item[("“三公”经费", "因公出国（境）经费")][9] == "决算所列预算数"


def test_budget_against_actual_is_linked_from_both_overviews(site):
    for url in ("shili-ju/2021/", FINAL):
        links = [a["href"] for a in site.article(url).select(".ob-others a")]
        assert any(href.endswith("budget-vs-actual/") for href in links), url


# --- the file's name and its kind ----------------------------------------------------

def load(tmp_path: Path, name: str, edit=lambda s: s):
    from openbudget.sources.site import load_department_file

    folder = tmp_path / "data" / "shili-ju"
    folder.mkdir(parents=True)
    source = FIXTURE / ("2021-final.yaml" if "final" in name or "决算" in name or name.startswith("2021f")
                        else "2021.yaml")
    (folder / name).write_text(edit(source.read_text(encoding="utf-8")), encoding="utf-8")
    return load_department_file(folder / name, tmp_path)


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_a_final_file_without_phase_stops_with_where_to_write_it(tmp_path):
    record, problems = load(tmp_path, "2021-final.yaml", lambda s: s.replace("  phase: 决算\n", ""))
    assert record is None
    assert messages(problems) == ["data/shili-ju/2021-final.yaml:4:1 document（文件信息）：文件名是 2021-final.yaml（决算），"
                                  "但 document 中没有写 phase：请在 document 下写 phase: 决算（不写时按预算处理）"]


def test_a_final_file_saying_budget_stops_at_its_phase(tmp_path):
    record, problems = load(tmp_path, "2021-final.yaml", lambda s: s.replace("phase: 决算", "phase: 预算"))
    assert record is None
    assert messages(problems) == ["data/shili-ju/2021-final.yaml:5:10 document.phase（文件类型）：文件名是 2021-final.yaml（决算），"
                                  "但 document.phase 写的是 预算：预算的文件名应为 2021.yaml，决算应写 phase: 决算"]


def test_a_budget_file_saying_final_stops_at_its_phase(tmp_path):
    record, problems = load(tmp_path, "2021.yaml", lambda s: s.replace("document:\n", "document:\n  phase: 决算\n"))
    assert messages(problems) == ["data/shili-ju/2021.yaml:5:10 document.phase（文件类型）：文件名是 2021.yaml（预算），"
                                  "但 document.phase 写的是 决算：决算的文件名应为 2021-final.yaml，预算应写 phase: 预算"]


def test_three_public_budgeted_in_a_budget_is_an_error(tmp_path):
    record, problems = load(tmp_path, "2021.yaml", lambda s: s.replace(
        "    total: 3\n", "    total: 3\n    reason: 原因（虚构）\n"))
    assert messages(problems) == ["data/shili-ju/2021.yaml:46:5 three_public.reason（决算数与预算数差异原因（按原文））："
                                  "只有决算的“三公”经费写 reason（预算数、与预算数的差异原因）；这份文件是预算，请删除这一项"]


@pytest.mark.parametrize("name", ["2021final.yaml", "2021-决算.yaml", "2021-Final.yaml", "2021-final.yml"])
def test_a_near_miss_final_file_name_names_the_file_name_expected(tmp_path, name):
    from openbudget.sources.site import scan

    folder = tmp_path / "data" / "shili-ju"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURE / "2021.yaml", folder / "2021.yaml")
    shutil.copy(FIXTURE / "2021-final.yaml", folder / name)
    records, _, problems = scan(tmp_path / "data", tmp_path)
    assert messages(problems) == [f"data/shili-ju/{name}:1:1 文件名应为 2021-final.yaml（年度文件只能命名为 2021.yaml（预算）、"
                                  "2021-adjusted.yaml（调整预算）或 2021-final.yaml（决算）），否则这个文件不会被读取"]
    assert [r.key for r in records] == ["shili-ju/2021"]


def test_a_finals_published_text_is_offered_beside_it(tmp_path):
    from openbudget.sources.site import load_site

    folder = tmp_path / "data" / "shili-ju"
    folder.mkdir(parents=True)
    for name in ("2021.yaml", "2021-final.yaml"):
        shutil.copy(FIXTURE / name, folder / name)
    (folder / "2021-final.source.txt").write_text("示例局2021年部门决算说明（虚构）\n", encoding="utf-8")
    site = load_site(tmp_path / "data", tmp_path)
    assert {k: p.name for k, p in site.sources.items()} == {"shili-ju/2021/final": "2021-final.source.txt"}


# --- new-year --kind ------------------------------------------------------------------

def test_new_year_kind_final_writes_the_final_file_with_its_phase(tmp_path):
    folder = tmp_path / "data" / "shili-ju"
    shutil.copytree(FIXTURE, folder)
    result = subprocess.run([sys.executable, "-m", "openbudget", "new-year", "shili-ju", "2022", "--kind", "决算"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    written = (folder / "2022-final.yaml").read_text(encoding="utf-8")
    assert 'document:  # 文件信息\n  phase: "决算"  # 文件类型\n' in written
    assert "budgeted:" in written  # made from the 2021 决算: its 三公 预算数 block is kept to fill in
    assert "已生成 data/shili-ju/2022-final.yaml（根据 2021-final.yaml）" in result.stdout
    result = subprocess.run([sys.executable, "-m", "openbudget", "new-year", "shili-ju", "2022"],
                            cwd=tmp_path, capture_output=True, text=True)
    written = (folder / "2022.yaml").read_text(encoding="utf-8")
    assert "phase:" not in written and "budgeted:" not in written
    assert "已生成 data/shili-ju/2022.yaml（根据 2021.yaml）" in result.stdout


# --- an adjusted budget, and a department that has published only a 决算 ---------------

def builder(tmp_path: Path, files: dict[str, str]):
    from openbudget.render.pages import PageBuilder
    from openbudget.sources.site import load_site

    folder = tmp_path / "data" / "shili-ju"
    folder.mkdir(parents=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return PageBuilder(load_site(tmp_path / "data", tmp_path))


def test_an_adjusted_budget_has_its_own_pages_and_says_adjusted(tmp_path):
    budget = (FIXTURE / "2021.yaml").read_text(encoding="utf-8")
    pages = builder(tmp_path, {"2021.yaml": budget,
                               "2021-adjusted.yaml": budget.replace("document:\n", "document:\n  phase: 调整预算\n")})
    by_src = {p.src: p for p in pages.pages({})}
    overview = by_src["shili-ju/2021/adjusted/index.md"]
    assert (overview.title, overview.label) == ("2021年调整预算概览", "示例局（虚构） 2021年调整预算概览")
    three = by_src["shili-ju/2021/adjusted/three-public/index.md"]
    assert [(d.path, d.resource["phase"]) for d in three.downloads] == [
        ("shili-ju/2021/adjusted/three-public/shili-ju-2021-adjusted-three-public.csv", "adjusted")]
    assert "shili-ju/2021/budget-vs-actual/index.md" not in by_src  # a 预算执行情况 needs a 决算
    year = next(item for d in pages.nav([], []) if "示例局（虚构）" in d for item in d["示例局（虚构）"] if "2021年" in item)
    assert [next(iter(entry)) for entry in year["2021年"]][-1] == "2021年调整预算"


def test_a_department_with_only_a_final_has_its_pages_and_home_listing(tmp_path):
    pages = builder(tmp_path, {"2021-final.yaml": (FIXTURE / "2021-final.yaml").read_text(encoding="utf-8")})
    by_src = {p.src: p for p in pages.pages({})}
    assert "shili-ju/2021/final/index.md" in by_src and "shili-ju/2021/index.md" not in by_src
    department = by_src["shili-ju/index.md"].body
    assert "2021年部门决算" in department and "各年度部门决算" in department and "各年度部门预算" not in department
    listing = pages.home_listing("")
    assert "2021年各部门收支总额（万元）" in listing and "210.5 万元（收入决算总额）" in listing


# --- in a real browser ----------------------------------------------------------------

PHONE = {"width": 360, "height": 740}
BROWSER_PAGES = [EXECUTION, FINAL, FINAL + "three-public/", "shili-ju/compare/final/", "shili-ju/"]


@pytest.fixture(scope="module")
def site_url(site):
    base, server = serve(site.out)
    yield base
    server.shutdown()


@pytest.mark.parametrize("url", BROWSER_PAGES)
def test_final_and_budget_against_actual_pages_have_no_accessibility_violations(page, site_url, url):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + url)
    result = Axe().run(page)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]] == []
    levels = page.eval_on_selector_all("article h1, article h2, article h3", "hs => hs.map(h => Number(h.tagName[1]))")
    assert levels[0] == 1 and levels.count(1) == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))
    assert page.console_errors == []


def test_budget_against_actual_reads_as_labelled_cards_on_a_phone(browser, site_url):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(site_url + EXECUTION)
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    cell = tab.locator("#three-public-reception td[data-label='执行率']")
    # each figure on its own line with its column's name before it (the header row is hidden)
    assert tab.evaluate("e => getComputedStyle(e, '::before').content", cell.element_handle()) == '"执行率"'
    assert cell.inner_text().strip().endswith("80.00%")
    context.close()


def test_import_kind_final_writes_the_final_file_its_text_and_its_phase(tmp_path):
    from conftest import SEED_TEXT
    from openbudget.commands.cli import main
    from openbudget.sources.site import load_department_file

    assert main(["--root", str(tmp_path), "import", str(SEED_TEXT), "--department", "shili-ju", "--year", "2021",
                 "--kind", "决算"]) == 0
    folder = tmp_path / "data" / "shili-ju"
    assert sorted(p.name for p in folder.iterdir()) == ["2021-final.source.txt", "2021-final.yaml"]
    assert "\n  phase: 决算   # 文件类型\n" in (folder / "2021-final.yaml").read_text(encoding="utf-8")
    record, problems = load_department_file(folder / "2021-final.yaml", tmp_path)
    assert not [str(p) for p in problems if "phase" in str(p) or "文件名" in str(p)]


def test_validate_of_a_misnamed_final_names_the_file_name_expected(tmp_path):
    folder = tmp_path / "data" / "shili-ju"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURE / "2021-final.yaml", folder / "2021决算.yaml")
    result = subprocess.run([sys.executable, "-m", "openbudget", "validate", "data/shili-ju/2021决算.yaml"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == ("data/shili-ju/2021决算.yaml:1:1 文件名应为 2021-final.yaml（年度文件只能命名为 "
                                             "2021.yaml（预算）、2021-adjusted.yaml（调整预算）或 2021-final.yaml（决算））")


def test_a_budgeted_figure_the_final_states_differently_is_said_beside_the_table(tmp_path):
    # (its parts no longer add up to the 预算数 total of 30,000: acknowledged as published)
    final = (FIXTURE / "2021-final.yaml").read_text(encoding="utf-8").replace(
        "      reception: 10000\n", "      reception: 12000\n") + (
        "data_notes:\n  - finding: budgeted-three-public-total-differs-from-parts\n    as_published: true\n")
    pages = builder(tmp_path, {"2021.yaml": (FIXTURE / "2021.yaml").read_text(encoding="utf-8"), "2021-final.yaml": final})
    page = next(p for p in pages.pages({}) if p.src == "shili-ju/2021/budget-vs-actual/index.md")
    from bs4 import BeautifulSoup

    notes = [text(p) for p in BeautifulSoup(page.body, "html.parser").select(".ob-differs")]
    assert notes == ["公务接待费：2021年部门决算所列预算数为 12,000 元，与2021年部门预算的 10,000 元 不同"
                     "（可能是年中调整后的预算数）；本页按部门预算计算差额和执行率。"]
