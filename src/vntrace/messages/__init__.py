"""The message catalogue: finding code → English and Vietnamese templates.

Templates live in the JSON files of this package (one per area: ``core.json``, ``gs1.json``,
``epcis.json`` …), merged into one catalogue. A template uses ``{name}`` placeholders filled from
the finding's params; a missing param renders as ``?`` rather than failing at report time.

>>> render("GS1.AI_UNRECOGNISED", {"ai": "89"}, "en")
'Unrecognised AI: 89'
>>> sorted(LANGUAGES)
['en', 'vi']

A param value may itself be bilingual (:class:`Localised`): it is shown in the language of the
message around it, so a Vietnamese message cites the law in Vietnamese:

>>> render("TCVN.MANUAL_CHECK", {"rule": "VN-DATA-010", "article": Localised(
...     en="Decree 37/2026/NĐ-CP Art. 23(6)", vi="Nghị định 37/2026/NĐ-CP Điều 23(6)")}, "vi")
'Quy tắc VN-DATA-010 cần người kiểm tra trực tiếp (Nghị định 37/2026/NĐ-CP Điều 23(6))'
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from functools import cache
from importlib import resources

__all__ = ["LANGUAGES", "Localised", "catalogue", "localise", "render"]

LANGUAGES = frozenset({"en", "vi"})


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """All codes with their ``{"en": …, "vi": …}`` templates."""
    merged: dict[str, dict[str, str]] = {}
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json"):
            data: dict[str, dict[str, str]] = json.loads(entry.read_text(encoding="utf-8"))
            dupes = merged.keys() & data.keys()
            if dupes:
                msg = f"message codes defined twice: {sorted(dupes)}"
                raise RuntimeError(msg)
            merged.update(data)
    return merged


class _Lenient(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


_FORMATTER = string.Formatter()


def render(code: str, params: Mapping[str, object], lang: str = "en") -> str:
    """Render the message of ``code`` in ``lang`` (``en`` or ``vi``).

    An unknown code renders as the code plus its params, never raises: a report must always print.
    """
    if lang not in LANGUAGES:
        lang = "en"
    entry = catalogue().get(code)
    if entry is None:
        detail = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{code} ({detail})" if detail else code
    return _FORMATTER.vformat(entry[lang], (), _Lenient(localise(params, lang)))


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
