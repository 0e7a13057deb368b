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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, TextIO

from vntrace.findings import Finding
from vntrace.report import Record, Result, atomic_output, write
from vntrace.report.text import format_line_summary

__all__ = [
    "ARGPARSE_VI",
    "DEFAULT_FORMAT",
    "DEFAULT_LANG",
    "STDIN",
    "Line",
    "add_only_invalid",
    "emit",
    "emit_lines",
    "read_inputs",
    "read_lines",
    "set_language",
    "speaking",
    "t",
]

STDIN = "-"
"""The argument that means "one input per line of standard input"."""
DEFAULT_FORMAT = "text"
DEFAULT_LANG = "vi"

_PROGRESS_EVERY = 0.2  # seconds between two updates of the progress counter

# The language of --help, usage and labels; main() sets it from --lang before building parsers.
_CLI_LANG = {"lang": DEFAULT_LANG}

ARGPARSE_VI: dict[str, str] = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số vị trí",
    "options": "tuỳ chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện số phiên bản rồi thoát",
    "the following arguments are required: %s": "thiếu các tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn %(value)r không hợp lệ (chọn một trong %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    # the type (int, float…) is a programmer's name: only the value is shown
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tuỳ chọn %(option)s chưa rõ, có thể là %(matches)s"
    ),
    "not allowed with argument %s": "không dùng được cùng với %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "tuỳ chọn này không nhận giá trị %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
}
"""argparse's own texts in Vietnamese (usage line, section titles, errors)."""


def set_language(lang: str) -> None:
    """Choose the language of help texts and labels (``vi`` or ``en``)."""
    _CLI_LANG["lang"] = "en" if lang == "en" else "vi"


def t(en: str, vi: str) -> str:
    """``vi`` or ``en``, in the language chosen with :func:`set_language`.

    >>> set_language("en"); t("file", "tệp")
    'file'
    >>> set_language("vi"); t("file", "tệp")
    'tệp'
    """
    return vi if _CLI_LANG["lang"] == "vi" else en


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Within the block, argparse writes its usage, titles and errors in ``lang``.

    argparse looks its texts up through a module-level ``_`` (gettext) at call time; the block
    swaps it for :data:`ARGPARSE_VI` and puts the original back afterwards.
    """
    set_language(lang)
    if lang != "vi":
        yield
        return
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: ARGPARSE_VI.get(text, original(text))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


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


class Line(NamedTuple):
    """One input of a line-oriented command."""

    number: int | None
    """1-based line number in standard input; ``None`` for a TEXT given as an argument."""
    text: str
    """The line without its line end (and without a leading byte-order mark)."""


class LineCount:
    """How many lines were read and how many of them were ``#`` comments."""

    __slots__ = ("comments", "lines")

    def __init__(self) -> None:
        """Nothing read yet."""
        self.lines = 0
        self.comments = 0


def read_lines(
    arg: str | None, stdin: TextIO | None = None, count: LineCount | None = None
) -> Iterator[Line]:
    """The inputs of a line-oriented command, each with its line number.

    Like :func:`read_inputs`, but every line of standard input is an input, blank ones too (an
    empty cell is a problem to report, not to hide); only lines starting with ``#`` are comments
    and skipped. Line numbers count every line from 1, so they match the file. ``count`` (if
    given) is filled in as the lines are read, for the final accounting.

    >>> import io
    >>> list(read_lines("-", io.StringIO("\\ufeff(10)A\\r\\n\\n# a comment\\n(10)B \\n")))
    [Line(number=1, text='(10)A'), Line(number=2, text=''), Line(number=4, text='(10)B ')]
    >>> list(read_lines("(10)A"))
    [Line(number=None, text='(10)A')]
    """
    if arg is not None and arg != STDIN:
        yield Line(None, arg)
        return
    stream = stdin if stdin is not None else _stdin()
    count = count if count is not None else LineCount()
    for number, raw in enumerate(stream, 1):
        line = raw.rstrip("\r\n")
        if number == 1:
            line = line.removeprefix("\ufeff")
        count.lines = number
        if line.startswith("#"):
            count.comments += 1
            continue
        yield Line(number, line)


def add_gs1_flags(parser: argparse.ArgumentParser) -> None:
    """The two :class:`vntrace.gs1.Options` switches every GS1-reading command offers."""
    parser.add_argument(
        "--permit-unknown-ais",
        action="store_true",
        help=t(
            "accept AIs missing from the GS1 table where they cannot collide with known ones",
            "chấp nhận AI không có trong bảng GS1 nếu không thể nhầm với AI đã biết",
        ),
    )
    parser.add_argument(
        "--no-requisite-ais",
        action="store_true",
        help=t(
            "do not check req= associations (for partial data from one of several carriers)",
            "không kiểm tra các AI bắt buộc đi kèm (cho dữ liệu chỉ là một phần, từ một trong"
            " nhiều vật mang dữ liệu)",
        ),
    )


def gs1_flags(args: argparse.Namespace) -> dict[str, bool]:
    """The keyword arguments of :class:`vntrace.gs1.Options` set by :func:`add_gs1_flags`."""
    return {
        "permit_unknown_ais": args.permit_unknown_ais,
        "validate_requisite_ais": not args.no_requisite_ais,
    }


def add_only_invalid(parser: argparse.ArgumentParser) -> None:
    """Add ``--only-invalid`` to a line-oriented command."""
    parser.add_argument(
        "--only-invalid",
        action="store_true",
        help=t(
            "show only the inputs with errors (the summary still counts every line)",
            "chỉ hiện các dòng có lỗi (phần tổng kết vẫn đếm mọi dòng)",
        ),
    )


def emit_lines(
    check: Callable[[str], tuple[Sequence[Finding], Mapping[str, Any]]],
    arg: str | None,
    args: argparse.Namespace,
    out: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run ``check`` on every input of ``arg`` (see :func:`read_lines`) and render the results.

    Each result carries its line number (``"line"`` in JSON, ``line N:`` in text); with
    ``--only-invalid`` only results with errors are shown. When reading standard input, a line
    on standard error accounts for every line read (valid, with errors, comments).

    >>> import argparse, io
    >>> args = argparse.Namespace(format="jsonl", lang="en", only_invalid=True)
    >>> emit_lines(lambda t: ([], {}) if t else ([Finding("GS1.INPUT_EMPTY")], {}), "-", args,
    ...            sys.stdout, io.StringIO("a\\n\\nb\\n"))
    {"line": 2, "input": "", "valid": false, "findings": [...]}
    1
    """
    count = LineCount()
    lines = read_lines(arg, stdin, count)
    reading_stdin = arg is None or arg == STDIN

    def results() -> Iterator[Result]:
        for number, text in lines:
            findings, extra = check(text)
            if number is None:
                yield text, findings, extra
            else:
                yield Record(text, findings, extra, number=number, unit="line")

    fmt = getattr(args, "format", None) or DEFAULT_FORMAT
    lang = getattr(args, "lang", None) or DEFAULT_LANG
    stream: Iterable[Result] = results()
    if reading_stdin and sys.stderr.isatty():
        stream = _with_progress(stream, sys.stderr)
    only_invalid = bool(getattr(args, "only_invalid", False))
    path = getattr(args, "report_output", None)
    if out is None and path is not None and path != STDIN:
        with atomic_output(path) as target:
            summary = write(stream, target, fmt, lang, only_invalid=only_invalid)
    else:
        summary = write(
            stream, out if out is not None else sys.stdout, fmt, lang, only_invalid=only_invalid
        )
    if reading_stdin and (fmt != "text" or only_invalid or summary.inputs > 1):
        sys.stderr.write(format_line_summary(summary, count.lines, count.comments, lang) + "\n")
    return 1 if summary.errors else 0


def _stdin() -> TextIO:
    """Standard input as UTF-8; undecodable bytes become U+FFFD (and then a finding).

    A closed standard input (``<&-``) is an unreadable input (exit code 2), not a bug.
    """
    stdin = sys.stdin
    if stdin is None:
        raise OSError(0, "standard input is closed", "-")
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
