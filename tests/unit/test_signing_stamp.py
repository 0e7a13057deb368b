"""Stamps: canonical bytes (design worked example), sign/verify, every status, bad input."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa, utils

from vntrace import gs1, signing
from vntrace.errors import GS1Error, SignatureError, VntraceError
from vntrace.signing import (
    Owner,
    PublicKey,
    RevocationList,
    SigningKey,
    TrustedKey,
    TrustList,
    canonical_bytes,
    hazmat,
    sign_stamp,
    verify_stamp,
)

EXAMPLE = "https://id.gs1.org/01/08931234567897/10/LO2406A/21/K7Q2M9X4P1?17=270630"
NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
KEY = SigningKey.from_raw("ES256", bytes(31) + b"\x2a")
ED = SigningKey.from_raw("Ed25519", bytes(range(32)))
ROOT = SigningKey.from_raw("ES256", bytes(31) + b"\x01")


def test_design_worked_example():
    # signing.md §5.1, typed from the design
    assert canonical_bytes(EXAMPLE) == b"010893123456789710LO2406A\x1d21K7Q2M9X4P1\x1d17270630"


@pytest.mark.parametrize(
    "form",
    [
        "(01)08931234567897(10)LO2406A(21)K7Q2M9X4P1(17)270630",
        "^0108931234567897^10LO2406A^21K7Q2M9X4P1^17270630",
        "0108931234567897172706302\x31K7Q2M9X4P1\x1d10LO2406A",
        "https://example.vn/tem/01/08931234567897/10/LO2406A/21/K7Q2M9X4P1?foo=1&17=270630",
    ],
)
def test_every_form_has_the_same_canonical_bytes(form):
    assert canonical_bytes(form) == canonical_bytes(EXAMPLE)
    assert canonical_bytes(gs1.digital_link.parse(EXAMPLE)) == canonical_bytes(EXAMPLE)
    assert canonical_bytes(
        gs1.element_string.parse(
            form if form[0] != "h" else "(01)08931234567897(21)K7Q2M9X4P1(10)LO2406A(17)270630"
        )
    ) == canonical_bytes(EXAMPLE)


def test_signature_is_independently_checkable():
    # the (8030) value is plain base64url of a raw r||s over the canonical bytes: check it with
    # cryptography directly, without vntrace's verifier
    signed = sign_stamp(EXAMPLE, KEY)
    value = signed.rpartition("8030=")[2]
    assert len(value) == 86
    raw = base64.urlsafe_b64decode(value + "==")
    der = utils.encode_dss_signature(
        int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    )
    KEY.public_key.key.verify(der, canonical_bytes(EXAMPLE), ec.ECDSA(hashes.SHA256()))  # type: ignore[call-arg]
    assert sign_stamp(EXAMPLE, KEY) == signed  # deterministic


@pytest.mark.parametrize(
    ("carrier", "expected_tail"),
    [
        ("(01)08931234567897(21)S1", "(8030)"),
        ("^0108931234567897^21S1", "^8030"),
        ("010893123456789721S1", "\x1d8030"),
        ("https://id.gs1.org/01/08931234567897/21/S1", "?8030="),
        ("https://id.gs1.org/01/08931234567897/21/S1?17=270630", "&8030="),
    ],
)
def test_sign_keeps_the_form(carrier, expected_tail):
    signed = sign_stamp(carrier, ED)
    assert signed.startswith(carrier)
    assert signed[len(carrier) :].startswith(expected_tail)
    assert verify_stamp(signed, [ED.public_key], now=NOW).status == "valid"


def test_sign_before_fragment_and_objects():
    signed = sign_stamp("https://id.gs1.org/01/08931234567897/21/S1#top", ED)
    assert signed.endswith("#top")
    assert "?8030=" in signed
    es = gs1.element_string.parse("(01)08931234567897(21)S1")
    assert sign_stamp(es, ED).startswith("(01)08931234567897(21)S1(8030)")


@pytest.mark.parametrize(
    ("carrier", "code"),
    [
        ("https://id.gs1.org/01/08931234567897/10/LO2406A", "SIGNING.NEEDS_SERIAL"),
        ("(01)08931234567897(10)L1", "SIGNING.NEEDS_SERIAL"),
        ("(01)08931234567897(21)S1(21)S1", "SIGNING.DUPLICATE_AI"),
        ("(01)08931234567890(21)S1", "GS1.INCORRECT_CHECK_DIGIT"),
        ("(253)8934567000017(21)S1", None),
    ],
)
def test_sign_refusals(carrier, code):
    with pytest.raises(VntraceError) as info:
        sign_stamp(carrier, ED)
    if code is not None:
        assert info.value.code == code


def test_sign_refuses_signed_and_non_keys():
    signed = sign_stamp(EXAMPLE, ED)
    with pytest.raises(SignatureError, match="ALREADY_SIGNED"):
        sign_stamp(signed, ED)
    with pytest.raises(SignatureError):
        sign_stamp(EXAMPLE, ED.public_key)  # type: ignore[arg-type]


def _trust(**changes) -> TrustList:
    base = {
        "gcp": ("8931234",),
        "not_before": dt.date(2026, 1, 1),
        "not_after": dt.date(2028, 12, 31),
    }
    base.update(changes)
    keys = [TrustedKey(KEY.public_key, Owner("Sở KH&CN Hà Tĩnh", role="provincial-portal"), **base)]
    return TrustList.build("VN-NTP", keys, issued_at=dt.datetime(2026, 11, 28, tzinfo=dt.UTC))


def test_statuses_with_trust_list():
    signed = sign_stamp(EXAMPLE, KEY)
    ok = verify_stamp(signed, _trust(), now=NOW)
    assert ok.status == "valid"
    assert ok.valid
    assert ok.kid == KEY.kid
    assert ok.owner == Owner("Sở KH&CN Hà Tĩnh", role="provincial-portal")
    assert verify_stamp(signed, _trust(gcp=("8939",)), now=NOW).status == "unknown-key"
    assert verify_stamp(signed, _trust(gcp=(), gtin=("08931234567897",)), now=NOW).status == "valid"
    assert verify_stamp(signed, _trust(status="revoked"), now=NOW).status == "key-revoked"
    later = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    revoked_later = _trust(status="revoked", revoked_at=later)
    assert verify_stamp(signed, revoked_later, now=NOW).status == "valid"
    assert (
        verify_stamp(signed, _trust(not_after=dt.date(2026, 11, 30)), now=NOW).status
        == "key-expired"
    )
    assert (
        verify_stamp(signed, _trust(not_before=dt.date(2026, 12, 2)), now=NOW).status
        == "key-expired"
    )
    stale = NOW + dt.timedelta(days=30)
    assert verify_stamp(signed, _trust(), now=stale).status == "trust-list-stale"
    # retired keys stay valid for their stamps until not_after
    assert verify_stamp(signed, _trust(status="retired"), now=NOW).status == "valid"


def test_longest_gcp_match_decides():
    other = SigningKey.from_raw("ES256", bytes(31) + b"\x09")
    keys = [
        TrustedKey(other.public_key, Owner("Tỉnh B"), gcp=("893",)),
        TrustedKey(KEY.public_key, Owner("Tỉnh A"), gcp=("8931234",)),
    ]
    tl = TrustList.build("VN-NTP", keys, issued_at=NOW)
    assert [k.kid for k in tl.candidates("01", "08931234567897")] == [KEY.kid]
    # province B's key cannot sign for province A's producer
    forged = sign_stamp(EXAMPLE, other)
    assert verify_stamp(forged, tl, now=NOW).status == "invalid-signature"
    assert verify_stamp(sign_stamp(EXAMPLE, KEY), tl, now=NOW).status == "valid"


def test_rollover_both_keys_verify():
    new = SigningKey.from_raw("ES256", bytes(31) + b"\x0b")
    tl = _trust()
    tl2 = tl.with_key(
        TrustedKey(new.public_key, Owner("Sở KH&CN Hà Tĩnh"), gcp=("8931234",)), issued_at=NOW
    )
    tl3 = tl2.retire(KEY.kid, issued_at=NOW, reason="rollover")
    assert tl3.sequence == tl.sequence + 2
    assert verify_stamp(sign_stamp(EXAMPLE, KEY), tl3, now=NOW).status == "valid"
    assert verify_stamp(sign_stamp(EXAMPLE, new), tl3, now=NOW).kid == new.kid
    tl4 = tl3.revoke(KEY.kid, issued_at=NOW, reason="key leaked")
    assert verify_stamp(sign_stamp(EXAMPLE, KEY), tl4, now=NOW).status == "key-revoked"
    assert verify_stamp(sign_stamp(EXAMPLE, new), tl4, now=NOW).status == "valid"


def test_stamp_revocation_list_round_trip():
    signed = sign_stamp(EXAMPLE, KEY)
    sig = base64.urlsafe_b64decode(signed.rpartition("=")[2] + "==")
    rl = RevocationList.build("VN-NTP", [sig], issued_at=NOW - dt.timedelta(days=1))
    loaded = RevocationList.load(rl.sign(ROOT), ROOT.public_key)
    assert loaded == rl
    assert hashlib.sha256(sig).digest()[:16] in loaded.hashes
    assert verify_stamp(signed, _trust(), now=NOW, revoked=loaded).status == "stamp-revoked"
    other = sign_stamp(EXAMPLE.replace("K7Q2M9X4P1", "K7Q2M9X4P2"), KEY)
    assert verify_stamp(other, _trust(), now=NOW, revoked=[loaded]).status == "valid"
    assert (
        verify_stamp(other, _trust(), now=NOW + dt.timedelta(days=9), revoked=loaded).status
        == "trust-list-stale"
    )


def test_trust_list_sign_and_load():
    tl = _trust()
    token = tl.sign(ROOT)
    assert TrustList.load(token, ROOT.public_key) == tl
    head, body, sig = token.split(".")
    # a different root refuses
    with pytest.raises(SignatureError, match="TRUSTLIST_BAD_SIGNATURE"):
        TrustList.load(token, SigningKey.from_raw("ES256", bytes(31) + b"\x02").public_key)
    # tampered payload refuses
    doc = json.loads(base64.urlsafe_b64decode(body + "=="))
    doc["keys"][0]["scope"]["gcp"] = ["893"]
    forged = base64.urlsafe_b64encode(json.dumps(doc).encode()).rstrip(b"=").decode()
    with pytest.raises(SignatureError, match="TRUSTLIST_BAD_SIGNATURE"):
        TrustList.load(f"{head}.{forged}.{sig}", ROOT.public_key)
    for garbage in ["", "a.b", "x.y.z", token + "x", "ÿ.ÿ.ÿ", b"\xff\xfe"]:
        with pytest.raises(SignatureError):
            TrustList.load(garbage, ROOT.public_key)
    with pytest.raises(SignatureError, match="ROOT_KEY_NOT_ES256"):
        tl.sign(ED)


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda d: d.update(extra=1), "SIGNING.TRUSTLIST_UNKNOWN_FIELD"),
        (lambda d: d["keys"][0].update(extra=1), "SIGNING.TRUSTLIST_KEY_UNKNOWN_FIELD"),
        (lambda d: d["keys"][0]["scope"].update(gln=[]), "SIGNING.TRUSTLIST_KEY_UNKNOWN_FIELD"),
        (lambda d: d.pop("next_update"), "SIGNING.TRUSTLIST_MISSING_FIELD"),
        (lambda d: d["keys"][0].update(kid="AAAAAAAAAAA"), "SIGNING.TRUSTLIST_KEY_KID_MISMATCH"),
        (lambda d: d["keys"][0].update(alg="Ed25519"), "SIGNING.TRUSTLIST_KEY_BAD_VALUE"),
        (lambda d: d["keys"][0].update(status="maybe"), "SIGNING.TRUSTLIST_KEY_BAD_VALUE"),
        (lambda d: d["keys"][0]["scope"].update(gcp=["٨٩٣١"]), "SIGNING.TRUSTLIST_KEY_BAD_VALUE"),
        (lambda d: d.update(sequence=True), "SIGNING.TRUSTLIST_BAD_VALUE"),
        (lambda d: d.update(schema="other/1"), "SIGNING.TRUSTLIST_BAD_VALUE"),
        (lambda d: d.update(issued_at="2026-13-01T00:00:00Z"), "SIGNING.TRUSTLIST_BAD_VALUE"),
        (lambda d: d["keys"].append(d["keys"][0]), "SIGNING.TRUSTLIST_DUPLICATE_KID"),
    ],
)
def test_trust_list_strict_reading(mutate, code):
    doc = json.loads(_trust().to_json())
    mutate(doc)
    token = TrustList.from_json(_trust().to_json()).sign(ROOT)  # sanity: the original loads
    assert TrustList.load(token, ROOT.public_key) == _trust()
    with pytest.raises(SignatureError) as info:
        TrustList.from_json(json.dumps(doc))
    assert info.value.code == code


def test_public_keys_as_trust():
    signed = sign_stamp(EXAMPLE, ED)
    assert verify_stamp(signed, [KEY.public_key, ED.public_key], now=NOW).kid == ED.kid
    assert verify_stamp(signed, [KEY.public_key], now=NOW).status == "invalid-signature"
    assert verify_stamp(signed, [], now=NOW).status == "unknown-key"
    pinned = signed + "&vk=" + KEY.kid
    assert (
        verify_stamp(pinned, [KEY.public_key, ED.public_key], now=NOW).status == "invalid-signature"
    )
    assert verify_stamp(signed + "&vk=" + ED.kid, [KEY.public_key, ED.public_key], now=NOW).valid


def test_expired_product_is_a_warning_not_a_failure():
    signed = sign_stamp(EXAMPLE.replace("270630", "250630"), KEY)
    result = verify_stamp(signed, [KEY.public_key], now=NOW)
    assert result.status == "valid"
    assert [f.code for f in result.findings] == ["SIGNING.PRODUCT_EXPIRED"]
    assert not result.findings[0].is_error


SIGNED = sign_stamp(EXAMPLE, KEY)
SIG = SIGNED.rpartition("8030=")[2]
BASE = EXAMPLE


@pytest.mark.parametrize(
    ("carrier", "status"),
    [
        (BASE + "&8030=" + SIG[:-1], "unsupported-profile"),  # truncated
        (BASE + "&8030=" + SIG + "A", "unsupported-profile"),
        (BASE + "&8030=" + SIG + "==", "malformed-8030"),  # RFC padding breaks the CSET 64 rule
        (BASE + "&8030=" + SIG[:-1] + "+", "malformed-8030"),  # "+" is a space in a query
        (BASE + "&8030=" + SIG[:-1] + ":", "malformed-8030"),
        (BASE + "&8030=" + SIG[:-1] + "%3A", "malformed-8030"),
        (BASE + "&8030=" + SIG + "&8030=" + SIG, "malformed-8030"),
        (BASE.replace("?", "/8030/" + SIG + "?"), "malformed-8030"),
        (BASE + "&8030=", "malformed-8030"),
        (BASE, "no-signature"),
        ("(01)08931234567897(21)K7Q2M9X4P1(8030)" + SIG + "(8030)" + SIG, "malformed-8030"),
        ("https://id.gs1.org/01/08931234567897/10/LO2406A?8030=" + SIG, "syntax-error"),
        ("garbage", "syntax-error"),
        ("", "syntax-error"),
        (None, "syntax-error"),
        (12, "syntax-error"),
        ("https://id.gs1.org/01/08931234567897/21/X?8030=" + "A" * 91, "malformed-8030"),
        (
            "https://id.gs1.org/01/08931234567897/21/X?8030=" + "A" * 85 + "B",
            "malformed-8030",
        ),  # non-canonical last char
    ],
)
def test_bad_carriers_give_a_status(carrier, status):
    result = verify_stamp(carrier, [KEY.public_key], now=NOW)
    assert result.status == status, result.findings
    assert result.findings


def test_wrong_keys_are_refused():
    rsa_pem = rsa.generate_private_key(65537, 2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(SignatureError, match="UNSUPPORTED_KEY_TYPE"):
        signing.load_private_key(rsa_pem)
    p384 = ec.generate_private_key(ec.SECP384R1())
    with pytest.raises(SignatureError, match="UNSUPPORTED_KEY_TYPE"):
        signing.load_public_key(
            p384.public_key().public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
    with pytest.raises(SignatureError):
        PublicKey.from_raw("ES256", b"\x04" + bytes(64))  # not on the curve
    with pytest.raises(SignatureError):
        SigningKey.from_raw("ES256", b"\xff" * 32)  # beyond the group order
    with pytest.raises(SignatureError):
        SigningKey.generate("RS256")  # type: ignore[arg-type]
    with pytest.raises(SignatureError):
        signing.load_public_key("not base64 !!")
    enc = KEY.private_pem(b"pw")
    with pytest.raises(SignatureError, match="KEY_PASSWORD"):
        signing.load_private_key(enc)
    assert signing.load_private_key(enc, b"pw").kid == KEY.kid


def test_hazmat_verify_never_raises():
    msg = b"m"
    sig = hazmat.sign(KEY, msg)
    for bad in [b"", bytes(64), b"\xff" * 64, sig[:63], sig + b"\x00", "x" * 64, None]:
        assert hazmat.verify(KEY.public_key, bad, msg) is False  # type: ignore[arg-type]
    assert hazmat.verify(ED.public_key, sig, msg) is False


def test_canonical_bytes_refusals():
    with pytest.raises(GS1Error):
        canonical_bytes("(01)08931234567890")
    with pytest.raises(SignatureError):
        canonical_bytes(BASE + "&8030=" + SIG + "&8030=" + SIG)


def test_wrong_trust_arguments_are_vntrace_errors():
    signed = sign_stamp(EXAMPLE, ED)
    for trust in (None, 3, [ED], ["x"], [ED.public_key, None]):
        with pytest.raises(SignatureError):
            verify_stamp(signed, trust, now=NOW)  # type: ignore[arg-type]
    with pytest.raises(SignatureError):
        verify_stamp(signed, [ED.public_key], now=NOW, revoked=5)  # type: ignore[arg-type]
    assert verify_stamp(signed, ED.public_key, now=NOW).valid  # type: ignore[arg-type]
