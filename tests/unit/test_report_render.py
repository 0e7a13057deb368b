"""The report renderers: text, JSON, JSON Lines; languages; streaming."""

from __future__ import annotations

import datetime as dt
import decimal
import io
import json

import pytest

from vntrace.findings import Finding, Location, Severity
from vntrace.report import FORMATS, Summary, get_renderer, render, write
from vntrace.report.text import format_finding

CHECK = Finding(
    "GS1.INCORRECT_CHECK_DIGIT",
    params={"markup": "(01)0893456789012|9|", "expected": "0", "got": "9"},
    location=Location(field="01", start=13, length=1),
)
UNKNOWN_AI = Finding("GS1.AI_UNRECOGNISED", Severity.WARNING, {"ai": "89"}, Location(field="89"))
NOTE = Finding("VNTRACE.INTERNAL", Severity.INFO, {"detail": "x"})
RESULTS = [
    ("(01)08934567890120", [], {}),
    ("(01)08934567890129", [CHECK], {}),
    ("(89)Z", [UNKNOWN_AI, NOTE], {"hri": ["(89) Z"]}),
]


def test_formats_of_this_release() -> None:
    assert FORMATS == ("text", "json", "jsonl", "junit", "sarif", "html")


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown report format 'xml'"):
        get_renderer("xml")


def test_text_layout_english() -> None:
    assert render(RESULTS, "text", "en") == (
        "✓ (01)08934567890120\n"
        "\n"
        "✗ (01)08934567890129\n"
        "  error GS1.INCORRECT_CHECK_DIGIT (01, character 14): Incorrect check digit: expected 0,"
        " found 9\n"
        "      (01)0893456789012|9|\n"
        "\n"
        "✓ (89)Z\n"
        "  warning GS1.AI_UNRECOGNISED (89): Unrecognised AI: 89\n"
        "  note VNTRACE.INTERNAL: Internal error: x\n"
        "  hri:\n"
        "    - (89) Z\n"
        "\n"
        "3 inputs checked: 2 valid, 1 with errors (1 error, 1 warning, 1 note)\n"
    )


def test_text_layout_vietnamese() -> None:
    text = render(RESULTS[1:2], "text", "vi")
    assert text == (
        "✗ (01)08934567890129\n"
        "  lỗi GS1.INCORRECT_CHECK_DIGIT (01, ký tự thứ 14): Số kiểm tra sai: đúng phải là 0,"
        " nhưng ghi 9\n"
        "      (01)0893456789012|9|\n"
    )


def test_text_summary_only_for_several_inputs() -> None:
    assert "checked" not in render(RESULTS[:1], "text", "en")
    assert (
        render(RESULTS, "text", "vi")
        .rstrip()
        .endswith("Đã kiểm tra 3 đầu vào: 2 hợp lệ, 1 có lỗi (1 lỗi, 1 cảnh báo, 1 ghi chú)")
    )


def test_text_shows_control_characters_visibly() -> None:
    text = render([("0108934567890120\x1d10A\x1b[2J", [], {})], "text", "en")
    assert text == "✓ 0108934567890120<GS>10A\\x1b[2J\n"


def test_text_renders_nested_extra_data() -> None:
    extra = {
        "caret": "^0108934567890120",
        "elements": [{"ai": "01", "meaning": {"gtin": "08934567890120", "ok": True}}],
        "digital_link": None,
        "empty": [],
    }
    text = render([("(01)08934567890120", [], extra)], "text", "en")
    assert text.splitlines()[1:] == [
        "  caret: ^0108934567890120",
        "  elements:",
        "    - ai: 01",
        "      meaning:",
        "        gtin: 08934567890120",
        "        ok: yes",
        "  digital_link: -",
        "  empty: []",
    ]


def test_finding_without_location_or_markup() -> None:
    assert (
        format_finding(Finding("VNTRACE.INTERRUPTED"), "vi")
        == "lỗi VNTRACE.INTERRUPTED: Đã bị ngắt"
    )


def test_json_document() -> None:
    doc = json.loads(render(RESULTS, "json", "vi"))
    assert doc["summary"] == {
        "inputs": 3,
        "valid": 2,
        "invalid": 1,
        "errors": 1,
        "warnings": 1,
        "infos": 1,
    }
    first, second, third = doc["results"]
    assert first == {"input": "(01)08934567890120", "valid": True, "findings": []}
    assert second["valid"] is False
    assert second["findings"] == [
        {
            "code": "GS1.INCORRECT_CHECK_DIGIT",
            "severity": "error",
            "params": {"markup": "(01)0893456789012|9|", "expected": "0", "got": "9"},
            "location": {"field": "01", "start": 13, "length": 1},
            "message": "Số kiểm tra sai: đúng phải là 0, nhưng ghi 9",
        }
    ]
    assert third["valid"] is True
    assert third["data"] == {"hri": ["(89) Z"]}


def test_json_of_nothing_is_a_valid_document() -> None:
    assert json.loads(render([], "json", "en")) == {
        "results": [],
        "summary": {"inputs": 0, "valid": 0, "invalid": 0, "errors": 0, "warnings": 0, "infos": 0},
    }


def test_jsonl_one_object_per_input_and_unicode_kept() -> None:
    lines = render(RESULTS, "jsonl", "vi").splitlines()
    assert len(lines) == 3
    objects = [json.loads(line) for line in lines]
    assert [o["valid"] for o in objects] == [True, False, True]
    assert "Số kiểm tra" in lines[1]  # not \u-escaped


def test_json_writes_types_json_lacks_as_text() -> None:
    extra = {
        "date": dt.date(2027, 6, 30),
        "kg": decimal.Decimal("1.250"),
        "severity": Severity.WARNING,
        "keys": frozenset({"01", "00"}),
    }
    [obj] = [json.loads(line) for line in render([("x", [], extra)], "jsonl", "en").splitlines()]
    assert obj["data"] == {
        "date": "2027-06-30",
        "kg": "1.250",
        "severity": "warning",
        "keys": ["00", "01"],
    }


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_renderers_stream(fmt: str) -> None:
    """Each result is written before the next one is requested (JUnit, SARIF and HTML aggregate
    with bounded memory instead: tests/unit/test_report_formats.py)."""
    out = io.StringIO()

    def results():
        yield ("(10)FIRST", [], {})
        assert "FIRST" in out.getvalue(), f"{fmt} buffered the first result"
        yield ("(10)SECOND", [CHECK], {})

    summary = write(results(), out, fmt, "en")
    assert (summary.inputs, summary.valid, summary.errors) == (2, 1, 1)
    assert "SECOND" in out.getvalue()


def test_summary_counts() -> None:
    s = Summary()
    s.add([CHECK, CHECK, UNKNOWN_AI])
    s.add([NOTE])
    assert s.to_dict() == {
        "inputs": 2,
        "valid": 1,
        "invalid": 1,
        "errors": 2,
        "warnings": 1,
        "infos": 1,
    }


@pytest.mark.parametrize(
    "sep", ["\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r"]
)
def test_jsonl_record_stays_one_line_for_any_line_separator(sep: str) -> None:
    text = f"(10)A{sep}B"
    out = render([(text, [], {"lot": text})], "jsonl", "en")
    [line] = out.splitlines()  # str.splitlines knows every Unicode line boundary
    assert json.loads(line)["input"] == text


def test_text_neutralises_c1_controls_and_unicode_line_separators() -> None:
    text = render([("A\x9b2JB\x85C\u2028D", [], {})], "text", "en")
    assert text == "✓ A\\x9b2JB\\x85C\\u2028D\n"
