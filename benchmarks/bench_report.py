"""Reports: JUnit writing against junitparser (the peer CI tools use), and the HTML report of
1,000,000 findings (writing it, and opening it in headless Chromium when installed).

Data: element-string checks shaped like a portal's intake (three files, 1 to 3 findings per failing
record, communes as groups). Usage: ``python benchmarks/bench_report.py [--findings N]``.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from junitparser import Failure, JUnitXml, TestCase, TestSuite

from vntrace.findings import Finding, Location, Severity
from vntrace.report import Record, write
from vntrace.report.html import HtmlRenderer

FINDINGS = [
    Finding("GS1.INCORRECT_CHECK_DIGIT", location=Location(field="01", start=13, length=1)),
    Finding("GS1.ILLEGAL_DAY", params={"markup": "(17)2701|32|"}, location=Location(field="17")),
    Finding("GS1.AI_UNRECOGNISED", Severity.WARNING, {"ai": "89"}, Location(field="89")),
]


def records(n_findings: int) -> list[Record]:
    out: list[Record] = []
    count = i = 0
    while count < n_findings:
        found = FINDINGS[: 1 + i % 3] if i % 2 else []
        count += len(found)
        out.append(
            Record(
                f"(01)0893456789{i % 10000:04d}(17)270132(10)LOT-{i}",
                found,
                source=f"dump-{i % 3}.txt",
                number=i // 3 + 1,
                groups={"commune": f"Xã {i % 120}"},
            )
        )
        i += 1
    return out


def junitparser_peer(items: list[Record]) -> str:
    xml = JUnitXml("vntrace")
    suites: dict[str, TestSuite] = {}
    for r in items:
        suite = suites.get(r.source or "")
        if suite is None:
            suite = suites[r.source or ""] = TestSuite(r.source)
            xml.add_testsuite(suite)
        case = TestCase(f"line {r.number}: {r.input}", r.source)
        case.result = [
            Failure(f.message("en"), f.code) for f in r.findings if f.severity is Severity.ERROR
        ]
        suite.add_testcase(case)
    for suite in suites.values():
        suite.update_statistics()
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as tmp:
        path = tmp.name
    xml.write(path)
    text = Path(path).read_text(encoding="utf-8")
    os.unlink(path)
    return text


def timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - start, value


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--findings", type=int, default=1_000_000)
    parser.add_argument("--stream-findings", type=int, default=100_000)
    # junitparser's add_testcase grows quadratically: keep its run short
    parser.add_argument("--junit-findings", type=int, default=2_000)
    args = parser.parse_args()

    items = records(args.junit_findings)
    ours, _ = timed(lambda: write(items, io.StringIO(), "junit", "en"))
    peer, _ = timed(junitparser_peer, items)
    print(f"JUnit, {args.junit_findings:,} findings in {len(items):,} records:")
    print(
        f"  vntrace.report.junit {ours:6.2f} s   junitparser {peer:6.2f} s   ratio {peer / ours:.1f}x"
    )

    big = records(args.findings)
    took, _ = timed(lambda: write(big, io.StringIO(), HtmlRenderer("vi"), "vi"))
    per = took / args.findings * 1e6
    print(f" html: {args.findings:,} findings written in {took:6.2f} s ({per:.1f} us each)")
    stream = records(args.stream_findings)
    for fmt in ("junit", "sarif", "jsonl"):
        took, _ = timed(lambda f=fmt: write(stream, io.StringIO(), f, "vi"))
        per = took / args.stream_findings * 1e6
        print(
            f"{fmt:>5}: {args.stream_findings:,} findings written in {took:6.2f} s ({per:.1f} us each)"
        )

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("HTML in a browser: skipped (chromium not installed)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        with page.open("w", encoding="utf-8") as f:
            write(big, f, HtmlRenderer("vi"), "vi")
        cmd = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp}/profile",
            "--dump-dom",
            page.as_uri(),
        ]
        took, done = timed(lambda: subprocess.run(cmd, capture_output=True, check=False))
        size = page.stat().st_size
        print(
            f"HTML of {args.findings:,} findings: {size / 1e6:.2f} MB; headless Chromium"
            f" starts, loads and dumps it in {took:.2f} s (exit {done.returncode})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
