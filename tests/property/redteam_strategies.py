"""Hostile inputs and the "bad input never crashes" contract, shared by the red-team tests.

The contract (ARCHITECTURE.md, "Bad input never crashes"): any input gives findings or a
:class:`~vntrace.errors.VntraceError` whose findings render in English and Vietnamese; never a
bare ``KeyError``/``TypeError``/``UnicodeError``/``RecursionError``…, never a hang.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from vntrace.errors import VntraceError
from vntrace.findings import Finding

# Values of the wrong type that users pass by mistake.
WRONG_TYPES: list[Any] = [None, 0, 8934567890120, 1.5, True, [], ["(01)x"], {}, (), object()]

# Text with every trap: NUL, lone surrogates, BOM, CR/LF, non-ASCII digits, GS, separators.
TRAPS = [
    "",
    "\x00",
    "\ud800",
    "\udfff",
    "\ufeff",
    "\r\n",
    "\x1d",
    "\u200b",
    "\xa0",
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic digits
    "０１２３",  # full-width digits
    "𝟎𝟏𝟐",  # mathematical bold digits
    "²³",
    "é",
    "ệ",
]
GS1_CHARS = [*"()^]|0123456789CQdeEJ1ABZabz-/ \\<>%?=&:.#*+,;'\"!", *TRAPS[1:]]
GS1_TEXT = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(GS1_CHARS), max_size=80).map("".join),
    st.sampled_from(TRAPS),
)


def check_findings(findings: object) -> list[Finding]:
    """``findings`` is a list of findings that render in both languages."""
    assert isinstance(findings, list), findings
    for f in findings:
        assert isinstance(f, Finding), f
        assert f.message("en")
        assert f.message("vi")
    return findings


def outcome(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``fn``; a :class:`VntraceError` is returned (checked), anything else propagates."""
    try:
        return fn(*args, **kwargs)
    except VntraceError as exc:
        error = exc
    assert error.findings
    assert error.code == error.findings[0].code
    check_findings(list(error.findings))
    return error


# A guard against hangs and quadratic blow-ups (which cost 10-100x), not a speed target: CPU time
# of this process (other processes on a loaded machine do not count) with a generous margin.
_MARGIN = 4.0


def timed(fn: Callable[..., Any], *args: Any, limit: float = 1.0, **kwargs: Any) -> Any:
    """:func:`outcome` that also fails when the call takes far longer than ``limit`` CPU seconds."""
    start = time.process_time()
    result = outcome(fn, *args, **kwargs)
    elapsed = time.process_time() - start
    assert elapsed < limit * _MARGIN, f"{getattr(fn, '__qualname__', fn)} took {elapsed:.2f} s"
    return result
