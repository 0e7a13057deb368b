"""Red team: ``epcis.load``/``iter_events``/``validate``/``dump_*`` against hostile input.

Contract: any source gives a document, findings or an ``EpcisError`` (a ``VntraceError``) with
en+vi messages; ``validate`` never raises; no input is silently "fixed"; long inputs stay fast.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from redteam_strategies import WRONG_TYPES, check_findings, outcome, timed

from vntrace import epcis
from vntrace.epcis._inputs import INPUT_CODES
from vntrace.errors import EpcisError, VntraceError

FAST = settings(max_examples=40, deadline=None)

CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
JSON_DOC = (
    '{"@context": [{"ex": "http://ex.vn/"}, "' + CONTEXT + '"], "type": "EPCISDocument",'
    ' "schemaVersion": "2.0", "creationDate": "2026-05-12T08:00:00Z",'
    ' "epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE",'
    ' "eventTime": "2026-05-12T07:30:00.000+07:00", "eventTimeZoneOffset": "+07:00",'
    ' "epcList": ["urn:epc:id:sgtin:8935000.010017.1"], "bizStep": "receiving"EXTRA}]}}'
)
XML_DOC = (
    '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"'
    ' creationDate="2026-05-12T08:00:00Z"><EPCISBody><EventList><ObjectEvent ATTRS>'
    "<eventTime>2026-05-12T07:30:00Z</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>"
    "<epcList><epc>urn:epc:id:sgtin:8935000.010017.1</epc></epcList><action>OBSERVE</action>"
    "<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>EXT</ObjectEvent></EventList>"
    "</EPCISBody></epcis:EPCISDocument>"
)


def json_doc(extra: str = "") -> str:
    return JSON_DOC.replace("EXTRA", extra)


def xml_doc(attrs: str = "", ext: str = "") -> str:
    return XML_DOC.replace("ATTRS", attrs).replace("EXT", ext)


def _readers(source: Any) -> list[Any]:
    """Every reader on ``source``; each result is a value or a (checked) ``VntraceError``.

    A ``str`` is document text here (``loads``); paths are given as :class:`~pathlib.Path`.
    """
    if isinstance(source, str):
        return [outcome(epcis.loads, source)]
    results = [outcome(epcis.load, source)]
    results.append(outcome(lambda s: list(epcis.iter_events(s)), source))
    return results


def _validate(source: Any) -> list[Any]:
    return epcis.validate_text(source) if isinstance(source, str) else epcis.validate(source)


def _everything(source: Any) -> None:
    _readers(source)
    findings = check_findings(_validate(source))
    loaded = outcome(epcis.loads if isinstance(source, str) else epcis.load, source)
    if not isinstance(loaded, VntraceError):
        # What loads must also write and hash without crashing.
        outcome(epcis.dump_json, loaded)
        outcome(epcis.dump_xml, loaded)
        for event in loaded.events:
            outcome(epcis.event_hash, event)
    del findings


def test_the_fixtures_are_valid() -> None:
    for text in (json_doc(), xml_doc()):
        assert len(epcis.loads(text).events) == 1
        assert not [f for f in epcis.validate_text(text) if f.severity.value == "error"]


@pytest.mark.parametrize("value", [*WRONG_TYPES, io.StringIO(json_doc())])
def test_wrong_types(value: Any) -> None:
    for result in _readers(value):
        assert isinstance(result, EpcisError)
    [finding] = check_findings(epcis.validate(value))
    assert finding.code == "EPCIS.INPUT_NOT_A_PATH"
    for dump in (epcis.dump_json, epcis.dump_xml):
        assert isinstance(outcome(dump, value), EpcisError)


@pytest.mark.parametrize("path", ["\x00", "a\x00b.xml", "\ud800.json", "/no/such/file.xml", "."])
def test_unusable_paths(path: str) -> None:
    for source in (path, Path(path)):
        for result in _readers(Path(source)):
            assert isinstance(result, EpcisError)
            assert result.code in INPUT_CODES
        found = check_findings(epcis.validate(source))
        assert found[0].code in INPUT_CODES
        assert found[0].params["path"] == path.encode("utf-8", "backslashreplace").decode()


def test_bytearray_and_memoryview_read_like_bytes() -> None:
    data = json_doc().encode()
    expected = epcis.load(data)
    assert epcis.load(bytearray(data)) == expected
    assert epcis.load(memoryview(data)) == expected
    assert list(epcis.iter_events(bytearray(data))) == list(expected.events)


def test_closed_file_object() -> None:
    handle = io.BytesIO(json_doc().encode())
    handle.close()
    for result in _readers(handle):
        assert isinstance(result, EpcisError)


@pytest.mark.parametrize("where", [0, 150, 380])
def test_lone_surrogates_in_text_are_rejected(where: str) -> None:
    text = json_doc()
    text = text[:where] + "\ud800" + text[where:]
    for result in _readers(text):
        assert isinstance(result, EpcisError), result
    assert check_findings(epcis.validate_text(text))


def test_encoded_surrogates_are_invalid_utf8_not_silently_decoded() -> None:
    """``json.loads(bytes)`` decodes with ``surrogatepass``: CESU bytes must not get through."""
    data = json_doc().encode().replace(b"receiving", b"rec\xed\xa0\x80iving")
    for result in _readers(data):
        assert isinstance(result, EpcisError), result
        assert result.code == "EPCIS.IO_UNREADABLE"
    assert "EPCIS.INVALID_ENCODING" in {f.code for f in epcis.validate(data)}


@pytest.mark.parametrize(
    "data",
    [
        b"rec\xff\xfeiving",
        b"rec\xc0\xafiving",  # overlong "/"
        b"rec\xe2\x82iving",  # truncated sequence
    ],
)
def test_invalid_utf8(data: bytes) -> None:
    for doc in (json_doc().encode(), xml_doc().encode()):
        broken = doc.replace(b"OBSERVE", b"OB" + data)
        for result in _readers(broken):
            assert isinstance(result, EpcisError)
        assert check_findings(epcis.validate(broken))


def test_bom_is_accepted_the_same_in_every_form() -> None:
    for doc in (json_doc(), xml_doc()):
        expected = epcis.loads(doc)
        assert epcis.loads("\ufeff" + doc) == expected
        assert epcis.load(b"\xef\xbb\xbf" + doc.encode()) == expected
        assert list(epcis.iter_events(("\ufeff" + doc).encode())) == list(expected.events)


def test_utf16_xml_loads_like_validate_reads_it() -> None:
    doc = xml_doc().replace("<epcis:", '<?xml version="1.0" encoding="UTF-16"?><epcis:', 1)
    data = doc.encode("utf-16")
    assert epcis.load(data) == epcis.loads(xml_doc())
    assert len(list(epcis.iter_events(data))) == 1


def test_utf16_json_is_rejected() -> None:
    data = json_doc().encode("utf-16")
    for result in _readers(data):
        assert isinstance(result, EpcisError)
    assert epcis.validate(data)[0].code == "EPCIS.INVALID_ENCODING"


def test_crlf_documents_load() -> None:
    for doc in (json_doc(), xml_doc().replace("><", ">\r\n<")):
        assert len(epcis.loads(doc.replace("\n", "\r\n")).events) == 1


@pytest.mark.parametrize("depth", [250, 400, 600, 900, 3000, 100_000])
def test_deep_json_extensions(depth: int) -> None:
    extra = ', "ex:a": ' + '{"ex:b": ' * depth + "1" + "}" * depth
    doc = json_doc(extra)
    for result in _readers(doc):
        assert isinstance(result, (EpcisError, epcis.EPCISDocument, list))
    check_findings(timed(epcis.validate, doc))


def test_deep_json_arrays() -> None:
    doc = json_doc(', "ex:a": ' + "[" * 100_000 + "]" * 100_000)
    _everything(doc)


@pytest.mark.parametrize("depth", [100, 250, 300, 5000, 300_000])
def test_deep_xml_extensions(depth: int) -> None:
    ext = '<ex:a xmlns:ex="http://ex.vn/">' + "<ex:a>" * depth + "</ex:a>" * depth + "</ex:a>"
    doc = xml_doc(ext=ext)
    for result in _readers(doc):
        assert isinstance(result, (EpcisError, epcis.EPCISDocument, list))
    check_findings(timed(epcis.validate, doc, limit=2.0))


@pytest.mark.parametrize("digits", [4301, 5000, 100_000])
def test_huge_json_integers(digits: int) -> None:
    """Beyond ``sys.get_int_max_str_digits()`` ``json`` raises a bare ``ValueError``."""
    qty = (
        ', "quantityList": [{"epcClass": "urn:epc:class:lgtin:8935000.010017.L1",'
        f' "quantity": 1{"0" * digits}, "uom": "KGM"}}]'
    )
    doc = json_doc(qty)
    for result in _readers(doc):
        assert isinstance(result, EpcisError)
        assert result.code == "EPCIS.IO_BAD_NUMBER"
    check_findings(epcis.validate_text(doc))


@pytest.mark.parametrize(
    "extra",
    [
        ', "quantityList": [{"epcClass": "urn:epc:class:lgtin:8935000.010017.L1", "quantity": NaN}]',
        ', "epcList": 5',
        ', "readPoint": ["x"]',
        ', "action": "ADD"',
        ', "eventTime": "٢٠٢٦-05-12T07:30:00Z"',
        ', "eventTimeZoneOffset": "+０7:00"',
        ', "eventTime": "0000-01-01T00:00:00Z"',
        ', "@context": [5, null, {"a": 5}, [[]]]',
    ],
)
def test_hostile_json_fields(extra: str) -> None:
    _everything(json_doc(extra))


@pytest.mark.parametrize(
    "doc",
    [
        '<!DOCTYPE x [<!ENTITY a "b"><!ENTITY c "&a;&a;&a;&a;">]><x>&c;</x>',
        '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>',
        xml_doc().replace("OBSERVE", "OBS&#0;ERVE"),
        xml_doc().replace("2026-05-12T07:30:00Z", "٢٠٢٦-05-12T07:30:00Z"),
        xml_doc(ext="<unknown/>"),
        "<",
        "{",
        "\ufeff",
        "   \r\n",
        "[1, 2]",
    ],
)
def test_hostile_documents(doc: str) -> None:
    _everything(doc)
    _everything(doc.encode("utf-8", "surrogatepass"))


def test_many_attributes_stay_linear() -> None:
    """lxml's ``attrib.items()`` is quadratic: 20,000 attributes took ~1 s, 40,000 ~4 s."""
    doc = xml_doc(attrs=" ".join(f'a{i}="1"' for i in range(40_000))).encode()
    timed(epcis.load, doc, limit=0.5)
    timed(lambda d: list(epcis.iter_events(d)), doc, limit=0.5)
    timed(epcis.validate, doc, limit=0.5)


def test_many_epcs_and_long_values_stay_fast() -> None:
    epcs = ",".join(['"urn:epc:id:sgtin:8935000.010017.1"'] * 20_000)
    doc = json_doc().replace('"urn:epc:id:sgtin:8935000.010017.1"', epcs)
    timed(epcis.load, doc)
    timed(epcis.validate, doc)
    long_serial = json_doc().replace("010017.1", "010017." + "1" * 500_000)
    timed(epcis.load, long_serial)
    timed(epcis.validate, long_serial)
    long_fraction = json_doc().replace("07:30:00.000", "07:30:00." + "1" * 300_000)
    timed(epcis.load, long_fraction)
    timed(epcis.validate, long_fraction)


@FAST
@given(data=st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    _everything(data)


@FAST
@given(
    prefix=st.sampled_from(["", "{", "<", "\ufeff", "<a>", '{"type": "EPCISDocument", '])
    | st.text(max_size=5),
    body=st.text(max_size=200),
)
def test_random_text(prefix: str, body: str) -> None:
    _everything(prefix + body)


@FAST
@given(
    cut=st.integers(0, len(json_doc())), junk=st.sampled_from(["", "\x00", "\ud800", "]", "}", "é"])
)
def test_truncated_and_spliced_json(cut: int, junk: str) -> None:
    doc = json_doc()
    _everything(doc[:cut] + junk + doc[cut:] if junk else doc[:cut])


@FAST
@given(
    cut=st.integers(0, len(xml_doc())), junk=st.sampled_from(["", "\x00", "\ud800", "<", "&", "é"])
)
def test_truncated_and_spliced_xml(cut: int, junk: str) -> None:
    doc = xml_doc()
    _everything(doc[:cut] + junk + doc[cut:] if junk else doc[:cut])


def test_path_sources(tmp_path: Path) -> None:
    for name, content in [
        ("a.json", json_doc().encode()),
        ("b.xml", xml_doc().encode()),
        ("c.json", b"\xff\xfe\x00"),
        ("d.xml", b""),
    ]:
        path = tmp_path / name
        path.write_bytes(content)
        _everything(path)
        assert repr(outcome(epcis.load, str(path))) == repr(outcome(epcis.load, path))
        assert epcis.validate(str(path)) == epcis.validate(path)


def test_namespaces_xml_cannot_hold(tmp_path: Path) -> None:
    """JSON-LD accepts any prefix IRI; lxml refuses ``]http://…`` with a bare ``ValueError``."""
    doc = json_doc(', "ex:a": 1').replace('"http://ex.vn/"', '"]http://ex.vn/"')
    loaded = epcis.loads(doc)
    error = outcome(epcis.dump_xml, loaded)
    assert isinstance(error, EpcisError)
    assert error.code == "EPCIS.IO_XML_UNREPRESENTABLE"
    source = tmp_path / "in.jsonld"
    source.write_text(doc, encoding="utf-8")
    error = outcome(epcis.convert.convert_file, source, tmp_path / "out.xml")
    assert isinstance(error, EpcisError)
    assert error.code == "EPCIS.IO_XML_UNREPRESENTABLE"
    assert epcis.convert.convert_file(source, tmp_path / "out.jsonld") == 1


@pytest.mark.parametrize("name", ["a\x00.xml", "\ud800.xml", "no/such/dir/out.xml"])
def test_convert_file_unusable_targets(tmp_path: Path, name: str) -> None:
    source = tmp_path / "in.jsonld"
    source.write_text(json_doc(), encoding="utf-8")
    error = outcome(epcis.convert.convert_file, source, str(tmp_path / name))
    assert isinstance(error, EpcisError)
    assert error.code == "EPCIS.OUTPUT_UNWRITABLE"
    assert list(tmp_path.iterdir()) == [source]  # no temporary file left behind


def test_json_timestamps_with_spaces_are_not_trimmed_silently() -> None:
    """JSON strings are not whitespace-collapsed: validate rejects, so load must not accept."""
    doc = json_doc().replace('"2026-05-12T07:30:00.000+07:00"', '" 2026-05-12T07:30:00.000+07:00 "')
    assert "EPCIS.INVALID_TIMESTAMP" in {f.code for f in epcis.validate_text(doc)}
    for result in _readers(doc):
        assert isinstance(result, EpcisError)
        assert result.code == "EPCIS.IO_BAD_TIMESTAMP"


def test_json_vocabulary_with_spaces_is_kept_as_is() -> None:
    """`` receiving `` is not the CBV term ``receiving``: kept verbatim, reported by validate."""
    doc = json_doc().replace('"receiving"', '" receiving "')
    assert epcis.loads(doc).events[0].biz_step == " receiving "
    assert "EPCIS.CBV_UNKNOWN_TERM" in {f.code for f in epcis.validate_text(doc)}
    # XML collapses whitespace in xs:anyURI, so there the term is read (both ways agree).
    xml = xml_doc().replace(
        ">urn:epcglobal:cbv:bizstep:shipping<", "> urn:epcglobal:cbv:bizstep:shipping <"
    )
    assert epcis.loads(xml).events[0].biz_step == "shipping"


def test_xml_writer_bounds_attributes_and_namespaces() -> None:
    """lxml's tree API is quadratic in attributes/namespaces per element: the writer caps them."""
    many_attrs = ", ".join(f'"@ex:a{i}": "1"' for i in range(5000))
    doc = epcis.loads(json_doc(f', "ex:e": {{{many_attrs}}}'))
    error = timed(epcis.dump_xml, doc, limit=0.5)
    assert isinstance(error, EpcisError)
    assert error.code == "EPCIS.IO_TOO_MANY_ATTRIBUTES"
    assert len(timed(epcis.dump_json, doc, limit=0.5)) > 5000
    prefixes = ", ".join(f'"p{i}": "http://p{i}.vn/"' for i in range(5000))
    doc = epcis.loads(
        json_doc().replace('{"ex": "http://ex.vn/"}', f'{{"ex": "http://ex.vn/", {prefixes}}}')
    )
    error = timed(epcis.dump_xml, doc, limit=0.5)
    assert isinstance(error, EpcisError)
    assert error.code == "EPCIS.IO_TOO_MANY_NAMESPACES"
    # Below the caps everything is written.
    few = ", ".join(f'"@ex:a{i}": "1"' for i in range(500))
    assert b'a499="1"' in epcis.dump_xml(epcis.loads(json_doc(f', "ex:e": {{{few}}}')))


def test_streaming_long_json_values_stay_linear() -> None:
    """The JSON scanner re-decoded a value spanning k chunks k times (quadratic).

    9 MB: longer strings are refused (EPCIS.IO_STRING_TOO_LONG, the XML reader's limit).
    """
    text = "a" * 9_000_000
    in_event = json_doc(f', "ex:s": "{text}"').encode()
    [event] = timed(lambda d: list(epcis.iter_events(d)), in_event, limit=0.5)
    assert len(event.extensions["{http://ex.vn/}s"]) == len(text)
    skipped = json_doc().replace('"epcisBody"', f'"ex:skip": "{text}", "epcisBody"').encode()
    assert len(timed(lambda d: list(epcis.iter_events(d)), skipped, limit=0.5)) == 1


@pytest.mark.parametrize("number", ["1e999", "-1e999", "NaN", "Infinity", "-Infinity"])
def test_non_finite_json_numbers_are_not_turned_into_null(number: str) -> None:
    """``1e999`` was read as ``inf`` and written back as ``null``: silent data loss."""
    doc = json_doc(f', "ex:a": {number}')
    for result in _readers(doc):
        assert isinstance(result, EpcisError), result
        assert result.code == "EPCIS.IO_BAD_NUMBER"
    assert "EPCIS.MALFORMED_JSON" in {f.code for f in epcis.validate_text(doc)}
    assert (
        epcis.loads(json_doc(', "ex:a": 1e308')).events[0].extensions["{http://ex.vn/}a"] == 1e308
    )
