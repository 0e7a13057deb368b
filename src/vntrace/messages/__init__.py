"""The message catalogue: finding code → English and Vietnamese templates.

Templates live in the JSON files of this package (one per area: ``core.json``, ``gs1.json``,
``epcis.json`` …), merged into one catalogue. A template uses ``{name}`` placeholders filled from
the finding's params; a missing param renders as ``?`` rather than failing at report time.

>>> render("GS1.AI_UNRECOGNISED", {"ai": "89"}, "en")
'Unrecognised AI: 89'
>>> sorted(LANGUAGES)
['en', 'vi']
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from functools import cache
from importlib import resources

__all__ = ["LANGUAGES", "catalogue", "render"]

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
    return _FORMATTER.vformat(entry[lang], (), _Lenient(params))
