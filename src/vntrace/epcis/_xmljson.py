"""Direct path of the streaming converter: an XML event element straight to JSON-ready data.

The general path reads an event element into the alias-keyed dict of
:class:`vntrace.epcis.xml._EventReader`, validates it into the pydantic model and renders the
dict with :meth:`vntrace.epcis.jsonld._Out.event_data`. For the shapes that make up almost every
real document (the five event types with their standard fields, extension elements) this
module produces the same dict in one pass over the element, without building the model; an
extension value that is more than text is read and rendered by the reader's and the writer's
own functions.

It *decides* nothing on its own: it only answers when it can tell that the general path would
accept the event and what that path would write, and declines (``None``) otherwise — an
attribute where the reader would keep or refuse one, a repeated field or extension (the reader
groups a list), an ``errorDeclaration``, a 1.2 ``extension`` wrapper, a timestamp, number or
term it does not recognise, a namespace without a JSON-LD prefix yet. The converter then runs
the general path on the same element, which writes the event or refuses it with its findings.
A declined event costs one wasted partial read; the outputs of both paths are byte-identical
(tested differentially).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, Final, cast

from lxml import etree

from vntrace.epcis import cbv
from vntrace.epcis._io import check_ts, decimal_to_json, parse_bool, parse_decimal, parse_float
from vntrace.epcis.model import FIELD_ORDER
from vntrace.epcis.xml import _ext_value as read_extension
from vntrace.errors import EpcisError

__all__ = ["DirectReader"]

_El = etree._Element  # noqa: SLF001 - lxml exposes its element type only under this name


class _Decline(Exception):
    """The direct path cannot tell what the general path would do with this event."""


_DECLINE: Final = _Decline()

_ORDER = {kind: tuple(alias for _, alias in order) for kind, order in FIELD_ORDER.items()}
_TIMES = ("eventTime", "eventTimeZoneOffset")
_REQUIRED = {  # what the model requires
    "ObjectEvent": frozenset({*_TIMES, "action"}),
    "AggregationEvent": frozenset({*_TIMES, "action"}),
    "TransactionEvent": frozenset({*_TIMES, "action", "bizTransactionList"}),
    "TransformationEvent": frozenset(_TIMES),
    "AssociationEvent": frozenset({*_TIMES, "action", "parentID"}),
}
_ACTIONS = frozenset({"ADD", "OBSERVE", "DELETE"})
# every value of the model's eventTimeZoneOffset pattern: ±hh:mm from -14:00 to +14:00
_OFFSETS = frozenset(
    f"{sign}{h:02d}:{m:02d}" for sign in "+-" for h in range(14) for m in range(60)
) | {"+14:00", "-14:00"}
_SMALL_INT = re.compile(r"[0-9]{1,18}\Z")  # below 2**63: an exact JSON integer
# attribute -> how the reader reads it: "text", "number", "time", "boolean" or a vocabulary key
# (the names of vntrace.epcis.xml._METADATA_ATTRS and _REPORT_ATTRS; others are extensions)
_SHARED_KINDS = {
    "time": "time",
    **dict.fromkeys(("deviceID", "deviceMetadata", "rawData", "bizRules"), "text"),
    "dataProcessingMethod": "text",
}
_METADATA_KINDS = {**_SHARED_KINDS, "startTime": "time", "endTime": "time"}
_REPORT_KINDS = {
    **_SHARED_KINDS,
    **dict.fromkeys(
        ("value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue"), "number"
    ),
    **dict.fromkeys(
        ("stringValue", "hexBinaryValue", "uriValue", "uom", "chemicalSubstance"), "text"
    ),
    **dict.fromkeys(("microorganism", "coordinateReferenceSystem"), "text"),
    "booleanValue": "boolean",
    "type": "measurement",
    "exception": "alert",
    "component": "comp",
}
_PLAIN_NUMBER = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?\Z").match  # finite, no exponent
_FEW_ATTRIBUTES: Final = 32  # beyond this the reader walks attributes another way: decline
_CBVMDA_VARIANT = "{urn:epcglobal:cbv:mda:}"


def _blank(text: str | None) -> bool:
    return text is None or not text or text.isspace()


def _text(el: _El) -> str:
    text = el.text
    return text.strip() if text else ""


def _leaf(el: _El) -> str:
    """The stripped text of a field that must not contain elements."""
    if len(el):
        raise _DECLINE
    text = el.text
    return text.strip() if text else ""


def _bare(el: _El) -> None:
    """Decline a container with text around or between its children (the reader refuses it)."""
    text = el.text
    if text and not text.isspace():
        raise _DECLINE
    for child in el:
        tail = child.tail
        if tail and not tail.isspace():
            raise _DECLINE


def _stamp(raw: str) -> str:
    """The text the reader keeps for a timestamp, if the model accepts it."""
    try:
        value = check_ts(raw)
        datetime.fromisoformat(value)  # a real date (not 30 February), as the model checks
    except (EpcisError, ValueError):
        raise _DECLINE from None
    return value


def _number(raw: str) -> float:
    """A sensor number as the reader reads it, if JSON can hold it."""
    if _PLAIN_NUMBER(raw):
        return float(raw)
    try:
        number = parse_float(raw)
    except EpcisError:
        raise _DECLINE from None
    if not math.isfinite(number):  # NaN, INF: the JSON writer refuses them
        raise _DECLINE
    return number


def _quantity(raw: str | None) -> int | float:
    text = raw.strip() if raw else ""
    if _SMALL_INT.match(text):
        return int(text)
    try:
        return decimal_to_json(parse_decimal(text))
    except EpcisError:
        raise _DECLINE from None


class DirectReader:
    """Turns event elements into the dicts the JSON-LD writer would write, or declines.

    ``prefix_of`` is the writer's live ``namespace → prefix`` map: an extension in a namespace
    it does not hold yet is declined (the general path assigns the prefix and announces it).
    ``render_ext`` is the writer's rendering of a nested extension value (prefixed keys).
    """

    def __init__(self, prefix_of: dict[str, str], render_ext: Callable[[Any], Any]) -> None:
        self.prefix_of = prefix_of
        self.render_ext = render_ext
        self._keys: dict[str, str] = {}  # extension tag -> JSON key
        self._terms: dict[str, dict[str, str]] = {}  # vocabulary -> known spelling -> term

    def event(self, el: _El) -> dict[str, Any] | None:
        """The JSON-ready dict of event element ``el``, or ``None`` to use the general path."""
        try:
            return self._event(el)
        except _Decline:
            return None

    # pieces ---------------------------------------------------------------------------------
    def key(self, tag: str) -> str:
        """The JSON key of a namespaced extension element (``prefix:local``)."""
        found = self._keys.get(tag)
        if found is not None:
            return found
        ns, _, local = tag[1:].partition("}")
        if tag.startswith(_CBVMDA_VARIANT):
            ns = ns[:-1]
        prefix = self.prefix_of.get(ns)
        if prefix is None:
            raise _DECLINE
        found = self._keys[tag] = f"{prefix}:{local}"
        return found

    def ext_value(self, el: _El) -> Any:
        """The JSON value of an extension element, as the reader and the writer make it."""
        if not len(el) and not el.keys():  # text only, the common case: kept verbatim
            return el.text or ""
        try:
            value = read_extension(el)  # nested, typed, with attributes: the reader's own code
        except EpcisError:  # mixed content …: the general path refuses it
            raise _DECLINE from None
        if not self._known(value):
            raise _DECLINE
        try:
            return self.render_ext(value)
        except EpcisError:  # NaN/INF typed as xsd:double: the writer refuses it
            raise _DECLINE from None

    def _known(self, value: Any) -> bool:
        """Whether every namespace of the keys in ``value`` has its JSON-LD prefix already."""
        if isinstance(value, dict):
            for key, item in value.items():
                name = key[1:] if key[:1] == "@" else key
                if name[:1] == "{" and name[1:].partition("}")[0] not in self.prefix_of:
                    return False
                if isinstance(item, (dict, list)) and not self._known(item):
                    return False
        elif isinstance(value, list):
            return all(self._known(item) for item in value)
        return True

    def vocab(self, value: str, vocab: str, owner: _El) -> str:
        """The reader's term for ``value``: the bare CBV term, or the value as normalised."""
        terms = self._terms.get(vocab)
        if terms is None:
            terms = self._terms[vocab] = {}
        found = terms.get(value)
        if found is not None:
            return found
        found = cbv.lookup(value, vocab)
        if found is not None:
            terms[value] = found
            return found
        prefixes = {k: v for k, v in owner.nsmap.items() if k}
        return cbv.normalise(value, vocab, prefixes)

    # the event ------------------------------------------------------------------------------
    def _event(self, el: _El) -> dict[str, Any]:
        kind: str = el.tag  # the parser hands over event elements only
        handlers = _HANDLERS[kind]
        text = el.text
        if el.keys() or (text and not text.isspace()):
            raise _DECLINE
        out: dict[str, Any] = {"type": kind}
        ext: dict[str, Any] = {}
        last = -1
        ordered = True  # fields seen in XSD order so far: ``out`` needs no reordering
        for child in el:
            tag: str = child.tag  # comments and PIs are removed by the parser
            tail = child.tail
            if tail and not tail.isspace():
                raise _DECLINE
            entry = handlers.get(tag)
            if entry is None:  # an extension, or not a field of this type
                if tag[0] != "{":
                    raise _DECLINE
                key = self.key(tag)
                if key in ext:  # repeated: the reader groups a list
                    raise _DECLINE
                ext[key] = self.ext_value(child)
                continue
            if child.keys():  # kept, or refused (XML_UNEXPECTED_ATTRIBUTE): the reader decides
                raise _DECLINE
            rank, handler = entry
            if ordered and rank > last:  # strictly increasing ranks: no field repeated
                last = rank
            else:
                ordered = False
                if tag in out:  # repeated
                    raise _DECLINE
            out[tag] = handler(self, child, el)
        if not out.keys() >= _REQUIRED[kind]:
            raise _DECLINE
        if not ordered:
            fields = out
            out = {"type": kind}
            for alias in _ORDER[kind]:
                value = fields.get(alias)
                if value is not None:
                    out[alias] = value
        if ext:
            out.update(ext)
        return out

    # fields (each returns the JSON value of one event child) -------------------------------
    def f_time(self, el: _El, _event: _El) -> str:
        return _stamp(_leaf(el))

    def f_offset(self, el: _El, _event: _El) -> str:
        value = _leaf(el)
        if value not in _OFFSETS:
            raise _DECLINE
        return value

    def f_action(self, el: _El, _event: _El) -> str:
        value = _leaf(el)
        if value not in _ACTIONS:
            raise _DECLINE
        return value

    def f_text(self, el: _El, _event: _El) -> str:
        return _leaf(el)

    def f_bizstep(self, el: _El, event: _El) -> str:
        return self.vocab(_leaf(el), "bizstep", event)

    def f_disposition(self, el: _El, event: _El) -> str:
        return self.vocab(_leaf(el), "disp", event)

    def f_epcs(self, el: _El, _event: _El) -> list[str]:
        _bare(el)
        out = []
        for epc in el:
            if len(epc) or epc.keys():
                raise _DECLINE
            text = epc.text
            out.append(text.strip() if text else "")
        return out

    def f_quantities(self, el: _El, _event: _El) -> list[dict[str, Any]]:
        _bare(el)
        items = []
        for qe in el:
            if qe.keys():
                raise _DECLINE
            _bare(qe)
            item: dict[str, Any] = {}
            for part in qe:
                name = part.tag
                if name in item or len(part) or part.keys():
                    raise _DECLINE
                if name == "quantity":
                    item[name] = _quantity(part.text)
                elif name in {"epcClass", "uom"}:
                    item[name] = _text(part)
                else:
                    raise _DECLINE
            if "epcClass" not in item:
                raise _DECLINE
            items.append(item)
        return items

    def f_location(self, el: _El, _event: _El) -> dict[str, str]:
        if el.attrib:
            raise _DECLINE
        _bare(el)
        item: dict[str, str] | None = None
        for part in el:
            if item is not None or part.tag != "id" or part.keys():
                raise _DECLINE
            item = {"id": _leaf(part)}
        if item is None:
            raise _DECLINE
        return item

    def f_biztx(self, el: _El, event: _El) -> list[dict[str, str]]:
        _bare(el)
        items = []
        for bt in el:
            item = {"bizTransaction": _leaf(bt)}
            kind = bt.get("type")
            if len(bt.keys()) > (kind is not None):  # more than its type: the reader refuses
                raise _DECLINE
            if kind is not None:
                item["type"] = self.vocab(kind.strip(), "btt", event)
            items.append(item)
        return items

    def f_sources(self, el: _El, event: _El) -> list[dict[str, str]]:
        return self._parties(el, event, "source")

    def f_destinations(self, el: _El, event: _El) -> list[dict[str, str]]:
        return self._parties(el, event, "destination")

    def _parties(self, el: _El, event: _El, key: str) -> list[dict[str, str]]:
        _bare(el)
        items = []
        for sd in el:
            kind = sd.get("type")
            if kind is None or len(sd.keys()) > 1:  # type required; nothing else allowed
                raise _DECLINE
            items.append({key: _leaf(sd), "type": self.vocab(kind.strip(), "sdt", event)})
        return items

    def f_persistent(self, el: _El, event: _El) -> dict[str, list[str]]:
        if el.attrib:
            raise _DECLINE
        _bare(el)
        item: dict[str, list[str]] = {}
        for part in el:
            name = part.tag
            if name not in {"set", "unset"} or part.keys():
                raise _DECLINE
            item.setdefault(name, []).append(self.vocab(_leaf(part), "disp", event))
        return item

    def f_ilmd(self, el: _El, _event: _El) -> dict[str, Any]:
        if el.attrib or not _blank(el.text):
            raise _DECLINE
        out: dict[str, Any] = {}
        for part in el:
            tag: str = part.tag
            if tag[0] != "{" or not _blank(part.tail):
                raise _DECLINE
            key = self.key(tag)
            if key in out:
                raise _DECLINE
            out[key] = self.ext_value(part)
        return out

    def f_sensors(self, el: _El, _event: _El) -> list[dict[str, Any]]:
        _bare(el)
        items = []
        for se in el:
            if se.tag != "sensorElement" or se.attrib:
                raise _DECLINE
            _bare(se)
            item: dict[str, Any] = {}
            reports = []
            for part in se:
                name = part.tag
                if name == "sensorReport":
                    reports.append(self._sensor(part, _REPORT_KINDS))
                elif name == "sensorMetadata" and name not in item:
                    item[name] = self._sensor(part, _METADATA_KINDS)
                else:
                    raise _DECLINE
            item["sensorReport"] = reports
            items.append(item)
        return items

    def _sensor(self, el: _El, known: dict[str, str]) -> dict[str, Any]:
        if len(el) or not _blank(el.text):
            raise _DECLINE
        attrs = cast("list[tuple[str, str]]", el.items())
        if len(attrs) > _FEW_ATTRIBUTES:
            raise _DECLINE
        item: dict[str, Any] = {}
        for name, raw in attrs:
            kind = known.get(name)
            if kind is None:  # an extension or a name the reader refuses
                raise _DECLINE
            if kind == "text":
                item[name] = raw.strip()
            elif kind == "number":
                item[name] = _number(raw)
            elif kind == "time":
                item[name] = _stamp(raw)
            elif kind == "boolean":
                try:
                    item[name] = parse_bool(raw)
                except EpcisError:
                    raise _DECLINE from None
            else:
                item[name] = self.vocab(raw.strip(), kind, el)
        return item


_Field = Callable[[DirectReader, _El, _El], Any]
_FIELDS: dict[str, _Field] = {
    "eventTime": DirectReader.f_time,
    "recordTime": DirectReader.f_time,
    "eventTimeZoneOffset": DirectReader.f_offset,
    "eventID": DirectReader.f_text,
    "parentID": DirectReader.f_text,
    "transformationID": DirectReader.f_text,
    "certificationInfo": DirectReader.f_text,
    "action": DirectReader.f_action,
    "bizStep": DirectReader.f_bizstep,
    "disposition": DirectReader.f_disposition,
    "epcList": DirectReader.f_epcs,
    "childEPCs": DirectReader.f_epcs,
    "inputEPCList": DirectReader.f_epcs,
    "outputEPCList": DirectReader.f_epcs,
    "quantityList": DirectReader.f_quantities,
    "childQuantityList": DirectReader.f_quantities,
    "inputQuantityList": DirectReader.f_quantities,
    "outputQuantityList": DirectReader.f_quantities,
    "readPoint": DirectReader.f_location,
    "bizLocation": DirectReader.f_location,
    "bizTransactionList": DirectReader.f_biztx,
    "sourceList": DirectReader.f_sources,
    "destinationList": DirectReader.f_destinations,
    "persistentDisposition": DirectReader.f_persistent,
    "ilmd": DirectReader.f_ilmd,
    "sensorElementList": DirectReader.f_sensors,
}
# per event type: the fields this module reads (errorDeclaration and the 1.2 wrappers are left
# to the general path)
_HANDLERS = {
    kind: {alias: (rank, _FIELDS[alias]) for rank, alias in enumerate(order) if alias in _FIELDS}
    for kind, order in _ORDER.items()
}
