"""The EPCIS model: required fields, zones, offsets, immutability, equality, field order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from vntrace.epcis.model import (
    EVENT_TYPES,
    FIELD_ORDER,
    EPCISDocument,
    ObjectEvent,
    TransactionEvent,
)

NOW = datetime(2026, 5, 12, 7, 30, tzinfo=timezone(timedelta(hours=7)))


def test_timestamps_need_a_zone() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        ObjectEvent(event_time=datetime(2026, 5, 12), event_time_zone_offset="+07:00", action="ADD")  # noqa: DTZ001


@pytest.mark.parametrize("offset", ["+07:00", "-06:00", "+14:00", "-14:00", "+00:00"])
def test_valid_offsets(offset: str) -> None:
    assert (
        ObjectEvent(
            event_time=NOW, event_time_zone_offset=offset, action="ADD"
        ).event_time_zone_offset
        == offset
    )


@pytest.mark.parametrize("offset", ["+14:01", "+7:00", "07:00", "+15:00", "Z", "+07:00 "])
def test_invalid_offsets(offset: str) -> None:
    with pytest.raises(ValidationError):
        ObjectEvent(event_time=NOW, event_time_zone_offset=offset, action="ADD")


def test_required_fields_per_type() -> None:
    with pytest.raises(ValidationError):
        ObjectEvent.model_validate({"eventTime": NOW, "eventTimeZoneOffset": "+07:00"})
    with pytest.raises(ValidationError):  # TransactionEvent needs bizTransactionList
        TransactionEvent.model_validate(
            {"eventTime": NOW, "eventTimeZoneOffset": "+07:00", "action": "ADD"}
        )
    with pytest.raises(ValidationError):  # no unknown fields
        ObjectEvent.model_validate(
            {"eventTime": NOW, "eventTimeZoneOffset": "+07:00", "action": "ADD", "weight": 1}
        )


def test_frozen_and_same_instant_equality() -> None:
    a = ObjectEvent(event_time=NOW, event_time_zone_offset="+07:00", action="ADD")
    with pytest.raises(ValidationError):
        a.action = "DELETE"  # type: ignore[misc]
    b = ObjectEvent(event_time=NOW.astimezone(UTC), event_time_zone_offset="+07:00", action="ADD")
    assert a == b  # the same instant written with another offset


def test_documents_ignore_namespace_prefixes_in_equality() -> None:
    one = EPCISDocument(creation_date=NOW, namespaces={"a": "https://ex.vn/"})
    two = EPCISDocument(creation_date=NOW, namespaces={"b": "https://ex.vn/"})
    assert one == two
    assert one != EPCISDocument(creation_date=NOW.replace(minute=31))


def test_field_order_covers_every_field() -> None:
    for name, cls in EVENT_TYPES.items():
        declared = set(cls.model_fields) - {"type", "extensions"}
        ordered = [attr for attr, _ in FIELD_ORDER[name]]
        assert set(ordered) == declared, name
        assert len(ordered) == len(set(ordered)), name
        for attr, alias in FIELD_ORDER[name]:
            assert (cls.model_fields[attr].alias or attr) == alias


def test_json_dump_uses_epcis_names_and_numbers() -> None:
    ev = ObjectEvent.model_validate(
        {
            "eventTime": "2026-05-12T07:30:00.5+07:00",
            "eventTimeZoneOffset": "+07:00",
            "action": "ADD",
            "quantityList": [
                {"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "quantity": "2.50"}
            ],
        }
    )
    data = ev.model_dump(mode="json", by_alias=True, exclude_none=True)
    assert data["eventTime"] == "2026-05-12T07:30:00.500+07:00"
    assert data["quantityList"] == [
        {"epcClass": "urn:epc:class:lgtin:8934567.089012.L1", "quantity": 2.5}
    ]
