"""Differential property test: ``vntrace.gs1.gtin`` against python-stdnum's ``stdnum.ean``.

python-stdnum is a core dependency and an independent implementation of the same GTIN rules
(lengths 8, 12, 13, 14; ASCII digits; GS1 mod-10 check digit; spaces and hyphens removed). The two
must agree on every input, with one documented exception: **stdnum normalises, we do not**.
``stdnum.ean.compact`` maps full-width and mathematical digits to ASCII (``stdnum.util.clean``),
drops Unicode dashes and the ideographic space, and strips any surrounding whitespace (tabs,
newlines, no-break spaces). vntrace accepts ASCII only and removes nothing but ASCII spaces and
hyphens (STYLE.md "things to avoid" 1), so on such input stdnum may say valid where we say
``GS1.NON_DIGIT_CHARACTER``. The tests split inputs on exactly that condition, using stdnum's own
public ``compact``, and assert both sides of it.
"""

from __future__ import annotations

import unicodedata

import pytest
from gs1_keys_strategies import DIGITS, digits, with_check_digit
from hypothesis import example, given
from hypothesis import strategies as st
from stdnum import ean

from vntrace.errors import InvalidFormat
from vntrace.gs1 import gtin

LENGTHS = (8, 12, 13, 14)
FULL_WIDTH = str.maketrans(DIGITS, "０１２３４５６７８９")
MATH_BOLD = str.maketrans(DIGITS, "".join(chr(0x1D7CE + i) for i in range(10)))
ARABIC_INDIC = str.maketrans(DIGITS, "٠١٢٣٤٥٦٧٨٩")


def _ascii_compact(text: str) -> str:
    """What our ``compact`` does: drop ASCII spaces and hyphens, nothing else."""
    return text.replace(" ", "").replace("-", "")


def _stdnum_only_removes_ascii_separators(text: str) -> bool:
    return ean.compact(text) == _ascii_compact(text)


# Random digit strings of the four GTIN lengths (mostly wrong check digits) ...
random_digits = st.sampled_from(LENGTHS).flatmap(digits)
# ... valid GTINs of the four lengths ...
valid_gtins = st.sampled_from(LENGTHS).flatmap(lambda n: with_check_digit(digits(n - 1)))
# ... near-misses: one digit of a valid GTIN replaced, or two neighbours swapped.


@st.composite
def near_misses(draw: st.DrawFn) -> str:
    value = draw(valid_gtins)
    i = draw(st.integers(0, len(value) - 2))
    if draw(st.booleans()):
        return value[:i] + value[i + 1] + value[i] + value[i + 2 :]
    return value[:i] + draw(st.sampled_from(DIGITS)) + value[i + 1 :]


@st.composite
def with_separators(draw: st.DrawFn, base: st.SearchStrategy[str]) -> str:
    """``base`` with ASCII spaces and hyphens inserted anywhere (both libraries remove them)."""
    chars = list(draw(base))
    for _ in range(draw(st.integers(0, 4))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(" -")))
    return "".join(chars)


# Junk: any Unicode text, and text over an alphabet of digits, separators and their look-alikes
# (full-width/mathematical/Arabic-Indic digits, Unicode dashes and spaces, tab, newline, letters).
LOOKALIKES = "0123456789 -８０𝟗٣\u2010\u2013\u2212\u3000\u00a0\t\nAOl"
junk = st.one_of(
    st.text(max_size=20),
    st.text(LOOKALIKES, max_size=16),
    st.tuples(
        st.text(" \t\n\u00a0\u3000", max_size=2), valid_gtins, st.text(" \t\n", max_size=2)
    ).map("".join),
)
texts = st.one_of(random_digits, valid_gtins, near_misses(), with_separators(valid_gtins), junk)


@given(texts)
@example("")
@example("-")
@example("8934567890120")
@example("0893-4567-890120")
@example("8934567890129")
@example("89345678901")
@example("893456789012345")
@example("\t8934567890120")
@example("８934567890120")
def test_is_valid_agrees_with_stdnum(text: str) -> None:
    ours = gtin.is_valid(text)
    theirs = ean.is_valid(text)
    if _stdnum_only_removes_ascii_separators(text):
        assert ours == theirs, text
        if ours:
            assert gtin.validate(text) == ean.validate(text)
            assert gtin.compact(text) == ean.compact(text)
    else:
        # The documented difference: stdnum normalised something we do not. We never accept it.
        assert ours is False, text
        with pytest.raises(InvalidFormat) as info:
            gtin.validate(text)
        assert info.value.code == "GS1.NON_DIGIT_CHARACTER"


@given(random_digits)
def test_random_digit_strings_agree_exactly(text: str) -> None:
    # Pure ASCII digit strings of the GTIN lengths need no normalisation: full agreement.
    assert _stdnum_only_removes_ascii_separators(text)
    assert gtin.is_valid(text) == ean.is_valid(text)


@given(st.sampled_from((7, 11, 12, 13)).flatmap(digits))
def test_calc_check_digit_agrees_with_stdnum(payload: str) -> None:
    digit = gtin.calc_check_digit(payload)
    assert digit == ean.calc_check_digit(payload)
    assert gtin.is_valid(payload + digit)
    assert ean.is_valid(payload + digit)


@given(st.one_of(st.none(), st.integers(), st.binary(max_size=14), st.lists(st.integers())))
def test_non_text_is_invalid_for_both(value: object) -> None:
    assert gtin.is_valid(value) is False  # type: ignore[arg-type]
    assert ean.is_valid(value) is False


@given(valid_gtins, st.data())
def test_full_width_digits_stdnum_normalises_we_reject(value: str, data: st.DataObject) -> None:
    # Replace a non-empty set of positions with their full-width (or mathematical bold) digits.
    positions = sorted(
        data.draw(st.sets(st.integers(0, len(value) - 1), min_size=1, max_size=len(value)))
    )
    table = data.draw(st.sampled_from((FULL_WIDTH, MATH_BOLD)))
    chars = list(value)
    for i in positions:
        chars[i] = chars[i].translate(table)
    text = "".join(chars)

    assert ean.is_valid(text) is True  # stdnum maps the look-alikes to ASCII digits ...
    assert ean.validate(text) == value
    assert gtin.is_valid(text) is False  # ... we do not.
    with pytest.raises(InvalidFormat) as info:
        gtin.validate(text)
    assert info.value.code == "GS1.NON_DIGIT_CHARACTER"
    assert info.value.finding.location.start == positions[0]
    assert info.value.finding.location.length == 1
    # Normalising is the caller's explicit choice; after NFKC the key is valid for us too.
    assert gtin.validate(unicodedata.normalize("NFKC", text)) == value


@given(valid_gtins)
def test_arabic_indic_digits_rejected_by_both(value: str) -> None:
    text = value.translate(ARABIC_INDIC)
    assert gtin.is_valid(text) is False
    assert ean.is_valid(text) is False


@given(valid_gtins, st.sampled_from(["\t", "\n", "\r", "\u00a0", "\u3000"]))
def test_surrounding_whitespace_stdnum_strips_we_reject(value: str, space: str) -> None:
    for text in (space + value, value + space):
        assert ean.is_valid(text) is True
        assert gtin.is_valid(text) is False
    # An ASCII space is a separator for both.
    assert ean.is_valid(f" {value} ")
    assert gtin.is_valid(f" {value} ")
