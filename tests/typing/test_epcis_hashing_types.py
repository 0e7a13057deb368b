"""Static types of the public event hash API, checked by mypy (``assert_type``) and pytest.

The expected hash is the SHA-256 of a pre-hash string written by hand from the rules
(canonical order, UTC milliseconds, EPC URN → Digital Link with its GS1 check digit).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import assert_type

from vntrace.epcis import hashing
from vntrace.epcis.hashing import EventHash, HashProfile, event_hash, iter_hashes, prehash

EVENT = {
    "type": "ObjectEvent",
    "eventTime": "2026-05-12T07:30:00Z",
    "eventTimeZoneOffset": "+07:00",
    "epcList": ["urn:epc:id:sgtin:8934567.089012.1"],
    "action": "OBSERVE",
}
PRE = (
    "eventType=ObjectEventeventTime=2026-05-12T07:30:00.000ZeventTimeZoneOffset=+07:00"
    "epcListepc=https://id.gs1.org/01/08934567890120/21/1action=OBSERVE"
)


def test_hash_functions(tmp_path: Path) -> None:
    profile: HashProfile = "openepcis-2025"
    assert assert_type(prehash(EVENT, hash_profile=profile), str) == PRE
    digest = hashlib.sha256(PRE.encode()).hexdigest()
    assert assert_type(event_hash(EVENT), str) == f"ni:///sha-256;{digest}?ver=CBV2.0"
    assert assert_type(hashing.PROFILES, tuple[HashProfile, ...]) == ("cbv2.0", "openepcis-2025")
    path = tmp_path / "doc.jsonld"
    path.write_text(
        '{"@context": [], "type": "EPCISDocument", "epcisBody": {"eventList": ['
        '{"type": "ObjectEvent", "eventTime": "2026-05-12T07:30:00Z",'
        ' "eventTimeZoneOffset": "+07:00", "action": "OBSERVE",'
        ' "epcList": ["urn:epc:id:sgtin:8934567.089012.1"]}]}}',
        encoding="utf-8",
    )
    results = assert_type(iter_hashes(path, with_prehash=True), Iterator[EventHash])
    (first,) = results
    assert assert_type(first.number, int) == 1
    assert assert_type(first.hash_id, str | None) == event_hash(EVENT)
    assert assert_type(first.prehash, str | None) == PRE
    assert assert_type(first.matches, bool | None) is None
    assert assert_type(first.ok, bool)
