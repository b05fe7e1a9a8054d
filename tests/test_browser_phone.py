"""On a 360×740 touch phone, across every department and year of a multi-year site (the
fictional fixture tests/fixtures/multi): the answer in the first screen, 历年对比 printable."""

from __future__ import annotations

import pytest

from conftest import ROOT, build_or_fail, make_project, serve

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def multi_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phone")
    site = build_or_fail(make_project(folder / "project", ROOT / "tests" / "fixtures" / "multi"), folder / "out")
    base, server = serve(site.out)
    yield base
    server.shutdown()


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


# every overview of the fixture and each department's page (its latest year)
FIRST_SCREEN = {
    "example-a/2029/": ("100 万元", "上年未公开"),
    "example-a/2030/": ("110 万元", "较上年增加 10 万元（10.00%）"),
    "example-a/2031/": ("121 万元", "较上年增加 11 万元（10.00%）"),
    "example-b/2031/": ("50 万元", "上年未公开"),
    "example-a/": ("121 万元", "较上年增加 11 万元（10.00%）"),
    "example-b/": ("50 万元", "上年未公开"),
}


@pytest.mark.parametrize("path", list(FIRST_SCREEN))
def test_every_overview_shows_its_total_and_change_in_a_phones_first_screen(phone, multi_url, path):
    phone.goto(multi_url + path)
    total, change = FIRST_SCREEN[path]
    for selector, text in ((".ob-glance__total", total), (".ob-glance__change", change)):
        element = phone.locator(selector).first
        assert text in " ".join(element.inner_text().split()), (path, selector)
        box = element.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 740, (path, selector, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (path, selector, box)


A4_PRINTABLE = 680  # CSS px across an A4 page with the browser's default margins (≈ 180 mm)


def test_the_printed_comparison_fits_the_page_width(browser, multi_url):
    context = browser.new_context(viewport={"width": A4_PRINTABLE, "height": 960})
    page = context.new_page()
    page.goto(multi_url + "example-a/compare/")
    page.emulate_media(media="print")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= A4_PRINTABLE
    # nothing cut off inside a box either: no table box scrolls (paper does not), no cell runs off
    clipped = page.evaluate("""w => [...document.querySelectorAll('.ob-table, table, figure')]
        .filter(e => e.scrollWidth > e.clientWidth + 1)
        .concat([...document.querySelectorAll('td, th')].filter(e => e.getBoundingClientRect().right > w + 0.5))
        .map(e => e.tagName + ' ' + (e.id || e.className) + ' ' + e.textContent.slice(0, 20))""", A4_PRINTABLE)
    assert clipped == []
    context.close()
