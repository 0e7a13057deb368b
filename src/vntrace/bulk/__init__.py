"""Bulk validation: columns of millions of codes at memory speed (extra ``vntrace[bulk]``).

The same rules as the single-item API, run over whole columns: GS1 keys, element strings,
Digital Link URIs and Vietnamese tax codes. One vectorised core works on Arrow buffers
(:mod:`vntrace.bulk._arrow`); whatever it cannot confirm as valid goes to the single-item engine,
so a bulk verdict is always the single-item verdict.

>>> from vntrace import bulk
>>> bulk.is_valid(["8934567890120", "8934567890129", None], "gtin").tolist()
[True, False, False]
>>> t = bulk.validate(["(01)08934567890120(17)270631", "(01)08934567890120"], "element_string")
>>> t.column("row").to_pylist(), t.column("code").to_pylist()
([0], ['GS1.ILLEGAL_DAY'])
>>> import pyarrow as pa
>>> table = pa.table({"gtin": ["8934567890120", "0893456789012"], "commune": ["A", "B"]})
>>> result = bulk.check_table(table, columns={"gtin": "gtin"})
>>> result.rows, result.valid.tolist()
(2, [True, False])
>>> s = result.summary(group_by="commune")
>>> s.by_group.to_pylist()[1]
{'commune': 'B', 'rows': 1, 'valid': 0, 'invalid': 1, 'valid_share': 0.0}
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from vntrace.bulk._arrow import (
    FINDINGS_SCHEMA,
    BoolArray,
    Row,
    as_text_chunks,
    check_chunk,
    findings_table,
    key_verdicts_of_texts,
    row_of,
)
from vntrace.bulk._engines import KINDS, NUMERIC_KEYS, Kind, engine
from vntrace.bulk._files import FileFormat, iter_batches
from vntrace.bulk._progress import progress_bar
from vntrace.findings import Finding
from vntrace.gs1.options import Options

__all__ = [
    "FINDINGS_SCHEMA",
    "KINDS",
    "BulkResult",
    "BulkSummary",
    "Kind",
    "check_file",
    "check_table",
    "is_valid",
    "iter_file",
    "validate",
]

_TABLE_BLOCK = 1 << 20  # rows checked at a time by check_table (bounds temporary memory)


def _check_values(
    values: object,
    kind: str,
    options: Options | None,
    column: str | None,
    row_offset: int = 0,
    *,
    verdicts_only: bool = False,
) -> tuple[BoolArray, list[Row]]:
    engine(kind, options)  # an unknown kind fails before any work
    if verdicts_only and kind in NUMERIC_KEYS and isinstance(values, list | tuple):
        fast = key_verdicts_of_texts(values, kind)
        if fast is not None:
            return fast, []
    prepared = as_text_chunks(values)
    if prepared.column_finding is not None:
        valid = np.zeros(prepared.length, dtype=np.bool_)
        return valid, [row_of(prepared.column_finding, None, column)]
    parts: list[BoolArray] = []
    found: list[Row] = []
    base = 0
    for chunk in prepared.chunks:
        n = len(chunk)
        bad = {i - base: t for i, t in prepared.not_text.items() if base <= i < base + n}
        ok, _ = check_chunk(
            chunk,
            kind,
            options=options,
            column=column,
            row_offset=row_offset + base,
            not_text=bad,
            findings=found,
            verdicts_only=verdicts_only,
        )
        parts.append(ok)
        base += n
    valid = np.concatenate(parts) if parts else np.zeros(0, dtype=np.bool_)
    return valid, found


def is_valid(values: object, kind: Kind | str, *, options: Options | None = None) -> BoolArray:
    """One boolean per value: ``True`` exactly where the single-item check passes.

    ``values``: a list or tuple, a NumPy array, a pyarrow Array or ChunkedArray, a pandas or polars
    Series. Nulls, NaN, empty strings and non-text values are ``False``. ``kind``: a GS1 key
    (``"gtin"``, ``"gln"``, ``"sscc"`` …), ``"element_string"``, ``"digital_link"`` or
    ``"tax_code"`` (:data:`KINDS`).

    >>> is_valid(("https://id.gs1.org/01/08934567890120/10/L7", "x"), "digital_link").tolist()
    [True, False]
    """
    return _check_values(values, kind, options, None, verdicts_only=True)[0]


def validate(
    values: object, kind: Kind | str, *, options: Options | None = None, column: str | None = None
) -> pa.Table:
    """The findings of every value, one row per finding (:data:`FINDINGS_SCHEMA`).

    ``row`` is the 0-based index of the value in ``values``; ``params`` is a JSON object (the
    message parameters); ``span`` locates the offending characters inside the value. A column
    that holds numbers (a key column read as integers, which has lost its leading zeros) gives
    one finding ``BULK.COLUMN_NOT_TEXT`` with a null ``row``.

    >>> t = validate([None, "0314409058-002", "12"], "tax_code")
    >>> t.select(["row", "code"]).to_pylist()
    [{'row': 0, 'code': 'BULK.NULL_VALUE'}, {'row': 2, 'code': 'TCVN.TAX_CODE_LENGTH'}]
    """
    return findings_table(_check_values(values, kind, options, column)[1])


@dataclass(frozen=True, slots=True)
class BulkSummary:
    """Counts that account for every row."""

    rows: int
    """Rows read (every record of a file, readable or not)."""
    valid: int
    """Rows without an error finding in any checked column."""
    invalid: int
    """Rows with at least one error finding (``rows == valid + invalid``)."""
    findings: int
    """Number of findings."""
    by_code: pa.Table
    """Findings counted by ``column``, ``code`` and ``severity`` (most frequent first)."""
    by_group: pa.Table | None = None
    """With ``group_by``: ``rows``, ``valid``, ``invalid`` and ``valid_share`` per group value."""


@dataclass(frozen=True, slots=True)
class BulkResult:
    """The outcome of :func:`check_table` or :func:`check_file`."""

    rows: int
    """Rows read."""
    valid: BoolArray
    """One boolean per row: no error finding in any checked column."""
    findings: pa.Table
    """Every finding (:data:`FINDINGS_SCHEMA`), ordered by row."""
    groups: Mapping[str, pa.ChunkedArray] = field(default_factory=dict)
    """Columns available to :meth:`summary` (``group_by``), one value per row."""

    def summary(self, group_by: str | None = None) -> BulkSummary:
        """Counts by code, column and severity, and, with ``group_by``, per group value."""
        codes = self.findings.group_by(["column", "code", "severity"], use_threads=False)
        by_code = codes.aggregate([("code", "count")]).rename_columns(
            ["column", "code", "severity", "count"]
        )
        by_code = by_code.sort_by([("count", "descending"), ("code", "ascending")])
        valid = int(self.valid.sum())
        by_group = None
        if group_by is not None:
            if group_by not in self.groups:
                msg = f"group_by={group_by!r}: no such column kept; kept: {sorted(self.groups)}"
                raise KeyError(msg)
            by_group = _group_counts(group_by, self.groups[group_by], self.valid)
        return BulkSummary(
            rows=self.rows,
            valid=valid,
            invalid=self.rows - valid,
            findings=self.findings.num_rows,
            by_code=by_code,
            by_group=by_group,
        )


def _group_counts(name: str, groups: pa.ChunkedArray, valid: BoolArray) -> pa.Table:
    t = pa.table({name: groups, "ok": pa.array(valid)})
    agg = t.group_by(name, use_threads=False).aggregate([("ok", "count"), ("ok", "sum")])
    rows = agg.column("ok_count")
    ok = pc.cast(agg.column("ok_sum"), pa.int64())
    share = pc.divide(pc.cast(ok, pa.float64()), pc.cast(rows, pa.float64()))
    out = pa.table(
        {
            name: agg.column(name),
            "rows": rows,
            "valid": ok,
            "invalid": pc.subtract(rows, ok),
            "valid_share": share,
        }
    )
    return out.sort_by([(name, "ascending")])


# --------------------------------------------------------------------------------------------
# Tables


def _table_columns(table: object) -> tuple[int, list[str], Any]:
    """Row count, column names and a column getter of a pyarrow/pandas/polars table."""
    if isinstance(table, pa.Table | pa.RecordBatch):
        return table.num_rows, list(table.column_names), table.column
    module = type(table).__module__.split(".", 1)[0]
    if module in {"pandas", "polars"}:
        frame: Any = table
        return len(frame), [str(c) for c in frame.columns], frame.__getitem__
    msg = f"check_table needs a pyarrow Table, a pandas or a polars DataFrame, not {type(table)}"
    raise TypeError(msg)


def _slice(values: object, start: int, stop: int) -> object:
    if isinstance(values, pa.ChunkedArray | pa.Array):
        return values.slice(start, stop - start)
    module = type(values).__module__.split(".", 1)[0]
    if module == "pandas":
        return values.iloc[start:stop]  # type: ignore[attr-defined]
    return values[start:stop]  # type: ignore[index]


def _kept(values: object) -> pa.ChunkedArray:
    if isinstance(values, pa.ChunkedArray):
        return values
    if isinstance(values, pa.Array):
        return pa.chunked_array([values])
    column: Any = values
    module = type(values).__module__.split(".", 1)[0]
    if module == "polars":
        return _kept(column.to_arrow())
    try:
        return _kept(pa.array(column, from_pandas=True))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        # mixed Python objects: group labels as text (used for counting only)
        labels = [None if _missing_value(v) else str(v) for v in column.tolist()]
        return _kept(pa.array(labels, pa.string()))


def _missing_value(value: object) -> bool:
    """``None`` or NaN (the missing values of an object column)."""
    return value is None or (isinstance(value, float) and value != value)  # noqa: PLR0124


class _Columns(Mapping[str, pa.ChunkedArray]):
    """The columns of a checked table, turned into Arrow only when a summary asks for one."""

    def __init__(self, names: list[str], get: Any) -> None:
        self._names = names
        self._get = get
        self._done: dict[str, pa.ChunkedArray] = {}

    def __getitem__(self, name: str) -> pa.ChunkedArray:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._done:
            self._done[name] = _kept(self._get(name))
        return self._done[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def check_table(
    table: object,
    columns: Mapping[str, Kind | str],
    *,
    options: Options | None = None,
    progress: bool = False,
) -> BulkResult:
    """Check ``columns`` (name → kind) of a pyarrow Table, pandas or polars DataFrame.

    A row is valid when none of its checked values has an error finding. Every column of the
    table is kept for :meth:`BulkResult.summary` ``(group_by=...)`` (no copy for Arrow tables).
    A column that is missing gives one ``BULK.MISSING_COLUMN`` finding and makes every row
    invalid.

    >>> import pyarrow as pa
    >>> t = pa.table({"gtin": ["8934567890120", None], "lot": ["(01)08934567890120(10)A"] * 2})
    >>> r = check_table(t, {"gtin": "gtin", "lot": "element_string", "mst": "tax_code"})
    >>> for f in r.findings.select(["row", "column", "code"]).to_pylist():
    ...     print(f)
    {'row': None, 'column': 'mst', 'code': 'BULK.MISSING_COLUMN'}
    {'row': 1, 'column': 'gtin', 'code': 'BULK.NULL_VALUE'}
    """
    for kind in columns.values():
        engine(kind, options)
    n, names, get = _table_columns(table)
    valid = np.ones(n, dtype=np.bool_)
    found: list[Row] = []
    for name in columns:
        if name not in names:
            finding = Finding(
                "BULK.MISSING_COLUMN", params={"column": name, "present": ", ".join(names) or "-"}
            )
            found.append(row_of(finding, None, name))
            valid[:] = False
    with progress_bar(progress, total=n) as tick:
        for start in range(0, max(n, 1), _TABLE_BLOCK):
            stop = min(n, start + _TABLE_BLOCK)
            block_valid = np.ones(stop - start, dtype=np.bool_)
            for name, kind in columns.items():
                if name not in names:
                    continue
                ok, rows = _check_values(_slice(get(name), start, stop), kind, options, name, start)
                if start and rows and rows[0][0] is None:
                    rows = [r for r in rows if r[0] is not None]  # column findings: once
                block_valid &= ok
                found.extend(rows)
            valid[start:stop] &= block_valid
            tick(stop - start, int((~block_valid).sum()))
    found.sort(key=_row_key)
    return BulkResult(n, valid, findings_table(found), _Columns(names, get))


def _row_key(item: Row) -> int:
    return -1 if item[0] is None else item[0]


# --------------------------------------------------------------------------------------------
# Files


@dataclass(frozen=True, slots=True)
class FileBatch:
    """One streamed piece of a file check (see :func:`iter_file`)."""

    first_row: int
    """Row number of the first row of the piece."""
    valid: BoolArray
    """One boolean per row of the piece."""
    findings: list[Row]
    """The findings rows of the piece (``params`` carry the 1-based ``line`` for text files)."""
    values: Mapping[str, list[str | None]]
    """For each checked column, the value of each row that has a finding in it (else ``None``)."""
    groups: Mapping[str, pa.Array]
    """For each ``group_by`` column: one value per row of the piece (null when unreadable)."""


def iter_file(
    path: str | Path,
    columns: Mapping[str, Kind | str],
    *,
    options: Options | None = None,
    group_by: Sequence[str] = (),
    fmt: FileFormat | None = None,
    delimiter: str | None = None,
) -> Iterator[FileBatch]:
    """Stream the check of a file, one :class:`FileBatch` at a time (flat memory).

    What :func:`check_file` and ``vntrace check`` are built on. Column findings (missing
    column, number column) come first, in a piece of zero rows.
    """
    for kind in columns.values():
        engine(kind, options)
    wanted = list(dict.fromkeys([*columns, *group_by]))
    missing: set[str] = set()
    reported: set[str] = set()
    for item in iter_batches(path, wanted, fmt=fmt, delimiter=delimiter):
        if isinstance(item, Finding):
            param = item.params.get("column") if item.code == "BULK.MISSING_COLUMN" else None
            column = param if isinstance(param, str) else None
            if column is not None:
                missing.add(column)
            yield FileBatch(0, np.zeros(0, np.bool_), [row_of(item, None, column)], {}, {})
            continue
        yield _file_batch(item, columns, options, group_by, (missing, reported))
        # give the kernels' temporary buffers back: keeps the peak memory flat over the file
        pa.default_memory_pool().release_unused()
        _trim()


def _trim() -> None:
    """Return freed C heap to the system (glibc keeps it, and the heap then grows over a
    long file as NumPy's large temporaries and small Python objects interleave)."""
    trim = _MALLOC_TRIM[0] if _MALLOC_TRIM else _load_trim()
    if trim is not None:
        trim(0)


_MALLOC_TRIM: list[Any] = []


def _load_trim() -> Any:
    import ctypes  # noqa: PLC0415
    import ctypes.util  # noqa: PLC0415

    trim = None
    name = ctypes.util.find_library("c")
    if name is not None:
        trim = getattr(ctypes.CDLL(name), "malloc_trim", None)
    _MALLOC_TRIM.append(trim)
    return trim


def _file_batch(
    batch: Any,
    columns: Mapping[str, str],
    options: Options | None,
    group_by: Sequence[str],
    seen: tuple[set[str], set[str]],
) -> FileBatch:
    missing, reported = seen
    rows = batch.rows
    first = batch.first_row
    local = batch.positions - first
    valid = np.zeros(rows, dtype=np.bool_)
    readable_valid = np.ones(len(local), dtype=np.bool_)
    found: list[Row] = list(batch.problems)
    values: dict[str, list[str | None]] = {}
    lines = batch.lines
    for name, kind in columns.items():
        if name in missing:
            readable_valid[:] = False
            continue
        ok, rows_found = _check_values(batch.columns[name], kind, options, name)
        readable_valid &= ok
        shown: list[str | None] = [None] * rows
        flagged: list[int] = []
        for r in rows_found:
            if r[0] is None:
                if name not in reported:
                    reported.add(name)
                    found.append(r)
                continue
            k = r[0]
            params = r[4]
            if lines is not None:
                extra = json.loads(params)
                extra["line"] = int(lines[k])
                params = json.dumps(extra, ensure_ascii=False, sort_keys=True)
            found.append((first + int(local[k]), r[1], r[2], r[3], params, r[5]))
            flagged.append(k)
        if flagged:
            # only the values of rows with findings are turned into Python strings
            texts = _texts(batch.columns[name], sorted(set(flagged)))
            for k, text in texts.items():
                shown[int(local[k])] = text
        values[name] = shown
    valid[local] = readable_valid
    found.sort(key=_row_key)
    groups: dict[str, pa.Array] = {}
    for name in group_by:
        col = batch.columns.get(name)
        if col is None:
            groups[name] = pa.nulls(rows, pa.string())
            continue
        prepared = as_text_chunks(col)
        text = pa.concat_arrays(prepared.chunks) if prepared.chunks else pa.nulls(0, pa.string())
        index = np.full(rows, -1, dtype=np.int64)
        index[local] = np.arange(len(local))
        groups[name] = text.take(pa.array(index, mask=index < 0))
    return FileBatch(first, valid, found, values, groups)


def _texts(values: object, rows: list[int]) -> dict[int, str | None]:
    prepared = as_text_chunks(values)
    if not prepared.chunks:
        return dict.fromkeys(rows)
    column = pa.chunked_array(prepared.chunks)
    picked = column.take(pa.array(rows, pa.int64())).to_pylist()
    return dict(zip(rows, picked, strict=True))


def check_file(
    path: str | Path,
    columns: Mapping[str, Kind | str],
    *,
    options: Options | None = None,
    group_by: Sequence[str] | str = (),
    fmt: FileFormat | None = None,
    delimiter: str | None = None,
    progress: bool = False,
) -> BulkResult:
    """Check ``columns`` (name → kind) of a ``.csv``, ``.tsv``, ``.jsonl`` or ``.parquet`` file
    (``.csv.gz``, ``.tsv.gz``, ``.jsonl.gz`` too), streaming it in batches.

    Every record is a row, readable or not: a malformed CSV record or JSON line is a row with a
    finding (``BULK.WRONG_FIELD_COUNT``, ``BULK.MALFORMED_JSON_LINE``); findings of text files
    carry the 1-based ``line`` in their params. ``group_by`` names the columns kept for
    :meth:`BulkResult.summary`.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "dump.csv"
    >>> _ = p.write_text("gtin,commune\\n8934567890120,A\\n893456789012,B\\n1,2,3\\n")
    >>> r = check_file(p, {"gtin": "gtin"}, group_by="commune")
    >>> r.rows, r.valid.tolist()
    (3, [True, False, False])
    >>> [(f["row"], f["code"], json.loads(f["params"])["line"]) for f in r.findings.to_pylist()]
    [(1, 'GS1.INCORRECT_CHECK_DIGIT', 3), (2, 'BULK.WRONG_FIELD_COUNT', 4)]
    """
    keep = [group_by] if isinstance(group_by, str) else list(group_by)
    valid_parts: list[BoolArray] = []
    found: list[Row] = []
    group_parts: dict[str, list[pa.Array]] = {g: [] for g in keep}
    with progress_bar(progress) as tick:
        for piece in iter_file(
            path, columns, options=options, group_by=keep, fmt=fmt, delimiter=delimiter
        ):
            valid_parts.append(piece.valid)
            found.extend(piece.findings)
            for g in keep:
                if g in piece.groups:
                    group_parts[g].append(piece.groups[g])
            tick(len(piece.valid), int((~piece.valid).sum()))
    valid = np.concatenate(valid_parts) if valid_parts else np.zeros(0, np.bool_)
    groups = {g: pa.chunked_array(parts, pa.string()) for g, parts in group_parts.items()}
    return BulkResult(len(valid), valid, findings_table(found), groups)
