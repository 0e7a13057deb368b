"""The EPCIS 2.0 data model: documents, the header with master data, and the five event types.

The models are pydantic v2 models, frozen (treat every nested list and dict as read-only too),
and they forbid unknown fields. They are *syntax-neutral*: the same event read from XML or from
JSON-LD gives an equal model. Readers and writers live in :mod:`vntrace.epcis.xml` and
:mod:`vntrace.epcis.jsonld`; structural and semantic validation in :mod:`vntrace.epcis.validate`.

Representation (read this before hashing or validating)
=========================================================

Field names
    Python ``snake_case`` attributes; each has the EPCIS name as its pydantic alias
    (``event_time`` ↔ ``eventTime``, ``child_epcs`` ↔ ``childEPCs``, ``s_dev`` ↔ ``sDev``).
    ``model_validate`` accepts both. :data:`FIELD_ORDER` gives, per event type, the attribute
    names in XSD order with their EPCIS names.

Absent versus empty
    ``None`` means the field is absent. An empty tuple means the field is present and empty
    (``"epcList": []`` / ``<epcList/>``), which the standard distinguishes.

Timestamps
    ``datetime`` objects that always carry a zone (the XSD ``DateTimeStamp`` requires one). The
    offset written in the document is kept in ``tzinfo``; two timestamps for the same instant with
    different offsets compare equal (``datetime`` semantics), which is what makes an XML event and
    its JSON-LD twin equal. Precision is the microsecond: further fraction digits are accepted
    on input only when they are zeros (``.123456000``); others are refused
    (``EPCIS.IO_TIME_TOO_PRECISE``) rather than cut.
    ``eventTimeZoneOffset`` is a string kept exactly as written (``"+07:00"``).

Numbers
    ``QuantityElement.quantity`` is a :class:`~decimal.Decimal` (``xsd:decimal``); sensor values
    (``value``, ``minValue`` …) are ``float`` (``xsd:double``); ``booleanValue`` is ``bool``.

Vocabulary values (one canonical form)
    Fields whose values come from a standard vocabulary — ``bizStep``, ``disposition``,
    ``persistentDisposition.set/unset``, bizTransaction ``type``, source/destination ``type``,
    ``errorDeclaration.reason``, sensor ``type`` (measurement type), ``exception`` and
    ``component`` — hold the **bare term** when the value is a known CBV 2.0 / GS1 Web Vocabulary
    term, whatever form the input used (``"receiving"``, ``"urn:epcglobal:cbv:bizstep:receiving"``,
    ``"https://ref.gs1.org/cbv/BizStep-receiving"``, ``"cbv:BizStep-receiving"`` all become
    ``"receiving"``; ``"gs1:Temperature"`` and ``"https://gs1.org/voc/Temperature"`` become
    ``"Temperature"``). Any other value is kept as written, except that a compact IRI (CURIE)
    whose prefix is declared in the document is expanded to the full URI. Use
    :mod:`vntrace.epcis.cbv` to render the URN or Web-URI form.

Identifiers and other URIs
    EPCs, class-level identifiers, locations, IDs, ``bizTransaction`` values, sensor URIs are kept
    exactly as written (EPC URN or Digital Link). Converting them is :mod:`vntrace.epcis.epc`'s job.

Extensions (``extensions``, ``ilmd``, master-data attribute values)
    A ``dict`` keyed by the **expanded name** of the element or key in Clark notation,
    ``"{namespaceURI}localName"`` (``"{http://ns.example.com/epcis/}myField"``). An XML element in
    no namespace has the bare local name as key (``"anotherElement"``). Values are:

    * ``str`` — text content; XML elements without ``xsi:type`` or with a non-numeric type
      (``xsd:string``, ``xsd:dateTime`` …) and JSON strings;
    * ``int`` / ``float`` / ``bool`` — JSON native numbers and booleans, or XML text typed with
      ``xsi:type`` ``xsd:integer``/``int``/``long``/``short``… (``int``),
      ``xsd:double``/``float``/``decimal`` (``float``) or ``xsd:boolean`` (``bool``);
    * ``dict`` — a nested element (same keying, recursively);
    * ``list`` — a JSON array, or repeated sibling XML elements with the same name (in order).

    The XML element order inside an extension object is kept as dict order, except that repeated
    names are grouped into one list at the position of the first one. XML attributes of an
    extension element (other than ``xsi:type``/``xsi:nil``) are kept as keys ``"@" + Clark name``
    and the text of such an element under ``"#text"`` (kept verbatim; text *between* child
    elements has no place and is refused, ``EPCIS.IO_MIXED_CONTENT``). Namespaced *attributes*
    on standard XML elements (the root, events, ``readPoint``/``bizLocation``, ``ilmd``,
    ``errorDeclaration``, ``sensorMetadata``, ``sensorReport``) are kept in the owning object's
    ``extensions`` like extension elements: JSON has only one kind of key. An *unqualified*
    attribute there (``createdAt="…"``) is kept as ``"@createdAt"``, so it can never be taken
    for the standard field of the same name (``action="DELETE"`` on an event is ``"@action"``,
    not the action); one named like a JSON-LD keyword (``type``, ``id``, ``value`` …) is refused
    (``EPCIS.IO_UNQUALIFIED_ATTRIBUTE``). In JSON-LD, a key directly in a standard object must
    be a standard field, a prefixed extension name or such an ``"@name"``; a bare unknown key is
    refused (``EPCIS.IO_BARE_KEY``). The legacy 1.2 ``<extension>``/``<baseExtension>`` wrappers
    are flattened: their standard children become fields (a field given twice, inside and
    outside a wrapper or repeated, is refused: ``EPCIS.IO_REPEATED_ELEMENT``), their foreign
    children extensions; attributes on a wrapper are refused (``EPCIS.IO_WRAPPER_ATTRIBUTE``).

    Values one syntax cannot hold are refused by its writer with a finding rather than changed:
    XML cannot write an empty object or array, a one-item array, an object holding only
    ``"#text"`` or a typed value as an attribute; JSON cannot write ``NaN``/``INF`` or a decimal
    a double does not hold exactly. See :doc:`/howto/epcis-lossless` for the full list.

    The CBV master-data namespace is written ``urn:epcglobal:cbv:mda`` in XML (some documents add a
    trailing ``:``) and the JSON-LD prefix ``cbvmda`` expands to ``urn:epcglobal:cbv:mda:``; both
    are stored as :data:`CBVMDA_NS` (``"{urn:epcglobal:cbv:mda}lotNumber"``).

Namespaces
    Each document keeps ``namespaces``: the ``prefix → namespace URI`` declarations of the input
    (XML ``xmlns:p`` and JSON-LD ``@context`` objects) so that output uses the same prefixes. The
    standard prefixes (``epcis``, ``cbv``, ``gs1``, ``xsi`` …) are not listed. Namespaces are
    presentation only: two documents that differ only in ``namespaces`` compare equal.

Example:

>>> from datetime import datetime, timezone
>>> ev = ObjectEvent(
...     event_time=datetime(2026, 5, 12, 7, 30, tzinfo=timezone.utc),
...     event_time_zone_offset="+07:00",
...     epc_list=("urn:epc:id:sgtin:8935000.010017.1",),
...     action="OBSERVE",
...     biz_step="receiving",
...     extensions={"{https://example.vn/ns/}farm": "Phúc Trạch"},
... )
>>> ev.type, ev.biz_step, ev.epc_list
('ObjectEvent', 'receiving', ('urn:epc:id:sgtin:8935000.010017.1',))
>>> ObjectEvent.model_validate({"eventTime": "2026-05-12T14:30:00+07:00",
...                             "eventTimeZoneOffset": "+07:00", "action": "OBSERVE",
...                             "bizStep": "receiving",
...                             "epcList": ["urn:epc:id:sgtin:8935000.010017.1"],
...                             "extensions": {"{https://example.vn/ns/}farm": "Phúc Trạch"}}) == ev
True
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    StringConstraints,
    field_serializer,
)

__all__ = [
    "CBVMDA_NS",
    "EVENT_TYPES",
    "FIELD_ORDER",
    "Action",
    "AggregationEvent",
    "AnyDocument",
    "AssociationEvent",
    "BizLocation",
    "BizTransaction",
    "Destination",
    "EPCISDocument",
    "EPCISHeader",
    "EPCISMasterDataDocument",
    "EPCISQueryDocument",
    "ErrorDeclaration",
    "Event",
    "Extensions",
    "ObjectEvent",
    "PersistentDisposition",
    "QuantityElement",
    "ReadPoint",
    "SensorElement",
    "SensorMetadata",
    "SensorReport",
    "Source",
    "TransactionEvent",
    "TransformationEvent",
    "Vocabulary",
    "VocabularyAttribute",
    "VocabularyElement",
]

CBVMDA_NS = "urn:epcglobal:cbv:mda"
"""The canonical namespace of CBV master-data attributes in extension keys."""

Action = Literal["ADD", "OBSERVE", "DELETE"]
Extensions = dict[str, JsonValue]
"""Extension elements/keys: Clark-notation name → value (see the module docstring)."""

Stamp = AwareDatetime
"""A timestamp that carries a time zone (checked by pydantic's core)."""
Offset = Annotated[str, StringConstraints(pattern=r"^[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00)$")]
"""``eventTimeZoneOffset``: ``±hh:mm`` from ``-14:00`` to ``+14:00``."""


def _iso(value: datetime) -> str:
    """JSON form of a timestamp: milliseconds (microseconds when needed), ``Z`` or ``±hh:mm``."""
    text = value.isoformat(
        timespec="milliseconds" if value.microsecond % 1000 == 0 else "microseconds"
    )
    if text.endswith("+00:00"):
        return text[:-6] + "Z"
    return text


def _json_time(value: datetime | None) -> str | None:
    return None if value is None else _iso(value)


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        str_strip_whitespace=False,
        defer_build=True,  # schemas built on first use: commands without models start faster
    )


class ReadPoint(_Model):
    """``readPoint``: an ``id`` URI plus extensions."""

    id: str
    extensions: Extensions = Field(default_factory=dict)


class BizLocation(_Model):
    """``bizLocation``: an ``id`` URI plus extensions."""

    id: str
    extensions: Extensions = Field(default_factory=dict)


class BizTransaction(_Model):
    """One ``bizTransaction``: optional CBV ``type`` (BTT) and the transaction URI."""

    type: str | None = None
    biz_transaction: str = Field(alias="bizTransaction")


class Source(_Model):
    """One ``source``: CBV ``type`` (SDT, required) and the URI."""

    type: str
    source: str


class Destination(_Model):
    """One ``destination``: CBV ``type`` (SDT, required) and the URI."""

    type: str
    destination: str


class QuantityElement(_Model):
    """One ``quantityElement``: class-level identifier, optional quantity and UN/ECE Rec 20 unit."""

    epc_class: str = Field(alias="epcClass")
    quantity: Decimal | None = None
    uom: str | None = None

    @field_serializer("quantity", when_used="json-unless-none")
    def _quantity_json(self, value: Decimal) -> int | float:
        """A JSON number: ``int`` when integral, else the nearest ``float``.

        Integers beyond 4,300 digits (Python's conversion limit) become a ``float`` too: the
        conversion must never take long. The JSON-LD writer refuses what would change.
        """
        if value == value.to_integral_value() and value.adjusted() < 4300:
            return int(value)
        return float(value)


class PersistentDisposition(_Model):
    """``persistentDisposition``: dispositions set and unset (bare CBV terms when standard)."""

    set: tuple[str, ...] | None = None
    unset: tuple[str, ...] | None = None


class ErrorDeclaration(_Model):
    """``errorDeclaration``: when, why (CBV ER) and the corrective events."""

    declaration_time: Stamp = Field(alias="declarationTime")
    reason: str | None = None
    corrective_event_ids: tuple[str, ...] | None = Field(default=None, alias="correctiveEventIDs")
    extensions: Extensions = Field(default_factory=dict)

    _time_json = field_serializer("declaration_time", when_used="json")(_json_time)


class SensorMetadata(_Model):
    """``sensorMetadata`` (XML attributes, JSON properties)."""

    time: Stamp | None = None
    start_time: Stamp | None = Field(default=None, alias="startTime")
    end_time: Stamp | None = Field(default=None, alias="endTime")
    device_id: str | None = Field(default=None, alias="deviceID")
    device_metadata: str | None = Field(default=None, alias="deviceMetadata")
    raw_data: str | None = Field(default=None, alias="rawData")
    data_processing_method: str | None = Field(default=None, alias="dataProcessingMethod")
    biz_rules: str | None = Field(default=None, alias="bizRules")
    extensions: Extensions = Field(default_factory=dict)

    _times_json = field_serializer("time", "start_time", "end_time", when_used="json")(_json_time)


class SensorReport(_Model):
    """One ``sensorReport`` (XML attributes, JSON properties)."""

    type: str | None = None
    exception: str | None = None
    device_id: str | None = Field(default=None, alias="deviceID")
    device_metadata: str | None = Field(default=None, alias="deviceMetadata")
    raw_data: str | None = Field(default=None, alias="rawData")
    data_processing_method: str | None = Field(default=None, alias="dataProcessingMethod")
    biz_rules: str | None = Field(default=None, alias="bizRules")
    time: Stamp | None = None
    microorganism: str | None = None
    chemical_substance: str | None = Field(default=None, alias="chemicalSubstance")
    value: float | None = None
    component: str | None = None
    string_value: str | None = Field(default=None, alias="stringValue")
    boolean_value: bool | None = Field(default=None, alias="booleanValue")
    hex_binary_value: str | None = Field(default=None, alias="hexBinaryValue")
    uri_value: str | None = Field(default=None, alias="uriValue")
    min_value: float | None = Field(default=None, alias="minValue")
    max_value: float | None = Field(default=None, alias="maxValue")
    mean_value: float | None = Field(default=None, alias="meanValue")
    s_dev: float | None = Field(default=None, alias="sDev")
    perc_rank: float | None = Field(default=None, alias="percRank")
    perc_value: float | None = Field(default=None, alias="percValue")
    uom: str | None = None
    coordinate_reference_system: str | None = Field(default=None, alias="coordinateReferenceSystem")
    extensions: Extensions = Field(default_factory=dict)

    _time_json = field_serializer("time", when_used="json")(_json_time)


class SensorElement(_Model):
    """One ``sensorElement``: optional metadata, one or more reports, extensions."""

    sensor_metadata: SensorMetadata | None = Field(default=None, alias="sensorMetadata")
    sensor_report: tuple[SensorReport, ...] = Field(alias="sensorReport")
    extensions: Extensions = Field(default_factory=dict)


class _Event(_Model):
    """Fields common to every event (XSD ``EPCISEventType``)."""

    event_time: Stamp = Field(alias="eventTime")
    record_time: Stamp | None = Field(default=None, alias="recordTime")
    event_time_zone_offset: Offset = Field(alias="eventTimeZoneOffset")
    event_id: str | None = Field(default=None, alias="eventID")
    error_declaration: ErrorDeclaration | None = Field(default=None, alias="errorDeclaration")
    certification_info: str | tuple[str, ...] | None = Field(
        default=None, alias="certificationInfo"
    )

    _times_json = field_serializer("event_time", "record_time", when_used="json")(_json_time)


class _Located(_Model):
    """What-where-why fields shared by the event types (mixed in after the type-specific ones)."""

    biz_step: str | None = Field(default=None, alias="bizStep")
    disposition: str | None = None
    read_point: ReadPoint | None = Field(default=None, alias="readPoint")
    biz_location: BizLocation | None = Field(default=None, alias="bizLocation")
    source_list: tuple[Source, ...] | None = Field(default=None, alias="sourceList")
    destination_list: tuple[Destination, ...] | None = Field(default=None, alias="destinationList")
    sensor_element_list: tuple[SensorElement, ...] | None = Field(
        default=None, alias="sensorElementList"
    )
    persistent_disposition: PersistentDisposition | None = Field(
        default=None, alias="persistentDisposition"
    )
    extensions: Extensions = Field(default_factory=dict)


class ObjectEvent(_Event, _Located):
    """``ObjectEvent``: something happened to objects (EPCs and/or quantities)."""

    type: Literal["ObjectEvent"] = "ObjectEvent"
    epc_list: tuple[str, ...] | None = Field(default=None, alias="epcList")
    action: Action
    biz_transaction_list: tuple[BizTransaction, ...] | None = Field(
        default=None, alias="bizTransactionList"
    )
    quantity_list: tuple[QuantityElement, ...] | None = Field(default=None, alias="quantityList")
    ilmd: Extensions | None = None


class AggregationEvent(_Event, _Located):
    """``AggregationEvent``: children packed into (ADD) or out of (DELETE) a parent."""

    type: Literal["AggregationEvent"] = "AggregationEvent"
    parent_id: str | None = Field(default=None, alias="parentID")
    child_epcs: tuple[str, ...] | None = Field(default=None, alias="childEPCs")
    action: Action
    biz_transaction_list: tuple[BizTransaction, ...] | None = Field(
        default=None, alias="bizTransactionList"
    )
    child_quantity_list: tuple[QuantityElement, ...] | None = Field(
        default=None, alias="childQuantityList"
    )


class TransactionEvent(_Event, _Located):
    """``TransactionEvent``: objects tied to (ADD) or freed from (DELETE) business transactions."""

    type: Literal["TransactionEvent"] = "TransactionEvent"
    biz_transaction_list: tuple[BizTransaction, ...] = Field(alias="bizTransactionList")
    parent_id: str | None = Field(default=None, alias="parentID")
    epc_list: tuple[str, ...] | None = Field(default=None, alias="epcList")
    action: Action
    quantity_list: tuple[QuantityElement, ...] | None = Field(default=None, alias="quantityList")


class TransformationEvent(_Event, _Located):
    """``TransformationEvent``: inputs consumed, outputs produced (no ``action``)."""

    type: Literal["TransformationEvent"] = "TransformationEvent"
    input_epc_list: tuple[str, ...] | None = Field(default=None, alias="inputEPCList")
    input_quantity_list: tuple[QuantityElement, ...] | None = Field(
        default=None, alias="inputQuantityList"
    )
    output_epc_list: tuple[str, ...] | None = Field(default=None, alias="outputEPCList")
    output_quantity_list: tuple[QuantityElement, ...] | None = Field(
        default=None, alias="outputQuantityList"
    )
    transformation_id: str | None = Field(default=None, alias="transformationID")
    biz_transaction_list: tuple[BizTransaction, ...] | None = Field(
        default=None, alias="bizTransactionList"
    )
    ilmd: Extensions | None = None


class AssociationEvent(_Event, _Located):
    """``AssociationEvent`` (new in 2.0): children associated with a parent (ADD/DELETE)."""

    type: Literal["AssociationEvent"] = "AssociationEvent"
    parent_id: str = Field(alias="parentID")
    child_epcs: tuple[str, ...] | None = Field(default=None, alias="childEPCs")
    child_quantity_list: tuple[QuantityElement, ...] | None = Field(
        default=None, alias="childQuantityList"
    )
    action: Action
    biz_transaction_list: tuple[BizTransaction, ...] | None = Field(
        default=None, alias="bizTransactionList"
    )


Event = Annotated[
    ObjectEvent | AggregationEvent | TransactionEvent | TransformationEvent | AssociationEvent,
    Field(discriminator="type"),
]
"""Any of the five event types, discriminated by ``type``."""

EVENT_TYPES: dict[str, type[BaseModel]] = {
    "ObjectEvent": ObjectEvent,
    "AggregationEvent": AggregationEvent,
    "TransactionEvent": TransactionEvent,
    "TransformationEvent": TransformationEvent,
    "AssociationEvent": AssociationEvent,
}
"""Event type name → model class."""

_COMMON = (
    ("event_time", "eventTime"),
    ("record_time", "recordTime"),
    ("event_time_zone_offset", "eventTimeZoneOffset"),
    ("event_id", "eventID"),
    ("error_declaration", "errorDeclaration"),
    ("certification_info", "certificationInfo"),
)
_WHERE = (
    ("biz_step", "bizStep"),
    ("disposition", "disposition"),
    ("read_point", "readPoint"),
    ("biz_location", "bizLocation"),
)
_TAIL = (
    ("source_list", "sourceList"),
    ("destination_list", "destinationList"),
    ("sensor_element_list", "sensorElementList"),
    ("persistent_disposition", "persistentDisposition"),
)
_BTL = (("biz_transaction_list", "bizTransactionList"),)

FIELD_ORDER: dict[str, tuple[tuple[str, str], ...]] = {
    "ObjectEvent": (
        *_COMMON,
        ("epc_list", "epcList"),
        ("action", "action"),
        *_WHERE,
        *_BTL,
        ("quantity_list", "quantityList"),
        *_TAIL,
        ("ilmd", "ilmd"),
    ),
    "AggregationEvent": (
        *_COMMON,
        ("parent_id", "parentID"),
        ("child_epcs", "childEPCs"),
        ("action", "action"),
        *_WHERE,
        *_BTL,
        ("child_quantity_list", "childQuantityList"),
        *_TAIL,
    ),
    "TransactionEvent": (
        *_COMMON,
        *_BTL,
        ("parent_id", "parentID"),
        ("epc_list", "epcList"),
        ("action", "action"),
        *_WHERE,
        ("quantity_list", "quantityList"),
        *_TAIL,
    ),
    "TransformationEvent": (
        *_COMMON,
        ("input_epc_list", "inputEPCList"),
        ("input_quantity_list", "inputQuantityList"),
        ("output_epc_list", "outputEPCList"),
        ("output_quantity_list", "outputQuantityList"),
        ("transformation_id", "transformationID"),
        *_WHERE,
        *_BTL,
        *_TAIL,
        ("ilmd", "ilmd"),
    ),
    "AssociationEvent": (
        *_COMMON,
        ("parent_id", "parentID"),
        ("child_epcs", "childEPCs"),
        ("child_quantity_list", "childQuantityList"),
        ("action", "action"),
        *_WHERE,
        *_BTL,
        *_TAIL,
    ),
}
"""Per event type: ``(attribute, EPCIS name)`` in XSD sequence order (extensions come last)."""


class VocabularyAttribute(_Model):
    """A master-data ``attribute``: its URI ``id`` and its value (text, number or nested object)."""

    id: str
    attribute: JsonValue = None


class VocabularyElement(_Model):
    """A master-data ``VocabularyElement``: ``id``, attributes (repeats allowed), children."""

    id: str
    attributes: tuple[VocabularyAttribute, ...] = ()
    children: tuple[str, ...] | None = None
    extensions: Extensions = Field(default_factory=dict)


class Vocabulary(_Model):
    """A master-data ``Vocabulary`` of one ``type`` (``urn:epcglobal:epcis:vtype:…``)."""

    type: str
    vocabulary_element_list: tuple[VocabularyElement, ...] | None = Field(
        default=None, alias="vocabularyElementList"
    )
    extensions: Extensions = Field(default_factory=dict)


class EPCISHeader(_Model):
    """``EPCISHeader`` / ``epcisHeader``.

    ``extensions`` holds foreign header content, notably the XML
    ``{http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader}StandardBusinessDocumentHeader``
    as a nested extension value.
    """

    vocabulary_list: tuple[Vocabulary, ...] | None = Field(default=None, alias="vocabularyList")
    extensions: Extensions = Field(default_factory=dict)


class _Document(_Model):
    schema_version: str = Field(default="2.0", alias="schemaVersion")
    id: str | None = None
    instance_identifier: str | None = Field(default=None, alias="instanceIdentifier")
    sender: str | None = None
    receiver: str | None = None
    header: EPCISHeader | None = Field(default=None, alias="epcisHeader")
    events: tuple[Event, ...] = ()
    namespaces: dict[str, str] = Field(default_factory=dict)
    extensions: Extensions = Field(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        """Documents are equal when everything but the ``namespaces`` (presentation) is."""
        if type(other) is not type(self):
            return NotImplemented
        return all(
            getattr(self, name) == getattr(other, name)
            for name in type(self).model_fields
            if name != "namespaces"
        )

    __hash__ = None  # type: ignore[assignment]


class EPCISDocument(_Document):
    """``EPCISDocument``: header, events and the namespace declarations of the input."""

    type: Literal["EPCISDocument"] = "EPCISDocument"
    creation_date: Stamp = Field(alias="creationDate")


class EPCISQueryDocument(_Document):
    """``EPCISQueryDocument``: the results of one query (``queryResults``).

    ``vocabulary_list`` is the optional master data of ``resultsBody``.
    """

    type: Literal["EPCISQueryDocument"] = "EPCISQueryDocument"
    creation_date: Stamp | None = Field(default=None, alias="creationDate")
    query_name: str = Field(alias="queryName")
    subscription_id: str | None = Field(default=None, alias="subscriptionID")
    vocabulary_list: tuple[Vocabulary, ...] | None = Field(default=None, alias="vocabularyList")


class EPCISMasterDataDocument(_Document):
    """``EPCISMasterDataDocument`` (XML only): a vocabulary list without events."""

    type: Literal["EPCISMasterDataDocument"] = "EPCISMasterDataDocument"
    creation_date: Stamp = Field(alias="creationDate")
    vocabulary_list: tuple[Vocabulary, ...] | None = Field(default=None, alias="vocabularyList")


AnyDocument = EPCISDocument | EPCISQueryDocument | EPCISMasterDataDocument
"""Any of the three document kinds."""
