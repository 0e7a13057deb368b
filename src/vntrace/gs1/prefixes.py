"""GS1 prefixes: which GS1 Member Organisation (or special use) a key's leading digits belong to.

The table (:mod:`vntrace.gs1._prefixtable`) is generated from GS1's ``interpretGS1scan`` prefix list
(2022) by ``scripts/gen_prefixes.py``; it is a convenience list, not GS1's authoritative current
allocation list. A prefix says who allocated a company prefix, not where a product was made.

>>> lookup("8934567890120")
Prefix(prefix='893', organisation='GS1 Vietnam')
>>> lookup("08934567890120").organisation
'GS1 Vietnam'
>>> lookup("9780306406157").organisation
'Bookland (ISBN)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from vntrace.errors import InvalidFormat
from vntrace.findings import Finding, Location
from vntrace.gs1._prefixtable import PREFIX_LENGTHS, PREFIXES

__all__ = ["Prefix", "lookup"]

_NON_DIGIT: Final = re.compile(r"[^0-9]")
_SEPARATORS: Final = str.maketrans("", "", " -")


@dataclass(frozen=True, slots=True)
class Prefix:
    """A GS1 prefix and the organisation (or use) it belongs to."""

    prefix: str
    """The matching prefix digits (2 to 7 digits)."""
    organisation: str
    """The GS1 Member Organisation, or the special use of the range (English, as in the source)."""


def lookup(number: str) -> Prefix | None:
    """The longest prefix in the table that ``number`` starts with, or ``None``.

    ``number`` holds digits from the GS1 prefix on (GTIN-13, GLN, GSIN, a company prefix…), with
    one normalisation for GTINs: 14 digits drop their indicator digit, 12 digits (GTIN-12) get a
    leading ``0`` and 8 digits (GTIN-8) five leading zeros, i.e. the GTIN-13 form the table uses.
    For an SSCC pass the digits after the extension digit. Spaces and hyphens are ignored; any
    other non-digit raises :class:`~vntrace.errors.InvalidFormat` (``GS1.NON_DIGIT_CHARACTER``).

    >>> lookup("0614141000012").organisation  # GTIN-12 in 13-digit form: a U.S. number
    'GS1 US'
    >>> lookup("00000089345672").organisation  # a GTIN-8 in AI (01)
    'GTIN-8'
    >>> lookup("9912345678901").prefix
    '99'
    >>> lookup("1") is None
    True
    """
    if not isinstance(number, str):
        params = {"key": "GS1 prefix", "type": type(number).__name__}
        raise InvalidFormat(Finding("GS1.KEY.NOT_TEXT", params=params))
    digits = number.translate(_SEPARATORS)
    bad = _NON_DIGIT.search(digits)
    if bad is not None:
        raise InvalidFormat(
            Finding(
                "GS1.NON_DIGIT_CHARACTER",
                params={"key": "GS1 prefix", "value": number},
                location=Location(start=bad.start(), length=1),
            )
        )
    n = len(digits)
    if n == 14:
        digits = digits[1:]
    elif n == 12:
        digits = "0" + digits
    elif n == 8:
        digits = "00000" + digits
    for length in PREFIX_LENGTHS:
        organisation = PREFIXES.get(digits[:length]) if len(digits) >= length else None
        if organisation is not None:
            return Prefix(digits[:length], organisation)
    return None
