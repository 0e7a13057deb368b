"""GCN (Global Coupon Number): AI (255).

13 digits (GS1 Company Prefix, coupon reference, GS1 mod-10 check digit) and an optional serial
component of up to 12 digits.

>>> validate("8934567000017 123")
'8934567000017123'
>>> is_valid("8934567000018123")
False
>>> calc_check_digit("893456700001")
'7'
>>> c = Gcn.parse("8934567000017123", company_prefix_length=8)
>>> c.coupon_reference, c.serial
('0001', '123')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from vntrace.gs1.keys import (
    calc_numeric,
    check_company_prefix_length,
    check_mod10,
    clean_numeric,
    is_valid_with,
    require_digits,
    require_length,
)

if TYPE_CHECKING:
    from vntrace.gs1.prefixes import Prefix

__all__ = ["Gcn", "calc_check_digit", "compact", "format", "is_valid", "validate"]

KEY: Final = "GCN"
BASE_LENGTH: Final = 13
MAX_LENGTH: Final = 25


def compact(number: str) -> str:
    """Remove spaces and hyphens.

    >>> compact("8934567000017-123")
    '8934567000017123'
    """
    return clean_numeric(number, KEY)


def validate(number: str) -> str:
    """Check a GCN (with or without serial); return its compact form.

    >>> validate("8934567000017" + "1" * 13)
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidLength: GS1.KEY.INVALID_LENGTH: ...
    """
    number = compact(number)
    require_digits(number, KEY)
    require_length(number, KEY, BASE_LENGTH, MAX_LENGTH)
    check_mod10(number, KEY, 0, BASE_LENGTH)
    return number


def is_valid(number: str) -> bool:
    """``True`` for a valid GCN; never raises.

    >>> is_valid("8934567000017")
    True
    """
    return is_valid_with(validate, number)


def format(number: str) -> str:  # noqa: A001 - the common key-module interface name
    """The compact form.

    >>> format("8934567000017 123")
    '8934567000017123'
    """
    return compact(number)


def calc_check_digit(number: str) -> str:
    """The check digit for the first 12 digits (the serial is not part of it).

    >>> calc_check_digit("893456700001")
    '7'
    """
    return calc_numeric(number, KEY, BASE_LENGTH)


@dataclass(frozen=True, slots=True)
class Gcn:
    """A parsed, valid GCN.

    >>> Gcn.parse("8934567000017").serial is None
    True
    """

    value: str
    """The whole GCN: 13 digits and the serial, if any."""
    company_prefix: str | None = None
    """The GS1 Company Prefix, known only when ``company_prefix_length`` is given."""

    @classmethod
    def parse(cls, number: str, *, company_prefix_length: int | None = None) -> Gcn:
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
    def coupon_reference(self) -> str | None:
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
