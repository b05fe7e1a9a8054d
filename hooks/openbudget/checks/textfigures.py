"""Typed figures against the published text of their own section.

An editor copies each amount twice: as a figure (``reception: 0.3``) and inside the text
(“公务接待费0.3万元”). A slip in either publishes a figure the document does not have, and
no sum rule sees a figure that is part of no sum (机关运行经费), nor a sentence. So:

- every typed amount must appear in its section's text (heading, paragraphs, items,
  subsections; a functional line's own text when that text states an amount) as the
  same sum of money: 254.12万元 = 2541200元, 33.1 = 33.10; thousands separators
  (2,476,260.58元) and four decimals (12.3456万元) are read as printed;
- every amount printed right after a figure's label, in the same clause (“其中：工资福利
  支出197.04万元”, “公务接待费预算0.3万元”), must equal that figure.

A section whose text states no amount at all is not checked: its figures come from the
document's tables, which the data file does not hold as text. Each disagreement has a
stable id; like every finding, it stops the build until an editor confirms in data_notes
that the published document itself disagrees (see findings.py), and is then shown as a
数据说明.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..document.model import DepartmentYear, leaves
from ..vocabulary.figures import figures
from ..vocabulary.money import UNITS, format_amount, in_yuan

# An amount with its unit as printed; not the tail of a longer number (2021.5万元 → not 1.5).
AMOUNT = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|元)")
# Full-width digits and point (２５４．１２万元), read as their ASCII forms; one character for one.
FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
CLAUSE_END = re.compile(r"[，。；：,;:！？!?、\n]")
MAX_GAP = 8  # characters between a label and its amount: “财政拨款预算数”, “预算”, “为”
# …but not a change or a part: “基本支出比上年增加3万元”, “收入预算总额中上年结转14万元”
NOT_THE_FIGURE = re.compile(r"[\d比较增减降中]|上年|去年|结转")
QUOTE = 16  # characters before an amount quoted when no label precedes it
TEXT_FIELDS = {"heading", "paragraphs", "items", "text"}

#: How the text names each fixed figure (the registry's `said`); list lines (收入来源, 经济分类,
#: 功能分类) use their own name.
LABELS: dict[tuple, tuple[str, ...]] = {place: f.said for f in figures().values() if f.said for place in f.places}


@dataclass(frozen=True)
class Figure:
    loc: tuple  # the typed field, e.g. ("three_public", "reception")
    labels: tuple[str, ...]
    amount: Decimal
    unit: str
    scope: tuple  # loc prefix of the text it must appear in

    @property
    def name(self) -> str:
        return self.labels[0] if self.labels else "金额"

    @property
    def yuan(self) -> Decimal:
        return in_yuan(self.amount, self.unit)


@dataclass(frozen=True)
class Mention:
    loc: tuple  # the text that prints it
    amount: Decimal
    unit: str
    quote: str  # the label (or a few characters before) and the amount, as printed
    label: str | None  # the figure label it follows, if any

    @property
    def yuan(self) -> Decimal:
        return in_yuan(self.amount, self.unit)


@dataclass(frozen=True)
class Disagreement:
    section: str
    figure: Figure
    mentions: tuple[Mention, ...]  # the text that differs; when missing, the section's amounts
    missing: bool  # the amount appears nowhere in its text

    @property
    def id(self) -> str:
        return "-".join(str(p).replace("_", "-") for p in self.figure.loc) + "-differs-from-text"

    def message(self, where: Callable[[tuple], str]) -> str:
        """For the editor: both places, as file:line (findings.blocking adds what to do)."""
        f = self.figure
        places = "；".join(f"{where(m.loc)} “{m.quote}”" for m in self.mentions[:3])
        more = f"等 {len(self.mentions)} 处" if len(self.mentions) > 3 else ""
        return (f"{f.name} {format_amount(f.amount)} {f.unit} 在本栏目原文中找不到（原文中的金额：{places}{more}）" if self.missing
                else f"{f.name} {format_amount(f.amount)} {f.unit} 与原文不一致：{places}{more}")

    @property
    def statement(self) -> str:
        """For the public (shown with the editor's explanation once acknowledged)."""
        f = self.figure
        if self.missing:
            return f"{f.name} {format_amount(f.amount)} {f.unit} 在本栏目原文文字中没有出现；数字按原文照录，未作改动。"
        return f"{f.name} 为 {format_amount(f.amount)} {f.unit}，原文文字中写作“{self.mentions[0].quote}”；数字按原文照录，未作改动。"


def disagreements(dy: DepartmentYear) -> list[Disagreement]:
    found = []
    for placed in dy.outline:
        key, section = placed.key, placed.section
        unit = getattr(section, "unit", None)
        if unit not in UNITS:
            continue
        figures = list(_figures(section, key, unit))
        mentions = list(_mentions(section, key, {label for f in figures for label in f.labels}))
        for figure in figures:
            found += _check(key, figure, figures, mentions)
    return found


def _figures(section, key: str, unit: str) -> Iterator[Figure]:
    for loc, value in leaves(section, (key,)):
        if not isinstance(value, Decimal) or loc[-1] == "percent":  # a share, not money
            continue
        if loc[-1] == "amount" and len(loc) == 4:  # a list line: budget.by_economic[1].amount
            line = getattr(section, loc[1])[loc[2]]
            text = getattr(line, "text", None) or ""
            scope = loc[:3] + ("text",) if AMOUNT.search(text) else (key,)
            yield Figure(loc, (line.name,), value, line.unit or unit, scope)  # a 0元 row keeps its unit
        else:
            yield Figure(loc, LABELS.get(loc, ()), value, unit, (key,))


def _mentions(section, key: str, labels: set[str]) -> Iterator[Mention]:
    for loc, text in leaves(section, (key,)):
        field = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if not isinstance(text, str) or field not in TEXT_FIELDS:
            continue
        for match in AMOUNT.finditer(text.translate(FULL_WIDTH)):
            ends = [m.end() for m in CLAUSE_END.finditer(text, 0, match.start())]
            if ends and not text[ends[-1]:match.start()].strip():
                ends.pop()  # “项目支出，33.1万元”: the amount opens its clause, the label is in the one before
            start = ends[-1] if ends else 0
            label, at = _label(text[start:match.start()], labels)
            begin = start + at if label else max(start, match.start() - QUOTE)
            quote = ("…" if begin > start else "") + text[begin:match.end()]
            yield Mention(loc, Decimal(match.group(1).replace(",", "")), match.group(2), quote, label)


def _label(clause: str, labels: set[str]) -> tuple[str | None, int]:
    """The label nearest before the amount (the longest of those ending there), and where it starts."""
    best: tuple[int, int, str] | None = None  # (end, length, label)
    for label in labels:
        at = clause.rfind(label)
        if at < 0:
            continue
        end = at + len(label)
        gap = clause[end:]
        if len(gap) <= MAX_GAP and not NOT_THE_FIGURE.search(gap) and (best is None or (end, len(label)) > best[:2]):
            best = (end, len(label), label)
    return (None, 0) if best is None else (best[2], best[0] - best[1])


def _check(key: str, figure: Figure, figures: list[Figure], mentions: list[Mention]) -> list[Disagreement]:
    # a label two figures share (two lines of one name) is right if it prints either's amount
    same_label = [f for f in figures if set(f.labels) & set(figure.labels)]
    differing = tuple(m for m in mentions if m.label in figure.labels
                      and all(m.yuan != f.yuan for f in same_label))
    if differing:
        return [Disagreement(key, figure, differing, missing=False)]
    scope = [m for m in mentions if m.loc[:len(figure.scope)] == figure.scope]
    if scope and all(m.yuan != figure.yuan for m in scope):
        return [Disagreement(key, figure, tuple(scope), missing=True)]
    return []
