"""GMN (Global Model Number): AI (8013), up to 25 CSET 82 characters ending in a check pair.

A GS1 Company Prefix, a model reference and a two-character check pair (computed by
:func:`vntrace.gs1.checkdigit.check_pair`). Only surrounding spaces are removed by
:func:`compact` (``-`` is a valid character).

>>> validate("8934567ABCK4")
'8934567ABCK4'
>>> is_valid("8934567ABC4K")
False
>>> calc_check_digit("8934567ABC")
'K4'
>>> Gmn.parse("8934567ABCK4", company_prefix_length=7).model_reference
'ABC'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from vntrace.errors import InvalidChecksum, InvalidLength
from vntrace.gs1.checkdigit import check_pair
from vntrace.gs1.keys import (
    check_company_prefix_length,
    check_gcp_position,
    clean_text,
    is_valid_with,
    linter_error,
    require_cset82,
    require_length,
)
from vntrace.gs1.linters import csumalpha

if TYPE_CHECKING:
    from vntrace.gs1.prefixes import Prefix

__all__ = ["Gmn", "calc_check_digit", "compact", "format", "is_valid", "validate"]

KEY: Final = "GMN"
MAX_LENGTH: Final = 25


def compact(number: str) -> str:
    """Remove surrounding spaces.

    >>> compact(" 8934567ABCK4 ")
    '8934567ABCK4'
    """
    return clean_text(number, KEY)


def validate(number: str) -> str:
    """Check a GMN; return its compact form.

    The order is the reference engine's for AI (8013): length, CSET 82, check pair, then the
    company prefix position.

    >>> validate("8934567ABC4K")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidChecksum: GS1.INCORRECT_CHECK_PAIR: ...
    >>> validate("K4")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidChecksum: GS1.INCORRECT_CHECK_PAIR: ...
    """
    number = compact(number)
    require_length(number, KEY, 1, MAX_LENGTH)
    require_cset82(number, KEY)
    err = csumalpha(number)
    if err is not None:
        kind = InvalidLength if err[0] == "TOO_SHORT_FOR_CHECK_PAIR" else InvalidChecksum
        raise linter_error(err, KEY, number, 0, kind)
    check_gcp_position(number, KEY)
    return number


def is_valid(number: str) -> bool:
    """``True`` for a valid GMN; never raises.

    >>> is_valid("8934567ABCK4")
    True
    """
    return is_valid_with(validate, number)


def format(number: str) -> str:  # noqa: A001 - the common key-module interface name
    """The compact form.

    >>> format(" 8934567ABCK4")
    '8934567ABCK4'
    """
    return compact(number)


def calc_check_digit(number: str) -> str:
    """The check-character pair for a GMN given without it (at most 23 characters).

    >>> calc_check_digit("8934567ABC")
    'K4'
    """
    number = compact(number)
    require_length(number, KEY, 1, MAX_LENGTH - 2)
    return check_pair(number)


@dataclass(frozen=True, slots=True)
class Gmn:
    """A parsed, valid GMN.

    >>> Gmn.parse("8934567ABCK4").check_pair
    'K4'
    """

    value: str
    """The GMN, check pair included."""
    company_prefix: str | None = None
    """The GS1 Company Prefix, known only when ``company_prefix_length`` is given."""

    @classmethod
    def parse(cls, number: str, *, company_prefix_length: int | None = None) -> Gmn:
        """Validate ``number``; split off the company prefix when its length is given."""
        value = validate(number)
        return cls(value, check_company_prefix_length(value[:-2], company_prefix_length, KEY))

    def __str__(self) -> str:
        return self.value

    @property
    def model_reference(self) -> str | None:
        """The characters between the company prefix and the check pair (prefix known)."""
        if self.company_prefix is None:
            return None
        return self.value[len(self.company_prefix) : -2]

    @property
    def check_pair(self) -> str:
        """The last two characters."""
        return self.value[-2:]

    @property
    def prefix(self) -> Prefix | None:
        """The GS1 prefix and its organisation (from the leading digits)."""
        from vntrace.gs1.prefixes import lookup  # noqa: PLC0415 - the table loads on demand

        data = self.value[:-2]
        return lookup(data[: len(data) - len(data.lstrip("0123456789"))])
