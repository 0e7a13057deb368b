"""JUnit, SARIF and HTML reports: read back by independent tools (junitparser, the OASIS SARIF
schema with jsonschema, the standard library's XML and HTML parsers), hostile values, big reports,
and atomic report files."""

from __future__ import annotations

import html.parser
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml

from vntrace.findings import Finding, Location, Severity
from vntrace.report import Record, ReportOutputError, render, write, write_file
from vntrace.report.html import HtmlRenderer

CHECK = Finding(
    "GS1.INCORRECT_CHECK_DIGIT",
    params={"expected": "0", "got": "9"},
    location=Location(field="01", start=13, length=1),
)
DAY = Finding("GS1.ILLEGAL_DAY", location=Location(field="17"))
UNKNOWN = Finding("GS1.AI_UNRECOGNISED", Severity.WARNING, {"ai": "89"}, Location(field="89"))
HOSTILE = "LOT\u202eTXT.EXE\x1b[2J</failure><script>alert(1)</script>&\x00\x1d\ud800"
EVENT = Finding(
    "EPCIS.MISSING_ACTION",
    params={"field": "action"},
    location=Location(row=1, field="/epcisBody/eventList/1"),
)

RECORDS = [
    Record("(01)08934567890120", [], source="a.txt", number=1),
    Record("(01)08934567890129", [CHECK], source="a.txt", number=2),
    Record("(89)X", [UNKNOWN], source="a.txt", number=4),
    Record("ObjectEvent 2", [EVENT], source="lot.jsonld", number=2, unit="event"),
    Record("(17)260132", [DAY, UNKNOWN], source="b.txt", number=1),
]


# -- JUnit -------------------------------------------------------------------------------------


def _junit(records: list[Record], lang: str = "en") -> JUnitXml:
    return JUnitXml.fromstring(render(records, "junit", lang).encode("utf-8"))


def test_junit_one_suite_per_file_one_case_per_record() -> None:
    xml = _junit(RECORDS)
    suites = {suite.name: suite for suite in xml}
    assert list(suites) == ["a.txt", "lot.jsonld", "b.txt"]
    assert [(s.tests, s.failures) for s in suites.values()] == [(3, 1), (1, 1), (1, 1)]
    cases = list(suites["a.txt"])
    assert [c.name for c in cases] == [
        "line 1: (01)08934567890120",
        "line 2: (01)08934567890129",
        "line 4: (89)X",
    ]
    assert cases[0].is_passed
    assert cases[2].is_passed  # a warning does not fail the record
    assert "GS1.AI_UNRECOGNISED" in (cases[2].system_out or "")
    [failure] = cases[1].result
    assert isinstance(failure, Failure)
    assert failure.type == "GS1.INCORRECT_CHECK_DIGIT"
    assert failure.message == "Incorrect check digit: expected 0, found 9"
    assert "character 14" in (failure.text or "")  # counted from 1, for people
    [event] = list(suites["lot.jsonld"])
    assert event.name.startswith("event 2:")
    assert event.result[0].type == "EPCIS.MISSING_ACTION"


def test_junit_vietnamese() -> None:
    xml = _junit(RECORDS[:2], "vi")
    [suite] = list(xml)
    failing = list(suite)[1]
    assert failing.name.startswith("dòng 2:")
    assert failing.result[0].message == "Số kiểm tra sai: đúng phải là 0, nhưng ghi 9"


def test_junit_plain_tuples_form_one_suite() -> None:
    xml = _junit([("(10)A", [], {}), ("(01)1", [CHECK], {})])  # type: ignore[list-item]
    [suite] = list(xml)
    assert suite.name == "vntrace"
    assert [c.name for c in suite] == ["input 1: (10)A", "input 2: (01)1"]


def test_junit_hostile_values_stay_well_formed_and_visible() -> None:
    bad = Finding("GS1.AI_UNRECOGNISED", params={"ai": HOSTILE}, location=Location(field=HOSTILE))
    text = render([Record(HOSTILE, [bad], source=HOSTILE, number=1)], "junit", "en")
    root = ET.fromstring(text.encode("utf-8"))  # well-formed XML 1.0
    assert "\u202e" not in text
    assert "\x1b" not in text
    assert "<script>" not in text
    case = root.find("testsuite/testcase")
    assert case is not None
    assert "\\u202e" in case.get("name", "")
    assert "<script>" in case.get("name", "")  # shown as text, escaped in the file


def test_junit_empty_report_is_valid() -> None:
    xml = _junit([])
    assert list(xml) == []


def test_junit_interleaved_sources_make_separate_suites() -> None:
    records = [RECORDS[0], RECORDS[4], RECORDS[1]]
    assert [s.name for s in _junit(records)] == ["a.txt", "b.txt", "a.txt"]


def test_junit_spools_large_suites(tmp_path: Path) -> None:
    n = 20_000  # over the in-memory spool limit: the suite goes through a temporary file
    records = (
        Record(f"(10)LOT-{i:06d}" + "x" * 200, [DAY], source="big.txt", number=i)
        for i in range(1, n + 1)
    )
    target = tmp_path / "r.xml"
    write_file(records, target, "junit", "en")
    [suite] = list(JUnitXml.fromfile(str(target)))
    assert (suite.tests, suite.failures) == (n, n)


# -- SARIF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_schema(reference: Path) -> dict[str, object]:
    path = reference / "reports" / "sarif-schema-2.1.0.json"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    schema: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def _validate_sarif(doc: object, schema: dict[str, object]) -> None:
    import jsonschema  # noqa: PLC0415

    jsonschema.validate(doc, schema, cls=jsonschema.Draft7Validator)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sarif_valid_against_the_oasis_schema(sarif_schema: dict[str, object], lang: str) -> None:
    doc = json.loads(render(RECORDS, "sarif", lang))
    _validate_sarif(doc, sarif_schema)
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [
        "GS1.INCORRECT_CHECK_DIGIT",
        "GS1.AI_UNRECOGNISED",
        "EPCIS.MISSING_ACTION",
        "GS1.ILLEGAL_DAY",
    ]
    for rule in rules:  # help in both languages, whatever the report language
        assert rule["properties"]["messages"].keys() == {"en", "vi"}
        assert rule["properties"]["messages"]["vi"] in rule["help"]["text"]
        assert rule["properties"]["messages"]["en"] in rule["help"]["text"]
    results = run["results"]
    assert len(results) == 5
    assert [r["ruleId"] for r in results] == [
        "GS1.INCORRECT_CHECK_DIGIT",
        "GS1.AI_UNRECOGNISED",
        "EPCIS.MISSING_ACTION",
        "GS1.ILLEGAL_DAY",
        "GS1.AI_UNRECOGNISED",
    ]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert [r["level"] for r in results] == ["error", "warning", "error", "error", "warning"]
    first = results[0]["locations"][0]
    assert first["physicalLocation"] == {
        "artifactLocation": {"uri": "a.txt"},
        "region": {"startLine": 2},
    }
    assert first["logicalLocations"] == [{"fullyQualifiedName": "01", "kind": "member"}]
    event = results[2]["locations"][0]
    assert "region" not in event["physicalLocation"]  # an event is not a line of the file
    assert event["logicalLocations"][0]["fullyQualifiedName"] == "/epcisBody/eventList/1"
    assert results[2]["properties"]["event"] == 2
    assert run["properties"]["summary"]["inputs"] == 5


def test_sarif_hostile_values(sarif_schema: dict[str, object]) -> None:
    bad = Finding("GS1.AI_UNRECOGNISED", params={"ai": HOSTILE}, location=Location(field=HOSTILE))
    text = render([Record(HOSTILE, [bad], source="/srv/in/lô 1.txt", number=3)], "sarif", "vi")
    assert "\u202e" not in text
    text.encode("utf-8")  # lone surrogates are escaped, so the file has a UTF-8 form
    doc = json.loads(text)
    _validate_sarif(doc, sarif_schema)
    result = doc["runs"][0]["results"][0]
    assert result["properties"]["params"]["ai"] == HOSTILE  # lossless in the data
    assert "\\u202e" in result["message"]["text"]  # visible in the message
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "file:///srv/in/l%C3%B4%201.txt"


def test_sarif_empty_report(sarif_schema: dict[str, object]) -> None:
    doc = json.loads(render([], "sarif", "en"))
    _validate_sarif(doc, sarif_schema)
    assert doc["runs"][0]["results"] == []


# -- HTML --------------------------------------------------------------------------------------


class _Page(html.parser.HTMLParser):
    """Collects tags and text, and checks that every opened element is closed."""

    VOID = frozenset({"meta", "rect", "br", "img", "link"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> without an opening tag"
        assert self.stack.pop() == tag, f"</{tag}> closes another element"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    assert page.stack == []
    return page


def test_html_self_contained_no_script_both_languages() -> None:
    for lang, word in (("vi", "Tỷ lệ đạt"), ("en", "Compliance rate")):
        text = render(RECORDS, "html", lang)
        page = _page(text)
        assert f'<html lang="{lang}">' in text
        assert "script" not in page.tags
        assert "link" not in page.tags  # no external stylesheet
        urls = [v for k, v in page.attrs if k != "xmlns" and v and re.match(r"(https?:)?//", v)]
        assert urls == []  # nothing to fetch: works offline
        assert word in "".join(page.text)


def test_html_summary_counts_and_codes_with_their_basis() -> None:
    page = "".join(_page(render(RECORDS, "html", "en")).text)
    assert "40%" in page  # 2 of 5 records without an error (a warning alone passes)
    for code in ("GS1.INCORRECT_CHECK_DIGIT", "GS1.AI_UNRECOGNISED", "EPCIS.MISSING_ACTION"):
        assert code in page
    assert "GS1 EPCIS 2.0" in page  # the standard behind an EPCIS code
    cited = Finding(
        "VN-DATA-008", params={"source": "Nghị định 37/2026/NĐ-CP", "article": "Điều 23"}
    )
    page = "".join(_page(render([Record("lot 1", [cited])], "html", "vi")).text)
    assert "Nghị định 37/2026/NĐ-CP, Điều 23" in page


def test_html_group_compliance_rates() -> None:
    records = [
        Record(
            f"r{i}", [DAY] if i % 4 == 0 else [], groups={"commune": "Xã A" if i < 8 else "Xã B"}
        )
        for i in range(12)
    ]
    # independent count: Xã A rows 0-7 fail at 0 and 4 (75 %); Xã B rows 8-11 fail at 8 (75 %)
    text = render(records, "html", "vi")
    assert "Tỷ lệ đạt theo commune" in text
    assert text.count(">75%<") == 3  # each commune, and overall (9 of 12)
    assert "6/8 đạt" in text
    assert "3/4 đạt" in text


def test_html_hostile_values_are_shown_not_executed() -> None:
    bad = Finding("GS1.AI_UNRECOGNISED", params={"ai": HOSTILE}, location=Location(field=HOSTILE))
    text = render(
        [Record(HOSTILE, [bad], source=HOSTILE, number=1, groups={HOSTILE: HOSTILE})], "html", "en"
    )
    page = _page(text)
    assert "script" not in page.tags
    assert "\u202e" not in text
    assert "\x1b" not in text
    assert "\x00" not in text
    text.encode("utf-8")
    assert "&lt;script&gt;" in text
    assert "\\u202e" in "".join(page.text)


def test_html_million_findings_aggregate_and_cap_details() -> None:
    findings = [DAY, CHECK, UNKNOWN, EVENT] * 25

    def records():
        for i in range(10_000):  # 10,000 records x 100 findings = 1,000,000 findings
            yield Record(
                f"(17)26{i:04d}",
                findings,
                source=f"f{i % 7}.txt",
                number=i + 1,
                groups={"commune": f"Xã {i % 2000}"},
            )

    out = io.StringIO()
    renderer = HtmlRenderer("en", details_limit=500, key_limit=100)
    summary = write(records(), out, renderer)
    text = out.getvalue()
    assert summary.errors == 750_000
    assert len(text) < 1_000_000  # opens fast: size does not grow with the findings
    page = _page(text)
    assert "Only the first 500 of 1,000,000 findings are listed" in "".join(page.text)
    assert text.count('<td class="in">') == 500
    assert "(other)" in text  # communes beyond key_limit are counted together
    assert "750,000" in text


# -- files -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["junit", "sarif", "html", "json"])
def test_failed_report_leaves_no_file_and_keeps_the_old_one(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "report.out"
    target.write_text("previous", encoding="utf-8")

    def records():
        yield RECORDS[1]
        msg = "disk on fire"
        raise RuntimeError(msg)

    with pytest.raises(RuntimeError, match="disk on fire"):
        write_file(records(), target, fmt, "en")
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.out"]


def test_unwritable_report_path_is_a_clear_error_before_any_input(tmp_path: Path) -> None:
    read = []

    def records():
        read.append(1)
        yield RECORDS[0]

    for target in (tmp_path / "missing" / "r.xml", tmp_path):
        with pytest.raises(ReportOutputError) as info:
            write_file(records(), target, "junit", "en")
        assert info.value.code == "VNTRACE.CANNOT_WRITE_REPORT"
        assert str(target) in info.value.message("vi")
    assert read == []
