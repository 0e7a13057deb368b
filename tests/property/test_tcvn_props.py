"""Properties of tcvn: one broken field trips that field's rules and no other; round trips."""

from __future__ import annotations

import copy
import json
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from vntrace import tcvn
from vntrace.errors import SchemaViolation
from vntrace.tcvn import admin
from vntrace.tcvn.records import CARRIER_TYPES, model_fields

REPO = Path(__file__).resolve().parents[2]
BASE = json.loads((REPO / "examples" / "dossiers" / "buoi-phuc-trach.json").read_text("utf-8"))
AS_OF = "2026-09-20"
ALL = ["TT02-2024", "ND37", "TT31"]
OTHER_COMMUNES = [c.code for c in admin.communes() if c.province_code != "42"]


def wrong_check(code: str) -> st.SearchStrategy[str]:
    return st.integers(1, 9).map(lambda k: code[:-1] + str((int(code[-1]) + k) % 10))


def _day(text: str) -> date:
    return date.fromisoformat(text)


# field -> (strategy of a broken value, setter, the rules that field feeds)
CASES: dict[str, tuple[st.SearchStrategy[Any], Any, set[str]]] = {
    "product.name": (
        st.text(alphabet=" \t", max_size=3),
        lambda d, v: d["product"].__setitem__("name", v),
        {"VN-DATA-001"},
    ),
    "lot.expiry_date": (
        st.integers(1, 3000).map(lambda n: (_day("2026-09-10") - timedelta(days=n)).isoformat()),
        lambda d, v: d["lot"].__setitem__("expiry_date", v),
        {"VN-DATA-008"},
    ),
    "product.gtin": (
        wrong_check(BASE["product"]["gtin"]),
        lambda d, v: d["product"].__setitem__("gtin", v),
        {"VN-CODE-004", "VN-CARRIER-003"},
    ),
    "producer.tax_code": (
        wrong_check(BASE["producer"]["tax_code"]),
        lambda d, v: d["producer"].__setitem__("tax_code", v),
        {"VN-ID-001", "VN-SYS-003"},  # events name the producer by its tax code
    ),
    "events.time": (
        st.tuples(st.integers(1, 3), st.integers(1, 360)),
        lambda d, v: d["events"][v[0]].__setitem__(
            "time", _earlier(d["events"][v[0] - 1]["time"], v[1])
        ),
        {"VN-SYS-006"},
    ),
    "product.ocop.score": (
        st.one_of(st.integers(0, 69), st.integers(90, 1000)),
        lambda d, v: d["product"]["ocop"].__setitem__("score", v),
        {"VN-OCOP-001"},
    ),
    "data_carrier.type": (
        st.text(max_size=12)
        .map(lambda t: unicodedata.normalize("NFC", t))
        .filter(lambda t: t not in CARRIER_TYPES),
        lambda d, v: d["data_carrier"].__setitem__("type", v),
        {"VN-CARRIER-001", "VN-CARRIER-002"},
    ),
    "producer.address.commune_code": (
        st.sampled_from(OTHER_COMMUNES),
        lambda d, v: d["producer"]["address"].__setitem__("commune_code", v),
        {"VN-ID-003"},
    ),
    "retention.retain_until": (
        st.integers(1, 5000).map(lambda n: (_day("2027-10-10") - timedelta(days=n)).isoformat()),
        lambda d, v: d["retention"].__setitem__("retain_until", v),
        {"VN-RET-001"},
    ),
    "product.standards_applied": (
        st.text(min_size=1, max_size=20)
        .map(lambda t: unicodedata.normalize("NFC", t))
        .filter(lambda t: not t.startswith(("TCVN", "QCVN", "TCCS", "ISO", "CODEX", "CXS"))),
        lambda d, v: d["product"]["standards_applied"].append(v),
        {"VN-DATA-009"},
    ),
}


def _earlier(time: str, minutes: int) -> str:
    return (datetime.fromisoformat(time) - timedelta(minutes=minutes)).isoformat()


@given(st.sampled_from(sorted(CASES)), st.data())
def test_one_broken_field_trips_its_rules_and_no_other(field: str, data: st.DataObject) -> None:
    strategy, setter, expected = CASES[field]
    value = data.draw(strategy)
    doc = copy.deepcopy(BASE)
    setter(doc, value)
    found = {f.code for f in tcvn.check(tcvn.load_dossier(doc), as_of=AS_OF, regimes=ALL)}
    assert found == expected


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=15).map(
    lambda t: unicodedata.normalize("NFC", t)
)


@given(
    name=_text,
    lot=_text,
    stars=st.integers(-5, 10),
    images=st.lists(_text, max_size=3),
    extra=st.dictionaries(
        st.text(min_size=1, max_size=5).filter(lambda k: k not in model_fields(tcvn.Dossier)),
        st.one_of(st.none(), st.integers(), _text),
        max_size=2,
    ),
)
def test_load_dump_load_round_trip(name, lot, stars, images, extra) -> None:
    doc = copy.deepcopy(BASE)
    doc["product"]["name"] = name
    doc["product"]["images"] = images
    doc["product"]["ocop"]["stars"] = stars
    doc["lot"]["lot_number"] = lot
    doc.update(extra)
    first = tcvn.load_dossier(doc)
    text = tcvn.dump_dossier(first)
    second = tcvn.loads_dossier(text)
    assert second == first
    assert tcvn.dump_dossier(second) == text
    assert {w.location.field for w in second.warnings} == {
        "/" + k.replace("~", "~0").replace("/", "~1") for k in extra
    }


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


PATHS = _paths(BASE)


@given(st.sampled_from(PATHS), _json, st.sampled_from(["2026-03-01", "2026-09-20", "2027-02-01"]))
def test_any_value_anywhere_gives_a_dossier_or_coded_findings(path, value, as_of) -> None:
    doc = copy.deepcopy(BASE)
    node: Any = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    try:
        dossier = tcvn.load_dossier(doc)
    except SchemaViolation as exc:
        problems = exc.findings
    else:
        problems = ()
    if problems:
        assert all(f.code.startswith("TCVN.DOSSIER_") and f.location.field for f in problems)
        return
    for f in tcvn.check(dossier, as_of=as_of):
        assert f.message("vi")
        assert f.message("en")
