"""Sphinx extension: ``.. vntrace-codes::`` renders every finding code of the message catalogue.

One table per catalogue file (area), with the code (each row has an anchor: ``#GS1.ILLEGAL_DAY``
links to it, so reports and SARIF ``helpUri`` can point at a code), its severity, the English and
Vietnamese templates and, where written, what the code means and how to fix it
(``vntrace.messages.explanations``). Coupon codes get their own section at the end. Built at
documentation build time from ``vntrace.messages``, so the page never drifts from the code.
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
    "gs1_ux": "Input detection, language and hints",
}


def _row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell
        row += entry
    return row


def anchor(code: str) -> str:
    """The HTML anchor of a code: the code itself (``GS1.ILLEGAL_DAY``)."""
    return code


def _texts(lang: str, message: str, explained: dict[str, Any]) -> list[nodes.Node]:
    cell: list[nodes.Node] = [nodes.paragraph(text=message)]
    labels = (
        ("what", {"en": "Meaning", "vi": "Ý nghĩa"}),
        ("fix", {"en": "Fix", "vi": "Cách sửa"}),
    )
    for key, label in labels:
        text = (explained.get(key) or {}).get(lang)
        if text:
            para = nodes.paragraph()
            para += nodes.strong(text=f"{label[lang]}: ")
            para += nodes.Text(text)
            cell.append(para)
    return cell


def _table(entries: dict[str, dict[str, str]], explained: dict[str, Any]) -> nodes.table:
    table = nodes.table(classes=["vntrace-codes"])
    group = nodes.tgroup(cols=4)
    table += group
    for width in (26, 10, 32, 32):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row([nodes.paragraph(text=t) for t in ("Code", "Severity", "English", "Tiếng Việt")])
    group += head
    body = nodes.tbody()
    for code in sorted(entries):
        texts = entries[code]
        extra = explained.get(code, {})
        code_cell = nodes.paragraph("", "", nodes.literal(text=code), ids=[anchor(code)])
        clause = extra.get("clause")
        cells: list[nodes.Node] = [code_cell]
        severity = nodes.paragraph(text=extra.get("severity") or "—")
        en = nodes.container("", *_texts("en", texts.get("en", ""), extra))
        vi = nodes.container("", *_texts("vi", texts.get("vi", ""), extra))
        if clause and clause != "—":
            en += nodes.paragraph("", "", nodes.emphasis(text=clause))
        body += _row([*cells, severity, en, vi])
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
            (
                p
                for p in resources.files("vntrace.messages").iterdir()
                if p.name.endswith(".json") and not p.name.startswith("explain_")
            ),
            key=lambda p: (p.name != "core.json", p.name),
        )
        from vntrace.messages import explanations  # noqa: PLC0415 - the package being documented

        explained = explanations()
        total = 0
        coupons: dict[str, dict[str, str]] = {}
        for path in files:
            entries: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
            coupons.update({c: t for c, t in entries.items() if c.startswith("GS1.COUPON_")})
            entries = {c: t for c, t in entries.items() if not c.startswith("GS1.COUPON_")}
            if not entries:
                continue
            total += len(entries)
            stem = path.name.removesuffix(".json")
            title = AREAS.get(stem, stem.replace("_", " ").capitalize())
            out.append(_section(f"codes-{stem.replace('_', '-')}", title, entries, explained))
        if coupons:
            total += len(coupons)
            out.append(
                _section(
                    "codes-coupons",
                    "Coupons (North American coupon AIs, rarely met in Vietnam)",
                    coupons,
                    explained,
                )
            )
        intro = nodes.paragraph(text=f"{total} codes in {len(out)} areas.")
        return [intro, *out]


def _section(
    ident: str, title: str, entries: dict[str, dict[str, str]], explained: dict[str, Any]
) -> nodes.section:
    section = nodes.section(ids=[ident])
    section += nodes.title(text=f"{title} ({len(entries)})")
    section += _table(entries, explained)
    return section


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
