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

from vntrace.signing import (
    Owner,
    SigningKey,
    TrustedKey,
    TrustList,
    _carrier,
    sign_stamp,
    verify_stamp,
)
from vntrace.signing._keys import b64url, unb64url
from vntrace.signing.hazmat import _der
from vntrace.signing.trustlist import KeyStatus

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
        m.setattr(_carrier, "_read_known_stamp", lambda _text: None)  # undone after each example
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
    assert prefix[:-1] in _carrier._BATCHES["?17=" in uri]
    fast = _carrier._read_known_stamp(uri)
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
        m.setattr(_carrier, "_read_known_stamp", lambda _text: None)
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


# -- one-off stamps: the one-pass route gives what the full route gives ------------------------


def _gtin14(body: str) -> str:
    """``body`` (13 digits) with its check digit, computed here (weights 3, 1, ... from the
    right, GS1 General Specifications §7.9.1)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str(-total % 10)


def _wrong_check_digit(gtin: str) -> str:
    return gtin[:-1] + str((int(gtin[-1]) + 1) % 10)


_BODY = st.text(alphabet=st.sampled_from("0123456789"), min_size=13, max_size=13)
_CSET82 = "!\"%&'()*+,-./:;<=>?_ABCZabcz0189"
# Each part of a one-off stamp: values the one-pass route takes, and edge cases around it.
_ONE_OFF_PARTS: dict[str, tuple[st.SearchStrategy[str], st.SearchStrategy[str]]] = {
    "stem": (
        st.sampled_from(
            ["https://id.gs1.org", "http://a", "https://tem.vn/t/x", "https://a.vn:8080/q;r=1"]
        ),
        st.sampled_from(
            [
                "HTTPS://id.gs1.org",
                "ftp://a",
                "https://",
                "https://a/01/08931234567897/10/x",
                "https://a/%7e",
                "https://a_b",
                "/",
                "https://a/8030",
                "https://a/b&8030",
            ]
        ),
    ),
    "gtin": (
        _BODY.map(_gtin14),
        _BODY.map(lambda b: _wrong_check_digit(_gtin14(b)))
        | st.sampled_from(["0893123456789", "089312345678970", "0893123456789A", "\uff10" * 14]),
    ),
    "lot": (
        st.text(alphabet=st.sampled_from("AZaz09-._:!'()*+,;="), min_size=1, max_size=20),
        st.sampled_from(
            ["", "x" * 21, "%41", "L%2F1", "a~", "[1]", "@", "$", "é", "8030", "a&8030"]
        )
        | st.text(alphabet=st.sampled_from(_CSET82 + "~@$[]#é"), min_size=0, max_size=22),
    ),
    "serial": _PARTS["serial"],
    "date": _PARTS["date"],
    "value": _PARTS["value"],
    "shape": _PARTS["shape"],
}


def _forget(uri: str) -> None:
    """Forget the batch prefix of ``uri``, so that it is read as a one-off stamp."""
    head = uri.partition("?")[0]
    prefix = head[: head.rfind("/")]
    _carrier._SEEN.discard(prefix)
    for batches in _carrier._BATCHES:
        batches.pop(prefix, None)


@st.composite
def _one_off_stamps(draw: st.DrawFn) -> tuple[bool, str]:
    """(all parts good, URI): all parts good, or one part bad, or every part drawn from both."""
    bad = draw(st.sampled_from([None, None, "every", *_ONE_OFF_PARTS]))
    part = {
        name: draw((good | wrong) if bad == "every" else wrong if bad == name else good)
        for name, (good, wrong) in _ONE_OFF_PARTS.items()
    }
    path = f"{part['stem']}/01/{part['gtin']}/10/{part['lot']}/21/{part['serial']}"
    return bad is None, path + part["shape"].format(d=part["date"], v=part["value"])


@settings(
    max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(stamp=_one_off_stamps())
def test_one_off_route_agrees_with_full_route(
    monkeypatch: pytest.MonkeyPatch, stamp: tuple[bool, str]
) -> None:
    good, uri = stamp
    _forget(uri)
    taken = _carrier._read_known_stamp(uri) is not None
    _forget(uri)
    fast = _stamp_outcome(uri)
    with monkeypatch.context() as m:
        m.setattr(_carrier, "_read_known_stamp", lambda _text: None)  # undone after each example
        full = _stamp_outcome(uri)
    assert fast == full
    if good:  # the route must actually be taken, or this test proves nothing
        assert taken


@pytest.mark.parametrize(
    "uri",
    [
        "https://id.gs1.org/01/08931234567897/10/LO2406A/21/K7Q2M9X4P1?17=270630&8030=" + _PLAIN,
        "https://a.vn/t/01/08931234567897/10/L(1)!/21/K.7-_?8030=" + _PLAIN[:50],
    ],
)
def test_one_off_message_is_the_canonical_element_string(uri: str) -> None:
    _forget(uri)
    fast = _carrier._read_known_stamp(uri)
    assert fast is not None
    # written out by hand from design §5.1: key, qualifiers in dlpkey order, then (17); GS after
    # each variable-length value but the last
    path, _, query = uri.partition("?")
    parts = path.split("/")
    gtin, lot, serial = parts[-5], parts[-3], parts[-1]
    expected = f"01{gtin}10{lot}\x1d21{serial}"
    if query.startswith("17="):
        expected += "\x1d17" + query[3:9]
    assert fast.message == expected.encode()
    assert fast.key == ("01", gtin)
    assert fast.signature == query.rpartition("8030=")[2]


def _tampered_one_off(uri: str, how: int, where: int) -> str:
    head, _, value = uri.rpartition("8030=")
    path, question, query = head.partition("?")
    parts = path.split("/")
    if how == 0:  # a character of the signature
        i = where % len(value)
        value = value[:i] + ("B" if value[i] != "B" else "C") + value[i + 1 :]
    elif how == 1:  # another valid GTIN
        body = parts[-5][:-1]
        parts[-5] = _gtin14(body[:-1] + str((int(body[-1]) + 1 + where % 9) % 10))
    elif how == 2:  # the lot
        parts[-3] += "X"
    elif how == 3:  # the serial
        parts[-1] = "Z" + parts[-1]
    elif how == 4:  # the expiry
        query = query.replace("17=27", "17=28", 1)
    elif how == 5:  # a lot the full route decodes
        parts[-3] = "%41" + parts[-3]
    return "/".join(parts) + question + query + "8030=" + value


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=_BODY,
    lot=_ONE_OFF_PARTS["lot"][0],
    serial=_PARTS["serial"][0],
    dated=st.booleans(),
    how=st.integers(0, 6),
    where=st.integers(0, 85),
)
def test_verify_one_off_agrees_and_only_the_signed_stamp_is_valid(
    monkeypatch: pytest.MonkeyPatch,
    body: str,
    lot: str,
    serial: str,
    dated: bool,
    how: int,
    where: int,
) -> None:
    query = "?17=270630" if dated else ""
    signed = sign_stamp(f"https://tem.vn/01/{_gtin14(body)}/10/{lot}/21/{serial}{query}", _KEY)
    probe = _tampered_one_off(signed, how, where)
    keys = [_KEY.public_key]
    _forget(probe)
    fast = verify_stamp(probe, keys, now=_NOW)
    with monkeypatch.context() as m:
        m.setattr(_carrier, "_read_known_stamp", lambda _text: None)
        full = verify_stamp(probe, keys, now=_NOW)
    assert fast == full
    assert (fast.status == "valid") == (probe == signed)


# -- trust list: keys by the longest matching company prefix ------------------------------------

_KEYS = [SigningKey.from_raw("Ed25519", bytes([i]) * 32).public_key for i in range(1, 5)]
# nested prefixes, so that several keys often match and the longest must win
_GCP = st.sampled_from(["8935", "89355", "893555", "8935551", "8936", "893655", "89365501"])
_DIGITS = st.builds(
    lambda gcp, rest: (gcp + rest)[:12],
    _GCP | st.just(""),
    st.text(alphabet=st.sampled_from("0159"), min_size=12, max_size=12),
)


def _candidates_reference(keys: list[TrustedKey], digits: str) -> list[str]:
    """Design §5.4, written out: the keys of the longest GCP that starts ``digits``, active
    before retired before revoked, otherwise in list order."""
    matching = [len(p) for k in keys for p in k.gcp if digits.startswith(p)]
    if not matching:
        return []
    best = max(matching)
    found = [k for k in keys if any(len(p) == best and digits.startswith(p) for p in k.gcp)]
    rank = {"active": 0, "retired": 1, "revoked": 2}
    return [k.kid for k in sorted(found, key=lambda k: rank[k.status])]


@given(
    scopes=st.lists(
        st.tuples(
            st.lists(_GCP, min_size=1, max_size=3, unique=True),
            st.sampled_from(["active", "retired", "revoked"]),
        ),
        min_size=1,
        max_size=4,
    ),
    digits=_DIGITS,
    ai=st.sampled_from(["01", "00", "8006", "253"]),
)
def test_candidates_by_company_prefix(
    scopes: list[tuple[list[str], KeyStatus]], digits: str, ai: str
) -> None:
    keys = [
        TrustedKey(_KEYS[i], Owner(f"o{i}"), gcp=tuple(gcp), status=status)
        for i, (gcp, status) in enumerate(scopes)
    ]
    trust = TrustList.build("VN-NTP", keys, issued_at=_NOW)
    value = ("0" if ai != "253" else "") + digits + "0"
    found = [k.kid for k in trust.candidates(ai, value)]
    assert found == _candidates_reference(keys, value[1:] if ai != "253" else value)
