"""Event hash IDs of a generated JSON-LD EPCIS document: vntrace vs ``epcis-event-hash-generator``.

Usage: ``python benchmarks/bench_epcis_hash.py [--events 10000] [--repeat 3] [--keep FILE]``

Generates a realistic document (seeded): the five event types with EPC URNs and Digital Link
URIs under Vietnamese prefixes, quantities, bizTransactions, sources/destinations,
persistentDisposition, sensor reports, ILMD and user extensions. Both tools read the *same file*
from disk and produce one ``ni:///sha-256;…?ver=CBV2.0`` per event, timed end to end (file
read + parse + hash). The peer's JSON-LD context is served from its own offline copy (no
network). Prints both timings and the ratio (target ≥ 40×).
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import logging
import random
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

CONTEXT_URL = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
NS = "https://nongsan.example.vn/epcis/"

BIZ_STEPS = ["commissioning", "packing", "shipping", "receiving", "inspecting", "storing"]
DISPS = ["active", "in_progress", "in_transit", "container_closed", "sellable_accessible"]
GCPS = ["8934567", "89345678", "893456789", "8938500000"]


def _ref(rng: random.Random, gcp: str, total: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(total - len(gcp)))


class _Pools:
    """What a real exporter's data looks like: a catalogue of products (GTINs), a few dozen
    locations and partners, lots per product, and a fresh serial on every item."""

    def __init__(self, rng: random.Random) -> None:
        self.products = [(g, _ref(rng, g, 13)) for g in (rng.choice(GCPS) for _ in range(40))]
        self.locations = [(g, _ref(rng, g, 12)) for g in (rng.choice(GCPS) for _ in range(30))]
        self.parties = [(g, _ref(rng, g, 12)) for g in (rng.choice(GCPS) for _ in range(20))]


def _mod10(digits: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str(-total % 10)


def _sgtin(rng: random.Random, pools: _Pools) -> str:
    gcp, ref = rng.choice(pools.products)
    serial = rng.choice(["", "A", "LOT7-"]) + str(rng.randrange(10**9))
    return f"urn:epc:id:sgtin:{gcp}.{ref}.{serial}"


def _dl_sgtin(rng: random.Random, pools: _Pools) -> str:
    gcp, ref = rng.choice(pools.products)
    body = ref[0] + gcp + ref[1:]
    return f"https://id.gs1.org/01/{body}{_mod10(body)}/21/{rng.randrange(10**8)}"


def _sgln(rng: random.Random, pools: _Pools) -> str:
    gcp, ref = rng.choice(pools.locations)
    return f"urn:epc:id:sgln:{gcp}.{ref}.0"


def _pgln(rng: random.Random, pools: _Pools) -> str:
    gcp, ref = rng.choice(pools.parties)
    return f"urn:epc:id:pgln:{gcp}.{ref}"


def _sscc(rng: random.Random, _pools: _Pools) -> str:
    gcp = rng.choice(GCPS)
    return f"urn:epc:id:sscc:{gcp}.{_ref(rng, gcp, 17)}"


def _lgtin(rng: random.Random, pools: _Pools) -> str:
    gcp, ref = rng.choice(pools.products)
    return f"urn:epc:class:lgtin:{gcp}.{ref}.L{rng.randrange(50)}"


def _time(rng: random.Random) -> str:
    frac = rng.choice(["", ".5", ".123", ".1234567"])
    return f"2026-05-{rng.randrange(1, 28):02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00{frac}+07:00"


def _common(rng: random.Random, pools: _Pools, etype: str) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "type": etype,
        "eventTime": _time(rng),
        "eventTimeZoneOffset": "+07:00",
        "bizStep": rng.choice(BIZ_STEPS),
        "disposition": rng.choice(DISPS),
        "readPoint": {"id": _sgln(rng, pools)},
    }
    if rng.random() < 0.5:
        ev["bizLocation"] = {"id": _sgln(rng, pools)}
    if rng.random() < 0.3:
        ev["recordTime"] = _time(rng)
    return ev


def _tx(rng: random.Random) -> list[dict[str, str]]:
    return [
        {
            "type": "po",
            "bizTransaction": f"urn:epcglobal:cbv:bt:8934567000017:PO{rng.randrange(10**6)}",
        },
        {
            "type": "desadv",
            "bizTransaction": f"https://erp.example.vn/desadv/{rng.randrange(10**6)}",
        },
    ]


def _qty(rng: random.Random, pools: _Pools) -> list[dict[str, Any]]:
    return [
        {"epcClass": _lgtin(rng, pools), "quantity": round(rng.uniform(1, 500), 1), "uom": "KGM"}
        for _ in range(rng.randrange(1, 3))
    ]


def _sensor(rng: random.Random) -> list[dict[str, Any]]:
    return [
        {
            "sensorMetadata": {
                "time": _time(rng),
                "deviceID": f"https://id.gs1.org/8004/8934567{rng.randrange(10):05d}",
            },
            "sensorReport": [
                {"type": "Temperature", "value": round(rng.uniform(2, 9), 2), "uom": "CEL"},
                {"type": "RelativeHumidity", "value": rng.randrange(60, 95), "uom": "P1"},
            ],
        }
    ]


def make_event(rng: random.Random, pools: _Pools, i: int) -> dict[str, Any]:
    kind = i % 10
    if kind < 4:  # harvest/commission with ILMD, or observation
        ev = _common(rng, pools, "ObjectEvent")
        ev["epcList"] = [_sgtin(rng, pools) for _ in range(rng.randrange(1, 6))] + [
            _dl_sgtin(rng, pools)
        ]
        ev["action"] = "ADD" if kind == 0 else "OBSERVE"
        if kind == 0:
            ev["ilmd"] = {
                "ex:harvestDate": "2026-05-01",
                "ex:farm": {"ex:name": "Phúc Trạch", "ex:plot": i},
            }
        if kind == 1:
            ev["quantityList"] = _qty(rng, pools)
        if kind == 2:
            ev["sensorElementList"] = _sensor(rng)
        if kind == 3:
            ev["persistentDisposition"] = {"set": ["completeness_verified"]}
    elif kind < 6:
        ev = _common(rng, pools, "AggregationEvent")
        ev["parentID"] = _sscc(rng, pools)
        ev["childEPCs"] = [_sgtin(rng, pools) for _ in range(rng.randrange(2, 12))]
        ev["action"] = "ADD"
        ev["childQuantityList"] = _qty(rng, pools)
    elif kind < 8:
        ev = _common(rng, pools, "TransactionEvent")
        ev["bizTransactionList"] = _tx(rng)
        ev["epcList"] = [_sgtin(rng, pools) for _ in range(rng.randrange(1, 4))]
        ev["action"] = "ADD"
        ev["sourceList"] = [{"type": "owning_party", "source": _pgln(rng, pools)}]
        ev["destinationList"] = [
            {"type": "owning_party", "destination": _pgln(rng, pools)},
            {"type": "location", "destination": _sgln(rng, pools)},
        ]
    elif kind == 8:
        ev = _common(rng, pools, "TransformationEvent")
        ev["inputEPCList"] = [_sgtin(rng, pools) for _ in range(3)]
        ev["outputQuantityList"] = _qty(rng, pools)
        ev["ilmd"] = {"ex:batch": f"B{i}"}
    else:
        ev = _common(rng, pools, "AssociationEvent")
        ev["parentID"] = f"urn:epc:id:grai:8934567.00012.{i}"
        ev["childEPCs"] = [f"urn:epc:id:giai:8934567.SENSOR-{i}"]
        ev["action"] = "ADD"
    ev["ex:operator"] = f"op-{rng.randrange(50)}"
    return ev


def make_document(n: int, seed: int = 2026) -> dict[str, Any]:
    rng = random.Random(seed)
    pools = _Pools(rng)
    return {
        "@context": [CONTEXT_URL, {"ex": NS}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-05-31T00:00:00Z",
        "epcisBody": {"eventList": [make_event(rng, pools, i) for i in range(n)]},
    }


def ours(path: Path) -> list[str]:
    from vntrace.epcis import hashing  # noqa: PLC0415

    hashing.clear_caches()  # every run starts cold, as in a fresh process

    try:
        import orjson  # noqa: PLC0415

        doc = orjson.loads(path.read_bytes())
    except ImportError:
        doc = json.loads(path.read_bytes())
    return hashing.document_hashes(doc)


def _peer_setup() -> None:
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    from pyld import jsonld  # noqa: PLC0415

    name = "e532647e8eb371379b8b0e8602d8981c8566bc60f7351f22c76a5bc865962008.jsonld"
    context = json.loads(
        importlib.resources.files("epcis_event_hash_generator").joinpath(name).read_text()
    )

    def loader(url: str, _options: Any = None) -> dict[str, Any]:
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": context,
        }

    jsonld.set_document_loader(loader)


def peer(path: Path) -> list[str]:
    from epcis_event_hash_generator import events_from_file_reader, hash_generator  # noqa: PLC0415

    events = events_from_file_reader.event_list_from_file(str(path))
    return hash_generator.epcis_hashes_from_events(events)


def best_of(fn: Any, path: Path, repeat: int) -> tuple[float, float, list[str]]:
    """Best CPU time (process_time: robust on a shared machine) and best wall time."""
    best_cpu = best_wall = float("inf")
    out: list[str] = []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        out = fn(path)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
        best_wall = min(best_wall, time.perf_counter() - start)
    return best_cpu, best_wall, out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5, help="best of N for vntrace")
    parser.add_argument("--peer-repeat", type=int, default=1, help="best of N for the peer")
    parser.add_argument("--keep", type=Path, help="also write the generated document here")
    args = parser.parse_args(argv)

    doc = make_document(args.events)
    import vntrace.epcis.hashing  # noqa: F401, PLC0415 - imports are not part of the timing

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.jsonld"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        if args.keep:
            args.keep.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        size = path.stat().st_size
        t_ours, w_ours, h_ours = best_of(ours, path, args.repeat)
        print(f"document: {args.events} events, {size / 1e6:.1f} MB   (CPU s, wall s)")
        print(f"vntrace                     : {t_ours:8.3f} {w_ours:8.3f}")
        try:
            _peer_setup()
            import epcis_event_hash_generator.events_from_file_reader  # noqa: PLC0415
            import epcis_event_hash_generator.hash_generator  # noqa: F401, PLC0415

            t_peer, w_peer, h_peer = best_of(peer, path, args.peer_repeat)
        except ImportError as exc:
            print(f"peer not installed ({exc}); install vntrace[bench]")
            return 1
    print(f"epcis-event-hash-generator  : {t_peer:8.3f} {w_peer:8.3f}")
    same = sum(a == b for a, b in zip(h_ours, h_peer, strict=False))
    print(f"hashes: ours {len(h_ours)}, peer {len(h_peer)}, identical {same} (epcis.md §3: why)")
    ratio = t_peer / t_ours
    print(f"ratio wall (peer / vntrace) : {w_peer / w_ours:8.1f}x")
    verdict = "ok" if ratio >= 40 else "MISSED"
    print(f"ratio CPU  (peer / vntrace) : {ratio:8.1f}x   target >= 40x: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
