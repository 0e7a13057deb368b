"""Signed stamps: add a signature in AI (8030) to a carrier, and check one offline.

Profile ``vntrace-raw64-v1`` (design §5): the signature covers the canonical element string of
everything in the carrier except (8030) (:func:`~vntrace.signing.canonical_bytes`), not the URI,
so the resolver domain, the order of URI parameters and non-GS1 parameters do not matter, and
the same signature works in a GS1 DataMatrix. It is a 64-byte Ed25519 or raw ES256 signature,
written as 86 characters of unpadded base64url.

>>> from vntrace.signing import SigningKey
>>> key = SigningKey.from_raw("Ed25519", bytes(32))
>>> uri = sign_stamp("https://id.gs1.org/01/08931234567897/10/LO2406A/21/K7Q2M9X4P1?17=270630",
...                  key)
>>> len(uri.partition("&8030=")[2])
86
>>> now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
>>> verify_stamp(uri, [key.public_key], now=now).status
'valid'
>>> moved = uri.replace("https://id.gs1.org", "https://truyxuat.hatinh.gov.vn/tem")
>>> verify_stamp(moved, [key.public_key], now=now).status
'valid'
>>> verify_stamp(uri.replace("LO2406A", "LO2406B"), [key.public_key], now=now).status
'invalid-signature'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, TypeVar, cast, get_args

from vntrace.errors import GS1Error, SignatureError
from vntrace.findings import Finding, Location, Severity
from vntrace.gs1 import ai as _ai
from vntrace.gs1 import digital_link as _dl
from vntrace.gs1 import element_string as _es
from vntrace.signing import hazmat
from vntrace.signing._carrier import (
    DIGSIG,
    Carrier,
    StampFailure,
    canonical_elements,
    read_carrier,
    read_stamp,
)
from vntrace.signing._keys import PublicKey, SigningKey, b64url, unb64url
from vntrace.signing.hazmat import _check_of
from vntrace.signing.trustlist import Owner, RevocationList, TrustedKey, TrustList

__all__ = ["PROFILE", "STATUSES", "Status", "Verification", "sign_stamp", "verify_stamp"]

PROFILE: Final = "vntrace-raw64-v1"
"""The name of the signature profile this module writes and reads."""

Status = Literal[
    "valid",
    "invalid-signature",
    "unknown-key",
    "key-revoked",
    "key-expired",
    "trust-list-stale",
    "stamp-revoked",
    "malformed-8030",
    "unsupported-profile",
    "syntax-error",
    "no-signature",
]
"""Outcome of :func:`verify_stamp` (design §5.5)."""
STATUSES: tuple[Status, ...] = get_args(Status)

_SIGNATURE_CHARS: Final = 86


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of :func:`verify_stamp`."""

    status: Status
    """``"valid"`` or the reason the stamp cannot be trusted."""
    kid: str | None = None
    """The id of the key whose signature matched (also for revoked or expired keys)."""
    owner: Owner | None = None
    """Who holds that key, when the trust list says."""
    findings: tuple[Finding, ...] = ()
    """What was found: the reason for the status, plus warnings such as an expired (17)."""

    @property
    def valid(self) -> bool:
        """``True`` for status ``valid``. It means a genuine stamp exists, not that this item
        is genuine: a copied stamp verifies too (see :mod:`vntrace.signing.scanlog`)."""
        return self.status == "valid"


def _f(code: str, severity: Severity = Severity.ERROR, **params: str | int) -> Finding:
    return Finding(f"SIGNING.{code}", severity, params, Location(field=DIGSIG))


# -- signing ------------------------------------------------------------------------------------


def _refusal(failure: StampFailure) -> SignatureError | GS1Error:
    if failure.status == "syntax-error":
        return GS1Error(failure.finding)
    return SignatureError(failure.finding)


def _needs_serial(finding: Finding) -> bool:
    return finding.code in {"GS1.REQUIRED_AIS_NOT_SATISFIED", "GS1.SERIAL_NOT_PRESENT"}


def sign_stamp(carrier: str | _es.ElementString | _dl.DigitalLink, signing_key: SigningKey) -> str:
    """The carrier with its (8030) signature added, in the same form.

    A Digital Link URI gets ``?8030=…`` or ``&8030=…`` (before any ``#fragment``); an element
    string gets ``(8030)…`` (bracketed), ``^8030…`` (caret) or a GS-separated ``8030…``; a parsed
    :class:`~vntrace.gs1.element_string.ElementString` comes back bracketed and a
    :class:`~vntrace.gs1.digital_link.DigitalLink` as its URI. Nothing else in the carrier is
    changed.

    Refuses (:class:`~vntrace.errors.SignatureError`) a carrier that (8030) may not join: one
    without an instance-level key (a GTIN needs a serial, ``SIGNING.NEEDS_SERIAL``) or one that
    is already signed; GS1-invalid carriers raise :class:`~vntrace.errors.GS1Error`.

    >>> from vntrace.signing import SigningKey
    >>> key = SigningKey.from_raw("Ed25519", bytes(32))
    >>> sign_stamp("(01)08931234567897(21)K7Q2M9X4P1", key)[:40]
    '(01)08931234567897(21)K7Q2M9X4P1(8030)m1'
    >>> sign_stamp("https://id.gs1.org/01/08931234567897/10/LO2406A", key)
    Traceback (most recent call last):
    ...
    vntrace.errors.SignatureError: SIGNING.NEEDS_SERIAL: ...
    """
    if not isinstance(signing_key, SigningKey):
        raise SignatureError(_f("NOT_A_SIGNING_KEY", type=type(signing_key).__name__))
    try:
        read = read_carrier(carrier)
    except StampFailure as failure:
        if failure.status == "syntax-error" and _needs_serial(failure.finding):
            raise SignatureError(_f("NEEDS_SERIAL")) from None
        raise _refusal(failure) from None
    if read.signature is not None:
        raise SignatureError(_f("ALREADY_SIGNED"))
    try:
        message = canonical_elements(read.elements)
    except StampFailure as failure:
        raise _refusal(failure) from None
    value = b64url(hazmat.sign(signing_key, message))
    signed = _attach(carrier, read, value)
    try:
        check = read_carrier(signed)
    except StampFailure as failure:
        if _needs_serial(failure.finding):
            raise SignatureError(_f("NEEDS_SERIAL")) from None
        raise _refusal(failure) from None
    if check.signature != value:  # cannot happen: (8030) must read back exactly
        raise SignatureError(_f("ALREADY_SIGNED"))
    return signed


def _attach(carrier: object, read: Carrier, value: str) -> str:
    if isinstance(carrier, _dl.DigitalLink):
        carrier = carrier.uri()
    elif isinstance(carrier, _es.ElementString):
        carrier = carrier.bracketed()
    assert isinstance(carrier, str)
    if read.kind == "digital_link":
        head, hash_mark, fragment = carrier.partition("#")
        if "?" not in head:
            head += "?"
        elif not head.endswith(("?", "&")):
            head += "&"
        return f"{head}{DIGSIG}={value}{hash_mark}{fragment}"
    if carrier.startswith("("):
        return f"{carrier}({DIGSIG}){value}"
    last = _ai.lookup(read.elements[-1].ai) if read.elements else None
    fixed = last is not None and last.predefined_length
    if carrier.startswith("^"):
        return f"{carrier}{'' if fixed else '^'}{DIGSIG}{value}"
    return f"{carrier}{'' if fixed else _es.GS}{DIGSIG}{value}"


# -- verification -------------------------------------------------------------------------------


def _pinned(ignored: tuple[str, ...]) -> str | None:
    for param in ignored:
        name, _, value = param.partition("=")
        if name == "vk":
            return value
    return None


@lru_cache(maxsize=4096)
def _expired(value: str, today: dt.date) -> tuple[Finding, ...]:
    # cached: a day of scans has at most a few thousand distinct expiry dates (a (17) is a day
    # of the calendar), and the stamps of one lot share theirs
    try:
        expiry = _ai.interpret("17", value, today=today)
    except (ValueError, TypeError):
        return ()
    if isinstance(expiry, dt.date) and expiry < today:
        params = {"expiry": expiry.isoformat(), "today": today.isoformat()}
        return (Finding("SIGNING.PRODUCT_EXPIRED", Severity.WARNING, params, Location(field="17")),)
    return ()


def _fail(
    status: Status, finding: Finding, key: TrustedKey | PublicKey | None = None
) -> Verification:
    if isinstance(key, TrustedKey):
        return Verification(status, key.kid, key.owner, (finding,))
    return Verification(status, None if key is None else key.kid, None, (finding,))


_T = TypeVar("_T")


def _as_tuple(value: object, kind: type[_T], code: str) -> tuple[_T, ...]:
    """``value`` (one ``kind``, ``None`` or an iterable of ``kind``) as a tuple, else refused."""
    if value is None:
        return ()
    if isinstance(value, kind):
        return (value,)
    try:
        items = tuple(cast("Iterable[object]", value))
    except TypeError:
        raise SignatureError(_f(code, type=type(value).__name__)) from None
    checked: list[_T] = []
    for item in items:
        if not isinstance(item, kind):
            raise SignatureError(_f(code, type=type(item).__name__))
        checked.append(item)
    return tuple(checked)


def verify_stamp(
    carrier: object,
    trust: TrustList | Sequence[PublicKey],
    *,
    now: dt.datetime | None = None,
    revoked: RevocationList | Iterable[RevocationList] | None = None,
) -> Verification:
    """Check the (8030) signature of a stamp offline; never raises for a bad carrier.

    ``trust`` is a :class:`~vntrace.signing.TrustList` (keys chosen by the GTIN's company
    prefix or GTIN list, then status and validity dates checked) or plain public keys (all
    tried, no dates). ``revoked`` adds stamp revocation lists. ``now`` defaults to the current
    time (a naive value is read as UTC). The first check that fails gives the status, in this
    order: ``syntax-error`` / ``malformed-8030`` / ``no-signature`` / ``unsupported-profile``
    (reading), ``trust-list-stale``, ``unknown-key``, ``invalid-signature``, ``key-revoked``,
    ``key-expired``, ``stamp-revoked``; otherwise ``valid``. A (8030) of a length other than 86
    characters may be another profile (GS1 DigSig): ``unsupported-profile``, never ``invalid``.

    >>> verify_stamp("https://id.gs1.org/01/08931234567897/21/K7?8030=AB:C", []).status
    'malformed-8030'
    >>> verify_stamp("(01)08931234567897(21)K7(8030)AAAA", []).status
    'unsupported-profile'
    >>> verify_stamp("(01)08931234567897(21)K7", []).status
    'no-signature'
    """
    moment = (
        dt.datetime.now(dt.UTC)
        if now is None
        else (now if now.tzinfo is not None else now.replace(tzinfo=dt.UTC))
    )
    try:
        read = read_stamp(carrier)
    except StampFailure as failure:
        return Verification(failure.status, findings=(failure.finding,))  # type: ignore[arg-type]
    business = () if read.expiry is None else _expired(read.expiry, moment.date())
    text = read.signature
    if text is None:
        return Verification("no-signature", findings=(_f("NO_SIGNATURE"), *business))
    if len(text) != _SIGNATURE_CHARS:
        return Verification(
            "unsupported-profile",
            findings=(
                _f("UNSUPPORTED_PROFILE", length=len(text), expected=_SIGNATURE_CHARS),
                *business,
            ),
        )
    signature = unb64url(text)
    if signature is None:
        return Verification("malformed-8030", findings=(_f("NOT_BASE64URL"), *business))
    lists = () if revoked is None else _as_tuple(revoked, RevocationList, "NOT_A_REVOCATION_LIST")
    if isinstance(trust, TrustList):
        if moment > trust.next_update:  # TrustList.is_stale, moment being aware
            return Verification(
                "trust-list-stale",
                findings=(_f("TRUST_LIST_STALE", next_update=trust.next_update.isoformat()),),
            )
        candidates: tuple[TrustedKey | PublicKey, ...] = trust.candidates(*read.key)
    else:
        if trust is None:
            raise SignatureError(_f("NOT_A_PUBLIC_KEY", type="NoneType"))
        candidates = _as_tuple(trust, PublicKey, "NOT_A_PUBLIC_KEY")
    for rl in lists:
        if rl.is_stale(moment):
            return Verification(
                "trust-list-stale",
                findings=(_f("TRUST_LIST_STALE", next_update=rl.expires.isoformat()),),
            )
    pinned = _pinned(read.ignored) if read.ignored else None
    if pinned is not None:
        candidates = tuple(k for k in candidates if k.kid == pinned)
    if not candidates:
        key_ai, key_value = read.key
        return Verification(
            "unknown-key", findings=(_f("UNKNOWN_KEY", ai=key_ai, value=key_value), *business)
        )
    # 86 canonical base64url characters are 64 bytes: the checks of hazmat.verify hold
    for cand in candidates:
        public = cand.public_key if isinstance(cand, TrustedKey) else cand
        if _check_of(public)(signature, read.message):
            break
    else:
        return Verification("invalid-signature", findings=(_f("INVALID_SIGNATURE"), *business))
    if isinstance(cand, TrustedKey):
        if cand.status == "revoked" and (cand.revoked_at is None or moment >= cand.revoked_at):
            return _fail(
                "key-revoked", _f("KEY_REVOKED", kid=cand.kid, reason=cand.reason or "—"), cand
            )
        today = moment.date()
        if (cand.not_before is not None and today < cand.not_before) or (
            cand.not_after is not None and today > cand.not_after
        ):
            return _fail(
                "key-expired",
                _f(
                    "KEY_EXPIRED",
                    kid=cand.kid,
                    not_before=cand.not_before.isoformat() if cand.not_before else "—",
                    not_after=cand.not_after.isoformat() if cand.not_after else "—",
                ),
                cand,
            )
    for rl in lists:
        if rl.is_revoked(signature):
            return _fail("stamp-revoked", _f("STAMP_REVOKED", issuer=rl.issuer), cand)
    owner = cand.owner if isinstance(cand, TrustedKey) else None
    return _valid(cand.kid, owner, business)


# The result of every valid stamp, made without the frozen dataclass ``__init__`` (one
# ``object.__setattr__`` per field costs as much as parsing the URI), and shared by the stamps of
# one key, owner and warnings (results are immutable). Kept by the ids of the owner and of the
# warnings tuple, both held by the entry (so neither id can be reused while it is kept) and
# compared by identity.
_set_fields = tuple(
    vars(Verification)[name].__set__ for name in ("status", "kid", "owner", "findings")
)
_VALID: dict[tuple[str, int, int], tuple[Owner | None, tuple[Finding, ...], Verification]] = {}
_VALID_LIMIT: Final = 1024


def _valid(kid: str, owner: Owner | None, findings: tuple[Finding, ...]) -> Verification:
    key = (kid, id(owner), id(findings))
    kept = _VALID.get(key)
    if kept is not None and kept[0] is owner and kept[1] is findings:
        return kept[2]
    result = object.__new__(Verification)
    set_status, set_kid, set_owner, set_findings = _set_fields
    set_status(result, "valid")
    set_kid(result, kid)
    set_owner(result, owner)
    set_findings(result, findings)
    if len(_VALID) >= _VALID_LIMIT:
        _VALID.clear()
    _VALID[key] = (owner, findings, result)
    return result
