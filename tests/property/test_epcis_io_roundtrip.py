"""Property: any document survives XML, JSON-LD, both conversions and streaming unchanged."""

from __future__ import annotations

import io

from epcis_io_strategies import documents
from hypothesis import given

from vntrace import epcis
from vntrace.epcis.convert import convert_file
from vntrace.epcis.model import EPCISDocument


@given(documents)
def test_xml_roundtrip(doc: EPCISDocument) -> None:
    assert epcis.load(epcis.dump_xml(doc)) == doc


@given(documents)
def test_json_roundtrip(doc: EPCISDocument) -> None:
    assert epcis.load(epcis.dump_json(doc)) == doc


@given(documents)
def test_cross_roundtrip_and_web_uris(doc: EPCISDocument) -> None:
    assert epcis.load(epcis.dump_xml(epcis.load(epcis.dump_json(doc)), cbv_form="web")) == doc


@given(documents)
def test_streaming_conversion_equals_loading(doc: EPCISDocument) -> None:
    xml_bytes = epcis.dump_xml(doc)
    assert tuple(epcis.iter_events(xml_bytes)) == doc.events
    out = io.BytesIO()
    assert convert_file(io.BytesIO(xml_bytes), out, to="json") == len(doc.events)
    assert epcis.load(out.getvalue()) == doc
    back = io.BytesIO()
    convert_file(io.BytesIO(out.getvalue()), back, to="xml")
    assert epcis.load(back.getvalue()) == doc
