"""Hypothesis strategies for EPCIS events and documents (engineer D, epcis-io)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from vntrace.epcis import cbv
from vntrace.epcis.model import (
    AggregationEvent,
    EPCISDocument,
    ObjectEvent,
    TransformationEvent,
)

NAMESPACES = [
    "https://ex.vn/ns/",
    "http://example.com/ext1/",
    "urn:epcglobal:cbv:mda",
    "https://ht.vn/a#",
]
LOCAL = st.from_regex(r"[a-z][A-Za-z0-9]{0,8}", fullmatch=True)
TEXT = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)


def _offset(minutes: int) -> timezone:
    return timezone(timedelta(minutes=minutes))


offsets = st.integers(min_value=-14 * 4, max_value=14 * 4).map(lambda q: _offset(q * 15))
stamps = st.builds(
    lambda base, ms, tz: (
        datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=base, milliseconds=ms)
    ),
    st.integers(min_value=0, max_value=10**8),
    st.integers(min_value=0, max_value=999),
    offsets,
).flatmap(lambda d: offsets.map(d.astimezone))

clark_keys = st.builds(lambda ns, local: f"{{{ns}}}{local}", st.sampled_from(NAMESPACES), LOCAL)
scalars = st.one_of(
    TEXT,
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
)


def _ext_values() -> st.SearchStrategy[Any]:
    # lists of at least two items: XML has no way to tell a one-item list from a value
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.dictionaries(clark_keys, inner, min_size=1, max_size=3),
            st.lists(
                st.one_of(scalars, st.dictionaries(clark_keys, inner, min_size=1, max_size=2)),
                min_size=2,
                max_size=3,
            ),
        ),
        max_leaves=6,
    )


extensions = st.dictionaries(clark_keys, _ext_values(), max_size=3)
epcs = st.builds(
    lambda n: f"urn:epc:id:sgtin:8934567.089012.{n}", st.integers(min_value=0, max_value=10**6)
)
classes = st.builds(
    lambda n: f"urn:epc:class:lgtin:8934567.089012.L{n}", st.integers(min_value=0, max_value=999)
)
quantities = st.lists(
    st.fixed_dictionaries(
        {"epcClass": classes},
        optional={
            "quantity": st.decimals(min_value=0, max_value=10**6, places=3).map(Decimal.normalize),
            "uom": st.sampled_from(["KGM", "CEL", "H87"]),
        },
    ),
    max_size=2,
)


def term(vocab: str) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(cbv.terms(vocab)))


common: dict[str, st.SearchStrategy[Any]] = {
    "eventTime": stamps,
    "eventTimeZoneOffset": st.sampled_from(["+07:00", "-06:00", "+00:00", "+14:00"]),
}
optional_common: dict[str, st.SearchStrategy[Any]] = {
    "recordTime": stamps,
    "eventID": st.builds(
        lambda n: f"urn:uuid:00000000-0000-4000-8000-{n:012d}", st.integers(0, 10**9)
    ),
    "bizStep": st.one_of(term("bizstep"), st.just("https://ex.vn/steps/peeling")),
    "disposition": term("disp"),
    "readPoint": st.fixed_dictionaries({"id": st.just("https://id.gs1.org/414/8934567000017")}),
    "bizTransactionList": st.lists(
        st.fixed_dictionaries({"bizTransaction": epcs}, optional={"type": term("btt")}),
        min_size=1,
        max_size=2,
    ),
    "sourceList": st.lists(
        st.fixed_dictionaries({"type": term("sdt"), "source": epcs}), min_size=1, max_size=2
    ),
    "persistentDisposition": st.fixed_dictionaries(
        {"set": st.lists(term("disp"), min_size=1, max_size=2)}
    ),
    "sensorElementList": st.lists(
        st.fixed_dictionaries(
            {
                "sensorReport": st.lists(
                    st.fixed_dictionaries(
                        {"type": term("measurement")},
                        optional={
                            "value": st.floats(allow_nan=False, allow_infinity=False, width=64),
                            "uom": st.just("CEL"),
                            "booleanValue": st.booleans(),
                            "component": term("comp"),
                            "time": stamps,
                        },
                    ),
                    min_size=1,
                    max_size=2,
                )
            }
        ),
        min_size=1,
        max_size=2,
    ),
    "extensions": extensions,
}

object_events = st.fixed_dictionaries(
    {**common, "action": st.sampled_from(["ADD", "OBSERVE", "DELETE"])},
    optional={
        **optional_common,
        "epcList": st.lists(epcs, max_size=3),
        "quantityList": quantities,
        "ilmd": extensions,
    },
).map(ObjectEvent.model_validate)

aggregation_events = st.fixed_dictionaries(
    {**common, "action": st.sampled_from(["ADD", "DELETE"]), "parentID": epcs},
    optional={
        **optional_common,
        "childEPCs": st.lists(epcs, max_size=3),
        "childQuantityList": quantities,
    },
).map(AggregationEvent.model_validate)

transformation_events = st.fixed_dictionaries(
    common,
    optional={
        **optional_common,
        "inputEPCList": st.lists(epcs, max_size=2),
        "outputQuantityList": quantities,
        "transformationID": st.just("urn:uuid:11111111-2222-4333-8444-555555555555"),
        "ilmd": extensions,
    },
).map(TransformationEvent.model_validate)

events = st.one_of(object_events, aggregation_events, transformation_events)

documents = st.builds(
    lambda evs, created: EPCISDocument(creation_date=created, events=tuple(evs)),
    st.lists(events, max_size=4),
    stamps,
)


def json_objects(value: Any, *, skip: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """Every JSON object in ``value`` (depth first), not descending into members named in ``skip``."""
    found: list[dict[str, Any]] = []

    def walk(item: Any) -> None:
        if isinstance(item, dict):
            found.append(item)
            for name, child in item.items():
                if name not in skip:
                    walk(child)
        elif isinstance(item, list):
            for child in item:
                walk(child)

    walk(value)
    return found
