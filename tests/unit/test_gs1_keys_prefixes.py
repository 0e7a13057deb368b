"""vntrace.gs1.prefixes: longest-match lookup, GTIN normalisation, and the generated table."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from vntrace.errors import InvalidFormat
from vntrace.gs1 import _prefixtable
from vntrace.gs1.prefixes import Prefix, lookup

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("number", "prefix", "organisation"),
    [
        ("8934567890120", "893", "GS1 Vietnam"),
        ("08934567890120", "893", "GS1 Vietnam"),  # GTIN-14: indicator dropped
        ("18934567000014", "893", "GS1 Vietnam"),
        ("8934567000017", "893", "GS1 Vietnam"),  # GLN
        ("893", "893", "GS1 Vietnam"),  # a bare prefix
        ("893-4567", "893", "GS1 Vietnam"),
        ("9780306406157", "978", "Bookland (ISBN)"),
        ("9771234567003", "977", "Serial publications (ISSN)"),
        ("9912345678901", "99", "GS1 coupon identification"),  # the 2-digit record
        ("4512345678901", "451", "GS1 Japan"),  # from the repaired list-typed record
        ("0000012345678", "0000012", "GTIN-8"),  # 7-digit records win over shorter ones
        ("00000089345672", "0000089", "GTIN-8"),  # GTIN-8 in AI (01): 13-digit form 0000089345672
        ("89345672", "0000089", "GTIN-8"),  # GTIN-8: padded to the 13-digit form
        ("061414100007", "006", "GS1 US"),  # GTIN-12 → 0061414100007
        ("0000112345678", "00001", "GS1 US"),  # 5-digit range record
        ("0001123456789", "0001", "GS1 US"),  # 4-digit range record
        (
            "2001234567890",
            "200",
            "Used to issue GS1 Restricted Circulation Numbers within a geographic region (MO defined)",
        ),
    ],
)
def test_lookup(number: str, prefix: str, organisation: str) -> None:
    assert lookup(number) == Prefix(prefix, organisation)


@pytest.mark.parametrize("number", ["", "1", "14", "1400000000000", "6650000000000"])
def test_lookup_unknown(number: str) -> None:
    assert lookup(number) is None


@pytest.mark.parametrize("number", ["893A", "８93", "893\n"])
def test_lookup_bad_input(number: str) -> None:
    with pytest.raises(InvalidFormat) as info:
        lookup(number)
    assert info.value.code == "GS1.NON_DIGIT_CHARACTER"


def test_table_shape() -> None:
    table = _prefixtable.PREFIXES
    assert table["893"] == "GS1 Vietnam"
    assert all(p.isascii() and not p.strip("0123456789") for p in table)
    assert {len(p) for p in table} == set(_prefixtable.PREFIX_LENGTHS)
    assert list(_prefixtable.PREFIX_LENGTHS) == sorted(_prefixtable.PREFIX_LENGTHS, reverse=True)
    assert len(_prefixtable.SOURCE_SHA256) == 64


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "gen_prefixes", REPO / "scripts" / "gen_prefixes.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_cleanups() -> None:
    gen = _generator()
    records = [
        {"prefix": "893", "mo": "GS1 Vietnam"},
        {"prefix": "001 \u2013 003", "mo": "GS1 US"},
        {"prefix": ["450 - 451 GS1 Japan"], "mo": "To be edited"},
    ]
    assert gen.build(records) == {
        "001": "GS1 US",
        "002": "GS1 US",
        "003": "GS1 US",
        "450": "GS1 Japan",
        "451": "GS1 Japan",
        "893": "GS1 Vietnam",
    }
    with pytest.raises(ValueError, match="twice"):
        gen.build([{"prefix": "893", "mo": "A"}, {"prefix": "893", "mo": "B"}])
    with pytest.raises(ValueError, match="cannot read"):
        gen.build([{"prefix": "89x", "mo": "A"}])


def test_lookup_non_text() -> None:
    with pytest.raises(InvalidFormat) as info:
        lookup(8934567890120)  # type: ignore[arg-type]
    assert info.value.code == "GS1.KEY.NOT_TEXT"
