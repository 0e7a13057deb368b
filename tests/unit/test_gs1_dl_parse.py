"""Digital Link parsing: every ✓ example of gs1-facts §6 (expected values from the design doc)."""

from __future__ import annotations

import pytest

from vntrace.errors import GS1Error
from vntrace.gs1 import digital_link as dl
from vntrace.gs1.options import Options

H = "https://example.vn"
GTIN = "08934567890120"


def codes(uri: str, options: Options | None = None) -> list[str]:
    return [f.code for f in dl.validate(uri, options)]


def pairs(uri: str, options: Options | None = None) -> list[tuple[str, str]]:
    return dl.parse(uri, options).element_string.pairs()


# §6.5 table, in order
@pytest.mark.parametrize(
    ("path", "code"),
    [
        (f"/01/{GTIN}/21/S1/10/L7", "INVALID_KEY_QUALIFIER_SEQUENCE"),
        (f"/01/{GTIN}?10=L7", "AI_SHOULD_BE_IN_PATH_INFO"),
        (f"/01/{GTIN}?21=S1", "AI_IS_NOT_VALID_DATA_ATTRIBUTE"),
        (f"/01/{GTIN}?22=V1", "AI_IS_NOT_VALID_DATA_ATTRIBUTE"),
        (f"/01/{GTIN}?8200=https%3A%2F%2Fexample.vn", "AI_IS_NOT_VALID_DATA_ATTRIBUTE"),
        (f"/01/{GTIN}/10/L7?10=L7", "DUPLICATE_AI"),
        (f"/01/{GTIN}?99=A&99=A", "DUPLICATE_AI"),
        (f"/01/{GTIN}?01={GTIN}", "DUPLICATE_AI"),
        (f"/01/{GTIN}?98=&17=270630", "AI_VALUE_QUERY_ELEMENT_IN_EMPTY"),
        (f"/01/{GTIN}/10/A%00B", "DECODED_AI_FROM_DL_PATH_INFO_CONTAINS_ILLEGAL_NULL"),
        (f"/01/{GTIN}/10/A%5EB", "AI_CONTAINS_ILLEGAL_CARAT_CHARACTER"),
        (f"/01/{GTIN}/10/A B", "URI_CONTAINS_ILLEGAL_CHARACTERS"),
        (f"/01/{GTIN}/10/A|B", "URI_CONTAINS_ILLEGAL_CHARACTERS"),
        ("/01/08934567890129", "INCORRECT_CHECK_DIGIT"),
        ("/01//10/L7", "AI_VALUE_PATH_ELEMENT_IS_EMPTY"),
        ("/414/8934567000017?7040=1ABa", "AI_IS_NOT_VALID_DATA_ATTRIBUTE"),
    ],
)
def test_table_errors(path: str, code: str) -> None:
    assert codes(H + path) == [f"GS1.{code}"]


def test_check_digit_error_points_at_the_digit() -> None:
    (finding,) = dl.validate(f"{H}/01/08934567890129")
    assert finding.location.field == "01"
    assert (finding.location.start, finding.location.length) == (13, 1)


def test_empty_path_value_names_the_key() -> None:
    (finding,) = dl.validate(f"{H}/01//10/L7")
    assert finding.params["ai"] == "01"


def test_ok_with_escapes_and_plus_in_path() -> None:
    uri = f"{H}/01/{GTIN}/10/L%2F7/21/S+1?17=270630&3103=000750"
    assert pairs(uri) == [
        ("01", GTIN),
        ("10", "L/7"),
        ("21", "S+1"),
        ("17", "270630"),
        ("3103", "000750"),
    ]


@pytest.mark.parametrize(
    ("uri", "code"),
    [
        (f"https://exa_mple.vn/01/{GTIN}", "DOMAIN_CONTAINS_ILLEGAL_CHARACTERS"),
        (f"https://a?b/01/{GTIN}", "DOMAIN_CONTAINS_ILLEGAL_CHARACTERS"),
        (f"https:///01/{GTIN}", "URI_MISSING_DOMAIN_AND_PATH_INFO"),
        ("https://example.vn", "URI_MISSING_DOMAIN_AND_PATH_INFO"),
        (f"Https://example.vn/01/{GTIN}", "URI_CONTAINS_ILLEGAL_SCHEME"),
        (f"ftp://example.vn/01/{GTIN}", "URI_CONTAINS_ILLEGAL_SCHEME"),
        (f"https://example.vn/01/{GTIN}/", "NO_GS1_DL_KEYS_FOUND_IN_PATH_INFO"),
        (f"https://example.vn/01/{GTIN}/extra", "NO_GS1_DL_KEYS_FOUND_IN_PATH_INFO"),
        (f"https://example.vn/01/{GTIN}/89/AB", "NO_GS1_DL_KEYS_FOUND_IN_PATH_INFO"),
        (f"https://example.vn/01/{GTIN}/10/Lô7", "URI_CONTAINS_ILLEGAL_CHARACTERS"),
    ],
)
def test_uri_level_errors(uri: str, code: str) -> None:
    assert codes(uri) == [f"GS1.{code}"]


@pytest.mark.parametrize("scheme", ["http://", "https://", "HTTP://", "HTTPS://"])
def test_the_four_schemes(scheme: str) -> None:
    assert codes(f"{scheme}example.vn/01/{GTIN}") == []


def test_mixed_case_scheme_is_reported_not_plain_data() -> None:
    # gs1-facts §10: our decision — always an error, never silently "no GS1 data".
    with pytest.raises(GS1Error) as info:
        dl.parse(f"hTTps://example.vn/01/{GTIN}")
    assert info.value.code == "GS1.URI_CONTAINS_ILLEGAL_SCHEME"


def test_unknown_ai_in_path_with_option_is_a_bad_sequence() -> None:
    opts = Options(permit_unknown_ais=True)
    assert codes(f"{H}/01/{GTIN}/89/AB", opts) == ["GS1.INVALID_KEY_QUALIFIER_SEQUENCE"]


def test_stem_with_ai_like_segments() -> None:
    link = dl.parse(f"{H}/10/L7/01/{GTIN}")
    assert link.stem == f"{H}/10/L7"
    assert link.element_string.pairs() == [("01", GTIN)]
    assert dl.parse(f"{H}//01/{GTIN}").stem == f"{H}/"
    assert dl.parse(f"{H}/a/b/c/01/{GTIN}/10/L7").stem == f"{H}/a/b/c"


def test_ignored_parameters_raw_and_in_order() -> None:
    link = dl.parse(f"{H}/01/{GTIN}?x99=X&flag")
    assert link.ignored_params == ("x99=X", "flag")
    link = dl.parse(f"{H}/01/{GTIN}?98=XY&foo=b%20r&flag&17=270630#frag?x")
    assert link.element_string.pairs() == [("01", GTIN), ("98", "XY"), ("17", "270630")]
    assert link.ignored_params == ("foo=b%20r", "flag")
    assert dl.parse(f"{H}/01/{GTIN}?flag=&01%30=1").ignored_params == ("flag=", "01%30=1")


def test_parts_of_a_link() -> None:
    link = dl.parse(f"{H}/8004/8934567ZZ1/7040/1ABa")
    assert (link.primary_key.ai, link.primary_key.value) == ("8004", "8934567ZZ1")
    assert [(e.ai, e.value) for e in link.qualifiers] == [("7040", "1ABa")]
    assert link.attributes == ()
    link = dl.parse(f"{H}/01/{GTIN}/235/TPX1?10=L7")
    assert [e.ai for e in link.qualifiers] == ["235"]
    assert [e.ai for e in link.attributes] == ["10"]


@pytest.mark.parametrize("name", ["899", "0099", "1", "12345", ""])
def test_unknown_numeric_query_names(name: str) -> None:
    assert codes(f"{H}/01/{GTIN}?{name}=x") == ["GS1.UNKNOWN_AI_IN_QUERY_PARAMS"]


def test_plus_is_space_only_in_query() -> None:
    assert codes(f"{H}/01/{GTIN}?98=X+Y") == ["GS1.INVALID_CSET82_CHARACTER"]
    assert pairs(f"{H}/01/{GTIN}?98=X%2BY")[1] == ("98", "X+Y")


def test_bad_percent_escapes_stay_literal() -> None:
    assert pairs(f"{H}/01/{GTIN}/10/A%zzB")[1] == ("10", "A%zzB")
    assert pairs(f"{H}/01/{GTIN}/10/a%2")[1] == ("10", "a%2")
    assert pairs(f"{H}/01/{GTIN}/10/a%2fb")[1] == ("10", "a/b")


def test_zero_suppressed_gtin() -> None:
    assert codes(f"{H}/01/8934567890120") == ["GS1.AI_VALUE_IS_TOO_SHORT"]
    opts = Options(permit_zero_suppressed_gtin_in_dl_uris=True)
    assert pairs(f"{H}/01/8934567890120", opts) == [("01", GTIN)]
    # also in the query (gs1-facts §10), and the check digit still counts
    assert pairs(f"{H}/8004/8934567ZZ1?01=8934567890120", opts)[1] == ("01", GTIN)
    assert codes(f"{H}/01/8934567890129", opts) == ["GS1.INCORRECT_CHECK_DIGIT"]


def test_unknown_ais_in_query() -> None:
    assert codes(f"{H}/01/{GTIN}?89=AB") == ["GS1.UNKNOWN_AI_IN_QUERY_PARAMS"]
    unknown = Options(permit_unknown_ais=True)
    assert codes(f"{H}/01/{GTIN}?89=AB", unknown) == ["GS1.AI_IS_NOT_VALID_DATA_ATTRIBUTE"]
    both = Options(permit_unknown_ais=True, unknown_ai_not_dl_attr=False)
    assert pairs(f"{H}/01/{GTIN}?89=AB", both)[1] == ("89", "AB")
    assert pairs(f"{H}/01/{GTIN}?899=AB", both)[1] == ("899", "AB")
    assert codes(f"{H}/01/{GTIN}?2345=AB", both) == ["GS1.UNKNOWN_AI_IN_QUERY_PARAMS"]
    uri = f"{H}/01/{GTIN}?89=AB&899=CD"
    assert dl.parse(uri, both).uri() == uri


def test_convenience_alphas() -> None:
    uri = f"{H}/gtin/{GTIN}/lot/L7"
    assert codes(uri) == ["GS1.NO_GS1_DL_KEYS_FOUND_IN_PATH_INFO"]
    opts = Options(permit_convenience_alphas=True)
    link = dl.parse(uri, opts)
    assert link.element_string.pairs() == [("01", GTIN), ("10", "L7")]
    assert link.uri() == f"{H}/01/{GTIN}/10/L7"  # never generated
    assert codes(f"{H}/GTIN/{GTIN}", opts) == ["GS1.NO_GS1_DL_KEYS_FOUND_IN_PATH_INFO"]
    assert codes(f"{H}/01/{GTIN}?lot=L7", opts) == []  # path only: a query name is ignored


def test_235_alternative_keeps_10_as_attribute() -> None:
    uri = f"{H}/01/{GTIN}/235/TPX1?10=L7"
    assert codes(uri) == []
    assert dl.parse(uri).uri() == uri
    assert codes(f"{H}/01/{GTIN}/22/V1/235/TPX1") == ["GS1.INVALID_KEY_QUALIFIER_SEQUENCE"]
    assert codes(f"{H}/01/{GTIN}/99/A") == ["GS1.INVALID_KEY_QUALIFIER_SEQUENCE"]


def test_step_order_duplicate_before_attribute_rules() -> None:
    # step 9 (duplicates) runs before step 10 (attributes), and step 8 before both
    assert codes(f"{H}/01/{GTIN}?21=S1&21=S1") == ["GS1.DUPLICATE_AI"]
    assert codes(f"{H}/01/{GTIN}/21/S1/10/L7?10=L7") == ["GS1.INVALID_KEY_QUALIFIER_SEQUENCE"]


def test_lengths_before_linters() -> None:
    # step 6/7 length checks come before any component check of step 11
    assert codes(f"{H}/01/08934567890129?17=2706301") == ["GS1.AI_VALUE_IS_TOO_LONG"]


def test_message_rules_apply() -> None:
    assert codes(f"{H}/01/{GTIN}?02={GTIN}") == ["GS1.INVALID_AI_PAIRS"]
    assert codes(f"{H}/00/089345670000000123?37=12") == ["GS1.REQUIRED_AIS_NOT_SATISFIED"]
    assert codes(f"{H}/00/089345670000000123?02={GTIN}&37=12") == []


def test_too_many_entries() -> None:
    params = "&".join(f"p{i}=1" for i in range(63))
    assert codes(f"{H}/01/{GTIN}?{params}") == []
    assert codes(f"{H}/01/{GTIN}?{params}&p=2") == ["GS1.TOO_MANY_AIS"]


def test_hostile_inputs_never_crash() -> None:
    assert codes("x" * 10_000) == ["GS1.DATA_TOO_LONG"]
    assert codes("") == ["GS1.URI_CONTAINS_ILLEGAL_SCHEME"]
    assert codes(f"{H}/" + "/".join(["10"] * 2000)) == ["GS1.NO_GS1_DL_KEYS_FOUND_IN_PATH_INFO"]
    assert dl.validate(b"https://example.vn/01/x")[0].code == "GS1.INPUT_NOT_TEXT"  # type: ignore[arg-type]
    assert codes(f"{H}/01/{GTIN}/10/%C3%B4") == ["GS1.INVALID_CSET82_CHARACTER"]
    with pytest.raises(GS1Error):
        dl.parse(None)  # type: ignore[arg-type]


def test_fragment_is_ignored() -> None:
    assert pairs(f"{H}/01/{GTIN}#/10/L7?17=1") == [("01", GTIN)]
    assert pairs(f"{H}/01/{GTIN}/10/L%3F7%26") == [("01", GTIN), ("10", "L?7&")]
    assert codes(f"{H}/01/{GTIN}/10/L%237") == ["GS1.INVALID_CSET82_CHARACTER"]


@pytest.mark.parametrize(
    ("tail", "code"),
    [
        ("L8", None),
        ("", "AI_VALUE_PATH_ELEMENT_IS_EMPTY"),
        ("L 8", "URI_CONTAINS_ILLEGAL_CHARACTERS"),
        ("A%00B", "DECODED_AI_FROM_DL_PATH_INFO_CONTAINS_ILLEGAL_NULL"),
        ("A%5EB", "AI_CONTAINS_ILLEGAL_CARAT_CHARACTER"),
        ("L8?10=L9", "DUPLICATE_AI"),
        ("L8?17=270631", "ILLEGAL_DAY"),
        ("L8/21/S1", None),
        ("L8/", "NO_GS1_DL_KEYS_FOUND_IN_PATH_INFO"),
        ("L8#/x", None),
        ("L8?x=1#f", None),
        ("" + "A" * 21, "AI_VALUE_IS_TOO_LONG"),
    ],
)
def test_same_result_after_a_sibling_stamp(tail: str, code: str | None) -> None:
    # stamps of one batch share everything up to the last path value; parsing one of them
    # first must not change what the next one gives
    prefix = f"https://batch.example.vn/p/01/{GTIN}/10/"
    cold = codes(prefix + tail)
    for _ in range(3):  # a prefix is remembered from its second stamp on
        assert dl.validate(prefix + "L7") == []
        assert codes(prefix + tail) == cold == ([] if code is None else [f"GS1.{code}"])
    if code is None:
        assert dl.parse(prefix + tail).stem == "https://batch.example.vn/p"


def test_prefix_memo_is_only_for_default_options() -> None:
    prefix = f"https://batch.example.vn/01/{GTIN}/10/"
    assert dl.validate(prefix + "L7") == []
    opts = Options(permit_unknown_ais=True, unknown_ai_not_dl_attr=False)
    assert pairs(prefix + "L7?89=A", opts)[-1] == ("89", "A")
    assert codes(prefix + "L7?89=A") == ["GS1.UNKNOWN_AI_IN_QUERY_PARAMS"]


def test_prefix_with_a_bad_value_stays_bad() -> None:
    prefix = "https://batch.example.vn/01/08934567890129/10/"
    for _ in range(3):
        assert codes(prefix + "L7") == ["GS1.INCORRECT_CHECK_DIGIT"]
        assert codes(prefix + "L 7") == ["GS1.URI_CONTAINS_ILLEGAL_CHARACTERS"]
        assert codes(prefix + "") == ["GS1.AI_VALUE_PATH_ELEMENT_IS_EMPTY"]
        assert codes(prefix + "L7?21=S") == ["GS1.AI_IS_NOT_VALID_DATA_ATTRIBUTE"]
    key_only = f"https://batch.example.vn/01/{GTIN[:-1]}"
    for _ in range(3):
        assert codes(key_only + "0") == []
        assert codes(key_only + "9") == ["GS1.INCORRECT_CHECK_DIGIT"]
        assert codes(key_only + "0?10=L") == ["GS1.AI_SHOULD_BE_IN_PATH_INFO"]


def test_prefix_memo_is_used_for_siblings() -> None:
    prefix = f"https://memo.example.vn/01/{GTIN}/10/LOT-A/21/"
    for serial in ("1", "2", "3"):
        assert codes(prefix + serial) == []
    assert prefix in dl._PREFIXES  # the hit path, not only the full path, is exercised above
