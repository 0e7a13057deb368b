"""The ``vntrace`` command framework, independent of any subcommand module: global options, exit
codes, error handling and registration. A fake subcommand module is plugged in for the tests."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import types

import pytest

from vntrace.cli import _common
from vntrace.cli import main as cli_main
from vntrace.cli._common import emit, read_inputs
from vntrace.cli.main import main
from vntrace.errors import InvalidChecksum
from vntrace.findings import Finding, Location, Severity


def _fake_module(monkeypatch: pytest.MonkeyPatch) -> list[argparse.Namespace]:
    """Register ``vntrace fake check|boom|missing|crash`` and return the namespaces it saw."""
    seen: list[argparse.Namespace] = []

    def check(args: argparse.Namespace) -> int:
        seen.append(args)
        results = (
            (
                text,
                [Finding("GS1.AI_UNRECOGNISED", params={"ai": text})]
                if text.startswith("bad")
                else [],
                {},
            )
            for text in read_inputs(args.text)
        )
        return emit(results, args)

    def boom(args: argparse.Namespace) -> int:
        raise InvalidChecksum(
            Finding(
                "GS1.INCORRECT_CHECK_DIGIT",
                params={"expected": "0", "got": "9"},
                location=Location(field="01"),
            )
        )

    def missing(args: argparse.Namespace) -> int:
        with open("/nonexistent/vntrace-test-file", encoding="utf-8"):  # noqa: PTH123
            return 0

    def crash(args: argparse.Namespace) -> int:
        return {}["bug"]

    def register(subparsers) -> None:
        parser = subparsers.add_parser("fake", help="a test command")
        actions = parser.add_subparsers()
        sub = actions.add_parser("check")
        sub.add_argument("text", nargs="?", default="-")
        sub.set_defaults(func=check)
        for name, func in (("boom", boom), ("missing", missing), ("crash", crash)):
            actions.add_parser(name).set_defaults(func=func)
        own = actions.add_parser("own")  # redefines --format for its own purpose
        own.add_argument("--format", default="xml")
        own.set_defaults(func=lambda args: print(f"own format {args.format}") or 0)

    module = types.ModuleType("vntrace.cli._fake")
    module.register = register  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "vntrace.cli._fake", module)
    monkeypatch.setattr(
        cli_main, "_COMMAND_MODULES", {**cli_main._COMMAND_MODULES, "_fake": "fake"}
    )
    return seen


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == "vntrace 0.1.0"


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--format {text,json,jsonl,junit,sarif,html}" in out
    assert "--output TỆP" in out  # --lang vi is the default
    assert "--lang {en,vi}" in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["no-such-command"],
        ["--format", "xml", "fake", "check", "a"],
        ["--lang", "fr", "fake", "check", "a"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _fake_module(monkeypatch)
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "cách dùng: vntrace" in captured.err
    assert "Traceback" not in captured.err


def test_group_without_action_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _fake_module(monkeypatch)
    assert main(["fake"]) == 2
    assert "cách dùng: vntrace fake" in capsys.readouterr().err
    assert main(["fake", "--lang", "en"]) == 2
    assert "usage: vntrace fake" in capsys.readouterr().err


def test_defaults_are_text_and_vietnamese(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    seen = _fake_module(monkeypatch)
    assert main(["fake", "check", "bad1"]) == 1
    assert (seen[0].format, seen[0].lang) == ("text", "vi")
    assert "Không nhận ra AI: bad1" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["--format", "json", "--lang", "en", "fake", "check", "ok"],
        ["fake", "check", "ok", "--format", "json", "--lang", "en"],
        ["--lang", "vi", "fake", "check", "--lang", "en", "ok", "--format", "json"],
        ["fake", "--format", "json", "check", "ok", "--lang=en"],
    ],
)
def test_global_options_before_or_after_the_command(
    argv, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    seen = _fake_module(monkeypatch)
    assert main(argv) == 0
    assert (seen[0].format, seen[0].lang) == ("json", "en")
    assert json.loads(capsys.readouterr().out)["summary"]["valid"] == 1


def test_global_option_before_survives_the_subcommand(
    monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    seen = _fake_module(monkeypatch)
    assert main(["--format", "jsonl", "fake", "check", "ok"]) == 0
    assert seen[0].format == "jsonl"
    assert json.loads(capsys.readouterr().out) == {"input": "ok", "valid": True, "findings": []}


def test_a_command_may_redefine_an_option(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _fake_module(monkeypatch)
    assert main(["fake", "own", "--format", "ttl"]) == 0
    assert capsys.readouterr().out == "own format ttl\n"


def test_stdin_inputs_and_exit_code(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _fake_module(monkeypatch)
    monkeypatch.setattr(sys, "stdin", io.StringIO("ok1\n\n# comment\nbad2\nok3\n"))
    assert main(["--format", "jsonl", "fake", "check", "-"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(o["input"], o["valid"]) for o in lines] == [
        ("ok1", True),
        ("bad2", False),
        ("ok3", True),
    ]


def test_vntrace_error_in_a_handler_is_a_finding_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    _fake_module(monkeypatch)
    assert main(["--lang", "en", "fake", "boom"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "vntrace: error GS1.INCORRECT_CHECK_DIGIT (01): Incorrect check digit: expected 0, found 9\n"
    )


def test_unreadable_file_exits_2(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _fake_module(monkeypatch)
    assert main(["--lang", "en", "fake", "missing"]) == 2
    err = capsys.readouterr().err
    assert "VNTRACE.CANNOT_READ_INPUT" in err
    assert "Cannot read /nonexistent/vntrace-test-file: No such file or directory" in err


def test_unreadable_file_reason_in_vietnamese(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    # the operating system words the reason in English; an inspector reads it in Vietnamese
    _fake_module(monkeypatch)
    assert main(["--lang", "vi", "fake", "missing"]) == 2
    err = capsys.readouterr().err
    assert "Không đọc được /nonexistent/vntrace-test-file: không có tệp hoặc thư mục này" in err
    assert "No such file" not in err


def test_a_bug_exits_3_without_traceback(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _fake_module(monkeypatch)
    monkeypatch.delenv("VNTRACE_DEBUG", raising=False)
    assert main(["fake", "crash"]) == 3
    err = capsys.readouterr().err
    assert "VNTRACE.INTERNAL" in err
    assert "KeyError" in err
    assert "Traceback" not in err


def test_a_bug_raises_with_vntrace_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_module(monkeypatch)
    monkeypatch.setenv("VNTRACE_DEBUG", "1")
    with pytest.raises(KeyError):
        main(["fake", "crash"])


def test_missing_subcommand_module_is_skipped(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(cli_main, "_COMMAND_MODULES", {"_does_not_exist": "ghost"})
    assert main(["ghost"]) == 2
    assert "lựa chọn 'ghost' không hợp lệ" in capsys.readouterr().err
    assert main(["--lang", "en", "ghost"]) == 2
    assert "invalid choice: 'ghost'" in capsys.readouterr().err


def test_broken_subcommand_module_explains_itself(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    module = types.ModuleType("vntrace.cli._broken")

    def register(subparsers) -> None:
        raise ImportError("No module named 'vntrace.gs1.nothing'", name="vntrace.gs1.nothing")

    module.register = register  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "vntrace.cli._broken", module)
    monkeypatch.setattr(cli_main, "_COMMAND_MODULES", {"_broken": "broken"})
    assert main(["--lang", "en", "broken", "anything", "--x"]) == 1
    err = capsys.readouterr().err
    assert "VNTRACE.COMMAND_UNAVAILABLE" in err
    assert "The command 'broken' is unavailable" in err
    assert "vntrace.gs1.nothing" in err


def test_read_inputs_single_text_is_verbatim() -> None:
    assert list(read_inputs("  (10)A B  ")) == ["  (10)A B  "]
    assert list(read_inputs("#not a comment when given as TEXT")) == [
        "#not a comment when given as TEXT"
    ]


def test_read_inputs_stdin_lines() -> None:
    stream = io.StringIO("\ufeff(01)1\r\n   \n#c\n(10)A \n(10)B")
    assert list(read_inputs("-", stream)) == ["(01)1", "(10)A ", "(10)B"]
    assert list(read_inputs(None, io.StringIO("x\n"))) == ["x"]


def test_read_inputs_is_lazy() -> None:
    class Endless(io.StringIO):
        def __iter__(self):
            n = 0
            while True:
                n += 1
                yield f"line{n}\n"

    it = read_inputs("-", Endless())
    assert [next(it), next(it)] == ["line1", "line2"]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_for_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_common, "_PROGRESS_EVERY", 0.0)
    results = [(f"x{i}", [], {}) for i in range(3)]
    out = io.StringIO()
    for text_arg, tty, expect in (("-", True, True), ("-", False, False), ("TEXT", True, False)):
        err = _Tty() if tty else io.StringIO()
        monkeypatch.setattr(sys, "stderr", err)
        assert emit(results, argparse.Namespace(format="jsonl", lang="en", text=text_arg), out) == 0
        assert ("3 …" in err.getvalue()) is expect, (text_arg, tty)
        if expect:
            assert err.getvalue().endswith("\r\x1b[K")


def test_emit_exit_code_ignores_warnings() -> None:
    warn = Finding("GS1.AI_UNRECOGNISED", params={"ai": "89"}, severity=Severity.WARNING)
    args = argparse.Namespace(format="text", lang="en")
    assert emit([("a", [warn], {})], args, io.StringIO()) == 0


@pytest.mark.parametrize("entry", [["-m", "vntrace"], ["-m", "vntrace.cli"]])
def test_python_dash_m(entry: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, *entry, "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == "vntrace 0.1.0"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "text", "junit", "sarif", "html"])
def test_an_input_the_os_gave_as_bytes_is_written_to_any_report_file(
    fmt: str, tmp_path, capsys
) -> None:
    # an argument with a byte that is not UTF-8 reaches Python as a lone surrogate
    target = tmp_path / f"out.{fmt}"
    argv = ["--format", fmt, "--output", str(target), "gs1", "validate", "\udcff(01)1"]
    assert main(argv) == 1
    text = target.read_text(encoding="utf-8")
    if fmt in {"json", "jsonl"}:
        first = json.loads(text.splitlines()[0] if fmt == "jsonl" else text)
        record = first if fmt == "jsonl" else first["results"][0]
        assert record["input"] == "\udcff(01)1"
