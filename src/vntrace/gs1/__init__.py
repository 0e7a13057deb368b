"""GS1: keys and check digits, the AI table, linters, element strings, scan data, Digital Link, QR.

:func:`parse_any` tells what a text is (a bare key, an element string, a Digital Link URI or scan
data) and parses it; the modules below handle each kind.

Submodules load on first use so ``import vntrace.gs1`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from vntrace.errors import GS1Error
from vntrace.gs1.options import DEFAULT_OPTIONS, Options

if TYPE_CHECKING:
    from vntrace.gs1 import (
        ai,
        checkdigit,
        digital_link,
        gcn,
        gdti,
        giai,
        ginc,
        gln,
        gmn,
        grai,
        gsin,
        gsrn,
        gtin,
        itip,
        linters,
        prefixes,
        qr,
        scan,
        sscc,
    )
    from vntrace.gs1.detect import Parsed, parse_any
    from vntrace.gs1.element_string import Element, ElementString, parse, validate
    from vntrace.gs1.linters import lint

__all__ = [
    "DEFAULT_OPTIONS",
    "Element",
    "ElementString",
    "GS1Error",
    "Options",
    "Parsed",
    "ai",
    "checkdigit",
    "digital_link",
    "gcn",
    "gdti",
    "giai",
    "ginc",
    "gln",
    "gmn",
    "grai",
    "gsin",
    "gsrn",
    "gtin",
    "itip",
    "lint",
    "linters",
    "parse",
    "parse_any",
    "prefixes",
    "qr",
    "scan",
    "sscc",
    "validate",
]

_SUBMODULES = frozenset(
    {
        "ai",
        "checkdigit",
        "digital_link",
        "gcn",
        "gdti",
        "giai",
        "ginc",
        "gln",
        "gmn",
        "grai",
        "gsin",
        "gsrn",
        "gtin",
        "itip",
        "linters",
        "prefixes",
        "qr",
        "scan",
        "sscc",
        "element_string",
        "keys",
        "detect",
    }
)
_FROM_ELEMENT_STRING = frozenset({"Element", "ElementString", "parse", "validate"})


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"vntrace.gs1.{name}")
    if name in _FROM_ELEMENT_STRING:
        return getattr(importlib.import_module("vntrace.gs1.element_string"), name)
    if name in {"parse_any", "Parsed"}:
        return getattr(importlib.import_module("vntrace.gs1.detect"), name)
    if name == "lint":
        return importlib.import_module("vntrace.gs1.linters").lint
    msg = f"module 'vntrace.gs1' has no attribute {name!r}"
    raise AttributeError(msg)
