"""The exception hierarchy. Every error is a :class:`ValueError` and carries findings.

>>> from vntrace.findings import Finding
>>> try:
...     raise InvalidChecksum(Finding("GS1.AI_UNRECOGNISED", params={"ai": "89"}))
... except VntraceError as exc:
...     print(exc.code, "|", exc.message("vi"))
GS1.AI_UNRECOGNISED | Không nhận ra AI: 89
"""

from __future__ import annotations

from collections.abc import Iterable

from vntrace.findings import Finding

__all__ = [
    "EpcisError",
    "GS1Error",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "SchemaViolation",
    "SignatureError",
    "UnsupportedInput",
    "VntraceError",
]


class VntraceError(ValueError):
    """Root of every error vntrace raises on bad input.

    ``findings`` holds at least one :class:`~vntrace.findings.Finding`; ``code`` is the code of
    the first one. ``str(exc)`` is ``"CODE: English message"``; :meth:`message` renders any
    language.
    """

    findings: tuple[Finding, ...]

    def __init__(self, findings: Finding | Iterable[Finding]) -> None:
        found = (findings,) if isinstance(findings, Finding) else tuple(findings)
        if not found:
            found = (
                Finding("VNTRACE.INTERNAL", params={"detail": "error raised without findings"}),
            )
        self.findings = found
        super().__init__(f"{found[0].code}: {found[0].message('en')}")

    @property
    def code(self) -> str:
        """The stable code of the first finding."""
        return self.findings[0].code

    @property
    def finding(self) -> Finding:
        """The first finding."""
        return self.findings[0]

    def message(self, lang: str = "en") -> str:
        """The first finding's message in ``lang``."""
        return self.findings[0].message(lang)


class InvalidFormat(VntraceError):
    """The input has the wrong shape or characters."""


class InvalidLength(VntraceError):
    """The input (or a component) is too short or too long."""


class InvalidChecksum(VntraceError):
    """A check digit or check-character pair does not match."""


class InvalidComponent(VntraceError):
    """A component (date, code-list value, prefix…) is not allowed."""


class SchemaViolation(VntraceError):
    """A document breaks a structural rule of its schema (EPCIS, dossier)."""


class UnsupportedInput(VntraceError):
    """The input is well-formed but outside what vntrace supports."""


class GS1Error(VntraceError):
    """A GS1 element string, scan or Digital Link failed strict validation."""


class EpcisError(VntraceError):
    """An EPCIS document or event could not be read or written."""


class SignatureError(VntraceError):
    """A stamp signature could not be produced or checked."""
