"""Amounts of money: parsed from the YAML text into Decimal, never through float.

The published text is the record. ``parse_amount("33.1")`` keeps the exponent, so the
page shows 33.1 exactly as the document printed it, not 33.10.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .characters import full_width_message, hidden_message
from .limits import MAX_DECIMAL_PLACES, MAX_INTEGER_DIGITS

# 1234.5, 0, 2,476,260.58 (thousands separators as printed in 元 tables). ASCII digits only:
# Python's \d would also take full-width and other scripts' digits.
_AMOUNT = re.compile(r"^(?:0|[1-9][0-9]*|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.[0-9]+)?$")
_UNIT_SUFFIX = re.compile(r"(万元|元|万)$")
_ECHO = 40  # characters of the typed text repeated in a message


@dataclass(frozen=True)
class Unit:
    name: str  # as printed: 元, 万元
    yuan: int  # how many 元 one unit is
    max_places: int  # decimals down to one 分 (0.01 元)


UNITS: dict[str, Unit] = {
    "元": Unit("元", 1, 2),
    "万元": Unit("万元", 10_000, 6),
}


def parse_amount(text: str) -> Decimal:
    """Decimal from an amount's text; ValueError with a Chinese message otherwise.

    Only plain digits, one decimal point and correctly placed thousands separators are
    read; anything else (full-width digits, units, exponents, signs, spaces, invisible
    characters) is refused with the character named, never read as another number.
    """
    cleaned = text.strip(" ")
    shown = cleaned if len(cleaned) <= _ECHO else cleaned[:_ECHO] + "……"
    problem = hidden_message(cleaned) or full_width_message(cleaned)
    if problem:
        raise ValueError(f"金额{problem}")
    if _UNIT_SUFFIX.search(cleaned):
        unit = _UNIT_SUFFIX.search(cleaned).group(1)
        raise ValueError(f"金额只写数字，单位写在本栏目的 unit 中：请删除“{unit}”，实际为 {shown}")
    if cleaned.startswith("-"):
        raise ValueError(f"金额不能为负数，实际为 {shown}")
    if cleaned.startswith("+"):
        raise ValueError(f"金额前不要写“+”号，实际为 {shown}")
    if " " in cleaned:
        raise ValueError(f'金额中间不能有空格，实际为 "{shown}"')
    if not _AMOUNT.match(cleaned):
        raise ValueError(f'应为金额，实际为 "{shown}"{_hint(cleaned)}')
    whole, _, decimals = cleaned.replace(",", "").partition(".")
    if len(whole) > MAX_INTEGER_DIGITS:
        raise ValueError(f"金额位数太多：整数部分最多 {MAX_INTEGER_DIGITS} 位，实际为 {len(whole)} 位")
    if len(decimals) > MAX_DECIMAL_PLACES:
        raise ValueError(f"金额小数位数太多：最多 {MAX_DECIMAL_PLACES} 位，实际为 {len(decimals)} 位")
    return Decimal(cleaned.replace(",", ""))


def _hint(text: str) -> str:
    if re.fullmatch(r"[0-9.]+[eE][-+]?[0-9]+", text):
        return "：请按原文写出全部数字，不用科学计数法"
    if "," in text:
        return "：千位分隔符“,”应每三位一个，如 2,476,260.58"
    if "_" in text:
        return "：数字中不能有“_”"
    return ""


def places(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def in_yuan(amount: Decimal, unit: str) -> Decimal:
    return amount * UNITS[unit].yuan


def in_unit(amount: Decimal, unit: str, target: str) -> Decimal:
    """The same amount in another unit, exactly: 254.12 万元 → 2541200.00 元 (factors are powers of ten)."""
    if unit == target:
        return amount
    return amount * UNITS[unit].yuan / UNITS[target].yuan


def format_amount(amount: Decimal, separators: bool = True) -> str:
    """The one way an amount is written, on a page, in a chart, in a finding's text, a CSV cell
    or a JSON string: never in exponent notation (str() gives 4E-7 for 0.0000004), the published
    decimals kept (33.1 stays 33.1, 0.50 stays 0.50), thousands separators where pages use them:
    158406.46 → 158,406.46; separators=False (CSV, JSON, the editor's own text echoed) 158406.46."""
    return format(amount, ",f" if separators else "f")


def plain_amount(amount: Decimal) -> str:
    """An amount for a machine (CSV, JSON): format_amount without thousands separators."""
    return format_amount(amount, separators=False)


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """Percentage of the whole, rounded half-up to 2 places; None when the whole is zero."""
    if whole == 0:
        return None
    return (part * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


#: How a change's percentage is computed, said once on every page that shows one.
CHANGE_ROUNDING = "增减百分比以上年（或预算数）为基数，由本站计算，四舍五入保留两位小数；基数为 0 时不计算"


@dataclass(frozen=True)
class Delta:
    """A change between two stated figures: its amount and its percentage of the earlier one."""
    amount: Decimal  # signed: after − before
    percent: Decimal | None  # half-up to 2 places (share); None when the earlier figure is 0


def delta(after: Decimal, before: Decimal) -> Delta:
    return Delta(after - before, share(after - before, before))
