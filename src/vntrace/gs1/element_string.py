r"""GS1 element strings: parse, validate and write every form, as GS1's reference engine does.

Forms (``form=``; ``None`` detects by the first character):

- ``"bracketed"`` (``(``): ``(01)08934567890120(10)LOT-7``; a ``(`` inside a value is ``\(``.
- ``"caret"`` (``^``): ``^010893456789012010LOT-7^17270630``; leading ``^`` = FNC1 in first
  position, later ``^`` = FNC1 separator.
- ``"unbracketed"`` (anything else): the same data without the leading FNC1 and with GS
  (``\x1d``) separators, as a scanner without symbology identifier sends it.
- ``"scan"`` (``]``): scan data with an AIM symbology identifier (see :mod:`vntrace.gs1.scan`).

In the bracketed and caret forms a ``|`` separates a linear from a composite (2D) component.

Validation follows GS1's Barcode Syntax Engine step by step: it stops at the **first**
error, so :func:`validate` returns at most one finding and :func:`parse` raises
:class:`~vntrace.errors.GS1Error` carrying it. Linter failures carry the linter's own error
name (``GS1.INCORRECT_CHECK_DIGIT``) with params ``ai``, ``linter``, ``markup`` and the span
inside the AI value; engine failures use the engine's names (``GS1.INVALID_AI_PAIRS`` …).

>>> es = parse("(01)08934567890120(17)270630(10)LOT-7")
>>> [(e.ai, e.value) for e in es.elements]
[('01', '08934567890120'), ('17', '270630'), ('10', 'LOT-7')]
>>> es.caret()
'^01089345678901201727063010LOT-7'
>>> es.hri(data_titles=True)
['GTIN (01) 08934567890120', 'USE BY or EXPIRY (17) 270630', 'BATCH/LOT (10) LOT-7']
>>> [(f.code, f.params["markup"]) for f in validate("(01)08934567890129")]
[('GS1.INCORRECT_CHECK_DIGIT', '(01)0893456789012|9|')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, NamedTuple

from vntrace.errors import GS1Error, UnsupportedInput
from vntrace.findings import Finding, Location, Severity, has_errors
from vntrace.gs1 import ai as _ai
from vntrace.gs1.linters import LINTERS, facts
from vntrace.gs1.options import DEFAULT_OPTIONS, Options
from vntrace.messages import nest

if TYPE_CHECKING:
    from vntrace.gs1.ai import AIEntry, Component, Interpreted

__all__ = [
    "FORMS",
    "MAX_AIS",
    "MAX_DATA",
    "Element",
    "ElementString",
    "check_message_rules",
    "check_value_length",
    "parse",
    "validate",
    "validate_components",
]

_BYTES: Final = (bytes, bytearray)
# "(ai)value" tokens of a bracketed string without escapes; a ")" may be part of a value.
_BRACKETED_TOKENS: Final = re.compile(r"\(([^()]*)\)([^(]*)").findall
_FORM_BY_FIRST: Final = {"(": "bracketed", "": "bracketed", "^": "caret", "]": "scan"}
MAX_AIS: Final = 64
"""Maximum number of entries in one message (the composite separator counts as one)."""
MAX_DATA: Final = 8191
"""Maximum input length in characters."""
FORMS: Final = frozenset({"bracketed", "caret", "unbracketed", "scan"})
"""Accepted values of ``form=``."""

GS: Final = "\x1d"

_CSET_LINTER: Final = {"N": "csetnumeric", "X": "cset82", "Y": "cset39", "Z": "cset64"}
# Fast-path character classes: a full match means the set linter passes (subsets of the sets;
# anything else is decided by the linter itself).
_CSET_FAST: Final = {
    "N": re.compile(r"[0-9]*").fullmatch,
    "X": re.compile(r"[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*").fullmatch,
    "Y": re.compile(r"[#\-/0-9A-Z]*").fullmatch,
    "Z": re.compile(r"[A-Za-z0-9\-_]*").fullmatch,
}


def _f(code: str, ai: str | None = None, **params: str | int) -> Finding:
    """An engine finding ``GS1.<code>``."""
    if ai is not None:
        return Finding(f"GS1.{code}", params={"ai": ai, **params}, location=Location(field=ai))
    return Finding(f"GS1.{code}", params=params)


def _lengths(low: int, high: int, found: int) -> dict[str, str | int]:
    """Length facts for a message: the length found and the allowed one (``14`` or ``1-20``)."""
    return {"length": found, "expected": str(low) if low == high else f"{low}-{high}"}


# --------------------------------------------------------------------------------------------
# Compiled per-AI validators

_Linter = Callable[[str], "tuple[str, int, int] | None"]
# (min, max, optional, fast cset match, cset linter name, ((name, linter), ...))
_Comp = tuple[int, int, bool, Callable[[str], object], str, tuple[tuple[str, _Linter], ...]]


_GCP_LINTERS: Final = frozenset({"gcppos1", "gcppos2"})
# Linters that only pass on ASCII digits (gs1-facts §2): after them the N check is redundant.
_DIGITS_ONLY_LINTERS: Final = frozenset(
    {"csum", "yymmd0", "yymmdd", "yyyymmd0", "yyyymmdd", "hh", "mi", "ss", "hhmi", "iso3166",
     "iso3166999", "iso4217", "latitude", "longitude", "pieceoftotal", "nonzero"}
)  # fmt: skip


def _redundant(linter: str, comp: Component) -> bool:
    """Whether ``linter`` cannot fail once the component's character-set check has passed.

    ``gcppos1``/``gcppos2`` only check that the first 4 characters (from offset 0 or 1) exist
    and are digits: on a numeric component of at least 5 digits they always pass (gs1-facts
    §2.3), so the compiled chain leaves them out. Verdicts are unchanged.
    """
    return linter in _GCP_LINTERS and comp.type == "N" and comp.min_length >= 5


# Date and time linters see values from a small fixed domain (every YYMMDD is one of 37 200
# strings), so their verdicts are kept in a table filled on first use, capped in size. This is
# the table-driven form of the same linter: verdicts are identical.
_MEMO_LINTERS: Final = frozenset({"yymmd0", "yymmdd", "hhmi", "hh", "mi", "ss", "yyyymmdd"})
_MEMO_MAX: Final = 40_000
_LINTER_CACHE: Final[dict[str, _Linter]] = {}


def _linter(name: str) -> _Linter:
    """The linter ``name``, memoised when its domain is small (see ``_MEMO_LINTERS``)."""
    found = _LINTER_CACHE.get(name)
    if found is not None:
        return found
    linter = LINTERS[name]
    if name in _MEMO_LINTERS:
        memo: dict[str, tuple[str, int, int] | None] = {}
        miss = ("", 0, 0)

        def memoised(value: str) -> tuple[str, int, int] | None:
            verdict = memo.get(value, miss)
            if verdict is miss:
                verdict = linter(value)
                if len(memo) < _MEMO_MAX:
                    memo[value] = verdict
            return verdict

        found = memoised
    else:
        found = linter
    _LINTER_CACHE[name] = found
    return found


class _Spec:
    """An AI entry compiled for validation: its component checks as ready-to-call functions."""

    __slots__ = (
        "ai",
        "comps",
        "entry",
        "fast",
        "fixed",
        "linters",
        "max_len",
        "min_len",
        "plan",
        "simple",
        "title",
    )

    def __init__(self, entry: AIEntry) -> None:
        self.entry = entry
        self.ai = entry.ai
        no_time = entry.ai in _ai.NO_TIME_AIS
        self.title = entry.title
        self.fixed = entry.predefined_length
        self.min_len = entry.min_length
        self.max_len = entry.max_length
        self.comps: tuple[_Comp, ...] = tuple(
            (
                c.min_length,
                c.max_length,
                c.optional,
                _CSET_FAST[c.type],
                _CSET_LINTER[c.type],
                tuple(
                    (name, _no_time_or(fn) if no_time and name == "hhmi" else fn)
                    for name in c.linters
                    if not _redundant(name, c)
                    for fn in (_linter(name),)
                ),
            )
            for c in entry.components
        )
        first = self.comps[0] if self.comps else None
        # One mandatory component: validated without the component loop. ``fast`` is the
        # character-set pre-check, ``None`` when the first linter's success implies it; on any
        # failure the ordered check (_components) runs to name the first error exactly.
        self.simple = first is not None and len(self.comps) == 1 and not first[2]
        self.linters = tuple(fn for _, fn in first[5]) if first else ()
        implied = (
            first is not None
            and entry.components[0].type == "N"
            and bool(first[5])
            and first[5][0][0] in _DIGITS_ONLY_LINTERS
        )
        self.fast = None if implied or first is None else first[3]
        quick = _quick(self.fast, self.linters) if self.simple else None
        # What the parse loops need, unpacked in one go.
        self.plan: tuple[int, int, Callable[[str], bool] | None, bool] = (
            self.min_len,
            self.max_len,
            quick,
            self.fixed,
        )


def _no_time_or(hhmi: _Linter) -> _Linter:
    """``hhmi`` that also accepts ``9999``, "no time" in AIs (4324)/(4325) (GS1 General
    Specifications, definitions of those AIs; the dictionary release we read still says
    ``hhmi``)."""

    def linter(value: str) -> tuple[str, int, int] | None:
        return None if value == _ai.NO_TIME else hhmi(value)

    return linter


def _quick(
    fast: Callable[[str], object] | None, linters: tuple[_Linter, ...]
) -> Callable[[str], bool]:
    """A one-call check: ``True`` when a single-component value surely passes all its checks."""
    if fast is None and len(linters) == 1:
        only = linters[0]
        return lambda v: only(v) is None
    if fast is not None and not linters:
        return lambda v: fast(v) is not None
    if fast is not None and len(linters) == 1:
        only = linters[0]
        return lambda v: fast(v) is not None and only(v) is None

    def check(v: str) -> bool:
        if fast is not None and fast(v) is None:
            return False
        return all(linter(v) is None for linter in linters)

    return check


_SPECS: Final[dict[str, _Spec]] = {}
_Pairs = list[tuple[_Spec, str]]
_PREFIX_LENGTHS: Final = {
    p: n for p in (f"{i:02d}" for i in range(100)) if (n := _ai.length_by_prefix(p))
}


def _spec_of(ai: str, options: Options) -> _Spec | None:
    """The compiled spec of a known AI, or of a vivified one when the options permit it."""
    spec = _SPECS.get(ai)
    if spec is not None:
        return spec
    entry = _ai.lookup(ai)
    if entry is not None:
        spec = _SPECS[ai] = _Spec(entry)
        return spec
    if options.permit_unknown_ais:
        entry = _ai.vivify(ai, options)
        if entry is not None:
            return _Spec(entry)
    return None


def _spec_for_entry(entry: AIEntry) -> _Spec:
    spec = _SPECS.get(entry.ai)
    if spec is not None and spec.entry is entry:
        return spec
    if entry.vivified:
        return _Spec(entry)
    spec = _SPECS[entry.ai] = _Spec(entry)
    return spec


def _components(spec: _Spec, value: str) -> Finding | None:
    """§5.5 on one value (already known to fit the total length where the form guarantees it)."""
    n = len(value)
    if n == 0:
        return _f("AI_DATA_IS_EMPTY", spec.ai)
    if spec.simple and n <= spec.max_len:
        if n < spec.min_len:
            return _f("AI_DATA_HAS_INCORRECT_LENGTH", spec.ai, length=n)
        _, _, _, fast, cset_name, linters = spec.comps[0]
        if fast(value) is None:
            result = LINTERS[cset_name](value)
            if result is not None:
                return _linter_finding(
                    spec.ai, cset_name, value, comp_start=0, comp_end=n, result=result
                )
        for name, linter in linters:
            result = linter(value)
            if result is not None:
                return _linter_finding(
                    spec.ai, name, value, comp_start=0, comp_end=n, result=result
                )
        return None
    pos = 0
    for lo, hi, optional, fast, cset_name, linters in spec.comps:
        take = min(n - pos, hi)
        if take <= 0 and optional:
            continue
        if take < lo:
            return _f("AI_DATA_HAS_INCORRECT_LENGTH", spec.ai, length=n)
        end = pos + take
        part = value[pos:end]
        if fast(part) is None:
            result = LINTERS[cset_name](part)
            if result is not None:
                return _linter_finding(
                    spec.ai, cset_name, value, comp_start=pos, comp_end=end, result=result
                )
        for name, linter in linters:
            result = linter(part)
            if result is not None:
                return _linter_finding(
                    spec.ai, name, value, comp_start=pos, comp_end=end, result=result
                )
        pos = end
    if pos < n:
        return _f("AI_DATA_HAS_INCORRECT_LENGTH", spec.ai, length=n)
    return None


def _linter_finding(
    ai: str,
    linter: str,
    value: str,
    *,
    comp_start: int,
    comp_end: int,
    result: tuple[str, int, int],
) -> Finding:
    error, start, length = result
    begin = comp_start + start
    stop = begin + length
    markup = f"({ai}){value[:begin]}|{value[begin:stop]}|{value[stop:comp_end]}"
    return Finding(
        f"GS1.{error}",
        params={
            "ai": ai,
            "linter": linter,
            "markup": markup,
            **facts(error, value[comp_start:comp_end], start, length),
        },
        location=Location(field=ai, start=begin, length=length),
    )


# --------------------------------------------------------------------------------------------
# Internals shared with vntrace.gs1.digital_link (stable names and signatures)


def check_value_length(entry: AIEntry, value: str) -> Finding | None:
    """The per-AI checks made while parsing bracketed or DL data (the engine's length checks).

    Returns ``GS1.AI_VALUE_IS_TOO_SHORT`` when ``value`` is shorter than the mandatory
    components' minimum, ``GS1.AI_VALUE_IS_TOO_LONG`` when longer than all components' maximum,
    ``GS1.AI_CONTAINS_ILLEGAL_CARAT_CHARACTER`` when it holds ``^``; else ``None``. No linter runs.

    >>> from vntrace.gs1.ai import lookup
    >>> check_value_length(lookup("01"), "0893456789012").code
    'GS1.AI_VALUE_IS_TOO_SHORT'
    >>> check_value_length(lookup("10"), "A^B").code
    'GS1.AI_CONTAINS_ILLEGAL_CARAT_CHARACTER'
    >>> check_value_length(lookup("01"), "08934567890129") is None
    True
    """
    n = len(value)
    lo, hi = entry.min_length, entry.max_length
    if n < lo:
        return _f("AI_VALUE_IS_TOO_SHORT", entry.ai, **_lengths(lo, hi, n))
    if n > hi:
        return _f("AI_VALUE_IS_TOO_LONG", entry.ai, **_lengths(lo, hi, n))
    if "^" in value:
        return _f("AI_CONTAINS_ILLEGAL_CARAT_CHARACTER", entry.ai)
    return None


def validate_components(entry: AIEntry, value: str) -> Finding | None:
    """Component validation of one AI value; ``None`` when valid.

    Each component takes ``min(remaining, max)`` characters (an optional one is skipped once the
    data is used up; fewer than its minimum → ``GS1.AI_DATA_HAS_INCORRECT_LENGTH``), then the
    character-set linter runs, then the component's linters in dictionary order. The first
    failure is returned as ``GS1.<LINTER ERROR>`` with params ``ai``, ``linter``, ``markup`` and
    the span in the location (``start`` counts from the start of the whole value). An empty
    value → ``GS1.AI_DATA_IS_EMPTY``.

    >>> from vntrace.gs1.ai import lookup
    >>> f = validate_components(lookup("8006"), "089345678901200302")
    >>> f.code, f.params["markup"], f.location.start, f.location.length
    ('GS1.PIECE_NUMBER_EXCEEDS_TOTAL', '(8006)08934567890120|0302|', 14, 4)
    >>> validate_components(lookup("423"), "7044").code
    'GS1.AI_DATA_HAS_INCORRECT_LENGTH'
    >>> validate_components(lookup("01"), "08934567890120") is None
    True
    """
    return _components(_spec_for_entry(entry), value)


def quick_check(entry: AIEntry) -> Callable[[str], bool]:
    """A one-call check of a value whose length fits ``entry``: ``True`` only when
    :func:`validate_components` would return ``None`` (``False`` means: run it to find out).

    >>> from vntrace.gs1.ai import lookup
    >>> check = quick_check(lookup("01"))
    >>> check("08934567890120"), check("08934567890129")
    (True, False)
    """
    spec = _spec_for_entry(entry)
    quick = spec.plan[2]
    if quick is not None:
        return quick
    return lambda value: _components(spec, value) is None


def _ref_text(instance: tuple[tuple[str, ...], ...]) -> str:
    return ",".join("+".join(group) for group in instance)


def _required(ai: str, instance: tuple[tuple[str, ...], ...]) -> Finding:
    """``REQUIRED_AIS_NOT_SATISFIED``: ``required`` as in the dictionary (``01,02``), ``options``
    for people (``(01), (02)``; AIs needed together are joined by ``+``)."""
    options = ", ".join("+".join(f"({r})" for r in group) for group in instance)
    return _f("REQUIRED_AIS_NOT_SATISFIED", ai, required=_ref_text(instance), options=options)


def _present(ref: str, ais: Sequence[str], itself: str) -> bool:
    if "n" not in ref:
        return ref != itself and ref in ais
    return any(b != itself and _ai.matches(ref, b) for b in ais)


def _association_error(ais: tuple[str, ...], check_req: bool) -> Finding | None:
    """Mutex then req over the sorted distinct AIs (pure function of the AI set)."""
    for a in ais:
        entry = _ai.lookup(a)
        if entry is None:
            continue
        for ref in entry.ex:
            for b in ais:
                if b != a and _ai.matches(ref, b):
                    return _f("INVALID_AI_PAIRS", a, other=b)
    if not check_req:
        return None
    for a in ais:
        entry = _ai.lookup(a)
        if entry is None:
            continue
        for instance in entry.req:
            if not any(all(_present(r, ais, a) for r in group) for group in instance):
                return _required(a, instance)
    return None


# Mutex/req verdicts depend only on the AIs present: cache them (with the repeat and DIGSIG
# flags) by the AI sequence.
_ASSOC_CACHE: dict[tuple[bool, tuple[str, ...]], tuple[Finding | None, bool, bool]] = {}
_ASSOC_CACHE_MAX: Final = 4096


def check_message_rules(pairs: Sequence[tuple[str, str]], options: Options) -> Finding | None:
    """The message-level rules of GS1's engine over ``(ai, value)`` pairs, in their fixed order.

    1. ``GS1.INVALID_AI_PAIRS`` (``ex=``; an AI is never exclusive of itself), params ``ai`` and
       ``other``; 2. ``GS1.REQUIRED_AIS_NOT_SATISFIED`` (``req=``, only when
       ``options.validate_requisite_ais``), params ``ai`` and ``required``; 3.
       ``GS1.INSTANCES_OF_AI_HAVE_DIFFERENT_VALUES``; 4. ``GS1.SERIAL_NOT_PRESENT`` (with 8030,
       AIs 253/255/8003 need their serial part). Each rule walks the AIs in sorted order and the
       first violation is returned. Unknown (vivified) AIs have no rules.

    >>> check_message_rules([("01", "08934567890120"), ("02", "08934567890120")], DEFAULT_OPTIONS)
    Finding(code='GS1.INVALID_AI_PAIRS', ...params={'ai': '02', 'other': '01'}...)
    >>> check_message_rules([("10", "L7")], DEFAULT_OPTIONS).params["required"]
    '01,02,03,8006,8026'
    >>> check_message_rules([("10", "L7")], Options(validate_requisite_ais=False)) is None
    True
    """
    return _rules(tuple(p[0] for p in pairs), pairs, options.validate_requisite_ais)


def _rules(
    ais: tuple[str, ...], pairs: Sequence[tuple[str, str]] | _Pairs, check_req: bool
) -> Finding | None:
    """Rules of :func:`check_message_rules`; ``pairs`` hold AI strings or compiled specs."""
    key = (check_req, ais)
    try:
        found, repeats, digsig = _ASSOC_CACHE[key]
    except KeyError:
        found = _association_error(tuple(sorted(set(ais))), check_req)
        repeats = len(set(ais)) != len(ais)
        digsig = "8030" in ais
        if len(_ASSOC_CACHE) >= _ASSOC_CACHE_MAX:
            _ASSOC_CACHE.clear()
        _ASSOC_CACHE[key] = (found, repeats, digsig)
    if found is not None:
        return found
    if repeats:
        seen: dict[str, str] = {}
        clash: set[str] = set()
        for a, (_, v) in zip(ais, pairs, strict=True):
            if seen.setdefault(a, v) != v:
                clash.add(a)
        if clash:
            return _f("INSTANCES_OF_AI_HAVE_DIFFERENT_VALUES", min(clash))
    if digsig:
        for a, v in sorted(zip(ais, [p[1] for p in pairs], strict=True)):
            if a in {"253", "255", "8003"}:
                entry = _ai.lookup(a)
                if entry is not None and len(v) <= entry.min_length:
                    return _f("SERIAL_NOT_PRESENT", a)
    return None


# --------------------------------------------------------------------------------------------
# Result types


class Element(NamedTuple):
    """One AI with its value: ``Element("01", "08934567890120", "GTIN")`` (immutable).

    >>> Element("3103", "000750", "NET WEIGHT (kg)").interpreted
    Decimal('0.750')
    """

    ai: str
    """The AI digits."""
    value: str
    """The value as it appears in the data (unescaped)."""
    title: str
    """The data title of the AI (``UNKNOWN`` for a vivified AI)."""

    @property
    def interpreted(self) -> Interpreted:
        """The typed meaning (see :func:`vntrace.gs1.ai.interpret`); the value if none."""
        return _ai.interpret(self.ai, self.value)


_tuple_new = tuple.__new__


def _new_element(ai: str, value: str, title: str) -> Element:
    return _tuple_new(Element, (ai, value, title))


@dataclass(frozen=True, slots=True)
class ElementString:
    r"""A validated GS1 element string (a message of AIs), with writers for every form.

    ``composite_index`` is the index of the first element of the 2D composite component (after
    the ``|``), or ``None``. ``primary`` holds plain (non-AI) linear data such as an EAN-13
    primary given before a composite (``0893456789012|^10L7``), else ``None``.

    >>> es = parse(r"(01)08934567890120(10)A\(B|(21)S1")
    >>> es.bracketed(), es.composite_index
    ('(01)08934567890120(10)A\\(B|(21)S1', 2)
    >>> es.caret(), es.unbracketed()
    ('^010893456789012010A(B|^21S1', '010893456789012010A(B\x1d21S1')
    >>> es.hri()
    ['(01) 08934567890120', '(10) A(B', '(21) S1']
    """

    elements: tuple[Element, ...]
    """The AIs in message order (linear first, then composite)."""
    composite_index: int | None = None
    """Index of the first composite element, or ``None`` without a composite component."""
    primary: str | None = None
    """Plain linear data before a composite (not AI data), or ``None``."""

    @classmethod
    def from_pairs(
        cls, pairs: Iterable[tuple[str, str]], options: Options | None = None
    ) -> ElementString:
        """Build and validate an element string from ``(ai, value)`` pairs.

        Each pair gets the bracketed checks (exact AI lookup → ``GS1.AI_UNRECOGNISED``, then
        :func:`check_value_length`), then :func:`validate_components`, then
        :func:`check_message_rules`. Raises :class:`~vntrace.errors.GS1Error` on the first error.

        >>> ElementString.from_pairs([("01", "08934567890120"), ("10", "L7")]).bracketed()
        '(01)08934567890120(10)L7'
        >>> ElementString.from_pairs([("10", "L7")])
        Traceback (most recent call last):
        ...
        vntrace.errors.GS1Error: GS1.REQUIRED_AIS_NOT_SATISFIED: ...
        """
        opts = options or DEFAULT_OPTIONS
        specs: list[tuple[_Spec, str]] = []
        for ai, value in pairs:
            if not isinstance(ai, str) or not isinstance(value, str):
                raise GS1Error(_f("AI_PARSE_FAILED"))
            spec = _spec_of(ai, opts)
            if spec is None:
                raise GS1Error(_f("AI_UNRECOGNISED", ai))
            err = check_value_length(spec.entry, value)
            if err is not None:
                raise GS1Error(err)
            specs.append((spec, value))
            if len(specs) > MAX_AIS:
                raise GS1Error(_f("TOO_MANY_AIS"))
        for spec, value in specs:
            err = _components(spec, value)
            if err is not None:
                raise GS1Error(err)
        err = check_message_rules([(s.ai, v) for s, v in specs], opts)
        if err is not None:
            raise GS1Error(err)
        return cls(tuple(_new_element(s.ai, v, s.title) for s, v in specs))

    def pairs(self) -> list[tuple[str, str]]:
        """The ``(ai, value)`` pairs in message order."""
        return [(e.ai, e.value) for e in self.elements]

    def _parts(self) -> tuple[tuple[Element, ...], tuple[Element, ...] | None]:
        i = self.composite_index
        if i is None:
            return self.elements, None
        return self.elements[:i], self.elements[i:]

    def bracketed(self) -> str:
        r"""The bracketed form, ``(`` in values escaped as ``\(``; ``|`` before the composite.

        Plain ``primary`` data cannot be written in this form and is left out.
        """
        linear, composite = self._parts()
        out = "".join(f"({e.ai}){e.value.replace('(', chr(92) + '(')}" for e in linear)
        if composite is not None:
            out += "|" + "".join(
                f"({e.ai}){e.value.replace('(', chr(92) + '(')}" for e in composite
            )
        return out

    def caret(self) -> str:
        """The caret (FNC1) form: ``^`` first, ``^`` after each AI that needs a separator."""
        linear, composite = self._parts()
        head = self.primary if self.primary is not None else "^" + _fnc1_body(linear, "^")
        if composite is None:
            return head
        return head + "|^" + _fnc1_body(composite, "^")

    def unbracketed(self, separator: str = GS) -> str:
        r"""The data as a scanner sends it: no leading FNC1, ``separator`` (GS) between AIs.

        A composite component follows the linear one directly, with a separator when the last
        linear AI is not predefined-length. Plain ``primary`` data is left out.
        """
        linear, composite = self._parts()
        out = _fnc1_body(linear, separator)
        if composite:
            if linear and not _needs_no_separator(linear[-1].ai):
                out += separator
            out += _fnc1_body(composite, separator)
        return out

    def hri(self, data_titles: bool = False) -> list[str]:
        """Human-readable lines, one per AI: ``(01) 08934567890120`` or ``GTIN (01) 0893…``."""
        if data_titles:
            return [
                f"{e.title} ({e.ai}) {e.value}" if e.title else f"({e.ai}) {e.value}"
                for e in self.elements
            ]
        return [f"({e.ai}) {e.value}" for e in self.elements]

    def __str__(self) -> str:
        return self.bracketed()


_new_object = object.__new__
_set_elements: Callable[[object, object], None] = vars(ElementString)["elements"].__set__
_set_composite_index: Callable[[object, object], None] = vars(ElementString)[
    "composite_index"
].__set__
_set_primary: Callable[[object, object], None] = vars(ElementString)["primary"].__set__


def new_element_string(elements: tuple[Element, ...]) -> ElementString:
    """``ElementString(elements)`` for already validated elements, without the dataclass
    ``__init__`` (the same object, made faster: the Digital Link parser makes one per URI).

    >>> new_element_string(()) == ElementString(())
    True
    """
    es = _new_object(ElementString)
    _set_elements(es, elements)
    _set_composite_index(es, None)
    _set_primary(es, None)
    return es


def _needs_no_separator(ai: str) -> bool:
    spec = _SPECS.get(ai)
    if spec is not None:
        return spec.fixed
    entry = _ai.lookup(ai)
    if entry is not None:
        return entry.predefined_length
    viv = _ai.vivify(ai, Options(permit_unknown_ais=True))
    return viv is not None and viv.predefined_length


def _fnc1_body(elements: Sequence[Element], sep: str) -> str:
    out: list[str] = []
    last = len(elements) - 1
    for i, e in enumerate(elements):
        out.append(e.ai)
        out.append(e.value)
        if i < last and not _needs_no_separator(e.ai):
            out.append(sep)
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Parsers. Each returns (pairs as (spec, value), error); pairs are complete only without error.


def _tokens(text: str) -> tuple[list[tuple[str, str]], bool]:
    """The ``(ai, value)`` tokens of one bracketed part, and whether an AI lacks its ``)``."""
    if "\\(" not in text:
        tokens = _BRACKETED_TOKENS(text)
        if len(tokens) == text.count("("):
            return tokens, False
    # Careful path: escapes, or an AI without ")" (reported after the AIs before it).
    parts = text.split("(")
    merged: list[str] = [parts[0]]
    for part in parts[1:]:
        if merged[-1].endswith("\\") and len(merged) > 1:
            merged[-1] = merged[-1][:-1] + "(" + part
        else:
            merged.append(part)
    tokens = []
    for part in merged[1:]:
        close = part.find(")")
        if close < 0:
            return tokens, True
        tokens.append((part[:close], part[close + 1 :]))
    return tokens, False


def _parse_bracketed_part(
    text: str, options: Options, out: _Pairs, pending: list[int]
) -> Finding | None:
    """§5.3 steps 1–5 on one bracketed part (no ``|``); appends to ``out``.

    Values whose components are already known to be valid (single component, character set
    and linters passed) are not listed in ``pending``; the others still need :func:`_components`.
    """
    if not text:
        return _f("MISSING_FNC1_IN_FIRST_POSITION")
    if text[0] != "(":
        return _f("AI_PARSE_FAILED")
    tokens, broken = _tokens(text)
    last = len(tokens) - 1
    specs_get = _SPECS.get
    append = out.append
    for i, (ai, value) in enumerate(tokens):
        spec = specs_get(ai) or _spec_of(ai, options)
        if spec is None:
            return _f("AI_UNRECOGNISED", ai)
        n = len(value)
        min_len, max_len, quick, _ = spec.plan
        if n < min_len:
            if n == 0 and i == last and not broken:
                return _f("AI_PARSE_FAILED")
            return _f("AI_VALUE_IS_TOO_SHORT", ai, **_lengths(min_len, max_len, n))
        if n > max_len:
            return _f("AI_VALUE_IS_TOO_LONG", ai, **_lengths(min_len, max_len, n))
        if "^" in value:
            return _f("AI_CONTAINS_ILLEGAL_CARAT_CHARACTER", ai)
        if quick is None or not quick(value):
            pending.append(len(out))
        append((spec, value))
        if len(out) > MAX_AIS:
            return _f("TOO_MANY_AIS")
    if broken:
        return _f("AI_PARSE_FAILED")
    return None


def _parse_bracketed(text: str, options: Options) -> tuple[_Pairs, int | None, Finding | None]:
    pairs: _Pairs = []
    pending: list[int] = []
    bar = text.find("|")
    composite_index: int | None = None
    if bar < 0:
        err = _parse_bracketed_part(text, options, pairs, pending)
    else:
        err = _parse_bracketed_part(text[:bar], options, pairs, pending)
        if err is None:
            composite_index = len(pairs)
            # The separator counts as one entry towards the limit.
            pairs.append((_SEPARATOR, ""))
            err = _parse_bracketed_part(text[bar + 1 :], options, pairs, pending)
            del pairs[composite_index]
            pending = [i - 1 if i > composite_index else i for i in pending]
    if err is not None:
        return pairs, composite_index, err
    for i in pending:
        spec, value = pairs[i]
        err = _components(spec, value)
        if err is not None:
            return pairs, composite_index, err
    return pairs, composite_index, None


def _parse_fnc1(
    text: str,
    start: int,
    sep: str,
    options: Options,
    out: _Pairs,
    *,
    sink: list[Finding] | None = None,
) -> Finding | None:
    """§5.4 on FNC1 data from ``start`` (just after the leading FNC1), separator ``sep``.

    With a ``sink``, a value that fails its component checks is reported there and parsing
    goes on (its boundaries are known; the AI still counts for the message rules).
    """
    n = len(text)
    if start >= n:
        return _f("AI_DATA_EMPTY")
    p = start
    prefix_get = _PREFIX_LENGTHS.get
    specs_get = _SPECS.get
    append = out.append
    end = -1
    while p < n:
        length = prefix_get(text[p : p + 2])
        if length is None:
            return _f("NO_AI_FOR_PREFIX", data=text[p : p + 4])
        ai = text[p : p + length]
        spec = specs_get(ai) or _spec_of(ai, options)
        if spec is None:
            return _f("NO_AI_FOR_PREFIX", data=text[p : p + 4])
        p += length
        if end < p:
            end = text.find(sep, p)
            if end < 0:
                end = n
        min_len, max_len, quick, fixed = spec.plan
        vend = p + max_len
        if vend > end:  # noqa: PLR1730 - cheaper than a min() call in the hot loop
            vend = end
        value = text[p:vend]
        # Fast path: a single mandatory component that passes all its checks at once.
        if quick is None or vend - p < min_len or not quick(value):
            err = _components(spec, value)
            if err is not None:
                if sink is None:
                    return err
                sink.append(err)
        append((spec, value))
        if len(out) > MAX_AIS:
            return _f("TOO_MANY_AIS")
        p = vend
        if p < n:
            if text[p] == sep:
                p += 1
            elif not fixed:
                return _f("AI_DATA_IS_TOO_LONG", ai, max=max_len)
    return None


def _parse_caret(
    text: str, options: Options
) -> tuple[_Pairs, int | None, str | None, Finding | None]:
    pairs: _Pairs = []
    bar = text.find("|")
    if bar < 0:
        if not text or text[0] != "^":
            return pairs, None, None, _f("MISSING_FNC1_IN_FIRST_POSITION")
        return pairs, None, None, _parse_fnc1(text, 1, "^", options, pairs)
    linear, composite = text[:bar], text[bar + 1 :]
    primary: str | None = None
    if linear.startswith("^"):
        err = _parse_fnc1(linear, 1, "^", options, pairs)
        if err is not None:
            return pairs, None, None, err
    else:
        primary = linear
    if not composite.startswith("^"):
        return pairs, None, primary, _f("MISSING_FNC1_IN_FIRST_POSITION")
    index = len(pairs)
    pairs.append((_SEPARATOR, ""))
    err = _parse_fnc1(composite, 1, "^", options, pairs)
    del pairs[index]
    return pairs, index, primary, err


def _parse_unbracketed(text: str, options: Options) -> tuple[_Pairs, Finding | None]:
    pairs: _Pairs = []
    if "^" in text:
        return pairs, _f("SCAN_DATA_CONTAINS_ILLEGAL_CARAT")
    return pairs, _parse_fnc1(text, 0, GS, options, pairs)


def decode_fnc1_data(
    data: str, separator: str, options: Options
) -> tuple[ElementString | None, Finding | None]:
    """Validate FNC1 data without leading FNC1 (scan data after its identifier); no raising.

    Internal helper of :mod:`vntrace.gs1.scan`: §5.4 with ``separator`` as FNC1, then §5.6.
    """
    pairs: _Pairs = []
    err = _parse_fnc1(data, 0, separator, options, pairs)
    if err is not None:
        return None, err
    return _finish(pairs, None, None, options)


_SEPARATOR: Final = _Spec(
    _ai.AIEntry("|", "", False, False, (), (), (), None, 0, 0)  # noqa: FBT003 - positional record
)


def _run(
    text: object, form: str | None, options: Options | None, *, build: bool = True
) -> tuple[ElementString | None, Finding | None]:
    """Parse + validate; never raises on bad input. ``build=False`` skips the result object."""
    opts = options or DEFAULT_OPTIONS
    if isinstance(text, _BYTES):
        text = bytes(text).decode("latin-1")
    if not isinstance(text, str):
        return None, _f("INPUT_NOT_TEXT", type=type(text).__name__)
    if form is None:
        form = _FORM_BY_FIRST.get(text[:1], "unbracketed")
    elif form not in FORMS:
        raise UnsupportedInput(_f("UNKNOWN_FORM", form=str(form)))
    if form == "scan":
        from vntrace.gs1 import scan  # noqa: PLC0415 - scan imports this module

        findings, result = scan._decode(text, opts)  # noqa: SLF001 - sibling module
        if has_errors(findings) or result is None:
            return None, next(f for f in findings if f.is_error) if findings else None
        warning = findings[0] if findings else None
        if result.element_string is not None:
            return result.element_string, warning
        if warning is None and text[:3] in scan.PLAIN_IDENTIFIERS:
            # Plain data (not AI data) is a valid scan, but not an element string: say so
            # rather than return an empty one.
            warning = Finding("GS1.SCAN_DATA_IS_PLAIN", Severity.WARNING, {"identifier": text[:3]})
        return ElementString((), None, result.data), warning
    if len(text) > MAX_DATA:
        return None, _f("DATA_TOO_LONG", max=MAX_DATA)
    composite_index: int | None = None
    primary: str | None = None
    if form == "bracketed":
        pairs, composite_index, err = _parse_bracketed(text, opts)
    elif form == "caret":
        pairs, composite_index, primary, err = _parse_caret(text, opts)
    else:
        pairs, err = _parse_unbracketed(text, opts)
    if err is not None:
        return None, err
    if not build:
        return None, _spec_rules(pairs, opts.validate_requisite_ais)
    return _finish(pairs, composite_index, primary, opts)


def _validate_all(text: object, form: str | None, opts: Options) -> list[Finding]:
    """:func:`validate` under ``collect_all``: the input checks of :func:`_run`, then
    :func:`_collect` (scan data keeps the first-problem verdict of :mod:`~vntrace.gs1.scan`)."""
    if isinstance(text, _BYTES):
        text = bytes(text).decode("latin-1")
    if not isinstance(text, str):
        return [_f("INPUT_NOT_TEXT", type=type(text).__name__)]
    if form is None:
        form = _FORM_BY_FIRST.get(text[:1], "unbracketed")
    if form == "scan" or form not in FORMS:
        _, err = _run(text, form, opts, build=False)
        return [] if err is None else [err]
    if len(text) > MAX_DATA:
        return [_f("DATA_TOO_LONG", max=MAX_DATA)]
    return _collect(text, form, opts)


def _collect(text: str, form: str, opts: Options) -> list[Finding]:
    """Every independent problem of ``text`` (``Options.collect_all``); ``[]`` when valid.

    Each AI value gets its own checks (lengths, characters, linters), so a bad value does not
    hide the next one; message rules then run over the AIs that could be read, each reporting
    every violation. Structural errors that leave the AI boundaries unknown (an unknown prefix
    in FNC1 data, a missing ``)``) still end the reading of that part.
    """
    found: list[Finding] = []
    pairs: _Pairs = []
    if form == "bracketed":
        for part in text.split("|", 1) if "|" in text else [text]:
            _collect_bracketed(part, opts, pairs, found)
    elif form == "caret":
        linear, bar, composite = text.partition("|")
        for i, part in enumerate((linear, composite) if bar else (linear,)):
            if not part.startswith("^"):
                if i == 0 and bar:
                    continue  # plain primary data before a composite
                found.append(_f("MISSING_FNC1_IN_FIRST_POSITION"))
                continue
            err = _parse_fnc1(part, 1, "^", opts, pairs, sink=found)
            if err is not None:
                found.append(err)
    elif "^" in text:
        found.append(_f("SCAN_DATA_CONTAINS_ILLEGAL_CARAT"))
    else:
        err = _parse_fnc1(text, 0, GS, opts, pairs, sink=found)
        if err is not None:
            found.append(err)
    if len(pairs) > MAX_AIS:
        found.append(_f("TOO_MANY_AIS"))
    found.extend(_all_rules(pairs, opts.validate_requisite_ais))
    return found


def _collect_bracketed(text: str, opts: Options, out: _Pairs, found: list[Finding]) -> None:
    """One bracketed part in collect-all mode: every AI value checked on its own."""
    if not text:
        found.append(_f("MISSING_FNC1_IN_FIRST_POSITION"))
        return
    if text[0] != "(":
        found.append(_f("AI_PARSE_FAILED"))
        return
    tokens, broken = _tokens(text)
    for ai, value in tokens:
        spec = _spec_of(ai, opts)
        if spec is None:
            found.append(_f("AI_UNRECOGNISED", ai))
            continue
        err = check_value_length(spec.entry, value) if value else None
        if err is None:
            err = _components(spec, value)
        if err is not None:
            found.append(err)
        out.append((spec, value))  # present, even with a bad value: the rules still apply
    if broken:
        found.append(_f("AI_PARSE_FAILED"))


def _all_rules(pairs: _Pairs, check_req: bool) -> list[Finding]:
    """Every violation of the message rules (:func:`check_message_rules` stops at the first)."""
    ais = tuple(sorted({p[0].ai for p in pairs}))
    out: list[Finding] = []
    clashes: set[tuple[str, str]] = set()
    for a in ais:
        entry = _ai.lookup(a)
        if entry is None:
            continue
        for ref in entry.ex:
            for b in ais:
                if b != a and _ai.matches(ref, b) and (b, a) not in clashes:
                    clashes.add((a, b))
                    out.append(_f("INVALID_AI_PAIRS", a, other=b))
    for a in ais if check_req else ():
        entry = _ai.lookup(a)
        if entry is None:
            continue
        out.extend(
            _required(a, instance)
            for instance in entry.req
            if not any(all(_present(r, ais, a) for r in group) for group in instance)
        )
    values: dict[str, set[str]] = {}
    for spec, value in pairs:
        values.setdefault(spec.ai, set()).add(value)
    out.extend(_f("INSTANCES_OF_AI_HAVE_DIFFERENT_VALUES", a) for a in ais if len(values[a]) > 1)
    if "8030" in values:
        for spec, value in sorted(pairs, key=lambda p: p[0].ai):
            if spec.ai in {"253", "255", "8003"} and len(value) <= spec.entry.min_length:
                out.append(_f("SERIAL_NOT_PRESENT", spec.ai))
    return out


def _spec_rules(pairs: _Pairs, check_req: bool) -> Finding | None:
    return _rules(tuple([p[0].ai for p in pairs]), pairs, check_req)


def _finish(
    pairs: _Pairs, composite_index: int | None, primary: str | None, opts: Options
) -> tuple[ElementString | None, Finding | None]:
    """Run the message rules and build the result."""
    err = _spec_rules(pairs, opts.validate_requisite_ais)
    if err is not None:
        return None, err
    elements = tuple([_tuple_new(Element, (s.ai, v, s.title)) for s, v in pairs])
    return ElementString(elements, composite_index, primary), None


def parse(text: str, form: str | None = None, options: Options | None = None) -> ElementString:
    r"""Parse and fully validate a GS1 element string.

    ``form`` is ``"bracketed"``, ``"caret"``, ``"unbracketed"``, ``"scan"`` or ``None`` (detect:
    ``(`` bracketed, ``^`` caret, ``]`` scan data, anything else unbracketed with GS separators;
    empty text is treated as bracketed). Raises :class:`~vntrace.errors.GS1Error` with the
    finding of the first error; warnings (see :func:`validate`) do not raise. Scan data that
    carries plain data (``]Q1HELLO``) parses to an element string without AIs whose
    ``primary`` holds the data; :func:`validate` warns about it (``GS1.SCAN_DATA_IS_PLAIN``).

    >>> parse("^0108934567890120^10LOT-7").bracketed()
    '(01)08934567890120(10)LOT-7'
    >>> parse("010893456789012010LOT-7\x1d17270630").hri()
    ['(01) 08934567890120', '(10) LOT-7', '(17) 270630']
    >>> parse("(01)08934567890120(17)270631")
    Traceback (most recent call last):
    ...
    vntrace.errors.GS1Error: GS1.ILLEGAL_DAY: ...
    """
    if options is not None and options.collect_all:
        found = _validate_all(text, form, options)
        if has_errors(found):
            raise GS1Error([_with_hint(text, found[0]), *found[1:]] if form is None else found)
    es, err = _run(text, form, options)
    if err is not None and err.is_error:
        raise GS1Error(_with_hint(text, err) if form is None else err)
    assert es is not None
    return es


def validate(
    text: object, form: str | None = None, options: Options | None = None
) -> list[Finding]:
    """Validate ``text`` (any type) and return the findings; ``[]`` = valid. Never raises on input.

    Like the reference engine, validation stops at the first error, so the list holds at most
    one error finding; ``Options(collect_all=True)`` reports every independent problem instead.
    When the form is detected (``form=None``) and the input is not an element string at all (a
    bare key, a Digital Link URI, label text with spaces, empty text, whitespace at the ends),
    the engine's finding keeps its code (that of the reference) and gains a ``hint`` param (a
    code such as ``GS1.HINT_BARE_KEY``, its own params as ``hint_*``) whose message is added to
    the finding's message.

    ``bytes`` are read as Latin-1 (non-ASCII bytes then fail the character sets);
    other non-text input gives ``GS1.INPUT_NOT_TEXT``. Only an unknown ``form`` name (a
    programming error, not bad input) raises :class:`~vntrace.errors.UnsupportedInput`.

    >>> validate("(01)08934567890120(17)270630(10)LOT-7")
    []
    >>> [f.code for f in validate("(21)A(235)B")]
    ['GS1.INVALID_AI_PAIRS']
    >>> [f.code for f in validate(None)]
    ['GS1.INPUT_NOT_TEXT']
    >>> [(f.code, f.params["hint"]) for f in validate("8934567890120")]
    [('GS1.NO_AI_FOR_PREFIX', 'GS1.HINT_BARE_KEY')]
    """
    if options is not None and options.collect_all:
        found = _validate_all(text, form, options)
    else:
        _, err = _run(text, form, options, build=False)
        if err is None:
            return []
        found = [err]
    if found and form is None:
        found[0] = _with_hint(text, found[0])
    return found


def _with_hint(text: object, finding: Finding) -> Finding:
    """``finding`` with a ``hint`` when ``text`` is not an element string at all (see
    :func:`validate`)."""
    from vntrace.gs1.detect import hint  # noqa: PLC0415 - detect imports this module

    note = hint(text, finding)
    if note is None:
        return finding
    params = {**finding.params, **nest(note, "hint")}
    return Finding(finding.code, finding.severity, params, finding.location)
