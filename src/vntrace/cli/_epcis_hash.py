"""``vntrace epcis hash FILE``: the event hash ID of every event, streamed.

Standard output gets one line per hashed event, ``<hash ID> <event number>`` (numbers count from
1; ``--prehash`` appends the pre-hash string), or one record per event with ``--format json`` or
``jsonl``. Problems go to standard error: an event that cannot be hashed (the next events are
still hashed), an ``eventID`` that ``--check`` finds different from the recomputed hash, and a
document that stops being readable half-way (every hash printed before stays valid). Exit codes:
0 every event hashed (and matching), 1 findings, 2 the file cannot be read.

A JSON-LD document is hashed from its parsed events, without building the typed model;
``--validate`` builds (and so validates) each event first, as XML documents always do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from vntrace.cli._common import emit, t
from vntrace.errors import VntraceError
from vntrace.findings import Finding

if TYPE_CHECKING:
    from vntrace.epcis.hashing import EventHash

__all__ = ["add_arguments", "run_hash"]

EXIT_USAGE = 2
_EVENT = {"en": "event", "vi": "sự kiện"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``hash`` besides FILE, ``--cbv-version`` and ``--algorithm``."""
    parser.add_argument(
        "--hash-profile",
        dest="hash_profile",
        choices=("cbv2.0", "openepcis-2025"),
        default="cbv2.0",
        help=t(
            "reading of the points where implementations differ: the CBV 2.0 text, or the "
            "Java openepcis generator of 2025 (no certificationInfo, ref.gs1.org/voc/ terms) "
            "(default: %(default)s)",
            "cách hiểu ở những điểm các bản cài đặt khác nhau: theo văn bản CBV 2.0, hoặc theo"
            " bộ sinh mã openepcis (Java) năm 2025 (bỏ certificationInfo, dùng thuật ngữ"
            " ref.gs1.org/voc/) (mặc định: %(default)s)",
        ),
    )
    parser.add_argument(
        "--prehash",
        action="store_true",
        help=t(
            "also print each event's pre-hash string",
            "in thêm chuỗi trước khi băm của từng sự kiện",
        ),
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help=t(
            "compare each eventID that is a hash ID (ni:///…) with the recomputed hash",
            "so sánh mỗi eventID là mã băm (ni:///…) với mã băm tính lại",
        ),
    )
    parser.add_argument(
        "--validate",
        action="store_true",
        help=t(
            "validate each JSON-LD event (build the typed model) before hashing it",
            "kiểm tra từng sự kiện JSON-LD (dựng mô hình dữ liệu đầy đủ) trước khi băm",
        ),
    )


def run_hash(args: argparse.Namespace) -> int:
    """``vntrace epcis hash FILE``; see the module docstring."""
    from vntrace.epcis._inputs import INPUT_CODES  # noqa: PLC0415 - heavy modules load lazily
    from vntrace.epcis.hashing import iter_hashes  # noqa: PLC0415

    fmt = getattr(args, "format", None) or "text"
    lang = getattr(args, "lang", None) or "vi"
    failed: list[Finding] = []
    problems = 0
    results = iter_hashes(
        Path(args.file),
        args.cbv_version,
        args.algorithm,
        hash_profile=getattr(args, "hash_profile", "cbv2.0"),
        with_prehash=getattr(args, "prehash", False),
        check=getattr(args, "check", False),
        validate=getattr(args, "validate", False),
    )

    def records() -> Iterator[tuple[str, list[Finding], dict[str, Any]]]:
        try:
            for result in results:
                data: dict[str, Any] = {"event": result.number}
                if result.hash_id is not None:
                    data["hash"] = result.hash_id
                if result.prehash is not None:
                    data["prehash"] = result.prehash
                if result.matches is not None:
                    data["eventID"] = result.event_id
                    data["matches"] = result.matches
                yield f"{args.file}#{result.number}", list(result.findings), data
        except VntraceError as exc:
            failed.extend(exc.findings)

    progress = _progress()
    results = _counted(results, progress)
    if fmt == "text":
        out = sys.stdout
        # Lines are written in batches: one write per line costs a system call each when
        # standard output is unbuffered (PYTHONUNBUFFERED, common in containers).
        batch: list[str] = []
        try:
            for result in results:
                if result.hash_id is not None:
                    line = f"{result.hash_id} {result.number}"
                    if result.prehash is not None:
                        line += " " + result.prehash
                    batch.append(line + "\n")
                    if len(batch) >= _BATCH:
                        _write(out, batch)
                if result.findings:
                    problems += 1
                    _write(out, batch)  # every hash before the problem comes first
                    out.flush()
                    _to_stderr(args.file, result.number, result.findings, lang)
        except VntraceError as exc:
            failed.extend(exc.findings)
        finally:
            _write(out, batch)  # also on an interrupt: every hash computed is kept
        code = 1 if problems else 0
    else:
        code = emit(records(), args)
    progress.done()
    if failed:
        sys.stdout.flush()
        emit([(args.file, failed, {})], args, out=sys.stderr)
        code = EXIT_USAGE if all(f.code in INPUT_CODES for f in failed if f.is_error) else 1
    return code


_BATCH = 256
"""Hash lines per write of the text output."""


def _write(out: IO[str], batch: list[str]) -> None:
    """Write the pending lines and forget them (each line is written once, even on failure)."""
    text = "".join(batch)
    batch.clear()
    if text:
        out.write(text)


def _progress() -> Any:
    from vntrace.cli._epcis import _Progress  # noqa: PLC0415 - shared with convert

    return _Progress()


def _counted(results: Iterator[EventHash], progress: Any) -> Iterator[EventHash]:
    """The results, with a running count on standard error (only on a terminal)."""
    for result in results:
        progress(result.number)
        yield result


def _to_stderr(name: str, number: int, findings: tuple[Finding, ...], lang: str) -> None:
    from vntrace.report.text import format_finding  # noqa: PLC0415

    where = f"{name}, {_EVENT.get(lang, _EVENT['en'])} {number}"
    for finding in findings:
        sys.stderr.write(f"{where}: {format_finding(finding, lang)}\n")
