"""The JSON-LD reader's fast model building agrees with pydantic's validation (issue 7, H7).

``jsonld._fast_event`` builds the models of plain events without pydantic. For generated
events, the benchmark's shapes and mutated versions of both (values swapped for hostile ones,
keys removed or added, nested objects changed), either it declines (``None``) or:

* the general path (``_fast_event`` switched off: the reader's normalisation, then pydantic)
  accepts the same event and builds an *equal* model, with the same fields set at every level,
  the same JSON dump and the same event hash;
* ``read_event`` (fast path on) gives exactly what the general path gives, errors included.

The reference is the general path itself, so a check the fast path forgot shows up as an event
it accepts while pydantic refuses it.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import pytest
from epcis_io_strategies import events as model_events
from epcis_io_strategies import json_objects
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from vntrace import epcis
from vntrace.epcis import jsonld
from vntrace.errors import EpcisError

CONTEXT = [
    "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
    {"ex": "https://ex.vn/"},
]

HOSTILE: list[Any] = [
    None,
    [],
    {},
    "",
    " x ",
    0,
    -1.5,
    10**30,
    True,
    ["a", 1],
    [None],
    {"id": 1},
    {"id": "x", "ex:a": 1},
    {"foo": "bar"},
    "2026-05-12T07:30:00-14:01",
    "2026-02-30T07:30:00Z",
    "2026-05-12T07:30:00.123456789Z",
    "2026-05-12T07:30:00",
    "+14:01",
    "+07:00\n",
    "ADD ",
    "urn:epc:id:sgtin:4012345.077889.27",
    "ex:undeclared",
    "undeclared:x",
    "cbv:BizStep-shipping",
    "urn:epcglobal:cbv:disp:in_transit",
    "ObjectEvent",
]
KEYS = ["ex:a", "foo", "@context", "@x", "type", "action", "quantity", "uom", "id", "set"]


def _plain_events() -> list[dict[str, Any]]:
    """Events shaped like users' plain events (the benchmark's shapes)."""
    common = {
        "eventTime": "2026-05-12T14:30:00.123+07:00",
        "eventTimeZoneOffset": "+07:00",
        "bizStep": "shipping",
        "disposition": "in_transit",
        "readPoint": {"id": "urn:epc:id:sgln:8934567.00001.0"},
        "ex:operator": "op-1",
    }
    quantities = [
        {"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "quantity": 2.5, "uom": "KGM"}
    ]
    return [
        {
            "type": "ObjectEvent",
            **common,
            "action": "ADD",
            "epcList": ["urn:epc:id:sgtin:8934567.089012.1"],
            "ilmd": {"ex:farm": {"ex:name": "Phúc Trạch", "ex:plot": 3}},
            "persistentDisposition": {"set": ["completeness_verified"], "unset": ["x:y"]},
            "quantityList": [*quantities, {"epcClass": "urn:epc:class:lgtin:8934567.089012.L2"}],
            "certificationInfo": ["https://cert.example.vn/1"],
        },
        {
            "type": "AggregationEvent",
            **common,
            "recordTime": "2026-05-12T15:30:00Z",
            "eventID": "ni:///sha-256;00?ver=CBV2.0",
            "parentID": "urn:epc:id:sscc:8934567.0000000001",
            "childEPCs": ["urn:epc:id:sgtin:8934567.089012.2"],
            "action": "DELETE",
            "childQuantityList": [
                {"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "quantity": 7}
            ],
            "bizLocation": {"id": "urn:epc:id:sgln:8934567.00001.0"},
        },
        {
            "type": "TransactionEvent",
            **common,
            "bizTransactionList": [
                {"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:8934567000017:PO1"},
                {"bizTransaction": "https://erp.example.vn/desadv/1"},
            ],
            "epcList": [],
            "action": "OBSERVE",
            "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:8934567.00001"}],
            "destinationList": [
                {"type": "location", "destination": "urn:epc:id:sgln:8934567.00002.0"}
            ],
        },
        {
            "type": "TransformationEvent",
            **common,
            "inputEPCList": ["urn:epc:id:sgtin:8934567.089012.3"],
            "outputQuantityList": quantities,
            "transformationID": "urn:uuid:1",
            "ilmd": {"ex:batch": "B1"},
        },
        {
            "type": "AssociationEvent",
            **common,
            "parentID": "urn:epc:id:grai:8934567.00001.1",
            "childEPCs": ["urn:epc:id:giai:8934567.SENSOR-1"],
            "action": "ADD",
            "certificationInfo": "https://cert.example.vn/2",
        },
        {
            "type": "ObjectEvent",
            **common,
            "action": "OBSERVE",
            "epcList": ["urn:epc:id:sgtin:8934567.089012.4"],
            "sensorElementList": [
                {
                    "sensorMetadata": {
                        "time": "2026-05-12T14:00:00+07:00",
                        "deviceID": "urn:epc:id:giai:8934567.SENSOR-1",
                        "bizRules": "https://rules.example.vn/1",
                    },
                    "sensorReport": [
                        {"type": "Temperature", "value": 4, "uom": "CEL"},
                        {"type": "gs1:RelativeHumidity", "minValue": 60.5, "maxValue": 95},
                        {
                            "exception": "ALARM_CONDITION",
                            "booleanValue": True,
                            "time": "2026-05-12T07:00:00Z",
                        },
                        {"type": "ex:Custom", "stringValue": "ok", "component": "x", "sDev": 0.1},
                    ],
                },
                {"sensorReport": [{"type": "Humidity", "value": 55}]},
            ],
        },
    ]


def _general(event: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as m:
        m.setattr(jsonld, "_fast_event", lambda *_args: None)
        return _outcome(event)


def _outcome(event: dict[str, Any]) -> Any:
    ctx = jsonld._Ctx({}, {}).nested(CONTEXT)
    try:
        return jsonld.read_event(copy.deepcopy(event), ctx, "/e")
    except EpcisError as exc:
        return [f.to_dict("en") for f in exc.findings]


def _fields_set(value: Any) -> Any:
    """Every model's fields set, recursively (``exclude_unset`` dumps depend on them)."""
    if isinstance(value, BaseModel):
        return (
            sorted(value.model_fields_set),
            {k: _fields_set(v) for k, v in value.__dict__.items()},
        )
    if isinstance(value, tuple):
        return [_fields_set(v) for v in value]
    return None


def _check(event: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = jsonld._Ctx({}, {}).nested(CONTEXT)
    kind = event.get("type")
    fast = None
    if isinstance(kind, str) and kind in jsonld.EVENT_TYPES:
        fast = jsonld._fast_event(copy.deepcopy(event), kind, ctx)
    general = _general(event, monkeypatch)
    assert _outcome(event) == general  # the reader as a whole: same model or same findings
    if fast is None:
        return
    assert isinstance(general, BaseModel), f"fast path accepted what pydantic refuses: {general}"
    assert fast == general
    assert type(fast) is type(general)
    assert _fields_set(fast) == _fields_set(general)
    dump = {"by_alias": True, "mode": "json"}
    assert fast.model_dump(**dump) == general.model_dump(**dump)
    assert fast.model_dump(**dump, exclude_unset=True) == general.model_dump(
        **dump, exclude_unset=True
    )
    assert epcis.event_hash(fast) == epcis.event_hash(general)


def _mutate(event: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    data = copy.deepcopy(event)
    objects = json_objects(data)
    for _ in range(rng.randrange(1, 3)):
        target = rng.choice(objects)
        keys = list(target)
        choice = rng.randrange(3)
        if choice == 0 and keys:
            target[rng.choice(keys)] = copy.deepcopy(rng.choice(HOSTILE))
        elif choice == 1 and keys:
            del target[rng.choice(keys)]
        else:
            target[rng.choice(KEYS)] = copy.deepcopy(rng.choice(HOSTILE))
    return data


@pytest.mark.parametrize("index", range(6))
def test_plain_events_take_the_fast_path(index: int, monkeypatch: pytest.MonkeyPatch) -> None:
    event = _plain_events()[index]
    ctx = jsonld._Ctx({}, {}).nested(CONTEXT)
    assert jsonld._fast_event(copy.deepcopy(event), event["type"], ctx) is not None
    _check(event, monkeypatch)


def _substitutions(event: dict[str, Any]) -> list[dict[str, Any]]:
    """Every event with one value of one object replaced by a hostile one, or one key removed."""
    out = []
    paths: list[list[Any]] = []

    def walk(value: Any, path: list[Any]) -> None:
        if isinstance(value, dict):
            paths.append(path)
            for key, item in value.items():
                walk(item, [*path, key])
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, [*path, index])

    walk(event, [])
    for path in paths:
        target_keys = list(_at(event, path))
        for key in target_keys:
            for hostile in [*HOSTILE, _MISSING]:
                data = copy.deepcopy(event)
                target = _at(data, path)
                if hostile is _MISSING:
                    del target[key]
                else:
                    target[key] = copy.deepcopy(hostile)
                out.append(data)
    return out


_MISSING = object()


def _at(data: Any, path: list[Any]) -> Any:
    for step in path:
        data = data[step]
    return data


@pytest.mark.parametrize("index", range(6))
def test_every_single_substitution_agrees(index: int, monkeypatch: pytest.MonkeyPatch) -> None:
    for event in _substitutions(_plain_events()[index]):
        _check(event, monkeypatch)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 5), st.randoms(use_true_random=False))
def test_mutated_plain_events_agree(index: int, rng: random.Random) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _check(_mutate(_plain_events()[index], rng), monkeypatch)


@settings(max_examples=150, deadline=None)
@given(model_events, st.randoms(use_true_random=False), st.booleans())
def test_generated_events_agree(event: Any, rng: random.Random, mutate: bool) -> None:
    data = json.loads(json.dumps(jsonld.event_to_json(event, {"https://ex.vn/ns/": "ex"})))
    data.pop("@context", None)
    if mutate:
        data = _mutate(data, rng)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _check(data, monkeypatch)


def test_declined_shapes_take_the_general_path() -> None:
    ctx = jsonld._Ctx({}, {}).nested(CONTEXT)
    base = _plain_events()[0]
    for key, value in [
        ("sensorElementList", [{"sensorReport": [{"type": "Temperature", "ex:a": 4}]}]),
        ("sensorElementList", [{"sensorReport": [{"type": "Temperature", "value": None}]}]),
        ("sensorElementList", [{"sensorMetadata": {}}]),
        ("sensorElementList", [{"sensorReport": [{"type": "Humidity", "value": 10**400}]}]),
        ("errorDeclaration", {"declarationTime": "2026-05-12T07:30:00Z"}),
        ("@context", {"ex2": "https://ex2.vn/"}),
        ("readPoint", {"id": "urn:epc:id:sgln:8934567.00001.0", "ex:a": 1}),
        ("action", "add"),
        ("eventTimeZoneOffset", "+7:00"),
    ]:
        assert jsonld._fast_event({**base, key: value}, "ObjectEvent", ctx) is None, key
    missing = {k: v for k, v in base.items() if k != "action"}
    assert jsonld._fast_event(missing, "ObjectEvent", ctx) is None
