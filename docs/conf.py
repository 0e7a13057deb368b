"""Sphinx configuration for the vntrace documentation (built with ``-W``: warnings are errors)."""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent / "src"))

import vntrace  # noqa: E402 - after the path set-up

project = "vntrace"
author = "vntrace engineers"
copyright = "2026, vntrace engineers"
release = vntrace.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "vntrace_automodules",
    "vntrace_codes",
    "vntrace_rules",
]

language = "en"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
nitpicky = False
# no intersphinx: the build must not touch the network

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}

doctest_global_setup = """
from vntrace import gs1
"""
doctest_default_flags = (
    doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.DONT_ACCEPT_TRUE_FOR_1
)

html_theme = "furo"
html_title = f"vntrace {release}"
html_static_path: list[str] = []

# Only ``.. doctest::`` blocks run in the doctest build; docstring examples run under pytest
# (``--doctest-modules``), with their module's namespace.
doctest_test_doctest_blocks = ""
