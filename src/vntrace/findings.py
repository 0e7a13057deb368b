"""Findings: the one shape every problem takes, from a check digit to a missing EPCIS field.

A :class:`Finding` carries a stable ``code``, a :class:`Severity`, where it happened
(:class:`Location`) and the parameters of the message. Text is rendered late, in English or
Vietnamese, from the message catalogue (:mod:`vntrace.messages`).

>>> f = Finding("GS1.INCORRECT_CHECK_DIGIT", params={"ai": "01", "expected": "0", "got": "9"},
...             location=Location(field="01", start=13, length=1))
>>> f.message("en")
'Incorrect check digit: expected 0, found 9'
>>> f.message("vi")
'Số kiểm tra sai: đúng phải là 0, nhưng ghi 9'
>>> f.is_error
True
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from vntrace.messages import Localised

__all__ = [
    "Finding",
    "Location",
    "ParamValue",
    "Severity",
    "has_errors",
    "json_pointer",
    "json_type",
]

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
        """The location in English, counted from 1 (see :meth:`describe`)."""
        return self.describe("en")

    def describe(self, lang: str = "en") -> str:
        """The location for people, in ``lang``: rows and characters counted from 1.

        >>> loc = Location(row=0, field="01", start=13, length=1)
        >>> loc.describe("en"), loc.describe("vi")
        ('row 1, 01, character 14', 'dòng 1, 01, ký tự thứ 14')
        >>> Location(start=2, length=3).describe("vi"), Location(start=5, length=0).describe()
        ('ký tự thứ 3 đến 5', 'position 6')
        """
        vi = lang in {"vi", "vn", "VI", "VN"}
        parts = []
        if self.path is not None:
            parts.append(self.path)
        if self.row is not None:
            parts.append(f"{'dòng' if vi else 'row'} {self.row + 1}")
        if self.field is not None:
            parts.append(self.field)
        if self.start is not None:
            first = self.start + 1
            if not self.length:
                parts.append(f"{'vị trí' if vi else 'position'} {first}")
            elif self.length == 1:
                parts.append(f"{'ký tự thứ' if vi else 'character'} {first}")
            else:
                last = self.start + self.length
                span = f"ký tự thứ {first} đến {last}" if vi else f"characters {first}-{last}"
                parts.append(span)
        return ", ".join(parts)


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
        """The message in ``lang`` (``"en"`` or ``"vi"``; ``"vn"`` and any case are accepted,
        another language raises :class:`~vntrace.errors.UnsupportedInput`)."""
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


def json_pointer(base: str, key: str | int) -> str:
    """``base`` extended by one reference token, escaped as RFC 6901 says.

    >>> json_pointer("/epcisBody/eventList", 0)
    '/epcisBody/eventList/0'
    >>> json_pointer("", "a/b~c")
    '/a~1b~0c'
    """
    token = str(key).replace("~", "~0").replace("/", "~1")
    return f"{base}/{token}"


def json_type(value: object) -> str:
    """The JSON type name of a decoded value, as messages name it (``"string"``, ``"array"``…).

    >>> json_type([1]), json_type(True), json_type(None), json_type({"a": 1})
    ('array', 'boolean', 'null', 'object')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    return "object"
