r"""The lot dossier (hồ sơ lô hàng), format ``vntrace dossier v1``: model, loader, writer.

A dossier is one JSON object per lot. Every field is optional in the model: a missing item is a
rule violation found by :func:`vntrace.tcvn.check`, not a reading error. Reading fails (a
:class:`~vntrace.errors.SchemaViolation` carrying one ``TCVN.DOSSIER_*`` finding per problem,
each with its JSON pointer) only when a value cannot be what the format says: a wrong JSON type,
an impossible date, a time without UTC offset, an unknown enumerated value, text that is not in
Unicode NFC, a repeated key, a document that is too large. Unknown fields are kept, written back
by :func:`dump_dossier`, and reported as warnings (``Dossier.warnings``).

Text is kept exactly as given (no trimming, no normalisation); times keep the text they were
written with (``Event.time``) next to their parsed value (``Event.at``); a field given as JSON
``null`` reads as ``None`` and is written back as ``null``.

>>> d = loads_dossier('{"product": {"name": "Bưởi Phúc Trạch"}, "lot": '
...                   '{"production_date": "2026-08-01"}, "nickname": "x"}')
>>> d.product.name, d.lot.production_date
('Bưởi Phúc Trạch', datetime.date(2026, 8, 1))
>>> [(w.code, w.location.field) for w in d.warnings]
[('TCVN.DOSSIER_UNKNOWN_FIELD', '/nickname')]
>>> print(dump_dossier(d, indent=None))
{"product": {"name": "Bưởi Phúc Trạch"}, "lot": {"production_date": "2026-08-01"}, "nickname": "x"}
>>> loads_dossier('{"lot": {"expiry_date": "2026-02-30"}, '
...               '"events": [{"time": "2026-08-01T07:00"}]}')
Traceback (most recent call last):
...
vntrace.errors.SchemaViolation: TCVN.DOSSIER_BAD_DATE: ...
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar, Literal

from vntrace.errors import SchemaViolation
from vntrace.findings import Finding, Location, Severity, json_pointer, json_type
from vntrace.tcvn.options import DEFAULT_OPTIONS, Options

__all__ = [
    "CARRIER_TYPES",
    "CATEGORIES",
    "CTES",
    "FORMAT",
    "ISSUER_LEVELS",
    "ROLES",
    "SECTORS",
    "Address",
    "BctIdentification",
    "Certificate",
    "DataCarrier",
    "Declaration",
    "Dossier",
    "Event",
    "Lot",
    "Ocop",
    "Party",
    "PartyRef",
    "Product",
    "Retention",
    "dossier_to_dict",
    "dump_dossier",
    "load_dossier",
    "loads_dossier",
    "model_fields",
    "parse_time",
]

FORMAT = "vntrace dossier v1"
"""The name and version of the format this module reads and writes."""

CTES: tuple[str, ...] = (
    "harvest",
    "catch",
    "slaughter",
    "processing",
    "packing",
    "storing",
    "shipping",
    "receiving",
    "import",
    "export",
    "retail_sale",
)
"""Critical tracking events (sự kiện theo dõi trọng yếu) a dossier may list."""
ROLES: tuple[str, ...] = (
    "producer",
    "grower",
    "processor",
    "packer",
    "distributor",
    "retailer",
    "importer",
    "exporter",
    "transporter",
    "warehouse",
)
"""Roles of the party recording an event."""
CATEGORIES: tuple[str, ...] = ("rau_qua_tuoi", "thit", "thuy_san", "thuc_pham", "khac")
"""Product categories: fresh fruit and vegetables, meat, aquatic products, food, other."""
ISSUER_LEVELS: tuple[str, ...] = ("huyen", "tinh", "trung_uong")
"""OCOP recognition levels: district (before 2025-07-01), province, central."""
SECTORS: tuple[str, ...] = ("trong_trot", "thuy_san", "chan_nuoi")
"""VietGAP sectors: crops, aquaculture, livestock."""
CARRIER_TYPES: tuple[str, ...] = (
    "QR",
    "DataMatrix",
    "GS1-128",
    "EAN-13",
    "ITF-14",
    "GS1 DataBar",
    "RFID",
    "NFC",
)
"""Machine-readable data carriers the regimes name (checked by VN-CARRIER-001/002, not here)."""

_TIME = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?$"
)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def parse_time(text: str) -> datetime | None:
    """An ISO 8601 time with UTC offset, or ``None`` when ``text`` is not one."""
    match = _TIME.match(text)
    if match is None or match.group(1) is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _parse_date(text: str) -> date | None:
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# --- the model ------------------------------------------------------------------------------

# A field kind: "text", "date", "time", "when" (date or time), "bool", "int", "number",
# "texts" (list of text), ("enum", values), ("enums", values), a model class, [a model class].
_Kind = Any


@dataclass(frozen=True, slots=True, kw_only=True)
class _Model:
    extra: Mapping[str, Any] = field(default_factory=dict, compare=True)
    """Fields this format does not define, kept as read (written back by :func:`dump_dossier`)."""
    nulls: frozenset[str] = field(default=frozenset(), compare=True)
    """Fields given as JSON ``null`` (read as ``None``, written back as ``null``)."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Address(_Model):
    """A postal address in the 2025 scheme (34 provinces, communes, no districts)."""

    line: str | None = None
    """Street, house number, village (as written)."""
    commune_code: str | None = None
    """5-digit commune code (Decision 19/2025/QĐ-TTg)."""
    commune_name: str | None = None
    """Commune, ward or special zone name."""
    province_code: str | None = None
    """2-digit province code (Hà Tĩnh: ``42``)."""
    province_name: str | None = None
    """Province or centrally-governed city name."""
    country: str | None = None
    """ISO 3166 alpha-2 country code, for foreign addresses."""
    district_name: str | None = None
    """A district (huyện): abolished on 2025-07-01. Kept as read; VN-ID-003 reports it."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = (
        ("line", "text"),
        ("commune_code", "text"),
        ("commune_name", "text"),
        ("province_code", "text"),
        ("province_name", "text"),
        ("country", "text"),
        ("district_name", "text"),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Party(_Model):
    """A producer, importer or other party."""

    name: str | None = None
    """Name of the business, cooperative or household."""
    tax_code: str | None = None
    """Tax code (mã số thuế), or a 12-digit personal ID for individuals."""
    gs1_company_prefix: str | None = None
    """GS1 company prefix (tiền tố mã doanh nghiệp), 893…"""
    gln: str | None = None
    """GLN of the party."""
    foreign: bool | None = None
    """``True`` for a producer outside Vietnam."""
    address: Address | None = None
    """Address."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = (
        ("name", "text"),
        ("tax_code", "text"),
        ("gs1_company_prefix", "text"),
        ("gln", "text"),
        ("foreign", "bool"),
        ("address", Address),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Ocop(_Model):
    """An OCOP recognition (Chương trình mỗi xã một sản phẩm)."""

    stars: int | None = None
    """Star rating (3, 4 or 5)."""
    score: int | float | None = None
    """Score on the 100-point scale."""
    decision_no: str | None = None
    """Number of the recognition decision."""
    decision_date: date | None = None
    """Date of the decision."""
    issuer_level: Literal["huyen", "tinh", "trung_uong"] | None = None
    """Who recognised it: ``huyen`` (district), ``tinh`` (province), ``trung_uong`` (central)."""
    product_group: str | None = None
    """OCOP product group (VN-OCOP-004 checks it)."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = (
        ("stars", "int"),
        ("score", "number"),
        ("decision_no", "text"),
        ("decision_date", "date"),
        ("issuer_level", ("enum", ISSUER_LEVELS)),
        ("product_group", "text"),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Certificate(_Model):
    """A certificate such as VietGAP."""

    type: str | None = None
    """``VietGAP`` or another scheme."""
    sector: Literal["trong_trot", "thuy_san", "chan_nuoi"] | None = None
    """VietGAP sector: crops, aquaculture, livestock."""
    code: str | None = None
    """Certificate number."""
    issued: date | None = None
    """First day of validity."""
    expires: date | None = None
    """Last day of validity."""
    issuer: str | None = None
    """Certification body."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = (
        ("type", "text"),
        ("sector", ("enum", SECTORS)),
        ("code", "text"),
        ("issued", "date"),
        ("expires", "date"),
        ("issuer", "text"),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Product(_Model):
    """The product (sản phẩm, hàng hóa)."""

    name: str | None = None
    """Product name."""
    images: tuple[str, ...] | None = None
    """Image references (URLs or hashes)."""
    origin: str | None = None
    """Origin (xuất xứ): a country."""
    brand: str | None = None
    """Brand or trademark."""
    gtin: str | None = None
    """GTIN of the trade item."""
    category: Literal["rau_qua_tuoi", "thit", "thuy_san", "thuc_pham", "khac"] | None = None
    """Product category."""
    standards_applied: tuple[str, ...] | None = None
    """Standards applied (TCVN, QCVN, TCCS, ISO, CODEX …)."""
    ocop: Ocop | None = None
    """OCOP recognition, if any."""
    certificates: tuple[Certificate, ...] | None = None
    """Certificates (VietGAP …)."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = (
        ("name", "text"),
        ("images", "texts"),
        ("origin", "text"),
        ("brand", "text"),
        ("gtin", "text"),
        ("category", ("enum", CATEGORIES)),
        ("standards_applied", "texts"),
        ("ocop", Ocop),
        ("certificates", [Certificate]),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Lot(_Model):
    """The lot (lô hàng)."""

    lot_number: str | None = None
    """Lot or batch number."""
    serial: str | None = None
    """Serial number, for serialised goods."""
    production_date: date | None = None
    """Production date (NSX)."""
    expiry_date: date | None = None
    """Expiry date (HSD)."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = (
        ("lot_number", "text"),
        ("serial", "text"),
        ("production_date", "date"),
        ("expiry_date", "date"),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class DataCarrier(_Model):
    """The data carrier (vật mang dữ liệu) on the goods."""

    type: str | None = None
    """QR, DataMatrix, GS1-128, EAN-13, ITF-14, GS1 DataBar, RFID or NFC."""
    content: str | None = None
    """What it encodes: a GS1 Digital Link URI or an element string."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = (("type", "text"), ("content", "text"))


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyRef(_Model):
    """The party and location one step back (source) or forward (destination)."""

    party: str | None = None
    """Tax code of the party."""
    location: str | None = None
    """Location as ``(414)`` + GLN."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = (("party", "text"), ("location", "text"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(_Model):
    """A critical tracking event."""

    event_id: str | None = None
    """Identifier of the event."""
    cte: str | None = None
    """Kind of event: one of :data:`CTES`."""
    time: str | None = None
    """When, as written: ISO 8601 with UTC offset."""
    party: str | None = None
    """Tax code of the party recording the event."""
    location: str | None = None
    """Where: ``(414)`` + GLN (or another location AI 410–417)."""
    role: str | None = None
    """Role of the party: one of :data:`ROLES`."""
    source: PartyRef | None = None
    """One step back."""
    destination: PartyRef | None = None
    """One step forward."""
    inputs: tuple[str, ...] | None = None
    """Lot numbers consumed (processing, packing)."""
    outputs: tuple[str, ...] | None = None
    """Lot numbers produced (harvest, processing, packing)."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = (
        ("event_id", "text"),
        ("cte", ("enum", CTES)),
        ("time", "time"),
        ("party", "text"),
        ("location", "text"),
        ("role", ("enum", ROLES)),
        ("source", PartyRef),
        ("destination", PartyRef),
        ("inputs", "texts"),
        ("outputs", "texts"),
    )

    @property
    def at(self) -> datetime | None:
        """:attr:`time` parsed (``None`` if absent or not ISO 8601 with offset)."""
        return None if self.time is None else parse_time(self.time)


@dataclass(frozen=True, slots=True, kw_only=True)
class Retention(_Model):
    """How long the records are kept (TT31)."""

    retain_until: date | None = None
    """Last day the records are kept."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = (("retain_until", "date"),)


@dataclass(frozen=True, slots=True, kw_only=True)
class Declaration(_Model):
    """Declaration to the MOIT system before placing on the market (TT31)."""

    declared_at: str | None = None
    """When declared: ``YYYY-MM-DD`` or ISO 8601 time with offset."""
    placed_on_market_at: str | None = None
    """When placed on the market: ``YYYY-MM-DD`` or ISO 8601 time with offset."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = (
        ("declared_at", "when"),
        ("placed_on_market_at", "when"),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class BctIdentification(_Model):
    """MOIT product identification (Circular 31/2026/TT-BCT Art. 5(1))."""

    enterprise_name: str | None = None
    """Enterprise name."""
    business_registration_no: str | None = None
    """Business registration number."""
    product_name: str | None = None
    """Product name."""
    product_image: str | None = None
    """Product image reference."""
    ip_document: str | None = None
    """Intellectual-property title, or ``None`` if there is none."""
    digital_signature: str | None = None
    """``present`` or a reference to the enterprise's digital signature."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = (
        ("enterprise_name", "text"),
        ("business_registration_no", "text"),
        ("product_name", "text"),
        ("product_image", "text"),
        ("ip_document", "text"),
        ("digital_signature", "text"),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Dossier(_Model):
    """One lot dossier (format ``vntrace dossier v1``). Build it with :func:`load_dossier`,
    :func:`loads_dossier`, the builders, or directly with keyword arguments."""

    as_of: date | None = None
    """Default check date."""
    regimes: tuple[Literal["TT02-2024", "ND37", "TT31"], ...] | None = None
    """Default regimes to check against."""
    product: Product | None = None
    """The product."""
    producer: Party | None = None
    """The producer (đơn vị sản xuất)."""
    importer: Party | None = None
    """The importer, for imported goods."""
    lot: Lot | None = None
    """The lot."""
    trace_code: str | None = None
    """Traceability code (mã truy xuất nguồn gốc) as a GS1 element string."""
    data_carrier: DataCarrier | None = None
    """The data carrier on the goods."""
    events: tuple[Event, ...] | None = None
    """Critical tracking events, in chain order."""
    parties: tuple[Party, ...] | None = None
    """Other parties (suppliers, customers, transporters)."""
    retention: Retention | None = None
    """Retention of the records."""
    declaration: Declaration | None = None
    """Declaration and market placement."""
    bct_identification: BctIdentification | None = None
    """MOIT product identification."""
    warnings: tuple[Finding, ...] = field(default=(), compare=False, repr=False)
    """Warnings from reading (unknown fields); :func:`vntrace.tcvn.check` reports them too."""

    SPEC: ClassVar[tuple[tuple[str, _Kind], ...]] = (
        ("as_of", "date"),
        ("regimes", ("enums", ("TT02-2024", "ND37", "TT31"))),
        ("product", Product),
        ("producer", Party),
        ("importer", Party),
        ("lot", Lot),
        ("trace_code", "text"),
        ("data_carrier", DataCarrier),
        ("events", [Event]),
        ("parties", [Party]),
        ("retention", Retention),
        ("declaration", Declaration),
        ("bct_identification", BctIdentification),
    )


# --- reading --------------------------------------------------------------------------------


class _Repeated(dict[str, Any]):
    """A JSON object with keys given more than once (``repeated``), reported by the reader."""

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        seen: set[str] = set()
        repeated: list[str] = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        self.repeated: tuple[str, ...] = tuple(repeated)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    return out if len(out) == len(pairs) else _Repeated(pairs)


_EXPECTED_TYPE = {
    "text": "string",
    "date": "string",
    "time": "string",
    "when": "string",
    "bool": "boolean",
    "int": "number",
    "number": "number",
    "texts": "array",
    "enums": "array",
}


_KINDS: dict[type[_Model], dict[str, _Kind]] = {}


def _nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


class _Reader:
    def __init__(self) -> None:
        self.errors: list[Finding] = []
        self.warnings: list[Finding] = []

    def error(self, code: str, path: str, **params: str | int) -> None:
        self.errors.append(Finding(code, Severity.ERROR, params, Location(field=path or "/")))

    def wrong_type(self, path: str, expected: str, value: object) -> None:
        self.error("TCVN.DOSSIER_WRONG_TYPE", path, expected=expected, found=json_type(value))

    def text(self, value: object, path: str) -> str | None:
        if not isinstance(value, str):
            self.wrong_type(path, "string", value)
            return None
        if not value.isascii() and not unicodedata.is_normalized("NFC", value):
            self.error("TCVN.DOSSIER_NOT_NFC", path, value=value)
            return None
        return value

    def value(self, kind: _Kind, value: object, path: str) -> Any:
        if isinstance(kind, type):
            return self.model(kind, value, path)
        if isinstance(kind, list):
            if not isinstance(value, list):
                self.wrong_type(path, "array", value)
                return None
            items = [self.model(kind[0], v, json_pointer(path, i)) for i, v in enumerate(value)]
            return tuple(items)
        if isinstance(kind, tuple):
            return self.enum(kind, value, path)
        if kind == "texts":
            if not isinstance(value, list):
                self.wrong_type(path, "array", value)
                return None
            return tuple(self.text(v, json_pointer(path, i)) for i, v in enumerate(value))
        if kind == "bool":
            if not isinstance(value, bool):
                self.wrong_type(path, "boolean", value)
                return None
            return value
        if kind in {"int", "number"}:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.wrong_type(path, _EXPECTED_TYPE[kind], value)
                return None
            if kind == "int" and not isinstance(value, int):
                self.error("TCVN.DOSSIER_NOT_INTEGER", path, value=str(value))
                return None
            return value
        text = self.text(value, path)
        if text is None:
            return None
        if kind == "date":
            day = _parse_date(text)
            if day is None:
                self.error("TCVN.DOSSIER_BAD_DATE", path, value=text)
            return day
        if kind in {"time", "when"}:
            if kind == "when" and _DATE.match(text):
                if _parse_date(text) is None:
                    self.error("TCVN.DOSSIER_BAD_DATE", path, value=text)
                    return None
                return text
            match = _TIME.match(text)
            if match is not None and match.group(1) is None:
                self.error("TCVN.DOSSIER_TIME_WITHOUT_OFFSET", path, value=text)
                return None
            if parse_time(text) is None:
                self.error("TCVN.DOSSIER_BAD_TIME", path, value=text)
                return None
        return text

    def enum(self, kind: tuple[str, tuple[str, ...]], value: object, path: str) -> Any:
        many, allowed = kind[0] == "enums", kind[1]
        if many:
            if not isinstance(value, list):
                self.wrong_type(path, "array", value)
                return None
            return tuple(
                self.enum(("enum", allowed), v, json_pointer(path, i)) for i, v in enumerate(value)
            )
        text = self.text(value, path)
        if text is not None and text not in allowed:
            self.error("TCVN.DOSSIER_UNKNOWN_VALUE", path, value=text, expected=", ".join(allowed))
            return None
        return text

    def model(self, cls: type[_Model], value: object, path: str) -> Any:
        if not isinstance(value, Mapping):
            self.wrong_type(path, "object", value)
            return None
        for key in getattr(value, "repeated", ()):
            self.error("TCVN.DOSSIER_REPEATED_KEY", json_pointer(path, key), key=key)
        known = _KINDS.get(cls)
        if known is None:
            known = _KINDS[cls] = dict(cls.SPEC)
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        nulls: list[str] = []
        for key, item in value.items():
            if not isinstance(key, str):
                self.wrong_type(path, "object", value)
                continue
            kind = known.get(key)
            if kind is None:
                extra[key] = item
                self.warnings.append(
                    Finding(
                        "TCVN.DOSSIER_UNKNOWN_FIELD",
                        Severity.WARNING,
                        {"field": key},
                        Location(field=json_pointer(path, key)),
                    )
                )
            elif item is None:
                nulls.append(key)
            elif kind == "text" and isinstance(item, str) and (item.isascii() or _nfc(item)):
                kwargs[key] = item  # the common case, without building a pointer
            else:
                kwargs[key] = self.value(kind, item, json_pointer(path, key))
        if extra:
            kwargs["extra"] = extra
        if nulls:
            kwargs["nulls"] = frozenset(nulls)
        return cls(**kwargs)


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _decode(data: bytes | str, limit: int) -> object:
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > limit:
        raise SchemaViolation(
            Finding("TCVN.DOSSIER_TOO_LARGE", params={"size": size, "limit": limit})
        )
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SchemaViolation(
                Finding("TCVN.DOSSIER_NOT_UTF8", params={"offset": exc.start})
            ) from None
    data = data.removeprefix("\ufeff")
    try:
        return json.loads(data, object_pairs_hook=_pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise SchemaViolation(
            Finding(
                "TCVN.DOSSIER_NOT_JSON",
                params={"line": exc.lineno, "column": exc.colno, "reason": exc.msg},
            )
        ) from None
    except (ValueError, RecursionError) as exc:  # NaN/Infinity, or absurd nesting
        raise SchemaViolation(
            Finding(
                "TCVN.DOSSIER_NOT_JSON",
                params={"line": 1, "column": 1, "reason": type(exc).__name__},
            )
        ) from None


def _from_object(value: object) -> Dossier:
    reader = _Reader()
    dossier = reader.model(Dossier, value, "")
    if reader.errors or dossier is None:
        raise SchemaViolation(reader.errors)
    if reader.warnings:
        return _with_warnings(dossier, tuple(reader.warnings))
    return dossier  # type: ignore[no-any-return]


def _with_warnings(dossier: Dossier, warnings: tuple[Finding, ...]) -> Dossier:
    object.__setattr__(dossier, "warnings", warnings)
    return dossier


def loads_dossier(text: str | bytes, options: Options | None = None) -> Dossier:
    """Read a dossier from JSON text or UTF-8 bytes.

    Raises :class:`~vntrace.errors.SchemaViolation` with every ``TCVN.DOSSIER_*`` error found.

    >>> loads_dossier('{"lot": {"lot_number": 7}, "events": [{"cte": "picking"}]}')
    Traceback (most recent call last):
    ...
    vntrace.errors.SchemaViolation: TCVN.DOSSIER_WRONG_TYPE: ...
    >>> try:
    ...     loads_dossier('{"lot": {"lot_number": 7}, "events": [{"cte": "picking"}]}')
    ... except SchemaViolation as exc:
    ...     print([(f.code, f.location.field) for f in exc.findings])
    [('TCVN.DOSSIER_WRONG_TYPE', '/lot/lot_number'),
     ('TCVN.DOSSIER_UNKNOWN_VALUE', '/events/0/cte')]
    """
    opts = DEFAULT_OPTIONS if options is None else options
    if not isinstance(text, (str, bytes)):
        raise SchemaViolation(
            Finding(
                "TCVN.DOSSIER_WRONG_TYPE",
                params={"expected": "string", "found": json_type(text)},
                location=Location(field="/"),
            )
        )
    return _from_object(_decode(text, opts.max_dossier_bytes))


def load_dossier(
    source: str | os.PathLike[str] | bytes | Mapping[str, Any], options: Options | None = None
) -> Dossier:
    """Read a dossier from a file path, JSON bytes or an already-parsed mapping.

    A ``str`` is always a **path** (as with :func:`open`); JSON text must go through
    :func:`loads_dossier`, and a ``str`` that starts with ``{`` is refused with
    ``TCVN.DOSSIER_TEXT_NOT_PATH`` rather than guessed. ``bytes`` are JSON content. A mapping is
    read as the JSON object it represents. A missing or unreadable file raises :class:`OSError`.

    >>> load_dossier({"product": {"name": "Mật ong"}}).product.name
    'Mật ong'
    >>> load_dossier('{"product": {}}')
    Traceback (most recent call last):
    ...
    vntrace.errors.SchemaViolation: TCVN.DOSSIER_TEXT_NOT_PATH: ...
    """
    opts = DEFAULT_OPTIONS if options is None else options
    if isinstance(source, Mapping):
        return _from_object(source)
    if isinstance(source, bytes):
        return _from_object(_decode(source, opts.max_dossier_bytes))
    if isinstance(source, str) and source.lstrip().startswith(("{", "[")):
        raise SchemaViolation(Finding("TCVN.DOSSIER_TEXT_NOT_PATH"))
    if not isinstance(source, (str, os.PathLike)):
        raise SchemaViolation(
            Finding(
                "TCVN.DOSSIER_WRONG_TYPE",
                params={"expected": "object", "found": json_type(source)},
                location=Location(field="/"),
            )
        )
    path = Path(source)
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > opts.max_dossier_bytes:
            raise SchemaViolation(
                Finding(
                    "TCVN.DOSSIER_TOO_LARGE",
                    params={"size": size, "limit": opts.max_dossier_bytes},
                    location=Location(path=str(path)),
                )
            )
        data = handle.read(opts.max_dossier_bytes + 1)
    try:
        return _from_object(_decode(data, opts.max_dossier_bytes))
    except SchemaViolation as exc:
        raise SchemaViolation(f.with_location(path=str(path)) for f in exc.findings) from None


# --- writing --------------------------------------------------------------------------------


def _plain(kind: _Kind, value: Any) -> Any:
    if isinstance(kind, type):
        return _model_dict(value)
    if isinstance(kind, list):
        return [_model_dict(v) for v in value]
    if kind == "date":
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _model_dict(model: _Model) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, kind in model.SPEC:
        value = getattr(model, name)
        if value is not None:
            out[name] = _plain(kind, value)
        elif name in model.nulls:
            out[name] = None
    out.update(model.extra)
    return out


def dossier_to_dict(dossier: Dossier) -> dict[str, Any]:
    """The dossier as a JSON-ready dict: fields in format order, unknown fields after them.

    >>> dossier_to_dict(Dossier(lot=Lot(lot_number="HT-01")))
    {'lot': {'lot_number': 'HT-01'}}
    """
    return _model_dict(dossier)


def dump_dossier(dossier: Dossier, *, indent: int | None = 2) -> str:
    """The dossier as JSON text (characters kept, not escaped); ``loads_dossier`` reads it back.

    >>> dump_dossier(Dossier(product=Product(name="Nước mắm", images=("a.jpg",))), indent=None)
    '{"product": {"name": "Nước mắm", "images": ["a.jpg"]}}'
    """
    return json.dumps(dossier_to_dict(dossier), ensure_ascii=False, indent=indent)


def model_fields(cls: type[_Model]) -> tuple[str, ...]:
    """The dossier-format field names of a model class, in format order."""
    return tuple(name for name, _ in cls.SPEC)


def _check_specs(classes: Iterable[type[_Model]]) -> None:
    # Every SPEC names exactly the dataclass fields (a guard against drift while editing).
    for cls in classes:
        names = {f.name for f in fields(cls)} - {"extra", "nulls", "warnings"}
        if names != set(model_fields(cls)):  # pragma: no cover - a programming error
            msg = f"{cls.__name__}: SPEC and fields differ"
            raise RuntimeError(msg)


_check_specs(
    (
        *(Address, Party, Ocop, Certificate, Product, Lot, DataCarrier, PartyRef, Event),
        *(Retention, Declaration, BctIdentification, Dossier),
    )
)
