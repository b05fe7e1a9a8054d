"""Findings: suspected problems in the published figures, shown but never corrected.

A finding never changes a figure. The page it concerns shows a short 数据说明: the
editor's explanation when the finding is acknowledged in ``data_notes``, otherwise a
neutral statement of the discrepancy. Each finding has a stable id that an editor writes
in ``data_notes`` to acknowledge it. Most findings never stop the build; a typed figure
that disagrees with its own text (textfigures.py) is more likely a typing slip than the
document's, so it is an error until acknowledged (``errors``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from . import sections, textfigures
from .classification import GOODS_AND_SERVICES
from .model import DepartmentYear, Narrative, leaves
from .money import in_yuan
from .rules import economic_line


@dataclass(frozen=True)
class Finding:
    id: str  # stable, written by editors in data_notes
    section: str  # key of the section whose page shows it
    loc: tuple  # where in the YAML
    statement: str  # neutral, for the public
    explanation: str | None = None  # the editor's, when acknowledged

    @property
    def text(self) -> str:
        return self.explanation or self.statement


def find(dy: DepartmentYear) -> list[Finding]:
    found = [*_operating_costs(dy), *_comparison_years(dy), *_missing_sections(dy), *_text_disagreements(dy)]
    notes = {n.finding: n.explanation for n in dy.data_notes}
    return [replace(f, explanation=notes.get(f.id)) for f in found]


def errors(dy: DepartmentYear, where: Callable[[tuple], str]) -> list[tuple[tuple, str]]:
    """Blocking findings no data_note acknowledges: (loc, message naming both places)."""
    notes = {n.finding for n in dy.data_notes}
    return [(d.figure.loc, d.message(where)) for d in textfigures.disagreements(dy) if d.id not in notes]


def _missing_sections(dy: DepartmentYear) -> Iterator[Finding]:
    """A required section the document lacks: said on the site, not silently left out."""
    for section in sections.missing(dy):
        yield Finding(f"{section.slug}-not-published", section.key, (section.key,), unpublished(section.title))


def unpublished(title: str) -> str:
    return f"本年度文件未公开{title}"


def _text_disagreements(dy: DepartmentYear) -> Iterator[Finding]:
    for d in textfigures.disagreements(dy):
        yield Finding(d.id, d.section, d.figure.loc, d.statement)


def unknown_notes(dy: DepartmentYear) -> list[tuple[tuple, str]]:
    """data_notes that acknowledge no current finding: (loc, message)."""
    ids = {f.id for f in find(dy)}
    return [(("data_notes", i, "finding"), f"没有编号为“{n.finding}”的数据说明；当前的编号："
                                           f"{'、'.join(sorted(ids)) or '（无）'}")
            for i, n in enumerate(dy.data_notes) if n.finding not in ids]


def _operating_costs(dy: DepartmentYear) -> Iterator[Finding]:
    """机关运行经费 is part of 公用经费, so it cannot exceed the 日常公用 (商品和服务) spending."""
    o, line = dy.operating_costs, economic_line(dy, GOODS_AND_SERVICES)
    unit = line.unit or dy.budget.unit if line else None
    if o is None or line is None or in_yuan(o.amount, o.unit) <= in_yuan(line.amount, unit):
        return
    yield Finding(
        "operating-costs-exceed-public-expenses", "operating_costs", ("operating_costs", "amount"),
        f"机关运行经费 {o.amount} {o.unit} 大于“收支预算总体情况”中的{line.name} "
        f"{line.amount} {unit}。按定义，机关运行经费是基本支出中公用经费的一部分，"
        f"一般不应超过后者；以上数字均按原文照录，未作改动。")


COMPARED_YEAR = re.compile(r"(?:较|比|与|同)(\d{4})年")


def _comparison_years(dy: DepartmentYear) -> Iterator[Finding]:
    """A budget compares with the previous year; another year is worth a note."""
    expected = dy.year - 1
    seen: set[int] = set()
    for key in DepartmentYear.model_fields:
        section = getattr(dy, key)
        if not isinstance(section, Narrative):
            continue
        for loc, text in leaves(section, (key,)):
            if not isinstance(text, str):
                continue
            for match in COMPARED_YEAR.finditer(text):
                year = int(match.group(1))
                if year != expected and year not in seen:
                    seen.add(year)
                    yield Finding(
                        f"compared-with-{year}", key, loc,
                        f"原文此处与 {year} 年比较（“{_around(text, match)}”），而 {dy.year} 年预算"
                        f"通常与上一年（{expected} 年）比较；以上文字按原文照录，未作改动。")


def _around(text: str, match: re.Match) -> str:
    start = max(0, match.start() - 12)
    end = min(len(text), match.end() + 8)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
