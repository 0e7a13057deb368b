"""The GS1 Application Identifier table and the typed meaning of AI values.

The table is generated from the GS1 Barcode Syntax Dictionary (release 2026-01-27) by
``scripts/gen_aitable.py`` into :mod:`vntrace.gs1._aitable`; this module turns its rows into
frozen :class:`AIEntry` objects.

>>> gtin = lookup("01")
>>> gtin.title, gtin.predefined_length, gtin.min_length, gtin.max_length
('GTIN', True, 14, 14)
>>> gtin.components[0]
Component(type='N', min_length=14, max_length=14, optional=False, linters=('csum', 'gcppos2'))
>>> lookup("10").req
((('01',), ('02',), ('03',), ('8006',), ('8026',)),)
>>> len(entries), length_by_prefix("80"), length_by_prefix("89")
(541, 4, None)
>>> interpret("3103", "000750")
Decimal('0.750')
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from vntrace.errors import GS1Error
from vntrace.findings import Finding
from vntrace.gs1 import _aitable

if TYPE_CHECKING:
    from vntrace.gs1.options import Options

__all__ = [
    "NO_TIME",
    "NO_TIME_AIS",
    "AIEntry",
    "Component",
    "Coordinates",
    "DateRange",
    "Money",
    "PieceOfTotal",
    "Temperature",
    "entries",
    "interpret",
    "length_by_prefix",
    "lookup",
    "matches",
    "vivify",
]

#: Title of vivified (unknown, accepted) AIs, as the reference engine prints it.
UNKNOWN_TITLE = "UNKNOWN"

SOURCE = _aitable.SOURCE
"""Where the table comes from."""
RELEASE = _aitable.RELEASE
"""The Syntax Dictionary release the table was generated from (``2026-01-27``)."""


@dataclass(frozen=True, slots=True)
class Component:
    """One component of an AI value (a ``N13,csum,gcppos1``-style token of the dictionary)."""

    type: str
    """``N`` (digits), ``X`` (CSET 82), ``Y`` (CSET 39) or ``Z`` (CSET 64)."""
    min_length: int
    """Minimum length (equal to ``max_length`` for fixed-length components)."""
    max_length: int
    """Maximum length."""
    optional: bool
    """``True`` for ``[...]`` components, which may be absent once the data is used up."""
    linters: tuple[str, ...]
    """Names of the linters that run after the character-set check, in dictionary order."""


@dataclass(frozen=True, slots=True)
class AIEntry:
    """One Application Identifier of the Syntax Dictionary."""

    ai: str
    """The AI digits (``"01"``, ``"3103"``)."""
    title: str
    """The data title (``"GTIN"``, ``"BATCH/LOT"``); ``"UNKNOWN"`` for vivified AIs."""
    predefined_length: bool
    """``*`` flag: no FNC1 separator is needed after this AI."""
    dl_data_attribute: bool
    """``?`` flag: the AI may be a GS1 Digital Link URI query attribute."""
    components: tuple[Component, ...]
    """The components of the value, in order."""
    req: tuple[tuple[tuple[str, ...], ...], ...]
    """``req=`` instances; each a tuple of alternatives; each alternative a ``+`` group of refs."""
    ex: tuple[str, ...]
    """``ex=`` refs: AIs that may not appear together with this one."""
    dlpkey: tuple[tuple[str, ...], ...] | None
    """``None`` unless a DL primary key; then the qualifier sequences (``()`` = key alone)."""
    min_length: int
    """Sum of the minimum lengths of the mandatory components."""
    max_length: int
    """Sum of the maximum lengths of all components."""
    vivified: bool = False
    """``True`` for an unknown AI accepted by :func:`vivify` (``permit_unknown_ais``)."""


def _entry(row: _aitable._Row) -> AIEntry:
    ai, title, predefined, dl_attr, comps, req, ex, dlpkey = row
    components = tuple(Component(*c) for c in comps)
    return AIEntry(
        ai=ai,
        title=title,
        predefined_length=predefined,
        dl_data_attribute=dl_attr,
        components=components,
        req=req,
        ex=ex,
        dlpkey=dlpkey,
        min_length=sum(c.min_length for c in components if not c.optional),
        max_length=sum(c.max_length for c in components),
    )


entries: tuple[AIEntry, ...] = tuple(_entry(r) for r in _aitable.ROWS)
"""All 541 AIs of the dictionary, in AI order."""

_BY_AI: dict[str, AIEntry] = {e.ai: e for e in entries}
_PREFIX_LENGTHS: dict[str, int] = dict(_aitable.PREFIX_LENGTHS)
_DIGITS = frozenset("0123456789")


def lookup(ai: str) -> AIEntry | None:
    """The entry of ``ai`` (exact match), or ``None``.

    >>> lookup("17").title
    'USE BY or EXPIRY'
    >>> lookup("011") is None
    True
    """
    return _BY_AI.get(ai) if isinstance(ai, str) else None


def length_by_prefix(two_digits: str) -> int | None:
    """The AI length fixed by the first two digits, or ``None`` where no AI exists.

    >>> [length_by_prefix(p) for p in ("01", "41", "31", "05")]
    [2, 3, 4, None]
    """
    return _PREFIX_LENGTHS.get(two_digits) if isinstance(two_digits, str) else None


def matches(ref: str, ai: str) -> bool:
    """Whether ``ai`` matches a ``req=``/``ex=`` ref (``n`` = any one character, equal lengths).

    >>> matches("31nn", "3103"), matches("394n", "3941"), matches("31nn", "310")
    (True, True, False)
    """
    if len(ref) != len(ai):
        return False
    return all(r in ("n", a) for r, a in zip(ref, ai, strict=True))


_VIVIFIED_X90 = (Component("X", 1, 90, optional=False, linters=()),)
_VIVIFIED_X13 = (Component("X", 13, 13, optional=False, linters=()),)
_VIVIFIED_X6 = (Component("X", 6, 6, optional=False, linters=()),)
_MEASURE_PREFIXES = frozenset({"31", "32", "33", "34", "35", "36"})


def vivify(ai: str, options: Options) -> AIEntry | None:
    """An entry for an AI missing from the dictionary, if ``options.permit_unknown_ais`` allows.

    Rules (as GS1's Barcode Syntax Engine applies them): the AI is 2–4 ASCII digits; no known
    AI may be a prefix of it; where
    the first two digits fix an AI length, the length must match. The entry is ``X1..90`` without
    linters or attributes and needs an FNC1 separator, except a 3-digit AI under prefix ``41``
    (fixed ``X13``) and a 4-digit AI under ``31``–``36`` (fixed ``X6``), both predefined-length.
    Its title is ``UNKNOWN``; ``dl_data_attribute`` is ``not options.unknown_ai_not_dl_attr``.
    A known AI returns its own entry.

    >>> from vntrace.gs1.options import Options
    >>> vivify("89", Options()) is None
    True
    >>> e = vivify("89", Options(permit_unknown_ais=True))
    >>> e.title, e.max_length, e.predefined_length, e.vivified
    ('UNKNOWN', 90, False, True)
    >>> vivify("418", Options(permit_unknown_ais=True)).components[0].max_length
    13
    >>> opts = Options(permit_unknown_ais=True)
    >>> [vivify(a, opts) is None for a in ("011", "2345", "236", "0456")]
    [True, True, False, False]
    """
    known = _BY_AI.get(ai)
    if known is not None:
        return known
    if not options.permit_unknown_ais:
        return None
    if not 2 <= len(ai) <= 4 or not _DIGITS.issuperset(ai):
        return None
    if any(ai[:k] in _BY_AI for k in range(2, len(ai))):
        return None
    prefix = ai[:2]
    want = _PREFIX_LENGTHS.get(prefix)
    if want is not None and want != len(ai):
        return None
    if prefix == "41" and len(ai) == 3:
        comps, fixed = _VIVIFIED_X13, True
    elif prefix in _MEASURE_PREFIXES and len(ai) == 4:
        comps, fixed = _VIVIFIED_X6, True
    else:
        comps, fixed = _VIVIFIED_X90, False
    return AIEntry(
        ai=ai,
        title=UNKNOWN_TITLE,
        predefined_length=fixed,
        dl_data_attribute=not options.unknown_ai_not_dl_attr,
        components=comps,
        req=(),
        ex=(),
        dlpkey=None,
        min_length=comps[0].min_length,
        max_length=comps[0].max_length,
        vivified=True,
    )


# --------------------------------------------------------------------------------------------
# Typed meaning


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date range such as AI (7007) ``YYMMDD[YYMMDD]`` with both dates given."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in an ISO 4217 currency (AIs 391n, 393n)."""

    currency: str
    """ISO 4217 numeric code, e.g. ``"704"`` (Vietnamese đồng)."""
    amount: Decimal
    alpha: str | None = None
    """ISO 4217 alphabetic code, e.g. ``"VND"``; ``None`` for a numeric code ISO 4217 does not
    list (the table is generated from pycountry by ``scripts/gen_currencies.py``)."""


@dataclass(frozen=True, slots=True)
class PieceOfTotal:
    """AI (8006)/(8026): a GTIN of the whole, with the piece number and the total pieces."""

    gtin: str
    piece: int
    total: int


@dataclass(frozen=True, slots=True)
class Coordinates:
    """AI (4309): latitude and longitude in decimal degrees (WGS 84)."""

    latitude: Decimal
    longitude: Decimal


@dataclass(frozen=True, slots=True)
class Temperature:
    """AIs (4330)–(4333): a temperature with two implied decimals (unit by AI: °F or °C)."""

    value: Decimal
    unit: str
    """``"F"`` or ``"C"``."""


Interpreted = (
    str
    | int
    | Decimal
    | dt.date
    | dt.datetime
    | DateRange
    | Money
    | PieceOfTotal
    | Coordinates
    | Temperature
)

_YYMMDD_AIS = frozenset({"11", "12", "13", "15", "16", "17", "4326", "7006"})
_COUNT_AIS = frozenset({"30", "37", "8111"})
_DECIMAL_PREFIXES = frozenset({str(p) for p in range(310, 370)} | {"390", "392", "394", "395"})
_MONEY_PREFIXES = frozenset({"391", "393"})
# AIs (4324) and (4325): "9999" in place of HHMM means "no time" (GS1 General Specifications,
# definitions of AIs 4324/4325): the value is a date.
NO_TIME_AIS: Final = frozenset({"4324", "4325"})
NO_TIME: Final = "9999"
_ALL_DIGITS = str.maketrans("", "", "0123456789")


def _digits(text: str) -> bool:
    return bool(text) and not text.translate(_ALL_DIGITS)


def _century(yy: int, today: dt.date) -> int:
    """GS1 General Specifications 7.12: the year lies within -49..+50 years of today's year."""
    year = today.year - today.year % 100 + yy
    diff = year - today.year
    if diff > 50:
        year -= 100
    elif diff < -49:
        year += 100
    return year


def _date6(text: str, today: dt.date) -> dt.date:
    year = _century(int(text[:2]), today)
    month = int(text[2:4])
    day = int(text[4:6])
    if day == 0:
        day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def _date8(text: str) -> dt.date:
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _with_time(date: dt.date, hhmmss: str) -> dt.datetime:
    hour = int(hhmmss[:2])
    minute = int(hhmmss[2:4]) if len(hhmmss) >= 4 else 0
    second = int(hhmmss[4:6]) if len(hhmmss) >= 6 else 0
    return dt.datetime(date.year, date.month, date.day, hour, minute, second)  # noqa: DTZ001 - GS1 times are local, no zone


def _decimal(digits: str, places: int) -> Decimal:
    return Decimal(int(digits)).scaleb(-places) if places else Decimal(int(digits))


def interpret(ai: str, value: str, *, today: dt.date | None = None) -> Interpreted:
    """The typed meaning of a (valid) AI value; the plain string when there is none.

    ``today`` is the reference date of the GS1 century rule for two-digit years (GS1 General
    Specifications 7.12: the year is taken within -49..+50 years of the reference year); it
    defaults to :meth:`datetime.date.today`. A value that is not valid for its AI (check it
    with :mod:`vntrace.gs1.element_string` first) is returned unchanged.

    Mapping:

    - ``11 12 13 15 16 17 4326 7006`` (YYMMDD) → :class:`datetime.date`; ``DD = 00`` means the
      last day of the month.
    - ``7007`` → :class:`datetime.date`, or :class:`DateRange` when two dates are given.
    - ``7003 4324 4325`` (YYMMDD HHMM), ``7011`` (YYMMDD [HHMM]), ``8008`` (YYMMDDHH[MM][SS])
      → :class:`datetime.datetime` (naive; ``7011`` without time → :class:`datetime.date`;
      ``4324``/``4325`` with time ``9999``, "no time" → :class:`datetime.date`).
    - ``7250`` (YYYYMMDD) → :class:`datetime.date`; ``7251`` (+HHMM) → :class:`datetime.datetime`.
    - ``310n``–``369n`` (measures), ``390n`` (amount), ``392n`` (price), ``394n`` (percentage),
      ``395n`` (price per unit of measure) → :class:`~decimal.Decimal` with ``n`` implied
      decimals.
    - ``391n``, ``393n`` → :class:`Money` (ISO 4217 numeric and alphabetic code + amount).
    - ``30``, ``37`` (counts), ``8111`` (points) → :class:`int`.
    - ``8006``, ``8026`` → :class:`PieceOfTotal`; ``4309`` → :class:`Coordinates`;
      ``4330``–``4333`` → :class:`Temperature`.
    - anything else → the value itself.

    >>> interpret("17", "270600", today=dt.date(2026, 11, 25))
    datetime.date(2027, 6, 30)
    >>> interpret("11", "760101", today=dt.date(2026, 11, 25))
    datetime.date(2076, 1, 1)
    >>> interpret("11", "770101", today=dt.date(2026, 11, 25))
    datetime.date(1977, 1, 1)
    >>> interpret("3922", "1299")
    Decimal('12.99')
    >>> interpret("3932", "7041299000")
    Money(currency='704', amount=Decimal('12990.00'), alpha='VND')
    >>> interpret("7007", "260101260131", today=dt.date(2026, 11, 25))
    DateRange(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 31))
    >>> interpret("8008", "26063014", today=dt.date(2026, 11, 25))
    datetime.datetime(2026, 6, 30, 14, 0)
    >>> interpret("4309", "1107530000" "2858410000")
    Coordinates(latitude=Decimal('20.7530000'), longitude=Decimal('105.8410000'))
    >>> interpret("10", "LOT-7"), interpret("37", "0012"), interpret("17", "271331")
    ('LOT-7', 12, '271331')

    Invalid values are not coerced: ``(3103)`` is ``N6``, so a short value stays text.

    >>> interpret("3103", "75"), interpret("7003", "2606301")
    ('75', '2606301')

    Non-text ``ai`` or ``value`` raises :class:`~vntrace.errors.GS1Error`
    (``GS1.INPUT_NOT_TEXT``).
    """
    if not isinstance(ai, str) or not isinstance(value, str):
        bad = value if isinstance(ai, str) else ai
        raise GS1Error(Finding("GS1.INPUT_NOT_TEXT", params={"type": type(bad).__name__}))
    entry = _BY_AI.get(ai)
    if entry is None:
        return value
    from vntrace.gs1 import element_string  # noqa: PLC0415 - element_string imports this module

    if (
        element_string.check_value_length(entry, value) is not None
        or element_string.validate_components(entry, value) is not None
    ):
        return value
    try:
        return _interpret(ai, value, today or dt.date.today())  # noqa: DTZ011 - a calendar date
    except (ValueError, IndexError, ArithmeticError):
        return value


def _interpret(ai: str, value: str, today: dt.date) -> Interpreted:
    if not _digits(value) and ai not in {"4330", "4331", "4332", "4333"}:
        return value
    if ai in _YYMMDD_AIS:
        return _date6(value, today) if len(value) == 6 else value
    prefix = ai[:3]
    if len(ai) == 4 and prefix in _DECIMAL_PREFIXES:
        return _decimal(value, int(ai[3]))
    if len(ai) == 4 and prefix in _MONEY_PREFIXES:
        from vntrace.gs1._currencytable import ALPHA_BY_NUMERIC  # noqa: PLC0415 - rarely needed

        return Money(value[:3], _decimal(value[3:], int(ai[3])), ALPHA_BY_NUMERIC.get(value[:3]))
    if ai in _COUNT_AIS:
        return int(value)
    if ai == "7007":
        if len(value) == 12:
            return DateRange(_date6(value[:6], today), _date6(value[6:], today))
        return _date6(value, today)
    if ai in NO_TIME_AIS and value[6:] == NO_TIME:
        return _date6(value[:6], today)
    if ai in {"7003", "4324", "4325", "7011", "8008"}:
        date = _date6(value[:6], today)
        return _with_time(date, value[6:]) if len(value) > 6 else date
    if ai == "7250":
        return _date8(value)
    if ai == "7251":
        return _with_time(_date8(value[:8]), value[8:])
    if ai in {"8006", "8026"}:
        return PieceOfTotal(value[:14], int(value[14:16]), int(value[16:18]))
    if ai == "4309":
        lat = Decimal(int(value[:10])).scaleb(-7) - 90
        lon = Decimal(int(value[10:20])).scaleb(-7) - 180
        return Coordinates(lat, lon)
    if ai in {"4330", "4331", "4332", "4333"}:
        temp = _decimal(value[:6], 2)
        if value[6:] == "-":
            temp = -temp
        return Temperature(temp, "F" if ai in {"4330", "4332"} else "C")
    return value
