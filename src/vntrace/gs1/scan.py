r"""Scan data: barcode reader output with an AIM symbology identifier, both ways.

:func:`decode` reads what a scanner sends (``]C1010893456789012010L7\x1d17270630``), tells
the symbology and validates the GS1 data; :func:`encode` writes the scan data a reader would
produce for given data and symbology.

=========================  ====================================  ===================
Identifier                 Data                                  ``symbology``
=========================  ====================================  ===================
``]C1``                    GS1 AI data                           ``GS1_128_CCA``
``]e0``                    GS1 AI data                           ``DataBarExpanded``
``]d2`` ``]Q3`` ``]J1``    GS1 AI data                           ``DM`` ``QR``
                                                                 ``DotCode``
``]d1`` ``]Q1`` ``]J0``    plain data; a GS1 Digital Link URI    ``DM`` ``QR``
                           is parsed when it starts with         ``DotCode``
                           ``http://``, ``https://``,
                           ``HTTP://`` or ``HTTPS://``
``]E0`` / ``]E4``          13 / 8 digits (+ ``|]e0`` + 2D data)  ``EAN13`` / ``EAN8``
=========================  ====================================  ===================

>>> r = decode("]C1010893456789012010L7\x1d17270630")
>>> r.symbology, r.element_string.bracketed()
('GS1_128_CCA', '(01)08934567890120(10)L7(17)270630')
>>> decode("]E08934567890120").element_string is None
True
>>> encode("^010893456789012010L7^17270630", "QR")
']Q3010893456789012010L7\x1d17270630'
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from vntrace.errors import GS1Error, VntraceError
from vntrace.findings import Finding, Location, Severity, has_errors
from vntrace.gs1 import element_string as _es
from vntrace.gs1.checkdigit import mod10
from vntrace.gs1.linters import csum
from vntrace.gs1.options import DEFAULT_OPTIONS, Options

if TYPE_CHECKING:
    from vntrace.gs1.element_string import ElementString

__all__ = ["PLAIN_IDENTIFIERS", "SYMBOLOGIES", "ScanResult", "decode", "encode", "validate"]

SYMBOLOGIES: Final = (
    "NONE",
    "DataBarOmni",
    "DataBarTruncated",
    "DataBarStacked",
    "DataBarStackedOmni",
    "DataBarLimited",
    "DataBarExpanded",
    "UPCA",
    "UPCE",
    "EAN13",
    "EAN8",
    "GS1_128_CCA",
    "GS1_128_CCC",
    "QR",
    "DM",
    "DotCode",
)
"""Symbology names (the reference engine's enumeration)."""

_GS1_MODES: Final = {
    "]C1": "GS1_128_CCA",
    "]e0": "DataBarExpanded",
    "]d2": "DM",
    "]Q3": "QR",
    "]J1": "DotCode",
}
_PLAIN_MODES: Final = {"]d1": "DM", "]Q1": "QR", "]J0": "DotCode"}
PLAIN_IDENTIFIERS: Final = frozenset(_PLAIN_MODES)
"""Symbology identifiers of plain (non-AI) data in a 2D symbol."""
_EAN_MODES: Final = {"]E0": ("EAN13", 13), "]E4": ("EAN8", 8)}
_DL_SCHEMES: Final = ("http://", "https://", "HTTP://", "HTTPS://")
MAX_SCAN_DATA: Final = 8190
"""Maximum length of the data after the symbology identifier."""


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scan carried."""

    symbology_identifier: str
    """The AIM identifier, e.g. ``]C1``."""
    symbology: str
    """The symbology name (one of :data:`SYMBOLOGIES`)."""
    element_string: ElementString | None
    """The validated GS1 AI data, or ``None`` for plain data (also EAN/UPC without 2D part)."""
    data: str
    """The data after the identifier, as scanned."""
    digital_link: Any = None
    """The parsed :mod:`vntrace.gs1.digital_link` object when the data is a GS1 DL URI."""


def _f(code: str, **params: str | int) -> Finding:
    return Finding(f"GS1.{code}", params=params)


def _gs1_data(data: str, options: Options) -> tuple[ElementString | None, Finding | None]:
    if "^" in data:
        return None, _f("SCAN_DATA_CONTAINS_ILLEGAL_CARAT")
    return _es.decode_fnc1_data(data, _es.GS, options)


def _decode(text: object, options: Options) -> tuple[list[Finding], ScanResult | None]:
    """Decode without raising: ``(findings, result)``."""
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("latin-1")
    if not isinstance(text, str):
        return [_f("INPUT_NOT_TEXT", type=type(text).__name__)], None
    if len(text) < 3 or text[0] != "]":
        return [_f("MISSING_SYMBOLOGY_IDENTIFIER")], None
    ident, data = text[:3], text[3:]
    if ident not in _GS1_MODES and ident not in _PLAIN_MODES and ident not in _EAN_MODES:
        return [_f("UNSUPPORTED_SYMBOLOGY_IDENTIFIER", identifier=ident)], None
    if len(data) > MAX_SCAN_DATA:
        return [_f("DATA_TOO_LONG", max=MAX_SCAN_DATA)], None
    if ident in _GS1_MODES:
        es, err = _gs1_data(data, options)
        if err is not None:
            return [err], None
        return [], ScanResult(ident, _GS1_MODES[ident], es, data)
    if ident in _PLAIN_MODES:
        symbology = _PLAIN_MODES[ident]
        if data.startswith(_DL_SCHEMES):
            try:
                dl_module = importlib.import_module("vntrace.gs1.digital_link")
            except ImportError:
                return [], ScanResult(ident, symbology, None, data)
            try:
                dl = dl_module.parse(data, options=options)
            except VntraceError as exc:
                return list(exc.findings), None
            return [], ScanResult(ident, symbology, dl.element_string, data, dl)
        if data[:8].lower().startswith(("http://", "https://")):
            # The reference routes only four exact scheme spellings to the Digital Link parser;
            # ``Https://…`` stays plain data there. We keep that verdict but say so (a warning),
            # because a stamp printed that way is never checked as a Digital Link.
            scheme = data[: data.index(":")]
            warning = Finding(
                "GS1.DL_SCHEME_NOT_ROUTED", Severity.WARNING, {"scheme": scheme}, Location(start=0)
            )
            return [warning], ScanResult(ident, symbology, None, data)
        return [], ScanResult(ident, symbology, None, data)
    symbology, n = _EAN_MODES[ident]
    if len(data) < n:
        return [_f("PRIMARY_SCAN_DATA_IS_TOO_SHORT")], None
    primary, rest = data[:n], data[n:]
    if rest and not rest.startswith("|]e0"):
        return [_f("PRIMARY_MESSAGE_IS_TOO_LONG")], None
    result = csum(primary)
    if result is not None:
        code = (
            "PRIMARY_MESSAGE_MAY_ONLY_CONTAIN_DIGITS"
            if result[0] == "NON_DIGIT_CHARACTER"
            else "PRIMARY_MESSAGE_CHECK_DIGIT_IS_INCORRECT"
        )
        return [_f(code)], None
    if not rest:
        return [], ScanResult(ident, symbology, None, data)
    es, err = _gs1_data(rest[4:], options)
    if err is not None:
        return [err], None
    assert es is not None
    return [], ScanResult(ident, symbology, _es.ElementString(es.elements, 0, primary), data)


def decode(scan_data: str, options: Options | None = None) -> ScanResult:
    r"""Decode and validate scan data; raises :class:`~vntrace.errors.GS1Error` on the first error.

    The EAN/UPC primary of ``]E0``/``]E4`` is not turned into AI (01), as in the reference: a
    composite ``(10)`` after ``]E0`` fails the ``req`` check.

    >>> decode("]d2010893456789012021S1").element_string.hri()
    ['(01) 08934567890120', '(21) S1']
    >>> decode("]Q1hTTps://example.vn/01/08934567890120").element_string is None
    True
    >>> decode("]E08934567890129")
    Traceback (most recent call last):
    ...
    vntrace.errors.GS1Error: GS1.PRIMARY_MESSAGE_CHECK_DIGIT_IS_INCORRECT: ...
    """
    findings, result = _decode(scan_data, options or DEFAULT_OPTIONS)
    if has_errors(findings):
        raise GS1Error(findings)
    assert result is not None
    return result


def validate(scan_data: object, options: Options | None = None) -> list[Finding]:
    """The findings of :func:`decode` (``[]`` = valid); never raises on bad input.

    >>> [f.code for f in validate("]Q2abc")]
    ['GS1.UNSUPPORTED_SYMBOLOGY_IDENTIFIER']

    A URI whose scheme is spelled in mixed case stays plain data, as in the reference, but is
    reported (a warning, so :func:`decode` still succeeds):

    >>> [(f.code, f.severity.value) for f in validate("]Q1Https://example.vn/01/08934567890120")]
    [('GS1.DL_SCHEME_NOT_ROUTED', 'warning')]
    """
    return _decode(scan_data, options or DEFAULT_OPTIONS)[0]


# --------------------------------------------------------------------------------------------
# Encoding

_PRIMARY_LENGTH: Final = {
    "EAN13": 13,
    "UPCA": 12,
    "UPCE": 12,
    "EAN8": 8,
    "DataBarOmni": 14,
    "DataBarTruncated": 14,
    "DataBarStacked": 14,
    "DataBarStackedOmni": 14,
    "DataBarLimited": 14,
}
_MATRIX: Final = {"QR": ("]Q3", "]Q1"), "DM": ("]d2", "]d1"), "DotCode": ("]J1", "]J0")}
_ALL_DIGITS: Final = str.maketrans("", "", "0123456789")


def _is_digits(text: str) -> bool:
    return bool(text) and not text.translate(_ALL_DIGITS)


def _primary(
    symbology: str, linear: str | None, gtin: str | None, options: Options
) -> tuple[str | None, Finding | None]:
    """The primary digits (with check digit) for EAN/UPC/DataBar, from plain digits or (01)."""
    n = _PRIMARY_LENGTH[symbology]
    if gtin is not None:
        # AI (01): drop leading zeros down to the symbology's length.
        cut = len(gtin) - n
        if gtin[:cut].strip("0"):
            return None, _f("PRIMARY_DATA_IS_TOO_LARGE")
        digits = gtin[cut:]
    else:
        digits = linear or ""
        if not _is_digits(digits):
            return None, _f("PRIMARY_DATA_MUST_BE_ALL_DIGITS")
        if options.add_check_digit:
            if len(digits) != n - 1:
                return None, _f("PRIMARY_DATA_MUST_BE_N_DIGITS_WITHOUT_CHECK_DIGIT", n=n - 1)
            digits += mod10(digits)
        elif len(digits) != n:
            return None, _f("PRIMARY_DATA_MUST_BE_N_DIGITS", n=n)
        elif csum(digits) is not None:
            return None, _f("PRIMARY_DATA_CHECK_DIGIT_IS_INCORRECT")
    if symbology == "DataBarLimited" and digits[0] not in "01":
        return None, _f("PRIMARY_DATA_IS_TOO_LARGE")
    return digits, None


def _encode(data: object, symbology: str, options: Options) -> str:
    if symbology not in SYMBOLOGIES:
        raise GS1Error(_f("UNKNOWN_SYMBOLOGY", symbology=str(symbology)))
    if symbology == "NONE":
        raise GS1Error(_f("SYMBOLOGY_NOT_SET"))
    es: ElementString | None
    plain: str | None = None
    if isinstance(data, _es.ElementString):
        es = data
    elif isinstance(data, str) and data.startswith(("(", "^")):
        es = _es.parse(data, options=options)
    elif isinstance(data, str) and "|" in data and symbology not in _MATRIX:
        # "|" separates a composite only for linear symbologies; in QR/DM/DotCode plain data
        # ("TESTING|^99XYZ") it is just a character.
        es = _es.parse(data, form="caret", options=options)
    elif isinstance(data, str):
        es, plain = None, data
    else:
        raise GS1Error(_f("INPUT_NOT_TEXT", type=type(data).__name__))
    if symbology in _MATRIX:
        gs1_id, plain_id = _MATRIX[symbology]
        if es is None:
            assert plain is not None
            out = plain_id + plain.removeprefix("\\")
        elif es.composite_index is not None:
            raise GS1Error(_f("COMPOSITE_NOT_SUPPORTED", symbology=symbology))
        else:
            out = gs1_id + es.unbracketed()
        if len(out) - 3 > MAX_SCAN_DATA:  # what decode() would refuse
            raise GS1Error(_f("DATA_TOO_LONG", max=MAX_SCAN_DATA))
        return out
    if symbology in {"GS1_128_CCA", "GS1_128_CCC", "DataBarExpanded"}:
        if es is None or not es.elements or es.primary is not None:
            raise GS1Error(_f("MISSING_FNC1_IN_FIRST_POSITION"))
        if symbology == "DataBarExpanded" or es.composite_index is not None:
            return "]e0" + es.unbracketed()
        return "]C1" + es.unbracketed()
    # EAN/UPC and non-Expanded DataBar: a primary plus an optional composite.
    linear: str | None = plain
    gtin: str | None = None
    composite: tuple[_es.Element, ...] = ()
    if es is not None:
        lin = es.elements if es.composite_index is None else es.elements[: es.composite_index]
        composite = () if es.composite_index is None else es.elements[es.composite_index :]
        if es.primary is not None:
            linear = es.primary
        elif len(lin) == 1 and lin[0].ai == "01":
            gtin = lin[0].value
        else:
            raise GS1Error(_f("PRIMARY_DATA_MUST_BE_GTIN", symbology=symbology))
    digits, err = _primary(symbology, linear, gtin, options)
    if err is not None:
        raise GS1Error(err)
    assert digits is not None
    tail = ""
    if composite:
        tail = _es.ElementString(composite).unbracketed()
    if symbology.startswith("DataBar"):
        out = "]e001" + digits
        return out + tail
    if symbology in {"UPCA", "UPCE"}:
        out = "]E00" + digits
    elif symbology == "EAN8":
        out = "]E4" + digits
    else:
        out = "]E0" + digits
    return out + ("|]e0" + tail if tail else "")


def encode(data: str | ElementString, symbology: str, options: Options | None = None) -> str:
    r"""The scan data a reader reports for ``data`` printed in ``symbology``.

    ``data`` is an :class:`~vntrace.gs1.element_string.ElementString`, AI data in bracketed or
    caret form (``|`` before a composite), or plain data (digits for EAN/UPC/DataBar, any text
    for QR/DM/DotCode). Raises :class:`~vntrace.errors.GS1Error` on bad data or symbology.

    >>> encode("^0108934567890120|^10L7", "EAN13")
    ']E08934567890120|]e010L7'
    >>> encode("893456789012", "EAN13", Options(add_check_digit=True))
    ']E08934567890120'
    >>> encode("(01)08934567890120(10)L7", "GS1_128_CCA")
    ']C1010893456789012010L7'
    >>> encode("(01)08934567890120", "DataBarOmni")
    ']e00108934567890120'
    """
    return _encode(data, symbology, options or DEFAULT_OPTIONS)
