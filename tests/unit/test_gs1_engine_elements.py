"""Element strings: every ✓ example of gs1-facts §5 and §8 (input → code, markup, span)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from vntrace.errors import GS1Error, UnsupportedInput, VntraceError
from vntrace.gs1 import element_string as es
from vntrace.gs1.ai import lookup
from vntrace.gs1.element_string import Element, ElementString, parse, validate
from vntrace.gs1.options import DEFAULT_OPTIONS, Options

GTIN = "08934567890120"
PERMIT = Options(permit_unknown_ais=True)


def codes(text: object, **kw: object) -> list[str]:
    return [f.code.removeprefix("GS1.") for f in validate(text, **kw)]  # type: ignore[arg-type]


# (input, expected code or None, expected markup or None)
LINTER_CASES = [
    ("(8001)12340000000319", "ILLEGAL_ZERO_VALUE", "(8001)1234|00000|"),
    ("(4330)001234+", "NOT_HYPHEN", "(4330)001234|+|"),
    ("(8013)89A4567ABCK4", "INCORRECT_CHECK_PAIR", "(8013)89A4567ABC|K4|"),
    (f"(01){GTIN}(17)270631", "ILLEGAL_DAY", "(17)2706|31|"),
    (f"(01){GTIN}(10)A B", "INVALID_CSET82_CHARACTER", "(10)A| |B"),
    ("(8006)089345678901200302", "PIECE_NUMBER_EXCEEDS_TOTAL", "(8006)08934567890120|0302|"),
    (f"(01){GTIN}(8014)8934567099923", "REQUIRES_NON_DIGIT_CHARACTER", "(8014)|8934567099923|"),
    ("(8010)8934567a", "INVALID_CSET39_CHARACTER", "(8010)8934567|a|"),
    ("(8010)8934567A(8011)012", "ILLEGAL_ZERO_PREFIX", "(8011)|0|12"),
    ("(8030)Ab=C", "INVALID_CSET64_CHARACTER", "(8030)Ab|=|C"),
    ("(8004)AB12345", "INVALID_GCP_PREFIX", "(8004)|A|B12345"),
    ("(401)893", "TOO_SHORT_FOR_GCP", "(401)|893|"),
    ("(01)08934567890129", "INCORRECT_CHECK_DIGIT", "(01)0893456789012|9|"),
]


@pytest.mark.parametrize(("text", "code", "markup"), LINTER_CASES)
def test_linter_errors(text: str, code: str, markup: str) -> None:
    (f,) = validate(text)
    assert f.code == f"GS1.{code}"
    assert f.params["markup"] == markup
    ai = markup[1 : markup.index(")")]
    assert f.params["ai"] == ai
    assert f.location.field == ai
    # The span in the location is the marked part of the value.
    value = markup[markup.index(")") + 1 :]
    assert f.location.start == value.index("|")
    assert f.location.length == value.count("", value.index("|") + 1, value.rindex("|")) - 1


def test_linter_finding_names_the_linter() -> None:
    (f,) = validate("(01)08934567890129")
    assert f.params["linter"] == "csum"
    (f,) = validate(f"(01){GTIN}(10)A B")
    assert f.params["linter"] == "cset82"
    (f,) = validate("(8013)89A4567ABCK4")
    assert f.params["linter"] == "csumalpha"  # csumalpha runs before gcppos1


ENGINE_CASES = [
    # §5.3 bracketed
    ("", "MISSING_FNC1_IN_FIRST_POSITION"),
    ("(10)LOT(7", "AI_PARSE_FAILED"),
    ("()", "AI_UNRECOGNISED"),
    ("(7)", "AI_UNRECOGNISED"),
    ("(80001)", "AI_UNRECOGNISED"),
    ("(9Z)", "AI_UNRECOGNISED"),
    ("(10", "AI_PARSE_FAILED"),
    (f"(01){GTIN}(10)", "AI_PARSE_FAILED"),
    ("(10)(21)A", "AI_VALUE_IS_TOO_SHORT"),
    ("(7003)2706301", "AI_VALUE_IS_TOO_SHORT"),
    (f"(01){GTIN}1", "AI_VALUE_IS_TOO_LONG"),
    ("(01)089345678901201", "AI_VALUE_IS_TOO_LONG"),  # length before the check digit
    (f"(01){GTIN}(10)A^B", "AI_CONTAINS_ILLEGAL_CARAT_CHARACTER"),
    ("(423)7044", "AI_DATA_HAS_INCORRECT_LENGTH"),
    # §5.4 caret
    ("^", "AI_DATA_EMPTY"),
    (f"^01{GTIN}7003270630125^10A", "AI_DATA_HAS_INCORRECT_LENGTH"),
    ("^8001" + "1" * 15, "AI_DATA_IS_TOO_LONG"),
    (f"^01{GTIN}^10LOT-7^^17270630", "NO_AI_FOR_PREFIX"),
    ("^10LOT-717270630", "REQUIRED_AIS_NOT_SATISFIED"),
    (f"^01{GTIN}9", "NO_AI_FOR_PREFIX"),
    ("^10", "AI_DATA_IS_EMPTY"),
    ("^891234", "NO_AI_FOR_PREFIX"),
    ("^2361234", "NO_AI_FOR_PREFIX"),
    ("01", "AI_DATA_IS_EMPTY"),
    # §5.6 message rules
    (f"(01){GTIN}(02){GTIN}", "INVALID_AI_PAIRS"),
    (f"(01){GTIN}(3103)000750(3102)007500", "INVALID_AI_PAIRS"),
    (f"(02){GTIN}(37)12", "REQUIRED_AIS_NOT_SATISFIED"),
    (f"(01){GTIN}(3922)1299", "REQUIRED_AIS_NOT_SATISFIED"),
    ("(253)8934567000017(8030)AB", "SERIAL_NOT_PRESENT"),
    (f"(01){GTIN}(8030)AB", "REQUIRED_AIS_NOT_SATISFIED"),
    ("(21)A(235)B", "INVALID_AI_PAIRS"),
    (f"(01){GTIN}(422)704(426)704", "INVALID_AI_PAIRS"),
    (f"(01){GTIN}(10)A(10)B", "INSTANCES_OF_AI_HAVE_DIFFERENT_VALUES"),
]


@pytest.mark.parametrize(("text", "code"), ENGINE_CASES)
def test_engine_errors(text: str, code: str) -> None:
    assert codes(text) == [code]
    with pytest.raises(GS1Error) as info:
        parse(text)
    assert info.value.code == f"GS1.{code}"
    assert isinstance(info.value, VntraceError)


VALID = [
    f"(01){GTIN}(17)270630(10)LOT-7",
    f"^01{GTIN}^10LOT-7",
    f"^01{GTIN}^10LOT-7^",
    f"(01){GTIN}(3103)000750(3103)000750",
    f"(00)089345670000000123(02){GTIN}(37)12",
    f"(01){GTIN}(3922)1299(3103)000750",
    "(253)8934567000017X1(8030)AB",
    f"(01){GTIN}(21)S1(8030)AB",
    f"(01){GTIN}(10)A(10)A",
    "(8010)8934567A(8011)12",
    "(8013)8934567ABCK4",
    f"(01){GTIN}(8014)8934567ABCK4",
    "(00)089345670000000123(8026)089345678901200305(37)5",
]


@pytest.mark.parametrize("text", VALID)
def test_valid(text: str) -> None:
    assert validate(text) == []
    assert parse(text).elements


def test_message_rule_params() -> None:
    (f,) = validate(f"(01){GTIN}(02){GTIN}")
    assert dict(f.params) == {"ai": "02", "other": "01"}
    assert f.message("en") == "It is invalid to pair AI (02) with AI (01)"
    assert f.message("vi") == "Không được dùng AI (02) cùng với AI (01)"
    (f,) = validate(f"(01){GTIN}(3103)000750(3102)007500")
    assert dict(f.params) == {"ai": "3102", "other": "3103"}
    (f,) = validate(f"(02){GTIN}(37)12")
    assert dict(f.params) == {"ai": "37", "required": "00", "options": "(00)"}
    (f,) = validate(f"(01){GTIN}(3922)1299")
    assert f.params["required"] == "30,31nn,32nn,35nn,36nn"
    assert f.message("en") == (
        "AI (3922) needs one of these AIs in the same message: (30), (31nn), (32nn), (35nn), (36nn)"
    )
    (f,) = validate(f"(01){GTIN}(422)704(426)704")
    assert dict(f.params) == {"ai": "422", "other": "426"}
    (f,) = validate("(21)A(235)B")
    assert dict(f.params) == {"ai": "21", "other": "235"}
    (f,) = validate("(253)8934567000017(8030)AB")
    assert f.params["ai"] == "253"
    (f,) = validate(f"(01){GTIN}(8030)AB")
    assert f.params["required"] == "00,01+21,253,255,8003,8004,8006+21,8010+8011,8017,8018"
    (f,) = validate(f"^01{GTIN}9")
    assert f.params["data"] == "9"
    assert f.message("en") == "The data starting 9… matches no known AI"


def test_requisite_switch() -> None:
    off = Options(validate_requisite_ais=False)
    assert validate("^10LOT-717270630", options=off) == []
    assert validate(f"(02){GTIN}(37)12", options=off) == []
    # mutex is locked
    assert codes("(21)A(235)B", options=off) == ["INVALID_AI_PAIRS"]


def test_error_order_parse_before_linters() -> None:
    # A too-long GTIN reports its length, not its check digit (§5.3 step 4).
    assert codes("(01)089345678901299") == ["AI_VALUE_IS_TOO_LONG"]
    # In bracketed form all parse errors come before any linter error.
    assert codes("(01)08934567890129(10)") == ["AI_PARSE_FAILED"]
    assert codes("(01)08934567890129(99)") == ["AI_PARSE_FAILED"]
    # In caret form validation is per AI, so the first AI's linter error wins.
    assert codes("^0108934567890129^^") == ["INCORRECT_CHECK_DIGIT"]
    # Linter errors beat message rules.
    assert codes("(10)A B") == ["INVALID_CSET82_CHARACTER"]


def test_vivified_unknown_ais() -> None:
    assert codes("(89)Z") == ["AI_UNRECOGNISED"]
    for text, ai in [
        ("^2361234", "236"),
        ("^8299AB", "8299"),
        ("(89)Z", "89"),
        ("(0456)X", "0456"),
    ]:
        got = parse(text, options=PERMIT)
        assert [e.ai for e in got.elements] == [ai]
        assert got.hri(data_titles=True)[0].startswith(f"UNKNOWN ({ai}) ")
    assert codes("^891234", options=PERMIT) == ["NO_AI_FOR_PREFIX"]
    assert codes("(011)1", options=PERMIT) == ["AI_UNRECOGNISED"]
    assert codes("(2345)X", options=PERMIT) == ["AI_UNRECOGNISED"]
    # 41x and 31-36 exceptions: fixed length, no separator needed.
    got = parse(f"^4181234567890123^01{GTIN}", options=PERMIT)
    assert got.caret() == f"^4181234567890123^01{GTIN}".replace("123^01", "12301")
    got = parse(f"^3106ABCDEF01{GTIN}", options=PERMIT)
    assert [e.value for e in got.elements] == ["ABCDEF", GTIN]


def test_hri() -> None:
    got = parse(f"(01){GTIN}(3103)000750(99)Q")
    assert got.hri() == [f"(01) {GTIN}", "(3103) 000750", "(99) Q"]
    assert got.hri(data_titles=True) == [
        f"GTIN (01) {GTIN}",
        "NET WEIGHT (kg) (3103) 000750",
        "INTERNAL (99) Q",
    ]
    assert parse("(89)Z", options=PERMIT).hri(data_titles=True) == ["UNKNOWN (89) Z"]
    # HRI shows raw values (no escaping); composites give no extra line.
    assert parse(f"(01){GTIN}(10)A\\(B|(21)S1").hri() == [f"(01) {GTIN}", "(10) A(B", "(21) S1"]


def test_fnc1_form_and_separators() -> None:
    assert parse(f"(01){GTIN}(17)270630(10)LOT-7").caret() == f"^01{GTIN}1727063010LOT-7"
    assert parse(f"(01){GTIN}(10)LOT-7(17)270630").caret() == f"^01{GTIN}10LOT-7^17270630"
    assert parse(f"(01){GTIN}(10)LOT-7(17)270630").unbracketed() == (f"01{GTIN}10LOT-7\x1d17270630")
    assert parse(f"(01){GTIN}(10)LOT-7(17)270630").unbracketed("^") == f"01{GTIN}10LOT-7^17270630"


def test_escapes() -> None:
    got = parse(f"(01){GTIN}(10)A\\(B(21)C)D")
    assert [e.value for e in got.elements] == [GTIN, "A(B", "C)D"]
    assert got.bracketed() == f"(01){GTIN}(10)A\\(B(21)C)D"
    # Any other backslash is data, and fails CSET 82.
    (f,) = validate(f"(01){GTIN}(10)A\\B")
    assert f.code == "GS1.INVALID_CSET82_CHARACTER"
    assert f.params["markup"] == "(10)A|\\|B"


def test_composite() -> None:
    got = parse(f"(01){GTIN}|(10)L7")
    assert got.composite_index == 1
    assert got.bracketed() == f"(01){GTIN}|(10)L7"
    assert got.caret() == f"^01{GTIN}|^10L7"
    assert got.unbracketed() == f"01{GTIN}10L7"
    got = parse(f"^01{GTIN}|^10L7")
    assert got.composite_index == 1
    # Message rules over the union: (10) needs (01) from the linear part.
    assert codes("(10)L7|(99)A") == ["REQUIRED_AIS_NOT_SATISFIED"]
    # Caret: plain linear data, composite must start with ^.
    got = parse("8934567890120|^10L7", form="caret", options=Options(validate_requisite_ais=False))
    assert got.primary == "8934567890120"
    assert got.caret() == "8934567890120|^10L7"
    assert codes(f"^01{GTIN}|10L7") == ["MISSING_FNC1_IN_FIRST_POSITION"]
    assert codes(f"^01{GTIN}|^") == ["AI_DATA_EMPTY"]
    assert codes(f"(01){GTIN}|10L7") == ["AI_PARSE_FAILED"]
    # Linear separator before composite when the last linear AI is not predefined-length.
    got = parse(f"(01){GTIN}(10)L7|(21)S1")
    assert got.unbracketed() == f"01{GTIN}10L7\x1d21S1"


def test_limits() -> None:
    # 64 entries is the limit; 65 fail.
    ok = f"(01){GTIN}" + "(10)A" * 63
    assert validate(ok) == []
    assert codes(ok + "(10)A") == ["TOO_MANY_AIS"]
    assert codes("^" + f"01{GTIN}" + "10A^" * 64) == ["TOO_MANY_AIS"]
    # The composite separator counts as one entry.
    assert codes(f"(01){GTIN}" + "(10)A" * 62 + "|(10)A") == ["TOO_MANY_AIS"]
    assert validate(f"(01){GTIN}" + "(10)A" * 61 + "|(10)A") == []
    # 8191 characters.
    (f,) = validate("(99)" + "A" * 8188)
    assert f.code == "GS1.DATA_TOO_LONG"
    assert f.message("en") == "Maximum data length is 8191 characters"
    assert codes("(99)" + "A" * 8187) == ["AI_VALUE_IS_TOO_LONG"]


def test_forms_explicit_and_detected() -> None:
    caret = f"^01{GTIN}10LOT-7"
    assert parse(caret).pairs() == parse(caret, form="caret").pairs()
    assert codes(caret, form="bracketed") == ["AI_PARSE_FAILED"]
    assert codes(f"01{GTIN}", form="bracketed") == ["AI_PARSE_FAILED"]
    assert codes(f"01{GTIN}", form="caret") == ["MISSING_FNC1_IN_FIRST_POSITION"]
    assert parse(f"01{GTIN}", form="unbracketed").pairs() == [("01", GTIN)]
    assert codes(f"01{GTIN}^10A", form="unbracketed") == ["SCAN_DATA_CONTAINS_ILLEGAL_CARAT"]
    assert codes("", form="unbracketed") == ["AI_DATA_EMPTY"]
    assert parse(f"]C101{GTIN}").pairs() == [("01", GTIN)]
    assert parse("]E08934567890120").primary == "8934567890120"
    assert codes("]Q2abc") == ["UNSUPPORTED_SYMBOLOGY_IDENTIFIER"]
    with pytest.raises(UnsupportedInput):
        validate("x", form="nonsense")


def test_any_input_type() -> None:
    assert codes(None) == ["INPUT_NOT_TEXT"]
    assert codes(12345) == ["INPUT_NOT_TEXT"]
    assert codes(b"(01)08934567890120") == []
    assert codes(b"(10)\xff") == ["INVALID_CSET82_CHARACTER"]
    assert codes("(01)٠٨٩٣٤٥٦٧٨٩٠١٢٠") == ["NON_DIGIT_CHARACTER"]


def test_from_pairs() -> None:
    got = ElementString.from_pairs([("01", GTIN), ("10", "L7")])
    assert got.elements == (Element("01", GTIN, "GTIN"), Element("10", "L7", "BATCH/LOT"))
    assert got == parse(f"(01){GTIN}(10)L7")
    with pytest.raises(GS1Error, match="AI_UNRECOGNISED"):
        ElementString.from_pairs([("89", "Z")])
    assert ElementString.from_pairs([("89", "Z")], PERMIT).elements[0].title == "UNKNOWN"
    with pytest.raises(GS1Error, match="AI_VALUE_IS_TOO_SHORT"):
        ElementString.from_pairs([("01", "123")])
    with pytest.raises(GS1Error, match="INCORRECT_CHECK_DIGIT"):
        ElementString.from_pairs([("01", "08934567890129")])
    with pytest.raises(GS1Error, match="AI_PARSE_FAILED"):
        ElementString.from_pairs([("01", 8934567890120)])  # type: ignore[list-item]


def test_internals_for_digital_link() -> None:
    e01 = lookup("01")
    assert e01 is not None
    assert es.check_value_length(e01, "0893456789012").code == "GS1.AI_VALUE_IS_TOO_SHORT"  # type: ignore[union-attr]
    assert es.check_value_length(e01, GTIN + "1").code == "GS1.AI_VALUE_IS_TOO_LONG"  # type: ignore[union-attr]
    e10 = lookup("10")
    assert e10 is not None
    assert es.check_value_length(e10, "A^B").code == "GS1.AI_CONTAINS_ILLEGAL_CARAT_CHARACTER"  # type: ignore[union-attr]
    assert es.validate_components(e10, "") is not None
    assert es.validate_components(e10, "").code == "GS1.AI_DATA_IS_EMPTY"  # type: ignore[union-attr]
    f = es.validate_components(e01, "08934567890129")
    assert f is not None
    assert (f.code, f.location.start, f.location.length) == ("GS1.INCORRECT_CHECK_DIGIT", 13, 1)
    assert es.check_message_rules([("01", GTIN), ("10", "L")], DEFAULT_OPTIONS) is None
    f = es.check_message_rules([("10", "L"), ("01", GTIN), ("02", GTIN)], DEFAULT_OPTIONS)
    assert f is not None
    assert dict(f.params) == {"ai": "02", "other": "01"}


def test_interpreted_elements() -> None:
    got = parse(f"(01){GTIN}(3103)000750(30)12")
    assert [str(e.interpreted) for e in got.elements] == [GTIN, "0.750", "12"]


def test_messages_render_in_both_languages() -> None:
    data = json.loads(
        resources.files("vntrace.messages").joinpath("gs1_engine.json").read_text("utf-8")
    )
    for code, entry in data.items():
        assert code.startswith("GS1.")
        assert entry["en"]
        assert entry["vi"]
        assert entry["en"] != entry["vi"]


def test_memoised_date_linters_give_the_linter_verdicts() -> None:
    from vntrace.gs1.linters import LINTERS  # noqa: PLC0415 - only this test

    for name in ("yymmd0", "yymmdd"):
        memo = es._linter(name)
        assert memo is not LINTERS[name]
        for yy in (0, 4, 21, 26, 71, 72, 99):
            for mm in range(14):
                for dd in range(33):
                    value = f"{yy:02d}{mm:02d}{dd:02d}"
                    assert memo(value) == LINTERS[name](value)
                    assert memo(value) == LINTERS[name](value)  # from the table
        assert memo("2606") == LINTERS[name]("2606")
        assert memo("26063A") == ("NON_DIGIT_CHARACTER", 5, 1)
    assert es._linter("csum") is LINTERS["csum"]


def test_missing_separator_is_undetectable_when_the_value_fits() -> None:
    # §5.4 step 6: (10) swallows the would-be (17); only the req rule notices.
    got = parse("^10LOT-717270630", options=Options(validate_requisite_ais=False))
    assert got.pairs() == [("10", "LOT-717270630")]
    got = parse(f"^01{GTIN}10LOT-717270630")
    assert got.pairs() == [("01", GTIN), ("10", "LOT-717270630")]
