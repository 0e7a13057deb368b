"""Reports: findings rendered for people (text, HTML) and machines (JSON, JSON Lines, JUnit, SARIF).

A *result* is one checked input: a tuple ``(input_text, findings, extra)`` where ``findings`` is a
list of :class:`~vntrace.findings.Finding` and ``extra`` a dict of anything the command wants to
show next to the verdict (the parsed forms of an element string, an event hash…), or a
:class:`Record`, which also says which file and which line, row or event the input came from.
Messages are rendered here, at the edge, in the chosen language (``vi`` or ``en``).

>>> from vntrace.findings import Finding, Location
>>> bad = Finding("GS1.INCORRECT_CHECK_DIGIT", params={"expected": "0", "got": "9"},
...               location=Location(field="01", start=13, length=1))
>>> print(render([("(01)08934567890129", [bad], {})], "text", "en"), end="")
✗ (01)08934567890129
  error GS1.INCORRECT_CHECK_DIGIT (01, character 14): Incorrect check digit: expected 0, found 9

The renderers stream: :func:`write` takes any iterable of results and a text stream, and keeps
nothing but the counts in memory, so a million-line input costs no more than one line (JUnit
spools one file's test cases to a temporary file; SARIF keeps the rule table; HTML keeps counts
and the first details, up to a cap). :func:`write_file` writes a report file atomically.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from typing import TextIO

from vntrace.report._base import (
    FORMATS,
    FailOn,
    Record,
    Renderer,
    Result,
    Summary,
    as_record,
    fails,
    get_renderer,
    visible,
)
from vntrace.report._output import ReportOutputError, atomic_output

__all__ = [
    "FORMATS",
    "FailOn",
    "Record",
    "Renderer",
    "ReportOutputError",
    "Result",
    "Summary",
    "as_record",
    "atomic_output",
    "fails",
    "get_renderer",
    "render",
    "visible",
    "write",
    "write_file",
]


def write(
    results: Iterable[Result],
    out: TextIO,
    fmt: str | Renderer = "text",
    lang: str = "vi",
    *,
    only_invalid: bool = False,
) -> Summary:
    """Stream ``results`` to ``out`` in format ``fmt`` (see :data:`FORMATS`) and return the counts.

    ``fmt`` may also be a renderer object configured by the caller (an
    :class:`~vntrace.report.html.HtmlRenderer` with a title, for instance).

    With ``only_invalid`` only results with an error finding are written; the counts (and the
    summary of the ``json`` and ``text`` formats) still cover every result. A ``"line"`` key in a
    plain result's extra data is its 1-based line number (see :func:`as_record`): JSON writes it as
    the record's ``line``, text before the input.

    >>> import sys
    >>> summary = write([("(10)LOT-7", [], {})], sys.stdout, "jsonl", "en")
    {"input": "(10)LOT-7", "valid": true, "findings": []}
    >>> summary.inputs, summary.valid
    (1, 1)
    """
    renderer = get_renderer(fmt, lang) if isinstance(fmt, str) else fmt
    summary = Summary()
    renderer.begin(out)
    for result in results:
        if summary.add(result[1]) or not only_invalid:
            renderer.item(out, result)
    renderer.end(out, summary)
    return summary


def render(results: Iterable[Result], fmt: str = "text", lang: str = "vi") -> str:
    """Render ``results`` to one string (convenient for small inputs and tests).

    >>> render([("(10)LOT-7", [], {"elements": 1})], "json", "vi")[:34]
    '{"results": [{"input": "(10)LOT-7"'
    """
    buf = io.StringIO()
    write(results, buf, fmt, lang)
    return buf.getvalue()


def write_file(
    results: Iterable[Result],
    path: str | os.PathLike[str],
    fmt: str | Renderer = "text",
    lang: str = "vi",
) -> Summary:
    """Write the report to the file ``path`` atomically (see :func:`atomic_output`).

    Nothing is left at ``path`` if writing fails; an unwritable path raises
    :class:`ReportOutputError` before any result is read.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "report.xml"
    >>> write_file([("(10)A", [], {})], target, "junit", "en").inputs
    1
    >>> target.read_text(encoding="utf-8").startswith("<?xml")
    True
    """
    with atomic_output(path) as out:
        return write(results, out, fmt, lang)
