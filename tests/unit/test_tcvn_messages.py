"""Every TCVN code and rule id vntrace.tcvn can emit has an English and a Vietnamese text.

(The shared catalogue test scans GS1/EPCIS/VNTRACE literals only; this covers the tcvn area.)
"""

from __future__ import annotations

import re
from pathlib import Path

from vntrace import tcvn
from vntrace.messages import catalogue, render

SRC = Path(__file__).resolve().parents[2] / "src" / "vntrace"
LITERAL = re.compile(r"""["'](TCVN\.[A-Z0-9_]*[A-Z0-9])["']""")


def test_every_tcvn_code_literal_has_both_languages() -> None:
    codes = {
        code
        for path in [*(SRC / "tcvn").glob("*.py"), SRC / "cli" / "_tcvn.py"]
        for code in LITERAL.findall(path.read_text("utf-8"))
    }
    assert len(codes) > 20
    missing = sorted(c for c in codes if c not in catalogue())
    assert not missing
    assert {"TCVN.UNKNOWN_REGIME", "TCVN.UNKNOWN_RULE"} <= codes


def test_every_machine_rule_has_a_message_quoting_its_article() -> None:
    for r in tcvn.rules():
        if r.machine_checked:
            entry = catalogue()[r.id]
            assert "{article}" in entry["en"]
            assert "{article}" in entry["vi"]
            assert render(r.id, {"article": "ART"}, "vi").endswith("ART)")


def test_vietnamese_texts_avoid_programmer_notation() -> None:
    for code, entry in catalogue().items():
        if code.startswith(("TCVN.", "VN-")):
            for bad in ("None", "row 0", "[", "null"):
                assert bad not in entry["vi"], (code, bad)
