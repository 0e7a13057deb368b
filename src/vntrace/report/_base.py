"""The renderer interface shared by every report format, and the running summary."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

from vntrace.findings import Finding, Severity

__all__ = ["FORMATS", "Renderer", "Result", "Summary", "get_renderer"]

Result = tuple[str, Sequence[Finding], Mapping[str, Any]]
"""One checked input: its text, its findings and extra data to show."""

# format name -> (module, class). JUnit, SARIF and HTML plug in here.
_RENDERERS: dict[str, tuple[str, str]] = {
    "text": ("vntrace.report.text", "TextRenderer"),
    "json": ("vntrace.report.json", "JsonRenderer"),
    "jsonl": ("vntrace.report.json", "JsonLinesRenderer"),
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
    ValueError: unknown report format 'pdf'; choose one of text, json, jsonl
    """
    try:
        module_name, class_name = _RENDERERS[fmt]
    except KeyError:
        msg = f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}"
        raise ValueError(msg) from None
    cls = getattr(importlib.import_module(module_name), class_name)
    renderer: Renderer = cls(lang)
    return renderer
