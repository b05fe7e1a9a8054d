"""In real Chromium: a reader who hovers, tabs to or taps a term sees its definition."""

from __future__ import annotations

DEFINITION = "三率：及时受理率、按期办结率、群众满意率。（出处：米易县信访局 2021年）"


def shown_tooltip(page) -> str:
    """Text of the tooltip once it is fully visible on screen."""
    handle = page.wait_for_function("""() => [...document.querySelectorAll('[role=tooltip], .md-tooltip2')]
        .filter(e => getComputedStyle(e).visibility === 'visible' && Number(getComputedStyle(e).opacity) > 0.9)
        .map(e => e.textContent.trim()).join('\\n')""", timeout=5000)
    return handle.json_value()


def test_hovering_a_term_shows_its_definition(page, seed_url):
    page.goto(seed_url + "miyi-xinfang/2021/work-plan/")
    term = page.locator("a.ob-term", has_text="三率").first
    term.hover()
    assert shown_tooltip(page) == DEFINITION
    assert page.console_errors == []


def test_tabbing_to_a_term_shows_its_definition(page, seed_url):
    page.goto(seed_url + "miyi-xinfang/2021/work-plan/")
    target = page.locator("a.ob-term", has_text="三率").first
    for _ in range(200):  # keyboard only: press Tab until the term has focus
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            break
    else:
        raise AssertionError("the term cannot be reached with the Tab key")
    assert shown_tooltip(page) == DEFINITION


def test_following_a_term_lands_on_its_glossary_entry(page, seed_url):
    page.goto(seed_url + "miyi-xinfang/2021/work-plan/")
    page.locator("a.ob-term", has_text="四个意识").first.click()
    page.wait_for_url("**/glossary/#*")
    heading = page.locator("h2#四个意识")
    assert heading.is_visible()
    assert heading.locator("xpath=following-sibling::p[1]").text_content() == "政治意识、大局意识、核心意识、看齐意识。"
