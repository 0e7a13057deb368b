"""Streaming readers of dumps: CSV/TSV, JSON Lines and Parquet (CSV/TSV/JSONL also gzipped).

Each reader yields :class:`Batch` objects in file order with flat memory. Every record of the
file is one *row* (0-based, in file order), whether it could be read or not: a malformed record
(wrong number of fields, a JSON line that is not an object) is a row with a finding carrying its
1-based ``line``, so rows read = rows valid + rows with findings.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from vntrace.bulk._arrow import Row
from vntrace.errors import UnsupportedInput
from vntrace.findings import Finding

__all__ = ["FORMATS", "Batch", "FileFormat", "detect_format", "iter_batches"]

FileFormat = Literal["csv", "tsv", "jsonl", "parquet"]
FORMATS: Final = ("csv", "tsv", "jsonl", "parquet")

JSONL_BATCH: Final = 65536
PARQUET_BATCH: Final = 65536


@dataclass(slots=True)
class Batch:
    """A run of consecutive rows of a file."""

    first_row: int
    """Row number (0-based, over every record of the file) of the first row of the batch."""
    rows: int
    """Number of rows (records) in the batch, readable or not."""
    columns: dict[str, object]
    """The readable rows: the columns asked for that exist in the file (Arrow arrays, or lists
    of JSON values)."""
    positions: npt.NDArray[np.int64]
    """For each readable row: its row number in the file."""
    lines: npt.NDArray[np.int64] | None
    """For each readable row: its 1-based line in the file (text formats)."""
    problems: list[Row] = field(default_factory=list)
    """Findings about unreadable rows of the batch."""


def detect_format(path: str | Path) -> tuple[FileFormat, bool]:
    """The format and whether the file is gzipped, from the name.

    >>> detect_format("dump.csv.gz"), detect_format("x.JSONL"), detect_format("a.ndjson")
    (('csv', True), ('jsonl', False), ('jsonl', False))
    """
    name = str(path).lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    suffix = name.rsplit(".", 1)[-1]
    fmt = {"csv": "csv", "tsv": "tsv", "txt": "tsv", "jsonl": "jsonl", "ndjson": "jsonl"}.get(
        suffix, "parquet" if suffix in {"parquet", "pq"} else None
    )
    if fmt is None or (gz and fmt == "parquet"):
        raise UnsupportedInput(
            Finding("BULK.UNSUPPORTED_FILE", params={"path": str(path), "formats": _NAMES})
        )
    return fmt, gz  # type: ignore[return-value]


_NAMES: Final = ".csv, .tsv, .jsonl, .parquet, .csv.gz, .tsv.gz, .jsonl.gz"


def iter_batches(
    path: str | Path,
    columns: Sequence[str],
    *,
    fmt: FileFormat | None = None,
    delimiter: str | None = None,
) -> Iterator[Batch | Finding]:
    """The batches of ``path`` holding ``columns`` (those that exist).

    Yields one :class:`~vntrace.findings.Finding` per column missing from the file (before any
    batch) and for a file that cannot be read further (after the last batch it could read).
    """
    detected, gz = detect_format(path)
    fmt = fmt or detected
    if fmt == "parquet":
        yield from _parquet(path, columns)
    elif fmt == "jsonl":
        yield from _jsonl(path, columns, gz=gz)
    else:
        sep = delimiter or ("\t" if fmt == "tsv" else ",")
        yield from _csv(path, columns, sep, gz=gz)


def _missing(columns: Sequence[str], present: Sequence[str]) -> Iterator[Finding]:
    for name in columns:
        if name not in present:
            yield Finding(
                "BULK.MISSING_COLUMN",
                params={"column": name, "present": ", ".join(present) or "-"},
            )


# --------------------------------------------------------------------------------------------
# CSV


def _open_binary(path: str | Path, *, gz: bool) -> io.BufferedIOBase:
    if gz:
        return gzip.open(path, "rb")
    return Path(path).open("rb")


def _header(path: str | Path, sep: str, *, gz: bool) -> tuple[list[str], int] | None:
    """The column names and the number of lines of the header; ``None`` for an empty file."""
    with _open_binary(path, gz=gz) as raw:
        first = raw.readline(MAX_HEADER)
    if not first.strip(b"\r\n\xef\xbb\xbf"):
        return None
    text = first.decode("utf-8", errors="replace").removeprefix("\ufeff")
    names = next(csv.reader([text.rstrip("\r\n")], delimiter=sep))
    return names, 1


def _csv(
    path: str | Path, columns: Sequence[str], sep: str, *, gz: bool
) -> Iterator[Batch | Finding]:
    import pyarrow.csv as pacsv  # noqa: PLC0415 - loaded on first use

    header = _header(path, sep, gz=gz)
    if header is None:
        yield Finding("BULK.EMPTY_FILE", params={"path": str(path)})
        return
    names, header_lines = header
    yield from _missing(columns, names)
    wanted = [c for c in columns if c in names]
    skipped: dict[int, tuple[int, int, str]] = {}
    base = [0]  # the line a part starts on, for the line numbers pyarrow gives per part

    def on_invalid(row: pacsv.InvalidRow) -> str:
        # every record pyarrow cannot split into the header's fields: a finding, not a loss
        number = base[0] + row.number - 1 if row.number is not None else -1
        skipped[number] = (row.expected_columns, row.actual_columns, row.text)
        return "skip"

    parse = pacsv.ParseOptions(
        delimiter=sep,
        newlines_in_values=True,
        ignore_empty_lines=False,
        invalid_row_handler=on_invalid,
    )
    convert = pacsv.ConvertOptions(
        column_types=dict.fromkeys(names, pa.binary()),
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )

    def batches(raw: io.BufferedIOBase) -> Iterator[pa.RecordBatch]:
        raw.readline(MAX_HEADER)  # the header, read above
        for part, first_line in _record_parts(raw, first_line=header_lines + 1):
            base[0] = first_line
            read = pacsv.ReadOptions(
                use_threads=False, column_names=names, block_size=max(len(part) + 1, 1 << 16)
            )
            table = pacsv.read_csv(
                pa.py_buffer(part), read_options=read, parse_options=parse, convert_options=convert
            )
            yield from table.to_batches()

    with _open_binary(path, gz=gz) as raw:
        yield from _csv_records(
            batches(raw), path=path, header_lines=header_lines, skipped=skipped, wanted=wanted
        )


CHUNK: Final = 8 << 20
"""Bytes of CSV read at a time; a part handed to the parser ends at the last record end."""
MAX_HEADER: Final = 64 << 20
_UNBALANCED: Final = 256 << 20  # a stray quote: past this, a part ends at any line end


def _record_parts(raw: io.BufferedIOBase, *, first_line: int) -> Iterator[tuple[bytes, int]]:
    """Whole records, about :data:`CHUNK` bytes at a time, each with the line it starts on.

    A record is never split: a part ends after a line end outside double quotes (a quoted
    value may hold line breaks), and a record longer than a chunk (a 10 MB field) simply
    makes a longer part. Memory stays at a few chunks, whatever the file size.
    """
    carry = b""
    line = first_line
    while True:
        block = raw.read(CHUNK)
        data = carry + block if carry else block
        if not block:
            if data:
                yield data, line
            return
        cut = _record_end(data)
        if cut <= 0:
            carry = data  # no whole record yet: read on
            continue
        part, carry = data[:cut], data[cut:]
        yield part, line
        line += part.count(b"\n")


def _record_end(data: bytes) -> int:
    r"""The offset just after the last line end of ``data`` that is outside quotes (0: none).

    >>> _record_end(b'a,b\n1,"x\ny"\n2,"z')
    12
    """
    arr = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(arr == 10)
    if len(ends) == 0:
        return 0
    quotes = np.flatnonzero(arr == 34)
    if len(quotes) == 0:
        return int(ends[-1]) + 1
    outside = ends[np.searchsorted(quotes, ends) % 2 == 0]
    if len(outside):
        return int(outside[-1]) + 1
    return int(ends[-1]) + 1 if len(data) > _UNBALANCED else 0


def _csv_records(
    batches: Iterator[pa.RecordBatch],
    *,
    path: str | Path,
    header_lines: int,
    skipped: dict[int, tuple[int, int, str]],
    wanted: Sequence[str],
) -> Iterator[Batch | Finding]:
    line = header_lines + 1  # the line the next record starts on
    row = 0
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            break
        except (pa.ArrowInvalid, OSError) as exc:
            yield Finding(
                "BULK.FILE_UNREADABLE",
                params={"path": str(path), "line": line, "detail": str(exc).splitlines()[0]},
            )
            return
        n = batch.num_rows
        # newlines inside quoted values move the following lines down
        extra = np.zeros(n, dtype=np.int64)
        for col in batch.columns:
            extra += _count_newlines(col)
        positions = np.empty(n, dtype=np.int64)
        lines = np.empty(n, dtype=np.int64)
        problems: list[Row] = []
        first_row = row
        if not skipped or min(skipped) > line + n + int(extra.sum()):
            # no malformed record among these: one vector step
            steps = 1 + extra
            lines[:] = line + np.concatenate(([0], np.cumsum(steps)[:-1]))
            positions[:] = np.arange(row, row + n)
            row += n
            line += int(steps.sum())
        else:
            for i in range(n):
                while line in skipped:
                    row, line = _skip(skipped.pop(line), row, line, problems)
                positions[i] = row
                lines[i] = line
                row += 1
                line += 1 + int(extra[i])
        while line in skipped:
            row, line = _skip(skipped.pop(line), row, line, problems)
        yield from _slices(
            batch,
            wanted,
            first_row=first_row,
            end_row=row,
            positions=positions,
            lines=lines,
            problems=problems,
        )
    # malformed records after the last readable one
    problems = []
    first_row = row
    for number in sorted(skipped):
        row, _ = _skip(skipped[number], row, number, problems)
    if problems:
        empty: dict[str, object] = {c: pa.array([], pa.binary()) for c in wanted}
        yield Batch(
            first_row,
            row - first_row,
            empty,
            np.zeros(0, np.int64),
            np.zeros(0, np.int64),
            problems,
        )


SLICE: Final = 65536
"""Rows checked at a time: bounds the temporary memory of the kernels whatever the block size."""


def _slices(
    batch: pa.RecordBatch,
    wanted: Sequence[str],
    *,
    first_row: int,
    end_row: int,
    positions: npt.NDArray[np.int64],
    lines: npt.NDArray[np.int64],
    problems: list[Row],
) -> Iterator[Batch]:
    """The batch in pieces of at most :data:`SLICE` readable rows, each with the unreadable
    rows that fall in its row range."""
    n = batch.num_rows
    start = 0
    row = first_row
    while True:
        stop = min(n, start + SLICE)
        end = int(positions[stop]) if stop < n else end_row
        mine = [p for p in problems if row <= (p[0] or 0) < end]
        cols: dict[str, object] = {c: batch.column(c).slice(start, stop - start) for c in wanted}
        yield Batch(row, end - row, cols, positions[start:stop], lines[start:stop], mine)
        if stop >= n:
            return
        start, row = stop, end


def _skip(info: tuple[int, int, str], row: int, line: int, out: list[Row]) -> tuple[int, int]:
    expected, actual, text = info
    params = json.dumps(
        {"line": line, "expected": expected, "found": actual}, ensure_ascii=False, sort_keys=True
    )
    out.append((row, "BULK.WRONG_FIELD_COUNT", "error", None, params, None))
    return row + 1, line + 1 + text.count("\n")


def _has_newline(chunk: pa.Array) -> bool:
    data = chunk.buffers()[2]
    return data is not None and bool((np.frombuffer(data, dtype=np.uint8) == 10).any())


def _count_newlines(col: pa.Array | pa.ChunkedArray) -> npt.NDArray[np.int64]:
    import pyarrow.compute as pc  # noqa: PLC0415

    chunks = col.chunks if isinstance(col, pa.ChunkedArray) else [col]
    if not any(_has_newline(c) for c in chunks):  # the usual case: one fast byte scan
        return np.zeros(len(col), dtype=np.int64)
    counts = pc.count_substring(col, "\n")
    if isinstance(counts, pa.ChunkedArray):
        counts = counts.combine_chunks()
    out: npt.NDArray[np.int64] = counts.to_numpy(zero_copy_only=False).astype(np.int64)
    return out


# --------------------------------------------------------------------------------------------
# JSON Lines


def _jsonl(path: str | Path, columns: Sequence[str], *, gz: bool) -> Iterator[Batch | Finding]:
    row = 0
    line = 0
    with _open_binary(path, gz=gz) as raw:
        done = False
        while not done:
            values: dict[str, list[object]] = {c: [] for c in columns}
            positions: list[int] = []
            lines: list[int] = []
            problems: list[Row] = []
            first_row = row
            for raw_line in raw:
                line += 1
                text = raw_line.rstrip(b"\r\n")
                if line == 1:
                    text = text.removeprefix(b"\xef\xbb\xbf")
                if not text.strip():
                    continue  # blank lines separate nothing in JSON Lines: not records
                record = _json_object(text)
                if record is None:
                    params = json.dumps({"line": line}, sort_keys=True)
                    problems.append((row, "BULK.MALFORMED_JSON_LINE", "error", None, params, None))
                else:
                    for c in columns:
                        values[c].append(record.get(c))
                    positions.append(row)
                    lines.append(line)
                row += 1
                if row - first_row >= JSONL_BATCH:
                    break
            else:
                done = True
            if row == first_row:
                break
            yield Batch(
                first_row,
                row - first_row,
                dict(values),
                np.array(positions, dtype=np.int64),
                np.array(lines, dtype=np.int64),
                problems,
            )


def _json_object(text: bytes) -> dict[str, object] | None:
    try:
        record = json.loads(text)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


# --------------------------------------------------------------------------------------------
# Parquet


def _parquet(path: str | Path, columns: Sequence[str]) -> Iterator[Batch | Finding]:
    import pyarrow.parquet as pq  # noqa: PLC0415 - loaded on first use

    try:
        pf = pq.ParquetFile(str(path))
    except (pa.ArrowInvalid, OSError) as exc:
        yield Finding(
            "BULK.FILE_UNREADABLE",
            params={"path": str(path), "line": 0, "detail": str(exc).splitlines()[0]},
        )
        return
    names = pf.schema_arrow.names
    yield from _missing(columns, names)
    wanted = [c for c in columns if c in names]
    row = 0
    if not wanted:
        n = pf.metadata.num_rows
        if n:
            yield Batch(0, n, {}, np.zeros(0, np.int64), None)
        return
    for batch in pf.iter_batches(batch_size=PARQUET_BATCH, columns=wanted):
        n = batch.num_rows
        cols: dict[str, object] = {c: batch.column(c) for c in wanted}
        yield Batch(row, n, cols, np.arange(row, row + n, dtype=np.int64), None)
        row += n
