"""tcvn builders: dossiers from EPCIS events and from flat rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from vntrace import epcis, tcvn
from vntrace.errors import SchemaViolation
from vntrace.tcvn.builders import COLUMNS

REPO = Path(__file__).resolve().parents[2]
PRODUCT = {"name": "Bưởi Phúc Trạch", "gtin": "8936012001013"}
PRODUCER = {"name": "HTX", "tax_code": "0100233488", "gs1_company_prefix": "8936012",
            "gln": "8936012000009"}  # fmt: skip


def _doc(events: str) -> epcis.EPCISDocument:
    text = (
        '{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],'
        ' "type": "EPCISDocument", "schemaVersion": "2.0",'
        ' "creationDate": "2026-08-22T10:00:00Z", "epcisBody": {"eventList": [' + events + "]}}"
    )
    return epcis.load(text.encode())


def test_the_hatinh_epcis_example_maps_ctes_locations_and_parties() -> None:
    doc = epcis.load(REPO / "examples" / "hatinh-pomelo.epcis.jsonld")
    retailer = {"name": "Siêu thị", "tax_code": "0314409058", "gln": "8935555000002"}
    d = tcvn.dossier_from_epcis(doc, product=PRODUCT, producer=PRODUCER, parties=[retailer])
    assert d.events is not None
    shipping = d.events[2]
    assert (shipping.cte, shipping.location) == ("shipping", "(414)8936012000023")
    assert shipping.destination is not None
    assert (shipping.destination.party, shipping.destination.location) == (
        "0314409058",
        "(414)8935555000033",
    )
    assert d.events[0].time == "2026-08-20T06:30:00+07:00"
    assert d.lot is not None
    assert d.lot.lot_number == "PT260820"


def test_sgln_urns_unknown_parties_and_unmapped_steps() -> None:
    d = tcvn.dossier_from_epcis(
        _doc(
            '{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "inspecting",'
            ' "eventTime": "2026-08-21T01:00:00Z", "eventTimeZoneOffset": "+07:00",'
            ' "epcList": ["urn:epc:id:sscc:8936012.0000000000"]},'
            '{"type": "ObjectEvent", "action": "OBSERVE",'
            ' "bizStep": "urn:epcglobal:cbv:bizstep:receiving",'
            ' "eventTime": "2026-08-21T02:00:00Z", "eventTimeZoneOffset": "+07:00",'
            ' "epcList": ["urn:epc:id:sscc:8936012.0000000000"],'
            ' "bizLocation": {"id": "urn:epc:id:sgln:8935555.00003.0"},'
            ' "sourceList": [{"type": "owning_party",'
            ' "source": "urn:epc:id:pgln:8936012.00000"}],'
            ' "destinationList": [{"type": "owning_party",'
            ' "destination": "https://id.gs1.org/417/8935555000002"}]}'
        ),
        product=PRODUCT,
        producer=PRODUCER,
    )
    assert d.events is not None
    (event,) = d.events
    assert event.cte == "receiving"
    assert event.time == "2026-08-21T09:00:00+07:00"
    assert event.location == "(414)8935555000033"
    assert event.party == "(417)8935555000002"  # not in the master data: kept, VN-SYS-003
    assert event.source is not None
    assert event.source.party == "0100233488"
    (warning,) = d.warnings
    assert (warning.code, warning.params["event"]) == ("TCVN.EPCIS_EVENT_SKIPPED", 1)
    found = {f.code for f in tcvn.check(d, as_of="2026-09-01", regimes=["ND37"])}
    assert "VN-SYS-003" in found


def test_rows_from_csv_with_a_mapping() -> None:
    table = io.StringIO(
        "Tên sản phẩm,GTIN,Số lô,HSD,Sao OCOP,Ảnh\n"
        "Mật ong,8936012001013,MO-1,2028-01-01,3,a.jpg|b.jpg\n"
        "Nước mắm,,NM-2,,,\n"
    )
    mapping = {
        "product.name": "Tên sản phẩm",
        "product.gtin": "GTIN",
        "lot.lot_number": "Số lô",
        "lot.expiry_date": "HSD",
        "product.ocop.stars": "Sao OCOP",
        "product.images": "Ảnh",
    }
    first, second = tcvn.dossiers_from_rows(csv.DictReader(table), mapping)
    assert first.product is not None
    assert first.product.ocop is not None
    assert (first.product.name, first.product.ocop.stars, first.product.images) == (
        "Mật ong", 3, ("a.jpg", "b.jpg"),
    )  # fmt: skip
    assert second.product is not None
    assert (second.product.gtin, second.lot and second.lot.expiry_date) == (None, None)


def test_bad_rows_and_unknown_columns_say_where() -> None:
    rows = [{"lot.lot_number": "A"}, {"lot.expiry_date": "31/12/2027"}]
    made = tcvn.dossiers_from_rows(rows)
    assert next(made).lot is not None
    with pytest.raises(SchemaViolation) as exc:
        next(made)
    (f,) = exc.value.findings
    assert (f.code, f.location.row, f.location.field) == (
        "TCVN.DOSSIER_BAD_DATE",
        1,
        "/lot/expiry_date",
    )
    with pytest.raises(SchemaViolation) as exc:
        next(tcvn.dossiers_from_rows([{"product.nam": "x"}]))
    assert exc.value.code == "TCVN.ROWS_UNKNOWN_COLUMN"
    assert "producer.address.commune_code" in COLUMNS
