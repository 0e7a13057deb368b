"""``vntrace explain CODE``: what a finding code means, how to fix it, and the rule behind it.

``CODE`` may leave out ``GS1.`` and ignores case (``vntrace explain illegal_day``). The answer
gives the message in Vietnamese and English, the severity, what the code means, how to fix it
and the clause of the standard, where those are written (``explain_<area>.json`` next to the
message files). An unknown code is a finding (exit code 1).
"""

from __future__ import annotations

import argparse
from typing import Any

from vntrace.cli._common import emit, t
from vntrace.findings import Finding
from vntrace.messages import explain

__all__ = ["register"]

_LABELS = {
    "en": {
        "area": "area",
        "severity": "severity",
        "message_vi": "message (Vietnamese)",
        "message_en": "message (English)",
        "what": "what it means",
        "fix": "how to fix",
        "clause": "standard",
    },
    "vi": {
        "area": "nhóm",
        "severity": "mức độ",
        "message_vi": "thông báo (tiếng Việt)",
        "message_en": "thông báo (tiếng Anh)",
        "what": "ý nghĩa",
        "fix": "cách sửa",
        "clause": "căn cứ",
    },
}
_SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "ghi chú"}


def register(subparsers: Any) -> None:
    """Add ``explain``."""
    parser = subparsers.add_parser(
        "explain",
        help=t(
            "explain a finding code (meaning, how to fix, standard)",
            "giải thích một mã phát hiện (ý nghĩa, cách sửa, căn cứ)",
        ),
        description=t(
            "Explain finding codes: message, severity, meaning, how to fix, clause.",
            "Giải thích mã phát hiện: thông báo, mức độ, ý nghĩa, cách sửa, căn cứ.",
        ),
    )
    parser.add_argument(
        "codes",
        nargs="+",
        metavar=t("CODE", "MÃ"),
        help=t("e.g. GS1.ILLEGAL_DAY", "ví dụ GS1.ILLEGAL_DAY"),
    )
    parser.set_defaults(func=run)


def describe(code: str, lang: str, *, for_people: bool) -> dict[str, Any] | None:
    """The explanation of ``code`` as plain data; labels in ``lang`` when ``for_people``.

    >>> describe("GS1.ILLEGAL_DAY", "en", for_people=False)["severity"]
    'error'
    """
    found = explain(code)
    if found is None:
        return None
    lang = "vi" if lang == "vi" else "en"
    data: dict[str, Any] = {
        "area": found.area,
        "severity": found.severity,
        "message_vi": found.message["vi"],
        "message_en": found.message["en"],
        "what": found.what[lang] if found.what else None,
        "fix": found.fix[lang] if found.fix else None,
        "clause": found.clause,
    }
    if not for_people:
        return {"code": found.code, **data}
    if lang == "vi" and found.severity is not None:
        data["severity"] = _SEVERITY_VI.get(found.severity, found.severity)
    labels = _LABELS[lang]
    return {labels[k]: v for k, v in data.items() if v is not None}


def run(args: argparse.Namespace) -> int:
    """Explain every code given."""
    lang = getattr(args, "lang", "vi")
    people = getattr(args, "format", "text") == "text"
    results: list[tuple[str, list[Finding], dict[str, Any]]] = []
    for code in args.codes:
        data = describe(code, lang, for_people=people)
        if data is None:
            finding = Finding("VNTRACE.UNKNOWN_CODE", params={"code": code})
            results.append((code, [finding], {}))
        else:
            shown = explain(code)
            results.append((shown.code if shown else code, [], data))
    return emit(results, args)
