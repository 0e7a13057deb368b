"""``gs1.parse_any``: what was pasted or scanned, and what is wrong with it, named by kind."""

from __future__ import annotations

import pytest

from vntrace import gs1
from vntrace.errors import GS1Error
from vntrace.findings import Severity


def _mod10(digits: str) -> str:
    """GS1 mod-10 check digit, written out independently of vntrace."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


GTIN13 = "893456789012" + _mod10("893456789012")
GLN = "893456700001" + _mod10("893456700001")
# indicator 9 and company prefix 8: also valid as AI (98) data, but a key first
GTIN14 = "9893456789012" + _mod10("9893456789012")
SSCC = "37610425002123456" + _mod10("37610425002123456")


def _codes(text: str) -> list[str]:
    with pytest.raises(GS1Error) as info:
        gs1.parse_any(text)
    return [f.code for f in info.value.findings]


@pytest.mark.parametrize(
    ("text", "kind", "bracketed"),
    [
        (GTIN13, "gtin", f"(01)0{GTIN13}"),
        (GTIN14, "gtin", f"(01){GTIN14}"),
        (SSCC, "sscc", f"(00){SSCC}"),
        (f"(01)0{GTIN13}(17)270630", "element_string", f"(01)0{GTIN13}(17)270630"),
        (f"(01) 0{GTIN13} (17) 270630", "element_string", f"(01)0{GTIN13}(17)270630"),
        (f"^010{GTIN13}17270630", "element_string", f"(01)0{GTIN13}(17)270630"),
        (f"010{GTIN13}10LOT\x1d17270630", "element_string", f"(01)0{GTIN13}(10)LOT(17)270630"),
        (f"https://id.gs1.org/01/0{GTIN13}/10/L7", "digital_link", f"(01)0{GTIN13}(10)L7"),
        (f"]C1010{GTIN13}10L7", "scan_data", f"(01)0{GTIN13}(10)L7"),
        ("]Q1TESTING", "scan_data", None),
    ],
)
def test_kinds(text: str, kind: str, bracketed: str | None) -> None:
    parsed = gs1.parse_any(text)
    assert parsed.kind == kind
    assert parsed.text == text
    if bracketed is not None:
        assert parsed.element_string is not None
        assert parsed.element_string.bracketed() == bracketed


def test_digits_that_are_also_ai_data() -> None:
    assert gs1.parse_any(GTIN14).alternatives == ("element_string",)


def test_thirteen_digits_may_also_be_a_gln() -> None:
    assert gs1.parse_any(GLN).alternatives == ("gln",)
    assert gs1.parse_any(GLN).key == GLN


def test_label_text_is_read_with_a_note() -> None:
    parsed = gs1.parse_any(f"(01) 0{GTIN13} (17) 270630")
    assert parsed.form == "hri"
    (note,) = parsed.findings
    assert (note.code, note.severity) == ("GS1.READ_AS_HRI", Severity.INFO)


def test_wrong_check_digit_names_the_key_and_the_digits() -> None:
    wrong = "9" if GTIN13[-1] != "9" else "8"
    with pytest.raises(GS1Error) as info:
        gs1.parse_any(GTIN13[:-1] + wrong)
    (f,) = info.value.findings
    assert f.code == "GS1.LOOKS_LIKE_KEY"
    assert (f.params["key"], f.params["reason"]) == ("GTIN-13", "GS1.INCORRECT_CHECK_DIGIT")
    assert f.message("en") == (
        f"This looks like a GTIN-13, but: Incorrect check digit: expected {GTIN13[-1]},"
        f" found {wrong}"
    )
    assert f.message("vi").startswith("Đây có vẻ là mã GTIN-13, nhưng: Số kiểm tra sai")


def test_trailing_space_is_named_not_a_length_error() -> None:
    codes = _codes(f"(01)0{GTIN13} ")
    assert codes == ["GS1.INPUT_SURROUNDING_WHITESPACE", "GS1.VALID_WITHOUT_WHITESPACE"]
    with pytest.raises(GS1Error) as info:
        gs1.parse_any("\u00a0" + GTIN13)
    assert "U+00A0" in info.value.message("en")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "GS1.INPUT_EMPTY"),
        ("   ", "GS1.INPUT_BLANK"),
        ("HELLO", "GS1.NOT_GS1_DATA"),
        ("123456789", "GS1.DIGITS_NOT_A_KEY"),
        ("https://id.gs1.org/01/08934567890129", "GS1.INCORRECT_CHECK_DIGIT"),
        ("]C1010893456789012910L7", "GS1.INCORRECT_CHECK_DIGIT"),
        ("(01)08934567890120(17)270631", "GS1.ILLEGAL_DAY"),
        ("0108934567890129", "GS1.LOOKS_LIKE_ELEMENT_STRING"),
    ],
)
def test_bad_inputs(text: str, code: str) -> None:
    assert _codes(text)[0] == code


def test_validate_adds_a_hint_but_keeps_the_engine_code() -> None:
    (f,) = gs1.validate(GTIN13)
    assert f.code == "GS1.NO_AI_FOR_PREFIX"
    assert f.params["hint"] == "GS1.HINT_BARE_KEY"
    assert f"(01)0{GTIN13}" in f.message("en")
    (f,) = gs1.validate("")
    assert f.code == "GS1.MISSING_FNC1_IN_FIRST_POSITION"
    assert f.message("en").endswith("The input is empty")
    (f,) = gs1.validate(f"https://id.gs1.org/01/0{GTIN13}")
    assert f.params["hint"] == "GS1.HINT_DIGITAL_LINK"
    (f,) = gs1.validate(f"(01)0{GTIN13} ")
    assert f.params["hint"] == "GS1.HINT_SURROUNDING_WHITESPACE"
    # an explicit form is the engine's verdict alone
    (f,) = gs1.validate(GTIN13, form="unbracketed")
    assert "hint" not in f.params


def test_not_text() -> None:
    assert _codes(None) == ["GS1.INPUT_NOT_TEXT"]  # type: ignore[arg-type]


def test_numbers_and_nan_from_a_spreadsheet_get_a_hint() -> None:
    (f,) = gs1.validate(float("nan"))
    assert (f.code, f.params["hint"]) == ("GS1.INPUT_NOT_TEXT", "GS1.HINT_EMPTY_CELL_NAN")
    assert "keep_default_na=False" in f.message("vi")
    (f,) = gs1.validate(int(GTIN13))
    assert f.params["hint"] == "GS1.HINT_NUMBER_COLUMN"
