"""Every BULK.* code used in the source has English and Vietnamese messages with the same fields.

(The shared catalogue test covers the GS1/EPCIS/VNTRACE prefixes; this covers the bulk area.)
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from vntrace.messages import catalogue

SRC = Path(__file__).resolve().parents[2] / "src" / "vntrace"
CODE = re.compile(r"""["'](BULK\.[A-Z0-9_]+)["']""")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_bulk_codes_have_both_languages_and_matching_fields() -> None:
    used = set()
    for path in [*(SRC / "bulk").rglob("*.py"), SRC / "cli" / "_bulk.py"]:
        used |= set(CODE.findall(path.read_text(encoding="utf-8")))
    assert len(used) >= 10
    messages = catalogue()
    for code in sorted(used):
        assert code in messages, code
        entry = messages[code]
        assert entry["en"].strip(), code
        assert entry["vi"].strip(), code
        assert _fields(entry["en"]) == _fields(entry["vi"]), code
        for text in entry.values():
            assert "None" not in text, code
            assert "row 0" not in text, code
