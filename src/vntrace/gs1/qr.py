"""QR Code symbols for GS1 Digital Link stamps: smallest symbol, exact payload, SVG and PNG.

:func:`make` encodes text (or bytes) into a QR Code symbol and returns a frozen :class:`QRCode`
with the module matrix, an SVG writer (scalable, one ``<path>``, no dependency) and a PNG writer
(standard library ``zlib`` only, no Pillow needed).

How the symbol is built:

- **Segmentation.** The payload is split into numeric, alphanumeric and byte segments by an
  optimal dynamic program over the bit cost of each mode (including the mode/count headers),
  computed for the three count-field width classes (versions 1–9, 10–26, 27–40) from the
  smallest up, so the first class that fits gives the smallest version; a class that cannot
  fit even at one character's cheapest cost is skipped unsplit (oversized data is refused at
  once). For a Digital Link URI this matters:
  ``https://id.gs1.org/01/`` is byte mode, but a run such as ``/08934567890120/`` is cheaper as
  numeric, and an upper-case URI is entirely alphanumeric.
- **Bit stream, Reed–Solomon and placement** are our own (ISO/IEC 18004 §7.4–7.7): the
  remainder of each block is one integer shifted and XORed per codeword, and the zigzag order
  of each version is computed once, so placing the stream is one ``itemgetter`` per row. Only
  tables come from ``qrcode``: the block table, the alignment centres and the BCH codes of the
  version and format information.
- **Mask choice** uses the same penalty rules and tie-breaking as ``qrcode`` (so the symbol is
  identical to what ``qrcode`` draws for the same segments), but scores each mask on the whole
  symbol as one integer (rows, and columns, each followed by a separator bit): every rule is a
  few shifts, ANDs and popcounts.

>>> code = make("https://id.gs1.org/01/08934567890120/10/L7")
>>> code.version, code.size
(3, 37)
>>> code.matrix[4][4:11] == (True,) * 7  # top edge of the top-left finder, after the border
True
>>> code.svg().startswith("<svg")
True
>>> code.png(scale=2)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""

from __future__ import annotations

import contextlib
import operator
import os
import re
import struct
import tempfile
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vntrace.errors import InvalidLength, UnsupportedInput
from vntrace.findings import Finding

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "ERROR_LEVELS",
    "QRCode",
    "Segment",
    "byte_mode_version",
    "make",
    "segments",
    "write_atomic",
]

ERROR_LEVELS = ("L", "M", "Q", "H")
"""Error-correction levels, from about 7 % (``L``) to 30 % (``H``) recoverable."""

# qrcode's numbering of the levels (the two format-information bits of ISO/IEC 18004).
_EC_BITS = {"L": 1, "M": 0, "Q": 3, "H": 2}

_NUMERIC = frozenset(b"0123456789")
_ALNUM_CHARS = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_ALNUM = frozenset(_ALNUM_CHARS)

# Mode indicators (ISO/IEC 18004 table 2) and count-field widths per version class.
_MODE_NUM, _MODE_ALNUM, _MODE_BYTE = 1, 2, 4
_MODES = (_MODE_NUM, _MODE_ALNUM, _MODE_BYTE)
_COUNT_BITS = {
    0: {_MODE_NUM: 10, _MODE_ALNUM: 9, _MODE_BYTE: 8},  # versions 1-9
    1: {_MODE_NUM: 12, _MODE_ALNUM: 11, _MODE_BYTE: 16},  # versions 10-26
    2: {_MODE_NUM: 14, _MODE_ALNUM: 13, _MODE_BYTE: 16},  # versions 27-40
}
_CLASS_VERSIONS = {0: range(1, 10), 1: range(10, 27), 2: range(27, 41)}
# Cost of one character in sixths of a bit (numeric 10/3, alphanumeric 11/2, byte 8).
_SIXTHS = {_MODE_NUM: 20, _MODE_ALNUM: 33, _MODE_BYTE: 48}
_MODE_NAMES = {_MODE_NUM: "numeric", _MODE_ALNUM: "alphanumeric", _MODE_BYTE: "byte"}


@dataclass(frozen=True, slots=True)
class Segment:
    """One run of the payload encoded in one QR mode."""

    mode: str
    """``"numeric"``, ``"alphanumeric"`` or ``"byte"``."""
    data: bytes
    """The bytes of this run."""


def _data_bits(mode: int, n: int) -> int:
    if mode == _MODE_NUM:
        return 10 * (n // 3) + (0, 4, 7)[n % 3]
    if mode == _MODE_ALNUM:
        return 11 * (n // 2) + 6 * (n % 2)
    return 8 * n


def _split(data: bytes, width_class: int) -> tuple[list[tuple[int, bytes]], int]:
    """Cheapest mode split of ``data`` for one count-width class, and its exact bit count."""
    n = len(data)
    if n == 0:
        return [(_MODE_BYTE, b"")], 4 + _COUNT_BITS[width_class][_MODE_BYTE]
    header = {m: (4 + _COUNT_BITS[width_class][m]) * 6 for m in _MODES}
    inf = 1 << 60
    # cost[m]: cheapest encoding (sixths of a bit) of data[:i] ending in mode m.
    cost = {m: header[m] for m in _MODES}
    back: list[dict[int, int]] = []
    for byte in data:
        allowed = (
            _MODES if byte in _NUMERIC else (_MODE_ALNUM, _MODE_BYTE) if byte in _ALNUM else ()
        )
        ceil = {m: -(-cost[m] // 6) * 6 for m in _MODES}
        new: dict[int, int] = {}
        choice: dict[int, int] = {}
        for m in _MODES:
            if m != _MODE_BYTE and m not in allowed:
                new[m] = inf
                choice[m] = m
                continue
            best_prev, best = m, cost[m]
            for p in _MODES:
                if p != m and ceil[p] + header[m] < best:
                    best_prev, best = p, ceil[p] + header[m]
            new[m] = best + _SIXTHS[m]
            choice[m] = best_prev
        back.append(choice)
        cost = new
    mode = min(_MODES, key=lambda m: (-(-cost[m] // 6), _MODES.index(m)))
    modes = [0] * n
    for i in range(n - 1, -1, -1):
        modes[i] = mode
        mode = back[i][mode]
    runs: list[tuple[int, bytes]] = []
    start = 0
    for i in range(1, n + 1):
        if i == n or modes[i] != modes[start]:
            runs.append((modes[start], data[start:i]))
            start = i
    bits = sum(4 + _COUNT_BITS[width_class][m] + _data_bits(m, len(d)) for m, d in runs)
    return runs, bits


@cache
def _capacity_bits(version: int, ec: int) -> int:
    from qrcode import base  # noqa: PLC0415 - qrcode is imported only when drawing

    return 8 * sum(block.data_count for block in base.rs_blocks(version, ec))


_DELETE_DIGITS = bytes(_NUMERIC)
_DELETE_ALNUM = bytes(_ALNUM)


def _lower_bound(data: bytes, width_class: int) -> int:
    """Bits of an imaginary encoding where every character takes its cheapest mode (one header)."""
    non_digit = data.translate(None, _DELETE_DIGITS)
    other = non_digit.translate(None, _DELETE_ALNUM)
    digits = len(data) - len(non_digit)
    alnum = len(non_digit) - len(other)
    return (
        4
        + _COUNT_BITS[width_class][_MODE_NUM]
        + (digits * 10 + 2) // 3
        + (alnum * 11) // 2
        + 8 * len(other)
    )


def _plan(data: bytes, ec: int, version: int | None = None) -> tuple[int, list[tuple[int, bytes]]]:
    """Smallest version (or the given one) and its segmentation; raises when nothing fits.

    Width classes are tried from the smallest versions up, so the first class that fits gives
    the smallest version; a class whose best imaginable encoding cannot fit is skipped without
    running the segmentation (this makes refusing an oversized payload cheap).
    """
    classes: list[tuple[int, range]] = list(_CLASS_VERSIONS.items())
    if version is not None:
        classes = [(c, range(version, version + 1)) for c, vs in classes if version in vs]
    for width_class, versions in classes:
        if _lower_bound(data, width_class) > _capacity_bits(versions[-1], ec):
            continue
        runs, bits = _split(data, width_class)
        if any(len(d) >= 1 << _COUNT_BITS[width_class][m] for m, d in runs):
            continue
        for v in versions:
            if bits <= _capacity_bits(v, ec):
                return v, runs
    if version is None:
        params = {"length": len(data), "max": _max_bytes(ec)}
        raise InvalidLength(Finding("QR.DATA_TOO_LONG", params=params))
    params = {"length": len(data), "max": _max_bytes(ec, version), "version": version}
    raise InvalidLength(Finding("QR.DATA_TOO_LONG_FOR_VERSION", params=params))


def _max_bytes(ec: int, version: int = 40) -> int:
    return (
        _capacity_bits(version, ec) - 4 - _COUNT_BITS[0 if version < 10 else 1][_MODE_BYTE]
    ) // 8


def segments(data: str | bytes, error: str = "M") -> tuple[Segment, ...]:
    """The mode segments :func:`make` uses for ``data``.

    >>> [(s.mode, s.data) for s in segments("https://id.gs1.org/01/08934567890120")]
    [('byte', b'https://id.gs1.org/01/'), ('numeric', b'08934567890120')]
    >>> [s.mode for s in segments("HTTPS://ID.GS1.ORG/01/08934567890120")]
    ['alphanumeric', 'numeric']
    """
    raw = _to_bytes(data)
    _, runs = _plan(raw, _ec_bits(error))
    return tuple(Segment(_MODE_NAMES[m], d) for m, d in runs)


def _to_bytes(data: str | bytes) -> bytes:
    if isinstance(data, bytes | bytearray):
        return bytes(data)
    if not isinstance(data, str):
        raise UnsupportedInput(Finding("GS1.INPUT_NOT_TEXT", params={"type": type(data).__name__}))
    try:
        return data.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates
        raise UnsupportedInput(
            Finding("QR.DATA_NOT_ENCODABLE", params={"position": exc.start})
        ) from None


def _ec_bits(error: str) -> int:
    level = _EC_BITS.get(error)
    if level is None:
        raise UnsupportedInput(Finding("QR.INVALID_ERROR_LEVEL", params={"level": str(error)}))
    return level


# --- layout of function patterns, as integer bit rows (bit n-1-c = column c) ----------------


@dataclass(frozen=True, slots=True)
class _Layout:
    n: int
    data: tuple[int, ...]  # data modules
    fmt: tuple[int, ...]  # format information area plus the dark module
    ver: tuple[int, ...]  # version information area
    patterns: tuple[tuple[int, ...], ...]  # mask k, restricted to data modules


def _mask_bit(k: int, i: int, j: int) -> bool:
    if k == 0:
        return (i + j) % 2 == 0
    if k == 1:
        return i % 2 == 0
    if k == 2:
        return j % 3 == 0
    if k == 3:
        return (i + j) % 3 == 0
    if k == 4:
        return (i // 2 + j // 3) % 2 == 0
    if k == 5:
        return (i * j) % 2 + (i * j) % 3 == 0
    if k == 6:
        return ((i * j) % 2 + (i * j) % 3) % 2 == 0
    return ((i * j) % 3 + (i + j) % 2) % 2 == 0


@cache
def _layout(version: int) -> _Layout:
    from qrcode import util  # noqa: PLC0415

    n = 17 + 4 * version
    func = [[False] * n for _ in range(n)]
    fmt = [[False] * n for _ in range(n)]
    ver = [[False] * n for _ in range(n)]

    def box(grid: list[list[bool]], r0: int, c0: int, r1: int, c1: int) -> None:
        for r in range(max(r0, 0), min(r1, n)):
            for c in range(max(c0, 0), min(c1, n)):
                grid[r][c] = True

    box(func, 0, 0, 8, 8)  # finders with their separators
    box(func, 0, n - 8, 8, n)
    box(func, n - 8, 0, n, 8)
    box(func, 6, 0, 7, n)  # timing patterns
    box(func, 0, 6, n, 7)
    centres = util.pattern_position(version)
    for r in centres:
        for c in centres:
            if (r < 9 and c < 9) or (r < 9 and c > n - 10) or (r > n - 10 and c < 9):
                continue
            box(func, r - 2, c - 2, r + 3, c + 3)
    box(fmt, 8, 0, 9, 9)
    box(fmt, 0, 8, 9, 9)
    box(fmt, 8, n - 8, 9, n)
    box(fmt, n - 8, 8, n, 9)
    fmt[6][8] = fmt[8][6] = False  # timing pattern crosses the format strips
    if version >= 7:
        box(ver, 0, n - 11, 6, n - 8)
        box(ver, n - 11, 0, n - 8, 6)

    def rows(grid: list[list[bool]]) -> tuple[int, ...]:
        return tuple(int("".join("1" if x else "0" for x in row), 2) for row in grid)

    data_grid = [[not (func[r][c] or fmt[r][c] or ver[r][c]) for c in range(n)] for r in range(n)]
    data = rows(data_grid)
    # Every mask depends on the row only through r mod 12 (periods 2, 3 and 4 of the formulas),
    # so twelve full rows per mask are enough; each is then cut down to the data modules.
    periodic = [
        [int("".join("1" if _mask_bit(k, r, c) else "0" for c in range(n)), 2) for r in range(12)]
        for k in range(8)
    ]
    patterns = tuple(tuple(periodic[k][r % 12] & data[r] for r in range(n)) for k in range(8))
    return _Layout(n, data, rows(fmt), rows(ver), patterns)


@cache
def _format_rows(version: int, ec: int) -> tuple[tuple[int, ...], ...]:
    """The format-information bits (and the dark module) for each of the eight masks."""
    from qrcode.main import QRCode as _Drawer  # noqa: PLC0415

    n = 17 + 4 * version
    out = []
    for k in range(8):
        drawer = _Drawer(version=version, error_correction=ec)
        drawer.modules_count = n
        drawer.modules = [[None] * n for _ in range(n)]
        drawer.setup_type_info(False, k)  # noqa: FBT003 - qrcode's positional API
        out.append(tuple(int("".join("1" if x else "0" for x in row), 2) for row in drawer.modules))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Grid:
    """Bit-parallel penalty scoring: all rows (or all columns) of a symbol as ONE integer, each
    line followed by a light separator bit, so every rule of the mask penalty is a handful of
    shifts, ANDs and popcounts over the whole symbol instead of a loop over its lines."""

    n: int
    modules: int  # 1 on every module bit, 0 on the separators
    blocks: int  # 1 where a 2x2 block may start (not on the last line or column)
    patterns: tuple[int, ...]  # mask k restricted to data modules, as a row-wise grid
    column_patterns: tuple[int, ...]  # the same, column-wise


def _grid_int(lines: Sequence[int], n: int) -> int:
    fmt = f"0{n}b"
    return int("0".join([format(line, fmt) for line in lines]) + "0", 2)


def _columns_int(lines: Sequence[int], n: int) -> int:
    fmt = f"0{n}b"
    text = "".join([format(line, fmt) for line in lines])
    return int("0".join([text[j::n] for j in range(n)]) + "0", 2)


@cache
def _grid(version: int) -> _Grid:
    layout = _layout(version)
    n = layout.n
    full = (1 << n) - 1
    modules = _grid_int([full] * n, n)
    blocks = _grid_int([0] + [full >> 1] * (n - 1), n)  # a block spans line i-1 and i
    return _Grid(
        n,
        modules,
        blocks,
        tuple(_grid_int(p, n) for p in layout.patterns),
        tuple(_columns_int(p, n) for p in layout.patterns),
    )


# Finder-like patterns of rule 3, as (shift, dark?) pairs: the pattern ends at the shifted bit.
# Neither pattern overlaps itself, so counting all matches equals qrcode's str.count per line.
_FINDER_LIKE = tuple(
    tuple((len(p) - 1 - i, ch == "1") for i, ch in enumerate(p))
    for p in ("10111010000", "00001011101")
)


def _line_penalty(dark: int, light: int) -> int:
    """Rules 1 (runs of five or more) and 3 (finder-like patterns) over one grid."""
    score = 0
    for bits in (dark, light):
        runs = bits & (bits >> 1) & (bits >> 2) & (bits >> 3) & (bits >> 4)
        # a run of length L >= 5 leaves L - 4 ones here and scores L - 2
        score += runs.bit_count() + 2 * (runs & ~(runs >> 1)).bit_count()
    for pattern in _FINDER_LIKE:
        match = -1
        for shift, is_dark in pattern:
            match &= (dark if is_dark else light) >> shift
        score += 40 * match.bit_count()
    return score


def _penalty(rows: int, cols: int, grid: _Grid) -> int:
    """ISO/IEC 18004 mask penalty, exactly as ``qrcode.util.lost_point`` scores it, for the
    symbol given row-wise (``rows``) and column-wise (``cols``) as :class:`_Grid` integers."""
    n = grid.n
    score = _line_penalty(rows, ~rows & grid.modules) + _line_penalty(cols, ~cols & grid.modules)
    same_v = ~(rows ^ (rows >> (n + 1)))
    score += 3 * (same_v & (same_v >> 1) & ~(rows ^ (rows >> 1)) & grid.blocks).bit_count()
    dark = rows.bit_count()
    score += int(abs(dark / (n * n) * 100 - 50) / 5) * 10
    return score


# --- encoding: bit stream, Reed-Solomon, placement (ISO/IEC 18004 §7.4-7.7) ------------------

# GF(256) with the QR primitive polynomial x^8 + x^4 + x^3 + x^2 + 1.
_EXP = [0] * 512
_LOG = [0] * 256
_x = 1
for _i in range(255):
    _EXP[_i] = _x
    _LOG[_x] = _i
    _x <<= 1
    if _x & 0x100:
        _x ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]
del _x, _i


@cache
def _rs_table(degree: int) -> tuple[int, ...]:
    """For each leading factor f, f times the generator polynomial (leading 1 dropped), as one
    big-endian integer of ``degree`` bytes: the remainder is then shifted and XORed as a whole."""
    gen = [1]
    for i in range(degree):  # multiply by (x - a^i)
        nxt = [0] * (len(gen) + 1)
        for j, c in enumerate(gen):
            nxt[j] ^= c
            if c:
                nxt[j + 1] ^= _EXP[_LOG[c] + i]
        gen = nxt
    tail = gen[1:]
    return tuple(
        int.from_bytes(bytes(_EXP[_LOG[g] + _LOG[f]] if g and f else 0 for g in tail), "big")
        for f in range(256)
    )


def _rs_remainder(data: bytes, degree: int) -> bytes:
    table = _rs_table(degree)
    mask = (1 << (8 * degree)) - 1
    shift = 8 * (degree - 1)
    rem = 0
    for byte in data:
        rem = ((rem << 8) & mask) ^ table[byte ^ (rem >> shift)]
    return rem.to_bytes(degree, "big")


@cache
def _blocks(version: int, ec: int) -> tuple[tuple[int, int], ...]:
    from qrcode import base  # noqa: PLC0415 - the block table of ISO/IEC 18004 table 9

    return tuple((b.total_count, b.data_count) for b in base.rs_blocks(version, ec))


def _codewords(runs: Sequence[tuple[int, bytes]], version: int, ec: int) -> bytes:
    """Data bit stream, padding, Reed-Solomon blocks and interleaving."""
    width_class = 0 if version < 10 else 1 if version < 27 else 2
    acc = 0
    nbits = 0
    for mode, chunk in runs:
        count_bits = _COUNT_BITS[width_class][mode]
        acc = (((acc << 4) | mode) << count_bits) | len(chunk)
        nbits += 4 + count_bits
        if mode == _MODE_BYTE:
            acc = (acc << (8 * len(chunk))) | int.from_bytes(chunk, "big")
            nbits += 8 * len(chunk)
        elif mode == _MODE_NUM:
            for i in range(0, len(chunk), 3):
                group = chunk[i : i + 3]
                width = (4, 7, 10)[len(group) - 1]
                acc = (acc << width) | int(group)
                nbits += width
        else:
            for i in range(0, len(chunk), 2):
                pair = chunk[i : i + 2]
                if len(pair) == 2:
                    acc = (acc << 11) | (_ALNUM_VALUE[pair[0]] * 45 + _ALNUM_VALUE[pair[1]])
                    nbits += 11
                else:
                    acc = (acc << 6) | _ALNUM_VALUE[pair[0]]
                    nbits += 6
    blocks = _blocks(version, ec)
    capacity = 8 * sum(d for _, d in blocks)
    terminator = min(4, capacity - nbits)
    acc <<= terminator
    nbits += terminator
    align = -nbits % 8
    acc <<= align
    nbits += align
    stream = acc.to_bytes(nbits // 8, "big") if nbits else b""
    pad = capacity // 8 - len(stream)
    stream += (b"\xec\x11" * (pad // 2 + 1))[:pad]
    data_blocks = []
    ec_blocks = []
    at = 0
    for total, count in blocks:
        chunk = stream[at : at + count]
        at += count
        data_blocks.append(chunk)
        ec_blocks.append(_rs_remainder(chunk, total - count))
    out = bytearray()
    for i in range(max(len(b) for b in data_blocks)):
        out.extend(b[i] for b in data_blocks if i < len(b))
    for i in range(max(len(b) for b in ec_blocks)):
        out.extend(b[i] for b in ec_blocks if i < len(b))
    return bytes(out)


_ALNUM_VALUE = {c: i for i, c in enumerate(_ALNUM_CHARS)}


@dataclass(frozen=True, slots=True)
class _Placement:
    getters: tuple[Callable[[str], tuple[str, ...]], ...]  # row -> its data bits, from the stream
    sentinel: int  # stream index of a light module (function modules and remainder bits)
    function: tuple[int, ...]  # dark function modules (no format area), version info included
    test_function: tuple[int, ...]  # the same without version information (mask evaluation)


def _function_patterns(version: int) -> tuple[int, ...]:
    """Dark modules of the finder, timing and alignment patterns and of the version
    information (ISO/IEC 18004 §6.3, §6.10), as rows; format information is added per mask."""
    from qrcode import util  # noqa: PLC0415 - alignment centres and the version BCH code

    n = 17 + 4 * version
    dark = [[False] * n for _ in range(n)]
    for r0, c0 in ((0, 0), (0, n - 7), (n - 7, 0)):
        for r in range(7):
            for c in range(7):
                ring = r in {0, 6} or c in {0, 6}
                dark[r0 + r][c0 + c] = ring or (2 <= r <= 4 and 2 <= c <= 4)
    for i in range(8, n - 8):
        dark[6][i] = dark[i][6] = i % 2 == 0
    centres = util.pattern_position(version)
    for r in centres:
        for c in centres:
            if (r < 9 and c < 9) or (r < 9 and c > n - 10) or (r > n - 10 and c < 9):
                continue
            for dr in range(-2, 3):
                for dc in range(-2, 3):
                    ring = abs(dr) == 2 or abs(dc) == 2
                    dark[r + dr][c + dc] = ring or (dr == 0 and dc == 0)
    if version >= 7:
        bits = util.BCH_type_number(version)
        for i in range(18):
            on = (bits >> i) & 1 == 1
            dark[i // 3][i % 3 + n - 11] = on
            dark[i % 3 + n - 11][i // 3] = on
    return tuple(int("".join("1" if x else "0" for x in row), 2) for row in dark)


@cache
def _placement(version: int) -> _Placement:
    """Where each bit of the codeword stream goes (the zigzag of ISO/IEC 18004 §7.7.3)."""

    layout = _layout(version)
    n = layout.n
    bits = 8 * sum(total for total, _ in _blocks(version, 1))
    index = [[-1] * n for _ in range(n)]
    k = 0
    col = n - 1
    upward = True
    while col > 0:
        if col == 6:  # the vertical timing pattern takes a whole column
            col -= 1
        rows = range(n - 1, -1, -1) if upward else range(n)
        for r in rows:
            for c in (col, col - 1):
                if layout.data[r] >> (n - 1 - c) & 1:
                    index[r][c] = k if k < bits else -1
                    k += 1
        upward = not upward
        col -= 2
    sentinel = bits
    getters = tuple(operator.itemgetter(*[i if i >= 0 else sentinel for i in row]) for row in index)
    function = _function_patterns(version)
    test = tuple(f & ~v for f, v in zip(function, layout.ver, strict=True))
    return _Placement(getters, sentinel, function, test)


def _build(data: bytes, ec: int, version: int | None = None) -> tuple[int, tuple[int, ...]]:
    version, runs = _plan(data, ec, version)
    words = _codewords(runs, version, ec)
    place = _placement(version)
    n = 17 + 4 * version
    stream = format(int.from_bytes(words, "big"), f"0{8 * len(words)}b") + "0"
    join = "".join
    placed = [int(join(g(stream)), 2) for g in place.getters]
    layout = _layout(version)
    grid = _grid(version)
    # Function and data modules are disjoint and masks touch data modules only, so every trial
    # is one XOR of the unmasked symbol, row-wise and column-wise.
    unmasked = [f | d for f, d in zip(place.test_function, placed, strict=True)]
    rows = _grid_int(unmasked, n)
    cols = _columns_int(unmasked, n)
    best_k, best_score = 0, -1
    for k in range(8):
        score = _penalty(rows ^ grid.patterns[k], cols ^ grid.column_patterns[k], grid)
        if best_score < 0 or score < best_score:
            best_k, best_score = k, score
    fmt_rows = _format_rows(version, ec)[best_k]
    final = tuple(
        f | (d ^ p) | fr
        for f, d, p, fr in zip(
            place.function, placed, layout.patterns[best_k], fmt_rows, strict=True
        )
    )
    return version, final


@dataclass(frozen=True, slots=True)
class QRCode:
    """A drawn QR Code symbol. Build it with :func:`make`."""

    data: bytes
    """The encoded payload (UTF-8 for text input)."""
    version: int
    """Symbol version 1–40; the symbol has ``17 + 4 * version`` modules per side."""
    error: str
    """Error-correction level (``L``, ``M``, ``Q`` or ``H``)."""
    border: int
    """Width of the light quiet zone in modules (4 is the standard minimum)."""
    _rows: tuple[int, ...] = field(repr=False)

    @property
    def size(self) -> int:
        """Modules per side including the quiet zone: ``17 + 4 * version + 2 * border``."""
        return 17 + 4 * self.version + 2 * self.border

    @property
    def matrix(self) -> tuple[tuple[bool, ...], ...]:
        """Rows of modules, quiet zone included; ``True`` is dark."""
        n = 17 + 4 * self.version
        pad = (False,) * self.border
        blank = ((False,) * self.size,) * self.border
        body = tuple(pad + tuple(ch == "1" for ch in format(r, f"0{n}b")) + pad for r in self._rows)
        return blank + body + blank

    def svg(
        self, *, dark: str = "#000", light: str | None = "#fff", size: str | None = None
    ) -> str:
        """A scalable SVG document: one path of dark runs on an optional light background.

        ``size`` sets ``width``/``height`` (e.g. ``"25mm"``); without it the drawing scales to
        its container. One user unit is one module.

        >>> svg = make("1").svg(light=None)
        >>> svg[:60]
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29" '
        >>> "M4 4h7v1h-7z" in svg  # top edge of the top-left finder pattern
        True
        """
        side = self.size
        dims = f' width="{size}" height="{size}"' if size else ""
        background = f'<path fill="{light}" d="M0 0h{side}v{side}H0z"/>' if light else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg"{dims} viewBox="0 0 {side} {side}"'
            f' shape-rendering="crispEdges">{background}'
            f'<path fill="{dark}" d="{self.path()}"/></svg>'
        )

    def path(self) -> str:
        """SVG path data of the dark modules: one user unit per module, quiet zone included
        (what :meth:`svg` draws; for placing many symbols on one sheet).

        >>> make("1").path()[:12]
        'M4 4h7v1h-7z'
        """
        n = 17 + 4 * self.version
        b = self.border
        fmt = f"0{n}b"
        # one text of all rows, each followed by a light separator, so a run never wraps
        text = "0".join([format(row, fmt) for row in self._rows])
        step = n + 1
        parts = []
        for run in _DARK_RUN.finditer(text):
            start = run.start()
            y, x = divmod(start, step)
            w = run.end() - start
            parts.append(f"M{x + b} {y + b}h{w}v1h-{w}z")
        return "".join(parts)

    def png(self, scale: int = 8) -> bytes:
        """A 1-bit greyscale PNG, ``scale`` pixels per module (standard library only).

        >>> import struct
        >>> struct.unpack(">II", make("1").png(scale=3)[16:24])
        (87, 87)
        """
        if not 1 <= scale <= 64:
            raise UnsupportedInput(Finding("QR.INVALID_SCALE", params={"scale": scale}))
        n = 17 + 4 * self.version
        width = self.size * scale
        stride = (width + 7) // 8
        # Each module row is one PNG row with filter 0 (None), repeated ``scale - 1`` times as
        # filter 2 (Up) rows of zeros: identical output, and nearly free to compress.
        same = b"\x02" + bytes(stride)
        light_row = b"\x00" + b"\xff" * stride
        rows = [light_row] + [same] * (self.border * scale - 1) if self.border else []
        edge = "1" * (self.border * scale)
        tail = edge + "1" * (stride * 8 - width)
        # Dark = 0 in greyscale: invert and widen each module to ``scale`` bits.
        widen = {ord("0"): "1" * scale, ord("1"): "0" * scale}
        for row in self._rows:
            line = edge + format(row, f"0{n}b").translate(widen) + tail
            rows.append(b"\x00" + int(line, 2).to_bytes(stride, "big"))
            rows.extend([same] * (scale - 1))
        if self.border:
            rows.append(light_row)
            rows.extend([same] * (self.border * scale - 1))
        raw = b"".join(rows)
        header = struct.pack(">IIBBBBB", width, width, 1, 0, 0, 0, 0)
        return b"".join(
            (
                b"\x89PNG\r\n\x1a\n",
                _chunk(b"IHDR", header),
                _chunk(b"IDAT", zlib.compress(raw, 6)),
                _chunk(b"IEND", b""),
            )
        )

    def save(
        self, path: str | os.PathLike[str], *, scale: int = 8, size: str | None = None
    ) -> Path:
        """Write the symbol to ``path`` as SVG or PNG, chosen by the extension (``.svg``,
        ``.png``, any case); ``scale`` is for PNG, ``size`` for SVG (see :meth:`svg`).

        The file is written beside the target and renamed into place, so a failure never leaves
        a partial file. Raises :class:`~vntrace.errors.UnsupportedInput`
        (``QR.UNSUPPORTED_FILE_TYPE``) for another extension and :class:`OSError` when the file
        cannot be written.

        >>> import tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     out = make("https://id.gs1.org/01/08934567890120").save(pathlib.Path(tmp, "a.SVG"))
        ...     out.read_text()[:4], out.name
        ('<svg', 'a.SVG')
        """
        target = Path(path)
        kind = target.suffix.lower()
        if kind == ".svg":
            payload = self.svg(size=size).encode("utf-8")
        elif kind == ".png":
            payload = self.png(scale=scale)
        else:
            raise UnsupportedInput(
                Finding("QR.UNSUPPORTED_FILE_TYPE", params={"suffix": target.suffix or "—"})
            )
        write_atomic(target, payload)
        return target

    def __str__(self) -> str:
        """The symbol as text, two characters per module (``██`` dark)."""
        return "\n".join("".join("██" if x else "  " for x in row) for row in self.matrix)


_DARK_RUN = re.compile("1+")


def write_atomic(target: Path, payload: bytes) -> None:
    """Write ``payload`` to a temporary file beside ``target``, then rename it into place.

    A device or pipe (``/dev/null``, a FIFO) is written straight into: renaming onto it would
    replace the device node itself. The temporary file is created ``0600`` (keys stay private).
    """
    if target.exists() and not target.is_file() and not target.is_dir():
        with target.open("wb") as handle:
            handle.write(payload)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        Path(tmp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def byte_mode_version(length: int, error: str = "M") -> int:
    """The smallest version that holds ``length`` bytes in byte mode: any data of that many
    bytes fits in it (what a sheet of same-size symbols needs).

    >>> byte_mode_version(163), byte_mode_version(163, "Q")
    (9, 11)
    """
    ec = _ec_bits(error)
    for version in range(1, 41):
        count_bits = _COUNT_BITS[0 if version < 10 else 1][_MODE_BYTE]
        if 4 + count_bits + 8 * length <= _capacity_bits(version, ec):
            return version
    raise InvalidLength(
        Finding("QR.DATA_TOO_LONG", params={"length": length, "max": _max_bytes(ec)})
    )


def make(
    data: str | bytes, error: str = "M", border: int = 4, *, version: int | None = None
) -> QRCode:
    """Encode ``data`` as the smallest QR Code symbol at error level ``error``.

    Text is encoded as UTF-8 (no ECI header; Digital Link URIs are ASCII). Raises
    :class:`~vntrace.errors.InvalidLength` (``QR.DATA_TOO_LONG``) when even version 40 is too
    small and :class:`~vntrace.errors.UnsupportedInput` for a bad ``error`` or ``border``.
    ``version`` asks for exactly that version (sheets of equal symbols); data that does not fit
    in it is refused the same way.

    >>> make("https://id.gs1.org/01/08934567890120", error="L").version
    2
    >>> make("x" * 3000)
    Traceback (most recent call last):
    ...
    vntrace.errors.InvalidLength: QR.DATA_TOO_LONG: ...
    """
    ec = _ec_bits(error)
    if not isinstance(border, int) or not 0 <= border <= 100:
        raise UnsupportedInput(Finding("QR.INVALID_BORDER", params={"border": _str(border)}))
    if version is not None and (
        not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= 40
    ):
        raise UnsupportedInput(Finding("QR.INVALID_VERSION", params={"version": _str(version)}))
    raw = _to_bytes(data)
    chosen, rows = _build(raw, ec, version)
    return QRCode(raw, chosen, error, border, rows)


def _str(value: Any) -> str:
    return str(value)[:20]
