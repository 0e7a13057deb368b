"""Sphinx extension: ``.. vntrace-codes::`` renders every finding code of the message catalogue.

One table per catalogue file (area), with the code, the English and the Vietnamese template, built
at documentation build time from ``vntrace.messages``, so the page never drifts from the code.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive

AREAS = {
    "core": "Core",
    "cli": "Command line",
    "gs1_engine": "GS1 element strings and scan data",
    "gs1_linters": "GS1 linters",
    "gs1_keys": "GS1 keys",
    "gs1_dl": "GS1 Digital Link and QR",
    "epcis_io": "EPCIS reading and writing",
    "epcis_hash": "EPCIS event hash and EPC identifiers",
    "epcis_validate": "EPCIS validation",
    "report": "Reports and the conformance kit",
    "tcvn": "Vietnamese compliance (dossiers, rules, tax codes)",
}


def _row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell
        row += entry
    return row


def _table(entries: dict[str, dict[str, str]]) -> nodes.table:
    table = nodes.table(classes=["vntrace-codes"])
    group = nodes.tgroup(cols=3)
    table += group
    for width in (30, 35, 35):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row([nodes.paragraph(text=t) for t in ("Code", "English", "Tiếng Việt")])
    group += head
    body = nodes.tbody()
    for code in sorted(entries):
        texts = entries[code]
        body += _row(
            [
                nodes.paragraph("", "", nodes.literal(text=code)),
                nodes.paragraph(text=texts.get("en", "")),
                nodes.paragraph(text=texts.get("vi", "")),
            ]
        )
    group += body
    return table


class CodesDirective(Directive):
    """Insert one titled table per message-catalogue file."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        env.vntrace_generated = {*getattr(env, "vntrace_generated", set()), env.docname}
        out: list[nodes.Node] = []
        files = sorted(
            (p for p in resources.files("vntrace.messages").iterdir() if p.name.endswith(".json")),
            key=lambda p: (p.name != "core.json", p.name),
        )
        total = 0
        for path in files:
            entries: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
            if not entries:
                continue
            total += len(entries)
            stem = path.name.removesuffix(".json")
            title = AREAS.get(stem, stem.replace("_", " ").capitalize())
            section = nodes.section(ids=[f"codes-{stem.replace('_', '-')}"])
            section += nodes.title(text=f"{title} ({len(entries)})")
            section += _table(entries)
            out.append(section)
        intro = nodes.paragraph(text=f"{total} codes in {len(out)} areas.")
        return [intro, *out]


def _always_outdated(app: Any, env: Any, added: Any, changed: Any, removed: Any) -> list[str]:
    """Pages built from the code are re-read on every build (the code may have changed)."""
    del app, added, changed, removed
    return sorted(getattr(env, "vntrace_generated", set()))


def _merge(app: Any, env: Any, docnames: Any, other: Any) -> None:
    """Parallel reads: keep the pages recorded by the worker processes."""
    del app, docnames
    env.vntrace_generated = getattr(env, "vntrace_generated", set()) | getattr(
        other, "vntrace_generated", set()
    )


def setup(app: Any) -> dict[str, Any]:
    app.connect("env-get-outdated", _always_outdated)
    app.connect("env-merge-info", _merge)
    app.add_directive("vntrace-codes", CodesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
