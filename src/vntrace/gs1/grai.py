"""GRAI (Global Returnable Asset Identifier), as the value of AI (8003).

The AI value is a filler ``0``, 13 digits (GS1 Company Prefix, asset type, GS1 mod-10 check digit)
and an optional serial component of up to 16 CSET 82 characters. Only surrounding spaces are
removed by :func:`compact` (``-`` is a valid serial character).

>>> validate("08934567000017PALLET-9")
'08934567000017PALLET-9'
>>> is_valid("18934567000017PALLET-9")
False
>>> calc_check_digit("0893456700001")
'7'
>>> g = Grai.parse("08934567000017PALLET-9", company_prefix_length=7)
>>> g.base, g.asset_type, g.serial
('8934567000017', '00001', 'PALLET-9')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from vntrace.errors import InvalidComponent
from vntrace.gs1.checkdigit import mod10_of_bytes
from vntrace.gs1.keys import (
    check_company_prefix_length,
    check_mod10,
    clean_text,
    is_valid_with,
    linter_error,
    require_cset82,
    require_digits,
    require_length,
)

if TYPE_CHECKING:
    from vntrace.gs1.prefixes import Prefix

__all__ = ["Grai", "calc_check_digit", "compact", "format", "is_valid", "validate"]

KEY: Final = "GRAI"
MIN_LENGTH: Final = 14
MAX_LENGTH: Final = 30


def compact(number: str) -> str:
    """Remove surrounding spaces.

    >>> compact(" 08934567000017 ")
    '08934567000017'
    """
    return clean_text(number, KEY)


def validate(number: str) -> str:
    """Check a GRAI AI value (with or without serial); return its compact form.

    The first digit must be ``0`` (``GS1.NOT_ZERO``, as the ``zero`` linter).

    >>> validate("18934567000017")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidComponent: GS1.NOT_ZERO: ...
    """
    number = compact(number)
    require_length(number, KEY, MIN_LENGTH, MAX_LENGTH)
    require_digits(number, KEY, 0, 1)
    if number[0] != "0":
        raise linter_error(("NOT_ZERO", 0, 1), KEY, number, 0, InvalidComponent)
    require_digits(number, KEY, 1, MIN_LENGTH)
    check_mod10(number, KEY, 1, MIN_LENGTH)
    require_cset82(number, KEY, MIN_LENGTH)
    return number


def is_valid(number: str) -> bool:
    """``True`` for a valid GRAI AI value; never raises.

    >>> is_valid("08934567000017")
    True
    """
    return is_valid_with(validate, number)


def format(number: str) -> str:  # noqa: A001 - the common key-module interface name
    """The compact form.

    >>> format(" 08934567000017X")
    '08934567000017X'
    """
    return compact(number)


def calc_check_digit(number: str) -> str:
    """The check digit, for the filler ``0`` and the 12 digits before the check digit.

    >>> calc_check_digit("0893456700001")
    '7'
    """
    number = compact(number)
    require_length(number, KEY, MIN_LENGTH - 1)
    require_digits(number, KEY)
    if number[0] != "0":
        raise linter_error(("NOT_ZERO", 0, 1), KEY, number, 0, InvalidComponent)
    return "0123456789"[mod10_of_bytes(number[1:].encode("ascii"))]


@dataclass(frozen=True, slots=True)
class Grai:
    """A parsed, valid GRAI.

    >>> Grai.parse("08934567000017").prefix.organisation
    'GS1 Vietnam'
    """

    value: str
    """The AI (8003) value: ``0``, 13 digits and the serial, if any."""
    company_prefix: str | None = None
    """The GS1 Company Prefix, known only when ``company_prefix_length`` is given."""

    @classmethod
    def parse(cls, number: str, *, company_prefix_length: int | None = None) -> Grai:
        """Validate ``number``; split off the company prefix when its length is given."""
        value = validate(number)
        return cls(value, check_company_prefix_length(value[1:13], company_prefix_length, KEY))

    def __str__(self) -> str:
        return self.value

    @property
    def base(self) -> str:
        """The 13 digits (company prefix, asset type, check digit) without filler and serial."""
        return self.value[1:MIN_LENGTH]

    @property
    def serial(self) -> str | None:
        """The serial component, or ``None``."""
        return self.value[MIN_LENGTH:] or None

    @property
    def asset_type(self) -> str | None:
        """The digits between the company prefix and the check digit, when the prefix is known."""
        if self.company_prefix is None:
            return None
        return self.value[1 + len(self.company_prefix) : 13]

    @property
    def check_digit(self) -> str:
        """The check digit."""
        return self.value[13]

    @property
    def prefix(self) -> Prefix | None:
        """The GS1 prefix and its organisation."""
        from vntrace.gs1.prefixes import lookup  # noqa: PLC0415 - the table loads on demand

        return lookup(self.base)
