"""A site built in shards, one per jurisdiction, and merged, is the site one build makes.

The project is two fictional counties (甲县, 乙县) made of the fictional county fixture's
departments (tests/fixtures/county), the fictional 表格局 with its tables and 决算
(tests/fixtures/statements) and the seed's 米易县信访局, with a site_url so that the
sitemap has addresses. The whole site is built once; then each county alone
(OPENBUDGET_SHARD), and `openbudget merge` adds the site-wide pages and puts them together.
Every file of the two outputs is compared byte for byte.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, make_project, mkdocs_build, search, serve
from test_cli import openbudget

FIXTURE = Path(__file__).parent / "fixtures" / "county"
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}
JURISDICTIONS = """\
# 测试用虚构数据：两个虚构的县。
bodies:
  - slug: jia
    name: 甲县（虚构）
    departments:
      - {slug: miyi-xinfang, name: 米易县信访局}
      - {slug: shili-caizheng, name: 示例县虚构财政局}
      - {slug: shili-jiaoyu, name: 示例县虚构教育局}
      - {slug: shili-weijian, name: 示例县虚构卫生健康局}
      - {slug: shili-biao, name: 示例县虚构表格局}
  - slug: yi
    name: 乙县（虚构）
    departments:
      - {slug: shili-nongye, name: 示例县虚构农业农村局}
      - {slug: shili-shuiwu, name: 示例县虚构水务局}
      - {slug: shili-gongan, name: 示例县虚构公安局}
"""
JIA = ("miyi-xinfang", "shili-biao", "shili-caizheng", "shili-jiaoyu", "shili-weijian")
YI = ("shili-nongye", "shili-shuiwu")  # 公安局 has never published


def two_counties(folder: Path) -> Path:
    project = make_project(folder, FIXTURE / "data")
    shutil.copytree(ROOT / "data" / "miyi-xinfang", project / "data" / "miyi-xinfang")
    shutil.copytree(Path(__file__).parent / "fixtures" / "statements" / "shili-biao", project / "data" / "shili-biao")
    (project / "jurisdictions.yaml").write_text(JURISDICTIONS, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text("site_url: https://budget.example.org/county/\n" + config.read_text(encoding="utf-8"),
                      encoding="utf-8")
    return project


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("shards")
    project = two_counties(tmp / "project")
    whole = mkdocs_build(project, tmp / "one", env=EPOCH)
    assert whole.returncode == 0, whole.stderr
    for body in ("jia", "yi"):
        shard = mkdocs_build(project, tmp / body, env={**EPOCH, "OPENBUDGET_SHARD": body})
        assert shard.returncode == 0, shard.stderr
    merged = openbudget("merge", str(tmp / "merged"), str(tmp / "yi"), str(tmp / "jia"), cwd=project, env=EPOCH)
    assert merged.returncode == 0, merged.stderr
    return tmp, project


def test_shards_built_separately_and_merged_are_byte_identical_to_one_build(built):
    tmp, _ = built
    one, merged = files(tmp / "one"), files(tmp / "merged")
    assert sorted(merged) == sorted(one)
    different = [path for path in one if one[path] != merged[path]]
    assert different == []
    assert len(one) > 200  # every page, chart, download and asset of two counties


def test_each_shard_builds_only_its_own_county(built):
    tmp, _ = built
    for body, own, other in (("jia", JIA, YI), ("yi", YI, JIA)):
        assert all((tmp / body / slug / "index.html").is_file() for slug in own)
        assert not any((tmp / body / slug).exists() for slug in other)
        assert (tmp / body / "bodies" / body / "2031" / "index.html").is_file()
        assert not (tmp / body / "bodies" / ("yi" if body == "jia" else "jia")).exists()
    assert not (tmp / "merged" / "shard.json").exists()  # a shard's part is not published


def test_merged_site_wide_files_hold_every_county(built):
    tmp, _ = built
    merged = tmp / "merged"
    with open(merged / "all-figures.csv", encoding="utf-8-sig", newline="") as f:
        departments = [row["部门代码"] for row in csv.DictReader(f)]
    assert sorted(set(departments)) == sorted(JIA + YI)
    assert departments == sorted(departments)  # one order: by department
    # the search: each county's part, from its shard, and the site-wide part, all listed for the search page
    assert json.loads((merged / "search" / "parts.json").read_text(encoding="utf-8")) == ["bodies/jia/search/",
                                                                                          "bodies/yi/search/"]
    for body in ("jia", "yi"):
        assert (tmp / body / "bodies" / body / "search" / "pagefind-entry.json").is_file()  # written by its shard
        assert not (tmp / body / "search" / "site").exists()  # the site-wide part is the index build's
    sitemap = (merged / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://budget.example.org/county/shili-nongye/</loc>" in sitemap
    assert "<loc>https://budget.example.org/county/miyi-xinfang/2021/</loc>" in sitemap
    home = (merged / "index.html").read_text(encoding="utf-8")  # the newest year's departments, then the counties
    assert "甲县（虚构）" in home and "乙县（虚构）" in home and "示例县虚构水务局" in home and "米易县信访局" not in home
    jia = (merged / "bodies" / "jia" / "index.html").read_text(encoding="utf-8")  # and each county its departments
    assert "米易县信访局" in jia and "示例县虚构表格局" in jia and "示例县虚构水务局" not in jia
    counties = (merged / "bodies" / "index.html").read_text(encoding="utf-8")
    assert "甲县（虚构）" in counties and "乙县（虚构）" in counties and "应公开 3 个" in counties


def test_openbudget_shards_lists_the_jurisdictions_for_the_ci_matrix(built, tmp_path):
    _, project = built
    listed = openbudget("shards", cwd=project)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == ["jia", "yi"]
    (tmp_path / "data").mkdir()  # no jurisdictions.yaml: the one default body
    alone = openbudget("shards", cwd=tmp_path)
    assert json.loads(alone.stdout) == ["all"]


def test_a_shard_that_is_not_a_jurisdiction_stops_the_build_naming_the_ones_there_are(built, tmp_path):
    _, project = built
    result = mkdocs_build(project, tmp_path / "site", env={"OPENBUDGET_SHARD": "bing"})
    assert result.returncode != 0
    assert "jurisdictions.yaml" in result.stderr and "没有名为 bing 的地区" in result.stderr and "jia、yi" in result.stderr
    assert "Traceback" not in result.stderr


def test_merge_refuses_a_folder_that_is_not_a_shard_and_a_department_in_two_shards(built, tmp_path):
    tmp, project = built
    plain = openbudget("merge", str(tmp_path / "out"), str(tmp / "one"), cwd=project)
    assert plain.returncode == 1 and "不是分片构建的输出" in plain.stderr and "Traceback" not in plain.stderr
    twice = openbudget("merge", str(tmp_path / "out"), str(tmp / "jia"), str(tmp / "jia"), cwd=project)
    assert twice.returncode == 1 and "同时出现在" in twice.stderr


def test_merge_stops_on_a_department_folder_no_county_lists(built, tmp_path):
    tmp, project = built
    stray = project / "data" / "shili-extra"
    shutil.copytree(project / "data" / "shili-shuiwu", stray)
    try:
        result = openbudget("merge", str(tmp_path / "out"), str(tmp / "jia"), str(tmp / "yi"), cwd=project)
    finally:
        shutil.rmtree(stray)
    assert result.returncode != 0
    assert "jurisdictions.yaml" in result.stderr and "shili-extra" in result.stderr
    assert not (tmp_path / "out").exists()  # nothing half-published


def test_the_merged_site_searches_every_county_and_a_department_filter_narrows_the_results(built, browser):
    tmp, _ = built
    base, server = serve(tmp / "merged")
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        for name in ("米易县信访局", "示例县虚构水务局"):  # in 甲县's part, in 乙县's
            assert f"部门: {name}" in search(tab, base, name)[0]["tags"]
        search(tab, base, "三公")
        filters = tab.locator(".pagefind-ui__filter-panel")
        assert filters.is_visible()  # several departments and years: the reader can choose
        tab.locator(".pagefind-ui__filter-name", has_text="部门").click()
        tab.locator(".pagefind-ui__filter-label", has_text="米易县信访局").click()
        # the results are searched again: wait for them (an empty list, meanwhile, satisfies every())
        tab.wait_for_function("() => { const tags = [...document.querySelectorAll('.pagefind-ui__result-tag')]"
                              ".filter(t => t.textContent.startsWith('部门'));"
                              " return tags.length > 0 && tags.every(t => t.textContent.includes('米易县信访局')); }")
        narrowed = tab.eval_on_selector_all(".pagefind-ui__result-tag", "ts => ts.map(t => t.textContent.trim())")
        assert {t for t in narrowed if t.startswith("部门")} == {"部门: 米易县信访局"}
    finally:
        context.close()
        server.shutdown()
