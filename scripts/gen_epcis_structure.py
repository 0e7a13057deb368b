"""Generate ``src/vntrace/epcis/_structure.py`` from the official EPCIS 2.0 XSD and JSON Schema.

Reads ``../shared/reference/epcis/XSD/*.xsd`` and ``../shared/reference/epcis/EPCIS-JSON-Schema.json``
(GS1, github.com/gs1/EPCIS) and writes our own compact tables:

* the XSD content models (element order, cardinalities, attributes, simple-type patterns and
  enumerations) that :mod:`vntrace.epcis.validate` interprets for XML documents;
* the JSON Schema object shapes (properties, required, closed objects, extension keys,
  value kinds) that it interprets for JSON-LD documents.

CBV vocabularies are not repeated here: they come from :mod:`vntrace.epcis.cbv` (one table).

Only the subset of XSD used by the EPCIS artefacts is supported (sequence, choice, group refs,
element refs, substitution groups, wildcards, simple/complex content extension, attributes);
anything else stops the script so that a new release cannot be silently mistranslated.

Usage: ``python scripts/gen_epcis_structure.py [REFERENCE_DIR [OUTPUT]]``.
"""

from __future__ import annotations

import json
import pprint
import subprocess
import sys
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REF = REPO.parent / "shared" / "reference" / "epcis"
OUT = REPO / "src" / "vntrace" / "epcis" / "_structure.py"

XS = "http://www.w3.org/2001/XMLSchema"
XSD_FILES = (
    "EPCglobal.xsd",
    "EPCglobal-epcis-2_0.xsd",
    "EPCglobal-epcis-query-2_0.xsd",
    "EPCglobal-epcis-masterdata-2_0.xsd",
    "StandardBusinessDocumentHeader.xsd",
    "BasicTypes.xsd",
    "BusinessScope.xsd",
    "DocumentIdentification.xsd",
    "Manifest.xsd",
    "Partner.xsd",
)
BUILTINS = {
    "string",
    "anyURI",
    "decimal",
    "double",
    "boolean",
    "hexBinary",
    "int",
    "integer",
    "dateTime",
    "NCName",
    "anyType",
}


def q(tag: str) -> str:
    return f"{{{XS}}}{tag}"


class Xsd:
    def __init__(self, folder: Path) -> None:
        self.complex: dict[str, etree._Element] = {}
        self.simple: dict[str, etree._Element] = {}
        self.groups: dict[str, etree._Element] = {}
        self.elements: dict[str, etree._Element] = {}
        for name in XSD_FILES:
            root = etree.parse(
                str(folder / name), etree.XMLParser(resolve_entities=False)
            ).getroot()
            tns = root.get("targetNamespace", "")
            for child in root:
                if not isinstance(child.tag, str):
                    continue
                key = f"{{{tns}}}{child.get('name')}"
                if child.tag == q("complexType"):
                    self.complex[key] = child
                elif child.tag == q("simpleType"):
                    self.simple[key] = child
                elif child.tag == q("group"):
                    self.groups[key] = child
                elif child.tag == q("element"):
                    self.elements[key] = child

    @staticmethod
    def tns(node: etree._Element) -> str:
        return node.getroottree().getroot().get("targetNamespace", "")

    @staticmethod
    def is_qualified(node: etree._Element) -> bool:
        return node.getroottree().getroot().get("elementFormDefault") == "qualified"

    def resolve(self, node: etree._Element, qname: str) -> str:
        prefix, _, local = qname.rpartition(":")
        ns = node.nsmap.get(prefix or None)
        if ns is None:
            msg = f"unresolvable QName {qname!r}"
            raise SystemExit(msg)
        if ns == XS:
            if local not in BUILTINS:
                msg = f"unsupported builtin type xs:{local}"
                raise SystemExit(msg)
            return f"xs:{local}"
        return f"{{{ns}}}{local}"

    # -- simple types -------------------------------------------------------------------------
    def simple_spec(self, key: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        node = self.simple[key]
        restriction = node.find(q("restriction"))
        if restriction is None:
            msg = f"simple type {key} is not a restriction"
            raise SystemExit(msg)
        base = self.resolve(restriction, restriction.get("base", ""))
        patterns: tuple[str, ...] = ()
        enums: tuple[str, ...] = ()
        if not base.startswith("xs:"):
            base, patterns, enums = self.simple_spec(base)
        for facet in restriction:
            if not isinstance(facet.tag, str):
                continue
            if facet.tag == q("pattern"):
                patterns = (*patterns, facet.get("value", ""))
            elif facet.tag == q("enumeration"):
                enums = (*enums, facet.get("value", ""))
            elif facet.tag != q("annotation"):
                msg = f"unsupported facet {facet.tag} in {key}"
                raise SystemExit(msg)
        return base, patterns, enums

    # -- particles -----------------------------------------------------------------------------
    @staticmethod
    def occurs(node: etree._Element) -> tuple[int, int]:
        lo = int(node.get("minOccurs", "1"))
        hi_s = node.get("maxOccurs", "1")
        return lo, (-1 if hi_s == "unbounded" else int(hi_s))

    def particle(self, node: etree._Element) -> tuple[object, ...]:
        tag = node.tag
        lo, hi = self.occurs(node)
        if tag == q("sequence") or tag == q("choice"):
            kids = tuple(
                self.particle(c)
                for c in node
                if isinstance(c.tag, str) and c.tag != q("annotation")
            )
            return ("s" if tag == q("sequence") else "c", lo, hi, kids)
        if tag == q("group"):
            group = self.groups[self.resolve(node, node.get("ref", ""))]
            inner = [c for c in group if isinstance(c.tag, str) and c.tag != q("annotation")]
            kind, _, _, kids = self.particle(inner[0])
            return (kind, lo, hi, kids)
        if tag == q("any"):
            ns = node.get("namespace", "##any")
            if ns not in {"##other", "##local", "##any"}:
                msg = f"unsupported wildcard namespace {ns}"
                raise SystemExit(msg)
            return ("a", ns[2:], self.tns(node), lo, hi)
        if tag == q("element"):
            if node.get("ref"):
                ref = self.resolve(node, node.get("ref", ""))
                target = self.elements[ref]
                if target.get("abstract") == "true":
                    members = tuple(
                        ("e", key, self.element_type(el), 1, 1, False)
                        for key, el in self.elements.items()
                        if el.get("substitutionGroup")
                        and self.resolve(el, el.get("substitutionGroup", "")) == ref
                    )
                    return ("c", lo, hi, members)
                return (
                    "e",
                    ref,
                    self.element_type(target),
                    lo,
                    hi,
                    target.get("nillable") == "true",
                )
            tns = self.tns(node)
            name = (
                f"{{{tns}}}{node.get('name')}" if self.is_qualified(node) else node.get("name", "")
            )
            return ("e", name, self.element_type(node), lo, hi, node.get("nillable") == "true")
        msg = f"unsupported particle {tag}"
        raise SystemExit(msg)

    def element_type(self, node: etree._Element) -> str:
        if node.get("type"):
            return self.resolve(node, node.get("type", ""))
        msg = f"anonymous element type for {node.get('name')} is unsupported"
        raise SystemExit(msg)

    # -- complex types -------------------------------------------------------------------------
    def attributes(self, node: etree._Element) -> tuple[list[tuple[str, str, bool]], bool]:
        attrs = []
        any_attr = False
        for child in node:
            if child.tag == q("attribute"):
                attrs.append(
                    (
                        child.get("name", ""),
                        self.resolve(child, child.get("type", "xs:string"))
                        if child.get("type")
                        else "xs:string",
                        child.get("use") == "required",
                    )
                )
            elif child.tag == q("anyAttribute"):
                any_attr = True
        return attrs, any_attr

    def complex_spec(self, key: str) -> tuple[object, ...]:
        node = self.complex[key]
        mixed = node.get("mixed") == "true"
        for child in node:
            if not isinstance(child.tag, str) or child.tag == q("annotation"):
                continue
            if child.tag in {q("sequence"), q("choice")}:
                attrs, any_attr = self.attributes(node)
                return ("elements", self.particle(child), tuple(attrs), any_attr, mixed)
            if child.tag == q("simpleContent"):
                ext = child.find(q("extension"))
                if ext is None:
                    msg = f"unsupported simpleContent in {key}"
                    raise SystemExit(msg)
                base = self.resolve(ext, ext.get("base", ""))
                attrs, any_attr = self.attributes(ext)
                if base in self.complex:
                    b_kind, _, b_attrs, b_any, _ = self.complex_spec(base)
                    if not str(b_kind).startswith("simple:"):
                        raise SystemExit(f"bad simpleContent base in {key}")
                    return (b_kind, None, (*b_attrs, *attrs), b_any or any_attr, False)
                return (f"simple:{base}", None, tuple(attrs), any_attr, False)
            if child.tag == q("complexContent"):
                ext = child.find(q("extension"))
                if ext is None:
                    msg = f"unsupported complexContent in {key}"
                    raise SystemExit(msg)
                mixed = mixed or child.get("mixed") == "true"
                base = self.resolve(ext, ext.get("base", ""))
                attrs, any_attr = self.attributes(ext)
                if base == "xs:anyType":
                    return ("anytype", None, tuple(attrs), True, True)
                b_kind, b_particle, b_attrs, b_any, _ = self.complex_spec(base)
                parts = [p for p in (b_particle,) if p is not None]
                parts.extend(self.particle(g) for g in ext if g.tag in {q("sequence"), q("choice")})
                particle = parts[0] if len(parts) == 1 else ("s", 1, 1, tuple(parts))
                return ("elements", particle, (*b_attrs, *attrs), b_any or any_attr, mixed)
        attrs, any_attr = self.attributes(node)
        return ("elements", None, tuple(attrs), any_attr, mixed)


# ---------------------------------------------------------------------------------------------
# JSON Schema
# ---------------------------------------------------------------------------------------------
REF_KINDS = {
    "id": "uri",
    "uri": "uri",
    "eventID": "uri",
    "vocab-uri": "uri",
    "time": "time",
    "%40context": "context",
    "version": "version",
    "certificationInfo": "uris",
    "decimal": "number",
    "string": "string",
    "boolean": "boolean",
    "hexBinary": "hex",
    "uom": "uom",
    "action": "action",
    "ilmd": "ilmd",
    "bizStep": "vocab:bizStep",
    "disposition": "vocab:disposition",
    "bizTransaction-type": "vocab:bizTransactionType",
    "source-dest-type": "vocab:sourceDestType",
    "error-reason": "vocab:errorReason",
    "component": "vocab:component",
    "measurementType": "vocab:measurementType",
    "sensorAlertType": "vocab:sensorAlertType",
    "eventList": "events",
}
LIST_REFS = {
    "epcList": ("list", "uri", 0, True),
    "quantityList": ("list", "obj:quantityElement", 0, False),
    "sensorReportList": ("list", "obj:sensorReport", 1, False),
    "vocabularyList": ("list", "obj:vocabulary", 0, False),
}
OBJECT_DEFS = (
    "attribute",
    "vocabularyElement",
    "vocabulary",
    "epcisHeader",
    "errorDeclaration",
    "quantityElement",
    "persistentDisposition",
    "readPoint",
    "bizLocation",
    "bizTransaction",
    "source",
    "destination",
    "sensorMetadata",
    "sensorReport",
    "sensorElement",
    "resultsBody",
    "queryResults",
    "epcisQueryDocumentBody",
    "epcisDocument",
    "epcisQueryDocument",
)
EVENT_DEFS = (
    "ObjectEvent",
    "AggregationEvent",
    "TransactionEvent",
    "TransformationEvent",
    "AssociationEvent",
)


class JsonShapes:
    def __init__(self, schema: dict[str, object]) -> None:
        self.defs: dict[str, dict[str, object]] = schema["definitions"]  # type: ignore[assignment]
        self.shapes: dict[str, tuple[object, ...]] = {}

    def kind(self, spec: dict[str, object], owner: str, prop: str) -> object:
        if "$ref" in spec:
            name = str(spec["$ref"]).rsplit("/", 1)[1]
            if name in REF_KINDS:
                return REF_KINDS[name]
            if name in LIST_REFS:
                return LIST_REFS[name]
            if name in OBJECT_DEFS:
                self.shape(name)
                return f"obj:{name}"
            msg = f"unmapped $ref {name} at {owner}.{prop}"
            raise SystemExit(msg)
        typ = spec.get("type")
        if typ == "array":
            item = self.kind(spec["items"], owner, prop)  # type: ignore[arg-type]
            return (
                "list",
                item,
                int(spec.get("minItems", 0)),
                bool(spec.get("uniqueItems", False)),
            )  # type: ignore[call-overload]
        if typ == "string":
            if prop == "eventTimeZoneOffset" and "pattern" in spec:
                return "tz"
            return "string"
        if typ == "object" and "properties" in spec:
            name = f"{owner}.{prop}"
            self.shapes[name] = self.object_shape(spec, name)
            return f"obj:{name}"
        if "anyOf" in spec and owner == "attribute":
            return "any"
        msg = f"unmapped schema at {owner}.{prop}: {spec}"
        raise SystemExit(msg)

    def object_shape(self, spec: dict[str, object], name: str) -> tuple[object, ...]:
        parts = [spec]
        if "allOf" in spec:
            parts = [p for p in spec["allOf"] if isinstance(p, dict) and "properties" in p]  # type: ignore[union-attr]
        props: dict[str, object] = {}
        required: list[str] = []
        closed = False
        extensible = False
        for part in parts:
            for prop, pspec in part.get("properties", {}).items():  # type: ignore[union-attr]
                if prop == "type" and "enum" in pspec:
                    props[prop] = ("const", tuple(pspec["enum"]))
                    continue
                props[prop] = self.kind(pspec, name, prop)
            required.extend(r for r in part.get("required", []) if r not in required)  # type: ignore[union-attr]
            closed = closed or part.get("additionalProperties") is False
            names = part.get("propertyNames")
            if names is not None:
                extensible = True
                allowed = set()
                for alt in names.get("anyOf", []):  # type: ignore[union-attr]
                    allowed.update(alt.get("enum", ()))
                    ref = alt.get("$ref", "")
                    if ref.endswith("common-event-properties"):
                        allowed.update(self.defs["common-event-properties"]["anyOf"][0]["enum"])  # type: ignore[index]
                props = (
                    {p: k for p, k in props.items() if p in allowed or p == "type"}
                    if allowed
                    else props
                )
        if spec.get("allOf") and name in EVENT_DEFS:
            extensible = True
        return (props, tuple(required), closed, extensible)

    def shape(self, name: str) -> None:
        if name in self.shapes:
            return
        self.shapes[name] = ()  # recursion guard
        spec = self.defs[name]
        if name in EVENT_DEFS:
            base = self.object_shape(self.defs["Event"], "Event")
            own = self.object_shape(spec["allOf"][1], name)  # type: ignore[index]
            props = dict(base[0])  # type: ignore[call-overload]
            props.update(own[0])  # type: ignore[arg-type]
            props.pop("@context", None)
            props["@context"] = "context"
            required = tuple(dict.fromkeys((*base[1], *own[1])))  # type: ignore[misc]
            self.shapes[name] = (props, required, False, True)
            return
        self.shapes[name] = self.object_shape(spec, name)

    def enum_of(self, name: str) -> tuple[str, ...]:
        for alt in self.defs[name]["anyOf"]:  # type: ignore[union-attr]
            if "enum" in alt:
                return tuple(alt["enum"])
        msg = f"no enum in {name}"
        raise SystemExit(msg)

    def pattern_of(self, name: str) -> str:
        return str(self.defs[name]["pattern"])


def git_stamp(folder: Path) -> str:
    source = folder / "SOURCE.md"
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("- Commit:"):
            return line.removeprefix("- Commit:").strip()
    return "unknown"


def main() -> int:
    ref = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_REF
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    xsd = Xsd(ref / "XSD")
    elements = {key: xsd.element_type(node) for key, node in sorted(xsd.elements.items())}
    complex_types = {key: xsd.complex_spec(key) for key in sorted(xsd.complex)}
    simple_types = {key: xsd.simple_spec(key) for key in sorted(xsd.simple)}

    schema = json.loads((ref / "EPCIS-JSON-Schema.json").read_text(encoding="utf-8"))
    shapes = JsonShapes(schema)
    for name in (*OBJECT_DEFS, *EVENT_DEFS):
        shapes.shape(name)
    event_props = shapes.defs["Event"]["properties"]
    tz_pattern = event_props["eventTimeZoneOffset"]["pattern"]  # type: ignore[index]

    stamp = git_stamp(ref)
    body = [
        "# ruff: noqa: E501 - generated data: long QNames and patterns stay on one line",
        '"""EPCIS 2.0 structure tables. GENERATED by ``scripts/gen_epcis_structure.py`` - do not edit.',
        "",
        "Our own compact format of the content models of the official GS1 EPCIS 2.0 artefacts:",
        "``XSD/*.xsd`` and ``EPCIS-JSON-Schema.json`` of github.com/gs1/EPCIS, commit",
        f"``{stamp}`` (2023-05-16). See ``NOTICE`` for attribution.",
        "",
        "Particles: ``('e', name, type, min, max, nillable)``, ``('s'|'c', min, max, children)``,",
        "``('a', 'other'|'local'|'any', target_namespace, min, max)``; ``max == -1`` is unbounded.",
        "Complex types: ``(content, particle, attributes, any_attribute, mixed)`` where content is",
        "``'elements'``, ``'simple:<type>'`` or ``'anytype'``. JSON shapes:",
        "``(properties, required, closed, extensible)``.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any, Final",
        "",
        f"SOURCE: Final = {f'github.com/gs1/EPCIS@{stamp} XSD/*.xsd + EPCIS-JSON-Schema.json'!r}",
        "",
        f"ELEMENTS: Final[dict[str, str]] = {pprint.pformat(elements, width=100)}",
        "",
        f"COMPLEX_TYPES: Final[dict[str, tuple[Any, ...]]] = {pprint.pformat(complex_types, width=100)}",
        "",
        (
            "SIMPLE_TYPES: Final[dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]] = "
            f"{pprint.pformat(simple_types, width=100)}"
        ),
        "",
        f"JSON_SHAPES: Final[dict[str, tuple[Any, ...]]] = {pprint.pformat(shapes.shapes, width=100)}",
        "",
        f"JSON_TZ_PATTERN: Final = {tz_pattern!r}",
        f"JSON_UOM_PATTERN: Final = {shapes.pattern_of('uom')!r}",
        f"JSON_HEX_PATTERN: Final = {shapes.pattern_of('hexBinary')!r}",
        f"JSON_VERSION_PATTERN: Final = {shapes.pattern_of('version')!r}",
        "",
        "",
    ]
    out.write_text("\n".join(body), encoding="utf-8")
    ruff = REPO / ".venv" / "bin" / "ruff"
    if ruff.exists():
        config = str(REPO / "pyproject.toml")
        subprocess.run([str(ruff), "format", "--quiet", "--config", config, str(out)], check=True)
    print(
        f"wrote {out}: {len(elements)} elements, {len(complex_types)} complex types, "
        f"{len(shapes.shapes)} JSON shapes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
