"""Charts in real Chromium: readable on a phone, interactive on demand (also by touch and keyboard), static
without JavaScript, CSP-clean."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, build_or_fail, make_project, serve, search
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
    figure.locator(".ob-chart__live svg .mark-rect path").nth(0).hover()  # the largest, first
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    assert "公务接待费" in tooltip.text_content() and "0.3 万元" in tooltip.text_content()


def test_keyboard_reaches_each_chart(page, seed_url):
    page.goto(seed_url + BASE + "expenditure/")
    reached = set()
    for _ in range(300):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.id"))
        if "chart-by-function" in reached:
            break
    assert "chart-by-function" in reached
    page.wait_for_function("() => document.querySelector('#chart-by-function').dataset.state === 'ready'")


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
    page.goto(seed_url + BASE + "three-public/")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert "'unsafe-eval'" not in script_src.split() and "'unsafe-inline'" not in script_src.split()
    [figure] = open_interactive(page, seed_url + BASE + "three-public/")
    assert figure.locator(".ob-chart__live svg .mark-rect path").count() == 3
    assert page.console_errors == []


PHONE = {"width": 360, "height": 740}
MIN_TEXT_PX = 11

# Every <text> of the SVG document that is drawn: its box, its font size, and whether the
# chart's own embedded font (not a fallback) is the one it is drawn with.
SVG_TEXTS = """() => {
  const svg = document.documentElement;
  const texts = [...document.querySelectorAll('text')].filter(t =>
    t.textContent.trim() && getComputedStyle(t).opacity !== '0' && t.closest('[opacity="0"]') === null);
  return {
    width: svg.width.baseVal.value, height: svg.height.baseVal.value,
    font: document.fonts.check('13px "OpenBudget Chart Sans"', '工资'),
    texts: texts.map(t => { const r = t.getBoundingClientRect();
      return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize),
              left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })
  };
}"""


def chart_texts(browser, url: str, viewport: dict) -> list[tuple[str, float, dict]]:
    """Each chart on the page as shown at this viewport: its file, its scale on screen, and
    its texts (measured in the SVG file itself: an <img> hides its document from the page)."""
    context = browser.new_context(viewport=viewport, device_scale_factor=2, is_mobile=viewport == PHONE,
                                  has_touch=viewport == PHONE)
    page = context.new_page()
    page.goto(url)
    shown = page.eval_on_selector_all("img.ob-chart__static", "imgs => imgs.map(i => "
                                      "[i.currentSrc, i.getBoundingClientRect().width, i.naturalWidth])")
    out = []
    for src, width, natural in shown:
        svg = context.new_page()
        svg.goto(src)
        svg.evaluate("() => document.fonts.ready.then(() => true)")
        out.append((src, width / natural, svg.evaluate(SVG_TEXTS)))
        svg.close()
    context.close()
    return out


def overlaps(a: dict, b: dict) -> bool:
    return min(a["right"], b["right"]) - max(a["left"], b["left"]) > 0.5 and \
        min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
@pytest.mark.parametrize("section", list(EXPECTED))
def test_every_chart_text_is_readable_whole_and_apart_on_a_phone_and_a_desktop(browser, seed_url, section, viewport):
    charts = chart_texts(browser, seed_url + BASE + section + "/", viewport)
    assert len(charts) == len(EXPECTED[section])
    for (src, scale, svg), labels in zip(charts, EXPECTED[section].values()):
        assert src.endswith(".narrow.svg") == (viewport == PHONE), src
        assert scale <= 1  # never blown up past its drawing, never (on these screens) shrunk below 11 px text
        assert svg["font"], f"{src}: drawn with a fallback font, not the chart's own"
        drawn = "".join(t["text"] for t in svg["texts"])
        for label in labels:  # every bar label whole (a wrapped one's lines follow each other)
            assert label in drawn, (src, label)
        for text in svg["texts"]:
            assert text["size"] * scale >= MIN_TEXT_PX, (src, text["text"], text["size"] * scale)
            assert text["left"] >= 0 and text["top"] >= 0, (src, text)
            assert text["right"] <= svg["width"] and text["bottom"] <= svg["height"], (src, text)
        for i, a in enumerate(svg["texts"]):
            for b in svg["texts"][i + 1:]:
                assert not overlaps(a, b), (src, a["text"], b["text"])


@pytest.fixture(scope="module")
def multi_url(tmp_path_factory):
    """A three-year department (fictional fixture) whose 历年对比 page has trend charts."""
    folder = tmp_path_factory.mktemp("multi")
    site = build_or_fail(make_project(folder / "project", ROOT / "tests" / "fixtures" / "multi"), folder / "out")
    base, server = serve(site.out)
    yield base
    server.shutdown()


TRENDS = {"chart-trend-income-total": None, "chart-trend-three-public": "2030年",  # 2030: no 三公 figure
          "chart-trend-operating-costs": None}


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_trend_charts_are_readable_and_mark_the_unpublished_year_on_a_phone_and_a_desktop(browser, multi_url, viewport):
    charts = chart_texts(browser, multi_url + "example-a/compare/", viewport)
    assert [src.rsplit("/", 1)[1].split(".")[0] for src, _, _ in charts] == list(TRENDS)
    for (src, scale, svg), unpublished in zip(charts, TRENDS.values()):
        middle = {t["text"]: (t["top"] + t["bottom"]) / 2 for t in svg["texts"]}
        assert middle["2029年"] < middle["2030年"] < middle["2031年"], src  # every year, in order
        if unpublished:  # marked on its own row, between its neighbours, not joined over
            assert abs(middle["未公开"] - middle[unpublished]) < 2, src
        else:
            assert "未公开" not in middle
        for text in svg["texts"]:
            assert text["size"] * scale >= MIN_TEXT_PX, (src, text["text"])
            assert 0 <= text["left"] and text["right"] <= svg["width"], (src, text)
        for i, a in enumerate(svg["texts"]):
            for b in svg["texts"][i + 1:]:
                assert not overlaps(a, b), (src, a["text"], b["text"])


def test_tapping_a_bar_on_a_phone_shows_its_figures(browser, seed_url):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(seed_url + BASE + "budget/")
    image = page.locator("img.ob-chart__static")
    image.scroll_into_view_if_needed()
    box = image.bounding_box()
    assert box["width"] == 328
    # the first bar (工资福利支出, 197.04 万元) is the top row: tap on it, in its drawn place
    image.tap(position={"x": box["width"] * 0.5, "y": 50})
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=15000)
    assert "工资福利支出" in tooltip.text_content() and "197.04 万元" in tooltip.text_content()
    # a later tap on another bar shows that bar's figures at once
    page.locator(".ob-chart__live svg .mark-rect path").nth(3).tap()  # the last, the smallest
    page.wait_for_function("() => document.querySelector('#vg-tooltip-element').textContent.includes('5.73 万元')")
    assert tooltip.is_visible() and "对个人和家庭的补助支出" in tooltip.text_content()
    context.close()


FOCUSED = "() => { const e = document.activeElement; return [e.closest('figure') && e.closest('figure').id, " \
          "e.getAttribute('aria-label'), getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]; }"


def tab_to(page, element_id: str) -> None:
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def test_keyboard_user_steps_between_bars_with_arrow_keys_and_escape_hides_the_figures(page, seed_url):
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
    page.goto(seed_url + BASE + "budget/")
    caption = page.locator("#chart-income-by-economic figcaption").text_content()
    assert "按 Tab 键选中本图，再按方向键逐条查看，按 Esc 键关闭提示" in caption  # the instructions say how
    tab_to(page, "chart-income-by-economic")  # the whole chart is one Tab stop
    tooltip = page.locator("#vg-tooltip-element")

    def step(key: str, label: str, shown: str) -> None:
        page.keyboard.press(key)
        page.wait_for_function("label => document.activeElement.getAttribute('aria-label') === label", arg=label)
        figure, _, outline, width = page.evaluate(FOCUSED)
        assert figure == "chart-income-by-economic" and outline == "solid" and width == "3px"  # a visible ring
        tooltip.wait_for(state="visible")
        assert shown in tooltip.text_content().replace("\u00a0", " ")

    # the first key may come before the chart library has loaded: it is kept, then acted on
    step("ArrowRight", "工资福利支出 197.04 万元（占 77.54%）", "197.04 万元")
    step("ArrowDown", "项目支出 33.1 万元（占 13.03%）", "33.1 万元")
    step("ArrowRight", "日常公用支出 18.25 万元（占 7.18%）", "18.25 万元")
    step("End", "对个人和家庭的补助支出 5.73 万元（占 2.25%）", "5.73 万元")
    step("ArrowDown", "对个人和家庭的补助支出 5.73 万元（占 2.25%）", "5.73 万元")  # the last bar stays the last
    step("ArrowUp", "日常公用支出 18.25 万元（占 7.18%）", "18.25 万元")
    step("Home", "工资福利支出 197.04 万元（占 77.54%）", "197.04 万元")
    step("ArrowLeft", "工资福利支出 197.04 万元（占 77.54%）", "197.04 万元")
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden")
    assert page.evaluate(FOCUSED)[1] == "工资福利支出 197.04 万元（占 77.54%）"  # Escape hides; focus stays
    step("ArrowDown", "项目支出 33.1 万元（占 13.03%）", "33.1 万元")
    page.keyboard.press("Tab")  # out of the chart in one step, its tooltip gone: to its 复制链接 button
    assert page.evaluate("document.activeElement.getAttribute('data-cite')") == "chart-income-by-economic"
    tooltip.wait_for(state="hidden")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "income-by-economic"  # then the table below it
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # and back: the chart again, one stop
    assert page.evaluate("document.activeElement.id") == "chart-income-by-economic"
    assert page.console_errors == []


def test_keyboard_reaches_a_trend_charts_unpublished_year_between_its_neighbours(page, multi_url):
    page.goto(multi_url + "example-a/compare/")
    page.focus("#chart-trend-three-public")
    page.keyboard.press("Home")
    tooltip = page.locator("#vg-tooltip-element")
    for key, label, shown in (("Home", "2029年 2 万元", "2 万元"), ("ArrowDown", "2030年 未公开", "未公开"),
                              ("ArrowDown", "2031年 1.8 万元", "1.8 万元")):
        page.keyboard.press(key)
        page.wait_for_function("label => document.activeElement.getAttribute('aria-label') === label", arg=label)
        tooltip.wait_for(state="visible")
        assert "项目" + label.split(" ")[0] in tooltip.text_content() and shown in tooltip.text_content()


def test_a_chart_with_a_bar_focused_and_its_figures_shown_has_no_accessibility_violations(page, seed_url):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(seed_url + BASE + "budget/")
    page.focus("#chart-income-by-economic")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => document.activeElement.getAttribute('aria-label') === '工资福利支出 197.04 万元（占 77.54%）'")
    page.locator("#vg-tooltip-element").wait_for(state="visible")
    result = Axe().run(page)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]] == []


@pytest.mark.parametrize("section", list(EXPECTED))
def test_a_charts_interactive_drawing_on_a_phone_keeps_its_text_readable_and_inside(browser, seed_url, section):
    # once a reader reaches for a chart, the interactive drawing replaces the image: the phone one
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(seed_url + BASE + section + "/")
    for figure in page.locator("figure.ob-chart").all():
        figure.focus()
    page.wait_for_function("() => [...document.querySelectorAll('figure.ob-chart')].every(f => f.dataset.state === 'ready')")
    charts = page.evaluate("""() => [...document.querySelectorAll('.ob-chart__live svg')].map(svg => {
        const box = svg.getBoundingClientRect(), scale = box.width / svg.width.baseVal.value;
        return {width: box.width, texts: [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
          const r = t.getBoundingClientRect();
          return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
                  inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5}; })}; })""")
    assert len(charts) == len(EXPECTED[section])
    for chart in charts:
        assert chart["width"] == 328  # the phone drawing, at its own size
        for text in chart["texts"]:
            assert text["px"] >= MIN_TEXT_PX and text["inside"], text
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    context.close()


def test_the_charts_keyboard_instructions_are_not_indexed_for_search(page, seed_url):
    assert search(page, seed_url, "方向键逐条查看") == [] and search(page, seed_url, "键关闭提示") == []
    assert search(page, seed_url, "收入预算总额")  # the page itself still is