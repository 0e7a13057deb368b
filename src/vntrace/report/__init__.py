"""Reports: findings rendered for people (text) and machines (JSON, JSON Lines), in vi or en.

A *result* is one checked input: a tuple ``(input_text, findings, extra)`` where ``findings`` is a
list of :class:`~vntrace.findings.Finding` and ``extra`` a dict of anything the command wants to
show next to the verdict (the parsed forms of an element string, an event hash…). Messages are
rendered here, at the edge, in the chosen language.

>>> from vntrace.findings import Finding, Location
>>> bad = Finding("GS1.INCORRECT_CHECK_DIGIT", params={"expected": "0", "got": "9"},
...               location=Location(field="01", start=13, length=1))
>>> print(render([("(01)08934567890129", [bad], {})], "text", "en"), end="")
✗ (01)08934567890129
  error GS1.INCORRECT_CHECK_DIGIT (01, character 14): Incorrect check digit: expected 0, found 9

The renderers stream: :func:`write` takes any iterable of results and a text stream, and keeps
nothing but the counts in memory, so a million-line input costs no more than one line.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TextIO

from vntrace.report._base import FORMATS, Renderer, Result, Summary, get_renderer

__all__ = ["FORMATS", "Renderer", "Result", "Summary", "get_renderer", "render", "write"]


def write(
    results: Iterable[Result],
    out: TextIO,
    fmt: str = "text",
    lang: str = "vi",
    *,
    only_invalid: bool = False,
) -> Summary:
    """Stream ``results`` to ``out`` in format ``fmt`` (see :data:`FORMATS`) and return the counts.

    With ``only_invalid`` only results with an error finding are written; the counts (and the
    summary of the ``json`` and ``text`` formats) still cover every result. A ``"line"`` key in a
    result's extra data is its 1-based line number: JSON writes it as the record's ``line``,
    text before the input.

    >>> import sys
    >>> summary = write([("(10)LOT-7", [], {})], sys.stdout, "jsonl", "en")
    {"input": "(10)LOT-7", "valid": true, "findings": []}
    >>> summary.inputs, summary.valid
    (1, 1)
    """
    renderer = get_renderer(fmt, lang)
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
