"""Vietnamese traceability compliance: lot dossiers checked against the 2024–2026 regimes.

The rules of Decree 37/2026/NĐ-CP, Circular 31/2026/TT-BCT and Circular 02/2024/TT-BKHCN (plus
the identifier, OCOP and VietGAP facts portals show first) are a generated catalogue
(:func:`rules`); :func:`check` reports every violation of a dossier as a finding whose code is the
rule id, with the article it rests on, in Vietnamese and English.

>>> from vntrace import tcvn
>>> d = tcvn.load_dossier({"product": {"name": "Cam Vũ Quang", "origin": "Việt Nam"}})
>>> found = tcvn.check(d, as_of="2026-08-01")
>>> [f.code for f in found][:3]
['VN-DATA-002', 'VN-DATA-003', 'VN-DATA-004']
>>> print(found[0].message("vi"))  # doctest: +NORMALIZE_WHITESPACE
Chưa có hình ảnh sản phẩm; dữ liệu truy xuất nguồn gốc phải có hình ảnh sản phẩm,
hàng hóa (Nghị định 37/2026/NĐ-CP Điều 23(5)(b))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from vntrace.tcvn.options import DEFAULT_OPTIONS, Options
from vntrace.tcvn.records import (
    Address,
    BctIdentification,
    Certificate,
    DataCarrier,
    Declaration,
    Dossier,
    Event,
    Lot,
    Ocop,
    Party,
    PartyRef,
    Product,
    Retention,
    dossier_to_dict,
    dump_dossier,
    load_dossier,
    loads_dossier,
)
from vntrace.tcvn.rules import (
    REGIMES,
    Regime,
    Rule,
    regime,
    regimes_in_force,
    rule,
    rules,
)

if TYPE_CHECKING:
    from vntrace.tcvn import admin, ocop, tax_code, vietgap
    from vntrace.tcvn.builders import dossier_from_epcis, dossiers_from_rows
    from vntrace.tcvn.checking import check
    from vntrace.tcvn.dataset import DatasetCheck, check_many

__all__ = [
    "DEFAULT_OPTIONS",
    "REGIMES",
    "Address",
    "BctIdentification",
    "Certificate",
    "DataCarrier",
    "DatasetCheck",
    "Declaration",
    "Dossier",
    "Event",
    "Lot",
    "Ocop",
    "Options",
    "Party",
    "PartyRef",
    "Product",
    "Regime",
    "Retention",
    "Rule",
    "admin",
    "check",
    "check_many",
    "dossier_from_epcis",
    "dossier_to_dict",
    "dossiers_from_rows",
    "dump_dossier",
    "load_dossier",
    "loads_dossier",
    "ocop",
    "regime",
    "regimes_in_force",
    "rule",
    "rules",
    "tax_code",
    "vietgap",
]

_LAZY = {
    "admin": "vntrace.tcvn.admin",
    "ocop": "vntrace.tcvn.ocop",
    "tax_code": "vntrace.tcvn.tax_code",
    "vietgap": "vntrace.tcvn.vietgap",
    "check": "vntrace.tcvn.checking",
    "check_many": "vntrace.tcvn.dataset",
    "DatasetCheck": "vntrace.tcvn.dataset",
    "dossier_from_epcis": "vntrace.tcvn.builders",
    "dossiers_from_rows": "vntrace.tcvn.builders",
}


_SUBMODULES = frozenset({"admin", "ocop", "tax_code", "vietgap"})


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        msg = f"module 'vntrace.tcvn' has no attribute {name!r}"
        raise AttributeError(msg)
    module = importlib.import_module(module_name)
    value = module if name in _SUBMODULES else getattr(module, name)
    globals()[name] = value
    return value
