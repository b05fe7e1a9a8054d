"""In real Chromium: a reader who hovers, tabs to or taps a term sees its definition."""

from __future__ import annotations

import pytest

DEFINITION = "三率：及时受理率、按期办结率、群众满意率。（出处：米易县信访局 2021年）"


def shown_tooltip(page) -> str:
    """Text of the tooltip once it is fully visible on screen."""
    handle = page.wait_for_function("""() => [...document.querySelectorAll('[role=tooltip]')]
        .filter(e => e.checkVisibility({opacityProperty: true, visibilityProperty: true}))
        .map(e => e.textContent.trim()).join('\\n')""", timeout=5000)
    return handle.json_value()


def test_hovering_a_term_shows_its_definition(page, seed_url):
    page.goto(seed_url + "miyi-xinfang/2021/work-plan/")
    term = page.locator("a.ob-term", has_text="三率").first
    term.hover()
    assert shown_tooltip(page) == DEFINITION
    assert term.get_attribute("title") is None  # no second, native tooltip over it
    assert page.console_errors == []


def test_a_definition_shown_on_hover_stays_under_the_pointer_and_closes_with_esc(page, seed_url):
    page.goto(seed_url + "miyi-xinfang/2021/work-plan/")
    page.locator("a.ob-term", has_text="三率").first.hover()
    tooltip = page.locator("#ob-term-tooltip")
    assert shown_tooltip(page) == DEFINITION
    box = tooltip.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)  # across the gap
    page.wait_for_timeout(600)
    assert tooltip.is_visible()
    page.keyboard.press("Escape")
    assert tooltip.is_hidden()
    page.mouse.move(0, 0)
    assert page.console_errors == []


def test_a_focused_term_is_described_by_its_definition_to_a_screen_reader(page, seed_url):
    page.goto(seed_url + "miyi-xinfang/2021/work-plan/")
    term = page.locator("a.ob-term", has_text="三率").first
    term.focus()
    described = page.locator("#" + term.get_attribute("aria-describedby"))
    assert described.get_attribute("role") == "tooltip"
    assert described.text_content() == DEFINITION
    page.locator("article a:not(.ob-term)").first.focus()  # focus moves on: the tooltip goes
    assert term.get_attribute("aria-describedby") is None
    assert described.is_hidden()


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
    page.locator("#ob-term-popover").get_by_role("link", name="查看完整解释").click()
    page.wait_for_url("**/glossary/#*")
    heading = page.locator("h2#四个意识")
    assert heading.is_visible()
    assert heading.locator("xpath=following-sibling::p[1]").text_content() == "政治意识、大局意识、核心意识、看齐意识。"


def test_without_javascript_a_term_is_a_link_to_its_glossary_entry(browser, seed_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seed_url + "miyi-xinfang/2021/work-plan/")
    page.locator("a.ob-term", has_text="四个意识").first.click()
    page.wait_for_url("**/glossary/#*")
    assert page.locator("h2#四个意识").is_visible()
    context.close()


# --- On a phone: a tap shows the definition in place ---------------------------------

PHONE = {"width": 360, "height": 740}
WORK_PLAN = "miyi-xinfang/2021/work-plan/"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.console_errors = []
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
    tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
    yield tab
    context.close()


def popover(page):
    return page.locator("#ob-term-popover")


def test_tapping_a_term_on_a_phone_shows_its_definition_without_leaving_the_page(phone, seed_url):
    phone.goto(seed_url + WORK_PLAN)
    term = phone.locator("a.ob-term", has_text="三率").first
    term.scroll_into_view_if_needed()
    term.tap()
    box = popover(phone)
    box.wait_for(state="visible")
    assert box.locator(".ob-popover__text").text_content() == DEFINITION
    assert phone.url == seed_url + WORK_PLAN
    assert term.get_attribute("aria-expanded") == "true"
    assert term.get_attribute("aria-controls") == "ob-term-popover"
    link = box.get_by_role("link", name="查看完整解释")
    assert link.get_attribute("href").endswith("glossary/#%E4%B8%89%E7%8E%87")
    # the whole box is on the 360 px screen
    rect = box.bounding_box()
    assert rect["x"] >= 0 and rect["x"] + rect["width"] <= PHONE["width"]
    assert phone.console_errors == []


def test_a_shown_definition_closes_on_a_tap_outside_esc_or_its_close_button(phone, seed_url):
    phone.goto(seed_url + WORK_PLAN)
    term = phone.locator("a.ob-term", has_text="三率").first
    term.scroll_into_view_if_needed()
    box = popover(phone)

    term.tap()
    box.wait_for(state="visible")
    phone.locator("article h1").tap()
    box.wait_for(state="hidden")
    assert term.get_attribute("aria-expanded") == "false"

    term.tap()
    box.wait_for(state="visible")
    phone.keyboard.press("Escape")
    box.wait_for(state="hidden")
    assert term.evaluate("e => e === document.activeElement")  # back where the reader was

    term.tap()
    box.get_by_role("button", name="关闭名词解释").tap()
    box.wait_for(state="hidden")
    assert phone.url == seed_url + WORK_PLAN


@pytest.mark.parametrize("key", ["Enter", " "])
def test_enter_or_space_on_a_focused_term_shows_its_definition(page, seed_url, key):
    page.goto(seed_url + WORK_PLAN)
    term = page.locator("a.ob-term", has_text="三率").first
    term.focus()
    page.keyboard.press(key)
    box = popover(page)
    box.wait_for(state="visible")
    assert box.locator(".ob-popover__text").text_content() == DEFINITION
    assert page.url == seed_url + WORK_PLAN
    page.keyboard.press("Tab")  # the box follows the term: its link is next
    assert page.evaluate("document.activeElement.textContent") == "查看完整解释"
    assert term.get_attribute("aria-controls") == "ob-term-popover"
    page.keyboard.press("Escape")
    box.wait_for(state="hidden")
    assert term.evaluate("e => e === document.activeElement")


def test_a_shown_definition_passes_axe(phone, seed_url):
    from axe_playwright_python.sync_playwright import Axe

    phone.goto(seed_url + WORK_PLAN)
    term = phone.locator("a.ob-term", has_text="三率").first
    term.scroll_into_view_if_needed()
    term.tap()
    popover(phone).wait_for(state="visible")
    result = Axe().run(phone)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]] == []


def test_a_page_with_glossary_terms_has_no_link_without_an_address(page, seed_url):
    # Lighthouse (SEO, crawlable-anchors) counts an <a> with no href against the page; the
    # definition box's link once waited, empty and hidden, in every page with a term
    page.goto(seed_url + "miyi-xinfang/2021/")
    page.wait_for_load_state("networkidle")
    assert page.locator("a.ob-term").count() > 0
    assert page.eval_on_selector_all("a:not([href])", "links => links.map(a => a.outerHTML)") == []
