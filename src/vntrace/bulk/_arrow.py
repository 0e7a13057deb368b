"""The one vectorised core: columns of text checked on their Arrow buffers.

Everything else in :mod:`vntrace.bulk` (NumPy, pandas, polars, Dask, files, the CLI) turns its
input into Arrow string arrays and calls :func:`check_chunk`; a list or tuple of ``str`` checked
for a numeric key's validity skips Arrow and is joined into one ASCII buffer
(:func:`key_verdicts_of_texts`). The core *confirms* valid values: numeric keys with the compiled
kernel of :mod:`._kernel` reading the offsets and values buffers in place (lengths, ASCII digits,
GS1 mod-10 check digits); element strings and Digital Link URIs with RE2 kernels of
:mod:`pyarrow.compute` for the shapes that dominate a column (see :mod:`._shapes`). A value it
cannot confirm goes to the single-item engine (:mod:`._engines`), which gives the verdict and the
findings: one rule in one place, so bulk and single-item verdicts never differ.

>>> import pyarrow as pa
>>> valid, found = check_chunk(pa.array(["8934567890120", "8934567890129", None, ""]), "gtin")
>>> valid.tolist()
[True, False, False, False]
>>> [(r, c) for r, c, *_ in found]
[(1, 'GS1.INCORRECT_CHECK_DIGIT'), (2, 'BULK.NULL_VALUE'), (3, 'BULK.EMPTY_VALUE')]
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, cast

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from vntrace.bulk._engines import NUMERIC_KEYS, engine, verdict
from vntrace.findings import Finding, Severity
from vntrace.gs1.options import Options

__all__ = [
    "FINDINGS_SCHEMA",
    "BoolArray",
    "Row",
    "as_text_chunks",
    "check_chunk",
    "findings_table",
    "key_states",
    "key_verdicts_of_texts",
]

BoolArray = npt.NDArray[np.bool_]

FINDINGS_SCHEMA: Final = pa.schema(
    [
        pa.field("row", pa.int64()),
        pa.field("code", pa.string(), nullable=False),
        pa.field("severity", pa.string(), nullable=False),
        pa.field("column", pa.string()),
        pa.field("params", pa.string(), nullable=False),
        pa.field("span", pa.struct([("start", pa.int32()), ("length", pa.int32())])),
    ]
)
"""One row per finding: ``row`` (0-based index of the input row; null for a finding about a
whole column or file), ``code``, ``severity``, ``column``, ``params`` (a JSON object) and ``span``
(``start``/``length`` of the offending characters inside the value, when known)."""

Row = tuple[int | None, str, str, str | None, str, tuple[int, int] | None]
"""A finding as the core collects it: row, code, severity, column, params JSON, span."""

_TEXT_TYPES: Final = (pa.string(), pa.large_string())


def row_of(finding: Finding, row: int | None, column: str | None) -> Row:
    """A :class:`~vntrace.findings.Finding` as a findings-table row."""
    loc = finding.location
    span = None if loc.start is None else (loc.start, loc.length or 0)
    params = json.dumps(dict(finding.params), ensure_ascii=False, sort_keys=True, default=str)
    return (row, finding.code, finding.severity.value, column, params, span)


def findings_table(rows: Iterable[Row]) -> pa.Table:
    """The findings table (:data:`FINDINGS_SCHEMA`) of collected rows.

    >>> findings_table([]).num_rows
    0
    """
    cols: list[list[Any]] = [[], [], [], [], [], []]
    for item in rows:
        for i, v in enumerate(item):
            cols[i].append(v)
    spans = [None if s is None else {"start": s[0], "length": s[1]} for s in cols[5]]
    return pa.Table.from_arrays(
        [
            pa.array(cols[0], pa.int64()),
            pa.array(cols[1], pa.string()),
            pa.array(cols[2], pa.string()),
            pa.array(cols[3], pa.string()),
            pa.array(cols[4], pa.string()),
            pa.array(spans, FINDINGS_SCHEMA.field("span").type),
        ],
        schema=FINDINGS_SCHEMA,
    )


# --------------------------------------------------------------------------------------------
# Inputs → Arrow text chunks


class Prepared:
    """An input turned into Arrow text chunks, plus what could not be turned into text."""

    __slots__ = ("chunks", "column_finding", "length", "not_text")

    def __init__(
        self,
        chunks: list[pa.Array],
        length: int,
        not_text: dict[int, str] | None = None,
        column_finding: Finding | None = None,
    ) -> None:
        self.chunks = chunks
        """String or large-string arrays, in order (nulls where there was no text)."""
        self.length = length
        """Number of input rows."""
        self.not_text = not_text or {}
        """Row → type name of values that are neither text nor missing."""
        self.column_finding = column_finding
        """A finding about the whole column (a number column): then no row is checked."""


def _type_name(arrow_type: pa.DataType) -> str:
    return str(arrow_type)


def _column_not_text(arrow_type: pa.DataType, length: int) -> Prepared:
    # Codes read as numbers have lost their leading zeros (and a float column its exactness):
    # one finding naming the cause, rather than one wrong verdict per row.
    finding = Finding("BULK.COLUMN_NOT_TEXT", params={"type": _type_name(arrow_type)})
    return Prepared([], length, column_finding=finding)


def _from_arrow(chunks: Sequence[pa.Array], arrow_type: pa.DataType) -> Prepared:
    length = sum(len(c) for c in chunks)
    if pa.types.is_dictionary(arrow_type):
        decoded = [c.dictionary_decode() for c in chunks]
        return _from_arrow(decoded, arrow_type.value_type)
    if arrow_type in _TEXT_TYPES:
        return Prepared(list(chunks), length)
    if pa.types.is_string_view(arrow_type):
        return Prepared([c.cast(pa.large_string()) for c in chunks], length)
    if pa.types.is_null(arrow_type):
        return Prepared([pa.nulls(len(c), pa.string()) for c in chunks], length)
    if pa.types.is_binary(arrow_type) or pa.types.is_large_binary(arrow_type):
        return _from_binary(chunks, length)
    numeric = (
        pa.types.is_integer(arrow_type)
        or pa.types.is_floating(arrow_type)
        or pa.types.is_decimal(arrow_type)
        or pa.types.is_boolean(arrow_type)
    )
    if numeric and all(c.null_count == len(c) for c in chunks):
        # an empty column read as numbers (all NaN/null): its cells are simply missing
        return Prepared([pa.nulls(len(c), pa.string()) for c in chunks], length)
    if numeric:
        return _column_not_text(arrow_type, length)
    return _from_python(pa.chunked_array(chunks, arrow_type).to_pylist())


def _from_binary(chunks: Sequence[pa.Array], length: int) -> Prepared:
    out: list[pa.Array] = []
    bad: dict[int, str] = {}
    base = 0
    for chunk in chunks:
        target = pa.large_string() if pa.types.is_large_binary(chunk.type) else pa.string()
        try:
            out.append(chunk.cast(target))
        except pa.ArrowInvalid:
            texts: list[str | None] = []
            for i, raw in enumerate(chunk.to_pylist()):
                if raw is None:
                    texts.append(None)
                    continue
                try:
                    texts.append(raw.decode("utf-8"))
                except UnicodeDecodeError:
                    bad[base + i] = "INVALID_UTF8"
                    texts.append(None)
            out.append(pa.array(texts, target))
        base += len(chunk)
    return Prepared(out, length, bad)


def _from_python(values: Sequence[object]) -> Prepared:
    texts: list[str | None] = []
    bad: dict[int, str] = {}
    for i, value in enumerate(values):
        if isinstance(value, str):
            texts.append(value)
        elif value is None or (isinstance(value, float) and math.isnan(value)):
            texts.append(None)
        else:
            bad[i] = type(value).__name__
            texts.append(None)
    # NaN and pandas.NA/NaT are "missing", like None
    for i in [i for i, t in bad.items() if t in {"NAType", "NaTType"}]:
        del bad[i]
    return Prepared([pa.array(texts, pa.string())], len(values), bad)


def as_text_chunks(values: object) -> Prepared:
    """Turn ``values`` (list, tuple, NumPy array, pyarrow Array/ChunkedArray, pandas or polars
    Series) into Arrow text chunks without changing any value.

    >>> p = as_text_chunks(["a", None, 7, float("nan")])
    >>> p.length, p.not_text, p.chunks[0].null_count
    (4, {2: 'int'}, 3)
    >>> as_text_chunks(["8934567890120", b"8934567890120"]).not_text
    {1: 'bytes'}
    >>> as_text_chunks(pa.array([8934567890120])).column_finding.code
    'BULK.COLUMN_NOT_TEXT'
    """
    if isinstance(values, pa.ChunkedArray):
        return _from_arrow(values.chunks, values.type)
    if isinstance(values, pa.Array):
        return _from_arrow([values], values.type)
    module = type(values).__module__.split(".", 1)[0]
    if module == "polars":
        arrow = values.to_arrow()  # type: ignore[attr-defined]
        return as_text_chunks(arrow)
    if module == "pandas":
        return _from_pandas(values)
    if isinstance(values, np.ndarray):
        if values.dtype.kind in "US":
            # via Python objects: pyarrow's NumPy path cuts a value at an embedded NUL
            return as_text_chunks(values.tolist())
        if values.dtype.kind in "iufcb":
            return _column_not_text(pa.from_numpy_dtype(values.dtype), len(values))
        return _from_python(values.tolist())
    if isinstance(values, list | tuple):
        # pyarrow would take bytes for text: only lists of nothing but str and None go straight
        if not all(v is None or isinstance(v, str) for v in values):
            return _from_python(values)
        try:
            arr = pa.array(values, pa.string())
        except (pa.ArrowTypeError, pa.ArrowInvalid):
            return _from_python(values)
        return Prepared([arr], len(arr))
    if isinstance(values, str | bytes):
        msg = "values must be a sequence of texts, not one text"
        raise TypeError(msg)
    return _from_python(list(values))  # type: ignore[call-overload]


def _from_pandas(series: Any) -> Prepared:
    dtype = series.dtype
    kind = getattr(dtype, "kind", "O")
    if kind in "iufcb" and bool(series.isna().all()):
        return Prepared([pa.nulls(len(series), pa.string())], len(series))
    if kind in "iufcb":
        numpy_dtype = getattr(dtype, "numpy_dtype", dtype)
        return _column_not_text(pa.from_numpy_dtype(numpy_dtype), len(series))
    if kind == "O" and str(dtype) not in {"object", "string", "str"}:
        return _from_python(series.tolist())
    try:
        arr = pa.array(series, from_pandas=True)
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        return _from_python(series.tolist())
    return as_text_chunks(arr)


# --------------------------------------------------------------------------------------------
# Buffers


Offsets = npt.NDArray[np.int32] | npt.NDArray[np.int64]


def buffers(arr: pa.Array) -> tuple[Offsets, npt.NDArray[np.uint8]]:
    """The offsets (``len(arr) + 1`` of them, 32 or 64 bits as in the array) and the values
    bytes of a string array, as read-only views of its buffers (nothing is copied)."""
    n = len(arr)
    bufs = arr.buffers()
    if n == 0 or bufs[1] is None:
        return np.zeros(n + 1, np.int64), np.zeros(0, np.uint8)
    off_type = np.int64 if arr.type == pa.large_string() else np.int32
    offsets = np.frombuffer(bufs[1], dtype=off_type)[arr.offset : arr.offset + n + 1]
    data = np.frombuffer(bufs[2], dtype=np.uint8) if bufs[2] is not None else np.zeros(0, np.uint8)
    return cast("Offsets", offsets), data


def key_states(arr: pa.Array, lengths: Iterable[int]) -> npt.NDArray[np.uint8]:
    """Per row of a string array, the compiled kernel's decision for a numeric key of one of
    ``lengths`` (:mod:`._kernel`: valid, invalid, or ask the engine); nulls are invalid.

    >>> from vntrace.bulk._kernel import ASK, INVALID, VALID
    >>> states = key_states(pa.array(["89345672", "893-4567-2", "8934567A", None]), (8, 13))
    >>> states.tolist() == [VALID, ASK, INVALID, INVALID]
    True
    """
    from vntrace.bulk._kernel import INVALID, length_mask, numeric_states  # noqa: PLC0415 - numba

    offsets, data = buffers(arr)
    states = numeric_states(offsets, data, length_mask(lengths))
    if arr.null_count:
        states[np.asarray(arr.is_null())] = INVALID
    return states


def confirm_numeric(arr: pa.Array, lengths: Iterable[int]) -> BoolArray:
    """Rows of ``arr`` that are exactly ``L`` ASCII digits for an ``L`` in ``lengths``, with a
    correct mod-10 check digit (nulls are never confirmed).

    >>> column = pa.array(["89345672", "8934567890120", "893 4567 890120"])
    >>> confirm_numeric(column, (8, 13)).tolist()
    [True, True, False]
    """
    from vntrace.bulk._kernel import VALID  # noqa: PLC0415 - numba

    return np.equal(key_states(arr, lengths), VALID)


def _engine_verdicts(
    states: npt.NDArray[np.uint8], texts: Callable[[npt.NDArray[np.intp]], list[Any]], kind: str
) -> BoolArray:
    """The verdicts of kernel ``states``: the single-item ``is_valid`` of ``kind`` decides the
    rows marked "ask" (``texts(rows)`` gives their values)."""
    from vntrace.bulk._kernel import ASK, VALID  # noqa: PLC0415 - numba

    valid = np.equal(states, VALID)
    ask = np.flatnonzero(states == ASK)
    if len(ask):
        is_ok = verdict(kind, None)
        valid[ask] = np.fromiter(map(is_ok, texts(ask)), dtype=np.bool_, count=len(ask))
    return valid


def key_verdicts_of_texts(values: Sequence[object], kind: str) -> BoolArray | None:
    """The verdicts of a list or tuple of ``str`` for the numeric key ``kind``, read from one
    ASCII buffer (``"\\n".join``): far cheaper than building an Arrow array. ``None`` when the
    values are not all ``str`` of ASCII text without a newline (the general path then runs).

    >>> key_verdicts_of_texts(["89345672", "893 4567 2", "89345673"], "gtin").tolist()
    [True, True, False]
    >>> key_verdicts_of_texts(["89345672", None], "gtin") is None
    True
    """
    lengths = NUMERIC_KEYS[kind]
    n = len(values)
    try:
        raw = "\n".join(values).encode("ascii")  # type: ignore[arg-type]
    except (TypeError, UnicodeEncodeError):  # an item that is not str, or not ASCII
        return None
    data = np.frombuffer(raw, dtype=np.uint8)
    ends = np.flatnonzero(data == _NEWLINE)
    if n == 0 or len(ends) != n - 1:  # a value holds the separator itself
        return None
    from vntrace.bulk._kernel import length_mask, numeric_states  # noqa: PLC0415 - numba

    offsets = np.empty(n + 1, dtype=np.int64)
    offsets[0] = 0
    offsets[1:n] = ends + 1
    offsets[n] = len(raw) + 1  # as if the last value too ended with a separator
    states = numeric_states(offsets, data, length_mask(lengths), gap=1)
    return _engine_verdicts(states, lambda rows: [values[i] for i in rows.tolist()], kind)


_NEWLINE: Final = np.uint8(10)


# --------------------------------------------------------------------------------------------
# One chunk


def _confirm(arr: pa.Array, kind: str, options: Options | None) -> BoolArray:
    """Rows the vector kernels can confirm as valid for ``kind``; ``False`` = ask the engine."""
    lengths = NUMERIC_KEYS.get(kind)
    if lengths is not None:
        return confirm_numeric(arr, lengths)
    if kind in {"element_string", "digital_link"}:
        from vntrace.bulk._shapes import confirm  # noqa: PLC0415 - only these kinds need it

        return confirm(arr, kind, options)
    return np.zeros(len(arr), dtype=np.bool_)


def check_chunk(
    arr: pa.Array,
    kind: str,
    *,
    options: Options | None = None,
    column: str | None = None,
    row_offset: int = 0,
    not_text: dict[int, str] | None = None,
    findings: list[Row] | None = None,
    verdicts_only: bool = False,
) -> tuple[BoolArray, list[Row]]:
    """Check one Arrow text array: the validity per row and the findings rows.

    ``not_text`` maps row (inside the chunk) → type name of values that were not text (they are
    nulls in ``arr``); ``row_offset`` is added to the rows of the findings. With
    ``verdicts_only`` no findings are built (the single-item ``is_valid`` decides).
    """
    run = engine(kind, options)
    out = findings if findings is not None else []
    n = len(arr)
    if verdicts_only and kind in NUMERIC_KEYS:
        states = key_states(arr, NUMERIC_KEYS[kind])
        return _engine_verdicts(states, lambda rows: arr.take(pa.array(rows)).to_pylist(), kind), []
    valid = _confirm(arr, kind, options)
    if verdicts_only:
        return _verdicts(arr, kind, options, valid), []
    todo = ~valid
    lengths = pc.binary_length(arr).to_numpy(zero_copy_only=False)
    nulls = np.asarray(arr.is_null()) if arr.null_count else np.zeros(n, np.bool_)
    empty = ~nulls & (np.nan_to_num(lengths) == 0)
    todo &= ~nulls & ~empty
    special = np.flatnonzero(nulls | empty)
    bad = not_text or {}
    for i in special.tolist():
        row = row_offset + i
        what = bad.get(i)
        if what == "INVALID_UTF8":
            out.append((row, "BULK.INVALID_UTF8", "error", column, "{}", None))
        elif what is not None:
            params = json.dumps({"type": what}, ensure_ascii=False)
            out.append((row, "BULK.NOT_TEXT", "error", column, params, None))
        elif nulls[i]:
            out.append((row, "BULK.NULL_VALUE", "error", column, "{}", None))
        else:
            out.append((row, "BULK.EMPTY_VALUE", "error", column, "{}", None))
    idx = np.flatnonzero(todo)
    if len(idx):
        texts = arr.take(pa.array(idx)).to_pylist()
        cache: dict[str, list[Row]] = {}
        for i, text in zip(idx.tolist(), texts, strict=True):
            rows = cache.get(text)
            if rows is None:
                found = run(text)
                ok = not any(f.severity is Severity.ERROR for f in found)
                rows = cache[text] = [row_of(f, None, column) for f in found]
                if ok:
                    rows.append(_VALID)
            if rows and rows[-1] is _VALID:
                valid[i] = True
                out.extend((row_offset + i, *r[1:]) for r in rows[:-1])
            else:
                out.extend((row_offset + i, *r[1:]) for r in rows)
    out.sort(key=_by_row)
    return valid, out


def _verdicts(arr: pa.Array, kind: str, options: Options | None, valid: BoolArray) -> BoolArray:
    """``valid`` completed by the single-item verdict of the values the kernels left undecided
    (nulls and empty values are invalid without asking it)."""
    rest = np.flatnonzero(~valid)
    if not len(rest):
        return valid
    undecided = arr.take(pa.array(rest))
    ask = pc.fill_null(pc.greater(pc.binary_length(undecided), 0), fill_value=False)
    ask = ask.to_numpy(zero_copy_only=False)
    idx = rest[ask]
    if len(idx):
        is_ok = verdict(kind, options)
        texts = undecided.filter(pa.array(ask)).to_pylist()
        valid[idx] = np.fromiter(map(is_ok, texts), dtype=np.bool_, count=len(texts))
    return valid


_VALID: Final[Row] = (None, "", "", None, "", None)  # marks a cached verdict "valid"


def _by_row(item: Row) -> int:
    return -1 if item[0] is None else item[0]
