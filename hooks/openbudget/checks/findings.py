"""Findings: published figures that disagree, shown as published but never corrected.

Every consistency check (the sum and share rules in rules.py, typed figures against their
own text in textfigures.py, the comparison year) yields a
``rules.Finding`` with a stable id. A finding the editor has not acknowledged stops the
build (``blocking``): it may be a typing slip, and only the editor, holding the original,
knows. The editor acknowledges it in the data::

    data_notes:
      - finding: operating-costs-exceed-public-expenses
        as_published: true          # 原文如此
        explanation: ……             # optional; only what the department can support

and the page it concerns then shows a 数据说明: the neutral statement, and the explanation
when there is one. The figures are never changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..document.model import DepartmentYear, leaves
from ..document.record import Finding, Where
from ..vocabulary import sections
from ..vocabulary.problems import format_path
from . import counts, tablechecks, textfigures
from .rules import findings as rule_findings
from .rules import previous_total_differs

__all__ = ["Finding", "blocking", "find", "unknown_notes"]


def find(dy: DepartmentYear, where: Where = format_path, previous: DepartmentYear | None = None) -> list[Finding]:
    """Every finding, marked acknowledged (with the editor's explanation) where data_notes says so.

    previous is last year's document of the same department, when the site has it."""
    found = [*rule_findings(dy), *tablechecks.findings(dy), *counts.findings(dy), *_comparison_years(dy), *_text_disagreements(dy, where)]
    if previous is not None and (f := previous_total_differs(dy, previous)) is not None:
        found.append(f)
    notes = {n.finding: n for n in dy.data_notes if n.as_published}
    return [replace(f, acknowledged=True, explanation=notes[f.id].explanation) if f.id in notes else f
            for f in found]


def blocking(found: list[Finding]) -> list[tuple[tuple, str]]:
    """(loc, message) for each finding no data_note acknowledges: the id and how to acknowledge."""
    return [(f.loc, f"[{f.id}] {f.for_editor.rstrip('。')}。请按原文核对；若公开的原文本身如此，请在文件末尾的 "
                    f"data_notes 中写明“- finding: {f.id}”和“as_published: true”（原文如此），"
                    f"网站将以“数据说明”注明")
            for f in found if not f.acknowledged]


def unknown_notes(dy: DepartmentYear, found: list[Finding]) -> list[tuple[tuple, str]]:
    """data_notes that acknowledge no current finding, or do not say it is as published."""
    ids = {f.id for f in found}
    problems = [(("data_notes", i, "finding"), f"没有编号为“{n.finding}”的数据说明；当前的编号："
                                               f"{'、'.join(sorted(ids)) or '（无）'}")
                for i, n in enumerate(dy.data_notes) if n.finding not in ids and not RETIRED.fullmatch(n.finding)]
    problems += [(("data_notes", i, "as_published"), "只有核对过原文、原文确实如此时才写这条数据说明（as_published: true）；"
                                                     "否则请按原文改正数字，并删除这条")
                 for i, n in enumerate(dy.data_notes) if not n.as_published]
    return problems


# Notes that acknowledged a section a document lacks, when one was required (no longer: the
# overview says 本文件未包含…… by itself). Accepted and ignored, with a hint to remove them.
RETIRED = re.compile(f"({'|'.join(re.escape(s.slug) for s in sections.SECTIONS)})-not-published")


def retired(dy: DepartmentYear) -> list[tuple[tuple, str]]:
    """(place, hint) for each data note that acknowledges a section the document lacks."""
    return [(("data_notes", i, "finding"), f"不再需要“{n.finding}”：文件未包含的栏目，网站会直接注明“本文件未包含……”，"
                                           f"无须说明原文如此；可以删除这条数据说明")
            for i, n in enumerate(dy.data_notes) if RETIRED.fullmatch(n.finding)]


def _text_disagreements(dy: DepartmentYear, where: Where) -> Iterator[Finding]:
    for d in textfigures.disagreements(dy):
        yield Finding(d.id, d.section, d.figure.loc, d.statement, ((d.figure.name, d.figure.amount, d.figure.unit),),
                      d.message(where))


COMPARED_YEAR = re.compile(r"(?:较|比|与|同)(\d{4})年")


def _comparison_years(dy: DepartmentYear) -> Iterator[Finding]:
    """A budget compares with the previous year; another year is worth a note."""
    expected = dy.year - 1
    seen: set[int] = set()
    for placed in dy.outline:
        key, section = placed.key, placed.section
        for loc, text in leaves(section, (key,)):
            if not isinstance(text, str):
                continue
            for match in COMPARED_YEAR.finditer(text):
                year = int(match.group(1))
                if year != expected and year not in seen:
                    seen.add(year)
                    yield Finding(
                        f"compared-with-{year}", key, loc,
                        f"原文此处与 {year} 年比较（“{_around(text, match)}”），而 {dy.year} 年{dy.document.phase}"
                        f"通常与上一年（{expected} 年）比较；以上文字按原文照录，未作改动。")


def _around(text: str, match: re.Match) -> str:
    start = max(0, match.start() - 12)
    end = min(len(text), match.end() + 8)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
