"""``vntrace gs1 validate`` and ``vntrace gs1 parse``, run in-process.

Expected verdicts, spans and forms are the ✓ examples of ``gs1-facts.md`` (checked against GS1's
reference engine), with the made-up company prefix 8934567.
"""

from __future__ import annotations

import io
import json
import sys

import pytest

from vntrace.cli.main import main

GS = "\x1d"
VALID = "(01)08934567890120(17)270630(10)LOT-7"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_validate_valid_exits_0(capsys) -> None:
    code, out, err = run(["gs1", "validate", VALID], capsys)
    assert (code, out, err) == (0, f"✓ {VALID}\n", "")


def test_validate_check_digit_error_with_markup(capsys) -> None:
    code, out, _ = run(["--lang", "en", "gs1", "validate", "(01)08934567890129"], capsys)
    assert code == 1
    assert out.splitlines() == [
        "✗ (01)08934567890129",
        (
            "  error GS1.INCORRECT_CHECK_DIGIT (01, character 14): Incorrect check digit:"
            " expected 0, found 9"
        ),
        "      (01)0893456789012|9|",
    ]


def test_validate_in_vietnamese_by_default(capsys) -> None:
    code, out, _ = run(["gs1", "validate", "(01)08934567890129"], capsys)
    assert code == 1
    assert "lỗi GS1.INCORRECT_CHECK_DIGIT" in out
    assert "Số kiểm tra sai: đúng phải là 0, nhưng ghi 9" in out


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("(01)08934567890120(17)270631", "GS1.ILLEGAL_DAY"),
        ("(01)08934567890120(10)A B", "GS1.INVALID_CSET82_CHARACTER"),
        ("(10)LOT(7", "GS1.AI_PARSE_FAILED"),
        ("(7003)2706301", "GS1.AI_VALUE_IS_TOO_SHORT"),
        ("]Q2abc", "GS1.UNSUPPORTED_SYMBOLOGY_IDENTIFIER"),
        ("]E08934567890129", "GS1.PRIMARY_MESSAGE_CHECK_DIGIT_IS_INCORRECT"),
        ("(01)08934567890120(422)704(426)704", "GS1.INVALID_AI_PAIRS"),
    ],
)
def test_validate_json_codes(text: str, code: str, capsys) -> None:
    exit_code, out, _ = run(["gs1", "validate", text, "--format", "json"], capsys)
    assert exit_code == 1
    doc = json.loads(out)
    [result] = doc["results"]
    assert result["input"] == text
    assert result["valid"] is False
    assert result["findings"][0]["code"] == code
    assert result["findings"][0]["message"]  # rendered, in Vietnamese by default


def test_validate_stdin_one_per_line_jsonl(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    lines = [
        VALID,
        "]C1010893456789012010L7" + GS + "17270630",
        "(01)08934567890129",
        "",
        "# a comment line",
        "^010893456789012010LOT-7^17270630",
        "]E08934567890120",
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, _ = run(["--format", "jsonl", "gs1", "validate"], capsys)  # TEXT defaults to -
    assert code == 1
    results = [json.loads(line) for line in out.splitlines()]
    # every line is an input (the empty one too, reported), except the # comment
    assert [(r["line"], r["valid"]) for r in results] == [
        (1, True),
        (2, True),
        (3, False),
        (4, False),
        (6, True),
        (7, True),
    ]
    assert results[1]["input"] == "]C1010893456789012010L7\x1d17270630"
    assert results[3]["findings"][0]["params"]["hint"] == "GS1.INPUT_EMPTY"


def test_validate_all_valid_stdin_exits_0(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{VALID}\n(00)089345670000000017\n"))
    code, out, _ = run(["--lang", "en", "gs1", "validate", "-"], capsys)
    assert code == 0
    assert out.rstrip().endswith(
        "2 inputs checked: 2 valid, 0 with errors (0 errors, 0 warnings, 0 notes)"
    )


def test_gs_token(capsys) -> None:
    text = "010893456789012010LOT-7<GS>17270630"
    # without --gs, "<GS>" is data: '<' and '>' are CSET 82, so (10) silently swallows the rest
    code, out, _ = run(["--format", "json", "gs1", "parse", text], capsys)
    assert code == 0
    elements = json.loads(out)["results"][0]["data"]["elements"]
    assert [(e["ai"], e["value"]) for e in elements] == [
        ("01", "08934567890120"),
        ("10", "LOT-7<GS>17270630"),
    ]
    code, out, _ = run(["--format", "json", "gs1", "parse", "--gs", "<GS>", text], capsys)
    result = json.loads(out)["results"][0]
    assert result["input"] == text  # shown as given
    assert [e["ai"] for e in result["data"]["elements"]] == ["01", "10", "17"]
    assert run(["gs1", "validate", "--gs", "<GS>", text + "<GS>99X"], capsys)[0] == 0
    assert run(["gs1", "validate", "--gs", "<GS>", text + "<GS><GS>99X"], capsys)[0] == 1


def test_validate_options(capsys) -> None:
    assert run(["gs1", "validate", "(01)08934567890120(89)Z"], capsys)[0] == 1
    assert (
        run(["gs1", "validate", "--permit-unknown-ais", "(01)08934567890120(89)Z"], capsys)[0] == 0
    )
    assert run(["gs1", "validate", "(10)LOT-7"], capsys)[0] == 1
    assert run(["gs1", "validate", "--no-requisite-ais", "(10)LOT-7"], capsys)[0] == 0


def test_validate_form_option(capsys) -> None:
    assert run(["gs1", "validate", "--form", "caret", VALID], capsys)[0] == 1
    assert run(["gs1", "validate", "--form", "bracketed", VALID], capsys)[0] == 0


def test_parse_shows_every_form(capsys) -> None:
    code, out, _ = run(
        ["--format", "json", "gs1", "parse", "(01)08934567890120(10)LOT-7(17)270630"], capsys
    )
    assert code == 0
    data = json.loads(out)["results"][0]["data"]
    assert data["bracketed"] == "(01)08934567890120(10)LOT-7(17)270630"
    assert data["caret"] == "^010893456789012010LOT-7^17270630"
    assert data["unbracketed"] == "010893456789012010LOT-7" + GS + "17270630"
    assert data["hri"] == ["(01) 08934567890120", "(10) LOT-7", "(17) 270630"]
    assert data["hri_with_titles"][0] == "GTIN (01) 08934567890120"
    assert [e["ai"] for e in data["elements"]] == ["01", "10", "17"]


def test_parse_typed_meaning(capsys) -> None:
    code, out, _ = run(
        ["--format", "json", "gs1", "parse", "(01)08934567890120(17)270600(3103)001250"], capsys
    )
    assert code == 0
    meanings = {e["ai"]: e["meaning"] for e in json.loads(out)["results"][0]["data"]["elements"]}
    assert meanings["17"] == "2027-06-30"  # DD=00: last day of the month
    assert meanings["3103"] == "1.250"  # three implied decimals, kg


def test_parse_digital_link(capsys) -> None:
    pytest.importorskip("vntrace.gs1.digital_link")
    code, out, _ = run(["--format", "json", "gs1", "parse", "(01)08934567890120(10)LOT-7"], capsys)
    assert code == 0
    assert (
        json.loads(out)["results"][0]["data"]["digital_link"]
        == "https://id.gs1.org/01/08934567890120/10/LOT-7"
    )


def test_parse_text_shows_gs_visibly(capsys) -> None:
    code, out, _ = run(["--lang", "en", "gs1", "parse", VALID], capsys)
    assert code == 0
    assert "  unbracketed: 01089345678901201727063010LOT-7\n" in out  # (10) last: no GS needed
    code, out, _ = run(
        ["--lang", "en", "gs1", "parse", "(01)08934567890120(10)LOT-7(17)270630"], capsys
    )
    assert "  unbracketed: 010893456789012010LOT-7<GS>17270630\n" in out


def test_parse_scan_data_names_the_symbology(capsys) -> None:
    code, out, _ = run(["--format", "json", "gs1", "parse", "]d2010893456789012021S1"], capsys)
    assert code == 0
    data = json.loads(out)["results"][0]["data"]
    assert (data["symbology"], data["symbology_identifier"]) == ("DM", "]d2")
    assert data["hri"] == ["(01) 08934567890120", "(21) S1"]
    code, out, _ = run(["--format", "json", "gs1", "parse", "]E08934567890120"], capsys)
    data = json.loads(out)["results"][0]["data"]
    assert (data["symbology"], data["data"]) == ("EAN13", "8934567890120")


def test_parse_error_is_findings(capsys) -> None:
    code, out, err = run(["--lang", "en", "gs1", "parse", "(01)08934567890120(17)270631"], capsys)
    assert code == 1
    assert err == ""
    assert out.splitlines()[1:] == [
        "  error GS1.ILLEGAL_DAY (17, characters 5-6): Illegal day of the month",
        "      (17)2706|31|",
    ]


@pytest.mark.parametrize(
    "argv",
    [["gs1"], ["gs1", "parse"], ["gs1", "validate", "--form", "qr", VALID], ["gs1", "frobnicate"]],
)
def test_usage_errors(argv: list[str], capsys) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    assert "cách dùng:" in err  # Vietnamese by default, usage line included
    code, out, err = run(["--lang", "en", *argv], capsys)
    assert code == 2
    assert "usage:" in err


@pytest.mark.parametrize(
    "text",
    [
        "",
        "(",
        "((((",
        ")",
        "^",
        "]",
        "]C1",
        "]C1" + GS * 3,
        "(01)" + "9" * 9000,
        "\x00\x7f",
        "(10)\ud800",
        "^^^^",
    ],
)
def test_hostile_input_never_crashes(text: str, capsys) -> None:
    for action in ("validate", "parse"):
        code, _, err = run(["gs1", action, text], capsys)
        assert code in {0, 1}, (action, text, err)
        assert "VNTRACE.INTERNAL" not in err
