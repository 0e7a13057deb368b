"""``python -c "import vntrace"``: wall time (median of 20 fresh interpreters) and top import costs.

Target: < 100 ms. For reference the bare interpreter (``python -c pass``) is timed the same way, so
the figure that vntrace controls is the difference. ``-X importtime`` then lists the modules with
the highest cumulative import time.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 20
TARGET_MS = 100.0


def wall_ms(code: str) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def top_offenders(code: str, n: int = 12) -> list[tuple[int, str]]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], check=True, capture_output=True, text=True
    )
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        # "import time:  <self us> | <cumulative us> | <indented module name>"
        _self_us, cumulative_us, name = line.removeprefix("import time:").split("|", 2)
        rows.append((int(cumulative_us), name.strip()))
    return sorted(rows, reverse=True)[:n]


def main() -> int:
    bare = wall_ms("pass")
    ours = wall_ms("import vntrace")
    gs1 = wall_ms("import vntrace.gs1")
    print(f"python -c pass                  median {bare:7.1f} ms")
    print(f'python -c "import vntrace"      median {ours:7.1f} ms  (target < {TARGET_MS:.0f} ms)')
    print(f'python -c "import vntrace.gs1"  median {gs1:7.1f} ms')
    print(f"vntrace's own share             {ours - bare:7.1f} ms")
    print("\nTop cumulative import times (-X importtime, µs) for `import vntrace`:")
    for cumulative, name in top_offenders("import vntrace"):
        print(f"  {cumulative:>8}  {name}")
    verdict = "OK" if ours < TARGET_MS else "OVER TARGET"
    print(f"\nresult: {ours:.1f} ms vs target {TARGET_MS:.0f} ms -> {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
