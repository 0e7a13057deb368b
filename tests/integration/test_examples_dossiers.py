"""The Hà Tĩnh example dossiers: codes valid by independent checks, and the demo's section 4."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

from stdnum import ean
from stdnum.vn import mst

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
sys.path.insert(0, str(EXAMPLES))
from generate_hatinh_dossiers import VIOLATIONS, build  # noqa: E402


def test_committed_examples_are_what_the_generator_writes() -> None:
    for name, doc in build().items():
        committed = (EXAMPLES / "dossiers" / name).read_text("utf-8")
        assert committed == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    assert {p.name for p in (EXAMPLES / "dossiers").glob("*.json")} == set(VIOLATIONS)


def test_synthetic_codes_have_correct_check_digits_by_python_stdnum() -> None:
    for path in (EXAMPLES / "dossiers").glob("*.json"):
        doc = json.loads(path.read_text("utf-8"))
        assert ean.is_valid(doc["product"]["gtin"]), path.name
        parties = [doc["producer"], *doc.get("parties", []), doc.get("importer") or {}]
        for party in parties:
            if "gln" in party:
                assert ean.is_valid(party["gln"]), (path.name, party["gln"])
            if "tax_code" in party:
                assert mst.is_valid(party["tax_code"]), (path.name, party["tax_code"])


def test_demo_section_flags_exactly_the_dossiers_with_violations() -> None:
    spec = importlib.util.spec_from_file_location("vntrace_demo_tcvn", EXAMPLES / "demo.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["vntrace_demo_tcvn"] = module
    try:
        spec.loader.exec_module(module)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            problems = module.check_dossiers("vi", EXAMPLES / "dossiers").problems
    finally:
        del sys.modules["vntrace_demo_tcvn"]
    text = out.getvalue()
    flagged = set(re.findall(r"✗ (\S+\.json):", text))
    assert flagged == {name for name, rules in VIOLATIONS.items() if rules}
    assert problems == len(re.findall(r"^      lỗi ", text, re.MULTILINE)) > 0
    assert "căn cứ: Nghị định 37/2026/NĐ-CP Điều 23(5)(h)" in text
