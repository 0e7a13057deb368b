"""Static types of the EPCIS input API (file vs text functions), checked by mypy and pytest.

A ``str`` is a path for ``load``/``validate``/``iter_events`` and a document for
``loads``/``validate_text``; mypy refuses what neither side takes (a number, a text file).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import assert_type

import pytest

from vntrace import epcis
from vntrace.epcis.model import AnyDocument, Event
from vntrace.errors import EpcisError
from vntrace.findings import Finding

DOC = (
    '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" '
    'creationDate="2026-05-12T08:00:00Z"><EPCISBody><EventList><ObjectEvent>'
    "<eventTime>2026-05-12T07:30:00Z</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>"
    "<epcList/><action>OBSERVE</action></ObjectEvent></EventList></EPCISBody>"
    "</epcis:EPCISDocument>"
)


def test_file_and_text_functions(tmp_path: Path) -> None:
    path = tmp_path / "d.xml"
    path.write_text(DOC, encoding="utf-8")
    doc = assert_type(epcis.load(path), AnyDocument)
    assert assert_type(epcis.loads(DOC), AnyDocument) == doc
    assert epcis.load(str(path)) == epcis.load(DOC.encode()) == doc
    events = assert_type(epcis.iter_events(path), Iterator[Event])
    assert tuple(events) == doc.events
    assert assert_type(epcis.validate(path), list[Finding]) == []
    assert assert_type(epcis.validate_text(DOC), list[Finding]) == []
    with pytest.raises(EpcisError):
        epcis.load(DOC)  # a str is a file name
    with pytest.raises(EpcisError):
        epcis.load(1)  # type: ignore[arg-type]
    assert epcis.validate(1)[0].code == "EPCIS.INPUT_NOT_A_PATH"  # type: ignore[arg-type]
