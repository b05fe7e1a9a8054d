"""Charts in real Chromium: interactive on demand, static without JavaScript, CSP-clean."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from test_charts import BASE, EXPECTED


def open_interactive(page, url: str) -> list:
    """Open a chart page, reach for every chart, return the drawn interactive SVGs."""
    page.goto(url)
    figures = page.locator("figure.ob-chart")
    assert figures.count() > 0, f"{url} has no chart"  # .every() below holds for none
    for i in range(figures.count()):
        figures.nth(i).scroll_into_view_if_needed()
        figures.nth(i).hover()
    page.wait_for_function("() => [...document.querySelectorAll('figure.ob-chart')]"
                           ".every(f => f.dataset.state === 'ready')", timeout=15000)
    return [figures.nth(i) for i in range(figures.count())]


@pytest.mark.parametrize("section", list(EXPECTED))
def test_each_chart_draws_one_bar_per_figure_with_no_errors_and_no_other_hosts(page, seed_url, section):
    figures = open_interactive(page, seed_url + BASE + section + "/")
    assert len(figures) == len(EXPECTED[section])
    for figure, (name, labels) in zip(figures, EXPECTED[section].items()):
        assert figure.get_attribute("id") == name
        assert figure.locator(".ob-chart__live svg .mark-rect path").count() == len(labels)
        assert figure.locator(".ob-chart__static").is_hidden()
    assert page.console_errors == []
    hosts = {urlsplit(u).netloc for u in page.requests if urlsplit(u).scheme in ("http", "https")}
    assert hosts == {urlsplit(seed_url).netloc}


def test_hovering_a_bar_shows_its_published_figure(page, seed_url):
    [figure] = open_interactive(page, seed_url + BASE + "three-public/")
    figure.locator(".ob-chart__live svg .mark-rect path").nth(1).hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    assert "公务接待费" in tooltip.text_content() and "0.3 万元" in tooltip.text_content()


def test_keyboard_reaches_each_chart(page, seed_url):
    page.goto(seed_url + BASE + "expenditure/")
    reached = set()
    for _ in range(300):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.id"))
        if {"chart-basic-project", "chart-by-function"} <= reached:
            break
    assert {"chart-basic-project", "chart-by-function"} <= reached
    page.wait_for_function("() => document.querySelector('#chart-basic-project').dataset.state === 'ready'")


def test_page_loads_no_chart_library_until_a_reader_reaches_for_a_chart(page, seed_url):
    page.goto(seed_url + BASE + "budget/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in page.requests if "vega" in u or u.endswith(".vg.json")]
    assert page.locator("img.ob-chart__static").evaluate("img => img.complete && img.naturalWidth > 0")


def test_without_javascript_the_static_chart_and_table_are_visible(browser, seed_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for section in EXPECTED:
        page.goto(seed_url + BASE + section + "/")
        images = page.locator("img.ob-chart__static").all()
        assert len(images) == len(EXPECTED[section])
        for img in images:
            assert img.is_visible()
            assert img.evaluate("img => img.complete && img.naturalWidth === 560")
        assert page.locator(".ob-table table").first.is_visible()
    context.close()


def test_interactive_chart_renders_under_the_sites_strict_csp(page, seed_url):
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
    page.goto(seed_url + BASE + "assets/")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert "unsafe-eval" not in script_src and "unsafe-inline" not in script_src
    [figure] = open_interactive(page, seed_url + BASE + "assets/")
    assert figure.locator(".ob-chart__live svg .mark-rect path").count() == 2
    assert page.console_errors == []
