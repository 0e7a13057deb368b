"""Benchmark: vntrace.epcis.validate against the official schemas run by their usual validators.

Peers (same document, one run): ``jsonschema`` (Draft 7, format checks on) with the official
EPCIS JSON Schema, and ``xmlschema`` with the official EPCIS XSD. Ours does more (CBV,
identifiers, Rec 20, event rules); the schema-only mode is timed too.

Usage: ``python benchmarks/bench_epcis_validate.py [EVENTS] [--stream-mb MB]`` (default 10,000
events). Needs ../shared/reference/epcis.

``--stream-mb MB`` (default 1024; 0 skips it) also writes an XML document of that size to /tmp
(removed afterwards; every event with its own identifiers) and validates it in a child process,
printing its peak RSS (target: a 1 GB document under 300 MB) next to the time lxml alone needs to
parse the same file (``iterparse`` with cleared elements, the streaming floor).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
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


_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"'
    b' schemaVersion="2.0" creationDate="2026-07-22T10:30:00Z"><EPCISBody><EventList>\n'
)
_TAIL = b"</EventList></EPCISBody></epcis:EPCISDocument>\n"


def _xml_event(i: int) -> bytes:
    """An ObjectEvent whose product, lot, locations and partners all differ from the others."""
    gcp = 8930000 + i % 9000
    return (
        f"<ObjectEvent><eventTime>2026-07-22T06:45:{i % 60:02d}.{i % 1000:03d}+07:00</eventTime>"
        "<eventTimeZoneOffset>+07:00</eventTimeZoneOffset>"
        f"<epcList><epc>urn:epc:id:sgtin:{gcp}.0{i % 100000:05d}.{i}</epc></epcList>"
        "<action>OBSERVE</action><bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>"
        "<disposition>urn:epcglobal:cbv:disp:in_transit</disposition>"
        f"<readPoint><id>urn:epc:id:sgln:{gcp}.{i % 100000:05d}.0</id></readPoint>"
        f'<bizTransactionList><bizTransaction type="urn:epcglobal:cbv:btt:po">'
        f"urn:epcglobal:cbv:bt:{gcp}00000{i % 10}:PO{i}</bizTransaction></bizTransactionList>"
        f"<quantityList><quantityElement><epcClass>urn:epc:class:lgtin:{gcp}.0{i % 100000:05d}.L{i}"
        "</epcClass><quantity>12.5</quantity><uom>KGM</uom></quantityElement></quantityList>"
        '<sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">'
        f"urn:epc:id:pgln:{gcp}.{i % 100000:05d}</source></sourceList>"
        '<destinationList><destination type="urn:epcglobal:cbv:sdt:owning_party">'
        f"urn:epc:id:pgln:{gcp + 1}.{i % 100000:05d}</destination></destinationList>"
        "</ObjectEvent>\n"
    ).encode()


def write_big_xml(path: Path, megabytes: int) -> int:
    """Write an XML document of about ``megabytes`` MB; returns the number of events."""
    target = megabytes * 1_000_000
    size = len(_HEAD) + len(_TAIL)
    count = 0
    with path.open("wb") as out:
        out.write(_HEAD)
        batch: list[bytes] = []
        while size < target:
            event = _xml_event(count)
            batch.append(event)
            size += len(event)
            count += 1
            if len(batch) == 10_000:
                out.write(b"".join(batch))
                batch = []
        out.write(b"".join(batch))
        out.write(_TAIL)
    return count


_CHILD = """
import resource, sys, time
from pathlib import Path
mode, path = sys.argv[1], Path(sys.argv[2])
start = time.perf_counter()
if mode == "vntrace":
    from vntrace.epcis.validate import validate
    found = validate(path)
    detail = f"{len(found)} findings"
else:
    from lxml import etree
    n = 0
    for _, el in etree.iterparse(str(path), events=("end",)):
        if el.getparent() is not None and el.getparent().tag == "EventList":
            n += 1
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
    detail = f"{n} events"
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed:.1f} {rss:.0f} {detail}")
"""


def streaming_memory(megabytes: int) -> None:
    """Validate a generated ``megabytes`` MB XML file in a child process: time and peak RSS."""
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        path = Path(tmp) / "big.xml"
        count = write_big_xml(path, megabytes)
        size = path.stat().st_size
        print(f"streaming: {count:,} events, XML {size / 1e6:.0f} MB in {path}")
        env = dict(os.environ)
        results = {}
        for mode in ("lxml", "vntrace"):
            out = subprocess.run(
                [sys.executable, "-c", _CHILD, mode, str(path)],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            ).stdout.split(maxsplit=2)
            results[mode] = (float(out[0]), float(out[1]))
            label = "lxml iterparse (floor)" if mode == "lxml" else "vntrace validate (all rules)"
            print(f"  {label:<44} {out[0]:>8} s  peak RSS {out[1]:>5} MB  ({out[2].strip()})")
        ours, floor = results["vntrace"], results["lxml"]
        verdict = "under" if ours[1] < 300 else "OVER"
        print(
            f"  peak RSS {ours[1]:.0f} MB ({verdict} the 300 MB target for "
            f"{size / 1e9:.2f} GB); time {ours[0] / floor[0]:.1f}x the lxml parse floor"
        )


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--stream-mb")]
    stream_mb = 1024
    for i, arg in enumerate(sys.argv[1:]):
        if arg.startswith("--stream-mb"):
            stream_mb = int(arg.split("=", 1)[1] if "=" in arg else sys.argv[i + 2])
            if "=" not in arg:
                args.remove(sys.argv[i + 2])
    n = int(args[0]) if args else 10_000
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
    ours = timed("vntrace validate (all rules)", lambda: validate(data))  # bytes: the document
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
    if stream_mb:
        streaming_memory(stream_mb)


if __name__ == "__main__":
    main()
