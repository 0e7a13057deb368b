"""Properties that found the integrity defects of red-team round 1 (D1-D16), kept as tests.

For generated documents, including values one syntax cannot hold, and for mutations of their
XML and JSON-LD forms (stray attributes, repeated or wrapped elements, text between elements,
nested event lists, duplicate and bare keys, trailing data …):

* ``load``, ``iter_events`` and ``convert_file`` see the same events, or all refuse;
* XML ⇄ JSON-LD round trips give an equal model and equal ``event_hash`` values;
* where a value cannot be written in the target syntax, the writer refuses with a finding
  (never writes something that reads back different).
"""

from __future__ import annotations

import copy
import io
import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from epcis_io_strategies import LOCAL, NAMESPACES, documents, events, stamps
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from vntrace import epcis
from vntrace.epcis.convert import convert_file
from vntrace.epcis.model import EPCISDocument
from vntrace.errors import VntraceError

# Codes with which a writer refuses a value its syntax cannot hold.
WRITER_REFUSALS = frozenset(
    {
        "EPCIS.IO_XML_EMPTY_OBJECT",
        "EPCIS.IO_XML_EMPTY_LIST",
        "EPCIS.IO_XML_ONE_ITEM_LIST",
        "EPCIS.IO_XML_TEXT_ONLY_OBJECT",
        "EPCIS.IO_XML_TYPED_ATTRIBUTE",
        "EPCIS.IO_XML_UNREPRESENTABLE",
        "EPCIS.IO_JSON_NOT_FINITE",
        "EPCIS.IO_JSON_TOO_PRECISE",
        "EPCIS.IO_JSON_TOO_LONG_NUMBER",
        "EPCIS.IO_UNSUPPORTED_DOCUMENT",
    }
)

# -- generated documents with values at the edge of what each syntax holds --------------------

clark = st.builds(lambda ns, local: f"{{{ns}}}{local}", st.sampled_from(NAMESPACES), LOCAL)
loose_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=6
)
edge_scalars = st.one_of(
    loose_text,  # leading/trailing spaces, empty
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=True),
    st.sampled_from([float("inf"), float("-inf"), 1e308, 5e-324, -0.0]),
    st.booleans(),
    st.none(),
)
edge_values = st.recursive(
    edge_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(clark, inner, max_size=2),
        st.dictionaries(
            st.sampled_from(["#text", "@{https://ex.vn/ns/}a", "@plain"]), inner, max_size=2
        ),
    ),
    max_leaves=5,
)
top_keys = st.one_of(clark, st.sampled_from(["@note", "@createdAt"]))
edge_quantities = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=25).filter(
        lambda d: abs(d) < Decimal(10) ** 30
    ),
    st.sampled_from(
        [Decimal("1.23456789012345678901"), Decimal("1.50"), Decimal("1E+400"), Decimal("-0")]
    ),
)


@st.composite
def edge_documents(draw: st.DrawFn) -> EPCISDocument:
    evs = []
    for event in draw(st.lists(events, min_size=1, max_size=3)):
        extra = draw(st.dictionaries(top_keys, edge_values, max_size=2))
        update: dict[str, Any] = {"extensions": {**event.extensions, **extra}}
        if draw(st.booleans()) and getattr(event, "quantity_list", None):
            q = event.quantity_list[0].model_copy(update={"quantity": draw(edge_quantities)})
            update["quantity_list"] = (q, *event.quantity_list[1:])
        evs.append(event.model_copy(update=update))
    return EPCISDocument(creation_date=draw(stamps), events=tuple(evs))


def _outcome(attempt: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "ok", attempt()
    except VntraceError as exc:
        findings = exc.findings
    assert findings, "an error without findings"
    return "refused", findings[0].code


def _hashes(doc: EPCISDocument) -> list[tuple[str, Any]]:
    return [_outcome(lambda e=e: epcis.event_hash(e)) for e in doc.events]


def _written_or_refused(dump: Callable[[EPCISDocument], bytes], doc: EPCISDocument) -> Any:
    """What ``dump`` writes reads back equal, with equal hashes; or it refuses with a finding."""
    kind, result = _outcome(lambda: dump(doc))
    if kind == "refused":
        assert result in WRITER_REFUSALS, result
        return None
    again = epcis.loads(result)
    assert again == doc
    assert _hashes(again) == _hashes(doc)
    assert tuple(epcis.iter_events(result)) == doc.events
    return result


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(edge_documents())
def test_round_trips_are_lossless_or_refused(doc: EPCISDocument) -> None:
    as_json = _written_or_refused(epcis.dump_json, doc)
    as_xml = _written_or_refused(epcis.dump_xml, doc)
    for data, other in ((as_json, "xml"), (as_xml, "json")):
        if data is None:
            continue
        kind, result = _outcome(lambda d=data, o=other: _convert(d, o))
        if kind == "refused":
            assert result in WRITER_REFUSALS, result
        else:
            converted = EPCISDocument(creation_date=doc.creation_date, events=result)
            assert converted == doc
            assert _hashes(converted) == _hashes(doc)


# -- mutated documents: every reader agrees ---------------------------------------------------

XML_ATTRS = ["action", "bizStep", "type", "note", "value", "{https://ex.vn/ns/}flag"]
XML_INSERTS = [
    "<action>DELETE</action>",
    "<extension><action>DELETE</action></extension>",
    "<extension><bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep></extension>",
    '<ex:n xmlns:ex="https://ex.vn/ns/">1<ex:m/>tail</ex:n>',
    (
        '<ex:n xmlns:ex="https://ex.vn/ns/"><EventList><ObjectEvent><eventTime>2026-05-12T07:30:00Z'
        "</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset><action>OBSERVE</action>"
        "</ObjectEvent></EventList></ex:n>"
    ),
    "<foo>1</foo>",
    "<extension/>",
]


@st.composite
def xml_mutants(draw: st.DrawFn) -> bytes:
    doc = draw(documents)
    kind, data = _outcome(lambda: epcis.dump_xml(doc))
    assume(kind == "ok")
    root = etree.fromstring(data)
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        el = draw(st.sampled_from(elements))
        how = draw(st.sampled_from(["attr", "insert", "tail", "repeat", "text"]))
        if how == "attr":
            el.set(draw(st.sampled_from(XML_ATTRS)), draw(st.sampled_from(["DELETE", "x", "1"])))
        elif how == "insert":
            el.append(etree.fromstring(draw(st.sampled_from(XML_INSERTS))))
        elif how == "tail" and el.getparent() is not None:
            el.tail = draw(st.sampled_from(["stray", " ", "\n  "]))
        elif how == "repeat" and el.getparent() is not None and el is not root:
            el.addnext(etree.fromstring(etree.tostring(el, with_tail=False)))
        elif how == "text" and len(el) == 0:
            el.text = draw(st.sampled_from(["", " x ", "2026-05-12T07:30:00.1234567Z", "1e-999"]))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


JSON_KEYS = ["foo", "@note", "@id", "ex:y", "bizStep", "action", "#text", "eventList"]
JSON_VALUES: list[Any] = ["DELETE", 1, 1e-320, [], {}, None, [1], {"ex:z": "\\ud800"}]


def _objects(value: Any, out: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        out.append(value)
        for item in value.values():
            _objects(item, out)
    elif isinstance(value, list):
        for item in value:
            _objects(item, out)
    return out


@st.composite
def json_mutants(draw: st.DrawFn) -> bytes:
    doc = draw(documents)
    kind, data = _outcome(lambda: epcis.dump_json(doc))
    assume(kind == "ok")
    tree = json.loads(data)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        obj = draw(st.sampled_from(_objects(tree, [])))
        if obj is tree and draw(st.booleans()):
            obj[draw(st.sampled_from(["@context", "type", "creationDate"]))] = draw(
                st.sampled_from([None, [], "x"])
            )
        else:
            obj[draw(st.sampled_from(JSON_KEYS))] = copy.deepcopy(
                draw(st.sampled_from(JSON_VALUES))
            )
    text = json.dumps(tree).replace('"\\\\ud800"', '"\\ud800"')
    how = draw(st.sampled_from(["none", "duplicate", "garbage"]))
    if how == "duplicate":
        key = draw(st.sampled_from(['"action": ', '"eventList": ', '"type": ', '"@context": ']))
        text = text.replace(key, key + '"X", ' + key, 1)
    elif how == "garbage":
        text += draw(st.sampled_from([" x", "{}", "]"]))
    return text.encode()


def _stream(data: bytes) -> tuple[Any, ...]:
    return tuple(epcis.iter_events(data))


def _convert(data: bytes, to: str) -> tuple[Any, ...]:
    out = io.BytesIO()
    convert_file(io.BytesIO(data), out, to=to)  # type: ignore[arg-type]
    return epcis.loads(out.getvalue()).events


def _readers_agree(data: bytes, other: str) -> None:
    loaded = _outcome(lambda: epcis.loads(data).events)
    streamed = _outcome(lambda: _stream(data))
    converted = _outcome(lambda: _convert(data, other))
    if loaded[0] == "ok":
        assert streamed == loaded, (streamed, loaded)
        if converted[0] == "refused":
            assert converted[1] in WRITER_REFUSALS, converted
        else:
            assert converted == loaded
    else:
        assert streamed[0] == "refused", (loaded, streamed)
        assert converted[0] == "refused", (loaded, converted)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(xml_mutants())
def test_mutated_xml_every_reader_sees_the_same_events(data: bytes) -> None:
    _readers_agree(data, "json")


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(json_mutants())
def test_mutated_json_every_reader_sees_the_same_events(data: bytes) -> None:
    _readers_agree(data, "xml")


def test_the_mutators_reach_the_defects() -> None:
    """The mutation vocabulary contains each red-team reproducer shape (guards the strategy)."""
    assert any("action" in a for a in XML_ATTRS)
    assert any("EventList" in i for i in XML_INSERTS)
    assert any(re.search(r"</ex:m>|<ex:m/>tail", i) for i in XML_INSERTS)
    assert "foo" in JSON_KEYS
    assert _outcome(lambda: epcis.loads(b'{"a": 1, "a": 2}')) == (
        "refused",
        "EPCIS.IO_DUPLICATE_KEY",
    )
