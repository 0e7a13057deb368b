r"""The fast path for element strings and Digital Link URIs: the shapes that dominate a column.

A column of element strings usually holds a handful of *shapes*: the same AIs in the same order
in the same form (``(01)…(17)…(10)…`` bracketed, or ``01…17…10…`` with GS separators). The
shapes are learnt from a sample of the column with the single-item parser; each becomes one RE2
pattern built from the AI table (lengths and character sets of each AI) for
:func:`pyarrow.compute.extract_regex`, which splits every row of that shape into its AI values
in C++. Each AI value is then checked as a column:

- an all-digit fixed-length value with a check digit: the vector mod-10 kernel;
- a value whose only rule is its character set and length: the pattern itself;
- anything else (dates, code lists …): the single-item component check
  (:func:`vntrace.gs1.element_string.quick_check`) once per distinct value.

What depends only on the AIs of a shape (``req=``/``ex=`` associations, Digital Link key
qualifier sequences) is decided once per shape by the single-item engine on one row whose values
all passed. The fast path only ever *confirms* rows; any row it does not confirm goes to the
single-item engine, which gives the verdict and the findings.

Digital Link URIs use the single-item parser's own pattern for the usual stamp shape
(``<stem>/01/<GTIN>/10/<lot>[/21/<serial>][?17=<date>]``, default options only).

>>> import pyarrow as pa
>>> confirm(pa.array(["(01)08934567890120(10)A", "(01)08934567890121(10)A"] * 20),
...         "element_string", None).tolist()[:4]
[True, False, True, False]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from vntrace.bulk._arrow import BoolArray, confirm_numeric
from vntrace.gs1 import ai as _ai
from vntrace.gs1.checkdigit import CSET82
from vntrace.gs1.element_string import (
    GS,
    _redundant,  # the single engine's own decision which linters a character set implies
    quick_check,
)
from vntrace.gs1.element_string import parse as es_parse
from vntrace.gs1.element_string import validate as es_validate
from vntrace.gs1.options import DEFAULT_OPTIONS, Options

__all__ = ["confirm"]

_SAMPLE: Final = 64  # rows parsed to learn the shapes of a chunk
_MAX_SHAPES: Final = 8  # shapes tried per chunk; rarer ones go to the single-item engine
_MIN_ROWS: Final = 32  # below this, the single-item engine is as fast
_CLASS: Final = {
    "N": "0-9",
    "X": "".join(re.escape(c) for c in CSET82),
}
# in the bracketed form a "(" starts the next AI (a "(" in data is written "\("); ")" is kept
# out too, so a bracketed value never needs the engine's tokeniser to be split
_CLASS_BRACKETED: Final = {
    "N": "0-9",
    "X": "".join(re.escape(c) for c in CSET82 if c not in "()"),
}

ValueCheck = Callable[[pa.Array], BoolArray]


def _unique_check(entry: _ai.AIEntry) -> ValueCheck:
    """The single-item component check, run once per distinct value."""
    check = quick_check(entry)

    def run(values: pa.Array) -> BoolArray:
        encoded = pc.dictionary_encode(values)
        good = np.array([check(v) for v in encoded.dictionary.to_pylist()], dtype=np.bool_)
        idx = encoded.indices.to_numpy(zero_copy_only=False)
        return good[idx] if len(good) else np.zeros(len(values), np.bool_)

    return run


def _mod10_check(width: int) -> ValueCheck:
    def run(values: pa.Array) -> BoolArray:
        return confirm_numeric(values, (width,))

    return run


def _value_plan(entry: _ai.AIEntry, classes: dict[str, str]) -> tuple[str, ValueCheck | None]:
    """The pattern of one AI value and the check the pattern leaves to do (``None``: nothing)."""
    comps = entry.components
    only = comps[0] if len(comps) == 1 and not comps[0].optional else None
    if only is not None and only.type in classes:
        linters = tuple(n for n in only.linters if not _redundant(n, only))
        pattern = f"[{classes[only.type]}]{{{only.min_length},{only.max_length}}}"
        if not linters:
            return pattern, None
        if linters == ("csum",) and only.min_length == only.max_length:
            return pattern, _mod10_check(only.min_length)
        return pattern, _unique_check(entry)
    # several components: the pattern only splits; the engine's component check decides
    return f"[{classes['X']}]{{{entry.min_length},{entry.max_length}}}", _unique_check(entry)


class _Shape:
    """One shape of element string: a form and a sequence of distinct AIs."""

    __slots__ = ("checks", "pattern", "verdict")

    def __init__(self, form: str, ais: tuple[str, ...]) -> None:
        entries = [_ai.lookup(a) for a in ais]
        classes = _CLASS_BRACKETED if form == "bracketed" else _CLASS
        parts: list[str] = []
        checks: list[ValueCheck | None] = []
        for i, entry in enumerate(entries):
            assert entry is not None
            value, check = _value_plan(entry, classes)
            checks.append(check)
            last = i == len(entries) - 1
            if form == "bracketed":
                parts.append(rf"\({entry.ai}\)({value})")
            else:
                sep = GS if form == "unbracketed" else "^"
                end = "" if last or entry.predefined_length else re.escape(sep)
                parts.append(f"{entry.ai}({value}){end}")
        lead = r"\^" if form == "caret" else ""
        self.pattern = _name_groups("^" + lead + "".join(parts) + "$")
        self.checks = checks
        self.verdict: bool | None = None  # the engine's verdict on a row whose values passed


_SHAPES: dict[tuple[str, tuple[str, ...], Options], _Shape | None] = {}
_SHAPES_MAX: Final = 256


def _shape(form: str, ais: tuple[str, ...], options: Options) -> _Shape | None:
    # the options are part of the key: the shape's verdict depends on them
    key = (form, ais, options)
    if key not in _SHAPES:
        if len(_SHAPES) >= _SHAPES_MAX:
            _SHAPES.clear()
        ok = len(set(ais)) == len(ais) and all(_ai.lookup(a) is not None for a in ais)
        _SHAPES[key] = _Shape(form, ais) if ok else None
    return _SHAPES[key]


_FORMS: Final = {"(": "bracketed", "^": "caret"}


def _learn(arr: pa.Array, todo: BoolArray, options: Options) -> list[_Shape]:
    """The most frequent shapes among a sample of the rows still to confirm."""
    idx = np.flatnonzero(todo)
    if len(idx) == 0:
        return []
    step = max(1, len(idx) // _SAMPLE)
    sample = arr.take(pa.array(idx[::step][:_SAMPLE])).to_pylist()
    counts: Counter[tuple[str, tuple[str, ...]]] = Counter()
    for text in sample:
        if not text:
            continue
        form = _FORMS.get(text[0], "unbracketed")
        if text[0] == "]":
            continue
        try:
            es = es_parse(text, options=options)
        except ValueError:
            continue
        if es.composite_index is not None:
            continue
        counts[form, tuple(e.ai for e in es.elements)] += 1
    shapes = [_shape(f, a, options) for (f, a), _ in counts.most_common(_MAX_SHAPES)]
    return [s for s in shapes if s is not None]


def _name_groups(pattern: str) -> str:
    """``pattern`` with its capturing groups named ``g0``, ``g1`` … (what RE2 extraction needs).

    >>> _name_groups("(a)[(](?:b)(c)")
    '(?P<g0>a)[(](?:b)(?P<g1>c)'
    """
    out: list[str] = []
    in_class = escaped = False
    count = 0
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(" and not pattern.startswith("?", i + 1):
            out.append(f"(?P<g{count}>")
            count += 1
            continue
        out.append(ch)
    return "".join(out)


def _match(
    arr: pa.Array,
    todo: BoolArray,
    pattern: str,
    checks: list[ValueCheck | None],
) -> tuple[BoolArray, BoolArray]:
    """Rows matching ``pattern`` and rows whose values also pass ``checks``."""
    idx = np.flatnonzero(todo)
    sub = arr if len(idx) == len(arr) else arr.take(pa.array(idx))
    found = pc.extract_regex(sub, pattern)
    matched_sub = np.asarray(found.is_valid())
    matched = np.zeros(len(arr), np.bool_)
    passed = np.zeros(len(arr), np.bool_)
    if not matched_sub.any():
        return matched, passed
    rows = np.flatnonzero(matched_sub)
    hits = found.filter(pa.array(matched_sub))
    ok = np.ones(len(rows), np.bool_)
    for i, check in enumerate(checks):
        if check is not None:
            values = hits.field(i)
            ok &= check(values)
    matched[idx[rows]] = True
    passed[idx[rows[ok]]] = True
    return matched, passed


def _es_confirm(arr: pa.Array, todo: BoolArray, options: Options) -> BoolArray:
    confirmed = np.zeros(len(arr), np.bool_)
    for shape in _learn(arr, todo, options):
        matched, passed = _match(arr, todo, shape.pattern, shape.checks)
        todo &= ~matched
        if not passed.any():
            continue
        if shape.verdict is None:
            first = str(arr[int(np.flatnonzero(passed)[0])].as_py())
            shape.verdict = not es_validate(first, options=options)
        if shape.verdict:
            confirmed |= passed
    return confirmed


_DL_PLAN: list[tuple[str, str, list[ValueCheck | None]]] = []


def _dl_plan() -> tuple[str, str, list[ValueCheck | None]]:
    """The stamp pattern, its tail from ``/01/`` on (to extract the values) and their checks."""
    if not _DL_PLAN:
        from vntrace.gs1 import digital_link  # noqa: PLC0415 - only this kind needs it

        # the single-item parser's own pattern of the usual stamp (steps 1-6 of the parser)
        stamp = digital_link._STAMP.__self__.pattern  # type: ignore[attr-defined]  # noqa: SLF001
        checks: list[ValueCheck | None] = []
        for ai in ("01", "10", "21", "17"):
            entry = _ai.lookup(ai)
            assert entry is not None
            _, check = _value_plan(entry, _CLASS)
            # the stamp pattern admits path characters outside CSET 82: check the set too
            if entry.components[0].type == "X":
                check = _cset82_check(entry)
            checks.append(check)
        # A full match is tested first (a DFA, no captures); the values are then captured from
        # the tail alone: its path has a fixed number of "/" so it starts at one place only.
        tail = stamp[stamp.index("/01/") :]
        _DL_PLAN.append(("^" + stamp + "$", _name_groups(tail + "$"), checks))
    return _DL_PLAN[0]


def _cset82_check(entry: _ai.AIEntry) -> ValueCheck:
    comp = entry.components[0]
    pattern = f"^[{_CLASS['X']}]{{{comp.min_length},{comp.max_length}}}$"

    def run(values: pa.Array) -> BoolArray:
        return np.asarray(pc.match_substring_regex(values, pattern).fill_null(False))  # noqa: FBT003

    return run


def _dl_confirm(arr: pa.Array, todo: BoolArray) -> BoolArray:
    full, tail, checks = _dl_plan()
    todo = todo & np.asarray(pc.match_substring_regex(arr, full).fill_null(False))  # noqa: FBT003
    confirmed = np.zeros(len(arr), np.bool_)
    rows = np.flatnonzero(todo)
    if len(rows) == 0:
        return confirmed
    sub = arr.take(pa.array(rows))
    hits = pc.extract_regex(sub, tail)
    ok = np.asarray(hits.is_valid())
    serial = np.asarray(pc.binary_length(hits.field(2)).fill_null(0)) > 0
    dated = np.asarray(pc.binary_length(hits.field(3)).fill_null(0)) > 0
    for i, check in enumerate(checks):
        if check is None:
            continue
        present = serial if i == 2 else dated if i == 3 else None
        values = hits.field(i)
        if present is None:
            ok &= check(values)
        elif present.any():
            # an absent optional group (no serial, no date) has nothing to check
            part = np.ones(len(rows), np.bool_)
            part[present] = check(values.filter(pa.array(present)))
            ok &= part
    # the verdict of the AI-only steps (key qualifiers, attributes, associations), per shape,
    # from the single-item engine on one row of the shape whose values all passed
    from vntrace.gs1.digital_link import validate as dl_validate  # noqa: PLC0415

    for has_serial in (False, True):
        for has_date in (False, True):
            shape = ok & (serial == has_serial) & (dated == has_date)
            if shape.any() and dl_validate(str(sub[int(np.flatnonzero(shape)[0])].as_py())):
                ok &= ~shape
    confirmed[rows[ok]] = True
    return confirmed


def confirm(arr: pa.Array, kind: str, options: Options | None) -> BoolArray:
    """Rows of ``arr`` the fast path confirms as valid ``kind`` values; others: ask the engine."""
    opts = DEFAULT_OPTIONS if options is None else options
    todo = np.asarray(arr.is_valid()) if arr.null_count else np.ones(len(arr), np.bool_)
    if len(arr) < _MIN_ROWS:
        return np.zeros(len(arr), np.bool_)
    if kind == "digital_link":
        if opts != DEFAULT_OPTIONS:
            return np.zeros(len(arr), np.bool_)
        return _dl_confirm(arr, todo)
    return _es_confirm(arr, todo, opts)
