"""Make the chart font that ships with the project (run once; the result is committed).

    .venv/bin/python tools/chart_font.py [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]

Charts are measured and drawn with this font only (charts.py registers its folder with
vl-convert), so every build machine draws the same SVG, with or without CJK system fonts.
It is Noto Sans CJK SC Regular (SIL OFL 1.1; Debian package fonts-noto-cjk) cut down to:
ASCII, CJK and full-width punctuation, the 3,755 common hanzi of GB 2312 (level 1), and
every other character in data/ and in the package's own data (classification names) when
the font was made (all of GB 2312 would be 2.9 MB; level 1 keeps it near 1.5 MB). Under the OFL a cut-down font is a
Modified Version: it is renamed (CHART_FAMILY) and keeps the copyright and licence in its
name table and in OFL.txt beside it. A chart text outside this set stops the build (charts.py
says which character); add it with EXTRA below, or let the data/ scan pick it up, and rerun.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
from openbudget.render.chartfont import CHART_FAMILY, FONT_FILE  # noqa: E402

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
EXTRA = "〇"  # characters outside GB 2312 that budget texts use


def gb2312() -> str:
    chars = []
    for high in range(0xA1, 0xD8):  # rows 0xB0-0xD7 are level 1; below are symbols
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


def characters() -> set[str]:
    text = "".join(chr(c) for c in range(0x20, 0x7F)) + gb2312() + EXTRA
    text += "".join(chr(c) for c in range(0x3000, 0x3040)) + "".join(chr(c) for c in range(0xFF01, 0xFF5F))
    for path in sorted([*(ROOT / "data").rglob("*.yaml"), *(ROOT / "hooks" / "openbudget" / "data").glob("*.yaml")]):
        text += path.read_text(encoding="utf-8")
    return {c for c in text if c.isprintable()}


def main(source: str = SOURCE) -> None:
    collection = TTCollection(source)
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
    options = subset.Options()
    options.layout_features = ["kern", "palt", "vert", "locl"]  # no ligatures or alternates: charts need none
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright, version and licence
    options.hinting = False
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters()))
    subsetter.subset(font)
    version = font["name"].getDebugName(5)
    for record in font["name"].names:  # the OFL's rule for a Modified Version: another name
        if record.nameID in (1, 4, 16, 21):
            record.string = CHART_FAMILY
        elif record.nameID in (3, 6, 20):
            record.string = CHART_FAMILY.replace(" ", "") + "-Regular"
        elif record.nameID == 5:
            record.string = f"{version}; subset for OpenBudget charts"
    for record in [r for r in font["name"].names if r.nameID in (16, 17)]:
        font["name"].removeNames(nameID=record.nameID)
    font.recalcTimestamp = False  # the same sources make the same file (its hash is in every chart key)
    FONT_FILE.parent.mkdir(parents=True, exist_ok=True)
    font.save(FONT_FILE)
    print(f"{FONT_FILE.relative_to(ROOT)}: {FONT_FILE.stat().st_size:,} bytes, "
          f"{len(font.getBestCmap()):,} characters, {version}")


if __name__ == "__main__":
    main(*sys.argv[1:])
