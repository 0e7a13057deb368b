"""EPC URNs ⇄ GS1 Digital Link URIs (GS1 EPC Tag Data Standard 2.0).

EPCIS events name things with EPC pure-identity URNs (``urn:epc:id:sgtin:…``), EPC class URNs
(``urn:epc:class:lgtin:…``), EPC pattern URNs (``urn:epc:idpat:sgtin:…*``) or GS1 Digital Link
URIs. This module converts between the two families.

* :func:`urn_to_dl` needs no outside data: the dot after the first URN component marks where the
  GS1 Company Prefix ends. The key is re-assembled, its check digit added (GS1 mod-10 of
  :mod:`vntrace.gs1.checkdigit`) and the value written as a canonical Digital Link URI
  (numeric AIs, GTIN as 14 digits, values percent-encoded except ``A-Z a-z 0-9 - . _ ~``).
* :func:`dl_to_urn` needs the **GS1 Company Prefix length**, which a Digital Link does not carry.
  Pass it as an ``int`` or as a mapping prefix → length (e.g. built from GS1's
  ``gcpprefixformatlist`` or a national member organisation's list). Vietnamese prefixes
  (``893``) have 7, 8, 9, 10 or 12 digits. A missing or impossible length raises
  :class:`~vntrace.errors.InvalidComponent`; nothing is guessed.

Serial-like components use the URN escaping of the Tag Data Standard: the characters
``"`` ``%`` ``&`` ``/`` ``<`` ``>`` ``?`` of GS1 character set 82 are written ``%22`` ``%25``
``%26`` ``%2F`` ``%3C`` ``%3E`` ``%3F``; every other CSET 82 character is written as itself. CPI
part references use character set 39 (``0-9 A-Z - # /``) with ``#`` → ``%23`` and ``/`` → ``%2F``.

>>> urn_to_dl("urn:epc:id:sgtin:234567890.1123.9999")
'https://id.gs1.org/01/12345678901231/21/9999'
>>> dl_to_urn("https://id.gs1.org/01/12345678901231/21/9999", gcp_length=9)
'urn:epc:id:sgtin:234567890.1123.9999'
>>> dl_to_urn("https://example.com/01/08934567890120/10/L%2F7", gcp_length=7)
'urn:epc:class:lgtin:8934567.089012.L%2F7'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from vntrace.epcis._epcfast import _dl_encode, _fast_dl
from vntrace.errors import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    UnsupportedInput,
    VntraceError,
)
from vntrace.findings import Finding, Location, ParamValue
from vntrace.gs1.checkdigit import mod10_of_bytes

__all__ = [
    "DEFAULT_STEM",
    "VIETNAMESE_GCP_LENGTHS",
    "DigitalLinkKey",
    "EpcUrn",
    "canonical_dl",
    "constrain_dl",
    "dl_to_urn",
    "is_epc_urn",
    "parse_dl",
    "parse_urn",
    "urn_to_dl",
]

DEFAULT_STEM: Final = "https://id.gs1.org"
"""The canonical Digital Link stem."""

VIETNAMESE_GCP_LENGTHS: Final = frozenset({7, 8, 9, 10, 12})
"""GS1 Company Prefix lengths GS1 Vietnam issues under prefix ``893``."""

Kind = Literal["id", "class", "idpat"]

# --------------------------------------------------------------------------------------------
# Character sets and escaping
# --------------------------------------------------------------------------------------------

_CSET82: Final = frozenset(
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
)
_CSET39: Final = frozenset("#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGITS: Final = frozenset("0123456789")
_HEX: Final = frozenset("0123456789ABCDEFabcdef")

# URN escapes of the Tag Data Standard (CSET 82 characters that are not URN-safe).
_URN_ESCAPE82: Final = {c: f"%{ord(c):02X}" for c in '"%&/<>?'}
_URN_ESCAPE39: Final = {c: f"%{ord(c):02X}" for c in "#/"}
_PERCENT_ONLY: Final = {"%": "%25"}
_URN_TABLE82: Final = str.maketrans(_URN_ESCAPE82)
_URN_TABLE39: Final = str.maketrans(_URN_ESCAPE39)


def _fail(
    cls: type[VntraceError],
    code: str,
    value: str,
    start: int | None = None,
    length: int | None = None,
    **params: ParamValue,
) -> VntraceError:
    """Build (not raise) an error carrying one finding; callers ``raise _fail(...)``."""
    return cls(
        Finding(
            code, params={"value": value, **params}, location=Location(start=start, length=length)
        )
    )


def _unescape(  # noqa: PLR0917 - private helper, called twice
    text: str,
    allowed: frozenset[str],
    value: str,
    offset: int,
    component: str,
    strict: bool,
) -> str:
    """Decode ``%XX`` escapes of a URN component; every decoded character must be in ``allowed``.

    ``strict`` also rejects the characters that the Tag Data Standard requires escaped.
    """
    must_escape = _URN_ESCAPE82 if strict else _PERCENT_ONLY
    if "%" not in text:
        for i, c in enumerate(text):
            if c not in allowed or c in must_escape:
                raise _fail(
                    InvalidFormat,
                    "EPC.INVALID_CHARACTER",
                    value,
                    offset + i,
                    1,
                    component=component,
                    char=c,
                )
        return text
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "%":
            hx = text[i + 1 : i + 3]
            if len(hx) != 2 or hx[0] not in _HEX or hx[1] not in _HEX:
                raise _fail(
                    InvalidFormat, "EPC.INVALID_ESCAPE", value, offset + i, 3, component=component
                )
            d = chr(int(hx, 16))
            if d not in allowed:
                raise _fail(
                    InvalidFormat,
                    "EPC.INVALID_CHARACTER",
                    value,
                    offset + i,
                    3,
                    component=component,
                    char=d,
                )
            out.append(d)
            i += 3
            continue
        if c not in allowed or c in must_escape:
            raise _fail(
                InvalidFormat,
                "EPC.INVALID_CHARACTER",
                value,
                offset + i,
                1,
                component=component,
                char=c,
            )
        out.append(c)
        i += 1
    return "".join(out)


def _check_digit(digits: str) -> str:
    return "0123456789"[mod10_of_bytes(digits.encode("ascii"))]


# --------------------------------------------------------------------------------------------
# Schemes
# --------------------------------------------------------------------------------------------

# Component kinds: ("ref", n) = digits filling gcp + ref to n; ("digits", lo, hi); ("c82", lo, hi);
# ("c82total", total) = CSET 82 text with gcp + text <= total; ("c39total", total); ("fixed", n)
# = exactly n digits; ("star",) = a pattern wildcard.
_Comp = tuple[str, int, int]

_SCHEMES: Final[dict[tuple[str, str], tuple[tuple[str, _Comp], ...]]] = {
    ("id", "sgtin"): (("indicator and item reference", ("ref", 13, 0)), ("serial", ("c82", 1, 20))),
    ("id", "sscc"): (("serial reference", ("ref", 17, 0)),),
    ("id", "sgln"): (("location reference", ("ref", 12, 0)), ("extension", ("c82", 1, 20))),
    ("id", "grai"): (("asset type", ("ref", 12, 0)), ("serial", ("c82", 1, 16))),
    ("id", "giai"): (("individual asset reference", ("c82total", 30, 0)),),
    ("id", "gsrn"): (("service reference", ("ref", 17, 0)),),
    ("id", "gsrnp"): (("service reference", ("ref", 17, 0)),),
    ("id", "gdti"): (("document type", ("ref", 12, 0)), ("serial", ("c82", 1, 17))),
    ("id", "sgcn"): (("coupon reference", ("ref", 12, 0)), ("serial component", ("digits", 1, 12))),
    ("id", "ginc"): (("consignment reference", ("c82total", 30, 0)),),
    ("id", "gsin"): (("shipper reference", ("ref", 16, 0)),),
    ("id", "cpi"): (
        ("component/part reference", ("c39total", 30, 0)),
        ("serial", ("digits", 1, 12)),
    ),
    ("id", "itip"): (
        ("indicator and item reference", ("ref", 13, 0)),
        ("piece", ("fixed", 2, 0)),
        ("total", ("fixed", 2, 0)),
        ("serial", ("c82", 1, 20)),
    ),
    ("id", "upui"): (("indicator and item reference", ("ref", 13, 0)), ("TPX", ("c82", 1, 28))),
    ("id", "pgln"): (("party reference", ("ref", 12, 0)),),
    ("class", "lgtin"): (("indicator and item reference", ("ref", 13, 0)), ("lot", ("c82", 1, 20))),
    ("idpat", "sgtin"): (
        ("indicator and item reference", ("ref", 13, 0)),
        ("serial", ("star", 0, 0)),
    ),
    ("idpat", "grai"): (("asset type", ("ref", 12, 0)), ("serial", ("star", 0, 0))),
    ("idpat", "gdti"): (("document type", ("ref", 12, 0)), ("serial", ("star", 0, 0))),
    ("idpat", "sgcn"): (("coupon reference", ("ref", 12, 0)), ("serial component", ("star", 0, 0))),
    ("idpat", "cpi"): (
        ("component/part reference", ("c39total", 30, 0)),
        ("serial", ("star", 0, 0)),
    ),
    ("idpat", "itip"): (
        ("indicator and item reference", ("ref", 13, 0)),
        ("piece", ("fixed", 2, 0)),
        ("total", ("fixed", 2, 0)),
        ("serial", ("star", 0, 0)),
    ),
    ("idpat", "upui"): (("indicator and item reference", ("ref", 13, 0)), ("TPX", ("star", 0, 0))),
}

# Other EPC schemes of the Tag Data Standard: valid URNs, but with no GS1 key (no Digital Link).
_NON_GS1_SCHEMES: Final = frozenset({"gid", "usdod", "adi", "bic", "imovn", "lei", "gcp"})
_IDPAT_ONLY_STAR: Final = frozenset(
    {"sscc", "sgln", "giai", "gsrn", "gsrnp", "ginc", "gsin", "pgln"}
)

_URN_HEAD: Final = re.compile(r"urn:epc:(id|class|idpat):([a-z]+):", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EpcUrn:
    """A parsed EPC URN.

    ``components`` are the *decoded* values after the GS1 Company Prefix (escapes resolved),
    in URN order; a pattern wildcard is ``"*"``.

    >>> u = parse_urn("urn:epc:id:sgtin:8934567.089012.A%2FB")
    >>> u.scheme, u.company_prefix, u.components
    ('sgtin', '8934567', ('089012', 'A/B'))
    >>> str(u)
    'urn:epc:id:sgtin:8934567.089012.A%2FB'
    """

    kind: Kind
    """``"id"`` (pure identity), ``"class"`` (lgtin) or ``"idpat"`` (pattern)."""
    scheme: str
    """The EPC scheme in lower case: ``"sgtin"``, ``"sscc"`` …"""
    company_prefix: str
    """The GS1 Company Prefix (6–12 digits)."""
    components: tuple[str, ...]
    """The decoded components after the company prefix."""

    def __str__(self) -> str:
        """The canonical URN (escapes applied)."""
        spec = _SCHEMES[(self.kind, self.scheme)]
        parts = [self.company_prefix]
        for (_name, comp), text in zip(spec, self.components, strict=True):
            if comp[0] in {"c82", "c82total"}:
                parts.append(text.translate(_URN_TABLE82))
            elif comp[0] == "c39total":
                parts.append(text.translate(_URN_TABLE39))
            else:
                parts.append(text)
        return f"urn:epc:{self.kind}:{self.scheme}:" + ".".join(parts)

    @property
    def gcp_length(self) -> int:
        """The length of the GS1 Company Prefix."""
        return len(self.company_prefix)

    def to_dl(self, stem: str = DEFAULT_STEM) -> str:
        """The canonical GS1 Digital Link URI (see :func:`urn_to_dl`)."""
        return stem.rstrip("/") + _dl_path(self)


def parse_urn(urn: str) -> EpcUrn:
    """Parse an EPC pure-identity, class (``lgtin``) or pattern URN of a GS1 scheme.

    Raises :class:`~vntrace.errors.InvalidFormat`, :class:`~vntrace.errors.InvalidLength` or
    :class:`~vntrace.errors.UnsupportedInput` (EPC schemes without a GS1 key such as ``gid``, and
    patterns that have no Digital Link form) with a finding.

    >>> parse_urn("urn:epc:id:sscc:8934567.0000000123").components
    ('0000000123',)
    >>> parse_urn("urn:epc:id:sgtin:8934567.08901.1")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidLength: EPC.COMPONENT_LENGTH: ...
    """
    return _parse_urn(urn, strict=True)


def _parse_urn(urn: str, *, strict: bool) -> EpcUrn:
    if not isinstance(urn, str):
        raise InvalidFormat(Finding("VNTRACE.INPUT_NOT_TEXT", params={"got": type(urn).__name__}))
    head = _URN_HEAD.match(urn)
    if head is None:
        raise _fail(InvalidFormat, "EPC.NOT_EPC_URN", urn[:200])
    kind_raw, scheme_raw = head.group(1), head.group(2)
    kind: Kind = kind_raw.lower()  # type: ignore[assignment]
    scheme = scheme_raw.lower()
    if strict and (kind != kind_raw or scheme != scheme_raw):
        # RFC 8141 folds the case of "urn:epc:" only; the rest of an EPC URN is case-sensitive
        # and urn_to_dl must not accept what dl_to_urn can never give back (D17).
        raise _fail(InvalidFormat, "EPC.URN_CASE", urn[:200], 0, head.end())
    spec = _SCHEMES.get((kind, scheme))
    if spec is None:
        if scheme in _NON_GS1_SCHEMES or (kind == "idpat" and scheme in _IDPAT_ONLY_STAR):
            raise _fail(UnsupportedInput, "EPC.NO_DIGITAL_LINK", urn[:200], scheme=scheme)
        raise _fail(InvalidFormat, "EPC.UNKNOWN_SCHEME", urn[:200], 0, head.end(), scheme=scheme)
    body_start = head.end()
    parts = urn[body_start:].split(".", len(spec))
    if len(parts) != len(spec) + 1:
        raise _fail(
            InvalidFormat,
            "EPC.COMPONENT_COUNT",
            urn,
            body_start,
            len(urn) - body_start,
            scheme=scheme,
            expected=len(spec) + 1,
            got=len(parts),
        )
    gcp = parts[0]
    if gcp == "*" and kind == "idpat":
        raise _fail(UnsupportedInput, "EPC.NO_DIGITAL_LINK", urn, scheme=scheme)
    _digits(gcp, urn, body_start, "company prefix")
    if not 6 <= len(gcp) <= 12:
        raise _fail(
            InvalidLength, "EPC.COMPANY_PREFIX_LENGTH", urn, body_start, len(gcp), got=len(gcp)
        )
    if strict and gcp.startswith("893") and len(gcp) not in VIETNAMESE_GCP_LENGTHS:
        raise _fail(
            InvalidComponent,
            "EPC.GCP_LENGTH_NOT_VIETNAMESE",
            urn,
            body_start,
            len(gcp),
            key=gcp,
            got=len(gcp),
        )
    offset = body_start + len(gcp) + 1
    out: list[str] = []
    for (name, comp), text in zip(spec, parts[1:], strict=True):
        out.append(_component(comp, name, text, gcp, urn, offset, kind, scheme, strict))
        offset += len(text) + 1
    return EpcUrn(kind, scheme, gcp, tuple(out))


def _digits(text: str, urn: str, offset: int, component: str) -> None:
    for i, c in enumerate(text):
        if c not in _DIGITS:
            raise _fail(
                InvalidFormat,
                "EPC.INVALID_CHARACTER",
                urn,
                offset + i,
                1,
                component=component,
                char=c,
            )


def _component(  # noqa: PLR0917 - private helper with one caller
    comp: _Comp,
    name: str,
    text: str,
    gcp: str,
    urn: str,
    offset: int,
    kind: str,
    scheme: str,
    strict: bool,
) -> str:
    form, a, b = comp
    if form == "star":
        if text != "*":
            raise _fail(InvalidFormat, "EPC.PATTERN_SYNTAX", urn, offset, len(text), scheme=scheme)
        return text
    if kind == "idpat" and text == "*":
        raise _fail(UnsupportedInput, "EPC.PATTERN_NOT_CONVERTIBLE", urn, offset, 1, scheme=scheme)
    if form in {"ref", "fixed", "digits"}:
        _digits(text, urn, offset, name)
        if form == "ref":
            lo = hi = a - len(gcp)
        elif form == "fixed":
            lo = hi = a
        else:
            lo, hi = a, b
        if not lo <= len(text) <= hi:
            raise _fail(
                InvalidLength,
                "EPC.COMPONENT_LENGTH",
                urn,
                offset,
                len(text),
                component=name,
                scheme=scheme,
                expected=str(lo) if lo == hi else f"{lo}-{hi}",
                got=len(text),
            )
        return text
    allowed = _CSET39 if form == "c39total" else _CSET82
    decoded = _unescape(text, allowed, urn, offset, name, strict)
    if form == "c82":
        lo, hi = a, b
    else:
        lo, hi = 1, a - len(gcp)
    if not lo <= len(decoded) <= hi:
        raise _fail(
            InvalidLength,
            "EPC.COMPONENT_LENGTH",
            urn,
            offset,
            len(text),
            component=name,
            scheme=scheme,
            expected=f"{lo}-{hi}",
            got=len(decoded),
        )
    return decoded


def is_epc_urn(text: object) -> bool:
    """``True`` if ``text`` is a well-formed EPC URN of a GS1 scheme that has a Digital Link form.

    >>> is_epc_urn("urn:epc:id:sgln:8934567.00001.0")
    True
    >>> is_epc_urn("urn:epc:id:sgln:8934567.0001.0")
    False
    >>> is_epc_urn("https://id.gs1.org/414/8934567000017")
    False
    """
    if not isinstance(text, str):
        return False
    try:
        parse_urn(text)
    except (InvalidFormat, InvalidLength, UnsupportedInput):
        return False
    return True


def _gtin(gcp: str, indicator_ref: str) -> str:
    body = indicator_ref[0] + gcp + indicator_ref[1:]
    return body + _check_digit(body)


def _dl_path(u: EpcUrn) -> str:
    s, g, c = u.scheme, u.company_prefix, u.components
    if s == "sgtin":
        gtin = _gtin(g, c[0])
        return f"/01/{gtin}" if u.kind == "idpat" else f"/01/{gtin}/21/{_dl_encode(c[1])}"
    if s == "lgtin":
        return f"/01/{_gtin(g, c[0])}/10/{_dl_encode(c[1])}"
    if s == "upui":
        gtin = _gtin(g, c[0])
        return f"/01/{gtin}" if u.kind == "idpat" else f"/01/{gtin}/235/{_dl_encode(c[1])}"
    if s == "itip":
        key = _gtin(g, c[0]) + c[1] + c[2]
        return f"/8006/{key}" if u.kind == "idpat" else f"/8006/{key}/21/{_dl_encode(c[3])}"
    if s == "sscc":
        body = c[0][0] + g + c[0][1:]
        return f"/00/{body}{_check_digit(body)}"
    if s == "sgln":
        gln = g + c[0]
        gln += _check_digit(gln)
        return f"/414/{gln}" if c[1] == "0" else f"/414/{gln}/254/{_dl_encode(c[1])}"
    if s == "pgln":
        gln = g + c[0]
        return f"/417/{gln}{_check_digit(gln)}"
    if s == "grai":
        body = "0" + g + c[0]
        key = body + _check_digit(body)
        return f"/8003/{key}" if u.kind == "idpat" else f"/8003/{key}{_dl_encode(c[1])}"
    if s in {"gdti", "sgcn"}:
        body = g + c[0]
        key = body + _check_digit(body)
        ai = "253" if s == "gdti" else "255"
        return f"/{ai}/{key}" if u.kind == "idpat" else f"/{ai}/{key}{_dl_encode(c[1])}"
    if s in {"gsrn", "gsrnp", "gsin"}:
        body = g + c[0]
        ai = {"gsrn": "8018", "gsrnp": "8017", "gsin": "402"}[s]
        return f"/{ai}/{body}{_check_digit(body)}"
    if s in {"giai", "ginc"}:
        ai = "8004" if s == "giai" else "401"
        return f"/{ai}/{g}{_dl_encode(c[0])}"
    # cpi
    key = f"/8010/{g}{_dl_encode(c[0])}"
    return key if u.kind == "idpat" else f"{key}/8011/{c[1]}"


def urn_to_dl(urn: str, stem: str = DEFAULT_STEM) -> str:
    """The canonical GS1 Digital Link URI of an EPC URN (pure identity, ``lgtin`` class or pattern).

    ``stem`` replaces ``https://id.gs1.org`` (a trailing ``/`` is ignored).

    >>> urn_to_dl("urn:epc:id:sscc:123456.06663868985")
    'https://id.gs1.org/00/012345666638689852'
    >>> urn_to_dl("urn:epc:id:sgln:1234567890.11.1111", stem="https://dl.example.vn/")
    'https://dl.example.vn/414/1234567890111/254/1111'
    >>> urn_to_dl("urn:epc:class:lgtin:4023333.002000.2019-10-07")
    'https://id.gs1.org/01/04023333020008/10/2019-10-07'
    >>> urn_to_dl("urn:epc:idpat:sgtin:8853849.838493.*")
    'https://id.gs1.org/01/88853849384934'
    >>> urn_to_dl("urn:epc:id:gid:95100000.12345.400")
    Traceback (most recent call last):
    ...
    vntrace.errors.UnsupportedInput: EPC.NO_DIGITAL_LINK: ...
    """
    return parse_urn(urn).to_dl(stem)


# --------------------------------------------------------------------------------------------
# Digital Link side
# --------------------------------------------------------------------------------------------

_SHORT_NAMES: Final = {
    "gtin": "01",
    "itip": "8006",
    "cpid": "8010",
    "gln": "414",
    "party": "417",
    "gsrnp": "8017",
    "gsrn": "8018",
    "gcn": "255",
    "sscc": "00",
    "gdti": "253",
    "ginc": "401",
    "gsin": "402",
    "grai": "8003",
    "giai": "8004",
    "cpv": "22",
    "lot": "10",
    "ser": "21",
    "glnx": "254",
    "cpsn": "8011",
    "srin": "8019",
}

# Primary key AI → (regex of its value, allowed qualifier AIs in canonical order).
_KEYS: Final[dict[str, tuple[re.Pattern[str], tuple[str, ...]]]] = {
    "01": (re.compile(r"[0-9]{14}|[0-9]{13}|[0-9]{12}|[0-9]{8}"), ("22", "10", "21", "235")),
    "8006": (re.compile(r"[0-9]{18}"), ("22", "10", "21")),
    "00": (re.compile(r"[0-9]{18}"), ()),
    "414": (re.compile(r"[0-9]{13}"), ("254", "7040")),
    "417": (re.compile(r"[0-9]{13}"), ("7040",)),
    "8003": (re.compile(r"0[0-9]{13}[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{0,16}"), ()),
    "8004": (re.compile(r"[0-9]{4}[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{0,26}"), ("7040",)),
    "8017": (re.compile(r"[0-9]{18}"), ("8019",)),
    "8018": (re.compile(r"[0-9]{18}"), ("8019",)),
    "253": (re.compile(r"[0-9]{13}[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{0,17}"), ()),
    "255": (re.compile(r"[0-9]{13}[0-9]{0,12}"), ()),
    "401": (re.compile(r"[0-9]{4}[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{0,26}"), ()),
    "402": (re.compile(r"[0-9]{17}"), ()),
    "8010": (re.compile(r"[0-9]{4}[#\-/0-9A-Z]{0,26}"), ("8011",)),
}
_QUALIFIER_VALUE: Final[dict[str, re.Pattern[str]]] = {
    "22": re.compile(r"[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}"),
    "10": re.compile(r"[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}"),
    "21": re.compile(r"[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}"),
    "235": re.compile(r"[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,28}"),
    "254": re.compile(r"[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}"),
    "7040": re.compile(r"[0-9][!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{3}"),
    "8019": re.compile(r"[0-9]{1,10}"),
    "8011": re.compile(r"[0-9]{1,12}"),
}
_DL_HEAD: Final = re.compile(r"(?i:https?)://[^/?#]*")
_PCT: Final = re.compile(r"%([0-9A-Fa-f]{2})")


@dataclass(frozen=True, slots=True)
class DigitalLinkKey:
    """The identification part of a GS1 Digital Link URI: a primary key and its qualifiers.

    Values are decoded (no percent escapes); GTINs are padded to 14 digits. No check digit is
    verified here (see :func:`dl_to_urn`).

    >>> k = parse_dl("https://example.com/shop/gtin/8934567890120/lot/A1?17=270101")
    >>> k.ai, k.value, k.qualifiers
    ('01', '08934567890120', (('10', 'A1'),))
    >>> k.constrained()
    'https://id.gs1.org/01/08934567890120/10/A1'
    """

    ai: str
    """The primary key AI (``"01"``, ``"00"``, ``"414"`` …)."""
    value: str
    """The primary key value."""
    qualifiers: tuple[tuple[str, str], ...]
    """Key qualifiers ``(ai, value)`` in canonical order."""

    def constrained(self, stem: str = DEFAULT_STEM) -> str:
        """The constrained canonical URI: only the finest identification level, no query.

        A serial (AI 21) drops the lot (10); the consumer product variant (22) is always dropped.
        """
        q = dict(self.qualifiers)
        q.pop("22", None)
        if "21" in q:
            q.pop("10", None)
        path = f"/{self.ai}/{_dl_encode(self.value)}"
        for ai, _ in self.qualifiers:
            if ai in q:
                path += f"/{ai}/{_dl_encode(q[ai])}"
        return stem.rstrip("/") + path


def _pct_decode(segment: str) -> str | None:
    """Decode %XX escapes (ASCII only); ``None`` for a non-ASCII result or a bad escape."""
    if "%" not in segment:
        return segment if segment.isascii() else None
    if segment.count("%") != len(_PCT.findall(segment)):
        return None
    out = _PCT.sub(lambda m: chr(int(m.group(1), 16)), segment)
    return out if out.isascii() else None


def _try_parse_dl(uri: str) -> DigitalLinkKey | None:
    head = _DL_HEAD.match(uri)
    if head is None:
        return None
    path = uri[head.end() :]
    for sep in "?#":
        cut = path.find(sep)
        if cut >= 0:
            path = path[:cut]
    segs = path.split("/")
    if segs and segs[-1] == "":
        segs.pop()
    n = len(segs)
    for i in range(1, n - 1):
        ai = _SHORT_NAMES.get(segs[i], segs[i])
        spec = _KEYS.get(ai)
        if spec is None or (n - i) % 2:
            continue
        found = _key_at(segs, i, ai, spec)
        if found is not None:
            return found
    return None


def _key_at(
    segs: list[str], i: int, ai: str, spec: tuple[re.Pattern[str], tuple[str, ...]]
) -> DigitalLinkKey | None:
    value = _pct_decode(segs[i + 1])
    pattern, allowed = spec
    if value is None or pattern.fullmatch(value) is None:
        return None
    if ai == "01":
        value = value.zfill(14)
    quals: dict[str, str] = {}
    last = -1
    for j in range(i + 2, len(segs), 2):
        qai = _SHORT_NAMES.get(segs[j], segs[j])
        if qai not in allowed or qai in quals:
            return None
        pos = allowed.index(qai)
        if pos < last:
            return None
        last = pos
        qval = _pct_decode(segs[j + 1])
        if qval is None or _QUALIFIER_VALUE[qai].fullmatch(qval) is None:
            return None
        quals[qai] = qval
    if "235" in quals and len(quals) > 1:
        return None
    return DigitalLinkKey(ai, value, tuple(quals.items()))


def parse_dl(uri: str) -> DigitalLinkKey:
    """Find the GS1 key (and its qualifiers) in a Digital Link URI of any host.

    The query string and fragment are ignored; short names (``gtin``, ``lot`` …) are accepted.
    Raises :class:`~vntrace.errors.InvalidFormat` (``EPC.NOT_DIGITAL_LINK``) otherwise.

    >>> parse_dl("https://id.gs1.org/00/189345670000000120").value
    '189345670000000120'
    """
    if isinstance(uri, str):
        bad = _NOT_URI_CHAR.search(uri)
        if bad is not None:  # RFC 3986: these must be percent-encoded (as urn_to_dl writes them)
            raise _fail(
                InvalidFormat,
                "EPC.DL_INVALID_CHARACTER",
                uri[:200],
                bad.start(),
                1,
                char=repr(bad.group())[1:-1],
                position=bad.start() + 1,
            )
    found = _try_parse_dl(uri) if isinstance(uri, str) else None
    if found is None:
        raise _fail(InvalidFormat, "EPC.NOT_DIGITAL_LINK", str(uri)[:200])
    return found


# Anything but RFC 3986 unreserved, reserved and "%" (escapes are checked by the key parser).
_NOT_URI_CHAR: Final = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")


def constrain_dl(uri: str, stem: str = DEFAULT_STEM) -> str | None:
    """The constrained canonical form of a Digital Link URI, or ``None`` if ``uri`` is not one.

    This is the form the EPCIS event hash uses: host ``id.gs1.org``, numeric AIs, GTIN-14, no
    query, and only the finest level of identification. No check digit is verified.

    >>> constrain_dl("http://example.org/01/8934567890120/22/2A/10/L1/21/S%2f1?x=1")
    'https://id.gs1.org/01/08934567890120/21/S%2F1'
    >>> constrain_dl("https://example.org/not/a/key") is None
    True
    """
    if not isinstance(uri, str):
        return None
    found = _try_parse_dl(uri)
    return None if found is None else found.constrained(stem)


def _gcp_length_for(key: str, gcp_length: int | Mapping[str, int] | None, uri: str) -> int:
    if gcp_length is None:
        raise _fail(InvalidComponent, "EPC.GCP_LENGTH_MISSING", uri, key=key)
    if isinstance(gcp_length, Mapping):
        for n in range(12, 0, -1):
            found = gcp_length.get(key[:n])
            if found is not None:
                length = found
                break
        else:
            raise _fail(InvalidComponent, "EPC.GCP_LENGTH_MISSING", uri, key=key)
    else:
        length = gcp_length
    if isinstance(length, bool) or not isinstance(length, int) or not 6 <= length <= 12:
        raise _fail(InvalidComponent, "EPC.GCP_LENGTH_INVALID", uri, key=key, got=str(length))
    if key.startswith("893") and length not in VIETNAMESE_GCP_LENGTHS:
        raise _fail(InvalidComponent, "EPC.GCP_LENGTH_NOT_VIETNAMESE", uri, key=key, got=length)
    return length


def _verify(ai: str, digits: str, uri: str) -> None:
    expected = _check_digit(digits[:-1])
    if digits[-1] != expected:
        raise _fail(
            InvalidChecksum,
            "EPC.CHECK_DIGIT",
            uri,
            ai=ai,
            key=digits,
            expected=expected,
            got=digits[-1],
        )


def dl_to_urn(uri: str, gcp_length: int | Mapping[str, int] | None) -> str:
    """The EPC URN of a GS1 Digital Link URI.

    ``gcp_length`` is the length of the GS1 Company Prefix inside the key (an ``int`` from 6 to
    12), or a mapping of key prefixes to lengths (longest prefix wins). Without it, or with a
    length the key cannot have, :class:`~vntrace.errors.InvalidComponent` is raised. Keys under the
    Vietnamese prefix ``893`` must use 7, 8, 9, 10 or 12. Check digits are verified
    (:class:`~vntrace.errors.InvalidChecksum`).

    * ``01`` + ``21`` → ``sgtin`` (a lot, if present, is dropped); ``01`` + ``10`` → ``lgtin``
      class; ``01`` + ``235`` → ``upui``; a bare ``01`` → the pattern ``idpat:sgtin:….*``.
    * ``8006`` + ``21`` → ``itip``; ``8003`` / ``253`` / ``255`` without a serial, and ``8010``
      without ``8011``, give the matching ``idpat`` pattern.
    * AI 22 (consumer product variant) has no place in an EPC and is dropped.

    >>> dl_to_urn("https://id.gs1.org/00/189345670000000120", 7)
    'urn:epc:id:sscc:8934567.1000000012'
    >>> dl_to_urn("https://id.gs1.org/414/8934567000017/254/7", {"893": 7})
    'urn:epc:id:sgln:8934567.00001.7'
    >>> dl_to_urn("https://id.gs1.org/414/8934567000017", None)
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidComponent: EPC.GCP_LENGTH_MISSING: ...
    >>> dl_to_urn("https://id.gs1.org/414/8934567000017", 11)
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidComponent: EPC.GCP_LENGTH_NOT_VIETNAMESE: ...
    """
    k = parse_dl(uri)
    ai, v, q = k.ai, k.value, dict(k.qualifiers)
    q.pop("22", None)
    if ai in {"01", "8006"}:
        gtin = v[:14]
        _verify(ai, gtin, uri)
        if ai == "01" and gtin.startswith("000000"):
            raise _fail(UnsupportedInput, "EPC.NO_EPC", uri, ai=ai, detail="GTIN-8")
        n = _gcp_length_for(gtin[1:], gcp_length, uri)
        ref = gtin[0] + gtin[1 + n : 13]
        head = f"{gtin[1 : 1 + n]}.{ref}"
        if ai == "8006":
            head += f".{v[14:16]}.{v[16:18]}"
            if "21" in q:
                return str(
                    EpcUrn("id", "itip", gtin[1 : 1 + n], (ref, v[14:16], v[16:18], q["21"]))
                )
            if "10" in q:
                raise _fail(UnsupportedInput, "EPC.NO_EPC", uri, ai=ai, detail="8006 + 10")
            return f"urn:epc:idpat:itip:{head}.*"
        if "21" in q:
            return str(EpcUrn("id", "sgtin", gtin[1 : 1 + n], (ref, q["21"])))
        if "235" in q:
            return str(EpcUrn("id", "upui", gtin[1 : 1 + n], (ref, q["235"])))
        if "10" in q:
            return str(EpcUrn("class", "lgtin", gtin[1 : 1 + n], (ref, q["10"])))
        return f"urn:epc:idpat:sgtin:{head}.*"
    if ai == "00":
        _verify(ai, v, uri)
        n = _gcp_length_for(v[1:], gcp_length, uri)
        return f"urn:epc:id:sscc:{v[1 : 1 + n]}.{v[0]}{v[1 + n : 17]}"
    if ai in {"414", "417"}:
        _verify(ai, v, uri)
        n = _gcp_length_for(v, gcp_length, uri)
        if "7040" in q:
            raise _fail(UnsupportedInput, "EPC.NO_EPC", uri, ai=ai, detail="7040")
        if ai == "417":
            return f"urn:epc:id:pgln:{v[:n]}.{v[n:12]}"
        if q.get("254") == "0":  # SGLN extension 0 means "no extension": /254/0 would be lost
            raise _fail(UnsupportedInput, "EPC.GLN_EXTENSION_ZERO", uri)
        return str(EpcUrn("id", "sgln", v[:n], (v[n:12], q.get("254", "0"))))
    if ai in {"8017", "8018", "402"}:
        _verify(ai, v, uri)
        n = _gcp_length_for(v, gcp_length, uri)
        if "8019" in q:
            raise _fail(UnsupportedInput, "EPC.NO_EPC", uri, ai=ai, detail="8019")
        scheme = {"8017": "gsrnp", "8018": "gsrn", "402": "gsin"}[ai]
        return f"urn:epc:id:{scheme}:{v[:n]}.{v[n:-1]}"
    if ai in {"8003", "253", "255"}:
        start = 1 if ai == "8003" else 0
        key, serial = v[start : start + 13], v[start + 13 :]
        _verify(ai, key, uri)
        n = _gcp_length_for(key, gcp_length, uri)
        scheme = {"8003": "grai", "253": "gdti", "255": "sgcn"}[ai]
        if not serial:
            return f"urn:epc:idpat:{scheme}:{key[:n]}.{key[n:12]}.*"
        return str(EpcUrn("id", scheme, key[:n], (key[n:12], serial)))
    # 8004, 401, 8010: the GCP is the start of a variable-length key
    n = _gcp_length_for(v, gcp_length, uri)
    gcp, rest = v[:n], v[n:]
    if len(gcp) < n or not all(c in _DIGITS for c in gcp) or not rest:
        raise _fail(InvalidComponent, "EPC.GCP_LENGTH_INVALID", uri, key=v, got=str(n))
    if ai == "8004":
        if "7040" in q:
            raise _fail(UnsupportedInput, "EPC.NO_EPC", uri, ai=ai, detail="7040")
        return str(EpcUrn("id", "giai", gcp, (rest,)))
    if ai == "401":
        return str(EpcUrn("id", "ginc", gcp, (rest,)))
    if "8011" in q:
        return str(EpcUrn("id", "cpi", gcp, (rest, q["8011"])))
    return str(EpcUrn("idpat", "cpi", gcp, (rest, "*")))


def canonical_dl(value: str) -> str | None:
    """The constrained canonical Digital Link of an EPC URN or Digital Link URI, else ``None``.

    This is the identifier normalisation of the EPCIS event hash. EPC URNs are read leniently
    here: characters the Tag Data Standard wants escaped (``/`` ``&`` ``<`` ``>`` ``?`` ``"``)
    are accepted raw, as the openepcis tools do. No check digit of a Digital Link is verified.

    >>> canonical_dl("urn:epc:id:sgtin:8934567.089012.A/1")
    'https://id.gs1.org/01/08934567890120/21/A%2F1'
    >>> canonical_dl("https://id.gs1.de/01/08934567890120/10/L1/21/A1?17=270101")
    'https://id.gs1.org/01/08934567890120/21/A1'
    >>> canonical_dl("urn:epc:id:gid:95100000.12345.400") is None
    True
    """
    if not isinstance(value, str):
        return None
    if value.startswith(("urn:epc:", "URN:EPC:", "urn:EPC:", "URN:epc:")):
        fast = _fast_dl(value)
        if fast is not None:
            return fast
        try:
            return _parse_urn(value, strict=False).to_dl()
        except (InvalidFormat, InvalidLength, UnsupportedInput):
            return None
    found = _try_parse_dl(value)
    return None if found is None else found.constrained()
