r"""Say what was scanned or pasted: :func:`parse_any` tells a bare key, an element string, a
Digital Link URI and scan data apart, and explains a bad input in terms of what it looks like.

>>> parse_any("8934567890120").kind
'gtin'
>>> parse_any("(01) 08934567890120 (17) 270630").element_string.bracketed()
'(01)08934567890120(17)270630'
>>> parse_any("https://id.gs1.org/01/08934567890120/10/L7").kind
'digital_link'
>>> parse_any("]C1010893456789012010L7").kind
'scan_data'
>>> try:
...     parse_any("8934567890129")
... except GS1Error as exc:
...     print(exc.message("en"))
This looks like a GTIN-13, but: Incorrect check digit: expected 0, found 9

How the input is read, in this order (the first rule that applies decides):

1. Whitespace at either end is an error that names it (``GS1.INPUT_SURROUNDING_WHITESPACE``);
   the rest is still diagnosed, so the report says what the input would be without it.
2. Empty input is ``GS1.INPUT_EMPTY``.
3. ``]`` starts scan data (:mod:`~vntrace.gs1.scan`); ``http://`` or ``https://`` (any case)
   a Digital Link URI (:mod:`~vntrace.gs1.digital_link`); ``(`` or ``^`` an element string.
   Label text with spaces around the bracketed AIs (``(01) 0893… (17) 2706…``) is read without
   those spaces and says so (``GS1.READ_AS_HRI``, a note): GS1 data never holds a space there.
4. Only ASCII digits, 8, 12, 13, 14, 17 or 18 of them: a GS1 key (GTIN, GLN, GSIN, SSCC, GSRN;
   13 digits are a GTIN-13 or a GLN, 18 an SSCC or a GSRN, listed in ``alternatives``, as is
   ``"element_string"`` when the digits are also valid unbracketed AI data). Digits that are not
   a valid key but a valid unbracketed element string are the latter; so are 16 digits or more
   (``0108934567890120``); shorter digit strings are reported as a key of the wrong length.
5. Anything else is tried as an unbracketed element string (GS separators).

A bad input raises :class:`~vntrace.errors.GS1Error`. Where the kind is a guess (digits taken
for a key, text taken for unbracketed AI data) each finding says what the input looks like
(``GS1.LOOKS_LIKE_KEY``, ``GS1.LOOKS_LIKE_ELEMENT_STRING``) and carries the underlying problem
as its nested ``reason`` (rendered in the same language; its code and params are in ``reason``
and ``reason_*``). Where the first characters settle the kind (``(``, ``^``, ``]``, a URI
scheme), the findings are those of the parser of that kind (``GS1.ILLEGAL_DAY`` …).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from vntrace.errors import GS1Error, VntraceError
from vntrace.findings import Finding, Location, Severity, has_errors
from vntrace.gs1 import element_string as _es
from vntrace.gs1.options import DEFAULT_OPTIONS, Options
from vntrace.messages import nest

if TYPE_CHECKING:
    from vntrace.gs1.digital_link import DigitalLink
    from vntrace.gs1.element_string import ElementString
    from vntrace.gs1.scan import ScanResult

__all__ = ["KINDS", "Kind", "Parsed", "hint", "parse_any"]

Kind = Literal["gtin", "gln", "gsin", "sscc", "gsrn", "element_string", "digital_link", "scan_data"]
KINDS: Final[tuple[Kind, ...]] = (
    "gtin",
    "gln",
    "gsin",
    "sscc",
    "gsrn",
    "element_string",
    "digital_link",
    "scan_data",
)
"""Every value :attr:`Parsed.kind` can take."""

# digits -> (kind, key name for people, AI, alternatives)
_KEYS: Final[dict[int, tuple[Kind, str, str, tuple[Kind, ...]]]] = {
    8: ("gtin", "GTIN-8", "01", ()),
    12: ("gtin", "GTIN-12", "01", ()),
    13: ("gtin", "GTIN-13", "01", ("gln",)),
    14: ("gtin", "GTIN-14", "01", ()),
    17: ("gsin", "GSIN", "402", ()),
    18: ("sscc", "SSCC", "00", ("gsrn",)),
}
_DIGITS: Final = re.compile(r"[0-9]+").fullmatch
_HRI_SPACES: Final = re.compile(r"(?<=\))[ \t]+|[ \t]+(?=\()")
_DL_START: Final = re.compile(r"https?://", re.IGNORECASE).match
_FORM_BY_FIRST: Final = {"(": "bracketed", "^": "caret"}
_KEY_LENGTHS: Final = "8/12/13/14/17/18"
# "01" + 14 digits: shorter digit strings of no key length are taken for a mistyped key.
_SHORTEST_AI_KEY_DATA: Final = 16


@dataclass(frozen=True, slots=True)
class Parsed:
    """What :func:`parse_any` found: the kind of input and its parsed, validated content."""

    kind: Kind
    """``"gtin"``, ``"gln"``, ``"gsin"``, ``"sscc"``, ``"gsrn"`` for a bare key;
    ``"element_string"``, ``"digital_link"`` or ``"scan_data"``."""
    text: str
    """The input, as given."""
    element_string: ElementString | None
    """The AI data: for a bare key its AI (``(01)`` for a GTIN, always as 14 digits), ``None``
    only for plain (non-GS1) scan data."""
    key: str | None = None
    """The key's digits for a bare key, else ``None``."""
    form: str | None = None
    """For element strings: ``"bracketed"``, ``"caret"``, ``"unbracketed"`` or ``"hri"``."""
    digital_link: DigitalLink | None = None
    """The parsed URI for a Digital Link (also for scan data that carries one)."""
    scan: ScanResult | None = None
    """The decoded scan for scan data."""
    alternatives: tuple[Kind, ...] = ()
    """Other kinds the same text is valid as (13 digits: a GLN too; 18: a GSRN too)."""
    findings: tuple[Finding, ...] = ()
    """Warnings and notes (never errors: those raise)."""


def _looks_like(code: str, inner: Finding, **params: str) -> Finding:
    """``inner`` wrapped as the reason of a "this looks like …" finding (same severity/span)."""
    return Finding(f"GS1.{code}", inner.severity, {**params, **nest(inner)}, inner.location)


def _wrap(code: str, findings: tuple[Finding, ...], **params: str) -> list[Finding]:
    return [_looks_like(code, f, **params) if f.is_error else f for f in findings]


_HINTED: Final = frozenset(
    {"GS1.NO_AI_FOR_PREFIX", "GS1.AI_VALUE_IS_TOO_LONG", "GS1.AI_PARSE_FAILED"}
)


def _edges(text: str) -> str:
    """The whitespace at both ends of ``text``."""
    return text[: len(text) - len(text.lstrip())] + text[len(text.rstrip()) :]


def _visible(chars: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in chars)


def parse_any(text: str, options: Options | None = None) -> Parsed:
    """Detect what ``text`` is, parse and validate it (see the module documentation).

    Raises :class:`~vntrace.errors.GS1Error` with findings that name what the input looks like.

    >>> p = parse_any("8934567000017")
    >>> p.kind, p.alternatives, p.element_string.bracketed()
    ('gtin', ('gln',), '(01)08934567000017')
    >>> parse_any("(01)08934567890120 ")
    Traceback (most recent call last):
    ...
    vntrace.errors.GS1Error: GS1.INPUT_SURROUNDING_WHITESPACE: ...
    >>> parse_any("")
    Traceback (most recent call last):
    ...
    vntrace.errors.GS1Error: GS1.INPUT_EMPTY: The input is empty
    """
    opts = options or DEFAULT_OPTIONS
    if not isinstance(text, str):
        raise GS1Error(Finding("GS1.INPUT_NOT_TEXT", params={"type": type(text).__name__}))
    core = text.strip()
    if text and not core:
        raise GS1Error(Finding("GS1.INPUT_BLANK", params={"chars": _visible(text[:20])}))
    if core != text:
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        edge = Finding(
            "GS1.INPUT_SURROUNDING_WHITESPACE",
            params={
                "leading": len(lead),
                "trailing": len(trail),
                "chars": _visible(lead + trail),
            },
            location=Location(
                start=0 if lead else len(text) - len(trail), length=len(lead or trail)
            ),
        )
        found: list[Finding] = [edge]
        if core:
            try:
                parsed = _parse(core, opts)
            except GS1Error as exc:
                found.extend(exc.findings)
            else:
                found.append(
                    Finding("GS1.VALID_WITHOUT_WHITESPACE", Severity.INFO, {"kind": parsed.kind})
                )
        raise GS1Error(found)
    if not text:
        raise GS1Error(Finding("GS1.INPUT_EMPTY"))
    return _parse(text, opts)


def _parse(text: str, opts: Options) -> Parsed:
    first = text[0]
    if first == "]":
        return _scan(text, opts)
    if _DL_START(text):
        return _digital_link(text, opts)
    if first in "(^":
        return _element_string(text, opts)
    if _DIGITS(text) and len(text) <= max(_KEYS):
        # Digits alone: a key when valid as one, else a valid unbracketed element string, else
        # the key's problem (a key of this length is the likelier intent).
        as_es = not has_errors(_es.validate(text, "unbracketed", opts))
        if len(text) in _KEYS:
            try:
                return _key(text, opts, also_element_string=as_es)
            except GS1Error:
                if as_es:
                    return _element_string(text, opts)
                raise
        if as_es or len(text) >= _SHORTEST_AI_KEY_DATA:
            return _element_string(text, opts)
        raise GS1Error(
            Finding(
                "GS1.DIGITS_NOT_A_KEY",
                params={"length": len(text), "expected": _KEY_LENGTHS},
                location=Location(start=0, length=len(text)),
            )
        )
    return _element_string(text, opts)


def _key(text: str, opts: Options, *, also_element_string: bool) -> Parsed:
    from vntrace.gs1 import gln, gsin, gsrn, gtin, sscc  # noqa: PLC0415 - loaded on use

    kind, name, ai, alternatives = _KEYS[len(text)]
    validators = {"gtin": gtin.validate, "gsin": gsin.validate, "sscc": sscc.validate}
    try:
        value = validators[kind](text)
    except VntraceError as exc:
        raise GS1Error(_wrap("LOOKS_LIKE_KEY", exc.findings, key=name)) from None
    also = {"gln": gln.is_valid, "gsrn": gsrn.is_valid}
    if ai == "01":
        value = gtin.as_gtin_14(value)
    es = _es.ElementString.from_pairs([(ai, value)], opts)
    return Parsed(
        kind,
        text,
        es,
        key=text,
        alternatives=(
            *(k for k in alternatives if also[k](text)),
            *(("element_string",) if also_element_string else ()),
        ),
    )


def _element_string(text: str, opts: Options) -> Parsed:
    form = _FORM_BY_FIRST.get(text[0], "unbracketed")
    notes: list[Finding] = []
    data = text
    if form == "bracketed" and _HRI_SPACES.search(text):
        data = _HRI_SPACES.sub("", text)
        form = "hri"
        notes.append(Finding("GS1.READ_AS_HRI", Severity.INFO, {"read": data}))
    try:  # one pass: element strings have no warnings, parse raises with the errors
        es = _es.parse(data, "bracketed" if form == "hri" else form, opts)
    except GS1Error as exc:
        found = exc.findings
    else:
        return Parsed("element_string", text, es, form=form, findings=tuple(notes))
    if form != "unbracketed":
        raise GS1Error(found)  # "(" or "^": it is an element string, say what is wrong
    first = found[0]
    if first.code == "GS1.NO_AI_FOR_PREFIX" and first.params.get("data") == text[:4]:
        raise GS1Error(Finding("GS1.NOT_GS1_DATA", params={"start": text[:20]}))
    raise GS1Error(_wrap("LOOKS_LIKE_ELEMENT_STRING", found))


def _digital_link(text: str, opts: Options) -> Parsed:
    from vntrace.gs1 import digital_link  # noqa: PLC0415 - loaded on use

    found = digital_link.validate(text, opts)
    if has_errors(found):
        raise GS1Error(found)
    dl = digital_link.parse(text, opts)
    return Parsed("digital_link", text, dl.element_string, digital_link=dl, findings=tuple(found))


def _scan(text: str, opts: Options) -> Parsed:
    from vntrace.gs1 import scan  # noqa: PLC0415 - loaded on use

    found, result = scan._decode(text, opts)  # noqa: SLF001 - sibling module, one pass
    if has_errors(found) or result is None:
        raise GS1Error(found)
    es = result.element_string
    return Parsed(
        "scan_data",
        text,
        es if es is not None and es.elements else None,
        digital_link=result.digital_link,
        scan=result,
        findings=tuple(found),
    )


def hint(text: object, error: Finding | None) -> Finding | None:
    """A note for :func:`vntrace.gs1.validate` when ``error`` comes from giving it something that
    is not an element string: a bare key, a Digital Link URI, empty text, label text with spaces,
    whitespace at the ends, or a number or NaN from a spreadsheet column read as numbers.
    ``None`` when no better reading is known.

    >>> hint("8934567890120", Finding("GS1.NO_AI_FOR_PREFIX")).code
    'GS1.HINT_BARE_KEY'
    >>> hint("", Finding("GS1.MISSING_FNC1_IN_FIRST_POSITION")).code
    'GS1.INPUT_EMPTY'
    >>> hint(float("nan"), Finding("GS1.INPUT_NOT_TEXT")).code, hint(8934567890120, None).code
    ('GS1.HINT_EMPTY_CELL_NAN', 'GS1.HINT_NUMBER_COLUMN')
    """
    if isinstance(text, float) and math.isnan(text):  # how pandas reads an empty cell
        return Finding("GS1.HINT_EMPTY_CELL_NAN", Severity.INFO)
    if isinstance(text, int | float) and not isinstance(text, bool):
        return Finding("GS1.HINT_NUMBER_COLUMN", Severity.INFO)
    if not isinstance(text, str):
        return None
    if not text:
        return Finding("GS1.INPUT_EMPTY", Severity.INFO)
    if text.strip() != text:
        return Finding(
            "GS1.HINT_SURROUNDING_WHITESPACE",
            Severity.INFO,
            {"chars": _visible(_edges(text))},
        )
    if error is None or error.code not in _HINTED:
        return None
    try:
        parsed = parse_any(text)
    except GS1Error:
        return None
    if parsed.kind == "digital_link":
        return Finding("GS1.HINT_DIGITAL_LINK", Severity.INFO)
    if parsed.key is not None and parsed.element_string is not None:
        return Finding(
            "GS1.HINT_BARE_KEY",
            Severity.INFO,
            {"key": _KEYS[len(parsed.key)][1], "written": parsed.element_string.bracketed()},
        )
    if parsed.form == "hri" and parsed.element_string is not None:
        return Finding(
            "GS1.READ_AS_HRI", Severity.INFO, {"read": parsed.element_string.bracketed()}
        )
    return None
