"""Sphinx extension: ``.. vntrace-automodules:: vntrace.gs1`` documents every public submodule.

The API pages list packages, not modules: each public submodule found on disk (no leading
underscore) gets a section with an ``automodule`` directive, in the order given by the optional
``:first:`` option and then alphabetically. A module added by a colleague appears in the reference
without anyone editing the page, and a module not written yet is simply absent.
"""

from __future__ import annotations

import importlib.util
import pkgutil
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.statemachine import StringList


class AutomodulesDirective(Directive):
    """Insert ``automodule`` sections for the public submodules of a package."""

    required_arguments = 1
    has_content = False
    option_spec = {"first": directives.unchanged, "skip": directives.unchanged}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        env.vntrace_generated = {*getattr(env, "vntrace_generated", set()), env.docname}
        package = self.arguments[0]
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            msg = f"{package} is not a package"
            raise self.error(msg)
        found = sorted(
            info.name
            for info in pkgutil.iter_modules(spec.submodule_search_locations)
            if not info.name.startswith("_")
        )
        skip = set(self.options.get("skip", "").split())
        first = [m for m in self.options.get("first", "").split() if m in found]
        ordered = first + [m for m in found if m not in first and m not in skip]
        lines: list[str] = []
        for name in ordered:
            full = f"{package}.{name}"
            lines += [full, "-" * len(full), "", f".. automodule:: {full}", ""]
        source = self.state_machine.input_lines.source(
            self.lineno - self.state_machine.input_offset - 1
        )
        self.state_machine.insert_input(StringList(lines, source), source)
        return []


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
    app.add_directive("vntrace-automodules", AutomodulesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
