"""vntrace.gs1.checkdigit: mod-10, RCN price/weight check digits, GMN check pair.

Vectors are worked by hand (weights written out in the comments), taken from gs1-facts.md (✓) or
from GS1 General Specifications §7.9 examples; the price/weight digit is also compared with biip.
"""

from __future__ import annotations

import random

import pytest

from vntrace.errors import InvalidFormat, InvalidLength
from vntrace.gs1.checkdigit import (
    CSET32,
    CSET82,
    MOD10_TABLE_MAX,
    check_pair,
    mod10,
    mod10_ok,
    price_weight,
    verify_mod10,
)


@pytest.mark.parametrize(
    ("payload", "digit"),
    [
        ("893456789012", "0"),  # gs1-facts ✓ 8934567890120 (weighted sum 120)
        ("0893456789012", "0"),
        ("9501234567890", "3"),  # 0·3+9+8·3+7+6·3+5+4·3+3+2·3+1+0·3+5+9·3 = 117
        ("00614141123456789", "0"),  # weighted sum 140
        ("08934567000000012", "3"),  # gs1-facts ✓ SSCC 089345670000000123 (sum 87)
        ("893456700001", "7"),  # gs1-facts ✓ GLN 8934567000017 (sum 83)
        ("", "0"),
        ("1", "7"),  # 1·3 = 3
        ("5", "5"),  # 5·3 = 15
        ("0000000", "0"),
    ],
)
def test_mod10(payload: str, digit: str) -> None:
    assert mod10(payload) == digit
    assert verify_mod10(payload + digit)
    assert not verify_mod10(payload + str((int(digit) + 1) % 10))


@pytest.mark.parametrize(
    ("payload", "start"), [("89345A", 5), ("８93", 0), ("1 2", 1), ("12\n", 2), ("\u0661", 0)]
)
def test_mod10_rejects_non_ascii_digits(payload: str, start: int) -> None:
    with pytest.raises(InvalidFormat) as info:
        mod10(payload)
    assert info.value.code == "GS1.NON_DIGIT_CHARACTER"
    assert info.value.finding.location.start == start
    with pytest.raises(InvalidFormat):
        verify_mod10(payload + "0")


def test_verify_mod10_empty() -> None:
    with pytest.raises(InvalidLength) as info:
        verify_mod10("")
    assert info.value.code == "GS1.TOO_SHORT_FOR_CHECK_DIGIT"


@pytest.mark.parametrize(
    ("payload", "digit"),
    [
        # §7.9.3 example: 2 (2-: 4), 8 (2-: 5), 7 (3: 1), 5 (5-: 3); sum 13; 13×3 = 39 → 9
        ("2875", "9"),
        # 0000: all products 0 → 0
        ("0000", "0"),
        # 1 (2-: 2), 2 (2-: 4), 3 (3: 9), 4 (5-: 8); sum 23; 69 → 9
        ("1234", "9"),
        # 9 (2-: 7), 9 (2-: 7), 9 (3: 7), 9 (5-: 1); sum 22; 66 → 6
        ("9999", "6"),
        # §7.9.4 example: 1 (5+: 5), 4 (2-: 8), 6 (5-: 7), 8 (5+: 4), 5 (2-: 9); sum 33;
        # 40−33 = 7; the digit whose 5- product is 7 is 6
        ("14685", "6"),
        # 0 everywhere: sum 0 → 0 → digit 0
        ("00000", "0"),
        # 1 (5+: 5), 2 (2-: 4), 3 (5-: 4), 4 (5+: 2), 5 (2-: 9); sum 24; 30−24 = 6; 5-⁻¹(6) = 8
        ("12345", "8"),
    ],
)
def test_price_weight(payload: str, digit: str) -> None:
    assert price_weight(payload) == digit


@pytest.mark.parametrize("payload", ["", "123", "123456"])
def test_price_weight_length(payload: str) -> None:
    with pytest.raises(InvalidLength) as info:
        price_weight(payload)
    assert info.value.code == "GS1.PRICE_WEIGHT_INVALID_LENGTH"
    assert info.value.finding.params["length"] == len(payload)


def test_price_weight_non_digit() -> None:
    with pytest.raises(InvalidFormat):
        price_weight("28７5")


def test_price_weight_matches_biip() -> None:
    biip = pytest.importorskip("biip.checksums")
    for n in range(10_000):
        payload = f"{n:04d}"
        assert price_weight(payload) == str(biip.gs1_price_weight_check_digit(payload)), payload
    rng = random.Random(7)
    for _ in range(5_000):
        payload = f"{rng.randrange(100_000):05d}"
        assert price_weight(payload) == str(biip.gs1_price_weight_check_digit(payload)), payload


@pytest.mark.parametrize(
    ("data", "pair"),
    [
        ("8934567ABC", "K4"),  # gs1-facts ✓ worked example: sum 2588 → 546 = 17·32 + 2
        ("!!!", "22"),  # index 0 everywhere → 0 → "22"
        ("", "22"),
        ('"', "24"),  # index 1 × prime 2 = 2 = 0·32 + 2 → CSET32[0] CSET32[2]
        ("1", "2W"),  # "1" index 14 × 2 = 28 → CSET32[0] CSET32[28] = "2", "W"
        ("z!", "9M"),  # "!" 0 × 2; "z" 81 × 3 = 243 = 7·32 + 19 → CSET32[7] CSET32[19]
    ],
)
def test_check_pair(data: str, pair: str) -> None:
    assert check_pair(data) == pair


def test_cset_tables() -> None:
    assert len(CSET82) == 82
    assert len(set(CSET82)) == 82
    assert CSET82.index("!") == 0
    assert CSET82.index("0") == 13
    assert CSET82.index("A") == 29
    assert CSET82.index("_") == 55
    assert CSET82.index("z") == 81
    assert CSET32 == "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def test_check_pair_errors() -> None:
    with pytest.raises(InvalidFormat) as info:
        check_pair("893 4")
    assert info.value.code == "GS1.INVALID_CSET82_CHARACTER"
    assert info.value.finding.location.start == 3
    assert check_pair("!" * 97) == "22"
    with pytest.raises(InvalidLength) as too_long:
        check_pair("!" * 98)
    assert too_long.value.code == "GS1.TOO_LONG_FOR_CHECK_PAIR_IMPLEMENTATION"


def test_mod10_tables_every_length() -> None:
    """The table shortcut (lengths 1-28) and the plain weighted sum agree, valid or not."""
    rng = random.Random(11)
    for n in range(1, MOD10_TABLE_MAX + 6):
        for _ in range(300):
            number = "".join(rng.choice("0123456789") for _ in range(n))
            weighted = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(reversed(number)))
            assert mod10_ok(number.encode()) is (weighted % 10 == 0), number
    for number in ("9" * 28, "0" * 28, "9" * 27 + "7"):
        weighted = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(reversed(number)))
        assert mod10_ok(number.encode()) is (weighted % 10 == 0)


@pytest.mark.parametrize("func", [mod10, verify_mod10, price_weight, check_pair])
@pytest.mark.parametrize("value", [None, 893, b"893"])
def test_non_text(func, value) -> None:
    with pytest.raises(InvalidFormat) as info:
        func(value)
    assert info.value.code == "GS1.KEY.NOT_TEXT"
