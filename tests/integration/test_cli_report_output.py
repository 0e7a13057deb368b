"""``--format junit|sarif|html`` and ``--output PATH`` on the commands: files written atomically,
unwritable paths exit 2, commands with their own output argument keep it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from junitparser import JUnitXml

from vntrace.cli.main import main

STAMPS = Path(__file__).resolve().parents[2] / "examples" / "hatinh-stamps.txt"


def test_junit_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "gs1.xml"
    code = main(
        [
            "gs1",
            "validate",
            "(01)08934567890129",
            "--format",
            "junit",
            "--output",
            str(target),
            "--lang",
            "en",
        ]
    )
    assert code == 1
    assert capsys.readouterr().out == ""  # the report went to the file
    [suite] = list(JUnitXml.fromfile(str(target)))
    [case] = list(suite)
    assert case.result[0].type == "GS1.INCORRECT_CHECK_DIGIT"


def test_output_before_the_command_and_sarif(tmp_path: Path) -> None:
    target = tmp_path / "out.sarif"
    assert (
        main(
            ["--format", "sarif", "--output", str(target), "gs1", "validate", "(01)08934567890120"]
        )
        == 0
    )
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["runs"][0]["results"] == []


@pytest.mark.parametrize("where", ["missing/dir/r.html", "."])
def test_unwritable_output_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    target = tmp_path / where
    code = main(["gs1", "validate", "(10)A", "--format", "html", "--output", str(target)])
    assert code == 2
    err = capsys.readouterr().err
    assert "VNTRACE.CANNOT_WRITE_REPORT" in err
    assert "Không ghi được báo cáo" in err
    assert not (tmp_path / "missing").exists()


def test_epcis_convert_keeps_its_own_output_argument(tmp_path: Path) -> None:
    source = STAMPS.parent / "hatinh-pomelo.epcis.jsonld"
    if not source.is_file():
        pytest.skip("no EPCIS example")
    out = tmp_path / "lot.xml"
    report = tmp_path / "convert.xml"
    code = main(
        ["epcis", "convert", str(source), str(out), "--format", "junit", "--output", str(report)]
    )
    assert code == 0
    assert out.read_bytes().startswith(b"<?xml")
    assert "<epcis:EPCISDocument" in out.read_text(encoding="utf-8")
    [suite] = list(JUnitXml.fromfile(str(report)))
    assert suite.tests == 1
