"""GS1 Digital Link URIs: strict parsing, building and conversion, like GS1's reference engine.

:func:`parse` reads any ``http``/``https`` URI on any host, with or without a path stem, and
returns a frozen :class:`DigitalLink` whose :attr:`~DigitalLink.element_string` is the GS1
core's :class:`~vntrace.gs1.element_string.ElementString` (path AIs first, then query AIs, in
input order). :func:`validate` returns the findings instead of raising. :func:`build` makes a
URI from an element string (or its text, or ``(ai, value)`` pairs), and
:meth:`DigitalLink.uri` regenerates the canonical form of a parsed link on any stem.

The checks run in the order of GS1's Barcode Syntax Engine, so the first error reported is
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

- **Mixed-case schemes** (``Https://``): rejected with
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
- Stamps come in print batches that share host, GTIN, lot and dates. Bounded memos exploit
  that without changing any result: values that passed validation (from their second
  sighting; serial-type AIs never), AI sets that passed the message rules, and, under the
  default options, URI prefixes up to the last ``/`` of the path whose steps 1-6 passed (those
  steps do not depend on what follows the prefix). Tests check that results are the same
  with and without them.
- The usual stamp (``<stem>/01/<GTIN>/10/<lot>[/21/<serial>][?17=<date>]``) is checked by a
  fast path under the default options: the same checks, compiled into one regular expression
  and the AIs' component checks; anything it does not accept goes through the general parser,
  which names the first error.

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

import itertools
import operator
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final, NamedTuple

from vntrace.errors import GS1Error
from vntrace.findings import Finding, Location
from vntrace.gs1 import ai as _ai
from vntrace.gs1 import element_string as _es
from vntrace.gs1.element_string import Element
from vntrace.gs1.options import DEFAULT_OPTIONS, Options

if TYPE_CHECKING:
    from vntrace.gs1.element_string import ElementString

__all__ = ["CONVENIENCE_ALPHAS", "DEFAULT_STEM", "DigitalLink", "build", "parse", "validate"]

DEFAULT_STEM = "https://id.gs1.org"
"""The stem :func:`build` uses when none is given (GS1's resolver)."""

MAX_INPUT = 8191
"""Longest input accepted (the reference engine's data buffer)."""
MAX_URI = 16382
"""Longest URI :func:`build` produces (the reference engine's output buffer)."""
MAX_ENTRIES = 64
"""Most AIs plus ignored query parameters in one link (the reference engine's limit)."""

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

_ILLEGAL_URI_CHAR = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")
_ILLEGAL_DOMAIN_CHAR = re.compile(r"[_~?#@!$&'()*+,;=%]")
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_DIGITS = frozenset("0123456789")
_ALL_DIGITS = str.maketrans("", "", "0123456789")
_BY_AI = {entry.ai: entry for entry in _ai.entries}
_AI_OF = operator.attrgetter("ai")
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
    """Percent-encode for generation (Digital Link URI syntax): unreserved kept, else ``%XX``."""
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


_Parsed = tuple[str, tuple[Element, ...], tuple[_ai.AIEntry, ...], int, tuple[str, ...]]
"""stem, elements, entries, path length, ignored parameters"""


def _entry_for(ai: str, options: Options) -> _ai.AIEntry | None:
    entry = _ai.lookup(ai)
    if entry is None and options.permit_unknown_ais:
        entry = _ai.vivify(ai, options)
    return entry


def _path_entry(segment: str, options: Options) -> _ai.AIEntry | None:
    """The AI named by a path segment (exact lookup by length), or ``None``."""
    entry = _ai.lookup(segment)
    if entry is not None:
        return entry
    if segment and segment[0] in _DIGITS:
        if not options.permit_unknown_ais or not 2 <= len(segment) <= 4:
            return None
        return _ai.vivify(segment, options) if _is_digits(segment) else None
    if options.permit_convenience_alphas and 3 <= len(segment) <= 5:
        alias = CONVENIENCE_ALPHAS.get(segment)
        if alias is not None:
            return _ai.lookup(alias)
    return None


_SEQUENCES: dict[str, frozenset[tuple[str, ...]]] = {}


def _sequences(key: _ai.AIEntry) -> frozenset[tuple[str, ...]]:
    """Every valid qualifier sequence of ``key`` (ordered subsequences of one alternative)."""
    found = _SEQUENCES.get(key.ai)
    if found is None:
        found = frozenset(
            tuple(q for q, keep in zip(alternative, mask, strict=True) if keep)
            for alternative in key.dlpkey or ((),)
            for mask in itertools.product((False, True), repeat=len(alternative))
        )
        _SEQUENCES[key.ai] = found
    return found


_INSERTABLE: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}


def _insertable(key: _ai.AIEntry, qualifiers: tuple[str, ...]) -> frozenset[str]:
    """AIs that would give a valid sequence if inserted anywhere after the key (step 10)."""
    cache_key = (key.ai, qualifiers)
    found = _INSERTABLE.get(cache_key)
    if found is None:
        valid = _sequences(key)
        candidates = {q for alternative in key.dlpkey or () for q in alternative}
        found = frozenset(
            ai
            for ai in candidates
            if any(
                (*qualifiers[:i], ai, *qualifiers[i:]) in valid for i in range(len(qualifiers) + 1)
            )
        )
        _INSERTABLE[cache_key] = found
    return found


def _zero_pad(entry: _ai.AIEntry, value: str, options: Options) -> str:
    if (
        options.permit_zero_suppressed_gtin_in_dl_uris
        and entry.ai == "01"
        and len(value) in (8, 12, 13)
        and _is_digits(value)
    ):
        return value.zfill(14)
    return value


# Memo of values that passed component validation (as their shared Element), and of AI sets
# that passed the message rules: both checks are pure functions of their inputs, and stamps of
# one batch share their GTIN, lot and dates. Bounded; only successes of dictionary
# (non-vivified) AIs are kept. The message rules depend on values only for repeats (impossible
# here: step 9 rejects any duplicate) and for (8030), whose sets are never memoised.
_VALID_AI_SETS: set[tuple[bool, tuple[str, ...]]] = set()
_MEMO_LIMIT = 1 << 14
_INSTANCE_AIS = frozenset({"00", "21", "235", "250", "253", "255", "8003", "8004", "8011", "8019"})
"""AIs whose values identify one instance (serials, SSCC, GIAI...): never memoised, as they
do not repeat."""


_ELEMENTS: dict[str, dict[str, Element]] = {}
"""AI → value → the shared, immutable element of a value that passed validation."""
_ELEMENT_COUNT = [0]


_SEEN_VALUES: dict[str, set[str]] = {}
"""AI → values validated once (strings only: cheap to keep, invisible to the cyclic GC)."""
_SEEN_COUNT = [0]


def _element(entry: _ai.AIEntry, value: str) -> Element:
    """The element for a value that just passed validation; remembered once it repeats."""
    element = _es.Element(entry.ai, value, entry.title)
    if entry.vivified or entry.ai in _INSTANCE_AIS:
        return element
    seen = _SEEN_VALUES.get(entry.ai)
    if seen is not None and value in seen:
        if _ELEMENT_COUNT[0] >= _MEMO_LIMIT:
            _ELEMENTS.clear()
            _ELEMENT_COUNT[0] = 0
        _ELEMENTS.setdefault(entry.ai, {})[value] = element
        _ELEMENT_COUNT[0] += 1
        return element
    if _SEEN_COUNT[0] >= _MEMO_LIMIT:
        _SEEN_VALUES.clear()
        _SEEN_COUNT[0] = 0
    _SEEN_VALUES.setdefault(entry.ai, set()).add(value)
    _SEEN_COUNT[0] += 1
    return element


_NO_ELEMENTS: dict[str, Element] = {}


_Prefix = tuple[str, tuple[_ai.AIEntry, ...], tuple[str, ...], tuple[str, ...]]
"""stem, the path AIs, and the checked values (and their AIs) of every path pair but the last"""
_PREFIXES: dict[str, tuple[_Prefix, tuple[Element, ...] | None]] = {}
"""Valid URI prefixes (up to the last ``/`` of the path) → their steps 1-6 results, and the
elements of the prefix values once they passed step 11. Steps 1-6 of a prefix do not depend on
what follows it, so stamps of one batch (same host, GTIN, lot; another serial) skip them.
Default options only; bounded."""
_PREFIX_LIMIT = 4096
_SEEN_PREFIXES: set[str] = set()
"""Prefixes seen once: a prefix is remembered in full from its second stamp on."""


# Fast path for the usual stamp, ``<stem>/01/<GTIN>/10/<lot>[/21/<serial>][?17=<date>]``, under
# the default options. One regular expression does steps 1-5 for exactly this shape: it only
# admits characters that pass step 1 (and step 3 in the host), no fragment, no ``%`` in a value
# (nothing to decode) and the dictionary lengths of each AI (step 6); the path ends with the
# pairs the backward walk of step 5 finds, so the stem is the same. The values then go through
# the same compiled component checks as step 11, and the verdict of steps 8-10 and 12, a pure
# function of the AIs here (no repeats, no 8030), is computed once per shape with the general
# functions. Anything else, and any check that fails, falls through to the general parser,
# which then reports the first error exactly as before.
_E01, _E10, _E21, _E17 = (_BY_AI[ai] for ai in ("01", "10", "21", "17"))
_PATH_VALUE = r"[A-Za-z0-9\-._~:\[\]@!$&'()*+,;=]"
"""A character of a path value that step 1 accepts and that is neither ``/``, ``?``, ``#`` nor
``%``."""
_STAMP = re.compile(
    r"(https?://[A-Za-z0-9\-.:\[\]]+(?:/[A-Za-z0-9\-._~:/\[\]@!$&'()*+,;=%]*)?)"
    rf"/01/([0-9]{{{_E01.min_length},{_E01.max_length}}})"
    rf"/10/({_PATH_VALUE}{{{_E10.min_length},{_E10.max_length}}})"
    rf"(?:/21/({_PATH_VALUE}{{{_E21.min_length},{_E21.max_length}}}))?"
    rf"(?:\?17=([0-9]{{{_E17.min_length},{_E17.max_length}}}))?"
).fullmatch
_STAMP_ENTRIES: tuple[tuple[_ai.AIEntry, ...], ...] = ((_E01, _E10), (_E01, _E10, _E21))
"""The path entries of a stamp without and with a serial."""
_STAMP_CHECKS: list[tuple[Callable[[str], bool], ...]] = []
"""The one-call component checks of (01), (10), (21), (17), once compiled."""
_STAMP_SHAPES: list[tuple[bool, bool, bool, bool]] = []
"""Whether steps 8-10 and 12 pass for (01)(10), (01)(10)(21), each with and without (17)."""


def _stamp_setup() -> None:
    _STAMP_CHECKS.append(tuple(_es.quick_check(e) for e in (_E01, _E10, _E21, _E17)))
    verdicts = []
    for path in _STAMP_ENTRIES:
        for query in ((), (_E17,)):
            key, qualifiers = path[0], tuple(e.ai for e in path[1:])
            ais = [e.ai for e in path + query]
            verdicts.append(
                qualifiers in _sequences(key)
                and len(set(ais)) == len(ais)
                and all(
                    e.dl_data_attribute and e.ai not in _insertable(key, qualifiers) for e in query
                )
                # the values matter only for repeats and (8030), neither possible here
                and _es.check_message_rules([(ai, "") for ai in ais], DEFAULT_OPTIONS) is None
            )
    _STAMP_SHAPES.append((verdicts[0], verdicts[1], verdicts[2], verdicts[3]))


def stamp_match(uri: str) -> re.Match[str] | None:
    """The match of a usual stamp ``<stem>/01/<GTIN>/10/<lot>[/21/<serial>][?17=<date>]``
    (groups: stem, GTIN, lot, serial, date) when :func:`parse` under the default options
    accepts it and reads exactly these values, else ``None`` (then :func:`parse` decides)."""
    if len(uri) > MAX_INPUT:
        return None
    match = _STAMP(uri)
    if match is None:
        return None
    if not _STAMP_CHECKS:
        _stamp_setup()
    gtin_ok, lot_ok, serial_ok, date_ok = _STAMP_CHECKS[0]
    _stem, gtin, lot, serial, date = match.groups()
    if (
        not (gtin_ok(gtin) and lot_ok(lot))
        or (serial is not None and not serial_ok(serial))
        or (date is not None and not date_ok(date))
        or not _STAMP_SHAPES[0][2 * (serial is not None) + (date is not None)]
    ):
        return None
    return match


def _stamp(uri: str) -> _Parsed | None:
    """The result of :func:`_parse` for a usual stamp that passes every check, else ``None``."""
    match = stamp_match(uri)
    if match is None:
        return None
    stem, gtin, lot, serial, date = match.groups()
    gtin_element = _new_element(Element, ("01", gtin, _E01.title))
    lot_element = _new_element(Element, ("10", lot, _E10.title))
    if serial is None:
        path_entries = _STAMP_ENTRIES[0]
        elements = [gtin_element, lot_element]
        prefix_at = match.start(3)
        known: tuple[str, ...] = (gtin,)
    else:
        path_entries = _STAMP_ENTRIES[1]
        elements = [gtin_element, lot_element, _new_element(Element, ("21", serial, _E21.title))]
        prefix_at = match.start(4)
        known = (gtin, lot)
    path_length = len(elements)
    if date is None:
        entries = path_entries
    else:
        elements.append(_new_element(Element, ("17", date, _E17.title)))
        entries = (*path_entries, _E17)
    # the prefix memo of the general parser, as it would have been kept (steps 1-6 and 11 of
    # the prefix passed)
    prefix_key = uri[:prefix_at]
    if prefix_key not in _PREFIXES:
        if prefix_key in _SEEN_PREFIXES:
            if len(_PREFIXES) >= _PREFIX_LIMIT:
                _PREFIXES.clear()
            stored = (stem, path_entries, known, _STAMP_AIS[len(known)])
            _PREFIXES[prefix_key] = (stored, tuple(elements[: len(known)]))
        else:
            if len(_SEEN_PREFIXES) >= _MEMO_LIMIT:
                _SEEN_PREFIXES.clear()
            _SEEN_PREFIXES.add(prefix_key)
    return stem, tuple(elements), entries, path_length, ()


_STAMP_AIS = ((), ("01",), ("01", "10"))
_new_element = tuple.__new__


def _parse(uri: str, options: Options) -> _Parsed:
    if len(uri) > MAX_INPUT:
        raise _Failure(Finding("GS1.DATA_TOO_LONG", params={"max": MAX_INPUT}))
    memo = options is DEFAULT_OPTIONS
    if memo:
        stamp = _stamp(uri)
        if stamp is not None:
            return stamp
    hit = None
    prefix_key = ""
    if memo:
        # For a known-valid prefix these positions are the ones steps 3-4 would find: the
        # prefix (scheme, authority and path up to its last "/") holds no "?" and no "#".
        end = uri.find("#")
        if end < 0:
            end = len(uri)
        question = uri.find("?", 0, end)
        path_end = end if question < 0 else question
        last = uri.rfind("/", 0, path_end)
        prefix_key = uri[: last + 1]
        hit = _PREFIXES.get(prefix_key)
    known_elements: tuple[Element, ...] | None = None
    stored: _Prefix | None = None
    if hit is not None:
        # 1. characters of the rest (the prefix is known to be clean); steps 2-5 are known
        bad = _ILLEGAL_URI_CHAR.search(uri, last + 1)
        if bad is not None:
            raise _Failure(_finding("URI_CONTAINS_ILLEGAL_CHARACTERS", start=bad.start()))
        stored, known_elements = hit
        stem, path_entries, known_values, known_ais = stored
        entries = list(path_entries)
        values = list(known_values)
        ais = list(known_ais)
        raw_values = [uri[last + 1 : path_end]]
    else:
        # 1. characters
        bad = _ILLEGAL_URI_CHAR.search(uri)
        if bad is not None:
            raise _Failure(_finding("URI_CONTAINS_ILLEGAL_CHARACTERS", start=bad.start()))
        # 2. scheme
        if uri.startswith("https://") or uri.startswith("HTTPS://"):  # noqa: PIE810 - faster
            authority_at = 8
        elif uri.startswith("http://") or uri.startswith("HTTP://"):  # noqa: PIE810
            authority_at = 7
        else:
            raise _Failure(_finding("URI_CONTAINS_ILLEGAL_SCHEME", start=0))
        # 3. authority
        slash = uri.find("/", authority_at)
        if slash <= authority_at:
            raise _Failure(_finding("URI_MISSING_DOMAIN_AND_PATH_INFO"))
        bad = _ILLEGAL_DOMAIN_CHAR.search(uri, authority_at, slash)
        if bad is not None:
            raise _Failure(_finding("DOMAIN_CONTAINS_ILLEGAL_CHARACTERS", start=bad.start()))
        # 4. fragment, then query
        end = uri.find("#", slash)
        if end < 0:
            end = len(uri)
        question = uri.find("?", slash, end)
        # 5. primary key: (AI, value) pairs aligned from the end of the path
        segments = uri[slash + 1 : end if question < 0 else question].split("/")
        slow = options.permit_unknown_ais or options.permit_convenience_alphas
        i = len(segments) - 2
        entries = []
        while i >= 0:
            entry = _BY_AI.get(segments[i])
            if entry is None and (not slow or (entry := _path_entry(segments[i], options)) is None):
                break
            entries.append(entry)
            if entry.dlpkey is not None:
                break
            i -= 2
        if not entries or entries[-1].dlpkey is None:
            raise _Failure(_finding("NO_GS1_DL_KEYS_FOUND_IN_PATH_INFO"))
        entries.reverse()
        stem = uri[: slash + 1 + len("/".join(segments[:i]))] if i else uri[:slash]
        values = []
        ais = []
        raw_values = segments[i + 1 :: 2]
    zero_pad = options.permit_zero_suppressed_gtin_in_dl_uris
    # 6. path values
    n = len(values)
    last_pair = len(entries) - 1
    for value in raw_values:
        entry = entries[n]
        if n == last_pair and memo and stored is None:
            if prefix_key in _SEEN_PREFIXES:  # a sibling stamp: remember the prefix
                stored = (stem, tuple(entries), tuple(values), tuple(ais))
                if len(_PREFIXES) >= _PREFIX_LIMIT:
                    _PREFIXES.clear()
                _PREFIXES[prefix_key] = (stored, None)
            else:  # first sight: only a string, which costs nothing to keep
                if len(_SEEN_PREFIXES) >= _MEMO_LIMIT:
                    _SEEN_PREFIXES.clear()
                _SEEN_PREFIXES.add(prefix_key)
        if not value:
            raise _Failure(_finding("AI_VALUE_PATH_ELEMENT_IS_EMPTY", entry.ai))
        if "%" in value:
            value = _decode(value, query=False)  # noqa: PLW2901 - the decoded value replaces it
            if "\x00" in value:
                raise _Failure(
                    _finding("DECODED_AI_FROM_DL_PATH_INFO_CONTAINS_ILLEGAL_NULL", entry.ai)
                )
        if zero_pad:
            value = _zero_pad(entry, value, options)  # noqa: PLW2901
        if not entry.min_length <= len(value) <= entry.max_length or "^" in value:
            problem = _es.check_value_length(entry, value)
            if problem is not None:
                raise _Failure(problem)
        values.append(value)
        ais.append(entry.ai)
        n += 1
    path_length = n
    # 7. query parameters
    ignored: list[str] = []
    if question >= 0:
        for param in uri[question + 1 : end].split("&"):
            if not param:
                continue
            name, eq, value = param.partition("=")
            if not eq or name.translate(_ALL_DIGITS):
                ignored.append(param)
                n += 1
                if n > MAX_ENTRIES:
                    raise _Failure(Finding("GS1.TOO_MANY_AIS"))
                continue
            entry = _BY_AI.get(name)
            if entry is None and (
                not options.permit_unknown_ais or (entry := _ai.vivify(name, options)) is None
            ):
                raise _Failure(_finding("UNKNOWN_AI_IN_QUERY_PARAMS", name))
            if not value:
                raise _Failure(_finding("AI_VALUE_QUERY_ELEMENT_IN_EMPTY", entry.ai))
            if "%" in value or "+" in value:
                value = _decode(value, query=True)
                if "\x00" in value:
                    raise _Failure(
                        _finding(
                            "DECODED_AI_VALUE_FROM_QUERY_PARAMS_CONTAINS_ILLEGAL_NULL", entry.ai
                        )
                    )
            if zero_pad:
                value = _zero_pad(entry, value, options)
            if not entry.min_length <= len(value) <= entry.max_length or "^" in value:
                problem = _es.check_value_length(entry, value)
                if problem is not None:
                    raise _Failure(problem)
            entries.append(entry)
            values.append(value)
            ais.append(entry.ai)
            n += 1
            if n > MAX_ENTRIES:
                raise _Failure(Finding("GS1.TOO_MANY_AIS"))
    # 8. key-qualifier sequence
    key = entries[0]
    qualifiers = tuple(ais[1:path_length])
    if qualifiers not in (_SEQUENCES.get(key.ai) or _sequences(key)):
        raise _Failure(_finding("INVALID_KEY_QUALIFIER_SEQUENCE"))
    # 9. duplicates anywhere, even with equal values
    count = len(ais)
    if len(set(ais)) != count:
        duplicates = [a for i, a in enumerate(ais) if a in ais[:i]]
        raise _Failure(_finding("DUPLICATE_AI", min(duplicates)))
    # 10. data attributes
    if count > path_length:
        fits = _INSERTABLE.get((key.ai, qualifiers)) or _insertable(key, qualifiers)
        attributes = entries[path_length:]
        if count > path_length + 1:
            attributes = sorted(attributes, key=_AI_OF)
        for entry in attributes:
            if not (
                (not options.unknown_ai_not_dl_attr) if entry.vivified else entry.dl_data_attribute
            ):
                raise _Failure(_finding("AI_IS_NOT_VALID_DATA_ATTRIBUTE", entry.ai))
            if entry.ai in fits:
                raise _Failure(_finding("AI_SHOULD_BE_IN_PATH_INFO", entry.ai))
    # 11. components and linters, path first, then query, in input order
    if known_elements is None:
        elements: list[Element] = []
        k = 0
    else:  # the prefix values passed this step before
        elements = list(known_elements)
        k = last_pair
    known = _ELEMENTS.get
    while k < count:
        if k == last_pair and known_elements is None and stored is not None:
            _PREFIXES[prefix_key] = (stored, tuple(elements))
        entry = entries[k]
        value = values[k]
        element = known(entry.ai, _NO_ELEMENTS).get(value)
        if element is None:  # not validated before
            problem = _es.validate_components(entry, value)
            if problem is not None:
                raise _Failure(problem)
            element = _element(entry, value)
        elements.append(element)
        k += 1
    # 12. message-level rules
    rules_key = (options.validate_requisite_ais, tuple(ais))
    if rules_key not in _VALID_AI_SETS:
        problem = _es.check_message_rules(list(zip(ais, values, strict=True)), options)
        if problem is not None:
            raise _Failure(problem)
        if "8030" not in ais and not any(e.vivified for e in entries):
            if len(_VALID_AI_SETS) >= _MEMO_LIMIT:
                _VALID_AI_SETS.clear()
            _VALID_AI_SETS.add(rules_key)
    return stem, tuple(elements), tuple(entries), path_length, tuple(ignored)


def _is_attribute(entry: _ai.AIEntry, options: Options) -> bool:
    if entry.vivified:
        return not options.unknown_ai_not_dl_attr
    return entry.dl_data_attribute


class DigitalLink(NamedTuple):
    """A parsed, valid GS1 Digital Link URI. Build it with :func:`parse`.

    Immutable (a named tuple: cheap to create in bulk, hashable, comparable).
    """

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
        dropped; values are percent-encoded as GS1 Digital Link URI syntax specifies.

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


_new_link = tuple.__new__
_new_element_string = _es.new_element_string


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
        stem, elements, entries, path_length, ignored = _parse(uri, opts)
    except _Failure as failure:
        raise GS1Error(failure.finding) from None
    # Every check of ElementString.from_pairs has already run, in the reference's order.
    return _new_link(
        DigitalLink, (_new_element_string(elements), stem, path_length, ignored, uri, entries)
    )


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


_URI_START: Final = re.compile(r"https?://", re.IGNORECASE).match


def build(
    element_string_or_text: ElementString | str | Sequence[tuple[str, str]],
    stem: str = DEFAULT_STEM,
    options: Options | None = None,
) -> str:
    """A Digital Link URI for element data (as GS1's Barcode Syntax Engine generates it).

    The input is an :class:`~vntrace.gs1.element_string.ElementString`, its text (bracketed
    ``(01)…`` or FNC1 ``^01…``; parsed and validated with ``options``), ``(ai, value)``
    pairs, or a Digital Link URI (``http://`` or ``https://``: validated, then written on
    ``stem`` with its path order kept, as :meth:`DigitalLink.uri`). The first primary key in
    input order goes into the path with the qualifiers of the longest valid key-qualifier
    sequence present whose other AIs can all be query attributes (on a tie the byte-wise
    smallest, so ``01 10`` beats ``01 22`` and ``01 235``; but with ``(235)`` and ``(10)``,
    ``(235)`` takes the path since it cannot be an attribute). Everything else becomes a query
    attribute:
    predefined-length AIs first, then the others, each group in input order; an identical
    repeat is emitted once. A stem's trailing ``/`` is dropped; ``stem=""`` gives a relative
    URI.

    >>> build("(17)270630(01)08934567890120(99)A(3103)000750(10)L7(21)S1")
    'https://id.gs1.org/01/08934567890120/10/L7/21/S1?17=270630&3103=000750&99=A'
    >>> build([("8004", "8934567ZZ1"), ("01", "08934567890120"), ("10", "L7")], stem="")
    '/8004/8934567ZZ1?01=08934567890120&10=L7'
    >>> build("(01)08934567890120(10)L7(235)TPX1")
    'https://id.gs1.org/01/08934567890120/235/TPX1?10=L7'
    >>> build("https://example.vn/01/08934567890120/10/L7?17=270630", stem="https://tx.vn")
    'https://tx.vn/01/08934567890120/10/L7?17=270630'
    >>> build("(01)08934567890120(22)V1(235)TPX1")
    Traceback (most recent call last):
    ...
    vntrace.errors.GS1Error: GS1.AI_IS_NOT_VALID_DATA_ATTRIBUTE: AI (235) ...
    """
    opts = DEFAULT_OPTIONS if options is None else options
    if isinstance(element_string_or_text, str) and _URI_START(element_string_or_text):
        # A Digital Link URI: re-stem it, its path (and so its key qualifiers) kept as it is.
        return parse(element_string_or_text, opts).uri(stem)
    if isinstance(element_string_or_text, str):
        es = _es.parse(element_string_or_text, options=opts)
    elif isinstance(element_string_or_text, _es.ElementString):
        es = element_string_or_text
    else:
        try:
            pairs = [(ai, value) for ai, value in element_string_or_text]
        except (TypeError, ValueError):  # not an iterable of pairs
            name = type(element_string_or_text).__name__
            raise GS1Error(Finding("GS1.INPUT_NOT_TEXT", params={"type": name})) from None
        es = _es.ElementString.from_pairs(pairs, opts)
    items = [(_entry_of(e.ai), e.value) for e in es.elements]
    key_at = next((i for i, (entry, _) in enumerate(items) if entry.dlpkey is not None), -1)
    if key_at < 0:
        raise GS1Error(_finding("CANNOT_CREATE_DL_URI_WITHOUT_PRIMARY_KEY_AI"))
    key, key_value = items[key_at]
    present: dict[str, str] = {}
    for entry, value in items:
        present.setdefault(entry.ai, value)
    candidates = sorted(
        {tuple(q for q in alternative if q in present) for alternative in key.dlpkey or ((),)},
        key=lambda chosen: (-len(chosen), " ".join(chosen)),
    )
    # The longest sequence (then the byte-wise smallest) whose leftovers are all valid query
    # attributes: (235) and (10) together go (235) in the path and (10) in the query, since
    # (235) cannot be an attribute. If none fits, the first one reports the offending AI.
    first_error: GS1Error | None = None
    for best in candidates:
        path = [(key.ai, key_value)] + [(q, present[q]) for q in best]
        path_set = set(path)
        rest = [(entry, value) for entry, value in items if (entry.ai, value) not in path_set]
        bad = next(
            (e for e, _ in sorted(rest, key=lambda item: item[0].ai) if not _is_attribute(e, opts)),
            None,
        )
        if bad is None:
            return _generate(stem, path, rest)
        if first_error is None:
            first_error = GS1Error(_finding("AI_IS_NOT_VALID_DATA_ATTRIBUTE", bad.ai))
    assert first_error is not None
    raise first_error
