"""The committed AI table equals a fresh generation from the GS1 Syntax Dictionary."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

from vntrace.gs1 import _aitable

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "gen_aitable.py"
TABLE = REPO / "src" / "vntrace" / "gs1" / "_aitable.py"

pytestmark = pytest.mark.conformance


def _generator():
    spec = importlib.util.spec_from_file_location("gen_aitable", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_aitable"] = module
    spec.loader.exec_module(module)
    return module


def test_regenerated_table_is_identical(reference: Path, tmp_path: Path) -> None:
    source = reference / "gs1" / "gs1-syntax-dictionary.txt"
    out = tmp_path / "_aitable.py"
    assert _generator().main(["--input", str(source), "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == TABLE.read_text(encoding="utf-8")


def test_stamp_matches_the_source(reference: Path) -> None:
    source = reference / "gs1" / "gs1-syntax-dictionary.txt"
    assert hashlib.sha256(source.read_bytes()).hexdigest() == _aitable.SHA256
    assert _aitable.RELEASE == "2026-01-27"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("01 *? N14,csum X..3 N2 # bad", "only the last component may have variable length"),
        ("01 *? [N2] N14 # bad", "mandatory component after an optional one"),
        ("01 *? N..14 # bad", "'*' AI must have fixed-length"),
        ("3105-3100 N6 # bad", "bad AI range"),
        ("310-3109 N6 # bad", "bad AI range"),
        ("0A N6 # bad", "bad AI"),
        ("01 N6 req=1 # bad", "bad AI reference"),
        ("01 N6 foo=1 # bad", "unknown attribute"),
        ("01 Q6 # bad", "bad component"),
        ("01 N6,a,b,c,d # bad", "more than 3 linters"),
        ("01 N1 N1 N1 N1 N1 N1 # bad", "more than 5 components"),
        ("01 N6 dlpkey dlpkey # bad", "dlpkey given twice"),
        ("01 " + "N6 " * 50 + "# too long", "longer than 150"),
    ],
)
def test_grammar_errors_fail_loudly(line: str, message: str) -> None:
    gen = _generator()
    with pytest.raises(gen.DictionaryError, match=message):
        gen.parse_dictionary("# Release: 2026-01-27\n" + line + "\n")


def test_order_and_prefix_length_are_checked() -> None:
    gen = _generator()
    with pytest.raises(gen.DictionaryError, match="out of order"):
        gen.parse_dictionary("# Release: x\n02 N14 # a\n01 N14 # b\n")
    with pytest.raises(gen.DictionaryError, match="different lengths"):
        gen.parse_dictionary("# Release: x\n01 N14 # a\n011 N14 # b\n")
    with pytest.raises(gen.DictionaryError, match="Release"):
        gen.parse_dictionary("01 N14 # a\n")
