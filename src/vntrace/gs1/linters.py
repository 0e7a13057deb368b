"""GS1 linters: the component checks named in the GS1 Barcode Syntax Dictionary.

Each linter takes one component of one AI value and returns ``None`` (OK) or
``(ERROR_NAME, start, length)``: the reference's error name without its ``GS1_LINTER_`` prefix and
the span of the offending text inside the component. A linter stops at its **first** failure, in
the order the reference engine checks (GS1 Barcode Syntax Tests). Only ASCII ``0``–``9`` count as
digits; everything is case-sensitive.

:data:`LINTERS` maps every dictionary name to its function; :func:`lint` wraps one call into a
:class:`~vntrace.findings.Finding` with code ``GS1.<ERROR_NAME>``.

>>> csum("8934567890120") is None
True
>>> csum("08934567890129")
('INCORRECT_CHECK_DIGIT', 13, 1)
>>> f = lint("csum", "08934567890129")
>>> f.code, f.params["markup"], f.location.start, f.location.length
('GS1.INCORRECT_CHECK_DIGIT', '0893456789012|9|', 13, 1)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from vntrace.errors import InvalidFormat, UnsupportedInput
from vntrace.findings import Finding, Location
from vntrace.gs1._codelists import ISO3166_ALPHA2, ISO3166_NUMERIC, ISO4217_NUMERIC, PACKAGE_TYPES
from vntrace.gs1.checkdigit import MAX_CHECK_PAIR_DATA, check_pair_of, mod10_of_bytes, mod10_ok

__all__ = [
    "LINTERS",
    "LintResult",
    "Linter",
    "couponcode",
    "couponposoffer",
    "cset39",
    "cset64",
    "cset82",
    "csetnumeric",
    "csum",
    "csumalpha",
    "facts",
    "gcppos1",
    "gcppos2",
    "hasnondigit",
    "hh",
    "hhmi",
    "hhmm",
    "hyphen",
    "iban",
    "importeridx",
    "iso3166",
    "iso3166alpha2",
    "iso3166list",
    "iso4217",
    "iso5218",
    "iso3166999",
    "key",
    "keyoff1",
    "latitude",
    "lint",
    "longitude",
    "markup",
    "mediatype",
    "mi",
    "mmoptss",
    "nonzero",
    "nozeroprefix",
    "packagetype",
    "pcenc",
    "pieceoftotal",
    "posinseqslash",
    "ss",
    "winding",
    "yesno",
    "yymmd0",
    "yymmdd",
    "yymmddhh",
    "yyyymmd0",
    "yyyymmdd",
    "zero",
]

LintResult = tuple[str, int, int] | None
"""``None`` when the component is OK, else ``(ERROR_NAME, start, length)``."""

Linter = Callable[[str], LintResult]
"""The signature every linter has."""

_NON_DIGIT: Final = re.compile(r"[^0-9]")
_NON_CSET82: Final = re.compile(r"[^!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]")
_NON_CSET39: Final = re.compile(r"[^#\-/0-9A-Z]")
_NON_CSET64: Final = re.compile(r"[^A-Za-z0-9\-_]")
_NON_IBAN: Final = re.compile(r"[^0-9A-Z]")
_NON_HEX: Final = re.compile(r"[^0-9A-Fa-f]")
_NON_ZERO: Final = re.compile(r"[^0]")
_NON_HYPHEN: Final = re.compile(r"[^-]")
_POS_IN_SEQ: Final = re.compile(r"([0-9]+)/([0-9]+)")

_IMPORTER_IDX: Final = frozenset("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
_MEDIA_TYPES: Final = frozenset(f"{n:02d}" for n in (*range(1, 11), *range(80, 100)))
_IBAN_LETTERS: Final = str.maketrans({chr(65 + i): str(10 + i) for i in range(26)})

# Days per month; February is decided by the leap rule.
_MONTH_DAYS: Final = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Fast-path tables: a value found here is OK; anything else takes the step-by-step path that
# finds the first error and its span.
_TWO_DIGITS: Final = frozenset(f"{n:02d}" for n in range(100))
_HOURS: Final = frozenset(f"{n:02d}" for n in range(24))
_MINUTES: Final = frozenset(f"{n:02d}" for n in range(60))
_MMDD: Final = frozenset(
    f"{m:02d}{d:02d}" for m in range(1, 13) for d in range(1, _MONTH_DAYS[m] + 1)
)
"""Month-day pairs valid in every year (29 February is decided separately)."""
_MMD0: Final = _MMDD | frozenset(f"{m:02d}00" for m in range(1, 13))
_GCP4: Final = re.compile(r"[0-9]{4}")

_NDC: Final = "NON_DIGIT_CHARACTER"


def _first_non_digit(value: str) -> LintResult:
    bad = _NON_DIGIT.search(value)
    return None if bad is None else (_NDC, bad.start(), 1)


def _shift(result: LintResult, offset: int) -> LintResult:
    return None if result is None else (result[0], result[1] + offset, result[2])


# --- 2.1 character sets -------------------------------------------------------------------


def csetnumeric(value: str) -> LintResult:
    """Every character is a digit ``0``–``9`` (type ``N``); empty is OK.

    >>> csetnumeric("12a4")
    ('NON_DIGIT_CHARACTER', 2, 1)
    """
    return _first_non_digit(value)


def cset82(value: str) -> LintResult:
    """Every character is in GS1 character set 82 (type ``X``); empty is OK.

    >>> cset82("AB C")
    ('INVALID_CSET82_CHARACTER', 2, 1)
    """
    bad = _NON_CSET82.search(value)
    return None if bad is None else ("INVALID_CSET82_CHARACTER", bad.start(), 1)


def cset39(value: str) -> LintResult:
    """Every character is in GS1 character set 39 (type ``Y``); empty is OK.

    >>> cset39("AB-1a")
    ('INVALID_CSET39_CHARACTER', 4, 1)
    """
    bad = _NON_CSET39.search(value)
    return None if bad is None else ("INVALID_CSET39_CHARACTER", bad.start(), 1)


def cset64(value: str) -> LintResult:
    """GS1 character set 64 (type ``Z``) with the reference's rule for trailing ``=`` padding.

    At most two pads, and with any pad the total length must be a multiple of 3.

    >>> cset64("abcd==") is None
    True
    >>> cset64("ab==")
    ('INVALID_CSET64_PADDING', 2, 2)
    >>> cset64("Ab=C")
    ('INVALID_CSET64_CHARACTER', 2, 1)
    """
    n = len(value)
    body = value.rstrip("=")
    pads = n - len(body)
    if pads > 2 or (pads and n % 3):
        return ("INVALID_CSET64_PADDING", n - pads, pads)
    bad = _NON_CSET64.search(body)
    return None if bad is None else ("INVALID_CSET64_CHARACTER", bad.start(), 1)


# --- 2.2 check digits ---------------------------------------------------------------------


def csum(value: str) -> LintResult:
    """The last digit is the GS1 mod-10 check digit of the digits before it.

    >>> csum("8934567890120") is None
    True
    >>> csum("89345A7890120")
    ('NON_DIGIT_CHARACTER', 5, 1)
    >>> csum("")
    ('TOO_SHORT_FOR_CHECK_DIGIT', 0, 0)
    """
    if value.isascii():
        raw = value.encode()
        # bytes.isdigit() is ASCII-only (b"0"-b"9"); the common case is decided here.
        if raw.isdigit():
            return None if mod10_ok(raw) else ("INCORRECT_CHECK_DIGIT", len(value) - 1, 1)
    if not value:
        return ("TOO_SHORT_FOR_CHECK_DIGIT", 0, 0)
    return _first_non_digit(value)


def csumalpha(value: str) -> LintResult:
    """The last two characters are the GS1 check-character pair of the rest (GMN, MUDI).

    >>> csumalpha("8934567ABCK4") is None
    True
    >>> csumalpha("8934567ABC4K")
    ('INCORRECT_CHECK_PAIR', 10, 2)
    """
    n = len(value)
    if n > MAX_CHECK_PAIR_DATA + 2:
        return ("TOO_LONG_FOR_CHECK_PAIR_IMPLEMENTATION", 0, n)
    if n < 2:
        return ("TOO_SHORT_FOR_CHECK_PAIR", 0, n)
    if n == 2:
        return None if value == "22" else ("INCORRECT_CHECK_PAIR", 0, 2)
    data = value[:-2]
    bad = _NON_CSET82.search(data)
    if bad is not None:
        return ("INVALID_CSET82_CHARACTER", bad.start(), 1)
    if check_pair_of(data) != value[-2:]:
        return ("INCORRECT_CHECK_PAIR", n - 2, 2)
    return None


# --- 2.3 GS1 Company Prefix position ------------------------------------------------------


def gcppos1(value: str) -> LintResult:
    """A GS1 Company Prefix starts at position 0: at least 4 chars, the first 4 digits.

    >>> gcppos1("AB12345")
    ('INVALID_GCP_PREFIX', 0, 1)
    >>> gcppos1("893")
    ('TOO_SHORT_FOR_GCP', 0, 3)
    """
    if _GCP4.match(value) is not None:
        return None
    if len(value) < 4:
        return ("TOO_SHORT_FOR_GCP", 0, len(value))
    bad = _NON_DIGIT.search(value, 0, 4)
    return None if bad is None else ("INVALID_GCP_PREFIX", bad.start(), 1)


def gcppos2(value: str) -> LintResult:
    """A GS1 Company Prefix starts at position 1 (after an indicator or extension digit).

    >>> gcppos2("9123")
    ('TOO_SHORT_FOR_GCP', 1, 3)
    >>> gcppos2("91A34")
    ('INVALID_GCP_PREFIX', 2, 1)
    """
    if _GCP4.match(value, 1) is not None:
        return None
    if len(value) < 2:
        return ("TOO_SHORT_FOR_GCP", 0, len(value))
    return _shift(gcppos1(value[1:]), 1)


# --- 2.4 dates and times ------------------------------------------------------------------


def _month_day(year: int, value: str, offset: int) -> LintResult:
    """Check ``MMDD`` at ``offset`` of an all-digit ``value``; DD ``00`` is allowed here."""
    month = int(value[offset : offset + 2])
    if not 1 <= month <= 12:
        return ("ILLEGAL_MONTH", offset, 2)
    days = _MONTH_DAYS[month]
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        days = 29
    if int(value[offset + 2 : offset + 4]) > days:
        return ("ILLEGAL_DAY", offset + 2, 2)
    return None


def _length(value: str, want: int, short: str, long: str) -> LintResult:
    n = len(value)
    if n < want:
        return (short, 0, n)
    if n > want:
        return (long, 0, n)
    return None


def yyyymmd0(value: str) -> LintResult:
    """A date ``YYYYMMDD``; day ``00`` is allowed. Gregorian leap years, any year.

    >>> yyyymmd0("20250200") is None
    True
    >>> yyyymmd0("20251301")
    ('ILLEGAL_MONTH', 4, 2)
    """
    if value[:2] in _TWO_DIGITS and value[2:4] in _TWO_DIGITS and value[4:] in _MMD0:
        return None
    return (
        _length(value, 8, "DATE_TOO_SHORT", "DATE_TOO_LONG")
        or _first_non_digit(value)
        or _month_day(int(value[:4]), value, 4)
    )


def yyyymmdd(value: str) -> LintResult:
    """A date ``YYYYMMDD``; day ``00`` is not allowed.

    >>> yyyymmdd("19000229")
    ('ILLEGAL_DAY', 6, 2)
    >>> yyyymmdd("20000229") is None
    True
    """
    err = yyyymmd0(value)
    if err is None and value[6:8] == "00":
        return ("ILLEGAL_DAY", 6, 2)
    return err


def yymmd0(value: str) -> LintResult:
    """A date ``YYMMDD``; day ``00`` is allowed. 29 February is valid iff YY is divisible by 4.

    >>> yymmd0("250229")
    ('ILLEGAL_DAY', 4, 2)
    >>> yymmd0("000229") is None
    True
    """
    if value[:2] in _TWO_DIGITS and value[2:] in _MMD0:
        return None
    err = _length(value, 6, "DATE_TOO_SHORT", "DATE_TOO_LONG") or _first_non_digit(value)
    if err is not None:
        return err
    yy = int(value[:2])
    return _month_day(2000 + yy if yy <= 71 else 1900 + yy, value, 2)


def yymmdd(value: str) -> LintResult:
    """A date ``YYMMDD``; day ``00`` is not allowed.

    >>> yymmdd("270600")
    ('ILLEGAL_DAY', 4, 2)
    """
    if value[:2] in _TWO_DIGITS and value[2:] in _MMDD:
        return None
    err = yymmd0(value)
    if err is None and value[4:6] == "00":
        return ("ILLEGAL_DAY", 4, 2)
    return err


def _two_digits(value: str, short: str, long: str, illegal: str, maximum: int) -> LintResult:
    err = _length(value, 2, short, long) or _first_non_digit(value)
    if err is None and int(value) > maximum:
        return (illegal, 0, 2)
    return err


def hh(value: str) -> LintResult:
    """An hour ``00``–``23``.

    >>> hh("24")
    ('ILLEGAL_HOUR', 0, 2)
    """
    if value in _HOURS:
        return None
    return _two_digits(value, "HOUR_TOO_SHORT", "HOUR_TOO_LONG", "ILLEGAL_HOUR", 23)


def mi(value: str) -> LintResult:
    """A minute ``00``–``59``.

    >>> mi("5")
    ('MINUTE_TOO_SHORT', 0, 1)
    """
    if value in _MINUTES:
        return None
    return _two_digits(value, "MINUTE_TOO_SHORT", "MINUTE_TOO_LONG", "ILLEGAL_MINUTE", 59)


def ss(value: str) -> LintResult:
    """A second ``00``–``59``.

    >>> ss("60")
    ('ILLEGAL_SECOND', 0, 2)
    """
    if value in _MINUTES:
        return None
    return _two_digits(value, "SECOND_TOO_SHORT", "SECOND_TOO_LONG", "ILLEGAL_SECOND", 59)


def hhmi(value: str) -> LintResult:
    """A time ``HHMI``: the hour is checked completely before the minute.

    >>> hhmi("2460")
    ('ILLEGAL_HOUR', 0, 2)
    >>> hhmi("2360")
    ('ILLEGAL_MINUTE', 2, 2)
    """
    if value[:2] in _HOURS and value[2:] in _MINUTES:
        return None
    return (
        _length(value, 4, "HOUR_WITH_MINUTE_TOO_SHORT", "HOUR_WITH_MINUTE_TOO_LONG")
        or hh(value[:2])
        or _shift(mi(value[2:]), 2)
    )


# --- 2.5 code lists -----------------------------------------------------------------------


def iso3166(value: str) -> LintResult:
    """An ISO 3166-1 numeric country code (``704`` = Viet Nam).

    >>> iso3166("999")
    ('NOT_ISO3166', 0, 3)
    """
    return None if value in ISO3166_NUMERIC else ("NOT_ISO3166", 0, len(value))


def iso3166999(value: str) -> LintResult:
    """An ISO 3166-1 numeric country code or ``999``.

    >>> iso3166999("999") is None
    True
    """
    if value == "999" or value in ISO3166_NUMERIC:
        return None
    return ("NOT_ISO3166_OR_999", 0, len(value))


def iso3166alpha2(value: str) -> LintResult:
    """An ISO 3166-1 alpha-2 country code, upper case (``VN``).

    >>> iso3166alpha2("vn")
    ('NOT_ISO3166_ALPHA2', 0, 2)
    """
    return None if value in ISO3166_ALPHA2 else ("NOT_ISO3166_ALPHA2", 0, len(value))


def iso4217(value: str) -> LintResult:
    """An ISO 4217 numeric currency code (``704`` = đồng).

    >>> iso4217("179")
    ('NOT_ISO4217', 0, 3)
    """
    return None if value in ISO4217_NUMERIC else ("NOT_ISO4217", 0, len(value))


def mediatype(value: str) -> LintResult:
    """An AIDC media type: ``01``–``10`` or ``80``–``99``.

    >>> mediatype("11")
    ('INVALID_MEDIA_TYPE', 0, 2)
    """
    return None if value in _MEDIA_TYPES else ("INVALID_MEDIA_TYPE", 0, len(value))


def packagetype(value: str) -> LintResult:
    """A GS1 PackageTypeCode, case-sensitive.

    >>> packagetype("bx")
    ('INVALID_PACKAGE_TYPE', 0, 2)
    """
    return None if value in PACKAGE_TYPES else ("INVALID_PACKAGE_TYPE", 0, len(value))


def importeridx(value: str) -> LintResult:
    """One importer-index character: ``-``, ``0``–``9``, ``A``–``Z``, ``_``, ``a``–``z``.

    >>> importeridx("=")
    ('INVALID_IMPORT_IDX_CHARACTER', 0, 1)
    """
    if len(value) != 1:
        return ("IMPORTER_IDX_MUST_BE_ONE_CHARACTER", 0, len(value))
    return None if value in _IMPORTER_IDX else ("INVALID_IMPORT_IDX_CHARACTER", 0, 1)


def iso5218(value: str) -> LintResult:
    """An ISO/IEC 5218 biological sex code: ``0``, ``1``, ``2`` or ``9``.

    >>> iso5218("3")
    ('INVALID_BIOLOGICAL_SEX_CODE', 0, 1)
    """
    return _one_of(value, "0129", "INVALID_BIOLOGICAL_SEX_CODE")


def _one_of(value: str, allowed: str, name: str) -> LintResult:
    if len(value) != 1:
        return (name, 0, len(value))
    return None if value in allowed else (name, 0, 1)


# --- 2.6 other linters --------------------------------------------------------------------


def iban(value: str) -> LintResult:
    """An IBAN: country code, length 11–34, upper-case alphanumerics, mod-97 checksum.

    >>> iban("VN45BIDV0012345678") is None
    True
    >>> iban("VN00BIDV0012345678")
    ('INCORRECT_IBAN_CHECKSUM', 2, 2)
    >>> iban("VN45bidv0012345678")
    ('INVALID_IBAN_CHARACTER', 4, 1)
    """
    n = len(value)
    if n < 4:
        return ("IBAN_TOO_SHORT", 0, n)
    if value[:2] not in ISO3166_ALPHA2:
        return ("ILLEGAL_IBAN_COUNTRY_CODE", 0, 2)
    if n > 34:
        return ("IBAN_TOO_LONG", 0, n)
    if n <= 10:
        return ("IBAN_TOO_SHORT", 0, n)
    bad = _NON_IBAN.search(value, 4) or _NON_IBAN.search(value, 0, 4)
    if bad is not None:
        return ("INVALID_IBAN_CHARACTER", bad.start(), 1)
    if int((value[4:] + value[:4]).translate(_IBAN_LETTERS)) % 97 != 1:
        return ("INCORRECT_IBAN_CHECKSUM", 2, 2)
    return None


def _coordinate(value: str, length_error: str, error: str, maximum: str) -> LintResult:
    if len(value) != 10:
        return (length_error, 0, len(value))
    err = _first_non_digit(value)
    if err is None and value > maximum:  # same length, all digits: string order = numeric order
        return (error, 0, 10)
    return err


def latitude(value: str) -> LintResult:
    """A latitude as 10 digits, at most ``1800000000`` (AI 4309).

    >>> latitude("1800000001")
    ('INVALID_LATITUDE', 0, 10)
    """
    return _coordinate(value, "LATITUDE_INVALID_LENGTH", "INVALID_LATITUDE", "1800000000")


def longitude(value: str) -> LintResult:
    """A longitude as 10 digits, at most ``3600000000`` (AI 4309).

    >>> longitude("3600000001")
    ('INVALID_LONGITUDE', 0, 10)
    """
    return _coordinate(value, "LONGITUDE_INVALID_LENGTH", "INVALID_LONGITUDE", "3600000000")


def pcenc(value: str) -> LintResult:
    """Every ``%`` starts a two-hex-digit escape (no decoding is done).

    >>> pcenc("AB%2")
    ('INVALID_PERCENT_SEQUENCE', 2, 2)
    >>> pcenc("AB%zz1")
    ('INVALID_PERCENT_SEQUENCE', 2, 3)
    """
    n = len(value)
    pos = value.find("%")
    while pos >= 0:
        if n - pos - 1 < 2:
            return ("INVALID_PERCENT_SEQUENCE", pos, n - pos)
        if _NON_HEX.search(value, pos + 1, pos + 3) is not None:
            return ("INVALID_PERCENT_SEQUENCE", pos, 3)
        pos = value.find("%", pos + 3)
    return None


def pieceoftotal(value: str) -> LintResult:
    """Piece number then total count, equal halves, both non-zero, piece ≤ total.

    >>> pieceoftotal("0305") is None
    True
    >>> pieceoftotal("0500")
    ('ZERO_TOTAL_PIECES', 2, 2)
    >>> pieceoftotal("0503")
    ('PIECE_NUMBER_EXCEEDS_TOTAL', 0, 4)
    """
    err = _first_non_digit(value)
    if err is not None:
        return err
    n = len(value)
    if n == 0 or n % 2:
        return ("INVALID_LENGTH_FOR_PIECE_OF_TOTAL", 0, n)
    half = n // 2
    piece, total = value[:half], value[half:]
    if not piece.strip("0"):
        return ("ZERO_PIECE_NUMBER", 0, half)
    if not total.strip("0"):
        return ("ZERO_TOTAL_PIECES", half, half)
    if piece > total:  # equal-length digit strings: string order = numeric order
        return ("PIECE_NUMBER_EXCEEDS_TOTAL", 0, n)
    return None


def posinseqslash(value: str) -> LintResult:
    """``position/end``: digits, a slash, digits; no zero prefixes; position ≤ end.

    >>> posinseqslash("4/7") is None
    True
    >>> posinseqslash("3/03")
    ('ILLEGAL_ZERO_PREFIX', 2, 2)
    >>> posinseqslash("12/3")
    ('POSITION_EXCEEDS_END', 0, 4)
    """
    match = _POS_IN_SEQ.fullmatch(value)
    if match is None:
        return ("POSITION_IN_SEQUENCE_MALFORMED", 0, len(value))
    position, end = match.group(1), match.group(2)
    if position[0] == "0":
        return ("ILLEGAL_ZERO_PREFIX", 0, len(position))
    if end[0] == "0":
        return ("ILLEGAL_ZERO_PREFIX", len(position) + 1, len(end))
    # No zero prefixes: compare by length first, then as strings (no int() on long input).
    if (len(position), position) > (len(end), end):
        return ("POSITION_EXCEEDS_END", 0, len(value))
    return None


def winding(value: str) -> LintResult:
    """A winding direction: ``0``, ``1`` or ``9``.

    >>> winding("2")
    ('INVALID_WINDING_DIRECTION', 0, 1)
    """
    return _one_of(value, "019", "INVALID_WINDING_DIRECTION")


def yesno(value: str) -> LintResult:
    """A flag: ``0`` or ``1``.

    >>> yesno("10")
    ('NOT_ZERO_OR_ONE', 0, 2)
    """
    return _one_of(value, "01", "NOT_ZERO_OR_ONE")


def nonzero(value: str) -> LintResult:
    """Digits, not all zeros (empty fails too).

    >>> nonzero("000")
    ('ILLEGAL_ZERO_VALUE', 0, 3)
    """
    err = _first_non_digit(value)
    if err is None and not value.strip("0"):
        return ("ILLEGAL_ZERO_VALUE", 0, len(value))
    return err


def zero(value: str) -> LintResult:
    """Only zeros, at least one.

    >>> zero("01")
    ('NOT_ZERO', 0, 2)
    """
    if not value or _NON_ZERO.search(value) is not None:
        return ("NOT_ZERO", 0, len(value))
    return None


def nozeroprefix(value: str) -> LintResult:
    """Digits not starting with ``0`` (checked first, so ``0`` alone fails); empty is OK.

    >>> nozeroprefix("0A")
    ('ILLEGAL_ZERO_PREFIX', 0, 1)
    """
    if value[:1] == "0":
        return ("ILLEGAL_ZERO_PREFIX", 0, 1)
    return _first_non_digit(value)


def hyphen(value: str) -> LintResult:
    """Only hyphens, at least one.

    >>> hyphen("-x")
    ('NOT_HYPHEN', 0, 2)
    """
    if not value or _NON_HYPHEN.search(value) is not None:
        return ("NOT_HYPHEN", 0, len(value))
    return None


def hasnondigit(value: str) -> LintResult:
    """At least one character that is not ``0``–``9``.

    >>> hasnondigit("123")
    ('REQUIRES_NON_DIGIT_CHARACTER', 0, 3)
    """
    if _NON_DIGIT.search(value) is None:
        return ("REQUIRES_NON_DIGIT_CHARACTER", 0, len(value))
    return None


# --- 2.7 coupons --------------------------------------------------------------------------


class _Stop(Exception):
    """Carries a coupon linter's first failure out of the field parser."""

    def __init__(self, result: tuple[str, int, int]) -> None:
        super().__init__(result[0])
        self.result = result


class _Fields:
    """A cursor over an all-digit coupon value; each method consumes one field or raises."""

    __slots__ = ("n", "pos", "value")

    def __init__(self, value: str) -> None:
        self.value = value
        self.n = len(value)
        self.pos = 0

    def digit(self, missing: str, invalid: str | None = None, allowed: str = "") -> int:
        """One digit; ``missing`` [whole] when absent, ``invalid`` [digit] when not allowed."""
        if self.pos >= self.n:
            raise _Stop((missing, 0, self.n))
        char = self.value[self.pos]
        if invalid is not None and char not in allowed:
            raise _Stop((invalid, self.pos, 1))
        self.pos += 1
        return ord(char) - 48

    def take(self, length: int, truncated: str) -> tuple[int, str]:
        """``length`` digits; ``truncated`` [field start, rest], or [whole] when nothing is left."""
        start = self.pos
        if self.n - start < length:
            raise _Stop(
                (truncated, start, self.n - start) if start < self.n else (truncated, 0, self.n)
            )
        self.pos += length
        return start, self.value[start : self.pos]

    def gcp(self, length: int, truncated: str) -> None:
        """A GS1 Company Prefix of ``length`` digits, checked with :func:`gcppos1`."""
        start, text = self.take(length, truncated)
        err = gcppos1(text)
        if err is not None:  # cannot happen without a GCP lookup: all digits, length >= 6
            raise _Stop((err[0], start, length))

    def requirement(self, nth: str) -> None:
        """Purchase requirement VLI (1–5) and value, requirement code, family code."""
        vli = self.digit(
            f"COUPON_MISSING_{nth}_PURCHASE_REQUIREMENT_VLI",
            f"COUPON_INVALID_{nth}_PURCHASE_REQUIREMENT_LENGTH",
            "12345",
        )
        self.take(vli, f"COUPON_TRUNCATED_{nth}_PURCHASE_REQUIREMENT")
        self.digit(
            f"COUPON_MISSING_{nth}_PURCHASE_REQUIREMENT_CODE",
            f"COUPON_INVALID_{nth}_PURCHASE_REQUIREMENT_CODE",
            "012349",
        )
        self.take(3, f"COUPON_TRUNCATED_{nth}_PURCHASE_FAMILY_CODE")

    def extra_gcp(self, nth: str) -> None:
        """2nd/3rd purchase GCP: VLI 0–6 then VLI+6 digits, or VLI ``9`` for none."""
        vli = self.digit(
            f"COUPON_MISSING_{nth}_PURCHASE_GCP_VLI",
            f"COUPON_INVALID_{nth}_PURCHASE_GCP_LENGTH",
            "01234569",
        )
        if vli != 9:
            self.gcp(vli + 6, f"COUPON_TRUNCATED_{nth}_PURCHASE_GCP")

    def date(self, too_short: str, invalid: str) -> tuple[int, str]:
        start = self.pos
        if self.n - start < 6:
            raise _Stop(
                (too_short, start, self.n - start) if start < self.n else (too_short, 0, self.n)
            )
        text = self.value[start : start + 6]
        if yymmdd(text) is not None:
            raise _Stop((invalid, start, 6))
        self.pos += 6
        return start, text


_COUPON_OPTIONAL_ORDER: Final = "1234569"


def _couponcode(fields: _Fields) -> None:
    vli = fields.digit("COUPON_MISSING_GCP_VLI", "COUPON_INVALID_GCP_LENGTH", "0123456")
    fields.gcp(vli + 6, "COUPON_TRUNCATED_GCP")
    fields.take(6, "COUPON_TRUNCATED_OFFER_CODE")
    vli = fields.digit("COUPON_MISSING_SAVE_VALUE_VLI", "COUPON_INVALID_SAVE_VALUE_LENGTH", "12345")
    fields.take(vli, "COUPON_TRUNCATED_SAVE_VALUE")
    fields.requirement("1ST")
    last = -1
    expiry: tuple[int, str] | None = None
    while fields.pos < fields.n:
        rank = _COUPON_OPTIONAL_ORDER.find(fields.value[fields.pos])
        if rank <= last:  # unknown (-1), repeated or out of order: the rest is excess data
            break
        last = rank
        indicator = fields.value[fields.pos]
        fields.pos += 1
        if indicator == "1":
            fields.digit(
                "COUPON_MISSING_ADDITIONAL_PURCHASE_RULES_CODE",
                "COUPON_INVALID_ADDITIONAL_PURCHASE_RULES_CODE",
                "0123",
            )
            fields.requirement("2ND")
            fields.extra_gcp("2ND")
        elif indicator == "2":
            fields.requirement("3RD")
            fields.extra_gcp("3RD")
        elif indicator == "3":
            expiry = fields.date(
                "COUPON_TOO_SHORT_FOR_EXPIRATION_DATE", "COUPON_INVALID_EXIPIRATION_DATE"
            )
        elif indicator == "4":
            _, starts = fields.date("COUPON_TOO_SHORT_FOR_START_DATE", "COUPON_INVALID_START_DATE")
            if expiry is not None and starts > expiry[1]:  # plain text comparison, no century
                raise _Stop(("COUPON_EXPIRATION_BEFORE_START", expiry[0] - 1, 14))
        elif indicator == "5":
            vli = fields.digit("COUPON_MISSING_SERIAL_NUMBER_VLI")
            fields.take(vli + 6, "COUPON_TRUNCATED_SERIAL_NUMBER")
        elif indicator == "6":
            vli = fields.digit(
                "COUPON_MISSING_RETAILER_GCP_OR_GLN_VLI",
                "COUPON_INVALID_RETAILER_GCP_OR_GLN_LENGTH",
                "1234567",
            )
            fields.gcp(vli + 6, "COUPON_TRUNCATED_RETAILER_GCP_OR_GLN")
        else:  # "9"
            fields.digit(
                "COUPON_MISSING_SAVE_VALUE_CODE", "COUPON_INVALID_SAVE_VALUE_CODE", "01256"
            )
            fields.digit(
                "COUPON_MISSING_SAVE_VALUE_APPLIES_TO_ITEM",
                "COUPON_INVALID_SAVE_VALUE_APPLIES_TO_ITEM",
                "012",
            )
            fields.digit("COUPON_MISSING_STORE_COUPON_FLAG")
            fields.digit(
                "COUPON_MISSING_DONT_MULTIPLY_FLAG", "COUPON_INVALID_DONT_MULTIPLY_FLAG", "01"
            )


def _coupon(value: str, parse: Callable[[_Fields], None]) -> LintResult:
    err = _first_non_digit(value)
    if err is not None:
        return err
    fields = _Fields(value)
    try:
        parse(fields)
    except _Stop as stop:
        return stop.result
    if fields.pos < fields.n:
        return ("COUPON_EXCESS_DATA", fields.pos, fields.n - fields.pos)
    return None


def couponcode(value: str) -> LintResult:
    """A North American coupon code (AI 8110).

    >>> couponcode("189345671234563150110123") is None
    True
    >>> couponcode("1893456712345631501101234260101" "3261231")
    ('COUPON_EXCESS_DATA', 31, 7)
    """
    return _coupon(value, _couponcode)


def _couponposoffer(fields: _Fields) -> None:
    fields.digit("COUPON_MISSING_FORMAT_CODE", "COUPON_INVALID_FORMAT_CODE", "01")
    vli = fields.digit("COUPON_MISSING_FUNDER_VLI", "COUPON_INVALID_FUNDER_LENGTH", "0123456")
    fields.take(vli + 6, "COUPON_TRUNCATED_FUNDER")
    fields.take(6, "COUPON_TRUNCATED_OFFER_CODE")
    vli = fields.digit("COUPON_MISSING_SERIAL_NUMBER_VLI")
    fields.take(vli + 6, "COUPON_TRUNCATED_SERIAL_NUMBER")


def couponposoffer(value: str) -> LintResult:
    """A positive offer file coupon (AI 8112).

    >>> couponposoffer("0189345671234560000001") is None
    True
    >>> couponposoffer("0718934567")
    ('COUPON_INVALID_FUNDER_LENGTH', 1, 1)
    """
    return _coupon(value, _couponposoffer)


# --- 2.8 deprecated names that always pass ------------------------------------------------


def hhmm(value: str) -> LintResult:  # noqa: ARG001 - deprecated name, always OK
    """Deprecated; always OK."""
    return None


def iso3166list(value: str) -> LintResult:  # noqa: ARG001 - deprecated name, always OK
    """Deprecated; always OK."""
    return None


def key(value: str) -> LintResult:  # noqa: ARG001 - deprecated name (now gcppos1), always OK
    """Deprecated (replaced by :func:`gcppos1`); always OK."""
    return None


def keyoff1(value: str) -> LintResult:  # noqa: ARG001 - deprecated name (now gcppos2), always OK
    """Deprecated (replaced by :func:`gcppos2`); always OK."""
    return None


def mmoptss(value: str) -> LintResult:  # noqa: ARG001 - deprecated name, always OK
    """Deprecated; always OK."""
    return None


def yymmddhh(value: str) -> LintResult:  # noqa: ARG001 - deprecated name, always OK
    """Deprecated; always OK."""
    return None


# --- registry and the Finding wrapper -----------------------------------------------------

LINTERS: Final[dict[str, Linter]] = {
    f.__name__: f
    for f in (
        csetnumeric, cset82, cset39, cset64, csum, csumalpha, gcppos1, gcppos2, yyyymmd0,
        yyyymmdd, yymmd0, yymmdd, hh, mi, ss, hhmi, iso3166, iso3166999, iso3166alpha2, iso4217,
        mediatype, packagetype, importeridx, iso5218, iban, latitude, longitude, pcenc,
        pieceoftotal, posinseqslash, winding, yesno, nonzero, zero, nozeroprefix, hyphen,
        hasnondigit, couponcode, couponposoffer, hhmm, iso3166list, key, keyoff1, mmoptss,
        yymmddhh,
    )
}  # fmt: skip
"""Every linter by its dictionary name."""


def markup(value: str, start: int, length: int) -> str:
    """``value`` with the span ``[start, start+length)`` between ``|`` markers.

    >>> markup("08934567890129", 13, 1)
    '0893456789012|9|'
    """
    end = start + length
    return f"{value[:start]}|{value[start:end]}|{value[end:]}"


def facts(error: str, value: str, start: int, length: int) -> dict[str, str]:
    """Facts a message needs beyond the markup: the right check digit (or pair) and the one found.

    ``value`` is the component the linter checked and ``start``/``length`` its result's span.

    >>> facts("INCORRECT_CHECK_DIGIT", "8934567890129", 12, 1)
    {'expected': '0', 'got': '9'}
    >>> facts("INCORRECT_CHECK_PAIR", "8934567ABC4K", 10, 2)
    {'expected': 'K4', 'got': '4K'}
    >>> facts("ILLEGAL_DAY", "270631", 4, 2)
    {}
    """
    if error == "INCORRECT_CHECK_DIGIT" and length == 1:
        return {
            "expected": str(mod10_of_bytes(value[:start].encode("ascii"))),
            "got": value[start],
        }
    if error == "INCORRECT_CHECK_PAIR":
        return {
            "expected": check_pair_of(value[:start]) if start else "22",
            "got": value[start : start + length],
        }
    return {}


def lint(name: str, value: str) -> Finding | None:
    """Run the linter ``name`` on ``value``; ``None`` when OK, else a finding ``GS1.<ERROR>``.

    The finding's params hold the linter name and the value with the bad part between ``|``
    markers; its location holds the span. An unknown linter name raises
    :class:`~vntrace.errors.UnsupportedInput` (``GS1.UNKNOWN_LINTER``), a value that is not a
    ``str`` :class:`~vntrace.errors.InvalidFormat` (``GS1.KEY.NOT_TEXT``).

    >>> lint("hhmi", "2360").params["markup"]
    '23|60|'
    >>> lint("yesno", "1") is None
    True
    >>> lint("nosuch", "1")
    Traceback (most recent call last):
    ...
    vntrace.errors.UnsupportedInput: GS1.UNKNOWN_LINTER: ...
    """
    linter = LINTERS.get(name) if isinstance(name, str) else None
    if linter is None:
        raise UnsupportedInput(Finding("GS1.UNKNOWN_LINTER", params={"linter": str(name)}))
    if not isinstance(value, str):
        params = {"key": name, "type": type(value).__name__}
        raise InvalidFormat(Finding("GS1.KEY.NOT_TEXT", params=params))
    result = linter(value)
    if result is None:
        return None
    error, start, length = result
    return Finding(
        f"GS1.{error}",
        params={
            "linter": name,
            "markup": markup(value, start, length),
            **facts(error, value, start, length),
        },
        location=Location(start=start, length=length),
    )
