"""QR Code symbols for GS1 Digital Link stamps: smallest symbol, exact payload, SVG and PNG.

:func:`make` encodes text (or bytes) into a QR Code symbol and returns a frozen :class:`QRCode`
with the module matrix, an SVG writer (scalable, one ``<path>``, no dependency) and a PNG writer
(standard library ``zlib`` only, no Pillow needed).

How the symbol is built:

- **Segmentation.** The payload is split into numeric, alphanumeric and byte segments by an
  optimal dynamic program over the bit cost of each mode (including the mode/count headers),
  computed separately for the three count-field width classes (versions 1–9, 10–26, 27–40);
  the smallest version that holds the cheapest split wins. For a Digital Link URI this matters:
  ``https://id.gs1.org/01/`` is byte mode, but a run such as ``/08934567890120/`` is cheaper as
  numeric, and an upper-case URI is entirely alphanumeric.
- **Error correction and placement** come from the ``qrcode`` package (Reed–Solomon blocks and
  the module layout of ISO/IEC 18004).
- **Mask choice** uses the same penalty rules and tie-breaking as ``qrcode`` (so the symbol is
  identical to what ``qrcode`` draws for the same segments), but evaluates all eight masks on
  integer bit rows instead of redrawing the symbol eight times.

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

import itertools
import re
import struct
import zlib
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from vntrace.errors import InvalidLength, UnsupportedInput
from vntrace.findings import Finding

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["ERROR_LEVELS", "QRCode", "Segment", "make", "segments"]

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


def _plan(data: bytes, ec: int) -> tuple[int, list[tuple[int, bytes]]]:
    """Smallest version and its segmentation; raises when nothing fits."""
    best: tuple[int, list[tuple[int, bytes]]] | None = None
    for width_class, versions in _CLASS_VERSIONS.items():
        runs, bits = _split(data, width_class)
        if any(len(d) >= 1 << _COUNT_BITS[width_class][m] for m, d in runs):
            continue
        for version in versions:
            if bits <= _capacity_bits(version, ec):
                if best is None or version < best[0]:
                    best = (version, runs)
                break
    if best is None:
        raise InvalidLength(
            Finding("QR.DATA_TOO_LONG", params={"length": len(data), "max": _max_bytes(ec)})
        )
    return best


def _max_bytes(ec: int) -> int:
    return (_capacity_bits(40, ec) - 4 - 16) // 8


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
    patterns = tuple(
        rows([[data_grid[r][c] and _mask_bit(k, r, c) for c in range(n)] for r in range(n)])
        for k in range(8)
    )
    return _Layout(n, rows(data_grid), rows(fmt), rows(ver), patterns)


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


_RUNS = re.compile(r"0{5,}|1{5,}")


def _penalty(rows: Sequence[int], n: int) -> int:
    """ISO/IEC 18004 mask penalty, exactly as ``qrcode.util.lost_point`` scores it."""
    fmt = f"0{n}b"
    strs = [format(r, fmt) for r in rows]
    cols = ["".join(col) for col in zip(*strs, strict=True)]
    score = 0
    for line in (*strs, *cols):
        for run in _RUNS.finditer(line):
            score += run.end() - run.start() - 2
        score += 40 * (line.count("10111010000") + line.count("00001011101"))
    full = (1 << n) - 1
    inner = (1 << (n - 1)) - 1
    for r0, r1 in itertools.pairwise(rows):
        same_v = ~(r0 ^ r1) & full
        score += 3 * (same_v & (same_v >> 1) & ~(r0 ^ (r0 >> 1)) & inner).bit_count()
    dark = sum(r.bit_count() for r in rows)
    score += int(abs(dark / (n * n) * 100 - 50) / 5) * 10
    return score


def _build(data: bytes, ec: int) -> tuple[int, tuple[int, ...]]:
    from qrcode import util  # noqa: PLC0415
    from qrcode.main import QRCode as _Drawer  # noqa: PLC0415

    version, runs = _plan(data, ec)
    drawer = _Drawer(version=version, error_correction=ec, border=0, mask_pattern=0)
    for mode, chunk in runs:
        drawer.add_data(util.QRData(chunk, mode=mode, check_data=False))  # type: ignore[call-overload]
    drawer.make(fit=False)
    base = tuple(int("".join("1" if x else "0" for x in row), 2) for row in drawer.modules)
    layout = _layout(version)
    n = layout.n
    keep = tuple(~(f | v) for f, v in zip(layout.fmt, layout.ver, strict=True))
    pat0 = layout.patterns[0]
    best_k, best_score = 0, -1
    for k in range(8):
        trial = [
            (b & kp) ^ p0 ^ pk
            for b, kp, p0, pk in zip(base, keep, pat0, layout.patterns[k], strict=True)
        ]
        score = _penalty(trial, n)
        if best_score < 0 or score < best_score:
            best_k, best_score = k, score
    fmt_rows = _format_rows(version, ec)[best_k]
    no_fmt = tuple(~f for f in layout.fmt)
    final = tuple(
        ((b & nf) ^ (p0 ^ pk)) | fr
        for b, nf, p0, pk, fr in zip(
            base, no_fmt, pat0, layout.patterns[best_k], fmt_rows, strict=True
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
        n = 17 + 4 * self.version
        b = self.border
        parts = []
        fmt = f"0{n}b"
        for y, row in enumerate(self._rows, start=b):
            line = format(row, fmt)
            for run in _DARK_RUN.finditer(line):
                w = run.end() - run.start()
                parts.append(f"M{run.start() + b} {y}h{w}v1h-{w}z")
        dims = f' width="{size}" height="{size}"' if size else ""
        background = f'<path fill="{light}" d="M0 0h{side}v{side}H0z"/>' if light else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg"{dims} viewBox="0 0 {side} {side}"'
            f' shape-rendering="crispEdges">{background}'
            f'<path fill="{dark}" d="{"".join(parts)}"/></svg>'
        )

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

    def __str__(self) -> str:
        """The symbol as text, two characters per module (``██`` dark)."""
        return "\n".join("".join("██" if x else "  " for x in row) for row in self.matrix)


_DARK_RUN = re.compile("1+")


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def make(data: str | bytes, error: str = "M", border: int = 4) -> QRCode:
    """Encode ``data`` as the smallest QR Code symbol at error level ``error``.

    Text is encoded as UTF-8 (no ECI header; Digital Link URIs are ASCII). Raises
    :class:`~vntrace.errors.InvalidLength` (``QR.DATA_TOO_LONG``) when even version 40 is too
    small and :class:`~vntrace.errors.UnsupportedInput` for a bad ``error`` or ``border``.

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
    raw = _to_bytes(data)
    version, rows = _build(raw, ec)
    return QRCode(raw, version, error, border, rows)


def _str(value: Any) -> str:
    return str(value)[:20]
