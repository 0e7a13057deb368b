"""The hash's scheme-dispatched EPC URN fast paths agree with the general URN parser.

``_canon._urn_fast`` (any EPC URN in a field) and the per-list SGTIN path of ``_epc_list``
are shortcuts; the reference is ``epc.parse_urn`` read leniently and turned into a Digital
Link (the parser, not its own fast path), and the expected check digits of the fixed vectors
are computed by hand (GS1 mod-10, weights 3,1,3… from the right).
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vntrace.epcis import _canon, _epcfast, epc
from vntrace.errors import VntraceError
from vntrace.gs1 import checkdigit

HEADS = [
    "urn:epc:id:sgtin:",
    "urn:epc:class:lgtin:",
    "urn:epc:id:sscc:",
    "urn:epc:id:sgln:",
    "urn:epc:id:pgln:",
    "urn:epc:id:grai:",
    "urn:epc:id:giai:",
    "urn:epc:id:gid:",
    "urn:epc:id:SGTIN:",
    "urn:epc:ID:sgtin:",
]
TEXT = "AZaz09-._!'()*+,:;=\"&/<>?%2F %"


def _general(urn: str) -> str | None:
    """The general parser's Digital Link (no fast path), ``None`` where it refuses."""
    try:
        return epc._parse_urn(urn, strict=False).to_dl()
    except VntraceError:
        return None


@st.composite
def urns(draw: st.DrawFn) -> str:
    head = draw(st.sampled_from(HEADS))
    parts = [draw(st.text("0123456789", min_size=0, max_size=14))]
    parts += draw(st.lists(st.text(TEXT, min_size=0, max_size=24), max_size=3))
    return head + ".".join(parts)


@st.composite
def plain_urns(draw: st.DrawFn) -> str:
    """Well-formed URNs of the fast schemes (company prefix 6 to 12 digits)."""
    gcp = draw(st.text("0123456789", min_size=6, max_size=12))
    safe = st.text("ABCxyz0123456789-._", min_size=1, max_size=16)
    kind = draw(st.sampled_from(["sgtin", "lgtin", "sscc", "sgln", "pgln", "grai", "giai"]))
    digits = {"sgtin": 13, "lgtin": 13, "sscc": 17, "sgln": 12, "pgln": 12, "grai": 12}
    if kind == "giai":
        return f"urn:epc:id:giai:{gcp}.{draw(safe)}"
    ref = draw(st.text("0123456789", min_size=digits[kind] - len(gcp), max_size=13))
    ref = ref[: digits[kind] - len(gcp)] if kind != "sscc" else ref[: 17 - len(gcp)]
    head = "urn:epc:class:" if kind == "lgtin" else "urn:epc:id:"
    tail = {"sscc": "", "pgln": ""}.get(kind, "." + draw(safe))
    return f"{head}{kind}:{gcp}.{ref}{tail}"


@settings(max_examples=400)
@given(urns())
def test_fast_path_never_disagrees_with_the_parser(urn: str) -> None:
    fast = _canon._urn_fast(urn)
    if fast is not None:
        assert fast == _general(urn)
    assert _canon._uri_once(urn) == (epc.canonical_dl(urn) or urn)


@settings(max_examples=300)
@given(plain_urns())
def test_fast_path_takes_the_common_urns(urn: str) -> None:
    expected = _general(urn)
    if expected is not None:  # e.g. an SSCC whose digits do not add up to 17
        assert _canon._urn_fast(urn) == expected


@settings(max_examples=300)
@given(st.lists(urns() | plain_urns(), min_size=1, max_size=8))
def test_epc_list_equals_item_by_item_conversion(items: list[str]) -> None:
    ctx = _canon._Ctx({}, v21=False, model=False)
    expected = sorted(
        "epc=" + text for text in (epc.canonical_dl(i.strip()) or i.strip() for i in items) if text
    )
    got, _ = _canon._epc_list("epcList", items, ctx)
    assert got == ("epcList" + "".join(expected) if expected else "")


@pytest.mark.parametrize(
    ("urn", "dl"),
    [
        # 893456700001: 3*(1+0+0+6+4+9)=60, 1*(0+0+7+5+3+8)=23, 83 → check digit 7
        ("urn:epc:id:pgln:8934567.00001", "https://id.gs1.org/417/8934567000017"),
        ("urn:epc:id:sgln:8934567.00001.0", "https://id.gs1.org/414/8934567000017"),
        ("urn:epc:id:sgln:8934567.00001.A1", "https://id.gs1.org/414/8934567000017/254/A1"),
        # 0893456700001: the GLN's sum 83 again (the leading 0 weighs 3*0) → 7, then serial 77
        ("urn:epc:id:grai:8934567.00001.77", "https://id.gs1.org/8003/0893456700001777"),
        ("urn:epc:id:giai:8934567.SENSOR-1", "https://id.gs1.org/8004/8934567SENSOR-1"),
    ],
)
def test_vectors(urn: str, dl: str) -> None:
    assert _canon._urn_fast(urn) == dl
    assert _general(urn) == dl


def test_escaped_urn_goes_to_the_parser() -> None:
    urn = "urn:epc:id:giai:8934567.A%2FB"
    assert _canon._urn_fast(urn) is None
    assert _canon._uri_once(urn) == "https://id.gs1.org/8004/8934567A%2FB"


@given(st.text(alphabet="0123456789", min_size=1, max_size=30))
def test_check_digit_is_gs1_mod10(digits: str) -> None:
    assert _epcfast.check_digit(digits) == checkdigit.mod10(digits)


GLN_PIECES = st.sampled_from(
    ["0", "8", "9", "893", "٣", "²", "５", ".", "A", "-", "%", "/", "é", " "]
)


def _gln_by_pattern(urn: str) -> str | None:
    """SGLN/PGLN as the URN text pattern reads them (``_FAST_GLN``, the grammar _gln follows)."""
    head, _, rest = urn.rpartition(":")
    party = head == "urn:epc:id:pgln"
    m = _epcfast._FAST_GLN.fullmatch(rest)
    if m is None or head not in {"urn:epc:id:sgln", "urn:epc:id:pgln"}:
        return None
    gcp, ref, ext = m.groups()
    if len(gcp) + len(ref) != 12 or (ext is None) != party:
        return None
    gln = gcp + ref + checkdigit.mod10(gcp + ref)
    if party:
        return "https://id.gs1.org/417/" + gln
    if ext == "0":
        return "https://id.gs1.org/414/" + gln
    return "https://id.gs1.org/414/" + gln + "/254/" + _epcfast._dl_encode(ext)


@settings(max_examples=1000)
@given(st.sampled_from(["sgln", "pgln"]), st.lists(GLN_PIECES, max_size=30))
@example("sgln", ["8934567", ".", "00001", ".", "0"])
@example("sgln", ["893456٣", ".", "00001", ".", "0"])  # a non-ASCII digit
@example("pgln", ["8934567", ".", "00001"])
@example("pgln", ["8934567", ".", "00001", ".", "0"])  # a PGLN has no extension
def test_gln_reads_as_the_pattern(scheme: str, pieces: list[str]) -> None:
    urn = f"urn:epc:id:{scheme}:" + "".join(pieces)
    assert _epcfast._urn_fast(urn) == _gln_by_pattern(urn)
