"""Charts: made from the published figures, drawn at build time, cached by content."""

from __future__ import annotations

import http.server
import json
import re
import subprocess
import sys
import threading
from decimal import Decimal

import pytest

from conftest import ROOT, SEED_YAML
from openbudget.render.charts import ChartCache, charts_for
from openbudget.sources.loading import load_department_year
from openbudget.render.pages import PageBuilder
from openbudget.sources.site import load_site
from openbudget.views.tables import section_tables

BASE = "miyi-xinfang/2021/"
EXPECTED = {  # page → chart name → bar labels, largest first (equal ones in the document's order)
    "budget": {"chart-income-by-economic": ["工资福利支出", "项目支出", "日常公用支出", "对个人和家庭的补助支出"]},
    "expenditure": {"chart-by-function": ["一般公共服务支出", "住房保障支出", "社会保障和就业支出", "卫生健康支出"]},
    "three-public": {"chart-three-public": ["公务接待费", "因公出国（境）经费", "公务用车购置及运行维护费"]},
}  # 基本/项目支出 and 流动/非流动资产 are two-row tables: a chart would only repeat them


@pytest.fixture(scope="module")
def record():
    record, _ = load_department_year(SEED_YAML, ROOT)
    return record


def chart_data(spec: dict) -> list[dict]:
    return next(d["values"] for d in spec["data"] if "values" in d)


def test_chart_data_is_the_published_text_of_each_amount(record):
    dy = record.data
    published = {  # in the bars' order: largest first
        "income-by-economic": [str(l.amount) for l in sorted(dy.budget.by_economic, key=lambda l: -l.amount)],
        "by-function": [str(l.amount) for l in sorted(dy.expenditure.by_function, key=lambda l: -l.amount)],
        "three-public": [str(dy.three_public.reception), str(dy.three_public.overseas), str(dy.three_public.vehicles.total)],
    }
    for key in ("budget", "expenditure", "three_public", "assets"):
        for chart in charts_for("x/", section_tables(record, key)):
            amounts = [row["amount"] for row in chart.job["rows"]]
            assert amounts == published[chart.table.id]
            assert all(Decimal(a) == Decimal(p) for a, p in zip(amounts, published[chart.table.id]))
    assert published["by-function"] == ["204.65", "20.96", "15.43", "13.08"]


def test_a_zero_is_a_bar_with_its_value_not_a_missing_bar(record):
    [chart] = charts_for("x/", section_tables(record, "three_public"))
    rows = {row["label"]: row["display"] for row in chart.job["rows"]}
    assert rows == {"因公出国（境）经费": "0 万元", "公务接待费": "0.3 万元", "公务用车购置及运行维护费": "0 万元"}


def test_single_figures_get_no_chart(record):
    assert charts_for("x/", section_tables(record, "operating_costs")) == []


def test_a_total_split_in_two_gets_no_chart_that_only_repeats_its_table(record):
    assert [t.id for t in section_tables(record, "assets")] == ["assets"]
    assert charts_for("x/", section_tables(record, "assets")) == []
    assert [c.table.id for c in charts_for("x/", section_tables(record, "expenditure"))] == ["by-function"]


def test_description_reads_out_every_figure(record):
    [chart] = charts_for("x/", section_tables(record, "three_public"))
    assert chart.description == ("条形图：“三公”经费预算（单位：万元）。公务接待费 0.3 万元（占 100.00%）；"
                                 "因公出国（境）经费 0 万元（占 0.00%）；公务用车购置及运行维护费 0 万元（占 0.00%）。数字同下表。")


@pytest.mark.parametrize("page", list(EXPECTED))
def test_each_figure_page_has_its_charts_description_and_table(seed_site, page):
    article = seed_site.article(BASE + page)
    figures = article.select("figure.ob-chart")
    assert [f["id"] for f in figures] == list(EXPECTED[page])
    for figure in figures:
        img = figure.select_one("img.ob-chart__static")
        assert img["alt"].startswith("条形图：") and img["width"] == "560"
        svg = (seed_site.out / BASE / page / img["src"]).read_text(encoding="utf-8")
        assert svg.startswith("<svg") and f'height="{img["height"]}"' in svg[:300]
        phone = figure.select_one("picture source")  # the drawing for a phone
        assert phone["media"] == "(max-width: 599px)" and phone["width"] == "328"
        svg = (seed_site.out / BASE / page / phone["srcset"]).read_text(encoding="utf-8")
        assert svg.startswith('<svg') and 'width="328"' in svg[:300] and f'height="{phone["height"]}"' in svg[:300]
        spec = json.loads((seed_site.out / BASE / page / figure["data-spec"]).read_text(encoding="utf-8"))
        assert [row["label"] for row in chart_data(spec)] == EXPECTED[page][figure["id"]]
        table = figure.find_next_sibling("div", class_="ob-table")
        assert table is not None and table.table  # the table stays beside its chart
    assert seed_site.page(BASE + page).select_one('script[src$="assets/charts.js"]') is not None


@pytest.mark.parametrize("page", ["duties", "work-plan", "operating-costs", "glossary", ""])
def test_pages_without_charts_load_no_chart_javascript(seed_site, page):
    html = (seed_site.out / BASE / page / "index.html").read_text(encoding="utf-8")
    assert "charts.js" not in html and "vega" not in html


def test_chart_library_is_self_hosted(seed_site):
    bundle = seed_site.out / "assets" / "charts" / "vega-embed.js"
    assert bundle.stat().st_size > 500_000
    assert "expressionInterpreter" in bundle.read_text(encoding="utf-8")  # for CSP without eval


def test_vendored_chart_library_matches_the_installed_vl_convert():
    import vl_convert

    from openbudget.render.chartspec import bundle

    vendored = (ROOT / "content" / "assets" / "charts" / "vega-embed.js").read_text(encoding="utf-8")
    assert vendored == bundle(), ("content/assets/charts/vega-embed.js is stale: run "
                                  "python hooks/openbudget/render/chartspec.py --bundle content/assets/charts/vega-embed.js")
    assert vl_convert.get_vega_version().startswith("6.") and vl_convert.get_vega_embed_version().startswith("7.")


def test_unchanged_data_renders_no_chart_on_rebuild(seed_site):
    # seed_site has just built from this repository: its cache now holds every chart
    site = load_site(ROOT / "data", ROOT)
    charts = [c for p in PageBuilder(site).pages({}) for c in p.charts]
    cache = ChartCache(ROOT / ".cache" / "charts")
    assert len(charts) == 3
    assert cache.missing(charts) == {}
    cache.start(charts)
    assert cache.processes == []  # nothing to render, no renderer started


def test_changed_figure_changes_only_its_chart(record):
    changed = record.data.replacing("three_public", reception=Decimal("1.5"))
    edited = type(record)(record.slug, record.year, record.file, changed, record.source)
    [before] = charts_for("x/", section_tables(record, "three_public"))
    [after] = charts_for("x/", section_tables(edited, "three_public"))
    # the changed record's chart draws the new figure, and is stored under a new key
    assert [(r["label"], r["amount"], r["display"]) for r in after.job["rows"]][0] == ("公务接待费", "1.5", "1.5 万元")
    assert [r["amount"] for r in before.job["rows"]] == ["0.3", "0", "0"]
    assert after.key != before.key
    # every other chart of the changed record keeps the key it had: nothing else re-renders
    for section in ("budget", "expenditure"):
        unchanged = [c.key for c in charts_for("x/", section_tables(edited, section))]
        assert unchanged == [c.key for c in charts_for("x/", section_tables(record, section))] and unchanged


def test_a_screen_reader_hears_each_bar_as_its_label_and_figure_not_field_names(seed_site):
    for name in ("chart-income-by-economic.svg", "chart-income-by-economic.narrow.svg"):
        svg = (seed_site.out / BASE / "budget" / name).read_text(encoding="utf-8")
        bars = re.findall(r'aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="bar"', svg)
        assert bars == ["工资福利支出 197.04 万元（占 77.54%）", "项目支出 33.1 万元（占 13.03%）",
                        "日常公用支出 18.25 万元（占 7.18%）", "对个人和家庭的补助支出 5.73 万元（占 2.25%）"]


RENDERER_FETCHES = """
import sys
sys.path.insert(0, sys.argv[1])
import chartspec, vl_convert
chartspec.use_chart_font_only()
spec = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "mark": "bar",
        "data": {"url": sys.argv[2]}, "encoding": {"x": {"field": "a", "type": "quantitative"}}}
try:
    vl_convert.vega_to_svg(vl_convert.vegalite_to_vega(spec))
except Exception as error:
    print("refused:", error)
"""


def test_the_chart_renderer_fetches_nothing_a_spec_points_to(tmp_path):
    """A chart is drawn from its own figures: a spec naming a URL gets no request made."""
    asked = []

    class Count(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"a\n1\n")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Count)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/figures.csv"
        result = subprocess.run([sys.executable, "-c", RENDERER_FETCHES, str(ROOT / "hooks" / "openbudget" / "render"), url],
                                capture_output=True, text=True, timeout=120)
    finally:
        server.shutdown()
    assert "refused:" in result.stdout, result.stdout + result.stderr
    assert asked == []
