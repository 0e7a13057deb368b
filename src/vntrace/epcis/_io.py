"""Helpers shared by the XML and JSON-LD readers and writers (private).

Timestamps, numbers, Clark names, the vocabulary-typed fields and the translation of pydantic
validation errors into findings live here so that both syntaxes apply exactly the same rules.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any, Final, NoReturn, TypeVar

from pydantic import BaseModel, ValidationError

from vntrace.epcis.model import CBVMDA_NS
from vntrace.errors import EpcisError, os_reason
from vntrace.findings import Finding, Location, ParamValue

__all__ = [
    "EPCIS_CONTEXT_URL",
    "EPCIS_NS",
    "MAX_XML_ATTRIBUTES",
    "MAX_XML_NAMESPACES",
    "QUERY_NS",
    "VOCAB_FIELDS",
    "attr_items",
    "build",
    "canonical_ns",
    "check_finite",
    "check_ts",
    "clark",
    "decimal_to_json",
    "fail",
    "finding",
    "format_float",
    "format_ts",
    "parse_bool",
    "parse_decimal",
    "parse_float",
    "parse_ts",
    "read_source",
    "split_clark",
]

EPCIS_NS = "urn:epcglobal:epcis:xsd:2"
QUERY_NS = "urn:epcglobal:epcis-query:xsd:2"
MASTERDATA_NS = "urn:epcglobal:epcis-masterdata:xsd:2"
SBDH_NS = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XSD_NS = "http://www.w3.org/2001/XMLSchema"

EPCIS_CONTEXT_URL = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
"""The context URL written on output: the ratified 2.0.0 context the GS1 examples use."""

KNOWN_CONTEXT_URLS = frozenset(
    {
        EPCIS_CONTEXT_URL,
        "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
        "https://gs1.github.io/EPCIS/epcis-context.jsonld",
        "https://ref.gs1.org/standards/epcis/2.0.1/epcis-context.jsonld",
    }
)

# (owner, EPCIS field name) -> CBV vocabulary key of vntrace.epcis.cbv
VOCAB_FIELDS: dict[str, dict[str, str]] = {
    "event": {"bizStep": "bizstep", "disposition": "disp"},
    "persistentDisposition": {"set": "disp", "unset": "disp"},
    "bizTransaction": {"type": "btt"},
    "source": {"type": "sdt"},
    "destination": {"type": "sdt"},
    "errorDeclaration": {"reason": "er"},
    "sensorReport": {"type": "measurement", "exception": "alert", "component": "comp"},
}

_TS = re.compile(
    r"[0-9]{4}-(?:1[0-2]|0[1-9])-(?:3[01]|0[1-9]|[12][0-9])T(?:2[0-3]|[01][0-9]):[0-5][0-9]:[0-5][0-9]"
    r"(\.[0-9]+)?(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))\Z"
)
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")


_FEW_ATTRIBUTES: Final = 32

MAX_XML_ATTRIBUTES: Final = 1000
"""Most attributes the XML writer puts on one element (lxml's tree API is quadratic in them)."""
MAX_XML_NAMESPACES: Final = 1000
"""Most namespaces the XML writer declares on the root element (same reason)."""


def attr_items(el: Any) -> list[tuple[str, str]]:
    """The attributes of an lxml element as ``(clark name, value)`` pairs, in document order.

    ``el.attrib.items()`` looks every value up by name (quadratic in the number of attributes:
    seconds for a hostile element with 20,000 of them); the XPath ``@*`` walk is linear.
    """
    if len(el.attrib) <= _FEW_ATTRIBUTES:
        return [(str(k), str(v)) for k, v in el.attrib.items()]
    return [(str(v.attrname), str(v)) for v in el.xpath("@*")]


def read_source(source: str | bytes | os.PathLike[str] | IO[bytes]) -> bytes | str:
    """The content of ``source``: text and bytes as given, a path or binary file object read."""
    if isinstance(source, (bytes, str)):
        return source
    if isinstance(source, os.PathLike):
        try:
            return Path(source).read_bytes()
        except OSError as exc:
            fail("EPCIS.IO_UNREADABLE", str(source), detail=os_reason(exc))
    return source.read()


def finding(code: str, field: str | None = None, **params: ParamValue) -> Finding:
    """A finding with ``field`` as location."""
    return Finding(code, params=params, location=Location(field=field))


def fail(code: str, field: str | None = None, **params: ParamValue) -> NoReturn:
    """Raise :class:`~vntrace.errors.EpcisError` with one finding."""
    raise EpcisError(finding(code, field, **params))


def check_ts(text: str, field: str | None = None) -> str:
    """An XSD ``DateTimeStamp`` (zone mandatory) as text, fraction cut to microseconds.

    Only zeros may be cut: other digits below the microsecond raise ``IO_TIME_TOO_PRECISE``.

    The model turns it into a ``datetime``; an impossible date (30 February) fails there.
    """
    value = text.strip()
    match = _TS.match(value)
    if match is None:
        fail("EPCIS.IO_BAD_TIMESTAMP", field, value=text)
    frac = match.group(1)
    if frac is not None and len(frac) > 7:
        if frac[7:].strip("0"):  # digits below the microsecond would be lost: refuse
            fail("EPCIS.IO_TIME_TOO_PRECISE", field, value=text)
        value = value.replace(frac, frac[:7], 1)
    return value


def parse_ts(text: str, field: str | None = None) -> datetime:
    """Parse an XSD ``DateTimeStamp`` (zone mandatory); microsecond precision (truncated)."""
    value = check_ts(text, field)
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        fail("EPCIS.IO_BAD_TIMESTAMP", field, value=text)


def format_ts(value: datetime) -> str:
    """ISO 8601 with milliseconds (microseconds when needed) and ``Z`` or ``±hh:mm``."""
    text = value.isoformat(
        timespec="milliseconds" if value.microsecond % 1000 == 0 else "microseconds"
    )
    if text.endswith("+00:00"):
        return text[:-6] + "Z"
    return text


def parse_float(text: str, field: str | None = None) -> float:
    """An ``xsd:double`` lexical value (``INF``, ``-INF``, ``NaN`` included)."""
    value = text.strip()
    if value in {"INF", "+INF"}:
        return float("inf")
    if value == "-INF":
        return float("-inf")
    if value == "NaN":
        return float("nan")
    if not _NUMBER.match(value):
        fail("EPCIS.IO_BAD_NUMBER", field, value=text)
    number = float(value)
    if not math.isfinite(number):  # a finite lexical value beyond the double range
        fail(
            "EPCIS.IO_NUMBER_OUT_OF_RANGE", field, value=_short(value), became=format_float(number)
        )
    if number == 0.0 and _NONZERO.match(value):  # below the smallest double
        fail("EPCIS.IO_NUMBER_OUT_OF_RANGE", field, value=_short(value), became="0")
    return number


_NONZERO = re.compile(r"[+-]?[0.]*[1-9]")


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def parse_decimal(text: str, field: str | None = None) -> Decimal:
    """An ``xsd:decimal`` lexical value."""
    value = text.strip()
    if not _DECIMAL.match(value):
        fail("EPCIS.IO_BAD_NUMBER", field, value=text)
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        fail("EPCIS.IO_BAD_NUMBER", field, value=text)


def parse_bool(text: str, field: str | None = None) -> bool:
    """An ``xsd:boolean`` lexical value."""
    value = text.strip()
    if value in {"true", "1"}:
        return True
    if value in {"false", "0"}:
        return False
    fail("EPCIS.IO_BAD_BOOLEAN", field, value=text)


def format_float(value: float) -> str:
    """An ``xsd:double`` lexical form (``26.0``, ``0.1``, ``INF``)."""
    if value != value:  # noqa: PLR0124 - NaN test
        return "NaN"
    if value in {float("inf"), float("-inf")}:
        return "INF" if value > 0 else "-INF"
    return repr(value)


MAX_JSON_INT_DIGITS: Final = 4300
"""Most digits of a JSON integer the reader accepts (Python's ``int`` conversion limit)."""


def decimal_to_json(value: Decimal, field: str | None = None) -> int | float:
    """A JSON number for a decimal that reads back equal: ``int`` when integral, else ``float``.

    A decimal the JSON reader would not read back equal (more digits than a double keeps, or an
    integer beyond :data:`MAX_JSON_INT_DIGITS`) raises ``EpcisError``; the digit count is
    checked before any conversion, so a 10⁶-digit quantity is refused at once.
    """
    if value == value.to_integral_value():
        if value.adjusted() >= MAX_JSON_INT_DIGITS:
            fail(
                "EPCIS.IO_JSON_TOO_LONG_NUMBER",
                field,
                digits=value.adjusted() + 1,
                limit=MAX_JSON_INT_DIGITS,
            )
        return int(value)
    number = float(value)
    if not math.isfinite(number) or Decimal(repr(number)) != value:
        shown = str(value)
        fail(
            "EPCIS.IO_JSON_TOO_PRECISE",
            field,
            value=shown if len(shown) <= 80 else shown[:77] + "...",
            became=repr(number),
        )
    return number


def check_finite(value: float, field: str | None = None) -> float:
    """``value`` when JSON can hold it; ``NaN`` and infinities raise ``EpcisError``."""
    if not math.isfinite(value):
        fail("EPCIS.IO_JSON_NOT_FINITE", field, value=format_float(value))
    return value


def canonical_ns(ns: str) -> str:
    """Fold the two spellings of the CBV master-data namespace into :data:`CBVMDA_NS`."""
    if ns == "urn:epcglobal:cbv:mda:":
        return CBVMDA_NS
    return ns


def clark(ns: str | None, local: str) -> str:
    """``{ns}local`` (or ``local`` without a namespace)."""
    if not ns:
        return local
    return f"{{{canonical_ns(ns)}}}{local}"


def split_clark(name: str) -> tuple[str | None, str]:
    """``("ns", "local")`` from ``{ns}local``; ``(None, name)`` without a namespace."""
    if name.startswith("{"):
        ns, sep, local = name[1:].partition("}")
        if sep:
            return ns, local
    return None, name


_T = TypeVar("_T", bound=BaseModel)

_PYDANTIC_CODES = {
    "missing": "EPCIS.IO_MISSING_FIELD",
    "extra_forbidden": "EPCIS.IO_UNKNOWN_FIELD",
}


def _pointer(base: str, loc: Iterable[Any]) -> str:
    parts = [base] if base else []
    for item in loc:
        text = str(item)
        if text in {"ObjectEvent", "AggregationEvent", "TransactionEvent"}:
            continue
        if text in {"TransformationEvent", "AssociationEvent"}:
            continue
        parts.append(text)
    return "/" + "/".join(p.strip("/") for p in parts if p)


def build(cls: type[_T], data: Mapping[str, Any], where: str = "") -> _T:
    """Validate ``data`` into ``cls``; pydantic errors become an ``EpcisError`` with findings."""
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        found = []
        for err in exc.errors(include_url=False):
            field = _pointer(where, err["loc"])
            code = _PYDANTIC_CODES.get(err["type"])
            if code is not None:
                found.append(finding(code, field))
            else:
                detail = str(err["msg"]).removeprefix("Value error, ")
                found.append(finding("EPCIS.IO_INVALID_VALUE", field, detail=detail))
        raise EpcisError(found) from None


_JSON_FIELDS = frozenset({"extensions", "ilmd", "attribute"})


def _ext_namespaces(value: Any, out: set[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            name = key.removeprefix("@")
            ns, _ = split_clark(name)
            if ns is not None:
                out.add(ns)
            _ext_namespaces(item, out)
    elif isinstance(value, list):
        for item in value:
            _ext_namespaces(item, out)


def used_namespaces(obj: Any, out: set[str] | None = None) -> set[str]:
    """Every namespace URI used by an extension key anywhere inside a model object."""
    found: set[str] = set() if out is None else out
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            if name == "namespaces":
                continue
            value = getattr(obj, name)
            if name in _JSON_FIELDS:
                _ext_namespaces(value, found)
            elif value is not None and not isinstance(value, (str, int, float)):
                used_namespaces(value, found)
    elif isinstance(obj, (tuple, list)):
        for item in obj:
            used_namespaces(item, found)
    return found


def prefix_map(
    namespaces: Mapping[str, str], used: Iterable[str], reserved: Iterable[str] = ()
) -> dict[str, str]:
    """``namespace → prefix`` for every used namespace, preferring the document's own prefixes.

    Prefixes in ``reserved`` are never assigned; undeclared namespaces get ``ns1``, ``ns2`` ….
    """
    taken = set(reserved)
    out: dict[str, str] = {}
    for prefix, ns in namespaces.items():
        if ns not in out and prefix not in taken:
            out[ns] = prefix
            taken.add(prefix)
    n = 0
    for ns in sorted(set(used) - out.keys()):
        if ns == CBVMDA_NS and "cbvmda" not in taken:
            prefix = "cbvmda"
        else:
            n += 1
            while f"ns{n}" in taken:
                n += 1
            prefix = f"ns{n}"
        out[ns] = prefix
        taken.add(prefix)
    return out
