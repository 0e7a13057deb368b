"""Digital Link generation (gs1-facts §6.2, §6.4): the ✓ examples, escaping, stems, round trips."""

from __future__ import annotations

import pytest

from vntrace.errors import GS1Error
from vntrace.gs1 import digital_link as dl
from vntrace.gs1 import element_string
from vntrace.gs1.options import Options

GTIN = "08934567890120"
ID = "https://id.gs1.org"


def test_reference_examples() -> None:
    assert (
        dl.build(f"(17)270630(01){GTIN}(99)A(3103)000750(10)L7(21)S1")
        == f"{ID}/01/{GTIN}/10/L7/21/S1?17=270630&3103=000750&99=A"
    )
    assert dl.build(f"(8004)8934567ZZ1(01){GTIN}(10)L7") == f"{ID}/8004/8934567ZZ1?01={GTIN}&10=L7"
    assert (
        dl.build(f"(00)089345670000000123(02){GTIN}(37)12(400)PO-1")
        == f"{ID}/00/089345670000000123?02={GTIN}&37=12&400=PO-1"
    )


def test_235_cannot_be_an_attribute() -> None:
    # GS1's engine picks 01 10 and refuses (235) as an attribute; vntrace then takes the
    # other sequence, so the element string of a valid URI builds (redteam D13)
    assert dl.build(f"(01){GTIN}(10)L7(235)TPX1") == f"{ID}/01/{GTIN}/235/TPX1?10=L7"
    with pytest.raises(GS1Error) as info:
        dl.build(f"(01){GTIN}(22)V1(235)TPX1")  # neither (22) nor (235) can be an attribute
    assert info.value.code == "GS1.AI_IS_NOT_VALID_DATA_ATTRIBUTE"
    assert info.value.finding.params["ai"] == "235"


def test_element_string_of_a_valid_uri_builds_back() -> None:
    uri = "http://example.vn/dl/01/08933864522703/235/zR3Qzl?10=96050"
    assert dl.validate(uri) == []
    assert dl.build(dl.parse(uri).element_string, stem="http://example.vn/dl") == uri


def test_a_uri_is_restemmed_keeping_its_path() -> None:
    uri = f"https://example.vn/01/{GTIN}/22/V1/10/L7?17=270630"
    assert dl.build(uri, stem="https://tx.vn") == f"https://tx.vn/01/{GTIN}/22/V1/10/L7?17=270630"
    with pytest.raises(GS1Error):
        dl.build(f"https://example.vn/01/{GTIN}/21/S1/10/L7")


def test_round_trip_reorders_fixed_length_first() -> None:
    link = dl.parse(f"https://example.vn/01/{GTIN}?98=XY&foo=b%20r&flag&17=270630#frag?x")
    assert link.element_string.bracketed() == f"(01){GTIN}(98)XY(17)270630"
    assert link.ignored_params == ("foo=b%20r", "flag")
    assert link.uri(ID) == f"{ID}/01/{GTIN}?17=270630&98=XY"
    assert dl.build(link.element_string) == f"{ID}/01/{GTIN}?17=270630&98=XY"


@pytest.mark.parametrize(
    ("text", "tail"),
    [
        (f"(01){GTIN}(10)L/7", "/10/L%2F7"),
        (f"(01){GTIN}(21)S+1", "/21/S%2B1"),
        (f"(01){GTIN}(99)a%2", "?99=a%252"),
        (
            f"(01){GTIN}(99)a!\"&'\\()*+,:;<=>?b",
            "?99=a%21%22%26%27%28%29%2A%2B%2C%3A%3B%3C%3D%3E%3Fb",
        ),
        (f"(01){GTIN}(99)az-._09AZ", "?99=az-._09AZ"),
    ],
)
def test_escaping(text: str, tail: str) -> None:
    uri = dl.build(element_string.parse(text))
    assert uri == f"{ID}/01/{GTIN}" + tail
    assert dl.parse(uri).element_string.bracketed() == element_string.parse(text).bracketed()


def test_qualifier_choice_and_ties() -> None:
    # the longest sequence present wins; on a tie the byte-wise smallest (01 10 < 01 22 < 01 235)
    assert dl.build(f"(01){GTIN}(21)S1(22)V1(10)L7") == f"{ID}/01/{GTIN}/22/V1/10/L7/21/S1"
    assert dl.build([("01", GTIN), ("22", "V1")]) == f"{ID}/01/{GTIN}/22/V1"
    with pytest.raises(GS1Error) as info:
        dl.build([("01", GTIN), ("22", "V1"), ("235", "T")])  # 01 22 beats 01 235
    assert info.value.finding.params["ai"] == "235"
    # 01 10 beats 01 235 on a tie, unless (235) would then have to be an attribute
    assert dl.build([("01", GTIN), ("235", "T"), ("10", "L")]) == f"{ID}/01/{GTIN}/235/T?10=L"
    assert dl.build([("01", GTIN), ("235", "TPX1")]) == f"{ID}/01/{GTIN}/235/TPX1"
    assert (
        dl.build([("414", "8934567000017"), ("7040", "1ABa")])
        == f"{ID}/414/8934567000017/7040/1ABa"
    )


def test_first_key_wins_and_other_keys_are_attributes() -> None:
    assert (
        dl.build([("414", "8934567000017"), ("01", GTIN), ("10", "L7")])
        == f"{ID}/414/8934567000017?01={GTIN}&10=L7"
    )


def test_no_primary_key() -> None:
    with pytest.raises(GS1Error) as info:
        dl.build(
            f"(02){GTIN}(37)12",
            options=Options(validate_requisite_ais=False),
        )
    assert info.value.code == "GS1.CANNOT_CREATE_DL_URI_WITHOUT_PRIMARY_KEY_AI"


def test_stems() -> None:
    assert (
        dl.build(f"(01){GTIN}", stem="https://truyxuat.example.vn/")
        == f"https://truyxuat.example.vn/01/{GTIN}"
    )
    assert dl.build(f"(01){GTIN}", stem="") == f"/01/{GTIN}"
    assert dl.build(f"(01){GTIN}", stem="https://x.vn/a/b") == f"https://x.vn/a/b/01/{GTIN}"
    link = dl.parse(f"https://x.vn/a/b/01/{GTIN}/10/L7")
    assert link.uri() == f"https://x.vn/a/b/01/{GTIN}/10/L7"
    assert str(link) == link.uri()
    assert link.uri("https://id.gs1.org/") == f"{ID}/01/{GTIN}/10/L7"


def test_identical_repeats_collapse() -> None:
    es = element_string.parse(f"(01){GTIN}(99)A(10)L7(99)A")
    assert dl.build(es) == f"{ID}/01/{GTIN}/10/L7?99=A"


def test_unknown_ais_need_both_options() -> None:
    text = f"(01){GTIN}(89)AB"
    unknown = Options(permit_unknown_ais=True)
    with pytest.raises(GS1Error) as info:
        dl.build(text, options=unknown)
    assert info.value.code == "GS1.AI_IS_NOT_VALID_DATA_ATTRIBUTE"
    both = Options(permit_unknown_ais=True, unknown_ai_not_dl_attr=False)
    assert dl.build(text, options=both) == f"{ID}/01/{GTIN}?89=AB"


def test_too_long() -> None:
    with pytest.raises(GS1Error) as info:
        dl.build(f"(01){GTIN}(99)" + "A" * 90, stem="https://x.vn/" + "p" * 16_300)
    assert info.value.code == "GS1.DL_URI_TOO_LONG"


def test_invalid_element_string_is_refused() -> None:
    with pytest.raises(GS1Error) as info:
        dl.build("(01)08934567890129(10)L7")
    assert info.value.code == "GS1.INCORRECT_CHECK_DIGIT"
    with pytest.raises(GS1Error):
        dl.build([("01", GTIN), ("10", "A B")])


def test_caret_input() -> None:
    assert dl.build(f"^01{GTIN}10L7^17270630") == f"{ID}/01/{GTIN}/10/L7?17=270630"
