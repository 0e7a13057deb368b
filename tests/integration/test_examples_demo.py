"""The Hà Tĩnh sample (examples/) and ``make demo``: every deliberately wrong row is caught for the
reason its ``note`` column gives, no good row is flagged, and the demo runs to the end."""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import io
import re
import sys
from pathlib import Path

import pytest
from stdnum import ean
from stdnum.vn import mst

from vntrace import gs1

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROWS = list(csv.DictReader((EXAMPLES / "hatinh-dump.csv").open(encoding="utf-8")))

# note (English half) -> what must catch it: a GS1 code from gs1.validate, or a column check
EXPECTED = {
    "wrong GTIN check digit": "GS1.INCORRECT_CHECK_DIGIT",
    "(17) with day 32": "GS1.ILLEGAL_DAY",
    "(10) without (01)": "GS1.REQUIRED_AIS_NOT_SATISFIED",
    "lot with a space": "GS1.INVALID_CSET82_CHARACTER",
    "unknown AI (89)": "GS1.AI_UNRECOGNISED",
    "mutually exclusive (422)+(426)": "GS1.INVALID_AI_PAIRS",
    "(17) with month 13": "GS1.ILLEGAL_MONTH",
    "15-digit GTIN": "GS1.AI_VALUE_IS_TOO_LONG",
    "(01) repeated with another value": "GS1.INSTANCES_OF_AI_HAVE_DIFFERENT_VALUES",
    "missing GS after the lot": "lot column",  # undetectable by GS1 syntax: (10) swallows (17)
    "invalid tax code": "tax code",
    "(01) differs from the GTIN column": "gtin column",
}


def _scanned(row: dict[str, str]) -> str:
    return row["element_string"].replace("<GS>", "\x1d")


def _note(row: dict[str, str]) -> str:
    return row["note"].split(" / ")[-1]


def test_sample_shape() -> None:
    assert 35 <= len(ROWS) <= 50
    assert sum(bool(r["note"]) for r in ROWS) == len(EXPECTED)
    assert {_note(r) for r in ROWS if r["note"]} == set(EXPECTED)
    assert all(r["gs1_company_prefix"].startswith("893") for r in ROWS)
    assert {len(r["gs1_company_prefix"]) for r in ROWS} <= {7, 8, 9, 10, 12}
    forms = {
        r["element_string"][:3] if r["element_string"].startswith("]") else r["element_string"][0]
        for r in ROWS
    }
    assert {"(", "0", "]C1", "]Q3", "]d2"} <= forms


@pytest.mark.parametrize("row", [r for r in ROWS if not r["note"]], ids=lambda r: f"row{r['row']}")
def test_good_rows_are_good(row: dict[str, str]) -> None:
    # independent checks first (python-stdnum), then vntrace
    assert ean.is_valid(row["gtin"])
    assert mst.is_valid(row["tax_code"])
    assert row["gtin"].startswith(row["gs1_company_prefix"])
    assert gs1.validate(_scanned(row)) == []
    values = {e.ai: e.value for e in gs1.parse(_scanned(row)).elements}
    assert values["01"] == "0" + row["gtin"]
    assert values["10"] == row["lot"]
    assert values["17"] == row["expiry_date"].replace("-", "")[2:]


@pytest.mark.parametrize("row", [r for r in ROWS if r["note"]], ids=lambda r: f"row{r['row']}")
def test_bad_rows_are_caught_for_their_reason(row: dict[str, str]) -> None:
    expected = EXPECTED[_note(row)]
    codes = [f.code for f in gs1.validate(_scanned(row))]
    if expected.startswith("GS1."):
        assert codes == [expected]
    else:
        assert codes == []
        if expected == "tax code":
            assert not mst.is_valid(row["tax_code"])
        else:
            values = {e.ai: e.value for e in gs1.parse(_scanned(row)).elements}
            column, ai = ("lot", "10") if expected == "lot column" else ("gtin", "01")
            assert values[ai] != (row[column] if ai == "10" else "0" + row[column])


@pytest.fixture(autouse=True)
def _report_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the demo writes demo-report.html into the current folder


def _run_demo(*argv: str) -> str:
    spec = importlib.util.spec_from_file_location("vntrace_demo", EXAMPLES / "demo.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["vntrace_demo"] = module
    try:
        spec.loader.exec_module(module)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert module.main(list(argv)) == 0
    finally:
        del sys.modules["vntrace_demo"]
    return out.getvalue()


def test_demo_flags_exactly_the_bad_rows() -> None:
    out = _run_demo("--lang", "en")
    flagged = {int(n) for n in re.findall(r"✗ row (\d+):", out)}
    assert flagged == {int(r["row"]) for r in ROWS if r["note"]}
    assert (
        f"{len(ROWS)} rows: {len(ROWS) - len(EXPECTED)} without problems, {len(EXPECTED)} with problems"
        in out
    )
    assert "The demo ran to the end (exit code 0)." in out


def test_demo_speaks_vietnamese_by_default() -> None:
    out = _run_demo()
    assert "Tổng kết:" in out
    assert "Số kiểm tra sai" in out


def test_demo_stamps_and_epcis_sections() -> None:
    out = _run_demo("--lang", "en")
    if (EXAMPLES / "hatinh-stamps.txt").is_file():
        stamps = [
            line
            for line in (EXAMPLES / "hatinh-stamps.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        assert f"{len(stamps)} stamps:" in out
    if (EXAMPLES / "hatinh-pomelo.epcis.jsonld").is_file():
        assert "the document is valid (0 errors" in out
        assert len(re.findall(r"ni:///sha-256;[0-9a-f]{64}\?ver=CBV2\.0", out)) >= 4
        # the three mistakes the demo puts into a copy of the document
        for code in ("EPCIS.MISSING_ACTION", "EPCIS.CBV_UNKNOWN_TERM", "EPCIS.INVALID_TIMESTAMP"):
            assert code in out


def test_demo_writes_the_html_report_and_says_where(tmp_path: Path) -> None:
    target = tmp_path / "intake" / "report.html"
    target.parent.mkdir()
    out = _run_demo("--output", str(target))
    assert f"Báo cáo HTML cho cán bộ kiểm tra: {target.resolve()}" in out
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in page
    assert "<script" not in page
    assert "Tỷ lệ đạt theo xã" in page
    assert "Tỷ lệ đạt theo nhà sản xuất" in page
    stamps = [
        line
        for line in (EXAMPLES / "hatinh-stamps.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    events = 4 if (EXAMPLES / "hatinh-pomelo.epcis.jsonld").is_file() else 0
    dossiers = len(list((EXAMPLES / "dossiers").glob("*.json")))
    total = len(ROWS) + len(stamps) + events + dossiers
    assert re.search(rf'<span class="num">{total}</span><span class="lbl">Đã kiểm tra', page)
    for row in ROWS:
        if row["note"]:
            assert row["commune"] in page
    # the mismatch between the scan and the columns is a finding with its own code
    assert "VNTRACE.COLUMN_MISMATCH" in page
    assert "VNTRACE.INVALID_TAX_CODE" in page


def test_demo_default_report_goes_to_the_current_folder(tmp_path: Path) -> None:
    out = _run_demo("--lang", "en")
    assert (tmp_path / "demo-report.html").is_file()
    assert f"HTML report for inspectors: {tmp_path / 'demo-report.html'}" in out


def test_demo_unwritable_report_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = importlib.util.spec_from_file_location("vntrace_demo", EXAMPLES / "demo.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["vntrace_demo"] = module
    try:
        spec.loader.exec_module(module)
        assert module.main(["--output", str(tmp_path / "missing" / "r.html")]) == 2
    finally:
        del sys.modules["vntrace_demo"]
    assert "VNTRACE.CANNOT_WRITE_REPORT" in capsys.readouterr().err
    assert not (tmp_path / "missing").exists()
