"""EPC URNs and Digital Link URIs found in the reference documents (../shared/reference/epcis).

Every EPC URN of a GS1 scheme that appears in the GS1 and openepcis example documents converts to
a Digital Link and back (with the company-prefix length read from the URN); the Python peer's
normaliser gives the same Digital Link; and the openepcis document that writes one SSCC both as a
URN (XML) and as a Digital Link (JSON) is consistent with our conversion.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vntrace.epcis.epc import dl_to_urn, parse_urn, urn_to_dl
from vntrace.errors import UnsupportedInput

pytestmark = pytest.mark.conformance

_URN = re.compile(r"urn:epc:(?:id|class|idpat):[a-z]+:[^\s\"<>]+")


def _urns(reference: Path) -> set[str]:
    root = reference / "epcis"
    found: set[str] = set()
    for path in [*root.rglob("*.xml"), *root.rglob("*.json"), *root.rglob("*.jsonld")]:
        if "Invalid" in path.parts or "1.2" in path.parts:
            continue
        found.update(_URN.findall(path.read_text(encoding="utf-8", errors="replace")))
    return found


def test_every_reference_urn_round_trips(reference: Path) -> None:
    converted = 0
    for urn in sorted(_urns(reference)):
        try:
            parsed = parse_urn(urn)
        except UnsupportedInput:
            continue  # gid, patterns with more than one '*'
        dl = urn_to_dl(urn)
        assert dl_to_urn(dl, parsed.gcp_length) == str(parsed), urn
        converted += 1
    assert converted >= 80


def test_peer_normaliser_agrees_on_reference_urns(reference: Path) -> None:
    normaliser = pytest.importorskip("epcis_event_hash_generator.dl_normaliser").normaliser
    compared = 0
    for urn in sorted(_urns(reference)):
        try:
            ours = urn_to_dl(urn)
        except UnsupportedInput:
            continue
        theirs = normaliser(urn)
        if theirs is None:
            continue  # the peer rejects a few syntaxes (e.g. gdti without serial)
        assert ours == theirs, urn
        compared += 1
    assert compared >= 80


def test_openepcis_all_keys_document(reference: Path) -> None:
    base = reference / "epcis/openepcis-test-resources/2.0/EPCIS"
    xml = (base / "XML/Capture/Documents/epcisDocWithAllGS1Keys.xml").read_text(encoding="utf-8")
    jsn = (base / "JSON/Capture/Documents/epcisDocWithAllGS1Keys.json").read_text(encoding="utf-8")
    assert "urn:epc:id:sscc:4012345.0000000333" in xml
    assert "https://id.gs1.org/00/040123450000003338" in jsn
    assert urn_to_dl("urn:epc:id:sscc:4012345.0000000333") == (
        "https://id.gs1.org/00/040123450000003338"
    )
    assert dl_to_urn("https://id.gs1.org/00/040123450000003338", 7) == (
        "urn:epc:id:sscc:4012345.0000000333"
    )
