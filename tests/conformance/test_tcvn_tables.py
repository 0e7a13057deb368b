"""Conformance: the generated TCVN tables are exactly what the generators make of their sources."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from vntrace import tcvn
from vntrace.tcvn import _admintable, _rulestable, admin

REPO = Path(__file__).resolve().parents[2]


def _generator(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.conformance
def test_rule_table_regenerates_identically(reference: Path) -> None:
    fresh = _generator("gen_tcvn_rules").render(reference / "tcvn" / "rules.json")
    committed = (REPO / "src" / "vntrace" / "tcvn" / "_rulestable.py").read_text("utf-8")
    assert fresh == committed


@pytest.mark.conformance
def test_every_reference_rule_is_in_the_catalogue_unchanged(reference: Path) -> None:
    records = json.loads((reference / "tcvn" / "rules.json").read_text("utf-8"))["rules"]
    assert len(records) == len(tcvn.rules()) == len(_rulestable.RULES) == 64
    for record in records:
        r = tcvn.rule(record["id"])
        assert r.statement_en == record["statement_en"].strip()
        assert r.statement_vi == record["statement_vi"].strip()
        assert r.source == record["source"].strip()
        assert r.severity.value == record["severity"]
        assert record["regime"] in r.regimes
        assert ("TT02-2024" in r.regimes) == ("Circular 02/2024/TT-BKHCN" in record["source"])
        assert r.inferred == ("inferred" in record["confidence"])


def test_admin_table_regenerates_identically() -> None:
    pytest.importorskip("vietnam_provinces")
    fresh = _generator("gen_admin").render()
    committed = (REPO / "src" / "vntrace" / "tcvn" / "_admintable.py").read_text("utf-8")
    assert fresh == committed


def test_admin_table_agrees_with_the_source_package_api() -> None:
    vp = pytest.importorskip("vietnam_provinces")
    provinces = list(vp.Province.iter_all())
    wards = list(vp.Ward.iter_all())
    assert len(provinces) == len(admin.provinces()) == 34
    assert len(wards) == len(admin.communes()) == len(_admintable.COMMUNES)
    for p in provinces:
        assert admin.province(f"{int(p.code):02d}").name == p.name
    for w in wards[::7]:
        c = admin.commune(f"{int(w.code):05d}")
        assert (c.name, c.province_code) == (w.name, f"{int(w.province_code):02d}")
    assert admin.province("42").name == "Hà Tĩnh"  # design/tcvn.md: Hà Tĩnh keeps code 42
