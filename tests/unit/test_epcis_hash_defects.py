"""Hash defects of issue 7 and D7, each pinned with the peers' output.

The expected pre-hash strings are those of epcis2.js 2.7.3 and epcis-event-hash-generator 1.9.3
(and the Java openepcis generator by reading its source), as recorded in
``shared/findings/epcis-hash-interop.md`` §5 — not produced by the code under test.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

import pytest

from vntrace.epcis.hashing import event_hash, prehash
from vntrace.epcis.jsonld import read_event
from vntrace.errors import EpcisError, VntraceError

HEAD = "eventType=ObjectEventeventTime=2026-05-12T07:30:00.000ZeventTimeZoneOffset=+07:00"
BASE: dict[str, Any] = {
    "type": "ObjectEvent",
    "eventTime": "2026-05-12T07:30:00Z",
    "eventTimeZoneOffset": "+07:00",
    "action": "OBSERVE",
}


def test_biz_rules_in_a_sensor_report_goes_to_the_extension_block() -> None:
    event = {
        **BASE,
        "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"],
        "sensorElementList": [
            {
                "sensorReport": [
                    {
                        "type": "Temperature",
                        "value": 4,
                        "uom": "CEL",
                        "bizRules": "https://id.gs1.org/253/4012345000054987",
                    }
                ]
            }
        ],
    }
    expected = (
        HEAD + "epcListepc=https://id.gs1.org/01/10614141073464/21/2017action=OBSERVE"
        "sensorElementListsensorElementsensorReporttype=https://gs1.org/voc/Temperature"
        "value=4uom=CEL"
        "sensorElementListsensorElementsensorReportbizRules=https://id.gs1.org/253/4012345000054987"
    )
    assert prehash(event) == expected
    assert prehash(read_event(event)) == expected  # the model path agrees


def test_biz_rules_in_sensor_metadata_stays_a_standard_field() -> None:
    event = {
        **BASE,
        "sensorElementList": [
            {
                "sensorMetadata": {"bizRules": "https://rules.vn/1"},
                "sensorReport": [{"type": "Temperature", "value": 4, "uom": "CEL"}],
            }
        ],
    }
    expected = (
        HEAD + "action=OBSERVEsensorElementListsensorElementsensorMetadatabizRules="
        "https://rules.vn/1sensorReporttype=https://gs1.org/voc/Temperaturevalue=4uom=CEL"
    )
    assert prehash(event) == expected
    assert prehash(read_event(event)) == expected


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        # the peers' host swap, zero filler not validated (like the check digit)
        (
            "https://id.example.com/8003/952012200000001004",
            "https://id.gs1.org/8003/952012200000001004",
        ),
        (
            "https://id.example.com/scan/8003/123456789012341ABC?x=1",
            "https://id.gs1.org/8003/123456789012341ABC",
        ),
        # with the filler it was already constrained
        (
            "https://id.example.com/8003/09520122000001004",
            "https://id.gs1.org/8003/09520122000001004",
        ),
        # not a GRAI value at all (letters in the 13 digits): left as written
        ("https://id.example.com/8003/9ABC", "https://id.example.com/8003/9ABC"),
    ],
)
def test_grai_without_zero_filler_is_constrained(uri: str, expected: str) -> None:
    event = {**BASE, "epcList": [uri]}
    assert prehash(event) == HEAD + f"epcListepc={expected}action=OBSERVE"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("certificationInfo", [{"gs1:certificationAgency": "X"}]),
        ("certificationInfo", {"id": "https://cert.vn/1"}),
        ("parentID", {"id": "urn:epc:id:sscc:8934567.0000000001"}),
        ("epcList", [["urn:epc:id:sgtin:8934567.089012.1"]]),
        ("bizStep", ["receiving"]),
        ("readPoint", {"id": {"x": 1}}),
        ("bizTransactionList", [{"type": "po", "bizTransaction": {"a": 1}}]),
        ("quantityList", [{"epcClass": ["urn:epc:class:lgtin:8934567.089012.L1"]}]),
        ("sensorElementList", [{"sensorReport": [{"type": {"a": 1}, "value": 1}]}]),
        ("persistentDisposition", {"set": [{"a": 1}]}),
    ],
)
def test_an_object_where_a_value_is_expected_is_refused(key: str, value: Any) -> None:
    with pytest.raises(EpcisError) as caught:
        prehash({**BASE, key: value})
    (finding,) = caught.value.findings
    assert finding.code == "EPCIS.HASH_NOT_A_VALUE"
    assert finding.params == {"field": key}


def test_huge_exponent_in_an_extension_is_a_finding_not_decimal_overflow() -> None:
    event = {**BASE, "ex:x": "1e1000000"}
    with pytest.raises(VntraceError) as caught:
        event_hash(event, context={"ex": "https://ex.vn/"})
    assert caught.value.findings[0].code == "EPCIS.HASH_NUMBER_TOO_LONG"
    event = {**BASE, "ex:x": "-1e-1000000"}
    with pytest.raises(VntraceError):
        event_hash(event, context={"ex": "https://ex.vn/"})


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("1e1000", "1" + "0" * 1000),  # at the limit: written out in full
        ("1.0000000000000000000000000000000000001000", "1.0000000000000000000000000000000000001"),
        ("-0.000", "0"),
        ("12.50", "12.5"),
        ("1E+2", "100"),
        ("0.987", "0.987"),
    ],
)
def test_numbers_are_exact_without_context_rounding(text: str, written: str) -> None:
    # Decimal.normalize() would round the 38-digit value to 28 digits: the plain form is exact
    event = {**BASE, "ex:x": text}
    assert prehash(event, context={"ex": "https://ex.vn/"}) == (
        HEAD + "action=OBSERVE{https://ex.vn/}x=" + written
    )
    assert Decimal(written) == Decimal(text)


def test_hash_of_the_fixed_prehash() -> None:
    event = {**BASE, "certificationInfo": "https://cert.vn/1"}
    pre = HEAD + "certificationInfo=https://cert.vn/1action=OBSERVE"
    assert prehash(event) == pre
    digest = hashlib.sha256(pre.encode()).hexdigest()
    assert event_hash(event) == f"ni:///sha-256;{digest}?ver=CBV2.0"


# hash_profile="openepcis-2025": the Java generator's choices, read from its source
# (ConstantEventHashInfo: certificationInfo excluded; EPCIS.GS1_VOC_DOMAIN = ref.gs1.org/voc/)
PROFILE_EVENT: dict[str, Any] = {
    **BASE,
    "certificationInfo": ["https://cert.vn/2", "https://cert.vn/1"],
    "sensorElementList": [
        {
            "sensorReport": [
                {"type": "Temperature", "value": 4, "uom": "CEL"},
                {"type": "gs1:RelativeHumidity", "exception": "ALARM_CONDITION"},
                {"type": "https://gs1.org/voc/Speed", "component": "latitude"},
            ]
        }
    ],
}


def test_openepcis_2025_profile() -> None:
    reports = (
        "sensorElementListsensorElement"
        "sensorReporttype={voc}RelativeHumidityexception={voc}ALARM_CONDITION"
        "sensorReporttype={voc}Speedcomponent=https://ref.gs1.org/cbv/Comp-latitude"
        "sensorReporttype={voc}Temperaturevalue=4uom=CEL"
    )
    assert prehash(PROFILE_EVENT, hash_profile="openepcis-2025") == (
        HEAD + "action=OBSERVE" + reports.format(voc="https://ref.gs1.org/voc/")
    )
    assert prehash(PROFILE_EVENT) == (
        HEAD
        + "certificationInfo=https://cert.vn/1certificationInfo=https://cert.vn/2action=OBSERVE"
        + reports.format(voc="https://gs1.org/voc/")
    )
    model = read_event(PROFILE_EVENT)
    for profile in ("cbv2.0", "openepcis-2025"):
        assert prehash(model, hash_profile=profile) == prehash(  # type: ignore[arg-type]
            PROFILE_EVENT,
            hash_profile=profile,  # type: ignore[arg-type]
        )
    pre = prehash(PROFILE_EVENT, hash_profile="openepcis-2025")
    digest = hashlib.sha256(pre.encode()).hexdigest()
    assert event_hash(PROFILE_EVENT, hash_profile="openepcis-2025") == (
        f"ni:///sha-256;{digest}?ver=CBV2.0"
    )


def test_unknown_profile_is_refused() -> None:
    with pytest.raises(VntraceError) as caught:
        event_hash(BASE, hash_profile="java")  # type: ignore[arg-type]
    assert caught.value.findings[0].code == "EPCIS.HASH_UNSUPPORTED_PROFILE"


def test_openepcis_2025_profile_gs1_extension_names() -> None:
    # EventHashGenerator.addToContextHeader maps the gs1 prefix to EPCIS.GS1_VOC_DOMAIN
    event = {**BASE, "ilmd": {"gs1:countryOfOrigin": "VN"}, "gs1:note": "x"}
    for voc, profile in (
        ("https://gs1.org/voc/", "cbv2.0"),
        ("https://ref.gs1.org/voc/", "openepcis-2025"),
    ):
        expected = HEAD + f"action=OBSERVEilmd{{{voc}}}countryOfOrigin=VN{{{voc}}}note=x"
        assert prehash(event, hash_profile=profile) == expected  # type: ignore[arg-type]
        assert prehash(read_event(event), hash_profile=profile) == expected  # type: ignore[arg-type]
