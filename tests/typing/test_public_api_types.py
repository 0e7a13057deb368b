"""Static types of the public GS1 API, checked by mypy and, for the values, by pytest.

``.venv/bin/mypy --strict tests/typing`` checks every ``assert_type`` below against the inferred
type (and the ``# type: ignore[...]`` lines: with ``--strict`` an ignore that is no longer needed is
an error, so a signature that became too loose fails the type check). At run time
``assert_type`` returns its argument unchanged, so each check also asserts the real value and
its runtime class, which makes the test able to fail under pytest too.

Expected values are hand-checked: the mod-10 sums are worked out in ``docs/howto/keys.rst`` and
the module docstrings (e.g. ``893456789012`` weighs 120, check digit ``0``), the GMN pair
``K4`` is the worked example of the design notes (gs1-facts.md), and the price/weight check
digit of ``2875`` is GS1 General Specifications §7.9.2's example (9).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal, assert_type

import pytest

from vntrace import gs1
from vntrace.errors import InvalidChecksum, InvalidFormat, VntraceError
from vntrace.findings import Finding, Location, Severity
from vntrace.gs1 import (
    checkdigit,
    digital_link,
    gcn,
    gdti,
    giai,
    ginc,
    gln,
    gmn,
    grai,
    gsin,
    gsrn,
    gtin,
    itip,
    keys,
    prefixes,
    sscc,
)
from vntrace.gs1.ai import Interpreted
from vntrace.gs1.digital_link import DigitalLink
from vntrace.gs1.element_string import Element, ElementString
from vntrace.gs1.keys import CheckDigitKeyModule, KeyModule
from vntrace.gs1.prefixes import Prefix

# ---------------------------------------------------------------------------------------------
# The common key-module interface


def test_gtin_functions() -> None:
    compacted = assert_type(gtin.compact(" 893-4567 890120 "), str)
    assert compacted == "8934567890120"
    assert assert_type(gtin.validate("893 4567 890120"), str) == "8934567890120"
    valid = assert_type(gtin.is_valid("8934567890120"), bool)
    assert valid is True
    assert assert_type(gtin.is_valid("8934567890129"), bool) is False
    assert assert_type(gtin.format("0 8934567-890120"), str) == "08934567890120"
    assert assert_type(gtin.calc_check_digit("893456789012"), str) == "0"
    assert assert_type(gtin.as_gtin_14("89345672"), str) == "00000089345672"


def test_key_signatures_reject_non_text() -> None:
    # The ignores are checked by mypy --strict (warn_unused_ignores): the parameters are ``str``.
    with pytest.raises(InvalidFormat) as info:
        gtin.validate(8934567890120)  # type: ignore[arg-type]
    assert info.value.code == "GS1.KEY.NOT_TEXT"
    assert gtin.is_valid(None) is False  # type: ignore[arg-type]


def test_modules_satisfy_the_protocols() -> None:
    # Assigning a module to a Protocol-typed name is checked structurally by mypy.
    numeric: list[CheckDigitKeyModule] = [gtin, gln, sscc, grai, gsrn, gdti, gcn, gsin, itip, gmn]
    plain: list[KeyModule] = [giai, ginc, *numeric]
    assert all(isinstance(m, CheckDigitKeyModule) for m in numeric)
    assert all(isinstance(m, KeyModule) for m in plain)
    assert not isinstance(giai, CheckDigitKeyModule)
    assert not isinstance(ginc, CheckDigitKeyModule)
    module: CheckDigitKeyModule = gln
    assert assert_type(module.calc_check_digit("893456700001"), str) == "7"
    assert assert_type(module.is_valid("8934567000017"), bool) is True


def test_vietnam_constants() -> None:
    lengths = assert_type(keys.VIETNAM_COMPANY_PREFIX_LENGTHS, frozenset[int])
    assert lengths == {7, 8, 9, 10, 12}
    assert assert_type(keys.VIETNAM_PREFIX, Literal["893"]) == "893"


# ---------------------------------------------------------------------------------------------
# Typed parse results


def test_gtin_parse_result() -> None:
    g = assert_type(gtin.Gtin.parse("8934567890120", company_prefix_length=7), gtin.Gtin)
    assert type(g) is gtin.Gtin
    assert assert_type(g.value, str) == "8934567890120"
    assert assert_type(g.company_prefix, str | None) == "8934567"
    assert assert_type(g.item_reference, str | None) == "89012"
    assert assert_type(g.kind, str) == "GTIN-13"
    assert assert_type(g.indicator, str) == "0"
    assert assert_type(g.check_digit, str) == "0"
    assert assert_type(g.gs1_prefix, str) == "893"
    assert assert_type(g.as_gtin_14(), str) == "08934567890120"
    assert assert_type(g.is_restricted_circulation, bool) is False
    prefix = assert_type(g.prefix, Prefix | None)
    assert prefix is not None
    assert prefix.organisation == "GS1 Vietnam"
    bare = gtin.Gtin.parse("8934567890120")
    assert bare.company_prefix is None
    assert bare.item_reference is None


def test_numeric_parse_results() -> None:
    gl = assert_type(gln.Gln.parse("8934567000017", company_prefix_length=7), gln.Gln)
    assert assert_type(gl.location_reference, str | None) == "00001"
    assert assert_type(gl.check_digit, str) == "7"
    assert assert_type(gl.prefix, Prefix | None) == Prefix("893", "GS1 Vietnam")

    s = assert_type(sscc.Sscc.parse("089345670000000123", company_prefix_length=7), sscc.Sscc)
    assert assert_type(s.extension_digit, str) == "0"
    assert assert_type(s.serial_reference, str | None) == "000000012"
    assert assert_type(s.check_digit, str) == "3"

    sr = assert_type(gsrn.Gsrn.parse("893456700000000019", company_prefix_length=8), gsrn.Gsrn)
    assert assert_type(sr.service_reference, str | None) == "000000001"
    assert assert_type(sr.check_digit, str) == "9"

    si = assert_type(gsin.Gsin.parse("89345670000000017", company_prefix_length=7), gsin.Gsin)
    assert assert_type(si.shipper_reference, str | None) == "000000001"

    it = assert_type(itip.Itip.parse("089345678901200102"), itip.Itip)
    assert assert_type(it.gtin, str) == "08934567890120"
    assert assert_type(it.piece, int) == 1
    assert assert_type(it.total, int) == 2
    inner = assert_type(it.as_gtin(company_prefix_length=7), gtin.Gtin)
    assert inner.kind == "GTIN-14"
    assert inner.company_prefix == "8934567"


def test_parse_results_with_serials() -> None:
    gr = assert_type(grai.Grai.parse("08934567000017PALLET-9", company_prefix_length=7), grai.Grai)
    assert assert_type(gr.base, str) == "8934567000017"
    assert assert_type(gr.asset_type, str | None) == "00001"
    assert assert_type(gr.serial, str | None) == "PALLET-9"

    d = assert_type(gdti.Gdti.parse("8934567000017INV-2026/01"), gdti.Gdti)
    assert assert_type(d.serial, str | None) == "INV-2026/01"
    assert assert_type(d.document_type, str | None) is None

    c = assert_type(gcn.Gcn.parse("8934567000017123", company_prefix_length=8), gcn.Gcn)
    assert assert_type(c.coupon_reference, str | None) == "0001"
    assert assert_type(c.serial, str | None) == "123"

    m = assert_type(gmn.Gmn.parse("8934567ABCK4", company_prefix_length=7), gmn.Gmn)
    assert assert_type(m.model_reference, str | None) == "ABC"
    assert assert_type(m.check_pair, str) == "K4"

    a = assert_type(giai.Giai.parse("8934567A-01", company_prefix_length=7), giai.Giai)
    assert assert_type(a.asset_reference, str | None) == "A-01"

    n = assert_type(ginc.Ginc.parse("8934567SHIP/26-1", company_prefix_length=7), ginc.Ginc)
    assert assert_type(n.consignment_reference, str | None) == "SHIP/26-1"
    assert assert_type(n.prefix, Prefix | None) == Prefix("893", "GS1 Vietnam")


# ---------------------------------------------------------------------------------------------
# Errors


def test_error_attributes() -> None:
    with pytest.raises(InvalidChecksum) as info:
        gtin.validate("8934567890129")
    err = assert_type(info.value, InvalidChecksum)
    assert isinstance(err, VntraceError)
    assert isinstance(err, ValueError)
    assert assert_type(err.code, str) == "GS1.INCORRECT_CHECK_DIGIT"
    finding = assert_type(err.finding, Finding)
    assert assert_type(err.findings, tuple[Finding, ...]) == (finding,)
    assert assert_type(finding.severity, Severity) is Severity.ERROR
    location = assert_type(finding.location, Location)
    assert assert_type(location.start, int | None) == 12
    assert assert_type(location.length, int | None) == 1
    assert finding.params["expected"] == "0"
    assert assert_type(err.message("vi"), str) == "Số kiểm tra sai: đúng phải là 0, nhưng ghi 9"


# ---------------------------------------------------------------------------------------------
# Check digits, linters, prefixes


def test_checkdigit() -> None:
    assert assert_type(checkdigit.mod10("893456789012"), str) == "0"
    assert assert_type(checkdigit.verify_mod10("8934567890120"), bool) is True
    assert assert_type(checkdigit.price_weight("2875"), str) == "9"
    assert assert_type(checkdigit.check_pair("8934567ABC"), str) == "K4"
    cset82: str = checkdigit.CSET82  # a Final str (mypy infers the literal)
    assert len(cset82) == 82
    assert cset82[0] == "!"


def test_lint() -> None:
    finding = assert_type(gs1.lint("hhmi", "2360"), Finding | None)
    assert finding is not None
    assert finding.code == "GS1.ILLEGAL_MINUTE"
    assert (finding.location.start, finding.location.length) == (2, 2)
    assert assert_type(gs1.lint("yesno", "1"), Finding | None) is None
    assert assert_type(gs1.linters.lint("yesno", "1"), Finding | None) is None


def test_prefix_lookup() -> None:
    found = assert_type(prefixes.lookup("8934567890120"), Prefix | None)
    assert found == Prefix(prefix="893", organisation="GS1 Vietnam")
    assert assert_type(found.prefix, str) == "893"
    assert assert_type(found.organisation, str) == "GS1 Vietnam"
    assert assert_type(gs1.prefixes.lookup("1"), Prefix | None) is None


# ---------------------------------------------------------------------------------------------
# Element strings and Digital Link


def test_element_string_parse_and_validate() -> None:
    es = assert_type(gs1.parse("(01)08934567890120(17)270630(10)LOT-7"), ElementString)
    assert type(es) is ElementString
    elements = assert_type(es.elements, tuple[Element, ...])
    first = elements[0]
    assert assert_type(first.ai, str) == "01"
    assert assert_type(first.value, str) == "08934567890120"
    assert assert_type(first.title, str) == "GTIN"
    assert assert_type(elements[1].interpreted, Interpreted) == dt.date(2027, 6, 30)
    assert assert_type(es.bracketed(), str) == "(01)08934567890120(17)270630(10)LOT-7"
    assert assert_type(es.caret(), str) == "^01089345678901201727063010LOT-7"
    assert assert_type(es.hri(), list[str])[0] == "(01) 08934567890120"
    assert assert_type(es.composite_index, int | None) is None
    assert assert_type(es.primary, str | None) is None

    weight = gs1.parse("(01)08934567890120(3103)001250").elements[1]
    assert weight.interpreted == Decimal("1.250")

    assert assert_type(gs1.validate("(01)08934567890120"), list[Finding]) == []
    findings = gs1.validate("(01)08934567890129")
    assert [f.code for f in findings] == ["GS1.INCORRECT_CHECK_DIGIT"]


def test_digital_link_parse() -> None:
    link = assert_type(
        digital_link.parse("https://example.vn/01/08934567890120/10/L7?17=270630"), DigitalLink
    )
    es = assert_type(link.element_string, ElementString)
    assert es.bracketed() == "(01)08934567890120(10)L7(17)270630"
    assert assert_type(gs1.digital_link.parse(link.source).element_string, ElementString) == es
    assert assert_type(link.primary_key, Element) == Element("01", "08934567890120", "GTIN")
    assert assert_type(link.qualifiers, tuple[Element, ...])[0].value == "L7"
    assert assert_type(link.attributes, tuple[Element, ...])[0].ai == "17"
    assert assert_type(link.stem, str) == "https://example.vn"
    assert assert_type(link.uri(), str) == "https://example.vn/01/08934567890120/10/L7?17=270630"
    assert (
        assert_type(digital_link.validate("https://example.vn/01/08934567890120"), list[Finding])
        == []
    )


# ---------------------------------------------------------------------------------------------
# What was scanned: parse_any, and the options of issue 11


def test_parse_any_types() -> None:
    from vntrace.gs1.detect import Kind, Parsed  # noqa: PLC0415 - local to this check

    parsed = assert_type(gs1.parse_any("8934567890120"), Parsed)
    kind = assert_type(parsed.kind, Kind)
    assert kind == "gtin"
    assert assert_type(parsed.element_string, ElementString | None) is not None
    assert assert_type(parsed.alternatives, tuple[Kind, ...]) == ("gln",)
    assert assert_type(gs1.Options(collect_all=True).collect_all, bool)
