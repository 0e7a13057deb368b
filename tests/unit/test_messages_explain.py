"""Explanations (``explain_<area>.json``) and ``vntrace explain``; language codes."""

from __future__ import annotations

import json

import pytest

from vntrace import epcis
from vntrace.cli.main import main
from vntrace.errors import UnsupportedInput
from vntrace.findings import Finding, Location
from vntrace.messages import LANGUAGES, catalogue, explain, explanations, render

EXPLAINED = sorted(explanations().items())


@pytest.mark.parametrize(("code", "entry"), EXPLAINED, ids=[c for c, _ in EXPLAINED])
def test_explanation_is_complete(code: str, entry: dict[str, object]) -> None:
    assert code in catalogue(), f"{code} is explained but has no message"
    assert entry["severity"] in {"error", "warning", "info"}
    for key in ("what", "fix"):
        texts = entry[key]
        assert isinstance(texts, dict)
        assert set(texts) == LANGUAGES
        assert texts["vi"] != texts["en"]
    assert isinstance(entry["clause"], str)
    assert "gs1-facts" not in json.dumps(entry)  # cite standards, not our internal notes
    assert "Lược đồ" not in json.dumps(entry, ensure_ascii=False)


def test_explanations_are_not_message_codes() -> None:
    assert not any(code.startswith("explain") for code in catalogue())


def test_explain_lookup_is_forgiving() -> None:
    e = explain("  illegal_day ")
    assert e is not None
    assert e.code == "GS1.ILLEGAL_DAY"
    assert e.what is not None
    assert explain("GS1.NO_SUCH_CODE") is None


def test_cli_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "explain", "GS1.INCORRECT_CHECK_DIGIT"]) == 0
    out = capsys.readouterr().out
    assert "how to fix:" in out
    assert "section 7.9" in out
    assert main(["explain", "GS1.INCORRECT_CHECK_DIGIT"]) == 0
    assert "cách sửa:" in capsys.readouterr().out
    assert main(["--format", "json", "explain", "nope"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["results"][0]["findings"][0]["code"] == "VNTRACE.UNKNOWN_CODE"


@pytest.mark.parametrize("lang", ["vn", "VI", "Vi"])
def test_vn_and_case_mean_vietnamese(lang: str) -> None:
    assert render("GS1.AI_UNRECOGNISED", {"ai": "89"}, lang) == "Không nhận ra AI: 89"


@pytest.mark.parametrize("lang", ["fr", "", "english", "vie"])
def test_unknown_language_is_an_error(lang: str) -> None:
    with pytest.raises(UnsupportedInput) as info:
        Finding("GS1.AI_UNRECOGNISED", params={"ai": "89"}).message(lang)
    assert info.value.code == "VNTRACE.UNKNOWN_LANGUAGE"


def test_nested_reason_is_rendered_in_the_language() -> None:
    doc = (
        '{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],'
        ' "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-05-12T08:00:00Z",'
        ' "epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE",'
        ' "eventTime": "2026-05-12T07:30:00Z", "eventTimeZoneOffset": "+07:00",'
        ' "epcList": ["urn:epc:id:sgtin:893456.7789.1"]}]}}'
    )
    found = [f for f in epcis.validate_text(doc) if f.code == "EPCIS.INVALID_EPC_URN"]
    assert found
    for lang in ("en", "vi"):
        text = found[0].message(lang)
        assert "EPC." not in text  # no raw nested code
        assert "?" not in text  # every fact of the nested reason is filled in


def test_locations_count_from_one() -> None:
    loc = Location(row=0, field="01", start=13, length=1)
    assert str(loc) == "row 1, 01, character 14"
    assert loc.describe("vi") == "dòng 1, 01, ký tự thứ 14"
