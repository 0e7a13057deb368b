"""``vntrace epcis validate|convert|hash``: EPCIS 2.0 documents (XML or JSON-LD).

``validate FILE…`` reports the findings of each document. ``convert IN OUT`` streams a document
into the other (or the same) syntax, the output format coming from OUT's extension (``.xml``,
``.json``, ``.jsonld``) or ``--to``. ``hash FILE`` prints one line per event: the event hash ID
and the event's index. Exit codes: 0 fine, 1 findings (or unreadable input), 2 usage errors.
On a terminal, a running event count shows on standard error for long files.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from vntrace import epcis
from vntrace.cli._common import emit
from vntrace.errors import VntraceError
from vntrace.findings import Finding

__all__ = ["register"]

EXIT_USAGE = 2
_SUFFIXES = {".xml": "xml", ".json": "json", ".jsonld": "json"}


def register(subparsers: Any) -> None:
    """Add ``epcis`` with its ``validate``, ``convert`` and ``hash`` subcommands."""
    parser = subparsers.add_parser(
        "epcis",
        help="EPCIS 2.0 documents (XML, JSON-LD)",
        description="Validate, convert and hash EPCIS 2.0 documents, XML or JSON-LD.",
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION")

    validate = actions.add_parser(
        "validate",
        help="validate EPCIS documents",
        description="Validate EPCIS 2.0 documents (structure, vocabularies, identifiers).",
    )
    validate.add_argument("files", metavar="FILE", nargs="+", help="XML or JSON-LD document(s)")
    validate.set_defaults(func=run_validate)

    convert = actions.add_parser(
        "convert",
        help="convert between XML and JSON-LD (streaming)",
        description="Convert an EPCIS document event by event; memory stays flat.",
    )
    convert.add_argument("input", metavar="IN", help="XML or JSON-LD document")
    convert.add_argument("output", metavar="OUT", help="output file (.xml, .json, .jsonld) or -")
    convert.add_argument(
        "--to", choices=("xml", "json"), help="output syntax (default: from OUT's extension)"
    )
    convert.add_argument(
        "--cbv",
        choices=("urn", "web"),
        default="urn",
        help="CBV values in XML as URNs or Web URIs (default: %(default)s)",
    )
    convert.set_defaults(func=run_convert)

    hash_ = actions.add_parser(
        "hash",
        help="print the event hash ID of every event",
        description="Print one line per event: its CBV event hash ID and its index.",
    )
    hash_.add_argument("file", metavar="FILE", help="XML or JSON-LD document")
    hash_.add_argument(
        "--cbv-version",
        dest="cbv_version",
        choices=("2.0", "2.1"),
        default="2.0",
        help="canonicalisation version (default: %(default)s)",
    )
    hash_.add_argument(
        "--algorithm", default="sha-256", help="hash algorithm name (default: %(default)s)"
    )
    hash_.set_defaults(func=run_hash)


def run_validate(args: argparse.Namespace) -> int:
    """``vntrace epcis validate FILE…``."""
    return emit(((name, epcis.validate(Path(name)), {}) for name in args.files), args)


class _Progress:
    """A running count on standard error, only when it is a terminal."""

    def __init__(self, err: IO[str] | None = None) -> None:
        self.err = err if err is not None else sys.stderr
        self.active = self.err.isatty()
        self.shown = False
        self.last = time.monotonic()

    def __call__(self, count: int) -> None:
        if not self.active:
            return
        now = time.monotonic()
        if now - self.last >= 0.2:
            self.err.write(f"\r{count:,} …")
            self.err.flush()
            self.last = now
            self.shown = True

    def done(self) -> None:
        if self.shown:
            self.err.write("\r\x1b[K")
            self.err.flush()


def run_convert(args: argparse.Namespace) -> int:
    """``vntrace epcis convert IN OUT``."""
    to = args.to
    if to is None:
        to = _SUFFIXES.get(Path(args.output).suffix.lower()) if args.output != "-" else None
        if to is None:
            sys.stderr.write(
                "vntrace epcis convert: error: cannot tell the output syntax from "
                f"{args.output!r}; use .xml, .json, .jsonld or --to\n"
            )
            return EXIT_USAGE
    progress = _Progress()
    target: Any = sys.stdout.buffer if args.output == "-" else Path(args.output)
    try:
        count = epcis.convert_file(
            Path(args.input), target, to=to, cbv_form=args.cbv, progress=progress
        )
    except VntraceError as exc:
        progress.done()
        return emit([(args.input, list(exc.findings), {})], args, out=_report_stream(args))
    progress.done()
    if args.output == "-":
        return 0
    return emit([(args.input, [], {"output": args.output, "events": count})], args)


def _report_stream(args: argparse.Namespace) -> Any:
    return sys.stderr if args.output == "-" else None


def _hashes(path: Path, version: str, algorithm: str) -> Iterator[tuple[int, str]]:
    for index, event in enumerate(epcis.iter_events(path)):
        yield index, epcis.event_hash(event, version=version, algorithm=algorithm)


def run_hash(args: argparse.Namespace) -> int:
    """``vntrace epcis hash FILE``: ``<hash> <index>`` per line (text), or records (json/jsonl)."""
    path = Path(args.file)
    progress = _Progress()
    fmt = getattr(args, "format", None) or "text"
    write: Callable[[str], Any] = sys.stdout.write
    try:
        if fmt == "text":
            for index, digest in _hashes(path, args.cbv_version, args.algorithm):
                write(f"{digest} {index}\n")
                progress(index + 1)
            progress.done()
            return 0
        results: list[tuple[str, list[Finding], dict[str, Any]]] = [
            (f"{args.file}#{index}", [], {"index": index, "hash": digest})
            for index, digest in _hashes(path, args.cbv_version, args.algorithm)
        ]
    except VntraceError as exc:
        progress.done()
        sys.stdout.flush()
        return emit([(args.file, list(exc.findings), {})], args)
    progress.done()
    return emit(results, args)
