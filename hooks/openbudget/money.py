"""Amounts of money: parsed from the YAML text into Decimal, never through float.

The published text is the record. ``parse_amount("33.1")`` keeps the exponent, so the
page shows 33.1 exactly as the document printed it, not 33.10.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# 1234.5, 0, 2,476,260.58 (thousands separators as printed in 元 tables).
_AMOUNT = re.compile(r"^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$")


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
    """Decimal from an amount's text; ValueError with a Chinese message otherwise."""
    cleaned = text.strip()
    if cleaned.startswith("-"):
        raise ValueError(f"金额不能为负数，实际为 {text}")
    if not _AMOUNT.match(cleaned):
        raise ValueError(f'应为金额，实际为 "{text}"')
    return Decimal(cleaned.replace(",", ""))


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


def format_amount(amount: Decimal) -> str:
    """Thousands separators, published decimals kept: 158406.46 → 158,406.46; 33.1 → 33.1."""
    return format(amount, ",f")


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """Percentage of the whole, rounded half-up to 2 places; None when the whole is zero."""
    if whole == 0:
        return None
    return (part * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
