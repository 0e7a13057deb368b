"""XML reading (hardened) and writing (XSD order, namespaces, typing)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from lxml import etree

from vntrace import epcis
from vntrace.epcis import xml
from vntrace.epcis.model import (
    FIELD_ORDER,
    EPCISDocument,
    EPCISQueryDocument,
    ObjectEvent,
    QuantityElement,
    SensorElement,
    SensorReport,
)
from vntrace.errors import EpcisError

EPCIS = "urn:epcglobal:epcis:xsd:2"


def doc_xml(events: str, extra_ns: str = "") -> bytes:
    return (
        f'<epcis:EPCISDocument xmlns:epcis="{EPCIS}" {extra_ns} schemaVersion="2.0" '
        'creationDate="2026-05-12T08:00:00Z"><EPCISBody><EventList>'
        f"{events}</EventList></EPCISBody></epcis:EPCISDocument>"
    ).encode()


EVENT = (
    "<ObjectEvent><eventTime>2026-05-12T07:30:00.000+07:00</eventTime>"
    "<eventTimeZoneOffset>+07:00</eventTimeZoneOffset>"
    "<epcList><epc>urn:epc:id:sgtin:8934567.089012.1</epc></epcList>"
    "<action>OBSERVE</action></ObjectEvent>"
)


def codes(exc: pytest.ExceptionInfo[EpcisError]) -> list[str]:
    return [f.code for f in exc.value.findings]


# -- hardening --------------------------------------------------------------------------------


def test_billion_laughs_is_rejected_without_expansion() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<lolz>&lol3;</lolz>"
    )
    with pytest.raises(EpcisError) as exc:
        epcis.load(bomb)
    assert codes(exc) == ["EPCIS.IO_DTD_FORBIDDEN"]
    with pytest.raises(EpcisError) as exc:
        list(epcis.iter_events(bomb))
    assert codes(exc) == ["EPCIS.IO_DTD_FORBIDDEN"]


def test_external_entity_and_external_dtd_are_rejected(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    xxe = f'<!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]><x>&s;</x>'.encode()
    with pytest.raises(EpcisError) as exc:
        epcis.load(xxe)
    assert codes(exc) == ["EPCIS.IO_DTD_FORBIDDEN"]
    external = b'<!DOCTYPE x SYSTEM "http://example.com/x.dtd">' + doc_xml(EVENT)
    with pytest.raises(EpcisError) as exc:
        epcis.load(external)
    assert codes(exc) == ["EPCIS.IO_DTD_FORBIDDEN"]


def test_bare_doctype_of_the_gs1_examples_is_tolerated() -> None:
    doc = epcis.load(b"<!DOCTYPE project>" + doc_xml(EVENT))
    assert len(doc.events) == 1


def test_malformed_xml_reports_the_line() -> None:
    with pytest.raises(EpcisError) as exc:
        epcis.load(doc_xml(EVENT).replace(b"</action>", b"</actio>\n"))
    assert exc.value.code == "EPCIS.IO_MALFORMED_XML"
    assert exc.value.finding.params["line"] == 1


def test_too_deep_nesting_is_an_error_not_a_crash() -> None:
    deep = b"<a>" * 5000 + b"</a>" * 5000
    with pytest.raises(EpcisError):
        epcis.load(deep)


def test_not_epcis_and_qualified_events() -> None:
    with pytest.raises(EpcisError) as exc:
        epcis.load(b"<html><body/></html>")
    assert codes(exc) == ["EPCIS.IO_NOT_EPCIS"]
    qualified = doc_xml(
        EVENT.replace("ObjectEvent>", "epcis:ObjectEvent>").replace(
            "<ObjectEvent", "<epcis:ObjectEvent"
        )
    )
    with pytest.raises(EpcisError) as exc:
        epcis.load(qualified)
    assert codes(exc) == ["EPCIS.IO_UNKNOWN_EVENT_TYPE"]


def test_bad_values_are_findings_with_locations() -> None:
    bad = doc_xml(
        EVENT.replace("2026-05-12T07:30:00.000+07:00", "2026-05-12T07:30:00")
        + EVENT.replace("OBSERVE", "observe")
    )
    with pytest.raises(EpcisError) as exc:
        epcis.load(bad)
    found = {(f.code, f.location.field) for f in exc.value.findings}
    assert found == {
        ("EPCIS.IO_BAD_TIMESTAMP", "/epcisBody/eventList/0/eventTime"),
        ("EPCIS.IO_INVALID_VALUE", "/epcisBody/eventList/1/action"),
    }


# -- reading ----------------------------------------------------------------------------------


def test_cbv_values_and_curies_are_canonical() -> None:
    event = EVENT.replace(
        "<action>OBSERVE</action>",
        "<action>OBSERVE</action><bizStep>https://ref.gs1.org/cbv/BizStep-shipping</bizStep>"
        "<disposition>urn:epcglobal:cbv:disp:in_transit</disposition>"
        "<sensorElementList><sensorElement>"
        '<sensorReport type="gs1:Temperature" component="cbv:Comp-x" value="26" uom="CEL" '
        'booleanValue="1" time="2026-05-12T01:00:00Z" ex:note="n"/>'
        "</sensorElement></sensorElementList>",
    )
    doc = epcis.load(
        doc_xml(
            event,
            'xmlns:gs1="https://gs1.org/voc/" xmlns:cbv="https://ref.gs1.org/cbv/" '
            'xmlns:ex="https://ex.vn/"',
        )
    )
    ev = doc.events[0]
    assert isinstance(ev, ObjectEvent)
    assert (ev.biz_step, ev.disposition) == ("shipping", "in_transit")
    assert ev.sensor_element_list is not None
    report = ev.sensor_element_list[0].sensor_report[0]
    assert (report.type, report.component, report.value, report.boolean_value) == (
        "Temperature",
        "x",
        26.0,
        True,
    )
    assert report.time == datetime(2026, 5, 12, 1, tzinfo=UTC)
    assert report.extensions == {"{https://ex.vn/}note": "n"}


def test_extension_typing_nesting_and_repeats() -> None:
    ext = (
        '<ex:n xsi:type="xsd:integer">7</ex:n><ex:f xsi:type="xsd:double">2.5</ex:f>'
        '<ex:b xsi:type="xsd:boolean">false</ex:b><ex:s xsi:type="xsd:string">7</ex:s>'
        "<ex:r>1</ex:r><ex:r>2</ex:r>"
        '<ex:o><ex:inner unit="kg">3</ex:inner><plain>x</plain></ex:o>'
    )
    doc = epcis.load(
        doc_xml(
            EVENT.replace("</ObjectEvent>", ext + "</ObjectEvent>"),
            'xmlns:ex="https://ex.vn/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xmlns:xsd="http://www.w3.org/2001/XMLSchema"',
        )
    )
    x = "{https://ex.vn/}"
    assert doc.events[0].extensions == {
        f"{x}n": 7,
        f"{x}f": 2.5,
        f"{x}b": False,
        f"{x}s": "7",
        f"{x}r": ["1", "2"],
        f"{x}o": {f"{x}inner": {"@unit": "kg", "#text": "3"}, "plain": "x"},
    }
    again = epcis.load(epcis.dump_xml(doc))
    assert again == doc
    assert epcis.load(epcis.dump_json(doc)) == doc


def test_legacy_extension_wrappers_are_flattened() -> None:
    event = EVENT.replace(
        "<action>OBSERVE</action>",
        "<action>OBSERVE</action><extension><quantityList><quantityElement>"
        "<epcClass>urn:epc:class:lgtin:8934567.089012.L1</epcClass><quantity>2.50</quantity>"
        "<uom>KGM</uom></quantityElement></quantityList><ex:x>1</ex:x></extension>",
    )
    ev = epcis.load(doc_xml(event, 'xmlns:ex="https://ex.vn/"')).events[0]
    assert isinstance(ev, ObjectEvent)
    assert ev.quantity_list == (
        QuantityElement(
            epc_class="urn:epc:class:lgtin:8934567.089012.L1", quantity=Decimal("2.5"), uom="KGM"
        ),
    )
    assert ev.extensions == {"{https://ex.vn/}x": "1"}


# -- writing ----------------------------------------------------------------------------------


def _full_event() -> ObjectEvent:
    return ObjectEvent.model_validate(
        {
            "eventTime": datetime(2026, 5, 12, 7, 30, tzinfo=timezone(timedelta(hours=7))),
            "eventTimeZoneOffset": "+07:00",
            "recordTime": datetime(2026, 5, 12, 1, tzinfo=UTC),
            "eventID": "urn:uuid:8d9e1b61-5e0c-4bd8-9d5e-0c4b1e4e8f01",
            "errorDeclaration": {
                "declarationTime": datetime(2026, 5, 13, tzinfo=UTC),
                "reason": "incorrect_data",
            },
            "certificationInfo": "https://cert.example.vn/1",
            "epcList": ["urn:epc:id:sgtin:8934567.089012.1"],
            "action": "ADD",
            "bizStep": "commissioning",
            "disposition": "active",
            "readPoint": {"id": "https://id.gs1.org/414/8934567000017"},
            "bizLocation": {"id": "https://id.gs1.org/414/8934567000017"},
            "bizTransactionList": [
                {"type": "po", "bizTransaction": "urn:epc:id:gdti:8934567.00000.1"}
            ],
            "quantityList": [
                {"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "quantity": "5"}
            ],
            "sourceList": [
                {"type": "owning_party", "source": "https://id.gs1.org/417/8934567000017"}
            ],
            "destinationList": [
                {"type": "location", "destination": "https://id.gs1.org/414/8934567000017"}
            ],
            "sensorElementList": [
                SensorElement(
                    sensor_report=(SensorReport(type="Temperature", value=4.5, uom="CEL"),)
                )
            ],
            "persistentDisposition": {
                "set": ["completeness_verified"],
                "unset": ["completeness_inferred"],
            },
            "ilmd": {"{urn:epcglobal:cbv:mda}lotNumber": "L1"},
            "extensions": {"{https://ex.vn/}note": "x"},
        }
    )


def test_xml_element_order_is_the_xsd_sequence() -> None:
    doc = EPCISDocument(creation_date=datetime(2026, 5, 12, tzinfo=UTC), events=(_full_event(),))
    root = etree.fromstring(epcis.dump_xml(doc))
    (event,) = root.find("EPCISBody").find("EventList")
    tags = [child.tag for child in event]
    expected = [name for _, name in FIELD_ORDER["ObjectEvent"]] + ["{https://ex.vn/}note"]
    assert tags == expected
    pd = event.find("persistentDisposition")
    assert [c.tag for c in pd] == ["unset", "set"]  # XSD: unset before set
    assert event.find("bizStep").text == "urn:epcglobal:cbv:bizstep:commissioning"
    report = event.find("sensorElementList/sensorElement/sensorReport")
    assert report.get("type") == "https://gs1.org/voc/Temperature"
    assert report.get("value") == "4.5"
    assert epcis.load(epcis.dump_xml(doc)) == doc


def test_web_uri_option() -> None:
    doc = EPCISDocument(creation_date=datetime(2026, 5, 12, tzinfo=UTC), events=(_full_event(),))
    out = epcis.dump_xml(doc, cbv_form="web")
    assert b"<bizStep>https://ref.gs1.org/cbv/BizStep-commissioning</bizStep>" in out
    assert b'type="https://ref.gs1.org/cbv/BTT-po"' in out
    assert epcis.load(out) == doc


def test_query_results_is_namespace_qualified() -> None:
    doc = EPCISQueryDocument(
        creation_date=datetime(2026, 5, 12, tzinfo=UTC),
        query_name="SimpleEventQuery",
        events=(_full_event(),),
    )
    root = etree.fromstring(epcis.dump_xml(doc))
    assert root.tag == "{urn:epcglobal:epcis-query:xsd:2}EPCISQueryDocument"
    body = root.find("EPCISBody")
    assert body is not None
    assert body[0].tag == "{urn:epcglobal:epcis-query:xsd:2}QueryResults"
    assert body[0].find("resultsBody/EventList/ObjectEvent") is not None
    assert epcis.load(epcis.dump_xml(doc)) == doc


def test_quantity_without_value_but_with_uom_writes_nil() -> None:
    ev = _full_event().model_copy(
        update={
            "quantity_list": (
                QuantityElement(epc_class="urn:epc:class:lgtin:8934567.089012.L1", uom="KGM"),
            )
        }
    )
    doc = EPCISDocument(creation_date=datetime(2026, 5, 12, tzinfo=UTC), events=(ev,))
    out = epcis.dump_xml(doc)
    assert b'<quantity xsi:nil="true"/>' in out
    assert epcis.load(out) == doc


def test_unrepresentable_extension_is_an_error() -> None:
    ev = _full_event().model_copy(update={"extensions": {"{https://ex.vn/}m": [[1, 2]]}})
    doc = EPCISDocument(creation_date=datetime(2026, 5, 12, tzinfo=UTC), events=(ev,))
    with pytest.raises(EpcisError) as exc:
        epcis.dump_xml(doc)
    assert exc.value.code == "EPCIS.IO_XML_UNREPRESENTABLE"


def test_streaming_reader_clears_processed_events() -> None:
    data = doc_xml(EVENT * 50)
    shell, events = xml.stream(data)
    assert shell.events == ()
    seen = list(events)
    assert len(seen) == 50
    assert tuple(seen) == epcis.load(data).events
