"""``vntrace check``: streaming a dump from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vntrace.cli.main import main

GOOD = "8934567890120"
BAD = "8934567890129"
ES = "(01)08934567890120(17)270630(10)LOT-7"


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "dump.csv"
    path.write_text(
        "gtin,code,commune\n"
        f"{GOOD},{ES},Cẩm Xuyên\n"
        f"{BAD},{ES},Cẩm Xuyên\n"
        f"{GOOD},(01)08934567890120(17)270631(10)A,Kỳ Anh\n"
        "1,2\n"
        f"{GOOD},{ES},Kỳ Anh\n",
        encoding="utf-8",
    )
    return path


def test_text_report_accounts_for_every_row(dump: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["--lang", "en", "check", str(dump), "--column", "gtin", "--column",
         "code=element_string", "--group-by", "commune", "--no-progress"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 1
    assert "✗ line 3: gtin=8934567890129" in out
    assert "✗ line 4: code=(01)08934567890120(17)270631(10)A" in out
    assert "Line 5 has 2 fields; the header has 3" in out
    assert "5 inputs checked: 2 valid, 3 with errors" in out
    assert "Kỳ Anh: 2 rows, 1 valid (50.0%)" in out


def test_vietnamese_is_the_default(dump: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(dump), "--column", "gtin"]) == 1
    out = capsys.readouterr().out
    assert "✗ dòng 3: gtin=8934567890129" in out
    assert "Dòng 5 có 2 trường; dòng tiêu đề có 3 trường" in out
    assert "Đã kiểm tra 5 đầu vào: 3 hợp lệ, 2 có lỗi" in out


def test_jsonl_to_a_file_written_atomically(dump: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.jsonl"
    code = main(["--format", "jsonl", "check", str(dump), "--column", "gtin", "-o", str(target)])
    assert code == 1
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    items = [line for line in lines if "input" in line]
    assert [item["input"] for item in items] == ["dòng 3: gtin=8934567890129", "dòng 5"]
    assert items[0]["findings"][0]["code"] == "GS1.INCORRECT_CHECK_DIGIT"
    assert items[0]["findings"][0]["params"]["line"] == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dump.csv", "report.jsonl"]


def test_clean_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ok.csv"
    path.write_text(f"gtin\n{GOOD}\n{GOOD}\n")
    assert main(["--format", "json", "check", str(path), "--column", "gtin=gtin"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["inputs"] == 2
    assert report["summary"]["valid"] == 2


@pytest.mark.parametrize(
    "args",
    [
        ["check", "missing.csv", "--column", "gtin"],
        ["check", "dump.xlsx", "--column", "gtin"],
        ["check", "dump.csv"],
        ["check", "dump.csv", "--column", "gtin=pallet"],
    ],
)
def test_usage_errors_exit_2(args: list[str], dump: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(dump.parent)
    (dump.parent / "dump.xlsx").write_text("x")
    assert main(args) == 2


def test_no_progress_bar_when_not_a_tty(dump: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-m", "vntrace", "check", str(dump), "--column", "gtin"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == ""


def test_output_to_a_device_or_pipe_is_never_replaced(dump: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    code = main(["--format", "jsonl", "check", str(dump), "--column", "gtin", "-o", str(fifo)])
    out, _ = reader.communicate(timeout=30)
    assert code == 1
    assert '"dòng 3: gtin=8934567890129"' in out
    assert fifo.is_fifo()
