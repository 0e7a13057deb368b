"""Conformance: the GS1 prefix table is exactly what scripts/gen_prefixes.py makes of the reference."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from vntrace.gs1 import _prefixtable

REPO = Path(__file__).resolve().parents[2]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "gen_prefixes", REPO / "scripts" / "gen_prefixes.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.conformance
def test_table_regenerates_identically(reference: Path) -> None:
    """The committed table equals a fresh generation from ../shared/reference."""
    source = reference / "gs1" / "interpretGS1scan" / "MOprefixStrings.json"
    fresh = _generator().render(source)
    committed = (REPO / "src" / "vntrace" / "gs1" / "_prefixtable.py").read_text(encoding="utf-8")
    assert fresh == committed


@pytest.mark.conformance
def test_table_covers_every_source_record(reference: Path) -> None:
    source = reference / "gs1" / "interpretGS1scan" / "MOprefixStrings.json"
    records = json.loads(source.read_text(encoding="utf-8"))
    for record in records:
        prefix = record["prefix"]
        if isinstance(prefix, str) and prefix.isascii() and not prefix.strip("0123456789"):
            assert _prefixtable.PREFIXES[prefix] == record["mo"].strip()
