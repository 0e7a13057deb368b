"""``vntrace epcis validate|convert|hash``: outputs and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vntrace import epcis
from vntrace.cli.main import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "hatinh-pomelo.epcis.jsonld"


def test_validate_example_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "epcis", "validate", str(EXAMPLE)]) == 0
    assert "✓" in capsys.readouterr().out


def test_validate_broken_document_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"type": "EPCISDocument"', encoding="utf-8")
    assert main(["--format", "json", "epcis", "validate", str(bad)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["invalid"] == 1


def test_convert_both_ways(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xml_out = tmp_path / "lot.xml"
    assert main(["--lang", "en", "epcis", "convert", str(EXAMPLE), str(xml_out)]) == 0
    assert "events: 4" in capsys.readouterr().out
    assert xml_out.read_bytes().startswith(b"<?xml")
    json_out = tmp_path / "lot.json"
    assert main(["epcis", "convert", str(xml_out), str(json_out), "--cbv", "web"]) == 0
    assert epcis.load(json_out) == epcis.load(EXAMPLE)
    web = tmp_path / "web.xml"
    assert main(["epcis", "convert", str(json_out), str(web), "--cbv", "web"]) == 0
    assert b"https://ref.gs1.org/cbv/BizStep-shipping" in web.read_bytes()


def test_convert_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["epcis", "convert", str(EXAMPLE), str(tmp_path / "out.txt")]) == 2
    assert "hãy dùng đuôi .xml, .json, .jsonld hoặc --to" in capsys.readouterr().err
    assert main(["--lang", "en", "epcis", "convert", str(EXAMPLE), str(tmp_path / "o.txt")]) == 2
    assert "use .xml, .json, .jsonld or --to" in capsys.readouterr().err
    assert main(["epcis", "convert"]) == 2


def test_convert_unreadable_input_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>")
    assert main(["--lang", "vi", "epcis", "convert", str(bad), str(tmp_path / "o.jsonld")]) == 1
    assert "EPCIS.IO_DTD_FORBIDDEN" in capsys.readouterr().out


def test_hash_prints_one_line_per_event(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["epcis", "hash", str(EXAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    events = epcis.load(EXAMPLE).events
    for index, line in enumerate(lines):
        digest, number = line.split(" ")
        assert number == str(index + 1)  # events are counted from 1
        assert digest.startswith("ni:///sha-256;")
        assert digest.endswith("?ver=CBV2.0")
        assert digest == epcis.event_hash(events[index])


def test_hash_json_format_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "jsonl", "epcis", "hash", str(EXAMPLE), "--cbv-version", "2.1"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    hashes = [r["data"]["hash"] for r in records if "data" in r]
    assert len(hashes) == 4
    assert all(h.endswith("?ver=CBV2.1") for h in hashes)
