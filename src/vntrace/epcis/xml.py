"""EPCIS 2.0 XML: read (hardened, also streaming) and write (exact XSD element order).

Reading uses lxml with entity resolution, DTD loading, network access and huge trees switched
off; a document that declares a DTD internal subset, entities or an external DTD is rejected
(a bare ``<!DOCTYPE x>`` without declarations, which some GS1 examples carry, is tolerated).
Events are unqualified elements; ``QueryResults`` is qualified with the query namespace.

Writing follows the XSD sequence of every type and renders CBV values as URNs
(``urn:epcglobal:cbv:bizstep:receiving``) or, with ``cbv_form="web"``, as Web URIs; GS1 Web
Vocabulary values (measurement types, alerts) have no URN and are written as Web URIs
(``https://gs1.org/voc/Temperature``). The JSON-LD document properties ``id``,
``instanceIdentifier``, ``sender`` and ``receiver`` have no XML element of their own; they are
written as attributes of the root element (allowed by its ``xsd:anyAttribute``) and read back.
Extension values are typed with ``xsi:type`` (``xsd:integer``, ``xsd:double``,
``xsd:boolean``) when they are JSON numbers or booleans.

>>> doc = loads('''<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"
...   xmlns:ex="https://example.vn/ns/" schemaVersion="2.0" creationDate="2026-05-12T08:00:00Z">
...  <EPCISBody><EventList><ObjectEvent>
...   <eventTime>2026-05-12T07:30:00.000+07:00</eventTime>
...   <eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
...   <epcList><epc>urn:epc:id:sgtin:8935000.010017.1</epc></epcList>
...   <action>OBSERVE</action><bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep>
...   <ex:farm>Phúc Trạch</ex:farm>
...  </ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>''')
>>> ev = doc.events[0]
>>> ev.biz_step, ev.extensions
('receiving', {'{https://example.vn/ns/}farm': 'Phúc Trạch'})
>>> b"<bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep>" in dumps(doc)
True
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Literal, NoReturn, Self

from lxml import etree

from vntrace.epcis import cbv
from vntrace.epcis._io import (
    EPCIS_NS,
    MASTERDATA_NS,
    MAX_XML_ATTRIBUTES,
    MAX_XML_NAMESPACES,
    QUERY_NS,
    SBDH_NS,
    XSD_NS,
    XSI_NS,
    attr_items,
    build,
    canonical_ns,
    check_ts,
    clark,
    fail,
    finding,
    format_float,
    format_ts,
    parse_bool,
    parse_decimal,
    parse_float,
    parse_ts,
    prefix_map,
    read_source,
    split_clark,
    used_namespaces,
)
from vntrace.epcis.model import (
    EVENT_TYPES,
    FIELD_ORDER,
    AnyDocument,
    EPCISDocument,
    EPCISHeader,
    EPCISMasterDataDocument,
    EPCISQueryDocument,
    Event,
)
from vntrace.errors import EpcisError, os_reason
from vntrace.findings import Finding

__all__ = ["CbvForm", "StreamWriter", "dumps", "iter_events", "loads", "stream", "write_event"]

CbvForm = Literal["urn", "web"]
_DOC_TYPES = (EPCISDocument, EPCISQueryDocument, EPCISMasterDataDocument)
_El = etree._Element  # noqa: SLF001 - lxml exposes its element type only under this name

XML_NS = "http://www.w3.org/XML/1998/namespace"
_XSI_TYPE = f"{{{XSI_NS}}}type"
_XSI_NIL = f"{{{XSI_NS}}}nil"
_QUERY_RESULTS = f"{{{QUERY_NS}}}QueryResults"
_QUERY_ROOT = f"{{{QUERY_NS}}}EPCISQueryDocument"
_DOCUMENT_ROOT = f"{{{EPCIS_NS}}}EPCISDocument"
_EVENT_TAGS = frozenset(EVENT_TYPES)
_STREAM_TAGS = (
    "EventList",
    *sorted(_EVENT_TAGS),
)
_INT_TYPES = frozenset(
    {
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    }
)
_FLOAT_TYPES = frozenset({"double", "float", "decimal"})
_EPC_LISTS = frozenset({"epcList", "childEPCs", "inputEPCList", "outputEPCList"})
_QTY_LISTS = frozenset(
    {"quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"}
)
_TEXT_FIELDS = frozenset(
    {"eventTimeZoneOffset", "eventID", "parentID", "transformationID", "action"}
)
_SENSOR_TIME = frozenset({"time", "startTime", "endTime"})
_SENSOR_FLOAT = frozenset(
    {"value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue"}
)
_METADATA_ATTRS = (
    "time",
    "deviceID",
    "deviceMetadata",
    "rawData",
    "startTime",
    "endTime",
    "bizRules",
    "dataProcessingMethod",
)
_REPORT_ATTRS = (
    "type",
    "value",
    "component",
    "stringValue",
    "booleanValue",
    "hexBinaryValue",
    "uriValue",
    "uom",
    "minValue",
    "maxValue",
    "sDev",
    "chemicalSubstance",
    "microorganism",
    "deviceID",
    "deviceMetadata",
    "rawData",
    "time",
    "meanValue",
    "percRank",
    "percValue",
    "dataProcessingMethod",
    "bizRules",
    "coordinateReferenceSystem",
    "exception",
)
# JSON-LD document properties without an XML element: kept as (lax) root attributes
_PSEUDO_SBDH = {
    "id": "id",
    "instanceIdentifier": "instance_identifier",
    "sender": "sender",
    "receiver": "receiver",
}
_REPORT_ATTR_SET = frozenset(_REPORT_ATTRS)
_METADATA_ATTR_SET = frozenset(_METADATA_ATTRS)
_REPORT_VOCAB = {"type": "measurement", "exception": "alert", "component": "comp"}

Source = str | bytes | os.PathLike[str] | IO[bytes]

# --------------------------------------------------------------------------------------------
# parsing


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _check_docinfo(tree: Any) -> None:
    info = tree.docinfo
    if info.system_url or info.public_id:
        fail("EPCIS.IO_DTD_FORBIDDEN")
    dtd: Any = info.internalDTD
    if dtd is not None and (list(dtd.iterelements()) or list(dtd.iterentities())):
        fail("EPCIS.IO_DTD_FORBIDDEN")


def _syntax_error(exc: etree.XMLSyntaxError) -> EpcisError:
    msg = str(exc.msg or exc)
    if "entity" in msg.lower() or "dtd" in msg.lower():
        return EpcisError(finding("EPCIS.IO_DTD_FORBIDDEN"))
    if "depth" in msg.lower() or "nesting" in msg.lower():
        return EpcisError(finding("EPCIS.IO_TOO_DEEP"))
    line = exc.lineno if exc.lineno is not None else 0
    return EpcisError(finding("EPCIS.IO_MALFORMED_XML", detail=msg, line=line))


def _parse(data: bytes) -> _El:
    if b"<!ENTITY" in data:
        fail("EPCIS.IO_DTD_FORBIDDEN")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc) from None
    _check_docinfo(root.getroottree())
    return root


def _text(el: _El) -> str:
    return (el.text or "").strip()


def _local(el: _El) -> str:
    tag = el.tag
    assert isinstance(tag, str)
    return tag


def _children(el: _El) -> Iterator[_El]:
    """Child elements only.

    The parsers drop comments and processing instructions, and documents with entity
    declarations are rejected, so every child node is an element.
    """
    return iter(el)


def _prefixes(el: _El) -> dict[str, str]:
    return {k: v for k, v in el.nsmap.items() if k}


def _xsi_type(el: _El) -> str | None:
    value = el.get(_XSI_TYPE)
    if value is None:
        return None
    prefix, sep, local = value.strip().rpartition(":")
    if sep and el.nsmap.get(prefix) not in {XSD_NS, None}:
        return None
    return local


def _typed(text: str, xsi_type: str | None) -> Any:
    if xsi_type is None:
        return text
    stripped = text.strip()
    try:
        if xsi_type in _INT_TYPES:
            return int(stripped)
        if xsi_type in _FLOAT_TYPES:
            return parse_float(stripped)
        if xsi_type == "boolean":
            return parse_bool(stripped)
    except (ValueError, EpcisError):
        return text
    return text


def _ext_value(el: _El) -> Any:
    """The extension value of an element (see the model docstring)."""
    kids = list(_children(el))
    attrs = {
        clark(*split_clark(str(k))): v
        for k, v in attr_items(el)
        if not str(k).startswith(f"{{{XSI_NS}}}")
    }
    if not kids and not attrs:
        if el.get(_XSI_NIL) in {"true", "1"}:
            return None
        return _typed(el.text or "", _xsi_type(el))
    out: dict[str, Any] = {"@" + k: v for k, v in attrs.items()}
    _collect(kids, out)
    text = el.text or ""
    if text.strip():  # kept verbatim: only layout whitespace around child elements is dropped
        out["#text"] = _typed(text, _xsi_type(el))
    return out


def _ext_name(el: _El) -> str:
    return clark(*split_clark(_local(el)))


def _collect(elements: Iterator[_El] | list[_El], out: dict[str, Any]) -> None:
    """Add extension elements to ``out``, grouping repeated names into lists."""
    repeated: set[str] = set()
    for el in elements:
        tail = el.tail
        if tail is not None and tail.strip():
            # Text after a child element (mixed content) has no place in the dict model.
            fail(
                "EPCIS.IO_MIXED_CONTENT",
                _ext_name(el),
                element=_ext_name(el),
                text=tail.strip()[:80],
            )
        name = _ext_name(el)
        value = _ext_value(el)
        if name in out:
            if name not in repeated:
                out[name] = [out[name]]
                repeated.add(name)
            out[name].append(value)
        else:
            out[name] = value


# Unqualified attribute names that would mean something else once written as a JSON-LD key
# ("@" + name): the JSON-LD 1.1 keywords, as in jsonld._KEYWORDS
_KEYWORD_ATTRIBUTES = frozenset(
    {"context", "id", "type", "value", "language", "list", "set", "graph", "index", "reverse"}
    | {"base", "vocab", "nest", "none", "json", "direction", "included", "protected", "version"}
    | {"import", "propagate"}
)


def own_attributes(el: _El, ext: dict[str, Any], where: str, declared: str = "") -> None:
    """Put the attributes of a standard element (event, sensor object, root) into ``ext``.

    A namespaced attribute is an extension like an element (``"{ns}local"``). An unqualified
    one is kept under ``"@" + name``, so it can never be mistaken for the standard field of the
    same name (``action="DELETE"`` on an event is not its action); names that are JSON-LD
    keywords (``type``, ``id``, ``value`` …) cannot be written in JSON-LD that way and are refused.
    ``declared`` names an attribute of the XSD type that the caller reads itself.
    """
    if not el.keys():  # the usual case, checked cheaply
        return
    for key, value in attr_items(el):
        if key == declared:
            continue
        if key[0] == "{":
            ext[clark(*split_clark(key))] = value
        elif key in _KEYWORD_ATTRIBUTES:
            fail(
                "EPCIS.IO_UNQUALIFIED_ATTRIBUTE",
                f"{where}/@{key}",
                name=key,
                element=split_clark(str(el.tag))[1],
            )
        else:
            ext["@" + key] = value


def _no_text(el: _El, where: str) -> None:
    """Refuse text directly inside a standard element (not an XSD field: it would be lost)."""
    texts = [el.text or ""] + [child.tail or "" for child in el]
    for text in texts:
        if text.strip():
            fail(
                "EPCIS.IO_MIXED_CONTENT",
                where or "/",
                element=split_clark(str(el.tag))[1],
                text=text.strip()[:80],
            )


_XSI_PREFIX = f"{{{XSI_NS}}}"
# The standard elements of an event whose XSD type declares attributes without ``anyAttribute``
_DECLARED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "bizTransaction": frozenset({"type"}),
    "source": frozenset({"type"}),
    "destination": frozenset({"type"}),
}
# ... and those whose attributes are kept (own_attributes): the XSD's ``anyAttribute`` types,
# and the objects whose JSON-LD ``"@name"`` keys the writer turns into XML attributes
# (``readPoint``, ``bizLocation``: the XSD forbids them there, ``validate`` says so).
_OPEN_ATTRIBUTES = frozenset({"ilmd", "errorDeclaration", "readPoint", "bizLocation"})


def _plain(el: _El, where: str) -> None:
    """Refuse an attribute the XSD does not allow on a standard element: the model has no
    place for it, so loading would drop it (``validate`` says ``XML_UNEXPECTED_ATTRIBUTE``).

    Callers test ``el.keys()`` first: elements without attributes are the rule.
    """
    allowed = _DECLARED_ATTRIBUTES.get(_local(el), frozenset())
    for key in el.keys():  # noqa: SIM118 - iterating an lxml element gives its children
        name = str(key)
        if name not in allowed and not name.startswith(_XSI_PREFIX):
            fail(
                "EPCIS.XML_UNEXPECTED_ATTRIBUTE",
                f"{where}/@{name}",
                attribute=split_clark(name)[1],
            )


def _bare(el: _El, where: str) -> None:
    """Refuse text in a standard container (around or between its children): no field holds
    it, so reading would drop it (``validate`` says ``XML_UNEXPECTED_TEXT``)."""
    text = el.text
    if text is not None and not text.isspace():
        _no_text(el, where)
    for child in el:
        tail = child.tail
        if tail is not None and not tail.isspace():
            _no_text(el, where)


def _is_foreign(el: _El) -> bool:
    return str(el.tag)[0] == "{"


class _EventReader:
    """Turns one event element into an alias-keyed dict for the model."""

    def __init__(self, el: _El, where: str) -> None:
        self.el = el
        self.where = where
        self.data: dict[str, Any] = {"type": _local(el)}
        self.ext: dict[str, Any] = {}
        self.foreign: list[_El] = []

    def vocab(self, value: str, vocab: str) -> str:
        found = cbv.lookup(value, vocab)
        if found is not None:
            return found
        return cbv.normalise(value, vocab, _prefixes(self.el))

    def run(self) -> dict[str, Any]:
        own_attributes(self.el, self.ext, self.where)
        text = self.el.text
        if text is not None and text.strip():
            _no_text(self.el, self.where)
        self.fields(_children(self.el))
        _collect(self.foreign, self.ext)
        if self.ext:
            self.data["extensions"] = self.ext
        return self.data

    def fields(self, children: Iterator[_El]) -> None:
        data = self.data
        for child in children:
            name = str(child.tag)
            tail = child.tail
            if tail is not None and tail.strip():
                _no_text(child.getparent(), self.where)  # type: ignore[arg-type]
            if name[0] == "{":
                self.foreign.append(child)
                continue
            if name in {"extension", "baseExtension"}:
                # 1.2 wrappers are flattened: anything that would be lost doing so is refused.
                if child.attrib:
                    fail(
                        "EPCIS.IO_WRAPPER_ATTRIBUTE",
                        f"{self.where}/{name}",
                        element=name,
                        name=str(next(iter(child.attrib))),
                    )
                _no_text(child, f"{self.where}/{name}")
                self.fields(_children(child))
                continue
            if child.keys() and name not in _OPEN_ATTRIBUTES:
                _plain(child, f"{self.where}/{name}")
            handler = _FIELD_HANDLERS.get(name)
            if handler is None:
                fail(
                    "EPCIS.IO_UNEXPECTED_ELEMENT",
                    f"{self.where}/{name}",
                    element=name,
                    parent=_local(self.el),
                )
            if handler in _LEAF_HANDLERS and len(child):  # child elements would be dropped
                _unexpected(child[0], f"{self.where}/{name}")
            if name in data and name != "certificationInfo":
                # A second eventTime, or one inside <extension>, would silently win.
                fail(
                    "EPCIS.IO_REPEATED_ELEMENT",
                    f"{self.where}/{name}",
                    element=name,
                    parent=_local(self.el),
                )
            handler(self, child, name)

    # handlers -------------------------------------------------------------------------------
    def ts(self, text: str, *path: str) -> str:
        """A checked timestamp text (the model parses it); the location is built only on error."""
        try:
            return check_ts(text)
        except EpcisError as exc:
            code = exc.findings[0].code
            fail(code, "/".join((self.where, *path)), value=text)

    def h_time(self, el: _El, name: str) -> None:
        self.data[name] = self.ts((el.text or "").strip(), name)

    def h_text(self, el: _El, name: str) -> None:
        self.data[name] = (el.text or "").strip()

    def h_cert(self, el: _El, name: str) -> None:
        prev = self.data.get(name)
        value = _text(el)
        if prev is None:
            self.data[name] = value
        elif isinstance(prev, list):
            prev.append(value)
        else:
            self.data[name] = [prev, value]

    def h_vocab(self, el: _El, name: str) -> None:
        self.data[name] = self.vocab(_text(el), "bizstep" if name == "bizStep" else "disp")

    def h_epcs(self, el: _El, name: str) -> None:
        _bare(el, f"{self.where}/{name}")
        self.data[name] = [(c.text or "").strip() for c in el]
        for i, c in enumerate(el):
            if c.keys():
                _plain(c, f"{self.where}/{name}/{_local(c)}[{i + 1}]")
        if any(len(c) for c in el):  # an element inside an <epc> would be dropped
            _unexpected(next(c for c in el if len(c))[0], f"{self.where}/{name}")

    def h_qty(self, el: _El, name: str) -> None:
        _bare(el, f"{self.where}/{name}")
        items = []
        for i, q in enumerate(el):
            _bare(q, f"{self.where}/{name}/{i}")
            item: dict[str, Any] = {}
            if q.keys():
                _plain(q, f"{self.where}/{name}/{i}")
            for part in q:
                pname = str(part.tag)
                if part.keys():
                    _plain(part, f"{self.where}/{name}/{i}/{pname}")
                if pname in item:
                    fail(
                        "EPCIS.IO_REPEATED_ELEMENT",
                        f"{self.where}/{name}/{i}/{pname}",
                        element=pname,
                        parent="quantityElement",
                    )
                if len(part):
                    _unexpected(part[0], f"{self.where}/{name}/{i}/{pname}")
                if pname == "quantity":
                    if part.get(_XSI_NIL) in {"true", "1"}:
                        continue
                    item[pname] = parse_decimal(_text(part), f"{self.where}/{name}/{i}/quantity")
                else:
                    item[pname] = (part.text or "").strip()
            items.append(item)
        self.data[name] = items

    def h_location(self, el: _El, name: str) -> None:
        _bare(el, f"{self.where}/{name}")
        item: dict[str, Any] = {}
        ext: dict[str, Any] = {}
        foreign: list[_El] = []
        own_attributes(el, ext, f"{self.where}/{name}")
        self._object(el, item, foreign)
        _collect(foreign, ext)
        if ext:
            item["extensions"] = ext
        self.data[name] = item

    def _object(self, el: _El, item: dict[str, Any], foreign: list[_El]) -> None:
        for part in el:
            tag = str(part.tag)
            if tag[0] == "{":
                foreign.append(part)
            elif tag == "extension":
                if part.attrib:
                    fail(
                        "EPCIS.IO_WRAPPER_ATTRIBUTE",
                        f"{self.where}/{_local(el)}/extension",
                        element="extension",
                        name=str(next(iter(part.attrib))),
                    )
                self._object(part, item, foreign)
            elif tag in item:
                fail(
                    "EPCIS.IO_REPEATED_ELEMENT",
                    f"{self.where}/{_local(el)}/{tag}",
                    element=tag,
                    parent=_local(el),
                )
            elif len(part):
                _unexpected(part[0], f"{self.where}/{_local(el)}/{tag}")
            else:
                if part.keys():
                    _plain(part, f"{self.where}/{_local(el)}/{tag}")
                item[tag] = (part.text or "").strip()

    def h_biztx(self, el: _El, name: str) -> None:
        _bare(el, f"{self.where}/{name}")
        items = []
        for i, bt in enumerate(el):
            if len(bt):
                _unexpected(bt[0], f"{self.where}/{name}")
            if bt.keys():
                _plain(bt, f"{self.where}/{name}/{i}")
            item: dict[str, Any] = {"bizTransaction": (bt.text or "").strip()}
            kind = bt.get("type")
            if kind is not None:
                item["type"] = self.vocab(kind.strip(), "btt")
            items.append(item)
        self.data[name] = items

    def h_srcdst(self, el: _El, name: str) -> None:
        _bare(el, f"{self.where}/{name}")
        key = "source" if name == "sourceList" else "destination"
        items = []
        for i, sd in enumerate(_children(el)):
            if len(sd):
                _unexpected(sd[0], f"{self.where}/{name}")
            if sd.keys():
                _plain(sd, f"{self.where}/{name}/{i}")
            item: dict[str, Any] = {key: _text(sd)}
            kind = sd.get("type")
            if kind is not None:
                item["type"] = self.vocab(kind.strip(), "sdt")
            items.append(item)
        self.data[name] = items

    def h_persist(self, el: _El, name: str) -> None:
        _bare(el, f"{self.where}/{name}")
        item: dict[str, list[str]] = {}
        for part in _children(el):
            if part.keys():
                _plain(part, f"{self.where}/{name}/{_local(part)}")
            item.setdefault(_local(part), []).append(self.vocab(_text(part), "disp"))
        self.data[name] = item

    def h_ilmd(self, el: _El, name: str) -> None:
        _bare(el, f"{self.where}/{name}")
        out: dict[str, Any] = {}
        own_attributes(el, out, f"{self.where}/{name}")
        kids: list[_El] = []
        for part in _children(el):
            if not _is_foreign(part) and _local(part) == "extension":
                _no_attributes(part, f"{self.where}/{name}/extension")  # flattened: they'd be lost
                kids.extend(_children(part))
            else:
                kids.append(part)
        _collect(kids, out)
        self.data[name] = out

    def h_error(self, el: _El, name: str) -> None:
        _bare(el, f"{self.where}/{name}")
        item: dict[str, Any] = {}
        ext: dict[str, Any] = {}
        own_attributes(el, ext, f"{self.where}/{name}")
        foreign: list[_El] = []
        for part in _children(el):
            if _is_foreign(part):
                foreign.append(part)
                continue
            pname = _local(part)
            if pname in item:
                fail(
                    "EPCIS.IO_REPEATED_ELEMENT",
                    f"{self.where}/{name}/{pname}",
                    element=pname,
                    parent=name,
                )
            if part.keys():
                if pname == "extension":
                    fail(
                        "EPCIS.IO_WRAPPER_ATTRIBUTE",
                        f"{self.where}/{name}/extension",
                        element="extension",
                        name=str(part.keys()[0]),
                    )
                _plain(part, f"{self.where}/{name}/{pname}")
            if pname == "declarationTime":
                item[pname] = self.ts(_text(part), name, pname)
            elif pname == "reason":
                item[pname] = self.vocab(_text(part), "er")
            elif pname == "correctiveEventIDs":
                _bare(part, f"{self.where}/{name}/{pname}")
                item[pname] = [_text(c) for c in _children(part)]
                for c in _children(part):
                    if c.keys():
                        _plain(c, f"{self.where}/{name}/{pname}/{_local(c)}")
            elif pname == "extension":
                for sub in _children(part):
                    if not _is_foreign(sub):  # a bare key in the model, not writable back
                        _unexpected(sub, f"{self.where}/{name}/extension")
                    foreign.append(sub)
            else:
                item[pname] = _text(part)
        _collect(foreign, ext)
        if ext:
            item["extensions"] = ext
        self.data[name] = item

    def h_sensors(self, el: _El, name: str) -> None:
        _bare(el, f"{self.where}/{name}")
        items = []
        for i, se in enumerate(_children(el)):
            if _local(se) != "sensorElement":
                fail(
                    "EPCIS.IO_UNEXPECTED_ELEMENT",
                    f"{self.where}/{name}/{_local(se)}",
                    element=_local(se),
                    parent=name,
                )
            items.append(self._sensor_element(se, name, str(i)))
        self.data[name] = items

    def _sensor_element(self, se: _El, *where: str) -> dict[str, Any]:
        _bare(se, "/".join((self.where, *where)))
        item: dict[str, Any] = {}
        reports: list[dict[str, Any]] = []
        foreign: list[_El] = []
        for part in se:
            pname = str(part.tag)
            if pname == "sensorMetadata":
                if pname in item:
                    fail(
                        "EPCIS.IO_REPEATED_ELEMENT",
                        "/".join((self.where, *where, pname)),
                        element=pname,
                        parent="sensorElement",
                    )
                item[pname] = self._sensor_attrs(part, (*where, pname), report=False)
            elif pname == "sensorReport":
                reports.append(self._sensor_attrs(part, (*where, pname), report=True))
            elif pname == "extension" and not part.attrib:
                for sub in _children(part):
                    if not _is_foreign(sub):  # a bare key in the model, not writable back
                        _unexpected(sub, "/".join((self.where, *where, "extension")))
                    foreign.append(sub)
            elif pname[0] == "{":
                foreign.append(part)
            else:  # an unqualified name would be read back as a bare (invalid) JSON key
                fail(
                    "EPCIS.IO_UNEXPECTED_ELEMENT",
                    "/".join((self.where, *where, pname)),
                    element=pname,
                    parent="sensorElement",
                )
        item["sensorReport"] = reports
        ext: dict[str, Any] = {}
        # "@name" keys of a JSON-LD sensorElement are written as attributes: read them back
        own_attributes(se, ext, "/".join((self.where, *where)))
        _collect(foreign, ext)
        if ext:
            item["extensions"] = ext
        return item

    def _sensor_attrs(self, el: _El, where: tuple[str, ...], *, report: bool) -> dict[str, Any]:
        if len(el):  # the model keeps attributes only
            _unexpected(el[0], "/".join((self.where, *where)))
        text = el.text
        if text is not None and not text.isspace():  # the XSD allows text; the model has no place
            fail(
                "EPCIS.XML_TEXT_NOT_KEPT",
                "/".join((self.where, *where)),
                element=_local(el),
                text=text.strip()[:80],
            )
        item: dict[str, Any] = {}
        ext: dict[str, Any] = {}
        known = _REPORT_ATTR_SET if report else _METADATA_ATTR_SET
        for key, raw_value in attr_items(el):
            name = str(key)
            raw = str(raw_value)
            if name not in known:
                if name[0] != "{" and name in _KEYWORD_ATTRIBUTES:
                    fail(
                        "EPCIS.IO_UNQUALIFIED_ATTRIBUTE",
                        "/".join((self.where, *where, "@" + name)),
                        name=name,
                        element=_local(el),
                    )
                ext[clark(*split_clark(name)) if name[0] == "{" else "@" + name] = raw
            elif name in _SENSOR_TIME:
                item[name] = self.ts(raw, *where, "@" + name)
            elif name in _SENSOR_FLOAT:
                item[name] = parse_float(raw, "/".join((self.where, *where, "@" + name)))
            elif name == "booleanValue":
                item[name] = parse_bool(raw, "/".join((self.where, *where, "@" + name)))
            elif report and name in _REPORT_VOCAB:
                vocab = _REPORT_VOCAB[name]
                value = raw.strip()
                found = cbv.lookup(value, vocab)
                item[name] = (
                    found if found is not None else cbv.normalise(value, vocab, _prefixes(el))
                )
            else:
                item[name] = raw.strip()
        if ext:
            item["extensions"] = ext
        return item


_Handler = Callable[[_EventReader, _El, str], None]
_LEAF_HANDLERS: frozenset[_Handler] = frozenset(
    {_EventReader.h_time, _EventReader.h_text, _EventReader.h_cert, _EventReader.h_vocab}
)
_FIELD_HANDLERS: dict[str, _Handler] = {
    "eventTime": _EventReader.h_time,
    "recordTime": _EventReader.h_time,
    "certificationInfo": _EventReader.h_cert,
    "bizStep": _EventReader.h_vocab,
    "disposition": _EventReader.h_vocab,
    "readPoint": _EventReader.h_location,
    "bizLocation": _EventReader.h_location,
    "bizTransactionList": _EventReader.h_biztx,
    "sourceList": _EventReader.h_srcdst,
    "destinationList": _EventReader.h_srcdst,
    "persistentDisposition": _EventReader.h_persist,
    "ilmd": _EventReader.h_ilmd,
    "errorDeclaration": _EventReader.h_error,
    "sensorElementList": _EventReader.h_sensors,
    **dict.fromkeys(_TEXT_FIELDS, _EventReader.h_text),
    **dict.fromkeys(_EPC_LISTS, _EventReader.h_epcs),
    **dict.fromkeys(_QTY_LISTS, _EventReader.h_qty),
}


def read_event_data(el: _El, where: str = "") -> tuple[dict[str, Any], Event]:
    """The validated model of one event element and the alias-keyed dict it was built from."""
    name = _local(el)
    cls = EVENT_TYPES.get(name)
    if cls is None:
        fail("EPCIS.IO_UNKNOWN_EVENT_TYPE", where, type=name)
    data = _EventReader(el, where).run()
    event: Event = build(cls, data, where)  # type: ignore[assignment]
    return data, event


def read_event(el: _El, where: str = "") -> Event:
    """Build the model of one event element (``ObjectEvent`` … ``AssociationEvent``)."""
    return read_event_data(el, where)[1]


def _events(event_list: _El, where: str) -> list[Event]:
    events: list[Event] = []
    errors: list[Finding] = []
    for i, el in enumerate(_children(event_list)):
        if _local(el) == "extension":
            continue
        try:
            events.append(read_event(el, f"{where}/{i}"))
        except EpcisError as exc:
            errors.extend(exc.findings)
    if errors:
        raise EpcisError(errors)
    return events


def _vocabularies(vlist: _El, where: str) -> list[dict[str, Any]]:
    """A ``VocabularyList``: nothing in it may be dropped (unknown elements are refused)."""
    if vlist.keys():
        _plain(vlist, where)
    _bare(vlist, where)
    out = []
    for i, voc in enumerate(_children(vlist)):
        vwhere = f"{where}/Vocabulary[{i + 1}]"
        if _local(voc) != "Vocabulary":
            _unexpected(voc, where)
        _bare(voc, vwhere)
        item: dict[str, Any] = {"type": voc.get("type", "")}
        ext: dict[str, Any] = {}
        own_attributes(voc, ext, vwhere, declared="type")
        foreign: list[_El] = []
        for part in _extension_flattened(voc, vwhere):
            if _is_foreign(part):
                foreign.append(part)
            elif _local(part) == "VocabularyElementList" and "vocabularyElementList" not in item:
                lwhere = f"{vwhere}/VocabularyElementList"
                if part.keys():
                    _plain(part, lwhere)
                _bare(part, lwhere)
                elements = []
                for k, ve in enumerate(_children(part)):
                    if _local(ve) != "VocabularyElement":
                        _unexpected(ve, lwhere)
                    elements.append(_vocab_element(ve, f"{lwhere}/VocabularyElement[{k + 1}]"))
                item["vocabularyElementList"] = elements
            else:
                _unexpected(part, vwhere)
        _collect(foreign, ext)
        if ext:
            item["extensions"] = ext
        out.append(item)
    return out


def _extension_flattened(el: _El, where: str) -> Iterator[_El]:
    """The children of ``el`` with those of an ``<extension>`` wrapper in its place."""
    for part in _children(el):
        if not _is_foreign(part) and _local(part) == "extension":
            _no_attributes(part, f"{where}/extension")  # flattened: they would be lost
            for sub in _children(part):
                if not _is_foreign(sub):  # a bare key in the model, not writable back
                    _unexpected(sub, f"{where}/extension")
                yield sub
        else:
            yield part


def _vocab_element(ve: _El, where: str) -> dict[str, Any]:
    _bare(ve, where)
    item: dict[str, Any] = {"id": ve.get("id", "")}
    ext: dict[str, Any] = {}
    own_attributes(ve, ext, where, declared="id")
    attrs = []
    foreign: list[_El] = []
    for part in _extension_flattened(ve, where):
        pname = _local(part)
        if _is_foreign(part):
            foreign.append(part)
        elif pname == "attribute":
            for key in part.keys():  # noqa: SIM118 - iterating an lxml element gives its children
                name = str(key)
                if name != "id" and not name.startswith(_XSI_PREFIX):
                    fail(
                        "EPCIS.XML_ATTRIBUTE_NOT_KEPT",
                        f"{where}/attribute/@{name}",
                        element="attribute",
                        attribute=split_clark(name)[1],
                    )
            kids = list(_children(part))
            if kids:
                value: dict[str, Any] = {}
                _collect(kids, value)
                attrs.append({"id": part.get("id", ""), "attribute": value})
            else:
                attrs.append(
                    {"id": part.get("id", ""), "attribute": _typed(_text(part), _xsi_type(part))}
                )
        elif pname == "children" and "children" not in item:
            if part.keys():
                _plain(part, f"{where}/children")
            _bare(part, f"{where}/children")
            ids = []
            for c in _children(part):
                if _local(c) != "id" or len(c):
                    _unexpected(c, f"{where}/children")
                if c.keys():
                    _plain(c, f"{where}/children/id")
                ids.append(_text(c))
            item["children"] = ids
        else:
            _unexpected(part, where)
    if attrs:
        item["attributes"] = attrs
    _collect(foreign, ext)
    if ext:
        item["extensions"] = ext
    return item


def _unexpected(el: _El, where: str) -> NoReturn:
    parent = el.getparent()
    fail(
        "EPCIS.IO_UNEXPECTED_ELEMENT",
        f"{where}/{_local(el)}",
        element=_local(el),
        parent=_local(parent) if parent is not None else "",
    )


def _no_attributes(el: _El, where: str) -> None:
    """Refuse attributes on a container the model does not keep (EPCISBody, EventList …)."""
    if el.attrib:
        name = next(iter(el.attrib))
        fail("EPCIS.IO_WRAPPER_ATTRIBUTE", where, element=_local(el), name=str(name))


def _header(el: _El) -> dict[str, Any]:
    _no_attributes(el, "/EPCISHeader")
    _bare(el, "/EPCISHeader")
    item: dict[str, Any] = {}
    foreign: list[_El] = []
    for part in _children(el):
        if _local(part) == "extension":
            _no_attributes(part, "/EPCISHeader/extension")
            _bare(part, "/EPCISHeader/extension")
            for sub in _children(part):
                if _local(sub) != "EPCISMasterData":
                    _unexpected(sub, "/EPCISHeader/extension")
                if sub.keys():
                    _plain(sub, "/EPCISHeader/extension/EPCISMasterData")
                _bare(sub, "/EPCISHeader/extension/EPCISMasterData")
                for vl in _children(sub):
                    if _local(vl) != "VocabularyList":
                        _unexpected(vl, "/EPCISHeader/extension/EPCISMasterData")
                    item["vocabularyList"] = _vocabularies(
                        vl, "/EPCISHeader/extension/EPCISMasterData/VocabularyList"
                    )
        elif _is_foreign(part):
            foreign.append(part)
        else:  # an unqualified name has no place in the model (or in JSON-LD)
            _unexpected(part, "/EPCISHeader")
    ext: dict[str, Any] = {}
    _collect(foreign, ext)
    if ext:
        item["extensions"] = ext
    return item


def _namespaces(root: _El) -> dict[str, str]:
    skip = {EPCIS_NS, QUERY_NS, MASTERDATA_NS, XSI_NS, XSD_NS}
    found: dict[str, str] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        parent = el.getparent()
        inherited = parent.nsmap if parent is not None else {}
        for prefix, ns in el.nsmap.items():
            if prefix and ns not in skip and inherited.get(prefix) != ns:
                found.setdefault(prefix, canonical_ns(ns))
    return found


def _root_attrs(root: _El, data: dict[str, Any]) -> None:
    ext: dict[str, Any] = {}
    for key, value in attr_items(root):
        name = str(key)
        if name == "schemaVersion":
            data[name] = value.strip()
        elif name == "creationDate":
            data[name] = parse_ts(str(value), "/@creationDate")
        elif name in _PSEUDO_SBDH:
            data[name] = str(value)
        elif name[0] == "{":
            if not name.startswith(f"{{{XSI_NS}}}"):
                ext[clark(*split_clark(name))] = value
        elif name in _KEYWORD_ATTRIBUTES:
            fail("EPCIS.IO_UNQUALIFIED_ATTRIBUTE", f"/@{name}", name=name, element=_local(root))
        else:  # kept apart from the standard fields (see own_attributes)
            ext["@" + name] = value
    if ext:
        data["extensions"] = ext


def read_document(root: _El, *, events: bool = True) -> AnyDocument:
    """Build the model of a parsed ``EPCISDocument`` or ``EPCISQueryDocument`` root.

    With ``events=False`` the event list is not read (the streaming reader's document shell).
    """
    tag = _local(root)
    data: dict[str, Any] = {"namespaces": _namespaces(root)}
    _root_attrs(root, data)
    if tag == f"{{{EPCIS_NS}}}EPCISDocument":
        cls: type[AnyDocument] = EPCISDocument
    elif tag == f"{{{QUERY_NS}}}EPCISQueryDocument":
        cls = EPCISQueryDocument
    elif tag == f"{{{MASTERDATA_NS}}}EPCISMasterDataDocument":
        cls = EPCISMasterDataDocument
    elif tag.endswith("}EPCISCaptureJob"):
        fail("EPCIS.IO_UNSUPPORTED_DOCUMENT", "/", kind=split_clark(tag)[1])
    else:
        fail("EPCIS.IO_NOT_EPCIS", "/", root=tag)
    _bare(root, "/")
    for part in _children(root):
        pname = _local(part)
        if pname == "EPCISHeader":
            data["epcisHeader"] = _header(part)
        elif pname == "EPCISBody":
            _body(part, data, cls, events=events)
        elif _is_foreign(part):
            ext = data.setdefault("extensions", {})
            _collect([part], ext)
        else:  # would be silently dropped
            _unexpected(part, "")
    if cls is EPCISQueryDocument and "queryName" not in data:
        fail("EPCIS.IO_MISSING_FIELD", "/EPCISBody/QueryResults/queryName")
    return build(cls, data)


def _body(body: _El, data: dict[str, Any], cls: type[Any], *, events: bool) -> None:
    _no_attributes(body, "/EPCISBody")
    _bare(body, "/EPCISBody")
    for part in _children(body):
        pname = _local(part)
        if pname == "EventList":
            _no_attributes(part, "/EPCISBody/EventList")
            _bare(part, "/EPCISBody/EventList")
        if cls is EPCISMasterDataDocument and pname == "VocabularyList":
            data["vocabularyList"] = _vocabularies(part, "/EPCISBody/VocabularyList")
        elif cls is EPCISDocument and pname == "EventList":
            if "events" in data:  # a second list would silently replace the first
                fail(
                    "EPCIS.IO_REPEATED_ELEMENT",
                    "/EPCISBody/EventList",
                    element=pname,
                    parent="EPCISBody",
                )
            data["events"] = _events(part, "/epcisBody/eventList") if events else []
        elif cls is EPCISQueryDocument and pname in {_QUERY_RESULTS, "QueryResults"}:
            _query_results(part, data, events=events)
        elif cls is EPCISQueryDocument:
            fail("EPCIS.IO_UNSUPPORTED_DOCUMENT", "/EPCISBody", kind=split_clark(pname)[1])
        elif pname != "extension" or len(part) or part.attrib or (part.text or "").strip():
            _unexpected(part, "/EPCISBody")  # would be silently dropped


def _query_results(qr: _El, data: dict[str, Any], *, events: bool) -> None:
    _no_attributes(qr, "/EPCISBody/QueryResults")
    _bare(qr, "/EPCISBody/QueryResults")
    for part in _children(qr):
        pname = _local(part)
        if pname in {"queryName", "subscriptionID"}:
            if part.keys():
                _plain(part, f"/EPCISBody/QueryResults/{pname}")
            data[pname] = _text(part)
        elif pname == "resultsBody":
            _no_attributes(part, "/EPCISBody/QueryResults/resultsBody")
            _bare(part, "/EPCISBody/QueryResults/resultsBody")
            for sub in _children(part):
                if _local(sub) == "EventList":
                    _no_attributes(sub, "/EPCISBody/QueryResults/resultsBody/EventList")
                    _bare(sub, "/EPCISBody/QueryResults/resultsBody/EventList")
                    where = "/epcisBody/queryResults/resultsBody/eventList"
                    if "events" in data:
                        fail(
                            "EPCIS.IO_REPEATED_ELEMENT",
                            where,
                            element="EventList",
                            parent="resultsBody",
                        )
                    data["events"] = _events(sub, where) if events else []
                elif _local(sub) == "VocabularyList":
                    data["vocabularyList"] = _vocabularies(
                        sub, "/EPCISBody/QueryResults/resultsBody/VocabularyList"
                    )


def _utf8(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def loads(source: Source) -> AnyDocument:
    """Read an EPCIS XML document (bytes, text, a path or a binary file object).

    >>> loads(b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>")
    Traceback (most recent call last):
    ...
    vntrace.errors.EpcisError: EPCIS.IO_DTD_FORBIDDEN: DTD declarations, ...
    """
    return read_document(_parse(_utf8(read_source(source))))


# --------------------------------------------------------------------------------------------
# streaming


def iter_events(source: Source) -> Iterator[Event]:
    """Yield the events of an XML document one by one; memory does not grow with the document.

    Uses ``lxml.etree.iterparse`` and clears each event element (and its processed siblings)
    after it is yielded.
    """
    for item in _stream(source, with_shell=False):
        assert not isinstance(item, _DOC_TYPES)
        yield item


def stream(source: Source) -> tuple[AnyDocument, Iterator[Event]]:
    """The document without its events (header, namespaces…) and an iterator over the events.

    The first value is read as soon as the event list starts; the events are then parsed one by
    one as the iterator is consumed.
    """
    items = _stream(source, with_shell=True)
    shell = next(items)
    assert isinstance(shell, _DOC_TYPES)

    def events() -> Iterator[Event]:
        for item in items:
            assert not isinstance(item, _DOC_TYPES)
            yield item

    return shell, events()


def stream_elements(source: Source) -> tuple[AnyDocument, Generator[tuple[_El, str], None, None]]:
    """Like :func:`stream`, but each event as its element and location, not yet read.

    The streaming converter reads each element itself (:func:`read_event_data`, or its direct
    JSON path); the checks of the event list (what may stand between events, content after the
    list) run as in :func:`stream`. The element is cleared once the next item is requested.
    """
    items = _stream(source, with_shell=True, elements=True)
    shell = next(items)
    assert isinstance(shell, _DOC_TYPES)
    return shell, items


def _stream(
    source: Source, *, with_shell: bool, elements: bool = False
) -> Generator[Any, None, None]:
    if isinstance(source, (bytes, str)):
        data = source.encode("utf-8") if isinstance(source, str) else source
        stream_: IO[bytes] = io.BytesIO(data)
    elif isinstance(source, os.PathLike):
        try:
            stream_ = Path(source).open("rb")  # noqa: SIM115 - closed in the finally below
        except OSError as exc:
            fail("EPCIS.IO_UNREADABLE", str(source), detail=os_reason(exc))
    else:
        stream_ = source
    try:
        yield from _iterparse(stream_, with_shell=with_shell, elements=elements)
    finally:
        if isinstance(source, os.PathLike):
            stream_.close()


_CHUNK = 1 << 16
_EVENT_LIST_SKIPPED = "extension"  # the 1.2 wrapper in an EventList: skipped, as by loads()


def _own_event_list(el: _El, root: _El) -> bool:
    """Whether ``el`` (an ``EventList``) is the one :func:`loads` reads, not one in an extension."""
    parent = el.getparent()
    if parent is None or parent.tag != "EPCISBody":
        if parent is None or parent.tag != "resultsBody":
            return False
        results = parent.getparent()
        if results is None or results.tag not in {_QUERY_RESULTS, "QueryResults"}:
            return False
        parent = results.getparent()
        if parent is None or parent.tag != "EPCISBody" or root.tag != _QUERY_ROOT:
            return False
    elif root.tag != _DOCUMENT_ROOT:
        return False
    return parent.getparent() is root


def _settle(own: _El, upto: int, where: str) -> None:
    """Drop the first ``upto`` children of the event list; each must be a read event or a wrapper.

    Anything else is what :func:`loads` refuses (``IO_UNKNOWN_EVENT_TYPE``); refusing it here, as
    soon as it is complete, keeps memory bounded on an event list full of other elements.
    """
    for _ in range(upto):
        child = own[0]
        tag = child.tag
        if tag not in _EVENT_TAGS and tag != _EVENT_LIST_SKIPPED:
            fail("EPCIS.IO_UNKNOWN_EVENT_TYPE", where, type=str(tag))
        tail = child.tail  # complete: a later sibling has started (loads refuses it too)
        if tail is not None and not tail.isspace():
            _no_text(own, where)
        del own[0]


def _iterparse(stream_: IO[bytes], *, with_shell: bool, elements: bool = False) -> Iterator[Any]:
    # Only the start and end of EventList and of the event elements reach Python. The input is
    # fed in chunks so that the event list can be tidied (and checked) between chunks even when
    # no event ends for a long time.
    parser = etree.XMLPullParser(
        events=("start", "end"),
        tag=_STREAM_TAGS,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    index = 0
    root: _El | None = None
    own: _El | None = None  # the document's own event list, once it has started
    where = "/epcisBody/eventList"
    done = False
    closed: Any = None
    early: AnyDocument | None = None  # the shell handed out when the event list started
    try:
        while not done:
            try:
                chunk = stream_.read(_CHUNK)
            except OSError as exc:
                fail("EPCIS.IO_UNREADABLE", detail=os_reason(exc))
            if chunk:
                parser.feed(chunk)
            else:
                closed = parser.close()
                done = True
            for kind, item in parser.read_events():
                el: _El = item  # type: ignore[assignment] # element events only (no "start-ns")
                if root is None:
                    root = el.getroottree().getroot()
                    _check_docinfo(root.getroottree())
                    _check_root(root)
                    if root.tag == _QUERY_ROOT:
                        where = "/epcisBody/queryResults/resultsBody/eventList"
                if kind == "start":
                    if el.tag == "EventList" and _own_event_list(el, root):
                        if own is not None:
                            fail(
                                "EPCIS.IO_REPEATED_ELEMENT",
                                where,
                                element="EventList",
                                parent=str(el.getparent().tag),  # type: ignore[union-attr]
                            )
                        own = el
                        if with_shell:
                            early = read_document(root, events=False)
                            yield early
                            with_shell = False
                    continue
                if own is None or el.getparent() is not own:
                    continue  # the list itself, or an event inside an extension: not an event
                _settle(own, own.index(el), f"{where}/{index}")
                if elements:
                    yield el, f"{where}/{index}"  # valid until the consumer asks for the next one
                else:
                    yield read_event(el, f"{where}/{index}")
                index += 1
                el.clear(keep_tail=True)  # type: ignore[call-arg] # _settle checks the tail
            if own is not None and len(own) > (0 if done else 1):
                # every child but the last (which may still be open) is complete: check, drop
                _settle(own, len(own) - (0 if done else 1), f"{where}/{index}")
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc) from None
    if root is None:  # no event list: check the root and read the (small) document
        found: Any = closed
        if found is None:  # pragma: no cover - lxml raises on empty input
            fail("EPCIS.IO_MALFORMED_XML", line=0, detail="empty document")
        _check_docinfo(found.getroottree())
        _check_root(found)
        root = found
    # the whole document without its events, checked as loads() checks it
    shell = read_document(root, events=False)
    if with_shell:
        yield shell
    elif early is not None and shell != early:
        # Document content after the event list reached the reader too late for a consumer
        # of the shell (the streaming converter writes the head first): refuse, never drop.
        fail("EPCIS.IO_LATE_DOCUMENT_CONTENT", "/")


def _check_root(root: _El) -> None:
    tag = root.tag
    if tag in {
        f"{{{EPCIS_NS}}}EPCISDocument",
        f"{{{QUERY_NS}}}EPCISQueryDocument",
        f"{{{MASTERDATA_NS}}}EPCISMasterDataDocument",
    }:
        return
    fail("EPCIS.IO_NOT_EPCIS", "/", root=str(tag))


# --------------------------------------------------------------------------------------------
# writing


class _Writer:
    def __init__(
        self, namespaces: Mapping[str, str], form: CbvForm, used: Iterable[str] = ()
    ) -> None:
        self.form: cbv.Form = form
        named = {**namespaces}
        if SBDH_NS in used and "sbdh" not in named:
            named.setdefault("sbdh", SBDH_NS)
        # the xml: prefix is predeclared; declaring it again is not well-formed
        used = [ns for ns in used if ns != XML_NS]
        self.prefix_of = prefix_map(named, used, ("epcis", "epcisq", "epcismd", "xsi", "xsd"))

    def nsmap(self, root_ns: tuple[str, str], extra: Mapping[str, str]) -> dict[str, str]:
        out: dict[str, str] = {root_ns[0]: root_ns[1], "xsi": XSI_NS, "xsd": XSD_NS}
        used = set(out.values())
        for prefix, ns in extra.items():
            if prefix not in out and ns not in used:
                out[prefix] = ns
                used.add(ns)
        return out

    def sub(self, parent: _El, tag: str, text: str | None = None) -> _El:
        el = etree.SubElement(parent, tag)
        if text is not None:
            el.text = text
        return el

    def qname(self, key: str) -> str:
        ns, local = split_clark(key.removeprefix("@"))
        return local if ns is None else f"{{{ns}}}{local}"

    def ext(self, parent: _El, key: str, value: Any, where: str) -> None:
        if isinstance(value, list):
            # XML repeats an element for each item: no items or one item would read back as
            # something else (the key gone, or the item alone).
            if any(isinstance(item, list) for item in value):
                fail("EPCIS.IO_XML_UNREPRESENTABLE", where, detail="nested arrays")
            if len(value) < 2:
                code = "EPCIS.IO_XML_ONE_ITEM_LIST" if value else "EPCIS.IO_XML_EMPTY_LIST"
                fail(code, where)
            for item in value:
                self.ext(parent, key, item, where)
            return
        el = etree.SubElement(parent, self.qname(key), nsmap=self._nsmap_for(key))
        self.value(el, value, where)

    def _nsmap_for(self, key: str) -> dict[str, str] | None:
        ns, _ = split_clark(key)
        if ns is None or ns == XML_NS:
            return None
        prefix = self.prefix_of.get(ns)
        if prefix is None:
            prefix = self.prefix_of[ns] = f"ns{len(self.prefix_of) + 1}"
        return {prefix: ns}

    def value(self, el: _El, value: Any, where: str) -> None:
        if value is None:
            el.set(f"{{{XSI_NS}}}nil", "true")
        elif isinstance(value, bool):
            el.set(_XSI_TYPE, "xsd:boolean")
            el.text = "true" if value else "false"
        elif isinstance(value, int):
            el.set(_XSI_TYPE, "xsd:integer")
            el.text = str(value)
        elif isinstance(value, float):
            el.set(_XSI_TYPE, "xsd:double")
            el.text = format_float(value)
        elif isinstance(value, str):
            el.text = value
        elif isinstance(value, dict):
            if not value:
                fail("EPCIS.IO_XML_EMPTY_OBJECT", where)
            if sum(1 for key in value if key.startswith("@")) > MAX_XML_ATTRIBUTES:
                # lxml adds attributes in quadratic time: bound the work, say so.
                fail("EPCIS.IO_TOO_MANY_ATTRIBUTES", where, limit=MAX_XML_ATTRIBUTES)
            for key, item in value.items():
                if key == "#text":
                    self.text(el, item, len(value), f"{where}/#text")
                elif key.startswith("@"):
                    el.set(self.qname(key), _attr_text(item, f"{where}/{key}"))
                else:
                    self.ext(el, key, item, f"{where}/{key}")
        else:  # pragma: no cover - the model admits JSON values only
            fail("EPCIS.IO_XML_UNREPRESENTABLE", where, detail=type(value).__name__)

    def text(self, el: _El, value: Any, keys: int, where: str) -> None:
        """The ``#text`` of an extension object: read back only beside attributes or children."""
        if keys == 1:
            fail("EPCIS.IO_XML_TEXT_ONLY_OBJECT", where)
        if (
            value is None
            or isinstance(value, (dict, list))
            or (isinstance(value, str) and not value.strip())
        ):
            # nil, nested content or blank text beside children would not be read back
            fail(
                "EPCIS.IO_XML_UNREPRESENTABLE",
                where,
                detail="'#text' must be non-blank text, a number or a boolean",
            )
        self.value(el, value, where)

    def exts(self, parent: _El, ext: Mapping[str, Any], where: str) -> None:
        for key, value in ext.items():
            if key[:1] == "@":  # an unqualified attribute of the standard element
                parent.set(self.qname(key), _attr_text(value, f"{where}/{key}"))
            else:
                self.ext(parent, key, value, f"{where}/{key}")

    def vocab(self, value: str, vocab: str) -> str:
        return cbv.render(value, vocab, self.form)

    # events ---------------------------------------------------------------------------------
    def event(self, parent: _El | None, event: Event, where: str) -> _El:
        tag = event.type
        el = etree.Element(tag) if parent is None else etree.SubElement(parent, tag)
        for attr, name in FIELD_ORDER[tag]:
            value = getattr(event, attr)
            if value is None:
                continue
            self.field(el, name, value, f"{where}/{name}")
        self.exts(el, event.extensions, where)
        return el

    def field(self, el: _El, name: str, value: Any, where: str) -> None:
        if isinstance(value, datetime):
            self.sub(el, name, format_ts(value))
        elif name in {"bizStep", "disposition"}:
            self.sub(el, name, self.vocab(value, "bizstep" if name == "bizStep" else "disp"))
        elif name == "certificationInfo":
            for item in (value,) if isinstance(value, str) else value:
                self.sub(el, name, item)
        elif name in _EPC_LISTS:
            lst = self.sub(el, name)
            for epc in value:
                self.sub(lst, "epc", epc)
        elif name in _QTY_LISTS:
            lst = self.sub(el, name)
            for q in value:
                qe = self.sub(lst, "quantityElement")
                self.sub(qe, "epcClass", q.epc_class)
                if q.quantity is not None:
                    self.sub(qe, "quantity", _decimal_text(q.quantity))
                elif q.uom is not None:
                    self.sub(qe, "quantity").set(f"{{{XSI_NS}}}nil", "true")
                if q.uom is not None:
                    self.sub(qe, "uom", q.uom)
        elif name in {"readPoint", "bizLocation"}:
            loc = self.sub(el, name)
            self.sub(loc, "id", value.id)
            self.exts(loc, value.extensions, where)
        elif name == "bizTransactionList":
            lst = self.sub(el, name)
            for bt in value:
                item = self.sub(lst, "bizTransaction", bt.biz_transaction)
                if bt.type is not None:
                    item.set("type", self.vocab(bt.type, "btt"))
        elif name in {"sourceList", "destinationList"}:
            key = "source" if name == "sourceList" else "destination"
            lst = self.sub(el, name)
            for sd in value:
                self.sub(lst, key, getattr(sd, key)).set("type", self.vocab(sd.type, "sdt"))
        elif name == "persistentDisposition":
            pd = self.sub(el, name)
            for part in ("unset", "set"):
                for disp in getattr(value, part) or ():
                    self.sub(pd, part, self.vocab(disp, "disp"))
        elif name == "ilmd":
            self.exts(self.sub(el, name), value, where)
        elif name == "errorDeclaration":
            ed = self.sub(el, name)
            self.sub(ed, "declarationTime", format_ts(value.declaration_time))
            if value.reason is not None:
                self.sub(ed, "reason", self.vocab(value.reason, "er"))
            if value.corrective_event_ids is not None:
                ids = self.sub(ed, "correctiveEventIDs")
                for cid in value.corrective_event_ids:
                    self.sub(ids, "correctiveEventID", cid)
            self.exts(ed, value.extensions, where)
        elif name == "sensorElementList":
            lst = self.sub(el, name)
            for i, se in enumerate(value):
                self.sensor(self.sub(lst, "sensorElement"), se, f"{where}/{i}")
        else:
            self.sub(el, name, str(value))

    def sensor(self, el: _El, se: Any, where: str) -> None:
        if se.sensor_metadata is not None:
            md = self.sub(el, "sensorMetadata")
            self.attrs(md, se.sensor_metadata, _METADATA_ATTRS, f"{where}/sensorMetadata")
        for i, rep in enumerate(se.sensor_report):
            self.attrs(self.sub(el, "sensorReport"), rep, _REPORT_ATTRS, f"{where}/{i}")
        self.exts(el, se.extensions, where)

    def attrs(self, el: _El, obj: Any, names: tuple[str, ...], where: str) -> None:
        fields = type(obj).model_fields
        by_alias = {f.alias or n: n for n, f in fields.items()}
        for name in names:
            value = getattr(obj, by_alias[name], None)
            if value is None:
                continue
            if isinstance(value, datetime):
                text = format_ts(value)
            elif isinstance(value, bool):
                text = "true" if value else "false"
            elif isinstance(value, float):
                text = format_float(value)
            elif name in _REPORT_VOCAB:
                text = self.vocab(value, _REPORT_VOCAB[name])
            else:
                text = str(value)
            el.set(name, text)
        for key, value in obj.extensions.items():
            el.set(self.qname(key), _attr_text(value, f"{where}/{key}"))

    # documents ------------------------------------------------------------------------------
    def vocabularies(self, parent: _El, vocabularies: Any, where: str) -> None:
        vl = self.sub(parent, "VocabularyList")
        for voc in vocabularies:
            v = self.sub(vl, "Vocabulary")
            v.set("type", voc.type)
            if voc.vocabulary_element_list is not None:
                vel = self.sub(v, "VocabularyElementList")
                for ve in voc.vocabulary_element_list:
                    e = self.sub(vel, "VocabularyElement")
                    e.set("id", ve.id)
                    for attr in ve.attributes:
                        a = self.sub(e, "attribute")
                        a.set("id", attr.id)
                        if isinstance(attr.attribute, dict) or attr.attribute is not None:
                            self.value(a, attr.attribute, where)
                    if ve.children is not None:
                        ch = self.sub(e, "children")
                        for cid in ve.children:
                            self.sub(ch, "id", cid)
                    self.exts(e, ve.extensions, where)
            self.exts(v, voc.extensions, where)

    def header(self, root: _El, header: EPCISHeader) -> None:
        h = self.sub(root, "EPCISHeader")
        self.exts(h, header.extensions, "/epcisHeader")
        if header.vocabulary_list is not None:
            md = self.sub(self.sub(h, "extension"), "EPCISMasterData")
            self.vocabularies(md, header.vocabulary_list, "/epcisHeader")

    def root(self, doc: AnyDocument) -> _El:
        if isinstance(doc, EPCISQueryDocument):
            root_ns = ("epcisq", QUERY_NS)
        elif isinstance(doc, EPCISMasterDataDocument):
            root_ns = ("epcismd", MASTERDATA_NS)
        else:
            root_ns = ("epcis", EPCIS_NS)
        extra = {p: ns for ns, p in self.prefix_of.items()}
        if len(extra) > MAX_XML_NAMESPACES:  # lxml declares namespaces in quadratic time
            fail("EPCIS.IO_TOO_MANY_NAMESPACES", limit=MAX_XML_NAMESPACES)
        root = etree.Element(f"{{{root_ns[1]}}}{doc.type}", nsmap=self.nsmap(root_ns, extra))
        root.set("schemaVersion", doc.schema_version)
        if doc.creation_date is not None:
            root.set("creationDate", format_ts(doc.creation_date))
        for name, attr in _PSEUDO_SBDH.items():
            value = getattr(doc, attr)
            if value is not None:
                root.set(name, value)
        for key, value in doc.extensions.items():
            if isinstance(value, str) or key[:1] == "@":  # others are written as elements
                root.set(self.qname(key), _attr_text(value, f"/{key}"))
        if doc.header is not None:
            self.header(root, doc.header)
        return root


def _attr_text(value: Any, where: str) -> str:
    """An attribute value: text only (a number or boolean would be read back as text)."""
    if not isinstance(value, str):
        fail("EPCIS.IO_XML_TYPED_ATTRIBUTE", where)
    return value


def _decimal_text(value: Any) -> str:
    return format(value, "f")


def _serialise(root: _El) -> bytes:
    etree.cleanup_namespaces(root, keep_ns_prefixes=[p for p in root.nsmap if p])
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out


def dumps(doc: AnyDocument, *, cbv_form: CbvForm = "urn") -> bytes:
    """Serialise a document as EPCIS 2.0 XML (UTF-8, XSD element order).

    ``cbv_form`` chooses how CBV values are written: ``"urn"`` (default) or ``"web"``. Values
    XML cannot hold (a namespace that is not a URI, control characters…) raise
    :class:`~vntrace.errors.EpcisError` ``EPCIS.IO_XML_UNREPRESENTABLE``.
    """
    try:
        return _dumps(doc, cbv_form)
    except EpcisError:
        raise
    except ValueError as exc:
        raise _unrepresentable(exc) from None


def _unrepresentable(exc: ValueError) -> EpcisError:
    """lxml's ``ValueError`` on a name or text XML cannot hold, as our error."""
    return EpcisError(finding("EPCIS.IO_XML_UNREPRESENTABLE", detail=str(exc)[:200]))


def _dumps(doc: AnyDocument, cbv_form: CbvForm) -> bytes:
    writer = _Writer(doc.namespaces, cbv_form, used_namespaces(doc))
    root = writer.root(doc)
    body = writer.sub(root, "EPCISBody")
    if isinstance(doc, EPCISMasterDataDocument):
        if doc.vocabulary_list is not None:
            writer.vocabularies(body, doc.vocabulary_list, "/EPCISBody")
    elif isinstance(doc, EPCISQueryDocument):
        qr = etree.SubElement(body, _QUERY_RESULTS)
        writer.sub(qr, "queryName", doc.query_name)
        if doc.subscription_id is not None:
            writer.sub(qr, "subscriptionID", doc.subscription_id)
        rb = writer.sub(qr, "resultsBody")
        if doc.vocabulary_list is not None and not doc.events:
            writer.vocabularies(rb, doc.vocabulary_list, "/epcisBody/queryResults")
        else:
            container = writer.sub(rb, "EventList")
            for i, event in enumerate(doc.events):
                writer.event(container, event, f"/eventList/{i}")
    else:
        container = writer.sub(body, "EventList")
        for i, event in enumerate(doc.events):
            writer.event(container, event, f"/eventList/{i}")
    for key, value in doc.extensions.items():
        if not isinstance(value, str) and key[:1] != "@":
            writer.ext(root, key, value, f"/{key}")
    return _serialise(root)


def write_event(
    event: Event, namespaces: Mapping[str, str] | None = None, *, cbv_form: CbvForm = "urn"
) -> _El:
    """The XML element of one event (used by the streaming converter)."""
    try:
        return _Writer(namespaces or {}, cbv_form).event(None, event, "")
    except EpcisError:
        raise
    except ValueError as exc:
        raise _unrepresentable(exc) from None


class StreamWriter:
    """Write an ``EPCISDocument`` incrementally: header first, then one event at a time."""

    def __init__(
        self,
        out: IO[bytes],
        doc: AnyDocument,
        *,
        cbv_form: CbvForm = "urn",
    ) -> None:
        self._writer = _Writer(doc.namespaces, cbv_form, used_namespaces(doc))
        self._doc = doc
        self._out = out
        self._ctx: Any = None
        self._stack: list[Any] = []
        self._count = 0

    def __enter__(self) -> Self:
        root = self._writer.root(self._doc)
        self._ctx = etree.xmlfile(self._out, encoding="UTF-8")
        xf = self._ctx.__enter__()
        xf.write_declaration()
        self._xf = xf
        attrs: dict[str, str] = {str(k): str(v) for k, v in root.attrib.items()}
        nsmap: dict[str, str] = {str(k): v for k, v in root.nsmap.items()}
        if any(key.startswith(f"{{{XML_NS}}}") for key in attrs):
            # lxml's incremental writer would invent a prefix (ns0) for the xml namespace, which
            # is not well-formed; binding it to its own prefix is allowed and reads back as is
            nsmap["xml"] = XML_NS
        elem = xf.element(root.tag, attrs, nsmap=nsmap)
        elem.__enter__()
        self._stack.append(elem)
        for child in root:
            xf.write(child, pretty_print=True)
        body = xf.element("EPCISBody")
        body.__enter__()
        self._stack.append(body)
        if isinstance(self._doc, EPCISQueryDocument):
            qr = xf.element(_QUERY_RESULTS)
            qr.__enter__()
            self._stack.append(qr)
            xf.write(_make("queryName", self._doc.query_name), pretty_print=False)
            if self._doc.subscription_id is not None:
                xf.write(_make("subscriptionID", self._doc.subscription_id), pretty_print=False)
            rb = xf.element("resultsBody")
            rb.__enter__()
            self._stack.append(rb)
        el = xf.element("EventList")
        el.__enter__()
        self._stack.append(el)
        return self

    def write(self, event: Event) -> None:
        """Append one event."""
        el = self._writer.event(None, event, f"/eventList/{self._count}")
        self._count += 1
        self._xf.write(el, pretty_print=True)

    def __exit__(self, *exc: object) -> None:
        while len(self._stack) > 1:
            self._stack.pop().__exit__(None, None, None)
        if exc[0] is None:
            # Document-level extensions that are not text are elements after the body (as in
            # dumps()); without them a streamed conversion would silently drop them.
            holder = etree.Element("holder")
            for key, value in self._doc.extensions.items():
                if not isinstance(value, str) and key[:1] != "@":
                    self._writer.ext(holder, key, value, f"/{key}")
            for child in holder:
                self._xf.write(child, pretty_print=True)
        while self._stack:
            self._stack.pop().__exit__(None, None, None)
        self._ctx.__exit__(None, None, None)


def _make(tag: str, text: str) -> _El:
    el = etree.Element(tag)
    el.text = text
    return el
