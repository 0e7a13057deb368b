"""The fast routes for ``…&8030=<value>`` stamps give what the general route gives, always."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import re

import pytest
from cryptography.hazmat.primitives.asymmetric import utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vntrace.signing import SigningKey, _carrier, sign_stamp, verify_stamp
from vntrace.signing._keys import b64url, unb64url
from vntrace.signing.hazmat import _der

_VALUE = st.text(
    alphabet=st.sampled_from("ABCxyz019-_=%&#?/+.A"), min_size=0, max_size=95
) | st.text(alphabet=st.sampled_from("ABCxyz019-_"), min_size=86, max_size=86)
_SERIAL = st.sampled_from(["8030", "K7/8030", "8030A"]) | st.text(
    alphabet=st.sampled_from("K7Q28030/%!"), min_size=1, max_size=12
)
_QUERY = st.sampled_from(["", "17=270630", "17=270630&x=1", "8030=AAAA", "10=L1"])


def _outcome(uri: str) -> object:
    try:
        read = _carrier._read_uri(uri)
    except _carrier.StampFailure as failure:
        return failure.status, failure.finding.code, dict(failure.finding.params)
    return read.kind, [(e.ai, e.value) for e in read.elements], read.signature, read.ignored


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    stem=st.sampled_from(["https://id.gs1.org", "https://truyxuat.hatinh.gov.vn/tem", "http://a"]),
    serial=_SERIAL,
    query=_QUERY,
    value=_VALUE,
)
def test_fast_route_agrees_with_general_route(
    monkeypatch: pytest.MonkeyPatch, stem: str, serial: str, query: str, value: str
) -> None:
    head = f"{stem}/01/08931234567897/10/LO2406A/21/{serial}"
    uri = f"{head}?{query + '&' if query else ''}8030={value}"
    fast = _outcome(uri)
    with monkeypatch.context() as m:
        m.setattr(_carrier, "_read_usual_uri", lambda _text: None)  # undone after each example
        general = _outcome(uri)
    assert fast == general


# -- stamps of a known batch: the prefix memo gives what the full route gives ------------------

_KEY = SigningKey.from_raw("ES256", bytes(31) + b"\x09")
_NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_PLAIN = _B64[:-2] + "AA"  # no "-" or "_": any value also passes the standard alphabet


# Each part of a stamp: values the batch route takes, and edge cases around its checks.
_PARTS: dict[str, tuple[st.SearchStrategy[str], st.SearchStrategy[str]]] = {
    "prefix": (
        st.sampled_from(
            [
                "https://id.gs1.org/01/08931234567897/10/LO2406A/21/",
                "https://truyxuat.hatinh.gov.vn/tem/01/08931234567897/21/",
                "http://a/01/08931234567897/22/V1/10/L.1-x/21/",
                "https://id.gs1.org/8006/089312345678970102/21/",
            ]
        ),
        st.sampled_from(
            [
                "http://a/01/08931234567897/22/V1/10/L.1~x/21/",  # "~" is not CSET 82
                "https://id.gs1.org/01/08931234567890/10/L/21/",  # bad check digit: never kept
                "https://id.gs1.org/01/08931234567897/10/L%2F1/21/",  # decoded lot
                "https://id.gs1.org/00/389312345678901234/21/",  # (21) cannot qualify an SSCC
                "/01/08931234567897/10/A/21/",
                "https://id.gs1.org/01/08931234567897/10/A/21/8030/21/",
            ]
        ),
    ),
    "serial": (
        st.text(alphabet=st.sampled_from("K7Q2M9X4P1az.-_"), min_size=1, max_size=20),
        st.sampled_from(["8030", "8030A", "", "x" * 21, "..", "~", "a~", "%41", "a b"])
        | st.text(alphabet=st.sampled_from('K7.~_-%!&/"<>#?=aé8030 '), min_size=0, max_size=22),
    ),
    "date": (
        st.sampled_from(["270630", "270600", "991231"]),
        st.sampled_from(["271332", "27063", "2706300", "27o630", "\uff1270630", "27063+", ""]),
    ),
    "value": (
        st.text(alphabet=st.sampled_from(_B64), min_size=86, max_size=86),
        st.text(alphabet=st.sampled_from(_B64 + "=+/%#&."), min_size=0, max_size=92)
        | st.sampled_from(["A" * 90, "A" * 91, "A" * 84 + "==", "A" * 85 + "=", "A"]),
    ),
    "shape": (
        st.sampled_from(["?17={d}&8030={v}", "?8030={v}"]),
        st.sampled_from(
            [
                "?17={d}&8030={v}&x=1",
                "?8030={v}&17={d}",
                "?17={d}&8030={v}#f",
                "?17={d}&&8030={v}",
                "?17={d}&8030={v}&8030={v}",
                "?vk=K&17={d}&8030={v}",
                "?17={d}&8030={v}?",
                "?17={d}8030={v}",
            ]
        ),
    ),
}


@st.composite
def _batch_stamps(draw: st.DrawFn) -> tuple[str, str]:
    """(prefix, URI): all parts good, or one part bad, or every part drawn from both."""
    bad = draw(st.sampled_from([None, None, "every", *_PARTS]))
    part = {
        name: draw((good | wrong) if bad == "every" else wrong if bad == name else good)
        for name, (good, wrong) in _PARTS.items()
    }
    uri = part["prefix"] + part["serial"] + part["shape"].format(d=part["date"], v=part["value"])
    return part["prefix"], uri


def _stamp_outcome(uri: str) -> object:
    try:
        return tuple(_carrier.read_stamp(uri))
    except _carrier.StampFailure as failure:
        return failure.status, failure.finding.code, dict(failure.finding.params)


def _warm(prefix: str) -> None:
    """Read valid siblings of each shape in full, so that ``prefix`` is kept if it can be (from
    its second stamp on)."""
    for query in ("?17=270630&8030=", "?8030=", "?17=270630&8030=", "?8030="):
        with contextlib.suppress(_carrier.StampFailure):
            _carrier.read_stamp(f"{prefix}W4RM{query}{_PLAIN}")


@settings(
    max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(stamp=_batch_stamps())
def test_batch_route_agrees_with_full_route(
    monkeypatch: pytest.MonkeyPatch, stamp: tuple[str, str]
) -> None:
    prefix, uri = stamp
    _warm(prefix)
    fast = _stamp_outcome(uri)
    with monkeypatch.context() as m:
        m.setattr(_carrier, "_read_batch_stamp", lambda _text: None)  # undone after each example
        full = _stamp_outcome(uri)
    assert fast == full


@pytest.mark.parametrize(
    "uri",
    [
        "https://id.gs1.org/01/08931234567897/10/LO2406A/21/K7Q2M9X4P1?17=270630&8030=" + _PLAIN,
        "https://id.gs1.org/01/08931234567897/10/LO2406A/21/K7Q2M9X4P1?8030=" + _PLAIN,
        "http://a/01/08931234567897/22/V1/10/L.1-x/21/k-_.?17=991231&8030=" + _PLAIN[:40],
        "https://a.vn/tem/01/08931234567897/10/A/21/Z?17=270600&8030=" + _PLAIN,
    ],
)
def test_batch_route_is_taken_for_siblings(uri: str) -> None:
    question = uri.index("?")
    prefix = uri[: uri.rindex("/", 0, question) + 1]
    _warm(prefix)
    fast = _carrier._read_batch_stamp(uri)
    assert fast is not None
    read = _carrier.read_carrier(uri)
    assert tuple(fast) == (
        _carrier.canonical_elements(read.elements),
        read.signature,
        (read.elements[0].ai, read.elements[0].value),
        read.elements[-1].value if read.elements[-1].ai == "17" else None,
        (),
    )


_SIBLINGS = st.lists(
    st.text(alphabet=st.sampled_from("0123456789ABCDEFGHJKMNPQRSTVWXYZ"), min_size=1, max_size=20),
    min_size=2,
    max_size=4,
    unique=True,
)


def _tampered(uri: str, how: int, where: int) -> str:
    head, _, value = uri.rpartition("8030=")
    if how == 0:  # a character of the signature
        i = where % len(value)
        value = value[:i] + ("B" if value[i] != "B" else "C") + value[i + 1 :]
    elif how == 1:  # the serial
        head = head.replace("/21/", "/21/Z", 1)
    elif how == 2:  # the expiry
        head = head.replace("?17=27", "?17=28", 1)
    elif how == 3:  # a serial the full route decodes
        head = head.replace("/21/", "/21/%41", 1)
    return f"{head}8030={value}"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(serials=_SIBLINGS, dated=st.booleans(), how=st.integers(0, 4), where=st.integers(0, 85))
def test_verify_with_batch_route_agrees(
    monkeypatch: pytest.MonkeyPatch, serials: list[str], dated: bool, how: int, where: int
) -> None:
    query = "?17=270630" if dated else ""
    stem = "https://truyxuat.hatinh.gov.vn/01/08931234567897/10/LO2406A/21/"
    signed = [sign_stamp(f"{stem}{s}{query}", _KEY) for s in serials]
    keys = [_KEY.public_key]
    for uri in signed:
        assert verify_stamp(uri, keys, now=_NOW).status == "valid"
    probe = _tampered(signed[-1], how, where)
    fast = verify_stamp(probe, keys, now=_NOW)
    with monkeypatch.context() as m:
        m.setattr(_carrier, "_read_batch_stamp", lambda _text: None)
        full = verify_stamp(probe, keys, now=_NOW)
    assert fast == full
    assert (fast.status == "valid") == (probe == signed[-1])


# -- ES256: raw r || s to DER without Python ints, as cryptography's encoder writes it ------------

_HALF = st.binary(min_size=32, max_size=32) | st.builds(
    lambda first, rest: bytes([first]) + rest,
    st.sampled_from([0x00, 0x01, 0x7F, 0x80, 0xFF]),
    st.binary(min_size=31, max_size=31) | st.just(bytes(31)),
)


@given(r=_HALF, s=_HALF)
def test_der_of_raw_signature_is_cryptographys(r: bytes, s: bytes) -> None:
    expected = utils.encode_dss_signature(int.from_bytes(r, "big"), int.from_bytes(s, "big"))
    assert _der(r + s) == expected


# -- unpadded base64url: the strict decoder agrees with a pattern-and-round-trip reference -------


def _unb64url_reference(text: str) -> bytes | None:
    if re.fullmatch(r"[A-Za-z0-9_-]*", text) is None or len(text) % 4 == 1:
        return None
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    return data if b64url(data) == text else None  # canonical: one text per byte string


@given(
    st.text(alphabet=st.sampled_from(_B64), max_size=90)
    | st.text(alphabet=st.sampled_from(_B64 + "+/=\n \u00e9\x00!.:"), max_size=12)
    | st.binary(max_size=66).map(b64url)
)
def test_unb64url_agrees_with_reference(text: str) -> None:
    assert unb64url(text) == _unb64url_reference(text)
