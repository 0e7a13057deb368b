"""EPCIS 2.0: typed model, JSON-LD and XML both ways, streaming, CBV, event hash, validation.

>>> from vntrace import epcis
>>> doc = epcis.loads('''{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
...   "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-05-12T08:00:00Z",
...   "epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE",
...     "eventTime": "2026-05-12T07:30:00.000+07:00", "eventTimeZoneOffset": "+07:00",
...     "epcList": ["urn:epc:id:sgtin:8935000.010017.1"], "bizStep": "receiving"}]}}''')
>>> doc.events[0].biz_step
'receiving'
>>> b"<bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep>" in epcis.dump_xml(doc)
True
>>> epcis.load(epcis.dump_xml(doc)) == doc
True

Heavy modules (pydantic, lxml) load on first use: ``import vntrace.epcis`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vntrace.epcis import cbv, convert, epc, hashing, jsonld, model, v12, xml
    from vntrace.epcis.convert import (
        convert_file,
        detect_format,
        dump_json,
        dump_xml,
        iter_events,
        load,
        loads,
    )
    from vntrace.epcis.hashing import event_hash, prehash
    from vntrace.epcis.model import (
        AggregationEvent,
        AssociationEvent,
        EPCISDocument,
        EPCISQueryDocument,
        Event,
        ObjectEvent,
        TransactionEvent,
        TransformationEvent,
    )

__all__ = [
    "AggregationEvent",
    "AssociationEvent",
    "EPCISDocument",
    "EPCISQueryDocument",
    "Event",
    "ObjectEvent",
    "TransactionEvent",
    "TransformationEvent",
    "cbv",
    "convert",
    "convert_file",
    "detect_format",
    "dump_json",
    "dump_xml",
    "epc",
    "event_hash",
    "hashing",
    "iter_events",
    "jsonld",
    "load",
    "loads",
    "model",
    "prehash",
    "v12",
    "validate",
    "validate_text",
    "xml",
]

_SUBMODULES = frozenset({"cbv", "convert", "epc", "hashing", "jsonld", "model", "v12", "xml"})
_FROM = {
    "load": "convert",
    "loads": "convert",
    "dump_json": "convert",
    "dump_xml": "convert",
    "iter_events": "convert",
    "convert_file": "convert",
    "detect_format": "convert",
    "event_hash": "hashing",
    "prehash": "hashing",
    "AggregationEvent": "model",
    "AssociationEvent": "model",
    "EPCISDocument": "model",
    "EPCISQueryDocument": "model",
    "Event": "model",
    "ObjectEvent": "model",
    "TransactionEvent": "model",
    "TransformationEvent": "model",
}


# ``epcis.validate`` is the function (issue #4). Importing the light module now means a later
# ``import vntrace.epcis.validate`` finds it in ``sys.modules`` and does not rebind the name.
if TYPE_CHECKING:
    from vntrace.epcis.validate import validate, validate_text
else:
    _validate_module = importlib.import_module("vntrace.epcis.validate")
    validate = _validate_module.validate
    validate_text = _validate_module.validate_text


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"vntrace.epcis.{name}")
    module = _FROM.get(name)
    if module is not None:
        value = getattr(importlib.import_module(f"vntrace.epcis.{module}"), name)
        globals()[name] = value
        return value
    msg = f"module 'vntrace.epcis' has no attribute {name!r}"
    raise AttributeError(msg)
