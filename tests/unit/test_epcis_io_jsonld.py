"""JSON-LD reading/writing, the incremental streaming scanner, conversion and memory."""

from __future__ import annotations

import io
import json
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

from vntrace import epcis
from vntrace.epcis import _json, jsonld
from vntrace.epcis.convert import convert_file, detect_format
from vntrace.errors import EpcisError

CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"


def event(i: int = 0, **extra: object) -> dict[str, object]:
    return {
        "type": "ObjectEvent",
        "eventTime": f"2026-05-12T07:{i % 60:02d}:00.000+07:00",
        "eventTimeZoneOffset": "+07:00",
        "epcList": [f"urn:epc:id:sgtin:8934567.089012.{i}"],
        "action": "OBSERVE",
        "bizStep": "shipping",
        **extra,
    }


def document(events: list[dict[str, object]], *, context_last: bool = False, **ctx: str) -> str:
    context: list[object] = [CONTEXT, ctx] if ctx else [CONTEXT]
    body = {
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-05-12T08:00:00Z",
        "epcisBody": {"eventList": events},
    }
    data = {**body, "@context": context} if context_last else {"@context": context, **body}
    return json.dumps(data, ensure_ascii=False)


def test_extensions_prefixes_and_nested_contexts() -> None:
    text = document(
        [
            event(0, **{"ex:lot": "L1", "ex:nested": {"ex:kg": 2.5, "plain": [1, True]}}),
            event(1, **{"@context": {"ev": "https://ev.vn/"}, "ev:x": "y"}),
        ],
        ex="https://ex.vn/",
    )
    doc = epcis.loads(text)
    assert doc.events[0].extensions == {
        "{https://ex.vn/}lot": "L1",
        "{https://ex.vn/}nested": {"{https://ex.vn/}kg": 2.5, "plain": [1, True]},
    }
    assert doc.events[1].extensions == {"{https://ev.vn/}x": "y"}
    assert doc.namespaces == {"ex": "https://ex.vn/", "ev": "https://ev.vn/"}
    out = json.loads(epcis.dump_json(doc))
    assert out["@context"] == [CONTEXT, {"ex": "https://ex.vn/", "ev": "https://ev.vn/"}]
    assert out["epcisBody"]["eventList"][1]["ev:x"] == "y"
    assert epcis.load(epcis.dump_json(doc)) == doc


def test_undeclared_prefix_is_an_error() -> None:
    with pytest.raises(EpcisError) as exc:
        epcis.loads(document([event(0, **{"nope:x": 1})]))
    assert exc.value.code == "EPCIS.IO_UNDECLARED_PREFIX"
    assert exc.value.finding.location.field == "/epcisBody/eventList/0/nope:x"


def test_protected_prefix_is_written_with_the_standard_name() -> None:
    doc = epcis.loads(document([event(0, ilmd={"cbvmda:lotNumber": "L1"})]))
    (ev,) = doc.events
    assert ev.ilmd == {"{urn:epcglobal:cbv:mda}lotNumber": "L1"}  # type: ignore[union-attr]
    out = json.loads(epcis.dump_json(doc))
    assert out["@context"] == [CONTEXT]
    assert out["epcisBody"]["eventList"][0]["ilmd"] == {"cbvmda:lotNumber": "L1"}


def test_quantities_and_numbers() -> None:
    qty = [{"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "quantity": 2.5, "uom": "KGM"}]
    doc = epcis.loads(document([event(0, quantityList=qty)]))
    q = doc.events[0].quantity_list[0]  # type: ignore[union-attr]
    assert q.quantity == Decimal("2.5")
    assert json.loads(epcis.dump_json(doc))["epcisBody"]["eventList"][0]["quantityList"] == qty
    with pytest.raises(EpcisError) as exc:
        epcis.loads(document([event(0, quantityList=[{**qty[0], "quantity": "2.5"}])]))
    assert exc.value.code == "EPCIS.IO_WRONG_TYPE"


def test_malformed_and_deep_json() -> None:
    with pytest.raises(EpcisError) as exc:
        epcis.loads('{"type": "EPCISDocument",')
    assert exc.value.code == "EPCIS.IO_MALFORMED_JSON"
    with pytest.raises(EpcisError) as exc:
        epcis.loads('{"a":' + "[" * 100000 + "]" * 100000 + "}")
    assert exc.value.code == "EPCIS.IO_TOO_DEEP"
    with pytest.raises(EpcisError) as exc:
        epcis.load(b'{"type": "EPCISDocument", "x": "\xff"}')
    assert exc.value.code in {"EPCIS.IO_UNREADABLE", "EPCIS.IO_MALFORMED_JSON"}


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 16])
def test_scanner_is_independent_of_chunk_boundaries(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    tricky = [
        event(
            i,
            **{
                "ex:s": 'quote " brace } bracket ] \\ backslash',
                "ex:n": [1.25e3, -0.5, 12345678901234],
            },
        )
        for i in range(6)
    ]
    text = document(tricky, context_last=bool(chunk % 2), ex="https://ex.vn/")
    monkeypatch.setattr(_json, "CHUNK", chunk)
    streamed = list(jsonld.iter_events(text.encode()))
    assert tuple(streamed) == epcis.loads(text).events


def test_streaming_a_non_seekable_stream_with_context_last() -> None:
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return False

        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            chunk = self.data.read(len(b))
            b[: len(chunk)] = chunk
            return len(chunk)

    text = document([event(i) for i in range(3)], context_last=True)
    assert len(list(epcis.iter_events(io.BufferedReader(Pipe(text.encode()))))) == 3


def test_query_document_streams_and_roundtrips() -> None:
    data = {
        "@context": [CONTEXT],
        "type": "EPCISQueryDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-05-12T08:00:00Z",
        "epcisBody": {
            "queryResults": {
                "queryName": "SimpleEventQuery",
                "subscriptionID": "s-1",
                "resultsBody": {"eventList": [event(1), event(2)]},
            }
        },
    }
    text = json.dumps(data)
    doc = epcis.loads(text)
    assert doc.type == "EPCISQueryDocument"
    assert len(list(epcis.iter_events(text.encode()))) == 2
    assert epcis.load(epcis.dump_xml(doc)) == doc


def test_detect_format_and_paths(tmp_path: Path) -> None:
    assert detect_format(b"\n  <x/>") == "xml"
    assert detect_format("\ufeff{}") == "json"
    with pytest.raises(EpcisError) as exc:
        epcis.load(b"hello")
    assert exc.value.code == "EPCIS.IO_UNKNOWN_SYNTAX"
    path = tmp_path / "d.jsonld"
    path.write_text(document([event(0)]), encoding="utf-8")
    assert epcis.load(str(path)) == epcis.load(path)
    with pytest.raises(EpcisError) as exc:
        epcis.load(tmp_path / "missing.json")
    assert exc.value.code == "EPCIS.INPUT_NOT_FOUND"
    assert exc.value.finding.params["path"] == str(tmp_path / "missing.json")


def test_convert_declares_namespaces_first_seen_inside_an_event(tmp_path: Path) -> None:
    plain = (
        "<ObjectEvent><eventTime>2026-05-12T07:30:00Z</eventTime>"
        "<eventTimeZoneOffset>+07:00</eventTimeZoneOffset><epcList/><action>OBSERVE</action>"
        "</ObjectEvent>"
    )
    late = plain.replace("<ObjectEvent>", '<ObjectEvent xmlns:late="https://late.vn/">').replace(
        "</action>", "</action><late:x>1</late:x>"
    )
    xml_text = (
        '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" '
        'creationDate="2026-05-12T08:00:00Z"><EPCISBody><EventList>'
        + plain * 3000
        + late
        + "</EventList></EPCISBody></epcis:EPCISDocument>"
    )
    src = tmp_path / "in.xml"
    src.write_text(xml_text, encoding="utf-8")
    out = io.BytesIO()
    assert convert_file(src, out, to="json") == 3001
    data = json.loads(out.getvalue())
    assert data["@context"] == [CONTEXT]
    ev = data["epcisBody"]["eventList"][-1]
    assert ev["@context"] == {"late": "https://late.vn/"}
    assert ev["late:x"] == "1"
    assert epcis.load(out.getvalue()) == epcis.load(src)


def _big_json(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(f'{{"@context": ["{CONTEXT}"], "type": "EPCISDocument", "schemaVersion": "2.0",')
        f.write(' "creationDate": "2026-05-12T08:00:00Z", "epcisBody": {"eventList": [')
        for i in range(n):
            if i:
                f.write(",")
            f.write(json.dumps(event(i)))
        f.write("]}}")


def test_json_streaming_memory_does_not_grow_with_the_document(tmp_path: Path) -> None:
    peaks = []
    for n in (2_000, 20_000):
        path = tmp_path / f"big{n}.jsonld"
        _big_json(path, n)
        tracemalloc.start()
        count = sum(1 for _ in epcis.iter_events(path))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert count == n
    # ten times the events, about the same peak (a whole-document parse would be ~10x)
    assert peaks[1] < 2 * peaks[0] + 256 * 1024, peaks


def test_xml_streaming_memory_does_not_grow_with_the_document(tmp_path: Path) -> None:
    peaks = []
    for n in (2_000, 20_000):
        path = tmp_path / f"big{n}.jsonld"
        _big_json(path, n)
        xml_path = tmp_path / f"big{n}.xml"
        convert_file(path, xml_path)
        tracemalloc.start()
        count = sum(1 for _ in epcis.iter_events(xml_path))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert count == n
    assert peaks[1] < 2 * peaks[0] + 256 * 1024, peaks


@pytest.mark.parametrize("bad_at", [0, 1, 15, 16, 17, 63, 64, 65, 150])
def test_streamed_events_before_a_bad_one_come_first(bad_at: int) -> None:
    # the reader decodes up to READ_AHEAD events ahead: an error found there must still reach
    # the caller after every good event before it, and only then
    events = [event(i) for i in range(200)]
    events[bad_at] = {**events[bad_at], "eventTime": "not a time"}
    text = document(events).encode()
    seen: list[object] = []
    with pytest.raises(EpcisError) as caught:
        seen.extend(jsonld.iter_events(text))
    assert caught.value.findings[0].location.field == f"/epcisBody/eventList/{bad_at}/eventTime"
    good = epcis.loads(document(events[:bad_at])).events if bad_at else ()
    assert tuple(seen) == good


def test_hashes_of_events_before_a_malformed_one_are_kept(tmp_path: Path) -> None:
    from vntrace.epcis.hashing import iter_hashes  # noqa: PLC0415

    text = document([event(i) for i in range(100)])
    cut = text.index('"type": "ObjectEvent"', text.index("eventList")) - 1
    for _ in range(70):  # break the text of event 71 (index 70)
        cut = text.index('"type": "ObjectEvent"', cut + 2) - 1
    path = tmp_path / "broken.jsonld"
    path.write_text(text[:cut] + "{,}" + text[cut + 1 :], encoding="utf-8")
    results = []
    with pytest.raises(EpcisError):
        results.extend(iter_hashes(path))
    assert [r.number for r in results] == list(range(1, 71))
    assert all(r.ok for r in results)


@pytest.mark.parametrize(("size", "chars"), [(64, 100), (5, 1 << 20), (1, 1 << 20)])
def test_reading_ahead_is_bounded(size: int, chars: int) -> None:
    values = [{"k": f"{i:03d}" + "x" * 20} for i in range(60)]
    text = json.dumps(values)
    element = len(text) // len(values)  # characters per value, separator included
    scan = _json._Scanner(io.BytesIO(text.encode()))
    ahead = []
    got = []
    for value in _json.read_ahead((scan.read_value() for _ in scan.items()), scan, size, chars):
        got.append(value)
        ahead.append(scan.offset + scan.pos - len(got) * element)  # read beyond this value
    assert got == values
    assert max(ahead) <= min(size * element, chars + element) + 2
    if size > 1:
        assert max(ahead) > element  # it does read ahead


@pytest.mark.parametrize(
    "text",
    [
        "2026-05-12T07:30:00Z",
        "2026-05-12T07:30:00.5+07:00",
        "2026-05-12T07:30:00.123456-14:00",
        "2026-05-12T07:30:00.1234560Z",  # 7 digits, a zero: the general parser cuts it
        "2024-02-29T23:59:59+14:00",
    ],
)
def test_fast_timestamps_are_the_readers(text: str) -> None:
    from vntrace.epcis import _fastread, _io  # noqa: PLC0415

    assert _fastread._f_time(text, None, "") == _io.parse_ts(text)
    assert (_fastread._PLAIN_TS.match(text) is None) == (".1234560" in text)


@pytest.mark.parametrize("text", ["2026-02-30T00:00:00Z", " 2026-05-12T07:30:00Z", "2026-05-12"])
def test_fast_timestamps_decline_what_the_reader_refuses(text: str) -> None:
    from vntrace.epcis import _fastread  # noqa: PLC0415

    with pytest.raises((_fastread._Decline, EpcisError)):
        _fastread._f_time(text, None, "")
