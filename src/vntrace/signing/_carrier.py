"""Reading a stamp carrier and the canonical bytes it signs (profile ``vntrace-raw64-v1``).

A carrier is a GS1 Digital Link URI, a GS1 element string in any form (bracketed, caret, with
GS separators, scan data) or an already parsed :class:`~vntrace.gs1.element_string.ElementString`
or :class:`~vntrace.gs1.digital_link.DigitalLink`. Everything is validated strictly with
:mod:`vntrace.gs1` (the (8030) ``req`` rule included); duplicate AIs are refused, since a
canonical form must not silently drop one.

The canonical bytes (design §5.1): every AI except (8030); the primary key first, then its key
qualifiers in the Syntax Dictionary's ``dlpkey`` order (for (01): 22, 10, 21, 235), then all
other AIs in dictionary order; each written ``AI + value``, with GS (0x1D) after every value whose
AI is not of predefined length, except the last.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, cast

from vntrace.errors import GS1Error, SignatureError
from vntrace.findings import Finding, Location
from vntrace.gs1 import ai as _ai
from vntrace.gs1 import digital_link as _dl
from vntrace.gs1 import element_string as _es
from vntrace.gs1.options import DEFAULT_OPTIONS

if TYPE_CHECKING:
    from vntrace.gs1.element_string import Element

__all__ = ["Carrier", "Stamp", "StampFailure", "canonical_bytes", "read_carrier", "read_stamp"]

DIGSIG: Final = "8030"
GS: Final = b"\x1d"
_DIGSIG_ENTRY: Final = _ai.lookup(DIGSIG)
_URI: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://|/")
_PLAIN_SIG: Final = re.compile(r"[A-Za-z0-9_-]{1,90}")
_DIGSIG_MAX: Final = _DIGSIG_ENTRY.max_length if _DIGSIG_ENTRY is not None else 0


class StampFailure(Exception):
    """Internal: a carrier that cannot be read, with the verification status it means."""

    def __init__(self, status: str, finding: Finding) -> None:
        super().__init__(finding.code)
        self.status = status
        self.finding = finding


class Carrier(NamedTuple):
    """A read carrier: its elements without (8030), and the (8030) value if any."""

    kind: Literal["digital_link", "element_string"]
    elements: tuple[Element, ...]
    signature: str | None
    ignored: tuple[str, ...] = ()
    ais: tuple[str, ...] | None = None
    """The AIs of :attr:`elements` in order, when already known."""


_new_carrier = tuple.__new__


class Stamp(NamedTuple):
    """What verification needs of a carrier."""

    message: bytes
    """The canonical bytes (:func:`canonical_elements`)."""
    signature: str | None
    """The (8030) value, if any."""
    key: tuple[str, str]
    """The AI and value of the primary key, ``("", "")`` if there is none."""
    expiry: str | None
    """The (17) value, if any."""
    ignored: tuple[str, ...]
    """Non-GS1 query parameters of a Digital Link URI."""


_new_stamp = tuple.__new__


def _f(code: str, where: str | None = None, **params: str | int) -> Finding:
    return Finding(f"SIGNING.{code}", params=params, location=Location(field=where))


def _gs1_failure(finding: Finding) -> StampFailure:
    """The status of a GS1 validation error: about (8030) itself or about the rest."""
    if finding.location.field == DIGSIG and finding.code != "GS1.REQUIRED_AIS_NOT_SATISFIED":
        return StampFailure("malformed-8030", finding)
    return StampFailure("syntax-error", finding)


def _split_elements(elements: tuple[Element, ...]) -> tuple[tuple[Element, ...], str | None]:
    sigs = [e.value for e in elements if e.ai == DIGSIG]
    if len(sigs) > 1:
        raise StampFailure("malformed-8030", _f("DUPLICATE_8030", DIGSIG, count=len(sigs)))
    seen: set[str] = set()
    for e in elements:
        if e.ai in seen:
            raise StampFailure("syntax-error", _f("DUPLICATE_AI", e.ai, ai=e.ai))
        seen.add(e.ai)
    if not sigs:
        return elements, None
    return tuple(e for e in elements if e.ai != DIGSIG), sigs[0]


def _is_uri(text: str) -> bool:
    return _URI.match(text) is not None


def _read_uri(text: str, *, remember: bool = False) -> Carrier:
    fast = _read_usual_uri(text)
    if fast is not None:
        if remember:
            _remember(text, fast)
        return fast
    head, hash_mark, _fragment = text.partition("#")
    path, question, query = head.partition("?")
    if f"/{DIGSIG}/" in path + "/":
        raise StampFailure("malformed-8030", _f("SIGNATURE_IN_PATH", DIGSIG))
    params = query.split("&") if question else []
    sig_at = [i for i, p in enumerate(params) if p.partition("=")[0] == DIGSIG]
    if len(sig_at) > 1:
        raise StampFailure("malformed-8030", _f("DUPLICATE_8030", DIGSIG, count=len(sig_at)))
    if sig_at and _PLAIN_SIG.fullmatch(params[sig_at[0]][len(DIGSIG) + 1 :]):
        # The rest of the URI is usually an ordinary stamp (the parser's fast path); (8030)
        # then gets the same checks the full parser would make.
        value = params[sig_at[0]][len(DIGSIG) + 1 :]
        rest = [p for i, p in enumerate(params) if i != sig_at[0]]
        stripped = path + ("?" + "&".join(rest) if rest else "") + hash_mark + _fragment
        return _with_signature(stripped, value)
    try:
        link = _dl.parse(text)
    except GS1Error as exc:
        raise _gs1_failure(exc.finding) from None
    elements, sig = _split_elements(link.element_string.elements)
    return Carrier("digital_link", elements, sig, link.ignored_params)


def _read_usual_uri(text: str) -> Carrier | None:
    """The usual signed stamp, ``…&8030=<value>`` as the last parameter, read without splitting
    the query; ``None`` for anything else (then the general route decides)."""
    cut = text.rfind("8030=")
    if cut < 1 or text[cut - 1] not in "?&" or "#" in text:
        return None
    stripped = text[: cut - 1]
    value = text[cut + len(DIGSIG) + 1 :]
    # any other (8030) parameter or path segment: the general route reports it
    if "?8030" in stripped or "&8030" in stripped or "/8030" in stripped:
        return None
    # (8030) is CSET 64, which has no "%", "&" or "#": a value the GS1 check passes needs no
    # decoding and ends the URI (a value it fails goes the general route, which reports it)
    if not 0 < len(value) <= _DIGSIG_MAX or not _digsig_value_ok(value):
        return None
    return _with_signature(stripped, value, checked=True)


def _with_signature(stripped: str, value: str, *, checked: bool = False) -> Carrier:
    """Read ``stripped`` (the URI without its one (8030) parameter) and check ``value`` as the
    GS1 parser would check an (8030) in it."""
    try:
        link = _dl.parse(stripped)
    except GS1Error as exc:
        raise StampFailure("syntax-error", exc.finding) from None
    # a Digital Link never repeats an AI (the parser refuses any repeat)
    elements = link.element_string.elements
    ais = tuple([e.ai for e in elements])
    if DIGSIG in ais:
        raise StampFailure("malformed-8030", _f("DUPLICATE_8030", DIGSIG, count=2))
    if not checked and not _digsig_value_ok(value):
        assert _DIGSIG_ENTRY is not None
        err = _es.check_value_length(_DIGSIG_ENTRY, value) or _es.validate_components(
            _DIGSIG_ENTRY, value
        )
        if err is not None:
            raise _gs1_failure(err)
    err = _digsig_rules(elements, ais, value)
    if err is not None:
        raise _gs1_failure(err)
    return _new_carrier(Carrier, ("digital_link", elements, value, link.ignored_params, ais))


# -- stamps of a known batch --------------------------------------------------------------------
# A print run gives thousands of stamps that differ only in the serial (the last path segment),
# the (8030) value and maybe (17): ``<prefix>/21/<serial>?17=<date>&8030=<value>``. Once two of
# them have been read in full by the route above (two, so that one-off stamps do not pay for
# keeping their prefix), the verdict for a sibling with the same prefix and AIs depends only on
# those values (every other step of the GS1 parser and every (8030) rule looks at the prefix or
# at the AIs alone), so a sibling needs only the value checks the parser would make: the (21)
# and (17) component checks and the (8030) checks of the usual route. Values these conservative
# checks do not pass (a serial with characters other than RFC 3986 unreserved ones, a "%", a
# longer (8030)...) go the full route, which reports exactly as before.


class _Batch(NamedTuple):
    """The canonical text of a stamp is ``before + serial + middle + (17) + after``."""

    before: str
    middle: str
    after: str
    key: tuple[str, str]
    """The primary key AI and value."""


_BATCHES: Final[tuple[dict[str, _Batch], dict[str, _Batch]]] = ({}, {})
"""Prefixes (the URI up to the ``/`` before the serial) of stamps read in full: without (17),
with (17)."""
_SEEN: Final[set[str]] = set()
"""Prefixes read once: a prefix is kept in full from its second stamp on."""
_SEEN_LIMIT: Final = 1 << 14
_SERIAL: Final = "21"
_EXPIRY: Final = "17"
_SERIAL_ENTRY: Final = _ai.lookup(_SERIAL)
_EXPIRY_ENTRY: Final = _ai.lookup(_EXPIRY)
_EXPIRY_LENGTH: Final = _EXPIRY_ENTRY.max_length if _EXPIRY_ENTRY is not None else 0
_DATE_END: Final = 3 + _EXPIRY_LENGTH
"""Where the value of ``17=`` ends in the query."""
# Unreserved characters (RFC 3986 §2.3) within the dictionary length of (21): legal in a path,
# never percent-decoded; the (21) check itself comes from the dictionary.
_SERIAL_LENGTHS: Final = (
    (_SERIAL_ENTRY.min_length, _SERIAL_ENTRY.max_length) if _SERIAL_ENTRY is not None else (1, 0)
)
_UNRESERVED_SERIAL: Final = re.compile(
    r"[A-Za-z0-9._~-]{%s,%s}" % _SERIAL_LENGTHS  # noqa: UP031 - braces of the pattern
).fullmatch
_BATCH_CHECKS: list[tuple[Callable[[str], bool], ...]] = []
"""The component checks of (21), (17) and (8030), once compiled."""


def _read_known_stamp(text: str) -> Stamp | None:
    """A stamp of the usual shape read without the full route: a sibling of a batch read
    before (see above) or a one-off stamp (see below); ``None`` for the full route."""
    # slices rather than find/startswith with positions: the stamp is short and those methods
    # cost more in argument parsing than in the search
    head, _, query = text.partition("?")
    if query[:3] == "17=":
        if query[_DATE_END : _DATE_END + 6] != "&8030=":
            return None
        date: str | None = query[3:_DATE_END]
        value = query[_DATE_END + 6 :]
    else:
        if query[:5] != "8030=":
            return None
        date = None
        value = query[5:]
    # (8030) gets the checks of the usual route; the rest of the URI is at most MAX_INPUT long
    if (
        not 0 < len(value) <= _DIGSIG_MAX
        or "=" in value  # padding: the full route decides
        or not _digsig_value_ok(value)
        or len(text) - len(value) - 6 > _dl.MAX_INPUT
    ):
        return None
    prefix, _, serial = head.rpartition("/")
    batch = _BATCHES[date is not None].get(prefix)
    if batch is not None:
        return _read_batch_stamp(batch, serial, date, value)
    # a one-off stamp (see below); "&8030" or "/8030" in the path: the full route decides (as
    # in _read_usual_uri)
    if "/8030" in head or "&8030" in head:
        return None
    # the URI without its (8030) parameter, which the full route gives the parser
    match = _dl.stamp_match(text[: len(text) - len(value) - 6])
    if match is None:
        return None
    _stem, gtin, lot, in_path, _date = match.groups()
    if in_path is None:
        return None
    plan = (_ONE_OFF or _one_off_setup())[date is not None]
    # from the second stamp of a batch on, the full route keeps its prefix for the batch route
    # (the serial, a path value, has no "/": ``prefix`` is the URI up to it)
    if plan is None or not _first_sighting(prefix):
        return None
    in_order, template = plan
    message = template.format(*in_order((gtin, lot, in_path, date))).encode("ascii")
    return _new_stamp(Stamp, (message, value, ("01", gtin), date, ()))


def _read_batch_stamp(batch: _Batch, serial: str, date: str | None, value: str) -> Stamp | None:
    """A stamp of a batch read before (see above), or ``None`` for the full route."""
    serial_ok, date_ok, _value_ok = _BATCH_CHECKS[0]
    if (
        _UNRESERVED_SERIAL(serial) is None
        or serial[:4] == DIGSIG  # "/8030" in the path: the full route decides
        or not serial_ok(serial)
        or (date is not None and not date_ok(date))
    ):
        return None
    before, middle, after, key = batch
    message = _join((before, serial, middle, date or "", after)).encode("ascii")
    return _new_stamp(Stamp, (message, value, key, date, ()))


_join = "".join


# -- one-off stamps -----------------------------------------------------------------------------
# A stamp of a batch not seen before (a phone app or a portal checks scans of many products):
# ``<stem>/01/<GTIN>/10/<lot>/21/<serial>[?17=<date>]&8030=<value>``. Without (8030) this is the
# stamp the Digital Link parser reads by its fast path (``digital_link.stamp_match``: the same
# checks as its general route, values read without decoding); (8030) gets the checks of the
# usual route above, and the (8030) message rules depend only on the AIs here (none of
# _VALUE_RULES), so their verdict and the canonical template are computed once per shape. No
# element objects are made. Anything else goes the full route, which reports what is wrong.

_OneOffPlan = tuple[Callable[[tuple[str | None, ...]], tuple[str, ...]], str]
_ONE_OFF: list[_OneOffPlan | None] = []
"""For (01)(10)(21) and (01)(10)(21)(17): the GTIN, lot, serial and date in canonical order,
and the template; ``None`` when the (8030) rules refuse that shape."""
_ONE_OFF_AIS: Final = (("01", "10", _SERIAL), ("01", "10", _SERIAL, _EXPIRY))


def _one_off_setup() -> list[_OneOffPlan | None]:
    for ais in _ONE_OFF_AIS:
        pairs = [*((ai, "") for ai in ais), (DIGSIG, "")]
        ok = (
            _VALUE_RULES.isdisjoint(ais) and _es.check_message_rules(pairs, DEFAULT_OPTIONS) is None
        )
        if not ok:
            _ONE_OFF.append(None)
            continue
        order, template = _plan(ais)
        _ONE_OFF.append((cast("Any", itemgetter(*order)), template))
    return _ONE_OFF


def _first_sighting(prefix: str) -> bool:
    """``True`` the first time a batch prefix is seen (then it is noted, see :func:`_remember`)."""
    if prefix in _SEEN:
        return False
    if len(_SEEN) >= _SEEN_LIMIT:
        _SEEN.clear()
    _SEEN.add(prefix)
    return True


def _remember(text: str, read: Carrier) -> None:
    """Keep the prefix of ``text``, just read in full as ``read``, when it is a batch stamp."""
    ais, value = read.ais, read.signature
    if ais is None or value is None or read.ignored or not _VALUE_RULES.isdisjoint(ais):
        return
    question = text.find("?")
    slash = text.rfind("/", 0, question)
    prefix = text[:slash]
    if _first_sighting(prefix):  # a one-off stamp costs only this
        return
    elements = read.elements
    dated = ais[-1] == _EXPIRY
    serial_at = len(elements) - 1 - dated
    date = elements[-1].value if dated else ""
    query = f"{_EXPIRY}={date}&{DIGSIG}={value}" if dated else f"{DIGSIG}={value}"
    serial = elements[serial_at]
    if (
        question < 1
        or text[question + 1 :] != query
        or serial.ai != _SERIAL
        or serial.value != text[slash + 1 : question]
        or _EXPIRY in ais[:serial_at]
    ):
        return
    if not _BATCH_CHECKS:
        assert _SERIAL_ENTRY is not None
        assert _EXPIRY_ENTRY is not None
        assert _EXPIRY_ENTRY.min_length == _EXPIRY_LENGTH  # (17) is of fixed length
        entries = (_SERIAL_ENTRY, _EXPIRY_ENTRY, _DIGSIG_ENTRY)
        _BATCH_CHECKS.append(tuple(_es.quick_check(e) for e in entries if e is not None))
    order, template = _plan(ais)
    if dated and order.index(serial_at) > order.index(len(elements) - 1):
        return  # (17) before the serial: cannot happen, as (21) qualifies the key
    # NUL is in no GS1 character set: it marks where the serial and (17) go
    slots = [e.value for e in elements]
    slots[serial_at] = "\x00"
    if dated:
        slots[-1] = "\x00"
    parts = template.format(*[slots[i] for i in order]).split("\x00")
    before, middle, after = parts if dated else (parts[0], parts[1], "")
    batches = _BATCHES[dated]
    if len(batches) >= _PLAN_LIMIT:
        batches.clear()
    batches[prefix] = _Batch(before, middle, after, _key_of(elements))


_QUICK: list[Callable[[str], bool]] = []


def _digsig_value_ok(value: str) -> bool:
    """``True`` when the GS1 component check of (8030) surely passes (length fits: 1-90)."""
    if not _QUICK:
        assert _DIGSIG_ENTRY is not None
        _QUICK.append(_es.quick_check(_DIGSIG_ENTRY))
    return _QUICK[0](value)


# AIs whose values the (8030) rules look at (DIGSIG_SERIAL_KEY); without them the verdict of the
# message rules depends on the AIs alone and is cached.
_VALUE_RULES: Final = frozenset({"253", "255", "8003"})
_RULES_CACHE: dict[tuple[str, ...], Finding | None] = {}


def _digsig_rules(
    elements: tuple[Element, ...], ais: tuple[str, ...], value: str
) -> Finding | None:
    if _VALUE_RULES.isdisjoint(ais) and ais in _RULES_CACHE:
        return _RULES_CACHE[ais]
    pairs = [*((e.ai, e.value) for e in elements), (DIGSIG, value)]
    err = _es.check_message_rules(pairs, DEFAULT_OPTIONS)
    if _VALUE_RULES.isdisjoint(ais) and len(_RULES_CACHE) < _PLAN_LIMIT:
        _RULES_CACHE[ais] = err
    return err


def read_carrier(carrier: object, *, remember: bool = False) -> Carrier:
    """Parse and validate ``carrier``; raises :class:`StampFailure` with a status.

    ``remember``: keep the prefix of a stamp URI for the batch route (verification only:
    stamps being signed say nothing about the stamps that will be checked)."""
    if isinstance(carrier, str):
        if _is_uri(carrier):
            return _read_uri(carrier, remember=remember)
        try:
            parsed = _es.parse(carrier)
        except GS1Error as exc:
            raise _gs1_failure(exc.finding) from None
        elements, sig = _split_elements(parsed.elements)
        return Carrier("element_string", elements, sig)
    if isinstance(carrier, _es.ElementString):
        elements, sig = _split_elements(carrier.elements)
        return Carrier("element_string", elements, sig)
    if isinstance(carrier, _dl.DigitalLink):
        elements, sig = _split_elements(carrier.element_string.elements)
        return Carrier("digital_link", elements, sig, carrier.ignored_params)
    raise StampFailure(
        "syntax-error", Finding("GS1.INPUT_NOT_TEXT", params={"type": type(carrier).__name__})
    )


def read_stamp(carrier: object) -> Stamp:
    """What :func:`~vntrace.signing.verify_stamp` needs of ``carrier``; raises
    :class:`StampFailure` with a status, as :func:`read_carrier`."""
    if isinstance(carrier, str):
        # a prefix kept in _BATCHES is that of a URI (the text matched _URI)
        known = _read_known_stamp(carrier)
        if known is not None:
            return known
    read = read_carrier(carrier, remember=True)
    elements = read.elements
    message = canonical_elements(elements, read.ais)
    expiry = None
    for e in elements:
        if e.ai == _EXPIRY:
            expiry = e.value
            break
    return Stamp(message, read.signature, _key_of(elements), expiry, read.ignored)


def _key_of(elements: tuple[Element, ...]) -> tuple[str, str]:
    for e in elements:
        entry = _ai.lookup(e.ai)
        if entry is not None and entry.dlpkey is not None:
            return e.ai, e.value
    return "", ""


def _qualifier_order(key: str) -> tuple[str, ...]:
    entry = _ai.lookup(key)
    order: list[str] = []
    for alternative in (entry.dlpkey if entry is not None else None) or ():
        for q in alternative:
            if q not in order:
                order.append(q)
    return tuple(order)


_PLANS: dict[tuple[str, ...], tuple[tuple[int, ...], str]] = {}
_PLAN_LIMIT: Final = 4096


def _plan(ais: tuple[str, ...]) -> tuple[tuple[int, ...], str]:
    """Element order and the canonical text with a ``{}`` for each value, for one sequence of
    AIs (cached: stamps come in few shapes)."""
    plan = _PLANS.get(ais)
    if plan is not None:
        return plan
    key_at = -1
    for i, a in enumerate(ais):
        entry = _ai.lookup(a)
        if entry is not None and entry.dlpkey is not None:
            key_at = i
            break
    if key_at < 0:
        raise StampFailure("syntax-error", _f("NO_PRIMARY_KEY"))
    qualifiers = _qualifier_order(ais[key_at])
    head = [key_at] + [ais.index(q) for q in qualifiers if q in ais]
    rest = sorted((i for i in range(len(ais)) if i not in head), key=lambda i: ais[i])
    order = (*head, *rest)
    last = len(order) - 1
    template = "".join(
        ais[i] + "{}" + ("\x1d" if pos != last and not _needs_no_separator(ais[i]) else "")
        for pos, i in enumerate(order)
    )
    plan = (order, template)
    if len(_PLANS) < _PLAN_LIMIT:
        _PLANS[ais] = plan
    return plan


def _needs_no_separator(ai: str) -> bool:
    entry = _ai.lookup(ai)
    return entry is not None and entry.predefined_length


def canonical_elements(elements: tuple[Element, ...], ais: tuple[str, ...] | None = None) -> bytes:
    """The canonical bytes of validated elements (no (8030) among them); ``ais`` are their AIs
    when the caller has them already."""
    order, template = _plan(tuple([e.ai for e in elements]) if ais is None else ais)
    # values passed GS1 validation: CSET 82/39/64 and digits only, so ASCII (and no AI holds
    # "{" or "}", the template's own text being AIs and GS)
    return template.format(*[elements[i].value for i in order]).encode("ascii")


def canonical_bytes(carrier: object) -> bytes:
    r"""The bytes a ``vntrace-raw64-v1`` signature covers, for any form of a carrier.

    (8030) itself is left out; the resolver domain, the order of URI parameters and non-GS1
    query parameters do not matter. Raises :class:`~vntrace.errors.GS1Error` for carriers that
    fail GS1 validation and :class:`~vntrace.errors.SignatureError` for a malformed (8030).

    >>> canonical_bytes("https://id.gs1.org/01/08931234567897/10/LO2406A/21/K7Q2M9X4P1?17=270630")
    b'010893123456789710LO2406A\x1d21K7Q2M9X4P1\x1d17270630'
    >>> canonical_bytes("(17)270630(21)K7Q2M9X4P1(01)08931234567897(10)LO2406A")
    b'010893123456789710LO2406A\x1d21K7Q2M9X4P1\x1d17270630'
    """
    try:
        read = read_carrier(carrier)
        return canonical_elements(read.elements)
    except StampFailure as failure:
        if failure.status == "malformed-8030":
            raise SignatureError(failure.finding) from None
        raise GS1Error(failure.finding) from None
