"""Hypothesis strategies for VALID GS1 element strings, generated from the AI table itself.

Every AI of the table is used except:

- ``8110`` and ``8112`` (coupon linters: a whole grammar of their own; they draw from a few
  hand-checked values of gs1-facts §2.7 instead),
- ``8007`` (IBAN: drawn from a hand-checked IBAN, gs1-facts §2.6),
- ``8030`` when ``253``/``255``/``8003`` are present without a serial part (DIGSIG rule).

Values are built per component from the component type and length and the component's linters
(check digits and check-character pairs are computed here from the definitions in gs1-facts §2.2,
independently of vntrace's code). A message is a random selection of AIs, made consistent with
the ``ex=`` and ``req=`` rules by a small independent checker below, then shuffled.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from vntrace.gs1 import ai as ai_table
from vntrace.gs1._codelists import ISO3166_ALPHA2, ISO3166_NUMERIC, ISO4217_NUMERIC, PACKAGE_TYPES

CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
CSET39 = "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CSET64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
CSET32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
IMPORTER = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
DIGITS = "0123456789"
CHARSETS = {"N": DIGITS, "X": CSET82, "Y": CSET39, "Z": CSET64}

FIXED_VALUES = {
    "8110": ["189345671234563150110123", "18934567123456315011012332612314260101"],
    "8112": ["0189345671234560000001"],
    "8007": ["VN45BIDV0012345678"],
}


def _primes(n: int) -> list[int]:
    out: list[int] = []
    k = 2
    while len(out) < n:
        if all(k % p for p in out):
            out.append(k)
        k += 1
    return out


PRIMES = _primes(97)


def mod10(payload: str) -> str:
    """GS1 mod-10 check digit (weights 3,1,… from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(payload)))
    return str((10 - total % 10) % 10)


def check_pair(data: str) -> str:
    """GS1 check-character pair (gs1-facts §2.2)."""
    total = sum(CSET82.index(c) * p for c, p in zip(reversed(data), PRIMES, strict=False)) % 1021
    return CSET32[total // 32] + CSET32[total % 32]


def _text(alphabet: str, lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=lo, max_size=hi)


@st.composite
def _yymmdd(draw: st.DrawFn, allow_zero_day: bool) -> str:
    yy = draw(st.integers(0, 99))
    mm = draw(st.integers(1, 12))
    days = [31, 29 if yy % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1]
    dd = draw(st.integers(0 if allow_zero_day else 1, days))
    return f"{yy:02d}{mm:02d}{dd:02d}"


@st.composite
def _yyyymmdd(draw: st.DrawFn) -> str:
    yyyy = draw(st.integers(0, 9999))
    mm = draw(st.integers(1, 12))
    leap = yyyy % 4 == 0 and (yyyy % 100 != 0 or yyyy % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1]
    dd = draw(st.integers(1, days))
    return f"{yyyy:04d}{mm:02d}{dd:02d}"


@st.composite
def _component(draw: st.DrawFn, ctype: str, lo: int, hi: int, linters: tuple[str, ...]) -> str:
    chars = CHARSETS[ctype]
    names = set(linters)
    if "csum" in names:
        payload = draw(_text(DIGITS, hi - 1, hi - 1))
        return payload + mod10(payload)
    if "csumalpha" in names:
        gcp = draw(_text(DIGITS, 4, 4))
        middle = draw(_text(CSET82, 0, hi - 6))
        if "hasnondigit" in names:
            middle = "A" + middle[: max(0, hi - 7)]
        data = gcp + middle
        return data + check_pair(data)
    if "gcppos1" in names:
        return draw(_text(DIGITS, 4, 4)) + draw(_text(chars, max(0, lo - 4), hi - 4))
    if "yymmd0" in names or "yymmdd" in names:
        return draw(_yymmdd(allow_zero_day="yymmd0" in names))
    if "yyyymmdd" in names:
        return draw(_yyyymmdd())
    if "hhmi" in names:
        return f"{draw(st.integers(0, 23)):02d}{draw(st.integers(0, 59)):02d}"
    if "hh" in names:
        return f"{draw(st.integers(0, 23)):02d}"
    if "mi" in names or "ss" in names:
        return f"{draw(st.integers(0, 59)):02d}"
    if "iso3166" in names:
        return draw(st.sampled_from(sorted(ISO3166_NUMERIC)))
    if "iso3166999" in names:
        return draw(st.sampled_from([*sorted(ISO3166_NUMERIC), "999"]))
    if "iso3166alpha2" in names:
        return draw(st.sampled_from(sorted(ISO3166_ALPHA2)))
    if "iso4217" in names:
        return draw(st.sampled_from(sorted(ISO4217_NUMERIC)))
    if "pieceoftotal" in names:
        total = draw(st.integers(1, 99))
        return f"{draw(st.integers(1, total)):02d}{total:02d}"
    if "nonzero" in names:
        return draw(_text(DIGITS, hi, hi).filter(lambda s: s.strip("0") != ""))
    if "winding" in names:
        return draw(st.sampled_from("019"))
    if "zero" in names:
        return "0"
    if "nozeroprefix" in names:
        return draw(st.sampled_from("123456789")) + draw(_text(DIGITS, 0, hi - 1))
    if "hyphen" in names:
        return "-"
    if "yesno" in names:
        return draw(st.sampled_from("01"))
    if "mediatype" in names:
        return f"{draw(st.sampled_from([*range(1, 11), *range(80, 100)])):02d}"
    if "iso5218" in names:
        return draw(st.sampled_from("0129"))
    if "importeridx" in names:
        return draw(st.sampled_from(IMPORTER))
    if "packagetype" in names:
        return draw(st.sampled_from(sorted(PACKAGE_TYPES)))
    if "latitude" in names:
        return f"{draw(st.integers(0, 1800000000)):010d}"
    if "longitude" in names:
        return f"{draw(st.integers(0, 3600000000)):010d}"
    if "posinseqslash" in names:
        end = draw(st.integers(1, 9))
        return f"{draw(st.integers(1, end))}/{end}"
    if "pcenc" in names:
        return draw(_text(CSET82.replace("%", ""), lo, hi))
    assert not names, names
    return draw(_text(chars, lo, hi))


ENTRIES = {e.ai: e for e in ai_table.entries}


@st.composite
def ai_value(draw: st.DrawFn, code: str) -> str:
    """A valid value for AI ``code``."""
    if code in FIXED_VALUES:
        return draw(st.sampled_from(FIXED_VALUES[code]))
    entry = ENTRIES[code]
    parts: list[str] = []
    for i, c in enumerate(entry.components):
        if c.optional and draw(st.booleans()):
            # Optional components are left out together with everything after them.
            break
        parts.append(draw(_component(c.type, c.min_length, c.max_length, c.linters)))
        del i
    return "".join(parts)


def _matches(ref: str, code: str) -> bool:
    return len(ref) == len(code) and all(r in ("n", a) for r, a in zip(ref, code, strict=True))


def _conflict(a: str, b: str) -> bool:
    if a == b:
        return False
    return any(_matches(r, b) for r in ENTRIES[a].ex) or any(_matches(r, a) for r in ENTRIES[b].ex)


def _req_ok(code: str, present: set[str]) -> bool:
    others = present - {code}
    return all(
        any(all(any(_matches(r, o) for o in others) for r in group) for group in instance)
        for instance in ENTRIES[code].req
    )


@dataclass(frozen=True)
class Message:
    """A valid message: its pairs in order, and the two canonical text forms built here."""

    pairs: tuple[tuple[str, str], ...]

    @property
    def bracketed(self) -> str:
        return "".join(f"({a}){v.replace('(', chr(92) + '(')}" for a, v in self.pairs)

    @property
    def caret(self) -> str:
        out = "^"
        for i, (a, v) in enumerate(self.pairs):
            out += a + v
            if i < len(self.pairs) - 1 and not ENTRIES[a].predefined_length:
                out += "^"
        return out

    @property
    def unbracketed(self) -> str:
        return self.caret[1:].replace("^", "\x1d")


CANDIDATES = sorted(ENTRIES)


@st.composite
def messages(draw: st.DrawFn, max_ais: int = 8) -> Message:
    """A valid element string: a base key, then random AIs kept only when consistent."""
    base = draw(st.sampled_from([["01"], ["00"], ["00", "01"], ["02", "37", "00"], ["8006"]]))
    extra = draw(st.lists(st.sampled_from(CANDIDATES), max_size=max_ais, unique=True))
    chosen: list[str] = []
    for code in base + extra:
        if code not in chosen and not any(_conflict(code, c) for c in chosen):
            chosen.append(code)
    # Drop AIs whose req= is not met until stable.
    changed = True
    while changed:
        present = set(chosen)
        keep = [c for c in chosen if _req_ok(c, present)]
        changed = keep != chosen
        chosen = keep
    values = {c: draw(ai_value(c)) for c in chosen}
    if "8030" in values:
        for code in ("253", "255", "8003"):
            if code in values and len(values[code]) <= ENTRIES[code].min_length:
                del values["8030"]
                break
    if "8030" in values and not _req_ok("8030", set(values)):
        del values["8030"]
    order = draw(st.permutations(list(values)))
    return Message(tuple((c, values[c]) for c in order))
