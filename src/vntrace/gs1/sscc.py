"""SSCC (Serial Shipping Container Code): 18 digits, AI (00).

An extension digit, the GS1 Company Prefix, a serial reference and a GS1 mod-10 check digit.

>>> validate("0 8934567 000000012 3")
'089345670000000123'
>>> is_valid("089345670000000124")
False
>>> calc_check_digit("08934567000000012")
'3'
>>> s = Sscc.parse("089345670000000123", company_prefix_length=7)
>>> s.extension_digit, s.company_prefix, s.serial_reference
('0', '8934567', '000000012')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from vntrace.gs1.keys import (
    calc_numeric,
    check_company_prefix_length,
    clean_numeric,
    is_valid_numeric,
    validate_numeric,
)

if TYPE_CHECKING:
    from vntrace.gs1.prefixes import Prefix

__all__ = ["Sscc", "calc_check_digit", "compact", "format", "is_valid", "validate"]

KEY: Final = "SSCC"
LENGTH: Final = 18


def compact(number: str) -> str:
    """Remove spaces and hyphens.

    >>> compact("0 8934567 000000012 3")
    '089345670000000123'
    """
    return clean_numeric(number, KEY)


def validate(number: str) -> str:
    """Check an SSCC; return its compact form.

    >>> validate("08934567000000012A")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidFormat: GS1.NON_DIGIT_CHARACTER: ...
    """
    return validate_numeric(number, KEY, LENGTH)


def is_valid(number: str) -> bool:
    """``True`` for a valid SSCC; never raises.

    >>> is_valid("006141411234567890")
    True
    """
    return is_valid_numeric(number, LENGTH, validate)


def format(number: str) -> str:  # noqa: A001 - the common key-module interface name
    """The compact form.

    >>> format("0 8934567 000000012 3")
    '089345670000000123'
    """
    return compact(number)


def calc_check_digit(number: str) -> str:
    """The check digit for the first 17 digits.

    >>> calc_check_digit("00614141123456789")
    '0'
    """
    return calc_numeric(number, KEY, LENGTH)


@dataclass(frozen=True, slots=True)
class Sscc:
    """A parsed, valid SSCC.

    >>> Sscc.parse("089345670000000123").prefix.organisation
    'GS1 Vietnam'
    """

    value: str
    """The 18 digits."""
    company_prefix: str | None = None
    """The GS1 Company Prefix, known only when ``company_prefix_length`` is given."""

    @classmethod
    def parse(cls, number: str, *, company_prefix_length: int | None = None) -> Sscc:
        """Validate ``number``; split off the company prefix when its length is given."""
        value = validate(number)
        return cls(value, check_company_prefix_length(value[1:17], company_prefix_length, KEY))

    def __str__(self) -> str:
        return self.value

    @property
    def extension_digit(self) -> str:
        """The first digit, chosen freely by the company to extend the serial reference."""
        return self.value[0]

    @property
    def serial_reference(self) -> str | None:
        """The digits between the company prefix and the check digit, when the prefix is known."""
        if self.company_prefix is None:
            return None
        return self.value[1 + len(self.company_prefix) : 17]

    @property
    def check_digit(self) -> str:
        """The last digit."""
        return self.value[-1]

    @property
    def prefix(self) -> Prefix | None:
        """The GS1 prefix (after the extension digit) and its organisation."""
        from vntrace.gs1.prefixes import lookup  # noqa: PLC0415 - the table loads on demand

        return lookup(self.value[1:])
