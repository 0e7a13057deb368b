"""The one options object of :mod:`vntrace.tcvn`: what a check and a loader may relax.

Strict by default: every machine-checked rule of the chosen regimes runs, every dossier field is
read as the dossier v1 format defines it.

>>> Options(disabled_rules=frozenset({"VN-CODE-003"})).is_disabled("VN-CODE-003")
True
>>> Options(disabled_rules=frozenset({"VN-DATA-001"}))
Traceback (most recent call last):
...
vntrace.errors.InvalidComponent: TCVN.RULE_NOT_SWITCHABLE: ...
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vntrace.errors import InvalidComponent
from vntrace.findings import Finding

__all__ = ["DEFAULT_OPTIONS", "Options"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """Switches for :func:`vntrace.tcvn.check` and :func:`vntrace.tcvn.load_dossier`."""

    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    """Inferred rules to skip (ids such as ``VN-CODE-003``). Only rules whose check is an
    interpretation (``Rule.inferred``) can be switched off; rules that read the law's own words
    cannot, and naming one raises ``TCVN.RULE_NOT_SWITCHABLE``."""
    include_manual: bool = False
    """Also report every rule a person must check, as INFO ``TCVN.MANUAL_CHECK``."""
    max_dossier_bytes: int = 16 * 1024 * 1024
    """Largest dossier (JSON bytes) the loader reads; larger gives ``TCVN.DOSSIER_TOO_LARGE``."""

    def __post_init__(self) -> None:
        from vntrace.tcvn.rules import rule  # noqa: PLC0415 - options must import cheaply

        for rule_id in sorted(self.disabled_rules):
            if not rule(rule_id).inferred:
                raise InvalidComponent(
                    Finding("TCVN.RULE_NOT_SWITCHABLE", params={"rule": rule_id})
                )

    def is_disabled(self, rule_id: str) -> bool:
        """``True`` when ``rule_id`` was switched off."""
        return rule_id in self.disabled_rules


DEFAULT_OPTIONS = Options()
"""Strict defaults."""
