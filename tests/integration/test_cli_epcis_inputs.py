"""``vntrace epcis …``: exit codes for inputs that cannot be read, outputs that cannot be written,
closed standard output and interruption (red-team D3, D15); conversions never leave partial files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vntrace import epcis
from vntrace.cli.main import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "hatinh-pomelo.epcis.jsonld"
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}


@pytest.mark.parametrize("command", ["validate", "hash", "convert"])
def test_missing_input_and_folder_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    extra = [str(tmp_path / "out.jsonld")] if command == "convert" else []
    missing = tmp_path / "missing.xml"
    assert main(["--lang", "en", "epcis", command, str(missing), *extra]) == 2
    shown = capsys.readouterr()
    assert "missing.xml' does not exist" in shown.out + shown.err
    assert main(["--lang", "en", "epcis", command, str(tmp_path), *extra]) == 2
    shown = capsys.readouterr()
    assert "is a folder" in shown.out + shown.err
    assert not (tmp_path / "out.jsonld").exists()


def test_validate_reports_every_file_and_exits_2_if_one_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "epcis", "validate", str(EXAMPLE), str(tmp_path / "x")]) == 2
    out = capsys.readouterr().out
    assert "✓" in out
    assert "does not exist" in out


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs /proc")
def test_read_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "epcis", "validate", "/proc/self/mem"]) == 2
    assert "EPCIS.INPUT_UNREADABLE" in capsys.readouterr().out


def test_unknown_hash_algorithm_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["epcis", "hash", str(EXAMPLE), "--algorithm", "md5"]) == 2
    assert "sha-256" in capsys.readouterr().err


def test_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no" / "such" / "dir" / "out.xml"
    assert main(["--lang", "en", "epcis", "convert", str(EXAMPLE), str(target)]) == 2
    assert "EPCIS.OUTPUT_UNWRITABLE" in capsys.readouterr().out


def test_failed_conversion_leaves_nothing_and_keeps_the_old_output(tmp_path: Path) -> None:
    """D3: the output is renamed into place only when complete."""
    source = tmp_path / "in.xml"
    assert main(["epcis", "convert", str(EXAMPLE), str(source)]) == 0
    good = source.read_bytes()
    broken = tmp_path / "broken.xml"
    # the third event gets an impossible date: two events convert before the failure
    third = good.replace(b"<eventTime>", b"\0", 2).index(b"<eventTime>")
    end = good.index(b"</eventTime>", third) + len(b"</eventTime>")
    broken.write_bytes(good[:third] + b"<eventTime>2026-02-30T07:30:00Z</eventTime>" + good[end:])
    target = tmp_path / "out.jsonld"
    target.write_bytes(b"previous content")
    assert main(["epcis", "convert", str(broken), str(target)]) == 1
    assert target.read_bytes() == b"previous content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.xml", "in.xml", "out.jsonld"]


@pytest.mark.parametrize("suffix", [".xml", ".jsonld"])
def test_convert_onto_its_own_input_is_safe(tmp_path: Path, suffix: str) -> None:
    """D3: ``convert F F`` truncated F before reading it; now F is replaced only at the end."""
    path = tmp_path / f"lot{suffix}"
    epcis.convert_file(EXAMPLE, path)
    before = epcis.load(path)
    assert main(["epcis", "convert", str(path), str(path)]) == 0
    assert epcis.load(path) == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize("command", ["validate", "hash"])
def test_closed_stdout_is_a_usage_error_not_an_internal_one(command: str) -> None:
    """D15: ``vntrace epcis hash F >&-`` ended with exit 3 (``AttributeError``)."""
    code = (
        "import os, runpy, sys; os.close(1); sys.stdout = None; "
        f"sys.argv = ['vntrace', 'epcis', {command!r}, {str(EXAMPLE)!r}]; "
        "runpy.run_module('vntrace', run_name='__main__')"
    )
    closed = subprocess.run(
        [sys.executable, "-c", code],
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        timeout=120,
        check=False,
    )
    assert closed.returncode == 2, closed.stderr
    assert "đầu ra chuẩn đã bị đóng" in closed.stderr  # --lang vi is the default


def test_interrupted_conversion_exits_130_and_leaves_no_file(tmp_path: Path) -> None:
    source = tmp_path / "big.jsonld"
    event = (
        '{"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-05-12T07:30:00Z",'
        ' "eventTimeZoneOffset": "+07:00", "epcList": ["urn:epc:id:sgtin:8935000.010017.%d"]}'
    )
    body = ",".join(event % i for i in range(200_000))
    source.write_text(
        '{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],'
        ' "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-05-12T08:00:00Z",'
        ' "epcisBody": {"eventList": [' + body + "]}}",
        encoding="utf-8",
    )
    target = tmp_path / "out.xml"
    proc = subprocess.Popen(
        [sys.executable, "-m", "vntrace", "epcis", "convert", str(source), str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    # wait until the conversion is under way (the temporary file appears), then interrupt
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(tmp_path.iterdir())) < 2:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert [p.name for p in tmp_path.iterdir()] == [source.name]
