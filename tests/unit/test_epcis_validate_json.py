"""epcis.validate on small hand-written JSON-LD documents: structure (JSON Schema rules) and event rules."""

from __future__ import annotations

import copy
import io
import json
from typing import Any

import pytest

from vntrace.epcis import iter_events, loads
from vntrace.epcis.validate import ValidateOptions, validate_text
from vntrace.errors import EpcisError
from vntrace.findings import Finding, Severity

CONTEXT = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld"
SGTIN = "urn:epc:id:sgtin:8934567.089012.1001"
SGLN = "urn:epc:id:sgln:8934567.00001.0"


def event(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "type": "ObjectEvent",
        "eventTime": "2026-07-22T06:45:00+07:00",
        "eventTimeZoneOffset": "+07:00",
        "epcList": [SGTIN],
        "action": "OBSERVE",
    }
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


def doc(*events: dict[str, Any], **fields: Any) -> str:
    body: dict[str, Any] = {
        "@context": [CONTEXT],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-07-22T10:30:00Z",
        "epcisBody": {"eventList": list(events) or [event()]},
    }
    body.update(fields)
    return json.dumps({k: v for k, v in body.items() if v is not None})


def errors(findings: list[Finding]) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.location.row, f.location.field) for f in findings if f.is_error]


def codes(findings: list[Finding], severity: Severity | None = None) -> set[str]:
    return {f.code for f in findings if severity is None or f.severity is severity}


def test_minimal_document_is_valid() -> None:
    assert validate_text(doc()) == []


def test_all_five_event_types_valid() -> None:
    events = [
        event(),
        event(
            type="AggregationEvent",
            epcList=None,
            parentID="urn:epc:id:sscc:8934567.0000000123",
            childEPCs=[SGTIN],
            action="ADD",
        ),
        event(
            type="TransactionEvent",
            bizTransactionList=[
                {"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:8934567000017:PO1"}
            ],
        ),
        event(
            type="TransformationEvent",
            epcList=None,
            action=None,
            inputEPCList=[SGTIN],
            outputQuantityList=[
                {"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "quantity": 5, "uom": "KGM"}
            ],
        ),
        event(
            type="AssociationEvent", epcList=None, parentID=SGLN, childEPCs=[SGTIN], action="ADD"
        ),
    ]
    assert validate_text(doc(*events)) == []


def test_location_is_row_and_json_pointer() -> None:
    found = validate_text(doc(event(), event(bizStep="transforming")))
    assert errors(found) == [("EPCIS.CBV_UNKNOWN_TERM", 1, "/epcisBody/eventList/1/bizStep")]
    assert found[0].params == {"value": "transforming", "vocabulary": "bizStep"}


# -- structure ---------------------------------------------------------------------------------


def test_missing_document_fields() -> None:
    found = validate_text(doc(**{"@context": None, "creationDate": None}))
    assert ("EPCIS.MISSING_FIELD", None, "") in errors(found)
    assert {f.params["field"] for f in found} == {"@context", "creationDate"}


def test_missing_action_and_event_time() -> None:
    found = validate_text(doc(event(action=None, eventTime=None)))
    assert errors(found) == [
        ("EPCIS.MISSING_FIELD", 0, "/epcisBody/eventList/0"),
        ("EPCIS.MISSING_ACTION", 0, "/epcisBody/eventList/0"),
    ]


def test_invalid_action() -> None:
    assert errors(validate_text(doc(event(action="CREATE")))) == [
        ("EPCIS.INVALID_ACTION", 0, "/epcisBody/eventList/0/action")
    ]


def test_unexpected_field_in_event_and_closed_object() -> None:
    found = validate_text(
        doc(
            event(
                madeUp=1,
                quantityList=[{"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "weight": 5}],
            )
        )
    )
    assert errors(found) == [
        ("EPCIS.UNEXPECTED_FIELD", 0, "/epcisBody/eventList/0/madeUp"),
        ("EPCIS.UNEXPECTED_FIELD", 0, "/epcisBody/eventList/0/quantityList/0/weight"),
    ]


def test_extension_keys_are_uris_or_declared_curies() -> None:
    ctx = [CONTEXT, {"ex": "https://example.com/ns/"}]
    assert validate_text(doc(event(**{"ex:temperature": 4}), **{"@context": ctx})) == []
    found = validate_text(doc(event(**{"zz:temperature": 4})))
    assert codes(found) == {"EPCIS.UNDECLARED_PREFIX"}
    assert found[0].severity is Severity.ERROR  # vntrace.epcis.load refuses it too
    assert found[0].params["prefix"] == "zz"


def test_invalid_type_and_quantity_as_text() -> None:
    found = validate_text(
        doc(
            event(
                quantityList=[
                    {"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "quantity": "twenty"}
                ]
            )
        )
    )
    assert errors(found) == [
        ("EPCIS.INVALID_TYPE", 0, "/epcisBody/eventList/0/quantityList/0/quantity")
    ]
    assert found[0].params == {"expected": "number", "got": "string"}


def test_boolean_is_not_a_number() -> None:
    found = validate_text(
        doc(
            event(
                quantityList=[
                    {"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "quantity": True}
                ]
            )
        )
    )
    assert codes(found) == {"EPCIS.INVALID_TYPE"}


def test_timestamp_needs_zone_and_real_date() -> None:
    for bad in (
        "2026-07-22T06:45:00",
        "22-07-2026",
        "2026-02-30T06:45:00Z",
        "2026-07-22T24:00:00Z",
    ):
        assert errors(validate_text(doc(event(eventTime=bad)))) == [
            ("EPCIS.INVALID_TIMESTAMP", 0, "/epcisBody/eventList/0/eventTime")
        ], bad
    assert validate_text(doc(event(eventTime="2026-07-22T06:45:00.123456Z"))) == []


def test_time_zone_offset_pattern() -> None:
    for bad in ("+15:00", "+14:30", "07:00", "+7:00", "Z"):
        assert errors(validate_text(doc(event(eventTimeZoneOffset=bad)))) == [
            ("EPCIS.INVALID_TIMEZONE_OFFSET", 0, "/epcisBody/eventList/0/eventTimeZoneOffset")
        ], bad
    for good in ("+14:00", "-12:00", "+05:45", "-00:00"):
        assert validate_text(doc(event(eventTimeZoneOffset=good))) == [], good


def test_invalid_uri_format() -> None:
    assert errors(validate_text(doc(event(epcList=["not a uri"])))) == [
        ("EPCIS.INVALID_URI", 0, "/epcisBody/eventList/0/epcList/0")
    ]


def test_duplicate_epc_in_unique_list() -> None:
    assert errors(validate_text(doc(event(epcList=[SGTIN, SGTIN])))) == [
        ("EPCIS.DUPLICATE_ITEM", 0, "/epcisBody/eventList/0/epcList/1")
    ]


def test_too_few_items() -> None:
    tx = event(type="TransactionEvent", bizTransactionList=[])
    assert errors(validate_text(doc(tx))) == [
        ("EPCIS.TOO_FEW_ITEMS", 0, "/epcisBody/eventList/0/bizTransactionList")
    ]
    sensor = event(sensorElementList=[{"sensorReport": []}])
    assert codes(validate_text(doc(sensor))) == {"EPCIS.TOO_FEW_ITEMS"}


def test_invalid_value_patterns() -> None:
    assert codes(validate_text(doc(schemaVersion="2.x"))) == {"EPCIS.INVALID_VALUE"}
    assert codes(validate_text(doc(schemaVersion="٢.0"))) == {
        "EPCIS.INVALID_VALUE"
    }  # ASCII digits only
    report = {"type": "Temperature", "hexBinaryValue": "XYZ"}
    found = validate_text(doc(event(sensorElementList=[{"sensorReport": [report]}])))
    assert errors(found) == [
        (
            "EPCIS.INVALID_VALUE",
            0,
            "/epcisBody/eventList/0/sensorElementList/0/sensorReport/0/hexBinaryValue",
        )
    ]


def test_ilmd_keys_must_be_uris() -> None:
    found = validate_text(doc(event(action="ADD", ilmd={"materialType": "soil"})))
    assert errors(found) == [
        ("EPCIS.EXTENSION_KEY_NOT_URI", 0, "/epcisBody/eventList/0/ilmd/materialType")
    ]
    assert (
        validate_text(doc(event(action="ADD", ilmd={"https://example.com/ns/material": "soil"})))
        == []
    )


def test_unknown_event_type_and_extended_event() -> None:
    assert errors(validate_text(doc(event(type="ObjectEventInvalid")))) == [
        ("EPCIS.UNKNOWN_EVENT_TYPE", 0, "/epcisBody/eventList/0/type")
    ]
    extended = {
        "type": "https://example.com/MyEvent",
        "eventTime": "2026-07-22T06:45:00Z",
        "eventTimeZoneOffset": "+00:00",
    }
    schema_only = ValidateOptions(schema_only=True)
    assert validate_text(doc(extended), options=schema_only) == []  # the JSON Schema allows it
    assert errors(validate_text(doc(extended))) == [
        ("EPCIS.EXTENSION_EVENT_TYPE", 0, "/epcisBody/eventList/0/type")
    ]
    extended["eventTimeZoneOffset"] = "+99:00"
    assert codes(validate_text(doc(extended))) == {
        "EPCIS.EXTENSION_EVENT_TYPE",
        "EPCIS.INVALID_TIMEZONE_OFFSET",
    }


def test_offsets_beyond_14_hours_are_invalid_as_in_xml() -> None:
    late = doc(creationDate="2026-05-12T07:30:00-14:01")
    assert errors(validate_text(late)) == [("EPCIS.INVALID_TIMESTAMP", None, "/creationDate")]
    assert validate_text(late, options=ValidateOptions(schema_only=True)) == []
    assert validate_text(doc(creationDate="2026-05-12T07:30:00-14:00")) == []


def test_bare_event_document() -> None:
    bare = dict(event(), **{"@context": CONTEXT})
    assert errors(validate_text(json.dumps(bare))) == [("EPCIS.BARE_EVENT", 0, "")]
    allowed = ValidateOptions(allow_bare_event=True)
    assert validate_text(json.dumps(bare), options=allowed) == []
    del bare["@context"]
    assert errors(validate_text(json.dumps(bare), options=allowed)) == [
        ("EPCIS.MISSING_FIELD", 0, "")
    ]


def test_query_document() -> None:
    query = {
        "@context": CONTEXT,
        "type": "EPCISQueryDocument",
        "epcisBody": {
            "queryResults": {
                "queryName": "SimpleEventQuery",
                "resultsBody": {"eventList": [event(action="DELETE")]},
            }
        },
    }
    assert validate_text(json.dumps(query)) == []
    query["epcisBody"]["queryResults"]["resultsBody"]["eventList"][0]["action"] = "X"
    assert errors(validate_text(json.dumps(query))) == [
        ("EPCIS.INVALID_ACTION", 0, "/epcisBody/queryResults/resultsBody/eventList/0/action")
    ]


def test_certification_info_string_or_list() -> None:
    assert validate_text(doc(event(certificationInfo="https://cert.example.com/1"))) == []
    assert validate_text(doc(event(certificationInfo=["https://cert.example.com/1"]))) == []
    assert codes(validate_text(doc(event(certificationInfo=[{"gs1:x": 1}])))) == {
        "EPCIS.INVALID_TYPE"
    }


# -- event rules ---------------------------------------------------------------------------------


def test_object_event_must_identify_something() -> None:
    assert errors(validate_text(doc(event(epcList=None)))) == [
        ("EPCIS.MISSING_WHAT", 0, "/epcisBody/eventList/0")
    ]
    assert validate_text(doc(event(epcList=[]))) == []  # an empty epcList is allowed
    sensor = [{"sensorReport": [{"type": "Temperature", "value": 4.5, "uom": "CEL"}]}]
    assert (
        validate_text(doc(event(epcList=None, sensorElementList=sensor, readPoint={"id": SGLN})))
        == []
    )
    assert codes(validate_text(doc(event(epcList=None, sensorElementList=sensor)))) == {
        "EPCIS.MISSING_WHAT"
    }


def test_transaction_event_what_unless_delete() -> None:
    tx = event(
        type="TransactionEvent",
        epcList=None,
        bizTransactionList=[{"bizTransaction": "urn:epcglobal:cbv:bt:8934567000017:1"}],
    )
    assert codes(validate_text(doc(tx))) == {"EPCIS.MISSING_WHAT"}
    tx["action"] = "DELETE"
    assert validate_text(doc(tx)) == []


@pytest.mark.parametrize("etype", ["AggregationEvent", "AssociationEvent"])
def test_children_required_unless_delete(etype: str) -> None:
    agg = event(type=etype, epcList=None, parentID=SGLN, action="ADD")
    assert errors(validate_text(doc(agg))) == [
        ("EPCIS.MISSING_CHILDREN", 0, "/epcisBody/eventList/0")
    ]
    agg["action"] = "DELETE"
    assert validate_text(doc(agg)) == []


def test_association_event_needs_parent() -> None:
    assoc = event(type="AssociationEvent", epcList=None, childEPCs=[SGTIN], action="ADD")
    assert errors(validate_text(doc(assoc))) == [
        ("EPCIS.MISSING_FIELD", 0, "/epcisBody/eventList/0")
    ]


def test_transformation_rules() -> None:
    base = event(type="TransformationEvent", epcList=None, action=None)
    assert codes(validate_text(doc(dict(base, inputEPCList=[SGTIN])))) == {
        "EPCIS.TRANSFORMATION_INCOMPLETE"
    }
    assert (
        validate_text(
            doc(
                dict(base, inputEPCList=[SGTIN], transformationID="urn:epc:id:gdti:8934567.00001.1")
            )
        )
        == []
    )
    with_action = dict(
        base, inputEPCList=[SGTIN], outputEPCList=[SGTIN.replace("1001", "1002")], action="ADD"
    )
    assert errors(validate_text(doc(with_action))) == [
        ("EPCIS.ACTION_NOT_ALLOWED", 0, "/epcisBody/eventList/0/action")
    ]


def test_ilmd_only_with_add() -> None:
    ilmd = {"https://example.com/ns/lot": "L1"}
    assert errors(validate_text(doc(event(action="OBSERVE", ilmd=ilmd)))) == [
        ("EPCIS.ILMD_NOT_ALLOWED", 0, "/epcisBody/eventList/0/ilmd")
    ]
    agg = event(
        type="AggregationEvent",
        epcList=None,
        parentID=SGLN,
        childEPCs=[SGTIN],
        action="ADD",
        ilmd=ilmd,
    )
    assert codes(validate_text(doc(agg))) == {"EPCIS.ILMD_NOT_ALLOWED"}
    assert validate_text(doc(event(action="ADD", ilmd=ilmd))) == []


def test_persistent_disposition_placement_is_a_warning() -> None:
    pd = {"set": ["completeness_verified"]}
    assert validate_text(doc(event(persistentDisposition=pd))) == []
    agg = event(
        type="AggregationEvent",
        epcList=None,
        parentID=SGLN,
        childEPCs=[SGTIN],
        action="ADD",
        persistentDisposition=pd,
    )
    found = validate_text(doc(agg))
    assert [(f.code, f.severity) for f in found] == [
        ("EPCIS.PERSISTENT_DISPOSITION_PLACEMENT", Severity.WARNING)
    ]
    assert codes(validate_text(doc(event(persistentDisposition={})))) == {"EPCIS.MISSING_FIELD"}
    assert codes(validate_text(doc(event(persistentDisposition={"set": ["nonsense"]})))) == {
        "EPCIS.CBV_UNKNOWN_TERM"
    }


# -- CBV -----------------------------------------------------------------------------------------


def test_cbv_forms() -> None:
    assert validate_text(doc(event(bizStep="receiving", disposition="in_progress"))) == []
    assert validate_text(doc(event(bizStep="https://ref.gs1.org/cbv/BizStep-receiving"))) == []
    assert validate_text(doc(event(bizStep="https://example.com/steps/peeling"))) == []


def test_cbv_urn_in_json_is_an_error_unless_permitted() -> None:
    text = doc(event(bizStep="urn:epcglobal:cbv:bizstep:receiving"))
    found = validate_text(text)
    assert [(f.code, f.severity) for f in found] == [
        ("EPCIS.CBV_FORM_NOT_ALLOWED_IN_JSON", Severity.ERROR)
    ]
    relaxed = validate_text(text, options=ValidateOptions(permit_cbv_urn_in_json=True))
    assert [(f.code, f.severity) for f in relaxed] == [
        ("EPCIS.CBV_FORM_NOT_ALLOWED_IN_JSON", Severity.WARNING)
    ]


def test_cbv_unknown_and_wrong_vocabulary() -> None:
    assert codes(validate_text(doc(event(disposition="in_transport")))) == {
        "EPCIS.CBV_UNKNOWN_TERM"
    }
    assert codes(validate_text(doc(event(bizStep="urn:epcglobal:cbv:bizstep:transforming")))) == {
        "EPCIS.CBV_UNKNOWN_TERM"
    }
    assert codes(validate_text(doc(event(bizStep="https://ref.gs1.org/cbv/Disp-active")))) == {
        "EPCIS.CBV_WRONG_VOCABULARY"
    }
    src = event(sourceList=[{"type": "place", "source": SGLN}])
    assert errors(validate_text(doc(src))) == [
        ("EPCIS.CBV_UNKNOWN_TERM", 0, "/epcisBody/eventList/0/sourceList/0/type")
    ]
    err = event(errorDeclaration={"declarationTime": "2026-07-23T00:00:00Z", "reason": "oops"})
    assert errors(validate_text(doc(err))) == [
        ("EPCIS.CBV_UNKNOWN_TERM", 0, "/epcisBody/eventList/0/errorDeclaration/reason")
    ]


def test_sensor_vocabularies() -> None:
    report = {
        "type": "Temperature",
        "component": "latitude",
        "exception": "ALARM_CONDITION",
        "value": 1.0,
        "uom": "CEL",
    }
    assert validate_text(doc(event(sensorElementList=[{"sensorReport": [report]}]))) == []
    bad = dict(report, type="Molar_concentration", component="north", exception="PANIC")
    found = validate_text(doc(event(sensorElementList=[{"sensorReport": [bad]}])))
    assert [f.location.field.rsplit("/", 1)[1] for f in found] == ["type", "component", "exception"]  # type: ignore[union-attr]
    assert codes(found, Severity.ERROR) == {"EPCIS.CBV_UNKNOWN_TERM"}
    # a gs1: CURIE of an unknown measurement type is only a warning (the XSD has no list)
    curie = dict(report, type="gs1:EffectiveDoseRate")
    found = validate_text(doc(event(sensorElementList=[{"sensorReport": [curie]}])))
    assert [(f.code, f.severity) for f in found] == [("EPCIS.CBV_UNKNOWN_TERM", Severity.WARNING)]


# -- units and identifiers -------------------------------------------------------------------------


def test_uom() -> None:
    q = {"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "quantity": 2}
    assert codes(validate_text(doc(event(quantityList=[dict(q, uom="kg")])))) == {
        "EPCIS.INVALID_UOM"
    }
    found = validate_text(doc(event(quantityList=[dict(q, uom="ZZ9")])))
    assert [(f.code, f.severity) for f in found] == [("EPCIS.UOM_NOT_IN_TABLE", Severity.INFO)]
    report = {"type": "Temperature", "value": 1.0, "uom": "degC"}
    assert codes(validate_text(doc(event(sensorElementList=[{"sensorReport": [report]}])))) == {
        "EPCIS.INVALID_UOM"
    }


def test_identifiers() -> None:
    bad_urn = "urn:epc:id:sgtin:8934567.08901.1"  # item reference too short for a 7-digit prefix
    found = validate_text(doc(event(epcList=[bad_urn])))
    assert errors(found) == [("EPCIS.INVALID_EPC_URN", 0, "/epcisBody/eventList/0/epcList/0")]
    assert str(found[0].params["reason"]).startswith("EPC.")
    good_dl = "https://id.gs1.org/01/08934567890120/21/1"
    assert validate_text(doc(event(epcList=[good_dl]))) == []
    bad_dl = "https://id.gs1.org/01/08934567890121/21/1"  # check digit of 0893456789012 is 0
    found = validate_text(doc(event(epcList=[bad_dl])))
    assert errors(found) == [("EPCIS.INVALID_DIGITAL_LINK", 0, "/epcisBody/eventList/0/epcList/0")]
    assert found[0].params["reason"] == "GS1.INCORRECT_CHECK_DIGIT"
    class_in_list = validate_text(doc(event(epcList=["urn:epc:class:lgtin:8934567.089012.L1"])))
    assert codes(class_in_list) == {"EPCIS.EPC_KIND_MISMATCH"}
    instance_as_class = event(quantityList=[{"epcClass": SGTIN, "quantity": 1}])
    assert codes(validate_text(doc(instance_as_class))) == {"EPCIS.EPC_KIND_MISMATCH"}
    assert (
        validate_text(doc(event(epcList=["urn:epc:id:gid:95100000.12345.400"]))) == []
    )  # no DL form


def test_identifier_checks_can_be_switched_off() -> None:
    text = doc(event(epcList=["urn:epc:id:sgtin:8934567.08901.1"]))
    assert validate_text(text, options=ValidateOptions(check_identifiers=False)) == []


def test_validation_does_not_mutate_or_depend_on_key_order() -> None:
    ev = event(bizStep="receiving")
    reordered = dict(reversed(list(copy.deepcopy(ev).items())))
    assert validate_text(doc(ev)) == validate_text(doc(reordered)) == []


def test_protected_context_terms() -> None:
    same = [CONTEXT, {"gs1": "https://gs1.org/voc/", "ex": "https://example.com/ns/"}]
    assert validate_text(doc(**{"@context": same})) == []
    other = [CONTEXT, {"cbvmda": "http://example.com/cbvmda/"}]
    assert errors(validate_text(doc(**{"@context": other}))) == [
        ("EPCIS.CONTEXT_PROTECTED_TERM", None, "/@context/1/cbvmda")
    ]
    in_event = dict(event(), **{"@context": [{"bizStep": "https://example.com/step"}]})
    assert errors(validate_text(doc(in_event))) == [
        ("EPCIS.CONTEXT_PROTECTED_TERM", 0, "/epcisBody/eventList/0/@context/0/bizStep")
    ]
    # without the GS1 context nothing is protected
    assert (
        codes(validate_text(doc(**{"@context": [{"cbvmda": "http://example.com/cbvmda/"}]})))
        == set()
    )


def test_schema_only_mode_in_json() -> None:
    strict = ValidateOptions(schema_only=True)
    pd = {"set": ["completeness_verified"]}
    agg = event(
        type="AggregationEvent",
        epcList=None,
        parentID=SGLN,
        childEPCs=[SGTIN],
        action="ADD",
        persistentDisposition=pd,
    )
    assert errors(validate_text(doc(agg), options=strict)) == [
        ("EPCIS.UNEXPECTED_FIELD", 0, "/epcisBody/eventList/0/persistentDisposition")
    ]
    # URN form: always an error for the schema, whatever permit_cbv_urn_in_json says
    urn = doc(event(bizStep="urn:epcglobal:cbv:bizstep:receiving"))
    assert codes(validate_text(urn, options=strict), Severity.ERROR) == {
        "EPCIS.CBV_FORM_NOT_ALLOWED_IN_JSON"
    }
    # what the schema does not check: CBV-namespace URIs, identifier grammar, the Rec 20 table
    relaxed = doc(
        event(
            bizStep="https://ref.gs1.org/cbv/BizStep-nonsense",
            epcList=["urn:epc:id:sgtin:8934567.08901.1"],
            quantityList=[
                {"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "quantity": 1, "uom": "ZZ9"}
            ],
            sensorElementList=[
                {"sensorReport": [{"type": "https://example.com/t", "uom": "degrees"}]}
            ],
        )
    )
    assert codes(validate_text(relaxed)) >= {
        "EPCIS.CBV_UNKNOWN_TERM",
        "EPCIS.INVALID_EPC_URN",
        "EPCIS.INVALID_UOM",
    }
    assert validate_text(relaxed, options=strict) == []
    # what it does check: the offset pattern, quantity uom pattern, bare terms, measurement URIs
    assert codes(validate_text(doc(event(eventTimeZoneOffset="+7:00")), options=strict)) == {
        "EPCIS.INVALID_TIMEZONE_OFFSET"
    }
    voc = event(sensorElementList=[{"sensorReport": [{"type": "https://gs1.org/voc/Temperature"}]}])
    assert codes(validate_text(doc(voc), options=strict)) == {"EPCIS.CBV_FORM_NOT_ALLOWED_IN_JSON"}
    assert codes(validate_text(doc(voc))) == {"EPCIS.CBV_FORM_NOT_ALLOWED_IN_JSON"}


def test_bare_words_in_open_objects_are_errors_unless_schema_only() -> None:
    """readPoint takes any key in the JSON Schema; a bare word has no namespace to keep it by."""
    text = doc(event(readPoint={"id": SGLN, "type": "x"}))
    assert errors(validate_text(text)) == [
        ("EPCIS.UNEXPECTED_FIELD", 0, "/epcisBody/eventList/0/readPoint/type")
    ]
    assert validate_text(text, options=ValidateOptions(schema_only=True)) == []
    undeclared = doc(event(readPoint={"id": SGLN, "zz:x": "1"}))
    assert codes(validate_text(undeclared)) == {"EPCIS.UNDECLARED_PREFIX"}


@pytest.mark.parametrize(
    ("path", "query"),
    [
        (("epcisBody",), False),
        (("epcisHeader", "epcisMasterData"), False),
        (("epcisBody", "queryResults"), True),
        (("epcisBody", "queryResults", "resultsBody"), True),
    ],
)
def test_extension_keys_where_the_model_has_no_extensions(
    path: tuple[str, ...], query: bool
) -> None:
    # the JSON Schema lets them in; load refuses them rather than drop them (EPCIS.IO_KEY_NOT_KEPT)
    doc: dict[str, Any] = {
        "@context": [
            "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
            {"ex": "https://ex.vn/"},
        ],
        "type": "EPCISQueryDocument" if query else "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-05-12T08:00:00Z",
        "epcisBody": {
            "queryResults": {"queryName": "SimpleEventQuery", "resultsBody": {"eventList": []}}
        }
        if query
        else {"eventList": []},
    }
    if not query:
        doc["epcisHeader"] = {"epcisMasterData": {"vocabularyList": []}}
    obj = doc
    for key in path:
        obj = obj[key]
    obj["ex:note"] = "x"
    text = json.dumps(doc)
    found = [f for f in validate_text(text) if f.is_error]
    assert [(f.code, f.params["key"], f.location.field) for f in found] == [
        ("EPCIS.IO_KEY_NOT_KEPT", "ex:note", "/" + "/".join(path) + "/ex:note")
    ]
    with pytest.raises(EpcisError) as caught:
        loads(text)
    assert caught.value.code == "EPCIS.IO_KEY_NOT_KEPT"
    with pytest.raises(EpcisError):
        list(iter_events(io.BytesIO(text.encode())))
