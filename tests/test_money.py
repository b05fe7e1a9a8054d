from decimal import Decimal

import pytest

from openbudget.vocabulary.money import format_amount, parse_amount, plain_amount, share


def test_amount_keeps_the_published_text_exactly():
    assert parse_amount("33.1") == Decimal("33.1")
    assert str(parse_amount("33.1")) == "33.1"  # not 33.10, not 33.100000000000001
    assert str(parse_amount("254.12")) == "254.12"
    assert parse_amount("2,476,260.58") == Decimal("2476260.58")


def test_summing_amounts_never_shows_float_noise():
    parts = [parse_amount(t) for t in ("197.04", "18.25", "5.73", "33.1")]
    assert str(sum(parts, Decimal(0))) == "254.12"


@pytest.mark.parametrize("text", ["十三", "1.2.3", "", "1e3", "NaN", "Infinity", "1,23"])
def test_text_that_is_not_an_amount_is_refused(text):
    with pytest.raises(ValueError, match="应为金额"):
        parse_amount(text)


def test_negative_amount_is_refused():
    with pytest.raises(ValueError, match="不能为负数"):
        parse_amount("-5")


def test_amounts_are_shown_with_thousands_separators_and_published_decimals():
    assert format_amount(Decimal("158406.46")) == "158,406.46"
    assert format_amount(Decimal("33.1")) == "33.1"
    assert format_amount(Decimal("0")) == "0"


@pytest.mark.parametrize(("amount", "page", "download"), [
    (Decimal("4E-7"), "0.0000004", "0.0000004"),  # 0.004 元 in 万元: str() says 4E-7
    (Decimal("1E+3"), "1,000", "1000"),
    (Decimal("0E-7"), "0.0000000", "0.0000000"),
    (Decimal("2476260.58"), "2,476,260.58", "2476260.58"),
    (Decimal("0.50"), "0.50", "0.50"),
])
def test_an_amount_is_never_written_in_exponent_notation_on_a_page_or_in_a_download(amount, page, download):
    assert format_amount(amount) == page
    assert format_amount(amount, separators=False) == download
    assert plain_amount(amount) == download


def test_shares_round_half_up_to_two_places():
    assert share(Decimal("1"), Decimal("8")) == Decimal("12.50")
    assert share(Decimal("1"), Decimal("800")) == Decimal("0.13")  # 0.125 → 0.13, not banker's 0.12
    assert share(Decimal("1"), Decimal("0")) is None
