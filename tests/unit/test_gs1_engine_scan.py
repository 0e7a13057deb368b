"""Scan data (gs1-facts §7): decode every ✓ example, encode per §7.3."""

from __future__ import annotations

import pytest

from vntrace.errors import GS1Error
from vntrace.gs1 import scan
from vntrace.gs1.element_string import parse
from vntrace.gs1.options import Options

GTIN = "08934567890120"


@pytest.mark.parametrize(
    ("data", "symbology", "bracketed"),
    [
        (f"]C101{GTIN}10L7\x1d17270630", "GS1_128_CCA", f"(01){GTIN}(10)L7(17)270630"),
        ("]E08934567890120", "EAN13", None),
        ("]E489345672", "EAN8", None),
        (f"]d201{GTIN}21S1", "DM", f"(01){GTIN}(21)S1"),
        (f"]Q301{GTIN}10L7\x1d17270630", "QR", f"(01){GTIN}(10)L7(17)270630"),
        (f"]J101{GTIN}", "DotCode", f"(01){GTIN}"),
        (f"]e001{GTIN}10L7\x1d", "DataBarExpanded", f"(01){GTIN}(10)L7"),
        ("]Q1hTTps://example.vn/01/08934567890120", "QR", None),
        ("]Q1hello", "QR", None),
        ("]d1^0108934567890120", "DM", None),
        ("]J0plain", "DotCode", None),
    ],
)
def test_decode_ok(data: str, symbology: str, bracketed: str | None) -> None:
    result = scan.decode(data)
    assert result.symbology == symbology
    assert result.symbology_identifier == data[:3]
    assert result.data == data[3:]
    if bracketed is None:
        assert result.element_string is None
    else:
        assert result.element_string is not None
        assert result.element_string.bracketed() == bracketed


def test_decode_digital_link() -> None:
    result = scan.decode("]Q1https://example.vn/01/08934567890120/10/L7")
    assert result.symbology == "QR"
    assert result.element_string is not None
    assert result.element_string.bracketed() == f"(01){GTIN}(10)L7"
    assert result.digital_link is not None


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("]E08934567890129", "PRIMARY_MESSAGE_CHECK_DIGIT_IS_INCORRECT"),
        ("]E0893456789012", "PRIMARY_SCAN_DATA_IS_TOO_SHORT"),
        ("]E089345678901201", "PRIMARY_MESSAGE_IS_TOO_LONG"),
        ("]E0893456789012A", "PRIMARY_MESSAGE_MAY_ONLY_CONTAIN_DIGITS"),
        ("]E4893456", "PRIMARY_SCAN_DATA_IS_TOO_SHORT"),
        (f"]Q301{GTIN}10L^7", "SCAN_DATA_CONTAINS_ILLEGAL_CARAT"),
        ("]Q2abc", "UNSUPPORTED_SYMBOLOGY_IDENTIFIER"),
        ("]C0abc", "UNSUPPORTED_SYMBOLOGY_IDENTIFIER"),
        ("]E1123", "UNSUPPORTED_SYMBOLOGY_IDENTIFIER"),
        ("abc", "MISSING_SYMBOLOGY_IDENTIFIER"),
        ("]Q", "MISSING_SYMBOLOGY_IDENTIFIER"),
        ("", "MISSING_SYMBOLOGY_IDENTIFIER"),
        ("]C1", "AI_DATA_EMPTY"),
        ("]Q3https://example.vn/01/08934567890120", "NO_AI_FOR_PREFIX"),
        ("]E08934567890120|]e010L7", "REQUIRED_AIS_NOT_SATISFIED"),
        (f"]C101{GTIN}10L7\x1d\x1d17270630", "NO_AI_FOR_PREFIX"),
        ("]C1" + "9" * 8191, "DATA_TOO_LONG"),
        ("]Q1https://example.vn/01/08934567890129", "INCORRECT_CHECK_DIGIT"),
        (None, "INPUT_NOT_TEXT"),
    ],
)
def test_decode_errors(data: str, code: str) -> None:
    assert [f.code for f in scan.validate(data)] == [f"GS1.{code}"]
    with pytest.raises(GS1Error):
        scan.decode(data)


def test_scan_data_too_long_message() -> None:
    (f,) = scan.validate("]C1" + "9" * 8191)
    assert f.message("en") == "Maximum data length is 8190 characters"
    # 8190 characters of data are accepted by the length check (and then parsed).
    assert [f.code for f in scan.validate("]C199" + "A" * 8188)] == ["GS1.AI_DATA_IS_TOO_LONG"]


def test_trailing_gs_tolerated() -> None:
    assert scan.validate(f"]C101{GTIN}10L7\x1d") == []


def test_ean_with_composite() -> None:
    opts = Options(validate_requisite_ais=False)
    result = scan.decode("]E08934567890120|]e010L7", opts)
    assert result.element_string is not None
    assert result.element_string.primary == "8934567890120"
    assert result.element_string.caret() == "8934567890120|^10L7"
    # The same data in AI form passes without switching req off.
    assert parse(f"^01{GTIN}|^10L7").pairs() == [("01", GTIN), ("10", "L7")]


@pytest.mark.parametrize(
    ("data", "symbology", "expected"),
    [
        (f"^01{GTIN}10L7^17270630", "QR", f"]Q301{GTIN}10L7\x1d17270630"),
        (f"^01{GTIN}10L7^17270630", "DM", f"]d201{GTIN}10L7\x1d17270630"),
        (f"^01{GTIN}10L7^17270630", "DotCode", f"]J101{GTIN}10L7\x1d17270630"),
        ("hello", "QR", "]Q1hello"),
        ("\\^0108934567890120", "DM", "]d1^0108934567890120"),
        (f"^01{GTIN}|^10L7", "EAN13", "]E08934567890120|]e010L7"),
        (f"(01){GTIN}", "EAN13", "]E08934567890120"),
        ("8934567890120", "EAN13", "]E08934567890120"),
        ("(01)00012345678905", "UPCA", "]E00012345678905"),
        ("012345678905", "UPCA", "]E00012345678905"),
        ("012345678905", "UPCE", "]E00012345678905"),
        ("(01)00000089345672", "EAN8", "]E489345672"),
        ("89345672", "EAN8", "]E489345672"),
        (f"(01){GTIN}(10)L7", "GS1_128_CCA", f"]C101{GTIN}10L7"),
        (f"(01){GTIN}(10)L7|(21)S1", "GS1_128_CCA", f"]e001{GTIN}10L7\x1d21S1"),
        (f"(01){GTIN}|(21)S1", "GS1_128_CCC", f"]e001{GTIN}21S1"),
        (f"(01){GTIN}(10)L7", "DataBarExpanded", f"]e001{GTIN}10L7"),
        (f"(01){GTIN}", "DataBarOmni", f"]e001{GTIN}"),
        (f"(01){GTIN}|(10)L7", "DataBarStacked", f"]e001{GTIN}10L7"),
        (f"(01){GTIN}", "DataBarLimited", f"]e001{GTIN}"),
    ],
)
def test_encode(data: str, symbology: str, expected: str) -> None:
    assert scan.encode(data, symbology) == expected


def test_encode_round_trips_through_decode() -> None:
    for text in (f"(01){GTIN}(10)L7(17)270630", f"(00)089345670000000123(02){GTIN}(37)12"):
        es = parse(text)
        for sym in ("QR", "DM", "DotCode", "GS1_128_CCA", "DataBarExpanded"):
            decoded = scan.decode(scan.encode(es, sym))
            assert decoded.element_string == es
            assert decoded.symbology == ("DataBarExpanded" if sym == "DataBarExpanded" else sym)


@pytest.mark.parametrize(
    ("data", "symbology", "options", "code"),
    [
        ("893456789012", "EAN13", Options(add_check_digit=True), None),
        (
            "8934567890120",
            "EAN13",
            Options(add_check_digit=True),
            "PRIMARY_DATA_MUST_BE_N_DIGITS_WITHOUT_CHECK_DIGIT",
        ),
        ("893456789012", "EAN13", Options(), "PRIMARY_DATA_MUST_BE_N_DIGITS"),
        ("8934567890129", "EAN13", Options(), "PRIMARY_DATA_CHECK_DIGIT_IS_INCORRECT"),
        ("89345678901A0", "EAN13", Options(), "PRIMARY_DATA_MUST_BE_ALL_DIGITS"),
        (f"(01){GTIN}", "EAN8", Options(), "PRIMARY_DATA_IS_TOO_LARGE"),
        ("(01)28934567890124", "DataBarLimited", Options(), "PRIMARY_DATA_IS_TOO_LARGE"),
        (f"(01){GTIN}(10)L7", "EAN13", Options(), "PRIMARY_DATA_MUST_BE_GTIN"),
        (f"(01){GTIN}|(10)L7", "QR", Options(), "COMPOSITE_NOT_SUPPORTED"),
        ("x", "NONE", Options(), "SYMBOLOGY_NOT_SET"),
        ("x", "Aztec", Options(), "UNKNOWN_SYMBOLOGY"),
        ("x", "GS1_128_CCA", Options(), "MISSING_FNC1_IN_FIRST_POSITION"),
        (f"(01){GTIN}(10)", "QR", Options(), "AI_PARSE_FAILED"),
    ],
)
def test_encode_errors(data: str, symbology: str, options: Options, code: str | None) -> None:
    if code is None:
        assert scan.encode(data, symbology, options) == "]E08934567890120"
        return
    with pytest.raises(GS1Error) as info:
        scan.encode(data, symbology, options)
    assert info.value.code == f"GS1.{code}"
