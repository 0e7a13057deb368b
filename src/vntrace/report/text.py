"""The text report: one block per input, readable in a terminal, in Vietnamese or English.

>>> from vntrace.findings import Finding, Location, Severity
>>> f = Finding("GS1.AI_UNRECOGNISED", Severity.WARNING, {"ai": "89"}, Location(field="89"))
>>> from vntrace.report import render
>>> print(render([("(89)X", [f], {})], "text", "vi"), end="")
✓ (89)X
  cảnh báo GS1.AI_UNRECOGNISED (89): Không nhận ra AI: 89

A block starts with ``✓`` when the input has no error finding and with ``✗`` otherwise (warnings
alone do not make an input invalid). A finding whose params hold a ``markup`` (the value with the
offending characters between ``|``, as GS1's engine shows them) gets it on its own line. Extra data
follows as ``key: value`` lines; a summary line ends a report of more than one input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from vntrace.findings import Finding, Severity
from vntrace.report._base import Result, Summary, as_record
from vntrace.report._base import visible as _printable

__all__ = ["LABELS_VI", "TextRenderer", "format_finding", "format_line_summary", "format_summary"]

_SEVERITY = {
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"},
    "vi": {Severity.ERROR: "lỗi", Severity.WARNING: "cảnh báo", Severity.INFO: "ghi chú"},
}
_UNIT_LABELS = {
    "en": {"line": "line", "row": "row", "event": "event", "record": "record"},
    "vi": {"line": "dòng", "row": "hàng", "event": "sự kiện", "record": "bản ghi"},
}
_MARK_VALID = "✓"
_MARK_INVALID = "✗"
_INDENT = "  "


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_summary(summary: Summary, lang: str = "vi") -> str:
    """One line with the counts.

    >>> s = Summary(inputs=3, valid=2, errors=1, warnings=2)
    >>> format_summary(s, "en")
    '3 inputs checked: 2 valid, 1 with errors (1 error, 2 warnings, 0 notes)'
    >>> format_summary(s, "vi")
    'Đã kiểm tra 3 đầu vào: 2 hợp lệ, 1 có lỗi (1 lỗi, 2 cảnh báo, 0 ghi chú)'
    """
    if lang == "vi":
        return (
            f"Đã kiểm tra {summary.inputs} đầu vào: {summary.valid} hợp lệ,"
            f" {summary.invalid} có lỗi ({summary.errors} lỗi, {summary.warnings} cảnh báo,"
            f" {summary.infos} ghi chú)"
        )
    return (
        f"{_plural(summary.inputs, 'input')} checked: {summary.valid} valid,"
        f" {summary.invalid} with errors ({_plural(summary.errors, 'error')},"
        f" {_plural(summary.warnings, 'warning')}, {_plural(summary.infos, 'note')})"
    )


def format_line_summary(summary: Summary, lines: int, comments: int, lang: str = "vi") -> str:
    """One line accounting for every line read from standard input.

    >>> s = Summary(inputs=4, valid=3, errors=1)
    >>> format_line_summary(s, 5, 1, "en")
    '5 lines read: 3 valid, 1 with errors, 1 comment (#)'
    >>> format_line_summary(s, 5, 1, "vi")
    'Đã đọc 5 dòng: 3 hợp lệ, 1 có lỗi, 1 dòng chú thích (#)'
    """
    if lang == "vi":
        return (
            f"Đã đọc {lines} dòng: {summary.valid} hợp lệ, {summary.invalid} có lỗi,"
            f" {comments} dòng chú thích (#)"
        )
    return (
        f"{_plural(lines, 'line')} read: {summary.valid} valid, {summary.invalid} with errors,"
        f" {_plural(comments, 'comment')} (#)"
    )


def format_finding(finding: Finding, lang: str = "vi") -> str:
    """One finding as text: severity, code, location, message, and the markup line if any.

    >>> from vntrace.findings import Location
    >>> f = Finding("GS1.INCORRECT_CHECK_DIGIT",
    ...             params={"markup": "(01)0893456789012|9|", "expected": "0", "got": "9"},
    ...             location=Location(field="01", start=13, length=1))
    >>> print(format_finding(f, "vi"))
    lỗi GS1.INCORRECT_CHECK_DIGIT (01, ký tự thứ 14): Số kiểm tra sai: đúng phải là 0, nhưng ghi 9
        (01)0893456789012|9|
    """
    labels = _SEVERITY.get(lang, _SEVERITY["en"])
    where = finding.location.describe(lang)
    head = f"{labels[finding.severity]} {finding.code}"
    if where:
        head += f" ({where})"
    line = f"{head}: {_printable(finding.message(lang))}"
    markup = finding.params.get("markup", finding.params.get("reason_markup"))
    if markup is not None and markup != "":
        line += f"\n{_INDENT * 2}{_printable(str(markup))}"
    return line


# Labels of extra data in Vietnamese text reports (JSON keeps the English keys, for machines).
LABELS_VI: dict[str, str] = {
    "kind": "loại dữ liệu",
    "also_valid_as": "cũng hợp lệ là",
    "bracketed": "dạng có ngoặc",
    "caret": "dạng dấu mũ (^)",
    "unbracketed": "dạng liền (GS)",
    "hri": "chữ in trên nhãn (HRI)",
    "hri_with_titles": "HRI kèm tên",
    "digital_link": "Digital Link",
    "elements": "các phần tử",
    "title": "tên",
    "value": "giá trị",
    "meaning": "ý nghĩa",
    "symbology": "loại mã vạch",
    "symbology_identifier": "mã nhận dạng loại mã vạch",
    "data": "dữ liệu",
    "stem": "phần gốc",
    "primary_key": "mã khoá chính",
    "qualifiers": "thành phần bổ nghĩa",
    "attributes": "thuộc tính",
    "ignored_params": "tham số bị bỏ qua",
    "element_string": "chuỗi phần tử",
    "canonical": "URI chuẩn",
    "date": "ngày",
    "currency": "tiền tệ (mã số)",
    "alpha": "tiền tệ (mã chữ)",
    "amount": "số tiền",
    # qr
    "version": "phiên bản mã QR",
    "modules": "số ô mỗi cạnh",
    "error": "mức sửa lỗi",
    "file": "tệp",
    "number": "số thứ tự",
    # epcis convert, epcis hash, dossier from-epcis
    "output": "tệp kết quả",
    "events": "số sự kiện",
    "event": "sự kiện",
    "hash": "mã băm định danh",
    "prehash": "chuỗi trước khi băm",
    "eventID": "mã sự kiện (eventID)",
    "matches": "khớp",
    # conformance
    "profile": "mức kiểm tra",
    "passed": "đạt",
    "inputs": "số mục đã kiểm tra",
    "valid": "số mục hợp lệ",
    "invalid": "số mục có lỗi",
    "errors": "số lỗi",
    "warnings": "số cảnh báo",
    "infos": "số ghi chú",
    "junit": "báo cáo JUnit",
    "html": "báo cáo HTML",
    # rules
    "regimes": "bộ quy định",
    "article": "căn cứ (điều, khoản)",
    "statement": "nội dung",
    "severity": "mức độ",
    "confidence": "độ tin cậy",
    "checked": "cách kiểm tra",
    # stamp
    "kid": "mã khoá (kid)",
    "alg": "thuật toán",
    "signed": "tem đã ký",
    "status": "trạng thái",
    "owner": "chủ khoá",
    "stamps": "số tem",
    "sheet": "tờ in mã QR",
    "manifest": "danh mục tem",
    "sequence": "số phiên bản danh sách",
    "keys": "số khoá",
    "root": "khoá gốc",
    "issuer": "đơn vị phát hành",
    "next_update": "cập nhật tiếp theo",
    "not_before": "hiệu lực từ",
    "not_after": "hiệu lực đến",
    "gcp": "tiền tố mã doanh nghiệp",
    "gtin": "GTIN",
}
"""How the text report names extra data in Vietnamese; other keys are shown as they are."""


def _format_value(value: Any, depth: int, lang: str = "en") -> list[str]:
    pad = _INDENT * depth
    if isinstance(value, Mapping):
        lines: list[str] = []
        for name, sub in value.items():
            key = LABELS_VI.get(name, name) if lang == "vi" else name
            if isinstance(sub, Mapping | list | tuple) and sub:
                lines.append(f"{pad}{key}:")
                lines.extend(_format_value(sub, depth + 1, lang))
            else:
                lines.append(f"{pad}{key}: {_scalar(sub, lang)}")
        return lines
    if isinstance(value, list | tuple):
        lines = []
        for sub in value:
            if isinstance(sub, Mapping) and sub:
                inner = _format_value(sub, depth + 1, lang)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{pad}- {_scalar(sub, lang)}")
        return lines
    return [f"{pad}{_scalar(value, lang)}"]


def _scalar(value: Any, lang: str = "en") -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        if lang == "vi":
            return "có" if value else "không"
        return "yes" if value else "no"
    if isinstance(value, Mapping | list | tuple):
        return "[]" if isinstance(value, list | tuple) else "{}"
    return _printable(str(value))


class TextRenderer:
    """Readable blocks; see the module documentation for the layout."""

    def __init__(self, lang: str = "vi") -> None:
        """Write messages in ``lang``."""
        self.lang = lang
        self._first = True

    def begin(self, out: TextIO) -> None:
        """Nothing precedes the first block."""
        self._first = True
        del out

    def item(self, out: TextIO, result: Result) -> None:
        """Write one block."""
        record = as_record(result)
        text, findings, extra = record.input, record.findings, record.extra
        if not self._first:
            out.write("\n")
        self._first = False
        mark = _MARK_INVALID if _has_error(findings) else _MARK_VALID
        where = ""
        if record.source is not None:
            where = _printable(record.source) + (
                f":{record.number}" if record.number is not None else ""
            )
            where += " "
        elif record.number is not None:
            where = (
                f"{_UNIT_LABELS.get(self.lang, _UNIT_LABELS['en'])[record.unit]} {record.number}: "
            )
        out.write(f"{mark} {where}{_shown(text)}\n")
        for finding in findings:
            body = format_finding(finding, self.lang).replace("\n", "\n" + _INDENT)
            out.write(f"{_INDENT}{body}\n")
        if extra:
            out.writelines(line + "\n" for line in _format_value(extra, 1, self.lang))

    def end(self, out: TextIO, summary: Summary) -> None:
        """A summary line when more than one input was checked."""
        if summary.inputs > 1:
            out.write(f"\n{format_summary(summary, self.lang)}\n")


def _has_error(findings: Sequence[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


_EDGE_SPACE = str.maketrans({" ": "␠", "\u3000": "<U+3000>"})


def _shown(text: str) -> str:
    r"""The input as a header shows it: control characters and whitespace at the ends visible.

    >>> _shown("(01)08934567890120 "), _shown("\u00a0893")
    ('(01)08934567890120␠', '<U+00A0>893')
    """
    core = text.strip()
    if core == text:
        return _printable(text)
    start = text.index(core[0]) if core else len(text)
    end = start + len(core)
    return (
        _printable(text[:start]).translate(_EDGE_SPACE)
        + _printable(core)
        + _printable(text[end:]).translate(_EDGE_SPACE)
    )
