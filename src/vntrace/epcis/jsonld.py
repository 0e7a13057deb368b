"""EPCIS 2.0 JSON-LD: read (also streaming) and write, offline.

No context is ever fetched. The standard EPCIS context is recognised by its URL and its term
mappings come from our generated table (:mod:`vntrace.epcis._cbvtable`); user prefixes declared
in ``@context`` objects (at document level or inside any object) are honoured for extension keys
and compact IRIs. Output uses :data:`EPCIS_CONTEXT_URL`, keeps the document's own prefixes and
writes bare CBV terms.

>>> doc = loads('''{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
...                              {"ex": "https://example.vn/ns/"}],
...   "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-05-12T08:00:00Z",
...   "epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE",
...     "eventTime": "2026-05-12T07:30:00.000+07:00", "eventTimeZoneOffset": "+07:00",
...     "epcList": ["urn:epc:id:sgtin:8935000.010017.1"],
...     "bizStep": "urn:epcglobal:cbv:bizstep:receiving", "ex:farm": "Phúc Trạch"}]}}''')
>>> doc.events[0].biz_step, doc.events[0].extensions
('receiving', {'{https://example.vn/ns/}farm': 'Phúc Trạch'})
>>> out = dumps(doc)
>>> b'"bizStep": "receiving"' in out, b'"ex:farm": "Ph\\xc3\\xbac Tr\\xe1\\xba\\xa1ch"' in out
(True, True)
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Final

from pydantic import BaseModel

from vntrace.epcis import cbv
from vntrace.epcis._cbvtable import CONTEXT_PREFIXES, CONTEXT_TERMS
from vntrace.epcis._fastread import SENSOR_NUMBERS as _SENSOR_NUMBERS
from vntrace.epcis._fastread import fast_event, stream_events
from vntrace.epcis._io import (
    EPCIS_CONTEXT_URL,
    VOCAB_FIELDS,
    build,
    canonical_ns,
    check_finite,
    clark,
    decimal_to_json,
    fail,
    format_ts,
    parse_ts,
    prefix_map,
    read_source,
    split_clark,
    used_namespaces,
)
from vntrace.epcis._json import (
    MAX_TEXT,  # noqa: F401 - the JSON layer's limit, re-exported
    _Scanner,
    parse_json,
    read_ahead,
)
from vntrace.epcis.model import (
    CBVMDA_NS,
    EVENT_TYPES,
    FIELD_ORDER,
    AnyDocument,
    EPCISDocument,
    EPCISMasterDataDocument,
    EPCISQueryDocument,
    Event,
)
from vntrace.errors import EpcisError, os_reason
from vntrace.findings import Finding, json_type

__all__ = [
    "EPCIS_CONTEXT_URL",
    "dumps",
    "event_to_json",
    "iter_events",
    "loads",
    "read_event",
    "stream",
]

Source = str | bytes | os.PathLike[str] | IO[bytes]

_STD_IRI = {iri: name for name, iri in CONTEXT_PREFIXES.items()}
_STD_IRI[CBVMDA_NS] = "cbvmda"
_RESERVED = frozenset(CONTEXT_PREFIXES) | CONTEXT_TERMS

_TIME_KEYS = frozenset(
    {"eventTime", "recordTime", "declarationTime", "time", "startTime", "endTime"}
)
_QTY_LISTS = frozenset(
    {"quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"}
)
_SENSOR_METADATA = frozenset(
    {
        "time",
        "startTime",
        "endTime",
        "deviceID",
        "deviceMetadata",
        "rawData",
        "dataProcessingMethod",
        "bizRules",
    }
)
_SENSOR_REPORT = frozenset(
    {
        "type",
        "exception",
        "deviceID",
        "deviceMetadata",
        "rawData",
        "dataProcessingMethod",
        "bizRules",
        "time",
        "microorganism",
        "chemicalSubstance",
        "value",
        "component",
        "stringValue",
        "booleanValue",
        "hexBinaryValue",
        "uriValue",
        "minValue",
        "maxValue",
        "meanValue",
        "sDev",
        "percRank",
        "percValue",
        "uom",
        "coordinateReferenceSystem",
    }
)
_WITH_EXTENSIONS = frozenset({"readPoint", "bizLocation", "errorDeclaration"})
_EVENT_KEYS = {name: {alias for _, alias in order} for name, order in FIELD_ORDER.items()}


class _Ctx:
    """The prefixes in scope (user-declared; standard ones are resolved separately)."""

    __slots__ = ("keys", "prefixes", "seen")

    def __init__(self, prefixes: dict[str, str], seen: dict[str, str]) -> None:
        self.prefixes = prefixes
        self.seen = seen
        self.keys: dict[str, str] = {}  # extension key -> Clark name under these prefixes

    def nested(self, context: Any) -> _Ctx:
        extra = _context_prefixes(context)
        if not extra:
            return self
        for prefix, iri in extra.items():
            if prefix not in CONTEXT_PREFIXES:
                self.seen.setdefault(prefix, canonical_ns(iri))
        return _Ctx({**self.prefixes, **extra}, self.seen)


def _context_prefixes(context: Any) -> dict[str, str]:
    items = context if isinstance(context, list) else [context]
    out: dict[str, str] = {}
    for item in items:
        if isinstance(item, dict):
            for key, value in item.items():
                if isinstance(value, str) and not key.startswith("@"):
                    out[key] = value
                elif isinstance(value, dict) and isinstance(value.get("@id"), str):
                    out[key] = value["@id"]
    return out


def _split_iri(iri: str) -> tuple[str, str]:
    cut = max(iri.rfind("/"), iri.rfind("#"))
    if cut < 0 or cut == len(iri) - 1:
        cut = iri.rfind(":")
    return iri[: cut + 1], iri[cut + 1 :]


_KEYWORDS = frozenset(
    {
        "context",
        "id",
        "type",
        "value",
        "language",
        "list",
        "set",
        "graph",
        "index",
        "reverse",
        "base",
        "vocab",
        "nest",
        "none",
        "json",
        "direction",
        "included",
        "protected",
        "version",
        "import",
        "propagate",
    }
)


def _ext_key(key: str, ctx: _Ctx, where: str) -> str:
    found = ctx.keys.get(key)
    if found is not None:
        return found
    found = _expand_key(key, ctx, where)
    if len(ctx.keys) >= _MAX_KEYS:
        ctx.keys.clear()
    ctx.keys[key] = found
    return found


_MAX_KEYS: Final = 4096


def _expand_key(key: str, ctx: _Ctx, where: str) -> str:
    if key.startswith("@") and key[1:] not in _KEYWORDS and not key.startswith("@{"):
        return "@" + _ext_key(key[1:], ctx, where)
    if key.startswith(("@", "#", "{")):
        return key
    prefix, sep, local = key.partition(":")
    if not sep:
        iri = ctx.prefixes.get(key)
        if iri is None:
            return key
        return clark(*_split_iri(_expand(iri, ctx)))
    if local.startswith("//"):
        return clark(*_split_iri(key))
    if prefix in ctx.prefixes:
        return clark(ctx.prefixes[prefix], local)
    if prefix in CONTEXT_PREFIXES:
        return clark(CONTEXT_PREFIXES[prefix], local)
    if prefix not in {"urn", "ni", "tag", "mailto", "did"}:
        fail("EPCIS.IO_UNDECLARED_PREFIX", where, prefix=prefix, name=key)
    return clark(*_split_iri(key))


def _top_key(key: str, ctx: _Ctx, where: str) -> str:
    """An extension key directly in a standard object: a namespaced name, or ``@`` + a plain name.

    A bare name (``"foo"``, ``"parentID"`` in an ObjectEvent) has no place in XML and is no
    extension in JSON-LD; ``"@local"`` is an unqualified XML attribute (see the model docstring).
    """
    name = _ext_key(key, ctx, where)
    if name[:1] == "{" and "}" in name:
        return name
    if name[:1] == "@" and _PLAIN_NAME.match(name, 1) and name[1:] not in _KEYWORDS:
        return name
    return fail("EPCIS.IO_BARE_KEY", where, key=key)


_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*\Z")


def _expand(iri: str, ctx: _Ctx) -> str:
    prefix, sep, local = iri.partition(":")
    if sep and not local.startswith("//"):
        if prefix in ctx.prefixes and ctx.prefixes[prefix] != iri:
            return ctx.prefixes[prefix] + local
        if prefix in CONTEXT_PREFIXES:
            return CONTEXT_PREFIXES[prefix] + local
    return iri


def _ext_value(value: Any, ctx: _Ctx, where: str) -> Any:
    if isinstance(value, dict):
        if "@context" in value:
            ctx = ctx.nested(value["@context"])
        return {
            _ext_key(k, ctx, f"{where}/{k}"): _ext_value(v, ctx, f"{where}/{k}")
            for k, v in value.items()
            if k != "@context"
        }
    if isinstance(value, list):
        return [_ext_value(v, ctx, f"{where}/{i}") for i, v in enumerate(value)]
    return value


def _time(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        fail("EPCIS.IO_WRONG_TYPE", where, expected="string", got=json_type(value))
    if value != value.strip():  # JSON strings are not whitespace-collapsed (XSD types are)
        fail("EPCIS.IO_BAD_TIMESTAMP", where, value=value)
    return parse_ts(value, where)


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        fail("EPCIS.IO_WRONG_TYPE", where, expected="object", got=json_type(value))
    return value


def _arr(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        fail("EPCIS.IO_WRONG_TYPE", where, expected="array", got=json_type(value))
    return value


def _vocab(value: Any, vocab: str, ctx: _Ctx) -> Any:
    # JSON strings are not whitespace-collapsed (XSD types are): " receiving " is kept as it
    # is, not silently read as the term ``receiving`` (``epcis.validate`` reports it).
    if isinstance(value, str) and value == value.strip():
        return cbv.normalise(value, vocab, ctx.prefixes)
    return value


def _split(
    obj: dict[str, Any], known: frozenset[str] | set[str], ctx: _Ctx, where: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Separate standard keys from extension keys (expanded to Clark names)."""
    if "@context" in obj:
        ctx = ctx.nested(obj["@context"])
    std: dict[str, Any] = {}
    ext: dict[str, Any] = {}
    for key, value in obj.items():
        if key in known:
            std[key] = value
        elif key != "@context":
            ext[_top_key(key, ctx, f"{where}/{key}")] = _ext_value(value, ctx, f"{where}/{key}")
    return std, ext


def _with_ext(std: dict[str, Any], ext: dict[str, Any]) -> dict[str, Any]:
    if ext:
        std["extensions"] = ext
    return std


def _sensor_element(se: Any, ctx: _Ctx, where: str) -> dict[str, Any]:
    obj = _obj(se, where)
    std, ext = _split(obj, {"sensorMetadata", "sensorReport"}, ctx, where)
    out: dict[str, Any] = {}
    if "sensorMetadata" in std:
        w = f"{where}/sensorMetadata"
        md, md_ext = _split(_obj(std["sensorMetadata"], w), _SENSOR_METADATA, ctx, w)
        for key in ("time", "startTime", "endTime"):
            if key in md:
                md[key] = _time(md[key], f"{w}/{key}")
        out["sensorMetadata"] = _with_ext(md, md_ext)
    if "sensorReport" in std:
        reports = []
        for i, rep in enumerate(_arr(std["sensorReport"], f"{where}/sensorReport")):
            w = f"{where}/sensorReport/{i}"
            r, r_ext = _split(_obj(rep, w), _SENSOR_REPORT, ctx, w)
            if "time" in r:
                r["time"] = _time(r["time"], f"{w}/time")
            for key, vocab in VOCAB_FIELDS["sensorReport"].items():
                if key in r:
                    r[key] = _vocab(r[key], vocab, ctx)
            reports.append(_with_ext(r, r_ext))
        out["sensorReport"] = reports
    return _with_ext(out, ext)


def _quantity(q: Any, where: str) -> Any:
    if not isinstance(q, dict):
        return q
    value = q.get("quantity")
    if value is None or isinstance(value, Decimal):
        return q
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail("EPCIS.IO_WRONG_TYPE", f"{where}/quantity", expected="number", got=json_type(value))
    return {**q, "quantity": Decimal(repr(value)) if isinstance(value, float) else Decimal(value)}


def _field(name: str, value: Any, ctx: _Ctx, where: str) -> Any:
    if name in {"eventTime", "recordTime"}:
        return _time(value, where)
    if name in {"bizStep", "disposition"}:
        return _vocab(value, VOCAB_FIELDS["event"][name], ctx)
    if name in {"readPoint", "bizLocation"}:
        std, ext = _split(_obj(value, where), {"id"}, ctx, where)
        return _with_ext(std, ext)
    if name == "bizTransactionList":
        return [
            {**bt, "type": _vocab(bt["type"], "btt", ctx)}
            if isinstance(bt, dict) and "type" in bt
            else bt
            for bt in _arr(value, where)
        ]
    if name in {"sourceList", "destinationList"}:
        return [
            {**sd, "type": _vocab(sd["type"], "sdt", ctx)}
            if isinstance(sd, dict) and "type" in sd
            else sd
            for sd in _arr(value, where)
        ]
    if name in _QTY_LISTS:
        return [_quantity(q, f"{where}/{i}") for i, q in enumerate(_arr(value, where))]
    if name == "persistentDisposition":
        pd = _obj(value, where)
        return {
            k: [_vocab(d, "disp", ctx) for d in _arr(v, f"{where}/{k}")]
            if k in {"set", "unset"}
            else v
            for k, v in pd.items()
        }
    if name == "ilmd":
        return _ext_value(_obj(value, where), ctx, where)
    if name == "errorDeclaration":
        std, ext = _split(
            _obj(value, where), {"declarationTime", "reason", "correctiveEventIDs"}, ctx, where
        )
        if "declarationTime" in std:
            std["declarationTime"] = _time(std["declarationTime"], f"{where}/declarationTime")
        if "reason" in std:
            std["reason"] = _vocab(std["reason"], "er", ctx)
        return _with_ext(std, ext)
    if name == "sensorElementList":
        return [_sensor_element(se, ctx, f"{where}/{i}") for i, se in enumerate(_arr(value, where))]
    return value


def _fast_event(event: dict[str, Any], kind: str, ctx: _Ctx) -> Event | None:
    """The model of a plain event built without pydantic, or ``None`` (:mod:`._fastread`)."""
    return fast_event(event, kind, ctx, _top_key, _ext_value)  # type: ignore[no-any-return]


def read_event(obj: Any, ctx: _Ctx | None = None, where: str = "") -> Event:
    """Build the model of one JSON-LD event object (``ctx``: prefixes in scope).

    Nesting too deep for the recursive reader gives ``EPCIS.IO_TOO_DEEP``.
    """
    return _read_checked(obj, ctx, where, fast=True)


def _read_general(obj: Any, ctx: _Ctx, where: str) -> Event:
    """:func:`read_event` without the fast builder (the streaming loop has tried it already)."""
    return _read_checked(obj, ctx, where, fast=False)


def _read_checked(obj: Any, ctx: _Ctx | None, where: str, *, fast: bool) -> Event:
    try:
        return _read_event(obj, ctx, where, fast=fast)
    except RecursionError:
        fail("EPCIS.IO_TOO_DEEP", where or None)


def _read_event(obj: Any, ctx: _Ctx | None, where: str, *, fast: bool) -> Event:
    if ctx is None:
        ctx = _Ctx({}, {})
    event = _obj(obj, where)
    kind = event.get("type")
    if not isinstance(kind, str) or kind not in EVENT_TYPES:
        fail("EPCIS.IO_UNKNOWN_EVENT_TYPE", f"{where}/type", type=str(kind))
    if "@context" in event:
        ctx = ctx.nested(event["@context"])
    elif fast:
        built = _fast_event(event, kind, ctx)
        if built is not None:
            return built
    known = _EVENT_KEYS[kind]
    data: dict[str, Any] = {"type": kind}
    ext: dict[str, Any] = {}
    for key, value in event.items():
        if key in known:
            data[key] = _field(key, value, ctx, f"{where}/{key}")
        elif key not in {"type", "@context"}:
            ext[_top_key(key, ctx, f"{where}/{key}")] = _ext_value(value, ctx, f"{where}/{key}")
    if ext:
        data["extensions"] = ext
    result: Event = build(EVENT_TYPES[kind], data, where)  # type: ignore[assignment]
    return result


def _vocabulary_list(value: Any, ctx: _Ctx, where: str) -> list[dict[str, Any]]:
    out = []
    for i, voc in enumerate(_arr(value, where)):
        w = f"{where}/{i}"
        std, ext = _split(_obj(voc, w), {"type", "vocabularyElementList"}, ctx, w)
        if "vocabularyElementList" in std:
            elements = []
            for j, ve in enumerate(
                _arr(std["vocabularyElementList"], f"{w}/vocabularyElementList")
            ):
                wj = f"{w}/vocabularyElementList/{j}"
                e_std, e_ext = _split(_obj(ve, wj), {"id", "attributes", "children"}, ctx, wj)
                if "attributes" in e_std:
                    e_std["attributes"] = [
                        {**a, "attribute": _ext_value(a["attribute"], ctx, wj)}
                        if isinstance(a, dict) and "attribute" in a
                        else a
                        for a in _arr(e_std["attributes"], f"{wj}/attributes")
                    ]
                elements.append(_with_ext(e_std, e_ext))
            std["vocabularyElementList"] = elements
        out.append(_with_ext(std, ext))
    return out


_DOC_KEYS = frozenset(
    {
        "type",
        "schemaVersion",
        "creationDate",
        "id",
        "instanceIdentifier",
        "sender",
        "receiver",
        "epcisHeader",
        "epcisBody",
        "@context",
    }
)


def _root_ctx(data: dict[str, Any]) -> _Ctx:
    ctx = _Ctx({}, {})
    if data.get("@context") is None:  # null, like absent (the streaming reader agrees)
        fail("EPCIS.IO_MISSING_FIELD", "/@context")
    return ctx.nested(data["@context"])


def _events(value: Any, ctx: _Ctx, where: str) -> list[Event]:
    events: list[Event] = []
    errors: list[Finding] = []
    for i, obj in enumerate(_arr(value, where)):
        try:
            events.append(read_event(obj, ctx, f"{where}/{i}"))
        except EpcisError as exc:
            errors.extend(exc.findings)
    if errors:
        raise EpcisError(errors)
    return events


def read_document(data: Any) -> AnyDocument:
    """Build the model of a parsed JSON-LD document (a ``dict``).

    Nesting too deep for the recursive reader gives ``EPCIS.IO_TOO_DEEP``.
    """
    try:
        return _read_document(data)
    except RecursionError:
        fail("EPCIS.IO_TOO_DEEP")


def _read_document(data: Any) -> AnyDocument:
    obj = _obj(data, "/")
    kind = obj.get("type")
    if not isinstance(kind, str) or kind not in {"EPCISDocument", "EPCISQueryDocument"}:
        fail("EPCIS.IO_NOT_EPCIS", "/type", root=kind if isinstance(kind, str) else json_type(kind))
    ctx = _root_ctx(obj)
    out: dict[str, Any] = {"type": kind}
    ext: dict[str, Any] = {}
    for key, value in obj.items():
        if key == "creationDate":
            out[key] = _time(value, "/creationDate")
        elif key == "epcisHeader":
            h_std, h_ext = _split(
                _obj(value, "/epcisHeader"), {"epcisMasterData"}, ctx, "/epcisHeader"
            )
            header: dict[str, Any] = {}
            md = h_std.get("epcisMasterData")
            if md is not None:
                md = _obj(md, "/epcisHeader/epcisMasterData")
                _only_standard(md, "/epcisHeader/epcisMasterData")
            if isinstance(md, dict) and "vocabularyList" in md:
                header["vocabularyList"] = _vocabulary_list(
                    md["vocabularyList"], ctx, "/epcisHeader/epcisMasterData/vocabularyList"
                )
            out["epcisHeader"] = _with_ext(header, h_ext)
        elif key == "epcisBody":
            _body(_obj(value, "/epcisBody"), out, ctx, kind == "EPCISQueryDocument")
        elif key in _DOC_KEYS:
            if key not in {"@context", "type"}:
                out[key] = value
        else:
            ext[_top_key(key, ctx, f"/{key}")] = _ext_value(value, ctx, f"/{key}")
    if ext:
        out["extensions"] = ext
    out["namespaces"] = dict(ctx.seen)
    if kind == "EPCISQueryDocument":
        return build(EPCISQueryDocument, out)
    return build(EPCISDocument, out)


# The JSON objects that carry standard members only: the model has no place for anything else
# (the schema lets extension keys in, but no reader or writer could keep them).
WRAPPER_MEMBERS: Final[dict[str, frozenset[str]]] = {
    "/epcisBody": frozenset({"eventList", "@context"}),
    "/epcisBody/queryResults": frozenset(
        {"queryName", "subscriptionID", "resultsBody", "@context"}
    ),
    "/epcisBody/queryResults/resultsBody": frozenset({"eventList", "vocabularyList", "@context"}),
    "/epcisHeader/epcisMasterData": frozenset({"vocabularyList", "@context"}),
}
_QUERY_BODY: Final = frozenset({"queryResults", "@context"})


def _only_standard(obj: dict[str, Any], where: str, allowed: frozenset[str] | None = None) -> None:
    for key in obj:
        if key not in (allowed or WRAPPER_MEMBERS[where]):
            fail("EPCIS.IO_KEY_NOT_KEPT", f"{where}/{key}", key=key, container=where)


def _body(body: dict[str, Any], out: dict[str, Any], ctx: _Ctx, query: bool) -> None:
    _only_standard(body, "/epcisBody", _QUERY_BODY if query else None)
    if not query:
        if "eventList" in body:
            out["events"] = _events(body["eventList"], ctx, "/epcisBody/eventList")
        return
    qr = _obj(body.get("queryResults"), "/epcisBody/queryResults")
    _only_standard(qr, "/epcisBody/queryResults")
    for key in ("queryName", "subscriptionID"):
        if key in qr:
            out[key] = qr[key]
    if "resultsBody" in qr:
        where = "/epcisBody/queryResults/resultsBody"
        rb = _obj(qr["resultsBody"], where)
        _only_standard(rb, where)
        if "eventList" in rb:
            out["events"] = _events(rb["eventList"], ctx, f"{where}/eventList")
        if "vocabularyList" in rb:
            out["vocabularyList"] = _vocabulary_list(
                rb["vocabularyList"], ctx, f"{where}/vocabularyList"
            )


def loads(source: Source) -> AnyDocument:
    """Read a JSON-LD EPCIS document (bytes, text, a path or a binary file object)."""
    return read_document(parse_json(read_source(source)))


# --------------------------------------------------------------------------------------------
# writing


class _Out:
    """Renders models as JSON-ready dicts with prefixed extension keys."""

    def __init__(self, prefix_of: Mapping[str, str]) -> None:
        self.prefix_of = dict(prefix_of)
        self.hint_element: Any = None  # an XML element whose in-scope prefixes are preferred

    def key(self, name: str) -> str:
        if name.startswith("@") and name[1:2] == "{":
            return "@" + self.key(name[1:])
        ns, local = split_clark(name)
        if ns is None:
            return local
        prefix = self.prefix_of.get(ns)
        if prefix is None:
            prefix = self._new_prefix(ns)
        return f"{prefix}:{local}"

    def _new_prefix(self, ns: str) -> str:
        taken = set(self.prefix_of.values()) | _RESERVED
        prefix = None
        if self.hint_element is not None:
            prefix = next((p for p, u in self.hint_element.nsmap.items() if u == ns and p), None)
        if prefix is None or prefix in taken:
            n = len(self.prefix_of) + 1
            while f"ns{n}" in taken:
                n += 1
            prefix = f"ns{n}"
        self.prefix_of[ns] = prefix
        return prefix

    def ext(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {self.key(k): self.ext(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.ext(v) for v in value]
        if isinstance(value, float):
            return check_finite(value)
        return value

    def model(self, obj: BaseModel, owner: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        ext: Any = None
        vocab = VOCAB_FIELDS.get(owner, {})
        for name, info in type(obj).model_fields.items():
            value = getattr(obj, name)
            if name == "extensions":
                ext = value
                continue
            if value is None:
                continue
            alias = info.alias or name
            out[alias] = self.value(alias, value, vocab.get(alias))
        if ext:
            out.update(self.ext(ext))
        return out

    def value(self, alias: str, value: Any, vocab: str | None) -> Any:
        if isinstance(value, datetime):
            return format_ts(value)
        if isinstance(value, Decimal):
            return decimal_to_json(value)
        if vocab is not None:
            if isinstance(value, tuple):
                return [cbv.render(v, vocab) for v in value]
            return cbv.render(value, vocab)
        if isinstance(value, BaseModel):
            return self.model(value, alias)
        if isinstance(value, tuple):
            owner = {"sourceList": "source", "destinationList": "destination"}.get(alias, alias)
            owner = {"bizTransactionList": "bizTransaction", "sensorReport": "sensorReport"}.get(
                alias, owner
            )
            return [
                self.value(owner, v, None) if not isinstance(v, BaseModel) else self.model(v, owner)
                for v in value
            ]
        if alias in {"ilmd", "attribute"}:
            return self.ext(value)
        return value

    def event(self, event: Event) -> dict[str, Any]:
        _check_numbers(event)  # before model_dump: it would write NaN as null, round decimals
        data = event.model_dump(by_alias=True, exclude_none=True, mode="json")
        out: dict[str, Any] = {"type": data["type"]}
        for _, alias in FIELD_ORDER[event.type]:
            value = data.get(alias)
            if value is None:
                continue
            if alias in _WITH_EXTENSIONS:
                value = self.flat(value)
            elif alias == "sensorElementList":
                for se in value:
                    self.flat(se)
                    if "sensorMetadata" in se:
                        self.flat(se["sensorMetadata"])
                    for rep in se["sensorReport"]:
                        self.flat(rep)
            elif alias == "ilmd":
                value = self.ext(value)
            out[alias] = value
        ext = data.get("extensions")
        if ext:
            out.update(self.ext(ext))
        return out

    def event_data(self, data: dict[str, Any]) -> dict[str, Any]:
        """JSON for an event given as the alias-keyed dict a reader validated (fast path).

        The dict is modified in place (the reader hands over a dict nobody else holds).
        """
        kind = data["type"]
        out: dict[str, Any] = {"type": kind}
        for _, alias in FIELD_ORDER[kind]:
            value = data.get(alias)
            if value is None:
                continue
            if alias in {"eventTime", "recordTime"}:
                value = value if isinstance(value, str) else format_ts(value)
            elif alias in _QTY_LISTS:
                for i, q in enumerate(value):
                    _qty_json(q, f"/{alias}/{i}/quantity")
            elif alias in _WITH_EXTENSIONS:
                value = self.flat(value)
                declared = value.get("declarationTime")
                if isinstance(declared, datetime):
                    value["declarationTime"] = format_ts(declared)
            elif alias == "sensorElementList":
                value = [self.sensor_data(se) for se in value]
            elif alias == "ilmd":
                value = self.ext(value)
            out[alias] = value
        ext = data.get("extensions")
        if ext:
            out.update(self.ext(ext))
        return out

    def sensor_data(self, se: dict[str, Any]) -> dict[str, Any]:
        md = se.get("sensorMetadata")
        if md is not None:
            self.flat(_times_json(md))
        for report in se["sensorReport"]:
            for key in _SENSOR_NUMBERS.intersection(report):
                check_finite(report[key], f"/sensorReport/{key}")
            self.flat(_times_json(report))
        return self.flat(se)

    def flat(self, obj: dict[str, Any]) -> dict[str, Any]:
        """Move an object's ``extensions`` into it, with prefixed keys."""
        ext = obj.pop("extensions", None)
        if ext:
            obj.update(self.ext(ext))
        return obj

    def vocabularies(self, vocabularies: Any) -> list[dict[str, Any]]:
        out = []
        for voc in vocabularies:
            item: dict[str, Any] = {"type": voc.type}
            if voc.vocabulary_element_list is not None:
                elements = []
                for ve in voc.vocabulary_element_list:
                    e: dict[str, Any] = {"id": ve.id}
                    if ve.attributes:
                        e["attributes"] = [
                            {"id": a.id, "attribute": self.ext(a.attribute)} for a in ve.attributes
                        ]
                    if ve.children is not None:
                        e["children"] = list(ve.children)
                    e.update(self.ext(ve.extensions))
                    elements.append(e)
                item["vocabularyElementList"] = elements
            item.update(self.ext(voc.extensions))
            out.append(item)
        return out


def _qty_json(q: dict[str, Any], where: str) -> None:
    quantity = q.get("quantity")
    if isinstance(quantity, Decimal):
        q["quantity"] = decimal_to_json(quantity, where)


_QTY_ATTRS = ("quantity_list", "child_quantity_list", "input_quantity_list", "output_quantity_list")


def _check_numbers(event: Event) -> None:
    """Refuse the numbers of ``event`` that JSON cannot hold or would not read back equal."""
    for attr in _QTY_ATTRS:
        for i, q in enumerate(getattr(event, attr, None) or ()):
            if q.quantity is not None:
                decimal_to_json(q.quantity, f"/{attr}/{i}/quantity")
    for i, se in enumerate(event.sensor_element_list or ()):
        for j, report in enumerate(se.sensor_report):
            for name in ("value", "min_value", "max_value", "mean_value", "s_dev", "perc_rank"):
                number = getattr(report, name)
                if number is not None:
                    check_finite(number, f"/sensorElementList/{i}/sensorReport/{j}/{name}")
            if report.perc_value is not None:
                check_finite(report.perc_value, f"/sensorElementList/{i}/sensorReport/{j}")


def _times_json(obj: dict[str, Any]) -> dict[str, Any]:
    for key in ("time", "startTime", "endTime"):
        value = obj.get(key)
        if isinstance(value, datetime):
            obj[key] = format_ts(value)
    return obj


def _prefixes_for(namespaces: Mapping[str, str], used: set[str]) -> dict[str, str]:
    own = {p: ns for p, ns in namespaces.items() if ns not in _STD_IRI}
    mapping = prefix_map(own, used - _STD_IRI.keys(), _RESERVED)
    return {**_STD_IRI, **mapping}


def context_for(prefix_of: Mapping[str, str]) -> list[Any]:
    """The ``@context`` array: the standard URL plus one object with the user prefixes."""
    user = {p: ns for ns, p in prefix_of.items() if ns not in _STD_IRI}
    return [EPCIS_CONTEXT_URL, user] if user else [EPCIS_CONTEXT_URL]


def _head(doc: AnyDocument, out: _Out) -> dict[str, Any]:
    data: dict[str, Any] = {"type": doc.type, "schemaVersion": doc.schema_version}
    if doc.creation_date is not None:
        data["creationDate"] = format_ts(doc.creation_date)
    for key, attr in (
        ("id", "id"),
        ("instanceIdentifier", "instance_identifier"),
        ("sender", "sender"),
        ("receiver", "receiver"),
    ):
        value = getattr(doc, attr)
        if value is not None:
            data[key] = value
    if doc.header is not None:
        header: dict[str, Any] = {}
        if doc.header.vocabulary_list is not None:
            header["epcisMasterData"] = {
                "vocabularyList": out.vocabularies(doc.header.vocabulary_list)
            }
        header.update(out.ext(doc.header.extensions))
        data["epcisHeader"] = header
    return data


def to_json(doc: AnyDocument) -> dict[str, Any]:
    """The JSON-LD document as a ``dict`` (``@context`` first).

    A master-data document has no JSON-LD binding and raises ``EPCIS.IO_UNSUPPORTED_DOCUMENT``.
    """
    if isinstance(doc, EPCISMasterDataDocument):
        fail("EPCIS.IO_UNSUPPORTED_DOCUMENT", "/", kind="EPCISMasterDataDocument (JSON-LD)")
    out = _Out(_prefixes_for(doc.namespaces, used_namespaces(doc)))
    data = _head(doc, out)
    events = [out.event(e) for e in doc.events]
    if isinstance(doc, EPCISQueryDocument):
        results: dict[str, Any] = {"queryName": doc.query_name}
        if doc.subscription_id is not None:
            results["subscriptionID"] = doc.subscription_id
        body: dict[str, Any] = {"eventList": events}
        if doc.vocabulary_list is not None:
            body["vocabularyList"] = out.vocabularies(doc.vocabulary_list)
        results["resultsBody"] = body
        data["epcisBody"] = {"queryResults": results}
    else:
        data["epcisBody"] = {"eventList": events}
    data.update(out.ext(doc.extensions))
    return {"@context": context_for(out.prefix_of), **data}


def event_to_json(event: Event, prefix_of: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One event as a JSON-ready ``dict`` (``prefix_of``: namespace → prefix for extensions)."""
    return _Out(prefix_of if prefix_of is not None else _STD_IRI).event(event)


def json_bytes(data: Any, *, indent: bool = True) -> bytes:
    """Serialise with ``orjson`` when it is installed (fast path), else the standard library."""
    try:
        import orjson  # noqa: PLC0415 - optional accelerator

        option = orjson.OPT_INDENT_2 if indent else 0
        return orjson.dumps(data, option=option)
    except ImportError:
        pass
    except TypeError:  # integers beyond 64 bits, lone surrogates: the standard library decides
        pass
    try:
        text = json.dumps(data, ensure_ascii=False, indent=2 if indent else None, allow_nan=False)
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        fail("EPCIS.IO_LONE_SURROGATE", escape=f"\\u{ord(exc.object[exc.start]):04x}")
    except ValueError as exc:  # NaN/inf, or an integer beyond the conversion limit
        if "digits" in str(exc):
            fail("EPCIS.IO_JSON_TOO_LONG_NUMBER", digits="> 4300", limit=4300)
        fail("EPCIS.IO_JSON_NOT_FINITE", value="NaN/INF")


def dumps(doc: AnyDocument, *, indent: bool = True) -> bytes:
    """Serialise a document as JSON-LD (UTF-8)."""
    return json_bytes(to_json(doc), indent=indent)


# --------------------------------------------------------------------------------------------
# streaming


def _read_shell(stream: IO[bytes]) -> dict[str, Any]:
    """First pass: the whole document except the event list (which is skipped)."""
    scan = _Scanner(stream)
    data: dict[str, Any] = {}
    for key in scan.members():
        if key != "epcisBody" or scan.peek() != "{":
            data[key] = scan.read_value()
            continue
        body: dict[str, Any] = {}
        for bkey in scan.members():
            if bkey == "eventList":
                scan.skip_value()
            elif bkey == "queryResults" and scan.peek() == "{":
                results: dict[str, Any] = {}
                for qkey in scan.members():
                    if qkey == "resultsBody" and scan.peek() == "{":
                        rbody: dict[str, Any] = {}
                        for rkey in scan.members():
                            if rkey == "eventList":
                                scan.skip_value()
                            else:
                                rbody[rkey] = scan.read_value()
                        results[qkey] = rbody
                    else:
                        results[qkey] = scan.read_value()
                body[bkey] = results
            else:
                body[bkey] = scan.read_value()
        data[key] = body
    scan.end()
    return data


def _open(source: Source) -> tuple[IO[bytes], bool]:
    if isinstance(source, (bytes, str)):
        data = source.encode("utf-8") if isinstance(source, str) else source
        return io.BytesIO(data), False
    if isinstance(source, os.PathLike):
        try:
            return Path(source).open("rb"), True
        except OSError as exc:
            fail("EPCIS.IO_UNREADABLE", str(source), detail=os_reason(exc))
    if not source.seekable():
        return io.BytesIO(source.read()), False
    return source, False


def _kind_and_ctx(context: Any, kind: Any) -> tuple[bool, _Ctx]:
    if not isinstance(kind, str) or kind not in {"EPCISDocument", "EPCISQueryDocument"}:
        fail("EPCIS.IO_NOT_EPCIS", "/type", root=kind if isinstance(kind, str) else json_type(kind))
    if context is None:
        fail("EPCIS.IO_MISSING_FIELD", "/@context")
    return kind == "EPCISQueryDocument", _Ctx({}, {}).nested(context)


def stream(source: Source) -> tuple[AnyDocument, Iterator[Event]]:
    """The document without its events, and an iterator that decodes the events one by one."""
    handle, owned = _open(source)
    try:
        start = handle.tell()
        data = _read_shell(handle)
        shell = read_document(data)
        query, ctx = _kind_and_ctx(data.get("@context"), data.get("type"))
        handle.seek(start)
    except BaseException:
        if owned:
            handle.close()
        raise

    def events() -> Iterator[Event]:
        try:
            yield from _stream_events(_Scanner(handle), ctx, query)
        finally:
            if owned:
                handle.close()

    return shell, events()


def iter_events(source: Source) -> Iterator[Event]:
    """Yield the events of a JSON-LD document one by one, in constant memory.

    An incremental scanner walks to ``epcisBody.eventList`` (or
    ``epcisBody.queryResults.resultsBody.eventList``) and decodes one event at a time with the
    C decoder. When the ``@context`` comes after the body, a first pass finds it (streams that
    cannot seek are read into memory first). The rest of the document is kept and checked like
    :func:`loads` does, at the end at the latest: a document ``loads`` refuses raises here too.
    """
    handle, owned = _open(source)
    try:
        start = handle.tell()
        scan = _Scanner(handle)
        shell: dict[str, Any] = {}
        for key in scan.members():
            if key != "epcisBody":
                shell[key] = scan.read_value()
                continue
            context, kind = shell.get("@context"), shell.get("type")
            if context is None or kind is None:
                handle.seek(start)
                data = _read_shell(handle)
                read_document(data)
                query, ctx = _kind_and_ctx(data.get("@context"), data.get("type"))
                handle.seek(start)
                yield from _stream_events(_Scanner(handle), ctx, query)
                return
            query, ctx = _kind_and_ctx(context, kind)
            path = ["queryResults", "resultsBody", "eventList"] if query else ["eventList"]
            body: dict[str, Any] = {}
            shell[key] = body
            yield from _descend(scan, ctx, path, "/epcisBody", body)
        scan.end()
        read_document(shell)  # the document without its events
    finally:
        if owned:
            handle.close()


def _stream_events(scan: _Scanner, ctx: _Ctx, query: bool) -> Iterator[Event]:
    path = (
        ["epcisBody", "queryResults", "resultsBody", "eventList"]
        if query
        else ["epcisBody", "eventList"]
    )
    yield from _descend(scan, ctx, path, "", {})
    scan.end()


_FIRST_CHAR_KIND = {"{": "object", "[": "array", '"': "string", "t": "boolean", "f": "boolean"}


def _expect_kind(scan: _Scanner, char: str, where: str) -> None:
    """Refuse a value of the wrong JSON type with the finding :func:`loads` gives."""
    first = scan.peek()
    if first != char:
        got = "null" if first == "n" else _FIRST_CHAR_KIND.get(first, "number")
        fail("EPCIS.IO_WRONG_TYPE", where, expected=_FIRST_CHAR_KIND[char], got=got)


def _descend(
    scan: _Scanner, ctx: _Ctx, path: list[str], where: str, keep: dict[str, Any]
) -> Iterator[Event]:
    """Walk ``path`` to the event list and stream it; other members are read into ``keep``."""
    _expect_kind(scan, "{", where)
    for key in scan.members():
        if key != path[0]:
            keep[key] = scan.read_value()
            continue
        if len(path) > 1:
            inner: dict[str, Any] = {}
            keep[key] = inner
            yield from _descend(scan, ctx, path[1:], f"{where}/{key}", inner)
            continue
        _expect_kind(scan, "[", f"{where}/{key}")
        keep[key] = []  # its events are yielded, not kept
        # _fast_event looked up now: tests switch the fast builder off by replacing it
        events = stream_events(scan, ctx, f"{where}/{key}", _fast_event, _read_general)
        yield from read_ahead(events, scan)
