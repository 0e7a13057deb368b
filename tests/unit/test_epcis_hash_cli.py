"""``vntrace epcis hash``: hashes on standard output, problems on standard error, exit codes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from vntrace.cli.main import main

CONTEXT = [
    "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
    {"ex": "https://ex.vn/"},
]
HEAD = "eventType=ObjectEventeventTime=2026-05-12T07:30:00.000ZeventTimeZoneOffset=+07:00"


def _event(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "type": "ObjectEvent",
        "eventTime": "2026-05-12T07:30:00Z",
        "eventTimeZoneOffset": "+07:00",
        "epcList": [f"urn:epc:id:sgtin:8934567.089012.{n}"],
        "action": "OBSERVE",
        **extra,
    }


def _pre(n: int) -> str:
    return HEAD + f"epcListepc=https://id.gs1.org/01/08934567890120/21/{n}action=OBSERVE"


def _id(pre: str) -> str:
    return f"ni:///sha-256;{hashlib.sha256(pre.encode()).hexdigest()}?ver=CBV2.0"


def _file(tmp_path: Path, events: list[Any], *, broken: bool = False) -> Path:
    doc = {
        "@context": CONTEXT,
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-05-12T08:00:00Z",
        "epcisBody": {"eventList": events},
    }
    text = json.dumps(doc)
    if broken:
        text = text.replace("]}}", ', {"type": ]}}')
    path = tmp_path / "doc.jsonld"
    path.write_text(text, encoding="utf-8")
    return path


def test_text_numbers_from_one_errors_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, [_event(1), _event(2, certificationInfo=[{"ex:a": 1}]), _event(3)])
    assert main(["--lang", "en", "epcis", "hash", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [f"{_id(_pre(1))} 1", f"{_id(_pre(3))} 3"]
    assert "event 2" in captured.err
    assert "EPCIS.HASH_NOT_A_VALUE" in captured.err


def test_prehash_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, [_event(1)])
    assert main(["epcis", "hash", str(path), "--prehash"]) == 0
    assert capsys.readouterr().out == f"{_id(_pre(1))} 1 {_pre(1)}\n"


def test_check_reports_mismatches(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = [_event(1, eventID=_id(_pre(1))), _event(2, eventID=_id(_pre(1)))]
    path = _file(tmp_path, events)
    assert main(["--lang", "en", "--format", "jsonl", "epcis", "hash", str(path), "--check"]) == 1
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["data"]["matches"] for r in records] == [True, False]
    assert [r["data"]["hash"] for r in records] == [_id(_pre(1)), _id(_pre(2))]
    assert records[1]["findings"][0]["code"] == "EPCIS.HASH_MISMATCH"
    assert main(["epcis", "hash", str(_file(tmp_path, events[:1])), "--check"]) == 0


@pytest.mark.parametrize("fmt", ["text", "jsonl", "json"])
def test_good_hashes_kept_when_the_file_fails_later(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    path = _file(tmp_path, [_event(1), _event(2)], broken=True)
    assert main(["--lang", "en", "--format", fmt, "epcis", "hash", str(path)]) == 1
    captured = capsys.readouterr()
    assert "EPCIS.IO_MALFORMED_JSON" in captured.err
    assert "EPCIS.IO_MALFORMED_JSON" not in captured.out
    for n in (1, 2):
        assert _id(_pre(n)) in captured.out
    if fmt == "json":
        assert len(json.loads(captured.out)["results"]) == 2


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["epcis", "hash", str(tmp_path / "none.jsonld")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "EPCIS.INPUT_NOT_FOUND" in captured.err


def test_profile_and_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, [_event(1, certificationInfo="https://cert.vn/1")])
    assert main(["epcis", "hash", str(path), "--hash-profile", "openepcis-2025"]) == 0
    assert capsys.readouterr().out == f"{_id(_pre(1))} 1\n"
    assert main(["epcis", "hash", str(path), "--validate"]) == 0
    with_cert = HEAD + "certificationInfo=https://cert.vn/1" + _pre(1)[len(HEAD) :]
    assert capsys.readouterr().out == f"{_id(with_cert)} 1\n"
