"""The message catalogue: finding code → English and Vietnamese templates.

Templates live in the JSON files of this package (one per area: ``core.json``, ``gs1.json``,
``epcis.json`` …), merged into one catalogue. A template uses ``{name}`` placeholders filled from
the finding's params; a missing param renders as ``?`` rather than failing at report time.

>>> render("GS1.AI_UNRECOGNISED", {"ai": "89"}, "en")
'Unrecognised AI: 89'
>>> sorted(LANGUAGES)
['en', 'vi']

Language codes are checked: ``"vn"`` (a common guess) means ``"vi"``, case does not matter, and
anything else raises :class:`~vntrace.errors.UnsupportedInput` rather than silently rendering
English:

>>> render("GS1.AI_UNRECOGNISED", {"ai": "89"}, "VN")
'Không nhận ra AI: 89'
>>> render("GS1.AI_UNRECOGNISED", {"ai": "89"}, "fr")
Traceback (most recent call last):
...
vntrace.errors.UnsupportedInput: VNTRACE.UNKNOWN_LANGUAGE: Unknown language 'fr': use vi or en

A nested reason is a finding inside a finding (an EPCIS event holding a bad EPC URN). Its code
goes into the ``reason`` param and its own params into ``reason_<name>`` params (see
:func:`nest`); the reason is then rendered in the same language as the message around it:

>>> from vntrace.findings import Finding
>>> inner = Finding("GS1.AI_UNRECOGNISED", params={"ai": "89"})
>>> render("VNTRACE.CANNOT_READ_INPUT", {"path": "x", **nest(inner)}, "vi")
'Không đọc được x: Không nhận ra AI: 89'

A param value may itself be bilingual (:class:`Localised`): it is shown in the language of the
message around it, so a Vietnamese message cites the law in Vietnamese:

>>> render("TCVN.MANUAL_CHECK", {"rule": "VN-DATA-010", "article": Localised(
...     en="Decree 37/2026/NĐ-CP Art. 23(6)", vi="Nghị định 37/2026/NĐ-CP Điều 23(6)")}, "vi")
'Quy tắc VN-DATA-010 cần người kiểm tra trực tiếp (Nghị định 37/2026/NĐ-CP Điều 23(6))'
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from vntrace.findings import Finding, ParamValue

__all__ = [
    "LANGUAGES",
    "Explanation",
    "Localised",
    "catalogue",
    "explain",
    "explanations",
    "language",
    "localise",
    "nest",
    "render",
]

LANGUAGES = frozenset({"en", "vi"})
_ALIASES = {"en": "en", "vi": "vi", "vn": "vi"}


def _entries() -> Iterator[Traversable]:
    """The files of this package (``importlib.resources`` costs 12 ms: imported when read)."""
    from importlib import resources  # noqa: PLC0415

    return resources.files(__package__).iterdir()


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """All codes with their ``{"en": …, "vi": …}`` templates."""
    merged: dict[str, dict[str, str]] = {}
    for entry in sorted(_entries(), key=lambda p: p.name):
        if entry.name.endswith(".json") and not entry.name.startswith(_EXPLAIN_PREFIX):
            data: dict[str, dict[str, str]] = json.loads(entry.read_text(encoding="utf-8"))
            dupes = merged.keys() & data.keys()
            if dupes:
                msg = f"message codes defined twice: {sorted(dupes)}"
                raise RuntimeError(msg)
            merged.update(data)
    return merged


_EXPLAIN_PREFIX = "explain_"


@dataclass(frozen=True, slots=True)
class Explanation:
    """What a finding code means, for ``vntrace explain`` and the codes page."""

    code: str
    """The finding code."""
    area: str
    """The catalogue file (area) the code is defined in: ``gs1_engine``, ``epcis_validate`` …"""
    message: dict[str, str]
    """The message templates, by language."""
    severity: str | None = None
    """The severity the code is reported with (``error``, ``warning``, ``info``), if recorded."""
    what: dict[str, str] | None = None
    """What it means, by language (``None`` when not written yet)."""
    fix: dict[str, str] | None = None
    """How to fix it, by language."""
    clause: str | None = None
    """The clause of the standard (or law) behind the rule."""


@cache
def _areas() -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in _entries():
        if entry.name.endswith(".json") and not entry.name.startswith(_EXPLAIN_PREFIX):
            area = entry.name.removesuffix(".json")
            found.update(dict.fromkeys(json.loads(entry.read_text(encoding="utf-8")), area))
    return found


@cache
def explanations() -> dict[str, dict[str, object]]:
    """Every written explanation: code → ``severity``, ``what``, ``fix``, ``clause``.

    They live in ``explain_<area>.json`` files next to the message files, so each area adds
    its own; a code may appear in one file only.
    """
    merged: dict[str, dict[str, object]] = {}
    for entry in sorted(_entries(), key=lambda p: p.name):
        if entry.name.startswith(_EXPLAIN_PREFIX) and entry.name.endswith(".json"):
            data: dict[str, dict[str, object]] = json.loads(entry.read_text(encoding="utf-8"))
            dupes = merged.keys() & data.keys()
            if dupes:
                msg = f"explanations defined twice: {sorted(dupes)}"
                raise RuntimeError(msg)
            merged.update(data)
    return merged


def explain(code: str) -> Explanation | None:
    """The explanation of ``code`` (``None`` for a code that is not in the catalogue).

    ``GS1.`` may be left out and case does not matter.

    >>> e = explain("illegal_day")
    >>> e.code, e.area, e.severity, e.message["en"]
    ('GS1.ILLEGAL_DAY', 'gs1_linters', 'error', 'Illegal day of the month')
    >>> explain("NOPE") is None
    True
    """
    known = catalogue()
    wanted = code.strip().upper()
    for candidate in (wanted, f"GS1.{wanted}", f"EPCIS.{wanted}", f"VNTRACE.{wanted}"):
        if candidate in known:
            extra = explanations().get(candidate, {})
            return Explanation(
                candidate,
                _areas()[candidate],
                dict(known[candidate]),
                _str_or_none(extra.get("severity")),
                _lang_map(extra.get("what")),
                _lang_map(extra.get("fix")),
                _str_or_none(extra.get("clause")),
            )
    return None


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _lang_map(value: object) -> dict[str, str] | None:
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return None


class _Lenient(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


_FORMATTER = string.Formatter()


def language(lang: str) -> str:
    """The catalogue language meant by ``lang``: ``"vi"`` or ``"en"``.

    Case is ignored and ``"vn"`` is accepted for ``"vi"``; anything else raises
    :class:`~vntrace.errors.UnsupportedInput` (``VNTRACE.UNKNOWN_LANGUAGE``).

    >>> language("VI"), language("vn"), language("en")
    ('vi', 'vi', 'en')
    """
    found = _ALIASES.get(lang) or (_ALIASES.get(lang.lower()) if isinstance(lang, str) else None)
    if found is None:
        from vntrace.errors import UnsupportedInput  # noqa: PLC0415 - errors imports findings
        from vntrace.findings import Finding  # noqa: PLC0415 - findings imports this module

        raise UnsupportedInput(Finding("VNTRACE.UNKNOWN_LANGUAGE", params={"lang": str(lang)}))
    return found


def nest(finding: Finding, name: str = "reason") -> dict[str, ParamValue]:
    """Params that carry ``finding`` as the nested reason ``name`` of another finding.

    >>> from vntrace.findings import Finding
    >>> nest(Finding("GS1.AI_UNRECOGNISED", params={"ai": "89"}))
    {'reason': 'GS1.AI_UNRECOGNISED', 'reason_ai': '89'}
    """
    out: dict[str, ParamValue] = {name: finding.code}
    out.update({f"{name}_{key}": value for key, value in finding.params.items()})
    return out


class _Nested(_Lenient):
    """Template params where a ``reason`` holding a known code renders as that code's message.

    Only params named ``reason`` (or ``…_reason``) are read this way, so a value that happens to
    look like a code elsewhere is shown as it is.
    """

    def __init__(self, params: Mapping[str, object], lang: str) -> None:
        super().__init__(params)
        self._lang = lang

    def __getitem__(self, key: str) -> object:
        value = super().__getitem__(key)
        if (key == "reason" or key.endswith("_reason")) and _is_code(value):
            return self.render_nested(key)
        return value

    def render_nested(self, key: str) -> str:
        """The message of the code in param ``key``, filled from the ``<key>_*`` params."""
        prefix = f"{key}_"
        inner = {k[len(prefix) :]: v for k, v in self.items() if k.startswith(prefix)}
        code = str(dict.get(self, key))
        return _FORMATTER.vformat(catalogue()[code][self._lang], (), _Nested(inner, self._lang))


def _is_code(value: object) -> bool:
    return isinstance(value, str) and value in catalogue()


def render(code: str, params: Mapping[str, object], lang: str = "en") -> str:
    """Render the message of ``code`` in ``lang`` (see :func:`language`).

    An unknown code renders as the code plus its params, never raises: a report must always print.
    A ``reason`` param holding a known code (a nested reason, see :func:`nest`) renders as that
    code's message in the same language; the message of a ``hint`` param (a code too) follows
    the message.
    """
    lang = language(lang)
    entry = catalogue().get(code)
    if entry is None:
        detail = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{code} ({detail})" if detail else code
    params = localise(params, lang)  # bilingual values first (see Localised)
    fields = _Nested(params, lang)
    text = _FORMATTER.vformat(entry[lang], (), fields)
    if _is_code(params.get("hint")):
        text += " — " + fields.render_nested("hint")
    return text


# --- bilingual param values ----------------------------------------------------------------------


class Localised(dict[str, str]):
    """A param value given in every language: ``Localised(en="Decree …", vi="Nghị định …")``.

    It is a plain JSON object ``{"en": …, "vi": …}`` to machine consumers (JSON, SARIF, bulk), the
    English text where a single string is needed (``str()``), and hashable like the other param
    values, so findings holding it stay hashable. Do not mutate it.

    >>> text = Localised(en="shipping", vi="xuất hàng")
    >>> str(text), text["vi"], json.dumps(text, ensure_ascii=False)
    ('shipping', 'xuất hàng', '{"en": "shipping", "vi": "xuất hàng"}')
    """

    __slots__ = ()

    def __init__(self, *, en: str, vi: str) -> None:
        super().__init__(en=en, vi=vi)

    def __hash__(self) -> int:  # type: ignore[override]  # immutable by contract
        return hash((self["en"], self["vi"]))

    def __str__(self) -> str:
        return self["en"]

    def __reduce__(self) -> tuple[object, ...]:
        # pickling (dask workers) rebuilds it through __init__'s keywords
        return (_rebuild, (self["en"], self["vi"]))


def _rebuild(en: str, vi: str) -> Localised:
    return Localised(en=en, vi=vi)


def localise(params: Mapping[str, object], lang: str) -> Mapping[str, object]:
    """``params`` with every language map (``{"en": …, "vi": …}``) replaced by its ``lang`` text.

    Any mapping holding exactly the keys ``en`` and ``vi`` counts, so params read back from JSON
    render as before. Other values are kept as they are.

    >>> localise({"n": 3, "cte": {"en": "shipping", "vi": "xuất hàng"}}, "vi")
    {'n': 3, 'cte': 'xuất hàng'}
    """
    if not any(isinstance(v, Mapping) for v in params.values()):
        return params
    return {
        k: v[lang] if isinstance(v, Mapping) and v.keys() == LANGUAGES else v
        for k, v in params.items()
    }
