"""Counts a document's text states: 核定编制18名（其中：行政编6名，事业编12名）, 实有在职人数22人,
现有车辆1台. Each is written under its section as `counts:`; like an amount, it must appear in
that section's text as published, and the parts it lists must add up to it unless the
document lists only some (`parts_incomplete`). A disagreement in the document itself is a
finding, shown as a 数据说明 once acknowledged; the numbers are never changed.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document.model import COUNTED, DepartmentYear, Headcount, leaves
from ..document.record import UNCHANGED, Finding, Violation

FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
TEXT_FIELDS = ("heading", "paragraphs", "items", "text")


def stated(dy: DepartmentYear) -> Iterator[tuple[str, tuple, Headcount]]:
    """(section key, place, count) for every count, its parts after it."""
    def walk(counts: list[Headcount], loc: tuple) -> Iterator[tuple[tuple, Headcount]]:
        for i, c in enumerate(counts):
            yield loc + (i,), c
            yield from walk(c.parts, loc + (i, "parts"))

    for placed in dy.outline:
        for loc, c in walk(placed.section.counts, (placed.key, "counts")):
            yield placed.key, loc, c


def _id(loc: tuple, what: str) -> str:
    return "-".join(str(p).replace("_", "-") for p in loc) + f"-{what}"


def _text(section) -> str:
    """The section's own published text, as one string (digits made half-width, no spaces)."""
    parts = [v for loc, v in leaves(section) if isinstance(v, str) and any(p in TEXT_FIELDS for p in loc)]
    return "".join("".join(parts).translate(FULL_WIDTH).split())


def check(dy: DepartmentYear) -> list[Violation]:
    """“所列不全” said of parts that add up to the total would tell the public a falsehood."""
    return [Violation(loc + ("parts_incomplete",), "写了所列不全，但各项之和正好等于总数：原文所列是完整的，请删除这一行")
            for _, loc, c in stated(dy) if c.parts_incomplete and c.parts and sum(p.count for p in c.parts) == c.count]


def findings(dy: DepartmentYear) -> list[Finding]:
    out = []
    texts = {p.key: _text(p.section) for p in dy.outline}
    for key, loc, c in stated(dy):
        if f"{c.count}{c.unit}" not in texts[key]:
            out.append(Finding(_id(loc + ("count",), "differs-from-text"), key, loc + ("count",),
                               f"{c.name} {c.count}{c.unit} 在本栏目原文文字中没有出现；{UNCHANGED}",
                               detail=f"{c.name} {c.count}{c.unit} 在本栏目原文中找不到（原文应写作“{c.count}{c.unit}”）"))
        if not c.parts:
            continue
        parts = sum(p.count for p in c.parts)
        if parts > c.count or (parts != c.count and not c.parts_incomplete):
            out.append(Finding(_id(loc, "differs-from-parts"), key, loc + ("count",),
                               f"原文中{c.name}为 {c.count}{c.unit}，其中各项之和为 {parts}{c.unit}，"
                               f"相差 {abs(parts - c.count)}{c.unit}；{UNCHANGED}",
                               detail=f"{c.name} {c.count}{c.unit} 不等于其中各项之和 {parts}{c.unit}"
                                      "（原文“其中”只列出部分时写 parts_incomplete: true）"))
    return out


def counted(dy: DepartmentYear, of: str) -> Headcount | None:
    """The count a county page compares (编制, 在职, 退休, 车辆), if the document states it."""
    assert of in COUNTED
    return next((c for _, _, c in stated(dy) if c.of == of), None)
