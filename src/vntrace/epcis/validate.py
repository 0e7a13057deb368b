"""Validate EPCIS 2.0 documents (XML or JSON-LD) and report every problem as a finding.

:func:`validate` (a file, bytes or a binary file object) and :func:`validate_text` (a document
given as text) never raise on bad input: they return a list of
:class:`~vntrace.findings.Finding` (empty when the document is valid). It works on the raw
parse (the lxml tree, the parsed JSON), not on the typed model, so that each problem is
reported where it is, with a stable code:

* **structure**, equivalent to the official artefacts: for XML the XSD content models
  (element names and namespaces, the exact ``xsd:sequence`` order per event type, required
  elements and attributes, simple-type values such as ``DateTimeStamp`` with its mandatory zone);
  for JSON-LD the JSON Schema (required properties, value types, closed objects such as
  ``quantityElement``, ``format`` ``uri`` and ``date-time``, extension keys that must be URIs).
  Both are interpreted from tables generated from the GS1 files
  (:mod:`vntrace.epcis._structure`, ``scripts/gen_epcis_structure.py``);
* **event rules** of EPCIS 2.0 per event type and action (what an event must identify,
  ``ilmd`` only with ``ADD``, no ``action`` in a TransformationEvent, ...);
* **CBV vocabularies** (:mod:`vntrace.epcis.cbv`), **identifiers** (EPC URNs, GS1 Digital
  Link URIs), **time-zone offsets** and **UN/ECE Rec 20 unit codes**.

Row = index of the event in the event list; field = JSON pointer (JSON-LD) or an XPath-like path
(XML). Decisions where the artefacts disagree are listed in :data:`DECISIONS`.
``ValidateOptions(schema_only=True)`` gives exactly the verdict of the official XSD or JSON
Schema (checked by a mutation-based differential test against ``xmlschema``/``jsonschema``).

>>> doc = '''{"@context": "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
...   "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-07-22T10:30:00Z",
...   "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2026-07-22T06:45:00+07:00",
...     "eventTimeZoneOffset": "+07:00", "epcList": [], "action": "OBSERVE",
...     "bizStep": "transforming"}]}}'''
>>> for f in validate_text(doc):
...     print(f.code, f.location.row, f.location.field)
EPCIS.CBV_UNKNOWN_TERM 0 /epcisBody/eventList/0/bizStep
>>> validate_text("<EPCISDocument")[0].code
'EPCIS.MALFORMED_XML'
"""

from __future__ import annotations

import io
import ipaddress
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn

from vntrace.epcis._inputs import open_path, path_text
from vntrace.errors import EpcisError, os_reason
from vntrace.findings import Finding, Location, ParamValue, Severity, json_pointer, json_type
from vntrace.messages import nest

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "COMMON_REC20_UNITS",
    "DECISIONS",
    "DEFAULT_OPTIONS",
    "Source",
    "ValidateOptions",
    "is_uri",
    "validate",
    "validate_text",
]

ERROR = Severity.ERROR
WARNING = Severity.WARNING
INFO = Severity.INFO

NS_EPCIS: Final = "urn:epcglobal:epcis:xsd:2"
NS_QUERY: Final = "urn:epcglobal:epcis-query:xsd:2"
NS_MD: Final = "urn:epcglobal:epcis-masterdata:xsd:2"
NS_XSI: Final = "http://www.w3.org/2001/XMLSchema-instance"
EVENT_TYPES: Final = (
    "ObjectEvent",
    "AggregationEvent",
    "TransactionEvent",
    "TransformationEvent",
    "AssociationEvent",
)

DECISIONS: Final[Mapping[str, str]] = {
    "persistentDisposition": (
        "Accepted on every event type; a WARNING (EPCIS.PERSISTENT_DISPOSITION_PLACEMENT) outside "
        "ObjectEvent/TransformationEvent: the XSD allows it everywhere, SHACL and the GitHub JSON "
        "Schema forbid it on Aggregation/Transaction/AssociationEvent."
    ),
    "cbv_urn_in_json": (
        "CBV URNs (urn:epcglobal:cbv:...) and ns.gs1.org/cbv or gs1.org/voc URIs in JSON-LD are an "
        "ERROR by default (the JSON Schema rejects them), a WARNING with "
        "ValidateOptions(permit_cbv_urn_in_json=True): the meaning is unambiguous."
    ),
    "bare_cbv_in_xml": (
        "A bare CBV term in XML (<bizStep>receiving</bizStep>) is a WARNING: the XSD accepts any "
        "anyURI, the XML binding uses URNs or Web URIs."
    ),
    "unknown_cbv_uri": (
        "A URN/Web URI/CURIE in the CBV namespace whose term is not in CBV 2.0 is an ERROR for "
        "bizStep, disposition, btt, sdt, er; a WARNING for sensor components, measurement types "
        "and alert types in the gs1:/cbv: namespaces (the XSD has no list; only the JSON Schema "
        "enumerates the bare terms). A bare word outside the list is always an ERROR."
    ),
    "bare_xml_event": (
        "A single event without its document (capture API form, XML or JSON-LD) is an ERROR "
        "(EPCIS.BARE_EVENT), as load, iter_events, convert and hash refuse it "
        "(EPCIS.IO_NOT_EPCIS: a document needs a creationDate that cannot be invented); its "
        "content is still checked. ValidateOptions(allow_bare_event=True) makes it an INFO "
        "(EPCIS.XML_BARE_EVENT in XML). The XSD declares no global event element."
    ),
    "sensor_uom": (
        "sensorReport/@uom is checked with the Rec 20 pattern like quantityElement/uom "
        "(the JSON Schema only types it as a string)."
    ),
    "error_declaration_time": (
        "errorDeclaration/declarationTime is required in XML too (the JSON Schema requires it; "
        "the XSD choice group makes it optional)."
    ),
    "persistentDisposition_content": (
        "persistentDisposition needs set or unset (JSON Schema anyOf); the XSD allows it empty; "
        "EPCIS.MISSING_FIELD in both syntaxes."
    ),
    "protected_terms": (
        "Redefining a term of the @protected GS1 JSON-LD context (e.g. cbvmda with another IRI) "
        "is an ERROR (a JSON-LD processor fails); the JSON Schema does not see it."
    ),
    "extension_event_type": (
        "A JSON-LD event whose type is a URI (a user-defined event type) passes the JSON Schema "
        "(schema_only) but is an ERROR (EPCIS.EXTENSION_EVENT_TYPE) by default: the EPCIS 2.0 "
        "model has no place for it, so it can be neither loaded, converted nor hashed."
    ),
    "offsets_beyond_14h": (
        "Timestamps in JSON-LD with an offset beyond ±14:00 pass the JSON Schema (RFC 3339) but "
        "are an ERROR by default, as in XML (the XSD DateTimeStamp allows -14:00 to +14:00)."
    ),
    "json_duplicate_keys": (
        "A key repeated in one JSON object is an ERROR (a WARNING with schema_only, which the "
        "JSON Schema cannot see): JSON parsers keep one of the values, so data would be lost."
    ),
    "undeclared_prefix": (
        "A CURIE-looking extension key whose prefix the @context does not declare is an ERROR: "
        "its namespace (and so its meaning and its event hash) is unknown."
    ),
    "wrapper_attributes": (
        "Attributes on EPCISHeader, EPCISBody, EventList, resultsBody, extension or baseExtension "
        "(allowed by the XSD's anyAttribute) are an ERROR (EPCIS.XML_WRAPPER_ATTRIBUTE) by "
        "default: these wrappers are not part of the data model, so no conversion keeps them."
    ),
    "ilmd": (
        "ObjectEvent ilmd with action OBSERVE/DELETE is an ERROR in both syntaxes (the JSON "
        "Schema rejects it; the XSD cannot express it)."
    ),
}
"""Where the XSD, JSON Schema and SHACL disagree, and what :func:`validate` does."""

#: UN/ECE Recommendation 20 codes that vntrace knows by name: a short, hand-written list of units
#: common in traceability data (KGM, CEL, LUX, KMH, A93, MTS, DD of the GS1 examples; mass,
#: volume, length, time, temperature, energy). No copy of the full Rec 20 code list is available
#: offline, so this list was not checked against it. Other codes are checked against the pattern
#: ``^[A-Z0-9]{2,3}$`` (an error when it fails) and reported as INFO ``EPCIS.UOM_NOT_IN_TABLE``.
COMMON_REC20_UNITS: Final[Mapping[str, str]] = {
    "KGM": "kilogram",
    "GRM": "gram",
    "MGM": "milligram",
    "TNE": "tonne (metric ton)",
    "LTR": "litre",
    "MLT": "millilitre",
    "MTR": "metre",
    "CMT": "centimetre",
    "MMT": "millimetre",
    "KMT": "kilometre",
    "MTK": "square metre",
    "MTQ": "cubic metre",
    "H87": "piece",
    "C62": "one",
    "CEL": "degree Celsius",
    "FAH": "degree Fahrenheit",
    "KEL": "kelvin",
    "KMH": "kilometre per hour",
    "MTS": "metre per second",
    "LUX": "lux",
    "A93": "gram per cubic metre",
    "DD": "degree [unit of angle]",
    "P1": "percent",
    "SEC": "second [unit of time]",
    "MIN": "minute [unit of time]",
    "HUR": "hour",
    "DAY": "day",
    "PAL": "pascal",
    "BAR": "bar [unit of pressure]",
    "VLT": "volt",
    "AMP": "ampere",
    "WTT": "watt",
    "KWH": "kilowatt hour",
    "HTZ": "hertz",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidateOptions:
    """Switches of :func:`validate`; the defaults are strict.

    >>> ValidateOptions(permit_cbv_urn_in_json=True).permit_cbv_urn_in_json
    True
    """

    permit_cbv_urn_in_json: bool = False
    """Report CBV URNs / legacy CBV URIs in JSON-LD as a warning instead of an error."""
    check_identifiers: bool = True
    """Check EPC URN grammar and GS1 Digital Link URIs in identifier fields."""
    schema_only: bool = False
    """Only what the official XSD (XML) or JSON Schema (JSON-LD) checks, with the same verdict:
    no CBV membership beyond the schema's enums, no identifier grammar, no Rec 20 table, no
    JSON-LD context checks, and persistentDisposition placement as the schema says."""
    max_findings: int = 10_000
    """Stop collecting after this many findings (one ``EPCIS.TOO_MANY_FINDINGS`` is added)."""
    allow_bare_event: bool = False
    """Accept a single event without its document (the capture API's form) with a note
    (``EPCIS.XML_BARE_EVENT`` in XML) instead of the error ``EPCIS.BARE_EVENT``. By default a
    bare event is an error, as for :func:`~vntrace.epcis.load`, ``convert_file`` and the event
    hash, which need a document (its ``creationDate`` cannot be invented)."""
    max_input_bytes: int | None = None
    """Refuse inputs larger than this many bytes (``EPCIS.INPUT_TOO_LARGE``); no limit by
    default, since XML is validated as it streams."""


DEFAULT_OPTIONS: Final = ValidateOptions()


class _Stop(Exception):
    pass


@dataclass(slots=True)
class _Ctx:
    options: ValidateOptions
    syntax: str
    findings: list[Finding] = field(default_factory=list)
    row: int | None = None
    prefixes: dict[str, str] = field(default_factory=dict)
    uses_gs1_context: bool = False

    def add(
        self,
        code: str,
        path: str,
        severity: Severity = ERROR,
        **params: ParamValue,
    ) -> None:
        if len(self.findings) >= self.options.max_findings:
            self.findings.append(
                Finding("EPCIS.TOO_MANY_FINDINGS", WARNING, {"limit": self.options.max_findings})
            )
            raise _Stop
        self.findings.append(Finding(code, severity, params, Location(row=self.row, field=path)))


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


Source = str | os.PathLike[str] | bytes | bytearray | IO[bytes]
"""What :func:`validate` reads: a path (a ``str`` is always a path), the document as bytes, or a
binary file object."""


def validate(
    source: Source,
    *,
    options: ValidateOptions | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Finding]:
    """Validate an EPCIS document (XML or JSON-LD) read from a file.

    ``source`` is a path (``str`` or :class:`~os.PathLike`: a ``str`` is always a file name,
    never document text — use :func:`validate_text` for that), the document as ``bytes`` or a
    binary file object. Returns the findings (errors, warnings, notes); an empty list means
    valid. Never raises on bad input: a missing or unreadable file, malformed or hostile
    XML/JSON become findings.

    Both syntaxes are validated as they are read, one event at a time: memory depends on the
    largest event, not on the document (a 1 GB file is fine). ``progress``, if given, is
    called with the number of bytes read so far.

    >>> [f.code for f in validate(b'{"type": "EPCISDocument"}')][:3]
    ['EPCIS.MISSING_FIELD', 'EPCIS.MISSING_FIELD', 'EPCIS.MISSING_FIELD']
    >>> validate(b"not a document")[0].code
    'EPCIS.UNKNOWN_FORMAT'
    >>> found = validate("/no/such/file.xml")
    >>> found[0].code, found[0].params["path"]
    ('EPCIS.INPUT_NOT_FOUND', '/no/such/file.xml')
    """
    opts = options or DEFAULT_OPTIONS
    path_name: str | None = None
    handle: IO[bytes]
    owned = False
    if isinstance(source, (bytes, bytearray, memoryview)):
        handle = io.BytesIO(bytes(source))
    elif isinstance(source, (str, os.PathLike)):
        path_name = path_text(source)
        try:
            handle = open_path(source)
        except EpcisError as exc:
            return list(exc.findings)
        owned = True
    elif callable(getattr(source, "read", None)):
        handle = source
    else:  # None, a number…: nothing to read
        return [Finding("EPCIS.INPUT_NOT_A_PATH", params={"type": type(source).__name__})]
    try:
        findings = _validate_stream(handle, opts, progress)
    finally:
        if owned:
            handle.close()
    if path_name is not None:
        return [f.with_location(path=path_name) for f in findings]
    return findings


def validate_text(
    data: str | bytes | bytearray, *, options: ValidateOptions | None = None
) -> list[Finding]:
    """Validate an EPCIS document given as text or bytes (never taken as a file name).

    >>> doc = '''{"@context": "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
    ...   "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-07-22T10:30:00Z",
    ...   "epcisBody": {"eventList": []}}'''
    >>> validate_text(doc)
    []
    >>> validate_text("/etc/passwd")[0].code
    'EPCIS.UNKNOWN_FORMAT'
    """
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    elif not isinstance(data, (bytes, bytearray)):
        return [Finding("EPCIS.INPUT_NOT_A_PATH", params={"type": type(data).__name__})]
    return validate(bytes(data), options=options)


class _TooLarge(Exception):
    pass


class _NotBinary(Exception):
    pass


class _Reader:
    """A binary stream that counts what is read, stops at the size limit and reports progress."""

    def __init__(
        self, raw: IO[bytes], limit: int | None, progress: Callable[[int], None] | None
    ) -> None:
        self.raw = raw
        self.limit = limit
        self.progress = progress
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        if not isinstance(data, bytes):  # a file opened in text mode
            raise _NotBinary
        self.count += len(data)
        if self.limit is not None and self.count > self.limit:
            raise _TooLarge
        if self.progress is not None:
            self.progress(self.count)
        return data


_HEAD_BYTES: Final = 4096


def _validate_stream(
    handle: IO[bytes], opts: ValidateOptions, progress: Callable[[int], None] | None
) -> list[Finding]:
    ctx = _Ctx(opts, "json")
    reader = _Reader(handle, opts.max_input_bytes, progress)
    try:
        head = reader.read(_HEAD_BYTES)
        _validate_head(head, reader, ctx)
    except _Stop:
        pass
    except _NotBinary:
        name = f"{type(handle).__name__} (text mode)"
        ctx.findings.append(Finding("EPCIS.INPUT_NOT_A_PATH", params={"type": name}))
    except _TooLarge:
        ctx.findings.append(
            Finding("EPCIS.INPUT_TOO_LARGE", params={"limit": opts.max_input_bytes})
        )
    except RecursionError:
        ctx.findings.append(Finding("EPCIS.TOO_DEEP", params={}))
    except (OSError, ValueError) as exc:  # the file became unreadable half-way (EIO, closed)
        detail = os_reason(exc)
        ctx.findings.append(
            Finding("EPCIS.INPUT_UNREADABLE", params={"path": "-", "detail": detail})
        )
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"; tests assert this never happens
        ctx.findings.append(
            Finding("EPCIS.VALIDATOR_FAILURE", params={"error": type(exc).__name__})
        )
    return ctx.findings


def _validate_head(head: bytes, reader: _Reader, ctx: _Ctx) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (or UTF-32 LE) byte order mark
        text = head.decode("utf-16", "replace").lstrip("\ufeff \t\r\n")
        if text.startswith("<"):
            ctx.syntax = "xml"
            _validate_xml(head, reader, ctx)
        else:  # JSON exchanged between systems must be UTF-8 (RFC 8259, section 8.1)
            ctx.add("EPCIS.INVALID_ENCODING", "", position=0)
        return
    body = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    while not body and head:  # leading white space longer than the first read
        head = reader.read(_HEAD_BYTES)
        body = head.lstrip(b" \t\r\n")
    first = body[:1]
    if first == b"<":
        ctx.syntax = "xml"
        _validate_xml(head, reader, ctx)
    elif first in {b"{", b"["}:
        ctx.syntax = "json"
        _validate_json_stream(body, reader, ctx)
    else:
        ctx.add("EPCIS.UNKNOWN_FORMAT", "")


def attr_items(el: Any) -> list[tuple[str, str]]:
    """The attributes of an lxml element as ``(clark name, value)`` pairs, in document order.

    ``el.attrib.items()`` looks every value up by name (quadratic in the number of attributes);
    the XPath ``@*`` walk is linear. Same helper as ``vntrace.epcis._io.attr_items``, which
    this light module does not import.
    """
    if len(el.attrib) <= _FEW_ATTRIBUTES:
        return [(str(k), str(v)) for k, v in el.attrib.items()]
    return [(str(v.attrname), str(v)) for v in el.xpath("@*")]


_FEW_ATTRIBUTES: Final = 32


# ---------------------------------------------------------------------------------------------
# Shared value checks
# ---------------------------------------------------------------------------------------------

_U = r"[A-Za-z0-9\-._~]|%[0-9A-Fa-f]{2}|[!$&'()*+,;=]"  # unreserved, pct-encoded, sub-delims
_PCHAR = rf"(?:{_U}|[:@])"
_HOST = rf"(?:\[[0-9A-Fa-f:.]+\]|\[[vV][0-9A-Fa-f]+\.(?:{_U}|:)+\]|(?:{_U})*)"
_AUTHORITY = rf"(?:(?:{_U}|:)*@)?{_HOST}(?::[0-9]*)?"
_HIER = (
    rf"(?://{_AUTHORITY}(?:/{_PCHAR}*)*|/(?:{_PCHAR}+(?:/{_PCHAR}*)*)?|{_PCHAR}+(?:/{_PCHAR}*)*|)"
)
_URI_RE = re.compile(
    rf"[A-Za-z][A-Za-z0-9+.\-]*:{_HIER}(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?"
)
_RFC3339_RE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?"
    r"(Z|[+-]([0-9]{2}):([0-9]{2}))"
)
_TZ_RE = re.compile(r"[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00)")
_UOM_RE = re.compile(r"[A-Z0-9]{2,3}")
_HEX_RE = re.compile(r"[A-Fa-f0-9]+")
_VERSION_RE = re.compile(r"[0-9]+(\.[0-9]+)*")
_CURIE_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_.\-]*):([^/].*)?")
_KNOWN_SCHEMES: Final = frozenset({"urn", "http", "https", "ni", "tag", "mailto", "did", "data"})


def is_uri(value: str) -> bool:
    """``True`` for an absolute URI (RFC 3986; what JSON Schema ``format: uri`` accepts).

    >>> is_uri("urn:epc:id:sgtin:0614141.107346.2017"), is_uri("ex:a"), is_uri("materialType")
    (True, True, False)
    """
    if _URI_RE.fullmatch(value) is None:
        return False
    if "[" not in value:
        return True
    literal = value[value.index("[") + 1 : value.index("]")]
    if literal[:1] in {"v", "V"}:
        return True
    try:
        ipaddress.IPv6Address(literal)
    except ValueError:
        return False
    return True


def _valid_date(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _is_rfc3339(value: str) -> bool:
    m = _RFC3339_RE.fullmatch(value)
    if m is None:
        return False
    y, mo, d, h, mi, s = (int(m.group(i)) for i in range(1, 7))
    if not _valid_date(y, mo, d) or h > 23 or mi > 59 or s > 59:
        return False
    return m.group(9) is None or (int(m.group(9)) <= 23 and int(m.group(10)) <= 59)


# ---------------------------------------------------------------------------------------------
# JSON-LD
# ---------------------------------------------------------------------------------------------


def _pairs_hook(
    duplicates: dict[str, None],
) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out and len(duplicates) < 100:
                duplicates[key] = None
            out[key] = value
        return out

    return hook


def _bad_constant(name: str) -> Any:
    raise ValueError(name)


def _finite_float(text: str) -> float:
    """A JSON number beyond the double range (``1e999``) would be read as ``inf``: reject it."""
    value = float(text)
    if value - value != 0.0:
        msg = f"number out of range: {text[:40]}"
        raise ValueError(msg)
    return value


class _JsonError(Exception):
    """Malformed JSON at a place of the document (line and column from 1)."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.line, self.column = reason, line, column


class _BadEncoding(Exception):
    def __init__(self, position: int) -> None:
        super().__init__(position)
        self.position = position


_WS: Final = re.compile(r"[ \t\n\r]*")
_EVENT_LIST_PATHS: Final = (
    ("epcisBody", "eventList"),
    ("epcisBody", "queryResults", "resultsBody", "eventList"),
)
_READ_SIZE: Final = 1 << 16
_NUMBER_CHARS: Final = frozenset("0123456789+-.eE")


class _JsonStream:
    """Reads one JSON document from a byte stream, value by value, keeping only the value being
    read (and the part of the document not consumed yet) in memory."""

    def __init__(self, first: bytes, reader: _Reader, duplicates: dict[str, None]) -> None:
        import codecs  # noqa: PLC0415

        self.reader = reader
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.bytes_seen = 0
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.lines_before = 0  # newlines in text already dropped from the buffer
        self.col_base = 0  # characters since the last dropped newline
        self.duplicates = duplicates
        self.json = json.JSONDecoder(
            object_pairs_hook=_pairs_hook(duplicates),
            parse_constant=_bad_constant,
            parse_float=_finite_float,
        )
        self._feed(first)

    # -- buffer ----------------------------------------------------------------------------------
    def _feed(self, data: bytes) -> None:
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise _BadEncoding(self.bytes_seen + exc.start) from None
        self.bytes_seen += len(data)
        if not data:
            self.eof = True
        self._drop()
        self.buf += text

    def more(self, at_least: int = _READ_SIZE) -> bool:
        """Read more of the stream; ``False`` at its end."""
        if self.eof:
            return False
        self._feed(self.reader.read(max(at_least, _READ_SIZE)))
        return True

    def _drop(self) -> None:
        """Forget the consumed text, keeping line/column bookkeeping."""
        if self.pos == 0:
            return
        gone = self.buf[: self.pos]
        newlines = gone.count("\n")
        if newlines:
            self.lines_before += newlines
            self.col_base = len(gone) - gone.rfind("\n") - 1
        else:
            self.col_base += len(gone)
        self.buf = self.buf[self.pos :]
        self.pos = 0

    def where(self, pos: int) -> tuple[int, int]:
        head = self.buf[:pos]
        newlines = head.count("\n")
        if newlines:
            return self.lines_before + newlines + 1, pos - head.rfind("\n")
        return self.lines_before + 1, self.col_base + pos + 1

    def fail(self, reason: str, pos: int | None = None) -> NoReturn:
        line, column = self.where(self.pos if pos is None else pos)
        raise _JsonError(reason, line, column)

    # -- tokens ----------------------------------------------------------------------------------
    def peek(self) -> str:
        """The next significant character ('' at the end), white space skipped."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            self.fail(f"Expecting '{char}'")
        self.pos += 1

    def value(self) -> Any:
        """Decode the next JSON value, reading more while it is incomplete."""
        self.peek()
        want = _READ_SIZE
        while True:
            try:
                value, end = self.json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if not self._truncated(exc) or not self.more(want):
                    self.fail(exc.msg, exc.pos)
                want *= 2  # a long value: read in growing steps (linear, not quadratic)
                continue
            except ValueError as exc:  # NaN/Infinity, numbers out of range, huge integers
                raise _JsonError(str(exc)[:80]) from None
            # a number at the end of the buffer may continue in the next chunk ("1" of "1e5")
            if (
                self.buf[self.pos] not in '{["'
                and (end == len(self.buf) or self.buf[end] in _NUMBER_CHARS)
                and self.more()
            ):
                continue
            self.pos = end
            return value

    def _truncated(self, exc: json.JSONDecodeError) -> bool:
        if self.eof:
            return False
        if exc.msg.startswith("Unterminated string"):
            return True
        return exc.pos >= len(self.buf) - 6  # the longest escape: \uXXXX

    def key(self) -> str:
        if self.peek() != '"':
            self.fail("Expecting property name enclosed in double quotes")
        key = self.value()
        self.expect(":")
        return str(key)


def _validate_json_stream(first: bytes, reader: _Reader, ctx: _Ctx) -> None:
    """Validate a JSON-LD document as it is read: each event of the event list is checked as
    soon as it is decoded and then dropped; the rest of the document is kept (it is small)."""
    duplicates: dict[str, None] = {}
    try:
        stream = _JsonStream(first, reader, duplicates)
        if stream.peek() != "{":
            doc: Any = stream.value()
            listed: list[Any] | None = None
        else:
            doc, listed = _stream_document(stream, ctx)
        if stream.peek() != "":
            stream.fail("Extra data")
    except _BadEncoding as exc:
        ctx.findings.clear()
        ctx.add("EPCIS.INVALID_ENCODING", "", position=exc.position)
        return
    except _JsonError as exc:
        ctx.findings.clear()  # a malformed document: its partial findings would mislead
        ctx.add("EPCIS.MALFORMED_JSON", "", line=exc.line, column=exc.column, reason=exc.reason)
        return
    if listed is not None:  # events met before the @context: checked now, with its prefixes
        _collect_prefixes(doc.get("@context"), ctx.prefixes)
        _note_gs1_context(doc.get("@context"), ctx)
        _check_events(listed, ctx)
    _validate_json_doc(doc, list(duplicates), ctx)


def _stream_document(stream: _JsonStream, ctx: _Ctx) -> tuple[dict[str, Any], list[Any] | None]:
    doc: dict[str, Any] = {}
    pending: list[Any] | None = None
    state = {"context_seen": False, "pending": pending}

    def member(obj: dict[str, Any], key: str, path: tuple[str, ...]) -> None:
        if key in obj:
            stream.duplicates[key] = None
        here = (*path, key)
        prefixes = [p for p in _EVENT_LIST_PATHS if p[: len(here)] == here]
        char = stream.peek()
        if prefixes and len(prefixes[0]) > len(here) and char == "{":
            obj[key] = read_object(here)
        elif prefixes and len(prefixes[0]) == len(here) and char == "[":
            obj[key] = []
            read_events("/" + "/".join(here))
        else:
            obj[key] = stream.value()
            if here == ("@context",):
                _collect_prefixes(obj[key], ctx.prefixes)
                _note_gs1_context(obj[key], ctx)
                state["context_seen"] = True

    def read_object(path: tuple[str, ...]) -> dict[str, Any]:
        obj: dict[str, Any] = {}
        stream.expect("{")
        if stream.peek() == "}":
            stream.pos += 1
            return obj
        while True:
            member(obj, stream.key(), path)
            char = stream.peek()
            stream.pos += 1
            if char == "}":
                return obj
            if char != ",":
                stream.fail("Expecting ',' delimiter", stream.pos - 1)

    def read_events(ptr: str) -> None:
        stream.expect("[")
        index = 0
        if stream.peek() == "]":
            stream.pos += 1
            return
        while True:
            event = stream.value()
            if state["context_seen"]:
                _check_event(event, index, ptr, ctx)
            else:
                if state["pending"] is None:
                    state["pending"] = []
                state["pending"].append((event, index, ptr))  # type: ignore[union-attr]
            index += 1
            char = stream.peek()
            stream.pos += 1
            if char == "]":
                return
            if char != ",":
                stream.fail("Expecting ',' delimiter", stream.pos - 1)

    doc = read_object(())
    return doc, state["pending"]  # type: ignore[return-value]


def _check_event(event: Any, index: int, ptr: str, ctx: _Ctx) -> None:
    outer = ctx.row
    ctx.row = index
    try:
        _json_event(event, json_pointer(ptr, index), ctx)
    finally:
        ctx.row = outer


def _check_events(pending: list[Any], ctx: _Ctx) -> None:
    for event, index, ptr in pending:
        _check_event(event, index, ptr, ctx)


def _validate_json(body: bytes, ctx: _Ctx) -> None:
    """Validate a whole JSON-LD document given as bytes (see :func:`_validate_json_stream`)."""
    reader = _Reader(io.BytesIO(b""), None, None)
    _validate_json_stream(body, reader, ctx)


def _validate_json_doc(doc: Any, duplicates: list[str], ctx: _Ctx) -> None:
    for key in dict.fromkeys(duplicates):
        # the JSON Schema cannot see repeated keys: only a warning for the schema verdict
        severity = WARNING if ctx.options.schema_only else ERROR
        ctx.add("EPCIS.JSON_DUPLICATE_KEY", "", severity, key=key[:100])
    if not isinstance(doc, dict):
        ctx.add("EPCIS.INVALID_TYPE", "", expected="object", got=json_type(doc))
        return
    _collect_prefixes(doc.get("@context"), ctx.prefixes)
    _check_protected_terms(doc.get("@context"), json_pointer("", "@context"), ctx)
    doc_type = doc.get("type")
    if doc_type == "EPCISDocument":
        _json_object(doc, "epcisDocument", "", ctx)
        _json_unkept_members(doc, query=False, ctx=ctx)
    elif doc_type == "EPCISQueryDocument":
        _json_object(doc, "epcisQueryDocument", "", ctx)
        _json_unkept_members(doc, query=True, ctx=ctx)
    elif "type" not in doc:
        ctx.add("EPCIS.MISSING_FIELD", "", field="type")
    else:
        ctx.row = 0
        if not ctx.options.allow_bare_event and not ctx.options.schema_only:
            ctx.add("EPCIS.BARE_EVENT", "", element=str(doc_type)[:100])
        if "@context" not in doc:
            ctx.add("EPCIS.MISSING_FIELD", "", field="@context")
        _json_event(doc, "", ctx)


def _json_unkept_members(doc: dict[str, Any], *, query: bool, ctx: _Ctx) -> None:
    """Extension keys in objects the data model has no extensions for (``epcisBody`` …): the
    schema allows them, but ``load`` refuses them rather than drop them; bare keys are already
    ``UNEXPECTED_FIELD``."""
    if ctx.options.schema_only:
        return
    from vntrace.epcis.jsonld import WRAPPER_MEMBERS  # noqa: PLC0415 - the reader's own table

    header = doc.get("epcisHeader")
    body = doc.get("epcisBody")
    results = body.get("queryResults") if isinstance(body, dict) and query else None
    objects = {
        "/epcisHeader/epcisMasterData": header.get("epcisMasterData")
        if isinstance(header, dict)
        else None,
        "/epcisBody": body,
        "/epcisBody/queryResults": results,
        "/epcisBody/queryResults/resultsBody": results.get("resultsBody")
        if isinstance(results, dict)
        else None,
    }
    for where, obj in objects.items():
        if not isinstance(obj, dict):
            continue
        allowed = {"queryResults", "@context"} if where == "/epcisBody" and query else None
        for key in obj:
            if ":" in key and key not in (allowed or WRAPPER_MEMBERS[where]):
                ctx.add("EPCIS.IO_KEY_NOT_KEPT", json_pointer(where, key), key=key, container=where)


def _collect_prefixes(context: Any, into: dict[str, str]) -> None:
    items = context if isinstance(context, list) else [context]
    for item in items:
        if isinstance(item, dict):
            for key, value in item.items():
                if isinstance(value, str) and isinstance(key, str) and not key.startswith("@"):
                    into[key] = value
                elif isinstance(value, dict) and isinstance(value.get("@id"), str):
                    into[key] = value["@id"]


def _note_gs1_context(context: Any, ctx: _Ctx) -> None:
    """Remember that the document uses the (protected) GS1 context."""
    items = context if isinstance(context, list) else [context]
    if any(isinstance(item, str) and "epcis-context" in item for item in items):
        ctx.uses_gs1_context = True


def _check_protected_terms(context: Any, ptr: str, ctx: _Ctx) -> None:
    """The GS1 context is ``@protected``: redefining one of its terms is a JSON-LD error.

    Re-declaring a standard prefix with the same IRI is allowed (an identical definition).
    """
    if ctx.options.schema_only:
        return
    _note_gs1_context(context, ctx)
    if not isinstance(context, list) or not ctx.uses_gs1_context:
        return
    from vntrace.epcis._cbvtable import CONTEXT_TERMS  # noqa: PLC0415 - lazy
    from vntrace.epcis.cbv import CONTEXT_PREFIXES  # noqa: PLC0415 - lazy

    for i, item in enumerate(context):
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            same_prefix = CONTEXT_PREFIXES.get(key) == value
            if (key in CONTEXT_PREFIXES and not same_prefix) or key in CONTEXT_TERMS:
                ctx.add(
                    "EPCIS.CONTEXT_PROTECTED_TERM",
                    json_pointer(json_pointer(ptr, i), key),
                    term=key,
                )


def _json_shapes() -> Mapping[str, tuple[Any, ...]]:
    from vntrace.epcis._structure import JSON_SHAPES  # noqa: PLC0415 - large table, load lazily

    return JSON_SHAPES


def _json_object(value: Any, shape_name: str, ptr: str, ctx: _Ctx) -> None:
    if not isinstance(value, dict):
        ctx.add("EPCIS.INVALID_TYPE", ptr, expected="object", got=json_type(value))
        return
    props, required, closed, extensible = _json_shapes()[shape_name]
    for name in required:
        if name not in value:
            code = "EPCIS.MISSING_ACTION" if name == "action" else "EPCIS.MISSING_FIELD"
            ctx.add(code, ptr, field=name)
    for key, item in value.items():
        kind = props.get(key)
        if kind is not None:
            _json_value(item, kind, json_pointer(ptr, key), ctx)
        elif closed or (not is_uri(key) and (extensible or not ctx.options.schema_only)):
            # an open object (readPoint …) takes any key in the JSON Schema, but a bare word has
            # no namespace: no EPCIS field, no extension, nothing a conversion could keep
            ctx.add("EPCIS.UNEXPECTED_FIELD", json_pointer(ptr, key), field=key)
        elif extensible or is_uri(key):  # open objects too: the prefix must be known to load
            _check_extension_key(key, json_pointer(ptr, key), ctx, item)


def _check_extension_key(key: str, ptr: str, ctx: _Ctx, value: Any = None) -> None:
    """An extension key must have a known namespace; so must the keys nested in its value."""
    if value is not None and not ctx.options.schema_only:
        _check_extension_value(value, ptr, ctx)
    m = _CURIE_RE.fullmatch(key)
    if m is None:
        return
    prefix = m.group(1)
    if prefix in ctx.prefixes or prefix.lower() in _KNOWN_SCHEMES:
        return
    from vntrace.epcis.cbv import CONTEXT_PREFIXES  # noqa: PLC0415 - lazy

    if prefix not in CONTEXT_PREFIXES:
        # an ERROR (load refuses it); the JSON Schema only sees a URI-shaped key
        severity = WARNING if ctx.options.schema_only else ERROR
        ctx.add("EPCIS.UNDECLARED_PREFIX", ptr, severity, prefix=prefix, key=key)


def _check_extension_value(value: Any, ptr: str, ctx: _Ctx) -> None:
    if isinstance(value, list):
        for i, item in enumerate(value):
            _check_extension_value(item, json_pointer(ptr, i), ctx)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key.startswith("@"):  # JSON-LD keywords (@value, @type …)
                continue
            if is_uri(key):
                _check_extension_key(key, json_pointer(ptr, key), ctx, item)
            else:  # a bare word inside an extension value: kept as it is (the value's own key)
                _check_extension_value(item, json_pointer(ptr, key), ctx)


def _json_value(value: Any, kind: Any, ptr: str, ctx: _Ctx) -> None:
    if isinstance(kind, tuple):
        if kind[0] == "const":
            if value not in kind[1]:
                ctx.add("EPCIS.INVALID_VALUE", ptr, value=str(value)[:100], expected=kind[1][0])
            return
        _, item_kind, min_items, unique = kind
        if not isinstance(value, list):
            ctx.add("EPCIS.INVALID_TYPE", ptr, expected="array", got=json_type(value))
            return
        if len(value) < min_items:
            ctx.add("EPCIS.TOO_FEW_ITEMS", ptr, minimum=min_items)
        if unique:
            seen: set[str] = set()
            for i, item in enumerate(value):
                marker = json.dumps(item, sort_keys=True)
                if marker in seen:
                    ctx.add("EPCIS.DUPLICATE_ITEM", json_pointer(ptr, i), value=str(item)[:100])
                seen.add(marker)
        for i, item in enumerate(value):
            _json_value(item, item_kind, json_pointer(ptr, i), ctx)
        return
    if kind.startswith("obj:"):
        _json_object(value, kind[4:], ptr, ctx)
        return
    check = _JSON_KINDS.get(kind)
    if check is not None:
        check(value, ptr, ctx)


def _want_str(value: Any, ptr: str, ctx: _Ctx) -> bool:
    if isinstance(value, str):
        return True
    ctx.add("EPCIS.INVALID_TYPE", ptr, expected="string", got=json_type(value))
    return False


def _j_uri(value: Any, ptr: str, ctx: _Ctx) -> None:
    if _want_str(value, ptr, ctx) and not is_uri(value):
        ctx.add("EPCIS.INVALID_URI", ptr, value=value[:200])


def _j_uris(value: Any, ptr: str, ctx: _Ctx) -> None:
    if isinstance(value, list):
        for i, item in enumerate(value):
            _j_uri(item, json_pointer(ptr, i), ctx)
    else:
        _j_uri(value, ptr, ctx)


def _j_time(value: Any, ptr: str, ctx: _Ctx) -> None:
    if not _want_str(value, ptr, ctx):
        return
    if not _is_rfc3339(value) or (not ctx.options.schema_only and _beyond_14h(value)):
        ctx.add("EPCIS.INVALID_TIMESTAMP", ptr, value=value[:100])


def _beyond_14h(value: str) -> bool:
    """An offset beyond ±14:00: RFC 3339 allows it, the EPCIS XSD ``DateTimeStamp`` does not."""
    if value.endswith(("Z", "z")):
        return False
    hours, minutes = int(value[-5:-3]), int(value[-2:])
    return hours * 60 + minutes > 14 * 60


def _j_string(value: Any, ptr: str, ctx: _Ctx) -> None:
    _want_str(value, ptr, ctx)


def _j_number(value: Any, ptr: str, ctx: _Ctx) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        ctx.add("EPCIS.INVALID_TYPE", ptr, expected="number", got=json_type(value))


def _j_boolean(value: Any, ptr: str, ctx: _Ctx) -> None:
    if not isinstance(value, bool):
        ctx.add("EPCIS.INVALID_TYPE", ptr, expected="boolean", got=json_type(value))


def _j_hex(value: Any, ptr: str, ctx: _Ctx) -> None:
    if _want_str(value, ptr, ctx) and _HEX_RE.fullmatch(value) is None:
        ctx.add("EPCIS.INVALID_VALUE", ptr, value=value[:100], expected="hexBinary")


def _j_version(value: Any, ptr: str, ctx: _Ctx) -> None:
    if _want_str(value, ptr, ctx) and _VERSION_RE.fullmatch(value) is None:
        ctx.add("EPCIS.INVALID_VALUE", ptr, value=value[:100], expected="version")


def _j_context(value: Any, ptr: str, ctx: _Ctx) -> None:
    items = value if isinstance(value, list) else [value]
    if isinstance(value, list):
        markers = [json.dumps(v, sort_keys=True) for v in value]
        if len(set(markers)) != len(markers):
            ctx.add("EPCIS.DUPLICATE_ITEM", ptr, value="@context")
    for i, item in enumerate(items):
        where = json_pointer(ptr, i) if isinstance(value, list) else ptr
        if isinstance(item, str):
            if not is_uri(item):
                ctx.add("EPCIS.INVALID_URI", where, value=item[:200])
        elif not isinstance(item, dict):
            ctx.add("EPCIS.INVALID_TYPE", where, expected="object", got=json_type(item))


def _j_action(value: Any, ptr: str, ctx: _Ctx) -> None:
    if not isinstance(value, str) or value not in {"ADD", "OBSERVE", "DELETE"}:
        ctx.add("EPCIS.INVALID_ACTION", ptr, value=str(value)[:100])


def _j_ilmd(value: Any, ptr: str, ctx: _Ctx) -> None:
    if not isinstance(value, dict):
        ctx.add("EPCIS.INVALID_TYPE", ptr, expected="object", got=json_type(value))
        return
    for key, item in value.items():
        if not is_uri(key):
            ctx.add("EPCIS.EXTENSION_KEY_NOT_URI", json_pointer(ptr, key), key=key)
        else:
            _check_extension_key(key, json_pointer(ptr, key), ctx, item)


def _j_events(value: Any, ptr: str, ctx: _Ctx) -> None:
    if not isinstance(value, list):
        ctx.add("EPCIS.INVALID_TYPE", ptr, expected="array", got=json_type(value))
        return
    outer = ctx.row
    for i, event in enumerate(value):
        ctx.row = i
        _json_event(event, json_pointer(ptr, i), ctx)
    ctx.row = outer


_JSON_KINDS: Final[dict[str, Callable[[Any, str, _Ctx], None]]] = {
    "uri": _j_uri,
    "uris": _j_uris,
    "time": _j_time,
    "string": _j_string,
    "number": _j_number,
    "boolean": _j_boolean,
    "hex": _j_hex,
    "version": _j_version,
    "context": _j_context,
    "action": _j_action,
    "ilmd": _j_ilmd,
    "events": _j_events,
    "tz": _j_string,  # pattern: event rules (shared with XML)
    "uom": _j_string,  # pattern: event rules (shared with XML)
}
for _vocab_kind in (
    "bizStep",
    "disposition",
    "bizTransactionType",
    "sourceDestType",
    "errorReason",
    "component",
    "measurementType",
    "sensorAlertType",
):
    _JSON_KINDS[f"vocab:{_vocab_kind}"] = _j_string  # membership: event rules (shared with XML)


def _json_event(event: Any, ptr: str, ctx: _Ctx) -> None:
    if not isinstance(event, dict):
        ctx.add("EPCIS.INVALID_TYPE", ptr, expected="object", got=json_type(event))
        return
    event_type = event.get("type")
    local_prefixes = dict(ctx.prefixes)
    _collect_prefixes(event.get("@context"), ctx.prefixes)
    _check_protected_terms(event.get("@context"), json_pointer(ptr, "@context"), ctx)
    try:
        if event_type in EVENT_TYPES:
            _json_event_shape(event, str(event_type), ptr, ctx)
            _event_rules(event, _JsonLoc(ptr), ctx)
        elif "type" not in event:
            ctx.add("EPCIS.MISSING_FIELD", ptr, field="type")
        elif isinstance(event_type, str) and is_uri(event_type):
            if not ctx.options.schema_only:
                ctx.add(
                    "EPCIS.EXTENSION_EVENT_TYPE", json_pointer(ptr, "type"), value=event_type[:100]
                )
            _json_common_event(event, ptr, ctx)
        else:
            ctx.add(
                "EPCIS.UNKNOWN_EVENT_TYPE", json_pointer(ptr, "type"), value=str(event_type)[:100]
            )
    finally:
        ctx.prefixes = local_prefixes


def _json_event_shape(event: dict[str, Any], event_type: str, ptr: str, ctx: _Ctx) -> None:
    props, required, _, _ = _json_shapes()[event_type]
    for name in required:
        if name not in event:
            code = "EPCIS.MISSING_ACTION" if name == "action" else "EPCIS.MISSING_FIELD"
            ctx.add(code, ptr, field=name)
    for key, item in event.items():
        kind = props.get(key)
        where = json_pointer(ptr, key)
        if kind is not None:
            _json_value(item, kind, where, ctx)
        elif key == "persistentDisposition" and ctx.options.schema_only:
            ctx.add("EPCIS.UNEXPECTED_FIELD", where, field=key)
        elif key == "persistentDisposition":  # disputed: accepted everywhere, warned by the rules
            _json_value(item, "obj:persistentDisposition", where, ctx)
        elif key == "action" and event_type == "TransformationEvent":
            ctx.add("EPCIS.ACTION_NOT_ALLOWED", where)
        elif key == "ilmd":
            ctx.add("EPCIS.ILMD_NOT_ALLOWED", where, event_type=event_type, action=None)
        elif not is_uri(key):
            ctx.add("EPCIS.UNEXPECTED_FIELD", where, field=key)
        else:
            _check_extension_key(key, where, ctx, item)


def _json_common_event(event: dict[str, Any], ptr: str, ctx: _Ctx) -> None:
    """An extended (user-defined) event type: only the common Event properties are checked."""
    props = _json_shapes()["ObjectEvent"][0]  # the common Event properties are shared
    for name in ("eventTime", "eventTimeZoneOffset"):
        if name not in event:
            ctx.add("EPCIS.MISSING_FIELD", ptr, field=name)
    common = ("eventTime", "recordTime", "eventTimeZoneOffset", "eventID", "certificationInfo")
    for key in (*common, "errorDeclaration"):
        if key in event:
            _json_value(event[key], props[key], json_pointer(ptr, key), ctx)
    tz = event.get("eventTimeZoneOffset")
    if isinstance(tz, str) and _TZ_RE.fullmatch(tz) is None:
        ctx.add(
            "EPCIS.INVALID_TIMEZONE_OFFSET", json_pointer(ptr, "eventTimeZoneOffset"), value=tz[:40]
        )


class _JsonLoc:
    __slots__ = ("base",)

    def __init__(self, base: str) -> None:
        self.base = base

    def __call__(self, *keys: str | int) -> str:
        out = self.base
        for key in keys:
            out = json_pointer(out, key)
        return out


# ---------------------------------------------------------------------------------------------
# Event rules (shared by both syntaxes, on a JSON-shaped view of the event)
# ---------------------------------------------------------------------------------------------

Loc = Callable[..., str]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _present(event: Mapping[str, Any], key: str, min_items: int = 0) -> bool:
    value = event.get(key)
    return isinstance(value, list) and len(value) >= min_items


def _event_rules(event: Mapping[str, Any], loc: Loc, ctx: _Ctx) -> None:
    schema_only = ctx.options.schema_only
    if schema_only and ctx.syntax == "xml":
        return  # the XSD content models say it all
    etype = str(event.get("type"))
    action = event.get("action") if isinstance(event.get("action"), str) else None
    delete = action == "DELETE"
    if etype == "ObjectEvent":
        if not (
            _present(event, "epcList")
            or _present(event, "quantityList", 1)
            or (_present(event, "sensorElementList", 1) and "readPoint" in event)
        ):
            ctx.add("EPCIS.MISSING_WHAT", loc(), event_type=etype)
        if "ilmd" in event and action in {"OBSERVE", "DELETE"}:
            ctx.add("EPCIS.ILMD_NOT_ALLOWED", loc("ilmd"), event_type=etype, action=action)
    elif etype == "TransactionEvent":
        if not (_present(event, "epcList") or _present(event, "quantityList", 1) or delete):
            ctx.add("EPCIS.MISSING_WHAT", loc(), event_type=etype)
    elif etype in {"AggregationEvent", "AssociationEvent"}:
        if not (
            _present(event, "childEPCs", 1) or _present(event, "childQuantityList", 1) or delete
        ):
            ctx.add("EPCIS.MISSING_CHILDREN", loc(), event_type=etype)
    elif etype == "TransformationEvent":
        has_in = _present(event, "inputEPCList", 1) or _present(event, "inputQuantityList", 1)
        has_out = _present(event, "outputEPCList", 1) or _present(event, "outputQuantityList", 1)
        if not ((has_in and has_out) or ("transformationID" in event and (has_in or has_out))):
            ctx.add("EPCIS.TRANSFORMATION_INCOMPLETE", loc(), event_type=etype)
    pd_elsewhere = etype not in {"ObjectEvent", "TransformationEvent"}
    if "persistentDisposition" in event and pd_elsewhere and not schema_only:
        ctx.add(
            "EPCIS.PERSISTENT_DISPOSITION_PLACEMENT",
            loc("persistentDisposition"),
            WARNING,
            event_type=etype,
        )
    pd = event.get("persistentDisposition")
    if isinstance(pd, dict) and "set" not in pd and "unset" not in pd:
        ctx.add("EPCIS.MISSING_FIELD", loc("persistentDisposition"), field="set")

    tz = event.get("eventTimeZoneOffset")
    if isinstance(tz, str) and _TZ_RE.fullmatch(tz.strip() if ctx.syntax == "xml" else tz) is None:
        ctx.add("EPCIS.INVALID_TIMEZONE_OFFSET", loc("eventTimeZoneOffset"), value=tz[:40])
    err = event.get("errorDeclaration")
    if ctx.syntax == "xml" and isinstance(err, dict) and "declarationTime" not in err:
        ctx.add("EPCIS.MISSING_FIELD", loc("errorDeclaration"), field="declarationTime")

    _vocabulary_rules(event, loc, ctx)
    _quantity_rules(event, loc, ctx)
    if ctx.options.check_identifiers and not schema_only:
        _identifier_rules(event, loc, ctx)


# -- CBV -----------------------------------------------------------------------------------------

#: vocabulary key of vntrace.epcis.cbv -> (name in messages, unknown CBV-namespace URI severity)
_VOCABS: Final[dict[str, tuple[str, Severity]]] = {
    "bizstep": ("bizStep", ERROR),
    "disp": ("disposition", ERROR),
    "btt": ("bizTransactionType", ERROR),
    "sdt": ("sourceDestType", ERROR),
    "er": ("errorReason", ERROR),
    "comp": ("component", WARNING),
    "measurement": ("measurementType", WARNING),
    "alert": ("sensorAlertType", WARNING),
}
_LEGACY_JSON_RE = re.compile(
    r"urn:epcglobal:cbv:|https?://ns\.gs1\.org/cbv/|https?://(www\.)?gs1\.org/voc/"
)


@cache
def _vocab_namespaces(vocab: str) -> tuple[str, ...]:
    from vntrace.epcis._cbvtable import VOCABULARIES  # noqa: PLC0415 - lazy
    from vntrace.epcis.cbv import CONTEXT_PREFIXES  # noqa: PLC0415 - lazy

    web, urn_prefix, _ = VOCABULARIES[vocab]
    spaces = [web]
    if urn_prefix is not None:
        spaces.append(urn_prefix)
    for prefix, iri in CONTEXT_PREFIXES.items():
        if web.startswith(iri):
            spaces.append(prefix + ":" + web.removeprefix(iri))
    if web.startswith("https://gs1.org/voc/"):
        tail = web.removeprefix("https://gs1.org/voc/")
        spaces.extend(
            f"{base}{tail}"
            for base in (
                "https://ref.gs1.org/voc/",
                "http://gs1.org/voc/",
                "https://www.gs1.org/voc/",
            )
        )
    return tuple(spaces)


def _check_vocab(value: Any, vocab: str, where: str, ctx: _Ctx) -> None:
    if not isinstance(value, str):
        return
    from vntrace.epcis import cbv  # noqa: PLC0415 - lazy

    name, unknown_severity = _VOCABS[vocab]
    text = value.strip() if ctx.syntax == "xml" else value
    if ctx.options.schema_only:
        _check_vocab_schema(text, vocab, where, ctx)
        return
    if cbv.is_term(text, vocab):
        if ctx.syntax == "json" and _LEGACY_JSON_RE.match(text):
            severity = WARNING if ctx.options.permit_cbv_urn_in_json else ERROR
            ctx.add(
                "EPCIS.CBV_FORM_NOT_ALLOWED_IN_JSON", where, severity, value=text, vocabulary=name
            )
        elif ctx.syntax == "xml" and ":" not in text:
            ctx.add("EPCIS.CBV_BARE_IN_XML", where, WARNING, value=text, vocabulary=name)
        return
    if not is_uri(text):
        ctx.add("EPCIS.CBV_UNKNOWN_TERM", where, value=text[:200], vocabulary=name)
        return
    if any(text.startswith(space) for space in _vocab_namespaces(vocab)):
        ctx.add(
            "EPCIS.CBV_UNKNOWN_TERM", where, unknown_severity, value=text[:200], vocabulary=name
        )
        return
    for other in _VOCABS:
        if other != vocab and any(text.startswith(space) for space in _vocab_namespaces(other)):
            ctx.add("EPCIS.CBV_WRONG_VOCABULARY", where, value=text[:200], vocabulary=name)
            return
    if text.startswith(
        ("urn:epcglobal:cbv:", "https://ref.gs1.org/cbv/", "cbv:")
    ) and not text.startswith("urn:epcglobal:cbv:mda:"):
        ctx.add(
            "EPCIS.CBV_UNKNOWN_TERM", where, unknown_severity, value=text[:200], vocabulary=name
        )


_JSON_OTHER_URI_FORBIDDEN = re.compile(r"urn:epcglobal:cbv|https?://ns\.gs1\.org/cbv/")
_JSON_GS1_VOC_FORBIDDEN = re.compile(r"https?://gs1\.org/voc/|https?://www\.gs1\.org/voc/")


def _check_vocab_schema(text: str, vocab: str, where: str, ctx: _Ctx) -> None:
    """The JSON Schema's rule: a bare term of the enum, or a URI outside the GS1 namespaces."""
    from vntrace.epcis import cbv  # noqa: PLC0415 - lazy

    name = _VOCABS[vocab][0]
    if text in cbv.terms(vocab):
        return
    forbidden = (
        _JSON_GS1_VOC_FORBIDDEN if vocab in {"measurement", "alert"} else _JSON_OTHER_URI_FORBIDDEN
    )
    if not is_uri(text):
        ctx.add("EPCIS.CBV_UNKNOWN_TERM", where, value=text[:200], vocabulary=name)
    elif forbidden.match(text):
        ctx.add("EPCIS.CBV_FORM_NOT_ALLOWED_IN_JSON", where, value=text[:200], vocabulary=name)


def _vocabulary_rules(event: Mapping[str, Any], loc: Loc, ctx: _Ctx) -> None:
    _check_vocab(event.get("bizStep"), "bizstep", loc("bizStep"), ctx)
    _check_vocab(event.get("disposition"), "disp", loc("disposition"), ctx)
    pd = _as_dict(event.get("persistentDisposition"))
    for part in ("set", "unset"):
        for i, value in enumerate(_as_list(pd.get(part))):
            _check_vocab(value, "disp", loc("persistentDisposition", part, i), ctx)
    for i, bt in enumerate(_as_list(event.get("bizTransactionList"))):
        if isinstance(bt, dict) and "type" in bt:
            _check_vocab(bt["type"], "btt", loc("bizTransactionList", i, "type"), ctx)
    for list_name in ("sourceList", "destinationList"):
        for i, sd in enumerate(_as_list(event.get(list_name))):
            if isinstance(sd, dict) and "type" in sd:
                _check_vocab(sd["type"], "sdt", loc(list_name, i, "type"), ctx)
    err = _as_dict(event.get("errorDeclaration"))
    if "reason" in err:
        _check_vocab(err["reason"], "er", loc("errorDeclaration", "reason"), ctx)
    for i, element in enumerate(_as_list(event.get("sensorElementList"))):
        for j, report in enumerate(_as_list(_as_dict(element).get("sensorReport"))):
            if not isinstance(report, dict):
                continue

            def at(key: str, i: int = i, j: int = j) -> str:
                return loc("sensorElementList", i, "sensorReport", j, key)

            if "type" in report:
                _check_vocab(report["type"], "measurement", at("type"), ctx)
            if "component" in report:
                _check_vocab(report["component"], "comp", at("component"), ctx)
            if "exception" in report:
                _check_vocab(report["exception"], "alert", at("exception"), ctx)
            uom = report.get("uom")
            if isinstance(uom, str):
                _check_uom(uom, at("uom"), ctx, sensor=True)


# -- quantities and units ------------------------------------------------------------------------


def _check_uom(uom: str, where: str, ctx: _Ctx, *, sensor: bool = False) -> None:
    if ctx.options.schema_only and sensor:
        return  # the JSON Schema types sensorReport uom as a plain string
    code = uom.strip() if ctx.syntax == "xml" else uom
    if _UOM_RE.fullmatch(code) is None:
        ctx.add("EPCIS.INVALID_UOM", where, value=code[:40])
    elif code not in COMMON_REC20_UNITS and not ctx.options.schema_only:
        ctx.add("EPCIS.UOM_NOT_IN_TABLE", where, INFO, value=code)


def _quantity_rules(event: Mapping[str, Any], loc: Loc, ctx: _Ctx) -> None:
    for list_name in (
        "quantityList",
        "childQuantityList",
        "inputQuantityList",
        "outputQuantityList",
    ):
        for i, element in enumerate(_as_list(event.get(list_name))):
            if not isinstance(element, dict):
                continue
            uom = element.get("uom")
            if isinstance(uom, str):
                _check_uom(uom, loc(list_name, i, "uom"), ctx)


# -- identifiers ---------------------------------------------------------------------------------

_DL_KEY_RE = re.compile(
    r"https?://[^/?#]+(?:/[^?#]*)?/(00|01|253|255|401|402|414|417|8003|8004|8006|8010|8013|8017|8018)/[^/?#]+"
)


def _identifier_values(
    event: Mapping[str, Any],
) -> Iterable[tuple[tuple[str | int, ...], Any, str]]:
    """(key path, value, role) for every identifier-valued field."""
    for list_name in ("epcList", "childEPCs", "inputEPCList", "outputEPCList"):
        for i, value in enumerate(_as_list(event.get(list_name))):
            yield (list_name, i), value, "epc"
    if "parentID" in event:
        yield ("parentID",), event["parentID"], "epc"
    for list_name in (
        "quantityList",
        "childQuantityList",
        "inputQuantityList",
        "outputQuantityList",
    ):
        for i, element in enumerate(_as_list(event.get(list_name))):
            if isinstance(element, dict) and "epcClass" in element:
                yield (list_name, i, "epcClass"), element["epcClass"], "class"
    for name in ("readPoint", "bizLocation"):
        block = _as_dict(event.get(name))
        if "id" in block:
            yield (name, "id"), block["id"], "location"
    for list_name, key in (("sourceList", "source"), ("destinationList", "destination")):
        for i, element in enumerate(_as_list(event.get(list_name))):
            if isinstance(element, dict) and key in element:
                yield (list_name, i, key), element[key], "party"


def _identifier_rules(event: Mapping[str, Any], loc: Loc, ctx: _Ctx) -> None:
    for keys, value, role in _identifier_values(event):
        if not isinstance(value, str):
            continue
        text = value.strip() if ctx.syntax == "xml" else value
        where = loc(*keys)
        if text.startswith("urn:epc:"):
            _check_epc_urn(text, role, where, ctx)
        elif _DL_KEY_RE.match(text):
            _check_digital_link(text, where, ctx)
        elif ctx.syntax == "xml" and not is_uri(text):
            ctx.add("EPCIS.INVALID_URI", where, value=text[:200])
    if ctx.syntax == "xml":
        _xml_uri_fields(event, loc, ctx)


def _xml_uri_fields(event: Mapping[str, Any], loc: Loc, ctx: _Ctx) -> None:
    """The JSON Schema's ``format: uri`` on the remaining URI fields, applied to XML values."""
    for name in ("eventID", "certificationInfo", "transformationID"):
        value = event.get(name)
        if isinstance(value, str) and not is_uri(value.strip()):
            ctx.add("EPCIS.INVALID_URI", loc(name), value=value[:200])
    for i, bt in enumerate(_as_list(event.get("bizTransactionList"))):
        value = _as_dict(bt).get("bizTransaction")
        if isinstance(value, str) and not is_uri(value.strip()):
            ctx.add(
                "EPCIS.INVALID_URI",
                loc("bizTransactionList", i, "bizTransaction"),
                value=value[:200],
            )


_ROLE_KINDS: Final = {
    "epc": frozenset({"id"}),
    "class": frozenset({"class", "idpat"}),
    "location": frozenset({"id"}),
    "party": frozenset({"id"}),
}


def _check_epc_urn(text: str, role: str, where: str, ctx: _Ctx) -> None:
    """EPC URN grammar (Tag Data Standard) through :mod:`vntrace.epcis.epc`."""
    from vntrace.epcis import epc  # noqa: PLC0415 - lazy
    from vntrace.errors import UnsupportedInput, VntraceError  # noqa: PLC0415 - lazy

    kind = text.split(":")[2] if text.count(":") >= 3 else ""
    try:
        epc.parse_urn(text)
    except UnsupportedInput:
        pass  # a valid non-GS1 scheme (gid, usdod ...) or a pattern without a Digital Link form
    except VntraceError as exc:
        ctx.add("EPCIS.INVALID_EPC_URN", where, ERROR, value=text[:200], **nest(exc.finding))
        return
    if kind not in _ROLE_KINDS[role]:
        ctx.add("EPCIS.EPC_KIND_MISMATCH", where, value=text[:200], kind=kind, role=role)


def _check_digital_link(text: str, where: str, ctx: _Ctx) -> None:
    """GS1 Digital Link URI syntax and keys through :mod:`vntrace.gs1.digital_link`."""
    from vntrace.gs1 import digital_link  # noqa: PLC0415 - lazy

    for finding in digital_link.validate(text):
        if finding.is_error:
            ctx.add("EPCIS.INVALID_DIGITAL_LINK", where, ERROR, value=text[:200], **nest(finding))
            return


# ---------------------------------------------------------------------------------------------
# XML
# ---------------------------------------------------------------------------------------------

_DOCTYPE_RE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_PLAIN_DOCTYPE_RE = re.compile(rb"<!DOCTYPE[ \t\r\n]+[^ \t\r\n>\[]+[ \t\r\n]*>")
_ENTITY_RE = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _hostile_prolog(data: bytes) -> bool:
    """``True`` if the document declares entities, an internal subset or an external DTD.

    A bare ``<!DOCTYPE name>`` (seen in GS1 examples) is harmless and allowed.
    """
    if _ENTITY_RE.search(data):
        return True
    return any(_PLAIN_DOCTYPE_RE.match(data, m.start()) is None for m in _DOCTYPE_RE.finditer(data))


class _Chain:
    """Replays the bytes already read, then the rest of the stream (for ``iterparse``)."""

    def __init__(self, head: bytes, rest: _Reader) -> None:
        self.head = head
        self.rest = rest

    def read(self, size: int = -1) -> bytes:
        if self.head:
            out, self.head = self.head, b""
            return out
        return self.rest.read(size)


def _dtd_forbidden(root: etree._Element) -> bool:
    """``True`` if the prolog declares an external DTD, elements or entities (any encoding)."""
    info: Any = root.getroottree().docinfo
    if info.system_url or info.public_id:
        return True
    dtd: Any = info.internalDTD
    return dtd is not None and bool(list(dtd.iterelements()) or list(dtd.iterentities()))


NS_EPCIS12: Final = "urn:epcglobal:epcis:xsd:1"
_DOC_EVENT_LISTS: Final = (
    ("EPCISBody", f"{{{NS_EPCIS}}}EPCISDocument"),
    ("EPCISBody", f"{{{NS_EPCIS12}}}EPCISDocument"),  # 1.2: checked as upgraded to 2.0
    (
        "resultsBody",
        f"{{{NS_QUERY}}}QueryResults",
        "EPCISBody",
        f"{{{NS_QUERY}}}EPCISQueryDocument",
    ),
)


def _is_document_event_list(event_list: etree._Element) -> bool:
    """Whether ``event_list`` is where the document keeps its events (not one in an extension)."""
    for chain in _DOC_EVENT_LISTS:
        node: etree._Element | None = event_list
        for tag in chain:
            node = node.getparent() if node is not None else None
            if node is None or node.tag != tag:
                break
        else:
            if node is not None and node.getparent() is None:
                return True
    return False


def _validate_xml(head: bytes, reader: _Reader, ctx: _Ctx) -> None:
    """Validate XML as it is parsed: each event of the event list is checked when it ends and
    then dropped, so memory holds one event plus the document shell."""
    from lxml import etree  # noqa: PLC0415 - lxml only when XML is validated

    if _hostile_prolog(head):
        ctx.add("EPCIS.XML_DOCTYPE_FORBIDDEN", "")
        return
    context = etree.iterparse(
        _Chain(head, reader),
        events=("end",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    validator = _XmlValidator(ctx)
    stream = _EventListStream(validator)
    checked = False
    try:
        for _, el in context:
            if not checked:
                checked = True
                if _dtd_forbidden(el):
                    ctx.add("EPCIS.XML_DOCTYPE_FORBIDDEN", "")
                    return
            parent = el.getparent()
            if parent is not None and parent.tag == "EventList":
                stream.child(parent, el)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position or (None, None)
        reason = str(exc.msg)[:120]
        if "entit" in reason.lower() and not checked:
            ctx.add("EPCIS.XML_DOCTYPE_FORBIDDEN", "")
        else:
            ctx.add("EPCIS.MALFORMED_XML", "", line=line, column=column, reason=reason)
        return
    root: Any = context.root
    if root is None:  # pragma: no cover - lxml raises on empty input
        ctx.add("EPCIS.MALFORMED_XML", "", line=None, column=None, reason="empty document")
        return
    if not checked and _dtd_forbidden(root):
        ctx.add("EPCIS.XML_DOCTYPE_FORBIDDEN", "")
        return
    stream.finish()
    validator.run(root)


class _EventListStream:
    """Checks the children of the document's event list one by one as they are parsed."""

    def __init__(self, validator: _XmlValidator) -> None:
        self.v = validator
        self.current: etree._Element | None = None
        self.lists: list[etree._Element] = []
        self.particle: Any = validator.complex[f"{{{NS_EPCIS}}}EventListType"][1]
        self.path = ""
        self.seen: dict[str, int] = {}
        self.first: dict[str, tuple[str, int, int]] = {}
        self.events = 0
        self.upgrade = False

    def child(self, event_list: etree._Element, el: etree._Element) -> None:
        if event_list is not self.current:
            if not _is_document_event_list(event_list):
                return  # checked with the document it sits in, at the end
            self.current = event_list
            self.lists.append(event_list)
            self.path = _path_of(self.v, event_list)
            self.seen = {}
            self.first = {}
            self.events = 0
            self.upgrade = (
                event_list.getroottree().getroot().tag == f"{{{NS_EPCIS12}}}EPCISDocument"
            )
        if self.upgrade:
            from vntrace.epcis import v12  # noqa: PLC0415 - only for EPCIS 1.2 documents

            for inner in list(v12.event_elements(el)):
                self._one(
                    event_list, v12.upgrade_event(inner) if inner.tag in EVENT_TYPES else inner
                )
        else:
            self._one(event_list, el)
        tail = el.tail
        if tail and tail.strip() and not (event_list.text or "").strip():
            event_list.text = tail[:100]  # reported by the document check at the end
        el.clear()
        while el.getprevious() is not None:
            del event_list[0]

    def _one(self, event_list: etree._Element, el: etree._Element) -> None:
        ctx = self.v.ctx
        tag = str(el.tag)
        count = self.seen[tag] = self.seen.get(tag, 0) + 1
        name = self.v._name(el)  # noqa: SLF001 - same module
        child_path = f"{self.path}/{name}" if count == 1 else f"{self.path}/{name}[{count}]"
        if count == 2:  # the first one was named without an index: name it [1] now
            self._renumber(*self.first[tag])
        start = len(ctx.findings)
        result = self.v._match(self.particle, [tag], 0)  # noqa: SLF001 - same module
        if result is None or result[0] != 1:
            self.v._diagnose(event_list, self.particle, [tag], [child_path], self.path)  # noqa: SLF001
        else:
            decl = result[1][0][1]
            is_event = decl[0] == "e" and decl[1] in EVENT_TYPES
            if is_event:
                ctx.row = self.events
                self.events += 1
            try:
                self.v.child(el, decl, child_path, event=is_event)
            finally:
                ctx.row = None
        if count == 1:
            self.first[tag] = (child_path, start, len(ctx.findings))

    def _renumber(self, old: str, start: int, end: int) -> None:
        findings = self.v.ctx.findings
        new = old + "[1]"
        for i in range(start, min(end, len(findings))):
            where = findings[i].location.field
            if where is not None and (where == old or where.startswith(old + "/")):
                findings[i] = findings[i].with_location(field=new + where[len(old) :])

    def finish(self) -> None:
        """Drop the last (already checked) child of each streamed event list."""
        for event_list in self.lists:
            for child in list(event_list):
                event_list.remove(child)


def _path_of(validator: _XmlValidator, el: etree._Element) -> str:
    parts = []
    node: etree._Element | None = el
    while node is not None:
        parts.append(validator._name(node))  # noqa: SLF001 - same module
        node = node.getparent()
    return "/" + "/".join(reversed(parts))


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


# XML value checks for the XSD built-in simple types.
_XS_PATTERNS: Final[dict[str, re.Pattern[str]]] = {
    "xs:decimal": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    "xs:double": re.compile(r"[+-]?(([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|INF)|NaN"),
    "xs:int": re.compile(r"[+-]?[0-9]+"),
    "xs:integer": re.compile(r"[+-]?[0-9]+"),
    "xs:boolean": re.compile(r"true|false|1|0"),
    "xs:hexBinary": re.compile(r"([0-9a-fA-F]{2})*"),
    "xs:dateTime": re.compile(
        r"-?([1-9][0-9]{3,}|0[0-9]{3})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?"
        r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
    ),
    "xs:NCName": re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*"),
}
#: the built-in datatypes of XML Schema 1.0 (values of the unlisted ones are not checked)
_XS_BUILTINS: Final = frozenset(
    (
        *("string", "normalizedString", "token", "language", "Name", "NCName", "ID", "IDREF"),
        *("IDREFS", "ENTITY", "ENTITIES", "NMTOKEN", "NMTOKENS", "QName", "NOTATION", "boolean"),
        *("decimal", "integer", "nonPositiveInteger", "negativeInteger", "long", "int", "short"),
        *("byte", "nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort"),
        *("unsignedByte", "positiveInteger", "float", "double", "duration", "dateTime", "time"),
        *("date", "gYearMonth", "gYear", "gMonthDay", "gDay", "gMonth", "hexBinary"),
        *("base64Binary", "anyURI", "anyType", "anySimpleType"),
    )
)
_WRAPPERS: Final = frozenset(
    {"EPCISHeader", "EPCISBody", "EventList", "resultsBody", "extension", "baseExtension"}
)
_ATTRIBUTES_ONLY: Final = frozenset({"sensorReport", "sensorMetadata"})
_TIME_TYPES: Final = frozenset({"xs:dateTime", "{urn:epcglobal:epcis:xsd:2}DateTimeStamp"})


def _xs_datetime_ok(value: str) -> bool:
    m = _XS_PATTERNS["xs:dateTime"].fullmatch(value)
    if m is None:
        return False
    y, mo, d, h, mi, s = (int(m.group(i)) for i in range(1, 7))
    if not (1 <= mo <= 12) or mi > 59 or s > 59:
        return False
    if h == 24:
        return mi == 0 and s == 0 and not (m.group(7) or "").strip(".0")
    return h <= 23 and _valid_date(y if 1 <= y <= 9999 else 2000, mo, d)


@cache
def _compiled(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern, re.ASCII)
    except re.error:
        return None


def _line(el: etree._Element) -> int | None:
    line = getattr(el, "sourceline", None)
    return line if isinstance(line, int) else None


class _XmlValidator:
    def __init__(self, ctx: _Ctx) -> None:
        from vntrace.epcis import _structure  # noqa: PLC0415 - large table, load lazily

        self.ctx = ctx
        self.elements = _structure.ELEMENTS
        self.complex = _structure.COMPLEX_TYPES
        self.simple = _structure.SIMPLE_TYPES

    # -- entry ---------------------------------------------------------------------------------
    def run(self, root: etree._Element) -> None:
        tag = root.tag
        if not isinstance(tag, str):
            self.ctx.add("EPCIS.UNKNOWN_DOCUMENT_TYPE", "", element=str(tag))
            return
        ns, local = _split(tag)
        path = "/" + self._name(root)
        type_name = self.elements.get(tag)
        if type_name is not None:
            self.element(root, type_name, path)
            return
        if local in EVENT_TYPES:
            if ns:
                self.ctx.add(
                    "EPCIS.XML_WRONG_NAMESPACE", path, element=local, namespace=ns, expected=""
                )
                return
            self.ctx.row = 0
            if self.ctx.options.schema_only:
                self.ctx.add("EPCIS.UNKNOWN_DOCUMENT_TYPE", path, element=local)
                return
            if self.ctx.options.allow_bare_event:
                self.ctx.add("EPCIS.XML_BARE_EVENT", path, INFO, element=local)
            else:
                self.ctx.add("EPCIS.BARE_EVENT", path, element=local)
            self.element(root, f"{{{NS_EPCIS}}}{local}Type", path)
            return
        if local in {"EPCISDocument", "EPCISQueryDocument", "EPCISMasterDataDocument"}:
            if tag == f"{{{NS_EPCIS12}}}EPCISDocument":
                # EPCIS 1.2 is read as its 2.0 upgrade (vntrace.epcis.v12): the events were
                # upgraded as they streamed; the rest has the same content model in 2.0.
                self.ctx.add(
                    "EPCIS.UPGRADED_FROM_1_2",
                    path,
                    INFO,
                    version=root.get("schemaVersion", "1.x")[:20],
                )
                self.element(root, self.elements[f"{{{NS_EPCIS}}}EPCISDocument"], path)
                return
            if ns.startswith("urn:epcglobal:epcis") and ns.endswith(":xsd:1"):
                version = root.get("schemaVersion") or "1.x"
                self.ctx.add("EPCIS.UNSUPPORTED_VERSION", path, version=version[:20])
                return
            expected = {"EPCISDocument": NS_EPCIS, "EPCISQueryDocument": NS_QUERY}.get(local, NS_MD)
            self.ctx.add(
                "EPCIS.XML_WRONG_NAMESPACE", path, element=local, namespace=ns, expected=expected
            )
            return
        self.ctx.add("EPCIS.UNKNOWN_DOCUMENT_TYPE", path, element=local)

    @staticmethod
    def _name(el: etree._Element) -> str:
        ns, local = _split(str(el.tag))
        if not ns:
            return local
        prefix = el.prefix
        return f"{prefix}:{local}" if prefix else local

    # -- element -------------------------------------------------------------------------------
    def element(
        self, el: etree._Element, type_name: str, path: str, *, nillable: bool = False
    ) -> None:
        xsi_type = el.get(f"{{{NS_XSI}}}type")
        if xsi_type is not None:
            resolved = self._resolve_qname(el, xsi_type)
            if resolved is None:
                self.ctx.add("EPCIS.XML_UNKNOWN_TYPE", path, value=xsi_type[:100])
                return
            type_name = resolved
        if el.get(f"{{{NS_XSI}}}nil") in {"true", "1"}:
            if not nillable:
                self.ctx.add("EPCIS.XML_INVALID_VALUE", path, value="xsi:nil", type="non-nillable")
            elif len(el) or (el.text or "").strip():
                self.ctx.add("EPCIS.XML_INVALID_VALUE", path, value="xsi:nil", type="empty")
            return
        if (type_name.startswith("xs:") and type_name != "xs:anyType") or type_name in self.simple:
            self._no_attributes(el, path)
            self._no_children(el, path)
            self._simple_value(el.text or "", type_name, path, el)
            return
        spec = self.complex.get(type_name)
        if spec is None:  # xs:anyType: any content, not validated further (as xmlschema does)
            return
        content, particle, attributes, any_attribute, mixed = spec
        self._attributes(el, attributes, any_attribute, path)
        if any_attribute and el.attrib and not self.ctx.options.schema_only:
            self._wrapper_attributes(el, path)
            self._keyword_attributes(el, {name for name, _, _ in attributes}, path)
            self._unkept_attributes(el, path)
        if content == "anytype":
            return
        if isinstance(content, str) and content.startswith("simple:"):
            self._no_children(el, path)
            self._simple_value(el.text or "", content[7:], path, el)
            text = (el.text or "").strip()
            if text and el.tag in _ATTRIBUTES_ONLY and not self.ctx.options.schema_only:
                # the XSD gives these a text content; the data model has only their attributes
                self.ctx.add("EPCIS.XML_TEXT_NOT_KEPT", path, element=str(el.tag), text=text[:80])
            return
        if not mixed:
            texts = [el.text, *(child.tail for child in el)]
            if any(t and t.strip() for t in texts):
                self.ctx.add("EPCIS.XML_UNEXPECTED_TEXT", path)
        self._children(el, particle, path)

    def _wrapper_attributes(self, el: etree._Element, path: str) -> None:
        """Attributes on a wrapper the EPCIS data model does not have (``EPCISBody``,
        ``EventList``, ``extension`` …): the XSD allows them, but no conversion can keep them."""
        ns, local = _split(str(el.tag))
        if ns or local not in _WRAPPERS:
            return
        for name in el.attrib:
            if not str(name).startswith(f"{{{NS_XSI}}}"):
                self.ctx.add(
                    "EPCIS.XML_WRAPPER_ATTRIBUTE",
                    path,
                    element=local,
                    attribute=_split(str(name))[1],
                )
                return

    def _unkept_attributes(self, el: etree._Element, path: str) -> None:
        """A master-data ``<attribute>`` holds its ``id`` and a value: further attributes (the
        XSD allows them) have no place in the model and ``load`` refuses them."""
        if el.tag != "attribute":
            return
        for raw in el.attrib:
            name = str(raw)
            if name != "id" and not name.startswith(f"{{{NS_XSI}}}"):
                self.ctx.add(
                    "EPCIS.XML_ATTRIBUTE_NOT_KEPT",
                    f"{path}/@{name}",
                    element="attribute",
                    attribute=_split(name)[1],
                )

    def _keyword_attributes(self, el: etree._Element, declared: set[str], path: str) -> None:
        """Unqualified attributes named like a JSON-LD keyword (``type``, ``id`` …) on an element
        whose attributes the model keeps as ``"@name"`` extensions: the XSD allows them, but
        ``load`` must refuse them (``"@type"`` would mean something else in JSON-LD)."""
        from vntrace.epcis.xml import _KEYWORD_ATTRIBUTES, _PSEUDO_SBDH  # noqa: PLC0415

        ns, local = _split(str(el.tag))
        if not ns and local in _WRAPPERS:
            return  # already an error (XML_WRAPPER_ATTRIBUTE)
        if el.getparent() is None:  # the root's pseudo-SBDH attributes are fields of the model
            declared = declared | set(_PSEUDO_SBDH)
        for raw in el.attrib:
            name = str(raw)
            if name in _KEYWORD_ATTRIBUTES and name not in declared:
                self.ctx.add(
                    "EPCIS.IO_UNQUALIFIED_ATTRIBUTE", f"{path}/@{name}", name=name, element=local
                )

    def _resolve_qname(self, el: etree._Element, qname: str) -> str | None:
        """The type an ``xsi:type`` names, or ``None`` if it names no known type."""
        prefix, _, local = qname.strip().rpartition(":")
        ns = el.nsmap.get(prefix or None)
        if ns == "http://www.w3.org/2001/XMLSchema":
            return f"xs:{local}" if local in _XS_BUILTINS else None
        key = f"{{{ns}}}{local}"
        return key if key in self.complex or key in self.simple else None

    def _no_attributes(self, el: etree._Element, path: str) -> None:
        for name in el.attrib:
            if not str(name).startswith(f"{{{NS_XSI}}}"):
                self.ctx.add("EPCIS.XML_UNEXPECTED_ATTRIBUTE", path, attribute=_split(str(name))[1])

    def _no_children(self, el: etree._Element, path: str) -> None:
        for child in el:
            if isinstance(child.tag, str):
                self.ctx.add(
                    "EPCIS.UNEXPECTED_FIELD", f"{path}/{self._name(child)}", field=self._name(child)
                )

    def _attributes(
        self,
        el: etree._Element,
        attributes: tuple[tuple[str, str, bool], ...],
        any_attribute: bool,
        path: str,
    ) -> None:
        declared = {name: (typ, req) for name, typ, req in attributes}
        for name, (_, required) in declared.items():
            if required and el.get(name) is None:
                self.ctx.add("EPCIS.MISSING_FIELD", path, field=f"@{name}")
        for raw_name, value in attr_items(el):
            name = str(raw_name)
            if name in declared:
                self._simple_value(str(value), declared[name][0], f"{path}/@{name}", el)
            elif name.startswith(f"{{{NS_XSI}}}"):
                continue
            elif not any_attribute:
                self.ctx.add("EPCIS.XML_UNEXPECTED_ATTRIBUTE", path, attribute=_split(name)[1])

    def _simple_value(self, raw: str, type_name: str, path: str, el: etree._Element) -> None:
        base, patterns, enums = self.simple.get(type_name, (type_name, (), ()))
        value = raw if base == "xs:string" else raw.strip()
        ok = True
        if base in _TIME_TYPES or base == "xs:dateTime":
            ok = _xs_datetime_ok(value)
        elif base in _XS_PATTERNS:
            ok = _XS_PATTERNS[base].fullmatch(value) is not None
            if ok and base == "xs:int":
                ok = -(2**31) <= int(value) < 2**31
        if ok and patterns:
            compiled = [_compiled(p) for p in patterns]
            ok = any(c is not None and c.fullmatch(value) for c in compiled)
        if ok and enums:
            ok = value in enums
        if ok:
            return
        if type_name.endswith("}ActionType"):
            self.ctx.add("EPCIS.INVALID_ACTION", path, value=value[:100])
        elif type_name in _TIME_TYPES or base == "xs:dateTime":
            self.ctx.add("EPCIS.INVALID_TIMESTAMP", path, value=value[:100])
        else:
            short = type_name.rpartition("}")[2] if "}" in type_name else type_name
            self.ctx.add(
                "EPCIS.XML_INVALID_VALUE", path, value=value[:100], type=short, line=_line(el)
            )

    # -- content models --------------------------------------------------------------------------
    def lax_children(self, el: etree._Element, path: str) -> None:
        for child, child_path in self._kids_with_paths(el, path):
            type_name = self.elements.get(str(child.tag))
            if type_name is not None or child.get(f"{{{NS_XSI}}}type") is not None:
                self.element(child, type_name or "xs:anyType", child_path)
            else:
                self.lax_children(child, child_path)

    def _kids_with_paths(self, el: etree._Element, path: str) -> list[tuple[etree._Element, str]]:
        kids = [c for c in el if isinstance(c.tag, str)]
        counts: dict[str, int] = {}
        for child in kids:
            counts[str(child.tag)] = counts.get(str(child.tag), 0) + 1
        seen: dict[str, int] = {}
        out = []
        for child in kids:
            tag = str(child.tag)
            seen[tag] = seen.get(tag, 0) + 1
            suffix = f"[{seen[tag]}]" if counts[tag] > 1 else ""
            out.append((child, f"{path}/{self._name(child)}{suffix}"))
        return out

    def _children(self, el: etree._Element, particle: Any, path: str) -> None:
        kids = self._kids_with_paths(el, path)
        tags = [str(k.tag) for k, _ in kids]
        result = (0, []) if particle is None else self._match(particle, tags, 0)
        assigned: list[tuple[int, Any]]
        if result is not None and result[0] == len(tags):
            assigned = result[1]
        else:
            assigned = self._diagnose(el, particle, tags, [p for _, p in kids], path)
        is_event_list = _split(str(el.tag))[1] == "EventList"
        outer_row = self.ctx.row
        event_index = 0
        for index, decl in assigned:
            child, child_path = kids[index]
            is_event = is_event_list and decl[0] == "e" and decl[1] in EVENT_TYPES
            if is_event:
                self.ctx.row = event_index
                event_index += 1
            self.child(child, decl, child_path, event=is_event)
        if is_event_list:
            self.ctx.row = outer_row

    def child(self, child: etree._Element, decl: Any, child_path: str, *, event: bool) -> None:
        """Check ``child`` against the declaration it matched (an element or a wildcard);
        ``event``: it is an event of an event list (the event rules apply too)."""
        if decl[0] == "e":
            self.element(child, decl[2], child_path, nillable=decl[5])
            if event:
                view, paths = _xml_event_view(child, child_path)
                _event_rules(view, _XmlLoc(child_path, paths), self.ctx)
        else:
            type_name = self.elements.get(str(child.tag))
            if type_name is not None or child.get(f"{{{NS_XSI}}}type") is not None:
                self.element(child, type_name or "xs:anyType", child_path)
            else:
                self.lax_children(child, child_path)

    def _matches(self, particle: Any, tag: str) -> bool:
        if particle[0] == "e":
            return bool(particle[1] == tag)
        _, mode, tns, _, _ = particle
        ns = _split(tag)[0]
        if mode == "other":
            return ns not in {"", tns}
        if mode == "local":
            return ns == ""
        return True

    def _match(
        self, particle: Any, tags: list[str], pos: int
    ) -> tuple[int, list[tuple[int, Any]]] | None:
        kind = particle[0]
        if kind in {"e", "a"}:
            lo, hi = particle[3], particle[4]
            out: list[tuple[int, Any]] = []
            while (
                (hi == -1 or len(out) < hi)
                and pos < len(tags)
                and self._matches(particle, tags[pos])
            ):
                out.append((pos, particle))
                pos += 1
            return (pos, out) if len(out) >= lo else None
        _, lo, hi, children = particle
        reps = 0
        acc: list[tuple[int, Any]] = []
        while hi == -1 or reps < hi:
            step = (
                self._seq_once(children, tags, pos)
                if kind == "s"
                else self._choice_once(children, tags, pos)
            )
            if step is None:
                break
            new_pos, got = step
            if new_pos == pos:
                reps = max(reps, lo)
                break
            pos = new_pos
            acc.extend(got)
            reps += 1
        return (pos, acc) if reps >= lo else None

    def _seq_once(
        self, children: Any, tags: list[str], pos: int
    ) -> tuple[int, list[tuple[int, Any]]] | None:
        acc: list[tuple[int, Any]] = []
        for child in children:
            step = self._match(child, tags, pos)
            if step is None:
                return None
            pos, got = step
            acc.extend(got)
        return pos, acc

    def _choice_once(
        self, children: Any, tags: list[str], pos: int
    ) -> tuple[int, list[tuple[int, Any]]] | None:
        empty_ok = False
        for child in children:
            step = self._match(child, tags, pos)
            if step is None:
                continue
            if step[0] > pos:
                return step
            empty_ok = True
        return (pos, []) if empty_ok else None

    # -- diagnostics -----------------------------------------------------------------------------
    def _flatten(self, particle: Any) -> list[Any]:
        """Element and wildcard particles of a content model, in declaration order."""
        if particle is None:
            return []
        if particle[0] in {"e", "a"}:
            return [particle]
        out: list[Any] = []
        for child in particle[3]:
            out.extend(self._flatten(child))
        return out

    def _required(self, particle: Any) -> list[str]:
        """Element names every valid content must contain (required sequence members)."""
        if particle is None:
            return []
        if particle[0] == "e":
            return [particle[1]] if particle[3] >= 1 else []
        if particle[0] == "s" and particle[1] >= 1:
            out: list[str] = []
            for child in particle[3]:
                out.extend(self._required(child))
            return out
        return []

    def _diagnose(
        self,
        el: etree._Element,
        particle: Any,
        tags: list[str],
        paths: list[str],
        path: str,
    ) -> list[tuple[int, Any]]:
        """Report why the children do not fit; return the children that match a declaration."""
        flat = self._flatten(particle)
        in_choice = particle is not None and particle[0] == "c"
        parent_local = _split(str(el.tag))[1]
        assigned: list[tuple[int, Any]] = []
        reported = False
        max_rank = -1
        order_reported = False
        counts: dict[str, int] = {}
        for index, tag in enumerate(tags):
            rank = next((i for i, p in enumerate(flat) if self._matches(p, tag)), None)
            ns, local = _split(tag)
            if rank is None:
                names = {p[1] for p in flat if p[0] == "e"}
                if ns and local in names:
                    self.ctx.add(
                        "EPCIS.XML_WRONG_NAMESPACE",
                        paths[index],
                        element=local,
                        namespace=ns,
                        expected="",
                    )
                elif not ns and f"{{{NS_QUERY}}}{local}" in names:
                    self.ctx.add(
                        "EPCIS.XML_WRONG_NAMESPACE",
                        paths[index],
                        element=local,
                        namespace="",
                        expected=NS_QUERY,
                    )
                elif local == "action" and parent_local == "TransformationEvent":
                    self.ctx.add("EPCIS.ACTION_NOT_ALLOWED", paths[index])
                elif local == "ilmd" and parent_local in EVENT_TYPES:
                    self.ctx.add(
                        "EPCIS.ILMD_NOT_ALLOWED", paths[index], event_type=parent_local, action=None
                    )
                elif parent_local == "EventList":
                    self.ctx.add("EPCIS.UNKNOWN_EVENT_TYPE", paths[index], value=local)
                else:
                    self.ctx.add("EPCIS.UNEXPECTED_FIELD", paths[index], field=local)
                reported = True
                continue
            decl = flat[rank]
            assigned.append((index, decl))
            if not in_choice and rank < max_rank and not order_reported:
                self.ctx.add(
                    "EPCIS.XML_ELEMENT_ORDER", paths[index], element=local, parent=parent_local
                )
                order_reported = reported = True
            max_rank = max(max_rank, rank)
            counts[tag] = counts.get(tag, 0) + 1
            if decl[0] == "e" and decl[4] != -1 and counts[tag] == decl[4] + 1 and not in_choice:
                self.ctx.add("EPCIS.XML_TOO_MANY", paths[index], element=local, maximum=decl[4])
                reported = True
        present = set(tags)
        for name in self._required(particle):
            if name not in present:
                local = _split(name)[1]
                code = "EPCIS.MISSING_ACTION" if local == "action" else "EPCIS.MISSING_FIELD"
                self.ctx.add(code, path, field=local)
                reported = True
        if not reported:
            self.ctx.add("EPCIS.XML_CONTENT_INCOMPLETE", path, element=parent_local)
        return assigned


class _XmlLoc:
    __slots__ = ("base", "paths")

    def __init__(self, base: str, paths: dict[tuple[str | int, ...], str]) -> None:
        self.base = base
        self.paths = paths

    def __call__(self, *keys: str | int) -> str:
        for cut in range(len(keys), 0, -1):
            found = self.paths.get(keys[:cut])
            if found is not None:
                return found
        return self.base


_EPC_LISTS: Final = frozenset({"epcList", "childEPCs", "inputEPCList", "outputEPCList"})
_QTY_LISTS: Final = frozenset(
    {"quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"}
)
_SIMPLE_FIELDS: Final = frozenset(
    {
        "eventTime",
        "recordTime",
        "eventTimeZoneOffset",
        "eventID",
        "certificationInfo",
        "action",
        "bizStep",
        "disposition",
        "parentID",
        "transformationID",
    }
)


def _xml_event_view(
    event: etree._Element, base: str
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], str]]:
    """A JSON-shaped view of an XML event (for the shared rules) and the XML path of each part."""
    view: dict[str, Any] = {"type": _split(str(event.tag))[1]}
    paths: dict[tuple[str | int, ...], str] = {}

    def kids(el: etree._Element, name: str | None = None) -> list[etree._Element]:
        return [c for c in el if isinstance(c.tag, str) and (name is None or c.tag == name)]

    def text(el: etree._Element) -> str:
        return el.text or ""

    for child in kids(event):
        ns, key = _split(str(child.tag))
        if ns:
            continue
        here = f"{base}/{key}"
        paths[(key,)] = here
        if key in _SIMPLE_FIELDS:
            view[key] = text(child)
        elif key in _EPC_LISTS:
            items = kids(child, "epc")
            view[key] = [text(e) for e in items]
            for i in range(len(items)):
                paths[(key, i)] = f"{here}/epc[{i + 1}]"
        elif key in _QTY_LISTS:
            elements = kids(child, "quantityElement")
            out = []
            for i, qe in enumerate(elements):
                item: dict[str, Any] = {}
                for part in kids(qe):
                    pname = _split(str(part.tag))[1]
                    item[pname] = text(part)
                    paths[(key, i, pname)] = f"{here}/quantityElement[{i + 1}]/{pname}"
                out.append(item)
            view[key] = out
        elif key in {"readPoint", "bizLocation"}:
            ids = kids(child, "id")
            view[key] = {"id": text(ids[0])} if ids else {}
            paths[(key, "id")] = f"{here}/id"
        elif key in {"bizTransactionList", "sourceList", "destinationList"}:
            inner = {"bizTransactionList": "bizTransaction", "sourceList": "source"}.get(
                key, "destination"
            )
            entries = []
            for i, entry in enumerate(kids(child, inner)):
                record: dict[str, Any] = {inner: text(entry)}
                if entry.get("type") is not None:
                    record["type"] = entry.get("type")
                paths[(key, i)] = paths[(key, i, inner)] = f"{here}/{inner}[{i + 1}]"
                paths[(key, i, "type")] = f"{here}/{inner}[{i + 1}]/@type"
                entries.append(record)
            view[key] = entries
        elif key == "sensorElementList":
            sensors = []
            for i, element in enumerate(kids(child, "sensorElement")):
                at = f"{here}/sensorElement[{i + 1}]"
                sensor: dict[str, Any] = {"sensorReport": []}
                for meta in kids(element, "sensorMetadata"):
                    sensor["sensorMetadata"] = dict(attr_items(meta))
                for j, report in enumerate(kids(element, "sensorReport")):
                    sensor["sensorReport"].append(dict(attr_items(report)))
                    for raw_attr in report.attrib:
                        attr = str(raw_attr)
                        paths[(key, i, "sensorReport", j, attr)] = (
                            f"{at}/sensorReport[{j + 1}]/@{attr}"
                        )
                sensors.append(sensor)
            view[key] = sensors
        elif key == "persistentDisposition":
            pd: dict[str, list[str]] = {}
            for which in ("set", "unset"):
                values = kids(child, which)
                if values:
                    pd[which] = [text(v) for v in values]
                for i in range(len(values)):
                    paths[(key, which, i)] = f"{here}/{which}[{i + 1}]"
            view[key] = pd
        elif key == "errorDeclaration":
            decl: dict[str, Any] = {}
            for part in kids(child):
                pns, pname = _split(str(part.tag))
                if not pns:
                    decl[pname] = text(part)
                    paths[(key, pname)] = f"{here}/{pname}"
            view[key] = decl
        elif key == "ilmd":
            view[key] = {str(c.tag): text(c) for c in kids(child)}
    return view, paths
