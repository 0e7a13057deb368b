"""Helpers every subcommand uses: reading inputs, rendering results, exit codes.

A handler reads its inputs with :func:`read_inputs`, checks each one and hands the results to
:func:`emit`, which renders them in the ``--format`` and ``--lang`` the user chose and returns the
exit code::

    def run(args: argparse.Namespace) -> int:
        return emit(((text, gs1.validate(text), {}) for text in read_inputs(args.text)), args)
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TextIO

from vntrace.findings import Finding
from vntrace.report import Result, atomic_output, write

__all__ = ["DEFAULT_FORMAT", "DEFAULT_LANG", "STDIN", "emit", "read_inputs"]

STDIN = "-"
"""The argument that means "one input per line of standard input"."""
DEFAULT_FORMAT = "text"
DEFAULT_LANG = "vi"

_PROGRESS_EVERY = 0.2  # seconds between two updates of the progress counter


def read_inputs(arg: str | None, stdin: TextIO | None = None) -> Iterator[str]:
    """The inputs named by a command-line argument.

    ``arg`` itself is the one input, unless it is ``-`` (or ``None``, for an omitted optional
    argument): then every line of standard input is one input, read lazily. Line ends (``\\n``,
    ``\\r\\n``) and a leading byte-order mark are removed; nothing else is stripped, since a
    trailing space is part of what was scanned. Blank lines and lines starting with ``#`` are
    skipped (no GS1 element string, scan or URI starts with ``#``).

    >>> list(read_inputs("(01)08934567890120"))
    ['(01)08934567890120']
    >>> import io
    >>> list(read_inputs("-", io.StringIO("\\ufeff(10)A\\r\\n\\n# a comment\\n(10)B \\n")))
    ['(10)A', '(10)B ']
    """
    if arg is not None and arg != STDIN:
        yield arg
        return
    stream = stdin if stdin is not None else _stdin()
    first = True
    for raw in stream:
        line = raw.rstrip("\r\n")
        if first:
            line = line.removeprefix("\ufeff")
            first = False
        if not line.strip() or line.startswith("#"):
            continue
        yield line


def _stdin() -> TextIO:
    """Standard input as UTF-8; undecodable bytes become U+FFFD (and then a finding)."""
    stdin = sys.stdin
    reconfigure = getattr(stdin, "reconfigure", None)
    if reconfigure is not None:
        # fails harmlessly when already read from, or not a real text wrapper
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8", errors="replace")
    return stdin


def emit(
    results: Iterable[tuple[str, Sequence[Finding], Mapping[str, Any]] | Result],
    args: argparse.Namespace,
    out: TextIO | None = None,
) -> int:
    """Render ``results`` to standard output; the exit code: ``0`` no error finding, else ``1``.

    ``args.format`` (any of :data:`vntrace.report.FORMATS`) and ``args.lang`` (``vi``, ``en``)
    choose the rendering; with ``args.report_output`` (``--output PATH``) the report goes to that
    file, written atomically (nothing is left there if the command fails half-way; an unwritable
    path fails before any input is read, with :class:`~vntrace.report.ReportOutputError`). When the
    inputs come from standard input and standard error is a terminal, a progress counter runs on
    standard error.

    >>> import argparse, io
    >>> from vntrace.findings import Finding
    >>> args = argparse.Namespace(format="text", lang="en")
    >>> buf = io.StringIO()
    >>> emit([("(10)A", [], {})], args, buf), buf.getvalue()
    (0, '✓ (10)A\\n')
    >>> emit([("(89)1", [Finding("GS1.AI_UNRECOGNISED", params={"ai": "89"})], {})], args, buf)
    1
    """
    fmt = getattr(args, "format", None) or DEFAULT_FORMAT
    lang = getattr(args, "lang", None) or DEFAULT_LANG
    stream: Iterable[Result] = results
    if _reads_stdin(args) and sys.stderr.isatty():
        stream = _with_progress(results, sys.stderr)
    path = getattr(args, "report_output", None)
    if out is None and path is not None and path != STDIN:
        with atomic_output(path) as target:
            summary = write(stream, target, fmt, lang)
    else:
        summary = write(stream, out if out is not None else sys.stdout, fmt, lang)
    return 1 if summary.errors else 0


def _reads_stdin(args: argparse.Namespace) -> bool:
    return any(isinstance(value, str) and value == STDIN for value in vars(args).values())


def _with_progress(results: Iterable[Result], err: TextIO) -> Iterator[Result]:
    count = 0
    last = time.monotonic()
    shown = False
    try:
        for result in results:
            count += 1
            now = time.monotonic()
            if now - last >= _PROGRESS_EVERY:
                err.write(f"\r{count:,} …")
                err.flush()
                last = now
                shown = True
            yield result
    finally:
        if shown:
            err.write("\r\x1b[K")
            err.flush()
