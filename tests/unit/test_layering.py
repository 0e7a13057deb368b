"""Lower layers never import upper ones (ARCHITECTURE.md), and ``import vntrace`` stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "vntrace"

# package -> the vntrace packages it must never import
FORBIDDEN = {
    "gs1": {"epcis", "tcvn", "signing", "bulk", "report", "cli"},
    "epcis": {"tcvn", "signing", "bulk", "report", "cli"},
    "signing": {"epcis", "tcvn", "bulk", "report", "cli"},
    "tcvn": {"bulk", "report", "cli"},
    "report": {"cli"},
}
CORE = ["errors.py", "findings.py", "messages/__init__.py"]


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {n.split(".")[1] for n in names if n.startswith("vntrace.") and n.count(".") >= 1}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_do_not_import_upper_ones(package: str) -> None:
    bad = {
        f"{path.relative_to(SRC)} imports vntrace.{name}"
        for path in (SRC / package).rglob("*.py")
        for name in _imported(path) & FORBIDDEN[package]
    }
    assert not bad, sorted(bad)


def test_core_modules_import_nothing_above_them() -> None:
    allowed = {"errors", "findings", "messages"}
    for rel in CORE:
        assert _imported(SRC / rel) <= allowed, rel


def test_import_vntrace_loads_no_heavy_dependency() -> None:
    code = (
        "import sys, vntrace, vntrace.gs1\n"
        "heavy = {'pydantic', 'lxml', 'qrcode', 'cryptography', 'pyarrow', 'pandas', 'polars'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"
