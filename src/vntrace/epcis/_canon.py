"""The pre-hash string of one event: the normalisation and canonical order behind :mod:`hashing`.

Private. :mod:`vntrace.epcis.hashing` documents the algorithm and owns the public API (argument
checks, digests, files); this module holds the per-event work, which is most of the run time.
It is compiled with mypyc where the build can (see ``setup.py``) and stays plain Python
otherwise: both run the same source, and the test suite runs against both.

Written for the compiler as much as for the reader: every function takes only values the
public layer has checked (a wrong type would be a ``TypeError`` from compiled code, never a
finding), and nothing recurses without a depth bound (compiled code has no recursion limit and
would overflow the C stack instead of raising ``RecursionError``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Final, Literal

from vntrace.epcis import _epcfast, cbv
from vntrace.epcis import epc as _epc
from vntrace.epcis._epcfast import _clear_memo, _fast_dl, _urn_fast
from vntrace.epcis.epc import canonical_dl
from vntrace.errors import EpcisError, InvalidFormat
from vntrace.findings import Finding

HashProfile = Literal["cbv2.0", "openepcis-2025"]  # documented in vntrace.epcis.hashing

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
            try:  # the wall clock moved to UTC; date.isoformat always writes a 4-digit year
                utc = value - offset
            except OverflowError:
                pass  # the general path below keeps the value as written
            else:
                return (
                    utc.date().isoformat()
                    + _CLOCK_T[utc.hour * 60 + utc.minute]
                    + _SECOND[utc.second]
                    + _MILLIS_Z[utc.microsecond // 1000]
                )
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


_CLOCK_T: Final = tuple(f"T{m // 60:02d}:{m % 60:02d}" for m in range(1440))
_SECOND: Final = tuple(f":{s:02d}" for s in range(60))
_MILLIS_Z: Final = tuple(f".{ms:03d}Z" for ms in range(1000))
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
    year, month, day, hour, minute, second, frac, zone = m.groups("")
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
    """See :func:`vntrace.epcis.hashing.clear_caches`."""
    _URI_MEMO.cache_clear()
    _TIME_MEMO.cache_clear()
    _clear_memo()


class _NoMemo(dict[str, str]):
    """A memo that never remembers (for ``_epcfast._GTIN_MEMO`` while memos are off)."""

    def __setitem__(self, key: str, value: str) -> None:
        pass


def _use_memos(*, enabled: bool) -> None:
    """Switch the memoised conversions on (default) or off, for benchmarks: with memos off,
    every identifier and timestamp of every event is converted afresh."""
    global _uri, _time_text  # noqa: PLW0603
    _uri = _URI_MEMO if enabled else _uri_once
    _time_text = _TIME_MEMO if enabled else _time_text_once
    clear_caches()
    _epcfast._GTIN_MEMO = {} if enabled else _NoMemo()  # noqa: SLF001


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


def _ext(name: str, value: Any, ctx: _Ctx, out: list[str], depth: int = 0) -> None:
    """Append the pre-hash strings of extension ``name`` (Clark) with ``value`` to ``out``."""
    if depth > _MAX_DEPTH:
        raise EpcisError(Finding("EPCIS.IO_TOO_DEEP"))
    if isinstance(value, (list, tuple)):
        for item in value:
            _ext(name, item, ctx, out, depth + 1)
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
                _ext(ctx.key(k), v, ctx, children, depth + 1)
        children.sort()
        out.append(head + "".join(children))
        return
    if value is None:
        out.append(name)
        return
    text = _ext_value(value)
    out.append(f"{name}={text}" if text else name)


_MAX_DEPTH: Final = 500
"""Deepest extension nesting hashed (lists count): the JSON and XML readers stop earlier, and
compiled code has no recursion limit to stop a hostile ``dict`` before the C stack ends."""


def _model_extensions(value: Any, ctx: _Ctx, out: list[str]) -> None:
    """The extension strings of a model's ``extensions`` dict (keys already expanded)."""
    if isinstance(value, dict):
        for ek, ev in value.items():
            if ek in _SKIP_KEYS:
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
            # across events), then only the serial is checked (the SGTIN rules of _epcfast._fast_dl)
            cut = text.find(".", text.find(".", 17) + 1)
            if cut > 0:
                key = text[17:cut]
                head = heads.get(key)
                if head is None:
                    head = heads[key] = _sgtin_head(key)
                serial = text[cut + 1 :]
                if head and 0 < len(serial) <= _SERIAL_MAX and _epcfast.safe_serial(serial):
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


def _sgtin_head(key: str) -> str:
    """``"epc=https://id.gs1.org/01/<GTIN-14>/21/"`` for an SGTIN's ``gcp.itemref``, else ``""``."""
    if len(key) != _GTIN_KEY_LENGTH or _GCP_ITEMREF.fullmatch(key) is None:
        return ""
    gcp, _, ref = key.partition(".")
    body = ref[0] + gcp + ref[1:]
    return "epc=https://id.gs1.org/01/" + body + _epcfast.check_digit(body) + "/21/"


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
_Step = tuple[int, str, _Handler, Callable[[str], str | None] | None]
_Plan = dict[str, _Step]
_MODEL_CLASSES: dict[type, _Plan | None] = {}
"""Per model class: attribute → (canonical rank, EPCIS name, handler, string fast path), or
``None`` when the class has fields this walker does not know (then the event is dumped and read
as a mapping)."""


def _model_plan(cls: type) -> _Plan | None:
    plan = _MODEL_CLASSES.get(cls, False)
    if plan is not False:
        return plan  # type: ignore[return-value]
    fields = getattr(cls, "model_fields", None)
    known = set(_MODEL_ATTRS.values()) | _MODEL_IGNORED
    if fields is None or not set(fields) <= known:
        plan = None
    else:
        plan = {
            attr: (
                _EVENT_FIELDS[name][0],
                name,
                _MODEL_SPECIAL.get(name, _EVENT_HANDLERS[name]),
                _STRING_FAST.get(name),
            )
            for name, attr in _MODEL_ATTRS.items()
            if attr in fields
        }
    _MODEL_CLASSES[cls] = plan
    return plan


def _prehash_model(event: Any, plan: _Plan, ctx: _Ctx) -> str:
    d: dict[str, Any] = event.__dict__
    slots = [""] * _N_FIELDS
    tail: list[str] = []
    fields = ctx.fields
    every = fields is _EVENT_FIELDS  # the default profile hashes every field of the plan
    # the event's attributes, most of them None, in one pass; slots keep the canonical order
    for attr, value in d.items():
        if value is None:
            continue
        step = plan.get(attr)
        if step is None:
            continue  # type, eventID, recordTime, errorDeclaration, extensions
        rank, name, handler, fast = step
        if not every and name not in fields:
            continue
        if type(value) is datetime:  # eventTime: the leaf itself, not the field's closures
            slots[rank] = name + "=" + _time(value)
            continue
        if fast is not None and type(value) is str:
            text = fast(value.strip())
            if text is not None:
                if text:
                    slots[rank] = name + "=" + text
                continue
        std, block = handler(name, value, ctx)
        slots[rank] = std
        if block:
            tail.append(block)
    extensions = d["extensions"]
    if extensions:
        _model_extensions(extensions, ctx, tail)
    if tail:
        tail.sort()
        slots.extend(tail)
    etype: str = d["type"]
    return "eventType=" + etype + "".join(slots)


def sha256_model(event: Any, plan: _Plan) -> str:
    """The default hash ID (CBV 2.0, SHA-256, profile ``cbv2.0``) of a model event of ``plan``."""
    pre = _prehash_model(event, plan, _model_ctx(v21=False, profile="cbv2.0"))
    return "ni:///sha-256;" + hashlib.sha256(_utf8(pre)).hexdigest() + "?ver=CBV2.0"


def context_prefixes(context: Any) -> dict[str, str]:
    """See :func:`vntrace.epcis.hashing.context_prefixes`."""
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


def _utf8(pre: str) -> bytes:
    try:
        return pre.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: no UTF-8 form, so no hash
        finding = Finding("EPCIS.HASH_NOT_UTF8", params={"position": exc.start})
        raise InvalidFormat(finding) from None


_EVENT_TYPES: Final = frozenset(
    {
        "ObjectEvent",
        "AggregationEvent",
        "TransactionEvent",
        "TransformationEvent",
        "AssociationEvent",
    }
)
