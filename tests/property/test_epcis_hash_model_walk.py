"""The direct model walker of the hash equals the generic path over ``model_dump``.

``event_hash(model)`` reads the model's attributes instead of dumping the whole event; the
generic path (dump, then the mapping serialiser) stays the reference. Both are compared on
generated events and on every event of the EPCIS reference documents, for both versions and
both profiles.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from epcis_hash_strategies import CONTEXT, events
from hypothesis import HealthCheck, given, settings

from vntrace import epcis
from vntrace.epcis import _canon, hashing
from vntrace.errors import VntraceError

PROFILES = hashing.PROFILES


def _generic(event: Any, version: str, profile: hashing.HashProfile) -> str:
    ctx = _canon._Ctx({}, version == "2.1", model=True, profile=profile)
    return _canon._prehash_mapping(event.model_dump(by_alias=True), ctx)


def _check(event: Any) -> None:
    assert _canon._model_plan(type(event)) is not None  # the walker knows every field
    for version in hashing.VERSIONS:
        for profile in PROFILES:
            walked = hashing.prehash(event, version, hash_profile=profile)
            assert walked == _generic(event, version, profile)


def _document(event: dict[str, Any]) -> bytes:
    doc = {
        "@context": CONTEXT,
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-05-31T00:00:00Z",
        "epcisBody": {"eventList": [event]},
    }
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events())
def test_walker_equals_generic_path_on_generated_events(event: dict[str, Any]) -> None:
    try:
        doc = epcis.load(_document(event))
    except VntraceError:
        return  # the strategy also makes events the model refuses
    for model_event in doc.events:
        _check(model_event)


def test_walker_equals_generic_path_on_reference_documents(reference: Path) -> None:
    checked = 0
    for path in sorted((reference / "epcis").rglob("*")):
        if path.suffix not in {".xml", ".jsonld", ".json"} or "Schema" in str(path):
            continue
        try:
            doc = epcis.load(path)
        except (VntraceError, OSError):
            continue
        for event in getattr(doc, "events", ()) or ():
            _check(event)
            checked += 1
    if checked == 0:
        pytest.skip("no loadable reference document")
    assert checked >= 100, checked


def test_raw_stream_equals_model_stream_on_reference_documents(reference: Path) -> None:
    """``iter_hashes`` hashes JSON-LD from the parsed events unless ``validate``: same hashes."""
    compared = 0
    for path in sorted((reference / "epcis").rglob("*")):
        if (
            path.suffix not in {".jsonld", ".json"}
            or "Schema" in str(path)
            or "Context" in str(path)
        ):
            continue
        try:
            modelled = [r.hash_id for r in hashing.iter_hashes(path, validate=True)]
        except (VntraceError, OSError):
            continue  # a document the model refuses
        for version in hashing.VERSIONS:
            raw = [r.hash_id for r in hashing.iter_hashes(path, version)]
            model = (
                modelled
                if version == "2.0"
                else [r.hash_id for r in hashing.iter_hashes(path, version, validate=True)]
            )
            assert raw == model, path.name
            compared += len(raw)
    if compared == 0:
        pytest.skip("no loadable reference document")
    assert compared >= 100, compared
