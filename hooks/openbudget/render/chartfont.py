"""The font charts are measured and drawn with: one file shipped in this package.

vl-convert measures every label with the fonts it can find; with system fonts a build
machine without a CJK font drew other (cut) labels than one with it. Charts name only this
font, whose folder is registered with vl-convert, and it covers every character a chart
may show (a character it lacks stops the build), so no system font is ever used. The file
is made by tools/chart_font.py (Noto Sans CJK SC, SIL OFL 1.1: see OFL.txt beside it).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

CHART_FAMILY = "OpenBudget Chart Sans"
FONT_DIR = Path(__file__).parents[1] / "data" / "fonts"
FONT_FILE = FONT_DIR / "OpenBudgetChartSans-Regular.otf"


@cache
def identity() -> dict[str, str]:
    """What a chart drawn with this font depends on: part of every chart's cache key."""
    data = FONT_FILE.read_bytes()
    return {"family": CHART_FAMILY, "sha256": hashlib.sha256(data).hexdigest(), "version": version(data)}


def version(data: bytes) -> str:
    from io import BytesIO

    from fontTools.ttLib import TTFont

    return TTFont(BytesIO(data), lazy=True)["name"].getDebugName(5) or "?"


class Metrics:
    """Advance widths from the font itself: the same numbers vl-convert lays text out with."""

    def __init__(self, path: Path = FONT_FILE):
        from fontTools.ttLib import TTFont

        font = TTFont(path, lazy=True)
        self.cmap = font.getBestCmap()
        self.hmtx = font["hmtx"].metrics
        self.em = font["head"].unitsPerEm

    def missing(self, text: str) -> list[str]:
        return sorted({c for c in text if ord(c) not in self.cmap and c.isprintable()})

    def width(self, text: str, size: float) -> float:
        units = sum(self.hmtx[self.cmap[ord(c)]][0] for c in text if ord(c) in self.cmap)
        return units * size / self.em


@cache
def metrics() -> Metrics:
    return Metrics()
