"""Hypothesis strategies for GS1 keys: digit payloads, CSET 82 text, and valid keys of every family."""

from __future__ import annotations

from hypothesis import strategies as st

from vntrace.gs1.checkdigit import CSET82, check_pair, mod10

DIGITS = "0123456789"


def digits(n: int) -> st.SearchStrategy[str]:
    """Exactly ``n`` ASCII digits."""
    return st.text(DIGITS, min_size=n, max_size=n)


def cset82(min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[str]:
    """Text over CSET 82."""
    return st.text(CSET82, min_size=min_size, max_size=max_size)


def with_check_digit(payload: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``payload`` plus its GS1 mod-10 check digit."""
    return payload.map(lambda p: p + mod10(p))


@st.composite
def gmn_values(draw: st.DrawFn) -> str:
    """A valid GMN: 4–23 chars of CSET 82 starting with 4 digits, plus the check pair."""
    data = draw(digits(4)) + draw(cset82(0, 19))
    return data + check_pair(data)


@st.composite
def piece_of_total(draw: st.DrawFn) -> str:
    """A valid 4-digit piece/total: both non-zero, piece <= total."""
    total = draw(st.integers(1, 99))
    piece = draw(st.integers(1, total))
    return f"{piece:02d}{total:02d}"


# A strategy per key module name: valid values, and the slice (start, end) covered by the mod-10
# check digit (None when the key has no mod-10 check digit).
VALID_KEYS: dict[str, tuple[st.SearchStrategy[str], tuple[int, int] | None]] = {
    "gtin8": (with_check_digit(digits(7)), (0, 8)),
    "gtin12": (with_check_digit(digits(11)), (0, 12)),
    "gtin13": (with_check_digit(digits(12)), (0, 13)),
    "gtin14": (with_check_digit(digits(13)), (0, 14)),
    "gln": (with_check_digit(digits(12)), (0, 13)),
    "sscc": (with_check_digit(digits(17)), (0, 18)),
    "gsrn": (with_check_digit(digits(17)), (0, 18)),
    "gsin": (with_check_digit(digits(16)), (0, 17)),
    "gdti": (st.tuples(with_check_digit(digits(12)), cset82(0, 17)).map("".join), (0, 13)),
    "gcn": (
        st.tuples(with_check_digit(digits(12)), st.text(DIGITS, max_size=12)).map("".join),
        (0, 13),
    ),
    "grai": (
        st.tuples(st.just("0"), with_check_digit(digits(12)), cset82(0, 16)).map("".join),
        (1, 14),
    ),
    "itip": (st.tuples(with_check_digit(digits(13)), piece_of_total()).map("".join), (0, 14)),
    "giai": (st.tuples(digits(4), cset82(0, 26)).map("".join), None),
    "ginc": (st.tuples(digits(4), cset82(0, 26)).map("".join), None),
    "gmn": (gmn_values(), None),
}
