"""Stamp keys: Ed25519 or ECDSA P-256 (``ES256``), nothing else (design: 64-byte signatures).

A key is created, loaded or imported here and always knows its algorithm and its ``kid``
(base64url of the first 8 bytes of SHA-256 over the SubjectPublicKeyInfo DER, 11 characters).
Every other kind of key (RSA, P-384, a P-256 key given as Ed25519…) is refused with
:class:`~vntrace.errors.SignatureError` carrying a finding.

>>> key = SigningKey.from_raw("Ed25519", bytes(32))
>>> key.alg, key.public_key.kid
('Ed25519', 'M54v-RdjBQc')
>>> PublicKey.from_raw("Ed25519", key.public_key.raw) == key.public_key
True
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, get_args

from vntrace.errors import SignatureError
from vntrace.findings import Finding

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519

__all__ = [
    "ALGORITHMS",
    "Algorithm",
    "PublicKey",
    "SigningKey",
    "b64url",
    "load_private_key",
    "load_public_key",
    "unb64url",
]

Algorithm = Literal["Ed25519", "ES256"]
"""The two stamp algorithms (64-byte raw signatures)."""
ALGORITHMS: tuple[Algorithm, ...] = get_args(Algorithm)

_TO_STANDARD = bytes.maketrans(b"-_", b"+/")
_UNUSED_BITS = (0, 0, 15, 3)
_PADDING = (b"", b"", b"==", b"=")
_B64URL_VALUE = {
    c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
}


def b64url(data: bytes) -> str:
    """Unpadded base64url (RFC 4648 §5), as (8030) carries it.

    >>> b64url(b"\\xfb\\xff")
    '-_8'
    """
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes | None:
    """The bytes of unpadded, canonical base64url ``text``; ``None`` when it is anything else.

    Canonical means the unused low bits of the last character are zero, so every byte string
    has exactly one text (a changed character can never give the same signature).

    >>> unb64url("-_8"), unb64url("-_9"), unb64url("-_8="), unb64url("+/8")
    (b'\\xfb\\xff', None, None, None)
    """
    if not isinstance(text, str) or len(text) % 4 == 1:
        return None
    # "+", "/" and "=" are base64 but not unpadded base64url; the strict decoder refuses every
    # other character (cheaper than a pattern over the text first)
    if "+" in text or "/" in text or "=" in text:
        return None
    tail = len(text) % 4
    try:
        data = binascii.a2b_base64(
            text.encode("ascii").translate(_TO_STANDARD) + _PADDING[tail], strict_mode=True
        )
    except (UnicodeEncodeError, binascii.Error):
        return None
    # the last character of a 2- or 3-character tail carries 4 or 2 unused bits: must be 0
    if tail and _B64URL_VALUE[text[-1]] & _UNUSED_BITS[tail]:
        return None
    return data


def _fail(code: str, **params: str | int) -> SignatureError:
    return SignatureError(Finding(f"SIGNING.{code}", params=params))


def _spki(public: ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415 - lazy: import cost

    return public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _check_alg(alg: object) -> Algorithm:
    if alg == "Ed25519":
        return "Ed25519"
    if alg == "ES256":
        return "ES256"
    raise _fail("UNSUPPORTED_ALGORITHM", alg=str(alg)[:40])


@dataclass(frozen=True, slots=True, eq=False)
class PublicKey:
    """A verification key for stamps. Build it with :meth:`from_raw` or :func:`load_public_key`.

    Two keys are equal when their SubjectPublicKeyInfo DER is equal.
    """

    alg: Algorithm
    """``"Ed25519"`` or ``"ES256"`` (ECDSA P-256 with SHA-256)."""
    spki: bytes
    """The SubjectPublicKeyInfo DER (what the trust list publishes, base64)."""
    kid: str
    """base64url of the first 8 bytes of SHA-256 over :attr:`spki` (11 characters)."""
    key: ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey = field(repr=False)
    """The ``cryptography`` key object."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PublicKey) and other.spki == self.spki

    def __hash__(self) -> int:
        return hash(self.spki)

    @property
    def raw(self) -> bytes:
        """Ed25519: the 32 key bytes; ES256: the 65-byte uncompressed point."""
        from cryptography.hazmat.primitives import serialization  # noqa: PLC0415

        if self.alg == "Ed25519":
            return self.key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return self.key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )

    def pem(self) -> str:
        """The key as a ``PUBLIC KEY`` PEM block."""
        body = base64.encodebytes(self.spki).decode("ascii").replace("\n", "")
        lines = [body[i : i + 64] for i in range(0, len(body), 64)]
        return "-----BEGIN PUBLIC KEY-----\n" + "\n".join(lines) + "\n-----END PUBLIC KEY-----\n"

    @classmethod
    def from_raw(cls, alg: Algorithm, raw: bytes) -> PublicKey:
        """A key from its raw bytes: Ed25519 32 bytes, ES256 a 65-byte uncompressed point.

        >>> PublicKey.from_raw("ES256", bytes(65))
        Traceback (most recent call last):
        ...
        vntrace.errors.SignatureError: SIGNING.INVALID_KEY: ...
        """
        from cryptography.hazmat.primitives.asymmetric import ec, ed25519  # noqa: PLC0415

        name = _check_alg(alg)
        if not isinstance(raw, bytes | bytearray):
            raise _fail("INVALID_KEY", alg=name)
        expected = 32 if name == "Ed25519" else 65
        if len(raw) != expected:
            raise _fail("INVALID_KEY", alg=name)
        try:
            if name == "Ed25519":
                key: ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey = (
                    ed25519.Ed25519PublicKey.from_public_bytes(bytes(raw))
                )
            else:
                key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), bytes(raw))
        except ValueError:
            raise _fail("INVALID_KEY", alg=name) from None
        return _public(key)


def _public(key: object) -> PublicKey:
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519  # noqa: PLC0415

    if isinstance(key, ed25519.Ed25519PublicKey):
        alg: Algorithm = "Ed25519"
    elif isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, ec.SECP256R1):
        alg = "ES256"
    else:
        raise _fail("UNSUPPORTED_KEY_TYPE", type=_key_name(key))
    spki = _spki(key)
    kid = b64url(hashlib.sha256(spki).digest()[:8])
    return PublicKey(alg, spki, kid, key)


def _key_name(key: object) -> str:
    curve = getattr(key, "curve", None)
    if curve is not None:
        return f"EC {getattr(curve, 'name', '?')}"
    name = type(key).__name__.lstrip("_")
    for known in ("RSA", "DSA", "Ed448", "X25519", "X448", "DH"):
        if known.lower() in name.lower():
            return known
    return name


@dataclass(frozen=True, slots=True, eq=False)
class SigningKey:
    """A private stamp key. Create one with :meth:`generate`, :meth:`from_raw` or
    :func:`load_private_key`; keep it out of logs (its ``repr`` shows only the ``kid``).

    >>> key = SigningKey.generate("ES256")
    >>> key
    SigningKey(alg='ES256', kid='...')
    >>> len(key.public_key.kid)
    11
    """

    alg: Algorithm
    """``"Ed25519"`` or ``"ES256"``."""
    public_key: PublicKey
    """The matching verification key."""
    key: ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey = field(repr=False)
    """The ``cryptography`` key object."""

    def __repr__(self) -> str:
        return f"SigningKey(alg={self.alg!r}, kid={self.kid!r})"

    @property
    def kid(self) -> str:
        """The key id of :attr:`public_key`."""
        return self.public_key.kid

    @classmethod
    def generate(cls, alg: Algorithm = "ES256") -> SigningKey:
        """A new random key (``ES256`` is the design's default for portal keys)."""
        from cryptography.hazmat.primitives.asymmetric import ec, ed25519  # noqa: PLC0415

        name = _check_alg(alg)
        if name == "Ed25519":
            return _private(ed25519.Ed25519PrivateKey.generate())
        return _private(ec.generate_private_key(ec.SECP256R1()))

    @classmethod
    def from_raw(cls, alg: Algorithm, secret: bytes) -> SigningKey:
        """A key from its 32 secret bytes (Ed25519 seed, or the P-256 scalar big-endian)."""
        from cryptography.hazmat.primitives.asymmetric import ec, ed25519  # noqa: PLC0415

        name = _check_alg(alg)
        if not isinstance(secret, bytes | bytearray) or len(secret) != 32:
            raise _fail("INVALID_KEY", alg=name)
        try:
            if name == "Ed25519":
                return _private(ed25519.Ed25519PrivateKey.from_private_bytes(bytes(secret)))
            return _private(ec.derive_private_key(int.from_bytes(secret, "big"), ec.SECP256R1()))
        except ValueError:  # scalar 0 or >= the group order
            raise _fail("INVALID_KEY", alg=name) from None

    def private_pem(self, password: bytes | None = None) -> bytes:
        """The key as PKCS #8 PEM, encrypted with ``password`` when given."""
        from cryptography.hazmat.primitives import serialization  # noqa: PLC0415

        encryption: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(password)
            if password
            else serialization.NoEncryption()
        )
        return self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
        )


def _private(key: object) -> SigningKey:
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519  # noqa: PLC0415

    if isinstance(key, ed25519.Ed25519PrivateKey):
        return SigningKey("Ed25519", _public(key.public_key()), key)
    if isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.SECP256R1):
        return SigningKey("ES256", _public(key.public_key()), key)
    raise _fail("UNSUPPORTED_KEY_TYPE", type=_key_name(key))


def load_private_key(data: bytes | str, password: bytes | None = None) -> SigningKey:
    """A signing key from PKCS #8 / SEC 1 PEM or DER (``password`` for an encrypted key).

    >>> pem = SigningKey.from_raw("Ed25519", bytes(32)).private_pem()
    >>> load_private_key(pem).kid
    'M54v-RdjBQc'
    >>> load_private_key(b"garbage")
    Traceback (most recent call last):
    ...
    vntrace.errors.SignatureError: SIGNING.UNREADABLE_KEY: ...
    """
    from cryptography.exceptions import UnsupportedAlgorithm  # noqa: PLC0415
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415

    raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
    if not isinstance(raw, bytes | bytearray):
        raise _fail("UNREADABLE_KEY")
    loader = (
        serialization.load_pem_private_key
        if bytes(raw).lstrip().startswith(b"-----")
        else serialization.load_der_private_key
    )
    try:
        key = loader(bytes(raw), password=password)
    except TypeError:  # password missing, or given for a plain key
        raise _fail("KEY_PASSWORD") from None
    except (ValueError, UnsupportedAlgorithm):
        raise _fail("UNREADABLE_KEY") from None
    return _private(key)


def load_public_key(data: bytes | str) -> PublicKey:
    """A verification key from SubjectPublicKeyInfo: DER bytes, PEM, or base64 text of the DER.

    >>> pub = SigningKey.from_raw("Ed25519", bytes(32)).public_key
    >>> load_public_key(base64.b64encode(pub.spki).decode()) == load_public_key(pub.pem()) == pub
    True
    """
    from cryptography.exceptions import UnsupportedAlgorithm  # noqa: PLC0415
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415

    if isinstance(data, str):
        text = data.strip()
        if text.startswith("-----"):
            der_or_pem, pem = text.encode("ascii", "replace"), True
        else:
            try:
                der_or_pem, pem = base64.b64decode(text, validate=True), False
            except (binascii.Error, ValueError):
                try:
                    der_or_pem = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
                    pem = False
                except (binascii.Error, ValueError):
                    raise _fail("UNREADABLE_KEY") from None
    elif isinstance(data, bytes | bytearray):
        der_or_pem = bytes(data)
        pem = der_or_pem.lstrip().startswith(b"-----")
    else:
        raise _fail("UNREADABLE_KEY")
    try:
        key = (
            serialization.load_pem_public_key(der_or_pem)
            if pem
            else serialization.load_der_public_key(der_or_pem)
        )
    except (ValueError, UnsupportedAlgorithm):
        raise _fail("UNREADABLE_KEY") from None
    return _public(key)
