"""The event pre-hash string and hash ID (vntrace.epcis.hashing).

Every expected string here was written by hand from the rules of epcis.md §3 (canonical order,
no separators, sorted list elements, normalisation), not produced by the code under test.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vntrace.epcis.hashing import (
    ALGORITHMS,
    context_prefixes,
    document_hashes,
    event_hash,
    prehash,
)
from vntrace.errors import EpcisError, UnsupportedInput

NS = "https://ex.vn/"
CTX = {"ex": NS}

OBJECT_EVENT = {
    "type": "ObjectEvent",
    "eventID": "ni:///sha-256;00?ver=CBV2.0",
    "eventTime": "2026-05-12T14:30:00.0005+07:00",
    "recordTime": "2026-05-12T08:00:00Z",
    "eventTimeZoneOffset": " +07:00 ",
    "epcList": ["urn:epc:id:sgtin:8934567.089012.B", "urn:epc:id:sgtin:8934567.089012.A"],
    "action": "ADD",
    "bizStep": "urn:epcglobal:cbv:bizstep:commissioning",
    "disposition": "active",
    "readPoint": {"id": "urn:epc:id:sgln:8934567.00001.0"},
    "quantityList": [
        {"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "quantity": 12.50, "uom": "KGM"}
    ],
    "ilmd": {"ex:harvest": "2026-05-01", "ex:farm": {"ex:name": "Phúc Trạch"}},
    "ex:note": " x ",
    "errorDeclaration": {"declarationTime": "2026-05-13T00:00:00Z", "reason": "incorrect_data"},
}
OBJECT_PREHASH = (
    "eventType=ObjectEvent"
    "eventTime=2026-05-12T07:30:00.001Z"  # .0005 rounds half-up to .001
    "eventTimeZoneOffset=+07:00"
    "epcList"
    "epc=https://id.gs1.org/01/08934567890120/21/A"
    "epc=https://id.gs1.org/01/08934567890120/21/B"
    "quantityList"
    "quantityElementepcClass=https://id.gs1.org/01/08934567890120/10/L1quantity=12.5uom=KGM"
    "action=ADD"
    "bizStep=https://ref.gs1.org/cbv/BizStep-commissioning"
    "disposition=https://ref.gs1.org/cbv/Disp-active"
    "readPointid=https://id.gs1.org/414/8934567000017"
    "ilmd{https://ex.vn/}farm{https://ex.vn/}name=Phúc Trạch{https://ex.vn/}harvest=2026-05-01"
    "{https://ex.vn/}note=x"
)


def test_object_event_by_hand() -> None:
    assert prehash(OBJECT_EVENT, context=CTX) == OBJECT_PREHASH


def test_hash_is_sha256_of_the_prehash() -> None:
    digest = hashlib.sha256(OBJECT_PREHASH.encode("utf-8")).hexdigest()
    assert event_hash(OBJECT_EVENT, context=CTX) == f"ni:///sha-256;{digest}?ver=CBV2.0"
    assert event_hash(OBJECT_EVENT, "2.1", context=CTX).endswith(f"{digest}?ver=CBV2.1")


def test_embedded_context_and_jsonld_context_forms() -> None:
    embedded = {**OBJECT_EVENT, "@context": [{"ex": NS}]}
    assert prehash(embedded) == OBJECT_PREHASH
    assert prehash(OBJECT_EVENT, context=["https://ref.gs1.org/x.jsonld", {"ex": NS}]) == (
        OBJECT_PREHASH
    )


def test_excluded_fields_do_not_change_the_hash() -> None:
    stripped = {
        k: v
        for k, v in OBJECT_EVENT.items()
        if k not in {"eventID", "recordTime", "errorDeclaration"}
    }
    assert event_hash(stripped, context=CTX) == event_hash(OBJECT_EVENT, context=CTX)


def test_offset_is_hashed_but_the_instant_is_normalised() -> None:
    other_offset = {**OBJECT_EVENT, "eventTime": "2026-05-12T07:30:00.0005Z"}
    assert prehash(other_offset, context=CTX) == OBJECT_PREHASH
    other_zone = {**OBJECT_EVENT, "eventTimeZoneOffset": "+00:00"}
    assert event_hash(other_zone, context=CTX) != event_hash(OBJECT_EVENT, context=CTX)


def test_aggregation_with_typed_lists_by_hand() -> None:
    event = {
        "type": "AggregationEvent",
        "eventTime": "2026-05-12T07:30:00Z",
        "eventTimeZoneOffset": "+07:00",
        "certificationInfo": ["https://cert.vn/2", "https://cert.vn/1"],
        "parentID": "https://example.vn/00/189345670000000120?x=1",
        "childEPCs": ["https://id.gs1.org/01/8934567890120/10/L1/21/S1"],
        "action": "ADD",
        "bizStep": "cbv:BizStep-packing",
        "persistentDisposition": {
            "unset": ["in_progress"],
            "set": ["urn:epcglobal:cbv:disp:active"],
        },
        "bizLocation": {"id": "urn:epc:id:sgln:8934567.00001.7"},
        "bizTransactionList": [
            {"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:8934567000017:PO-1"},
            {"bizTransaction": "https://erp.vn/tx/9"},
        ],
        "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:89345678.0012"}],
        "destinationList": [
            {
                "type": "https://ref.gs1.org/cbv/SDT-location",
                "destination": "urn:epc:id:sgln:8934567.00001.0",
            }
        ],
    }
    expected = (
        "eventType=AggregationEvent"
        "eventTime=2026-05-12T07:30:00.000Z"
        "eventTimeZoneOffset=+07:00"
        "certificationInfo=https://cert.vn/1certificationInfo=https://cert.vn/2"
        "parentID=https://id.gs1.org/00/189345670000000120"
        "childEPCsepc=https://id.gs1.org/01/08934567890120/21/S1"
        "action=ADD"
        "bizStep=https://ref.gs1.org/cbv/BizStep-packing"
        "persistentDisposition"
        "set=https://ref.gs1.org/cbv/Disp-active"
        "unset=https://ref.gs1.org/cbv/Disp-in_progress"
        "bizLocationid=https://id.gs1.org/414/8934567000017/254/7"
        "bizTransactionList"
        "bizTransaction=https://erp.vn/tx/9"  # "b" < "t": elements are sorted as strings
        "type=https://ref.gs1.org/cbv/BTT-pobizTransaction=urn:epcglobal:cbv:bt:8934567000017:PO-1"
        "sourceListtype=https://ref.gs1.org/cbv/SDT-owning_partysource=https://id.gs1.org/417/8934567800129"
        "destinationListtype=https://ref.gs1.org/cbv/SDT-location"
        "destination=https://id.gs1.org/414/8934567000017"
    )
    assert prehash(event) == expected


SENSOR_EVENT = {
    "type": "ObjectEvent",
    "eventTime": "2026-05-12T07:30:00Z",
    "eventTimeZoneOffset": "+07:00",
    "epcList": [],
    "action": "OBSERVE",
    "readPoint": {"id": "https://example.vn/rp/1", "ex:rp": "q"},
    "sensorElementList": [
        {
            "sensorMetadata": {"time": "2026-05-12T00:00:00+07:00", "ex:m": "1"},
            "sensorReport": [
                {"type": "Temperature", "value": 26.0, "uom": "CEL", "ex:r": "b"},
                {"type": "gs1:Temperature", "value": 25, "uom": "CEL", "booleanValue": True},
            ],
            "ex:e": "z",
        }
    ],
    "ex:top": 1.0,
}


def test_sensor_extensions_cbv20_go_to_a_second_block() -> None:
    expected = (
        "eventType=ObjectEventeventTime=2026-05-12T07:30:00.000ZeventTimeZoneOffset=+07:00"
        "action=OBSERVE"
        "readPointid=https://example.vn/rp/1"
        "sensorElementListsensorElement"
        "sensorMetadatatime=2026-05-11T17:00:00.000Z"
        "sensorReporttype=https://gs1.org/voc/Temperaturevalue=25booleanValue=trueuom=CEL"
        "sensorReporttype=https://gs1.org/voc/Temperaturevalue=26uom=CEL"
        # tail, sorted: "readPoint…" < "sensorElementList…" < "{…"
        "readPoint{https://ex.vn/}rp=q"
        "sensorElementListsensorElement"
        "sensorMetadata{https://ex.vn/}m=1sensorReport{https://ex.vn/}r=b{https://ex.vn/}e=z"
        "{https://ex.vn/}top=1"
    )
    assert prehash(SENSOR_EVENT, context=CTX) == expected


def test_sensor_extensions_cbv21_stay_under_their_field() -> None:
    expected = (
        "eventType=ObjectEventeventTime=2026-05-12T07:30:00.000ZeventTimeZoneOffset=+07:00"
        "action=OBSERVE"
        "readPointid=https://example.vn/rp/1{https://ex.vn/}rp=q"
        "sensorElementListsensorElement"
        "sensorMetadatatime=2026-05-11T17:00:00.000Z{https://ex.vn/}m=1"
        "sensorReporttype=https://gs1.org/voc/Temperaturevalue=25booleanValue=trueuom=CEL"
        "sensorReporttype=https://gs1.org/voc/Temperaturevalue=26uom=CEL{https://ex.vn/}r=b"
        "{https://ex.vn/}e=z"
        "{https://ex.vn/}top=1"
    )
    assert prehash(SENSOR_EVENT, "2.1", context=CTX) == expected


def test_transformation_event_order() -> None:
    event = {
        "type": "TransformationEvent",
        "eventTime": "2026-05-12T07:30:00Z",
        "eventTimeZoneOffset": "+07:00",
        "outputEPCList": ["urn:epc:id:sgtin:8934567.089012.2"],
        "inputQuantityList": [{"epcClass": "urn:epc:idpat:sgtin:8934567.089012.*", "quantity": 3}],
        "inputEPCList": ["urn:epc:id:sgtin:8934567.089012.1"],
        "transformationID": "urn:uuid:1",
        "bizStep": "https://example.vn/step/peel",
    }
    expected = (
        "eventType=TransformationEventeventTime=2026-05-12T07:30:00.000Z"
        "eventTimeZoneOffset=+07:00"
        "inputEPCListepc=https://id.gs1.org/01/08934567890120/21/1"
        "inputQuantityListquantityElementepcClass=https://id.gs1.org/01/08934567890120quantity=3"
        "outputEPCListepc=https://id.gs1.org/01/08934567890120/21/2"
        "transformationID=urn:uuid:1"
        "bizStep=https://example.vn/step/peel"
    )
    assert prehash(event) == expected


@pytest.mark.parametrize(
    ("written", "utc"),
    [
        ("2026-12-31T23:59:59.9996Z", "2027-01-01T00:00:00.000Z"),
        ("2026-12-31T23:59:59.9994999Z", "2026-12-31T23:59:59.999Z"),
        ("2026-05-12T01:00:00-05:30", "2026-05-12T06:30:00.000Z"),
        ("2026-05-12T01:00:00.1+14:00", "2026-05-11T11:00:00.100Z"),
        ("2026-05-12T01:00:00.12", "2026-05-12T01:00:00.120Z"),  # no zone: read as UTC
        ("not a time", "not a time"),
        ("2026-02-30T00:00:00Z", "2026-02-30T00:00:00Z"),  # impossible date kept as written
    ],
)
def test_timestamps(written: str, utc: str) -> None:
    event = {"type": "ObjectEvent", "eventTime": written, "eventTimeZoneOffset": "+00:00"}
    assert prehash(event) == f"eventType=ObjectEventeventTime={utc}eventTimeZoneOffset=+00:00"


def test_datetime_values_round_like_strings() -> None:
    plus7 = timezone(timedelta(hours=7))
    value = datetime(2026, 5, 12, 14, 30, 0, 999500, tzinfo=plus7)
    event = {"type": "ObjectEvent", "eventTime": value, "eventTimeZoneOffset": "+07:00"}
    assert prehash(event) == (
        "eventType=ObjectEventeventTime=2026-05-12T07:30:01.000ZeventTimeZoneOffset=+07:00"
    )


@pytest.mark.parametrize(
    ("quantity", "text"),
    [
        (26.0, "26"),
        ("26.000", "26"),
        (Decimal("0.10"), "0.1"),
        ("1E+2", "100"),
        (1e-7, "0.0000001"),
        (-0.0, "0"),
        (12345678901234567890, "12345678901234567890"),
        (0.1 + 0.2, "0.30000000000000004"),
        ("abc", "abc"),
    ],
)
def test_numbers(quantity: object, text: str) -> None:
    event = {
        "type": "ObjectEvent",
        "quantityList": [{"epcClass": "https://example.vn/c", "quantity": quantity}],
    }
    assert prehash(event) == (
        f"eventType=ObjectEventquantityListquantityElementepcClass=https://example.vn/cquantity={text}"
    )


def test_extension_values_and_xml_shapes() -> None:
    event = {
        "type": "ObjectEvent",
        "ex:list": [3, "b", True, None],
        "ex:el": {"#text": " t ", "@ex:attr": "v", "ex:child": ""},
        "{urn:epcglobal:cbv:mda:}lotNumber": "L1",
        "cbvmda:sellByDate": "2026-06-01",
        "http://other.vn/ns#flag": False,
        "rdfs:comment": "ignored",
    }
    expected = (
        "eventType=ObjectEvent"
        "{http://other.vn/ns#}flag=false"
        "{https://ex.vn/}el=t{https://ex.vn/}attr=v{https://ex.vn/}child"
        "{https://ex.vn/}list"
        "{https://ex.vn/}list=3"
        "{https://ex.vn/}list=b"
        "{https://ex.vn/}list=true"
        "{urn:epcglobal:cbv:mda}lotNumber=L1"
        "{urn:epcglobal:cbv:mda}sellByDate=2026-06-01"
    )
    assert prehash(event, context=CTX) == expected


def test_identifier_values_inside_extensions_are_normalised() -> None:
    event = {"type": "ObjectEvent", "ex:ref": "urn:epc:id:sgln:8934567.00001.0"}
    assert prehash(event, context=CTX) == (
        "eventType=ObjectEvent{https://ex.vn/}ref=https://id.gs1.org/414/8934567000017"
    )


def test_unconvertible_identifiers_are_kept() -> None:
    event = {
        "type": "ObjectEvent",
        "epcList": ["urn:epc:id:gid:95100000.12345.400", " urn:epc:id:sgtin:1.2.3 "],
    }
    assert prehash(event) == (
        "eventType=ObjectEventepcListepc=urn:epc:id:gid:95100000.12345.400epc=urn:epc:id:sgtin:1.2.3"
    )


def test_vocabulary_forms_are_equal() -> None:
    forms = [
        "shipping",
        "urn:epcglobal:cbv:bizstep:shipping",
        "https://ref.gs1.org/cbv/BizStep-shipping",
        "cbv:BizStep-shipping",
    ]
    hashes = {event_hash({"type": "ObjectEvent", "bizStep": f}) for f in forms}
    assert len(hashes) == 1
    component = {
        "type": "ObjectEvent",
        "sensorElementList": [{"sensorReport": [{"component": "x"}]}],
    }
    assert prehash(component) == (
        "eventType=ObjectEventsensorElementListsensorElement"
        "sensorReportcomponent=https://ref.gs1.org/cbv/Comp-x"
    )


def test_algorithms_and_versions() -> None:
    pre = prehash(OBJECT_EVENT, context=CTX).encode()
    assert event_hash(OBJECT_EVENT, algorithm="sha3-256", context=CTX) == (
        f"ni:///sha3-256;{hashlib.sha3_256(pre).hexdigest()}?ver=CBV2.0"
    )
    assert event_hash(OBJECT_EVENT, algorithm="sha-256-32", context=CTX) == (
        f"ni:///sha-256-32;{hashlib.sha256(pre).hexdigest()[:8]}?ver=CBV2.0"
    )
    assert "sha-512" in ALGORITHMS
    with pytest.raises(UnsupportedInput) as err:
        event_hash(OBJECT_EVENT, algorithm="md5")
    assert err.value.code == "EPCIS.HASH_UNSUPPORTED_ALGORITHM"
    with pytest.raises(UnsupportedInput) as err:
        prehash(OBJECT_EVENT, version="3.0")
    assert err.value.code == "EPCIS.HASH_UNSUPPORTED_VERSION"


@pytest.mark.parametrize("bad", [{}, {"type": ""}, {"type": 3}, 42, "ObjectEvent"])
def test_not_an_event(bad: object) -> None:
    with pytest.raises(EpcisError) as err:
        prehash(bad)
    assert err.value.code == "EPCIS.HASH_NOT_AN_EVENT"
    assert err.value.message("vi")


def test_document_hashes_matches_event_hash() -> None:
    doc = {
        "@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld", {"ex": NS}],
        "type": "EPCISDocument",
        "epcisBody": {"eventList": [OBJECT_EVENT, SENSOR_EVENT]},
    }
    assert document_hashes(doc) == [
        event_hash(OBJECT_EVENT, context=CTX),
        event_hash(SENSOR_EVENT, context=CTX),
    ]
    query = {
        "@context": [{"ex": NS}],
        "epcisBody": {"queryResults": {"resultsBody": {"eventList": [OBJECT_EVENT]}}},
    }
    assert document_hashes(query, "2.1") == [event_hash(OBJECT_EVENT, "2.1", context=CTX)]
    assert document_hashes({"epcisBody": {}}) == []
    with pytest.raises(EpcisError):
        document_hashes({"epcisBody": {"eventList": ["x"]}})


def test_context_prefixes() -> None:
    assert context_prefixes("https://ref.gs1.org/standards/epcis/epcis-context.jsonld") == {}
    assert context_prefixes([{"@vocab": "x", "a": "https://a/", "t": {"@id": "https://a/t"}}]) == {
        "a": "https://a/",
        "t": "https://a/t",
    }


def _model_event():
    from vntrace.epcis.model import ObjectEvent, QuantityElement, ReadPoint  # noqa: PLC0415

    plus7 = timezone(timedelta(hours=7))
    return ObjectEvent(
        event_time=datetime(2026, 5, 12, 14, 30, 0, 500, tzinfo=plus7),
        event_time_zone_offset="+07:00",
        epc_list=("urn:epc:id:sgtin:8934567.089012.B", "urn:epc:id:sgtin:8934567.089012.A"),
        action="ADD",
        biz_step="commissioning",
        disposition="active",
        read_point=ReadPoint(id="urn:epc:id:sgln:8934567.00001.0"),
        quantity_list=(
            QuantityElement(
                epc_class="urn:epc:class:lgtin:8934567.089012.L1",
                quantity=Decimal("12.50"),
                uom="KGM",
            ),
        ),
        ilmd={f"{{{NS}}}harvest": "2026-05-01", f"{{{NS}}}farm": {f"{{{NS}}}name": "Phúc Trạch"}},
        extensions={f"{{{NS}}}note": "x"},
    )


def test_model_event_gives_the_same_prehash() -> None:
    assert prehash(_model_event()) == OBJECT_PREHASH
    assert event_hash(_model_event(), "2.1") == event_hash(OBJECT_EVENT, "2.1", context=CTX)


# --- timestamp normalisation against a plain datetime reference ---------------------------------

_YEARS = st.sampled_from(["0000", "0001", "1900", "2000", "2024", "2026", "9999"])


def _reference_utc(text: str) -> str:
    """The rule of epcis.md §3 with nothing but ``datetime`` (no shortcuts)."""
    m = re.fullmatch(
        r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?"
        r"(Z|z|[+-][0-9]{2}:[0-9]{2})?",
        text,
    )
    if m is None:
        return text
    year, month, day, hour, minute, second, frac, zone = m.groups()
    frac = frac or ""
    ms = int((frac + "000")[:3]) + (1 if len(frac) > 3 and frac[3] >= "5" else 0)
    try:
        dt = datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=UTC
        )
        if zone and zone not in {"Z", "z"}:
            sign = 1 if zone[0] == "+" else -1
            dt -= sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
        if ms == 1000:
            dt += timedelta(seconds=1)
            ms = 0
    except (ValueError, OverflowError):
        return text
    return f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}T{dt:%H:%M:%S}.{ms:03d}Z"


@given(
    _YEARS,
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 25),
    st.integers(0, 61),
    st.integers(0, 61),
    st.sampled_from(["", ".5", ".9995", ".99949", ".1234567", ".0005"]),
    st.sampled_from(["", "Z", "z", "+07:00", "-05:30", "+14:00", "-14:00", "+00:00", "+23:59"]),
)
def test_timestamp_rule_matches_datetime_reference(
    year: str, month: int, day: int, hour: int, minute: int, second: int, frac: str, zone: str
) -> None:
    text = f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{frac}{zone}"
    event = {"type": "ObjectEvent", "eventTime": text}
    assert prehash(event) == f"eventType=ObjectEventeventTime={_reference_utc(text)}"


def test_key_forms_match_the_jsonld_reader() -> None:
    """Full-IRI keys, context terms and nested contexts: the model path and the dict path agree."""
    import json  # noqa: PLC0415

    from vntrace import epcis  # noqa: PLC0415

    event = {
        "type": "ObjectEvent",
        "eventTime": "2026-05-12T07:30:00Z",
        "eventTimeZoneOffset": "+07:00",
        "action": "OBSERVE",
        "epcList": [],
        "urn:x:flag": "u",
        "https://ex.vn/full#frag": "f",
        "term": "t",
        "ex:outer": {"@context": {"in": "https://inner.vn/"}, "in:leaf": "1.50"},
    }
    context = [
        "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
        {"ex": NS, "term": {"@id": "https://t.vn/v/term"}},
    ]
    doc = {
        "@context": context,
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-05-12T08:00:00Z",
        "epcisBody": {"eventList": [event]},
    }
    expected = (
        "eventType=ObjectEventeventTime=2026-05-12T07:30:00.000ZeventTimeZoneOffset=+07:00"
        "action=OBSERVE"
        "{https://ex.vn/full#}frag=f"
        "{https://ex.vn/}outer{https://inner.vn/}leaf=1.5"
        "{https://t.vn/v/}term=t"
        "{urn:x:}flag=u"
    )
    assert prehash(event, context=context) == expected
    model = epcis.load(json.dumps(doc).encode()).events[0]
    assert prehash(model) == expected


MINIMAL = {
    "type": "ObjectEvent",
    "eventTime": "2026-05-12T07:30:00Z",
    "eventTimeZoneOffset": "+07:00",
    "action": "OBSERVE",
}


@pytest.mark.parametrize("depth", [501, 100_000])
@pytest.mark.parametrize("container", ["object", "array"])
def test_deep_extension_is_refused_not_a_crash(depth: int, container: str) -> None:
    # the compiled hasher has no recursion limit: an unbounded walk would overflow the C stack
    value: object = "x"
    for _ in range(depth):
        value = {"ex:a": value} if container == "object" else [value]
    with pytest.raises(EpcisError) as caught:
        event_hash({**MINIMAL, "ex:deep": value}, context=CTX)
    assert [f.code for f in caught.value.findings] == ["EPCIS.IO_TOO_DEEP"]


def test_extension_nesting_up_to_the_limit_is_hashed() -> None:
    value: object = "7"
    for _ in range(500):
        value = {"ex:a": value}
    pre = prehash({**MINIMAL, "ex:deep": value}, context=CTX)
    assert pre.endswith("{https://ex.vn/}deep" + "{https://ex.vn/}a" * 499 + "{https://ex.vn/}a=7")
