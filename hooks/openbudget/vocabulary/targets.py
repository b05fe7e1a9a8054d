"""A performance target's value as published, read: `100%`, `≥70%`, `70%以上`, `≤5万元`, `零进京`.

A value is always kept as the document prints it. Where it is a number with a unit, this module
reads the number (exact Decimal, from the text), its unit and, where the text gives one, its
comparison (≥ ≤ > < =, or 以上 / 以下 / 以内 / 不低于 …). A value without a number (零进京,
明显提升) is qualitative: shown as text, never compared.

A target is met (达到) only when both target and result are numbers in one unit and the target
states its comparison: a bare `60%` does not say whether 65% meets it, so the site does not
guess (未能比对). A target with no reported result is 未报告, never 未达到.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Words and signs of comparison, as documents print them; before the number or after its unit.
BEFORE = {"≥": "≥", ">=": "≥", "＞＝": "≥", "≤": "≤", "<=": "≤", "＜＝": "≤", ">": ">", "＞": ">", "<": "<", "＜": "<",
          "=": "=", "＝": "=", "不低于": "≥", "不少于": "≥", "不小于": "≥", "大于等于": "≥", "高于": ">", "大于": ">",
          "不高于": "≤", "不超过": "≤", "不多于": "≤", "不大于": "≤", "小于等于": "≤", "低于": "<", "小于": "<",
          "达到": None, "达": None, "为": None}
AFTER = {"以上": "≥", "及以上": "≥", "以下": "≤", "及以下": "≤", "以内": "≤", "内": "≤"}
_NUMBER = r"(\d+(?:\.\d+)?)"
_UNIT = r"([%％‰]|[^\d\s.%％‰≥≤<>=＜＞＝以及内]{1,4}?)?"
_PATTERN = re.compile(
    "^\\s*(" + "|".join(sorted(map(re.escape, BEFORE), key=len, reverse=True)) + ")?\\s*" + _NUMBER + "\\s*" + _UNIT
    + "\\s*(" + "|".join(sorted(map(re.escape, AFTER), key=len, reverse=True)) + ")?\\s*$")

MET, NOT_MET, NOT_COMPARABLE, NOT_REPORTED = "达到", "未达到", "未能比对", "未报告"
OUTCOMES = (MET, NOT_MET, NOT_COMPARABLE, NOT_REPORTED)
COMPARED_BY_SITE = "本站比对"  # the label beside a 达到 / 未达到: the site's comparison, not the document's


@dataclass(frozen=True)
class Reading:
    """A value read as a number: its comparison (None when the text gives none), number and unit."""
    comparison: str | None
    number: Decimal
    unit: str

    @property
    def shown(self) -> str:
        """As the site restates it: ≥70%."""
        return f"{self.comparison or ''}{self.number}{self.unit}"


def read(value: str | None) -> Reading | None:
    """The number in a published value, or None for a qualitative one (零进京, 明显提升)."""
    if value is None:
        return None
    match = _PATTERN.match(value.replace("％", "%"))
    if match is None:
        return None
    before, number, unit, after = match.groups()
    comparison = BEFORE.get(before) if before else None
    if after:
        if comparison is not None and comparison != AFTER[after]:
            return None  # “≥70%以下” says two things: not read
        comparison = AFTER[after]
    return Reading(comparison, Decimal(number), unit or "")


def outcome(target: str | None, result: str | None) -> str:
    """达到 / 未达到 (the site's comparison), 未能比对 or 未报告, of a target and its reported result."""
    if result is None:
        return NOT_REPORTED
    goal, actual = read(target), read(result)
    if goal is None or actual is None or goal.comparison is None or goal.unit != actual.unit:
        return NOT_COMPARABLE
    met = {"≥": actual.number >= goal.number, "≤": actual.number <= goal.number, ">": actual.number > goal.number,
           "<": actual.number < goal.number, "=": actual.number == goal.number}[goal.comparison]
    return MET if met else NOT_MET
