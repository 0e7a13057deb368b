"""Vietnam's administrative units from 2025-07-01: 34 provinces and their communes, no districts.

Generated data (:mod:`vntrace.tcvn._admintable`, from the PyPI package ``vietnam-provinces``; see
``scripts/gen_admin.py``). Provinces have 2-digit codes, communes (xã, phường, đặc khu) 5-digit
codes. Names are found with or without diacritics and with or without the unit's type word.

>>> province("42").name
'Hà Tĩnh'
>>> c = commune_by_name("Phúc Trạch", "42")[0]
>>> c.name, c.province_code
('Xã Phúc Trạch', '42')
>>> province_by_name("ha tinh").code, province_by_name("Thành phố Hồ Chí Minh").code
('42', '79')
>>> len(provinces()), len(communes()) > 3000
(34, True)
>>> province("30")
Traceback (most recent call last):
...
vntrace.errors.InvalidComponent: TCVN.UNKNOWN_PROVINCE: ...
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from vntrace.errors import InvalidComponent
from vntrace.findings import Finding
from vntrace.tcvn import _admintable

__all__ = [
    "SOURCE",
    "Commune",
    "Province",
    "commune",
    "commune_by_name",
    "communes",
    "fold",
    "province",
    "province_by_name",
    "provinces",
]

SOURCE = _admintable.SOURCE
"""Where the table comes from (package, version, data date)."""


@dataclass(frozen=True, slots=True)
class Province:
    """A province or centrally-governed city."""

    code: str
    """2-digit code (Hà Tĩnh: ``42``)."""
    name: str
    """Official name (``Hà Tĩnh``, ``Thành phố Huế``)."""
    division_type: str
    """``tỉnh`` or ``thành phố trung ương``."""


@dataclass(frozen=True, slots=True)
class Commune:
    """A commune, ward or special zone."""

    code: str
    """5-digit code."""
    name: str
    """Official name with its type word (``Xã Phúc Trạch``)."""
    division_type: str
    """``xã``, ``phường`` or ``đặc khu``."""
    province_code: str
    """Code of its province."""


_TYPE_WORDS = re.compile(r"^(tinh|thanh pho|xa|phuong|dac khu)\s+")


def fold(name: str) -> str:
    """A name for matching: no diacritics, ``đ`` as ``d``, lower case, single spaces.

    >>> fold("  Thành phố  Đà Nẵng ")
    'thanh pho da nang'
    """
    text = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


def _key(name: str) -> str:
    return _TYPE_WORDS.sub("", fold(name))


@cache
def _provinces() -> dict[str, Province]:
    return {row[0]: Province(*row) for row in _admintable.PROVINCES}


@cache
def _communes() -> dict[str, Commune]:
    return {row[0]: Commune(*row) for row in _admintable.COMMUNES}


@cache
def _province_names() -> dict[str, Province]:
    out: dict[str, Province] = {}
    for p in _provinces().values():
        out[fold(p.name)] = p
        out[_key(p.name)] = p
    return out


@cache
def _commune_names() -> dict[str, tuple[Commune, ...]]:
    out: dict[str, list[Commune]] = {}
    for c in _communes().values():
        for key in {fold(c.name), _key(c.name)}:
            out.setdefault(key, []).append(c)
    return {k: tuple(v) for k, v in out.items()}


def provinces() -> tuple[Province, ...]:
    """The 34 provinces, by code."""
    return tuple(_provinces().values())


def communes(province_code: str | None = None) -> tuple[Commune, ...]:
    """Every commune, or those of one province, by code.

    >>> len(communes("42"))
    69
    """
    values = _communes().values()
    if province_code is None:
        return tuple(values)
    return tuple(c for c in values if c.province_code == province_code)


def province(code: str) -> Province:
    """The province with this 2-digit code.

    An unknown code raises ``InvalidComponent`` (``TCVN.UNKNOWN_PROVINCE``).
    """
    found = _provinces().get(code) if isinstance(code, str) else None
    if found is None:
        raise InvalidComponent(Finding("TCVN.UNKNOWN_PROVINCE", params={"value": str(code)}))
    return found


def commune(code: str) -> Commune:
    """The commune with this 5-digit code; ``InvalidComponent`` (``TCVN.UNKNOWN_COMMUNE``) if none.

    >>> commune("18547").province_code
    '42'
    """
    found = _communes().get(code) if isinstance(code, str) else None
    if found is None:
        raise InvalidComponent(Finding("TCVN.UNKNOWN_COMMUNE", params={"value": str(code)}))
    return found


def province_by_name(name: str) -> Province | None:
    """The province called ``name`` (with or without diacritics or ``Tỉnh``/``Thành phố``)."""
    return _province_names().get(fold(name)) or _province_names().get(_key(name))


def commune_by_name(name: str, province_code: str | None = None) -> tuple[Commune, ...]:
    """Communes called ``name`` (several when diacritics are dropped or provinces differ).

    >>> [c.code for c in commune_by_name("xa phuc trach")]
    ['18547']
    """
    found = _commune_names().get(fold(name)) or _commune_names().get(_key(name), ())
    if province_code is not None:
        found = tuple(c for c in found if c.province_code == province_code)
    return found
