"""ITIP (Individual Trade Item Piece): AI (8006), and AI (8026) for pieces of contained items.

18 digits: the GTIN-14 of the trade item (with its GS1 mod-10 check digit), then the piece number
and the total number of pieces, two digits each. The piece/total part follows the
``pieceoftotal`` linter: both non-zero, piece ≤ total.

>>> validate("08934567890120 01 02")
'089345678901200102'
>>> is_valid("089345678901200302")
False
>>> i = Itip.parse("089345678901200102")
>>> i.gtin, i.piece, i.total
('08934567890120', 1, 2)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from vntrace.errors import InvalidComponent
from vntrace.gs1.gtin import Gtin
from vntrace.gs1.keys import (
    calc_numeric,
    check_mod10,
    clean_numeric,
    is_valid_with,
    linter_error,
    require_digits,
    require_length,
)
from vntrace.gs1.linters import pieceoftotal

__all__ = ["Itip", "calc_check_digit", "compact", "format", "is_valid", "validate"]

KEY: Final = "ITIP"
LENGTH: Final = 18
GTIN_LENGTH: Final = 14


def compact(number: str) -> str:
    """Remove spaces and hyphens.

    >>> compact("08934567890120-0102")
    '089345678901200102'
    """
    return clean_numeric(number, KEY)


def validate(number: str) -> str:
    """Check an ITIP; return its compact form.

    Piece/total problems raise :class:`~vntrace.errors.InvalidComponent` with the
    ``pieceoftotal`` linter's codes (``GS1.ZERO_PIECE_NUMBER``, ``GS1.ZERO_TOTAL_PIECES``,
    ``GS1.PIECE_NUMBER_EXCEEDS_TOTAL``).

    >>> validate("089345678901200300")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidComponent: GS1.ZERO_TOTAL_PIECES: ...
    """
    number = compact(number)
    require_digits(number, KEY)
    require_length(number, KEY, LENGTH)
    check_mod10(number, KEY, 0, GTIN_LENGTH)
    err = pieceoftotal(number[GTIN_LENGTH:])
    if err is not None:
        raise linter_error(err, KEY, number, GTIN_LENGTH, InvalidComponent)
    return number


def is_valid(number: str) -> bool:
    """``True`` for a valid ITIP; never raises.

    >>> is_valid("089345678901200202")
    True
    """
    return is_valid_with(validate, number)


def format(number: str) -> str:  # noqa: A001 - the common key-module interface name
    """The compact form.

    >>> format("08934567890120 0102")
    '089345678901200102'
    """
    return compact(number)


def calc_check_digit(number: str) -> str:
    """The check digit of the GTIN part, for the 13 digits before it.

    >>> calc_check_digit("0893456789012")
    '0'
    """
    return calc_numeric(number, KEY, GTIN_LENGTH)


@dataclass(frozen=True, slots=True)
class Itip:
    """A parsed, valid ITIP.

    >>> Itip.parse("089345678901200102").as_gtin().kind
    'GTIN-14'
    """

    value: str
    """The 18 digits."""

    @classmethod
    def parse(cls, number: str) -> Itip:
        """Validate ``number``."""
        return cls(validate(number))

    def __str__(self) -> str:
        return self.value

    @property
    def gtin(self) -> str:
        """The GTIN-14 of the trade item."""
        return self.value[:GTIN_LENGTH]

    def as_gtin(self, *, company_prefix_length: int | None = None) -> Gtin:
        """The trade item's GTIN, parsed."""
        return Gtin.parse(self.gtin, company_prefix_length=company_prefix_length)

    @property
    def piece(self) -> int:
        """The piece number (1 …)."""
        return int(self.value[14:16])

    @property
    def total(self) -> int:
        """The total number of pieces."""
        return int(self.value[16:18])
