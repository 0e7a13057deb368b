"""Our ``format: uri`` / ``format: date-time`` checks agree with the checkers jsonschema uses.

The official JSON Schema is checked with ``jsonschema``'s FormatChecker, which calls ``rfc3987``
(``uri``) and ``rfc3339-validator`` (``date-time``). :mod:`vntrace.epcis.validate` re-implements
both without those dependencies; these properties compare the verdicts on generated strings.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from vntrace.epcis.validate import _is_rfc3339, is_uri

rfc3987 = pytest.importorskip("rfc3987")
rfc3339_validator = pytest.importorskip("rfc3339_validator")

URI_ALPHABET = "ab:/?#[]@!$&'()*+,;=%-._~09AZvVf \"<>\\^`{|}é"
uris = st.tuples(
    st.sampled_from(["", "h", "https://", "urn:epc:id:", "http://[::1", "ex:"]),
    st.text(alphabet=URI_ALPHABET, max_size=16),
).map("".join)

DATE_ALPHABET = "0123456789-:TtZz.+ "


@st.composite
def timestamps(draw: st.DrawFn) -> str:
    base = list(draw(st.sampled_from(["2026-07-22T06:45:00Z", "2024-02-29T23:59:59.123+14:00"])))
    for _ in range(draw(st.integers(0, 3))):
        base[draw(st.integers(0, len(base) - 1))] = draw(st.sampled_from(DATE_ALPHABET))
    return "".join(base)


@given(uris)
@example("https://[9]?9")
@example("urn:epc:id:sgtin:0614141.107346.2017")
@example("materialType")
@example("https://example.com/a b")
def test_is_uri_matches_rfc3987(value: str) -> None:
    assert is_uri(value) == (rfc3987.match(value, rule="URI") is not None)


@given(timestamps())
@example("2026-07-22t06:45:00Z")
@example("2026-07-22T06:45:60Z")
@example("2026-02-29T00:00:00Z")
@example("2026-07-22T06:45:00")
def test_date_time_matches_rfc3339_validator(value: str) -> None:
    assert _is_rfc3339(value) == bool(rfc3339_validator.validate_rfc3339(value))
