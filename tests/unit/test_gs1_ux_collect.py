"""``Options(collect_all=True)``: every independent problem, with its facts."""

from __future__ import annotations

import pytest

from vntrace import gs1
from vntrace.errors import GS1Error

ALL = gs1.Options(collect_all=True)


def _mod10(digits: str) -> str:
    """GS1 mod-10, written out independently of vntrace."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def test_default_stops_at_the_first_problem() -> None:
    assert [f.code for f in gs1.validate("(01)08934567890129(17)270632")] == [
        "GS1.INCORRECT_CHECK_DIGIT"
    ]


@pytest.mark.parametrize(
    "text",
    ["(01)08934567890129(17)270632(10)A B", "^010893456789012917270632\x1d10A B"],
    ids=["bracketed", "caret"],
)
def test_every_value_is_checked(text: str) -> None:
    codes = [f.code for f in gs1.validate(text.replace("\x1d", "^"), options=ALL)]
    assert codes == [
        "GS1.INCORRECT_CHECK_DIGIT",
        "GS1.ILLEGAL_DAY",
        "GS1.INVALID_CSET82_CHARACTER",
    ]


def test_unbracketed_form_collects_too() -> None:
    codes = [f.code for f in gs1.validate("010893456789012917270632", options=ALL)]
    assert codes == ["GS1.INCORRECT_CHECK_DIGIT", "GS1.ILLEGAL_DAY"]


def test_check_digit_facts() -> None:
    (f,) = gs1.validate("(01)08934567890129", options=ALL)
    assert f.params["expected"] == _mod10("0893456789012")
    assert f.params["got"] == "9"
    assert f.message("en") == f"Incorrect check digit: expected {_mod10('0893456789012')}, found 9"


def test_association_rules_all_reported_and_bad_values_still_count() -> None:
    found = gs1.validate("(01)08934567890120(02)08934567890129(10)x", options=ALL)
    assert [f.code for f in found] == [
        "GS1.INCORRECT_CHECK_DIGIT",
        "GS1.INVALID_AI_PAIRS",
        "GS1.REQUIRED_AIS_NOT_SATISFIED",
    ]
    found = gs1.validate("(10)A(21)x(235)y", options=ALL)
    required = [f.params["ai"] for f in found if f.code == "GS1.REQUIRED_AIS_NOT_SATISFIED"]
    assert required == ["10", "21", "235"]


def test_lengths_in_the_message() -> None:
    (f,) = gs1.validate("(01)08934567890120(17)2706", options=ALL)
    assert (f.params["length"], f.params["expected"]) == (4, "6")
    assert f.message("vi") == "Giá trị của AI (17) quá ngắn: có 4 ký tự, cần 6 ký tự"


def test_parse_raises_with_every_finding() -> None:
    with pytest.raises(GS1Error) as info:
        gs1.parse("(01)08934567890129(17)270632", options=ALL)
    assert len(info.value.findings) == 2


def test_valid_input_parses_the_same() -> None:
    text = "(01)08934567890120(17)270630(10)LOT-7"
    assert gs1.validate(text, options=ALL) == []
    assert gs1.parse(text, options=ALL) == gs1.parse(text)


def test_d13_warning_only_scan_parses() -> None:
    assert [f.severity.value for f in gs1.validate("]Q1hTTps://exampl")] == ["warning"]
    assert gs1.parse("]Q1hTTps://exampl").primary == "hTTps://exampl"


def test_d13_plain_scan_data_is_not_silently_empty() -> None:
    (f,) = gs1.validate("]d1HELLO")
    assert (f.code, f.severity.value) == ("GS1.SCAN_DATA_IS_PLAIN", "warning")
    es = gs1.parse("]d1HELLO")
    assert (es.elements, es.primary) == ((), "HELLO")


def test_d13_encode_refuses_what_decode_refuses() -> None:
    with pytest.raises(GS1Error) as info:
        gs1.scan.encode("A" * 8192, "QR")
    assert info.value.code == "GS1.DATA_TOO_LONG"
    assert gs1.scan.decode(gs1.scan.encode("A" * 8190, "QR")).data == "A" * 8190


def test_plain_qr_data_with_a_bar() -> None:
    assert gs1.scan.encode("TESTING|^99XYZ", "QR") == "]Q1TESTING|^99XYZ"
    assert gs1.scan.decode("]Q1TESTING|^99XYZ").data == "TESTING|^99XYZ"
