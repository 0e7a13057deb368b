"""Calendar arithmetic shared by the rules (months added the way validity periods are counted)."""

from __future__ import annotations

import calendar
from datetime import date

__all__ = ["add_months"]


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; the 29th-31st clamp to the month's last day.

    >>> add_months(date(2028, 2, 29), 12), add_months(date(2026, 8, 31), 6)
    (datetime.date(2029, 2, 28), datetime.date(2027, 2, 28))
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
