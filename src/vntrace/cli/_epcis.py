"""``vntrace epcis validate|convert|hash``: EPCIS 2.0 documents (XML or JSON-LD).

``validate FILE…`` reports the findings of each document. ``convert IN OUT`` streams a document
into the other (or the same) syntax, the output format coming from OUT's extension (``.xml``,
``.json``, ``.jsonld``) or ``--to``; OUT is written to a temporary file and renamed at the end,
so a failed conversion leaves nothing behind. ``hash FILE`` prints one line per event: the event
hash ID and the event's number. Exit codes: 0 fine, 1 findings, 2 usage errors and inputs that
cannot be read (missing file, folder, no permission, read error) or outputs that cannot be
written, 130 interrupted. On a terminal, progress shows on standard error for long files
(``--no-progress`` turns it off).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from vntrace import epcis
from vntrace.cli import _epcis_hash
from vntrace.cli._common import emit, t
from vntrace.epcis._inputs import INPUT_CODES
from vntrace.errors import VntraceError
from vntrace.findings import Finding

__all__ = ["register"]

EXIT_USAGE = 2
# An input that cannot be read or an output that cannot be written: like a usage error, the
# command never looked at any content.
_IO_CODES = INPUT_CODES | {"EPCIS.OUTPUT_UNWRITABLE", "EPCIS.INPUT_NOT_A_PATH"}
_SUFFIXES = {".xml": "xml", ".json": "json", ".jsonld": "json"}


def register(subparsers: Any) -> None:
    """Add ``epcis`` with its ``validate``, ``convert`` and ``hash`` subcommands."""
    parser = subparsers.add_parser(
        "epcis",
        help=t("EPCIS 2.0 documents (XML, JSON-LD)", "tài liệu EPCIS 2.0 (XML, JSON-LD)"),
        description=t(
            "Validate, convert and hash EPCIS 2.0 documents, XML or JSON-LD.",
            "Kiểm tra, chuyển đổi và tính mã băm tài liệu EPCIS 2.0 dạng XML hoặc JSON-LD.",
        ),
    )
    actions = parser.add_subparsers(title=t("actions", "thao tác"), metavar=t("ACTION", "THAO_TÁC"))

    validate = actions.add_parser(
        "validate",
        help=t("validate EPCIS documents", "kiểm tra tài liệu EPCIS"),
        description=t(
            "Validate EPCIS 2.0 documents (structure, vocabularies, identifiers).",
            "Kiểm tra tài liệu EPCIS 2.0 (cấu trúc, bộ từ vựng, mã định danh).",
        ),
    )
    validate.add_argument(
        "files",
        metavar=t("FILE", "TỆP"),
        nargs="+",
        help=t("XML or JSON-LD document(s)", "một hay nhiều tài liệu XML hoặc JSON-LD"),
    )
    _progress_option(validate)
    validate.set_defaults(func=_needs_stdout(run_validate))

    convert = actions.add_parser(
        "convert",
        help=t(
            "convert between XML and JSON-LD (streaming)",
            "chuyển đổi giữa XML và JSON-LD (đọc dần từng sự kiện)",
        ),
        description=t(
            "Convert an EPCIS document event by event; memory stays flat.",
            "Chuyển đổi tài liệu EPCIS lần lượt từng sự kiện; bộ nhớ dùng không tăng theo cỡ tệp.",
        ),
    )
    convert.add_argument(
        "input",
        metavar=t("IN", "VÀO"),
        help=t("XML or JSON-LD document", "tài liệu XML hoặc JSON-LD"),
    )
    convert.add_argument(
        "output",
        metavar=t("OUT", "RA"),
        help=t(
            "output file (.xml, .json, .jsonld) or -",
            "tệp kết quả (.xml, .json, .jsonld), hoặc - để in ra đầu ra chuẩn",
        ),
    )
    convert.add_argument(
        "--to",
        choices=("xml", "json"),
        help=t(
            "output syntax (default: from OUT's extension)",
            "cú pháp đầu ra (mặc định: theo đuôi tệp RA)",
        ),
    )
    convert.add_argument(
        "--cbv",
        choices=("urn", "web"),
        default="urn",
        help=t(
            "CBV values in XML as URNs or Web URIs (default: %(default)s)",
            "giá trị CBV trong XML viết dạng URN hay URI Web (mặc định: %(default)s)",
        ),
    )
    _progress_option(convert)
    convert.set_defaults(func=_needs_stdout(run_convert))

    hash_ = actions.add_parser(
        "hash",
        help=t(
            "print the event hash ID of every event",
            "in mã băm định danh (event hash ID) của từng sự kiện",
        ),
        description=t(
            "Print one line per event: its CBV event hash ID and its index.",
            "In mỗi sự kiện một dòng: mã băm định danh theo CBV và số thứ tự của sự kiện.",
        ),
    )
    hash_.add_argument(
        "file",
        metavar=t("FILE", "TỆP"),
        help=t("XML or JSON-LD document", "tài liệu XML hoặc JSON-LD"),
    )
    hash_.add_argument(
        "--cbv-version",
        dest="cbv_version",
        choices=("2.0", "2.1"),
        default="2.0",
        help=t(
            "canonicalisation version (default: %(default)s)",
            "phiên bản quy tắc chuẩn hoá (mặc định: %(default)s)",
        ),
    )
    hash_.add_argument(
        "--algorithm",
        default="sha-256",
        type=_algorithm,
        metavar=t("ALGORITHM", "THUẬT_TOÁN"),
        help=t(
            "hash algorithm name (default: %(default)s)",
            "tên thuật toán băm (mặc định: %(default)s)",
        ),
    )
    _epcis_hash.add_arguments(hash_)
    hash_.set_defaults(func=_needs_stdout(_epcis_hash.run_hash))


def _needs_stdout(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Refuse with exit 2 when standard output is closed (``>&-``): reports go there."""

    def guarded(args: argparse.Namespace) -> int:
        if sys.stdout is None:
            if sys.stderr is not None:
                sys.stderr.write(
                    "vntrace epcis: "
                    + t("error: standard output is closed", "lỗi: đầu ra chuẩn đã bị đóng")
                    + "\n"
                )
            return EXIT_USAGE
        return run(args)

    guarded.__doc__ = run.__doc__
    return guarded


def _algorithm(name: str) -> str:
    """An ``--algorithm`` value: one of the NI names the event hash supports (usage error else)."""
    from vntrace.epcis.hashing import ALGORITHMS  # noqa: PLC0415 - only when the option is given

    if name not in ALGORITHMS:
        choices = ", ".join(ALGORITHMS)
        msg = t(
            f"invalid choice: {name!r} (choose from {choices})",
            f"lựa chọn {name!r} không hợp lệ (chọn một trong {choices})",
        )
        raise argparse.ArgumentTypeError(msg)
    return name


def _progress_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-progress",
        dest="progress",
        action="store_false",
        help=t(
            "no progress display on standard error (default: shown on a terminal)",
            "không hiện tiến độ trên đầu ra lỗi chuẩn (mặc định: có hiện khi chạy"
            " trong cửa sổ dòng lệnh)",
        ),
    )


def _io_exit(findings: list[Finding], code: int) -> int:
    """2 when the only problem is an input that cannot be read or an output not written."""
    if findings and all(f.code in _IO_CODES for f in findings if f.is_error):
        return max(code, EXIT_USAGE)
    return code


def run_validate(args: argparse.Namespace) -> int:
    """``vntrace epcis validate FILE…``: exit 2 if some FILE cannot be read, else 0/1."""
    unreadable = False

    def results() -> Iterator[tuple[str, list[Finding], dict[str, Any]]]:
        nonlocal unreadable
        for name in args.files:
            with _ByteProgress(name, enabled=getattr(args, "progress", True)) as progress:
                found = epcis.validate(Path(name), progress=progress)
            if any(f.code in _IO_CODES for f in found):
                unreadable = True
            yield name, found, {}

    code = emit(results(), args)
    return EXIT_USAGE if unreadable else code


class _ByteProgress:
    """A progress bar (bytes of one file) on standard error, only on a terminal.

    Uses ``rich`` when it is installed, a plain percentage otherwise; shown only for files that
    take more than a moment, and erased when done.
    """

    def __init__(self, name: str, *, enabled: bool = True, err: IO[str] | None = None) -> None:
        self.err = err if err is not None else sys.stderr
        self.name = name
        self.active = bool(enabled) and self.err is not None and self.err.isatty()
        self.total: int | None = None
        self.started = time.monotonic()
        self.last = 0.0
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Callable[[int], None] | None:
        if not self.active:
            return None
        try:
            self.total = Path(self.name).stat().st_size
        except (OSError, ValueError):
            self.total = None
        return self

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.2 or now - self.started < 0.5:
            return
        self.last = now
        if self.bar is None:
            self._start()
        if self.bar is not None:
            self.bar.update(self.task, completed=done)
        elif self.total:
            self.err.write(f"\r{self.name}: {min(100, done * 100 // self.total)}% …")
            self.err.flush()
        else:
            self.err.write(f"\r{self.name}: {done:,} B …")
            self.err.flush()

    def _start(self) -> None:
        try:
            from rich.console import Console  # noqa: PLC0415 - optional, only on a terminal
            from rich.progress import (  # noqa: PLC0415
                BarColumn,
                DownloadColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )
        except ImportError:
            self.bar = None
            return
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=Console(file=self.err),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task(Path(self.name).name, total=self.total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
        elif self.last:
            self.err.write("\r\x1b[K")
            self.err.flush()


class _Progress:
    """A running event count on standard error, only when it is a terminal."""

    def __init__(self, err: IO[str] | None = None, *, enabled: bool = True) -> None:
        self.err = err if err is not None else sys.stderr
        self.active = enabled and self.err is not None and self.err.isatty()
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
                "vntrace epcis convert: "
                + t(
                    f"error: cannot tell the output syntax from {args.output!r};"
                    " use .xml, .json, .jsonld or --to",
                    f"lỗi: không biết cú pháp đầu ra từ tên {args.output!r};"
                    " hãy dùng đuôi .xml, .json, .jsonld hoặc --to",
                )
                + "\n"
            )
            return EXIT_USAGE
    progress = _Progress(enabled=getattr(args, "progress", True))
    target: Any = sys.stdout.buffer if args.output == "-" else Path(args.output)
    try:
        count = epcis.convert_file(
            Path(args.input), target, to=to, cbv_form=args.cbv, progress=progress
        )
    except VntraceError as exc:
        progress.done()
        found = list(exc.findings)
        return _io_exit(found, emit([(args.input, found, {})], args, out=_report_stream(args)))
    progress.done()
    if args.output == "-":
        return 0
    return emit([(args.input, [], {"output": args.output, "events": count})], args)


def _report_stream(args: argparse.Namespace) -> Any:
    return sys.stderr if args.output == "-" else None
