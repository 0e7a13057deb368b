"""The mixed-case scheme trap (gs1-facts §10): one explicit behaviour per entry point.

- ``digital_link.parse``/``validate``: ``Https://…`` is an error (``URI_CONTAINS_ILLEGAL_SCHEME``),
  as in the reference's DL parser.
- ``scan.decode``/``validate`` of plain-data symbologies: the reference treats it as plain data;
  we keep that verdict but add a warning, so the stamp is not silently left unchecked.
"""

from __future__ import annotations

import pytest

from vntrace.findings import Severity
from vntrace.gs1 import digital_link, scan

URI = "example.vn/01/08934567890120/10/L7"


@pytest.mark.parametrize("scheme", ["Https://", "hTTps://", "Http://", "hTTP://"])
def test_scan_reports_but_keeps_plain_data(scheme: str) -> None:
    findings = scan.validate("]Q1" + scheme + URI)
    assert [(f.code, f.severity, f.params["scheme"]) for f in findings] == [
        ("GS1.DL_SCHEME_NOT_ROUTED", Severity.WARNING, scheme[:-3])
    ]
    result = scan.decode("]Q1" + scheme + URI)
    assert result.element_string is None
    assert result.data == scheme + URI


@pytest.mark.parametrize("scheme", ["https://", "HTTPS://", "http://", "HTTP://"])
def test_exact_schemes_are_digital_links(scheme: str) -> None:
    assert scan.validate("]Q1" + scheme + URI) == []
    result = scan.decode("]Q1" + scheme + URI)
    assert result.element_string is not None
    assert [e.ai for e in result.element_string.elements] == ["01", "10"]


def test_digital_link_parser_rejects_mixed_case() -> None:
    assert [f.code for f in digital_link.validate("Https://" + URI)] == [
        "GS1.URI_CONTAINS_ILLEGAL_SCHEME"
    ]


def test_plain_text_gets_no_warning() -> None:
    assert scan.validate("]Q1hello https://example.vn") == []
    assert scan.validate("]Q1httpx://example.vn") == []
