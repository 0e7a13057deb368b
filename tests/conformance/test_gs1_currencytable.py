"""The committed ISO 4217 table is what ``scripts/gen_currencies.py`` generates from pycountry."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from vntrace.gs1 import ai

REPO = Path(__file__).resolve().parents[2]


def _generator() -> object:
    spec = importlib.util.spec_from_file_location(
        "gen_currencies", REPO / "scripts" / "gen_currencies.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_currencies"] = module
    spec.loader.exec_module(module)
    return module


def test_table_is_regenerated_identically() -> None:
    pytest.importorskip("pycountry")
    text = _generator().generate()  # type: ignore[attr-defined]
    committed = (REPO / "src" / "vntrace" / "gs1" / "_currencytable.py").read_text("utf-8")
    assert text == committed


def test_alpha_codes_agree_with_pycountry() -> None:
    pycountry = pytest.importorskip("pycountry")
    for numeric, alpha in (("704", "VND"), ("710", "ZAR"), ("978", "EUR"), ("840", "USD")):
        assert pycountry.currencies.get(numeric=numeric).alpha_3 == alpha
        money = ai.interpret("3912", numeric + "123456")
        assert isinstance(money, ai.Money)
        assert (money.currency, money.alpha) == (numeric, alpha)


def test_no_time_in_4324_and_4325() -> None:
    from vntrace import gs1  # noqa: PLC0415

    for code in ("4324", "4325"):
        text = f"(00)089345670000000017({code})2607309999"
        assert gs1.validate(text) == []
        (value,) = [e.interpreted for e in gs1.parse(text).elements if e.ai == code]
        assert str(value) == "2026-07-30"
        assert gs1.validate(f"(00)089345670000000017({code})2607302460")  # 24:60 still wrong
