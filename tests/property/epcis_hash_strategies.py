"""Hypothesis strategies for EPCIS JSON-LD events (event-hash property tests)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

NS = "https://nongsan.example.vn/ns/"
CONTEXT = ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld", {"ex": NS}]

_SAFE = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789-._"


def _digits(n: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=n, max_size=n)


@st.composite
def sgtin(draw: st.DrawFn) -> str:
    gcp = "893" + draw(_digits(4))
    return (
        f"urn:epc:id:sgtin:{gcp}.{draw(_digits(6))}.{draw(st.text(_SAFE, min_size=1, max_size=12))}"
    )


@st.composite
def sgln(draw: st.DrawFn) -> str:
    return f"urn:epc:id:sgln:8934567.{draw(_digits(5))}.{draw(st.sampled_from(['0', '1', 'A7']))}"


@st.composite
def timestamp(draw: st.DrawFn) -> str:
    day = draw(st.integers(1, 28))
    hour = draw(st.integers(0, 23))
    minute = draw(st.integers(0, 59))
    frac = draw(st.sampled_from(["", ".5", ".123", ".1235", ".999"]))
    zone = draw(st.sampled_from(["Z", "+07:00", "-03:30", "+00:00"]))
    return f"2026-05-{day:02d}T{hour:02d}:{minute:02d}:07{frac}{zone}"


_decimal = st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False).map(float)

_ext_scalar = st.one_of(
    st.text(_SAFE + " ", min_size=1, max_size=10).map(str.strip).filter(bool),
    st.integers(-1000, 1000),
)
_ext_value: st.SearchStrategy[Any] = st.recursive(
    _ext_scalar,
    lambda inner: st.dictionaries(
        st.sampled_from(["ex:a", "ex:b", "ex:c"]), inner, min_size=1, max_size=3
    ),
    max_leaves=6,
)


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    """An ObjectEvent or AggregationEvent with a realistic spread of fields."""
    kind = draw(st.sampled_from(["ObjectEvent", "AggregationEvent"]))
    ev: dict[str, Any] = {
        "type": kind,
        "eventTime": draw(timestamp()),
        "eventTimeZoneOffset": draw(st.sampled_from(["+07:00", "+00:00", "-03:30"])),
        "action": draw(st.sampled_from(["ADD", "OBSERVE", "DELETE"])),
    }
    epcs = draw(st.lists(sgtin(), max_size=4))
    if kind == "ObjectEvent":
        ev["epcList"] = epcs
        if draw(st.booleans()):
            ev["quantityList"] = [
                {
                    "epcClass": f"urn:epc:class:lgtin:8934567.{draw(_digits(6))}.L1",
                    "quantity": draw(_decimal),
                    "uom": "KGM",
                }
                for _ in range(draw(st.integers(1, 2)))
            ]
    else:
        ev["parentID"] = f"urn:epc:id:sscc:8934567.{draw(_digits(10))}"
        ev["childEPCs"] = epcs or [draw(sgtin())]
    if draw(st.booleans()):
        ev["bizStep"] = draw(
            st.sampled_from(["shipping", "receiving", "https://example.vn/step/peel"])
        )
    if draw(st.booleans()):
        ev["disposition"] = draw(st.sampled_from(["in_transit", "active"]))
    if draw(st.booleans()):
        ev["readPoint"] = {"id": draw(sgln())}
    if draw(st.booleans()):
        ev["sourceList"] = [{"type": "owning_party", "source": "urn:epc:id:pgln:8934567.00001"}]
        ev["destinationList"] = [
            {"type": "owning_party", "destination": "urn:epc:id:pgln:8934567.00002"},
            {"type": "location", "destination": draw(sgln())},
        ]
    if draw(st.booleans()):
        ev["sensorElementList"] = [
            {
                "sensorMetadata": {"time": draw(timestamp())},
                "sensorReport": [
                    {"type": "Temperature", "value": draw(_decimal), "uom": "CEL"}
                    for _ in range(draw(st.integers(1, 3)))
                ],
            }
        ]
    if kind == "ObjectEvent" and ev["action"] == "ADD" and draw(st.booleans()):
        ev["ilmd"] = {"ex:harvest": {"ex:farm": "Phúc Trạch", "ex:plot": draw(st.integers(1, 99))}}
    for key in draw(
        st.lists(st.sampled_from(["ex:note", "ex:lot", "ex:extra"]), unique=True, max_size=2)
    ):
        ev[key] = draw(_ext_value)
    return ev
