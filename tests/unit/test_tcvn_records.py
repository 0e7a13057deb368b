"""The dossier v1 reader and writer: lossless round trips, every problem with its JSON pointer."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path

import pytest

from vntrace import tcvn
from vntrace.errors import SchemaViolation, VntraceError
from vntrace.findings import Severity

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples" / "dossiers").glob("*.json"))
BASE = json.loads(EXAMPLES[0].read_text("utf-8"))


def problems(source: object) -> list[tuple[str, str | None]]:
    reader = tcvn.loads_dossier if isinstance(source, (str, bytes)) else tcvn.load_dossier
    with pytest.raises(SchemaViolation) as exc:
        reader(source)  # type: ignore[operator]
    return [(f.code, f.location.field) for f in exc.value.findings]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_round_trip_exactly(path: Path) -> None:
    d = tcvn.load_dossier(path)
    dumped = tcvn.dump_dossier(d)
    assert tcvn.loads_dossier(dumped) == d
    assert tcvn.dump_dossier(tcvn.loads_dossier(dumped)) == dumped


def test_dump_equals_the_input_nulls_included() -> None:
    for path in EXAMPLES:
        source = json.loads(path.read_text("utf-8"))
        assert json.loads(tcvn.dump_dossier(tcvn.load_dossier(path))) == source
    assert '"ip_document": null' in tcvn.dump_dossier(tcvn.load_dossier(EXAMPLES[0]))


def test_unknown_fields_are_kept_in_place_and_warned() -> None:
    doc = copy.deepcopy(BASE)
    doc["events"][2]["temperature_c"] = 4.5
    doc["x-portal"] = {"id": [1, 2, {"a": None}]}
    d = tcvn.load_dossier(doc)
    assert [(w.code, w.severity, w.location.field) for w in d.warnings] == [
        ("TCVN.DOSSIER_UNKNOWN_FIELD", Severity.WARNING, "/events/2/temperature_c"),
        ("TCVN.DOSSIER_UNKNOWN_FIELD", Severity.WARNING, "/x-portal"),
    ]
    out = json.loads(tcvn.dump_dossier(d))
    assert out["events"][2]["temperature_c"] == 4.5
    assert out["x-portal"] == {"id": [1, 2, {"a": None}]}


def test_every_problem_is_reported_with_its_pointer() -> None:
    doc = copy.deepcopy(BASE)
    doc["product"]["name"] = 42
    doc["product"]["images"] = "anh.jpg"
    doc["producer"]["foreign"] = "no"
    doc["lot"]["expiry_date"] = "2026-02-30"
    doc["lot"]["production_date"] = "10/09/2026"
    doc["events"][0]["time"] = "2026-09-10T06:30:00"
    doc["events"][1]["time"] = "2026-09-10T25:00:00+07:00"
    doc["events"][2]["cte"] = "picking"
    doc["events"][3]["role"] = "Distributor"
    doc["product"]["ocop"]["stars"] = 4.0
    doc["product"]["certificates"][0]["sector"] = "lam_nghiep"
    doc["regimes"] = ["ND37", "ND 37"]
    doc["parties"] = {"name": "x"}
    assert problems(doc) == [  # in document order
        ("TCVN.DOSSIER_WRONG_TYPE", "/product/name"),
        ("TCVN.DOSSIER_WRONG_TYPE", "/product/images"),
        ("TCVN.DOSSIER_NOT_INTEGER", "/product/ocop/stars"),
        ("TCVN.DOSSIER_UNKNOWN_VALUE", "/product/certificates/0/sector"),
        ("TCVN.DOSSIER_WRONG_TYPE", "/producer/foreign"),
        ("TCVN.DOSSIER_BAD_DATE", "/lot/production_date"),
        ("TCVN.DOSSIER_BAD_DATE", "/lot/expiry_date"),
        ("TCVN.DOSSIER_TIME_WITHOUT_OFFSET", "/events/0/time"),
        ("TCVN.DOSSIER_BAD_TIME", "/events/1/time"),
        ("TCVN.DOSSIER_UNKNOWN_VALUE", "/events/2/cte"),
        ("TCVN.DOSSIER_UNKNOWN_VALUE", "/events/3/role"),
        ("TCVN.DOSSIER_WRONG_TYPE", "/parties"),
        ("TCVN.DOSSIER_UNKNOWN_VALUE", "/regimes/1"),
    ]


def test_non_nfc_vietnamese_is_refused_not_fixed() -> None:
    doc = copy.deepcopy(BASE)
    decomposed = unicodedata.normalize("NFD", "Bưởi Phúc Trạch")
    doc["product"]["name"] = decomposed
    assert problems(doc) == [("TCVN.DOSSIER_NOT_NFC", "/product/name")]


def test_district_field_is_kept_for_the_rule_to_report() -> None:
    doc = copy.deepcopy(BASE)
    doc["producer"]["address"]["district_name"] = "Huyện Hương Khê"
    d = tcvn.load_dossier(doc)
    assert d.producer is not None
    assert d.producer.address is not None
    assert d.producer.address.district_name == "Huyện Hương Khê"
    assert json.loads(tcvn.dump_dossier(d))["producer"]["address"]["district_name"]
    found = tcvn.check(d, as_of="2026-09-20")
    assert [(f.code, f.location.field) for f in found] == [
        ("VN-ID-003", "/producer/address/district_name")
    ]


def test_json_level_problems() -> None:
    assert problems('{"lot": {"lot_number": "A", "lot_number": "B"}}') == [
        ("TCVN.DOSSIER_REPEATED_KEY", "/lot/lot_number")
    ]
    assert problems('{"product": {"ocop": {"score": NaN}}}')[0][0] == "TCVN.DOSSIER_NOT_JSON"
    assert problems("{")[0][0] == "TCVN.DOSSIER_NOT_JSON"
    assert problems(b'{"product": {"name": "\xff"}}')[0][0] == "TCVN.DOSSIER_NOT_UTF8"
    assert problems("[1, 2]") == [("TCVN.DOSSIER_WRONG_TYPE", "/")]
    assert problems("[" * 100_000 + "]" * 100_000)[0][0] == "TCVN.DOSSIER_NOT_JSON"


def test_a_byte_order_mark_is_not_content() -> None:
    d = tcvn.loads_dossier("\ufeff" + json.dumps(BASE))
    assert d == tcvn.load_dossier(BASE)


def test_a_50_mb_dossier_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    padding = "x" * (50 * 1024 * 1024)
    big.write_text(json.dumps({"product": {"name": padding}}), encoding="utf-8")
    with pytest.raises(SchemaViolation) as exc:
        tcvn.load_dossier(big)
    assert exc.value.code == "TCVN.DOSSIER_TOO_LARGE"
    assert exc.value.finding.location.path == str(big)
    with pytest.raises(SchemaViolation) as exc:
        tcvn.loads_dossier(big.read_bytes())
    assert exc.value.code == "TCVN.DOSSIER_TOO_LARGE"


def test_a_str_is_a_path_never_guessed_as_content(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps(BASE), encoding="utf-8")
    assert tcvn.load_dossier(str(path)) == tcvn.load_dossier(path)
    assert tcvn.load_dossier(path.read_bytes()) == tcvn.load_dossier(path)
    with pytest.raises(SchemaViolation) as exc:
        tcvn.load_dossier(json.dumps(BASE))
    assert exc.value.code == "TCVN.DOSSIER_TEXT_NOT_PATH"
    with pytest.raises(FileNotFoundError):
        tcvn.load_dossier(str(tmp_path / "missing.json"))
    with pytest.raises(VntraceError) as err:
        tcvn.load_dossier(42)  # type: ignore[arg-type]
    assert err.value.code == "TCVN.DOSSIER_WRONG_TYPE"


def test_problems_in_a_file_carry_the_file_path(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"lot": {"expiry_date": "2026-13-01"}}', encoding="utf-8")
    with pytest.raises(SchemaViolation) as exc:
        tcvn.load_dossier(path)
    (f,) = exc.value.findings
    assert (f.code, f.location.field, f.location.path) == (
        "TCVN.DOSSIER_BAD_DATE",
        "/lot/expiry_date",
        str(path),
    )
    assert "2026-13-01" in f.message("vi")


def test_times_keep_their_text_and_parse() -> None:
    d = tcvn.loads_dossier('{"events": [{"time": "2026-09-10T06:30:00.5Z"}]}')
    assert d.events is not None
    assert d.events[0].time == "2026-09-10T06:30:00.5Z"
    assert d.events[0].at is not None
    assert d.events[0].at.utcoffset() is not None
    assert json.loads(tcvn.dump_dossier(d))["events"][0]["time"] == "2026-09-10T06:30:00.5Z"
