"""The conformance kit: ``vntrace conformance run DIR -o OUTDIR`` over a vendor's output folder."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from junitparser import JUnitXml

from vntrace import conformance, epcis
from vntrace.cli.main import main
from vntrace.findings import Finding, Location
from vntrace.report import Record

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LOT = EXAMPLES / "hatinh-pomelo.epcis.jsonld"
GOOD_STAMPS = (
    "# stamps printed on 2026-11-02\n"
    "https://id.gs1.org/01/08934567890120/10/LOT1\n"
    "\n"
    "https://id.gs1.org/01/08934567890120/10/LOT2/21/0001\n"
)
GOOD_CODES = "08934567890120\n(01)08934567890120(10)A1\n]C10108934567890120\x1d10A1\n"


def _clean_folder(root: Path) -> Path:
    folder = root / "vendor-output"
    (folder / "stamps").mkdir(parents=True)
    (folder / "stamps" / "run-1.txt").write_text(GOOD_STAMPS, encoding="utf-8")
    (folder / "codes.txt").write_text(GOOD_CODES, encoding="utf-8")
    shutil.copy(LOT, folder / "lot.jsonld")
    (folder / ".hidden").write_text("not ours", encoding="utf-8")
    return folder


def _cases(report: Path) -> dict[str, list[tuple[str, list[str]]]]:
    return {
        suite.name: [(case.name, [r.type for r in case.result]) for case in suite]
        for suite in JUnitXml.fromfile(str(report))
    }


def test_clean_folder_passes_both_profiles(tmp_path: Path) -> None:
    folder = _clean_folder(tmp_path)
    for profile in ("vendor", "portal"):
        out = tmp_path / f"out-{profile}"
        assert main(["conformance", "run", str(folder), "-o", str(out), "--profile", profile]) == 0
        cases = _cases(out / "report.xml")
        # one suite per file, in path order; hidden files skipped
        assert list(cases) == ["codes.txt", "lot.jsonld", "stamps/run-1.txt"]
        assert [name for name, _ in cases["stamps/run-1.txt"]] == [
            "dòng 2: https://id.gs1.org/01/08934567890120/10/LOT1",
            "dòng 4: https://id.gs1.org/01/08934567890120/10/LOT2/21/0001",
        ]
        assert len(cases["codes.txt"]) == 3
        events = [name for name, _ in cases["lot.jsonld"]]
        assert len(events) == sum(1 for _ in epcis.iter_events(LOT))
        assert events[0].startswith("sự kiện 1: ObjectEvent")
        assert all(not failures for suite in cases.values() for _, failures in suite)
        assert (out / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_findings_fail_and_point_at_line_and_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _clean_folder(tmp_path)
    (folder / "codes.txt").write_text("08934567890120\n08934567890129\n", encoding="utf-8")
    doc = json.loads(LOT.read_text(encoding="utf-8"))
    del doc["epcisBody"]["eventList"][1]["action"]
    (folder / "lot.jsonld").write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["conformance", "run", str(folder), "-o", str(out), "--lang", "en"]) == 1
    assert "VNTRACE.CONFORMANCE_FAILED" in capsys.readouterr().out
    cases = _cases(out / "report.xml")
    assert cases["codes.txt"] == [
        ("line 1: 08934567890120", []),
        ("line 2: 08934567890129", ["GS1.INCORRECT_CHECK_DIGIT"]),
    ]
    failing = [(name, types) for name, types in cases["lot.jsonld"] if types]
    assert failing == [("event 2: lot.jsonld", ["EPCIS.MISSING_ACTION"])]


def test_declared_event_hash_ids_are_checked(tmp_path: Path) -> None:
    doc = json.loads(LOT.read_text(encoding="utf-8"))
    events = doc["epcisBody"]["eventList"]
    right = epcis.event_hash(events[0], context=doc["@context"])  # the document's prefixes count
    events[0]["eventID"] = right
    events[2]["eventID"] = "ni:///sha-256;" + "0" * 64 + "?ver=CBV2.0"
    # the eventID is not part of its own hash
    assert epcis.event_hash(events[0], context=doc["@context"]) == right
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lot.jsonld").write_text(json.dumps(doc), encoding="utf-8")
    records = list(conformance.run(folder))
    found = [(r.number, [f.code for f in r.findings]) for r in records]
    assert found == [
        (1, []),
        (2, []),
        (3, ["VNTRACE.CONFORMANCE_EVENT_HASH_MISMATCH"]),
        (4, []),
    ]
    [mismatch] = records[2].findings
    assert mismatch.params["expected"] == epcis.event_hash(events[2], context=doc["@context"])


def test_unrecognised_files_warn_for_vendors_and_note_for_portals(tmp_path: Path) -> None:
    folder = _clean_folder(tmp_path)
    (folder / "README.md").write_text("# our output\n", encoding="utf-8")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert main(["conformance", "run", str(folder), "-o", str(tmp_path / "v")]) == 1
    argv = ["conformance", "run", str(folder), "-o", str(tmp_path / "p"), "--profile", "portal"]
    assert main(argv) == 0
    vendor = _cases(tmp_path / "v" / "report.xml")
    assert vendor["README.md"] == [("README.md", ["VNTRACE.CONFORMANCE_UNRECOGNISED_FILE"])]
    assert vendor["logo.png"][0][1] == ["VNTRACE.CONFORMANCE_UNRECOGNISED_FILE"]
    portal = _cases(tmp_path / "p" / "report.xml")
    assert portal["README.md"] == [("README.md", [])]  # a note: reported, not a failure


def test_bad_folders_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["conformance", "run", str(tmp_path / "missing"), "-o", str(tmp_path)]) == 2
    assert "VNTRACE.CANNOT_READ_INPUT" in capsys.readouterr().err
    folder = _clean_folder(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["conformance", "run", str(folder), "-o", str(blocker / "out")]) == 2
    assert "VNTRACE.CANNOT_WRITE_REPORT" in capsys.readouterr().err


def test_a_registered_checker_is_used(tmp_path: Path) -> None:
    def detect(path: Path, head: str) -> bool:
        return path.suffix == ".csv" and head.startswith("gtin,")

    def check(path: Path, source: str) -> Iterator[Record]:
        rows = path.read_text(encoding="utf-8").splitlines()[1:]
        for number, gtin in enumerate(rows, start=2):
            yield Record(
                gtin, conformance.check_code(gtin), source=source, number=number, unit="row"
            )

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dump.csv").write_text("gtin,\n08934567890120\n08934567890121\n", encoding="utf-8")
    conformance.register(conformance.Checker("gtin-csv", detect, check), first=True)
    try:
        records = list(conformance.run(folder))
    finally:
        conformance._REGISTRY.pop(0)
    assert [(r.number, r.unit, [f.code for f in r.findings]) for r in records] == [
        (2, "row", []),
        (3, "row", ["GS1.INCORRECT_CHECK_DIGIT"]),
    ]


def test_dossiers_are_checked_by_tcvn_when_it_can(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vntrace.tcvn as tcvn  # noqa: PLC0415

    folder = tmp_path / "in"
    folder.mkdir()
    dossier = {"product": {"name": "Bưởi"}, "producer": {"tax_code": "x"}, "lot": {}}
    (folder / "lot-1.json").write_text(json.dumps(dossier, ensure_ascii=False), encoding="utf-8")
    if not (hasattr(tcvn, "load_dossier") and hasattr(tcvn, "check")):
        [record] = conformance.run(folder)  # without tcvn: not a kind of file the kit knows
        assert record.findings[0].code == "VNTRACE.CONFORMANCE_UNRECOGNISED_FILE"
        finding = Finding(
            "VN-DATA-008",
            location=Location(field="/lot"),
            params={"source": "Nghị định 37/2026/NĐ-CP", "article": "Điều 23"},
        )
        monkeypatch.setattr(
            tcvn, "load_dossier", lambda path: Path(path).read_text("utf-8"), raising=False
        )
        monkeypatch.setattr(tcvn, "check", lambda dossier: [finding], raising=False)
    [record] = conformance.run(folder)
    assert record.source == "lot-1.json"
    assert record.unit == "record"
    assert all(f.code.startswith(("VN-", "TCVN.")) for f in record.findings)


def test_reports_inside_the_folder_are_not_checked_on_the_next_run(tmp_path: Path) -> None:
    folder = _clean_folder(tmp_path)
    argv = ["conformance", "run", str(folder), "-o", str(folder / "reports")]
    assert main(argv) == 0
    assert main(argv) == 0  # report.xml and report.html of the first run are not inputs
    assert "reports/report.xml" not in _cases(folder / "reports" / "report.xml")
