"""Every ``vntrace`` command speaks Vietnamese under ``--lang vi`` (the default).

The English help is the reference: each help text, description and metavar a person reads must
differ in Vietnamese, unless it is a code, a file name or an option name (``URI``, ``EPCIS``,
``.csv``). The commands are discovered from the parser itself, so a command added later is
checked too, and ``--help`` is run for each one as a user would.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from vntrace.cli._common import speaking
from vntrace.cli.main import build_parser, main

# What may read the same in both languages: no space and no lowercase English word, e.g. a
# metavar such as URI or FILE|DIR|-, a code such as VN-CODE-003, an extension such as .csv.
_CODE = re.compile(r"[A-Z0-9_.|=/<>\[\]-]+|[-.][a-z0-9.]+")
# argparse's own English, which the Vietnamese help must not contain.
_ENGLISH_TITLES = ("usage:", "positional arguments", "options:", "show this help message")


def _parser(lang: str) -> argparse.ArgumentParser:
    with speaking(lang):
        return build_parser()


def _subparsers(parser: argparse.ArgumentParser) -> Iterator[argparse._SubParsersAction]:  # type: ignore[type-arg]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield action


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """The path of every command and subcommand, e.g. ``("dossier", "check")``."""
    yield path
    for action in _subparsers(parser):
        for name, sub in action.choices.items():
            yield from _commands(sub, (*path, name))


def _find(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> argparse.ArgumentParser:
    for name in path:
        parser = next(a.choices[name] for a in _subparsers(parser) if name in a.choices)
    return parser


def _texts(parser: argparse.ArgumentParser) -> Iterator[tuple[str, str | None]]:
    """(what, text) for everything of one parser that a person reads in its help."""
    yield "description", parser.description
    yield "epilog", parser.epilog
    for number, group in enumerate(parser._action_groups, start=1):
        yield f"group {number}", group.title
    for action in parser._actions:
        name = "/".join(action.option_strings) or action.dest
        yield f"{name} help", action.help
        metavar = action.metavar
        yield f"{name} metavar", metavar if isinstance(metavar, str) else None
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                yield f"{choice.dest} help", choice.help


EN = _parser("en")
VI = _parser("vi")
COMMANDS = sorted(_commands(EN))


def _flat(text: str) -> str:
    """Help text as argparse shows it, whatever the line wrapping: single spaces."""
    return " ".join(text.split())


def test_every_command_is_found() -> None:
    # a floor, not a list: the commands the package ships with
    names = {path[0] for path in COMMANDS if path}
    assert {
        "gs1",
        "dl",
        "qr",
        "epcis",
        "conformance",
        "dossier",
        "rules",
        "stamp",
        "check",
    } <= names
    assert ("dossier", "check") in COMMANDS
    assert ("stamp", "trustlist", "show") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "vntrace")
def test_help_texts_are_translated(path: tuple[str, ...]) -> None:
    english = dict(_texts(_find(EN, path)))
    vietnamese = dict(_texts(_find(VI, path)))
    assert english.keys() == vietnamese.keys()
    untranslated = [
        (what, en)
        for what, en in english.items()
        if en is not None and en == vietnamese[what] and not _CODE.fullmatch(en)
    ]
    assert not untranslated, untranslated


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "vntrace")
def test_help_output_has_no_english_sentence(
    path: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", *path, "--help"]) == 0
    english = _flat(capsys.readouterr().out)
    assert main(["--lang", "vi", *path, "--help"]) == 0
    shown = _flat(capsys.readouterr().out)
    assert shown != english
    assert english.startswith("usage: ")  # the reference really is English
    assert shown.startswith("cách dùng: ")
    for title in _ENGLISH_TITLES:
        assert title not in shown
    # every English sentence of the help (two words or more) is gone in Vietnamese
    sentences = [
        _flat(text)
        for _, text in _texts(_find(EN, path))
        if text is not None and " " in text and "%(" not in text
    ]
    left = [s for s in sentences if s in shown]
    assert not left, left


def test_default_language_is_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qr", "--help"]) == 0
    default = capsys.readouterr().out
    assert main(["--lang", "vi", "qr", "--help"]) == 0
    assert default == capsys.readouterr().out
    assert "cách dùng:" in default


def test_text_labels_are_vietnamese_and_json_keys_stay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = str(tmp_path / "stamp.svg")
    assert main(["qr", "https://id.gs1.org/01/08934567890120", "-o", target]) == 0
    shown = capsys.readouterr().out
    assert "phiên bản mã QR: " in shown
    assert "mức sửa lỗi: M" in shown
    assert "version:" not in shown
    assert main(["--lang", "en", "qr", "https://id.gs1.org/01/08934567890120", "-o", target]) == 0
    assert "version: " in capsys.readouterr().out
    assert (
        main(["--format", "json", "qr", "https://id.gs1.org/01/08934567890120", "-o", target]) == 0
    )
    data = json.loads(capsys.readouterr().out)["results"][0]["data"]
    assert {"version", "modules", "error", "file"} <= data.keys()


def test_rules_read_in_vietnamese_in_text_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    shown = capsys.readouterr().out
    assert "mức độ: lỗi" in shown
    assert "cách kiểm tra: " in shown
    assert "severity:" not in shown
    assert main(["--format", "json", "rules"]) == 0
    records = json.loads(capsys.readouterr().out)["results"]
    assert {r["data"]["severity"] for r in records} <= {"error", "warning", "info"}
    assert {r["data"]["checked"] for r in records} <= {"machine", "manual"}


def test_own_error_texts_follow_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["qr", "a", "b", "-o", str(tmp_path / "one.svg")]) == 2
    assert "nhiều nội dung thì -o phải là THƯ_MỤC" in capsys.readouterr().err
    assert main(["--lang", "en", "qr", "a", "b", "-o", str(tmp_path / "one.svg")]) == 2
    assert "many inputs need -o DIRECTORY" in capsys.readouterr().err
    assert main(["dossier", "check", "--as-of", "5/12/2026", str(tmp_path)]) == 2
    assert "không phải ngày theo dạng YYYY-MM-DD" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "rows.csv")]) == 2
    assert "cần ít nhất một --column TÊN=LOẠI" in capsys.readouterr().err


def test_argparse_errors_are_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qr", "x", "--border", "abc"]) == 2
    err = capsys.readouterr().err
    assert "giá trị 'abc' không hợp lệ" in err
    assert "invalid" not in err
    assert "int" not in err  # a programmer's type name says nothing to an inspector
    assert main(["--lang", "en", "qr", "x", "--border", "abc"]) == 2
    assert "invalid int value: 'abc'" in capsys.readouterr().err
    assert main(["qr", "x", "--check-dl=yes"]) == 2
    assert "tuỳ chọn này không nhận giá trị 'yes'" in capsys.readouterr().err
