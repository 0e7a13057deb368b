"""Benchmark: vntrace.epcis.validate against the official schemas run by their usual validators.

Peers (same document, one run): ``jsonschema`` (Draft 7, format checks on) with the official
EPCIS JSON Schema, and ``xmlschema`` with the official EPCIS XSD. Ours does more (CBV,
identifiers, Rec 20, event rules); the schema-only mode is timed too.

Usage: ``python benchmarks/bench_epcis_validate.py [EVENTS]`` (default 10,000 events).
Needs ../shared/reference/epcis.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import jsonschema
import xmlschema
from lxml import etree

from vntrace import epcis
from vntrace.epcis.validate import ValidateOptions, validate

REF = Path(__file__).resolve().parents[1].parent / "shared" / "reference" / "epcis"


def document(n: int) -> bytes:
    events = [
        {
            "type": "ObjectEvent",
            "eventTime": "2026-07-22T06:45:00+07:00",
            "eventTimeZoneOffset": "+07:00",
            "epcList": [f"urn:epc:id:sgtin:8934567.089012.{i}"],
            "action": "OBSERVE",
            "bizStep": "receiving",
            "disposition": "in_progress",
            "readPoint": {"id": "urn:epc:id:sgln:8934567.00001.0"},
            "quantityList": [
                {"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "quantity": 5, "uom": "KGM"}
            ],
            "sensorElementList": [
                {"sensorReport": [{"type": "Temperature", "value": 4.5, "uom": "CEL"}]}
            ],
        }
        for i in range(n)
    ]
    doc = {
        "@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-07-22T10:30:00Z",
        "epcisBody": {"eventList": events},
    }
    return json.dumps(doc).encode()


def timed(label: str, func) -> float:
    start = time.perf_counter()
    func()
    elapsed = time.perf_counter() - start
    print(f"  {label:<44} {elapsed:8.3f} s")
    return elapsed


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    data = document(n)
    xml = epcis.dump_xml(epcis.load(data))
    schema_only = ValidateOptions(schema_only=True)
    json_validator = jsonschema.Draft7Validator(
        json.loads((REF / "EPCIS-JSON-Schema.json").read_text(encoding="utf-8")),
        format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER,
    )
    xsd = xmlschema.XMLSchema(
        [
            str(REF / "XSD" / f)
            for f in (
                "EPCglobal-epcis-2_0.xsd",
                "EPCglobal-epcis-query-2_0.xsd",
                "EPCglobal-epcis-masterdata-2_0.xsd",
            )
        ]
    )
    print(f"{n:,} events: JSON-LD {len(data) / 1e6:.1f} MB, XML {len(xml) / 1e6:.1f} MB")
    print("JSON-LD")
    ours = timed("vntrace validate (all rules)", lambda: validate(data))
    ours_schema = timed(
        "vntrace validate (schema_only)", lambda: validate(data, options=schema_only)
    )
    peer = timed(
        "jsonschema + formats (official JSON Schema)",
        lambda: json_validator.is_valid(json.loads(data)),
    )
    print(
        f"  ratio peer/ours: {peer / ours:.1f}x (all rules), {peer / ours_schema:.1f}x (schema_only)"
    )
    print("XML")
    ours = timed("vntrace validate (all rules)", lambda: validate(xml))
    ours_schema = timed(
        "vntrace validate (schema_only)", lambda: validate(xml, options=schema_only)
    )
    peer = timed("xmlschema (official XSD)", lambda: xsd.is_valid(etree.fromstring(xml)))
    print(
        f"  ratio peer/ours: {peer / ours:.1f}x (all rules), {peer / ours_schema:.1f}x (schema_only)"
    )


if __name__ == "__main__":
    main()
