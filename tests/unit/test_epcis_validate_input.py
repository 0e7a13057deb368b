"""epcis.validate never raises: malformed, hostile and odd inputs become findings; code coverage of the catalogue."""

from __future__ import annotations

import importlib
import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vntrace.epcis.validate import ValidateOptions, validate, validate_text
from vntrace.findings import Finding, Severity
from vntrace.messages import catalogue

# the package re-exports the function ``validate``: fetch the module itself for monkeypatching
mod = importlib.import_module("vntrace.epcis.validate")

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src" / "vntrace" / "epcis" / "validate.py"

MINIMAL_JSON = (
    '{"@context": "https://ref.gs1.org/standards/epcis/epcis-context.jsonld", "type": "EPCISDocument",'
    ' "schemaVersion": "2.0", "creationDate": "2026-07-22T10:30:00Z", "epcisBody": {"eventList": []}}'
)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def test_malformed_json_and_xml() -> None:
    found = validate_text('{"type": }')
    assert codes(found) == ["EPCIS.MALFORMED_JSON"]
    assert found[0].params["line"] == 1
    assert codes(validate_text('{"quantity": NaN}')) == ["EPCIS.MALFORMED_JSON"]
    found = validate_text("<EPCISDocument><EPCISBody></EPCISDocument>")
    assert codes(found) == ["EPCIS.MALFORMED_XML"]
    assert found[0].params["line"] == 1


def test_non_utf8_json() -> None:
    found = validate_text(b'{"type": "\xff"}')
    assert codes(found) == ["EPCIS.INVALID_ENCODING"]
    assert found[0].params["position"] == 10


def test_utf16_documents() -> None:
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?><epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"'
        ' schemaVersion="2.0" creationDate="2026-07-22T10:30:00Z"><EPCISBody><EventList/></EPCISBody>'
        "</epcis:EPCISDocument>"
    )
    assert validate_text(xml.encode("utf-16")) == []
    assert codes(validate_text(MINIMAL_JSON.encode("utf-16"))) == ["EPCIS.INVALID_ENCODING"]


def test_duplicate_json_keys_are_errors() -> None:
    text = MINIMAL_JSON.replace('"type": "EPCISDocument",', '"type": "x", "type": "EPCISDocument",')
    found = validate_text(text)
    assert [(f.code, f.severity) for f in found] == [("EPCIS.JSON_DUPLICATE_KEY", Severity.ERROR)]


def test_unknown_format_and_wrong_top_level() -> None:
    assert codes(validate_text(b"hello")) == ["EPCIS.UNKNOWN_FORMAT"]
    assert codes(validate_text(b"")) == ["EPCIS.UNKNOWN_FORMAT"]
    assert codes(validate_text("[1, 2]")) == ["EPCIS.INVALID_TYPE"]


def test_paths(tmp_path: Path) -> None:
    good = tmp_path / "doc.jsonld"
    good.write_text(MINIMAL_JSON, encoding="utf-8")
    assert validate(good) == []
    assert validate(str(good)) == []
    with good.open("rb") as handle:
        assert validate(handle) == []
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "EPCISDocument"}', encoding="utf-8")
    assert {f.location.path for f in validate(bad)} == {str(bad)}
    found = validate(tmp_path / "missing.xml")
    assert codes(found) == ["EPCIS.INPUT_NOT_FOUND"]
    assert found[0].params["path"] == str(tmp_path / "missing.xml")
    assert codes(validate(tmp_path)) == ["EPCIS.INPUT_IS_DIRECTORY"]
    assert codes(validate(None)) == ["EPCIS.INPUT_NOT_A_PATH"]  # type: ignore[arg-type]


def test_str_is_never_guessed() -> None:
    """A ``str`` given to ``validate`` is a file name, even when it looks like a document; text
    given to ``validate_text`` is a document, even when it names a file."""
    found = validate(MINIMAL_JSON)
    assert codes(found) == ["EPCIS.INPUT_NOT_FOUND"]
    assert codes(validate_text(str(SRC))) == ["EPCIS.UNKNOWN_FORMAT"]
    assert validate_text(MINIMAL_JSON) == validate_text(MINIMAL_JSON.encode()) == []


def test_input_size_limit() -> None:
    limited = ValidateOptions(max_input_bytes=100)
    assert codes(validate_text(MINIMAL_JSON, options=limited)) == ["EPCIS.INPUT_TOO_LARGE"]
    big_xml = (
        '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" '
        'creationDate="2026-07-22T10:30:00Z"><EPCISBody><EventList>'
        + "<!-- padding -->" * 10_000
        + "</EventList></EPCISBody></epcis:EPCISDocument>"
    )
    assert validate_text(big_xml) == []
    found = validate_text(big_xml, options=ValidateOptions(max_input_bytes=50_000))
    assert codes(found) == ["EPCIS.INPUT_TOO_LARGE"]


def test_deep_nesting_is_reported() -> None:
    assert codes(validate_text("[" * 200_000 + "]" * 200_000)) == ["EPCIS.TOO_DEEP"]
    deep_xml = "<a>" * 5000 + "</a>" * 5000  # libxml2 refuses depth > 256 without huge_tree
    assert codes(validate_text(deep_xml)) == ["EPCIS.MALFORMED_XML"]


def test_findings_limit() -> None:
    events = ",".join('{"type": "ObjectEvent"}' for _ in range(10))
    text = MINIMAL_JSON.replace('"eventList": []', f'"eventList": [{events}]')
    found = validate_text(text, options=ValidateOptions(max_findings=5))
    assert len(found) == 6
    assert found[-1].code == "EPCIS.TOO_MANY_FINDINGS"
    assert found[-1].severity is Severity.WARNING


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"
 creationDate="2026-07-22T10:30:00Z"><EPCISBody><EventList><ObjectEvent>
<eventTime>&lol9;</eventTime></ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2">&xxe;</epcis:EPCISDocument>"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE d SYSTEM "http://example.com/evil.dtd">
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"/>"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD])
def test_hostile_xml_is_refused_fast(text: str) -> None:
    start = time.process_time()
    found = validate_text(text)
    assert codes(found) == ["EPCIS.XML_DOCTYPE_FORBIDDEN"]
    assert (
        time.process_time() - start < 4.0
    )  # CPU seconds: a guard against blow-ups, not a speed target


def test_plain_doctype_is_harmless() -> None:
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE project>\n<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"'
        ' schemaVersion="2.0" creationDate="2026-07-22T10:30:00Z"><EPCISBody><EventList/></EPCISBody>'
        "</epcis:EPCISDocument>"
    )
    assert validate_text(text) == []


def test_undefined_entity_is_malformed_not_expanded() -> None:
    text = '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2">&undefined;</epcis:EPCISDocument>'
    assert codes(validate_text(text)) == ["EPCIS.MALFORMED_XML"]


@given(st.binary(max_size=300))
def test_any_bytes_give_findings(data: bytes) -> None:
    found = validate_text(data)
    assert all(isinstance(f, Finding) for f in found)


@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "type",
                        "eventList",
                        "epcisBody",
                        "action",
                        "epcList",
                        "bizStep",
                        "ilmd",
                        "x:y",
                    ]
                ),
                children,
                max_size=5,
            )
        ),
        max_leaves=30,
    )
)
def test_any_json_shape_gives_findings(value: object) -> None:
    for wrapped in (
        value,
        {"type": "ObjectEvent", "x": value},
        {"type": "EPCISDocument", "epcisBody": value},
    ):
        found = validate_text(json.dumps(wrapped))
        assert all(isinstance(f, Finding) for f in found)


def test_every_emitted_code_has_messages_and_a_test() -> None:
    source = SRC.read_text(encoding="utf-8")
    emitted = set(re.findall(r'"(EPCIS\.[A-Z_]+)"', source))
    tests = "".join(p.read_text(encoding="utf-8") for p in HERE.glob("test_epcis_validate_*.py"))
    messages = catalogue()
    for code in sorted(emitted):
        assert code in messages, code
        assert messages[code]["vi"] != messages[code]["en"], code
        assert code in tests, f"no unit test mentions {code}"


def test_messages_render_in_both_languages() -> None:
    found = validate_text('{"type": "EPCISDocument"}')
    assert found[0].message("en") == "Required field '@context' is missing"
    assert found[0].message("vi") == "Thiếu trường bắt buộc '@context'"


def test_internal_failure_becomes_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(body: bytes, reader: object, ctx: object) -> None:
        raise KeyError(body[:1])

    monkeypatch.setattr(mod, "_validate_json_stream", broken)
    found = validate_text(MINIMAL_JSON)
    assert [(f.code, f.params) for f in found] == [
        ("EPCIS.VALIDATOR_FAILURE", {"error": "KeyError"})
    ]


class _FailingFile:
    """A binary file whose second read fails like a disk error (``EIO``)."""

    def __init__(self, head: bytes) -> None:
        self.head = head

    def read(self, size: int = -1) -> bytes:
        if self.head:
            out, self.head = self.head, b""
            return out
        raise OSError(5, "Input/output error")


def test_read_error_half_way_is_a_finding() -> None:
    found = validate(_FailingFile(b'<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"'))  # type: ignore[arg-type]
    assert codes(found) == ["EPCIS.INPUT_UNREADABLE"]
    assert found[0].params["detail"] == {
        "en": "Input/output error",
        "vi": "lỗi đọc ghi của thiết bị",
    }
