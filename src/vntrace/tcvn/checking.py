"""Check a lot dossier against the Vietnamese regimes: one finding per rule violation.

Each finding's ``code`` is the rule id, its severity the catalogue's, its location the JSON
pointer of the offending value (``/events/2/location``), its params the rule's legal source
(``article``), ``confidence`` and the facts found and expected. How each rule is read is written
next to its function below, after ``design/tcvn.md``.

>>> from vntrace.tcvn.records import loads_dossier
>>> d = loads_dossier('{"lot": {"production_date": "2026-09-01", "expiry_date": "2026-08-01"}}')
>>> [f.code for f in check(d, as_of="2026-10-01", regimes=["ND37"])][:4]
['VN-DATA-001', 'VN-DATA-002', 'VN-DATA-003', 'VN-DATA-004']
>>> f = next(f for f in check(d, as_of="2026-10-01") if f.code == "VN-DATA-008")
>>> f.location.field, str(f.params["article"])
('/lot/expiry_date', 'Decree 37/2026/NĐ-CP Art. 23(5)(h)')
>>> print(f.message("vi"))  # doctest: +NORMALIZE_WHITESPACE
Hạn sử dụng 2026-08-01 sớm hơn ngày sản xuất 2026-09-01; hạn sử dụng không được trước
ngày sản xuất (cách hiểu của vntrace về Nghị định 37/2026/NĐ-CP Điều 23(5)(h))

The article is a param in both languages (``{"en": …, "vi": …}``, see
:class:`vntrace.messages.Localised`); a nested reason keeps its code in ``reason`` and its
params in ``reason_*`` (:func:`vntrace.messages.nest`), so people read its sentence, not a code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache

from vntrace.errors import VntraceError
from vntrace.findings import Finding, Location, ParamValue, Severity
from vntrace.messages import Localised, nest
from vntrace.tcvn import admin, ocop, tax_code, vietgap
from vntrace.tcvn._dates import add_months
from vntrace.tcvn.options import DEFAULT_OPTIONS, Options
from vntrace.tcvn.records import (
    CARRIER_TYPES,
    Address,
    Dossier,
    Event,
    Party,
    parse_time,
)
from vntrace.tcvn.rules import MACHINE_CHECKED, Rule, parse_date, regimes_in_force, rule, rules

__all__ = ["CHECKS", "check"]

_DIGITS = re.compile(r"^[0-9]+$")
_STANDARD = re.compile(r"^(TCVN|QCVN|TCCS|ISO|CODEX|CXS)\b")
_LOCATION_AIS = frozenset(f"41{n}" for n in range(8))
_TRANSFORMATIONS = frozenset({"processing", "packing"})
_NEEDS_LOCATION_CTE = frozenset({"shipping", "receiving", "retail_sale"})
_NEEDS_LOCATION_ROLE = frozenset({"distributor", "retailer", "importer"})
_FULL_TRACEABILITY = date(2027, 1, 1)  # TT31 Arts. 18-19 (VN-BCT-005)


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


@dataclass(slots=True)
class _Ctx:
    dossier: Dossier
    as_of: date
    selected: frozenset[str]
    _times: list[datetime | None] | None = None

    def times(self) -> list[datetime | None]:
        """Each event's parsed time (several rules read them; parse once)."""
        if self._times is None:
            self._times = [
                parse_time(e.time) if e.time is not None else None
                for e in self.dossier.events or ()
            ]
        return self._times


_Check = Callable[[_Ctx], Iterator[tuple[str, dict[str, ParamValue]]]]
CHECKS: dict[str, _Check] = {}
"""Rule id → the function deciding it (yields ``(json_pointer, facts)`` per violation)."""


def _rule(rule_id: str) -> Callable[[_Check], _Check]:
    def register(func: _Check) -> _Check:
        CHECKS[rule_id] = func
        return func

    return register


# --- GS1 helpers (vntrace.gs1 does the parsing; the rules only read its verdicts) -------------


def _element_string(text: str) -> tuple[dict[str, str] | None, Finding | None]:
    """AI → value of a valid element string, or ``(None, why not)``."""
    from vntrace.gs1 import element_string  # noqa: PLC0415 - gs1 loads lazily

    try:
        parsed = element_string.parse(text)
    except VntraceError as exc:
        return None, exc.finding
    return {e.ai: e.value for e in parsed.elements}, None


@lru_cache(maxsize=4096)
def _carrier_ais(text: str) -> tuple[dict[str, str] | None, Finding | None]:
    """AI → value of what a carrier holds (a Digital Link URI or an element string)."""
    if text.startswith(("http://", "https://", "HTTP://", "HTTPS://")):
        from vntrace.gs1 import digital_link  # noqa: PLC0415

        try:
            link = digital_link.parse(text)
        except VntraceError as exc:
            return None, exc.finding
        return {e.ai: e.value for e in link.element_string.elements}, None
    return _element_string(text)


@lru_cache(maxsize=65536)
def _key_problem(module_name: str, value: str) -> Finding | None:
    """``None`` when ``value`` is a valid GS1 key, else why not (digits as written)."""
    from vntrace.gs1 import gln, gtin  # noqa: PLC0415

    if not _DIGITS.match(value):
        return Finding("GS1.NON_DIGIT_CHARACTER")
    module = gtin if module_name == "gtin" else gln
    try:
        module.validate(value)
    except VntraceError as exc:
        return exc.finding
    return None


def _gtin14(value: str) -> str:
    return value.rjust(14, "0")


# --- words for people: a finding keeps the machine value and adds its text in each language ----


def _why(reason: Finding | str | None) -> dict[str, ParamValue]:
    """The nested reason: its code in ``reason``, its params in ``reason_*`` (``messages.nest``),
    so the message shows that code's own sentence in the message's language."""
    return nest(reason if isinstance(reason, Finding) else Finding(str(reason)))


def _words(table: Mapping[str, tuple[str, str]], value: str | None) -> ParamValue:
    """A dossier value in each language: ``shipping`` → ``shipping — vận chuyển, giao hàng``."""
    if not value:
        return _NOT_GIVEN
    en, vi = table.get(value, (value, ""))
    return Localised(en=en, vi=f"{value} — {vi}" if vi else value)


def _words_list(table: Mapping[str, tuple[str, str]], values: tuple[str, ...]) -> Localised:
    words = [_words(table, v) for v in values]
    return Localised(
        en="; ".join(_text_in(w, "en") for w in words),
        vi="; ".join(_text_in(w, "vi") for w in words),
    )


def _text_in(value: ParamValue, lang: str) -> str:
    return value[lang] if isinstance(value, Localised) else str(value)


_LEVEL_WORDS = {
    "huyen": ("district", "cấp huyện"),
    "tinh": ("province", "cấp tỉnh"),
    "trung_uong": ("central", "cấp trung ương"),
}
_NOT_GIVEN = Localised(en="not given", vi="chưa ghi")
_EMPTY = Localised(en="(empty)", vi="(trống)")  # what an empty value reads as
_CTE_WORDS = {
    "harvest": ("harvest", "thu hoạch"),
    "catch": ("catch", "khai thác, đánh bắt"),
    "slaughter": ("slaughter", "giết mổ"),
    "processing": ("processing", "chế biến"),
    "packing": ("packing", "đóng gói"),
    "storing": ("storing", "lưu kho"),
    "shipping": ("shipping", "vận chuyển, giao hàng"),
    "receiving": ("receiving", "tiếp nhận"),
    "import": ("import", "nhập khẩu"),
    "export": ("export", "xuất khẩu"),
    "retail_sale": ("retail sale", "bán lẻ"),
}
_ROLE_WORDS = {
    "producer": ("producer", "nhà sản xuất"),
    "grower": ("grower", "cơ sở trồng trọt"),
    "processor": ("processor", "cơ sở chế biến"),
    "packer": ("packer", "cơ sở đóng gói"),
    "distributor": ("distributor", "nhà phân phối"),
    "retailer": ("retailer", "cửa hàng bán lẻ"),
    "importer": ("importer", "đơn vị nhập khẩu"),
    "exporter": ("exporter", "đơn vị xuất khẩu"),
    "transporter": ("transporter", "đơn vị vận chuyển"),
    "warehouse": ("warehouse", "kho"),
}
# Field names of the dossier, as a person says them (the JSON path stays in the location).
_FIELD_WORDS = {
    "cte": ("kind of event (cte)", "loại sự kiện (cte)"),
    "time": ("time", "thời điểm (time)"),
    "party": ("party", "bên thực hiện (party)"),
    "location": ("location", "địa điểm (location)"),
    "inputs": ("input lots (inputs)", "lô đầu vào (inputs)"),
    "outputs": ("output lots (outputs)", "lô đầu ra (outputs)"),
    "harvest": ("harvest event", "sự kiện thu hoạch (harvest)"),
    "district_name": ("district name", "tên huyện (district_name)"),
    "province_code": ("province code", "mã tỉnh (province_code)"),
    "province_name": ("province name", "tên tỉnh (province_name)"),
    "commune_code": ("commune code", "mã xã, phường (commune_code)"),
    "commune_name": ("commune name", "tên xã, phường (commune_name)"),
    "enterprise_name": ("enterprise name", "tên doanh nghiệp"),
    "business_registration_no": ("business registration number", "số đăng ký kinh doanh"),
    "product_name": ("product name", "tên sản phẩm"),
    "product_image": ("product image", "hình ảnh sản phẩm"),
    "digital_signature": ("digital signature", "chữ ký số"),
    "importer": ("all details", "toàn bộ thông tin"),
    "name": ("name", "tên"),
    "address": ("address", "địa chỉ"),
    "tax_code": ("tax code", "mã số thuế"),
    "code": ("certificate number", "số hiệu giấy chứng nhận"),
    "issuer": ("certifying body", "tổ chức chứng nhận"),
}


def _field(*names: str) -> dict[str, ParamValue]:
    """``field`` (the names, as in the dossier) and ``field_text`` (for people, each language)."""
    words = [_FIELD_WORDS.get(n, (n, n)) for n in names]
    text = Localised(en=", ".join(w[0] for w in words), vi=", ".join(w[1] for w in words))
    return {"field": ", ".join(names), "field_text": text}


def _event_facts(i: int, event: Event) -> dict[str, ParamValue]:
    return {"event": i + 1, "cte": event.cte or "", "cte_text": _words(_CTE_WORDS, event.cte)}


# --- rules: the nine items of Decree 37 Art. 23(5) -------------------------------------------


@_rule("VN-DATA-001")
def _data_001(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    product = ctx.dossier.product
    if product is None or _blank(product.name):
        yield "/product/name", {}


@_rule("VN-DATA-002")
def _data_002(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    product = ctx.dossier.product
    images = product.images if product is not None else None
    if not images or all(_blank(i) for i in images):
        yield "/product/images", {}


@_rule("VN-DATA-003")
def _data_003(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    producer = ctx.dossier.producer
    if producer is None or _blank(producer.name):
        yield "/producer/name", {}


def _address_empty(address: Address | None) -> bool:
    if address is None:
        return True
    parts = (
        address.line,
        address.commune_code,
        address.commune_name,
        address.province_code,
        address.province_name,
        address.country,
    )
    return all(_blank(p) for p in parts)


@_rule("VN-DATA-004")
def _data_004(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    producer = ctx.dossier.producer
    if producer is None or _address_empty(producer.address):
        yield "/producer/address", {}


@_rule("VN-DATA-005")
def _data_005(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    product = ctx.dossier.product
    if product is None or _blank(product.origin):
        yield "/product/origin", {}


@_rule("VN-DATA-006")
def _data_006(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    events = ctx.dossier.events
    if not events:
        yield "/events", {"count": 0, "missing": 0}
        return
    missing = sum(1 for event in events if event.time is None)
    for i, event in enumerate(events):
        if event.time is None:
            yield f"/events/{i}/time", {"event": i + 1, "count": len(events), "missing": missing}


@_rule("VN-DATA-007")
def _data_007(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    d = ctx.dossier
    brand = d.product.brand if d.product is not None else None
    lot_number = d.lot.lot_number if d.lot is not None else None
    serial = d.lot.serial if d.lot is not None else None
    if _blank(brand) and _blank(lot_number) and _blank(serial):
        yield "/lot", {}


@_rule("VN-DATA-008")
def _data_008(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    lot = ctx.dossier.lot
    if lot is None or lot.expiry_date is None or lot.production_date is None:
        return
    if lot.expiry_date < lot.production_date:
        yield (
            "/lot/expiry_date",
            {
                "expiry_date": lot.expiry_date.isoformat(),
                "production_date": lot.production_date.isoformat(),
            },
        )


@_rule("VN-DATA-009")
def _data_009(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    product = ctx.dossier.product
    standards = product.standards_applied if product is not None else None
    if not standards:
        yield "/product/standards_applied", {"value": "", "count": 0}
        return
    for i, text in enumerate(standards):
        if not _STANDARD.match(text):
            yield (
                f"/product/standards_applied/{i}",
                {"value": text, "number": i + 1, "count": len(standards)},
            )


@_rule("VN-DATA-012")
def _data_012(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    carrier = ctx.dossier.data_carrier
    if carrier is None or _blank(carrier.content):
        yield "/data_carrier/content", {"value": "", **_why("TCVN.MISSING")}
        return
    assert carrier.content is not None
    ais, reason = _carrier_ais(carrier.content)
    if ais is None:
        yield "/data_carrier/content", {"value": carrier.content, **_why(reason)}
    elif "01" not in ais:
        yield "/data_carrier/content", {"value": carrier.content, **_why("TCVN.NO_GTIN")}


# --- identification codes (Decree 37 Arts. 3, 23, 28, 31) ------------------------------------


@lru_cache(maxsize=65536)
def _trace_code_ais(text: str) -> tuple[dict[str, str] | None, Finding | None]:
    return _element_string(text)


@_rule("VN-CODE-001")
def _code_001(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    text = ctx.dossier.trace_code
    if _blank(text):
        yield "/trace_code", {"value": "", **_why("TCVN.MISSING")}
        return
    assert text is not None
    ais, reason = _trace_code_ais(text)
    if ais is None:
        yield "/trace_code", {"value": text, **_why(reason)}
    elif "01" not in ais:
        yield "/trace_code", {"value": text, **_why("TCVN.NO_GTIN")}


def _locations(events: Iterable[Event]) -> Iterator[tuple[str, str]]:
    for i, event in enumerate(events):
        if event.location is not None:
            yield f"/events/{i}/location", event.location
        for side, ref in (("source", event.source), ("destination", event.destination)):
            if ref is not None and ref.location is not None:
                yield f"/events/{i}/{side}/location", ref.location


@_rule("VN-CODE-002")
def _code_002(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    for path, text in _locations(ctx.dossier.events or ()):
        ais, reason = _trace_code_ais(text)
        if ais is None:
            yield path, {"value": text, **_why(reason)}
        elif not _LOCATION_AIS.intersection(ais):
            yield path, {"value": text, **_why("TCVN.NO_LOCATION_AI")}


@_rule("VN-CODE-003")
def _code_003(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    text = ctx.dossier.trace_code
    if _blank(text):
        return  # VN-CODE-001 reports the missing code
    assert text is not None
    ais, _ = _trace_code_ais(text)
    if ais is None:
        return  # VN-CODE-001 reports why it cannot be read
    missing = [
        label
        for label, ok in (
            ("(01)", "01" in ais),
            ("(10)/(21)", "10" in ais or "21" in ais),
            ("(410)-(417)", bool(_LOCATION_AIS.intersection(ais))),
        )
        if not ok
    ]
    if missing:
        yield "/trace_code", {"value": text, "missing": ", ".join(missing)}


def _glns(d: Dossier) -> Iterator[tuple[str, str]]:
    for name, party in (("producer", d.producer), ("importer", d.importer)):
        if party is not None and party.gln is not None:
            yield f"/{name}/gln", party.gln
    for i, party in enumerate(d.parties or ()):
        if party.gln is not None:
            yield f"/parties/{i}/gln", party.gln


@_rule("VN-CODE-004")
def _code_004(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    d = ctx.dossier
    if d.product is not None and d.product.gtin is not None:
        reason = _key_problem("gtin", d.product.gtin)
        if reason:
            yield "/product/gtin", {"key": "GTIN", "value": d.product.gtin, **_why(reason)}
    for path, value in _glns(d):
        reason = _key_problem("gln", value)
        if reason:
            yield path, {"key": "GLN", "value": value, **_why(reason)}


def _brand_owner(d: Dossier) -> tuple[str, Party | None]:
    return ("importer", d.importer) if d.importer is not None else ("producer", d.producer)


@_rule("VN-CODE-005")
def _code_005(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    d = ctx.dossier
    gtin, path = None, "/product/gtin"
    if d.product is not None and d.product.gtin is not None:
        gtin = d.product.gtin
    elif d.trace_code is not None:
        ais, _ = _trace_code_ais(d.trace_code)
        gtin, path = (ais or {}).get("01"), "/trace_code"
    if gtin is None or not _DIGITS.match(gtin) or not _gtin14(gtin)[1:].startswith("893"):
        return
    owner_name, owner = _brand_owner(d)
    prefix = owner.gs1_company_prefix if owner is not None else None
    if prefix is None or not _gtin14(gtin)[1:].startswith(prefix):
        yield (
            path,
            {
                "gtin": gtin,
                "prefix": prefix or "",
                "owner": owner_name,
                "owner_text": _words(_ROLE_WORDS, owner_name),
            },
        )


@_rule("VN-CODE-007")
def _code_007(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    for i, event in enumerate(ctx.dossier.events or ()):
        if event.location is None and (
            event.cte in _NEEDS_LOCATION_CTE or event.role in _NEEDS_LOCATION_ROLE
        ):
            yield (
                f"/events/{i}/location",
                {
                    "event": i + 1,
                    "cte": event.cte or "",
                    "cte_text": _words(_CTE_WORDS, event.cte),
                    "role": event.role or "",
                    "role_text": _words(_ROLE_WORDS, event.role),
                },
            )


@_rule("VN-CODE-009")
def _code_009(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    for name, party in (("producer", ctx.dossier.producer), ("importer", ctx.dossier.importer)):
        prefix = party.gs1_company_prefix if party is not None else None
        if prefix is None:
            continue
        if not (
            _DIGITS.match(prefix) and len(prefix) in {7, 8, 9, 10, 12} and prefix.startswith("893")
        ):
            yield f"/{name}/gs1_company_prefix", {"value": prefix, "length": len(prefix)}


# --- data carrier -----------------------------------------------------------------------------


def _carrier_type(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    carrier = ctx.dossier.data_carrier
    kind = carrier.type if carrier is not None else None
    if kind not in CARRIER_TYPES:
        yield "/data_carrier/type", {"value": kind or "", "expected": ", ".join(CARRIER_TYPES)}


CHECKS["VN-CARRIER-001"] = _carrier_type
CHECKS["VN-CARRIER-002"] = _carrier_type


@_rule("VN-CARRIER-003")
def _carrier_003(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    d = ctx.dossier
    content = d.data_carrier.content if d.data_carrier is not None else None
    ais = _carrier_ais(content)[0] if content else None
    found = ais or {}
    missing = []
    gtin = d.product.gtin if d.product is not None else None
    if "01" not in found or (gtin is not None and found["01"] != _gtin14(gtin)):
        missing.append(f"(01){_gtin14(gtin) if gtin else ''}")
    lot_number = d.lot.lot_number if d.lot is not None else None
    serial = d.lot.serial if d.lot is not None else None
    if lot_number is not None and found.get("10") != lot_number:
        missing.append(f"(10){lot_number}")
    elif lot_number is None and serial is not None and found.get("21") != serial:
        missing.append(f"(21){serial}")
    elif lot_number is None and serial is None and "10" not in found and "21" not in found:
        missing.append("(10)/(21)")
    if missing:
        yield "/data_carrier/content", {"value": content or "", "missing": ", ".join(missing)}


# --- events and system principles (Decree 37 Art. 23(1)) -------------------------------------


@_rule("VN-SYS-001")
def _sys_001(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    for i, event in enumerate(ctx.dossier.events or ()):
        side = {"receiving": "source", "shipping": "destination"}.get(event.cte or "")
        if side is None:
            continue
        ref = event.source if side == "source" else event.destination
        for part in ("party", "location"):
            if ref is None or _blank(getattr(ref, part)):
                yield f"/events/{i}/{side}/{part}", _event_facts(i, event)


@_rule("VN-SYS-002")
def _sys_002(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    for i, event in enumerate(ctx.dossier.events or ()):
        for part in ("cte", "time", "party", "location"):
            if _blank(getattr(event, part)):
                yield f"/events/{i}/{part}", {"event": i + 1, **_field(part)}


def _known_parties(d: Dossier) -> set[str]:
    parties = [d.producer, d.importer, *(d.parties or ())]
    return {p.tax_code for p in parties if p is not None and p.tax_code is not None}


@_rule("VN-SYS-003")
def _sys_003(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    known: set[str] | None = None
    for i, event in enumerate(ctx.dossier.events or ()):
        refs = [(f"/events/{i}/party", event.party)]
        for side, ref in (("source", event.source), ("destination", event.destination)):
            if ref is not None:
                refs.append((f"/events/{i}/{side}/party", ref.party))
        for path, party in refs:
            if party is None:
                continue
            if known is None:
                known = _known_parties(ctx.dossier)
            if party not in known:
                yield path, {"event": i + 1, "value": party}


@_rule("VN-SYS-006")
def _sys_006(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    previous: tuple[datetime, str] | None = None
    for i, (event, at) in enumerate(zip(ctx.dossier.events or (), ctx.times(), strict=True)):
        if at is None:
            continue
        if previous is not None and at < previous[0]:
            yield (
                f"/events/{i}/time",
                {"event": i + 1, "time": event.time or "", "previous": previous[1]},
            )
        previous = (at, event.time or "")


@_rule("VN-SYS-008")
def _sys_008(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    for i, event in enumerate(ctx.dossier.events or ()):
        if event.cte in _TRANSFORMATIONS:
            for part in ("inputs", "outputs"):
                values = getattr(event, part)
                if not values or all(_blank(v) for v in values):
                    yield f"/events/{i}/{part}", _event_facts(i, event)


# --- retention and the MOIT scheme (Circular 31/2026/TT-BCT) ---------------------------------


def _last_event_day(ctx: _Ctx) -> date | None:
    days = [at.date() for at in ctx.times() if at is not None]
    return max(days) if days else None


@_rule("VN-RET-001")
def _ret_001(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    d = ctx.dossier
    expiry = d.lot.expiry_date if d.lot is not None else None
    if expiry is not None:
        minimum, base = add_months(expiry, 12), expiry
    else:
        last = _last_event_day(ctx)
        if last is None:
            return  # no base date: VN-DATA-006 reports the missing events
        minimum, base = add_months(last, 60), last
    until = d.retention.retain_until if d.retention is not None else None
    if until is None or until < minimum:
        yield (
            "/retention/retain_until",
            {
                "value": until.isoformat() if until else "",
                "minimum": minimum.isoformat(),
                "base": base.isoformat(),
            },
        )


def _full_traceability_applies(ctx: _Ctx) -> bool:
    """TT31 Arts. 18-19 (VN-BCT-005): full traceability for goods placed from 2027-01-01."""
    placed = ctx.dossier.declaration.placed_on_market_at if ctx.dossier.declaration else None
    day = _when(placed) if placed is not None else ctx.as_of
    return day is None or day >= _FULL_TRACEABILITY


def _when(text: str) -> date | None:
    if len(text) == 10:
        return date.fromisoformat(text)
    at = parse_time(text)
    return at.date() if at is not None else None


_BCT_FIELDS = (
    "enterprise_name",
    "business_registration_no",
    "product_name",
    "product_image",
    "digital_signature",
)


@_rule("VN-BCT-001")
def _bct_001(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    ident = ctx.dossier.bct_identification
    if ident is None:
        yield "/bct_identification", _field(*_BCT_FIELDS)
        return
    for name in _BCT_FIELDS:
        if _blank(getattr(ident, name)):
            yield f"/bct_identification/{name}", _field(name)


_ART_23_5 = tuple(f"VN-DATA-{n:03d}" for n in (1, 2, 3, 4, 5, 6, 8, 9))


@_rule("VN-BCT-002")
def _bct_002(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    if not _full_traceability_applies(ctx):
        return
    failed = [rule_id for rule_id in _ART_23_5 if next(CHECKS[rule_id](ctx), None) is not None]
    if failed:
        yield "/", {"failed": ", ".join(failed)}


@_rule("VN-BCT-003")
def _bct_003(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    d = ctx.dossier
    importer = d.importer
    if importer is None:
        if d.producer is not None and d.producer.foreign:
            yield "/importer", {**_field("importer"), "value": ""}
        return
    if _blank(importer.name):
        yield "/importer/name", {**_field("name"), "value": ""}
    if _address_empty(importer.address):
        yield "/importer/address", {**_field("address"), "value": ""}
    code = importer.tax_code
    if code is None or _tax_code_problem(code) is not None:
        yield "/importer/tax_code", {**_field("tax_code"), "value": code or ""}


@_rule("VN-BCT-004")
def _bct_004(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    if not _full_traceability_applies(ctx):
        return
    decl = ctx.dossier.declaration
    if decl is None or decl.declared_at is None:
        yield "/declaration/declared_at", {"declared": "", "placed": ""}
        return
    if decl.placed_on_market_at is None:
        return
    declared, placed = decl.declared_at, decl.placed_on_market_at
    if len(declared) == 10 or len(placed) == 10:
        declared_day, placed_day = _when(declared), _when(placed)
        late = declared_day is not None and placed_day is not None and declared_day > placed_day
    else:
        declared_at, placed_at = parse_time(declared), parse_time(placed)
        late = declared_at is not None and placed_at is not None and declared_at > placed_at
    if late:
        yield "/declaration/declared_at", {"declared": declared, "placed": placed}


# --- identifiers of parties and places -------------------------------------------------------


@lru_cache(maxsize=65536)
def _tax_code_problem(code: str) -> Finding | None:
    """``None`` for a valid tax code, else why not (producers repeat across lots)."""
    try:
        tax_code.validate(code)
    except VntraceError as exc:
        return exc.finding
    return None


@_rule("VN-ID-001")
def _id_001(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    producer = ctx.dossier.producer
    if producer is None or producer.foreign:
        return
    code = producer.tax_code
    if code is None:
        yield "/producer/tax_code", {"value": "", **_why("TCVN.MISSING")}
        return
    reason = _tax_code_problem(code)
    if reason is not None and reason.code != "TCVN.TAX_CODE_PERSONAL_ID":  # VN-ID-005 reads it
        yield "/producer/tax_code", {"value": code, **_why(reason)}


@_rule("VN-ID-005")
def _id_005(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    producer = ctx.dossier.producer
    if producer is not None and producer.tax_code and tax_code.PERSONAL_ID.match(producer.tax_code):
        yield "/producer/tax_code", {"value": producer.tax_code}


def _addresses(d: Dossier) -> Iterator[tuple[str, Party]]:
    for name, party in (("producer", d.producer), ("importer", d.importer)):
        if party is not None:
            yield f"/{name}", party
    for i, party in enumerate(d.parties or ()):
        yield f"/parties/{i}", party


def _address_problems(address: Address) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    if address.district_name is not None:
        yield "district_name", {"value": address.district_name, **_why("TCVN.DISTRICT")}
    province = None
    if address.province_code is not None:
        try:
            province = admin.province(address.province_code)
        except VntraceError:
            yield "province_code", {"value": address.province_code, **_why("TCVN.PROVINCE")}
            return
    elif address.province_name is not None:
        province = admin.province_by_name(address.province_name)
        if province is None:
            yield "province_name", {"value": address.province_name, **_why("TCVN.PROVINCE")}
            return
    else:
        yield "province_code", {"value": "", **_why("TCVN.PROVINCE")}
        return
    if address.commune_code is not None:
        try:
            commune = admin.commune(address.commune_code)
        except VntraceError:
            yield "commune_code", {"value": address.commune_code, **_why("TCVN.COMMUNE")}
            return
        if commune.province_code != province.code:
            yield (
                "commune_code",
                {"value": address.commune_code, **_why("TCVN.COMMUNE_PROVINCE")},
            )
    elif address.commune_name is not None:
        if not admin.commune_by_name(address.commune_name, province.code):
            yield "commune_name", {"value": address.commune_name, **_why("TCVN.COMMUNE")}
    else:
        yield "commune_code", {"value": "", **_why("TCVN.COMMUNE")}


@_rule("VN-ID-003")
def _id_003(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    for path, party in _addresses(ctx.dossier):
        address = party.address
        if address is None or party.foreign:
            continue
        if address.country is not None and address.country != "VN":
            continue
        for name, facts in _address_problems(address):
            facts.update(_field(name))
            facts["province"] = address.province_code or address.province_name or ""
            yield f"{path}/address/{name}", facts


# --- OCOP and VietGAP --------------------------------------------------------------------------


@_rule("VN-OCOP-001")
def _ocop_001(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    o = ctx.dossier.product.ocop if ctx.dossier.product is not None else None
    if o is None:
        return
    if o.stars not in ocop.SCORE_BANDS:
        yield "/product/ocop/stars", {"stars": o.stars if o.stars is not None else "", "score": ""}
        return
    assert o.stars is not None
    low, high = ocop.SCORE_BANDS[o.stars]
    if o.score is None or not low <= o.score <= high:
        yield (
            "/product/ocop/score",
            {"stars": o.stars, "score": o.score if o.score is not None else ""},
        )


@_rule("VN-OCOP-002")
def _ocop_002(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    o = ctx.dossier.product.ocop if ctx.dossier.product is not None else None
    if o is None:
        return
    if o.decision_date is None:
        yield "/product/ocop/decision_date", {"decision_date": "", "valid_until": ""}
        return
    until = ocop.valid_until(o.decision_date)
    if ctx.as_of > until:
        yield (
            "/product/ocop/decision_date",
            {"decision_date": o.decision_date.isoformat(), "valid_until": until.isoformat()},
        )


@_rule("VN-OCOP-003")
def _ocop_003(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    o = ctx.dossier.product.ocop if ctx.dossier.product is not None else None
    if o is None or o.stars not in ocop.SCORE_BANDS:
        return  # VN-OCOP-001 reports impossible stars
    assert o.stars is not None
    allowed = ocop.issuer_levels(o.stars, o.decision_date)
    if o.issuer_level not in allowed:
        yield (
            "/product/ocop/issuer_level",
            {
                "stars": o.stars,
                "value": o.issuer_level or "",
                "expected": ", ".join(allowed),
                "value_text": _words(_LEVEL_WORDS, o.issuer_level),
                "expected_text": _words_list(_LEVEL_WORDS, allowed),
            },
        )


@_rule("VN-OCOP-004")
def _ocop_004(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    o = ctx.dossier.product.ocop if ctx.dossier.product is not None else None
    if o is not None and o.product_group not in ocop.PRODUCT_GROUPS:
        groups = {k: (k, v) for k, v in ocop.PRODUCT_GROUPS.items()}
        yield (
            "/product/ocop/product_group",
            {
                "value": o.product_group or "",
                "expected": ", ".join(ocop.PRODUCT_GROUPS),
                "expected_text": _words_list(groups, tuple(ocop.PRODUCT_GROUPS)),
            },
        )


def _harvest_days(ctx: _Ctx) -> Iterator[tuple[int, date]]:
    for i, (event, at) in enumerate(zip(ctx.dossier.events or (), ctx.times(), strict=True)):
        if event.cte == "harvest" and at is not None:
            yield i, at.date()


def _vietgap(ctx: _Ctx, sectors: frozenset[str]) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    product = ctx.dossier.product
    for i, cert in enumerate((product.certificates or ()) if product is not None else ()):
        if cert.type != "VietGAP" or cert.sector not in sectors:
            continue
        base = f"/product/certificates/{i}"
        if cert.issued is None or cert.expires is None:
            part = "issued" if cert.issued is None else "expires"
            yield f"{base}/{part}", {"number": i + 1, "issued": "", "expires": "", "limit": ""}
            continue
        assert cert.sector is not None
        dates = {"issued": cert.issued.isoformat(), "expires": cert.expires.isoformat()}
        latest = vietgap.latest_expiry(cert.issued, cert.sector)
        if cert.expires > latest or cert.expires < cert.issued:
            yield f"{base}/expires", {"number": i + 1, **dates, "limit": latest.isoformat()}
        for j, day in _harvest_days(ctx):
            if not cert.issued <= day <= cert.expires:
                yield f"/events/{j}/time", {"number": i + 1, **dates, "limit": day.isoformat()}


@_rule("VN-CERT-001")
def _cert_001(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    return _vietgap(ctx, frozenset({"thuy_san", "chan_nuoi"}))


@_rule("VN-CERT-002")
def _cert_002(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    product = ctx.dossier.product
    for i, cert in enumerate((product.certificates or ()) if product is not None else ()):
        if cert.type == "VietGAP" and cert.sector is None:
            yield (
                f"/product/certificates/{i}/sector",
                {
                    "number": i + 1,
                    "issued": "",
                    "expires": "",
                    "limit": "",
                },
            )
    yield from _vietgap(ctx, frozenset({"trong_trot"}))


@_rule("VN-CERT-003")
def _cert_003(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    product = ctx.dossier.product
    for i, cert in enumerate((product.certificates or ()) if product is not None else ()):
        if cert.type != "VietGAP":
            continue
        for part in ("code", "issuer"):
            if _blank(getattr(cert, part)):
                yield f"/product/certificates/{i}/{part}", {"number": i + 1, **_field(part)}


@_rule("VN-FFV-001")
def _ffv_001(ctx: _Ctx) -> Iterator[tuple[str, dict[str, ParamValue]]]:
    d = ctx.dossier
    if d.product is None or d.product.category != "rau_qua_tuoi":
        return
    events = d.events or ()
    count = sum(1 for e in events if e.cte == "harvest")
    if not count:
        yield "/events", {"count": 0, **_field("harvest")}
    for i, event in enumerate(events):
        parts = {"harvest": ("location", "time", "outputs"), "packing": ("inputs", "outputs")}
        for part in parts.get(event.cte or "", ()):
            if not getattr(event, part):
                yield f"/events/{i}/{part}", {"event": i + 1, **_field(part), "count": count}


# --- the entry point ----------------------------------------------------------------------------


@cache
def _plan(selected: frozenset[str], disabled: frozenset[str], manual: bool) -> tuple[Rule, ...]:
    return tuple(
        r
        for r in rules()
        if selected.intersection(r.regimes)
        and r.id not in disabled
        and (r.machine_checked or manual)
    )


@cache
def _fixed_params(rule_id: str) -> dict[str, ParamValue]:
    r = rule(rule_id)
    return {"article": _article(r), "confidence": r.confidence}


def _article(r: Rule) -> Localised:
    return Localised(en=r.article, vi=r.article_in("vi"))


def _selected_regimes(dossier: Dossier, day: date, regimes: Iterable[str] | None) -> frozenset[str]:
    if regimes is None and dossier.regimes:
        regimes = dossier.regimes
    if regimes is None:
        return frozenset(r.id for r in regimes_in_force(day))
    from vntrace.tcvn.rules import regime  # noqa: PLC0415

    if isinstance(regimes, str):
        regimes = [regimes]
    return frozenset(regime(r).id for r in regimes)


def check(
    dossier: Dossier,
    *,
    as_of: date | str | None = None,
    regimes: Iterable[str] | None = None,
    options: Options | None = None,
    include_manual: bool | None = None,
) -> list[Finding]:
    """Check ``dossier``; the findings, rule by rule in catalogue order (``[]`` = compliant).

    ``as_of`` (a ``date`` or ``YYYY-MM-DD``) defaults to the dossier's ``as_of``, else today.
    ``regimes`` (ids) default to the dossier's, else those in force on ``as_of``. ``options``
    switches inferred rules off; ``include_manual`` (default: ``options.include_manual``) adds an
    INFO ``TCVN.MANUAL_CHECK`` for every rule a person must check. Warnings from reading the
    dossier (unknown fields) come first. An unknown regime id or a bad date raises
    ``InvalidComponent``.
    """
    opts = DEFAULT_OPTIONS if options is None else options
    manual = opts.include_manual if include_manual is None else include_manual
    if as_of is not None:
        day = parse_date(as_of)
    elif dossier.as_of is not None:
        day = dossier.as_of
    else:
        day = date.today()  # noqa: DTZ011 - a calendar day, as the law counts it
    selected = _selected_regimes(dossier, day, regimes)
    ctx = _Ctx(dossier, day, selected)
    findings: list[Finding] = list(dossier.warnings)
    for r in _plan(selected, opts.disabled_rules, manual):
        func = CHECKS.get(r.id)
        if func is None:
            findings.append(
                Finding(
                    "TCVN.MANUAL_CHECK",
                    Severity.INFO,
                    {"rule": r.id, "article": _article(r)},
                    Location(field="/"),
                )
            )
            continue
        for path, facts in func(ctx):
            for key, value in facts.items():
                if value == "":
                    facts[key] = _EMPTY  # "" would print as empty quotes
            facts.update(_fixed_params(r.id))
            findings.append(Finding(r.id, r.severity, facts, Location(field=path)))
    return findings


def _self_check() -> None:
    if set(CHECKS) != MACHINE_CHECKED:  # pragma: no cover - a programming error
        msg = f"rules.MACHINE_CHECKED and check.CHECKS differ: {set(CHECKS) ^ MACHINE_CHECKED}"
        raise RuntimeError(msg)


_self_check()
