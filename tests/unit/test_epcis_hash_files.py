"""``hashing.iter_hashes``: one result per event of a file, streamed, good hashes always kept.

Expected hashes are SHA-256 digests of pre-hash strings written by hand from the rules.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from vntrace import epcis
from vntrace.epcis.hashing import iter_hashes
from vntrace.errors import VntraceError

CONTEXT = [
    "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
    {"ex": "https://ex.vn/"},
]
HEAD = "eventType=ObjectEventeventTime=2026-05-12T07:30:00.000ZeventTimeZoneOffset=+07:00"


def _event(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "type": "ObjectEvent",
        "eventTime": "2026-05-12T07:30:00Z",
        "eventTimeZoneOffset": "+07:00",
        "epcList": [f"urn:epc:id:sgtin:8934567.089012.{n}"],
        "action": "OBSERVE",
        **extra,
    }


def _pre(n: int, tail: str = "") -> str:
    return HEAD + f"epcListepc=https://id.gs1.org/01/08934567890120/21/{n}action=OBSERVE" + tail


def _id(pre: str, version: str = "2.0") -> str:
    return f"ni:///sha-256;{hashlib.sha256(pre.encode()).hexdigest()}?ver=CBV{version}"


def _doc(events: list[Any], **head: Any) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-05-12T08:00:00Z",
        "epcisBody": {"eventList": events},
        **head,
    }


def _write(tmp_path: Path, data: Any, name: str = "doc.jsonld") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_numbers_from_one_and_a_bad_event_does_not_stop_the_others(tmp_path: Path) -> None:
    events = [
        _event(1),
        _event(2, certificationInfo=[{"ex:agency": "X"}]),
        _event(3, **{"ex:n": 7}),
    ]
    results = list(iter_hashes(_write(tmp_path, _doc(events)), with_prehash=True))
    assert [r.number for r in results] == [1, 2, 3]
    assert results[0].hash_id == _id(_pre(1))
    assert results[0].prehash == _pre(1)
    assert results[1].hash_id is None
    assert not results[1].ok
    assert results[1].findings[0].code == "EPCIS.HASH_NOT_A_VALUE"
    assert results[1].findings[0].params["event"] == 2
    assert results[2].hash_id == _id(_pre(3, "{https://ex.vn/}n=7"))


def test_document_error_after_good_events_keeps_them(tmp_path: Path) -> None:
    good = json.dumps(_doc([_event(1), _event(2)]))
    broken = good.replace("]}}", ', {"type": ]}}')  # malformed third event
    path = _write(tmp_path, broken)
    seen = []
    with pytest.raises(VntraceError) as caught:
        seen.extend(iter_hashes(path))
    assert [r.hash_id for r in seen] == [_id(_pre(1)), _id(_pre(2))]
    assert caught.value.findings[0].code == "EPCIS.IO_MALFORMED_JSON"


def test_check_compares_each_event_id(tmp_path: Path) -> None:
    events = [
        _event(1, eventID=_id(_pre(1))),
        _event(2, eventID=_id(_pre(1))),  # the hash of another event
        _event(3, eventID="urn:uuid:6d6c5b8a-2a1e-4a4f-9d3e-1c2b3a4d5e6f"),
        _event(4, eventID=_id(_pre(4), "2.1")),  # checked with the version it names
    ]
    results = list(iter_hashes(_write(tmp_path, _doc(events)), check=True))
    assert [r.matches for r in results] == [True, False, None, True]
    (mismatch,) = results[1].findings
    assert mismatch.code == "EPCIS.HASH_MISMATCH"
    assert mismatch.params["expected"] == _id(_pre(1))
    assert mismatch.params["got"] == _id(_pre(2))
    assert mismatch.params["event"] == 2
    assert results[1].hash_id == _id(_pre(2))  # the hash is still given
    assert not results[1].ok


def test_context_after_the_body_single_event_and_query_documents(tmp_path: Path) -> None:
    doc = _doc([_event(1, **{"ex:n": 1})])
    late = {"epcisBody": doc["epcisBody"], "type": doc["type"], "@context": doc["@context"]}
    results = list(iter_hashes(_write(tmp_path, late)))
    assert [r.hash_id for r in results] == [_id(_pre(1, "{https://ex.vn/}n=1"))]

    single = {"@context": CONTEXT, **_event(5)}
    assert [r.hash_id for r in iter_hashes(_write(tmp_path, single, "one.jsonld"))] == [
        _id(_pre(5))
    ]

    query = {
        "@context": CONTEXT,
        "type": "EPCISQueryDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-05-12T08:00:00Z",
        "epcisBody": {
            "queryResults": {
                "queryName": "SimpleEventQuery",
                "resultsBody": {"eventList": [_event(6)]},
            }
        },
    }
    assert [r.hash_id for r in iter_hashes(_write(tmp_path, query, "q.jsonld"))] == [_id(_pre(6))]


def test_not_an_event_and_not_epcis(tmp_path: Path) -> None:
    results = list(iter_hashes(_write(tmp_path, _doc(["x", {"type": "FooEvent"}, _event(1)]))))
    assert [r.findings[0].code for r in results[:2]] == ["EPCIS.HASH_NOT_AN_EVENT"] * 2
    assert results[2].hash_id == _id(_pre(1))
    with pytest.raises(VntraceError) as caught:
        list(iter_hashes(_write(tmp_path, {"@context": CONTEXT, "type": "Foo", "epcisBody": {}})))
    assert caught.value.findings[0].code == "EPCIS.IO_NOT_EPCIS"


def test_xml_validate_and_missing_file(tmp_path: Path) -> None:
    doc = _doc([_event(1), _event(2, **{"ex:n": 2})])
    path = _write(tmp_path, doc)
    expected = [_id(_pre(1)), _id(_pre(2, "{https://ex.vn/}n=2"))]
    assert [r.hash_id for r in iter_hashes(path, validate=True)] == expected
    xml = tmp_path / "doc.xml"
    xml.write_bytes(epcis.dump_xml(epcis.load(path)))
    assert [r.hash_id for r in iter_hashes(xml)] == expected
    with pytest.raises(VntraceError) as caught:
        list(iter_hashes(tmp_path / "missing.jsonld"))
    assert caught.value.findings[0].code == "EPCIS.INPUT_NOT_FOUND"


def test_profile_and_algorithm(tmp_path: Path) -> None:
    path = _write(tmp_path, _doc([_event(1, certificationInfo="https://cert.vn/1")]))
    (cbv,) = iter_hashes(path, with_prehash=True)
    assert cbv.prehash == HEAD + "certificationInfo=https://cert.vn/1" + _pre(1)[len(HEAD) :]
    (java,) = iter_hashes(path, "2.1", "sha-256-32", hash_profile="openepcis-2025")
    digest = hashlib.sha256(_pre(1).encode()).hexdigest()[:8]
    assert java.hash_id == f"ni:///sha-256-32;{digest}?ver=CBV2.1"
