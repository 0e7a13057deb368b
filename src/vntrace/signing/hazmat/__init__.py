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
from typing import TYPE_CHECKING, Any, Final

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
        sha256 = hashlib.sha256

        def check(signature: bytes, message: bytes) -> bool:
            try:
                key_verify(_der(signature), sha256(message).digest(), ecdsa)
            except failures:
                return False
            return True

    if len(_CHECKERS) >= _CHECKER_LIMIT:
        _CHECKERS.clear()
    _CHECKERS[public_key.spki] = check
    return check


# DER of ECDSA-Sig-Value (RFC 3279 §2.2.3), SEQUENCE { INTEGER r, INTEGER s }, the form
# cryptography takes. When neither r nor s starts with a zero byte, both are 32 bytes long in
# DER too, with a zero byte in front when the high bit is set (DER integers are signed): that is
# written here without Python ints; cryptography's encoder writes the rest (tests compare both).
_SEQUENCE: Final = (b"\x30\x44", b"\x30\x45", b"\x30\x46")
_INTEGER: Final = (b"\x02\x20", b"\x02\x21\x00")
_join = b"".join


def _der(signature: bytes) -> bytes:
    """The DER form of a 64-byte raw ``r || s`` signature."""
    first_r = signature[0]
    first_s = signature[32]
    if first_r and first_s:
        high_r = first_r >> 7
        high_s = first_s >> 7
        return _join(
            (
                _SEQUENCE[high_r + high_s],
                _INTEGER[high_r],
                signature[:32],
                _INTEGER[high_s],
                signature[32:],
            )
        )
    from cryptography.hazmat.primitives.asymmetric import utils  # noqa: PLC0415

    number = int.from_bytes
    return utils.encode_dss_signature(number(signature[:32]), number(signature[32:]))


def _check_of(public_key: PublicKey) -> Callable[[bytes, bytes], bool]:
    """The verify function of ``public_key``, for callers that know they pass a 64-byte
    ``bytes`` signature and a ``bytes`` message (:func:`verify` checks both)."""
    return _CHECKERS.get(public_key.spki) or _checker(public_key)


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
