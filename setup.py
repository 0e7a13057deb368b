"""Build hook: compile the per-event EPCIS work with mypyc where this machine can.

vntrace is complete without it: the same modules run as plain Python. Compiled (a C compiler
and the Python headers are needed), the event hash runs about 1.6x faster. Everything else is
in ``pyproject.toml``.

- Editable installs (``pip install -e``) stay plain: a compiled module beside its source would
  shadow every later edit of that source.
- ``VNTRACE_PURE=1`` skips the compilation; ``VNTRACE_COMPILE=require`` makes a failure fatal
  (CI uses it, so that a broken compiled build cannot pass as a plain one).
- A failed compilation leaves no compiled module behind: a package with half of mypyc's
  modules (a shim without its shared library) would not import.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The modules compiled: private, called only with values the public layer has checked (mypyc
# turns a wrong argument type into TypeError), and recursion-free or depth-bounded (compiled code
# has no recursion limit).
COMPILED = [
    "src/vntrace/epcis/_canon.py",
    "src/vntrace/epcis/_epcfast.py",
    "src/vntrace/epcis/_fastread.py",
    "src/vntrace/epcis/_json.py",
]


def _wanted() -> bool:
    if os.environ.get("VNTRACE_PURE") == "1":
        return False
    # Only the commands that build (not metadata, sdist or PEP 660's ``editable_wheel``):
    # running mypy for those would cost half a minute for nothing.
    return any(arg in _BUILDING for arg in sys.argv[1:]) and "editable_wheel" not in sys.argv


_BUILDING = frozenset({"bdist_wheel", "build", "build_ext", "install"})


def _required() -> bool:
    return os.environ.get("VNTRACE_COMPILE") == "require"


def _say(why: str) -> None:
    sys.stderr.write(f"vntrace: {why}; the plain Python modules are used\n")


def _extensions() -> list[Any]:
    if not _wanted():
        return []
    try:
        from mypyc.build import mypycify  # noqa: PLC0415 - only when compiling
    except ImportError:
        if _required():
            raise
        _say("mypyc is not installed")
        return []
    try:
        # the project's mypy settings (pyproject.toml) apply: the build needs what mypy needs
        return list(mypycify(COMPILED, opt_level="3"))
    except (Exception, SystemExit) as exc:
        if _required():
            raise
        _say(f"mypyc failed ({exc})")
        return []


class OptionalBuildExt(build_ext):
    """Build the compiled modules, or none of them."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:
            if _required():
                raise
            for ext in self.extensions:
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            _say(f"compilation failed ({exc})")


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
