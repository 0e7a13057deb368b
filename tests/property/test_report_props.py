"""Any text in any place of a finding (input, params, field, file name) gives a well-formed JUnit
file, valid JSON SARIF and an HTML page with nothing a browser or terminal would act on."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from vntrace.findings import Finding, Location, Severity
from vntrace.report import Record, render

# every code point, surrogates and controls included
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)
UNSAFE = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), 0x202E, 0x2066, 0x200F, 0x2028)}


@st.composite
def records(draw: st.DrawFn) -> list[Record]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        findings = [
            Finding(
                draw(st.sampled_from(["GS1.AI_UNRECOGNISED", "EPCIS.MISSING_ACTION", "X.UNKNOWN"])),
                draw(st.sampled_from(list(Severity))),
                {"ai": draw(ANY_TEXT), "markup": draw(ANY_TEXT)},
                Location(
                    field=draw(st.none() | ANY_TEXT), start=draw(st.none() | st.integers(0, 9))
                ),
            )
            for _ in range(draw(st.integers(0, 3)))
        ]
        out.append(
            Record(
                draw(ANY_TEXT),
                findings,
                source=draw(st.none() | ANY_TEXT),
                number=draw(st.none() | st.integers(1, 10**6)),
                groups={draw(ANY_TEXT): draw(ANY_TEXT)},
            )
        )
    return out


@given(records(), st.sampled_from(["vi", "en"]))
def test_junit_is_always_well_formed(items: list[Record], lang: str) -> None:
    text = render(items, "junit", lang)
    root = ET.fromstring(text.encode("utf-8"))
    assert sum(int(s.get("tests", "0")) for s in root.iter("testsuite")) == len(items)


@given(records(), st.sampled_from(["vi", "en"]))
def test_sarif_is_always_json_with_every_finding(items: list[Record], lang: str) -> None:
    text = render(items, "sarif", lang)
    doc = json.loads(text.encode("utf-8"))
    results = doc["runs"][0]["results"]
    assert len(results) == sum(len(r.findings) for r in items)
    assert [r["properties"].get("params") for r in results] == [
        dict(f.params) for r in items for f in r.findings
    ]  # the data is lossless


@given(records(), st.sampled_from(["vi", "en"]))
def test_html_never_carries_active_characters(items: list[Record], lang: str) -> None:
    text = render(items, "html", lang)
    text.encode("utf-8")
    assert not (set(text) - {"\n"}) & UNSAFE
    assert "<script" not in text
