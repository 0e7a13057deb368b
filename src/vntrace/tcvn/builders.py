"""Build dossiers from EPCIS events and from flat tables (one row per lot).

:func:`dossier_from_epcis` reads what EPCIS knows — when, where, one step back and forward, lots
consumed and produced — and takes what it does not (product and producer master data) from the
caller. :func:`dossiers_from_rows` reads a table whose column names are dossier paths
(``product.name``, ``producer.address.commune_code`` …), or any names through ``mapping``.

>>> rows = [{"product.name": "Cam Vũ Quang", "lot.lot_number": "VQ-11",
...          "product.images": "a.jpg|b.jpg", "product.ocop.stars": "3"}]
>>> d = next(dossiers_from_rows(rows))
>>> d.product.images, d.product.ocop.stars, d.lot.lot_number
(('a.jpg', 'b.jpg'), 3, 'VQ-11')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import timedelta, timezone
from typing import Any

from vntrace.errors import SchemaViolation, VntraceError
from vntrace.findings import Finding, Location, Severity
from vntrace.tcvn.records import (
    Dossier,
    Lot,
    Party,
    Product,
    dossier_to_dict,
    load_dossier,
)

__all__ = ["BIZ_STEP_CTES", "COLUMNS", "dossier_from_epcis", "dossiers_from_rows"]

BIZ_STEP_CTES: dict[str, str] = {
    "commissioning": "harvest",
    "packing": "packing",
    "repackaging": "packing",
    "shipping": "shipping",
    "departing": "shipping",
    "receiving": "receiving",
    "arriving": "receiving",
    "accepting": "receiving",
    "retail_selling": "retail_sale",
    "storing": "storing",
    "stocking": "storing",
    "killing": "slaughter",
    "transforming": "processing",
}
"""CBV business step → critical tracking event. A ``TransformationEvent`` whose step is not in
this table is ``processing``; any other event with an unmapped step is left out of the dossier
and reported as a ``TCVN.EPCIS_EVENT_SKIPPED`` warning (never dropped silently)."""

_PARTY_TYPES = frozenset({"owning_party", "possessing_party"})


def _short(value: str | None) -> str | None:
    """``urn:epcglobal:cbv:bizstep:receiving`` or ``…/BizStep-receiving`` → ``receiving``."""
    if value is None:
        return None
    return re.split(r"[:/-]", value)[-1] if ("://" in value or value.startswith("urn:")) else value


def _gln_element(uri: str) -> str | None:
    """``(414)GLN`` (plus ``(254)ext``) of an SGLN URN or a Digital Link URI; else ``None``."""
    from vntrace.epcis import epc  # noqa: PLC0415 - epcis loads lazily

    try:
        link = epc.urn_to_dl(uri) if uri.startswith("urn:") else uri
        key = epc.parse_dl(link)
    except (VntraceError, ValueError):
        return None
    if key.ai not in {"414", "417"}:
        return None
    return f"({key.ai}){key.value}" + "".join(f"({ai}){v}" for ai, v in key.qualifiers)


def _lots(values: Iterable[str]) -> list[str]:
    """Lot numbers of ``lgtin`` class URNs (or GTIN+lot Digital Links)."""
    from vntrace.epcis import epc  # noqa: PLC0415

    out: list[str] = []
    for value in values:
        try:
            link = epc.urn_to_dl(value) if value.startswith("urn:") else value
            key = epc.parse_dl(link)
        except (VntraceError, ValueError):
            continue
        lot = dict(key.qualifiers).get("10")
        if lot is not None and lot not in out:
            out.append(lot)
    return out


def _quantity_classes(items: Iterable[Any] | None) -> list[str]:
    return [q.epc_class for q in items or ()]


class _Directory:
    """Party GLN → tax code, from the master data given."""

    def __init__(self, parties: Iterable[Party]) -> None:
        self.by_gln = {p.gln: p.tax_code for p in parties if p.gln and p.tax_code}

    def party(self, element: str | None) -> str | None:
        if element is None:
            return None
        gln = element[5:18]
        return self.by_gln.get(gln, element)


def _time(event: Any) -> str:
    hours, minutes = event.event_time_zone_offset[1:].split(":")
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    zone = timezone(-delta if event.event_time_zone_offset[0] == "-" else delta)
    return str(event.event_time.astimezone(zone).isoformat())


def _side(items: Iterable[Any] | None, attr: str, directory: _Directory) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or ():
        element = _gln_element(getattr(item, attr))
        kind = _short(item.type)
        if element is None:
            continue
        if kind in _PARTY_TYPES and "party" not in out:
            party = directory.party(element)
            if party is not None:
                out["party"] = party
        elif kind == "location" and "location" not in out:
            out["location"] = element
    return out


def _event_dict(
    index: int, event: Any, directory: _Directory, producer: Party
) -> dict[str, Any] | None:
    step = _short(event.biz_step)
    cte = BIZ_STEP_CTES.get(step or "")
    if event.type == "TransformationEvent" and cte not in {"packing", "processing"}:
        cte = "processing"
    if cte is None:
        return None
    where = event.biz_location or event.read_point
    location = _gln_element(where.id) if where is not None else None
    source = _side(event.source_list, "source", directory)
    destination = _side(event.destination_list, "destination", directory)
    out: dict[str, Any] = {"event_id": event.event_id or str(index + 1), "cte": cte}
    out["time"] = _time(event)
    party = destination.get("party") if cte == "receiving" else source.get("party")
    if party is None and location and producer.gs1_company_prefix:
        gln = location[5:18]
        if gln.startswith(producer.gs1_company_prefix) and producer.tax_code:
            party = producer.tax_code
    if party is not None:
        out["party"] = party
    if location is not None:
        out["location"] = location
    if source:
        out["source"] = source
    if destination:
        out["destination"] = destination
    inputs, outputs = _event_lots(event)
    if inputs:
        out["inputs"] = inputs
    if outputs:
        out["outputs"] = outputs
    return out


def _event_lots(event: Any) -> tuple[list[str], list[str]]:
    if event.type == "TransformationEvent":
        ins = [*(event.input_epc_list or ()), *_quantity_classes(event.input_quantity_list)]
        outs = [*(event.output_epc_list or ()), *_quantity_classes(event.output_quantity_list)]
        return _lots(ins), _lots(outs)
    if event.type == "AggregationEvent":
        children = _lots([*(event.child_epcs or ()), *_quantity_classes(event.child_quantity_list)])
        return children, children
    if event.type == "ObjectEvent" and event.action == "ADD":
        made = _lots([*(event.epc_list or ()), *_quantity_classes(event.quantity_list)])
        lot = (event.ilmd or {}).get("cbvmda:lotNumber")
        if isinstance(lot, str) and lot not in made:
            made.append(lot)
        return [], made
    return [], []


def _as(cls: type[Any], value: Any, name: str) -> Any:
    if value is None or isinstance(value, cls):
        return value
    if isinstance(value, Mapping):
        return getattr(load_dossier({name: dict(value)}), name)
    raise SchemaViolation(
        Finding(
            "TCVN.DOSSIER_WRONG_TYPE",
            params={"expected": "object", "found": type(value).__name__},
            location=Location(field=f"/{name}"),
        )
    )


def dossier_from_epcis(
    document_or_events: Any,
    *,
    product: Product | Mapping[str, Any],
    producer: Party | Mapping[str, Any],
    lot: Lot | Mapping[str, Any] | None = None,
    parties: Iterable[Party | Mapping[str, Any]] = (),
) -> Dossier:
    """A dossier from EPCIS events (an EPCIS document or any iterable of events).

    - business steps become CTEs through :data:`BIZ_STEP_CTES`;
    - ``bizLocation`` (else ``readPoint``), SGLN URN or Digital Link, becomes ``(414)`` + GLN
      (``(254)`` extension kept);
    - ``sourceList``/``destinationList`` become ``source``/``destination``: owning or possessing
      party GLNs are replaced by the tax code of the master-data party with that GLN (producer or
      ``parties``), else kept as ``(417)`` + GLN so VN-SYS-003 can report the missing record;
    - the event's party: the destination's party for receiving, else the source's, else the
      producer when the location's GLN is under its company prefix;
    - lots: ``lgtin`` classes and ``cbvmda:lotNumber``; ``lot`` defaults to the first lot made;
    - ``trace_code``: ``(01)`` GTIN ``(10)`` lot ``(414)`` first event's GLN, when all are known.

    Events with an unmapped business step are reported in ``Dossier.warnings``.
    """
    product_ = _as(Product, product, "product")
    producer_ = _as(Party, producer, "producer")
    lot_ = _as(Lot, lot, "lot")
    others = tuple(_as(Party, p, "producer") for p in parties)
    directory = _Directory([producer_, *others])
    events = getattr(document_or_events, "events", document_or_events)
    built: list[dict[str, Any]] = []
    warnings: list[Finding] = []
    for index, event in enumerate(events):
        item = _event_dict(index, event, directory, producer_)
        if item is None:
            warnings.append(
                Finding(
                    "TCVN.EPCIS_EVENT_SKIPPED",
                    Severity.WARNING,
                    {"event": index + 1, "biz_step": event.biz_step or ""},
                    Location(row=index),
                )
            )
            continue
        built.append(item)
    doc: dict[str, Any] = {
        "product": dossier_to_dict(Dossier(product=product_))["product"],
        "producer": dossier_to_dict(Dossier(producer=producer_))["producer"],
    }
    if lot_ is None:
        made = next((e["outputs"][0] for e in built if e.get("outputs")), None)
        lot_ = Lot(lot_number=made) if made is not None else None
    if lot_ is not None:
        doc["lot"] = dossier_to_dict(Dossier(lot=lot_))["lot"]
    gtin = product_.gtin
    first = next((e["location"] for e in built if "location" in e), None)
    if gtin and lot_ is not None and lot_.lot_number and first and first.startswith("(414)"):
        doc["trace_code"] = f"(01){gtin.rjust(14, '0')}(10){lot_.lot_number}{first[:18]}"
    doc["events"] = built
    if others:
        doc["parties"] = [dossier_to_dict(Dossier(producer=p))["producer"] for p in others]
    dossier = load_dossier(doc)
    if warnings:
        return replace(dossier, warnings=(*dossier.warnings, *warnings))
    return dossier


# --- flat tables ------------------------------------------------------------------------------


def _columns() -> dict[str, Any]:
    """Every scalar dossier path (``product.name`` …) → its kind."""
    out: dict[str, Any] = {}

    def walk(cls: Any, prefix: str) -> None:
        for name, kind in cls.SPEC:
            if isinstance(kind, type):
                walk(kind, f"{prefix}{name}.")
            elif not isinstance(kind, list):
                out[f"{prefix}{name}"] = kind

    walk(Dossier, "")
    return out


COLUMNS: dict[str, Any] = _columns()
"""The column names :func:`dossiers_from_rows` reads: scalar dossier paths with dots
(``product.name``, ``producer.tax_code``, ``producer.address.commune_code``, ``lot.expiry_date``,
``product.ocop.stars``, ``retention.retain_until`` …). List fields (``product.images``,
``product.standards_applied``, ``regimes``) take values separated by ``|``. Events, parties and
certificates are lists of objects and come from EPCIS (:func:`dossier_from_epcis`), not rows."""

_BOOLS = {"true": True, "false": False}


def _cell(kind: Any, text: str) -> Any:
    if kind in {"texts", "enums"} or (isinstance(kind, tuple) and kind[0] == "enums"):
        return text.split("|")
    if kind == "int" and re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    if kind == "number" and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        return float(text) if "." in text else int(text)
    if kind == "bool" and text in _BOOLS:
        return _BOOLS[text]
    return text  # the reader reports a text where a number or boolean belongs


def dossiers_from_rows(
    rows: Iterable[Mapping[str, Any]], mapping: Mapping[str, str] | None = None
) -> Iterator[Dossier]:
    """One dossier per row. ``mapping`` maps dossier paths to the table's own column names.

    Empty cells (``""`` or ``None``) are absent values. Cells are text (as read from CSV) or
    already-typed values. A row that cannot be a dossier raises ``SchemaViolation`` whose
    findings carry the row (``location.row``, from 0) and the JSON pointer; columns that are not
    dossier paths raise ``TCVN.ROWS_UNKNOWN_COLUMN`` rather than being ignored.
    """
    names = {path: (mapping or {}).get(path, path) for path in COLUMNS}
    wanted = set(names.values())
    for number, row in enumerate(rows):
        unknown = sorted(k for k in row if k not in wanted)
        if unknown:
            raise SchemaViolation(
                Finding(
                    "TCVN.ROWS_UNKNOWN_COLUMN", params={"column": c}, location=Location(row=number)
                )
                for c in unknown
            )
        doc: dict[str, Any] = {}
        for path, column in names.items():
            value = row.get(column)
            if value is None or value == "":
                continue
            if isinstance(value, str):
                value = _cell(COLUMNS[path], value)
            node = doc
            *parents, last = path.split(".")
            for part in parents:
                node = node.setdefault(part, {})
            node[last] = value
        try:
            yield load_dossier(doc)
        except SchemaViolation as exc:
            raise SchemaViolation(f.with_location(row=number) for f in exc.findings) from None
