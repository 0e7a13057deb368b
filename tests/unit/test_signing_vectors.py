"""Published vectors for the raw primitives: RFC 8032 §7.1 (Ed25519) and RFC 6979 A.2.5
(deterministic ECDSA P-256/SHA-256), read from the ``cryptography_vectors`` package."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from vntrace.signing import SigningKey, hazmat, load_private_key, load_public_key

vectors = pytest.importorskip("cryptography_vectors")
ROOT = Path(vectors.__file__).parent / "asymmetric"


def _ed25519_cases() -> list[tuple[bytes, bytes, bytes, bytes]]:
    lines = (ROOT / "Ed25519" / "sign.input").read_text().splitlines()
    out = []
    for line in lines[:3]:  # RFC 8032 §7.1 TEST 1, 2 and 3 (the file follows the RFC's list)
        sk_pk, pk, msg, sig_msg = line.split(":")[:4]
        out.append(
            (
                bytes.fromhex(sk_pk)[:32],
                bytes.fromhex(pk),
                bytes.fromhex(msg),
                bytes.fromhex(sig_msg)[:64],
            )
        )
    return out


RFC8032_TEST1_SIG = (
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
    "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)


def test_rfc8032_file_is_the_rfc():
    # TEST 1 of RFC 8032 §7.1, typed from the RFC: the file really holds the RFC's vectors
    assert _ed25519_cases()[0][3].hex() == RFC8032_TEST1_SIG


@pytest.mark.parametrize("case", _ed25519_cases(), ids=["TEST1", "TEST2", "TEST3"])
def test_ed25519_rfc8032(case):
    secret, public, message, signature = case
    key = SigningKey.from_raw("Ed25519", secret)
    assert key.public_key.raw == public
    assert hazmat.sign(key, message) == signature
    assert hazmat.verify(key.public_key, signature, message)
    assert not hazmat.verify(key.public_key, signature, message + b"x")


def _p256_sha256() -> tuple[str, str, list[tuple[str, str]]]:
    text = (ROOT / "ECDSA" / "RFC6979" / "evppkey_ecdsa_rfc6979.txt").read_text()
    block = text[text.index("Title = RFC 6979 P-256") :]
    block = block[: block.index("Title =", 10)] if "Title =" in block[10:] else block
    priv = re.search(
        r"PrivateKey=P-256_PRIV\n(-----BEGIN.*?-----END PRIVATE KEY-----)", block, re.DOTALL
    )
    pub = re.search(
        r"PublicKey=P-256_PUB\n(-----BEGIN.*?-----END PUBLIC KEY-----)", block, re.DOTALL
    )
    assert priv
    assert pub
    cases = re.findall(
        r"DigestSign = SHA256\nKey = P-256_PRIV\nNonceType = deterministic\n"
        r'Input = "(\w+)"\nOutput = ([0-9A-F]+)',
        block,
    )
    return priv.group(1), pub.group(1), cases


def _der_to_raw(der: bytes) -> bytes:
    # independent DER reader: SEQUENCE { INTEGER r, INTEGER s }
    assert der[0] == 0x30
    i = 2
    out = b""
    for _ in range(2):
        assert der[i] == 0x02
        n = der[i + 1]
        out += int.from_bytes(der[i + 2 : i + 2 + n], "big").to_bytes(32, "big")
        i += 2 + n
    return out


def test_p256_rfc6979_a25():
    priv, pub, cases = _p256_sha256()
    assert sorted(c[0] for c in cases) == ["sample", "test"]
    key = load_private_key(priv)
    assert key.alg == "ES256"
    assert load_public_key(pub) == key.public_key
    for message, der in cases:
        raw = _der_to_raw(bytes.fromhex(der))
        assert hazmat.sign(key, message.encode()) == raw
        assert hazmat.verify(key.public_key, raw, message.encode())
    # RFC 6979 A.2.5, SHA-256, "sample": r typed from the RFC
    assert (
        _der_to_raw(bytes.fromhex(dict(cases)["sample"]))[:32]
        .hex()
        .upper()
        .startswith("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716")
    )


def test_kid_is_sha256_of_spki():
    key = SigningKey.from_raw("Ed25519", bytes(32))
    # SPKI DER of an Ed25519 key = fixed 12-byte header + the 32 key bytes (RFC 8410)
    spki = bytes.fromhex("302a300506032b6570032100") + key.public_key.raw
    assert key.public_key.spki == spki
    expected = base64.urlsafe_b64encode(hashlib.sha256(spki).digest()[:8]).rstrip(b"=").decode()
    assert key.kid == expected
    assert len(key.kid) == 11
