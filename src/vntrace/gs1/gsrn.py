"""GSRN (Global Service Relation Number): 18 digits, AIs (8017) provider and (8018) recipient.

The GS1 Company Prefix, a service reference and a GS1 mod-10 check digit.

>>> validate("893456700000000019")
'893456700000000019'
>>> is_valid("893456700000000018")
False
>>> calc_check_digit("89345670000000001")
'9'
>>> Gsrn.parse("893456700000000019", company_prefix_length=8).service_reference
'000000001'
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

__all__ = ["Gsrn", "calc_check_digit", "compact", "format", "is_valid", "validate"]

KEY: Final = "GSRN"
LENGTH: Final = 18


def compact(number: str) -> str:
    """Remove spaces and hyphens.

    >>> compact("8934567 00000000019")
    '893456700000000019'
    """
    return clean_numeric(number, KEY)


def validate(number: str) -> str:
    """Check a GSRN; return its compact form.

    >>> validate("89345670000000001")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidLength: GS1.KEY.INVALID_LENGTH: ...
    """
    return validate_numeric(number, KEY, LENGTH)


def is_valid(number: str) -> bool:
    """``True`` for a valid GSRN; never raises.

    >>> is_valid("893456700000000019")
    True
    """
    return is_valid_numeric(number, LENGTH, validate)


def format(number: str) -> str:  # noqa: A001 - the common key-module interface name
    """The compact form.

    >>> format("8934567-00000000019")
    '893456700000000019'
    """
    return compact(number)


def calc_check_digit(number: str) -> str:
    """The check digit for the first 17 digits.

    >>> calc_check_digit("89345670000000001")
    '9'
    """
    return calc_numeric(number, KEY, LENGTH)


@dataclass(frozen=True, slots=True)
class Gsrn:
    """A parsed, valid GSRN.

    >>> Gsrn.parse("893456700000000019").prefix.organisation
    'GS1 Vietnam'
    """

    value: str
    """The 18 digits."""
    company_prefix: str | None = None
    """The GS1 Company Prefix, known only when ``company_prefix_length`` is given."""

    @classmethod
    def parse(cls, number: str, *, company_prefix_length: int | None = None) -> Gsrn:
        """Validate ``number``; split off the company prefix when its length is given."""
        value = validate(number)
        return cls(value, check_company_prefix_length(value[:17], company_prefix_length, KEY))

    def __str__(self) -> str:
        return self.value

    @property
    def service_reference(self) -> str | None:
        """The digits between the company prefix and the check digit, when the prefix is known."""
        return None if self.company_prefix is None else self.value[len(self.company_prefix) : 17]

    @property
    def check_digit(self) -> str:
        """The last digit."""
        return self.value[-1]

    @property
    def prefix(self) -> Prefix | None:
        """The GS1 prefix and its organisation."""
        from vntrace.gs1.prefixes import lookup  # noqa: PLC0415 - the table loads on demand

        return lookup(self.value)
