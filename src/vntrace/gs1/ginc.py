"""GINC (Global Identification Number for Consignment): AI (401), up to 30 CSET 82 characters.

A GS1 Company Prefix followed by a consignment reference; no check digit. Only surrounding
spaces are removed by :func:`compact` (``-`` is a valid character).

>>> validate("8934567SHIP/26-1")
'8934567SHIP/26-1'
>>> is_valid("AB12345")
False
>>> Ginc.parse("8934567SHIP/26-1", company_prefix_length=7).consignment_reference
'SHIP/26-1'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from vntrace.gs1.keys import (
    check_company_prefix_length,
    clean_text,
    is_valid_with,
    validate_alphanumeric,
)

if TYPE_CHECKING:
    from vntrace.gs1.prefixes import Prefix

__all__ = ["Ginc", "compact", "format", "is_valid", "validate"]

KEY: Final = "GINC"
MAX_LENGTH: Final = 30


def compact(number: str) -> str:
    """Remove surrounding spaces.

    >>> compact(" 8934567SHIP/26-1 ")
    '8934567SHIP/26-1'
    """
    return clean_text(number, KEY)


def validate(number: str) -> str:
    """Check a GINC; return its compact form.

    >>> validate("893A4567")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidComponent: GS1.INVALID_GCP_PREFIX: ...
    """
    return validate_alphanumeric(number, KEY, MAX_LENGTH)


def is_valid(number: str) -> bool:
    """``True`` for a valid GINC; never raises.

    >>> is_valid("8934567SHIP/26-1")
    True
    """
    return is_valid_with(validate, number)


def format(number: str) -> str:  # noqa: A001 - the common key-module interface name
    """The compact form.

    >>> format(" 8934567SHIP/26-1")
    '8934567SHIP/26-1'
    """
    return compact(number)


@dataclass(frozen=True, slots=True)
class Ginc:
    """A parsed, valid GINC.

    >>> Ginc.parse("8934567SHIP/26-1").prefix.organisation
    'GS1 Vietnam'
    """

    value: str
    """The GINC."""
    company_prefix: str | None = None
    """The GS1 Company Prefix, known only when ``company_prefix_length`` is given."""

    @classmethod
    def parse(cls, number: str, *, company_prefix_length: int | None = None) -> Ginc:
        """Validate ``number``; split off the company prefix when its length is given."""
        value = validate(number)
        return cls(value, check_company_prefix_length(value, company_prefix_length, KEY))

    def __str__(self) -> str:
        return self.value

    @property
    def consignment_reference(self) -> str | None:
        """The characters after the company prefix, when the prefix is known."""
        return None if self.company_prefix is None else self.value[len(self.company_prefix) :]

    @property
    def prefix(self) -> Prefix | None:
        """The GS1 prefix and its organisation (from the leading digits)."""
        from vntrace.gs1.prefixes import lookup  # noqa: PLC0415 - the table loads on demand

        return lookup(_leading_digits(self.value))


def _leading_digits(value: str) -> str:
    return value[: len(value) - len(value.lstrip("0123456789"))]
