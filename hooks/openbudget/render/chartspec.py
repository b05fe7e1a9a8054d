"""Draw charts with Altair and vl-convert (run as a separate process by charts.ChartCache).

    python chartspec.py REQUEST.json OUT_DIR [--stdin-lifeline]
    python chartspec.py --bundle content/assets/charts/vega-embed.js

With --stdin-lifeline the renderer stops as soon as its standard input closes: the build
holds it open, so a renderer never outlives its build, even one that was killed.

The second form rewrites the self-hosted chart library from the installed vl-convert (its
vega, vega-lite and vega-embed); run it after upgrading vl-convert-python. The library is
kept in the repository because making it takes longer than building the whole site.

Each job becomes, for each of its layouts (a desktop and a phone width), <key><suffix>.svg
(the static chart: shown at once, in print and without JavaScript) and <key><suffix>.vg.json
(the same chart compiled to Vega, made interactive in the browser). Text is measured and
drawn with the shipped chart font only (chartfont), embedded in each SVG. Amounts stay the published text in the data ("33.1"); Vega turns them into
numbers only to size the bars, and every label and tooltip shows the text itself.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import json
import os
import re
import sys
import threading
from pathlib import Path

import altair as alt
import brotli
import uharfbuzz as hb
import vl_convert as vlc
from altair.utils.schemapi import debug_mode
from fontTools.ttLib import TTFont, woff2

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: the package's folder
from openbudget.render import chartfont  # noqa: E402
from openbudget.render.chartfont import CHART_FAMILY  # noqa: E402

BAR = "#1f4e79"  # one dark hue: readable for colour-blind readers and in black-and-white print
TEXT = "#1a1a1a"
FONT = f"{CHART_FAMILY}, sans-serif"  # measured and drawn with the shipped font only (chartfont)
ZH_NUMBERS = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["¥", ""]}
BUNDLE_SNIPPET = "window.vegaEmbed = vegaEmbed;"


def bundle() -> str:
    """vega + vega-lite + vega-embed (with vega's expression interpreter), no network needed."""
    return vlc.javascript_bundle(BUNDLE_SNIPPET)


def spec(job: dict, layout: dict, validate: bool = True) -> dict:
    """The chart for one layout: the label lines, sizes and margins come from the job.
    Every chart has the same structure, only its values differ, so a renderer checks the
    first spec it makes against the Vega-Lite schema, every part as it is made and then the
    whole, and not the others (checking took longer than making the spec)."""
    with debug_mode(validate):  # Altair's "debug mode" is that check of every part
        return _chart(job, layout).to_dict(validate=validate)


def _chart(job: dict, layout: dict) -> alt.LayerChart:
    size, line = layout["sizes"], layout["lines"]
    # "aria": what a screen reader says for a bar of the interactive chart (else field names)
    # each bar is keyed by its place, never by its label: a table may print one name on several
    # rows (行政运行 under many 款), and bars sharing a key would be stacked into one
    rows = [{**row, "axis": str(i), "aria": f"{row['label']} {row['display']}" + (
             f"（占 {row['share']}）" if row["share"] != "—" else "")} for i, row in enumerate(job["rows"])]
    places = [str(i) for i in range(len(rows))]
    shown = json.dumps(layout["labels"], ensure_ascii=False)  # a place's (wrapped) label, as a Vega array
    base = alt.Chart(alt.Data(values=rows)).transform_calculate(
        value="datum.amount === null ? null : toNumber(datum.amount)", at="datum.amount === null ? 0 : toNumber(datum.amount)")
    # the rows in the job's order, also a year with no bar (未公开) among the years that have one
    y = alt.Y("axis:N", sort=None, title=None, scale=alt.Scale(domain=places, paddingInner=0.25),
              axis=alt.Axis(labelLimit=0, labelFontSize=size["label"], labelLineHeight=line["label"],
                            labelExpr=f"split({shown}[toNumber(datum.value)], '\\n')", labelColor=TEXT, labelPadding=6, ticks=False,
                            domain=False))
    tooltip = [alt.Tooltip("label:N", title="项目"), alt.Tooltip("display:N", title="金额"),
               alt.Tooltip("share:N", title="占比")]
    bars = base.mark_bar(color=BAR).encode(
        # the scale's end is a pixel layout choice, not a figure: a float is fine here
        y=y, x=alt.X("value:Q", title=f"金额（{job['unit']}）", scale=alt.Scale(domain=[0, float(layout["domain_max"])], nice=False),
                     axis=alt.Axis(format=",.2~f", tickCount=layout["ticks"], labelFontSize=size["axis"],
                                   titleFontSize=size["axis"], titleFontWeight="normal", labelFlush=True, titlePadding=8,
                                   labelColor=TEXT, titleColor=TEXT)),
        tooltip=tooltip, description=alt.Description("aria:N"))
    labels = base.mark_text(align="left", baseline="middle", dx=4, color=TEXT, fontSize=size["label"]).encode(
        y=y, x=alt.X("at:Q"), text=alt.Text("display:N"), tooltip=tooltip, description=alt.Description("aria:N"))
    # one layered chart made with everything at once: Altair copies the whole chart for each
    # .properties() or .configure() called on it, most of its time for a small chart
    return alt.layer(
        bars, labels,
        title=alt.TitleParams(layout["title"], anchor="start", fontSize=size["title"], lineHeight=line["title"],
                              color=TEXT),
        width=layout["width"], height=layout["height"], description=job["description"],
        # the whole SVG is exactly width × height, so the page reserves its space in advance
        autosize=alt.AutoSizeParams(type="fit", contains="padding"),
        padding={"left": layout["right"], "top": 8, "right": layout["right"], "bottom": 4},
        config=alt.Config(font=FONT, locale=alt.Locale(number=ZH_NUMBERS), view=alt.ViewConfig(stroke=None)))


class Brotli:
    """fontTools writes WOFF2 with Brotli at its slowest quality (11); for these small fonts
    quality 10 takes half the time and gives files no larger (40 charts: 656 KB at 11, 656 KB
    at 10). fontTools has no option for it, so its WOFF2 writer is given this module."""
    MODE_FONT = brotli.MODE_FONT

    @staticmethod
    def compress(data: bytes, mode: int = brotli.MODE_GENERIC) -> bytes:
        return brotli.compress(data, mode=mode, quality=10)


woff2.brotli = Brotli


class FontError(RuntimeError):
    pass


def texts(svg: str) -> str:
    """Every character the SVG draws (a wrapped label's lines are <tspan>s inside its <text>)."""
    return "".join(html.unescape(re.sub(r"<[^>]*>", "", t)) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S))


def with_font(svgs: list[str], font: bytes, title: str = "") -> list[str]:
    """The SVGs of one chart (its layouts) with the glyphs they use embedded (WOFF2, a data:
    URL): shown as an <img>, an SVG cannot use the page's or the reader's fonts reliably, so
    it carries its own and looks on every phone exactly as it was measured here. Only the
    characters drawn are kept (HarfBuzz's subsetter: a tenth of the time fontTools' took on
    this CJK font; fontTools writes the WOFF2), and the layouts of a chart, which draw almost
    the same characters, share one subset: a reader's browser loads one of them."""
    chars = "".join(map(texts, svgs))
    missing = _metrics().missing(chars)
    if missing:
        raise FontError(f"图“{title}”中的“{'、'.join(missing)}”不在图表字体中，网站未生成。"
                        "请网站维护人员运行 tools/chart_font.py（会收入 data/ 中出现的字）并提交新字体。")
    plan = hb.SubsetInput()
    for char in sorted(set(chars)):
        plan.unicode_set.add(ord(char))
    for kind, values in ((hb.SubsetInputSets.NAME_ID, NAME_IDS), (hb.SubsetInputSets.LAYOUT_FEATURE_TAG, FEATURES)):
        plan.sets(kind).clear()
        for value in values:
            plan.sets(kind).add(value)
    plan.flags = hb.SubsetFlags.NO_HINTING
    cut = hb.subset(_face(font), plan)
    face = TTFont(io.BytesIO(bytes(cut.blob.data)), recalcTimestamp=False)  # the same bytes on every build
    face.flavor = "woff2"
    out = io.BytesIO()
    face.save(out)
    data = base64.b64encode(out.getvalue()).decode("ascii")
    style = (f'<defs><style>@font-face{{font-family:"{CHART_FAMILY}";'
             f'src:url(data:font/woff2;base64,{data}) format("woff2")}}</style></defs>')
    heads = [svg.index(">", svg.index("<svg")) + 1 for svg in svgs]
    return [svg[:head] + style + svg[head:] for svg, head in zip(svgs, heads)]


NAME_IDS = (0, 1, 13, 14)  # copyright, family and the licence travel with the glyphs
FEATURES = tuple(int.from_bytes(tag.encode(), "big") for tag in ("kern", "palt"))  # OpenType tags as numbers
_METRICS = None


@functools.lru_cache(maxsize=1)
def _face(font: bytes):
    """The font read and prepared for subsetting once per renderer, not once per chart."""
    return hb.subset_preprocess(hb.Face(hb.Blob(font)))


def _metrics():
    global _METRICS
    if _METRICS is None:
        _METRICS = chartfont.Metrics()
    return _METRICS


def exit_when_stdin_closes() -> None:
    def watch() -> None:
        while os.read(0, 4096):  # the file descriptor itself: no lock held at interpreter exit
            pass
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def use_chart_font_only() -> None:
    """vl-convert measures text with the shipped chart font (its folder registered) and may
    fetch nothing: a chart is drawn from its spec alone, with no data or image from a URL or
    a file. Its JavaScript heap is capped well above what a chart of a few hundred bars
    needs: V8 then collects garbage sooner, and a renderer holds 220 MB instead of 280 MB at
    no cost in time (the renderers run beside the build, whose peak memory they add to)."""
    vlc.configure(allowed_base_urls=[], base_url=False, auto_google_fonts=False, max_v8_heap_size_mb=128)
    vlc.register_font_directory(str(chartfont.FONT_DIR))


def main(request_file: str, folder: str) -> None:
    request = json.loads(Path(request_file).read_text(encoding="utf-8"))
    out = Path(folder)
    font = chartfont.FONT_FILE.read_bytes()
    use_chart_font_only()
    for number, (key, job) in enumerate(sorted(request["jobs"].items())):
        vls = [spec(job, layout, validate=number == 0) for layout in job["layouts"]]
        vegas = [vlc.vegalite_to_vega(vl) for vl in vls]
        svgs = with_font([vlc.vega_to_svg(vega) for vega in vegas], font, job["title"])
        for layout, vega, svg in zip(job["layouts"], vegas, svgs):
            (out / f"{key}{layout['suffix']}.svg").write_text(svg, encoding="utf-8")
            (out / f"{key}{layout['suffix']}.vg.json").write_text(json.dumps(vega, ensure_ascii=False, sort_keys=True),
                                                                   encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "--bundle":
        Path(sys.argv[2]).write_text(bundle(), encoding="utf-8")
    else:
        if "--stdin-lifeline" in sys.argv[3:]:
            exit_when_stdin_closes()
        try:
            main(*sys.argv[1:3])
        except FontError as error:  # the build shows this last line, as 图表生成失败：…
            sys.exit(str(error))
