"""``vntrace dl parse|build|validate`` and ``vntrace qr``, run in-process.

Expected URIs and codes are the ✓ examples of gs1-facts §6 (company prefix 8934567, made up).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from vntrace.cli.main import main

GTIN = "08934567890120"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_parse_shows_parts(capsys) -> None:
    uri = f"https://example.vn/01/{GTIN}/10/L%2F7?17=270630&utm=x"
    code, out, _ = run(["--format", "json", "dl", "parse", uri], capsys)
    assert code == 0
    (result,) = json.loads(out)["results"]
    data = result["data"]
    assert data["stem"] == "https://example.vn"
    assert data["primary_key"] == {"ai": "01", "title": "GTIN", "value": GTIN}
    assert [q["value"] for q in data["qualifiers"]] == ["L/7"]
    assert data["ignored_params"] == ["utm=x"]
    assert data["element_string"] == f"(01){GTIN}(10)L/7(17)270630"
    assert data["canonical"] == f"https://id.gs1.org/01/{GTIN}/10/L%2F7?17=270630"


def test_parse_error_exit_1(capsys) -> None:
    code, out, _ = run(
        ["--lang", "en", "dl", "parse", "https://example.vn/01/08934567890129"], capsys
    )
    assert code == 1
    assert "GS1.INCORRECT_CHECK_DIGIT" in out
    assert "(01)0893456789012|9|" in out


def test_build_with_stem(capsys) -> None:
    code, out, _ = run(
        [
            "--format",
            "jsonl",
            "dl",
            "build",
            f"(17)270630(01){GTIN}(10)L7",
            "--stem",
            "https://truyxuat.example.vn/",
        ],
        capsys,
    )
    assert code == 0
    assert (
        json.loads(out.splitlines()[0])["data"]["uri"]
        == f"https://truyxuat.example.vn/01/{GTIN}/10/L7?17=270630"
    )


def test_build_error(capsys) -> None:
    code, out, _ = run(["--format", "json", "dl", "build", f"(01){GTIN}(22)V1(235)TPX1"], capsys)
    assert code == 1
    assert (
        json.loads(out)["results"][0]["findings"][0]["code"] == "GS1.AI_IS_NOT_VALID_DATA_ATTRIBUTE"
    )


def test_validate_stdin(capsys, monkeypatch) -> None:
    lines = f"https://id.gs1.org/01/{GTIN}\n# comment\nhttps://id.gs1.org/01/{GTIN}?10=L7\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    code, out, _ = run(["--format", "jsonl", "dl", "validate", "-"], capsys)
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines() if line.startswith('{"line"')]
    assert [r["valid"] for r in rows] == [True, False]
    assert rows[1]["findings"][0]["code"] == "GS1.AI_SHOULD_BE_IN_PATH_INFO"


def test_validate_options(capsys) -> None:
    uri = "https://example.vn/gtin/8934567890120"
    assert run(["dl", "validate", uri], capsys)[0] == 1
    flags = ["--permit-convenience-alphas", "--permit-zero-suppressed-gtin"]
    assert run(["dl", "validate", uri, *flags], capsys)[0] == 0


def test_examples_file(capsys, monkeypatch) -> None:
    path = Path(__file__).resolve().parents[2] / "examples" / "hatinh-stamps.txt"
    monkeypatch.setattr(sys, "stdin", io.StringIO(path.read_text(encoding="utf-8")))
    code, out, _ = run(["--format", "jsonl", "dl", "validate", "-"], capsys)
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines() if line.startswith('{"line"')]
    bad = {r["input"]: r["findings"][0]["code"] for r in rows if not r["valid"]}
    assert sum(r["valid"] for r in rows) >= 5
    assert set(bad.values()) >= {
        "GS1.INCORRECT_CHECK_DIGIT",
        "GS1.INVALID_KEY_QUALIFIER_SEQUENCE",
        "GS1.AI_SHOULD_BE_IN_PATH_INFO",
        "GS1.UNKNOWN_AI_IN_QUERY_PARAMS",
    }


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_qr_file_decodes(tmp_path, capsys, suffix) -> None:
    uri = f"https://truyxuat.example.vn/01/{GTIN}/10/L7/21/S1"
    out = tmp_path / f"stamp{suffix}"
    code, text, _ = run(["--format", "json", "qr", uri, "-o", str(out), "--border", "2"], capsys)
    assert code == 0
    assert json.loads(text)["results"][0]["data"]["version"] == 4
    if suffix == ".png":
        img = Image.open(out).convert("L")
        (found,) = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)
        assert found.text == uri
    else:
        assert out.read_text(encoding="utf-8").startswith("<svg")


def test_qr_terminal_and_errors(tmp_path, capsys) -> None:
    code, out, _ = run(["qr", "1", "--border", "1"], capsys)
    assert code == 0
    assert "██" in out
    assert run(["qr", "x", "-o", str(tmp_path / "a.gif")], capsys)[0] == 2
    code, out, _ = run(
        [
            "--lang",
            "en",
            "qr",
            "--check-dl",
            f"https://id.gs1.org/01/{GTIN[:-1]}1",
            "-o",
            str(tmp_path / "b.svg"),
        ],
        capsys,
    )
    assert code == 1
    assert "GS1.INCORRECT_CHECK_DIGIT" in out
    assert not (tmp_path / "b.svg").exists()
    assert run(["qr", "x" * 3000], capsys)[0] == 1
