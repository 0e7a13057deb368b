"""``vntrace dossier check|from-epcis`` and ``vntrace rules``, in-process and as a subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vntrace import tcvn
from vntrace.cli.main import main

REPO = Path(__file__).resolve().parents[2]
DOSSIERS = REPO / "examples" / "dossiers"
sys.path.insert(0, str(REPO / "examples"))
from generate_hatinh_dossiers import VIOLATIONS  # noqa: E402


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_directory_reports_each_dossier_with_the_expected_rules(capsys) -> None:
    code, out, _ = run(
        ["dossier", "check", str(DOSSIERS), "--as-of", "2027-02-01", "--format", "jsonl"], capsys
    )
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    got = {
        Path(r["input"]).name: {f["code"] for f in r["findings"] if f["severity"] == "error"}
        for r in records
    }
    assert got == VIOLATIONS


def test_one_compliant_file_exits_0_and_text_is_vietnamese(capsys) -> None:
    path = str(DOSSIERS / "buoi-phuc-trach.json")
    code, out, _ = run(["dossier", "check", path, "--as-of", "2026-09-20"], capsys)
    assert (code, out) == (0, f"✓ {path}\n")
    code, out, _ = run(
        ["dossier", "check", str(DOSSIERS / "mat-ong-huong-khe.json"), "--as-of", "2026-09-20"],
        capsys,
    )
    assert code == 1
    assert "Hạn sử dụng 2026-06-15 sớm hơn ngày sản xuất 2026-07-15" in out
    assert "Nghị định 37/2026/NĐ-CP Điều 23(5)(h)" in out


def test_regime_and_manual_options(capsys) -> None:
    path = str(DOSSIERS / "noi-inox-nhap-khau.json")
    code, out, _ = run(
        ["dossier", "check", path, "--as-of", "2027-02-01", "--regime", "ND37", "--format", "json"],
        capsys,
    )
    assert code == 0  # the violations are TT31 rules
    code, out, _ = run(
        ["dossier", "check", path, "--as-of", "2027-02-01", "--regime", "ND37", "--manual",
         "--format", "json", "--lang", "en"],
        capsys,
    )  # fmt: skip
    findings = json.loads(out)["results"][0]["findings"]
    assert findings
    assert {f["code"] for f in findings} == {"TCVN.MANUAL_CHECK"}
    assert all("needs a person" in f["message"] for f in findings)


def test_stdin_takes_a_pretty_dossier_or_json_lines(capsys, monkeypatch) -> None:
    pretty = (DOSSIERS / "buoi-phuc-trach.json").read_text("utf-8")
    lines = "\n".join(
        json.dumps(json.loads(p.read_text("utf-8"))) for p in sorted(DOSSIERS.glob("*.json"))
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(pretty + lines + "\n{broken"))
    code, out, _ = run(
        ["dossier", "check", "-", "--as-of", "2027-02-01", "--format", "jsonl"], capsys
    )
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["input"] for r in records] == [f"<stdin> {n}" for n in range(1, 8)]
    assert records[0]["valid"] is True
    assert records[-1]["findings"][0]["code"] == "TCVN.DOSSIER_NOT_JSON"
    assert code == 1


def test_malformed_dossier_in_a_directory_is_one_result(tmp_path, capsys) -> None:
    (tmp_path / "a.json").write_text('{"lot": {"expiry_date": "2026-02-30"}}', encoding="utf-8")
    (tmp_path / "b.json").write_text((DOSSIERS / "buoi-phuc-trach.json").read_text("utf-8"))
    (tmp_path / "notes.txt").write_text("not a dossier")
    code, out, _ = run(
        ["dossier", "check", str(tmp_path), "--as-of", "2026-09-20", "--format", "jsonl"], capsys
    )
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["findings"][0]["code"] == "TCVN.DOSSIER_BAD_DATE"
    assert first["findings"][0]["location"]["field"] == "/lot/expiry_date"
    assert second["valid"] is True
    assert code == 1


def test_usage_errors_exit_2(capsys, tmp_path) -> None:
    assert run(["dossier", "check", str(tmp_path / "missing.json")], capsys)[0] == 2
    assert run(["dossier", "check", str(DOSSIERS), "--as-of", "2026-02-30"], capsys)[0] == 2
    assert run(["dossier", "check", str(DOSSIERS), "--regime", "ND38"], capsys)[0] == 2
    code, _, err = run(["dossier", "check", str(DOSSIERS), "--disable", "VN-DATA-001"], capsys)
    assert code == 2
    assert "VN-DATA-001" in err


def test_rules_lists_the_catalogue(capsys) -> None:
    code, out, _ = run(["rules", "--format", "jsonl", "--lang", "vi"], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert len(records) == 64
    by_id = {r["input"]: r for r in records}
    assert by_id["VN-DATA-005"]["data"]["statement"] == "Phải có xuất xứ sản phẩm, hàng hóa."
    code, out, _ = run(["rules", "--regime", "TT31", "--format", "jsonl"], capsys)
    assert {json.loads(line)["input"] for line in out.splitlines()} == {
        r.id for r in tcvn.rules("TT31")
    }


def test_from_epcis_writes_a_dossier_atomically(tmp_path, capsys) -> None:
    master = tmp_path / "master.json"
    master.write_text(
        json.dumps(
            {
                "product": {"name": "Bưởi Phúc Trạch", "gtin": "8936012001013"},
                "producer": {
                    "name": "HTX",
                    "tax_code": "0100233488",
                    "gs1_company_prefix": "8936012",
                    "gln": "8936012000009",
                },
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    out_file = tmp_path / "d.json"
    code, _, _ = run(
        ["dossier", "from-epcis", str(REPO / "examples" / "hatinh-pomelo.epcis.jsonld"),
         "--master", str(master), "-o", str(out_file)],
        capsys,
    )  # fmt: skip
    assert code == 0
    d = tcvn.load_dossier(out_file)
    assert d.events is not None
    assert [e.cte for e in d.events] == ["harvest", "packing", "shipping", "receiving"]
    assert d.trace_code == "(01)08936012001013(10)PT260820(414)8936012000016"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.slow
def test_a_large_directory_streams_with_flat_memory(tmp_path) -> None:
    """Peak memory checking 2,000 dossiers is about that of checking 100 (real subprocesses)."""
    text = (DOSSIERS / "buoi-phuc-trach.json").read_text("utf-8")
    small, large = tmp_path / "small", tmp_path / "large"
    for folder, count in ((small, 100), (large, 2000)):
        folder.mkdir()
        for n in range(count):
            (folder / f"d{n:05d}.json").write_text(text, encoding="utf-8")
    script = (
        "import resource, sys\n"
        "from vntrace.cli.main import main\n"
        "code = main(sys.argv[1:])\n"
        "sys.stderr.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    peaks = []
    for folder in (small, large):
        done = subprocess.run(
            [sys.executable, "-c", script, "dossier", "check", str(folder), "--as-of",
             "2026-09-20", "--format", "jsonl"],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-500:]
        assert len(done.stdout.splitlines()) == len(list(folder.iterdir()))
        peaks.append(int(done.stderr.strip().splitlines()[-1]))  # KiB
    assert peaks[1] - peaks[0] < 20_000, peaks
