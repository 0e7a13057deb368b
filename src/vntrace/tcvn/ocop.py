"""OCOP (Chương trình mỗi xã một sản phẩm): star bands, validity and issuing level.

As ``design/tcvn.md`` reads Decisions 1048/QĐ-TTg (2019) and 148/QĐ-TTg (2023), through secondary
sources (rules VN-OCOP-001…004): 3, 4 or 5 stars for scores 50–69, 70–89, 90–100; a recognition
is valid for 36 months from its decision; 5 stars are recognised centrally, 4 stars by the
province, 3 stars by the province, or by the district for decisions before 2025-07-01 (districts
were abolished that day).

>>> stars_for_score(78)
4
>>> valid_until(date(2024, 3, 15))
datetime.date(2027, 3, 15)
>>> issuer_levels(3, date(2025, 6, 30)), issuer_levels(3, date(2025, 7, 1))
(('huyen', 'tinh'), ('tinh',))
"""

from __future__ import annotations

from datetime import date

from vntrace.tcvn._dates import add_months

__all__ = [
    "DISTRICTS_ABOLISHED",
    "PRODUCT_GROUPS",
    "SCORE_BANDS",
    "VALIDITY_MONTHS",
    "issuer_levels",
    "stars_for_score",
    "valid_until",
]

SCORE_BANDS: dict[int, tuple[int, int]] = {3: (50, 69), 4: (70, 89), 5: (90, 100)}
"""Stars → (lowest, highest) score, both included, on the 100-point scale."""
VALIDITY_MONTHS = 36
"""A recognition is valid this many months from its decision date."""
DISTRICTS_ABOLISHED = date(2025, 7, 1)
"""From this day no district (huyện) can recognise a product."""
PRODUCT_GROUPS: dict[str, str] = {
    "thuc_pham": "Thực phẩm",
    "do_uong": "Đồ uống",
    "duoc_lieu": "Dược liệu và sản phẩm từ dược liệu",
    "thu_cong_my_nghe": "Thủ công mỹ nghệ",
    "sinh_vat_canh": "Sinh vật cảnh",
    "du_lich": "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
}
"""The six OCOP product groups (Decision 148/QĐ-TTg as reported): code → Vietnamese name."""


def stars_for_score(score: float) -> int | None:
    """The star rating a score earns, or ``None`` below 50 or above 100."""
    for stars, (low, high) in SCORE_BANDS.items():
        if low <= score <= high:
            return stars
    return None


def valid_until(decision_date: date) -> date:
    """Last day a recognition decided on ``decision_date`` is valid."""
    return add_months(decision_date, VALIDITY_MONTHS)


def issuer_levels(stars: int, decision_date: date | None) -> tuple[str, ...]:
    """The levels that may recognise ``stars`` stars on ``decision_date``."""
    if stars == 5:
        return ("trung_uong",)
    if stars == 3 and (decision_date is None or decision_date < DISTRICTS_ABOLISHED):
        return ("huyen", "tinh")
    if stars in (3, 4):
        return ("tinh",)
    return ()
