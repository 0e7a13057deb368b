"""EPC URN ⇄ Digital Link converters are strict and symmetric (red-team D17)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vntrace.epcis import epc
from vntrace.errors import VntraceError

VN_GCP_LENGTHS = sorted(epc.VIETNAMESE_GCP_LENGTHS)


def _code(func: object, *args: object) -> str:
    with pytest.raises(VntraceError) as exc:
        func(*args)  # type: ignore[operator]
    return exc.value.code


def test_a_vietnamese_prefix_with_an_impossible_length_is_refused_both_ways() -> None:
    urn = "urn:epc:id:sgtin:893457.0123456.1"  # 6 digits under 893: GS1 Vietnam never issues it
    assert _code(epc.urn_to_dl, urn) == "EPC.GCP_LENGTH_NOT_VIETNAMESE"
    assert _code(epc.dl_to_urn, "https://id.gs1.org/01/08934571234569/21/1", 6) == (
        "EPC.GCP_LENGTH_NOT_VIETNAMESE"
    )
    # other countries' 6-digit prefixes are fine
    assert epc.urn_to_dl("urn:epc:id:sscc:123456.06663868985").endswith("/00/012345666638689852")


@pytest.mark.parametrize(
    "urn",
    [
        "urn:epc:ID:sgtin:0614141.107346.2018",
        "urn:epc:id:SGTIN:0614141.107346.2018",
        "urn:epc:Class:lgtin:4023333.002000.2019-10-07",
    ],
)
def test_upper_case_nss_is_refused(urn: str) -> None:
    assert _code(epc.urn_to_dl, urn) == "EPC.URN_CASE"
    assert not epc.is_epc_urn(urn)


def test_the_nid_is_case_insensitive() -> None:
    """RFC 8141: ``URN:EPC:`` is the same as ``urn:epc:``; the canonical form is lower case."""
    assert epc.urn_to_dl("URN:EPC:id:sgtin:0614141.107346.2018") == epc.urn_to_dl(
        "urn:epc:id:sgtin:0614141.107346.2018"
    )


def test_gln_extension_zero_is_refused_not_lost() -> None:
    assert epc.urn_to_dl("urn:epc:id:sgln:8934567.00001.0").endswith("/414/8934567000017")
    uri = "https://id.gs1.org/414/8934567000017/254/0"
    assert _code(epc.dl_to_urn, uri, 7) == "EPC.GLN_EXTENSION_ZERO"
    assert epc.dl_to_urn("https://id.gs1.org/414/8934567000017/254/00", 7) == (
        "urn:epc:id:sgln:8934567.00001.00"
    )


@pytest.mark.parametrize("char", ['"', "<", ">", "\\", "^", "`", "{", "|", "}", " ", "\u00e9"])
def test_characters_rfc_3986_forbids_are_refused(char: str) -> None:
    uri = f"https://id.gs1.org/01/08934567890120/21/A{char}B"
    assert _code(epc.dl_to_urn, uri, 7) == "EPC.DL_INVALID_CHARACTER"
    escaped = "".join(f"%{b:02X}" for b in char.encode())
    if char in '"<>':  # in GS1's character set 82: the escaped form converts, both ways
        urn = epc.dl_to_urn(f"https://id.gs1.org/01/08934567890120/21/A{escaped}B", 7)
        assert epc.urn_to_dl(urn) == f"https://id.gs1.org/01/08934567890120/21/A{escaped}B"


_SERIAL = st.text(alphabet="ABCXYZabcxyz0123456789!'()*+,-.:;=_\"%&/<>?", min_size=1, max_size=20)


@given(
    gcp_length=st.sampled_from(VN_GCP_LENGTHS),
    digits=st.text(alphabet="0123456789", min_size=10, max_size=10),
    indicator=st.sampled_from("0123456789"),
    serial=_SERIAL,
)
def test_sgtin_round_trips_both_ways(
    gcp_length: int, digits: str, indicator: str, serial: str
) -> None:
    """URN → DL → URN gives the URN back, and DL → URN → DL the DL, for Vietnamese keys."""
    gcp = ("893" + digits)[:gcp_length]
    item_ref = indicator + ("893" + digits)[gcp_length:12]
    escaped = "".join(
        c if c.isalnum() or c in "!'()*+,-.:;=_" else f"%{ord(c):02X}" for c in serial
    )
    urn = f"urn:epc:id:sgtin:{gcp}.{item_ref}.{escaped}"
    dl = epc.urn_to_dl(urn)
    assert epc.dl_to_urn(dl, gcp_length) == urn
    assert epc.urn_to_dl(epc.dl_to_urn(dl, gcp_length)) == dl


@given(
    gcp_length=st.sampled_from(VN_GCP_LENGTHS),
    digits=st.text(alphabet="0123456789", min_size=9, max_size=9),
    extension=st.from_regex(r"[1-9A-Za-z][0-9A-Za-z]{0,5}", fullmatch=True),
)
def test_sgln_round_trips_both_ways(gcp_length: int, digits: str, extension: str) -> None:
    gcp, ref = ("893" + digits)[:gcp_length], ("893" + digits)[gcp_length:]
    urn = f"urn:epc:id:sgln:{gcp}.{ref}.{extension}"
    dl = epc.urn_to_dl(urn)
    assert epc.dl_to_urn(dl, gcp_length) == urn
    assert epc.urn_to_dl(epc.dl_to_urn(dl, gcp_length)) == dl
