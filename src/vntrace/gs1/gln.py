"""GLN (Global Location Number): 13 digits, the last a GS1 mod-10 check digit (AIs 410–417).

>>> validate("893 4567 00001 7")
'8934567000017'
>>> is_valid("8934567000018")
False
>>> calc_check_digit("893456700001")
'7'
>>> Gln.parse("8934567000017", company_prefix_length=7).location_reference
'00001'
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

__all__ = ["Gln", "calc_check_digit", "compact", "format", "is_valid", "validate"]

KEY: Final = "GLN"
LENGTH: Final = 13


def compact(number: str) -> str:
    """Remove spaces and hyphens.

    >>> compact("8934567-00001-7")
    '8934567000017'
    """
    return clean_numeric(number, KEY)


def validate(number: str) -> str:
    """Check a GLN; return its compact form.

    >>> validate("893456700001")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidLength: GS1.KEY.INVALID_LENGTH: ...
    """
    return validate_numeric(number, KEY, LENGTH)


def is_valid(number: str) -> bool:
    """``True`` for a valid GLN; never raises.

    >>> is_valid("8934567000017")
    True
    """
    return is_valid_numeric(number, LENGTH, validate)


def format(number: str) -> str:  # noqa: A001 - the common key-module interface name
    """The compact form.

    >>> format("8934567 000017")
    '8934567000017'
    """
    return compact(number)


def calc_check_digit(number: str) -> str:
    """The check digit for the first 12 digits.

    >>> calc_check_digit("061414100001")
    '2'
    """
    return calc_numeric(number, KEY, LENGTH)


@dataclass(frozen=True, slots=True)
class Gln:
    """A parsed, valid GLN.

    >>> Gln.parse("8934567000017").prefix.organisation
    'GS1 Vietnam'
    """

    value: str
    """The 13 digits."""
    company_prefix: str | None = None
    """The GS1 Company Prefix, known only when ``company_prefix_length`` is given."""

    @classmethod
    def parse(cls, number: str, *, company_prefix_length: int | None = None) -> Gln:
        """Validate ``number``; split off the company prefix when its length is given."""
        value = validate(number)
        return cls(value, check_company_prefix_length(value[:12], company_prefix_length, KEY))

    def __str__(self) -> str:
        return self.value

    @property
    def location_reference(self) -> str | None:
        """The digits between the company prefix and the check digit, when the prefix is known."""
        return None if self.company_prefix is None else self.value[len(self.company_prefix) : 12]

    @property
    def check_digit(self) -> str:
        """The last digit."""
        return self.value[-1]

    @property
    def prefix(self) -> Prefix | None:
        """The GS1 prefix and its organisation."""
        from vntrace.gs1.prefixes import lookup  # noqa: PLC0415 - the table loads on demand

        return lookup(self.value)
