"""Static types of the public signing API (mypy ``assert_type``), also run by pytest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import assert_type

from vntrace import signing
from vntrace.findings import Finding
from vntrace.gs1 import qr
from vntrace.signing import hazmat, scanlog


def test_signing_types() -> None:
    key = assert_type(signing.SigningKey.from_raw("Ed25519", bytes(32)), signing.SigningKey)
    assert assert_type(key.alg, signing.Algorithm) == "Ed25519"
    public = assert_type(key.public_key, signing.PublicKey)
    assert assert_type(public.kid, str) == "M54v-RdjBQc"
    message = assert_type(signing.canonical_bytes("(01)08931234567897(21)S1"), bytes)
    assert message == b"010893123456789721S1"
    sig = assert_type(hazmat.sign(key, message), bytes)
    assert assert_type(hazmat.verify(public, sig, message), bool) is True
    stamp = assert_type(signing.sign_stamp("(01)08931234567897(21)S1", key), str)
    result = assert_type(signing.verify_stamp(stamp, [public]), signing.Verification)
    assert assert_type(result.status, signing.Status) == "valid"
    assert assert_type(result.kid, str | None) == public.kid
    assert assert_type(result.findings, tuple[Finding, ...]) == ()
    tl = assert_type(signing.TrustList.build("VN-NTP", []), signing.TrustList)
    assert assert_type(tl.is_stale(dt.datetime(2000, 1, 1, tzinfo=dt.UTC)), bool) is False
    run = assert_type(
        signing.print_run("08931234567897", "L1", 1, key, stem="https://x.vn"),
        Iterator[signing.Stamp],
    )
    assert len(next(run).serial) == 10
    found = assert_type(scanlog.analyse([]), list[Finding])
    assert found == []
    assert assert_type(qr.byte_mode_version(163), int) == 9
