"""``epcis.validate`` streams both syntaxes: memory follows the largest event, not the document,
and the findings do not depend on how the input is cut into reads."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest

from vntrace import epcis

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "hatinh-pomelo.epcis.jsonld"
CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"


def _event(i: int) -> dict[str, object]:
    return {
        "type": "ObjectEvent",
        "eventTime": "2026-07-22T06:45:00+07:00",
        "eventTimeZoneOffset": "+07:00",
        "epcList": [f"urn:epc:id:sgtin:8934567.089012.{i}"],
        "action": "OBSERVE",
        "bizStep": "receiving" if i % 1000 else "transforming",  # one bad term per 1,000
        "readPoint": {"id": "urn:epc:id:sgln:8934567.00001.0"},
    }


class _Chunked(io.RawIOBase):
    """A binary stream that hands out at most ``size`` bytes per read."""

    def __init__(self, data: bytes, size: int) -> None:
        self.data, self.size, self.at = data, size, 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        step = self.size if n < 0 else min(n, self.size)
        out = self.data[self.at : self.at + step]
        self.at += len(out)
        return out


def _json_stream(n: int, *, context_first: bool = True) -> bytes:
    head = '{"@context": ["' + CONTEXT + '"], "type": "EPCISDocument", "schemaVersion": "2.0",'
    tail = ' "creationDate": "2026-07-22T10:30:00Z"}'
    events = ",\n".join(json.dumps(_event(i)) for i in range(n))
    if context_first:
        return (head + ' "epcisBody": {"eventList": [' + events + "]}," + tail).encode()
    body = '{"epcisBody": {"eventList": [' + events + "]}, "
    return (body + head[1:] + tail).encode()


@pytest.mark.parametrize("size", [1, 3, 7, 64, 4096])
def test_findings_do_not_depend_on_read_sizes(size: int) -> None:
    for data in (
        _json_stream(30),
        _json_stream(30, context_first=False),
        epcis.dump_xml(epcis.load(_json_stream(30))),
        EXAMPLE.read_bytes(),
        b'{"type": "EPCISDocument", "x": [1, 2,, 3]}',
        b'{"a": "\\u00e9\\u1234", "b": 1e5, "c": -0.5, "d": true, "e": null}  x',
    ):
        whole = epcis.validate(data)
        assert epcis.validate(_Chunked(data, size)) == whole  # type: ignore[arg-type]


def test_malformed_json_is_located() -> None:
    data = _json_stream(5).replace(b'"OBSERVE",', b'"OBSERVE",,', 1)
    [found] = epcis.validate(data)
    assert found.code == "EPCIS.MALFORMED_JSON"
    assert found.params["line"] == 1
    text = data.decode()
    assert text[: int(found.params["column"])].endswith('"OBSERVE",,')  # type: ignore[arg-type]


def test_events_before_the_context_still_use_its_prefixes() -> None:
    assert [f.code for f in epcis.validate(_json_stream(3, context_first=False))] == [
        "EPCIS.CBV_UNKNOWN_TERM"
    ]


@pytest.mark.parametrize("syntax", ["json", "xml"])
def test_memory_follows_the_event_not_the_document(syntax: str) -> None:
    """Thousands of events: validating them streams; a whole parse would need far more."""
    n = 10_000 if syntax == "json" else 4_000  # tracemalloc makes lxml slow
    data = _json_stream(n)
    if syntax == "xml":
        data = epcis.dump_xml(epcis.load(data))
    tracemalloc.start()
    try:
        found = epcis.validate(_Chunked(data, 1 << 16))  # type: ignore[arg-type]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [f.location.row for f in found] == list(range(0, n, 1000))
    assert peak < len(data) / 2, (peak, len(data))


def test_a_malformed_first_event_is_not_buffered_to_the_end() -> None:
    """Red-team D9: a malformed first event made the JSON reader read the whole file."""
    data = _json_stream(20_000).replace(b'"OBSERVE"', b'"OBSERVE",,', 1)
    reader = _Chunked(data, 1 << 16)
    [found] = epcis.validate(reader)  # type: ignore[arg-type]
    assert found.code == "EPCIS.MALFORMED_JSON"
    assert reader.at < 1 << 18
