"""Scan-log rules: copies, never issued, never shipped (EPCIS events), garbage records."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from vntrace import epcis
from vntrace.findings import Severity
from vntrace.signing.scanlog import Scan, ScanRules, analyse

T = dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC)
G = "08931234567897"
URI = f"https://id.gs1.org/01/{G}/21/S1"


def codes(findings):
    return [f.code for f in findings]


def test_too_many_consumer_scans():
    scans = [Scan(T + dt.timedelta(days=i), G, "S1", "VN-42", f"d{i % 3}") for i in range(6)]
    scans.append(Scan(T, G, "S1", "VN-42", consumer=False))  # the supply chain does not count
    (f,) = analyse(scans)
    assert f.code == "SIGNING.TOO_MANY_SCANS"
    assert (f.params["count"], f.params["max"], f.params["devices"]) == (6, 5, 3)
    assert analyse(scans, rules=ScanRules(max_scans=6)) == []


def test_two_provinces_within_hours():
    scans = [
        Scan(T, G, "S1", "VN-42"),
        Scan(T + dt.timedelta(hours=3, minutes=5), G, "S1", "VN-79"),
    ]
    (f,) = analyse(scans)
    assert f.code == "SIGNING.SCANNED_IN_TWO_PLACES"
    assert (f.params["first"], f.params["second"], f.params["hours"], f.params["minutes"]) == (
        "VN-42",
        "VN-79",
        3,
        5,
    )
    assert analyse(list(reversed(scans))) == [f]  # order of the log does not matter
    far = [Scan(T, G, "S1", "VN-42"), Scan(T + dt.timedelta(days=2), G, "S1", "VN-79")]
    assert analyse(far) == []


def test_never_issued_and_never_shipped():
    scans = [
        {"time": "2026-12-01T08:00:00+07:00", "uri": URI, "place": "VN-42"},
        {"time": T, "gtin": G, "serial": "S2", "place": "VN-42"},
    ]
    found = analyse(scans, issued=[URI], shipped=[(G, "S1")])
    assert codes(found) == ["SIGNING.SERIAL_NEVER_ISSUED", "SIGNING.SERIAL_NEVER_SHIPPED"]
    assert found[0].severity is Severity.ERROR
    assert found[0].params["serial"] == "S2"


def test_shipping_events_from_epcis():
    shipped = epcis.model.ObjectEvent(
        event_time=T,
        event_time_zone_offset="+07:00",
        action="OBSERVE",
        epc_list=(URI,),
        biz_step="shipping",
    )
    receiving = epcis.model.ObjectEvent(
        event_time=T,
        event_time_zone_offset="+07:00",
        action="OBSERVE",
        epc_list=(f"https://id.gs1.org/01/{G}/21/S2",),
        biz_step="receiving",
    )
    as_json = {
        "type": "ObjectEvent",
        "bizStep": "urn:epcglobal:cbv:bizstep:shipping",
        "epcList": [f"https://id.gs1.org/01/{G}/21/S3"],
    }
    urn = {"bizStep": "shipping", "epcList": ["urn:epc:id:sgtin:8931234.056789.S4"]}
    scans = [Scan(T, G, s, "VN-42") for s in ("S1", "S2", "S3", "S4")]
    found = analyse(scans, shipped=[shipped, receiving, as_json, urn])
    assert codes(found) == [
        "SIGNING.SCANLOG_EPC_NOT_DL",
        "SIGNING.SERIAL_NEVER_SHIPPED",
        "SIGNING.SERIAL_NEVER_SHIPPED",
    ]
    assert [f.params.get("serial") for f in found[1:]] == ["S2", "S4"]


def test_garbage_records_are_findings():
    scans = [
        None,
        12,
        {},
        {"time": "yesterday", "gtin": G, "serial": "S", "place": "x"},
        {"time": T, "gtin": "٠٨٩٣١٢٣٤٥٦٧٨٩٧", "serial": "S", "place": "x"},
        {"time": T, "gtin": G, "serial": "", "place": "x"},
        {"time": T, "gtin": G, "serial": "S", "place": " "},
        {"time": T, "uri": "not a uri", "place": "x"},
    ]
    found = analyse(scans)
    assert codes(found) == ["SIGNING.SCANLOG_BAD_RECORD"] * 8
    assert [f.params["record"] for f in found] == list(range(1, 9))
    assert analyse(42) == [
        found[0].__class__(
            "SIGNING.SCANLOG_BAD_RECORD", Severity.ERROR, {"record": 1, "field": "record"}
        )
    ]  # type: ignore[arg-type]


@given(
    st.lists(
        st.one_of(st.none(), st.integers(), st.text(), st.dictionaries(st.text(), st.text())),
        max_size=20,
    )
)
def test_never_raises(records):
    for f in analyse(records):
        assert f.code.startswith("SIGNING.")
