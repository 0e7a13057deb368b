"""VietGAP certificates: how long one may be valid, by sector.

As ``design/tcvn.md`` reads Circular 48/2012/TT-BNNPTNT Art. 17 (as amended by 06/2018) and
Circular 28/2012/TT-BKHCN Annex 2, through secondary sources (rules VN-CERT-001/002): at most 24
months for aquaculture (``thuy_san``) and livestock (``chan_nuoi``), at most 36 months for crops
(``trong_trot``); every harvest must fall within the certificate's validity.

>>> latest_expiry(date(2025, 3, 1), "trong_trot")
datetime.date(2028, 3, 1)
>>> RULE_BY_SECTOR["thuy_san"]
'VN-CERT-001'
"""

from __future__ import annotations

from datetime import date

from vntrace.tcvn._dates import add_months

__all__ = ["MAX_VALIDITY_MONTHS", "RULE_BY_SECTOR", "latest_expiry"]

MAX_VALIDITY_MONTHS: dict[str, int] = {"thuy_san": 24, "chan_nuoi": 24, "trong_trot": 36}
"""Sector → longest validity in months."""
RULE_BY_SECTOR: dict[str, str] = {
    "thuy_san": "VN-CERT-001",
    "chan_nuoi": "VN-CERT-001",
    "trong_trot": "VN-CERT-002",
}
"""Sector → the rule that checks its certificates."""


def latest_expiry(issued: date, sector: str) -> date:
    """The latest expiry date allowed for a certificate of ``sector`` issued on ``issued``."""
    return add_months(issued, MAX_VALIDITY_MONTHS[sector])
