"""Tamper properties of signed stamps (hypothesis): what must break a signature and what must not."""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

from vntrace import gs1
from vntrace.signing import SigningKey, canonical_bytes, sign_stamp, verify_stamp

NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
KEYS = [
    SigningKey.from_raw("ES256", bytes(31) + b"\x05"),
    SigningKey.from_raw("Ed25519", bytes(32)),
]
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LOT_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-."


def _gtin(body: str) -> str:
    digits = [int(c) for c in body]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return body + str((10 - total % 10) % 10)


gtins = st.text("0123456789", min_size=12, max_size=12).map(lambda s: _gtin("0893" + s[:9]))
serials = st.text(CROCKFORD, min_size=1, max_size=20)
lots = st.text(LOT_CHARS, min_size=1, max_size=20)
dates = st.dates(dt.date(2000, 1, 1), dt.date(2049, 12, 31)).map(lambda d: d.strftime("%y%m%d"))
stems = st.sampled_from(
    ["https://id.gs1.org", "https://truyxuat.hatinh.gov.vn/tem", "http://x.vn", "HTTPS://A.B"]
)


@st.composite
def stamps(draw):
    return {
        "01": draw(gtins),
        "10": draw(lots),
        "21": draw(serials),
        "17": draw(dates),
    }


def _uri(
    stem: str, ais: dict[str, str], extra: list[str] | None = None, reverse: bool = False
) -> str:
    query = [f"17={ais['17']}", *(extra or [])]
    if reverse:
        query.reverse()
    return f"{stem}/01/{ais['01']}/10/{ais['10']}/21/{ais['21']}?" + "&".join(query)


@given(stamps(), stems, st.sampled_from(KEYS))
def test_sign_then_verify_round_trip(ais, stem, key):
    signed = sign_stamp(_uri("https://id.gs1.org", ais), key)
    moved = signed.replace("https://id.gs1.org", stem, 1)
    assert verify_stamp(moved, [key.public_key], now=NOW).status == "valid"
    # the same signature in an element string
    sig = signed.rpartition("8030=")[2]
    es = f"(01){ais['01']}(17){ais['17']}(10){ais['10']}(21){ais['21']}(8030){sig}"
    assert verify_stamp(es, [key.public_key], now=NOW).status == "valid"


@given(
    stamps(),
    st.sampled_from(KEYS),
    st.lists(st.from_regex(r"[a-z]{1,6}=[A-Za-z0-9]{0,8}", fullmatch=True), max_size=3),
)
def test_order_and_non_gs1_parameters_do_not_matter(ais, key, extra):
    signed = sign_stamp(_uri("https://id.gs1.org", ais), key)
    sig = signed.rpartition("8030=")[2]
    variant = _uri("https://example.vn/p", ais, [*extra, f"8030={sig}"], reverse=True)
    assert verify_stamp(variant, [key.public_key], now=NOW).status == "valid"
    assert canonical_bytes(variant) == canonical_bytes(signed)


@given(stamps(), st.sampled_from(["01", "10", "21", "17"]), st.data(), st.sampled_from(KEYS))
def test_changing_any_ai_value_breaks_it(ais, which, data, key):
    signed = sign_stamp(_uri("https://id.gs1.org", ais), key)
    sig = signed.rpartition("8030=")[2]
    changed = dict(ais)
    strategy = {"01": gtins, "10": lots, "21": serials, "17": dates}[which]
    changed[which] = data.draw(strategy)
    assume(changed[which] != ais[which])
    carrier = _uri("https://id.gs1.org", changed, [f"8030={sig}"])
    assert not gs1.digital_link.validate(carrier)
    assert verify_stamp(carrier, [key.public_key], now=NOW).status == "invalid-signature"


@given(stamps(), st.sampled_from(KEYS), st.integers(0, 85), st.sampled_from("AbZ09-_q"))
def test_changing_a_signature_character_breaks_it(ais, key, at, char):
    signed = sign_stamp(_uri("https://id.gs1.org", ais), key)
    head, _, sig = signed.rpartition("8030=")
    assume(sig[at] != char)
    tampered = head + "8030=" + sig[:at] + char + sig[at + 1 :]
    result = verify_stamp(tampered, [key.public_key], now=NOW)
    assert result.status in {"invalid-signature", "malformed-8030"}  # last char: non-canonical


@given(stamps(), st.binary(min_size=32, max_size=32))
def test_another_key_never_verifies(ais, secret):
    signer = KEYS[0]
    try:
        other = SigningKey.from_raw("ES256", secret)
    except ValueError:
        return
    assume(other.kid != signer.kid)
    signed = sign_stamp(_uri("https://id.gs1.org", ais), signer)
    assert (
        verify_stamp(signed, [other.public_key, KEYS[1].public_key], now=NOW).status
        == "invalid-signature"
    )


@given(st.text(max_size=200))
def test_garbage_is_never_valid(text):
    result = verify_stamp(text, [k.public_key for k in KEYS], now=NOW)
    assert result.status != "valid"
    assert result.findings
