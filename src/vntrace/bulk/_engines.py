"""The single-item engines behind each bulk ``kind``: the one place a rule lives.

Every kind maps to a function ``value -> findings`` from the single-item API (the GS1 key
modules, :func:`vntrace.gs1.validate`, :func:`vntrace.gs1.digital_link.validate`, and
python-stdnum's ``stdnum.vn.mst`` for tax codes through :func:`tax_code_findings`, a small adapter
that can later point at ``vntrace.tcvn``). The vectorised core only ever *confirms* that a value
is valid; every value it cannot confirm is handed to these functions, so a bulk verdict is
always the single-item verdict.

>>> sorted(KINDS)[:4]
['digital_link', 'element_string', 'gcn', 'gdti']
>>> engine("gtin", None)("8934567890129")[0].code
'GS1.INCORRECT_CHECK_DIGIT'
>>> engine("tax_code", None)("0100233488")
[]
>>> [f.code for f in engine("tax_code", None)("0100233480")]
['TCVN.TAX_CODE_CHECK_DIGIT']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Final, Literal, get_args

from vntrace.errors import VntraceError
from vntrace.findings import Finding
from vntrace.gs1.options import Options

__all__ = [
    "KEY_KINDS",
    "KINDS",
    "NUMERIC_KEYS",
    "Engine",
    "Kind",
    "engine",
    "tax_code_findings",
    "verdict",
]

KeyKind = Literal[
    "gtin",
    "gln",
    "sscc",
    "grai",
    "giai",
    "gsrn",
    "gdti",
    "gcn",
    "gsin",
    "ginc",
    "itip",
    "gmn",
]
Kind = Literal[KeyKind, "element_string", "digital_link", "tax_code"]
"""The names a column can be checked as."""

KEY_KINDS: Final[tuple[str, ...]] = get_args(KeyKind)
"""Every GS1 key (each is a :mod:`vntrace.gs1` key module of the same name)."""

KINDS: Final = frozenset((*KEY_KINDS, "element_string", "digital_link", "tax_code"))
"""Every accepted ``kind``."""


def _numeric_lengths() -> dict[str, tuple[int, ...]]:
    from vntrace.gs1 import gln, gsin, gsrn, gtin, sscc  # noqa: PLC0415 - loaded on first use

    return {
        "gtin": tuple(gtin.LENGTHS),
        "gln": (gln.LENGTH,),
        "sscc": (sscc.LENGTH,),
        "gsrn": (gsrn.LENGTH,),
        "gsin": (gsin.LENGTH,),
    }


NUMERIC_KEYS: Final = _numeric_lengths()
"""The all-digit keys with a mod-10 check digit and their lengths (read from the key modules):
the vectorised core confirms these itself."""

Engine = Callable[[str], list[Finding]]


def _key_engine(kind: str) -> Engine:
    module = importlib.import_module(f"vntrace.gs1.{kind}")
    validate: Callable[[str], str] = module.validate

    def run(value: str) -> list[Finding]:
        try:
            validate(value)
        except VntraceError as exc:
            return list(exc.findings)
        return []

    return run


def tax_code_findings(value: str) -> list[Finding]:
    """The findings for one Vietnamese tax code (mã số thuế): :func:`vntrace.tcvn.tax_code.validate`
    (python-stdnum's ``stdnum.vn.mst`` plus vntrace's checks), so bulk and single verdicts agree.

    >>> tax_code_findings("0314409058-002")
    []
    >>> [(f.code, f.params["length"]) for f in tax_code_findings("12345")]
    [('TCVN.TAX_CODE_LENGTH', 5)]
    """
    from vntrace.errors import VntraceError  # noqa: PLC0415
    from vntrace.tcvn import tax_code  # noqa: PLC0415 - loaded on first use

    try:
        tax_code.validate(value)
    except VntraceError as exc:
        return list(exc.findings)
    return []


def engine(kind: str, options: Options | None) -> Engine:
    """The single-item ``value -> findings`` function of ``kind``.

    >>> engine("element_string", None)("(01)08934567890120(10)A")
    []
    >>> engine("pallet", None)
    Traceback (most recent call last):
    ...
    vntrace.errors.UnsupportedInput: BULK.UNKNOWN_KIND: ...
    """
    if kind in KEY_KINDS:
        return _key_engine(kind)
    if kind == "element_string":
        from vntrace.gs1.element_string import validate as es_validate  # noqa: PLC0415

        return lambda value: es_validate(value, options=options)
    if kind == "digital_link":
        from vntrace.gs1.digital_link import validate as dl_validate  # noqa: PLC0415

        return lambda value: dl_validate(value, options)
    if kind == "tax_code":
        return tax_code_findings
    from vntrace.errors import UnsupportedInput  # noqa: PLC0415

    raise UnsupportedInput(
        Finding("BULK.UNKNOWN_KIND", params={"kind": str(kind), "kinds": ", ".join(sorted(KINDS))})
    )


def verdict(kind: str, options: Options | None) -> Callable[[str], bool]:
    """The single-item ``value -> is valid`` function of ``kind`` (no findings built).

    >>> verdict("gtin", None)("8934567890120"), verdict("sscc", None)("1")
    (True, False)
    """
    if kind in KEY_KINDS:
        is_valid: Callable[[str], bool] = importlib.import_module(f"vntrace.gs1.{kind}").is_valid
        return is_valid
    if kind == "tax_code":
        from vntrace.tcvn import tax_code  # noqa: PLC0415 - loaded on first use

        return tax_code.is_valid
    run = engine(kind, options)
    return lambda value: not any(f.is_error for f in run(value))
