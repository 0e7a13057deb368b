"""vntrace — the standards behind product traceability in Vietnam.

Sub-packages are imported lazily so that ``import vntrace`` stays cheap:

>>> import vntrace
>>> vntrace.__version__
'0.1.0'
>>> vntrace.gs1.checkdigit.mod10("893456789012")
'0'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from vntrace.errors import VntraceError
from vntrace.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from vntrace import epcis, gs1, report

__all__ = [
    "Finding",
    "Location",
    "Severity",
    "VntraceError",
    "__version__",
    "epcis",
    "gs1",
    "report",
]

__version__ = "0.1.0"

_LAZY = frozenset({"gs1", "epcis", "tcvn", "signing", "report", "bulk", "cli"})


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return importlib.import_module(f"vntrace.{name}")
    msg = f"module 'vntrace' has no attribute {name!r}"
    raise AttributeError(msg)
