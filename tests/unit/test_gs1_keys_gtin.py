"""vntrace.gs1.gtin: the uniform interface, error codes and spans, the fast is_valid, Gtin.parse."""

from __future__ import annotations

import random

import pytest

from vntrace.errors import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from vntrace.gs1 import gtin
from vntrace.gs1._prefixtable import PREFIXES
from vntrace.gs1.gtin import Gtin
from vntrace.gs1.keys import CheckDigitKeyModule


def test_protocol() -> None:
    assert isinstance(gtin, CheckDigitKeyModule)


@pytest.mark.parametrize(
    "number", ["8934567890120", "08934567890120", "95012345678903", "18934567000014", "89345672"]
)
def test_valid(number: str) -> None:
    assert gtin.validate(number) == number
    assert gtin.is_valid(number)
    assert gtin.calc_check_digit(number[:-1]) == number[-1]


def test_gtin_12() -> None:
    # 0 6 1 4 1 4 1 0 0 0 0 from the right: 0·3 0 0·3 0 1·3 4 1·3 4 1·3 6 0·3 = 3+4+3+4+3+6 = 23 → 7
    assert gtin.calc_check_digit("06141410000") == "7"
    assert gtin.is_valid("061414100007")
    assert Gtin.parse("061414100007").kind == "GTIN-12"
    assert gtin.as_gtin_14("061414100007") == "00061414100007"


@pytest.mark.parametrize(
    ("number", "compact"),
    [
        (" 893 4567 890120 ", "8934567890120"),
        ("0-8934567-89012-0", "08934567890120"),
        ("8934567890120", "8934567890120"),
    ],
)
def test_compact_and_format(number: str, compact: str) -> None:
    assert gtin.compact(number) == compact
    assert gtin.format(number) == compact
    assert gtin.validate(number) == compact
    assert gtin.is_valid(number)


@pytest.mark.parametrize(
    ("number", "error", "code", "start", "length"),
    [
        ("8934567890129", InvalidChecksum, "GS1.INCORRECT_CHECK_DIGIT", 12, 1),
        ("08934567890129", InvalidChecksum, "GS1.INCORRECT_CHECK_DIGIT", 13, 1),
        ("89345A7890120", InvalidFormat, "GS1.NON_DIGIT_CHARACTER", 5, 1),
        ("８934567890120", InvalidFormat, "GS1.NON_DIGIT_CHARACTER", 0, 1),  # full-width 8
        ("\u0668\u0669\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662\u0660", InvalidFormat,
         "GS1.NON_DIGIT_CHARACTER", 0, 1),  # Arabic-Indic digits
        ("893456789012", InvalidChecksum, "GS1.INCORRECT_CHECK_DIGIT", 11, 1),  # 12 digits, bad
        ("89345678901", InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 11),
        ("", InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 0),
        ("089345678901200", InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 15),
        ("8934567_890120", InvalidFormat, "GS1.NON_DIGIT_CHARACTER", 7, 1),
    ],
)  # fmt: skip
def test_errors(number: str, error: type, code: str, start: int, length: int) -> None:
    with pytest.raises(error) as info:
        gtin.validate(number)
    assert info.value.code == code
    assert info.value.finding.location.start == start
    assert info.value.finding.location.length == length
    assert info.value.finding.params["key"] == "GTIN"
    assert not gtin.is_valid(number)


def test_check_digit_params() -> None:
    with pytest.raises(InvalidChecksum) as info:
        gtin.validate("08934567890129")
    assert info.value.finding.params["expected"] == "0"
    assert info.value.finding.params["got"] == "9"
    assert "Số kiểm tra" in info.value.message("vi")


def test_length_message() -> None:
    with pytest.raises(InvalidLength) as info:
        gtin.validate("123")
    assert info.value.message("en") == "GTIN has 3 characters; expected 8/12/13/14"
    assert info.value.message("vi") == "GTIN có 3 ký tự; độ dài hợp lệ: 8/12/13/14"


@pytest.mark.parametrize("value", [None, 8934567890120, b"8934567890120", ["8"] * 13, object()])
def test_is_valid_non_text(value: object) -> None:
    assert gtin.is_valid(value) is False  # type: ignore[arg-type]


def test_validate_non_text() -> None:
    with pytest.raises(InvalidFormat) as info:
        gtin.validate(8934567890120)  # type: ignore[arg-type]
    assert info.value.code == "GS1.KEY.NOT_TEXT"


@pytest.mark.parametrize(
    "number", ["\ud800" * 13, "8934567890120\n", "893456789012 0", "-", " ", "\x00" * 14, "1e13"]
)
def test_is_valid_odd_input(number: str) -> None:
    expected = True
    try:
        gtin.validate(number)
    except ValueError:
        expected = False
    assert gtin.is_valid(number) is expected


def test_is_valid_agrees_with_stdnum_and_validate() -> None:
    """The table-based fast path gives the same verdicts as python-stdnum and our validate()."""
    ean = pytest.importorskip("stdnum.ean")
    rng = random.Random(2026)
    for _ in range(20_000):
        n = rng.choice((8, 12, 13, 14))
        digits = "".join(rng.choice("0123456789") for _ in range(n))
        if rng.random() < 0.05:
            digits = digits[: rng.randrange(n)] + rng.choice("AZ /٣７") + digits[rng.randrange(n) :]
        if rng.random() < 0.05:
            digits = digits[:-1]
        ours = gtin.is_valid(digits)
        assert ours == ean.is_valid(digits) or not digits.isascii(), digits
        try:
            gtin.validate(digits)
            slow = True
        except ValueError:
            slow = False
        assert ours is slow, digits


def test_every_length_and_check_digit() -> None:
    rng = random.Random(1)
    for n in (8, 12, 13, 14):
        payload = "".join(rng.choice("0123456789") for _ in range(n - 1))
        good = gtin.calc_check_digit(payload)
        hits = [d for d in "0123456789" if gtin.is_valid(payload + d)]
        assert hits == [good]


def test_calc_check_digit_errors() -> None:
    assert gtin.calc_check_digit("1893456700001") == "4"  # 13 digits: a GTIN-14 payload
    with pytest.raises(InvalidLength):
        gtin.calc_check_digit("893456789")  # no GTIN has 10 digits
    with pytest.raises(InvalidLength):
        gtin.calc_check_digit("18934567000014")
    with pytest.raises(InvalidFormat):
        gtin.calc_check_digit("89345678901A")


def test_parse() -> None:
    g = Gtin.parse("893 4567 890120")
    assert g.value == "8934567890120"
    assert str(g) == "8934567890120"
    assert g.kind == "GTIN-13"
    assert g.as_gtin_14() == "08934567890120"
    assert g.indicator == "0"
    assert g.gs1_prefix == "893"
    assert g.check_digit == "0"
    assert g.company_prefix is None
    assert g.item_reference is None
    assert g.prefix is not None
    assert g.prefix.organisation == "GS1 Vietnam"


@pytest.mark.parametrize(
    ("number", "length", "company_prefix", "item_reference"),
    [
        ("8934567890120", 7, "8934567", "89012"),
        ("8934567890120", 8, "89345678", "9012"),
        ("08934567890120", 9, "893456789", "012"),
        ("8934567890120", 10, "8934567890", "12"),
        ("8934567890120", 12, "893456789012", ""),
        ("18934567000014", 7, "8934567", "00001"),
        ("95012345678903", 6, "501234", "567890"),  # GTIN-14, indicator 9
        ("95012345678903", 11, "50123456789", "0"),
        ("061414100007", 7, "0061414", "10000"),  # GTIN-12: GTIN-13 form 0061414100007
    ],
)
def test_parse_company_prefix(
    number: str, length: int, company_prefix: str, item_reference: str
) -> None:
    g = Gtin.parse(number, company_prefix_length=length)
    assert g.company_prefix == company_prefix
    assert g.item_reference == item_reference


@pytest.mark.parametrize(("number", "length"), [
    ("8934567890120", 11),  # GS1 Vietnam allocates 7, 8, 9, 10 or 12 digits
    ("8934567890120", 6),
    ("8934567890120", 3),
    ("8934567890120", 13),
    ("95012345678903", 3),
    ("89345672", 7),  # a GTIN-8 has no company prefix
])  # fmt: skip
def test_parse_bad_company_prefix_length(number: str, length: int) -> None:
    with pytest.raises(InvalidComponent) as info:
        Gtin.parse(number, company_prefix_length=length)
    assert info.value.code == "GS1.KEY.INVALID_COMPANY_PREFIX_LENGTH"
    assert info.value.finding.params["company_prefix_length"] == length


def test_parse_gtin_8_and_14() -> None:
    g8 = Gtin.parse("89345672")
    assert (g8.kind, g8.gs1_prefix, g8.indicator, g8.as_gtin_14()) == (
        "GTIN-8",
        "893",
        "0",
        "00000089345672",
    )
    g14 = Gtin.parse("18934567000014")
    assert (g14.indicator, g14.gs1_prefix) == ("1", "893")


def test_parse_is_frozen() -> None:
    g = Gtin.parse("8934567890120")
    with pytest.raises(AttributeError):
        g.value = "x"  # type: ignore[misc]
    assert g == Gtin.parse("8934567890120")
    assert hash(g) == hash(Gtin("8934567890120"))


def test_parse_errors_propagate() -> None:
    with pytest.raises(InvalidChecksum):
        Gtin.parse("8934567890129")


@pytest.mark.parametrize(
    ("number", "rcn"),
    [
        ("2012345000018", True),  # 1·3+0+0+0+0+5+4·3+3+2·3+1+0·3+2 = 32 → 8
        ("0212345000011", True),
        ("0412345000019", True),
        ("8934567890120", False),
        ("02123450000114", True),  # GTIN-14 form of an RCN-13
        ("21234565", True),  # RCN-8
        ("01234565", True),  # RCN-8
        ("89345672", False),
    ],
)
def test_restricted_circulation(number: str, rcn: bool) -> None:
    number = number[:-1] + gtin.calc_check_digit(number[:-1])  # keep the examples valid
    assert Gtin.parse(number).is_restricted_circulation is rcn


def test_restricted_circulation_matches_prefix_table() -> None:
    """Every 3-digit prefix flagged as RCN is described as restricted circulation in GS1's list."""
    for prefix, organisation in PREFIXES.items():
        if len(prefix) != 3:
            continue
        number = prefix + "000000000"
        number += gtin.calc_check_digit(number)
        flagged = Gtin.parse(number).is_restricted_circulation
        assert flagged is ("Restricted Circulation" in organisation), (prefix, organisation)
