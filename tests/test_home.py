"""The home page's first screen lists who published: the newest year's departments with their
totals and changes, the instructions folded below. Sites: the fictional multi-year fixture
(tests/fixtures/multi, one body) and the fictional county fixture split into two fictional
counties (tests/fixtures/county with the jurisdictions below)."""

from __future__ import annotations

import pytest

from conftest import ROOT, build_or_fail, make_project, serve

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
TWO_COUNTIES = """\
# 测试用虚构数据：两个虚构的县。
bodies:
  - slug: jia
    name: 甲县（虚构）
    departments:
      - {slug: shili-caizheng, name: 示例县虚构财政局}
      - {slug: shili-jiaoyu, name: 示例县虚构教育局}
      - {slug: shili-weijian, name: 示例县虚构卫生健康局}
  - slug: yi
    name: 乙县（虚构）
    departments:
      - {slug: shili-nongye, name: 示例县虚构农业农村局}
      - {slug: shili-shuiwu, name: 示例县虚构水务局}
"""


@pytest.fixture(scope="module")
def multi(tmp_path_factory):
    folder = tmp_path_factory.mktemp("home-multi")
    return build_or_fail(make_project(folder / "project", ROOT / "tests" / "fixtures" / "multi"), folder / "out")


@pytest.fixture(scope="module")
def counties(tmp_path_factory):
    folder = tmp_path_factory.mktemp("home-counties")
    project = make_project(folder / "project", ROOT / "tests" / "fixtures" / "county" / "data")
    (project / "jurisdictions.yaml").write_text(TWO_COUNTIES, encoding="utf-8")
    site = build_or_fail(project, folder / "out")
    base, server = serve(site.out)
    yield site, base
    server.shutdown()


def test_the_home_page_lists_the_newest_years_departments_with_totals_and_changes_before_the_instructions(multi):
    article = multi.article("")
    front = article.select_one(".ob-front")
    assert front.h2.get_text() == "2031年各部门收支总额（万元）"
    items = [" ".join(li.get_text(" ", strip=True).split()) for li in front.select("li")]
    assert items == ["示例县甲局（虚构） 121 万元，较上年增加 11 万元（10.00%）", "示例县乙局（虚构） 50 万元，上年未公开"]
    assert [a["href"] for a in front.select("li a")] == ["example-a/", "example-b/"]
    howto = article.select_one("details.ob-howto")
    assert howto is not None and not howto.has_attr("open")
    assert "怎么看" in howto.summary.get_text()
    # the list comes first: the instructions follow it
    assert str(article).index("ob-front") < str(article).index("ob-howto")


def test_on_a_phone_the_home_pages_first_screen_links_to_departments_of_a_site_of_several_counties(browser, counties):
    _, base = counties
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(base)
        links = page.locator(".ob-front li a")
        seen = []
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            if box and box["y"] >= 0 and box["y"] + box["height"] <= 740 and box["x"] + box["width"] <= 360:
                seen.append(links.nth(i).get_attribute("href"))
        assert len(seen) >= 2, seen
        assert all(h.startswith("shili-") and h.endswith("/") for h in seen)
    finally:
        context.close()


def test_all_departments_of_a_site_of_several_counties_lists_each_countys_departments(counties):
    site, _ = counties
    article = site.article("departments/")
    groups = {section.h2.get_text(): [a.get_text() for a in section.select("tbody th a")]
              for section in article.select("section.ob-body")}
    assert groups == {"甲县（虚构）": ["示例县虚构财政局", "示例县虚构教育局", "示例县虚构卫生健康局"],
                      "乙县（虚构）": ["示例县虚构农业农村局", "示例县虚构水务局"]}
