"""The fast route for ``…&8030=<value>`` stamps gives what the general route gives, always."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vntrace.signing import _carrier

_VALUE = st.text(
    alphabet=st.sampled_from("ABCxyz019-_=%&#?/+.A"), min_size=0, max_size=95
) | st.text(alphabet=st.sampled_from("ABCxyz019-_"), min_size=86, max_size=86)
_SERIAL = st.sampled_from(["8030", "K7/8030", "8030A"]) | st.text(
    alphabet=st.sampled_from("K7Q28030/%!"), min_size=1, max_size=12
)
_QUERY = st.sampled_from(["", "17=270630", "17=270630&x=1", "8030=AAAA", "10=L1"])


def _outcome(uri: str) -> object:
    try:
        read = _carrier._read_uri(uri)
    except _carrier.StampFailure as failure:
        return failure.status, failure.finding.code, dict(failure.finding.params)
    return read.kind, [(e.ai, e.value) for e in read.elements], read.signature, read.ignored


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    stem=st.sampled_from(["https://id.gs1.org", "https://truyxuat.hatinh.gov.vn/tem", "http://a"]),
    serial=_SERIAL,
    query=_QUERY,
    value=_VALUE,
)
def test_fast_route_agrees_with_general_route(
    monkeypatch: pytest.MonkeyPatch, stem: str, serial: str, query: str, value: str
) -> None:
    head = f"{stem}/01/08931234567897/10/LO2406A/21/{serial}"
    uri = f"{head}?{query + '&' if query else ''}8030={value}"
    fast = _outcome(uri)
    with monkeypatch.context() as m:
        m.setattr(_carrier, "_read_usual_uri", lambda _text: None)  # undone after each example
        general = _outcome(uri)
    assert fast == general
