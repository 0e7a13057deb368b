"""Run every ``benchmarks/bench_*.py`` in turn (each in its own interpreter) and show its output.

Usage: ``python benchmarks/run_all.py [NAME ...]`` — optional substrings select benchmarks
(``run_all.py import gs1``). Exit status: the number of benchmarks that failed (capped at 125).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if argv:
        scripts = [s for s in scripts if any(word in s.stem for word in argv)]
    if not scripts:
        print("no benchmark selected", file=sys.stderr)
        return 1
    failed: list[str] = []
    for script in scripts:
        print(f"=== {script.name} ===", flush=True)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        took = time.perf_counter() - start
        status = "ok" if proc.returncode == 0 else f"FAILED (exit {proc.returncode})"
        print(f"--- {script.name}: {status} in {took:.1f} s\n", flush=True)
        if proc.returncode:
            failed.append(script.name)
    print(
        f"{len(scripts) - len(failed)}/{len(scripts)} benchmarks ran cleanly"
        + (f"; failed: {', '.join(failed)}" if failed else "")
    )
    return min(len(failed), 125)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
