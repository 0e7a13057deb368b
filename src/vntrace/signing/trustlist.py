"""Trust lists and stamp revocation lists, signed by a root key (design §5.4–5.6).

A :class:`TrustList` names the keys allowed to sign stamps, who holds each one and for which
products (GS1 Company Prefixes, longest match wins, or an explicit GTIN list), when each is
valid and whether it is ``active``, ``retired`` (no longer signs; its stamps stay valid until
``not_after``) or ``revoked``. The national portal signs the list as a JWS (compact, ES256,
made with ``joserfc``); verifier apps ship the root public key and refuse any list that is
tampered with, signed by another key, or has fields they do not know. After ``next_update``
the list is stale and :func:`~vntrace.signing.verify_stamp` says ``trust-list-stale``.

A :class:`RevocationList` withdraws single stamps (a stolen roll): it holds the first 128 bits
of SHA-256 of each revoked 64-byte signature, so it reveals no stamp.

>>> from vntrace.signing import SigningKey
>>> root = SigningKey.from_raw("ES256", bytes(31) + b"\\x01")
>>> portal = SigningKey.from_raw("Ed25519", bytes(32))
>>> tl = TrustList.build("VN-NTP", [TrustedKey(portal.public_key, Owner("Sở KH&CN Hà Tĩnh"),
...                                          gcp=("8931234",))],
...                      issued_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
>>> token = tl.sign(root)
>>> TrustList.load(token, root.public_key) == tl
True
>>> [k.kid for k in tl.candidates("01", "08931234567897")], tl.candidates("01", "08939999999994")
(['M54v-RdjBQc'], ())
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal, get_args

from vntrace.errors import SignatureError
from vntrace.findings import Finding
from vntrace.signing._keys import PublicKey, SigningKey, b64url, load_public_key, unb64url

__all__ = [
    "KEY_STATUSES",
    "KeyStatus",
    "Owner",
    "RevocationList",
    "TrustList",
    "TrustedKey",
    "stamp_hash",
]

KeyStatus = Literal["active", "retired", "revoked"]
"""Life-cycle state of a key in the trust list."""
KEY_STATUSES: tuple[KeyStatus, ...] = get_args(KeyStatus)

TRUSTLIST_SCHEMA: Final = "vntrace-trustlist/1"
REVOCATIONS_SCHEMA: Final = "vntrace-stamp-revocations/1"
_TRUSTLIST_TYP: Final = "vntrace-trustlist+jws"
_REVOCATIONS_TYP: Final = "vntrace-stamp-revocations+jws"
_DIGITS: Final = re.compile(r"[0-9]+")
_MAX_DOCUMENT: Final = 16 * 1024 * 1024  # characters; a real list is a few KB per key
# Where the GS1 Company Prefix starts in each primary key value (after an indicator digit,
# extension digit or leading pad digit); keys not listed start with the prefix.
_GCP_OFFSET: Final = {"00": 1, "01": 1, "8003": 1, "8006": 1}


def _f(code: str, **params: str | int) -> Finding:
    return Finding(f"SIGNING.{code}", params=params)


def _refuse(code: str, **params: str | int) -> SignatureError:
    # Problems inside a key entry name the key (counted from 1) under their own code.
    key = params.pop("key", 0)
    if key:
        code = code.replace("TRUSTLIST_", "TRUSTLIST_KEY_")
        params["key"] = key
    return SignatureError(_f(code, **params))


def stamp_hash(signature: bytes) -> bytes:
    """The revocation-list entry of a stamp: the first 16 bytes of SHA-256 of its signature.

    >>> stamp_hash(bytes(64)).hex()
    'f5a5fd42d16a20302798ef6ed309979b'
    """
    return hashlib.sha256(bytes(signature)).digest()[:16]


@dataclass(frozen=True, slots=True)
class Owner:
    """Who holds a key (shown to whoever verifies a stamp)."""

    name: str
    """Organisation name, e.g. ``"Sở KH&CN Hà Tĩnh"``."""
    gln: str | None = None
    """The holder's GLN, if known."""
    role: str | None = None
    """``"provincial-portal"``, ``"brand-owner"`` or another role word."""


@dataclass(frozen=True, slots=True)
class TrustedKey:
    """One key of a trust list with its holder, scope, validity and status."""

    public_key: PublicKey
    """The verification key."""
    owner: Owner
    """Who holds the private key."""
    gcp: tuple[str, ...] = ()
    """GS1 Company Prefixes the key may sign for (the longest matching prefix wins)."""
    gtin: tuple[str, ...] = ()
    """Single GTIN-14s the key may sign for (in addition to :attr:`gcp`)."""
    not_before: dt.date | None = None
    """First day (UTC) the key's stamps are valid; ``None`` = no limit."""
    not_after: dt.date | None = None
    """Last day (UTC) the key's stamps are valid; ``None`` = no limit."""
    status: KeyStatus = "active"
    """``active``, ``retired`` (stamps stay valid until ``not_after``) or ``revoked``."""
    revoked_at: dt.datetime | None = None
    """When a revoked key stopped being trusted (``None``: from the start)."""
    reason: str | None = None
    """Why the key was revoked or retired."""

    @property
    def kid(self) -> str:
        """The key id (design §5.4)."""
        return self.public_key.kid

    def to_json(self) -> dict[str, Any]:
        """The key as a trust-list JSON object."""
        owner: dict[str, Any] = {"name": self.owner.name}
        if self.owner.gln is not None:
            owner["gln"] = self.owner.gln
        if self.owner.role is not None:
            owner["role"] = self.owner.role
        return {
            "kid": self.kid,
            "alg": self.public_key.alg,
            "public_key_spki_b64": base64.b64encode(self.public_key.spki).decode("ascii"),
            "owner": owner,
            "scope": {"gcp": list(self.gcp), "gtin": list(self.gtin)},
            "not_before": None if self.not_before is None else self.not_before.isoformat(),
            "not_after": None if self.not_after is None else self.not_after.isoformat(),
            "status": self.status,
            "revoked_at": None if self.revoked_at is None else _iso(self.revoked_at),
            "reason": self.reason,
        }


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _utc(value: dt.datetime | None) -> dt.datetime:
    if value is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


_STATUS_RANK: Final = {"active": 0, "retired": 1, "revoked": 2}


@dataclass(frozen=True, slots=True)
class TrustList:
    """A versioned list of trusted stamp keys. Build with :meth:`build`, read with :meth:`load`."""

    issuer: str
    """Who publishes the list (``"VN-NTP"``)."""
    sequence: int
    """Version number; every change gives a higher one."""
    issued_at: dt.datetime
    """When this version was made (UTC)."""
    next_update: dt.datetime
    """When the next version is due; after it the list is stale (UTC)."""
    keys: tuple[TrustedKey, ...]
    """The keys, in list order."""
    _by_kid: Mapping[str, TrustedKey] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _found: dict[tuple[str, str], tuple[TrustedKey, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _by_gcp: tuple[tuple[int, ...], dict[str, tuple[TrustedKey, ...]]] | None = field(
        init=False, repr=False, compare=False, default=None
    )
    """Without GTIN lists: GCP lengths, longest first, and each GCP's candidates."""

    def __post_init__(self) -> None:
        by_kid: dict[str, TrustedKey] = {}
        for key in self.keys:
            if key.kid in by_kid:
                raise _refuse("TRUSTLIST_DUPLICATE_KID", kid=key.kid)
            by_kid[key.kid] = key
        object.__setattr__(self, "_by_kid", by_kid)
        if not any(key.gtin for key in self.keys):
            # candidates depend on the longest matching GCP alone: one dict lookup per length
            prefixes = {p for key in self.keys for p in key.gcp if p}
            by_gcp = {p: self._candidates("", p) for p in prefixes}
            lengths = tuple(sorted({len(p) for p in prefixes}, reverse=True))
            object.__setattr__(self, "_by_gcp", (lengths, by_gcp))

    @classmethod
    def build(
        cls,
        issuer: str,
        keys: Iterable[TrustedKey],
        *,
        sequence: int = 1,
        issued_at: dt.datetime | None = None,
        valid_for: dt.timedelta = dt.timedelta(days=7),
    ) -> TrustList:
        """A new list; ``next_update`` is ``issued_at + valid_for`` (default a week)."""
        at = _utc(issued_at)
        return cls(issuer, sequence, at, at + valid_for, tuple(keys))

    # -- changes (each gives the next version) ------------------------------------------------

    def _next(self, keys: tuple[TrustedKey, ...], issued_at: dt.datetime | None) -> TrustList:
        at = _utc(issued_at)
        return TrustList(
            self.issuer, self.sequence + 1, at, at + (self.next_update - self.issued_at), keys
        )

    def with_key(self, key: TrustedKey, *, issued_at: dt.datetime | None = None) -> TrustList:
        """The next version with ``key`` added (the new key of a rollover)."""
        return self._next((*self.keys, key), issued_at)

    def retire(
        self, kid: str, *, issued_at: dt.datetime | None = None, reason: str | None = None
    ) -> TrustList:
        """The next version with key ``kid`` retired (its stamps stay valid to ``not_after``)."""
        return self._change(kid, issued_at, status="retired", reason=reason)

    def revoke(
        self,
        kid: str,
        *,
        at: dt.datetime | None = None,
        reason: str | None = None,
        issued_at: dt.datetime | None = None,
    ) -> TrustList:
        """The next version with key ``kid`` revoked from ``at`` (default: from the start)."""
        revoked_at = None if at is None else _utc(at)
        return self._change(kid, issued_at, status="revoked", revoked_at=revoked_at, reason=reason)

    def _change(self, kid: str, issued_at: dt.datetime | None, **changes: Any) -> TrustList:
        if kid not in self._by_kid:
            raise _refuse("TRUSTLIST_NO_SUCH_KEY", kid=str(kid)[:20])
        keys = tuple(replace(k, **changes) if k.kid == kid else k for k in self.keys)
        return self._next(keys, issued_at)

    # -- lookups ------------------------------------------------------------------------------

    def find(self, kid: str) -> TrustedKey | None:
        """The key with id ``kid``, or ``None``."""
        return self._by_kid.get(kid)

    def is_stale(self, now: dt.datetime | None = None) -> bool:
        """``True`` after :attr:`next_update`."""
        return _utc(now) > self.next_update

    def candidates(self, key_ai: str, key_value: str) -> tuple[TrustedKey, ...]:
        """Keys that may have signed for this primary key: GTIN-list matches, then the keys of
        the longest matching GCP; active before retired before revoked."""
        if self._by_gcp is not None:
            lengths, by_gcp = self._by_gcp
            digits = key_value[_GCP_OFFSET.get(key_ai, 0) :]
            for length in lengths:
                found = by_gcp.get(digits[:length])
                if found is not None:
                    return found
            return ()
        cached = self._found.get((key_ai, key_value))
        if cached is not None:
            return cached
        result = self._candidates(key_ai, key_value)
        if len(self._found) < 4096:  # a list serves few products: cache them
            self._found[key_ai, key_value] = result
        return result

    def _candidates(self, key_ai: str, key_value: str) -> tuple[TrustedKey, ...]:
        found: list[TrustedKey] = []
        if key_ai == "01":
            found.extend(k for k in self.keys if key_value in k.gtin)
        digits = key_value[_GCP_OFFSET.get(key_ai, 0) :]
        best = 0
        for key in self.keys:
            for prefix in key.gcp:
                if len(prefix) > best and digits.startswith(prefix):
                    best = len(prefix)
        if best:
            found.extend(
                k
                for k in self.keys
                if k not in found and any(len(p) == best and digits.startswith(p) for p in k.gcp)
            )
        return tuple(sorted(found, key=lambda k: _STATUS_RANK[k.status]))

    # -- documents ----------------------------------------------------------------------------

    def to_json(self) -> str:
        """The unsigned JSON document (design §5.4 shape)."""
        doc = {
            "schema": TRUSTLIST_SCHEMA,
            "issuer": self.issuer,
            "sequence": self.sequence,
            "issued_at": _iso(self.issued_at),
            "next_update": _iso(self.next_update),
            "keys": [k.to_json() for k in self.keys],
        }
        return json.dumps(doc, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str | bytes) -> TrustList:
        """Read an *unsigned* document (strict: unknown or missing fields are refused).

        Only for documents you produced yourself; anything received goes through :meth:`load`.
        """
        doc = _json_object(text)
        _fields(doc, _TOP_FIELDS, "")
        if doc["schema"] != TRUSTLIST_SCHEMA:
            raise _refuse("TRUSTLIST_BAD_VALUE", field="schema", value=_short(doc["schema"]))
        raw_keys = doc["keys"]
        if not isinstance(raw_keys, list):
            raise _refuse("TRUSTLIST_BAD_VALUE", field="keys", value=_short(raw_keys))
        keys = tuple(_key_from_json(item, n) for n, item in enumerate(raw_keys, start=1))
        return cls(
            _text(doc, "issuer"),
            _count(doc, "sequence"),
            _time(doc, "issued_at"),
            _time(doc, "next_update"),
            keys,
        )

    def sign(self, root: SigningKey) -> str:
        """The list as a JWS compact serialisation signed with ``root`` (an ES256 key)."""
        return _jws_sign(self.to_json(), root, _TRUSTLIST_TYP)

    @classmethod
    def load(cls, token: str | bytes, root: PublicKey) -> TrustList:
        """Check the JWS with the root public key, then read the list strictly.

        Raises :class:`~vntrace.errors.SignatureError` (``SIGNING.TRUSTLIST_BAD_SIGNATURE``)
        for a tampered list or one signed by another key.
        """
        return cls.from_json(_jws_load(token, root, _TRUSTLIST_TYP))


_TOP_FIELDS: Final = frozenset({"schema", "issuer", "sequence", "issued_at", "next_update", "keys"})
_KEY_FIELDS: Final = frozenset(
    {
        "kid",
        "alg",
        "public_key_spki_b64",
        "owner",
        "scope",
        "not_before",
        "not_after",
        "status",
        "revoked_at",
        "reason",
    }
)
_OWNER_FIELDS: Final = frozenset({"name", "gln", "role"})
_SCOPE_FIELDS: Final = frozenset({"gcp", "gtin"})
_REVOCATION_FIELDS: Final = frozenset({"schema", "issuer", "issued_at", "expires", "hashes"})


def _short(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)[:40] if not isinstance(value, str) else value[:40]


def _json_object(text: str | bytes) -> dict[str, Any]:
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise _refuse("TRUSTLIST_UNREADABLE") from None
    if not isinstance(text, str) or len(text) > _MAX_DOCUMENT:
        raise _refuse("TRUSTLIST_UNREADABLE")
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise _refuse("TRUSTLIST_UNREADABLE") from None
    if not isinstance(doc, dict):
        raise _refuse("TRUSTLIST_UNREADABLE")
    return doc


def _no_constant(name: str) -> None:
    raise ValueError(name)


def _fields(obj: object, allowed: frozenset[str], where: str, key: int = 0) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise _refuse("TRUSTLIST_BAD_VALUE", field=where or "document", value=_short(obj), key=key)
    for name in sorted(obj):
        if name not in allowed:
            raise _refuse("TRUSTLIST_UNKNOWN_FIELD", field=where + str(name)[:40], key=key)
    for name in sorted(allowed):
        if name not in obj and not (where == "owner." and name != "name"):
            raise _refuse("TRUSTLIST_MISSING_FIELD", field=where + name, key=key)
    return obj


def _text(obj: Mapping[str, Any], name: str, where: str = "", key: int = 0) -> str:
    value = obj[name]
    if not isinstance(value, str) or not value:
        raise _refuse("TRUSTLIST_BAD_VALUE", field=where + name, value=_short(value), key=key)
    return value


def _opt_text(obj: Mapping[str, Any], name: str, where: str, key: int) -> str | None:
    if obj.get(name) is None:
        return None
    return _text(obj, name, where, key)


def _count(obj: Mapping[str, Any], name: str) -> int:
    value = obj[name]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _refuse("TRUSTLIST_BAD_VALUE", field=name, value=_short(value))
    return value


_TIME: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _time(obj: Mapping[str, Any], name: str, where: str = "", key: int = 0) -> dt.datetime:
    value = obj[name]
    if isinstance(value, str) and _TIME.fullmatch(value):
        try:
            return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        except ValueError:
            pass
    raise _refuse("TRUSTLIST_BAD_VALUE", field=where + name, value=_short(value), key=key)


def _date(obj: Mapping[str, Any], name: str, key: int) -> dt.date | None:
    value = obj[name]
    if value is None:
        return None
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _refuse("TRUSTLIST_BAD_VALUE", field=name, value=_short(value), key=key)


def _digit_list(obj: Mapping[str, Any], name: str, key: int, lengths: range) -> tuple[str, ...]:
    value = obj[name]
    if not isinstance(value, list):
        raise _refuse("TRUSTLIST_BAD_VALUE", field="scope." + name, value=_short(value), key=key)
    for item in value:
        if not isinstance(item, str) or not _DIGITS.fullmatch(item) or len(item) not in lengths:
            raise _refuse("TRUSTLIST_BAD_VALUE", field="scope." + name, value=_short(item), key=key)
    return tuple(value)


def _key_from_json(item: object, n: int) -> TrustedKey:
    obj = _fields(item, _KEY_FIELDS, "", n)
    owner_obj = _fields(obj["owner"], _OWNER_FIELDS, "owner.", n)
    scope_obj = _fields(obj["scope"], _SCOPE_FIELDS, "scope.", n)
    spki_text = _text(obj, "public_key_spki_b64", "", n)
    try:
        spki = base64.b64decode(spki_text, validate=True)
    except (binascii.Error, ValueError):
        raise _refuse(
            "TRUSTLIST_BAD_VALUE", field="public_key_spki_b64", value=spki_text[:40], key=n
        ) from None
    public = load_public_key(spki)
    if obj["alg"] != public.alg:
        raise _refuse("TRUSTLIST_BAD_VALUE", field="alg", value=_short(obj["alg"]), key=n)
    if obj["kid"] != public.kid:
        raise _refuse("TRUSTLIST_KID_MISMATCH", kid=_short(obj["kid"]), expected=public.kid, key=n)
    status = obj["status"]
    if status not in KEY_STATUSES:
        raise _refuse("TRUSTLIST_BAD_VALUE", field="status", value=_short(status), key=n)
    return TrustedKey(
        public_key=public,
        owner=Owner(
            _text(owner_obj, "name", "owner.", n),
            _opt_text(owner_obj, "gln", "owner.", n),
            _opt_text(owner_obj, "role", "owner.", n),
        ),
        gcp=_digit_list(scope_obj, "gcp", n, range(4, 13)),
        gtin=_digit_list(scope_obj, "gtin", n, range(14, 15)),
        not_before=_date(obj, "not_before", n),
        not_after=_date(obj, "not_after", n),
        status=status,
        revoked_at=None if obj["revoked_at"] is None else _time(obj, "revoked_at", "", n),
        reason=_opt_text(obj, "reason", "", n),
    )


# -- JWS ----------------------------------------------------------------------------------------


def _jws_sign(payload: str, root: SigningKey, typ: str) -> str:
    from joserfc import jws  # noqa: PLC0415 - lazy: import cost
    from joserfc.jwk import ECKey  # noqa: PLC0415

    if root.alg != "ES256":
        raise _refuse("ROOT_KEY_NOT_ES256", alg=root.alg)
    key = ECKey.import_key(root.private_pem())
    header = {"alg": "ES256", "typ": typ, "kid": root.kid}
    return jws.serialize_compact(header, payload.encode("utf-8"), key)


def _jws_load(token: str | bytes, root: PublicKey, typ: str) -> str:
    from joserfc import jws  # noqa: PLC0415
    from joserfc.errors import JoseError  # noqa: PLC0415
    from joserfc.jwk import ECKey  # noqa: PLC0415

    if root.alg != "ES256":
        raise _refuse("ROOT_KEY_NOT_ES256", alg=root.alg)
    if isinstance(token, bytes | bytearray):
        token = bytes(token).decode("ascii", "replace")
    if not isinstance(token, str) or len(token) > 2 * _MAX_DOCUMENT:
        raise _refuse("TRUSTLIST_UNREADABLE")
    token = token.strip()
    if token.count(".") != 2 or not all(unb64url(p) is not None for p in token.split(".")):
        raise _refuse("TRUSTLIST_UNREADABLE")
    key = ECKey.import_key(root.pem())
    try:
        obj = jws.deserialize_compact(token, key, algorithms=["ES256"])
    except JoseError as exc:
        if type(exc).__name__ == "BadSignatureError":
            raise _refuse("TRUSTLIST_BAD_SIGNATURE") from None
        raise _refuse("TRUSTLIST_UNREADABLE") from None
    except (ValueError, TypeError, KeyError):
        raise _refuse("TRUSTLIST_UNREADABLE") from None
    if obj.protected.get("typ") != typ:
        raise _refuse("TRUSTLIST_UNREADABLE")
    try:
        return bytes(obj.payload).decode("utf-8")
    except UnicodeDecodeError:
        raise _refuse("TRUSTLIST_UNREADABLE") from None


# -- stamp revocation ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RevocationList:
    """Revoked stamps, as the first 128 bits of SHA-256 of each signature (design §5.6).

    >>> rl = RevocationList.build("VN-NTP", [bytes(64)],
    ...                           issued_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    >>> rl.is_revoked(bytes(64)), rl.is_revoked(bytes(63) + b"\\x01")
    (True, False)
    """

    issuer: str
    """Who publishes the list."""
    issued_at: dt.datetime
    """When it was made (UTC)."""
    expires: dt.datetime
    """After this moment the list is stale (UTC)."""
    hashes: frozenset[bytes]
    """16-byte hashes of the revoked signatures (see :func:`stamp_hash`)."""

    @classmethod
    def build(
        cls,
        issuer: str,
        signatures: Iterable[bytes],
        *,
        issued_at: dt.datetime | None = None,
        valid_for: dt.timedelta = dt.timedelta(days=7),
    ) -> RevocationList:
        """A list revoking the stamps with these 64-byte ``signatures``."""
        at = _utc(issued_at)
        return cls(issuer, at, at + valid_for, frozenset(stamp_hash(s) for s in signatures))

    def is_revoked(self, signature: bytes) -> bool:
        """``True`` when the stamp with this signature is revoked."""
        return stamp_hash(signature) in self.hashes

    def is_stale(self, now: dt.datetime | None = None) -> bool:
        """``True`` after :attr:`expires`."""
        return _utc(now) > self.expires

    def to_json(self) -> str:
        """The unsigned JSON document (hashes base64url, sorted)."""
        doc = {
            "schema": REVOCATIONS_SCHEMA,
            "issuer": self.issuer,
            "issued_at": _iso(self.issued_at),
            "expires": _iso(self.expires),
            "hashes": sorted(b64url(h) for h in self.hashes),
        }
        return json.dumps(doc, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str | bytes) -> RevocationList:
        """Read an unsigned document strictly (see :meth:`TrustList.from_json`)."""
        doc = _fields(_json_object(text), _REVOCATION_FIELDS, "")
        if doc["schema"] != REVOCATIONS_SCHEMA:
            raise _refuse("TRUSTLIST_BAD_VALUE", field="schema", value=_short(doc["schema"]))
        raw = doc["hashes"]
        if not isinstance(raw, list):
            raise _refuse("TRUSTLIST_BAD_VALUE", field="hashes", value=_short(raw))
        hashes = set()
        for item in raw:
            value = unb64url(item) if isinstance(item, str) else None
            if value is None or len(value) != 16:
                raise _refuse("TRUSTLIST_BAD_VALUE", field="hashes", value=_short(item))
            hashes.add(value)
        return cls(
            _text(doc, "issuer"), _time(doc, "issued_at"), _time(doc, "expires"), frozenset(hashes)
        )

    def sign(self, root: SigningKey) -> str:
        """The list as a JWS compact serialisation signed with ``root`` (ES256)."""
        return _jws_sign(self.to_json(), root, _REVOCATIONS_TYP)

    @classmethod
    def load(cls, token: str | bytes, root: PublicKey) -> RevocationList:
        """Check the JWS with the root public key, then read the list strictly."""
        return cls.from_json(_jws_load(token, root, _REVOCATIONS_TYP))
