"""tcvn.tax_code (on stdnum.vn.mst), tcvn.admin lookups, rules/regimes, OCOP and VietGAP readings."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.vn import mst

from vntrace import tcvn
from vntrace.errors import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from vntrace.tcvn import admin, ocop, tax_code, vietgap

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)  # Circular 105/2020/TT-BTC as stdnum documents


def independent_check(body9: str) -> str:
    return str(10 - sum(w * int(d) for w, d in zip(WEIGHTS, body9, strict=True)) % 11)


@given(st.from_regex(r"[0-9]{9}", fullmatch=True))
def test_tax_code_agrees_with_an_independent_check_digit(body: str) -> None:
    check = independent_check(body)
    if len(check) != 1 or body[2:9] == "0000000":
        return
    assert tax_code.is_valid(body + check)
    assert tax_code.is_valid(body + check) == mst.is_valid(body + check)
    wrong = str((int(check) + 1) % 10)
    with pytest.raises(InvalidChecksum) as exc:
        tax_code.validate(body + wrong)
    assert exc.value.finding.params["expected"] == check


def test_tax_code_errors_have_stable_codes() -> None:
    cases = {
        "042095001234": (InvalidFormat, "TCVN.TAX_CODE_PERSONAL_ID"),
        "12345": (InvalidLength, "TCVN.TAX_CODE_LENGTH"),
        "０１００２３３４８８": (InvalidFormat, "TCVN.TAX_CODE_FORMAT"),  # full-width digits
        "0100000008": (InvalidComponent, "TCVN.TAX_CODE_COMPONENT"),
        "0314409058-000": (InvalidComponent, "TCVN.TAX_CODE_COMPONENT"),
    }
    for value, (kind, code) in cases.items():
        with pytest.raises(kind) as exc:
            tax_code.validate(value)
        assert exc.value.code == code, value
    with pytest.raises(InvalidFormat) as exc:
        tax_code.validate(100233488)  # type: ignore[arg-type]
    assert exc.value.code == "TCVN.TAX_CODE_NOT_TEXT"
    assert tax_code.format("0314409058 002") == "0314409058-002"


def test_admin_lookup_by_name_with_or_without_diacritics() -> None:
    assert admin.province_by_name("Hà Tĩnh") == admin.province("42")
    assert admin.province_by_name("ha tinh") == admin.province("42")
    assert admin.province_by_name("Tỉnh Hà Tĩnh") == admin.province("42")
    assert admin.province_by_name("Ha Tinh Province") is None
    (c,) = admin.commune_by_name("Phường Thành Sen")
    assert (c.code, c.province_code) == ("18073", "42")
    assert admin.commune_by_name("thanh sen", "01") == ()
    with pytest.raises(InvalidComponent) as exc:
        admin.commune("99999")
    assert exc.value.code == "TCVN.UNKNOWN_COMMUNE"


def test_regimes_and_their_dates() -> None:
    assert [r.id for r in tcvn.REGIMES] == ["TT02-2024", "ND37", "TT31"]
    assert [r.id for r in tcvn.regimes_in_force("2026-01-22")] == ["TT02-2024"]
    assert [r.id for r in tcvn.regimes_in_force("2026-01-23")] == ["TT02-2024", "ND37"]
    assert [r.id for r in tcvn.regimes_in_force("2026-06-30")] == ["TT02-2024", "ND37"]
    assert [r.id for r in tcvn.regimes_in_force(date(2026, 7, 1))] == ["ND37", "TT31"]
    assert {r.id for r in tcvn.rules("TT31")} >= {"VN-RET-001", "VN-BCT-004"}
    with pytest.raises(InvalidComponent):
        tcvn.rules("TT99")
    with pytest.raises(InvalidComponent) as exc:
        tcvn.rule("VN-XXX-001")
    assert exc.value.code == "TCVN.UNKNOWN_RULE"


def test_ocop_and_vietgap_readings() -> None:
    assert [ocop.stars_for_score(s) for s in (49, 50, 69, 70, 89, 90, 100, 101)] == [
        None, 3, 3, 4, 4, 5, 5, None,
    ]  # fmt: skip
    assert ocop.valid_until(date(2024, 2, 29)) == date(2027, 2, 28)
    assert ocop.issuer_levels(5, date(2020, 1, 1)) == ("trung_uong",)
    assert ocop.issuer_levels(4, date(2020, 1, 1)) == ("tinh",)
    assert len(ocop.PRODUCT_GROUPS) == 6
    assert vietgap.latest_expiry(date(2025, 1, 31), "thuy_san") == date(2027, 1, 31)
    assert vietgap.latest_expiry(date(2025, 1, 31), "trong_trot") == date(2028, 1, 31)
