"""The compiled kernel of the numeric GS1 keys (GTIN, GLN, SSCC, GSRN, GSIN …): one pass per row.

NumPy cannot check rows of text without first copying them into a matrix (the copy and the
transpose cost more than the check itself); this loop, compiled by numba, reads every value where
it lies: in the Arrow values buffer, or in one ASCII buffer joined from a Python list. Values of 8
to 16 bytes (every GTIN, GLN) are read as two overlapping 64-bit words aligned on the value's end,
where the weights 3, 1, 3 … of the check digit sum have fixed byte positions: eight digits are
tested and summed at once (SWAR); other lengths take a byte loop.

It decides only the plain shape, and leaves everything else to the single-item engine:

- :data:`VALID`: ASCII digits of an allowed length, the last the mod-10 check digit of the others;
- :data:`INVALID`: ASCII digits of another length or with a wrong check digit, an empty value, or
  a value holding a byte that the single-item clean-up keeps (it drops only spaces and hyphens,
  :func:`vntrace.gs1.keys.clean_numeric`) and that is not an ASCII digit;
- :data:`ASK`: digits with spaces or hyphens: the single-item engine decides.

The machine code is cached in ``__pycache__`` (or numba's user cache directory): the first call
in a process imports numba and loads it (well under a second, about 130 MB of resident memory for
LLVM); the very first call on a machine compiles it (a few seconds).

>>> import numpy as np
>>> data = np.frombuffer(b"8934567890120|8934567890129|893-4567|", np.uint8)
>>> numeric_states(np.array([0, 14, 28, 37]), data, length_mask((8, 13)), gap=1).tolist()
[1, 0, 2]
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterable
from typing import Any, Final

import numba
import numba.extending
import numpy as np
import numpy.typing as npt
from llvmlite import ir  # type: ignore[import-untyped]

__all__ = ["ASK", "INVALID", "VALID", "length_mask", "numeric_states"]

INVALID: Final = 0
VALID: Final = 1
ASK: Final = 2

_U = np.uint64
# byte-wise constants of the 64-bit words (numba freezes module globals into the machine code)
_HIGH_NIBBLES: Final = _U(0xF0F0F0F0F0F0F0F0)
_LOW_NIBBLES: Final = _U(0x0F0F0F0F0F0F0F0F)
_ZEROS: Final = _U(0x3030303030303030)  # "00000000"
_SIXES: Final = _U(0x0606060606060606)
# little-endian: the byte at the highest address (the value's last) is the most significant;
# counted from the end, the odd positions (weight 3) are the even bytes of the word
_WEIGHT_THREE: Final = _U(0x00FF00FF00FF00FF)
_BYTE_SUM: Final = _U(0x0101010101010101)  # multiplier that adds every byte into the top one
_ALL: Final = _U(0xFFFFFFFFFFFFFFFF)
_U0: Final = _U(0)
_U2: Final = _U(2)
_U3: Final = _U(3)
_U8: Final = _U(8)
_U9: Final = _U(9)
_U10: Final = _U(10)
_U48: Final = _U(48)
_U56: Final = _U(56)
_MAX_LENGTH: Final = 62  # allowed lengths are bits of one signed 64-bit word


def length_mask(lengths: Iterable[int]) -> int:
    """The allowed lengths as the bit mask the kernel takes (bit ``L`` set: length ``L``).

    >>> bin(length_mask((8, 12, 13, 14)))
    '0b111000100000000'
    """
    mask = 0
    for size in lengths:
        if not 0 < size <= _MAX_LENGTH:
            msg = f"key length {size} outside 1..{_MAX_LENGTH}"
            raise ValueError(msg)
        mask |= 1 << size
    return mask


def _py_digits_word(word: np.uint64) -> bool:  # pragma: no cover - runs compiled
    """All eight bytes ASCII digits (a high nibble of 3, and still 3 after adding 6)."""
    return bool((word & _HIGH_NIBBLES) == _ZEROS and ((word + _SIXES) & _HIGH_NIBBLES) == _ZEROS)


def _py_weighted_word(word: np.uint64) -> np.uint64:  # pragma: no cover - runs compiled
    """The weighted digit sum of a word of eight digits (at most 8 × 27, fits the top byte)."""
    digits = word & _LOW_NIBBLES
    return ((digits + _U2 * (digits & _WEIGHT_THREE)) * _BYTE_SUM) >> _U56


_digits_word = numba.njit(inline="always")(_py_digits_word)
_weighted_word = numba.njit(inline="always")(_py_weighted_word)


def _word_codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
    array = context.make_array(signature.args[0])(context, builder, args[0])
    byte = builder.gep(array.data, [args[1]])
    # one unaligned load (x86 and ARM64 read 8 bytes at any address), little-endian
    word = builder.load(builder.bitcast(byte, ir.IntType(64).as_pointer()), align=1)
    return word if sys.byteorder == "little" else builder.bswap(word)


def _word_typing(typingctx: Any, data: Any, at: Any) -> Any:  # noqa: ARG001 - numba's protocol
    return numba.uint64(data, at), _word_codegen


_word: Any = numba.extending.intrinsic(_word_typing)
"""``_word(data, at)``: the 8 bytes ``data[at : at + 8]`` as one little-endian integer."""


def _prefetch_codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
    array = context.make_array(signature.args[0])(context, builder, args[0])
    byte = builder.gep(array.data, [args[1]])
    i8p = ir.IntType(8).as_pointer()
    i32 = ir.IntType(32)
    fn = builder.module.declare_intrinsic(
        "llvm.prefetch", fnty=ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32])
    )
    # read, keep in all cache levels, data cache: a hint only, never a fault
    builder.call(fn, [builder.bitcast(byte, i8p), i32(0), i32(3), i32(1)])
    return context.get_dummy_value()


def _prefetch_typing(typingctx: Any, data: Any, at: Any) -> Any:  # noqa: ARG001 - numba's protocol
    return numba.void(data, at), _prefetch_codegen


_prefetch: Any = numba.extending.intrinsic(_prefetch_typing)
"""``_prefetch(data, at)``: ask the CPU to start loading ``data[at]`` (rows ahead of the loop)."""

# Rows ahead to prefetch. A column not in cache (the usual first call: 10-11 ns/row here) is
# read at almost cache speed (6 ns/row): the data loads hang on offset loads and on branches,
# which keep the CPU from running ahead by itself. 128 rows measured best (32: 8.4, 512: 7.5).
_AHEAD: Final = 128


def _states(
    offsets: npt.NDArray[np.integer],
    data: npt.NDArray[np.uint8],
    lengths: int,
    gap: int,
    out: npt.NDArray[np.uint8],
) -> None:  # pragma: no cover - runs compiled; the doctests and tests run it
    """Row ``i`` is ``data[offsets[i] : offsets[i + 1] - gap]``."""
    limit = data.shape[0]
    rows = out.shape[0]
    for i in range(rows):
        if i + _AHEAD < rows:
            ahead = offsets[i + _AHEAD]
            if 0 <= ahead < limit:
                _prefetch(data, ahead)
        start = offsets[i]
        end = offsets[i + 1] - gap
        size = end - start
        if size <= 0:
            out[i] = INVALID
            continue
        if start < 0 or end > limit:  # a corrupt array: never read outside its buffer
            raise ValueError("string offsets outside the values buffer")
        if 8 <= size <= 16 and end >= 16:
            # two words ending at the value's end; the bytes of the first word before the value
            # are replaced by "0" (weight does not matter for a zero)
            # (a shift by the full 64 bits is undefined: eight-byte values keep nothing)
            keep = _ALL << (_U8 * _U(16 - size)) if size > 8 else _U0
            first = (_word(data, end - 16) & keep) | (_ZEROS & ~keep)
            last = _word(data, end - 8)
            if _digits_word(first) and _digits_word(last):
                total = _weighted_word(first) + _weighted_word(last)
                allowed = (lengths >> size) & 1
                out[i] = VALID if allowed and total % _U10 == _U0 else INVALID
                continue
        else:
            total = _U0
            top = _U0  # the largest "digit": above 9 for any other byte
            for j in range(end - 1, start, -2):  # pairs from the end: weights 1 and 3
                one = _U(data[j]) - _U48  # a byte below "0" wraps round to a huge number
                three = _U(data[j - 1]) - _U48
                top = max(top, one, three)
                total += one + _U3 * three
            if size % 2:
                one = _U(data[start]) - _U48
                top = max(top, one)
                total += one
            if top <= _U9:
                allowed = size <= _MAX_LENGTH and (lengths >> size) & 1
                out[i] = VALID if allowed and total % _U10 == _U0 else INVALID
                continue
        state = ASK
        for j in range(start, end):
            byte = data[j]
            if byte != 32 and byte != 45 and (byte < 48 or byte > 57):  # noqa: PLR1714 - " ", "-", "0".."9"
                state = INVALID
                break
        out[i] = state


def _signatures() -> list[Any]:
    int64 = numba.int64
    # fixed types, compiled (or loaded from the cache) once at import: no surprise compilation
    # when an input happens to have another layout (a one-row column is "contiguous")
    # contiguous arrays (no stride multiplications); inputs read-only (Arrow buffers are)
    data = numba.types.Array(numba.uint8, 1, "C", readonly=True)
    out = numba.types.Array(numba.uint8, 1, "C")
    return [
        numba.void(numba.types.Array(offset, 1, "C", readonly=True), data, int64, int64, out)
        for offset in (numba.int32, numba.int64)
    ]


def _compile() -> Callable[..., None]:
    kernel: Callable[..., None]
    try:
        kernel = numba.njit(_signatures(), cache=True, nogil=True, boundscheck=False)(_states)
    except RuntimeError:  # no writable cache directory: compile in every process instead
        warnings.warn("vntrace.bulk: numba cannot cache its kernel", stacklevel=2)
        kernel = numba.njit(_signatures(), nogil=True, boundscheck=False)(_states)
    return kernel


_KERNEL: Final = _compile()


def numeric_states(
    offsets: npt.NDArray[np.integer],
    data: npt.NDArray[np.uint8],
    lengths: int,
    *,
    gap: int = 0,
) -> npt.NDArray[np.uint8]:
    """The state of every row (:data:`VALID`, :data:`INVALID` or :data:`ASK`).

    Row ``i`` is ``data[offsets[i] : offsets[i + 1] - gap]`` (``gap=1`` skips the separator of
    a joined buffer); ``lengths`` comes from :func:`length_mask`. Nothing is copied.
    """
    out = np.empty(max(len(offsets) - 1, 0), dtype=np.uint8)
    _KERNEL(np.ascontiguousarray(offsets), np.ascontiguousarray(data), lengths, gap, out)
    return out
