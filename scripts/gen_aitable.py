"""Generate ``src/vntrace/gs1/_aitable.py`` from the GS1 Barcode Syntax Dictionary.

Usage::

    python scripts/gen_aitable.py [--input PATH] [--output PATH]

Defaults: ``../shared/reference/gs1/gs1-syntax-dictionary.txt`` (relative to the repository)
and ``src/vntrace/gs1/_aitable.py``. The output is our own format: one Python module of literal
tuples (fast to import), stamped with the source, the release, the sha256 of the input and
the attribution. The grammar is validated strictly (see gs1-facts §4); any deviation aborts
with a message naming the line.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO.parent / "shared" / "reference" / "gs1" / "gs1-syntax-dictionary.txt"
DEFAULT_OUTPUT = REPO / "src" / "vntrace" / "gs1" / "_aitable.py"
EXPECTED_RELEASE = "2026-01-27"
SOURCE = "GS1 Barcode Syntax Dictionary (github.com/gs1/gs1-syntax-dictionary, gs1-syntax-dictionary.txt)"

FLAG_CHARS = set("*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~")
MAX_LINE = 150
MAX_COMPONENTS = 5
MAX_LINTERS = 3

_AI_RE = re.compile(r"[0-9]{2,4}")
_RANGE_RE = re.compile(r"([0-9]{2,4})-([0-9]{2,4})")
_COMPONENT_RE = re.compile(
    r"(?P<open>\[)?(?P<type>[NXYZ])(?P<var>\.\.)?(?P<len>[0-9]{1,2})(?P<close>\])?"
    r"(?P<linters>(?:,[a-z0-9]+)*)"
)
_REF_RE = re.compile(r"[0-9]+n*")
_LINTER_RE = re.compile(r"[a-z][a-z0-9]*")


class DictionaryError(Exception):
    """The dictionary text breaks the grammar."""


@dataclass(frozen=True)
class Row:
    """One AI after range expansion."""

    ai: str
    title: str
    predefined: bool
    dl_attr: bool
    components: tuple[tuple[str, int, int, bool, tuple[str, ...]], ...]
    req: tuple[tuple[tuple[str, ...], ...], ...]
    ex: tuple[str, ...]
    dlpkey: tuple[tuple[str, ...], ...] | None


def _fail(lineno: int, msg: str) -> DictionaryError:
    return DictionaryError(f"line {lineno}: {msg}")


def _ref(lineno: int, text: str) -> str:
    if not (2 <= len(text) <= 4) or not _REF_RE.fullmatch(text):
        raise _fail(lineno, f"bad AI reference {text!r}")
    return text


def _parse_component(lineno: int, tok: str) -> tuple[str, int, int, bool, tuple[str, ...]]:
    m = _COMPONENT_RE.fullmatch(tok)
    if not m:
        raise _fail(lineno, f"bad component {tok!r}")
    if bool(m["open"]) != bool(m["close"]):
        raise _fail(lineno, f"unbalanced brackets in {tok!r}")
    length = int(m["len"])
    if not 1 <= length <= 99:
        raise _fail(lineno, f"component length out of range in {tok!r}")
    linters = tuple(x for x in m["linters"].split(",") if x)
    if len(linters) > MAX_LINTERS:
        raise _fail(lineno, f"more than {MAX_LINTERS} linters in {tok!r}")
    for name in linters:
        if not _LINTER_RE.fullmatch(name):
            raise _fail(lineno, f"bad linter name {name!r}")
    minimum = 1 if m["var"] else length
    return (m["type"], minimum, length, bool(m["open"]), linters)


def _parse_line(lineno: int, line: str) -> tuple[list[str], Row]:
    if len(line) > MAX_LINE:
        raise _fail(lineno, f"line longer than {MAX_LINE} characters")
    spec, _, title = line.partition("#")
    title = title.strip()
    tokens = spec.split()
    if not tokens:
        raise _fail(lineno, "no AI")
    head, rest = tokens[0], tokens[1:]
    if m := _RANGE_RE.fullmatch(head):
        start, end = m[1], m[2]
        if len(start) != len(end) or start[:-1] != end[:-1] or end <= start:
            raise _fail(lineno, f"bad AI range {head!r}")
        ais = [start[:-1] + str(d) for d in range(int(start[-1]), int(end[-1]) + 1)]
    elif _AI_RE.fullmatch(head):
        ais = [head]
    else:
        raise _fail(lineno, f"bad AI {head!r}")
    flags = ""
    if rest and all(c in FLAG_CHARS for c in rest[0]):
        flags, rest = rest[0], rest[1:]
    components: list[tuple[str, int, int, bool, tuple[str, ...]]] = []
    req: list[tuple[tuple[str, ...], ...]] = []
    ex: list[str] = []
    dlpkey: list[tuple[str, ...]] | None = None
    for tok in rest:
        if tok.startswith("req="):
            body = tok[4:]
            if not body:
                raise _fail(lineno, "empty req=")
            req.append(
                tuple(tuple(_ref(lineno, r) for r in alt.split("+")) for alt in body.split(","))
            )
        elif tok.startswith("ex="):
            if not tok[3:]:
                raise _fail(lineno, "empty ex=")
            ex.extend(_ref(lineno, r) for r in tok[3:].split(","))
        elif tok == "dlpkey" or tok.startswith("dlpkey="):
            if dlpkey is not None:
                raise _fail(lineno, "dlpkey given twice")
            body = tok[7:]
            if tok == "dlpkey":
                dlpkey = [()]
            elif not body:
                raise _fail(lineno, "empty dlpkey=")
            else:
                dlpkey = [tuple(_ref(lineno, r) for r in alt.split(",")) for alt in body.split("|")]
        elif "=" in tok:
            raise _fail(lineno, f"unknown attribute {tok!r}")
        else:
            if req or ex or dlpkey is not None:
                raise _fail(lineno, f"component {tok!r} after attributes")
            components.append(_parse_component(lineno, tok))
    if not components:
        raise _fail(lineno, "no components")
    if len(components) > MAX_COMPONENTS:
        raise _fail(lineno, f"more than {MAX_COMPONENTS} components")
    seen_optional = False
    for i, (_, lo, hi, optional, _) in enumerate(components):
        if lo != hi and i != len(components) - 1:
            raise _fail(lineno, "only the last component may have variable length")
        if optional:
            seen_optional = True
        elif seen_optional:
            raise _fail(lineno, "mandatory component after an optional one")
    predefined = "*" in flags
    if predefined and any(lo != hi or opt for _, lo, hi, opt, _ in components):
        raise _fail(lineno, "a '*' AI must have fixed-length mandatory components only")
    proto = Row(
        ai=ais[0],
        title=title,
        predefined=predefined,
        dl_attr="?" in flags,
        components=tuple(components),
        req=tuple(req),
        ex=tuple(ex),
        dlpkey=None if dlpkey is None else tuple(dlpkey),
    )
    return ais, proto


def parse_dictionary(text: str) -> tuple[str, list[Row]]:
    """Parse the whole dictionary; return (release, rows in AI order)."""
    release = ""
    rows: list[Row] = []
    last = ""
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if line.startswith("#"):
            if m := re.match(r"#\s*Release:\s*(\S+)", line):
                release = m[1]
            continue
        if not line.strip():
            continue
        if len(line) > MAX_LINE:
            raise _fail(lineno, f"line longer than {MAX_LINE} characters")
        ais, proto = _parse_line(lineno, line)
        for ai in ais:
            if last and ai <= last:
                raise _fail(lineno, f"AI {ai} out of order (after {last})")
            last = ai
            rows.append(
                Row(
                    ai,
                    proto.title,
                    proto.predefined,
                    proto.dl_attr,
                    proto.components,
                    proto.req,
                    proto.ex,
                    proto.dlpkey,
                )
            )
    if not release:
        raise DictionaryError("no '# Release:' line")
    by_prefix: dict[str, int] = {}
    for row in rows:
        known = by_prefix.setdefault(row.ai[:2], len(row.ai))
        if known != len(row.ai):
            raise DictionaryError(f"AIs with prefix {row.ai[:2]} have different lengths")
    return release, rows


def _lit(value: object) -> str:
    """A compact Python literal (tuples without spaces)."""
    if isinstance(value, tuple):
        inner = ",".join(_lit(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None or isinstance(value, bool | int):
        return repr(value)
    msg = f"cannot render {value!r}"
    raise TypeError(msg)


def render(release: str, sha256: str, rows: list[Row]) -> str:
    """The text of ``_aitable.py``."""
    prefix_len: dict[str, int] = {}
    for row in rows:
        prefix_len.setdefault(row.ai[:2], len(row.ai))
    out = [
        '"""GS1 Application Identifier table (generated: do not edit).',
        "",
        "Generated by ``scripts/gen_aitable.py`` from the",
        f"{SOURCE},",
        f"release {release}, sha256 ``{sha256}``.",
        "Source data: Copyright (c) BWIPP project, Zint project, GS1 AISBL; Apache License 2.0.",
        "This module is vntrace's own compact rendering of that data, not a copy of the file.",
        "",
        "Row layout: ``(ai, title, predefined_length, dl_data_attribute, components, req, ex,",
        "dlpkey)``; a component is ``(type, min_length, max_length, optional, linters)``; ``req`` is a",
        "tuple of instances, each a tuple of alternatives, each a tuple of AI refs (``+`` groups);",
        "``dlpkey`` is ``None`` or a tuple of qualifier sequences (``()`` = key without qualifiers).",
        '"""',
        "",
        "# fmt: off",
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        f'SOURCE: Final = "{SOURCE}"',
        f'RELEASE: Final = "{release}"',
        f'SHA256: Final = "{sha256}"',
        "",
        "_C = tuple[str, int, int, bool, tuple[str, ...]]",
        "_Row = tuple[str, str, bool, bool, tuple[_C, ...], tuple[tuple[tuple[str, ...], ...], ...],",
        "             tuple[str, ...], tuple[tuple[str, ...], ...] | None]",
        "",
        "PREFIX_LENGTHS: Final[dict[str, int]] = {",
    ]
    out.extend(f'    "{p}": {n},' for p, n in sorted(prefix_len.items()))
    out.append("}")
    out.append("")
    out.append("ROWS: Final[tuple[_Row, ...]] = (")
    for row in rows:
        fields = (
            row.ai,
            row.title,
            row.predefined,
            row.dl_attr,
            row.components,
            row.req,
            row.ex,
            row.dlpkey,
        )
        out.append("    (" + ", ".join(_lit(f) for f in fields) + "),")
    out.append(")")
    out.append("")
    return "\n".join(out)


def generate(input_path: Path) -> str:
    """Read the dictionary and return the module text (raises :class:`DictionaryError`)."""
    data = input_path.read_bytes()
    release, rows = parse_dictionary(data.decode("utf-8"))
    if release != EXPECTED_RELEASE:
        msg = f"expected release {EXPECTED_RELEASE}, found {release}"
        raise DictionaryError(msg)
    return render(release, hashlib.sha256(data).hexdigest(), rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    try:
        text = generate(args.input)
    except DictionaryError as exc:
        print(f"{args.input}: {exc}", file=sys.stderr)
        return 1
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
