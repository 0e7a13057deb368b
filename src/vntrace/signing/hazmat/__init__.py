"""Raw signature primitives. You probably want :func:`vntrace.signing.sign_stamp` instead.

These functions sign and check *bytes you choose*: nothing here decides what is signed, how
it is canonicalised or whether a key may be trusted. Misuse (signing something other than
canonical bytes, trusting any key that verifies) produces stamps that look valid and are not.

- Ed25519 (RFC 8032, pure): 64-byte signatures.
- ES256 (ECDSA P-256 with SHA-256): the 64-byte raw ``r || s`` form (as in JOSE and COSE),
  signed with deterministic nonces (RFC 6979); any valid signature verifies, deterministic
  or not.

Built on ``cryptography``; no arithmetic of our own.

>>> from vntrace.signing import SigningKey
>>> key = SigningKey.from_raw("Ed25519", bytes(32))
>>> sig = sign(key, b"message")
>>> len(sig), verify(key.public_key, sig, b"message"), verify(key.public_key, sig, b"other")
(64, True, False)
>>> verify(key.public_key, b"short", b"message")
False
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from vntrace.signing._keys import PublicKey, SigningKey

__all__ = ["SIGNATURE_LENGTH", "sign", "verify"]

SIGNATURE_LENGTH = 64
"""Bytes in every stamp signature (Ed25519, and raw ES256 ``r || s``)."""


def sign(signing_key: SigningKey, message: bytes) -> bytes:
    """Sign ``message``: 64 bytes; ES256 signatures are deterministic (RFC 6979).

    >>> from vntrace.signing import SigningKey
    >>> key = SigningKey.generate("ES256")
    >>> sign(key, b"x") == sign(key, b"x")
    True
    """
    from cryptography.hazmat.primitives import hashes  # noqa: PLC0415 - lazy: import cost
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, utils  # noqa: PLC0415

    data = bytes(message)
    key = signing_key.key
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.sign(data)
    der = key.sign(data, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
    r, s = utils.decode_dss_signature(der)
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


_CHECKERS: dict[bytes, Callable[[bytes, bytes], bool]] = {}
"""One verify function per key (by SubjectPublicKeyInfo), its ``cryptography`` names bound."""
_CHECKER_LIMIT = 1024


def _checker(public_key: PublicKey) -> Callable[[bytes, bytes], bool]:
    from cryptography.exceptions import InvalidSignature  # noqa: PLC0415 - lazy: import cost
    from cryptography.hazmat.primitives import hashes  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric import ec, utils  # noqa: PLC0415

    key: Any = public_key.key
    key_verify = key.verify
    failures = (InvalidSignature, ValueError, OverflowError)
    if public_key.alg == "Ed25519":

        def check(signature: bytes, message: bytes) -> bool:
            try:
                key_verify(signature, message)
            except failures:
                return False
            return True

    else:
        # SHA-256 by hashlib, then ECDSA over the digest: the same check as ECDSA(SHA256()),
        # without a digest context made inside cryptography per call
        ecdsa = ec.ECDSA(utils.Prehashed(hashes.SHA256()))
        encode = utils.encode_dss_signature
        number = int.from_bytes
        sha256 = hashlib.sha256

        def check(signature: bytes, message: bytes) -> bool:
            # raw r || s to the DER form cryptography takes (ints from bytes: no parsing)
            der = encode(number(signature[:32]), number(signature[32:]))
            try:
                key_verify(der, sha256(message).digest(), ecdsa)
            except failures:
                return False
            return True

    if len(_CHECKERS) >= _CHECKER_LIMIT:
        _CHECKERS.clear()
    _CHECKERS[public_key.spki] = check
    return check


def verify(public_key: PublicKey, signature: bytes, message: bytes) -> bool:
    """``True`` when ``signature`` is a valid signature of ``message`` by ``public_key``.

    Anything malformed (wrong type or length, ``r`` or ``s`` out of range) is ``False``; this
    function never raises for a bad signature.
    """
    if not isinstance(signature, (bytes, bytearray)) or len(signature) != SIGNATURE_LENGTH:
        return False
    if not isinstance(message, (bytes, bytearray)):
        return False
    check = _CHECKERS.get(public_key.spki) or _checker(public_key)
    return check(bytes(signature), bytes(message))
