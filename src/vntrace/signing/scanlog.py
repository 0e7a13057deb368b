"""Clone detection from scan logs: a valid signature does not stop a photocopied stamp.

:func:`analyse` reads scan records (when, which GTIN and serial, where, which device) and
reports what suggests copies (design §5.7): more consumer scans of one stamp than
:attr:`ScanRules.max_scans`, the same stamp scanned in two provinces within
:attr:`ScanRules.window`, and — when you pass what was issued and shipped — scans of serials
that were never issued or never shipped. Records that cannot be read become findings too
(``SIGNING.SCANLOG_BAD_RECORD``, with the record number counted from 1); nothing raises.

``shipped`` takes ``(gtin, serial)`` pairs, Digital Link URIs, or EPCIS events (objects of
:mod:`vntrace.epcis` or JSON dicts) whose ``bizStep`` is ``shipping``: their EPCs
(``epcList``, ``childEPCs``, …) count as shipped when they are Digital Link URIs; EPC URNs are
reported (``SIGNING.SCANLOG_EPC_NOT_DL``) so that you convert them first with
:func:`vntrace.epcis.epc.urn_to_dl` (this layer does not read URNs itself).

>>> import datetime as dt
>>> t = dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC)
>>> scans = [Scan(t, "08931234567897", "K7Q2M9X4P1", "VN-42"),
...          Scan(t + dt.timedelta(hours=2), "08931234567897", "K7Q2M9X4P1", "VN-79")]
>>> [f.code for f in analyse(scans, shipped=[("08931234567897", "K7Q2M9X4P1")])]
['SIGNING.SCANNED_IN_TWO_PLACES']
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from vntrace.errors import GS1Error
from vntrace.findings import Finding, Location, Severity
from vntrace.gs1 import digital_link as _dl

__all__ = ["Scan", "ScanRules", "analyse"]

_GTIN14: Final = re.compile(r"[0-9]{14}")
_SERIAL: Final = re.compile(r"[!-~]{1,20}")  # (21) is CSET 82: printable ASCII, no space
_MAX_FINDINGS_PER_KIND: Final = 100_000
_EPC_FIELDS: Final = (
    ("epc_list", "epcList"),
    ("child_epcs", "childEPCs"),
    ("input_epc_list", "inputEPCList"),
    ("output_epc_list", "outputEPCList"),
)


@dataclass(frozen=True, slots=True)
class Scan:
    """One scan of a stamp."""

    time: dt.datetime
    """When (a naive time is read as UTC)."""
    gtin: str
    """GTIN-14 of the stamp."""
    serial: str
    """Serial number (21) of the stamp."""
    place: str
    """Where: a province code or name (compared as given)."""
    device: str | None = None
    """An identifier of the scanning device, if known."""
    consumer: bool = True
    """``False`` for scans by the supply chain (they are not counted against the limit)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanRules:
    """Thresholds of :func:`analyse`."""

    max_scans: int = 5
    """Consumer scans of one stamp above this are reported."""
    window: dt.timedelta = field(default=dt.timedelta(hours=6))
    """Two scans of one stamp in different places closer than this are reported."""


def _f(code: str, severity: Severity = Severity.WARNING, **params: str | int) -> Finding:
    return Finding(f"SIGNING.{code}", severity, params, Location(field="21"))


def _bad(number: int, name: str) -> Finding:
    return Finding("SIGNING.SCANLOG_BAD_RECORD", Severity.ERROR, {"record": number, "field": name})


def _get(record: object, name: str) -> Any:
    if isinstance(record, Mapping):
        return record.get(name)
    return getattr(record, name, None)


def _time(value: object) -> dt.datetime | None:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, dt.datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _key_from_uri(uri: str) -> tuple[str, str] | None:
    try:
        link = _dl.parse(uri)
    except GS1Error:
        return None
    values = {e.ai: e.value for e in link.element_string.elements}
    if "01" in values and "21" in values:
        return values["01"], values["21"]
    return None


def _read(number: int, record: object) -> Scan | Finding:
    if isinstance(record, Scan):
        record = {name: getattr(record, name) for name in Scan.__slots__}
    if not isinstance(record, Mapping) and not hasattr(record, "time"):
        return _bad(number, "record")
    when = _time(_get(record, "time"))
    if when is None:
        return _bad(number, "time")
    gtin, serial = _get(record, "gtin"), _get(record, "serial")
    uri = _get(record, "uri")
    if gtin is None and serial is None and isinstance(uri, str):
        key = _key_from_uri(uri)
        if key is None:
            return _bad(number, "uri")
        gtin, serial = key
    if not isinstance(gtin, str) or not _GTIN14.fullmatch(gtin):
        return _bad(number, "gtin")
    if not isinstance(serial, str) or not _SERIAL.fullmatch(serial):
        return _bad(number, "serial")
    place = _get(record, "place")
    if not isinstance(place, str) or not place.strip():
        return _bad(number, "place")
    device = _get(record, "device")
    consumer = _get(record, "consumer")
    return Scan(
        when,
        gtin,
        serial,
        place.strip(),
        device if isinstance(device, str) else None,
        consumer is not False,
    )


def _is_shipping(event: object) -> bool:
    step = _get(event, "biz_step") or _get(event, "bizStep")
    return isinstance(step, str) and step.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "shipping"


def _shipped(items: Iterable[object], findings: list[Finding]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    not_dl = 0
    for item in items:
        if isinstance(item, tuple) and len(item) == 2:
            out.add((str(item[0]), str(item[1])))
            continue
        if isinstance(item, str):
            key = _key_from_uri(item)
            if key is not None:
                out.add(key)
            continue
        if not _is_shipping(item):
            continue
        for names in _EPC_FIELDS:
            epcs = next((v for v in (_get(item, n) for n in names) if v), None) or ()
            for epc in epcs if isinstance(epcs, list | tuple) else ():
                key = _key_from_uri(epc) if isinstance(epc, str) else None
                if key is not None:
                    out.add(key)
                elif isinstance(epc, str) and epc.startswith("urn:epc:id:sgtin:"):
                    not_dl += 1
                    if not_dl == 1:
                        findings.append(_f("SCANLOG_EPC_NOT_DL", epc=epc[:80]))
    return out


def analyse(
    scans: Iterable[Scan | Mapping[str, object]],
    *,
    shipped: Iterable[object] | None = None,
    issued: Iterable[tuple[str, str] | str] | None = None,
    rules: ScanRules | None = None,
) -> list[Finding]:
    """Findings about a scan log (warnings for suspected copies, errors for unreadable records).

    ``scans`` are :class:`Scan` objects or mappings with ``time`` (datetime or ISO 8601 text),
    ``gtin`` and ``serial`` (or a Digital Link ``uri``), ``place`` and optionally ``device`` and
    ``consumer``. ``issued`` lists the stamps that were made (``(gtin, serial)`` or URIs, e.g.
    from a print-run manifest).
    """
    limits = rules if rules is not None else ScanRules()
    findings: list[Finding] = []
    by_stamp: dict[tuple[str, str], list[Scan]] = {}
    try:
        iterator = iter(scans)
    except TypeError:
        return [_bad(1, "record")]
    for number, record in enumerate(iterator, start=1):
        read = _read(number, record)
        if isinstance(read, Finding):
            if len(findings) < _MAX_FINDINGS_PER_KIND:
                findings.append(read)
            continue
        by_stamp.setdefault((read.gtin, read.serial), []).append(read)
    shipped_set = None if shipped is None else _shipped(shipped, findings)
    issued_set = None
    if issued is not None:
        issued_set = set()
        for item in issued:
            key = _key_from_uri(item) if isinstance(item, str) else item
            if isinstance(key, tuple) and len(key) == 2:
                issued_set.add((str(key[0]), str(key[1])))
    for (gtin, serial), group in by_stamp.items():
        group.sort(key=lambda s: s.time)
        if issued_set is not None and (gtin, serial) not in issued_set:
            findings.append(_f("SERIAL_NEVER_ISSUED", Severity.ERROR, gtin=gtin, serial=serial))
        if shipped_set is not None and (gtin, serial) not in shipped_set:
            findings.append(_f("SERIAL_NEVER_SHIPPED", gtin=gtin, serial=serial))
        consumer = [s for s in group if s.consumer]
        if len(consumer) > limits.max_scans:
            devices = len({s.device for s in consumer if s.device is not None})
            findings.append(
                _f(
                    "TOO_MANY_SCANS",
                    gtin=gtin,
                    serial=serial,
                    count=len(consumer),
                    max=limits.max_scans,
                    devices=devices,
                )
            )
        for a, b in itertools.pairwise(group):
            if a.place != b.place and b.time - a.time <= limits.window:
                minutes = int((b.time - a.time).total_seconds() // 60)
                findings.append(
                    _f(
                        "SCANNED_IN_TWO_PLACES",
                        gtin=gtin,
                        serial=serial,
                        first=a.place,
                        second=b.place,
                        hours=minutes // 60,
                        minutes=minutes % 60,
                    )
                )
                break
    return findings
