"""Static types of the public tcvn API (mypy --strict tests/typing), and their values (pytest).

Expected values are hand-checked against design/tcvn.md (regime dates, Hà Tĩnh = 42) and the
tax-code weights (0100233488: 31·0+29·1+23·0+19·0+17·2+13·3+7·3+5·4+3·8 = 167, 167 mod 11 = 2,
check digit 10 - 2 = 8).
"""

from __future__ import annotations

from datetime import date
from typing import assert_type

from vntrace import tcvn
from vntrace.findings import Finding
from vntrace.tcvn import admin, tax_code
from vntrace.tcvn.records import Dossier, Product
from vntrace.tcvn.rules import Regime, Rule


def test_types_and_values() -> None:
    d = assert_type(tcvn.load_dossier({"product": {"name": "Cam"}}), Dossier)
    assert isinstance(d.product, Product)
    found = assert_type(tcvn.check(d, as_of=date(2026, 3, 1)), list[Finding])
    assert "VN-DATA-002" in {f.code for f in found}  # no image
    assert_type(tcvn.dump_dossier(d), str)
    assert_type(tcvn.rules(), tuple[Rule, ...])
    r = assert_type(tcvn.rule("VN-DATA-008"), Rule)
    assert r.inferred
    regimes = assert_type(tcvn.regimes_in_force("2026-07-01"), tuple[Regime, ...])
    assert [x.id for x in regimes] == ["ND37", "TT31"]
    assert assert_type(tax_code.validate("0100233488"), str) == "0100233488"
    assert assert_type(tax_code.is_valid("0100233480"), bool) is False
    assert assert_type(admin.province("42"), admin.Province).name == "Hà Tĩnh"
    assert_type(tcvn.Options(disabled_rules=frozenset({"VN-CODE-003"})), tcvn.Options)


def test_dataset_and_citation_types() -> None:
    from collections.abc import Iterator  # noqa: PLC0415

    d = tcvn.load_dossier({"product": {"name": "Cam"}})
    runs = assert_type(tcvn.check_many([d, d], as_of="2026-09-01"), Iterator[list[Finding]])
    assert len(list(runs)) == 2
    stream = assert_type(tcvn.DatasetCheck(as_of="2026-09-01"), tcvn.DatasetCheck)
    assert_type(stream.check(d, label="a.json"), list[Finding])
    assert assert_type(tcvn.rule("VN-DATA-008").article_in("vi"), str).startswith("Nghị định 37")
