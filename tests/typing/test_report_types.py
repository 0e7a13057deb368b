"""Static types of the report and conformance API, checked by mypy (``assert_type``) and pytest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import assert_type

from vntrace import conformance
from vntrace.findings import Finding
from vntrace.report import Record, Summary, as_record, fails, render, visible, write_file


def test_record_and_helpers(tmp_path: Path) -> None:
    record = assert_type(as_record(("(10)A", [], {})), Record)
    assert record.unit == "record"
    assert assert_type(record.number, int | None) is None
    assert assert_type(fails([Finding("GS1.ILLEGAL_DAY")], "warning"), bool)
    assert assert_type(visible("A\x1dB"), str) == "A<GS>B"
    assert assert_type(render([record], "sarif", "en"), str).startswith("{")
    summary = assert_type(write_file([record], tmp_path / "r.xml", "junit", "en"), Summary)
    assert summary.inputs == 1


def test_conformance(tmp_path: Path) -> None:
    (tmp_path / "g.txt").write_text("08934567890120\n", encoding="utf-8")
    records = assert_type(conformance.run(tmp_path), Iterator[Record])
    assert [r.number for r in records] == [1]
    result = assert_type(conformance.certify(tmp_path, tmp_path / "out"), conformance.Result)
    assert assert_type(result.exit_code, int) == 0
    assert assert_type(conformance.check_code("08934567890120"), list[Finding]) == []
