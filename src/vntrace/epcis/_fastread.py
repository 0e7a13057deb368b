"""Building the models of common JSON-LD events without pydantic's validation (private).

Most events are plain: strings where strings belong, lists of strings, locations with only an
``id``, quantity and transaction elements without extensions. For those, every check pydantic
would make is made here in a few comparisons and the frozen models are created directly (what
``model_construct`` does, without its per-field alias search). Anything else — a value of
another type, a missing required field, an error declaration, a nested ``@context`` — is
declined (``None``) and the event takes the general path of :mod:`vntrace.epcis.jsonld`, whose
findings are the reference. tests/property/test_epcis_fast_build.py checks that both paths
build equal models (and the same fields set) on generated and mutated events.

Compiled with mypyc where the build can (``setup.py``), like :mod:`vntrace.epcis._canon`: the
caller passes a ``dict`` and a ``str``; nothing here recurses (extension values go through the
caller's ``ext_value``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any, Final

from pydantic import BaseModel

from vntrace.epcis import cbv
from vntrace.epcis._io import _TS, VOCAB_FIELDS, parse_ts
from vntrace.epcis._json import _Scanner
from vntrace.epcis.model import (
    EVENT_TYPES,
    FIELD_ORDER,
    BizLocation,
    BizTransaction,
    Destination,
    PersistentDisposition,
    QuantityElement,
    ReadPoint,
    SensorElement,
    SensorMetadata,
    SensorReport,
)
from vntrace.epcis.model import Source as SourceModel
from vntrace.errors import EpcisError

_EVENT_KEYS = {name: {alias for _, alias in order} for name, order in FIELD_ORDER.items()}
SENSOR_NUMBERS = frozenset(
    {"value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue"}
)
"""The numeric fields of a sensor report (``xsd:double``)."""


def _vocab(value: Any, vocab: str, ctx: Any) -> Any:
    # JSON strings are not whitespace-collapsed (XSD types are): " receiving " is kept as it
    # is, not silently read as the term ``receiving`` (as the general reader does)
    if isinstance(value, str):
        found = _FORMS[vocab].get(value)  # a known term in any form: what normalise gives
        if found is not None:
            return found
        if value == value.strip():
            return cbv.normalise(value, vocab, ctx.prefixes)
    return value


_FORMS: Final = {vocab: cbv._vocab(vocab) for vocab in cbv.VOCABULARY_KEYS}  # noqa: SLF001


class _Decline(Exception):
    """The fast builder does not handle this event (the general path decides)."""


def _setter(name: str) -> Callable[[Any, Any], None]:
    """The setter of ``BaseModel``'s slot ``name``, called directly: a quarter faster than
    ``object.__setattr__`` by name, which looks the name up on the model class each time."""
    found = BaseModel.__dict__.get(name)
    setter = getattr(found, "__set__", None)
    if setter is None:  # another pydantic layout: the general way
        return lambda obj, value: object.__setattr__(obj, name, value)
    return setter  # type: ignore[no-any-return]


_SET_DICT: Final = _setter("__dict__")
_SET_FIELDS_SET: Final = _setter("__pydantic_fields_set__")
_SET_EXTRA: Final = _setter("__pydantic_extra__")
_SET_PRIVATE: Final = _setter("__pydantic_private__")


def _new(cls: type[BaseModel], values: dict[str, Any], fields_set: set[str]) -> Any:
    """A model instance from complete, already valid field values (as ``model_construct``)."""
    obj = object.__new__(cls)  # BaseModel defines no __new__
    _SET_DICT(obj, values)
    _SET_FIELDS_SET(obj, fields_set)
    _SET_EXTRA(obj, None)
    _SET_PRIVATE(obj, None)
    return obj


class _Plan:
    """Per event class: defaults in field order, required fields, EPCIS name → attribute."""

    __slots__ = ("attrs", "cls", "defaults", "required")

    def __init__(self, cls: type[BaseModel]) -> None:
        self.cls = cls
        self.defaults: dict[str, Any] = {}
        self.required: list[str] = []
        self.attrs: dict[str, str] = {}
        for attr, info in cls.model_fields.items():
            self.attrs[info.alias or attr] = attr
            if info.is_required():
                self.required.append(attr)
            elif info.default_factory is None:
                self.defaults[attr] = info.default
            else:
                self.defaults[attr] = None  # extensions: a new dict per instance (below)


_PLANS: dict[str, _Plan] = {}
_OFFSET = re.compile(r"[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00)")
_ACTIONS = frozenset({"ADD", "OBSERVE", "DELETE"})
_BT_KEYS = frozenset({"type", "bizTransaction"})
_QTY_KEYS = frozenset({"epcClass", "quantity", "uom"})
_PD_KEYS = frozenset({"set", "unset"})


def _strings(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise _Decline
    for item in value:
        if type(item) is not str:
            raise _Decline
    return tuple(value)


def _f_text(value: Any, _ctx: Any, _where: str) -> str:
    if type(value) is not str:
        raise _Decline
    return value


def _f_time(value: Any, _ctx: Any, _where: str) -> datetime:
    # the general reader's checks: a string, no surrounding blanks (JSON strings are not
    # whitespace-collapsed), an XSD dateTimeStamp; any failure declines
    if type(value) is not str:
        raise _Decline
    if _PLAIN_TS.match(value) is not None:  # what parse_ts would pass unchanged to the parser
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise _Decline from None  # 30 February: the general path's finding
    if value != value.strip():
        raise _Decline
    return parse_ts(value)


# The reader's timestamp pattern with at most microseconds (more digits: parse_ts decides)
_PLAIN_TS: Final = re.compile(_TS.pattern.replace(r"(\.[0-9]+)?", r"(?:\.[0-9]{1,6})?"))


def _f_offset(value: Any, _ctx: Any, _where: str) -> str:
    if type(value) is not str or _OFFSET.fullmatch(value) is None:
        raise _Decline
    return value


def _f_action(value: Any, _ctx: Any, _where: str) -> str:
    if type(value) is not str or value not in _ACTIONS:
        raise _Decline
    return value


def _f_vocab(vocab: str) -> Any:
    def convert(value: Any, ctx: Any, _where: str) -> str:
        if type(value) is not str:
            raise _Decline
        found = _vocab(value, vocab, ctx)
        if type(found) is not str:
            raise _Decline
        return found

    return convert


def _f_list(value: Any, _ctx: Any, _where: str) -> tuple[str, ...]:
    return _strings(value)


def _f_certification(value: Any, _ctx: Any, _where: str) -> str | tuple[str, ...]:
    return value if type(value) is str else _strings(value)


def _f_location(cls: type[BaseModel]) -> Any:
    def convert(value: Any, _ctx: Any, _where: str) -> Any:
        if type(value) is not dict or len(value) != 1:
            raise _Decline
        ident = value.get("id")
        if type(ident) is not str:
            raise _Decline
        return _new(cls, {"id": ident, "extensions": {}}, {"id"})

    return convert


def _f_quantities(value: Any, _ctx: Any, _where: str) -> tuple[Any, ...]:
    if type(value) is not list:
        raise _Decline
    out = []
    for q in value:
        if type(q) is not dict or not q.keys() <= _QTY_KEYS:
            raise _Decline
        epc_class = q.get("epcClass")
        quantity = q.get("quantity")
        uom = q.get("uom")
        if type(epc_class) is not str or (uom is not None and type(uom) is not str):
            raise _Decline
        if quantity is not None:
            if type(quantity) is float:
                quantity = Decimal(repr(quantity))
            elif type(quantity) is int:
                quantity = Decimal(quantity)
            else:
                raise _Decline
        elif "quantity" in q:
            raise _Decline
        fields = {"epc_class"}
        if "quantity" in q:
            fields.add("quantity")
        if "uom" in q:
            fields.add("uom")
        values = {"epc_class": epc_class, "quantity": quantity, "uom": uom}
        out.append(_new(QuantityElement, values, fields))
    return tuple(out)


def _f_transactions(value: Any, ctx: Any, _where: str) -> tuple[Any, ...]:
    if type(value) is not list:
        raise _Decline
    out = []
    for bt in value:
        if type(bt) is not dict or not bt.keys() <= _BT_KEYS:
            raise _Decline
        uri = bt.get("bizTransaction")
        if type(uri) is not str:
            raise _Decline
        kind = bt.get("type")
        if kind is None:
            if "type" in bt:
                raise _Decline
            out.append(
                _new(BizTransaction, {"type": None, "biz_transaction": uri}, {"biz_transaction"})
            )
            continue
        if type(kind) is not str:
            raise _Decline
        kind = _vocab(kind, "btt", ctx)
        values = {"type": kind, "biz_transaction": uri}
        out.append(_new(BizTransaction, values, {"type", "biz_transaction"}))
    return tuple(out)


def _f_parties(cls: type[BaseModel], member: str) -> Any:
    keys = frozenset({"type", member})

    def convert(value: Any, ctx: Any, _where: str) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _Decline
        out = []
        for sd in value:
            if type(sd) is not dict or sd.keys() != keys:
                raise _Decline
            kind = sd["type"]
            uri = sd[member]
            if type(kind) is not str or type(uri) is not str:
                raise _Decline
            kind = _vocab(kind, "sdt", ctx)
            if type(kind) is not str:
                raise _Decline
            out.append(_new(cls, {"type": kind, member: uri}, {"type", member}))
        return tuple(out)

    return convert


def _f_persistent(value: Any, ctx: Any, _where: str) -> Any:
    if type(value) is not dict or not value.keys() <= _PD_KEYS:
        raise _Decline
    values: dict[str, Any] = {"set": None, "unset": None}
    for key, items in value.items():
        terms = _strings(items)
        values[key] = tuple(_vocab(term, "disp", ctx) for term in terms)
    return _new(PersistentDisposition, values, set(value))


def _f_float(value: Any, _ctx: Any, _where: str) -> float:
    if type(value) is float:
        return value
    if type(value) is not int:
        raise _Decline
    try:
        return float(value)
    except OverflowError:
        raise _Decline from None


def _f_bool(value: Any, _ctx: Any, _where: str) -> bool:
    if type(value) is not bool:
        raise _Decline
    return value


def _sensor_plan(cls: type[BaseModel]) -> tuple[dict[str, tuple[str, Any]], dict[str, Any]]:
    """EPCIS name → (attribute, converter) and the defaults of a sensor model."""
    vocabs = VOCAB_FIELDS["sensorReport"] if cls is SensorReport else {}
    plan: dict[str, tuple[str, Any]] = {}
    defaults: dict[str, Any] = {}
    for attr, info in cls.model_fields.items():
        if attr == "extensions":
            continue
        name = info.alias or attr
        defaults[attr] = None
        if name in vocabs:
            convert = _f_vocab(vocabs[name])
        elif name in {"time", "startTime", "endTime"}:
            convert = _f_time
        elif name in SENSOR_NUMBERS:
            convert = _f_float
        elif name == "booleanValue":
            convert = _f_bool
        else:
            convert = _f_text
        plan[name] = (attr, convert)
    defaults["extensions"] = None
    return plan, defaults


def _f_sensor_part(cls: type[BaseModel], value: Any, ctx: Any) -> Any:
    found = _SENSOR_PLANS.get(cls)
    if found is None:
        found = _SENSOR_PLANS[cls] = _sensor_plan(cls)
    plan, defaults = found
    if type(value) is not dict:
        raise _Decline
    values = defaults.copy()
    fields = set()
    for key, item in value.items():
        spec = plan.get(key)
        if spec is None or item is None:
            raise _Decline  # an extension, or null: the general path
        attr, convert = spec
        values[attr] = convert(item, ctx, "")
        fields.add(attr)
    values["extensions"] = {}
    return _new(cls, values, fields)


def _f_sensors(value: Any, ctx: Any, _where: str) -> tuple[Any, ...]:
    if type(value) is not list:
        raise _Decline
    out = []
    for element in value:
        if type(element) is not dict or not element.keys() <= _SENSOR_ELEMENT_KEYS:
            raise _Decline
        reports = element.get("sensorReport")
        if type(reports) is not list:
            raise _Decline  # missing (required) or not an array
        values: dict[str, Any] = {
            "sensor_metadata": None,
            "sensor_report": tuple(_f_sensor_part(SensorReport, r, ctx) for r in reports),
            "extensions": {},
        }
        fields = {"sensor_report"}
        if "sensorMetadata" in element:
            values["sensor_metadata"] = _f_sensor_part(
                SensorMetadata, element["sensorMetadata"], ctx
            )
            fields.add("sensor_metadata")
        out.append(_new(SensorElement, values, fields))
    return tuple(out)


_SENSOR_ELEMENT_KEYS = frozenset({"sensorMetadata", "sensorReport"})
_SENSOR_PLANS: dict[type[BaseModel], tuple[dict[str, tuple[str, Any]], dict[str, Any]]] = {}


_FAST_FIELDS: dict[str, Any] = {
    "eventTime": _f_time,
    "recordTime": _f_time,
    "eventTimeZoneOffset": _f_offset,
    "eventID": _f_text,
    "certificationInfo": _f_certification,
    "epcList": _f_list,
    "parentID": _f_text,
    "inputEPCList": _f_list,
    "childEPCs": _f_list,
    "outputEPCList": _f_list,
    "quantityList": _f_quantities,
    "childQuantityList": _f_quantities,
    "inputQuantityList": _f_quantities,
    "outputQuantityList": _f_quantities,
    "action": _f_action,
    "transformationID": _f_text,
    "bizStep": _f_vocab("bizstep"),
    "disposition": _f_vocab("disp"),
    "persistentDisposition": _f_persistent,
    "readPoint": _f_location(ReadPoint),
    "bizLocation": _f_location(BizLocation),
    "bizTransactionList": _f_transactions,
    "sourceList": _f_parties(SourceModel, "source"),
    "destinationList": _f_parties(Destination, "destination"),
    "ilmd": None,  # through the caller's ext_value (fast_event)
    "sensorElementList": _f_sensors,
}
"""The fields the fast builder handles (``errorDeclaration``: not)."""


def stream_events(
    scan: _Scanner,
    ctx: Any,
    where: str,
    build: Callable[[dict[str, Any], str, Any], Any],
    general: Callable[[Any, Any, str], Any],
) -> Iterator[Any]:
    """The events of the JSON array at the scanner's cursor, one by one.

    A plain event (a mapping of a known type, no ``@context`` of its own) is built by ``build``
    (the JSON-LD reader's fast builder); what it declines, and anything else, by ``general``
    (the reader's general path, whose findings are the reference) at ``where/<index>``.
    """
    for index, _ in enumerate(scan.items()):
        raw = scan.read_value()
        event = None
        if type(raw) is dict and "@context" not in raw:
            kind = raw.get("type")
            if type(kind) is str and kind in EVENT_TYPES:
                try:
                    event = build(raw, kind, ctx)
                except RecursionError:
                    event = None  # general() gives the finding
        if event is None:
            event = general(raw, ctx, where + "/" + str(index))
        yield event


def fast_event(
    event: dict[str, Any],
    kind: str,
    ctx: Any,
    top_key: Callable[[str, Any, str], str],
    ext_value: Callable[[Any, Any, str], Any],
) -> Any:
    """The model of a plain event built directly, or ``None`` (see the module docstring).

    ``ctx`` is the JSON-LD reader's context; ``top_key`` and ``ext_value`` are its conversions
    of extension keys and values (recursive, so they stay in the plain reader).
    """
    plan = _PLANS.get(kind)
    if plan is None:
        plan = _PLANS[kind] = _Plan(EVENT_TYPES[kind])
    known = _EVENT_KEYS[kind]
    attrs = plan.attrs
    values = plan.defaults.copy()
    fields = {"type"}
    ext: dict[str, Any] = {}
    try:
        for key, value in event.items():
            if key in known:
                if key == "ilmd":
                    if type(value) is not dict:
                        return None
                    converted = ext_value(value, ctx, "")
                else:
                    convert = _FAST_FIELDS.get(key)
                    if convert is None:
                        return None
                    converted = convert(value, ctx, "")  # no locations: errors go the other way
                attr = attrs[key]
                values[attr] = converted
                fields.add(attr)
            elif key == "@context":
                return None
            elif key != "type":
                ext[top_key(key, ctx, "")] = ext_value(value, ctx, "")
    except (_Decline, EpcisError):
        return None  # the general path gives the findings
    for attr in plan.required:
        if attr not in fields:
            return None
    values["type"] = kind
    values["extensions"] = ext
    if ext:
        fields.add("extensions")
    return _new(plan.cls, values, fields)
