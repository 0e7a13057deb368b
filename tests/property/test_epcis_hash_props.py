"""Properties of the event hash over generated events.

* Order does not matter: shuffling keys and list elements never changes the hash.
* The model path equals the dict path: ``epcis.load`` of the JSON-LD document, and of its XML
  rendering (``epcis.dump_xml``), give the same pre-hash string as the plain dict.
* Every EPC in the pre-hash string is a canonical Digital Link.
"""

from __future__ import annotations

import json
import random
from typing import Any

from epcis_hash_strategies import CONTEXT, events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vntrace import epcis
from vntrace.epcis.hashing import event_hash, prehash
from vntrace.errors import VntraceError


def _shuffle(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffle(v, rng) for k, v in items}
    if isinstance(value, list):
        out = [_shuffle(v, rng) for v in value]
        rng.shuffle(out)
        return out
    return value


@given(events(), st.randoms(use_true_random=False))
def test_order_never_matters(event: dict[str, Any], rng: random.Random) -> None:
    shuffled = _shuffle(event, rng)
    for version in ("2.0", "2.1"):
        assert event_hash(shuffled, version, context=CONTEXT) == event_hash(
            event, version, context=CONTEXT
        )


def _document(event: dict[str, Any]) -> bytes:
    doc = {
        "@context": CONTEXT,
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-05-31T00:00:00Z",
        "epcisBody": {"eventList": [event]},
    }
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events())
def test_model_and_xml_paths_equal_the_dict_path(event: dict[str, Any]) -> None:
    expected = prehash(event, context=CONTEXT)
    doc = epcis.load(_document(event))
    assert prehash(doc.events[0]) == expected
    again = epcis.load(epcis.dump_xml(doc))
    assert prehash(again.events[0]) == expected
    assert prehash(again.events[0], "2.1") == prehash(event, "2.1", context=CONTEXT)


@given(events())
def test_identifiers_are_canonical_digital_links(event: dict[str, Any]) -> None:
    pre = prehash(event, context=CONTEXT)
    assert "urn:epc:" not in pre
    assert pre.startswith(f"eventType={event['type']}eventTime=2026-0")  # UTC may be in April


_json: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_FIELDS = [
    "eventTime", "eventTimeZoneOffset", "certificationInfo", "epcList", "parentID", "childEPCs",
    "quantityList", "action", "bizStep", "disposition", "persistentDisposition", "readPoint",
    "bizTransactionList", "sourceList", "sensorElementList", "ilmd", "ex:x", "@context",
]  # fmt: skip


@given(
    st.dictionaries(st.sampled_from(_FIELDS), _json, max_size=8), st.sampled_from(["2.0", "2.1"])
)
def test_hostile_events_never_crash(fields: dict[str, Any], version: str) -> None:
    event = {"type": "ObjectEvent", **fields}
    try:
        out = event_hash(event, version, context=CONTEXT)
    except VntraceError:
        return
    assert out.startswith("ni:///sha-256;")
