"""JSON reports: one document (``json``) or one object per input (``jsonl``).

Each input becomes ``{"input": …, "valid": …, "findings": [...]}`` plus ``"data"`` when the command
has extra data to show. Findings are :meth:`~vntrace.findings.Finding.to_dict` with the message
rendered in the chosen language. The ``json`` document ends with the counts:

>>> from vntrace.findings import Finding
>>> from vntrace.report import render
>>> bad = Finding("GS1.AI_UNRECOGNISED", params={"ai": "89"})
>>> doc = json.loads(render([("(89)1", [bad], {})], "json", "en"))
>>> doc["results"][0]["findings"][0]["message"]
'Unrecognised AI: 89'
>>> doc["summary"]
{'inputs': 1, 'valid': 0, 'invalid': 1, 'errors': 1, 'warnings': 0, 'infos': 0}

Values that JSON has no type for are written as text: dates and times in ISO 8601, decimals as
their exact digits, enums as their value, dataclasses as objects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import json
import re
from collections.abc import Mapping
from typing import Any, TextIO

from vntrace.findings import Severity
from vntrace.report._base import Result, Summary, as_record

__all__ = ["JsonLinesRenderer", "JsonRenderer", "result_to_dict", "to_jsonable"]


def to_jsonable(value: Any) -> Any:
    """Turn values JSON has no type for into JSON-ready ones (used as ``json.dumps(default=…)``).

    >>> to_jsonable(dt.date(2027, 6, 30)), to_jsonable(decimal.Decimal("0.750"))
    ('2027-06-30', '0.750')
    >>> to_jsonable(frozenset({"b", "a"}))
    ['a', 'b']
    """
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Mapping):
        return dict(value)
    if hasattr(value, "model_dump"):  # pydantic models
        return value.model_dump(mode="json")
    return str(value)


# JSON allows these raw inside strings, but line-oriented readers (``str.splitlines``, JavaScript
# before ES2019) treat them as line breaks: escape them so that one JSON Lines record is one line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


_SURROGATE = re.compile("[\ud800-\udfff]")


def _dumps(obj: Any) -> str:
    r"""Compact JSON, non-ASCII kept readable, Unicode line separators and lone surrogates
    escaped (the text is always UTF-8 and JSON-decodes to the same strings).

    >>> _dumps({"lot": "Lô\u2028A"})
    '{"lot": "Lô\\u2028A"}'
    >>> _dumps({"file": "l\udcf4.csv"})
    '{"file": "l\\udcf4.csv"}'
    """
    text = json.dumps(obj, ensure_ascii=False, default=to_jsonable)
    # str.translate walks every character in Python-level steps (seconds on a 10 MB value):
    # three C-speed searches decide whether it is needed at all.
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.translate(_LINE_BREAKS)
    if _SURROGATE.search(text):  # a file name or input the OS gave as bytes: no UTF-8 for it
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def result_to_dict(result: Result, lang: str = "vi") -> dict[str, Any]:
    """The JSON object for one result.

    >>> result_to_dict(("(10)A", [], {"hri": ["(10) A"]}), "en")
    {'input': '(10)A', 'valid': True, 'findings': [], 'data': {'hri': ['(10) A']}}
    >>> result_to_dict(("", [], {"line": 7}), "en")
    {'line': 7, 'input': '', 'valid': True, 'findings': []}
    """
    record = as_record(result)
    out: dict[str, Any] = {}
    if record.source is not None:
        out["source"] = record.source
    if record.number is not None:
        out[record.unit] = record.number
    out["input"] = record.input
    if record.groups:
        out["groups"] = dict(record.groups)
    out["valid"] = not any(f.severity is Severity.ERROR for f in record.findings)
    out["findings"] = [f.to_dict(lang) for f in record.findings]
    if record.extra:
        out["data"] = dict(record.extra)
    return out


class JsonRenderer:
    """One JSON document ``{"results": [...], "summary": {...}}``, written as it goes."""

    def __init__(self, lang: str = "vi") -> None:
        """Write messages in ``lang``."""
        self.lang = lang
        self._count = 0

    def begin(self, out: TextIO) -> None:
        """Open the document."""
        out.write('{"results": [')

    def item(self, out: TextIO, result: Result) -> None:
        """One result per line inside the array."""
        if self._count:
            out.write(",\n")
        self._count += 1
        out.write(_dumps(result_to_dict(result, self.lang)))

    def end(self, out: TextIO, summary: Summary) -> None:
        """Close the array and add the summary."""
        if self._count:
            out.write("\n")
        out.write(f'], "summary": {_dumps(summary.to_dict())}}}\n')


class JsonLinesRenderer:
    """One JSON object per line, per input; no summary (count the lines)."""

    def __init__(self, lang: str = "vi") -> None:
        """Write messages in ``lang``."""
        self.lang = lang

    def begin(self, out: TextIO) -> None:
        """Nothing precedes the first line."""
        del out

    def item(self, out: TextIO, result: Result) -> None:
        """Write one line."""
        out.write(_dumps(result_to_dict(result, self.lang)) + "\n")

    def end(self, out: TextIO, summary: Summary) -> None:
        """Nothing follows the last line."""
        del out, summary
