"""VN-CODE-010 across a set of dossiers: one GTIN, one brand owner (Decree 37 Art. 28(1)(d)-(đ)).

Dossiers are the compliant example with one fact changed by hand; the owners' tax codes are
valid under the published algorithm (checked with python-stdnum here, not with vntrace).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from stdnum.vn import mst

from vntrace import tcvn
from vntrace.cli.main import main

REPO = Path(__file__).resolve().parents[2]
BASE = json.loads((REPO / "examples" / "dossiers" / "buoi-phuc-trach.json").read_text("utf-8"))
AS_OF = "2026-09-20"
OTHER_TAX_CODE = "0100109106"


def _with(**changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    for pointer, value in changes.items():
        section, key = pointer.split("__")
        doc.setdefault(section, {})[key] = value
    return doc


def _codes(findings: Any, code: str = "VN-CODE-010") -> list[Any]:
    return [f for f in findings if f.code == code]


def _run(*docs: dict[str, Any], **kwargs: Any) -> list[list[Any]]:
    dossiers = [tcvn.load_dossier(d) for d in docs]
    return list(tcvn.check_many(dossiers, as_of=AS_OF, **kwargs))


def test_tax_codes_used_here_are_valid() -> None:
    assert mst.is_valid(BASE["producer"]["tax_code"])
    assert mst.is_valid(OTHER_TAX_CODE)


def test_second_owner_of_a_gtin_is_reported_at_that_dossier() -> None:
    gtin13 = BASE["product"]["gtin"]
    other = _with(producer__tax_code=OTHER_TAX_CODE, product__gtin="0" + gtin13)  # GTIN-14 form
    results = _run(BASE, BASE, other)
    assert [len(_codes(r)) for r in results] == [0, 0, 1]
    f = _codes(results[2])[0]
    assert f.location.field == "/product/gtin"
    assert f.params["gtin"] == "0" + gtin13
    assert f.severity is tcvn.rule("VN-CODE-010").severity
    vi = f.message("vi")
    assert "hồ sơ thứ 1" in vi
    assert f"mã số thuế {BASE['producer']['tax_code']}" in vi
    assert f"mã số thuế {OTHER_TAX_CODE}" in vi
    assert "Nghị định 37/2026/NĐ-CP Điều 28(1)(d)-(đ)" in vi
    assert "dossier 1" in f.message("en")


def test_same_owner_or_other_gtin_passes() -> None:
    other_gtin = _with(producer__tax_code=OTHER_TAX_CODE, product__gtin="8938500123023")
    assert not any(_codes(r) for r in _run(BASE, BASE, other_gtin))


def test_importer_is_the_brand_owner() -> None:
    importer = {"name": "Công ty Nhập khẩu", "tax_code": OTHER_TAX_CODE}
    results = _run(BASE, _with(importer__name=importer["name"], importer__tax_code=OTHER_TAX_CODE))
    assert len(_codes(results[1])) == 1


@pytest.mark.parametrize(
    "kwargs",
    [
        {"options": tcvn.Options(disabled_rules=frozenset({"VN-CODE-010"}))},
        {"regimes": ["TT31"]},  # the rule belongs to Decree 37
    ],
)
def test_switched_off_or_out_of_regime(kwargs: dict[str, Any]) -> None:
    other = _with(producer__tax_code=OTHER_TAX_CODE)
    assert not any(_codes(r) for r in _run(BASE, other, **kwargs))


def test_no_manual_check_for_a_rule_check_many_decides() -> None:
    single = tcvn.check(tcvn.load_dossier(BASE), as_of=AS_OF, include_manual=True)
    assert any(f.params.get("rule") == "VN-CODE-010" for f in _codes(single, "TCVN.MANUAL_CHECK"))
    (many,) = _run(BASE, include_manual=True)
    assert not any(f.params.get("rule") == "VN-CODE-010" for f in _codes(many, "TCVN.MANUAL_CHECK"))
    assert _codes(many, "TCVN.MANUAL_CHECK")  # the others are still listed


def test_cli_directory_checks_the_rule_across_files(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.json").write_text(json.dumps(BASE, ensure_ascii=False), "utf-8")
    other = _with(producer__tax_code=OTHER_TAX_CODE)
    (tmp_path / "b.json").write_text(json.dumps(other, ensure_ascii=False), "utf-8")
    code = main(["dossier", "check", str(tmp_path), "--as-of", AS_OF, "--lang", "vi"])
    out = capsys.readouterr().out
    assert code == 1
    assert "VN-CODE-010" in out
    assert f"sử dụng trong {tmp_path / 'a.json'}" in out
