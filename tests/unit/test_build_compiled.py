"""The mypyc-compiled build (setup.py): which build runs, and the rules for compiled modules.

``make test`` runs the suite twice: on the editable install (plain Python) and on the wheel
build with ``VNTRACE_EXPECT_COMPILED=1`` (``make pytest-compiled``).
"""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SETUP = REPO / "setup.py"


def _compiled_modules() -> list[str]:
    """The ``COMPILED`` list of setup.py, as module names (read, not imported: it runs setup())."""
    tree = ast.parse(SETUP.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED":
            paths = ast.literal_eval(node.value)
            return [p.removeprefix("src/").removesuffix(".py").replace("/", ".") for p in paths]
    raise AssertionError("setup.py has no COMPILED list")


COMPILED = _compiled_modules()


@pytest.mark.parametrize("name", COMPILED)
def test_the_build_under_test_is_the_one_expected(name: str) -> None:
    module = importlib.import_module(name)
    compiled = any(
        str(module.__file__).endswith(suffix) for suffix in importlib.machinery.EXTENSION_SUFFIXES
    )
    # compiled in the wheel run; plain in the editable install (a compiled module beside its
    # source would shadow every edit of it)
    assert compiled == (os.environ.get("VNTRACE_EXPECT_COMPILED") == "1"), module.__file__


@pytest.mark.parametrize("name", COMPILED)
def test_compiled_modules_bound_their_recursion(name: str) -> None:
    # compiled code has no recursion limit: a recursive function must carry a depth bound
    source = (REPO / "src" / (name.replace(".", "/") + ".py")).read_text(encoding="utf-8")
    for fn in ast.walk(ast.parse(source)):
        if not isinstance(fn, ast.FunctionDef):
            continue
        calls = {
            c.func.id
            for c in ast.walk(fn)
            if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
        }
        if fn.name in calls:
            params = [a.arg for a in fn.args.args]
            assert "depth" in params, f"{name}.{fn.name} recurses without a depth parameter"
            assert re.search(r"depth > _MAX_DEPTH", ast.get_source_segment(source, fn) or "")


@pytest.mark.parametrize("name", COMPILED)
def test_compiled_modules_are_private(name: str) -> None:
    # mypyc checks argument types on entry (a TypeError, never a finding): only the public layer,
    # which checks its arguments itself, may call into a compiled module
    assert name.rsplit(".", 1)[1].startswith("_")
