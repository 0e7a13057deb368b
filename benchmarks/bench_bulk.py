"""Bulk validation: vntrace.bulk vs per-item peers, and ``vntrace check`` on CSV dumps.

Run: ``.venv/bin/python benchmarks/bench_bulk.py [--n 200000] [--csv-rows 1000000] [--big-mb 0]``

All in one run, each ratio against the named peer on the same inputs (best of ``--repeat``
rounds, the peer and ours taking turns in each round; the machine may be shared, so absolute
times vary):

- GTIN validity: ``bulk.is_valid(list, "gtin")`` and ``bulk.is_valid(pyarrow_array, "gtin")``
  vs ``stdnum.ean.is_valid`` per item (``--n`` values: GTIN-13 mostly, GTIN-14, some GTIN-8 and
  GTIN-12, about 3 % wrong: check digit, length, a letter); ``--only gtin`` stops after these;
- element strings in bulk (bracketed and GS-separated: (01)(17)(10), (01)(10)(21),
  (00)(02)(37), about 3 % broken) vs biip ``GS1Message.parse_hri`` / ``GS1Message.parse`` per
  item, and Digital Link stamps vs ``GS1DigitalLinkURI.parse``. The bulk verdicts are checked
  row for row against ``gs1.validate`` / ``gs1.digital_link.validate`` (timed separately);
- ``vntrace check`` on a 3-column CSV (gtin, element string, Digital Link) of ``--csv-rows``
  rows, in process (``vntrace.cli.main.main``), rows per second end to end;
- with ``--big-mb N``: a CSV of about N MB generated in /tmp, checked by ``vntrace check`` in a
  child process; its peak RSS (``ru_maxrss``) is printed.

The peers are slower per item, so they run on the first ``--peer-n`` values only and their time
is scaled per item.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
from biip.gs1_digital_link_uris import GS1DigitalLinkURI
from biip.gs1_messages import GS1Message
from stdnum import ean

from vntrace import bulk, gs1
from vntrace.cli.main import main as cli_main
from vntrace.gs1 import digital_link

GS = "\x1d"


def mod10(digits: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


class Data:
    def __init__(self, n: int, seed: int = 2026) -> None:
        rng = random.Random(seed)
        self.rng = rng

        def digits(k: int) -> str:
            return "".join(rng.choice("0123456789") for _ in range(k))

        self.gtin_pool = [(b := "893" + digits(9)) + mod10(b) for _ in range(5000)]
        self.gtin14 = ["0" + g for g in self.gtin_pool[:40]]
        self.ssccs = [(b := "0893" + digits(13)) + mod10(b) for _ in range(40)]
        self.lots = [f"HT{rng.randint(24, 26)}-{rng.randint(1, 999):03d}{c}" for c in "ABCDEF" * 50]
        self.n = n

    def broken(self, text: str) -> str:
        rng = self.rng
        i = rng.randrange(len(text))
        return rng.choice(
            [
                text[:i] + text[i + 1 :],
                text[:-1] + str((int(text[-1]) + 1) % 10) if text[-1].isdigit() else text + "X",
                text[:i] + "A" + text[i + 1 :],
            ]
        )

    def gtins(self) -> list[str]:
        """A product column as portals receive it: mostly GTIN-13, GTIN-14 of cases (indicator
        digit 1-8), some GTIN-8 and GTIN-12 of imported goods; about 3 % wrong."""
        rng = self.rng
        cases = [(b := str(rng.randint(1, 8)) + g[:-1]) + mod10(b) for g in self.gtin_pool[:1000]]
        small = [(b := digits[:7]) + mod10(b) for digits in self.gtin_pool[:200]]
        upc = [(b := "0" + digits[3:13]) + mod10(b) for digits in self.gtin_pool[:200]]
        out = []
        for _ in range(self.n):
            pool = rng.choices((self.gtin_pool, cases, small, upc), weights=(75, 17, 4, 4))[0]
            g = rng.choice(pool)
            out.append(self.broken(g) if rng.random() < 0.03 else g)
        return out

    def date(self) -> str:
        rng = self.rng
        return f"{rng.randint(26, 30)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"

    def element_strings(self, form: str) -> list[str]:
        rng = self.rng
        out = []
        for _ in range(self.n):
            g, lot = rng.choice(self.gtin14), rng.choice(self.lots)
            shape = rng.randrange(3)
            if form == "bracketed":
                text = [
                    f"(01){g}(17){self.date()}(10){lot}",
                    f"(01){g}(10){lot}(21){rng.randint(1, 10**9)}",
                    f"(00){rng.choice(self.ssccs)}(02){g}(37){rng.randint(1, 999)}",
                ][shape]
            else:
                text = [
                    f"01{g}17{self.date()}10{lot}",
                    f"01{g}10{lot}{GS}21{rng.randint(1, 10**9)}",
                    f"00{rng.choice(self.ssccs)}02{g}37{rng.randint(1, 999)}",
                ][shape]
            out.append(self.broken(text) if rng.random() < 0.03 else text)
        return out

    def links(self) -> list[str]:
        rng = self.rng
        out = []
        for _ in range(self.n):
            uri = f"https://id.gs1.org/01/{rng.choice(self.gtin14)}/10/{rng.choice(self.lots)}"
            if rng.random() < 0.6:
                uri += f"/21/{rng.randint(1, 10**9)}"
            if rng.random() < 0.5:
                uri += f"?17={self.date()}"
            out.append(self.broken(uri) if rng.random() < 0.03 else uri)
        return out


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def peer_run(fn: Callable[[str], object], values: list[str]) -> Callable[[], None]:
    def run() -> None:
        for v in values:
            try:  # noqa: SIM105 - try/except is cheaper than suppress() in a timed loop
                fn(v)
            except Exception:  # a peer's rejection is a verdict
                pass

    return run


def interleaved(runs: list[tuple[Callable[[], object], int]], repeat: int) -> list[float]:
    """Best time per item of each ``(function, items)``, the functions taking turns each round
    (on a shared machine a load spike then hits the peer and ours alike)."""
    times = [[] for _ in runs]
    for _ in range(repeat):
        for i, (fn, _items) in enumerate(runs):
            times[i].append(best(fn, 1))
    return [min(t) / items for t, (_fn, items) in zip(times, runs, strict=True)]


def write_csv(path: Path, data: Data, rows: int) -> None:
    rng = data.rng
    with path.open("w", encoding="utf-8") as f:
        f.write("gtin,trace_code,stamp\n")
        chunk = []
        for i in range(rows):
            g = rng.choice(data.gtin_pool)
            g14 = "0" + g
            lot = rng.choice(data.lots)
            es = f"(01){g14}(17){data.date()}(10){lot}"
            dl = f"https://id.gs1.org/01/{g14}/10/{lot}/21/{i}"
            if rng.random() < 0.01:
                g = data.broken(g)
            if rng.random() < 0.01:
                es = data.broken(es)
            chunk.append(f"{g},{es},{dl}\n")
            if len(chunk) >= 100_000:
                f.writelines(chunk)
                chunk = []
        f.writelines(chunk)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--peer-n", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--big-mb", type=int, default=0)
    parser.add_argument("--only", choices=["gtin"], help="run only these rows (quick iteration)")
    args = parser.parse_args()
    data = Data(args.n)
    print(f"n={args.n:,} rows per column, peers on {args.peer_n:,} items; best of {args.repeat}")

    values = data.gtins()
    arr = pa.array(values, pa.string())
    peer_values = values[: args.peer_n * 4]
    stdnum_item, ours_list, ours_arrow = interleaved(
        [
            (peer_run(ean.is_valid, peer_values), len(peer_values)),
            (lambda: bulk.is_valid(values, "gtin"), len(values)),
            (lambda: bulk.is_valid(arr, "gtin"), len(values)),
        ],
        args.repeat,
    )
    assert bulk.is_valid(values, "gtin").tolist() == [gs1.gtin.is_valid(v) for v in values]
    print(f"GTIN  stdnum.ean.is_valid per item      {stdnum_item * 1e9:9.1f} ns")
    print(
        f"GTIN  bulk.is_valid(list)               {ours_list * 1e9:9.1f} ns  ratio {stdnum_item / ours_list:7.1f}x (target 75x)"
    )
    print(
        f"GTIN  bulk.is_valid(pyarrow array)      {ours_arrow * 1e9:9.1f} ns  ratio {stdnum_item / ours_arrow:7.1f}x (target 600x)"
    )
    if args.only == "gtin":
        return

    for form, peer in (("bracketed", GS1Message.parse_hri), ("GS", GS1Message.parse)):
        texts = data.element_strings("bracketed" if form == "bracketed" else "gs")
        biip_item, ours = interleaved(
            [
                (peer_run(peer, texts[: args.peer_n]), len(texts[: args.peer_n])),
                (lambda t=texts: bulk.is_valid(t, "element_string"), len(texts)),
            ],
            args.repeat,
        )
        single = best(lambda t=texts: [gs1.validate(x) for x in t], 1) / len(texts)
        got = bulk.is_valid(texts, "element_string").tolist()
        assert got == [not gs1.validate(t) for t in texts], "verdicts differ"
        print(
            f"ES {form:9s} biip per item {biip_item * 1e9:9.0f} ns | gs1.validate {single * 1e9:7.0f} ns | bulk {ours * 1e9:7.0f} ns  ratio vs biip {biip_item / ours:6.1f}x (target 50x), valid {sum(got):,}"
        )

    links = data.links()
    biip_item, ours = interleaved(
        [
            (peer_run(GS1DigitalLinkURI.parse, links[: args.peer_n]), len(links[: args.peer_n])),
            (lambda: bulk.is_valid(links, "digital_link"), len(links)),
        ],
        args.repeat,
    )
    single = best(lambda: [digital_link.validate(x) for x in links], 1) / len(links)
    got = bulk.is_valid(links, "digital_link").tolist()
    assert got == [not digital_link.validate(u) for u in links], "verdicts differ"
    print(
        f"DL           biip per item {biip_item * 1e9:9.0f} ns | dl.validate  {single * 1e9:7.0f} ns | bulk {ours * 1e9:7.0f} ns  ratio vs biip {biip_item / ours:6.1f}x (target 50x), valid {sum(got):,}"
    )

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dump.csv"
        write_csv(path, data, args.csv_rows)
        argv = [
            "--format", "jsonl", "check", str(path), "--column", "gtin=gtin",
            "--column", "trace_code=element_string", "--column", "stamp=digital_link",
            "--no-progress", "-o", str(Path(tmp) / "report.jsonl"),
        ]  # fmt: skip
        seconds = best(lambda: cli_main(argv), 1)
        size = path.stat().st_size / 1e6
        print(
            f"vntrace check, 3 columns, {args.csv_rows:,} rows ({size:.0f} MB): {seconds:.2f} s = {args.csv_rows / seconds:,.0f} rows/s (target 200,000)"
        )

    if args.big_mb:
        big = Path(tempfile.gettempdir()) / "vntrace-bench-big.csv"
        write_csv(big, data, 10_000)  # the size of a row of this data, to hit --big-mb
        rows = int(args.big_mb * 1e6 / (big.stat().st_size / 10_000))
        write_csv(big, data, rows)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "vntrace", "--format", "jsonl", "check", str(big),
             "--column", "gtin=gtin", "--column", "trace_code=element_string",
             "--column", "stamp=digital_link", "--no-progress", "-o", os.devnull],
            env=env, check=False,
        )  # fmt: skip
        seconds = time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"big file: {big.stat().st_size / 1e6:,.0f} MB, {rows:,} rows in {seconds:.1f} s ({rows / seconds:,.0f} rows/s), peak RSS of the check {rss:,.0f} MB (target < 500 MB)"
        )
        big.unlink()


if __name__ == "__main__":
    main()
