"""The fast EPC URN → Digital Link conversions behind :mod:`vntrace.epcis.epc` and the event hash.

Private. Escape-free URNs of the common schemes are converted here in one pass, check digit
included; anything else returns ``None`` and :func:`vntrace.epcis.epc.canonical_dl` decides.
Compiled with mypyc where the build can (``setup.py``), like :mod:`vntrace.epcis._canon`: the
callers pass ``str`` only, and nothing here recurses.
"""

from __future__ import annotations

import re
from typing import Final

# GS1 Digital Link: unreserved characters stay, everything else is %XX (upper-case hex).
_DL_UNRESERVED: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
_DL_SAFE: Final = frozenset(_DL_UNRESERVED)
_DL_TABLE: Final = str.maketrans(
    {c: f"%{ord(c):02X}" for c in map(chr, range(128)) if c not in _DL_SAFE}
)


def _dl_encode(value: str) -> str:
    """Percent-encode ``value`` (ASCII, already checked) for a Digital Link path segment."""
    # most texts need nothing: letters and digits alone are decided in two C-speed tests
    if value.isascii() and value.isalnum():
        return value
    return value.translate(_DL_TABLE) if value.strip(_DL_UNRESERVED) else value


_FAST_TEXT: Final = r"([A-Za-z0-9!'()*+,\-.:;=_\"&/<>?]{1,%d})"
_FAST_GTIN: Final = re.compile(r"([0-9]{6,12})\.([0-9]{1,7})\." + _FAST_TEXT % 20)
_FAST_SSCC: Final = re.compile(r"([0-9]{6,12})\.([0-9]{5,11})")
_FAST_GLN: Final = re.compile(r"([0-9]{6,12})\.([0-9]{0,6})(?:\." + _FAST_TEXT % 20 + ")?")
_FAST_GRAI: Final = re.compile(r"([0-9]{6,12})\.([0-9]{0,6})\." + _FAST_TEXT % 16)
_FAST_GIAI: Final = re.compile(r"([0-9]{6,12})\." + _FAST_TEXT % 24)
# scheme -> the bound fullmatch of its pattern (a method looked up once, not per call)
_FAST_HEADS: Final = {
    "urn:epc:id:sgtin:": ("sgtin", _FAST_GTIN.fullmatch),
    "urn:epc:class:lgtin:": ("lgtin", _FAST_GTIN.fullmatch),
    "urn:epc:id:sscc:": ("sscc", _FAST_SSCC.fullmatch),
    "urn:epc:id:sgln:": ("sgln", _FAST_GLN.fullmatch),  # read by _gln (the pattern documents it)
    "urn:epc:id:pgln:": ("pgln", _FAST_GLN.fullmatch),
    "urn:epc:id:grai:": ("grai", _FAST_GRAI.fullmatch),
    "urn:epc:id:giai:": ("giai", _FAST_GIAI.fullmatch),
}


_FAST_SGTIN: Final = re.compile(
    r"urn:epc:id:sgtin:([0-9]{6,12})\.([0-9]{1,7})\.([A-Za-z0-9\-._]{1,20})"
)
# A Digital Link that is already in constrained canonical form (GTIN + serial, safe serial).
_CANONICAL_SGTIN_DL: Final = re.compile(
    r"https://id\.gs1\.org/01/[0-9]{14}/21/[A-Za-z0-9\-._]{1,20}"
)


_SAFE_SERIAL: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._"
_GTIN_MEMO: dict[str, str] = {}
"""``"gcp.itemref"`` of an SGTIN URN → its GTIN-14 (bounded; items of one product share it)."""


def safe_serial(serial: str) -> bool:
    """Whether ``serial`` has only the characters a Digital Link keeps as they are."""
    # letters and digits alone (most serials) in two O(1)/C-speed tests; else the full set
    if serial.isascii() and serial.isalnum():
        return True
    return not serial.strip(_SAFE_SERIAL)


def _clear_memo() -> None:
    _GTIN_MEMO.clear()


def check_digit(body: str) -> str:
    """The GS1 mod-10 check digit of ``body`` (ASCII digits, already checked): weight 3 on the
    last digit and on every other one before it, 1 on the rest (one loop over the bytes, which
    compiled is a third of two slices and two sums)."""
    raw = body.encode("ascii")
    total = 0
    i = len(raw) - 1
    while i >= 0:
        total += 3 * raw[i]
        if i:
            total += raw[i - 1]
        i -= 2
    # each digit's ASCII offset 48 counts 3 or 1 times: 48 * 4 per pair, 48 * 3 for a lone one
    total -= 48 * (3 * ((len(raw) + 1) // 2) + len(raw) // 2)
    return _CHECK_DIGIT[-total % 10]


def _fast_dl(value: str) -> str | None:
    """Fast path of :func:`canonical_dl`: SGTINs (the GTIN of a product's items converted once),
    constrained SGTIN Digital Links, and the escape-free URNs of :func:`_urn_fast`.

    Returns ``None`` whenever the general parser must decide (escapes, other schemes, errors).
    """
    gtin = _GTIN_MEMO.get(value[17:31])
    if gtin is not None and value[31:32] == "." and value.startswith("urn:epc:id:sgtin:"):
        serial = value[32:]
        if 0 < len(serial) <= 20 and safe_serial(serial):
            return "https://id.gs1.org/01/" + gtin + "/21/" + serial
    m = _FAST_SGTIN.fullmatch(value)
    if m is not None:  # the commonest case: an SGTIN whose serial needs no percent-encoding
        if m.end(2) != 31:  # company prefix + item reference must be 13 digits
            return None
        gcp, ref, serial = m.groups()
        body = ref[0] + gcp + ref[1:]
        gtin = body + check_digit(body)
        if len(_GTIN_MEMO) >= 4096:
            _GTIN_MEMO.clear()
        _GTIN_MEMO[value[17:31]] = gtin
        return "https://id.gs1.org/01/" + gtin + "/21/" + serial
    if value[:1] == "h":
        return value if _CANONICAL_SGTIN_DL.fullmatch(value) else None
    return _urn_fast(value)


def _urn_fast(value: str) -> str | None:
    """The constrained Digital Link of an escape-free EPC URN, its scheme picking the pattern.

    The URI is built in place, check digit included (the event hash calls this for every
    identifier of every event). ``None`` leaves the decision to :func:`canonical_dl`.
    """
    cut = value.find(":", 11 if value[8:11] == "id:" else 14) + 1
    spec = _FAST_HEADS.get(value[:cut])
    if spec is None:
        return None
    scheme, fullmatch = spec
    if scheme == "sgln" or scheme == "pgln":  # noqa: PLR1714 - two interned strings
        return _gln(value, cut, party=scheme == "pgln")
    m = fullmatch(value, cut)
    if m is None:
        return None
    if scheme == "sgtin" or scheme == "lgtin":  # noqa: PLR1714
        gcp, ref, text = m.groups()
        if len(gcp) + len(ref) != _GTIN_BODY:
            return None
        body = ref[0] + gcp + ref[1:]
        cd = check_digit(body)
        ai = "/21/" if scheme == "sgtin" else "/10/"
        return _ID_GS1 + "01/" + body + cd + ai + _dl_encode(text)
    if scheme == "sscc":
        gcp, ref = m.groups()
        if len(gcp) + len(ref) != _SSCC_BODY:
            return None
        body = ref[0] + gcp + ref[1:]
        cd = check_digit(body)
        return _ID_GS1 + "00/" + body + cd
    if scheme == "grai":
        gcp, ref, text = m.groups()
        if len(gcp) + len(ref) != _GLN_BODY:
            return None
        body = "0" + gcp + ref
        cd = check_digit(body)
        return _ID_GS1 + "8003/" + body + cd + _dl_encode(text)
    gcp, text = m.groups()  # giai
    if len(gcp) + len(text) > _GIAI_MAX:
        return None
    return _ID_GS1 + "8004/" + gcp + _dl_encode(text)


def _gln(value: str, cut: int, *, party: bool) -> str | None:
    """An SGLN (``party``: PGLN) URN from ``cut`` on, as ``_FAST_GLN`` reads it, without a regex.

    Company prefix and location reference: ASCII digits, 6 to 12 and 0 to 6, 12 together, split
    by the first dot; an SGLN adds an extension after the second dot (1 to 20 URN characters),
    a PGLN has none. It is the commonest identifier of an event (read point, business location).
    """
    first = value.find(".", cut)
    if first < 0:
        return None
    gcp = value[cut:first]
    if party:
        ref = value[first + 1 :]
        ext = ""
        if "." in ref:
            return None
    else:
        second = value.find(".", first + 1)
        if second < 0:
            return None
        ref = value[first + 1 : second]
        ext = value[second + 1 :]
        if not 0 < len(ext) <= _GLN_EXTENSION_MAX or not _urn_text(ext):
            return None
    body = gcp + ref
    if len(gcp) < _GCP_MIN or len(body) != _GLN_BODY or not (body.isascii() and body.isdigit()):
        return None
    gln = body + check_digit(body)
    if party:
        return _ID_GS1 + "417/" + gln
    if ext == "0":
        return _ID_GS1 + "414/" + gln
    return _ID_GS1 + "414/" + gln + "/254/" + _dl_encode(ext)


def _urn_text(text: str) -> bool:
    """Whether ``text`` has only the characters of ``_FAST_TEXT`` (unescaped URN text)."""
    if not text.isascii():
        return False
    return text.isalnum() or not text.strip(_URN_TEXT_CHARS)


_URN_TEXT_CHARS: Final = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!'()*+,-.:;=_\"&/<>?"
)
_GCP_MIN: Final = 6
_GLN_EXTENSION_MAX: Final = 20
_CHECK_DIGIT: Final = "0123456789"  # a mod-10 result as its digit
_ID_GS1: Final = "https://id.gs1.org/"
_GTIN_BODY: Final = 13  # digits of company prefix + item reference (GTIN-14 without check digit)
_SSCC_BODY: Final = 17
_GLN_BODY: Final = 12
_GIAI_MAX: Final = 30
