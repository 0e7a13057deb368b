"""Full validation of typical GS1 element strings: vntrace vs biip.

Run: ``.venv/bin/python benchmarks/bench_gs1_elements.py [--n 30000] [--repeat 5]``

Inputs: ``--n`` element strings per kind, generated with valid check digits from 40 GTINs, 40
SSCCs, a few hundred lots and varied dates, serials and counts (GS1 Vietnam 893 prefixes):

- ``(01)(17)(10)``, ``(01)(10)(21)``, ``(00)(02)(37)``,
- each in the bracketed form and as GS-separated FNC1 data (what a scanner sends).

Compared, on the same inputs, in one run (best of ``--repeat`` interleaved runs; the machine
may be shared):

- ours: ``vntrace.gs1.validate(text)`` (every rule of the reference engine: lengths, character
  sets, check digits, date linters, ``ex=``/``req=``/repeat rules) and ``vntrace.gs1.parse(text)``
  (the same plus the result objects);
- biip: ``GS1Message.parse_hri(text)`` for the bracketed form, ``GS1Message.parse(text)`` for
  the GS-separated form.

Every result is checked inside the timed loop (no error for ours, three elements for both).

What vntrace keeps between calls (all bounded, none per input text): the compiled per-AI checks,
a verdict table for the date/time linters (their domain is small: every YYMMDD is one of 37 200
strings) and the ``ex=``/``req=`` verdict per AI sequence. Check digits are computed every time.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from biip.gs1_messages import GS1Message

from vntrace.gs1.element_string import parse, validate

GS = "\x1d"


def mod10(digits: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def inputs(n: int, seed: int = 2026) -> dict[str, list[str]]:
    rng = random.Random(seed)

    def digits(k: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(k))

    gtins = [(b := "0893" + digits(9)) + mod10(b) for _ in range(40)]
    ssccs = [(b := "0893" + digits(13)) + mod10(b) for _ in range(40)]
    lots = [
        f"HT{rng.randint(24, 26)}-{rng.randint(1, 999):03d}{rng.choice('ABCDEF')}"
        for _ in range(300)
    ]

    def date() -> str:
        return f"{rng.randint(26, 30)}{rng.randint(1, 12):02d}{rng.randint(0, 28):02d}"

    kinds: dict[str, list[str]] = {}
    kinds["(01)(17)(10) bracketed"] = [
        f"(01){rng.choice(gtins)}(17){date()}(10){rng.choice(lots)}" for _ in range(n)
    ]
    kinds["(01)(10)(21) bracketed"] = [
        f"(01){rng.choice(gtins)}(10){rng.choice(lots)}(21){rng.randint(1, 10**9)}"
        for _ in range(n)
    ]
    kinds["(00)(02)(37) bracketed"] = [
        f"(00){rng.choice(ssccs)}(02){rng.choice(gtins)}(37){rng.randint(1, 999)}" for _ in range(n)
    ]
    kinds["(01)(17)(10) GS"] = [
        f"01{rng.choice(gtins)}17{date()}10{rng.choice(lots)}" for _ in range(n)
    ]
    kinds["(01)(10)(21) GS"] = [
        f"01{rng.choice(gtins)}10{rng.choice(lots)}{GS}21{rng.randint(1, 10**9)}" for _ in range(n)
    ]
    kinds["(00)(02)(37) GS"] = [
        f"00{rng.choice(ssccs)}02{rng.choice(gtins)}37{rng.randint(1, 999)}" for _ in range(n)
    ]
    return kinds


def run_validate(data: list[str]) -> float:
    check = validate
    start = time.perf_counter()
    for text in data:
        if check(text):
            raise AssertionError(text)
    return time.perf_counter() - start


def run_parse(data: list[str]) -> float:
    check = parse
    start = time.perf_counter()
    for text in data:
        if len(check(text).elements) != 3:
            raise AssertionError(text)
    return time.perf_counter() - start


def run_biip(data: list[str]) -> float:
    check = GS1Message.parse_hri if data[0].startswith("(") else GS1Message.parse
    start = time.perf_counter()
    for text in data:
        if len(check(text).element_strings) != 3:
            raise AssertionError(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=30000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    kinds = inputs(args.n)
    runners: dict[str, Callable[[list[str]], float]] = {
        "validate": run_validate,
        "parse": run_parse,
        "biip": run_biip,
    }
    print(f"{args.n} strings per kind, best of {args.repeat} interleaved runs, µs per string")
    print(
        f"{'kind':<24}{'validate':>10}{'parse':>10}{'biip':>10}{'biip/validate':>15}{'biip/parse':>12}"
    )
    totals = dict.fromkeys(runners, 0.0)
    for kind, data in kinds.items():
        best = dict.fromkeys(runners, float("inf"))
        for _ in range(args.repeat):
            for name, run in runners.items():
                best[name] = min(best[name], run(data))
        for name in runners:
            totals[name] += best[name]
        us = {name: best[name] / len(data) * 1e6 for name in runners}
        print(
            f"{kind:<24}{us['validate']:>10.2f}{us['parse']:>10.2f}{us['biip']:>10.2f}"
            f"{best['biip'] / best['validate']:>14.1f}x{best['biip'] / best['parse']:>11.1f}x"
        )
    print(
        f"{'all':<24}{'':>30}"
        f"{totals['biip'] / totals['validate']:>14.1f}x{totals['biip'] / totals['parse']:>11.1f}x"
    )


if __name__ == "__main__":
    main()
