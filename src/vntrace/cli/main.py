"""The ``vntrace`` command: global options, subcommand registration, exit codes.

>>> main(["--lang", "en", "--version"])
vntrace 0.1.0
0

Global options ``--format text|json|jsonl|junit|sarif|html``, ``--lang vi|en`` and
``--output PATH`` may be given before or after the
subcommand (``vntrace --lang en gs1 validate …`` and ``vntrace gs1 validate … --lang en`` are the
same). Subcommands come from ``vntrace.cli._gs1``, ``_dl``, ``_qr`` and ``_epcis``: each module
defines ``register(subparsers)`` and sets ``func`` (``run(args) -> int``) on its parsers.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any

from vntrace import __version__
from vntrace.cli._common import DEFAULT_FORMAT, DEFAULT_LANG, speaking, t
from vntrace.errors import VntraceError, os_reason
from vntrace.findings import Finding, ParamValue
from vntrace.messages import LANGUAGES
from vntrace.report import FORMATS, ReportOutputError
from vntrace.report.text import format_finding

__all__ = ["EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_USAGE", "build_parser", "main"]

EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

# module -> the subcommand it registers (used to explain a module that failed to load)
_COMMAND_MODULES = {
    "_gs1": "gs1",
    "_dl": "dl",
    "_qr": "qr",
    "_epcis": "epcis",
    "_conformance": "conformance",
    "_tcvn": "dossier",
    "_stamp": "stamp",
    "_explain": "explain",
    "_bulk": "check",
}
_PARSER_KEY = "_vntrace_parser"


def _add_global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    title = t("output options", "tuỳ chọn đầu ra") if top else t("global options", "tuỳ chọn chung")
    group = parser.add_argument_group(title)
    group.add_argument(
        "--format",
        choices=FORMATS,
        default=DEFAULT_FORMAT if top else argparse.SUPPRESS,
        help=t(
            f"report format (default: {DEFAULT_FORMAT})",
            f"định dạng báo cáo (mặc định: {DEFAULT_FORMAT})",
        ),
    )
    group.add_argument(
        "--lang",
        choices=sorted(LANGUAGES),
        type=_language,
        default=DEFAULT_LANG if top else argparse.SUPPRESS,
        help=t(
            f"language of messages: vi (Tiếng Việt, also vn) or en (default: {DEFAULT_LANG})",
            f"ngôn ngữ thông báo: vi (tiếng Việt, cũng nhận vn) hoặc en (mặc định: {DEFAULT_LANG})",
        ),
    )
    group.add_argument(
        "--output",
        dest="report_output",  # commands may have their own OUT/--output (epcis convert, qr)
        metavar=t("PATH", "TỆP"),
        default=None if top else argparse.SUPPRESS,
        help=t(
            "write the report to PATH (atomically) instead of standard output",
            "ghi báo cáo vào TỆP (trọn vẹn hoặc không ghi gì) thay vì in ra màn hình",
        ),
    )


def _language(text: str) -> str:
    """``--lang``: ``vn`` and any case are accepted; argparse then checks the choice."""
    return {"vn": "vi"}.get(text.lower(), text.lower())


class _SubcommandParser(argparse.ArgumentParser):
    """Every subcommand parser also accepts the global options (without overriding them)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("conflict_handler", "resolve")  # a subcommand may redefine an option
        super().__init__(*args, **kwargs)
        _add_global_options(self, top=False)
        self.set_defaults(**{_PARSER_KEY: self})


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The full parser, with every subcommand module that is installed.

    With ``command`` (a subcommand name) only its module is imported and registered when it
    has one: a command's start-up does not pay for the imports of every other command.

    >>> "--lang" in build_parser().format_help()
    True
    >>> help_text = build_parser("epcis").format_help()
    >>> "epcis" in help_text, "dossier" in help_text
    (True, False)
    """
    parser = argparse.ArgumentParser(
        prog="vntrace",
        description=t(
            "Check GS1 codes, Digital Link stamps and EPCIS events for Vietnamese traceability.",
            "Kiểm tra mã GS1, tem Digital Link và sự kiện EPCIS cho truy xuất nguồn gốc.",
        ),
        epilog=t(
            "exit codes: 0 valid, 1 findings, 2 usage error or unreadable input,"
            " 3 internal error, 130 interrupted",
            "mã thoát: 0 hợp lệ, 1 có phát hiện, 2 dùng sai lệnh hoặc không đọc được đầu vào,"
            " 3 lỗi nội bộ, 130 bị ngắt",
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"vntrace {__version__}",
        help=t("show the version and exit", "hiện số phiên bản rồi thoát"),
    )
    _add_global_options(parser, top=True)
    parser.set_defaults(**{_PARSER_KEY: parser})
    subparsers = parser.add_subparsers(
        title=t("commands", "lệnh"), metavar=t("COMMAND", "LỆNH"), parser_class=_SubcommandParser
    )
    modules = [m for m, c in _COMMAND_MODULES.items() if c == command] or _COMMAND_MODULES
    for module_name in modules:
        _register(subparsers, module_name, _COMMAND_MODULES[module_name])
    if command is not None and command not in subparsers.choices and len(modules) == 1:
        return build_parser()  # its module failed to load: every command, as usual
    return parser


def _register(subparsers: Any, module_name: str, command: str) -> None:
    full_name = f"vntrace.cli.{module_name}"
    try:
        module = importlib.import_module(full_name)
        module.register(subparsers)
    except ImportError as exc:
        if exc.name == full_name:
            return  # not written (or not installed) yet: the command simply does not exist
        _register_unavailable(subparsers, command, f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # noqa: BLE001 - one broken module must not break every command
        _register_unavailable(subparsers, command, f"{type(exc).__name__}: {exc}")


def _register_unavailable(subparsers: Any, command: str, reason: str) -> None:
    if command in subparsers.choices:  # registered before failing half-way
        del subparsers.choices[command]
    sub = subparsers.add_parser(
        command, help=t("(unavailable)", "(không dùng được)"), add_help=False
    )
    sub.add_argument("rest", nargs=argparse.REMAINDER)

    def run(args: argparse.Namespace) -> int:
        finding = Finding(
            "VNTRACE.COMMAND_UNAVAILABLE", params={"command": command, "reason": reason}
        )
        _print_findings([finding], args)
        return 1

    sub.set_defaults(func=run)


def _print_findings(findings: Sequence[Finding], args: argparse.Namespace) -> None:
    lang = getattr(args, "lang", DEFAULT_LANG)
    for finding in findings:
        sys.stderr.write(f"vntrace: {format_finding(finding, lang)}\n")


def _prepare_stdout() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``vntrace`` with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    try:
        return _main(argv)
    except KeyboardInterrupt:  # while starting up or writing the last error
        with contextlib.suppress(Exception):
            sys.stderr.write("\n")
        return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    if sys.stdout is None:  # started with standard output closed (>&-)
        if sys.stderr is not None:
            lang = _lang_of(argv)
            finding = Finding("VNTRACE.CANNOT_WRITE_OUTPUT", params={"path": "-"})
            sys.stderr.write(f"vntrace: {format_finding(finding, lang)}\n")
        return EXIT_USAGE
    _prepare_stdout()
    with speaking(_lang_of(argv)):
        parser = build_parser(_command_of(argv))
        try:
            args = parser.parse_args(list(argv) if argv is not None else None)
        except SystemExit as exc:  # argparse: --help, --version (0) or a usage error (2)
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    func = getattr(args, "func", None)
    if func is None:
        sub: argparse.ArgumentParser = getattr(args, _PARSER_KEY, parser)
        with speaking(args.lang):
            sub.print_usage(sys.stderr)
        sys.stderr.write(f"{sub.prog}: {t('error: a command is required', 'lỗi: cần một lệnh')}\n")
        return EXIT_USAGE
    _watch_interrupts()
    try:
        return _run_command(func, args)
    finally:
        _stop_watching()


def _run_command(func: Any, args: argparse.Namespace) -> int:
    try:
        return int(func(args))
    except KeyboardInterrupt:
        _print_findings([Finding("VNTRACE.INTERRUPTED")], args)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - every failure becomes findings and an exit code
        if _INTERRUPTED:  # Ctrl-C inside a C library (lxml's writer reports an I/O error)
            _print_findings([Finding("VNTRACE.INTERRUPTED")], args)
            return EXIT_INTERRUPTED
        return _failure(exc, args)


def _failure(exc: Exception, args: argparse.Namespace) -> int:
    """The exit code of a command that raised ``exc`` (its findings printed on stderr)."""
    if isinstance(exc, ReportOutputError):  # the report cannot be written: like an unreadable input
        _print_findings(exc.findings, args)
        return EXIT_USAGE
    if isinstance(exc, VntraceError):
        _print_findings(exc.findings, args)
        return 1
    if isinstance(exc, OSError):
        if isinstance(exc, BrokenPipeError):
            _silence_stdout()
            return 1
        path = exc.filename if exc.filename is not None else "-"
        reason = os_reason(exc)
        params: dict[str, ParamValue] = {"path": str(path), "reason": reason}
        _print_findings([Finding("VNTRACE.CANNOT_READ_INPUT", params=params)], args)
        return EXIT_USAGE
    # a bug: report it without a traceback unless asked
    if os.environ.get("VNTRACE_DEBUG"):
        raise exc
    detail = f"{type(exc).__name__}: {exc} (set VNTRACE_DEBUG=1 for the traceback)"
    _print_findings([Finding("VNTRACE.INTERNAL", params={"detail": detail})], args)
    return EXIT_INTERNAL


_INTERRUPTED = False


def _on_sigint(_signum: int, _frame: object) -> None:
    global _INTERRUPTED  # noqa: PLW0603 - one flag per process, set by the signal handler
    _INTERRUPTED = True
    raise KeyboardInterrupt


def _watch_interrupts() -> None:
    """Remember a Ctrl-C even when a C library swallows the ``KeyboardInterrupt`` it raised."""
    global _INTERRUPTED  # noqa: PLW0603
    _INTERRUPTED = False
    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, _on_sigint)


def _stop_watching() -> None:
    with contextlib.suppress(ValueError):
        if signal.getsignal(signal.SIGINT) is _on_sigint:
            signal.signal(signal.SIGINT, signal.default_int_handler)


_VALUED_OPTIONS = frozenset({"--format", "--lang", "--output"})


def _command_of(argv: Sequence[str] | None) -> str | None:
    """The subcommand named on a command line not parsed yet (``None``: none or unknown).

    >>> _command_of(["--lang", "en", "epcis", "hash", "f.json"]), _command_of(["--help"])
    ('epcis', None)
    """
    args = list(sys.argv[1:] if argv is None else argv)
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in _COMMAND_MODULES.values() else None
    return None


def _lang_of(argv: Sequence[str] | None) -> str:
    """The ``--lang`` of a command line not parsed yet (help texts are built before parsing).

    >>> _lang_of(["gs1", "--lang", "EN"]), _lang_of(["--lang=vn"]), _lang_of([])
    ('en', 'vi', 'vi')
    """
    args = list(sys.argv[1:] if argv is None else argv)
    found = DEFAULT_LANG
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.removeprefix("--lang=")
    return "en" if found.lower() == "en" else DEFAULT_LANG


def _silence_stdout() -> None:
    """After a broken pipe (``vntrace … | head``), make the final flush at exit harmless."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout without a file descriptor
        pass
