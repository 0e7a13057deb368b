"""``vntrace.gs1.gtin.is_valid`` vs python-stdnum ``stdnum.ean.is_valid``.

Run: ``.venv/bin/python benchmarks/bench_gs1_keys.py [--n 1000000] [--repeat 3] [--seed 2026]``

Inputs: ``--n`` strings, GTIN-8/12/13/14 in equal shares (GS1 Vietnam ``893`` prefixes for most,
random digits for the rest) with about 10 % wrong check digits, 3 % bad lengths (a digit dropped
or added) and 3 % with a letter in place of a digit. Both functions see the same list in the same
run; the best of ``--repeat`` interleaved passes is reported (the machine may be shared). The
verdicts of both are compared on every input (they must agree: the inputs are ASCII).

Also prints the cost of ``import vntrace.gs1.gtin`` in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from collections.abc import Callable

from stdnum import ean

from vntrace.gs1 import gtin


def _check_digit(payload: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(payload)))
    return str(-total % 10)


def make_inputs(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    for _ in range(n):
        length = rng.choice((8, 12, 13, 14))
        if length >= 13 and rng.random() < 0.7:
            head = "893" if length == 13 else rng.choice("0123456789") + "893"
        else:
            head = ""
        payload = head + "".join(rng.choice("0123456789") for _ in range(length - 1 - len(head)))
        number = payload + _check_digit(payload)
        r = rng.random()
        if r < 0.10:
            number = payload + str((int(number[-1]) + rng.randrange(1, 10)) % 10)
        elif r < 0.13:
            number = number[:-1] if rng.random() < 0.5 else number + rng.choice("0123456789")
        elif r < 0.16:
            pos = rng.randrange(length)
            number = number[:pos] + rng.choice("ABXZ") + number[pos + 1 :]
        out.append(number)
    return out


def timed(func: Callable[[str], bool], inputs: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    valid = 0
    for number in inputs:
        if func(number):
            valid += 1
    return time.perf_counter() - start, valid


def import_cost() -> float:
    code = "import time; t = time.perf_counter(); import vntrace.gs1.gtin; print(time.perf_counter() - t)"
    best = min(
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(5)
    )
    return best * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    inputs = make_inputs(args.n, args.seed)
    ours = [gtin.is_valid(s) for s in inputs]
    peer = [ean.is_valid(s) for s in inputs]
    mismatches = sum(a != b for a, b in zip(ours, peer, strict=True))
    print(
        f"inputs: {len(inputs):,} ({sum(ours):,} valid, {len(inputs) - sum(ours):,} invalid); "
        f"verdict mismatches vs stdnum: {mismatches}"
    )

    best_ours = best_peer = float("inf")
    for _ in range(args.repeat):
        t_peer, v_peer = timed(ean.is_valid, inputs)
        t_ours, v_ours = timed(gtin.is_valid, inputs)
        assert v_peer == v_ours
        best_peer = min(best_peer, t_peer)
        best_ours = min(best_ours, t_ours)
    per = 1e9 / len(inputs)
    print(f"stdnum.ean.is_valid         : {best_peer:7.3f} s  ({best_peer * per:6.0f} ns/item)")
    print(f"vntrace.gs1.gtin.is_valid   : {best_ours:7.3f} s  ({best_ours * per:6.0f} ns/item)")
    print(f"ratio (stdnum / vntrace)    : {best_peer / best_ours:6.1f}x   (target >= 10x)")
    print(f"import vntrace.gs1.gtin     : {import_cost():6.1f} ms (fresh interpreter, best of 5)")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
