"""Sphinx extension: ``.. vntrace-rules::`` renders the Vietnamese rule catalogue as a table.

One row per rule of :func:`vntrace.tcvn.rules` — id, regimes, legal source, statement in English
and Vietnamese, severity, confidence, and whether vntrace checks it by machine — built at
documentation build time from the generated table, so the page never drifts from the code.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive

HEADERS = (
    "Rule",
    "Regimes",
    "Legal source",
    "English",
    "Tiếng Việt",
    "Severity",
    "Confidence",
    "Checked",
)


def _row(texts: list[str], *, literal_first: bool = False) -> nodes.row:
    row = nodes.row()
    for index, text in enumerate(texts):
        entry = nodes.entry()
        if index == 0 and literal_first:
            entry += nodes.paragraph("", "", nodes.literal(text=text))
        else:
            entry += nodes.paragraph(text=text)
        row += entry
    return row


class RulesDirective(Directive):
    """Insert the rule table."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from vntrace import tcvn  # noqa: PLC0415 - import at build time, after sys.path is set
        from vntrace.tcvn.dataset import DATASET_RULES  # noqa: PLC0415

        env = self.state.document.settings.env
        env.vntrace_generated = {*getattr(env, "vntrace_generated", set()), env.docname}
        table = nodes.table(classes=["vntrace-rules"])
        group = nodes.tgroup(cols=len(HEADERS))
        table += group
        for width in (10, 8, 16, 20, 20, 7, 12, 7):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += _row(list(HEADERS))
        group += head
        body = nodes.tbody()
        rules = tcvn.rules()
        for r in rules:
            body += _row(
                [
                    r.id,
                    ", ".join(r.regimes),
                    r.source,
                    r.statement_en,
                    r.statement_vi,
                    r.severity.value,
                    r.confidence,
                    "machine"
                    if r.machine_checked
                    else "dataset"
                    if r.id in DATASET_RULES
                    else "manual",
                ],
                literal_first=True,
            )
        group += body
        machine = sum(r.machine_checked for r in rules)
        dataset = len(DATASET_RULES)
        intro = nodes.paragraph(
            text=f"{len(rules)} rules; {machine} checked by machine dossier by dossier, {dataset} "
            f"across a set of dossiers (check_many), {len(rules) - machine - dataset} listed for a "
            "person (check(..., include_manual=True))."
        )
        return [intro, table]


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("vntrace-rules", RulesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
