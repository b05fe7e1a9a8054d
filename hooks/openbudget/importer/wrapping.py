"""Lines a page broke at its width, joined back into the sentences they are.

A 决算 or 预算 explanation converted from PDF to a web page keeps the PDF's line breaks:
“2021 年一般公共预算拨款支出 1493924.6 元,其中:基” / “本支出 1440224.6 元,……”. Read line
by line, a label is cut in two (基 / 本支出) and a share is parted from its amount. Such a
page is recognised by its shape: many lines of nearly the same width (counting a Chinese
character as two columns) that end without a sentence's end. A line of that width that does
not end a sentence is joined to the next one, unless the next one opens a heading. Nothing
else changes: the characters are the published ones, in order; a page without that shape
is left as it is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

SENTENCE_END = tuple("。；;！？!?：:")
WRAPPED_MIN = 8  # open lines of about one width that show a page wrapped at that width
BAND = 10  # columns within which the wrapped lines' widths fall (a number or a word moved down)
SLACK = 4  # a wrapped line may be this much narrower than the band
NARROWEST = 24  # narrower lines are titles, cells or page numbers, never a wrap


def width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _open(line: str, following: str, opens_heading: Callable[[str], bool]) -> bool:
    """A line that does not end a sentence, followed by one that does not open a heading."""
    return bool(line) and not line.endswith(SENTENCE_END) and bool(following) and not opens_heading(following)


def wrap_width(lines: list[str], opens_heading: Callable[[str], bool]) -> int | None:
    """The narrowest width of a page's wrapped lines, or None when it did not wrap them."""
    stripped = [line.strip() for line in lines]
    widths = sorted(width(a) for a, b in zip(stripped, stripped[1:])
                    if _open(a, b, opens_heading) and width(a) >= NARROWEST)
    best = max(((sum(1 for w in widths if low <= w < low + BAND), low) for low in widths), default=(0, None))
    return best[1] if best[0] >= WRAPPED_MIN else None


def unwrapped(lines: list[str], opens_heading: Callable[[str], bool]) -> list[str]:
    at = wrap_width(lines, opens_heading)
    if at is None:
        return lines
    out: list[str] = []
    joining = False
    for line in lines:
        stripped = line.strip()
        if joining and stripped and not opens_heading(stripped):
            out[-1] = out[-1].rstrip() + stripped
        else:
            out.append(line)
        joining = bool(stripped) and not stripped.endswith(SENTENCE_END) and width(stripped) >= at - SLACK
    return out
