"""Words shared by the reports people read: record labels, severities, references per code."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources

from vntrace.findings import Finding, Location, Severity
from vntrace.messages import localise
from vntrace.report._base import Record, visible

__all__ = ["SEVERITY", "UNIT", "code_area", "finding_place", "record_label", "reference"]

SEVERITY = {
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"},
    "vi": {Severity.ERROR: "lỗi", Severity.WARNING: "cảnh báo", Severity.INFO: "ghi chú"},
}
UNIT = {
    "en": {"line": "line", "row": "row", "event": "event", "record": "input"},
    "vi": {"line": "dòng", "row": "hàng", "event": "sự kiện", "record": "đầu vào"},
}
_FIELD = {"en": "at", "vi": "tại"}


def _lang(lang: str) -> str:
    return lang if lang in SEVERITY else "en"


def record_label(record: Record, lang: str, fallback: int) -> str:
    """``line 3`` / ``dòng 3``, counted from 1; ``fallback`` numbers a record without number or
    source; a whole file (a source without number) has no label.

    >>> record_label(Record("x", [], number=3, unit="event"), "vi", 1)
    'sự kiện 3'
    """
    if record.number is None and record.source is not None:
        return ""  # the file as a whole
    number = record.number if record.number is not None else fallback
    return f"{UNIT[_lang(lang)][record.unit]} {number}"


def finding_place(location: Location, lang: str) -> str:
    """Where inside a record a finding points, for people (no 0-based offsets).

    >>> finding_place(Location(field="01", start=13, length=1), "en")
    'at 01, character 14'
    >>> finding_place(Location(field="/epcisBody/eventList/0"), "vi")
    'tại /epcisBody/eventList/0'
    """
    lang = _lang(lang)
    parts = []
    if location.field is not None:
        parts.append(f"{_FIELD[lang]} {visible(location.field)}")
    if location.start is not None:
        parts.append(f"{'ký tự' if lang == 'vi' else 'character'} {location.start + 1}")
    return ", ".join(parts)


@cache
def code_area() -> dict[str, str]:
    """Finding code -> the catalogue file (area) defining it, e.g. ``gs1_engine``."""
    out: dict[str, str] = {}
    for entry in resources.files("vntrace.messages").iterdir():
        if entry.name.endswith(".json"):
            for code in json.loads(entry.read_text(encoding="utf-8")):
                out[code] = entry.name.removesuffix(".json")
    return out


# The standard behind each area's codes (by document name; sections are in the docs of each code).
_AREA_REFERENCE = {
    "gs1_engine": "GS1 General Specifications; GS1 Barcode Syntax Dictionary (element strings)",
    "gs1_linters": "GS1 Barcode Syntax Dictionary linters (GS1 General Specifications)",
    "gs1_keys": "GS1 General Specifications (identification keys, check digit)",
    "gs1_dl": "GS1 Digital Link URI Syntax",
    "epcis_io": "GS1 EPCIS 2.0 (JSON-LD and XML bindings)",
    "epcis_validate": "GS1 EPCIS 2.0 and CBV 2.0 (schemas and rules)",
    "epcis_hash": "GS1 CBV 2.0 (event hash ID); GS1 Tag Data Standard 2.0 (EPC URIs)",
}


def reference(finding: Finding, lang: str = "en") -> str:
    """The legal article or standard a finding rests on (empty when none applies).

    A finding that carries ``source``/``article`` params (the Vietnamese rules do) cites them;
    otherwise the standard behind the code's area is named.

    >>> reference(Finding("VN-DATA-008", params={"source": "Nghị định 37/2026/NĐ-CP",
    ...                                          "article": "Điều 23 khoản 5"}))
    'Nghị định 37/2026/NĐ-CP, Điều 23 khoản 5'
    >>> from vntrace.messages import Localised
    >>> reference(Finding("VN-X", params={"article": Localised(en="Art. 5", vi="Điều 5")}), "vi")
    'Điều 5'
    >>> reference(Finding("EPCIS.MISSING_ACTION"))
    'GS1 EPCIS 2.0 and CBV 2.0 (schemas and rules)'
    """
    params = localise(finding.params, _lang(lang))  # a bilingual citation, in ``lang``
    cited = [
        visible(str(params[key]))
        for key in ("source", "article")
        if params.get(key) not in (None, "")
    ]
    if cited:
        return ", ".join(cited)
    return _AREA_REFERENCE.get(code_area().get(finding.code, ""), "")


def param_text(params: Mapping[str, object]) -> str:
    """Params as ``name=value`` pairs, made visible.

    >>> param_text({"ai": "01", "got": "A\\x1bB"})
    'ai=01, got=A\\\\x1bB'
    """
    return ", ".join(f"{k}={visible(str(v))}" for k, v in params.items())
