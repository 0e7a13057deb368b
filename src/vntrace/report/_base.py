"""The renderer interface shared by every report format, and the running summary."""

from __future__ import annotations

import importlib
import re
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, Protocol, TextIO

from vntrace.findings import Finding, Severity

__all__ = [
    "FORMATS",
    "FailOn",
    "Record",
    "Renderer",
    "Result",
    "Summary",
    "as_record",
    "fails",
    "get_renderer",
    "visible",
]

_EMPTY: Mapping[str, Any] = types.MappingProxyType({})

Unit = Literal["line", "row", "event", "record"]


class Record(NamedTuple):
    """One checked input with where it came from: what every report format can show.

    A plain ``(input, findings, extra)`` tuple is a record without a source; commands that read
    files say which file (``source``) and which line, row or event (``number``, counted from 1 as
    people count, ``unit`` saying which). ``groups`` holds values to aggregate compliance by in
    the HTML report (``{"commune": "Xã Phúc Trạch", "producer": "HTX …"}``). Where *inside* the
    record a finding points (an AI, a JSON path, a column) stays on the finding's
    :class:`~vntrace.findings.Location`.

    >>> r = Record("(01)08934567890120", [], source="stamps.txt", number=3)
    >>> r.input, r.source, r.number, r.unit
    ('(01)08934567890120', 'stamps.txt', 3, 'line')
    """

    input: str
    """The input as read (a scan, a URI, a row rendered as text, an event label)."""
    findings: Sequence[Finding]
    """Everything found about it (may be empty)."""
    extra: Mapping[str, Any] = _EMPTY
    """Extra data to show next to the verdict."""
    source: str | None = None
    """The file (or other named source) the input came from."""
    number: int | None = None
    """Its line, row or event number in ``source``, counted from 1."""
    unit: Unit = "line"
    """What ``number`` counts: ``line``, ``row``, ``event`` or ``record``."""
    groups: Mapping[str, str] = _EMPTY
    """Values to group compliance rates by in aggregate reports (commune, sector, producer)."""


Result = tuple[str, Sequence[Finding], Mapping[str, Any]] | Record
"""One checked input: ``(text, findings, extra)`` or a :class:`Record`."""


FailOn = Literal["error", "warning"]


def fails(findings: Sequence[Finding], fail_on: FailOn = "error") -> bool:
    """``True`` when a finding is an error (or, with ``fail_on="warning"``, a warning).

    >>> w = Finding("GS1.AI_UNRECOGNISED", Severity.WARNING)
    >>> fails([w]), fails([w], "warning")
    (False, True)
    """
    if fail_on == "warning":
        return any(f.severity is not Severity.INFO for f in findings)
    return any(f.severity is Severity.ERROR for f in findings)


def as_record(result: Result) -> Record:
    """``result`` as a :class:`Record` (a plain tuple gets no source and counts as a ``record``).

    >>> as_record(("(10)A", [], {}))[3:6]
    (None, None, 'record')
    """
    if isinstance(result, Record):
        return result
    text, findings, extra = result
    if extra and "line" in extra:  # line-oriented commands put the 1-based line number there
        rest = {k: v for k, v in extra.items() if k != "line"}
        return Record(text, findings, rest, number=extra["line"], unit="line")
    return Record(text, findings, extra, unit="record")


# Characters a terminal, browser or XML parser would act on instead of showing: C0/C1 controls
# (GS shown as <GS>, the way scanners print it), line/paragraph separators, the bidirectional
# overrides and isolates that reorder what is read (CVE-2021-42574 "Trojan Source"), lone
# surrogates (no UTF-8 form) and the two XML non-characters.
_CONTROL = {i: f"<{name}>" for i, name in ((0x1D, "GS"), (0x1E, "RS"), (0x04, "EOT"))}
_CONTROL.update({i: f"\\x{i:02x}" for i in range(32) if i not in _CONTROL})
_CONTROL.update({i: f"\\x{i:02x}" for i in range(0x7F, 0xA0)})  # DEL and C1 controls (CSI…)
_CONTROL.update(
    {i: f"\\u{i:04x}" for i in (0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0xFFFE, 0xFFFF)}
)
_CONTROL.update({i: f"\\u{i:04x}" for i in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_CONTROL.update({i: f"\\u{i:04x}" for i in range(0xD800, 0xE000)})
# invisible characters that look like nothing or like a space
_CONTROL.update(
    {i: f"<U+{i:04X}>" for i in (0x00A0, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)}
)
_UNSAFE = re.compile("[" + "".join(re.escape(chr(i)) for i in sorted(_CONTROL)) + "]")


def visible(text: str) -> str:
    r"""``text`` with control, bidirectional-override and other unsafe characters shown as escapes.

    What people read (terminal, HTML, JUnit, SARIF messages) goes through this, so a value can
    never clear a screen, reorder the text around it or break an XML file.

    >>> visible("0108934567890120\x1d10LOT\n")
    '0108934567890120<GS>10LOT\\x0a'
    >>> visible("LOT\u202e7A")
    'LOT\\u202e7A'
    """
    # most values have nothing to escape: one regex scan is much cheaper than translate()
    return text.translate(_CONTROL) if _UNSAFE.search(text) else text


# format name -> (module, class). Other formats plug in here.
_RENDERERS: dict[str, tuple[str, str]] = {
    "text": ("vntrace.report.text", "TextRenderer"),
    "json": ("vntrace.report.json", "JsonRenderer"),
    "jsonl": ("vntrace.report.json", "JsonLinesRenderer"),
    "junit": ("vntrace.report.junit", "JunitRenderer"),
    "sarif": ("vntrace.report.sarif", "SarifRenderer"),
    "html": ("vntrace.report.html", "HtmlRenderer"),
}
FORMATS: tuple[str, ...] = tuple(_RENDERERS)
"""The names accepted by :func:`get_renderer` (and by ``--format``)."""


@dataclass(slots=True)
class Summary:
    """Counts over everything rendered so far."""

    inputs: int = 0
    """Number of results."""
    valid: int = 0
    """Results without any error finding."""
    errors: int = 0
    """Error findings, over all results."""
    warnings: int = 0
    """Warning findings, over all results."""
    infos: int = 0
    """Info findings, over all results."""

    def add(self, findings: Sequence[Finding]) -> bool:
        """Count one result's findings; ``True`` when it has an error."""
        self.inputs += 1
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        self.errors += errors
        self.warnings += sum(1 for f in findings if f.severity is Severity.WARNING)
        self.infos += sum(1 for f in findings if f.severity is Severity.INFO)
        if not errors:
            self.valid += 1
        return bool(errors)

    @property
    def invalid(self) -> int:
        """Results with at least one error finding."""
        return self.inputs - self.valid

    def to_dict(self) -> dict[str, int]:
        """A JSON-ready dict of the counts."""
        return {
            "inputs": self.inputs,
            "valid": self.valid,
            "invalid": self.invalid,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
        }


class Renderer(Protocol):
    """What a report format implements: a header, one item per result, a footer."""

    def begin(self, out: TextIO) -> None:
        """Write whatever comes before the first result."""

    def item(self, out: TextIO, result: Result) -> None:
        """Write one result."""

    def end(self, out: TextIO, summary: Summary) -> None:
        """Write whatever comes after the last result."""


def get_renderer(fmt: str, lang: str = "vi") -> Renderer:
    """The renderer for format ``fmt`` writing messages in ``lang``.

    >>> get_renderer("jsonl", "en").__class__.__name__
    'JsonLinesRenderer'
    >>> get_renderer("pdf")
    Traceback (most recent call last):
    ...
    ValueError: unknown report format 'pdf'; choose one of text, json, jsonl, junit, sarif, html
    """
    try:
        module_name, class_name = _RENDERERS[fmt]
    except KeyError:
        msg = f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}"
        raise ValueError(msg) from None
    cls = getattr(importlib.import_module(module_name), class_name)
    renderer: Renderer = cls(lang)
    return renderer
