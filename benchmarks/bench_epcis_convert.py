"""Benchmark: streaming EPCIS XML → JSON-LD conversion against the floor, and peak memory.

Run: ``.venv/bin/python benchmarks/bench_epcis_convert.py [N] [--rss-events M]``

1. Speed. A generated XML document with N events (default 20,000; realistic ObjectEvents with
   EPCs, CBV values, locations, a business transaction, a quantity, a sensor report and an ILMD
   extension) is converted by ``vntrace.epcis.convert_file`` (typed model, CBV normalisation,
   JSON-LD output) and by the *floor*: ``lxml.etree.iterparse`` with the same element clearing,
   a generic element → dict conversion and ``orjson.dumps`` of each event. The ratio is the
   floor's CPU time divided by ours (our speed as a fraction of the floor's; target ≥ 0.8, issue 7);
   runs are interleaved, best of three. The floor writes every element and attribute as it
   stands (URNs, wrapper objects), so its output is somewhat larger than our JSON-LD (bare CBV
   terms); both sizes are printed. Ours writes the document atomically (temporary file, fsync,
   rename); the floor writes in place.
2. Memory. In a subprocess, M events (default 1,000,000) are generated into a temporary
   directory and converted; the subprocess's peak RSS (``resource.getrusage``) must stay under
   300 MB. The input file is deleted afterwards.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson
from lxml import etree

from vntrace.epcis import convert_file

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:ht="https://hatinh.example.vn/epcis/" xmlns:cbvmda="urn:epcglobal:cbv:mda"
  schemaVersion="2.0" creationDate="2026-05-12T08:00:00.000+07:00">
<EPCISBody><EventList>
"""
EVENT = """<ObjectEvent>
<eventTime>2026-05-12T07:{m:02d}:{s:02d}.{ms:03d}+07:00</eventTime>
<eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
<epcList><epc>urn:epc:id:sgtin:8935000.010017.{i}</epc><epc>urn:epc:id:sgtin:8935000.010017.{j}</epc></epcList>
<action>OBSERVE</action>
<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>
<disposition>urn:epcglobal:cbv:disp:in_transit</disposition>
<readPoint><id>urn:epc:id:sgln:8935000.00001.0</id></readPoint>
<bizLocation><id>urn:epc:id:sgln:8935000.00002.0</id></bizLocation>
<bizTransactionList><bizTransaction type="urn:epcglobal:cbv:btt:po">urn:epc:id:gdti:8935000.00001.{i}</bizTransaction></bizTransactionList>
<quantityList><quantityElement><epcClass>urn:epc:class:lgtin:8935000.010017.L{k}</epcClass><quantity>{q}</quantity><uom>KGM</uom></quantityElement></quantityList>
<sensorElementList><sensorElement><sensorMetadata time="2026-05-12T07:{m:02d}:00.000+07:00" deviceID="urn:epc:id:giai:8935000.{k}"/>
<sensorReport type="gs1:Temperature" value="{t}" uom="CEL"/></sensorElement></sensorElementList>
<ht:lot>L{k}</ht:lot>
</ObjectEvent>
"""
TAIL = "</EventList></EPCISBody></epcis:EPCISDocument>\n"


def generate(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for i in range(n):
            out.write(
                EVENT.format(
                    m=i // 60 % 60,
                    s=i % 60,
                    ms=i % 1000,
                    i=i,
                    j=i + 1,
                    k=i % 97,
                    q=10 + i % 50,
                    t=f"{4 + (i % 40) / 10:.1f}",
                )
            )
        out.write(TAIL)


def _generic(el):
    kids = [c for c in el if isinstance(c.tag, str)]
    if not kids:
        if el.attrib:  # attributes and text side by side (a "value" attribute is kept)
            return {**el.attrib, "#text": el.text} if el.text else dict(el.attrib)
        return el.text
    out = {}
    for c in kids:
        value = _generic(c)
        if c.tag in out:
            prev = out[c.tag]
            if isinstance(prev, list):
                prev.append(value)
            else:
                out[c.tag] = [prev, value]
        else:
            out[c.tag] = value
    return out


def floor(src: Path, dst: Path) -> int:
    """Plain lxml iterparse + generic dict + orjson.dumps of the same events (the floor)."""
    count = 0
    tags = ("ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent")
    with dst.open("wb") as out:
        out.write(b'{"epcisBody":{"eventList":[')
        for _, el in etree.iterparse(str(src), events=("end",), tag=tags):
            if count:
                out.write(b",\n")
            data = _generic(el)
            data["type"] = el.tag
            out.write(orjson.dumps(data))
            count += 1
            el.clear(keep_tail=False)
            parent = el.getparent()
            while el.getprevious() is not None:
                del parent[0]
        out.write(b"]}}")
    return count


def ours(src: Path, dst: Path) -> int:
    return convert_file(src, dst)


def timed(func, *args) -> tuple[float, int]:
    """CPU seconds of the calling process (robust when other jobs share the machine)."""
    start = time.process_time()
    count = func(*args)
    return time.process_time() - start, count


def rss_child(n: int) -> None:
    """Runs in a subprocess: generate n events, convert, print the peak RSS in MB."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.xml"
        generate(src, n)
        size = src.stat().st_size
        start = time.perf_counter()
        count = ours(src, Path(tmp) / "big.jsonld")
        elapsed = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{count} {size} {elapsed:.1f} {peak_kb / 1024:.1f}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        rss_child(int(argv[1]))
        return 0
    n = int(argv[0]) if argv and not argv[0].startswith("--") else 20_000
    rss_events = 1_000_000
    if "--rss-events" in argv:
        rss_events = int(argv[argv.index("--rss-events") + 1])
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "events.xml"
        generate(src, n)
        print(f"input: {n:,} events, {src.stat().st_size / 1e6:.1f} MB of XML")
        # warm both paths once (imports, caches)
        small = Path(tmp) / "small.xml"
        generate(small, 200)
        floor(small, Path(tmp) / "f0.json")
        ours(small, Path(tmp) / "o0.jsonld")
        floors, ourss = [], []
        for _ in range(3):  # interleaved, best of three each
            floors.append(timed(floor, src, Path(tmp) / "f.json")[0])
            ourss.append(timed(ours, src, Path(tmp) / "o.jsonld")[0])
        best_floor, best_ours = min(floors), min(ourss)
        sizes = [(Path(tmp) / name).stat().st_size / 1e6 for name in ("f.json", "o.jsonld")]
    print(f"output: floor {sizes[0]:.1f} MB of JSON, ours {sizes[1]:.1f} MB of JSON-LD")
    ratio = best_floor / best_ours
    print(
        f"floor (lxml iterparse + orjson): {best_floor:.2f} s CPU ({n / best_floor:,.0f} events/s)"
    )
    print(f"vntrace convert_file:           {best_ours:.2f} s CPU ({n / best_ours:,.0f} events/s)")
    print(
        f"ratio (our speed / floor speed): {ratio:.2f}x  (target >= 0.8x) {'OK' if ratio >= 0.8 else 'FAIL'}"
    )
    if rss_events:
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(rss_events)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ},
        )
        count, size, elapsed, peak = done.stdout.split()
        ok = float(peak) < 300
        print(
            f"{int(count):,} events ({int(size) / 1e9:.2f} GB XML) converted in {elapsed} s; "
            f"peak RSS {peak} MB (target < 300 MB) {'OK' if ok else 'FAIL'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
