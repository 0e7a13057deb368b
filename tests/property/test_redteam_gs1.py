"""Red team: every public GS1 entry point against hostile input.

Contract (ARCHITECTURE.md "Bad input never crashes", TEAM.md "ASCII digits only"): any input
gives findings or a ``VntraceError`` with en+vi messages; ``validate`` functions never raise;
``is_valid`` returns a ``bool``; non-ASCII digits are never accepted; long inputs stay fast.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from redteam_strategies import (
    GS1_TEXT,
    TRAPS,
    WRONG_TYPES,
    check_findings,
    outcome,
    timed,
)

from vntrace import gs1
from vntrace.errors import GS1Error, VntraceError
from vntrace.findings import Finding
from vntrace.gs1 import ai, checkdigit, linters, prefixes, scan

FORMS = [None, "bracketed", "caret", "unbracketed", "scan"]
KEY_MODULES = [
    gs1.gtin,
    gs1.gln,
    gs1.sscc,
    gs1.grai,
    gs1.giai,
    gs1.gsrn,
    gs1.gdti,
    gs1.gcn,
    gs1.gsin,
    gs1.ginc,
    gs1.itip,
    gs1.gmn,
]
KEY_FUNCTIONS = ["compact", "validate", "format", "calc_check_digit"]
SYMBOLOGIES = [*scan.SYMBOLOGIES, "bogus"]
SOME_AIS = ["01", "10", "17", "7003", "8008", "3103", "3923", "8030", "4309", "4330", "7007", "99"]
FAST = settings(max_examples=60, deadline=None)

# A Unicode digit of every decimal-digit script we could think of, for each value 0-9.
UNICODE_DIGITS = {
    d: [
        c
        for c in map(chr, range(0x80, 0x20000))
        if unicodedata.category(c) == "Nd" and unicodedata.digit(c, -1) == d
    ][::7]
    for d in range(10)
}


def _all_gs1_calls(text: Any) -> None:
    for form in FORMS:
        outcome(gs1.parse, text, form=form)
        check_findings(gs1.validate(text, form=form))
    outcome(scan.decode, text)
    check_findings(scan.validate(text))
    for symbology in SYMBOLOGIES:
        outcome(scan.encode, text, symbology)
    for name in linters.LINTERS:
        result = outcome(linters.lint, name, text)
        assert result is None or isinstance(result, (Finding, VntraceError))
    outcome(linters.lint, text, "1")
    for module in KEY_MODULES:
        assert isinstance(module.is_valid(text), bool)
        for fn in KEY_FUNCTIONS:
            if hasattr(module, fn):
                outcome(getattr(module, fn), text)
    for code in SOME_AIS:
        outcome(ai.interpret, code, text)
    outcome(ai.interpret, text, "1")
    outcome(ai.lookup, text)
    outcome(ai.length_by_prefix, text)
    outcome(prefixes.lookup, text)
    outcome(checkdigit.mod10, text)
    outcome(checkdigit.price_weight, text)
    outcome(checkdigit.check_pair, text)


@FAST
@given(text=GS1_TEXT)
def test_any_text_gives_findings_or_vntrace_error(text: str) -> None:
    _all_gs1_calls(text)


@pytest.mark.parametrize("value", [*WRONG_TYPES, b"(01)08934567890120", bytearray(b"01")])
def test_wrong_types_give_findings_or_vntrace_error(value: Any) -> None:
    _all_gs1_calls(value)


@pytest.mark.parametrize("value", WRONG_TYPES)
def test_validate_of_wrong_types_is_input_not_text(value: Any) -> None:
    assert [f.code for f in gs1.validate(value)] == ["GS1.INPUT_NOT_TEXT"]
    assert scan.validate(value)[0].code == "GS1.INPUT_NOT_TEXT"


@pytest.mark.parametrize("value", [None, 3103, b"3103", ["31", "03"]])
def test_interpret_rejects_non_text(value: Any) -> None:
    with pytest.raises(GS1Error) as info:
        ai.interpret("3103", value)
    assert info.value.code == "GS1.INPUT_NOT_TEXT"
    with pytest.raises(GS1Error):
        ai.interpret(value, "000750")


@pytest.mark.parametrize("value", [[], {}, None, 1])
def test_lookup_of_non_text_is_none(value: Any) -> None:
    assert ai.lookup(value) is None
    assert ai.length_by_prefix(value) is None


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("3103", "75"),  # N6: too short, not 0.075 kg
        ("3103", "0007500"),  # too long
        ("37", "123456789"),  # N..8
        ("7003", "2606301"),  # YYMMDD HHMM needs 10 digits
        ("7007", "2601012601"),  # 6 or 12 digits
        ("8008", "260630"),  # YYMMDDHH at least
        ("4309", "1107530000"),  # both coordinates
        ("17", "271331"),  # day 31 of month 13
        ("01", "٠٨٩٣٤٥٦٧٨٩٠١٢٠"),
    ],
)
def test_interpret_does_not_coerce_invalid_values(code: str, value: str) -> None:
    """The documented contract: an invalid value is returned unchanged, not half-understood."""
    assert ai.interpret(code, value) == value


def test_interpret_still_types_valid_values() -> None:
    assert str(ai.interpret("3103", "000750")) == "0.750"
    assert ai.interpret("37", "12") == 12


@FAST
@given(
    position=st.integers(0, 13),
    pick=st.integers(0, 10_000),
)
def test_non_ascii_digits_are_never_accepted(position: int, pick: int) -> None:
    valid = "08934567890120"
    digit = int(valid[position])
    options = UNICODE_DIGITS[digit]
    fake = valid[:position] + options[pick % len(options)] + valid[position + 1 :]
    assert gs1.gtin.is_valid(valid)
    assert gs1.gtin.is_valid(fake) is False
    assert gs1.validate(f"(01){fake}")
    assert gs1.validate(f"^01{fake}")
    assert gs1.validate(f"01{fake}")
    assert scan.validate(f"]d201{fake}")
    assert linters.lint("csum", fake) is not None
    if position < 13:
        assert isinstance(outcome(checkdigit.mod10, fake[:13]), VntraceError)
    assert isinstance(outcome(prefixes.lookup, fake), VntraceError)
    assert ai.interpret("01", fake) == fake


# A trailing GS (FNC1) is tolerated by the reference (gs1-facts §7.2), so it is no trap here.
@pytest.mark.parametrize("trap", [t for t in TRAPS if t and t != "\x1d"])
def test_traps_around_a_valid_element_string_are_reported(trap: str) -> None:
    """No silent trimming: a valid string with a trap character added is not valid."""
    texts = (
        f"(01)08934567890120{trap}",
        f"^0108934567890120{trap}",
        f"]d2010893456789012010A{trap}",
    )
    for text in texts:
        assert gs1.validate(text), repr(text)
    assert gs1.validate(f"{trap}(01)08934567890120")


HUGE = [
    "(01)" + "0" * 200_000,
    "(10)" + "A" * 300_000,
    "^" + "10A\x1d" * 50_000,
    "(" * 200_000,
    ")" * 200_000,
    "\\(" * 100_000,
    "]d2" + "10A\x1d" * 50_000,
    "9" * 500_000,
    "0" * 1_000_000,
    "(01)08934567890120" * 30_000,
    "(8030)" + "-" * 400_000,
    "\ud800" * 200_000,
]


@pytest.mark.parametrize("text", HUGE, ids=lambda t: f"{t[:8]!r}x{len(t)}")
def test_huge_inputs_stay_fast(text: str) -> None:
    for form in FORMS:
        check_findings(timed(gs1.validate, text, form=form, limit=0.5))
        timed(gs1.parse, text, form=form, limit=0.5)
    check_findings(timed(scan.validate, text, limit=0.5))
    for symbology in ("QR", "DM", "EAN13", "GS1_128_CCA"):
        timed(scan.encode, text, symbology, limit=0.5)
    for name in ("csum", "cset82", "cset39", "pcenc", "iban", "couponcode"):
        timed(linters.lint, name, text, limit=0.5)
    for module in KEY_MODULES:
        start = timed(module.is_valid, text, limit=0.5)
        assert start is False
    timed(ai.interpret, "10", text, limit=0.5)
    timed(prefixes.lookup, text, limit=0.5)
    timed(checkdigit.mod10, text, limit=0.5)


@FAST
@given(text=GS1_TEXT)
def test_validate_agrees_with_parse(text: str) -> None:
    """``validate`` gives the finding ``parse`` raises with; no error exactly when parse succeeds
    (a warning, such as plain scan data, does not make ``parse`` raise: redteam D13)."""
    for form in FORMS:
        findings = gs1.validate(text, form=form)
        result = outcome(gs1.parse, text, form=form)
        if isinstance(result, VntraceError):
            assert [f.code for f in findings] == [result.code]
        else:
            assert not [f for f in findings if f.is_error]
