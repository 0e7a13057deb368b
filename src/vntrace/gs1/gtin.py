"""GTIN (Global Trade Item Number): GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14.

The GS1 mod-10 check digit is the last digit. In AI (01) a GTIN is always written as 14 digits
(left-padded with zeros, :func:`as_gtin_14`). Only ASCII digits are accepted; spaces and hyphens
are removed by :func:`compact`.

>>> validate("893 4567 890120")
'8934567890120'
>>> is_valid("8934567890129")
False
>>> as_gtin_14("8934567890120")
'08934567890120'
>>> calc_check_digit("893456789012")
'0'
>>> g = Gtin.parse("8934567890120", company_prefix_length=7)
>>> g.company_prefix, g.item_reference, g.indicator, g.gs1_prefix
('8934567', '89012', '0', '893')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from vntrace.errors import InvalidComponent
from vntrace.findings import Finding
from vntrace.gs1.checkdigit import mod10_of_bytes, mod10_tables
from vntrace.gs1.keys import (
    check_company_prefix_length,
    check_mod10,
    clean_numeric,
    length_error,
    require_digits,
)

if TYPE_CHECKING:
    from vntrace.gs1.prefixes import Prefix

__all__ = ["Gtin", "as_gtin_14", "calc_check_digit", "compact", "format", "is_valid", "validate"]

KEY: Final = "GTIN"
LENGTHS: Final = (8, 12, 13, 14)
"""The lengths a GTIN can have."""


_TABLES: Final = {n: mod10_tables(n) for n in LENGTHS}
_SEPARATORS: Final = frozenset(" -")


def compact(number: str) -> str:
    """Remove spaces and hyphens.

    >>> compact(" 0 8934567-890120 ")
    '08934567890120'
    """
    return clean_numeric(number, KEY)


def validate(number: str) -> str:
    """Check a GTIN-8, -12, -13 or -14; return its compact form.

    Raises :class:`~vntrace.errors.InvalidFormat` (``GS1.NON_DIGIT_CHARACTER``),
    :class:`~vntrace.errors.InvalidLength` (``GS1.KEY.INVALID_LENGTH``) or
    :class:`~vntrace.errors.InvalidChecksum` (``GS1.INCORRECT_CHECK_DIGIT``).

    >>> validate("08934567890120")
    '08934567890120'
    >>> validate("8934567890129")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidChecksum: GS1.INCORRECT_CHECK_DIGIT: ...
    >>> validate("893456789012")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidChecksum: GS1.INCORRECT_CHECK_DIGIT: ...
    >>> validate("89345678901")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidLength: GS1.KEY.INVALID_LENGTH: ...
    """
    number = compact(number)
    require_digits(number, KEY)
    if len(number) not in _TABLES:
        raise length_error(number, KEY, "8/12/13/14")
    check_mod10(number, KEY)
    return number


def is_valid(number: str) -> bool:
    """``True`` for a valid GTIN (any of the four lengths); never raises.

    Tuned for bulk use: one length lookup, an ASCII-digit test on the encoded bytes, one
    big-integer conversion and two table lookups
    (:func:`vntrace.gs1.checkdigit.mod10_tables`). Input with spaces or
    hyphens takes the slower :func:`validate` path.

    >>> is_valid("8934567890120"), is_valid("0893-4567-890120"), is_valid("８934567890120")
    (True, True, False)
    >>> is_valid(None)
    False
    """
    try:
        tables = _TABLES.get(len(number))
        if tables is not None:
            raw = number.encode()
            # bytes.isdigit() is ASCII-only (b"0"-b"9"); non-ASCII text encodes to other bytes.
            if raw.isdigit():
                x = int.from_bytes(raw, "big")
                return tables[0][x % 255] == tables[1][x % 257]
    except (TypeError, AttributeError, UnicodeEncodeError):
        return False
    return _is_valid_slow(number)


def _is_valid_slow(number: object) -> bool:
    """The path for inputs with separators (or anything the fast path rejected)."""
    if not isinstance(number, str) or _SEPARATORS.isdisjoint(number):
        return False
    try:
        validate(number)
    except ValueError:
        return False
    return True


def format(number: str) -> str:  # noqa: A001 - the common key-module interface name
    """The compact form (GS1 keys carry no separators).

    >>> format("893-4567-890120")
    '8934567890120'
    """
    return compact(number)


def calc_check_digit(number: str) -> str:
    """The check digit for a GTIN given without it (7, 11, 12 or 13 digits).

    >>> calc_check_digit("0893456789012")
    '0'
    >>> calc_check_digit("9501234567890")
    '3'
    """
    number = compact(number)
    require_digits(number, KEY)
    if len(number) + 1 not in _TABLES:
        raise length_error(number, KEY, "7/11/12/13")
    return "0123456789"[mod10_of_bytes(number.encode("ascii"))]


def as_gtin_14(number: str) -> str:
    """The GTIN as 14 digits, as written in AI (01).

    >>> as_gtin_14("89345672")
    '00000089345672'
    """
    return validate(number).zfill(14)


@dataclass(frozen=True, slots=True)
class Gtin:
    """A parsed, valid GTIN.

    >>> g = Gtin.parse("18934567000014")
    >>> g.kind, g.indicator, g.check_digit, g.company_prefix
    ('GTIN-14', '1', '4', None)
    >>> g.prefix.organisation
    'GS1 Vietnam'
    """

    value: str
    """The GTIN as given, compact: 8, 12, 13 or 14 digits."""
    company_prefix: str | None = None
    """The GS1 Company Prefix (GTIN-13 form), known only when ``company_prefix_length`` is given."""

    @classmethod
    def parse(cls, number: str, *, company_prefix_length: int | None = None) -> Gtin:
        """Validate ``number`` and split it.

        A company prefix cannot be derived from the number alone (GS1 Vietnam, ``893``, allocates
        7, 8, 9, 10 and 12-digit prefixes); pass ``company_prefix_length`` to split it off. A
        GTIN-8 has no company prefix.

        >>> Gtin.parse("08934567890120", company_prefix_length=9).item_reference
        '012'
        """
        value = validate(number)
        if company_prefix_length is None:
            return cls(value)
        if len(value) == 8:
            raise InvalidComponent(
                Finding(
                    "GS1.KEY.INVALID_COMPANY_PREFIX_LENGTH",
                    params={
                        "key": KEY,
                        "value": value,
                        "company_prefix_length": company_prefix_length,
                    },
                )
            )
        body = _gtin_13_form(value)[:12]
        return cls(value, check_company_prefix_length(body, company_prefix_length, KEY))

    def __str__(self) -> str:
        return self.value

    @property
    def kind(self) -> str:
        """``"GTIN-8"``, ``"GTIN-12"``, ``"GTIN-13"`` or ``"GTIN-14"``."""
        return f"GTIN-{len(self.value)}"

    def as_gtin_14(self) -> str:
        """The 14-digit form (AI 01)."""
        return self.value.zfill(14)

    @property
    def indicator(self) -> str:
        """The first digit of the 14-digit form (``0`` unless this is a GTIN-14)."""
        return self.as_gtin_14()[0]

    @property
    def check_digit(self) -> str:
        """The last digit."""
        return self.value[-1]

    @property
    def gs1_prefix(self) -> str:
        """The 3-digit GS1 prefix: the GS1-8 prefix of a GTIN-8, else of the GTIN-13 form."""
        return self.value[:3] if len(self.value) == 8 else _gtin_13_form(self.value)[:3]

    @property
    def is_restricted_circulation(self) -> bool:
        """``True`` for a Restricted Circulation Number (RCN), e.g. a variable-measure item.

        RCN-8 start with ``0`` or ``2``; in the GTIN-13 form, RCN-12/13 start with ``02``,
        ``04`` or ``2``. Their layout (and any price/weight check digit,
        :func:`vntrace.gs1.checkdigit.price_weight`) is set by the GS1 Member Organisation or
        the company, so they carry no GS1 Company Prefix.

        >>> Gtin.parse("2012345000018").is_restricted_circulation
        True
        >>> Gtin.parse("8934567890120").is_restricted_circulation
        False
        """
        if len(self.value) == 8:
            return self.value[0] in "02"
        form = _gtin_13_form(self.value)
        return form[0] == "2" or form[:2] in ("02", "04")

    @property
    def item_reference(self) -> str | None:
        """The digits between the company prefix and the check digit, when the prefix is known."""
        if self.company_prefix is None:
            return None
        return _gtin_13_form(self.value)[len(self.company_prefix) : 12]

    @property
    def prefix(self) -> Prefix | None:
        """The GS1 prefix and its organisation (:func:`vntrace.gs1.prefixes.lookup`)."""
        from vntrace.gs1.prefixes import lookup  # noqa: PLC0415 - the table loads on demand

        return lookup(self.value)


def _gtin_13_form(value: str) -> str:
    return value[1:] if len(value) == 14 else value.zfill(13)
