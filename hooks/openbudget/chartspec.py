"""Draw charts with Altair and vl-convert (run as a separate process by charts.ChartCache).

    python chartspec.py REQUEST.json OUT_DIR [--stdin-lifeline]
    python chartspec.py --bundle content/assets/charts/vega-embed.js

With --stdin-lifeline the renderer stops as soon as its standard input closes: the build
holds it open, so a renderer never outlives its build, even one that was killed.

The second form rewrites the self-hosted chart library from the installed vl-convert (its
vega, vega-lite and vega-embed); run it after upgrading vl-convert-python. The library is
kept in the repository because making it takes longer than building the whole site.

Each job becomes <key>.svg (the static chart: shown at once, in print and without
JavaScript) and <key>.vg.json (the same chart compiled to Vega, made interactive in the
browser). Amounts stay the published text in the data ("33.1"); Vega turns them into
numbers only to size the bars, and every label and tooltip shows the text itself.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

import altair as alt
import vl_convert as vlc

BAR = "#1f4e79"  # one dark hue: readable for colour-blind readers and in black-and-white print
TEXT = "#1a1a1a"
FONT = "PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, Source Han Sans SC, sans-serif"
ZH_NUMBERS = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["¥", ""]}
BUNDLE_SNIPPET = "window.vegaEmbed = vegaEmbed;"


def bundle() -> str:
    """vega + vega-lite + vega-embed (with vega's expression interpreter), no network needed."""
    return vlc.javascript_bundle(BUNDLE_SNIPPET)


def spec(job: dict) -> dict:
    base = alt.Chart(alt.Data(values=job["rows"])).transform_calculate(value="toNumber(datum.amount)")
    y = alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=240, labelFontSize=13))
    tooltip = [alt.Tooltip("label:N", title="项目"), alt.Tooltip("display:N", title="金额"),
               alt.Tooltip("share:N", title="占比")]
    bars = base.mark_bar(color=BAR).encode(
        y=y, x=alt.X("value:Q", title=f"金额（{job['unit']}）", axis=alt.Axis(format=",.2~f", tickCount=5)),
        tooltip=tooltip)
    labels = base.mark_text(align="left", baseline="middle", dx=4, color=TEXT, fontSize=13).encode(
        y=y, x="value:Q", text="display:N", tooltip=tooltip)
    chart = (bars + labels).properties(
        title=alt.TitleParams(job["title"], anchor="start", fontSize=15), width=job["width"],
        height=job["height"], description=job["description"],
        # the whole SVG is exactly width × height, so the page reserves its space in advance
        autosize=alt.AutoSizeParams(type="fit", contains="padding"),
        padding={"left": 4, "top": 4, "right": 72, "bottom": 4})
    return chart.configure(font=FONT, locale={"number": ZH_NUMBERS}).configure_view(stroke=None).to_dict()


def exit_when_stdin_closes() -> None:
    def watch() -> None:
        while os.read(0, 4096):  # the file descriptor itself: no lock held at interpreter exit
            pass
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def main(request_file: str, folder: str) -> None:
    request = json.loads(Path(request_file).read_text(encoding="utf-8"))
    out = Path(folder)
    for key, job in sorted(request["jobs"].items()):
        vl = spec(job)
        vega = vlc.vegalite_to_vega(vl)
        svg = vlc.vegalite_to_svg(vl, allowed_base_urls=[])
        (out / f"{key}.svg").write_text(svg, encoding="utf-8")
        (out / f"{key}.vg.json").write_text(json.dumps(vega, ensure_ascii=False, sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "--bundle":
        Path(sys.argv[2]).write_text(bundle(), encoding="utf-8")
    else:
        if "--stdin-lifeline" in sys.argv[3:]:
            exit_when_stdin_closes()
        main(*sys.argv[1:3])
