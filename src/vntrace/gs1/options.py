"""One frozen options object for every GS1 parser (the reference engine's switches).

Strict by default, exactly like GS1's reference syntax engine: every option that relaxes a
rule is off, every validation that can be switched is on.

>>> Options() == DEFAULT_OPTIONS
True
>>> DEFAULT_OPTIONS.validate_requisite_ais, DEFAULT_OPTIONS.permit_unknown_ais
(True, False)
>>> Options(permit_unknown_ais=True).permit_unknown_ais
True
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_OPTIONS", "Options"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """Switches of the GS1 parsers; the defaults are the reference engine's."""

    permit_unknown_ais: bool = False
    """Accept AIs missing from the dictionary when they cannot collide with a known AI."""
    permit_zero_suppressed_gtin_in_dl_uris: bool = False
    """Left-pad 8/12/13-digit GTINs in Digital Link URIs to 14 digits before checking."""
    permit_convenience_alphas: bool = False
    """Accept deprecated convenience alphas (``/gtin/…``) in Digital Link paths."""
    validate_requisite_ais: bool = True
    """Check ``req=`` associations (switch off for partial data from one of several carriers)."""
    unknown_ai_not_dl_attr: bool = True
    """Reject unknown (vivified) AIs as Digital Link query attributes."""
    add_check_digit: bool = False
    """Scan-data generation for EAN/UPC and non-Expanded DataBar: input omits the check digit."""
    collect_all: bool = False
    """Report every independent problem of an element string, not only the first.

    Off by default, as in GS1's reference engine, whose verdicts (one error code per input) the
    conformance vectors pin. On, each AI value is checked on its own and every message rule
    reports every violation (see :doc:`/howto/gs1`)."""


DEFAULT_OPTIONS = Options()
