"""The hash's timestamp normalisation agrees with ``datetime`` arithmetic (issue 7, H7).

``_canon._time_text_once`` reads the common shape by table look-ups on fixed positions and
leaves everything else to its general path; ``_canon._time`` moves an aware ``datetime`` to
UTC by subtracting its offset. The reference here is computed independently with ``datetime``:
UTC, milliseconds rounded half-up, exactly three fraction digits, ``Z``; a timestamp that is
not a real instant (30 February, hour 24, second 60, year 0) is kept as written.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from vntrace.epcis import _canon

_SHAPE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?"
    r"(Z|z|[+-][0-9]{2}:[0-9]{2})?"
)


def _reference(text: str) -> str:
    m = _SHAPE.fullmatch(text)
    if m is None:
        return text
    year, month, day, hour, minute, second, frac, zone = m.groups()
    frac = frac or ""
    ms = int((frac + "000")[:3]) + (1 if len(frac) > 3 and frac[3] >= "5" else 0)
    try:
        local = datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=UTC
        )
        offset = timedelta(0)
        if zone not in {None, "Z", "z"}:
            offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
            if zone[0] == "-":
                offset = -offset
        instant = local - offset + timedelta(milliseconds=ms)
    except (ValueError, OverflowError):
        return text
    return (
        f"{instant.year:04d}-{instant.month:02d}-{instant.day:02d}T{instant.hour:02d}:"
        f"{instant.minute:02d}:{instant.second:02d}.{instant.microsecond // 1000:03d}Z"
    )


def _two(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda n: f"{n:02d}")


timestamps = st.builds(
    lambda y, mo, d, h, mi, s, frac, zone: f"{y}-{mo}-{d}T{h}:{mi}:{s}{frac}{zone}",
    st.sampled_from(["0000", "0001", "1900", "2000", "2024", "2026", "9999"]),
    _two(0, 13),
    _two(0, 32),
    _two(0, 24),
    _two(0, 60),
    _two(0, 60),
    st.one_of(st.just(""), st.from_regex(r"\.[0-9]{1,9}", fullmatch=True)),
    st.one_of(
        st.sampled_from(["", "Z", "z", "+14:00", "-14:00", "+14:01", "-00:00"]),
        st.builds(
            lambda sign, h, m: f"{sign}{h}:{m}", st.sampled_from("+-"), _two(0, 13), _two(0, 59)
        ),
    ),
)


@settings(max_examples=3000, deadline=None)
@given(timestamps)
def test_timestamp_text_matches_datetime_arithmetic(text: str) -> None:
    assert _canon._time_text_once(text) == _reference(text)


def test_fixed_timestamps() -> None:
    cases = {
        "2026-05-20T09:41:07.123+07:00": "2026-05-20T02:41:07.123Z",
        "2026-05-20T03:41:07+07:00": "2026-05-19T20:41:07.000Z",
        "2024-02-29T23:59:59.9995-01:00": "2024-03-01T01:00:00.000Z",
        "2026-02-29T00:00:00Z": "2026-02-29T00:00:00Z",  # no such day: kept as written
        "2026-05-20T24:00:00Z": "2026-05-20T24:00:00Z",
    }
    for text, expected in cases.items():
        assert _canon._time_text_once(text) == expected, text


@settings(max_examples=2000, deadline=None)
@given(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),  # noqa: DTZ001
    st.integers(-14 * 60, 14 * 60),
)
def test_aware_datetimes_match_astimezone(local: datetime, minutes: int) -> None:
    value = local.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    rest = value.microsecond % 1000
    rounded = value + timedelta(microseconds=1000 - rest) if rest >= 500 else value
    utc = rounded.astimezone(UTC)
    expected = f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"
    if utc.year < 1000:  # strftime does not pad the year everywhere
        expected = f"{utc.year:04d}" + expected[expected.index("-") :]
    assert _canon._time(value) == expected
