"""tcvn.check: a pass case and a fail case for every machine-checked rule.

The compliant dossier is examples/dossiers/buoi-phuc-trach.json, whose GTINs, GLNs and tax codes
were computed by examples/generate_hatinh_dossiers.py from the published algorithms (not by
vntrace). Each fail case breaks one fact as design/tcvn.md reads the rule, and expects the rule's
finding at a hand-written JSON pointer.
"""

from __future__ import annotations

import copy
import json
import re
import string
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from vntrace import tcvn
from vntrace.errors import InvalidComponent
from vntrace.findings import Severity
from vntrace.messages import catalogue
from vntrace.tcvn.rules import MACHINE_CHECKED

REPO = Path(__file__).resolve().parents[2]
BASE = json.loads((REPO / "examples" / "dossiers" / "buoi-phuc-trach.json").read_text("utf-8"))
AS_OF = "2026-09-20"  # ND37 + TT31 in force, TT02-2024 gone
ALL = ["TT02-2024", "ND37", "TT31"]


def mod10(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def run(doc: dict[str, Any], as_of: str = AS_OF, regimes: Any = ALL):
    return tcvn.check(tcvn.load_dossier(doc), as_of=as_of, regimes=regimes)


def test_the_base_dossier_is_compliant_under_every_regime() -> None:
    assert run(BASE) == []
    assert run(BASE, as_of="2026-03-01", regimes=None) == []


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.strip("/").split("/")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if value is _DELETE:
            del node[int(last) if isinstance(node, list) else last]
        else:
            node[int(last) if isinstance(node, list) else last] = value

    return mutate


_DELETE = object()
GTIN14 = "0" + BASE["product"]["gtin"]
FARM = BASE["producer"]["gln"]
FOREIGN_GLN = "690123456001"
FOREIGN_GLN += mod10(FOREIGN_GLN)
PERSONAL_ID = "042095001234"

# rule id -> (mutation, JSON pointer of the expected finding)
FAIL_CASES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "VN-DATA-001": (_set("/product/name", "  "), "/product/name"),
    "VN-DATA-002": (_set("/product/images", []), "/product/images"),
    "VN-DATA-003": (_set("/producer/name", _DELETE), "/producer/name"),
    "VN-DATA-004": (_set("/producer/address", {}), "/producer/address"),
    "VN-DATA-005": (_set("/product/origin", ""), "/product/origin"),
    "VN-DATA-006": (_set("/events/1/time", _DELETE), "/events/1/time"),
    "VN-DATA-007": (
        lambda d: _set("/product/brand", _DELETE)(d) or _set("/lot/lot_number", _DELETE)(d),
        "/lot",
    ),
    "VN-DATA-008": (_set("/lot/expiry_date", "2026-09-09"), "/lot/expiry_date"),
    "VN-DATA-009": (
        _set("/product/standards_applied/1", "VietGAP"),
        "/product/standards_applied/1",
    ),
    "VN-DATA-012": (_set("/data_carrier/content", "PT2026-09-A"), "/data_carrier/content"),
    "VN-CODE-001": (_set("/trace_code", f"(10)PT2026-09-A(414){FARM}"), "/trace_code"),
    "VN-CODE-002": (_set("/events/0/location", f"(01){GTIN14}"), "/events/0/location"),
    "VN-CODE-003": (_set("/trace_code", f"(01){GTIN14}(10)PT2026-09-A"), "/trace_code"),
    "VN-CODE-004": (_set("/parties/0/gln", "8938500900010"), "/parties/0/gln"),
    "VN-CODE-005": (_set("/producer/gs1_company_prefix", "8938500124"), "/product/gtin"),
    "VN-CODE-007": (_set("/events/3/location", _DELETE), "/events/3/location"),
    "VN-CODE-009": (
        _set("/producer/gs1_company_prefix", "89485001"),
        "/producer/gs1_company_prefix",
    ),
    "VN-CARRIER-001": (_set("/data_carrier/type", "text"), "/data_carrier/type"),
    "VN-CARRIER-002": (_set("/data_carrier/type", "none"), "/data_carrier/type"),
    "VN-CARRIER-003": (
        _set("/data_carrier/content", f"https://id.gs1.org/01/{GTIN14}"),
        "/data_carrier/content",
    ),
    "VN-SYS-001": (_set("/events/3/source/location", _DELETE), "/events/3/source/location"),
    "VN-SYS-002": (_set("/events/1/party", _DELETE), "/events/1/party"),
    "VN-SYS-003": (_set("/events/1/party", "0100233488"), "/events/1/party"),
    "VN-SYS-006": (_set("/events/2/time", "2026-09-10T13:00:00+07:00"), "/events/2/time"),
    "VN-SYS-008": (_set("/events/1/inputs", []), "/events/1/inputs"),
    "VN-RET-001": (_set("/retention/retain_until", "2027-10-09"), "/retention/retain_until"),
    "VN-BCT-001": (
        _set("/bct_identification/digital_signature", ""),
        "/bct_identification/digital_signature",
    ),
    "VN-BCT-002": (
        lambda d: (
            _set("/product/origin", _DELETE)(d)
            or _set("/declaration/placed_on_market_at", "2027-01-02")(d)
        ),
        "/",
    ),
    "VN-BCT-003": (_set("/producer/foreign", True), "/importer"),
    "VN-BCT-004": (
        _set("/declaration", {"declared_at": "2027-01-03", "placed_on_market_at": "2027-01-02"}),
        "/declaration/declared_at",
    ),
    "VN-ID-001": (_set("/producer/tax_code", "3001234560"), "/producer/tax_code"),
    "VN-ID-003": (
        _set("/producer/address/commune_code", "00070"),
        "/producer/address/commune_code",
    ),
    "VN-ID-005": (_set("/producer/tax_code", PERSONAL_ID), "/producer/tax_code"),
    "VN-OCOP-001": (_set("/product/ocop/score", 92), "/product/ocop/score"),
    "VN-OCOP-002": (
        _set("/product/ocop/decision_date", "2023-09-19"),
        "/product/ocop/decision_date",
    ),
    "VN-OCOP-003": (_set("/product/ocop/issuer_level", "trung_uong"), "/product/ocop/issuer_level"),
    "VN-OCOP-004": (_set("/product/ocop/product_group", "nong_san"), "/product/ocop/product_group"),
    "VN-CERT-001": (
        _set("/product/certificates/0/sector", "thuy_san"),
        "/product/certificates/0/expires",
    ),
    "VN-CERT-002": (_set("/product/certificates/0/issued", "2026-09-11"), "/events/0/time"),
    "VN-CERT-003": (_set("/product/certificates/0/issuer", ""), "/product/certificates/0/issuer"),
    "VN-FFV-001": (_set("/events/0/outputs", []), "/events/0/outputs"),
}


def test_every_machine_checked_rule_has_a_fail_case() -> None:
    assert set(FAIL_CASES) == set(MACHINE_CHECKED)


@pytest.mark.parametrize("rule_id", sorted(FAIL_CASES))
def test_fail_case(rule_id: str) -> None:
    mutate, pointer = FAIL_CASES[rule_id]
    doc = copy.deepcopy(BASE)
    mutate(doc)
    as_of = "2027-02-01" if rule_id in {"VN-BCT-002", "VN-BCT-004"} else AS_OF
    findings = run(doc, as_of=as_of)
    hits = [f for f in findings if f.code == rule_id]
    assert hits, [(f.code, f.location.field) for f in findings]
    assert pointer in {f.location.field for f in hits}
    r = tcvn.rule(rule_id)
    for f in hits:
        assert f.severity is r.severity
        assert f.params["article"] == {"en": r.article, "vi": r.article_in("vi")}
        assert f.params["confidence"] == r.confidence
        for lang in ("en", "vi"):
            text = f.message(lang)
            assert r.article_in(lang) in text


@pytest.mark.parametrize("rule_id", sorted(FAIL_CASES))
def test_pass_case(rule_id: str) -> None:
    # the base dossier passes; and a rule never fires once it is switched off (inferred ones)
    assert not [f for f in run(BASE) if f.code == rule_id]
    if tcvn.rule(rule_id).inferred:
        mutate, _ = FAIL_CASES[rule_id]
        doc = copy.deepcopy(BASE)
        mutate(doc)
        options = tcvn.Options(disabled_rules=frozenset({rule_id}))
        found = tcvn.check(tcvn.load_dossier(doc), as_of=AS_OF, regimes=ALL, options=options)
        assert rule_id not in {f.code for f in found}


def test_inferred_messages_say_they_are_an_interpretation() -> None:
    for r in tcvn.rules():
        if not r.machine_checked:
            continue
        entry = catalogue()[r.id]
        assert ("interpretation" in entry["en"]) is r.inferred, r.id
        assert ("cách hiểu" in entry["vi"]) is r.inferred, r.id


def test_a_rule_read_from_the_law_cannot_be_switched_off() -> None:
    with pytest.raises(InvalidComponent) as exc:
        tcvn.Options(disabled_rules=frozenset({"VN-DATA-001"}))
    assert exc.value.code == "TCVN.RULE_NOT_SWITCHABLE"


def test_vietgap_crop_certificate_longer_than_36_months() -> None:
    doc = copy.deepcopy(BASE)
    doc["product"]["certificates"][0]["expires"] = "2028-08-02"  # issued 2025-08-01
    assert [f.location.field for f in run(doc) if f.code == "VN-CERT-002"] == [
        "/product/certificates/0/expires"
    ]
    doc["product"]["certificates"][0]["expires"] = "2028-08-01"  # exactly 36 months
    assert not [f for f in run(doc) if f.code == "VN-CERT-002"]


def test_ocop_three_stars_by_a_district_only_before_july_2025() -> None:
    doc = copy.deepcopy(BASE)
    doc["product"]["ocop"].update(stars=3, score=60, issuer_level="huyen")
    doc["product"]["ocop"]["decision_date"] = "2025-06-30"
    assert not [f for f in run(doc) if f.code == "VN-OCOP-003"]
    doc["product"]["ocop"]["decision_date"] = "2025-07-01"
    assert [f.code for f in run(doc) if f.code.startswith("VN-OCOP")] == ["VN-OCOP-003"]


def test_ocop_validity_is_36_months_to_the_day() -> None:
    doc = copy.deepcopy(BASE)  # decision 2025-09-15
    assert not [f for f in run(doc, as_of="2028-09-15") if f.code == "VN-OCOP-002"]
    assert [f for f in run(doc, as_of="2028-09-16") if f.code == "VN-OCOP-002"]


def test_retention_without_expiry_counts_60_months_from_the_last_event() -> None:
    doc = copy.deepcopy(BASE)
    del doc["lot"]["expiry_date"]
    doc["retention"]["retain_until"] = "2031-09-10"  # last event 2026-09-10 + 60 months
    assert not [f for f in run(doc) if f.code == "VN-RET-001"]
    doc["retention"]["retain_until"] = "2031-09-09"
    (f,) = [f for f in run(doc) if f.code == "VN-RET-001"]
    assert f.params["minimum"] == "2031-09-10"


def test_regimes_select_rules_by_date() -> None:
    doc = copy.deepcopy(BASE)
    del doc["product"]["origin"]  # VN-DATA-005 is Decree 37 only (not in Circular 02/2024)
    assert not [f for f in run(doc, as_of="2025-06-01", regimes=None) if f.code == "VN-DATA-005"]
    assert [f for f in run(doc, as_of="2026-02-01", regimes=None) if f.code == "VN-DATA-005"]
    doc["retention"]["retain_until"] = "2026-12-31"  # VN-RET-001 is TT31 (from 2026-07-01)
    assert not [f for f in run(doc, as_of="2026-06-30", regimes=None) if f.code == "VN-RET-001"]
    assert [f for f in run(doc, as_of="2026-07-01", regimes=None) if f.code == "VN-RET-001"]


def test_dossier_defaults_for_as_of_and_regimes() -> None:
    doc = copy.deepcopy(BASE)
    doc["retention"]["retain_until"] = "2026-12-31"
    doc["as_of"] = "2026-03-01"
    assert not [f for f in tcvn.check(tcvn.load_dossier(doc)) if f.code == "VN-RET-001"]
    doc["regimes"] = ["TT31"]
    assert [f.code for f in tcvn.check(tcvn.load_dossier(doc))] == ["VN-RET-001"]


def test_manual_rules_are_listed_when_asked() -> None:
    found = tcvn.check(tcvn.load_dossier(BASE), as_of=AS_OF, include_manual=True)
    manual = [f for f in found if f.code == "TCVN.MANUAL_CHECK"]
    expected = {
        r.id for r in tcvn.rules() if not r.machine_checked and {"ND37", "TT31"} & set(r.regimes)
    }
    assert {f.params["rule"] for f in manual} == expected
    assert all(f.severity is Severity.INFO for f in manual)
    assert "VN-LABEL-001" in expected  # labels are not in a dossier
    assert not tcvn.check(tcvn.load_dossier(BASE), as_of=AS_OF)


def test_unknown_regime_and_bad_date_raise_with_codes() -> None:
    d = tcvn.load_dossier(BASE)
    with pytest.raises(InvalidComponent) as exc:
        tcvn.check(d, regimes=["ND38"])
    assert exc.value.code == "TCVN.UNKNOWN_REGIME"
    with pytest.raises(InvalidComponent) as exc:
        tcvn.check(d, as_of="2026-02-30")
    assert exc.value.code == "TCVN.BAD_DATE"
    assert tcvn.check(d, as_of=date(2026, 9, 20)) == []


def test_unknown_fields_are_reported_by_check_as_warnings() -> None:
    doc = copy.deepcopy(BASE)
    doc["producer"]["website"] = "https://htx.example.vn"
    (f,) = run(doc)
    assert (f.code, f.severity, f.location.field) == (
        "TCVN.DOSSIER_UNKNOWN_FIELD",
        Severity.WARNING,
        "/producer/website",
    )


def test_imported_goods_need_an_importer_with_a_valid_tax_code() -> None:
    doc = copy.deepcopy(BASE)
    doc["importer"] = {"name": "Công ty Nhập khẩu", "tax_code": PERSONAL_ID}
    fields = {f.location.field for f in run(doc) if f.code == "VN-BCT-003"}
    assert fields == {"/importer/address", "/importer/tax_code"}


def test_foreign_producer_has_no_vietnamese_tax_code_or_address_checks() -> None:
    doc = copy.deepcopy(BASE)
    doc["producer"] = {
        "name": "Shandong Kitchenware Co., Ltd.",
        "foreign": True,
        "gln": FOREIGN_GLN,
        "address": {"line": "88 Haibin Road, Qingdao", "country": "CN"},
    }
    codes = {f.code for f in run(doc)}
    assert "VN-ID-001" not in codes
    assert "VN-ID-003" not in codes
    assert "VN-BCT-003" in codes  # no importer


# English words of the catalogue's citations, and programmer notation, that must not reach a
# Vietnamese reader (issue 8 follow-up); checked on every finding of every fail case.
ENGLISH_IN_VI = re.compile(
    r"\b(Decree|Circular|Decision|Law|Art|Arts|Annex|secondary|reported|press|via|logical"
    r"|consistency|None|True|False|null|not given)\b"
)
RAW_CODE = re.compile(r"\b(GS1|TCVN|EPCIS|VNTRACE)\.[A-Z0-9_]+")


@pytest.mark.parametrize("rule_id", sorted(FAIL_CASES))
def test_fail_case_messages_read_as_sentences(rule_id: str) -> None:
    mutate, _ = FAIL_CASES[rule_id]
    doc = copy.deepcopy(BASE)
    mutate(doc)
    as_of = "2027-02-01" if rule_id in {"VN-BCT-002", "VN-BCT-004"} else AS_OF
    for f in run(doc, as_of=as_of):
        vi, en = f.message("vi"), f.message("en")
        for lang in ("en", "vi"):  # every placeholder is filled (a missing one renders as "?")
            fields = {n for _, n, _, _ in string.Formatter().parse(catalogue()[f.code][lang]) if n}
            assert fields <= set(f.params), (f.code, lang, fields - set(f.params))
        assert not ENGLISH_IN_VI.search(vi), (f.code, vi)
        for text in (vi, en):
            assert not RAW_CODE.search(text), (f.code, text)
            assert "“”" not in text, (f.code, text)  # an empty value is said, not quoted
