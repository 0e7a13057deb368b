"""GS1 Digital Link URIs: strict parsing, building and conversion, like GS1's reference engine.

:func:`parse` reads any ``http``/``https`` URI on any host, with or without a path stem, and
returns a frozen :class:`DigitalLink` whose :attr:`~DigitalLink.element_string` is the GS1
core's :class:`~vntrace.gs1.element_string.ElementString` (path AIs first, then query AIs, in
input order). :func:`validate` returns the findings instead of raising. :func:`build` makes a
URI from an element string (or its text, or ``(ai, value)`` pairs), and
:meth:`DigitalLink.uri` regenerates the canonical form of a parsed link on any stem.

The checks run in the reference engine's order (gs1-facts §6.1), so the first error reported is
the one GS1's engine reports, with its name as the finding code (``GS1.<NAME>``):

1. characters of the whole URI; 2. scheme; 3. authority; 4. fragment and query split;
5. the primary key, found by AI/value pairs aligned from the end of the path (everything before
it is the stem); 6. path values (empty, percent-decoding, NUL, zero-suppressed GTIN, length);
7. query parameters (unknown numeric AIs, empty values, decoding with ``+`` as space, length,
the 64-entry limit; non-numeric names are kept as ignored parameters); 8. the key-qualifier
sequence; 9. duplicates anywhere; 10. data-attribute rules; 11. every AI value through the
same component validation and linters as element strings; 12. the message-level rules
(mutually exclusive and required AIs, repeats, digital signature serials).

Decisions where the standard or the reference leave a choice (documented, tested):

- **Mixed-case schemes** (``Https://``, gs1-facts §10): rejected with
  ``GS1.URI_CONTAINS_ILLEGAL_SCHEME``. The reference's DL parser does the same; only its
  generic "set data" entry point silently treats such a URI as plain, non-GS1 data. A URI a
  consumer's phone scans must lead to the record, so silently accepting it as "no GS1 data"
  would hide exactly the error a conformance check is for.
- **Only the first error is reported**, as the reference does: later steps depend on earlier
  ones (an undecodable value has no meaningful check digit).
- :meth:`DigitalLink.uri` without a stem keeps the link's own stem;
  ``dl.uri("https://id.gs1.org")`` gives the GS1 canonical form.
- Input longer than 8191 characters is refused first with ``GS1.DATA_TOO_LONG`` (the
  reference's input buffer limit), so hostile input costs linear time only.

>>> dl = parse("https://example.vn/01/08934567890120/10/L%2F7?17=270630&utm=x")
>>> dl.primary_key.ai, dl.primary_key.value
('01', '08934567890120')
>>> [(e.ai, e.value) for e in dl.qualifiers + dl.attributes]
[('10', 'L/7'), ('17', '270630')]
>>> dl.ignored_params, dl.stem
(('utm=x',), 'https://example.vn')
>>> dl.uri("https://id.gs1.org")
'https://id.gs1.org/01/08934567890120/10/L%2F7?17=270630'
>>> [f.code for f in validate("https://example.vn/01/08934567890129")]
['GS1.INCORRECT_CHECK_DIGIT']
>>> build("(01)08934567890120(17)270630(10)L7")
'https://id.gs1.org/01/08934567890120/10/L7?17=270630'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vntrace.errors import GS1Error
from vntrace.findings import Finding, Location
from vntrace.gs1 import ai as _ai
from vntrace.gs1.options import DEFAULT_OPTIONS, Options

if TYPE_CHECKING:
    from vntrace.gs1.element_string import Element, ElementString

__all__ = ["CONVENIENCE_ALPHAS", "DEFAULT_STEM", "DigitalLink", "build", "parse", "validate"]

DEFAULT_STEM = "https://id.gs1.org"
"""The stem :func:`build` uses when none is given (GS1's resolver)."""

MAX_INPUT = 8191
"""Longest input accepted (the reference engine's data buffer)."""
MAX_URI = 16382
"""Longest URI :func:`build` produces (the reference engine's output buffer)."""
MAX_ENTRIES = 64
"""Most AIs plus ignored query parameters in one link (gs1-facts §5.7)."""

CONVENIENCE_ALPHAS = {
    "cpid": "8010",
    "cpsn": "8011",
    "cpv": "22",
    "gcn": "255",
    "gdti": "253",
    "giai": "8004",
    "ginc": "401",
    "gln": "414",
    "glnx": "254",
    "gmn": "8013",
    "grai": "8003",
    "gsin": "402",
    "gsrn": "8018",
    "gsrnp": "8017",
    "gtin": "01",
    "itip": "8006",
    "lot": "10",
    "party": "417",
    "refno": "8020",
    "ser": "21",
    "srin": "8019",
    "sscc": "00",
}
"""Deprecated path aliases (``/gtin/…``), accepted only with ``permit_convenience_alphas``."""

_SCHEMES = ("https://", "http://", "HTTPS://", "HTTP://")
_ILLEGAL_URI_CHAR = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")
_ILLEGAL_DOMAIN_CHAR = re.compile(r"[_~?#@!$&'()*+,;=%]")
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_DIGITS = frozenset("0123456789")
_ALL_DIGITS = str.maketrans("", "", "0123456789")
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _is_digits(text: str) -> bool:
    """``True`` for ASCII digits only (the empty string included)."""
    return not text.translate(_ALL_DIGITS)


def _decode(text: str, *, query: bool) -> str:
    """Percent-decode as the reference does: bad escapes stay literal; ``+`` is a space in queries.

    Bytes map one to one onto characters (Latin-1), so a decoded non-ASCII byte is a character
    outside every GS1 character set and fails linting, as in the reference.
    """
    if query and "+" in text:
        text = text.replace("+", " ")
    if "%" not in text:
        return text
    return _PERCENT.sub(lambda m: chr(int(m.group(1), 16)), text)


def _encode(value: str, *, query: bool) -> str:
    """Percent-encode for generation (gs1-facts §6.2): unreserved kept, the rest ``%XX``."""
    out = []
    for byte in value.encode("utf-8"):
        if byte in _UNRESERVED:
            out.append(chr(byte))
        elif byte == 0x20 and query:
            out.append("+")
        else:
            out.append(f"%{byte:02X}")
    return "".join(out)


def _finding(code: str, ai: str | None = None, start: int | None = None) -> Finding:
    params = {"ai": ai} if ai is not None else {}
    location = Location(field=ai, start=start, length=1 if start is not None else None)
    return Finding(f"GS1.{code}", params=params, location=location)


class _Failure(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


@dataclass(frozen=True, slots=True)
class _Parsed:
    stem: str
    pairs: tuple[tuple[_ai.AIEntry, str], ...]
    path_length: int
    ignored: tuple[str, ...]


def _entry_for(ai: str, options: Options) -> _ai.AIEntry | None:
    entry = _ai.lookup(ai)
    if entry is None and options.permit_unknown_ais:
        entry = _ai.vivify(ai, options)
    return entry


def _path_entry(segment: str, options: Options) -> _ai.AIEntry | None:
    """The AI named by a path segment (exact lookup by length), or ``None``."""
    if segment and segment[0] in _DIGITS:
        if not 2 <= len(segment) <= 4 or not _is_digits(segment):
            return None
        return _entry_for(segment, options)
    if options.permit_convenience_alphas and 3 <= len(segment) <= 5:
        alias = CONVENIENCE_ALPHAS.get(segment)
        if alias is not None:
            return _ai.lookup(alias)
    return None


def _valid_sequence(key: _ai.AIEntry, qualifiers: Sequence[str]) -> bool:
    """Whether ``qualifiers`` is an order-preserving subsequence of one ``dlpkey`` alternative."""
    for alternative in key.dlpkey or ((),):
        it = iter(alternative)
        if all(q in it for q in qualifiers):
            return True
    return False


def _zero_pad(entry: _ai.AIEntry, value: str, options: Options) -> str:
    if (
        options.permit_zero_suppressed_gtin_in_dl_uris
        and entry.ai == "01"
        and len(value) in (8, 12, 13)
        and _is_digits(value)
    ):
        return value.zfill(14)
    return value


def _check_value(entry: _ai.AIEntry, value: str) -> None:
    """gs1-facts §5.3 step 4: length limits and ``^``."""
    from vntrace.gs1.element_string import check_value_length  # noqa: PLC0415 - import cycle

    problem = check_value_length(entry, value)
    if problem is not None:
        raise _Failure(problem)


def _parse(uri: str, options: Options) -> _Parsed:
    if len(uri) > MAX_INPUT:
        raise _Failure(Finding("GS1.DATA_TOO_LONG", params={"max": MAX_INPUT}))
    # 1. characters
    bad = _ILLEGAL_URI_CHAR.search(uri)
    if bad is not None:
        raise _Failure(_finding("URI_CONTAINS_ILLEGAL_CHARACTERS", start=bad.start()))
    # 2. scheme
    for scheme in _SCHEMES:
        if uri.startswith(scheme):
            break
    else:
        raise _Failure(_finding("URI_CONTAINS_ILLEGAL_SCHEME", start=0))
    # 3. authority
    slash = uri.find("/", len(scheme))
    if slash <= len(scheme):
        raise _Failure(_finding("URI_MISSING_DOMAIN_AND_PATH_INFO"))
    bad = _ILLEGAL_DOMAIN_CHAR.search(uri, len(scheme), slash)
    if bad is not None:
        raise _Failure(_finding("DOMAIN_CONTAINS_ILLEGAL_CHARACTERS", start=bad.start()))
    # 4. fragment, then query
    end = uri.find("#", slash)
    if end < 0:
        end = len(uri)
    question = uri.find("?", slash, end)
    path_end = end if question < 0 else question
    query = "" if question < 0 else uri[question + 1 : end]
    # 5. primary key: pairs aligned from the end of the path
    segments = uri[slash + 1 : path_end].split("/")
    i = len(segments) - 2
    key_index = -1
    while i >= 0:
        entry = _path_entry(segments[i], options)
        if entry is None:
            break
        if entry.dlpkey is not None:
            key_index = i
            break
        i -= 2
    if key_index < 0:
        raise _Failure(_finding("NO_GS1_DL_KEYS_FOUND_IN_PATH_INFO"))
    stem = uri[: slash + sum(len(s) + 1 for s in segments[:key_index])]
    # 6. path values
    pairs: list[tuple[_ai.AIEntry, str]] = []
    for j in range(key_index, len(segments), 2):
        entry = _path_entry(segments[j], options)
        assert entry is not None  # every pair after the key was recognised in step 5
        raw = segments[j + 1]
        if not raw:
            raise _Failure(_finding("AI_VALUE_PATH_ELEMENT_IS_EMPTY", entry.ai))
        value = _decode(raw, query=False)
        if "\x00" in value:
            raise _Failure(_finding("DECODED_AI_FROM_DL_PATH_INFO_CONTAINS_ILLEGAL_NULL", entry.ai))
        value = _zero_pad(entry, value, options)
        _check_value(entry, value)
        pairs.append((entry, value))
    path_length = len(pairs)
    # 7. query parameters
    ignored: list[str] = []
    for param in query.split("&") if query else ():
        if not param:
            continue
        name, eq, raw = param.partition("=")
        if not eq or not _is_digits(name):
            ignored.append(param)
            if len(pairs) + len(ignored) > MAX_ENTRIES:
                raise _Failure(Finding("GS1.TOO_MANY_AIS"))
            continue
        entry = _entry_for(name, options)
        if entry is None:
            raise _Failure(_finding("UNKNOWN_AI_IN_QUERY_PARAMS", name))
        if not raw:
            raise _Failure(_finding("AI_VALUE_QUERY_ELEMENT_IN_EMPTY", entry.ai))
        value = _decode(raw, query=True)
        if "\x00" in value:
            raise _Failure(
                _finding("DECODED_AI_VALUE_FROM_QUERY_PARAMS_CONTAINS_ILLEGAL_NULL", entry.ai)
            )
        value = _zero_pad(entry, value, options)
        _check_value(entry, value)
        pairs.append((entry, value))
        if len(pairs) + len(ignored) > MAX_ENTRIES:
            raise _Failure(Finding("GS1.TOO_MANY_AIS"))
    # 8. key-qualifier sequence
    key = pairs[0][0]
    if not _valid_sequence(key, [e.ai for e, _ in pairs[1:path_length]]):
        raise _Failure(_finding("INVALID_KEY_QUALIFIER_SEQUENCE"))
    # 9. duplicates anywhere, even with equal values
    seen: set[str] = set()
    duplicates: set[str] = set()
    for entry, _ in pairs:
        (duplicates if entry.ai in seen else seen).add(entry.ai)
    if duplicates:
        raise _Failure(_finding("DUPLICATE_AI", min(duplicates)))
    # 10. data attributes
    path_ais = [e.ai for e, _ in pairs[:path_length]]
    for entry in sorted((e for e, _ in pairs[path_length:]), key=lambda e: e.ai):
        if not _is_attribute(entry, options):
            raise _Failure(_finding("AI_IS_NOT_VALID_DATA_ATTRIBUTE", entry.ai))
        if _fits_path(key, path_ais, entry.ai):
            raise _Failure(_finding("AI_SHOULD_BE_IN_PATH_INFO", entry.ai))
    # 11. components and linters, path first, then query, in input order
    from vntrace.gs1.element_string import (  # noqa: PLC0415 - import cycle
        check_message_rules,
        validate_components,
    )

    for entry, value in pairs:
        problem = validate_components(entry, value)
        if problem is not None:
            raise _Failure(problem)
    # 12. message-level rules
    problem = check_message_rules([(e.ai, v) for e, v in pairs], options)
    if problem is not None:
        raise _Failure(problem)
    return _Parsed(stem, tuple(pairs), path_length, tuple(ignored))


def _is_attribute(entry: _ai.AIEntry, options: Options) -> bool:
    if entry.vivified:
        return not options.unknown_ai_not_dl_attr
    return entry.dl_data_attribute


def _fits_path(key: _ai.AIEntry, path_ais: Sequence[str], ai: str) -> bool:
    """Whether inserting ``ai`` anywhere after the key gives a valid key-qualifier sequence."""
    qualifiers = list(path_ais[1:])
    return any(
        _valid_sequence(key, [*qualifiers[:i], ai, *qualifiers[i:]])
        for i in range(len(qualifiers) + 1)
    )


@dataclass(frozen=True, slots=True)
class DigitalLink:
    """A parsed, valid GS1 Digital Link URI. Build it with :func:`parse`."""

    element_string: ElementString
    """The AIs as an element string: path AIs first, then query AIs, each in input order."""
    stem: str
    """Everything before the primary key: scheme, host and any path prefix (``https://x.vn/p``)."""
    path_length: int
    """How many AIs came from the path (the key and its qualifiers)."""
    ignored_params: tuple[str, ...]
    """Non-AI query parameters, raw and undecoded, in input order (``foo=b%20r``, ``flag``)."""
    source: str
    """The URI as given."""
    entries: tuple[_ai.AIEntry, ...]
    """The dictionary entry of each element (vivified entries for unknown AIs)."""

    @property
    def primary_key(self) -> Element:
        """The primary key (first path AI)."""
        return self.element_string.elements[0]

    @property
    def qualifiers(self) -> tuple[Element, ...]:
        """The key qualifiers from the path, in path order."""
        return tuple(self.element_string.elements[1 : self.path_length])

    @property
    def attributes(self) -> tuple[Element, ...]:
        """The data attributes from the query, in input order."""
        return tuple(self.element_string.elements[self.path_length :])

    def uri(self, stem: str | None = None) -> str:
        """The canonical URI of this link on ``stem`` (default: the link's own stem).

        The path AIs keep their order; the query lists predefined-length attributes first,
        then the others, each group in input order; ignored parameters and the fragment are
        dropped; values are percent-encoded as in gs1-facts §6.2.

        >>> parse("https://example.vn/01/08934567890120?98=XY&foo=b%20r&flag&17=270630#f").uri()
        'https://example.vn/01/08934567890120?17=270630&98=XY'
        """
        elements = self.element_string.elements
        path = [(e.ai, e.value) for e in elements[: self.path_length]]
        rest = [
            (entry, e.value)
            for entry, e in zip(
                self.entries[self.path_length :], elements[self.path_length :], strict=True
            )
        ]
        return _generate(self.stem if stem is None else stem, path, rest)

    def __str__(self) -> str:
        return self.uri()


def _entry_of(ai: str) -> _ai.AIEntry:
    entry = _ai.lookup(ai) or _ai.vivify(ai, Options(permit_unknown_ais=True))
    if entry is None:  # an ElementString only holds known or vivifiable AIs
        raise GS1Error(Finding("GS1.AI_UNRECOGNISED", params={"ai": ai}))
    return entry


def _generate(
    stem: str, path: Sequence[tuple[str, str]], rest: Sequence[tuple[_ai.AIEntry, str]]
) -> str:
    stem = stem.removesuffix("/")
    parts = [stem]
    for ai, value in path:
        parts.append(f"/{ai}/{_encode(value, query=False)}")
    emitted = set(path)
    fixed: list[str] = []
    other: list[str] = []
    for entry, value in rest:
        if (entry.ai, value) in emitted:
            continue
        emitted.add((entry.ai, value))
        (fixed if entry.predefined_length else other).append(
            f"{entry.ai}={_encode(value, query=True)}"
        )
    if fixed or other:
        parts.append("?")
        parts.append("&".join(fixed + other))
    out = "".join(parts)
    if len(out) > MAX_URI:
        raise GS1Error(_finding("DL_URI_TOO_LONG"))
    return out


def _to_link(parsed: _Parsed, uri: str) -> DigitalLink:
    from vntrace.gs1.element_string import Element, ElementString  # noqa: PLC0415 - import cycle

    # Every check of ElementString.from_pairs has already run, in the reference's order.
    es = ElementString(tuple(Element(e.ai, v, e.title) for e, v in parsed.pairs))
    entries = tuple(e for e, _ in parsed.pairs)
    return DigitalLink(es, parsed.stem, parsed.path_length, parsed.ignored, uri, entries)


def parse(uri: str, options: Options | None = None) -> DigitalLink:
    """Parse and fully validate a GS1 Digital Link URI.

    Raises :class:`~vntrace.errors.GS1Error` carrying the finding of the first problem.

    >>> parse("https://example.vn/01/08934567890120/21/S1/10/L7")
    Traceback (most recent call last):
    ...
    vntrace.errors.GS1Error: GS1.INVALID_KEY_QUALIFIER_SEQUENCE: ...
    >>> parse("https://example.vn/01/8934567890120",
    ...       Options(permit_zero_suppressed_gtin_in_dl_uris=True)).primary_key.value
    '08934567890120'
    """
    opts = DEFAULT_OPTIONS if options is None else options
    if not isinstance(uri, str):
        raise GS1Error(Finding("GS1.INPUT_NOT_TEXT", params={"type": type(uri).__name__}))
    try:
        parsed = _parse(uri, opts)
    except _Failure as failure:
        raise GS1Error(failure.finding) from None
    return _to_link(parsed, uri)


def validate(uri: object, options: Options | None = None) -> list[Finding]:
    """The findings of :func:`parse` for ``uri``; an empty list when it is valid. Never raises.

    >>> validate("https://id.gs1.org/01/08934567890120?10=L7")[0].code
    'GS1.AI_SHOULD_BE_IN_PATH_INFO'
    >>> validate("https://id.gs1.org/01/08934567890120/10/L7?17=270630")
    []
    >>> validate(None)[0].code
    'GS1.INPUT_NOT_TEXT'
    """
    opts = DEFAULT_OPTIONS if options is None else options
    if not isinstance(uri, str):
        return [Finding("GS1.INPUT_NOT_TEXT", params={"type": type(uri).__name__})]
    try:
        _parse(uri, opts)
    except _Failure as failure:
        return [failure.finding]
    return []


def build(
    element_string_or_text: ElementString | str | Sequence[tuple[str, str]],
    stem: str = DEFAULT_STEM,
    options: Options | None = None,
) -> str:
    """A Digital Link URI for element data (gs1-facts §6.4).

    The input is an :class:`~vntrace.gs1.element_string.ElementString`, its text (bracketed
    ``(01)…`` or FNC1 ``^01…``; parsed and validated with ``options``) or ``(ai, value)``
    pairs. The first primary key in input order goes into the path with the qualifiers of
    the longest valid key-qualifier sequence present (on a tie the byte-wise smallest, so
    ``01 10`` beats ``01 22`` and ``01 235``). Everything else becomes a query attribute:
    predefined-length AIs first, then the others, each group in input order; an identical
    repeat is emitted once. A stem's trailing ``/`` is dropped; ``stem=""`` gives a relative
    URI.

    >>> build("(17)270630(01)08934567890120(99)A(3103)000750(10)L7(21)S1")
    'https://id.gs1.org/01/08934567890120/10/L7/21/S1?17=270630&3103=000750&99=A'
    >>> build([("8004", "8934567ZZ1"), ("01", "08934567890120"), ("10", "L7")], stem="")
    '/8004/8934567ZZ1?01=08934567890120&10=L7'
    >>> build("(01)08934567890120(10)L7(235)TPX1")
    Traceback (most recent call last):
    ...
    vntrace.errors.GS1Error: GS1.AI_IS_NOT_VALID_DATA_ATTRIBUTE: AI (235) ...
    """
    opts = DEFAULT_OPTIONS if options is None else options
    from vntrace.gs1 import element_string as es_module  # noqa: PLC0415 - import cycle

    if isinstance(element_string_or_text, str):
        es = es_module.parse(element_string_or_text, options=opts)
    elif isinstance(element_string_or_text, es_module.ElementString):
        es = element_string_or_text
    else:
        es = es_module.ElementString.from_pairs(list(element_string_or_text), opts)
    items = [(_entry_of(e.ai), e.value) for e in es.elements]
    key_at = next((i for i, (entry, _) in enumerate(items) if entry.dlpkey is not None), -1)
    if key_at < 0:
        raise GS1Error(_finding("CANNOT_CREATE_DL_URI_WITHOUT_PRIMARY_KEY_AI"))
    key, key_value = items[key_at]
    present: dict[str, str] = {}
    for entry, value in items:
        present.setdefault(entry.ai, value)
    best: tuple[str, ...] | None = None
    for alternative in key.dlpkey or ((),):
        chosen = tuple(q for q in alternative if q in present)
        if (
            best is None
            or len(chosen) > len(best)
            or (len(chosen) == len(best) and " ".join(chosen) < " ".join(best))
        ):
            best = chosen
    assert best is not None
    path = [(key.ai, key_value)] + [(q, present[q]) for q in best]
    path_set = set(path)
    rest = [(entry, value) for entry, value in items if (entry.ai, value) not in path_set]
    for entry, _ in sorted(rest, key=lambda item: item[0].ai):
        if not _is_attribute(entry, opts):
            raise GS1Error(_finding("AI_IS_NOT_VALID_DATA_ATTRIBUTE", entry.ai))
    return _generate(stem, path, rest)
