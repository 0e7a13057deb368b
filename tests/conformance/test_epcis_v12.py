"""EPCIS 1.2 XML → 2.0: the openepcis 1.2 test documents load, validate, convert and hash as 2.0.

Independent checks: the Python reference hash tool (``epcis-event-hash-generator``, which reads
1.2 and 2.0 XML itself) gives the same pre-hash strings for a 1.2 document and for our 2.0
conversion of it; the one openepcis 1.2 document whose 2.0 file holds the same event hashes equal.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import pytest

from vntrace import epcis
from vntrace.errors import EpcisError

V12 = Path("openepcis-test-resources/1.2/EPCIS/XML/Capture/Documents")
V20 = Path("openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents")
# bare events (no document) and documents the 2.0 rules refuse: tested separately below
SPECIAL = {
    "Single_event.xml",
    "Single_event_with_namespace.xml",
    "Document_with_namespace.xml",
    "TransactionEvent_all_possible_fields.xml",
}


def _documents(reference: Path) -> list[Path]:
    folder = reference / "epcis" / V12
    if not folder.is_dir():
        pytest.skip("openepcis 1.2 test documents not available")
    return sorted(p for p in folder.glob("*.xml") if p.name not in SPECIAL)


def test_every_1_2_document_converts_both_ways(reference: Path, tmp_path: Path) -> None:
    for path in _documents(reference):
        doc = epcis.load(path)
        assert doc.schema_version == "2.0"
        assert doc.events, path.name
        assert tuple(epcis.iter_events(path)) == doc.events, path.name
        hashes = [epcis.event_hash(e) for e in doc.events]
        for suffix in (".xml", ".jsonld"):
            out = tmp_path / (path.stem + suffix)
            assert epcis.convert_file(path, out) == len(doc.events)
            again = epcis.load(out)
            assert again.events == doc.events, (path.name, suffix)
            assert [epcis.event_hash(e) for e in again.events] == hashes
            assert again.creation_date == doc.creation_date
        assert b"urn:epcglobal:epcis:xsd:2" in (tmp_path / (path.stem + ".xml")).read_bytes()


def test_validate_reads_1_2_as_its_2_0_upgrade(reference: Path) -> None:
    for path in _documents(reference):
        found = epcis.validate(path)
        assert "EPCIS.UPGRADED_FROM_1_2" in {f.code for f in found}, path.name
        assert "EPCIS.UNSUPPORTED_VERSION" not in {f.code for f in found}
    clean = reference / "epcis" / V12 / "ObjectEvent_with_baseExtension_errorDeclaration.xml"
    assert not [f for f in epcis.validate(clean) if f.is_error]


def test_refusals_are_the_same_as_for_2_0(reference: Path) -> None:
    folder = reference / "epcis" / V12
    if not folder.is_dir():
        pytest.skip("openepcis 1.2 test documents not available")
    # a namespace-qualified event and a timestamp without seconds are refused, not repaired
    for name, code in [
        ("Document_with_namespace.xml", "EPCIS.XML_WRONG_NAMESPACE"),
        ("TransactionEvent_all_possible_fields.xml", "EPCIS.INVALID_TIMESTAMP"),
    ]:
        with pytest.raises(EpcisError):
            epcis.load(folder / name)
        assert code in {f.code for f in epcis.validate(folder / name) if f.is_error}


def test_hash_equals_the_2_0_twin(reference: Path) -> None:
    name = "ObjectEvent_with_sensorData.xml"
    old, new = reference / "epcis" / V12 / name, reference / "epcis" / V20 / name
    if not old.exists() or not new.exists():
        pytest.skip("openepcis test documents not available")
    assert [epcis.event_hash(e) for e in epcis.iter_events(old)] == [
        epcis.event_hash(e) for e in epcis.iter_events(new)
    ]


def _peer(path: Path) -> list[str]:
    reader = pytest.importorskip("epcis_event_hash_generator.events_from_file_reader")
    generator = pytest.importorskip("epcis_event_hash_generator.hash_generator")
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return list(
                generator.derive_prehashes_from_events(reader.event_list_from_file(str(path)))
            )
    finally:
        logging.disable(logging.NOTSET)


def test_reference_tool_sees_the_same_events_in_1_2_and_in_our_2_0(
    reference: Path, tmp_path: Path
) -> None:
    compared = 0
    for path in _documents(reference):
        try:
            before = _peer(path)
        except Exception:  # the peer fails on some documents by itself
            continue
        if any("XMLSchema-instance" in p for p in before):
            continue  # peer deviation: it hashes xsi:type/xsi:nil attributes (design/epcis.md §3)
        out = tmp_path / path.name
        epcis.convert_file(path, out)
        assert _peer(out) == before, path.name
        compared += len(before)
    assert compared >= 15
