"""Differential test: ``validate(..., schema_only=True)`` gives the official verdict on mutated documents.

Every reference document (GS1 examples, openepcis valid and invalid documents) is mutated at
random, with a fixed seed per file: elements/keys deleted, swapped, duplicated, renamed, values
replaced by plausible wrong ones, attributes added. The verdict of the official XSD
(``xmlschema``) or JSON Schema (``jsonschema`` with format checks on) must equal ours in
``schema_only`` mode; the default mode must never fail internally and must find an error
whenever the schema does, except for the documented decisions (persistentDisposition on any
event, a bare XML event root).

``VNTRACE_MUTATIONS`` sets the mutations per document (default 5; 60 per document, 13,320 in
total, were run during development with no disagreement).
"""

from __future__ import annotations

import copy
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from vntrace.epcis.validate import ValidateOptions, validate_text
from vntrace.findings import Finding

REPO = Path(__file__).resolve().parents[2]
EPCIS_REF = Path(os.environ.get("VNTRACE_SHARED", REPO.parent / "shared")) / "reference" / "epcis"
MUTATIONS = int(os.environ.get("VNTRACE_MUTATIONS", "5"))
SCHEMA_ONLY = ValidateOptions(schema_only=True)

pytestmark = pytest.mark.conformance

XML_VALUES = [
    *("", "x y", "ADD", "OBSERVE", "2026-07-22T06:45:00", "2026-07-22T06:45:00+07:00", "12.5"),
    *("abc", "true", "urn:epc:id:sgtin:1.2.3", "+07:00", "+15:00", "KGM", "kg", "receiving"),
    *("urn:epcglobal:cbv:bizstep:receiving", "https://ref.gs1.org/cbv/BizStep-receiving"),
    *("Temperature", "https://gs1.org/voc/Temperature", "-1", "1e3", "0A", "XYZ"),
]
JSON_VALUES: list[Any] = [
    *(None, 1, 2.5, True, "x", "x y", [], {}, "2026-07-22T06:45:00", "2026-07-22T06:45:00Z"),
    *("ADD", "CREATE", "urn:epcglobal:cbv:bizstep:receiving", "receiving", "in_transit"),
    *("+07:00", "+7:00", "KGM", "kg", "Temperature", "https://gs1.org/voc/Temperature"),
    *("https://example.com/x", "ex:y", ["urn:epc:id:sgtin:8934567.089012.1"], [1], "0A", "XYZ"),
    *("2.0", "2.x"),
]


def _documents() -> list[str]:
    if not EPCIS_REF.is_dir():
        return []
    paths = [
        *EPCIS_REF.glob("XML/**/*.xml"),
        *EPCIS_REF.glob("JSON/**/*.jsonld"),
        *EPCIS_REF.glob("openepcis-test-resources/2.0/**/*.xml"),
        *EPCIS_REF.glob("openepcis-test-resources/2.0/**/*.json"),
    ]
    return sorted(p.relative_to(EPCIS_REF).as_posix() for p in paths)


def mutate_xml(data: bytes, rng: random.Random) -> bytes:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
    el = rng.choice(elements)
    parent = el.getparent()
    assert parent is not None
    op = rng.randrange(8)
    if op == 0:
        parent.remove(el)
    elif op == 1:
        nxt = el.getnext()
        if nxt is not None and isinstance(nxt.tag, str):
            parent.remove(nxt)
            el.addprevious(nxt)
    elif op == 2:
        el.addnext(copy.deepcopy(el))
    elif op == 3:
        local = etree.QName(el).localname
        el.tag = rng.choice(
            ["foo", f"{{urn:epcglobal:epcis:xsd:2}}{local}", "{https://example.com/ns/}bar"]
        )
    elif op == 4:
        if len(el) == 0:
            el.text = rng.choice(XML_VALUES)
    elif op == 5:
        if el.attrib:
            key = rng.choice(list(el.attrib))
            if rng.random() < 0.5:
                del el.attrib[key]
            else:
                el.set(key, rng.choice(XML_VALUES))
    elif op == 6:
        el.set(
            rng.choice(["foo", "{https://example.com/ns/}bar", "type", "value"]),
            rng.choice(XML_VALUES),
        )
    else:
        el.text = (el.text or "") + rng.choice(["", "text"])
    return etree.tostring(root)


def _nodes(value: Any, out: list[Any]) -> list[Any]:
    if isinstance(value, dict):
        out.append(value)
        for item in value.values():
            _nodes(item, out)
    elif isinstance(value, list):
        out.append(value)
        for item in value:
            _nodes(item, out)
    return out


def mutate_json(document: Any, rng: random.Random) -> Any:
    document = copy.deepcopy(document)
    node = rng.choice(_nodes(document, []))
    op = rng.randrange(4)
    if isinstance(node, dict) and node:
        key = rng.choice(list(node))
        if op == 0:
            del node[key]
        elif op == 2:
            extra = rng.choice(
                [
                    "foo",
                    "ex:foo",
                    "https://example.com/x",
                    "persistentDisposition",
                    "ilmd",
                    "action",
                ]
            )
            node[extra] = copy.deepcopy(rng.choice([*JSON_VALUES, {"set": ["active"]}]))
        else:
            node[key] = copy.deepcopy(rng.choice(JSON_VALUES))
    elif isinstance(node, list) and node:
        i = rng.randrange(len(node))
        if op == 0:
            del node[i]
        elif op == 1:
            node.append(copy.deepcopy(node[i]))
        else:
            node[i] = copy.deepcopy(rng.choice(JSON_VALUES))
    return document


@pytest.fixture(scope="module")
def official(reference: Path) -> tuple[Any, Any]:
    xmlschema = pytest.importorskip("xmlschema")
    jsonschema = pytest.importorskip("jsonschema")
    folder = reference / "epcis" / "XSD"
    xsd = xmlschema.XMLSchema(
        [
            str(folder / f)
            for f in (
                "EPCglobal-epcis-2_0.xsd",
                "EPCglobal-epcis-query-2_0.xsd",
                "EPCglobal-epcis-masterdata-2_0.xsd",
            )
        ]
    )
    schema = json.loads(
        (reference / "epcis" / "EPCIS-JSON-Schema.json").read_text(encoding="utf-8")
    )
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    assert {"uri", "date-time"} <= set(checker.checkers)
    return xsd, jsonschema.Draft7Validator(schema, format_checker=checker)


def _xsd_valid(xsd: Any, data: bytes) -> bool | None:
    """The XSD verdict, or ``None`` when xmlschema itself fails (it raises XMLSchemaKeyError on
    some unresolvable xsi:type values inside xs:anyType content): no verdict to compare."""
    try:
        return bool(xsd.is_valid(etree.fromstring(data)))
    except Exception:  # the oracle failed, not the document
        return None


def _decision(finding: Finding) -> bool:
    """A schema error the default mode deliberately relaxes (see ``DECISIONS``)."""
    where = finding.location.field or ""
    if finding.code == "EPCIS.UNEXPECTED_FIELD":
        return where.endswith("/persistentDisposition")
    return finding.code == "EPCIS.UNKNOWN_DOCUMENT_TYPE" and where.endswith("Event")


def _verdict(data: bytes | str) -> bool:
    """Our schema-only verdict; also checks the default mode never fails and is at least as strict."""
    default = validate_text(data)
    assert not [f for f in default if f.code == "EPCIS.VALIDATOR_FAILURE"]
    schema_errors = [f for f in validate_text(data, options=SCHEMA_ONLY) if f.is_error]
    if not any(f.is_error for f in default):
        assert all(_decision(f) for f in schema_errors), [f.to_dict() for f in schema_errors]
    return not schema_errors


@pytest.mark.parametrize("name", _documents())
def test_schema_only_verdict_equals_official_on_mutations(
    official: tuple[Any, Any], name: str
) -> None:
    xsd, json_schema = official
    path = EPCIS_REF / name
    rng = random.Random(name)
    # the unmutated document first
    if path.suffix == ".xml":
        assert _verdict(path.read_bytes()) == _xsd_valid(xsd, path.read_bytes())
    else:
        assert _verdict(path.read_bytes()) == json_schema.is_valid(json.loads(path.read_bytes()))
    for _ in range(MUTATIONS):
        if path.suffix == ".xml":
            data = mutate_xml(path.read_bytes(), rng)
            expected = _xsd_valid(xsd, data)
            if expected is not None:
                assert _verdict(data) == expected, data.decode()[:3000]
        else:
            document = mutate_json(json.loads(path.read_bytes()), rng)
            text = json.dumps(document)
            assert _verdict(text) == json_schema.is_valid(document), text[:3000]
