"""``vntrace stamp scanlog``: a CSV scan log against EPCIS shipping events naming SGTIN URNs."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli_stamp import vt  # the same subprocess runner

GTIN = "08931234567897"
# GS1 Company Prefix 8931234 (7 digits): item reference with indicator 0 + 56789, written by hand
URN = "urn:epc:id:sgtin:8931234.056789.{serial}"

EPCIS = {
    "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
    "type": "EPCISDocument",
    "schemaVersion": "2.0",
    "creationDate": "2026-11-30T08:00:00Z",
    "epcisBody": {
        "eventList": [
            {
                "type": "ObjectEvent",
                "eventTime": "2026-11-30T08:00:00Z",
                "eventTimeZoneOffset": "+07:00",
                "epcList": [URN.format(serial="SHIPPED1"), URN.format(serial="MOVED2")],
                "action": "OBSERVE",
                "bizStep": "shipping",
            },
            {
                "type": "ObjectEvent",
                "eventTime": "2026-11-30T09:00:00Z",
                "eventTimeZoneOffset": "+07:00",
                "epcList": [URN.format(serial="RECEIVED3")],
                "action": "OBSERVE",
                "bizStep": "receiving",
            },
        ]
    },
}

LOG = (
    "time,gtin,serial,place,device,consumer\n"
    f"2026-12-01T08:00:00+07:00,{GTIN},SHIPPED1,VN-42,d1,yes\n"
    f"2026-12-01T09:30:00+07:00,{GTIN},SHIPPED1,VN-79,d2,yes\n"
    f"2026-12-02T08:00:00+07:00,{GTIN},RECEIVED3,VN-42,d3,yes\n"
    f"2026-12-02T08:00:00+07:00,{GTIN},MOVED2,VN-01,d4,no\n"
)


def _codes(stdout: str) -> list[tuple[str, dict[str, object]]]:
    doc = json.loads(stdout)
    results = doc["results"] if isinstance(doc, dict) else doc
    return [(f["code"], f.get("params", {})) for r in results for f in r["findings"]]


def test_shipping_events_with_sgtin_urns(tmp_path: Path) -> None:
    (tmp_path / "log.csv").write_text(LOG, encoding="utf-8")
    (tmp_path / "ship.jsonld").write_text(json.dumps(EPCIS), encoding="utf-8")
    r = vt(
        "stamp", "scanlog", "log.csv", "--shipped", "ship.jsonld", "--format", "json",
        cwd=tmp_path,
    )  # fmt: skip
    assert r.returncode in (0, 1), r.stderr
    codes = _codes(r.stdout)
    assert ("SIGNING.SCANLOG_EPC_NOT_DL", {"epc": URN.format(serial="SHIPPED1")}) not in codes
    never_shipped = sorted(p["serial"] for c, p in codes if c == "SIGNING.SERIAL_NEVER_SHIPPED")
    assert never_shipped == ["RECEIVED3"]  # a receiving event ships nothing
    two_places = [p for c, p in codes if c == "SIGNING.SCANNED_IN_TWO_PLACES"]
    assert [(p["serial"], p["first"], p["second"]) for p in two_places] == [
        ("SHIPPED1", "VN-42", "VN-79")
    ]


def test_without_shipped_and_bad_input(tmp_path: Path) -> None:
    (tmp_path / "log.csv").write_text(LOG + "yesterday,1,2,VN-01,,\n", encoding="utf-8")
    r = vt("stamp", "scanlog", "log.csv", "--format", "json", cwd=tmp_path)
    codes = _codes(r.stdout)
    assert r.returncode == 1
    assert ("SIGNING.SCANLOG_BAD_RECORD", {"record": 5, "field": "time"}) in codes
    assert not any(c == "SIGNING.SERIAL_NEVER_SHIPPED" for c, _ in codes)
    assert vt("stamp", "scanlog", "missing.csv", cwd=tmp_path).returncode == 2
