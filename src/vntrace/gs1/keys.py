"""The common interface of the GS1 key modules, and the helpers they share.

Every key module (:mod:`~vntrace.gs1.gtin`, :mod:`~vntrace.gs1.gln`, :mod:`~vntrace.gs1.sscc`,
:mod:`~vntrace.gs1.grai`, :mod:`~vntrace.gs1.giai`, :mod:`~vntrace.gs1.gsrn`,
:mod:`~vntrace.gs1.gdti`, :mod:`~vntrace.gs1.gcn`, :mod:`~vntrace.gs1.gsin`,
:mod:`~vntrace.gs1.ginc`, :mod:`~vntrace.gs1.itip`, :mod:`~vntrace.gs1.gmn`) exposes the same
python-stdnum style functions, declared once here as :class:`KeyModule` (the how-to guide
:doc:`/howto/keys` walks through them with examples):

``compact(number) -> str``
    Removes separators. Numeric keys drop spaces and hyphens anywhere; keys with alphanumeric
    (CSET 82) parts only drop surrounding spaces, since ``-`` is a valid character there.
    Nothing else is changed: full-width or other non-ASCII digits are **not** converted.
``validate(number) -> str``
    The compact form, or a :class:`~vntrace.errors.VntraceError` leaf carrying one finding.
``is_valid(number) -> bool``
    Never raises, whatever the input (also for non-strings).
``format(number) -> str``
    The canonical printable form (the compact form: GS1 keys have no separators).
``calc_check_digit(number) -> str``
    For keys with a check digit (or, for the GMN, a check-character pair): computed on the
    number without it.

Each module also has a frozen parse-result class with a ``parse()`` classmethod.

Values are the **AI element values** (what follows the AI in an element string or a Digital
Link path), so GRAI includes the leading ``0`` of AI (8003) and ITIP its piece/total digits.

Finding codes (stable):

- ``GS1.NON_DIGIT_CHARACTER``, ``GS1.INVALID_CSET82_CHARACTER``
  (:class:`~vntrace.errors.InvalidFormat`), ``GS1.INCORRECT_CHECK_DIGIT``,
  ``GS1.INCORRECT_CHECK_PAIR`` (:class:`~vntrace.errors.InvalidChecksum`),
  ``GS1.INVALID_GCP_PREFIX`` and the other linter codes (:class:`~vntrace.errors.InvalidComponent`):
  the same codes and spans as the linters of the syntax dictionary, so a key checked on its own and
  inside an element string report the same thing.
- ``GS1.KEY.INVALID_LENGTH`` (:class:`~vntrace.errors.InvalidLength`), params ``key``, ``length``,
  ``expected``.
- ``GS1.KEY.NOT_TEXT`` (:class:`~vntrace.errors.InvalidFormat`): the input is not a ``str``.
- ``GS1.KEY.INVALID_COMPANY_PREFIX_LENGTH`` (:class:`~vntrace.errors.InvalidComponent`): a
  ``company_prefix_length`` given to ``parse()`` that cannot fit the key or the prefix rules.

All findings carry ``key`` (e.g. ``"GTIN"``) and ``value`` params, and a character span when
one is meaningful.

>>> from vntrace.gs1 import gtin
>>> isinstance(gtin, KeyModule)
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, Protocol, runtime_checkable

from vntrace.errors import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    VntraceError,
)
from vntrace.findings import Finding, Location
from vntrace.gs1.checkdigit import mod10_of_bytes, mod10_ok
from vntrace.gs1.linters import facts

__all__ = [
    "VIETNAM_COMPANY_PREFIX_LENGTHS",
    "VIETNAM_PREFIX",
    "CheckDigitKeyModule",
    "KeyModule",
    "calc_numeric",
    "check_company_prefix_length",
    "check_gcp_position",
    "check_mod10",
    "clean_numeric",
    "clean_text",
    "is_valid_numeric",
    "is_valid_with",
    "length_error",
    "linter_error",
    "require_cset82",
    "require_digits",
    "require_length",
    "validate_alphanumeric",
    "validate_numeric",
]

_NON_DIGIT: Final = re.compile(r"[^0-9]")
_NON_CSET82: Final = re.compile(r"[^!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]")
_SEPARATORS: Final = str.maketrans("", "", " -")

VIETNAM_PREFIX: Final = "893"
"""GS1 Vietnam's GS1 prefix."""
VIETNAM_COMPANY_PREFIX_LENGTHS: Final = frozenset({7, 8, 9, 10, 12})
"""GS1 Vietnam allocates company prefixes of these lengths (Decree 37/2026/NĐ-CP, Art. 31)."""


@runtime_checkable
class KeyModule(Protocol):
    """The functions every GS1 key module has."""

    def compact(self, number: str) -> str:
        """Remove separators; nothing else."""

    def validate(self, number: str) -> str:
        """Return the compact form or raise a :class:`~vntrace.errors.VntraceError`."""

    def is_valid(self, number: str) -> bool:
        """``True`` when :meth:`validate` would succeed; never raises."""

    def format(self, number: str) -> str:
        """The canonical printable form."""


@runtime_checkable
class CheckDigitKeyModule(KeyModule, Protocol):
    """A key module whose key carries a check digit (or check-character pair)."""

    def calc_check_digit(self, number: str) -> str:
        """The check digit(s) for ``number`` given without them."""


def _finding(code: str, key: str, value: str, start: int | None, length: int | None) -> Finding:
    return Finding(
        code, params={"key": key, "value": value}, location=Location(start=start, length=length)
    )


def _require_text(number: object, key: str) -> str:
    if not isinstance(number, str):
        raise InvalidFormat(
            Finding("GS1.KEY.NOT_TEXT", params={"key": key, "type": type(number).__name__})
        )
    return number


def clean_numeric(number: object, key: str) -> str:
    """Drop spaces and hyphens (numeric keys).

    >>> clean_numeric(" 893-4567 890120 ", "GTIN")
    '8934567890120'
    """
    return _require_text(number, key).translate(_SEPARATORS)


def clean_text(number: object, key: str) -> str:
    """Drop surrounding spaces only (keys with CSET 82 parts, where ``-`` is data).

    >>> clean_text(" 8934567-A1 ", "GIAI")
    '8934567-A1'
    """
    return _require_text(number, key).strip(" ")


def require_digits(number: str, key: str, start: int = 0, end: int | None = None) -> None:
    """Raise :class:`InvalidFormat` (``GS1.NON_DIGIT_CHARACTER``) at the first non-ASCII-digit.

    Only ``number[start:end]`` is checked; the span is relative to ``number``.

    >>> require_digits("89345\uff16", "GTIN")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidFormat: GS1.NON_DIGIT_CHARACTER: ...
    """
    bad = _NON_DIGIT.search(number, start, len(number) if end is None else end)
    if bad is not None:
        raise InvalidFormat(_finding("GS1.NON_DIGIT_CHARACTER", key, number, bad.start(), 1))


def require_cset82(number: str, key: str, start: int = 0) -> None:
    """Raise :class:`InvalidFormat` (``GS1.INVALID_CSET82_CHARACTER``) at the first bad char.

    Only ``number[start:]`` is checked; the span is relative to ``number``.

    >>> require_cset82("8934567A-01", "GIAI") is None
    True
    >>> require_cset82("8934567 A", "GIAI")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidFormat: GS1.INVALID_CSET82_CHARACTER: ...
    """
    bad = _NON_CSET82.search(number, start)
    if bad is not None:
        raise InvalidFormat(_finding("GS1.INVALID_CSET82_CHARACTER", key, number, bad.start(), 1))


def require_length(number: str, key: str, low: int, high: int | None = None) -> None:
    """Raise :class:`InvalidLength` (``GS1.KEY.INVALID_LENGTH``) unless ``low <= len <= high``.

    ``high`` defaults to ``low`` (a fixed length).

    >>> require_length("8934567000017", "GLN", 13) is None
    True
    >>> require_length("89345", "GIAI", 6, 30)
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidLength: GS1.KEY.INVALID_LENGTH: GIAI has 5 characters; expected 6-30
    """
    high = low if high is None else high
    if not low <= len(number) <= high:
        expected = str(low) if low == high else f"{low}-{high}"
        raise InvalidLength(
            Finding(
                "GS1.KEY.INVALID_LENGTH",
                params={"key": key, "value": number, "length": len(number), "expected": expected},
                location=Location(start=0, length=len(number)),
            )
        )


def length_error(number: str, key: str, expected: str) -> InvalidLength:
    """The :class:`InvalidLength` for ``number``.

    ``expected`` is written language-neutrally: ``14``, ``6-30`` or ``8/12/13/14``.

    >>> length_error("123", "GTIN", "8/12/13/14").message("vi")
    'GTIN có 3 ký tự; độ dài hợp lệ: 8/12/13/14'
    """
    return InvalidLength(
        Finding(
            "GS1.KEY.INVALID_LENGTH",
            params={"key": key, "value": number, "length": len(number), "expected": expected},
            location=Location(start=0, length=len(number)),
        )
    )


def check_mod10(number: str, key: str, start: int = 0, end: int | None = None) -> None:
    """Raise :class:`InvalidChecksum` (``GS1.INCORRECT_CHECK_DIGIT``) unless the last digit checks.

    ``number[start:end]`` (default: all of it) must already be non-empty ASCII digits; its last
    digit is the check digit. The finding's params add ``expected`` (the right check digit) and
    ``got``; the span points at the check digit inside ``number``.

    >>> check_mod10("8934567890129", "GTIN")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidChecksum: GS1.INCORRECT_CHECK_DIGIT: ...
    """
    end = len(number) if end is None else end
    raw = number[start:end].encode("ascii")
    expected = mod10_of_bytes(raw[:-1])
    if expected != raw[-1] - 48:
        raise InvalidChecksum(
            Finding(
                "GS1.INCORRECT_CHECK_DIGIT",
                params={
                    "key": key,
                    "value": number,
                    "expected": str(expected),
                    "got": number[end - 1],
                },
                location=Location(start=end - 1, length=1),
            )
        )


def check_gcp_position(number: str, key: str, offset: int = 0) -> None:
    """The ``gcppos1`` rule at ``offset``: at least 4 chars there, the first 4 of them digits.

    Raises :class:`InvalidComponent` with the linter's code and span (shifted by ``offset``).

    >>> check_gcp_position("X893A", "GIAI", 1)
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidComponent: GS1.INVALID_GCP_PREFIX: ...
    """
    from vntrace.gs1.linters import gcppos1  # noqa: PLC0415 - only the X-type keys need it

    err = gcppos1(number[offset:])
    if err is not None:
        name, start, length = err
        raise InvalidComponent(_finding(f"GS1.{name}", key, number, start + offset, length))


def check_company_prefix_length(
    body: str, length: int | None, key: str, *, maximum: int = 12
) -> str | None:
    """The company prefix at the start of ``body`` (digits from the GS1 prefix on), or ``None``.

    ``length`` must be 4–``maximum`` and fit in ``body``'s leading digits; GS1 Vietnam (``893``)
    prefixes must be 7, 8, 9, 10 or 12 digits long. Otherwise :class:`InvalidComponent`
    (``GS1.KEY.INVALID_COMPANY_PREFIX_LENGTH``).

    >>> check_company_prefix_length("893456789012", 7, "GTIN")
    '8934567'
    >>> check_company_prefix_length("893456789012", 11, "GTIN")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidComponent: GS1.KEY.INVALID_COMPANY_PREFIX_LENGTH: ...
    """
    if length is None:
        return None
    leading = len(body) - len(body.lstrip("0123456789"))
    ok = 4 <= length <= min(maximum, leading)
    if ok and body.startswith(VIETNAM_PREFIX):
        ok = length in VIETNAM_COMPANY_PREFIX_LENGTHS
    if not ok:
        raise InvalidComponent(
            Finding(
                "GS1.KEY.INVALID_COMPANY_PREFIX_LENGTH",
                params={"key": key, "value": body, "company_prefix_length": length},
            )
        )
    return body[:length]


def validate_numeric(number: str, key: str, length: int) -> str:
    """Compact, then check a fixed-length all-digit key with a mod-10 check digit at the end.

    >>> validate_numeric("8934567 000017", "GLN", 13)
    '8934567000017'
    """
    number = clean_numeric(number, key)
    require_digits(number, key)
    require_length(number, key, length)
    check_mod10(number, key)
    return number


def calc_numeric(number: str, key: str, length: int) -> str:
    """The mod-10 check digit of a fixed-length numeric key given without it (``length - 1``).

    >>> calc_numeric("893456700001", "GLN", 13)
    '7'
    """
    number = clean_numeric(number, key)
    require_digits(number, key)
    require_length(number, key, length - 1)
    return "0123456789"[mod10_of_bytes(number.encode("ascii"))]


def validate_alphanumeric(number: str, key: str, max_length: int) -> str:
    """Compact, then check a CSET 82 key of 1 to ``max_length`` chars starting with a GCP.

    The order is the reference engine's: length, character set, then the ``gcppos1`` rule.

    >>> validate_alphanumeric(" 8934567A-01 ", "GIAI", 30)
    '8934567A-01'
    """
    number = clean_text(number, key)
    require_length(number, key, 1, max_length)
    require_cset82(number, key)
    check_gcp_position(number, key)
    return number


def is_valid_with(validate: Callable[[str], str], number: object) -> bool:
    """``True`` when ``validate(number)`` succeeds; ``False`` on any :class:`ValueError`.

    >>> is_valid_with(int, "12"), is_valid_with(int, "x"), is_valid_with(int, None)
    (True, False, False)
    """
    if not isinstance(number, str):
        return False
    try:
        validate(number)
    except ValueError:
        return False
    return True


def linter_error(
    result: tuple[str, int, int], key: str, number: str, offset: int, kind: type[VntraceError]
) -> VntraceError:
    """The ``kind`` error for a linter ``result`` on ``number[offset:…]`` (code ``GS1.<ERROR>``).

    >>> err = linter_error(("ZERO_TOTAL_PIECES", 2, 2), "ITIP", "089345678901200300", 14,
    ...                    InvalidComponent)
    >>> err.code, err.finding.location.start
    ('GS1.ZERO_TOTAL_PIECES', 16)
    """
    name, start, length = result
    finding = _finding(f"GS1.{name}", key, number, start + offset, length)
    extra = facts(name, number[offset:], start, length)
    if extra:
        params = {**finding.params, **extra}
        finding = Finding(finding.code, params=params, location=finding.location)
    return kind(finding)


def is_valid_numeric(number: object, length: int, validate: Callable[[str], str]) -> bool:
    """Fast ``is_valid`` for a fixed-length numeric mod-10 key; ``validate`` handles the rest.

    A string of exactly ``length`` ASCII digits is decided by one table lookup
    (:func:`vntrace.gs1.checkdigit.mod10_ok`); anything else (separators, bad input) goes
    through ``validate``.

    >>> from vntrace.gs1.gln import validate
    >>> is_valid_numeric("8934567000017", 13, validate)
    True
    >>> is_valid_numeric("8934567 000018", 13, validate)
    False
    """
    if isinstance(number, str) and len(number) == length and number.isascii():
        raw = number.encode()
        # bytes.isdigit() is ASCII-only (b"0"-b"9").
        if raw.isdigit():
            return mod10_ok(raw)
    return is_valid_with(validate, number)
