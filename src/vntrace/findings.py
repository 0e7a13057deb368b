"""Findings: the one shape every problem takes, from a check digit to a missing EPCIS field.

A :class:`Finding` carries a stable ``code``, a :class:`Severity`, where it happened
(:class:`Location`) and the parameters of the message. Text is rendered late, in English or
Vietnamese, from the message catalogue (:mod:`vntrace.messages`).

>>> f = Finding("GS1.INCORRECT_CHECK_DIGIT", params={"ai": "01"},
...             location=Location(field="01", start=13, length=1))
>>> f.message("en")
'Incorrect check digit'
>>> f.message("vi")
'Số kiểm tra không đúng'
>>> f.is_error
True
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from vntrace.messages import Localised

__all__ = ["Finding", "Location", "ParamValue", "Severity", "has_errors"]

ParamValue = str | int | float | bool | Localised | None
"""A param value: a JSON scalar, or a text per language (:class:`vntrace.messages.Localised`)."""


class Severity(enum.Enum):
    """How bad a finding is. Only ``ERROR`` makes an input invalid."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points.

    Every attribute is optional; fill in what is knowable.
    """

    row: int | None = None
    """0-based row, line or record index in a multi-item input."""
    field: str | None = None
    """The field: an AI (``"01"``), a JSON pointer, a column or dossier field name."""
    start: int | None = None
    """0-based start of the offending characters inside the field's value."""
    length: int | None = None
    """Number of offending characters (0 = a position, not a span)."""
    path: str | None = None
    """The file or document the input came from, if any."""

    def to_dict(self) -> dict[str, Any]:
        """Only the attributes that are set."""
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) is not None}

    def __str__(self) -> str:
        parts = []
        if self.path is not None:
            parts.append(self.path)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field is not None:
            parts.append(self.field)
        if self.start is not None:
            parts.append(f"[{self.start}:{self.start + (self.length or 0)}]")
        return " ".join(parts)


@dataclass(frozen=True, slots=True, eq=True)
class Finding:
    """One problem (or note) about an input, with a stable code.

    ``params`` fill the message template; they are also what machine consumers
    (bulk reports, SARIF, JUnit) read, so they hold plain values only.
    """

    code: str
    severity: Severity = Severity.ERROR
    params: Mapping[str, ParamValue] = field(default_factory=dict)
    location: Location = field(default_factory=Location)

    def __hash__(self) -> int:
        return hash((self.code, self.severity, tuple(sorted(self.params.items())), self.location))

    @property
    def is_error(self) -> bool:
        """``True`` when the severity is ``ERROR``."""
        return self.severity is Severity.ERROR

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` (``"en"`` or ``"vi"``)."""
        from vntrace.messages import render  # noqa: PLC0415 - keeps import of findings cheap

        return render(self.code, self.params, lang)

    def with_location(self, **changes: Any) -> Finding:
        """A copy whose location has ``changes`` applied (``row=3``, ``path=...``)."""
        return replace(self, location=replace(self.location, **changes))

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """A JSON-ready dict; with ``lang`` the rendered message is included."""
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "params": dict(self.params),
            "location": self.location.to_dict(),
        }
        if lang is not None:
            out["message"] = self.message(lang)
        return out


def has_errors(findings: Iterable[Finding]) -> bool:
    """``True`` if any finding is an error.

    >>> has_errors([Finding("GS1.AI_UNRECOGNISED", Severity.WARNING, {"ai": "89"})])
    False
    """
    return any(f.severity is Severity.ERROR for f in findings)
