"""Search results that name their department and year.

A county's site has a 支出预算安排情况 page for every department and every year: results
titled only so are identical. After Material's search plugin has written its index, each
page's own entry is titled with the page's label (米易县信访局 2021年 · 支出预算安排情况),
keeping the words of the plugin's title as it segmented them (jieba), so that they still match.
"""

from __future__ import annotations

import json
from pathlib import Path

SEGMENT = "\u200b"  # what the search plugin puts between the words it found


def name_pages(index_file: Path, labels: dict[str, str]) -> None:
    """labels: page URL → its title with department and year (pages.Page.label)."""
    if not index_file.is_file():  # search switched off
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for entry in index["docs"]:
        label = labels.get(entry["location"])
        title = entry["title"].replace(SEGMENT, "")
        if not label or label == title:
            continue
        entry["title"] = label[:-len(title)] + entry["title"] if title and label.endswith(title) else label
    write(index_file, index)


def write(index_file: Path, index: dict) -> None:
    """As the plugin writes it, with pages by address (a page's entries together, in their order):
    one order whichever build wrote them, so that a sharded build's merge is the one build's file."""
    index["docs"] = sorted(index["docs"], key=lambda d: d["location"].partition("#")[0])
    index_file.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
