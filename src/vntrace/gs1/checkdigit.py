"""GS1 check digits: the mod-10 check digit, the RCN price/weight check digit, the GMN check pair.

Every function accepts ASCII only: digits are ``0``–``9`` and nothing else (no full-width or other
Unicode digits). Bad input raises :class:`~vntrace.errors.InvalidFormat` with the finding code
``GS1.NON_DIGIT_CHARACTER`` (or ``GS1.INVALID_CSET82_CHARACTER`` for the check pair) and the span
of the first offending character.

>>> mod10("893456789012")
'0'
>>> verify_mod10("8934567890120")
True
>>> price_weight("2875")
'9'
>>> check_pair("8934567ABC")
'K4'
"""

from __future__ import annotations

import re
from typing import Final

from vntrace.errors import InvalidFormat, InvalidLength
from vntrace.findings import Finding, Location

__all__ = ["CSET32", "CSET82", "check_pair", "mod10", "price_weight", "verify_mod10"]

CSET82: Final = (
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
)
"""The 82 characters of GS1 AI encodable character set 82, in index order (``!`` = 0)."""

CSET32: Final = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""The 32 characters of the check-character pair alphabet, in index order."""

CSET82_INDEX: Final[dict[str, int]] = {c: i for i, c in enumerate(CSET82)}
"""Character → its CSET 82 index."""

# The first 97 primes (2 … 509): the weights of the check-pair sum, rightmost data char first.
_PRIMES: Final[tuple[int, ...]] = tuple(
    n for n in range(2, 510) if all(n % d for d in range(2, int(n**0.5) + 1))
)
MAX_CHECK_PAIR_DATA: Final = len(_PRIMES)
"""The longest data part (97 chars) whose check pair the reference can compute."""

_NON_DIGIT: Final = re.compile(r"[^0-9]")
_NON_CSET82: Final = re.compile(r"[^!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]")

# Price/weight check digit tables (GS1 General Specifications §7.9.2): the weighted "product"
# of each digit for the weighting factors 2-, 3, 5+ and 5-.
_TWO_MINUS: Final = (0, 2, 4, 6, 8, 9, 1, 3, 5, 7)
_THREE: Final = (0, 3, 6, 9, 2, 5, 8, 1, 4, 7)
_FIVE_PLUS: Final = (0, 5, 1, 6, 2, 7, 3, 8, 4, 9)
_FIVE_MINUS: Final = (0, 5, 9, 4, 8, 3, 7, 2, 6, 1)
_FIVE_MINUS_REVERSE: Final = tuple(_FIVE_MINUS.index(p) for p in range(10))
_FOUR_DIGIT_WEIGHTS: Final = (_TWO_MINUS, _TWO_MINUS, _THREE, _FIVE_MINUS)
_FIVE_DIGIT_WEIGHTS: Final = (_FIVE_PLUS, _TWO_MINUS, _FIVE_MINUS, _FIVE_PLUS, _TWO_MINUS)


def _require_text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidFormat(
            Finding("GS1.KEY.NOT_TEXT", params={"key": what, "type": type(value).__name__})
        )
    return value


def _require_digits(value: str, what: str) -> bytes:
    """``value`` as ASCII bytes, or :class:`InvalidFormat` at its first non-digit."""
    bad = _NON_DIGIT.search(_require_text(value, what))
    if bad is not None:
        raise InvalidFormat(
            Finding(
                "GS1.NON_DIGIT_CHARACTER",
                params={"value": value, "what": what},
                location=Location(start=bad.start(), length=1),
            )
        )
    return value.encode("ascii")


def mod10_of_bytes(payload: bytes) -> int:
    """The GS1 mod-10 check digit (as an int) of ASCII-digit ``payload`` bytes. No input checks.

    Weights 3, 1, 3, 1 … start at the rightmost payload digit. The digit sum of a slice is the
    sum of its byte values minus 48 (``"0"``) per byte, which keeps the loop in C.

    >>> mod10_of_bytes(b"893456789012")
    0
    """
    odd = payload[-1::-2]
    even = payload[-2::-2]
    total = 3 * (sum(odd) - 48 * len(odd)) + sum(even) - 48 * len(even)
    return -total % 10


MOD10_TABLE_MAX: Final = 28
"""The longest number :func:`mod10_tables` can serve (9 × 28 = 252 < 255)."""

Mod10Tables = tuple[tuple[int, ...], tuple[int, ...]]
_MOD10_TABLES: dict[int, Mod10Tables] = {}


def mod10_tables(n: int) -> Mod10Tables:
    """Lookup tables that check an ``n``-digit number's mod-10 check digit with two ``%``.

    Read the ASCII bytes of the number as one big-endian integer ``x``. As 256 ≡ 1 (mod 255) and
    256 ≡ −1 (mod 257), ``x % 255`` is the byte sum ``T`` modulo 255 and ``x % 257`` the
    alternating byte sum ``D`` (check digit ``+``, next ``−`` …) modulo 257. For ``n`` ≤ 28 both
    true values lie in ranges narrower than the moduli (width 9·n ≤ 252), so the remainders
    identify them exactly. The GS1 weighted sum (weights 1, 3, 1, 3 … from the right, check digit
    included) of the bytes is ``2T − D``; less 48 per unit of weight it is the weighted digit sum,
    which must be ≡ 0 (mod 10). So the number is valid iff
    ``(2T − 48·(n + 2·(n//2))) mod 10 == D mod 10``; the tables hold both sides by remainder:
    ``tables[0][x % 255] == tables[1][x % 257]``.

    >>> t = mod10_tables(13)
    >>> x = int.from_bytes(b"8934567890120", "big")
    >>> t[0][x % 255] == t[1][x % 257]
    True
    """
    cached = _MOD10_TABLES.get(n)
    if cached is not None:
        return cached
    if not 1 <= n <= MOD10_TABLE_MAX:
        msg = f"mod10_tables serves lengths 1-{MOD10_TABLE_MAX}, not {n}"
        raise ValueError(msg)
    odd, even = n // 2, n - n // 2
    offset = 48 * (n + 2 * odd)
    by_sum = [0] * 255
    for total in range(48 * n, 57 * n + 1):
        by_sum[total % 255] = (2 * total - offset) % 10
    by_alternating = [0] * 257
    low = 48 * even - 57 * odd
    for alternating in range(low, low + 257):
        by_alternating[alternating % 257] = alternating % 10
    tables = _MOD10_TABLES[n] = (tuple(by_sum), tuple(by_alternating))
    return tables


def mod10_ok(raw: bytes) -> bool:
    """``True`` when non-empty ASCII-digit bytes ``raw`` end in their GS1 mod-10 check digit.

    No input checks. Uses :func:`mod10_tables` up to 28 digits.

    >>> mod10_ok(b"8934567890120"), mod10_ok(b"8934567890129")
    (True, False)
    """
    n = len(raw)
    if n > MOD10_TABLE_MAX:
        return mod10_of_bytes(raw[:-1]) == raw[-1] - 48
    tables = _MOD10_TABLES.get(n) or mod10_tables(n)
    x = int.from_bytes(raw, "big")
    return tables[0][x % 255] == tables[1][x % 257]


def mod10(payload: str) -> str:
    """The GS1 mod-10 check digit for ``payload`` (the number without its check digit).

    An empty payload has check digit ``0``.

    >>> mod10("0893456789012")
    '0'
    >>> mod10("00614141123456789")
    '0'
    >>> mod10("89345A")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidFormat: GS1.NON_DIGIT_CHARACTER: ...
    """
    return "0123456789"[mod10_of_bytes(_require_digits(payload, "payload"))]


def verify_mod10(number: str) -> bool:
    """``True`` when the last digit of ``number`` is the GS1 mod-10 check digit of the rest.

    Raises :class:`InvalidFormat` on a non-digit and :class:`InvalidLength` on an empty input.

    >>> verify_mod10("8934567890120")
    True
    >>> verify_mod10("8934567890129")
    False
    """
    raw = _require_digits(number, "number")
    if not raw:
        raise InvalidLength(
            Finding(
                "GS1.TOO_SHORT_FOR_CHECK_DIGIT",
                params={"value": number},
                location=Location(start=0, length=0),
            )
        )
    return mod10_of_bytes(raw[:-1]) == raw[-1] - 48


def price_weight(payload: str) -> str:
    """The check digit of a 4- or 5-digit price or weight field of a variable-measure RCN.

    GS1 General Specifications §7.9.3 (4 digits, weights 2-, 2-, 3, 5-; the check digit is the
    units digit of 3 × the sum) and §7.9.4 (5 digits, weights 5+, 2-, 5-, 5+, 2-; the check digit
    is the digit whose 5- product equals 10 minus the units digit of the sum, modulo 10).

    >>> price_weight("2875")
    '9'
    >>> price_weight("14685")
    '6'
    >>> price_weight("123")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidLength: GS1.PRICE_WEIGHT_INVALID_LENGTH: ...
    """
    raw = _require_digits(payload, "payload")
    if len(raw) == 4:
        total = sum(w[d - 48] for w, d in zip(_FOUR_DIGIT_WEIGHTS, raw, strict=True))
        return str(total * 3 % 10)
    if len(raw) == 5:
        total = sum(w[d - 48] for w, d in zip(_FIVE_DIGIT_WEIGHTS, raw, strict=True))
        return str(_FIVE_MINUS_REVERSE[-total % 10])
    raise InvalidLength(
        Finding(
            "GS1.PRICE_WEIGHT_INVALID_LENGTH",
            params={"value": payload, "length": len(payload)},
            location=Location(start=0, length=len(payload)),
        )
    )


def check_pair_of(data: str) -> str:
    """The check-character pair of ``data`` already known to be CSET 82 and ≤ 97 chars long.

    >>> check_pair_of("8934567ABC")
    'K4'
    """
    index = CSET82_INDEX
    total = sum(index[c] * p for c, p in zip(reversed(data), _PRIMES, strict=False)) % 1021
    return CSET32[total >> 5] + CSET32[total & 31]


def check_pair(data: str) -> str:
    """The GS1 check-character pair (GMN, AI 8013; MUDI, AI 8014) for ``data`` (without the pair).

    ``data`` must be CSET 82 characters (:class:`InvalidFormat` at the first other one) and at most
    97 characters long (:class:`InvalidLength`, the limit of the reference implementation).

    >>> check_pair("8934567ABC")
    'K4'
    >>> check_pair("!!!")
    '22'
    >>> check_pair("893 4")
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidFormat: GS1.INVALID_CSET82_CHARACTER: ...
    """
    if len(_require_text(data, "data")) > MAX_CHECK_PAIR_DATA:
        raise InvalidLength(
            Finding(
                "GS1.TOO_LONG_FOR_CHECK_PAIR_IMPLEMENTATION",
                params={"value": data},
                location=Location(start=0, length=len(data)),
            )
        )
    bad = _NON_CSET82.search(data)
    if bad is not None:
        raise InvalidFormat(
            Finding(
                "GS1.INVALID_CSET82_CHARACTER",
                params={"value": data},
                location=Location(start=bad.start(), length=1),
            )
        )
    return check_pair_of(data)
