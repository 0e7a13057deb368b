"""Line-oriented commands account for every line; exit codes for closed streams and Ctrl-C."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vntrace.cli.main import main

VALID = "(01)08934567890120(17)270630(10)LOT-7"
SRC = str(Path(__file__).resolve().parents[2] / "src")


def _run(argv: list[str], stdin: str, capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_every_line_is_accounted_for(capsys, monkeypatch) -> None:
    lines = [VALID, "", "# header", "8934567890120", VALID + " ", VALID]
    code, out, err = _run(
        ["--format", "jsonl", "--lang", "en", "gs1", "validate", "-"],
        "\n".join(lines) + "\n",
        capsys,
        monkeypatch,
    )
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in records] == [1, 2, 4, 5, 6]
    assert [r["valid"] for r in records] == [True, False, False, False, True]
    assert err == "6 lines read: 2 valid, 3 with errors, 1 comment (#)\n"


def test_only_invalid(capsys, monkeypatch) -> None:
    code, out, err = _run(
        ["--format", "jsonl", "gs1", "validate", "--only-invalid", "-"],
        f"{VALID}\n(01)08934567890129\n{VALID}\n",
        capsys,
        monkeypatch,
    )
    assert code == 1
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["line"] == 2
    assert err == "Đã đọc 3 dòng: 2 hợp lệ, 1 có lỗi, 0 dòng chú thích (#)\n"


def test_text_shows_line_numbers_and_edge_spaces(capsys, monkeypatch) -> None:
    code, out, _ = _run(
        ["--lang", "en", "gs1", "validate", "-"], f"{VALID}\n{VALID} \n", capsys, monkeypatch
    )
    assert code == 1
    assert out.splitlines()[0] == f"✓ line 1: {VALID}"
    assert f"✗ line 2: {VALID}␠" in out


def test_dl_validate_lines(capsys, monkeypatch) -> None:
    code, out, _ = _run(
        ["--format", "json", "dl", "validate", "-"],
        "https://id.gs1.org/01/08934567890120\n\n",
        capsys,
        monkeypatch,
    )
    assert code == 1
    doc = json.loads(out)
    assert [(r["line"], r["valid"]) for r in doc["results"]] == [(1, True), (2, False)]


def test_parse_says_what_it_is(capsys) -> None:
    assert main(["--format", "json", "gs1", "parse", "8934567890120"]) == 0
    data = json.loads(capsys.readouterr().out)["results"][0]["data"]
    assert data["kind"] == "gtin"
    assert data["bracketed"] == "(01)08934567890120"


def _cli(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run(
        [sys.executable, "-m", "vntrace", *args],
        check=False,
        text=True,
        capture_output=True,
        env=env,
        **kw,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file descriptors")
def test_closed_stdin_exits_2() -> None:
    proc = _cli("gs1", "validate", "-", stdin=subprocess.DEVNULL, close_fds=True)
    assert proc.returncode == 0  # empty input: nothing to check
    env = {**os.environ, "PYTHONPATH": SRC}
    proc = subprocess.run(
        f"{sys.executable} -m vntrace gs1 validate - <&-",
        shell=True,
        text=True,
        capture_output=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "VNTRACE.CANNOT_READ_INPUT" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file descriptors")
def test_closed_stdout_exits_2() -> None:
    env = {**os.environ, "PYTHONPATH": SRC}
    proc = subprocess.run(
        f"{sys.executable} -m vntrace gs1 validate '{VALID}' >&-",
        shell=True,
        text=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "VNTRACE.CANNOT_WRITE_OUTPUT" in proc.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
# Before ~0.1 s the interpreter itself is still starting (site imports): nothing of ours runs yet.
@pytest.mark.parametrize("delay", [0.4, 0.9])
def test_ctrl_c_at_any_moment_exits_130_without_traceback(delay: float) -> None:
    env = {**os.environ, "PYTHONPATH": SRC}
    for attempt in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-m", "vntrace", "gs1", "validate", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        time.sleep(delay * (attempt + 1))
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        # killed by SIGINT itself: the signal came while the interpreter was still starting
        # (a loaded machine), before any code of ours could run; try again a little later
        if proc.returncode != -signal.SIGINT:
            break
    assert proc.returncode == 130, err
    assert "Traceback" not in err


def test_collect_all_flag(capsys) -> None:
    text = "(01)08934567890129(17)270632"
    assert main(["--format", "json", "gs1", "validate", text]) == 1
    assert len(json.loads(capsys.readouterr().out)["results"][0]["findings"]) == 1
    assert main(["--format", "json", "gs1", "validate", "--collect-all", text]) == 1
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["results"][0]["findings"]]
    assert codes == ["GS1.INCORRECT_CHECK_DIGIT", "GS1.ILLEGAL_DAY"]
