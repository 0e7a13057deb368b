"""GDTI (Global Document Type Identifier): AI (253).

13 digits (GS1 Company Prefix, document type, GS1 mod-10 check digit) and an optional serial
component of up to 17 CSET 82 characters. Only surrounding spaces are removed by :func:`compact`
(``-`` is a valid serial character).

>>> validate("8934567000017INV-2026/01")
'8934567000017INV-2026/01'
>>> is_valid("8934567000018INV-2026/01")
False
>>> calc_check_digit("893456700001")
'7'
>>> d = Gdti.parse("8934567000017INV-2026/01", company_prefix_length=7)
>>> d.document_type, d.serial
('00001', 'INV-2026/01')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from vntrace.gs1.keys import (
    calc_numeric,
    check_company_prefix_length,
    check_mod10,
    clean_text,
    is_valid_with,
    require_cset82,
    require_digits,
    require_length,
)

if TYPE_CHECKING:
    from vntrace.gs1.prefixes import Prefix

__all__ = ["Gdti", "calc_check_digit", "compact", "format", "is_valid", "validate"]

KEY: Final = "GDTI"
BASE_LENGTH: Final = 13
MAX_LENGTH: Final = 30


def compact(number: str) -> str:
    """Remove surrounding spaces.

    >>> compact(" 8934567000017A-1 ")
    '8934567000017A-1'
    """
    return clean_text(number, KEY)


def validate(number: str) -> str:
    """Check a GDTI (with or without serial); return its compact form.

    >>> validate("8934567000017INV 1")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidFormat: GS1.INVALID_CSET82_CHARACTER: ...
    """
    number = compact(number)
    require_length(number, KEY, BASE_LENGTH, MAX_LENGTH)
    require_digits(number, KEY, 0, BASE_LENGTH)
    check_mod10(number, KEY, 0, BASE_LENGTH)
    require_cset82(number, KEY, BASE_LENGTH)
    return number


def is_valid(number: str) -> bool:
    """``True`` for a valid GDTI; never raises.

    >>> is_valid("8934567000017")
    True
    """
    return is_valid_with(validate, number)


def format(number: str) -> str:  # noqa: A001 - the common key-module interface name
    """The compact form.

    >>> format(" 8934567000017INV-1")
    '8934567000017INV-1'
    """
    return compact(number)


def calc_check_digit(number: str) -> str:
    """The check digit for the first 12 digits (the serial is not part of it).

    >>> calc_check_digit("893456700001")
    '7'
    """
    return calc_numeric(number, KEY, BASE_LENGTH)


@dataclass(frozen=True, slots=True)
class Gdti:
    """A parsed, valid GDTI.

    >>> Gdti.parse("8934567000017").serial is None
    True
    """

    value: str
    """The whole GDTI: 13 digits and the serial, if any."""
    company_prefix: str | None = None
    """The GS1 Company Prefix, known only when ``company_prefix_length`` is given."""

    @classmethod
    def parse(cls, number: str, *, company_prefix_length: int | None = None) -> Gdti:
        """Validate ``number``; split off the company prefix when its length is given."""
        value = validate(number)
        return cls(value, check_company_prefix_length(value[:12], company_prefix_length, KEY))

    def __str__(self) -> str:
        return self.value

    @property
    def base(self) -> str:
        """The 13 digits without the serial."""
        return self.value[:BASE_LENGTH]

    @property
    def serial(self) -> str | None:
        """The serial component, or ``None``."""
        return self.value[BASE_LENGTH:] or None

    @property
    def document_type(self) -> str | None:
        """The digits between the company prefix and the check digit, when the prefix is known."""
        return None if self.company_prefix is None else self.value[len(self.company_prefix) : 12]

    @property
    def check_digit(self) -> str:
        """The check digit (13th digit)."""
        return self.value[12]

    @property
    def prefix(self) -> Prefix | None:
        """The GS1 prefix and its organisation."""
        from vntrace.gs1.prefixes import lookup  # noqa: PLC0415 - the table loads on demand

        return lookup(self.base)
