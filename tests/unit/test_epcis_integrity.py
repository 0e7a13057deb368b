"""EPCIS integrity: nothing is silently changed or lost by reading, streaming or writing.

Each test protects one promise: a value is read and written back unchanged, or refused with a
finding that says why. The expected outcomes come from the standards' rules (XML attributes and
elements, RFC 8259 names, IEEE doubles), not from vntrace's own output: where a value survives,
the test compares against the input itself or against Python's independent computation.
"""

from __future__ import annotations

import io
import json
import math
import resource
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from vntrace import epcis
from vntrace.epcis import jsonld
from vntrace.errors import EpcisError
from vntrace.messages import render

X = (
    '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" '
    'creationDate="2026-05-12T08:00:00Z"><EPCISBody><EventList><ObjectEvent %s>'
    "<eventTime>2026-05-12T07:30:00Z</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>"
    "<epcList><epc>urn:epc:id:sgtin:0614141.107346.2018</epc></epcList><action>ADD</action>"
    "<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>%s</ObjectEvent></EventList></EPCISBody>"
    "</epcis:EPCISDocument>"
)
J = (
    '{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", '
    '{"ex": "https://ex.vn/"}], "type": "EPCISDocument", "schemaVersion": "2.0", '
    '"creationDate": "2026-05-12T08:00:00Z", "epcisBody": {"eventList": [{"type": "ObjectEvent", '
    '"action": "OBSERVE", "eventTime": "2026-05-12T07:30:00Z", "eventTimeZoneOffset": "+07:00", '
    '"epcList": []%s}]}}'
)
EX = "https://ex.vn/"


def xml_doc(attrs: str = "", children: str = "") -> bytes:
    return (X % (attrs, children)).encode()


def json_doc(members: str = "") -> bytes:
    return (J % members).encode()


def refused(code: str, data: bytes) -> None:
    """``load`` and ``iter_events`` both refuse ``data`` with ``code``; the message renders."""
    with pytest.raises(EpcisError) as exc:
        epcis.loads(data)
    assert code in [f.code for f in exc.value.findings]
    with pytest.raises(EpcisError) as exc:
        list(epcis.iter_events(data))
    assert code in [f.code for f in exc.value.findings]
    for lang in ("en", "vi"):
        text = render(exc.value.findings[0].code, exc.value.findings[0].params, lang)
        assert "?" not in text.replace("?ver", "")


def both_ways(doc: epcis.EPCISDocument) -> None:
    """XML and JSON-LD round trips give an equal model."""
    assert epcis.loads(epcis.dump_json(doc)) == doc
    assert epcis.loads(epcis.dump_xml(doc)) == doc


def write_refused(code: str, doc: epcis.EPCISDocument, syntax: str) -> None:
    dump = epcis.dump_xml if syntax == "xml" else epcis.dump_json
    with pytest.raises(EpcisError) as exc:
        dump(doc)
    assert exc.value.code == code


# -- unqualified XML attributes never override standard fields -------------------------------


def test_unqualified_event_attributes_never_become_standard_fields() -> None:
    data = xml_doc('action="DELETE" bizStep="urn:epcglobal:cbv:bizstep:destroying"')
    doc = epcis.loads(data)
    (event,) = doc.events
    assert event.action == "ADD"
    assert event.biz_step == "shipping"
    # kept apart, under a key no standard field can have
    assert event.extensions == {
        "@action": "DELETE",
        "@bizStep": "urn:epcglobal:cbv:bizstep:destroying",
    }
    both_ways(doc)
    for again in (epcis.loads(epcis.dump_json(doc)), epcis.loads(epcis.dump_xml(doc))):
        assert again.events[0].action == "ADD"
        assert epcis.event_hash(again.events[0]) == epcis.event_hash(event)
    # and they are written back as attributes of the event element
    written = etree.fromstring(epcis.dump_xml(doc))
    assert written.find(".//ObjectEvent").get("action") == "DELETE"
    assert list(epcis.iter_events(data)) == list(doc.events)


@pytest.mark.parametrize("name", ["type", "id", "value", "context"])
def test_unqualified_attributes_named_like_json_ld_keywords_are_refused(name: str) -> None:
    refused("EPCIS.IO_UNQUALIFIED_ATTRIBUTE", xml_doc(f'{name}="TransactionEvent"'))


def test_unqualified_root_attributes_never_become_document_fields() -> None:
    refused(
        "EPCIS.IO_UNQUALIFIED_ATTRIBUTE",
        (X % ("", "")).replace("schemaVersion", 'type="shipping" schemaVersion').encode(),
    )
    data = (X % ("", "")).replace("schemaVersion", 'createdAt="2026" schemaVersion').encode()
    doc = epcis.loads(data)
    assert doc.extensions == {"@createdAt": "2026"}
    assert doc.type == "EPCISDocument"
    both_ways(doc)


def test_unqualified_sensor_attributes_are_kept_apart() -> None:
    data = xml_doc(
        children='<sensorElementList><sensorElement><sensorReport uom="CEL" value="3.5" '
        'note="x"/></sensorElement></sensorElementList>'
    )
    doc = epcis.loads(data)
    (report,) = doc.events[0].sensor_element_list[0].sensor_report
    assert report.extensions == {"@note": "x"}
    both_ways(doc)


# -- JSON keys -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "member",
    [
        ', "bizStep": "receiving", "bizStep": "shipping"',
        ', "ex:a": {"b": 1, "b": 2}',
        ', "ex:a": 1, "ex:a": 1',
    ],
)
def test_duplicate_json_keys_are_refused(member: str) -> None:
    refused("EPCIS.IO_DUPLICATE_KEY", json_doc(member))


def test_duplicate_json_keys_in_the_document_frame_are_refused() -> None:
    event = (
        '{"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-05-12T07:30:00Z", '
        '"eventTimeZoneOffset": "+07:00", "epcList": []}'
    )
    body = f'"epcisBody": {{"eventList": [{event}], "eventList": []}}'
    data = json_doc().decode().replace('"epcisBody": {', body[:-1] + ", ", 1)
    doc = (
        '{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], '
        '"type": "EPCISDocument", "schemaVersion": "2.0", '
        f'"creationDate": "2026-05-12T08:00:00Z", {body}}}'
    )
    assert data  # the two lists are what matters
    refused("EPCIS.IO_DUPLICATE_KEY", doc.encode())


@pytest.mark.parametrize("key", ["foo", "parentID", "creationDate", "@id", "#text"])
def test_bare_unknown_json_keys_in_events_are_refused(key: str) -> None:
    refused("EPCIS.IO_BARE_KEY", json_doc(f', "{key}": "x"'))


def test_json_at_keys_are_unqualified_attributes_both_ways() -> None:
    doc = epcis.loads(json_doc(', "@note": "x"'))
    assert doc.events[0].extensions == {"@note": "x"}
    both_ways(doc)


# -- XML streaming reads the document's own event list only ----------------------------------

NESTED_LIST = (
    '<ex:x xmlns:ex="https://ex.vn/"><EventList><ObjectEvent><eventTime>2026-05-12T07:30:00Z'
    "</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset><action>OBSERVE</action>"
    "</ObjectEvent></EventList></ex:x>"
)


def test_xml_streaming_ignores_event_lists_inside_extensions() -> None:
    data = xml_doc(children=NESTED_LIST)
    doc = epcis.loads(data)
    assert len(doc.events) == 1
    streamed = list(epcis.iter_events(data))
    assert streamed == list(doc.events)
    # the nested list is extension data of the one event, kept whole
    assert "{https://ex.vn/}x" in streamed[0].extensions


def test_xml_event_list_in_the_header_is_not_read_as_events() -> None:
    header = f"<EPCISHeader>{NESTED_LIST}</EPCISHeader>"
    data = (X % ("", "")).replace("<EPCISBody>", header + "<EPCISBody>").encode()
    assert list(epcis.iter_events(data)) == list(epcis.loads(data).events)


def test_a_second_event_list_is_refused_by_load_and_streaming() -> None:
    data = (X % ("", "")).replace("</EventList>", "</EventList><EventList/>").encode()
    refused("EPCIS.IO_REPEATED_ELEMENT", data)


def test_xml_streaming_memory_stays_bounded_on_non_event_elements(tmp_path: Path) -> None:
    path = tmp_path / "many.xml"
    head, tail = (X % ("", "")).split("<EventList>")
    with path.open("wb") as out:
        out.write(f"{head}<EventList>".encode())
        out.write(b"<foo>1</foo>" * 1_000_000)
        out.write(f"<EventList>{tail}".encode())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(EpcisError) as exc:
        list(epcis.iter_events(path))
    assert exc.value.code == "EPCIS.IO_UNKNOWN_EVENT_TYPE"  # as load says
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 50_000  # refused at the first chunk, not after 10^6 elements


@pytest.mark.parametrize("children", ["<foo>1</foo>", "<extension/><foo/>", "<foo/><ObjectEvent/>"])
def test_non_events_in_the_event_list_are_refused_when_streaming(children: str) -> None:
    head, tail = (X % ("", "")).split("<ObjectEvent")
    data = head.replace("<EventList>", f"<EventList>{children}") + "</EventList></EPCISBody>"
    data += "</epcis:EPCISDocument>"
    assert tail
    refused("EPCIS.IO_UNKNOWN_EVENT_TYPE", data.encode())


def test_extension_wrappers_in_the_event_list_are_skipped_when_streaming() -> None:
    data = (X % ("", "")).replace("<EventList>", "<EventList><extension/>").encode()
    assert list(epcis.iter_events(data)) == list(epcis.loads(data).events)


# -- XML content that has no place in the model is refused, not dropped ----------------------


def test_mixed_content_tail_text_is_refused() -> None:
    refused(
        "EPCIS.IO_MIXED_CONTENT",
        xml_doc(children='<ex:a xmlns:ex="https://ex.vn/">head<ex:b>1</ex:b>TAIL</ex:a>'),
    )


def test_text_between_event_fields_is_refused() -> None:
    refused("EPCIS.IO_MIXED_CONTENT", xml_doc(children="stray"))


def test_head_text_beside_children_is_kept_verbatim() -> None:
    doc = epcis.loads(
        xml_doc(children='<ex:a xmlns:ex="https://ex.vn/"> head <ex:b>1</ex:b></ex:a>')
    )
    assert doc.events[0].extensions[f"{{{EX}}}a"] == {"#text": " head ", f"{{{EX}}}b": "1"}
    both_ways(doc)


def test_extension_wrapper_attributes_are_refused() -> None:
    refused(
        "EPCIS.IO_WRAPPER_ATTRIBUTE",
        xml_doc(
            children='<extension xmlns:ex="https://ex.vn/" ex:flag="1"><ex:a>1</ex:a></extension>'
        ),
    )


@pytest.mark.parametrize(
    "children",
    [
        "<action>DELETE</action>",
        "<extension><action>DELETE</action></extension>",
        "<baseExtension><bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep></baseExtension>",
        "<eventTime>2026-05-12T07:31:00Z</eventTime>",
        "<readPoint><id>urn:a</id><id>urn:b</id></readPoint>",
    ],
)
def test_repeated_standard_elements_are_refused(children: str) -> None:
    data = (X % ("", "")).replace("<bizStep>", children + "<bizStep>", 1)
    if "eventTime" in children:
        data = (X % ("", "")).replace("<eventTimeZoneOffset>", children + "<eventTimeZoneOffset>")
    if "bizStep" in children:
        data = X % ("", children)
    refused("EPCIS.IO_REPEATED_ELEMENT", data.encode())


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<uom>KGM</uom>", "<uom>KGM</uom><uom>LTR</uom>"),
        ("<epcClass>", "<epcClass>urn:epc:class:lgtin:4012345.012345.1</epcClass><epcClass>"),
    ],
)
def test_repeated_quantity_parts_are_refused(old: str, new: str) -> None:
    data = xml_doc(children=(QTY % "1").replace(old, new, 1))
    refused("EPCIS.IO_REPEATED_ELEMENT", data)


@pytest.mark.parametrize(
    ("element", "where"),
    [("EPCISBody", "<EPCISBody>"), ("EventList", "<EventList>")],
)
def test_attributes_on_containers_the_model_does_not_keep_are_refused(
    element: str, where: str
) -> None:
    data = (X % ("", "")).replace(where, f'<{element} note="x">', 1).encode()
    refused("EPCIS.IO_WRAPPER_ATTRIBUTE", data)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<EPCISBody>", "<EPCISHeader><foo>1</foo></EPCISHeader><EPCISBody>"),
        ("<EPCISBody>", "<foo>1</foo><EPCISBody>"),
        ("<EPCISBody>", '<EPCISBody><ex:a xmlns:ex="https://ex.vn/">1</ex:a>'),
        (
            "<EPCISBody>",
            (
                '<EPCISHeader><extension><ex:a xmlns:ex="https://ex.vn/">1</ex:a></extension>'
                "</EPCISHeader><EPCISBody>"
            ),
        ),
        (
            "<bizStep>",
            (
                "<errorDeclaration><declarationTime>2026-05-12T07:30:00Z</declarationTime>"
                "<extension><foo>1</foo></extension></errorDeclaration><bizStep>"
            ),
        ),
    ],
)
def test_elements_the_model_has_no_place_for_are_refused_not_dropped(old: str, new: str) -> None:
    data = (X % ("", "")).replace(old, new, 1).encode()
    refused("EPCIS.IO_UNEXPECTED_ELEMENT", data)


def test_standard_field_only_inside_an_extension_wrapper_is_read() -> None:
    data = (X % ("", "")).replace(
        "<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>",
        "<extension><bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep></extension>",
    )
    assert epcis.loads(data).events[0].biz_step == "shipping"


# -- values XML cannot hold: the XML writer refuses ------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("{}", "EPCIS.IO_XML_EMPTY_OBJECT"),
        ("[]", "EPCIS.IO_XML_EMPTY_LIST"),
        ("[1]", "EPCIS.IO_XML_ONE_ITEM_LIST"),
        ("[{}]", "EPCIS.IO_XML_ONE_ITEM_LIST"),
        ('{"#text": "x"}', "EPCIS.IO_XML_TEXT_ONLY_OBJECT"),
        ('{"@ex:n": 1, "ex:b": "x"}', "EPCIS.IO_XML_TYPED_ATTRIBUTE"),
        ('{"#text": "", "ex:b": "x"}', "EPCIS.IO_XML_UNREPRESENTABLE"),
    ],
)
def test_json_values_xml_cannot_hold_are_refused_by_the_xml_writer(value: str, code: str) -> None:
    doc = epcis.loads(json_doc(f', "ex:a": {value}'))
    assert epcis.loads(epcis.dump_json(doc)) == doc  # JSON keeps them
    write_refused(code, doc, "xml")


@pytest.mark.parametrize(
    "value",
    ["[1, 2]", '[{"ex:b": 1}, "x"]', '{"#text": " x ", "ex:b": [true, null]}', '{"@ex:f": "1"}'],
)
def test_json_extension_values_xml_can_hold_survive(value: str) -> None:
    doc = epcis.loads(json_doc(f', "ex:a": {value}'))
    both_ways(doc)


def test_typed_document_level_extensions_survive() -> None:
    root_ext = (
        '<ex:b xmlns:ex="https://ex.vn/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xsi:type="xsd:boolean">true</ex:b>'
    )
    doc = epcis.loads((X % ("", "")).replace("</EPCISBody>", "</EPCISBody>" + root_ext))
    assert doc.extensions == {f"{{{EX}}}b": True}
    both_ways(doc)
    doc = epcis.loads(json_doc().decode().replace('"schemaVersion"', '"ex:n": 7, "schemaVersion"'))
    assert doc.extensions == {f"{{{EX}}}n": 7}
    both_ways(doc)


def test_xml_lang_attribute_is_written_well_formed() -> None:
    doc = epcis.loads(xml_doc(children='<ex:a xmlns:ex="https://ex.vn/" xml:lang="vi">Bưởi</ex:a>'))
    out = epcis.dump_xml(doc)
    etree.fromstring(out)  # well-formed
    assert b"xml:lang=" in out
    both_ways(doc)


# -- values JSON cannot hold: the JSON writer refuses ----------------------------------------


@pytest.mark.parametrize("number", ["NaN", "INF", "-INF"])
def test_non_finite_sensor_values_are_refused_by_the_json_writer(number: str) -> None:
    data = xml_doc(
        children=f'<sensorElementList><sensorElement><sensorReport value="{number}" uom="CEL"/>'
        "</sensorElement></sensorElementList>"
    )
    doc = epcis.loads(data)
    write_refused("EPCIS.IO_JSON_NOT_FINITE", doc, "json")
    assert b"null" not in epcis.dump_xml(doc)


def test_non_finite_typed_extension_values_are_refused_by_the_json_writer() -> None:
    ext = (
        '<ex:a xmlns:ex="https://ex.vn/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xsi:type="xsd:double">INF</ex:a>'
    )
    write_refused("EPCIS.IO_JSON_NOT_FINITE", epcis.loads(xml_doc(children=ext)), "json")


QTY = (
    "<quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass>"
    "<quantity>%s</quantity><uom>KGM</uom></quantityElement></quantityList>"
)


@pytest.mark.parametrize("quantity", ["1.23456789012345678901", "0.1000000000000000000001"])
def test_decimals_beyond_double_precision_are_refused_by_the_json_writer(quantity: str) -> None:
    doc = epcis.loads(xml_doc(children=QTY % quantity))
    assert doc.events[0].quantity_list[0].quantity == Decimal(quantity)
    assert float(quantity) != Decimal(quantity)  # independent: a double cannot hold it
    write_refused("EPCIS.IO_JSON_TOO_PRECISE", doc, "json")
    assert epcis.loads(epcis.dump_xml(doc)) == doc


@pytest.mark.parametrize("quantity", ["1.50", "0.000001", "12345678901234567890123", "-7"])
def test_decimals_json_holds_survive(quantity: str) -> None:
    doc = epcis.loads(xml_doc(children=QTY % quantity))
    both_ways(doc)


@pytest.mark.parametrize("digits", [5_000, 1_000_000])
def test_huge_quantities_are_refused_at_once(digits: int) -> None:
    doc = epcis.loads(xml_doc(children=QTY % ("1" + "0" * digits)))
    write_refused("EPCIS.IO_JSON_TOO_LONG_NUMBER", doc, "json")
    out = io.BytesIO()
    with pytest.raises(EpcisError):
        epcis.convert_file(xml_doc(children=QTY % ("1" + "0" * digits)), out, to="json")


# -- JSON reader: nothing the writers cannot write back ---------------------------------------


def test_lone_surrogate_escapes_are_refused() -> None:
    refused("EPCIS.IO_LONE_SURROGATE", json_doc(', "ex:s": "\\ud800"'))
    refused("EPCIS.IO_LONE_SURROGATE", json_doc(', "ex:\\udc00": "x"'))
    doc = epcis.loads(json_doc(', "ex:s": "\\ud83d\\ude00"'))  # a real pair: 😀
    assert doc.events[0].extensions == {f"{{{EX}}}s": "\U0001f600"}
    both_ways(doc)


def test_strings_beyond_the_xml_text_limit_are_refused() -> None:
    long_text = "a" * (jsonld.MAX_TEXT + 1)
    refused("EPCIS.IO_STRING_TOO_LONG", json_doc(f', "ex:s": "{long_text}"'))


@pytest.mark.parametrize("number", ["1.23456789012345678901", "0." + "1" * 10_000])
def test_json_numbers_a_double_does_not_hold_are_refused(number: str) -> None:
    assert Decimal(repr(float(number))) != Decimal(number)  # independent: rounding happens
    members = ', "quantityList": [{"epcClass": "urn:epc:class:lgtin:4012345.012345.1", '
    refused("EPCIS.IO_JSON_TOO_PRECISE", json_doc(f'{members}"quantity": {number}}}]'))
    refused("EPCIS.IO_JSON_TOO_PRECISE", json_doc(f', "ex:n": {number}'))


@pytest.mark.parametrize("number", ["0.1", "1.5000000000000000000", "123456789012345678", "2e-3"])
def test_json_numbers_a_double_holds_are_read(number: str) -> None:
    doc = epcis.loads(json_doc(f', "ex:n": {number}'))
    assert doc.events[0].extensions[f"{{{EX}}}n"] == json.loads(number)
    both_ways(doc)


def test_json_numbers_below_the_double_range_are_refused() -> None:
    refused("EPCIS.IO_NUMBER_OUT_OF_RANGE", json_doc(', "ex:n": 1e-99999999'))
    assert math.ulp(0.0) == 5e-324  # the smallest double is still read exactly
    assert epcis.loads(json_doc(', "ex:n": 5e-324')).events[0].extensions == {f"{{{EX}}}n": 5e-324}


@pytest.mark.parametrize("value", ["1" + "0" * 400, "1e-400"])
def test_xml_sensor_values_beyond_the_double_range_are_refused(value: str) -> None:
    refused(
        "EPCIS.IO_NUMBER_OUT_OF_RANGE",
        xml_doc(
            children=f'<sensorElementList><sensorElement><sensorReport value="{value}" '
            'uom="CEL"/></sensorElement></sensorElementList>'
        ),
    )


def test_sub_microsecond_fractions_are_kept_or_refused() -> None:
    refused(
        "EPCIS.IO_TIME_TOO_PRECISE",
        (X % ("", "")).replace("07:30:00Z", "07:30:00.123456789Z").encode(),
    )
    refused(
        "EPCIS.IO_TIME_TOO_PRECISE",
        json_doc().replace(b"07:30:00Z", b"07:30:00.1234567Z"),
    )
    doc = epcis.loads((X % ("", "")).replace("07:30:00Z", "07:30:00.123456000Z"))
    assert doc.events[0].event_time.microsecond == 123456  # only zeros were cut


# -- streaming and load agree ----------------------------------------------------------------


def test_json_trailing_garbage_is_refused_by_streaming_too() -> None:
    refused("EPCIS.IO_MALFORMED_JSON", json_doc() + b" garbage")


def test_null_context_is_refused_by_load_too() -> None:
    refused(
        "EPCIS.IO_MISSING_FIELD",
        b'{"@context": null, "type": "EPCISDocument", "creationDate": "2019-11-04T14:00:00Z"}',
    )


def test_results_body_of_the_wrong_type_is_refused_by_load_too() -> None:
    refused(
        "EPCIS.IO_WRONG_TYPE",
        b'{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], '
        b'"type": "EPCISQueryDocument", "schemaVersion": "2.0", '
        b'"epcisBody": {"queryResults": {"queryName": "SimpleEventQuery", "resultsBody": "x"}}}',
    )


def test_json_streaming_checks_the_document_frame_like_load() -> None:
    bad_date = json_doc().replace(b'"2026-05-12T08:00:00Z"', b'"yesterday"')
    refused("EPCIS.IO_BAD_TIMESTAMP", bad_date)


@pytest.mark.parametrize("root", [b'{"type": []}', b'{"type": {}}'])
def test_document_type_that_is_not_text_is_a_finding(root: bytes) -> None:
    refused("EPCIS.IO_NOT_EPCIS", root)


def test_malformed_first_json_event_is_refused_without_reading_on(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonld"
    event = (
        '{"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-05-12T07:30:00Z", '
        '"eventTimeZoneOffset": "+07:00", "epcList": ["urn:epc:id:sgtin:0614141.107346.1"]}'
    )
    head, tail = json_doc().decode().split("[{", 1)
    with path.open("w") as out:
        out.write(head + "[" + event.replace('"OBSERVE",', '"OBSERVE",,'))
        for _ in range(400_000):
            out.write(", " + event)
        out.write("]}}")
    assert tail
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(EpcisError) as exc:
        next(epcis.iter_events(path))
    assert exc.value.code == "EPCIS.IO_MALFORMED_JSON"
    if sys.platform == "linux":  # ru_maxrss in KiB
        grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        assert grown_kib < 30_000  # the file is about 60 MB


def test_xml_and_json_agree_on_which_attribute_names_are_json_ld_keywords() -> None:
    from vntrace.epcis import xml  # noqa: PLC0415

    assert xml._KEYWORD_ATTRIBUTES == jsonld._KEYWORDS
    # the JSON-LD 1.1 keywords (W3C JSON-LD 1.1 §1.7), without the "@"
    assert {"context", "id", "type", "value", "graph", "nest", "propagate"} <= jsonld._KEYWORDS


def test_streamed_conversion_keeps_document_level_extensions() -> None:
    data = json_doc().replace(
        b'"schemaVersion"', b'"ex:n": 7, "ex:o": {"ex:p": "q"}, "ex:s": "t", "schemaVersion"'
    )
    doc = epcis.loads(data)
    assert doc.extensions == {f"{{{EX}}}n": 7, f"{{{EX}}}o": {f"{{{EX}}}p": "q"}, f"{{{EX}}}s": "t"}
    out = io.BytesIO()
    epcis.convert_file(data, out, to="xml")
    assert epcis.loads(out.getvalue()) == doc
    back = io.BytesIO()
    epcis.convert_file(out.getvalue(), back, to="json")
    assert epcis.loads(back.getvalue()) == doc


def test_document_content_after_a_long_event_list_is_never_dropped_by_streaming() -> None:
    event = X.split("<EventList>")[1].split("</EventList>", maxsplit=1)[0] % ("", "")
    late = '<ex:n xmlns:ex="https://ex.vn/">7</ex:n>'
    data = (
        (X % ("", "")).replace(event, event * 1000).replace("</EPCISBody>", "</EPCISBody>" + late)
    ).encode()
    assert len(data) > 2 * 65536  # the late element is parsed after the event list started
    doc = epcis.loads(data)
    assert doc.extensions == {f"{{{EX}}}n": "7"}
    assert list(epcis.iter_events(data)) == list(doc.events)  # events only: nothing lost
    out = io.BytesIO()
    with pytest.raises(EpcisError) as exc:
        epcis.convert_file(data, out, to="json")
    assert exc.value.code == "EPCIS.IO_LATE_DOCUMENT_CONTENT"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<action>ADD</action>", "<action>ADD<x/></action>"),
        ("2018</epc>", '2018<ex:a xmlns:ex="https://ex.vn/">1</ex:a></epc>'),
        (
            "</bizStep>",
            (
                "</bizStep><sensorElementList><sensorElement><sensorReport uom='CEL'/>"
                "<extension><action>DELETE</action></extension></sensorElement></sensorElementList>"
            ),
        ),
        (
            "</bizStep>",
            "</bizStep><readPoint><id>urn:a<x/></id></readPoint>",
        ),
    ],
)
def test_child_elements_of_leaf_fields_are_refused_not_dropped(old: str, new: str) -> None:
    refused("EPCIS.IO_UNEXPECTED_ELEMENT", (X % ("", "")).replace(old, new, 1).encode())


# Every standard element of an event, with the XSD's verdict on one stray attribute: its type
# has no ``anyAttribute`` (or it is a wrapper), so the model has no place for it.
_RICH_EVENT = (
    "<readPoint><id>urn:epc:id:sgln:0614141.07346.1234</id></readPoint>"
    "<bizLocation><id>urn:epc:id:sgln:0614141.07346.0</id></bizLocation>"
    "<bizTransactionList><bizTransaction type='urn:epcglobal:cbv:btt:po'>"
    "urn:epcglobal:cbv:bt:0614141073467:1152</bizTransaction></bizTransactionList>"
    "<quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877"
    "</epcClass><quantity>200</quantity><uom>KGM</uom></quantityElement></quantityList>"
    "<sourceList><source type='urn:epcglobal:cbv:sdt:owning_party'>"
    "urn:epc:id:pgln:4012345.00001</source></sourceList>"
    "<sensorElementList><sensorElement><sensorReport type='gs1:Temperature' value='4.5' "
    "uom='CEL'/></sensorElement></sensorElementList>"
    "<persistentDisposition><set>urn:epcglobal:cbv:disp:completeness_verified</set>"
    "</persistentDisposition>"
)
_NO_ATTRIBUTE_ELEMENTS = [
    "eventTime",
    "epcList",
    "epc",
    "action",
    "bizStep",
    "id",
    "bizTransactionList",
    "bizTransaction",
    "quantityList",
    "quantityElement",
    "epcClass",
    "quantity",
    "uom",
    "sourceList",
    "source",
    "sensorElementList",
    "persistentDisposition",
    "set",
]


def _with_attribute(tag: str, attribute: str) -> bytes:
    doc = X % ("", _RICH_EVENT)
    at = doc.index(f"<{tag}>") if f"<{tag}>" in doc else doc.index(f"<{tag} ")
    cut = at + 1 + len(tag)
    return (doc[:cut] + " " + attribute + doc[cut:]).encode()


def test_the_rich_event_loads_as_it_is() -> None:
    assert not [f for f in epcis.validate_text((X % ("", _RICH_EVENT)).encode()) if f.is_error]
    assert len(epcis.loads(X % ("", _RICH_EVENT)).events) == 1


@pytest.mark.parametrize(
    ("tag", "attribute"),
    [
        (tag, attribute)
        for tag in _NO_ATTRIBUTE_ELEMENTS
        for attribute in ('zz="1"', 'xmlns:q="urn:q" q:zz="1"', 'type="x"')
        if not (attribute.startswith("type") and tag in {"bizTransaction", "source"})
    ],
)
def test_attributes_the_xsd_forbids_are_refused_not_dropped(tag: str, attribute: str) -> None:
    data = _with_attribute(tag, attribute)
    found = {f.code for f in epcis.validate_text(data) if f.is_error}
    assert "EPCIS.XML_UNEXPECTED_ATTRIBUTE" in found
    for read in (epcis.loads, lambda d: list(epcis.iter_events(io.BytesIO(d)))):
        with pytest.raises(EpcisError) as caught:
            read(data)
        assert caught.value.code == "EPCIS.XML_UNEXPECTED_ATTRIBUTE"
        expected = "zz" if "zz" in attribute else "type"
        assert caught.value.findings[0].params["attribute"] == expected


@pytest.mark.parametrize("tag", ["ilmd", "errorDeclaration", "ObjectEvent"])
def test_attributes_the_xsd_allows_are_kept(tag: str) -> None:
    doc = X % ("", "<ilmd/>" if tag == "ilmd" else "")
    if tag == "errorDeclaration":  # its place is after the time zone offset
        offset = "</eventTimeZoneOffset>"
        declaration = (
            "<errorDeclaration><declarationTime>2026-05-13T00:00:00Z</declarationTime>"
            "</errorDeclaration>"
        )
        doc = doc.replace(offset, offset + declaration)
    at = doc.index(f"<{tag}")
    cut = at + 1 + len(tag)
    data = doc[:cut] + ' xmlns:q="urn:q" q:zz="kept"' + doc[cut:]
    assert not [f for f in epcis.validate_text(data.encode()) if f.is_error]
    assert "kept" in epcis.dump_json(epcis.loads(data)).decode()


def test_an_extension_wrapper_in_ilmd_with_attributes_is_refused() -> None:
    data = X % ("", '<ilmd><extension zz="1"><q:a xmlns:q="urn:q">1</q:a></extension></ilmd>')
    with pytest.raises(EpcisError) as caught:
        epcis.loads(data)
    assert caught.value.code == "EPCIS.IO_WRAPPER_ATTRIBUTE"
    assert "EPCIS.XML_WRAPPER_ATTRIBUTE" in {f.code for f in epcis.validate_text(data.encode())}


_MASTER = (
    '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" '
    'creationDate="2026-05-12T08:00:00Z"><EPCISHeader><extension><EPCISMasterData>'
    '<VocabularyList><Vocabulary type="urn:epcglobal:epcis:vtype:BusinessLocation">'
    '<VocabularyElementList><VocabularyElement id="urn:epc:id:sgln:0614141.00777.0">'
    '<attribute id="urn:epcglobal:cbv:mda#name">Kho Hà Tĩnh</attribute>%s'
    "</VocabularyElement></VocabularyElementList></Vocabulary></VocabularyList>"
    "</EPCISMasterData></extension></EPCISHeader><EPCISBody><EventList/></EPCISBody>"
    "</epcis:EPCISDocument>"
)


@pytest.mark.parametrize(
    ("mutation", "code"),
    [
        (("<attribute id=", '<attribute zz="1" id='), "EPCIS.XML_ATTRIBUTE_NOT_KEPT"),
        (("<VocabularyList>", '<VocabularyList zz="1">'), "EPCIS.XML_UNEXPECTED_ATTRIBUTE"),
        (("<VocabularyElementList>", '<VocabularyElementList zz="1">'), None),
        (("<EPCISMasterData>", '<EPCISMasterData zz="1">'), "EPCIS.XML_UNEXPECTED_ATTRIBUTE"),
        (("</VocabularyElement>", "<foo>1</foo></VocabularyElement>"), None),
        (("<VocabularyElementList>", "<foo/><VocabularyElementList>"), None),
    ],
)
def test_master_data_is_never_dropped(mutation: tuple[str, str], code: str | None) -> None:
    data = (_MASTER % "").replace(*mutation)
    assert [f for f in epcis.validate_text(data.encode()) if f.is_error]
    with pytest.raises(EpcisError) as caught:
        epcis.loads(data)
    if code is not None:
        assert caught.value.code == code


def test_master_data_attributes_the_xsd_allows_are_kept() -> None:
    data = (_MASTER % "").replace(
        '<VocabularyElement id="', '<VocabularyElement xmlns:q="urn:q" q:zz="kept" id="'
    )
    assert not [f for f in epcis.validate_text(data.encode()) if f.is_error]
    doc = epcis.loads(data)
    assert "kept" in epcis.dump_xml(doc).decode()
    assert epcis.loads(epcis.dump_xml(doc)) == doc


_V12 = (
    '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" schemaVersion="1.2" '
    'creationDate="2026-05-12T08:00:00Z"><EPCISBody%s><EventList%s><extension%s>'
    "<TransformationEvent><eventTime>2026-05-12T07:30:00Z</eventTime>"
    "<eventTimeZoneOffset>+07:00</eventTimeZoneOffset></TransformationEvent>"
    "</extension></EventList></EPCISBody></epcis:EPCISDocument>"
)


@pytest.mark.parametrize("where", [0, 1, 2])
def test_epcis_12_wrapper_attributes_are_refused_not_dropped(where: str) -> None:
    attrs = ["", "", ""]
    attrs[where] = ' zz="1"'
    data = (_V12 % tuple(attrs)).encode()
    assert len(epcis.loads((_V12 % ("", "", "")).encode()).events) == 1
    for read in (epcis.loads, lambda d: list(epcis.iter_events(io.BytesIO(d)))):
        with pytest.raises(EpcisError) as caught:
            read(data)
        assert caught.value.code == "EPCIS.IO_WRAPPER_ATTRIBUTE"


@pytest.mark.parametrize("path", [("readPoint",), ("bizLocation",), ("sensorElementList", 0)])
def test_json_at_keys_the_xml_writer_turns_into_attributes_come_back(path: tuple[Any, ...]) -> None:
    # "@name" keys of these objects are written as XML attributes; the XSD forbids them there
    # (validate says so) but the XML reader keeps them, so the round trip is lossless
    event = {
        "type": "ObjectEvent",
        "action": "OBSERVE",
        "eventTime": "2026-05-12T07:30:00Z",
        "eventTimeZoneOffset": "+07:00",
        "epcList": [],
        "readPoint": {"id": "urn:epc:id:sgln:0614141.07346.1234"},
        "bizLocation": {"id": "urn:epc:id:sgln:0614141.07346.0"},
        "sensorElementList": [
            {"sensorReport": [{"type": "Temperature", "value": 4.5, "uom": "CEL"}]}
        ],
    }
    target: Any = event
    for step in path:
        target = target[step]
    target["@note"] = "x"
    doc = epcis.loads(_doc_with(event))
    xml = epcis.dump_xml(doc)
    assert b'note="x"' in xml
    assert epcis.loads(xml) == doc
    assert "EPCIS.XML_UNEXPECTED_ATTRIBUTE" in {f.code for f in epcis.validate_text(xml)}


def _doc_with(event: dict[str, Any]) -> bytes:
    return json.dumps(
        {
            "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
            "type": "EPCISDocument",
            "schemaVersion": "2.0",
            "creationDate": "2026-05-12T08:00:00Z",
            "epcisBody": {"eventList": [event]},
        }
    ).encode()


_TWO = (
    '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" '
    'creationDate="2026-05-12T08:00:00Z">{root}<EPCISBody>{body}<EventList>{list}'
    "<ObjectEvent><eventTime>2026-05-12T07:30:00Z</eventTime><eventTimeZoneOffset>+07:00"
    "</eventTimeZoneOffset><epcList/><action>OBSERVE</action></ObjectEvent>{between}"
    "<ObjectEvent><eventTime>2026-05-12T07:31:00Z</eventTime><eventTimeZoneOffset>+07:00"
    "</eventTimeZoneOffset><epcList/><action>OBSERVE</action></ObjectEvent>{after}"
    "</EventList>{tail}</EPCISBody></epcis:EPCISDocument>"
)
_SLOTS = ("root", "body", "list", "between", "after", "tail")


@pytest.mark.parametrize("slot", _SLOTS)
def test_text_around_events_is_refused_by_load_streaming_and_convert(
    slot: str, tmp_path: Path
) -> None:
    clean = _TWO.format(**dict.fromkeys(_SLOTS, "\n  "))
    assert len(epcis.loads(clean).events) == 2
    data = _TWO.format(**{s: ("ZQZQ" if s == slot else "") for s in _SLOTS}).encode()
    assert "EPCIS.XML_UNEXPECTED_TEXT" in {f.code for f in epcis.validate_text(data)}
    source = tmp_path / "in.xml"
    source.write_bytes(data)
    for read in (
        epcis.loads,
        lambda d: list(epcis.iter_events(io.BytesIO(d))),
        lambda _: epcis.convert_file(source, tmp_path / "out.jsonld"),
    ):
        with pytest.raises(EpcisError) as caught:
            read(data)
        assert caught.value.code == "EPCIS.IO_MIXED_CONTENT"
    assert not (tmp_path / "out.jsonld").exists()


@pytest.mark.parametrize(
    "field",
    [
        "<epcList>ZQZQ<epc>urn:epc:id:sgtin:0614141.107346.2018</epc></epcList>",
        "<readPoint><id>urn:epc:id:sgln:0614141.07346.1234</id>ZQZQ</readPoint>",
        (
            "<sensorElementList><sensorElement>ZQZQ<sensorReport type='gs1:Temperature' "
            "value='4'/></sensorElement></sensorElementList>"
        ),
        (
            "<persistentDisposition><set>urn:epcglobal:cbv:disp:active</set>ZQZQ"
            "</persistentDisposition>"
        ),
    ],
)
def test_text_in_standard_containers_is_refused(field: str) -> None:
    data = X % ("", "" if field.startswith("<epcList>") else field)
    if field.startswith("<epcList>"):
        data = data.replace(
            "<epcList><epc>urn:epc:id:sgtin:0614141.107346.2018</epc></epcList>", field
        )
    assert "EPCIS.XML_UNEXPECTED_TEXT" in {f.code for f in epcis.validate_text(data.encode())}
    with pytest.raises(EpcisError) as caught:
        epcis.loads(data)
    assert caught.value.code == "EPCIS.IO_MIXED_CONTENT"


def test_text_inside_a_sensor_report_is_refused_not_dropped() -> None:
    # the XSD gives sensorReport a text content; the data model has only its attributes
    report = "<sensorReport type='gs1:Temperature' value='4'>ZQZQ</sensorReport>"
    data = X % (
        "",
        f"<sensorElementList><sensorElement>{report}</sensorElement></sensorElementList>",
    )
    found = [f for f in epcis.validate_text(data.encode()) if f.is_error]
    assert [(f.code, f.params["text"]) for f in found] == [("EPCIS.XML_TEXT_NOT_KEPT", "ZQZQ")]
    with pytest.raises(EpcisError) as caught:
        epcis.loads(data)
    assert caught.value.code == "EPCIS.XML_TEXT_NOT_KEPT"


@pytest.mark.parametrize("slot", ["body", "list", "between", "after", "tail"])
def test_epcis_12_text_around_events_is_refused(slot: str) -> None:
    doc = (
        '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" schemaVersion="1.2" '
        'creationDate="2026-05-12T08:00:00Z"><EPCISBody>{body}<EventList>{list}'
        "<ObjectEvent><eventTime>2026-05-12T07:30:00Z</eventTime><eventTimeZoneOffset>+07:00"
        "</eventTimeZoneOffset><epcList/><action>OBSERVE</action></ObjectEvent>{between}"
        "<ObjectEvent><eventTime>2026-05-12T07:31:00Z</eventTime><eventTimeZoneOffset>+07:00"
        "</eventTimeZoneOffset><epcList/><action>OBSERVE</action></ObjectEvent>{after}"
        "</EventList>{tail}</EPCISBody></epcis:EPCISDocument>"
    )
    slots = ("body", "list", "between", "after", "tail")
    assert len(epcis.loads(doc.format(**dict.fromkeys(slots, " ")).encode()).events) == 2
    data = doc.format(**{s: ("ZQZQ" if s == slot else "") for s in slots}).encode()
    for read in (epcis.loads, lambda d: list(epcis.iter_events(io.BytesIO(d)))):
        with pytest.raises(EpcisError) as caught:
            read(data)
        assert caught.value.code == "EPCIS.IO_MIXED_CONTENT"
