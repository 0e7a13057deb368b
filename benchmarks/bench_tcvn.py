"""``vntrace.tcvn.check`` throughput on a realistic 10,000-dossier set (target: >= 2,000/s).

Run: ``.venv/bin/python benchmarks/bench_tcvn.py [--n 10000] [--repeat 3] [--seed 2026]``

The set is generated here from the five Hà Tĩnh example dossiers (examples/dossiers/): each
dossier gets its own lot number, dates, 3–8 events, and a producer tax code from a pool of 300 producers (valid check digits); three of the five bases carry deliberate
violations, and about 15 % more carry one injected violation (expiry before production, a district
in the address, a broken GLN, a bad standard, events out of order). No peer library checks
Vietnamese regimes, so the target is absolute; for scale the run also times ``json.loads`` of
the same dossiers, and ``load_dossier`` (reading into the typed model). All numbers come from
one run; the best of ``--repeat`` passes is reported (the machine may be shared).
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from vntrace import tcvn

REPO = Path(__file__).resolve().parent.parent
TARGET = 2000.0


def _mod10(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str(-total % 10)


def _tax(rng: random.Random) -> str:
    weights = (31, 29, 23, 19, 17, 13, 7, 5, 3)
    while True:
        body = "30" + "".join(rng.choice("0123456789") for _ in range(7))
        check = 10 - sum(w * int(d) for w, d in zip(weights, body, strict=True)) % 11
        if check < 10 and body[2:] != "0000000":
            return body + str(check)


def make_dossiers(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    producers = [_tax(rng) for _ in range(300)]  # 10,000 lots from a few hundred producers
    bases = [
        json.loads(p.read_text("utf-8"))
        for p in sorted((REPO / "examples" / "dossiers").glob("*.json"))
    ]
    out = []
    for i in range(n):
        d = copy.deepcopy(rng.choice(bases))
        day = date(2026, 7, 1) + timedelta(days=rng.randrange(150))
        lot = f"L{i:06d}"
        d["lot"]["lot_number"] = lot
        d["lot"]["production_date"] = day.isoformat()
        d["lot"]["expiry_date"] = (day + timedelta(days=rng.choice((30, 90, 365, 730)))).isoformat()
        if not d["producer"].get("foreign"):
            tax = rng.choice(producers)
            for event in d["events"]:
                for holder in (event, event.get("source") or {}):
                    if holder.get("party") == d["producer"]["tax_code"]:
                        holder["party"] = tax
            d["producer"]["tax_code"] = tax
        start = datetime.fromisoformat(f"{day.isoformat()}T06:00:00+07:00")
        events = d["events"]
        while len(events) < rng.randint(3, 8):
            extra = copy.deepcopy(events[-1])
            extra["event_id"] = f"ev-{len(events) + 1}"
            events.append(extra)
        for k, event in enumerate(events):
            event["time"] = (start + timedelta(hours=3 * k)).isoformat()
            for key in ("inputs", "outputs"):
                if key in event:
                    event[key] = [lot]
        gtin = d["product"]["gtin"]
        d["trace_code"] = f"(01)0{gtin}(10){lot}(414){d['trace_code'][-13:]}"
        d["data_carrier"]["content"] = f"https://id.gs1.org/01/0{gtin}/10/{lot}"
        d["retention"]["retain_until"] = "2035-12-31"
        if rng.random() < 0.15:
            kind = rng.randrange(5)
            if kind == 0:
                d["lot"]["expiry_date"] = (day - timedelta(days=3)).isoformat()
            elif kind == 1:
                d["producer"].setdefault("address", {})["district_name"] = "Huyện Hương Khê"
            elif kind == 2:
                d["parties"][0]["gln"] = d["parties"][0]["gln"][:-1] + str(
                    (int(d["parties"][0]["gln"][-1]) + 1) % 10
                )
            elif kind == 3:
                d["product"]["standards_applied"].append("Tiêu chuẩn cơ sở")
            else:
                events[-1]["time"] = (start - timedelta(hours=1)).isoformat()
        out.append(d)
    return out


def best(func: Any, items: list[Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            func(item)
        times.append(time.perf_counter() - start)
    return min(times)


def _timed(func: Any) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    docs = make_dossiers(args.n, args.seed)
    texts = [json.dumps(d, ensure_ascii=False) for d in docs]
    dossiers = [tcvn.loads_dossier(t) for t in texts]
    findings = [tcvn.check(d, as_of="2027-02-01") for d in dossiers]  # warm caches, count
    flagged = sum(1 for f in findings if any(x.is_error for x in f))
    t_json = best(json.loads, texts, args.repeat)
    t_load = best(tcvn.loads_dossier, texts, args.repeat)
    t_check = best(lambda d: tcvn.check(d, as_of="2027-02-01"), dossiers, args.repeat)
    n = len(texts)
    print(f"{n:,} dossiers, {flagged:,} with errors; mean size {sum(map(len, texts)) // n:,} chars")
    print(f"json.loads          {n / t_json:>10,.0f} /s")
    print(f"tcvn.loads_dossier  {n / t_load:>10,.0f} /s   ({t_load / t_json:.1f}x json.loads)")
    print(
        f"tcvn.check          {n / t_check:>10,.0f} /s   ({n / t_check / TARGET:.2f}x the 2,000/s target)"
    )
    t_many = min(
        _timed(lambda: sum(1 for _ in tcvn.check_many(dossiers, as_of="2027-02-01")))
        for _ in range(args.repeat)
    )
    print(
        f"tcvn.check_many     {n / t_many:>10,.0f} /s   ({t_many / t_check:.2f}x the time of "
        "tcvn.check; adds VN-CODE-010 across the set)"
    )
    total = t_load + t_check
    print(f"load + check        {n / total:>10,.0f} /s   ({n / total / TARGET:.2f}x the target)")


if __name__ == "__main__":
    main()
