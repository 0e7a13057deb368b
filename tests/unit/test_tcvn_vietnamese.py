"""Findings of vntrace.tcvn read naturally in Vietnamese (issue 8 follow-up).

Expected texts are written here by hand (Vietnamese legal usage: Nghị định, Thông tư, Quyết định,
Điều), never produced by the code under test.
"""

from __future__ import annotations

import copy
import json
import pickle
import re
from pathlib import Path
from typing import Any

import pytest

from vntrace import tcvn
from vntrace.findings import Finding
from vntrace.messages import Localised, localise, render
from vntrace.report import FORMATS
from vntrace.report import render as render_report
from vntrace.tcvn.rules import citation

REPO = Path(__file__).resolve().parents[2]
BASE = json.loads((REPO / "examples" / "dossiers" / "buoi-phuc-trach.json").read_text("utf-8"))
AS_OF = "2026-09-20"

# Words of the catalogue's English citations that a Vietnamese citation must not keep. Standard ids,
# document symbols and package names (GS1, TCVN, NĐ-CP, python-stdnum …) are not words to translate.
ENGLISH = re.compile(
    r"\b(Decree|Circular|Decision|Law|Arts?|Annex|Table|secondary|sources?|reported|press|via"
    r"|logical|consistency|seen|text|check|from|citing|and|as|by|of|the|not|here|list|package"
    r"|draft|inferred|introduction|role|verbatim|implementation|date|verified|row|General"
    r"|Specifications|amended|quoted|pages|legal|annex|other|parts|transcription)\b"
)


def _check(doc: dict[str, Any]) -> list[Finding]:
    return tcvn.check(tcvn.load_dossier(doc), as_of=AS_OF, regimes=["ND37", "TT31", "TT02-2024"])


def test_citations_named_as_the_issue_asks() -> None:
    assert tcvn.rule("VN-DATA-008").article_in("vi") == "Nghị định 37/2026/NĐ-CP Điều 23(5)(h)"
    assert tcvn.rule("VN-SYS-001").article_in("vi") == (
        "Thông tư 02/2024/TT-BKHCN Điều 3(8), Điều 6(1) (nguồn thứ cấp)"
    )
    assert tcvn.rule("VN-ID-003").article_in("vi") == "Quyết định 19/2025/QĐ-TTg (theo báo chí)"
    assert tcvn.rule("VN-OCOP-001").article_in("vi") == (
        "Quyết định 148/QĐ-TTg (2023) và 1048/QĐ-TTg (2019) theo nguồn thứ cấp"
    )
    assert tcvn.rule("VN-DATA-008").article_in("en") == "Decree 37/2026/NĐ-CP Art. 23(5)(h)"


@pytest.mark.parametrize("rule", tcvn.rules(), ids=lambda r: r.id)
def test_every_source_reads_in_vietnamese(rule: tcvn.Rule) -> None:
    vi = rule.source_in("vi")
    assert not ENGLISH.search(vi), vi
    assert rule.source_in("en") == rule.source  # English is the catalogue's own text
    # numbers and document symbols are kept as written
    assert re.findall(r"[0-9]+", vi) == re.findall(r"[0-9]+", rule.source)


def test_citation_leaves_words_inside_names_alone() -> None:
    assert citation("Lawson Decreed Art. 5", "vi") == "Lawson Decreed Điều 5"


def test_localised_param_renders_in_the_message_language() -> None:
    params = {"rule": "VN-X", "article": Localised(en="Decree 1 Art. 2", vi="Nghị định 1 Điều 2")}
    assert render("TCVN.MANUAL_CHECK", params, "vi").endswith("(Nghị định 1 Điều 2)")
    assert render("TCVN.MANUAL_CHECK", params, "en").endswith("(Decree 1 Art. 2)")
    # read back from JSON (a plain dict) it still renders
    back = json.loads(json.dumps(params))
    assert render("TCVN.MANUAL_CHECK", back, "vi").endswith("(Nghị định 1 Điều 2)")
    assert localise({"x": {"en": "a"}}, "vi") == {"x": {"en": "a"}}  # not a language map


def test_localised_is_hashable_json_and_picklable() -> None:
    text = Localised(en="shipping", vi="xuất hàng")
    f = Finding("TCVN.MANUAL_CHECK", params={"rule": "VN-X", "article": text})
    assert hash(f) == hash(Finding("TCVN.MANUAL_CHECK", params={"rule": "VN-X", "article": text}))
    assert json.loads(json.dumps(f.to_dict("vi")))["params"]["article"] == {
        "en": "shipping",
        "vi": "xuất hàng",
    }
    assert pickle.loads(pickle.dumps(f)) == f
    assert str(text) == "shipping"


def test_every_report_format_renders_a_tcvn_finding() -> None:
    doc = copy.deepcopy(BASE)
    doc["lot"]["expiry_date"] = "2026-09-09"
    results = [("dossier", _check(doc), {})]
    for fmt in FORMATS:
        out = render_report(results, fmt, "vi")
        assert "VN-DATA-008" in out, fmt
    for fmt in ("text", "html", "sarif"):  # where people read the citation
        out = render_report(results, fmt, "vi")
        assert "Nghị định 37/2026/NĐ-CP Điều 23(5)(h)" in out, fmt
        if fmt != "sarif":  # SARIF also keeps the params, both languages
            assert "Decree 37" not in out, fmt
    assert "Decree 37/2026/NĐ-CP Art. 23(5)(h)" in render_report(results, "html", "en")


def test_nested_reason_is_a_sentence_not_a_code() -> None:
    doc = copy.deepcopy(BASE)
    gtin = doc["product"]["gtin"]
    doc["product"]["gtin"] = gtin[:-1] + str((int(gtin[-1]) + 1) % 10)  # wrong check digit
    doc["producer"]["tax_code"] = "0100109106"[:-1] + "0"  # a wrong tax-code check digit
    found = {f.code: f for f in _check(doc)}
    f = found["VN-CODE-004"]
    assert f.params["reason"] == "GS1.INCORRECT_CHECK_DIGIT"  # the machine value stays the code
    assert "GS1." not in f.message("vi")
    assert "Số kiểm tra" in f.message("vi")
    assert "check digit" in f.message("en").lower()
    tax = found["VN-ID-001"]
    assert tax.params["reason"] == "TCVN.TAX_CODE_CHECK_DIGIT"
    assert "TCVN." not in tax.message("vi")
    assert "chữ số thứ 10 (chữ số kiểm tra) phải là" in tax.message("vi")


def test_missing_value_reason_and_empty_value() -> None:
    doc = copy.deepcopy(BASE)
    del doc["trace_code"]
    f = next(f for f in _check(doc) if f.code == "VN-CODE-001")
    vi = f.message("vi")
    assert vi.startswith("Mã truy xuất nguồn gốc “(trống)” (Lý do: chưa có giá trị)"), vi
    assert "“”" not in f.message("en")


def test_event_kind_and_field_read_in_vietnamese() -> None:
    doc = copy.deepcopy(BASE)
    shipping = next(i for i, e in enumerate(doc["events"]) if e.get("cte") == "shipping")
    doc["events"][shipping]["destination"] = {}
    del doc["events"][0]["time"]
    found = _check(doc)
    sys1 = next(f for f in found if f.code == "VN-SYS-001")
    assert sys1.params["cte"] == "shipping"
    assert f"Sự kiện {shipping + 1} (shipping — vận chuyển, giao hàng) thiếu" in sys1.message("vi")
    sys2 = next(f for f in found if f.code == "VN-SYS-002")
    assert sys2.params["field"] == "time"
    assert sys2.message("vi").startswith("Sự kiện 1 thiếu thời điểm (time);")
