"""Hypothesis strategies for valid GS1 Digital Link URIs of every primary key type.

Each strategy draws a :class:`Link`: the URI text and the ``(ai, value)`` pairs it must parse to.
Check digits and check-character pairs are computed here from the definitions in gs1-facts §2.2
(independently of vntrace's own code); values are percent-encoded with :func:`urllib.parse.quote`,
sometimes escaping unreserved characters too, so decoding is exercised.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from hypothesis import strategies as st

CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
CSET39 = "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CSET32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
IMPORTER = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
STEMS = (
    "https://id.gs1.org",
    "https://truyxuat.hatinh.gov.vn",
    "http://example.vn/dl",
    "HTTPS://QR.EXAMPLE.VN",
)


def _primes(n: int) -> list[int]:
    out: list[int] = []
    k = 2
    while len(out) < n:
        if all(k % p for p in out):
            out.append(k)
        k += 1
    return out


PRIMES = _primes(97)


def mod10(digits: str) -> str:
    """GS1 mod-10 check digit for ``digits`` (the data without its check digit)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def check_pair(data: str) -> str:
    """GS1 check-character pair (csumalpha) for ``data``."""
    total = sum(CSET82.index(c) * p for c, p in zip(reversed(data), PRIMES, strict=False))
    r = total % 1021
    return CSET32[r // 32] + CSET32[r % 32]


@dataclass(frozen=True)
class Link:
    uri: str
    pairs: tuple[tuple[str, str], ...]


digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


def numeric(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


def with_check(n: int, prefix: str = "893") -> st.SearchStrategy[str]:
    """``n`` digits including a valid check digit, starting with the GS1 Vietnam prefix."""
    return numeric(n - 1 - len(prefix)).map(lambda body: prefix + body + mod10(prefix + body))


def cset82(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=CSET82, min_size=min_size, max_size=max_size)


def gcp_x(max_size: int) -> st.SearchStrategy[str]:
    """X value whose first 4 characters are digits (gcppos1)."""
    return st.tuples(numeric(4), cset82(0, max_size - 4)).map("".join)


def gmn() -> st.SearchStrategy[str]:
    return st.tuples(numeric(4), cset82(0, 19)).map(lambda t: t[0] + t[1] + check_pair(t[0] + t[1]))


def importer_index() -> st.SearchStrategy[str]:
    return st.tuples(
        digits, st.sampled_from(CSET82), st.sampled_from(CSET82), st.sampled_from(IMPORTER)
    ).map("".join)


def piece_of_total() -> st.SearchStrategy[str]:
    return st.integers(1, 99).flatmap(
        lambda total: st.integers(1, total).map(lambda p: f"{p:02d}{total:02d}")
    )


def nozero(max_size: int) -> st.SearchStrategy[str]:
    return st.tuples(
        st.sampled_from("123456789"), st.text(alphabet="0123456789", max_size=max_size - 1)
    ).map("".join)


def yymmdd() -> st.SearchStrategy[str]:
    # day 01..28 is valid in every month and year
    return st.tuples(st.integers(0, 99), st.integers(1, 12), st.integers(1, 28)).map(
        lambda t: f"{t[0]:02d}{t[1]:02d}{t[2]:02d}"
    )


def encode(value: str, draw_flags: list[bool]) -> str:
    """Percent-encode like a generator would; some unreserved characters escaped too."""
    out = []
    for i, ch in enumerate(value):
        force = i < len(draw_flags) and draw_flags[i]
        out.append(f"%{ord(ch):02X}" if force else quote(ch, safe=""))
    return "".join(out)


# key -> (value strategy, [qualifier sequences as (ai, strategy) lists], attribute choices)
KEYS: dict[str, st.SearchStrategy[str]] = {
    "00": with_check(18),
    "01": with_check(14, "0893"),
    "253": st.tuples(with_check(13), cset82(0, 17)).map("".join),
    "255": st.tuples(with_check(13), st.text(alphabet="0123456789", max_size=12)).map("".join),
    "401": gcp_x(30),
    "402": with_check(17),
    "414": with_check(13),
    "415": with_check(13),
    "417": with_check(13),
    "8003": st.tuples(with_check(13), cset82(0, 16)).map(lambda t: "0" + t[0] + t[1]),
    "8004": gcp_x(30),
    "8006": st.tuples(with_check(14, "0893"), piece_of_total()).map("".join),
    "8010": st.tuples(numeric(4), st.text(alphabet=CSET39, max_size=26)).map("".join),
    "8013": gmn(),
    "8017": with_check(18),
    "8018": with_check(18),
}
QUALIFIERS: dict[str, list[list[tuple[str, st.SearchStrategy[str]]]]] = {
    "01": [
        [("22", cset82(1, 20)), ("10", cset82(1, 20)), ("21", cset82(1, 20))],
        [("235", cset82(1, 28))],
    ],
    # (22) is a valid 8006 path qualifier, but its req=01 fails next to (8006)
    "8006": [[("10", cset82(1, 20)), ("21", cset82(1, 20))]],
    "414": [[("254", cset82(1, 20))], [("7040", importer_index())]],
    "417": [[("7040", importer_index())]],
    "8004": [[("7040", importer_index())]],
    "8010": [[("8011", nozero(12))]],
    "8017": [[("8019", nozero(10))]],
    "8018": [[("8019", nozero(10))]],
}
GTIN_ATTRIBUTES = [("17", yymmdd()), ("11", yymmdd()), ("3103", numeric(6)), ("99", cset82(1, 90))]
ITIP_ATTRIBUTES = [("17", yymmdd()), ("11", yymmdd()), ("99", cset82(1, 90))]
OTHER_ATTRIBUTES = [("99", cset82(1, 90)), ("98", cset82(1, 90))]


@st.composite
def links(draw: st.DrawFn, keys: tuple[str, ...] = tuple(KEYS)) -> Link:
    """A valid Digital Link URI and the AI pairs it carries (path order, then query order)."""
    key = draw(st.sampled_from(keys))
    pairs = [(key, draw(KEYS[key]))]
    if key == "415":
        pairs.append(("8020", draw(cset82(1, 25))))
    elif key in QUALIFIERS:
        alternative = draw(st.sampled_from(QUALIFIERS[key]))
        for ai, strategy in alternative:
            if draw(st.booleans()):
                pairs.append((ai, draw(strategy)))
    path_len = len(pairs)
    pool = (
        GTIN_ATTRIBUTES if key == "01" else ITIP_ATTRIBUTES if key == "8006" else OTHER_ATTRIBUTES
    )
    chosen = draw(st.lists(st.sampled_from(pool), unique_by=lambda a: a[0], max_size=3))
    pairs.extend((ai, draw(strategy)) for ai, strategy in chosen)
    stem = draw(st.sampled_from(STEMS))
    parts = [stem]
    for ai, value in pairs[:path_len]:
        parts.append(f"/{ai}/{encode(value, draw(st.lists(st.booleans(), max_size=len(value))))}")
    query = [
        f"{ai}={encode(value, draw(st.lists(st.booleans(), max_size=len(value))))}"
        for ai, value in pairs[path_len:]
    ]
    if draw(st.booleans()):
        query.insert(
            draw(st.integers(0, len(query))),
            draw(st.sampled_from(["utm_source=qr", "lang=vi", "flag"])),
        )
    if query:
        parts.append("?" + "&".join(query))
    return Link("".join(parts), tuple(pairs))
