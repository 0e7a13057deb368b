"""epcis.validate on small hand-written XML documents: XSD content models, namespaces, values, rules."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from vntrace.epcis import convert_file, load, loads
from vntrace.epcis.validate import ValidateOptions, validate_text
from vntrace.errors import EpcisError
from vntrace.findings import Finding, Severity

SGTIN = "urn:epc:id:sgtin:8934567.089012.1001"
DOC = "/epcis:EPCISDocument/EPCISBody/EventList"


def event(
    body: str = "", *, head: str | None = None, tag: str = "ObjectEvent", attrs: str = ""
) -> str:
    if head is None:
        head = (
            "<eventTime>2026-07-22T06:45:00+07:00</eventTime>"
            "<eventTimeZoneOffset>+07:00</eventTimeZoneOffset>"
        )
    if body == "" and tag == "ObjectEvent":
        body = f"<epcList><epc>{SGTIN}</epc></epcList><action>OBSERVE</action>"
    return f"<{tag}{attrs}>{head}{body}</{tag}>"


def doc(
    *events: str, root_attrs: str = 'schemaVersion="2.0" creationDate="2026-07-22T10:30:00Z"'
) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" '
        'xmlns:ex="https://example.com/ns/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f"{root_attrs}><EPCISBody><EventList>{''.join(events or (event(),))}</EventList></EPCISBody>"
        "</epcis:EPCISDocument>"
    )


def errors(findings: list[Finding]) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.location.row, f.location.field) for f in findings if f.is_error]


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


def test_minimal_document_is_valid() -> None:
    assert validate_text(doc()) == []
    assert validate_text(doc().encode()) == []


def test_all_five_event_types_valid() -> None:
    events = [
        event(),
        event(
            "<parentID>urn:epc:id:sscc:8934567.0000000123</parentID>"
            f"<childEPCs><epc>{SGTIN}</epc></childEPCs><action>ADD</action>",
            tag="AggregationEvent",
        ),
        event(
            '<bizTransactionList><bizTransaction type="urn:epcglobal:cbv:btt:po">'
            "urn:epcglobal:cbv:bt:8934567000017:PO1</bizTransaction></bizTransactionList>"
            f"<epcList><epc>{SGTIN}</epc></epcList><action>ADD</action>",
            tag="TransactionEvent",
        ),
        event(
            f"<inputEPCList><epc>{SGTIN}</epc></inputEPCList>"
            "<outputQuantityList><quantityElement><epcClass>urn:epc:class:lgtin:8934567.089012.L1"
            "</epcClass><quantity>5</quantity><uom>KGM</uom></quantityElement></outputQuantityList>",
            tag="TransformationEvent",
        ),
        event(
            "<parentID>urn:epc:id:sgln:8934567.00001.0</parentID>"
            f"<childEPCs><epc>{SGTIN}</epc></childEPCs><action>ADD</action>",
            tag="AssociationEvent",
        ),
    ]
    assert validate_text(doc(*events)) == []


def test_sensor_data_and_extensions_valid() -> None:
    body = (
        f"<epcList><epc>{SGTIN}</epc></epcList><action>OBSERVE</action>"
        "<bizStep>urn:epcglobal:cbv:bizstep:sensor_reporting</bizStep>"
        "<readPoint><id>urn:epc:id:sgln:8934567.00001.0</id></readPoint>"
        "<sensorElementList><sensorElement>"
        '<sensorMetadata time="2026-07-22T06:00:00Z"/>'
        '<sensorReport type="gs1:Temperature" value="4.5" uom="CEL"/>'
        '<sensorReport type="https://gs1.org/voc/RelativeHumidity" value="80" uom="P1" booleanValue="true"/>'
        "</sensorElement></sensorElementList>"
        '<ex:note xsi:type="xsd:integer" xmlns:xsd="http://www.w3.org/2001/XMLSchema">10</ex:note>'
    )
    assert validate_text(doc(event(body))) == []


def test_bare_event_root_is_an_error_unless_allowed() -> None:
    """Like load/convert/hash, which need a document; the capture API form is an option."""
    text = event().replace("<ObjectEvent>", '<ObjectEvent xmlns:ex="https://example.com/ns/">')
    assert [(f.code, f.severity, f.location.row) for f in validate_text(text)] == [
        ("EPCIS.BARE_EVENT", Severity.ERROR, 0)
    ]
    found = validate_text(text, options=ValidateOptions(allow_bare_event=True))
    assert [(f.code, f.severity, f.location.row) for f in found] == [
        ("EPCIS.XML_BARE_EVENT", Severity.INFO, 0)
    ]


# -- content models ------------------------------------------------------------------------------


def test_missing_action_and_event_time() -> None:
    found = validate_text(
        doc(
            event(
                f"<epcList><epc>{SGTIN}</epc></epcList>",
                head="<eventTimeZoneOffset>+07:00</eventTimeZoneOffset>",
            )
        )
    )
    assert errors(found) == [
        ("EPCIS.MISSING_FIELD", 0, f"{DOC}/ObjectEvent"),
        ("EPCIS.MISSING_ACTION", 0, f"{DOC}/ObjectEvent"),
    ]
    assert [f.params["field"] for f in found] == ["eventTime", "action"]


def test_element_order() -> None:
    head = "<eventTimeZoneOffset>+07:00</eventTimeZoneOffset><eventTime>2026-07-22T06:45:00+07:00</eventTime>"
    assert errors(validate_text(doc(event(head=head)))) == [
        ("EPCIS.XML_ELEMENT_ORDER", 0, f"{DOC}/ObjectEvent/eventTime")
    ]
    body = f"<action>OBSERVE</action><epcList><epc>{SGTIN}</epc></epcList>"
    assert errors(validate_text(doc(event(body)))) == [
        ("EPCIS.XML_ELEMENT_ORDER", 0, f"{DOC}/ObjectEvent/epcList")
    ]


def test_unexpected_element_and_too_many() -> None:
    body = f"<epcList><epc>{SGTIN}</epc></epcList><action>ADD</action><madeUpField>x</madeUpField>"
    assert errors(validate_text(doc(event(body)))) == [
        ("EPCIS.UNEXPECTED_FIELD", 0, f"{DOC}/ObjectEvent/madeUpField")
    ]
    body = f"<epcList><epc>{SGTIN}</epc></epcList><action>ADD</action><action>ADD</action>"
    assert errors(validate_text(doc(event(body)))) == [
        ("EPCIS.XML_TOO_MANY", 0, f"{DOC}/ObjectEvent/action[2]")
    ]


def test_extension_elements_must_come_last() -> None:
    body = f"<ex:note>1</ex:note><epcList><epc>{SGTIN}</epc></epcList><action>ADD</action>"
    assert codes(validate_text(doc(event(body)))) == {"EPCIS.XML_ELEMENT_ORDER"}


def test_events_are_unqualified() -> None:
    qualified = (
        event()
        .replace("<ObjectEvent>", "<epcis:ObjectEvent>")
        .replace("</ObjectEvent>", "</epcis:ObjectEvent>")
    )
    found = validate_text(doc(qualified))
    assert errors(found) == [("EPCIS.XML_WRONG_NAMESPACE", None, f"{DOC}/epcis:ObjectEvent")]
    assert found[0].params == {
        "element": "ObjectEvent",
        "namespace": "urn:epcglobal:epcis:xsd:2",
        "expected": "",
    }


def test_root_namespace() -> None:
    found = validate_text(
        '<EPCISDocument schemaVersion="2.0" creationDate="2026-07-22T10:30:00Z"/>'
    )
    assert codes(found) == {"EPCIS.XML_WRONG_NAMESPACE"}
    assert codes(validate_text("<foo/>")) == {"EPCIS.UNKNOWN_DOCUMENT_TYPE"}


def test_epcis_1x_documents_are_recognised() -> None:
    text = (
        '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" schemaVersion="1.2" '
        'creationDate="2005-07-11T11:30:47.0Z"><EPCISBody><EventList/></EPCISBody></epcis:EPCISDocument>'
    )
    found = validate_text(text)
    assert errors(found) == []  # an EPCIS 1.2 document is checked as its 2.0 upgrade
    assert [(f.code, f.params) for f in found] == [("EPCIS.UPGRADED_FROM_1_2", {"version": "1.2"})]
    query = text.replace("epcis:EPCISDocument", "q:EPCISQueryDocument").replace(
        'xmlns:epcis="urn:epcglobal:epcis:xsd:1"', 'xmlns:q="urn:epcglobal:epcis-query:xsd:1"'
    )
    found = validate_text(query)  # 1.x query documents are not upgraded
    assert errors(found) == [("EPCIS.UNSUPPORTED_VERSION", None, "/q:EPCISQueryDocument")]
    assert found[0].params == {"version": "1.2"}


def test_query_results_must_be_qualified() -> None:
    template = (
        '<epcisq:EPCISQueryDocument xmlns:epcisq="urn:epcglobal:epcis-query:xsd:2" schemaVersion="2.0" '
        'creationDate="2026-07-22T10:30:00Z"><EPCISBody><{qr}><queryName>SimpleEventQuery</queryName>'
        "<resultsBody><EventList>{ev}</EventList></resultsBody></{qr}></EPCISBody></epcisq:EPCISQueryDocument>"
    )
    assert validate_text(template.format(qr="epcisq:QueryResults", ev=event())) == []
    found = validate_text(template.format(qr="QueryResults", ev=event()))
    assert codes(found) == {"EPCIS.XML_WRONG_NAMESPACE"}
    assert found[0].params["expected"] == "urn:epcglobal:epcis-query:xsd:2"


def test_empty_choice_is_incomplete() -> None:
    text = (
        '<epcisq:EPCISQueryDocument xmlns:epcisq="urn:epcglobal:epcis-query:xsd:2" schemaVersion="2.0" '
        'creationDate="2026-07-22T10:30:00Z"><EPCISBody/></epcisq:EPCISQueryDocument>'
    )
    assert errors(validate_text(text)) == [
        ("EPCIS.XML_CONTENT_INCOMPLETE", None, "/epcisq:EPCISQueryDocument/EPCISBody")
    ]


def test_unknown_event_type() -> None:
    assert errors(validate_text(doc(event(tag="ObjectEventInvalid")))) == [
        ("EPCIS.UNKNOWN_EVENT_TYPE", None, f"{DOC}/ObjectEventInvalid")
    ]


def test_missing_required_attribute() -> None:
    found = validate_text(doc(root_attrs='schemaVersion="2.0"'))
    assert errors(found) == [("EPCIS.MISSING_FIELD", None, "/epcis:EPCISDocument")]
    assert found[0].params == {"field": "@creationDate"}


def test_unexpected_attribute_and_text() -> None:
    body = f'<epcList><epc>{SGTIN}</epc></epcList><action foo="1">ADD</action>'
    assert codes(validate_text(doc(event(body)))) == {"EPCIS.XML_UNEXPECTED_ATTRIBUTE"}
    read_point = f'<epcList><epc>{SGTIN}</epc></epcList><action>ADD</action><readPoint x="1"><id>urn:epc:id:sgln:8934567.00001.0</id></readPoint>'
    assert codes(validate_text(doc(event(read_point)))) == {"EPCIS.XML_UNEXPECTED_ATTRIBUTE"}
    text = event().replace("<ObjectEvent>", "<ObjectEvent>hello")
    assert errors(validate_text(doc(text))) == [
        ("EPCIS.XML_UNEXPECTED_TEXT", 0, f"{DOC}/ObjectEvent")
    ]


# -- simple values -------------------------------------------------------------------------------


def test_invalid_action_and_timestamps() -> None:
    body = f"<epcList><epc>{SGTIN}</epc></epcList><action>OBSERV</action>"
    assert errors(validate_text(doc(event(body)))) == [
        ("EPCIS.INVALID_ACTION", 0, f"{DOC}/ObjectEvent/action")
    ]
    for bad in (
        "2026-07-22T06:45:00",
        "22-07-2026",
        "2026-13-01T00:00:00Z",
        "2026-07-22T06:45:00+15:00",
    ):
        head = f"<eventTime>{bad}</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>"
        assert errors(validate_text(doc(event(head=head)))) == [
            ("EPCIS.INVALID_TIMESTAMP", 0, f"{DOC}/ObjectEvent/eventTime")
        ], bad
    assert codes(validate_text(doc(root_attrs='schemaVersion="2.0" creationDate="yesterday"'))) == {
        "EPCIS.INVALID_TIMESTAMP"
    }


def test_time_zone_offset_is_checked_in_xml() -> None:
    head = "<eventTime>2026-07-22T06:45:00+07:00</eventTime><eventTimeZoneOffset>+7:00</eventTimeZoneOffset>"
    assert errors(validate_text(doc(event(head=head)))) == [
        ("EPCIS.INVALID_TIMEZONE_OFFSET", 0, f"{DOC}/ObjectEvent/eventTimeZoneOffset")
    ]


def test_invalid_simple_values() -> None:
    body = (
        f"<epcList><epc>{SGTIN}</epc></epcList><action>ADD</action><quantityList><quantityElement>"
        "<epcClass>urn:epc:class:lgtin:8934567.089012.L1</epcClass><quantity>many</quantity>"
        "</quantityElement></quantityList>"
    )
    found = validate_text(doc(event(body)))
    assert errors(found) == [
        ("EPCIS.XML_INVALID_VALUE", 0, f"{DOC}/ObjectEvent/quantityList/quantityElement/quantity")
    ]
    assert found[0].params["type"] == "xs:decimal"
    sensor = (
        f"<epcList><epc>{SGTIN}</epc></epcList><action>ADD</action><sensorElementList><sensorElement>"
        '<sensorReport type="gs1:Temperature" value="warm"/></sensorElement></sensorElementList>'
    )
    assert codes(validate_text(doc(event(sensor)))) == {"EPCIS.XML_INVALID_VALUE"}
    typed = f'<epcList><epc>{SGTIN}</epc></epcList><action>ADD</action><ex:n xsi:type="xsd:integer" xmlns:xsd="http://www.w3.org/2001/XMLSchema">ten</ex:n>'
    assert codes(validate_text(doc(event(typed)))) == {"EPCIS.XML_INVALID_VALUE"}


def test_xsi_nil_on_nillable_quantity() -> None:
    body = (
        f"<epcList><epc>{SGTIN}</epc></epcList><action>ADD</action><quantityList><quantityElement>"
        '<epcClass>urn:epc:class:lgtin:8934567.089012.L1</epcClass><quantity xsi:nil="true"/>'
        "</quantityElement></quantityList>"
    )
    assert validate_text(doc(event(body))) == []


# -- event rules in XML ----------------------------------------------------------------------------


def test_rules_shared_with_json() -> None:
    what = event("<action>ADD</action>")
    assert errors(validate_text(doc(what))) == [("EPCIS.MISSING_WHAT", 0, f"{DOC}/ObjectEvent")]
    children = event(
        "<parentID>urn:epc:id:sgln:8934567.00001.0</parentID><action>ADD</action>",
        tag="AggregationEvent",
    )
    assert codes(validate_text(doc(children))) == {"EPCIS.MISSING_CHILDREN"}
    transformation = event(
        f"<inputEPCList><epc>{SGTIN}</epc></inputEPCList>", tag="TransformationEvent"
    )
    assert codes(validate_text(doc(transformation))) == {"EPCIS.TRANSFORMATION_INCOMPLETE"}


def test_action_and_ilmd_placement() -> None:
    with_action = event(
        f"<inputEPCList><epc>{SGTIN}</epc></inputEPCList><outputEPCList><epc>{SGTIN}</epc></outputEPCList><action>ADD</action>",
        tag="TransformationEvent",
    )
    assert errors(validate_text(doc(with_action))) == [
        ("EPCIS.ACTION_NOT_ALLOWED", 0, f"{DOC}/TransformationEvent/action")
    ]
    observe = f"<epcList><epc>{SGTIN}</epc></epcList><action>OBSERVE</action><ilmd><ex:lot>L1</ex:lot></ilmd>"
    assert errors(validate_text(doc(event(observe)))) == [
        ("EPCIS.ILMD_NOT_ALLOWED", 0, f"{DOC}/ObjectEvent/ilmd")
    ]
    agg = event(
        f"<childEPCs><epc>{SGTIN}</epc></childEPCs><action>ADD</action><ilmd><ex:lot>L1</ex:lot></ilmd>",
        tag="AggregationEvent",
    )
    assert codes(validate_text(doc(agg))) == {"EPCIS.ILMD_NOT_ALLOWED"}


def test_persistent_disposition() -> None:
    pd = "<persistentDisposition><set>urn:epcglobal:cbv:disp:completeness_verified</set></persistentDisposition>"
    agg = event(
        f"<childEPCs><epc>{SGTIN}</epc></childEPCs><action>ADD</action>{pd}", tag="AggregationEvent"
    )
    found = validate_text(doc(agg))
    assert [(f.code, f.severity) for f in found] == [
        ("EPCIS.PERSISTENT_DISPOSITION_PLACEMENT", Severity.WARNING)
    ]
    empty = event(
        f"<epcList><epc>{SGTIN}</epc></epcList><action>ADD</action><persistentDisposition/>"
    )
    assert codes(validate_text(doc(empty))) == {"EPCIS.MISSING_FIELD"}


def test_error_declaration_needs_declaration_time() -> None:
    head = (
        "<eventTime>2026-07-22T06:45:00+07:00</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>"
        "<errorDeclaration><reason>urn:epcglobal:cbv:er:incorrect_data</reason></errorDeclaration>"
    )
    found = validate_text(doc(event(head=head)))
    assert errors(found) == [("EPCIS.MISSING_FIELD", 0, f"{DOC}/ObjectEvent/errorDeclaration")]


def test_cbv_in_xml() -> None:
    def with_step(step: str) -> list[Finding]:
        return validate_text(
            doc(
                event(
                    f"<epcList><epc>{SGTIN}</epc></epcList><action>ADD</action><bizStep>{step}</bizStep>"
                )
            )
        )

    assert with_step("urn:epcglobal:cbv:bizstep:receiving") == []
    assert with_step("https://ref.gs1.org/cbv/BizStep-receiving") == []
    assert with_step("https://example.com/steps/peeling") == []
    bare = with_step("receiving")
    assert [(f.code, f.severity) for f in bare] == [("EPCIS.CBV_BARE_IN_XML", Severity.WARNING)]
    assert codes(with_step("urn:epcglobal:cbv:bizstep:transforming")) == {"EPCIS.CBV_UNKNOWN_TERM"}
    assert codes(with_step("https://ref.gs1.org/cbv/Bizstep-receiving")) == {
        "EPCIS.CBV_UNKNOWN_TERM"
    }
    assert codes(with_step("urn:epcglobal:cbv:disp:active")) == {"EPCIS.CBV_WRONG_VOCABULARY"}
    source = (
        f"<epcList><epc>{SGTIN}</epc></epcList><action>ADD</action>"
        '<sourceList><source type="urn:epcglobal:cbv:sdt:place">urn:epc:id:sgln:8934567.00001.0</source></sourceList>'
    )
    found = validate_text(doc(event(source)))
    assert errors(found) == [
        ("EPCIS.CBV_UNKNOWN_TERM", 0, f"{DOC}/ObjectEvent/sourceList/source[1]/@type")
    ]


def test_units_and_identifiers_in_xml() -> None:
    sensor = (
        f"<epcList><epc>{SGTIN}</epc><epc>not a uri</epc><epc>urn:epc:id:sgtin:8934567.08901.1</epc>"
        "<epc>https://id.gs1.org/01/08934567890121</epc></epcList><action>ADD</action>"
        '<sensorElementList><sensorElement><sensorReport type="gs1:Temperature" value="4" uom="deg"/>'
        "</sensorElement></sensorElementList>"
    )
    found = validate_text(doc(event(sensor)))
    assert sorted(errors(found)) == [
        ("EPCIS.INVALID_DIGITAL_LINK", 0, f"{DOC}/ObjectEvent/epcList/epc[4]"),
        ("EPCIS.INVALID_EPC_URN", 0, f"{DOC}/ObjectEvent/epcList/epc[3]"),
        (
            "EPCIS.INVALID_UOM",
            0,
            f"{DOC}/ObjectEvent/sensorElementList/sensorElement[1]/sensorReport[1]/@uom",
        ),
        ("EPCIS.INVALID_URI", 0, f"{DOC}/ObjectEvent/epcList/epc[2]"),
    ]


@pytest.mark.parametrize("n", [1, 3])
def test_rows_count_events_only(n: int) -> None:
    bad = event(f"<epcList><epc>{SGTIN}</epc></epcList><action>X</action>")
    found = validate_text(doc(*([event()] * n), bad))
    assert [(f.code, f.location.row) for f in found] == [("EPCIS.INVALID_ACTION", n)]


def test_unknown_xsi_type() -> None:
    body = f'<epcList><epc>{SGTIN}</epc></epcList><action>ADD</action><ex:n xsi:type="ex:NoSuchType">1</ex:n>'
    found = validate_text(doc(event(body)))
    assert errors(found) == [("EPCIS.XML_UNKNOWN_TYPE", 0, f"{DOC}/ObjectEvent/ex:n")]
    builtin = f'<epcList><epc>{SGTIN}</epc></epcList><action>ADD</action><ex:n xsi:type="xsd:float" xmlns:xsd="http://www.w3.org/2001/XMLSchema">1.5</ex:n>'
    assert validate_text(doc(event(builtin))) == []


def test_schema_only_mode_in_xml() -> None:
    strict = ValidateOptions(schema_only=True)
    # the XSD neither knows CBV terms nor checks identifiers, offsets or what an event identifies
    body = "<action>ADD</action><bizStep>urn:epcglobal:cbv:bizstep:transforming</bizStep>"
    head = "<eventTime>2026-07-22T06:45:00+07:00</eventTime><eventTimeZoneOffset>+99:00</eventTimeZoneOffset>"
    text = doc(event(body, head=head))
    assert codes(validate_text(text)) == {
        "EPCIS.MISSING_WHAT",
        "EPCIS.CBV_UNKNOWN_TERM",
        "EPCIS.INVALID_TIMEZONE_OFFSET",
    }
    assert validate_text(text, options=strict) == []
    # a bare event root has no XSD declaration
    assert codes(validate_text(event(), options=strict)) == {"EPCIS.UNKNOWN_DOCUMENT_TYPE"}


def test_attributes_on_wrappers_are_errors_unless_schema_only() -> None:
    """The XSD allows any attribute on EPCISBody/EventList/extension; no conversion keeps one."""
    text = doc().replace("<EPCISBody>", '<EPCISBody action="DELETE">')
    assert errors(validate_text(text)) == [
        ("EPCIS.XML_WRAPPER_ATTRIBUTE", None, "/epcis:EPCISDocument/EPCISBody")
    ]
    assert validate_text(text, options=ValidateOptions(schema_only=True)) == []
    listed = doc().replace("<EventList>", '<EventList ex:n="1">')
    assert codes(validate_text(listed)) == {"EPCIS.XML_WRAPPER_ATTRIBUTE"}


def test_streamed_events_are_numbered_like_whole_documents() -> None:
    """Events are checked as they stream: a repeated tag is still named ObjectEvent[1], [2] …"""
    bad = event(
        head="<eventTime>2026-02-30T07:30:00Z</eventTime>"
        "<eventTimeZoneOffset>+07:00</eventTimeZoneOffset>"
    )
    one = validate_text(doc(bad))
    assert [f.location.field for f in one if f.is_error] == [f"{DOC}/ObjectEvent/eventTime"]
    two = validate_text(doc(bad, bad))
    assert [(f.location.row, f.location.field) for f in two if f.is_error] == [
        (0, f"{DOC}/ObjectEvent[1]/eventTime"),
        (1, f"{DOC}/ObjectEvent[2]/eventTime"),
    ]


KEYWORD_ROOT = """<?xml version='1.0' encoding='UTF-8'?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"
    creationDate="2026-01-01T00:00:00.000Z" {attr}>
  <EPCISBody><EventList/></EPCISBody>
</epcis:EPCISDocument>
"""


@pytest.mark.parametrize("attr", ['type="x"', 'value="1"', 'language="vi"'])
def test_keyword_named_unqualified_attribute_is_an_error_as_load_refuses_it(attr: str) -> None:
    text = KEYWORD_ROOT.format(attr=attr)
    found = [f for f in validate_text(text) if f.code == "EPCIS.IO_UNQUALIFIED_ATTRIBUTE"]
    assert [f.location.field for f in found] == [
        f"/epcis:EPCISDocument/@{attr.split('=', maxsplit=1)[0]}"
    ]
    with pytest.raises(EpcisError) as info:
        loads(text)
    assert info.value.code == "EPCIS.IO_UNQUALIFIED_ATTRIBUTE"


def test_declared_and_pseudo_sbdh_attributes_are_not_keyword_findings() -> None:
    text = KEYWORD_ROOT.format(attr='id="doc-1" sender="a"')  # pseudo-SBDH fields of the model
    assert not [f for f in validate_text(text) if f.code == "EPCIS.IO_UNQUALIFIED_ATTRIBUTE"]
    assert loads(text).id == "doc-1"


def test_root_xml_lang_survives_a_streamed_conversion(tmp_path: Path) -> None:
    source = tmp_path / "in.xml"
    source.write_text(KEYWORD_ROOT.format(attr='xml:lang="vi"'), encoding="utf-8")
    for target in (tmp_path / "out.xml", tmp_path / "out.jsonld"):
        convert_file(source, target)
        assert load(target) == load(source)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_convert_into_a_pipe_writes_into_it_and_keeps_the_pipe(tmp_path: Path) -> None:
    """Renaming a temporary file onto a device or FIFO (``/dev/null``) would replace the node."""
    source = tmp_path / "in.xml"
    source.write_text(KEYWORD_ROOT.format(attr='id="doc-1"'), encoding="utf-8")
    fifo = tmp_path / "out.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    convert_file(source, fifo, to="json")
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert loads(received[0]) == load(source)


def test_master_data_attribute_with_an_attribute_the_model_cannot_keep() -> None:
    # AttributeType has anyAttribute, but a vocabulary attribute holds only its id and value
    doc = (
        '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" '
        'creationDate="2026-05-12T08:00:00Z"><EPCISHeader><extension><EPCISMasterData>'
        '<VocabularyList><Vocabulary type="urn:epcglobal:epcis:vtype:BusinessLocation">'
        '<VocabularyElementList><VocabularyElement id="urn:epc:id:sgln:0614141.00777.0">'
        '<attribute id="urn:epcglobal:cbv:mda#name" lang="vi">Kho</attribute>'
        "</VocabularyElement></VocabularyElementList></Vocabulary></VocabularyList>"
        "</EPCISMasterData></extension></EPCISHeader><EPCISBody><EventList/></EPCISBody>"
        "</epcis:EPCISDocument>"
    )
    found = [f for f in validate_text(doc) if f.is_error]
    assert [(f.code, f.params) for f in found] == [
        ("EPCIS.XML_ATTRIBUTE_NOT_KEPT", {"element": "attribute", "attribute": "lang"})
    ]
    assert found[0].location.field.endswith("/attribute/@lang")


def test_text_of_a_sensor_report_has_no_place_in_the_model() -> None:
    doc = (
        '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" '
        'creationDate="2026-05-12T08:00:00Z"><EPCISBody><EventList><ObjectEvent>'
        "<eventTime>2026-05-12T07:30:00Z</eventTime><eventTimeZoneOffset>+07:00"
        "</eventTimeZoneOffset><epcList/><action>OBSERVE</action><sensorElementList>"
        "<sensorElement><sensorReport type='gs1:Temperature' value='4.5' uom='CEL'>ấm</sensorReport>"
        "</sensorElement></sensorElementList></ObjectEvent></EventList></EPCISBody>"
        "</epcis:EPCISDocument>"
    )
    found = [f for f in validate_text(doc) if f.is_error]
    assert [(f.code, f.params) for f in found] == [
        ("EPCIS.XML_TEXT_NOT_KEPT", {"element": "sensorReport", "text": "ấm"})
    ]
    assert validate_text(doc, options=ValidateOptions(schema_only=True)) == []
