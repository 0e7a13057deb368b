"""Property: any document survives XML, JSON-LD, both conversions and streaming unchanged."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from epcis_io_strategies import documents
from hypothesis import given
from hypothesis import strategies as st

from vntrace import epcis
from vntrace.epcis.convert import convert_file
from vntrace.epcis.model import EPCISDocument
from vntrace.errors import VntraceError


@given(documents)
def test_xml_roundtrip(doc: EPCISDocument) -> None:
    assert epcis.load(epcis.dump_xml(doc)) == doc


@given(documents)
def test_json_roundtrip(doc: EPCISDocument) -> None:
    assert epcis.load(epcis.dump_json(doc)) == doc


@given(documents)
def test_cross_roundtrip_and_web_uris(doc: EPCISDocument) -> None:
    assert epcis.load(epcis.dump_xml(epcis.load(epcis.dump_json(doc)), cbv_form="web")) == doc


@given(documents)
def test_streaming_conversion_equals_loading(doc: EPCISDocument) -> None:
    xml_bytes = epcis.dump_xml(doc)
    assert tuple(epcis.iter_events(xml_bytes)) == doc.events
    out = io.BytesIO()
    assert convert_file(io.BytesIO(xml_bytes), out, to="json") == len(doc.events)
    assert epcis.load(out.getvalue()) == doc
    back = io.BytesIO()
    convert_file(io.BytesIO(out.getvalue()), back, to="xml")
    assert epcis.load(back.getvalue()) == doc


json_values = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8)
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
EVENT_KEYS = st.sampled_from(
    [
        "type",
        "eventTime",
        "eventTimeZoneOffset",
        "action",
        "epcList",
        "bizStep",
        "readPoint",
        "quantityList",
        "sensorElementList",
        "ilmd",
        "errorDeclaration",
        "ex:x",
        "@context",
    ]
)
hostile_events = st.builds(
    lambda fields, kind, valid: {
        "eventTime": "2026-05-12T07:30:00Z",
        "eventTimeZoneOffset": "+07:00",
        "action": "ADD",
        **valid,
        **fields,
        "type": kind,
    },
    st.dictionaries(EVENT_KEYS, json_values, max_size=4),
    st.sampled_from(["ObjectEvent", "AggregationEvent", "TransformationEvent", "Nope"]),
    st.fixed_dictionaries({}, optional={"parentID": st.just("urn:epc:id:sscc:8934567.0000000001")}),
)


@given(hostile_events)
def test_hostile_json_events_never_crash(event: dict[str, object]) -> None:
    doc = {
        "@context": [
            "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
            {"ex": "https://ex.vn/"},
        ],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-05-12T08:00:00Z",
        "epcisBody": {"eventList": [event]},
    }
    text = json.dumps(doc)
    assert _fails_cleanly(lambda: epcis.loads(text))
    assert _fails_cleanly(lambda: list(epcis.iter_events(text.encode())))


@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda t: "<" + t))
def test_hostile_bytes_never_crash(data: bytes | str) -> None:
    assert _fails_cleanly(lambda: epcis.loads(data))


def _fails_cleanly(attempt: Callable[[], object]) -> bool:
    """``True`` when ``attempt`` succeeds or raises a VntraceError that carries findings."""
    try:
        attempt()
    except VntraceError as exc:
        return bool(exc.findings)
    return True


XML_NAMES = [
    "eventTime",
    "eventTimeZoneOffset",
    "action",
    "epcList",
    "epc",
    "bizStep",
    "readPoint",
    "id",
    "quantityList",
    "quantityElement",
    "epcClass",
    "quantity",
    "uom",
    "sensorElementList",
    "sensorElement",
    "sensorReport",
    "sensorMetadata",
    "ilmd",
    "errorDeclaration",
    "declarationTime",
    "persistentDisposition",
    "set",
    "extension",
    "bizTransactionList",
    "bizTransaction",
    "sourceList",
    "source",
    "ex:x",
]
xml_trees = st.recursive(
    st.builds(
        lambda name, text, attr: f'<{name} {attr}="{text}">{text}</{name}>',
        st.sampled_from(XML_NAMES),
        st.sampled_from(
            ["", "ADD", "1.5", "abc", "2026-05-12T07:30:00Z", "true", "gs1:Temperature"]
        ),
        st.sampled_from(["type", "value", "time", "booleanValue", "ex:a", "xsi:nil"]),
    ),
    lambda inner: st.builds(
        lambda name, kids: f"<{name}>{''.join(kids)}</{name}>",
        st.sampled_from(XML_NAMES),
        st.lists(inner, max_size=3),
    ),
    max_leaves=8,
)


@given(
    st.sampled_from(["ObjectEvent", "AggregationEvent", "TransactionEvent"]),
    st.lists(xml_trees, max_size=5),
)
def test_hostile_xml_events_never_crash(kind: str, children: list[str]) -> None:
    text = (
        '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="https://ex.vn/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" schemaVersion="2.0" '
        'creationDate="2026-05-12T08:00:00Z"><EPCISBody><EventList>'
        f"<{kind}><eventTime>2026-05-12T07:30:00Z</eventTime>"
        f"<eventTimeZoneOffset>+07:00</eventTimeZoneOffset>{''.join(children)}</{kind}>"
        "</EventList></EPCISBody></epcis:EPCISDocument>"
    )
    assert _fails_cleanly(lambda: epcis.loads(text))
    assert _fails_cleanly(lambda: list(epcis.iter_events(text.encode())))
