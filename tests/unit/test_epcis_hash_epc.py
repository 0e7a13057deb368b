"""EPC URN ⇄ GS1 Digital Link (vntrace.epcis.epc).

Expected values come from epcis.md §2.6 (confirmed there by the openepcis tests and the Python
normaliser), and from check digits computed by hand (GS1 mod-10, weights 3,1,3… from the right;
the sums are written next to each vector).
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vntrace.epcis.epc import (
    DigitalLinkKey,
    canonical_dl,
    constrain_dl,
    dl_to_urn,
    is_epc_urn,
    parse_dl,
    parse_urn,
    urn_to_dl,
)
from vntrace.errors import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    UnsupportedInput,
    VntraceError,
)

# epcis.md §2.6 (✓ examples)
DESIGN_EXAMPLES = [
    ("urn:epc:id:sgtin:234567890.1123.9999", "https://id.gs1.org/01/12345678901231/21/9999"),
    ("urn:epc:id:sscc:123456.06663868985", "https://id.gs1.org/00/012345666638689852"),
    ("urn:epc:id:sgln:1234567890.11.1111", "https://id.gs1.org/414/1234567890111/254/1111"),
    ("urn:epc:id:pgln:123456.789012", "https://id.gs1.org/417/1234567890128"),
    ("urn:epc:id:grai:1234567890.12.4ABC", "https://id.gs1.org/8003/012345678901284ABC"),
    (
        "urn:epc:class:lgtin:4023333.002000.2019-10-07",
        "https://id.gs1.org/01/04023333020008/10/2019-10-07",
    ),
    ("urn:epc:idpat:sgtin:8853849.838493.*", "https://id.gs1.org/01/88853849384934"),
]


@pytest.mark.parametrize(("urn", "dl"), DESIGN_EXAMPLES)
def test_design_examples_urn_to_dl(urn: str, dl: str) -> None:
    assert urn_to_dl(urn) == dl


@pytest.mark.parametrize(("urn", "dl"), DESIGN_EXAMPLES)
def test_design_examples_dl_to_urn(urn: str, dl: str) -> None:
    assert dl_to_urn(dl, parse_urn(urn).gcp_length) == urn


def test_sgln_extension_zero_has_no_254() -> None:
    assert urn_to_dl("urn:epc:id:sgln:1234567890.11.0") == "https://id.gs1.org/414/1234567890111"
    assert (
        dl_to_urn("https://id.gs1.org/414/1234567890111", 10) == "urn:epc:id:sgln:1234567890.11.0"
    )


# Vietnamese vectors, check digits by hand:
#   0893456789012 → 6+1+0+9+24+7+18+5+12+3+27+8 = 120 → 0
#   18934567000000012 → 6+1+7+18+5+12+3+27+8+3 = 90 → 0
#   893456700001 → 3+7+18+5+12+3+27+8 = 83 → 7
#   893456780012 → 6+1+24+7+18+5+12+3+27+8 = 111 → 9
#   89345670000000001 → 3+21+6+15+4+9+9+24 = 91 → 9
#   893456700012 → 6+1+7+18+5+12+3+27+8 = 87 → 3
#   8934567000000012 → 6+1+7+18+5+12+3+27+8 = 87 → 3
VN_VECTORS = [
    (
        "urn:epc:id:sgtin:8934567.089012.ABC",
        7,
        "https://id.gs1.org/01/08934567890120/21/ABC",
    ),
    ("urn:epc:id:sscc:8934567.1000000012", 7, "https://id.gs1.org/00/189345670000000120"),
    ("urn:epc:id:sgln:8934567.00001.0", 7, "https://id.gs1.org/414/8934567000017"),
    ("urn:epc:id:sgln:8934567.00001.7", 7, "https://id.gs1.org/414/8934567000017/254/7"),
    ("urn:epc:id:pgln:89345678.0012", 8, "https://id.gs1.org/417/8934567800129"),
    ("urn:epc:id:grai:893456789.012.X1", 9, "https://id.gs1.org/8003/08934567890120X1"),
    ("urn:epc:id:giai:8934567890.A-1%2F2", 10, "https://id.gs1.org/8004/8934567890A-1%2F2"),
    ("urn:epc:id:gsrn:8934567.0000000001", 7, "https://id.gs1.org/8018/893456700000000019"),
    ("urn:epc:id:gsrnp:8934567.0000000001", 7, "https://id.gs1.org/8017/893456700000000019"),
    ("urn:epc:id:gdti:8934567.00012.INV-7", 7, "https://id.gs1.org/253/8934567000123INV-7"),
    ("urn:epc:id:sgcn:8934567.00012.0042", 7, "https://id.gs1.org/255/89345670001230042"),
    ("urn:epc:id:ginc:8934567.SHIP%2F01", 7, "https://id.gs1.org/401/8934567SHIP%2F01"),
    ("urn:epc:id:gsin:8934567.000000012", 7, "https://id.gs1.org/402/89345670000000123"),
    (
        "urn:epc:id:cpi:8934567.5PQ7%2FZ43.12345",
        7,
        "https://id.gs1.org/8010/89345675PQ7%2FZ43/8011/12345",
    ),
    (
        "urn:epc:id:itip:8934567.089012.01.04.S1",
        7,
        "https://id.gs1.org/8006/089345678901200104/21/S1",
    ),
    (
        "urn:epc:id:upui:8934567.089012.TPX%3F1",
        7,
        "https://id.gs1.org/01/08934567890120/235/TPX%3F1",
    ),
    (
        "urn:epc:class:lgtin:8934567.089012.LOT%2612",
        7,
        "https://id.gs1.org/01/08934567890120/10/LOT%2612",
    ),
    ("urn:epc:idpat:sgtin:8934567.089012.*", 7, "https://id.gs1.org/01/08934567890120"),
    ("urn:epc:idpat:grai:893456789.012.*", 9, "https://id.gs1.org/8003/08934567890120"),
    ("urn:epc:idpat:gdti:8934567.00012.*", 7, "https://id.gs1.org/253/8934567000123"),
    ("urn:epc:idpat:sgcn:8934567.00012.*", 7, "https://id.gs1.org/255/8934567000123"),
    ("urn:epc:idpat:cpi:8934567.5PQ7.*", 7, "https://id.gs1.org/8010/89345675PQ7"),
    (
        "urn:epc:idpat:itip:8934567.089012.01.04.*",
        7,
        "https://id.gs1.org/8006/089345678901200104",
    ),
    ("urn:epc:id:sgtin:8934567.089012.A'B", 7, "https://id.gs1.org/01/08934567890120/21/A%27B"),
]


@pytest.mark.parametrize(("urn", "gcp", "dl"), VN_VECTORS)
def test_vietnamese_vectors_both_ways(urn: str, gcp: int, dl: str) -> None:
    assert urn_to_dl(urn) == dl
    assert dl_to_urn(dl, gcp) == urn


def test_every_scheme_is_covered() -> None:
    schemes = {parse_urn(u).scheme for u, _, _ in VN_VECTORS}
    assert schemes == {
        "sgtin", "sscc", "sgln", "pgln", "grai", "giai", "gsrn", "gsrnp", "gdti", "sgcn",
        "ginc", "gsin", "cpi", "itip", "upui", "lgtin",
    }  # fmt: skip


def test_upui_idpat_and_star_serial() -> None:
    # '*' is a CSET 82 character: as a pure-identity TPX it is data, percent-encoded in the DL
    assert urn_to_dl("urn:epc:id:upui:8934567.089012.*") == (
        "https://id.gs1.org/01/08934567890120/235/%2A"
    )
    assert urn_to_dl("urn:epc:idpat:upui:8934567.089012.*") == (
        "https://id.gs1.org/01/08934567890120"
    )


def test_stem_and_escaping() -> None:
    assert urn_to_dl("urn:epc:id:sgtin:8934567.089012.A%2FB", stem="https://dl.vn/") == (
        "https://dl.vn/01/08934567890120/21/A%2FB"
    )
    # the URN may over-escape; the output is canonical
    assert urn_to_dl("urn:epc:id:sgtin:8934567.089012.%41%2f") == (
        "https://id.gs1.org/01/08934567890120/21/A%2F"
    )
    assert str(parse_urn("urn:epc:id:sgtin:8934567.089012.%41%2f")) == (
        "urn:epc:id:sgtin:8934567.089012.A%2F"
    )


def test_dl_to_urn_accepts_other_hosts_short_names_and_drops_query() -> None:
    assert dl_to_urn("http://example.vn/a/b/gtin/08934567890120/ser/7?x=1#f", 7) == (
        "urn:epc:id:sgtin:8934567.089012.7"
    )
    # 13-digit GTIN is padded
    assert dl_to_urn("https://id.gs1.org/01/8934567890120/21/7", 7) == (
        "urn:epc:id:sgtin:8934567.089012.7"
    )
    # lot and CPV are dropped when a serial is present
    assert dl_to_urn("https://id.gs1.org/01/08934567890120/22/V1/10/L1/21/7", 7) == (
        "urn:epc:id:sgtin:8934567.089012.7"
    )


def test_dl_to_urn_gcp_length_table() -> None:
    table = {"893": 7, "8934568": 9}
    assert dl_to_urn("https://id.gs1.org/414/8934567000017", table) == (
        "urn:epc:id:sgln:8934567.00001.0"
    )
    with pytest.raises(InvalidComponent) as err:
        dl_to_urn("https://id.gs1.org/414/4012345000016", table)
    assert err.value.code == "EPC.GCP_LENGTH_MISSING"


@pytest.mark.parametrize(
    ("gcp", "code"),
    [
        (None, "EPC.GCP_LENGTH_MISSING"),
        (11, "EPC.GCP_LENGTH_NOT_VIETNAMESE"),
        (6, "EPC.GCP_LENGTH_NOT_VIETNAMESE"),
        (13, "EPC.GCP_LENGTH_INVALID"),
        (0, "EPC.GCP_LENGTH_INVALID"),
        (True, "EPC.GCP_LENGTH_INVALID"),
    ],
)
def test_dl_to_urn_gcp_length_errors(gcp: object, code: str) -> None:
    with pytest.raises(InvalidComponent) as err:
        dl_to_urn("https://id.gs1.org/01/08934567890120/21/1", gcp)  # type: ignore[arg-type]
    assert err.value.code == code
    assert err.value.message("vi")


def test_dl_to_urn_giai_gcp_longer_than_key() -> None:
    with pytest.raises(InvalidComponent):
        dl_to_urn("https://id.gs1.org/8004/12345678", 9)


def test_dl_to_urn_checks_the_check_digit() -> None:
    with pytest.raises(InvalidChecksum) as err:
        dl_to_urn("https://id.gs1.org/414/8934567000014", 7)
    assert err.value.finding.params["expected"] == "7"


@pytest.mark.parametrize(
    "uri",
    [
        "https://id.gs1.org/01/00000089345672/21/1",  # GTIN-8
        "https://id.gs1.org/8006/089345678901200104/10/L1",
        "https://id.gs1.org/414/8934567000017/7040/1A23",
    ],
)
def test_dl_without_epc(uri: str) -> None:
    with pytest.raises(UnsupportedInput):
        dl_to_urn(uri, 7)


@pytest.mark.parametrize(
    "uri",
    [
        "https://example.org/not/a/gs1/key",
        "ftp://id.gs1.org/01/08934567890120",
        "https://id.gs1.org/01/0893456789012X",
        "https://id.gs1.org/01/08934567890120/21",
        "https://id.gs1.org/01/08934567890120/21/%E1%BA%A1",  # non-ASCII serial
        "https://id.gs1.org/01/08934567890120/21/a%2",
        "https://id.gs1.org/01/08934567890120/21/" + "x" * 21,
        "https://id.gs1.org/01/08934567890120/21/1/10/L",  # wrong qualifier order
    ],
)
def test_not_a_digital_link(uri: str) -> None:
    with pytest.raises(InvalidFormat) as err:
        dl_to_urn(uri, 7)
    assert err.value.code == "EPC.NOT_DIGITAL_LINK"
    assert constrain_dl(uri) is None


@pytest.mark.parametrize(
    ("urn", "exc", "code"),
    [
        ("urn:epc:id:sgtin:8934567.08901.1", InvalidLength, "EPC.COMPONENT_LENGTH"),
        ("urn:epc:id:sgtin:8934567.089012.A/B", InvalidFormat, "EPC.INVALID_CHARACTER"),
        ("urn:epc:id:sgtin:8934567.089012.A%2G", InvalidFormat, "EPC.INVALID_ESCAPE"),
        ("urn:epc:id:sgtin:8934567.089012.A%23", InvalidFormat, "EPC.INVALID_CHARACTER"),
        ("urn:epc:id:sgtin:8934567.089012.A#", InvalidFormat, "EPC.INVALID_CHARACTER"),
        ("urn:epc:id:sgtin:8934567.089012." + "1" * 21, InvalidLength, "EPC.COMPONENT_LENGTH"),
        ("urn:epc:id:sgtin:８934567.089012.1", InvalidFormat, "EPC.INVALID_CHARACTER"),
        ("urn:epc:id:sgtin:89345.0890121.1", InvalidLength, "EPC.COMPANY_PREFIX_LENGTH"),
        ("urn:epc:id:sgtin:8934567.089012", InvalidFormat, "EPC.COMPONENT_COUNT"),
        ("urn:epc:id:sscc:8934567.1000000012.1", InvalidFormat, "EPC.INVALID_CHARACTER"),
        ("urn:epc:id:cpi:8934567.abc.1", InvalidFormat, "EPC.INVALID_CHARACTER"),
        ("urn:epc:id:cpi:8934567.ABC.1x", InvalidFormat, "EPC.INVALID_CHARACTER"),
        ("urn:epc:id:sgcn:8934567.00012." + "1" * 13, InvalidLength, "EPC.COMPONENT_LENGTH"),
        ("urn:epc:id:gid:95100000.12345.400", UnsupportedInput, "EPC.NO_DIGITAL_LINK"),
        ("urn:epc:idpat:sscc:8934567.*", UnsupportedInput, "EPC.NO_DIGITAL_LINK"),
        ("urn:epc:idpat:sgtin:8934567.*.*", UnsupportedInput, "EPC.PATTERN_NOT_CONVERTIBLE"),
        ("urn:epc:idpat:sgtin:*.*.*", UnsupportedInput, "EPC.NO_DIGITAL_LINK"),
        ("urn:epc:idpat:sgtin:8934567.089012.1", InvalidFormat, "EPC.PATTERN_SYNTAX"),
        ("urn:epc:id:foo:8934567.1", InvalidFormat, "EPC.UNKNOWN_SCHEME"),
        ("urn:epc:tag:sgtin-96:1.8934567.089012.1", InvalidFormat, "EPC.NOT_EPC_URN"),
        ("https://id.gs1.org/01/08934567890120", InvalidFormat, "EPC.NOT_EPC_URN"),
    ],
)
def test_urn_errors(urn: str, exc: type[VntraceError], code: str) -> None:
    with pytest.raises(exc) as err:
        urn_to_dl(urn)
    assert err.value.code == code
    assert not is_epc_urn(urn)
    assert "{" not in err.value.message("vi")


def test_urn_error_location_points_at_the_bad_character() -> None:
    with pytest.raises(InvalidFormat) as err:
        parse_urn("urn:epc:id:sgtin:8934567.089012.A/B")
    loc = err.value.finding.location
    assert (loc.start, loc.length) == (len("urn:epc:id:sgtin:8934567.089012.A"), 1)


def test_non_text_input() -> None:
    with pytest.raises(InvalidFormat):
        parse_urn(None)  # type: ignore[arg-type]
    assert not is_epc_urn(42)
    with pytest.raises(InvalidFormat):
        parse_dl(None)  # type: ignore[arg-type]


def test_parse_dl_and_constrain() -> None:
    key = parse_dl("https://example.com/01/08934567890120/22/V1/10/L%2f1?17=270101")
    assert key == DigitalLinkKey("01", "08934567890120", (("22", "V1"), ("10", "L/1")))
    assert key.constrained() == "https://id.gs1.org/01/08934567890120/10/L%2F1"
    assert constrain_dl("https://x.vn/8010/89345675PQ7%2FZ43/8011/1") == (
        "https://id.gs1.org/8010/89345675PQ7%2FZ43/8011/1"
    )
    assert constrain_dl("https://x.vn/414/8934567000017/254/A") == (
        "https://id.gs1.org/414/8934567000017/254/A"
    )


def test_canonical_dl_is_lenient_on_raw_characters_only() -> None:
    # raw '/' (must be escaped per TDS) is accepted for the hash, as openepcis does
    assert canonical_dl("urn:epc:id:sgtin:8934567.089012.A/1") == (
        "https://id.gs1.org/01/08934567890120/21/A%2F1"
    )
    assert canonical_dl("urn:epc:id:sgtin:8934567.089012.A#1") is None
    assert canonical_dl("urn:epc:id:gid:95100000.12345.400") is None
    assert canonical_dl("not a uri") is None


def test_peer_normaliser_agrees_on_every_vector() -> None:
    """The Python reference normaliser gives the same DL for escape-free vectors."""
    normaliser = pytest.importorskip("epcis_event_hash_generator.dl_normaliser").normaliser
    for urn, _gcp, dl in VN_VECTORS:
        if "'" in urn:
            continue  # the peer leaves "'" raw, we percent-encode (RFC 3986 unreserved only)
        assert normaliser(urn) == dl, urn


# ---------------------------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------------------------

_CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
_ESC = {c: f"%{ord(c):02X}" for c in '"%&/<>?'}


def _esc(text: str) -> str:
    return "".join(_ESC.get(c, c) for c in text)


_digits = st.text("0123456789", min_size=1, max_size=1)


@st.composite
def epc_urns(draw: st.DrawFn) -> tuple[str, int]:
    n = draw(st.integers(6, 12))
    gcp = draw(st.text("0123456789", min_size=n, max_size=n))
    if (gcp.startswith("893") and n not in {7, 8, 9, 10, 12}) or gcp.startswith("00000"):
        gcp = "1" + gcp[1:]  # no GTIN-8 (no EPC) and only possible Vietnamese lengths
    digits = lambda k: draw(st.text("0123456789", min_size=k, max_size=k))  # noqa: E731
    c82 = lambda lo, hi: _esc(draw(st.text(_CSET82, min_size=lo, max_size=hi)))  # noqa: E731
    scheme = draw(
        st.sampled_from(
            ["sgtin", "sscc", "sgln", "grai", "giai", "gsrn", "gsrnp", "gdti", "sgcn", "ginc",
             "gsin", "cpi", "itip", "upui", "pgln", "lgtin", "p-sgtin", "p-grai", "p-itip"]
        )
    )  # fmt: skip
    if scheme == "sgtin":
        urn = f"urn:epc:id:sgtin:{gcp}.{digits(13 - n)}.{c82(1, 20)}"
    elif scheme == "lgtin":
        urn = f"urn:epc:class:lgtin:{gcp}.{digits(13 - n)}.{c82(1, 20)}"
    elif scheme == "p-sgtin":
        urn = f"urn:epc:idpat:sgtin:{gcp}.{digits(13 - n)}.*"
    elif scheme == "sscc":
        urn = f"urn:epc:id:sscc:{gcp}.{digits(17 - n)}"
    elif scheme == "sgln":
        ext = draw(st.sampled_from(["0", c82(1, 20)]))
        urn = f"urn:epc:id:sgln:{gcp}.{digits(12 - n)}.{ext}"
    elif scheme in {"grai", "gdti"}:
        urn = f"urn:epc:id:{scheme}:{gcp}.{digits(12 - n)}.{c82(1, 16)}"
    elif scheme == "p-grai":
        urn = f"urn:epc:idpat:grai:{gcp}.{digits(12 - n)}.*"
    elif scheme in {"giai", "ginc"}:
        urn = f"urn:epc:id:{scheme}:{gcp}.{c82(1, 30 - n)}"
    elif scheme in {"gsrn", "gsrnp"}:
        urn = f"urn:epc:id:{scheme}:{gcp}.{digits(17 - n)}"
    elif scheme == "sgcn":
        serial = draw(st.text("0123456789", min_size=1, max_size=12))
        urn = f"urn:epc:id:sgcn:{gcp}.{digits(12 - n)}.{serial}"
    elif scheme == "gsin":
        urn = f"urn:epc:id:gsin:{gcp}.{digits(16 - n)}"
    elif scheme == "cpi":
        ref = draw(st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-#/", min_size=1, max_size=30 - n))
        ref = ref.replace("#", "%23").replace("/", "%2F")
        serial = draw(st.text("0123456789", min_size=1, max_size=12))
        urn = f"urn:epc:id:cpi:{gcp}.{ref}.{serial}"
    elif scheme == "itip":
        urn = f"urn:epc:id:itip:{gcp}.{digits(13 - n)}.{digits(2)}.{digits(2)}.{c82(1, 20)}"
    elif scheme == "p-itip":
        urn = f"urn:epc:idpat:itip:{gcp}.{digits(13 - n)}.{digits(2)}.{digits(2)}.*"
    elif scheme == "upui":
        urn = f"urn:epc:id:upui:{gcp}.{digits(13 - n)}.{c82(1, 28)}"
    else:
        urn = f"urn:epc:id:pgln:{gcp}.{digits(12 - n)}"
    return urn, n


@given(epc_urns())
def test_round_trip_urn_dl_urn(case: tuple[str, int]) -> None:
    urn, n = case
    dl = urn_to_dl(urn)
    assert dl.startswith("https://id.gs1.org/")
    assert all(c.isascii() and c not in ' "<>\\^`{|}' for c in dl)
    assert dl_to_urn(dl, n) == urn
    assert constrain_dl(dl) == dl
    assert canonical_dl(urn) == dl


@given(st.text(max_size=60))
def test_garbage_never_crashes(text: str) -> None:
    for call in (lambda: urn_to_dl(text), lambda: dl_to_urn(text, 7)):
        with contextlib.suppress(VntraceError):
            call()
    assert isinstance(is_epc_urn(text), bool)
    assert constrain_dl(text) is None or constrain_dl(text).startswith("https://id.gs1.org/")
    canonical_dl(text)


@given(st.text(alphabet="urn:epcidsgtl.0123456789%*/AZaz", max_size=50))
def test_urn_like_garbage_never_crashes(text: str) -> None:
    with contextlib.suppress(VntraceError):
        urn_to_dl("urn:epc:" + text)
