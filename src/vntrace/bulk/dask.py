"""Dask: the bulk checks over partitions, on one machine or a cluster (extra ``vntrace[dask]``).

:func:`check` returns a lazy dask DataFrame of findings with *global* row numbers (the position
of the row in the whole dask DataFrame), exactly the findings :func:`vntrace.bulk.check_table`
gives on the computed frame; :func:`is_valid` a lazy boolean Series. Each partition is checked by
the same Arrow core on whichever worker holds it.

>>> import dask.dataframe as dd, pandas as pd
>>> ddf = dd.from_pandas(pd.DataFrame({"gtin": ["8934567890120", "1", None, "x"]}), npartitions=2)
>>> for f in check(ddf, {"gtin": "gtin"}).compute()[["row", "code"]].to_dict("records"):
...     print(f)
{'row': 1, 'code': 'GS1.KEY.INVALID_LENGTH'}
{'row': 2, 'code': 'BULK.NULL_VALUE'}
{'row': 3, 'code': 'GS1.NON_DIGIT_CHARACTER'}
>>> is_valid(ddf["gtin"], "gtin").compute().tolist()
[True, False, False, False]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dask.dataframe as dd
import numpy as np
import pandas as pd
from dask.delayed import delayed

from vntrace import bulk
from vntrace.gs1.options import Options

__all__ = ["FINDINGS_META", "check", "findings_to_pandas", "is_valid"]

FINDINGS_META = pd.DataFrame(
    {
        "row": pd.Series([], dtype="Int64"),
        "code": pd.Series([], dtype=object),
        "severity": pd.Series([], dtype=object),
        "column": pd.Series([], dtype=object),
        "params": pd.Series([], dtype=object),
        "span_start": pd.Series([], dtype="Int32"),
        "span_length": pd.Series([], dtype="Int32"),
    }
)
"""The columns of the findings frame: :data:`vntrace.bulk.FINDINGS_SCHEMA` with ``span``
flattened into ``span_start``/``span_length``."""


def findings_to_pandas(findings: Any) -> pd.DataFrame:
    """A findings table (:data:`vntrace.bulk.FINDINGS_SCHEMA`) shaped as :data:`FINDINGS_META`."""
    rows = findings.to_pylist()
    spans = [r["span"] or {} for r in rows]
    return pd.DataFrame(
        {
            "row": pd.array([r["row"] for r in rows], dtype="Int64"),
            "code": pd.Series([r["code"] for r in rows], dtype=object),
            "severity": pd.Series([r["severity"] for r in rows], dtype=object),
            "column": pd.Series([r["column"] for r in rows], dtype=object),
            "params": pd.Series([r["params"] for r in rows], dtype=object),
            "span_start": pd.array([s.get("start") for s in spans], dtype="Int32"),
            "span_length": pd.array([s.get("length") for s in spans], dtype="Int32"),
        }
    )


def _check_partition(
    part: pd.DataFrame,
    offset: int,
    columns: Mapping[str, str],
    options: Options | None,
    first: bool,
) -> pd.DataFrame:
    result = bulk.check_table(part, columns, options=options)
    frame = findings_to_pandas(result.findings)
    if not first:
        # findings about a whole column (a number column) are reported once, by partition 0
        frame = frame[frame["row"].notna()]
    frame["row"] = frame["row"] + offset
    return frame.reset_index(drop=True)


def check(
    ddf: dd.DataFrame, columns: Mapping[str, str], *, options: Options | None = None
) -> dd.DataFrame:
    """The findings of ``columns`` (name → kind) of ``ddf``, lazily, with global row numbers.

    Partition lengths are computed first (one cheap pass) to number rows globally. A finding
    about a whole column (a missing column, a number column) is reported once, by the first
    partition, as :func:`vntrace.bulk.check_table` reports it once.
    """
    for kind in columns.values():
        if kind not in bulk.KINDS:
            bulk.validate([], kind)  # raises the usual UnsupportedInput, before any work
    frame: Any = ddf
    lengths = frame.map_partitions(len).compute().tolist()
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1])).tolist()
    parts = [
        delayed(_check_partition)(part, int(off), dict(columns), options, i == 0)
        for i, (part, off) in enumerate(zip(frame.to_delayed(), offsets, strict=True))
    ]
    out: dd.DataFrame = dd.from_delayed(parts, meta=FINDINGS_META, verify_meta=False)
    return out


def is_valid(series: dd.Series, kind: str, *, options: Options | None = None) -> dd.Series:
    """A lazy boolean Series: ``True`` exactly where the single-item check passes."""

    def run(part: pd.Series) -> pd.Series:
        return pd.Series(bulk.is_valid(part, kind, options=options), index=part.index)

    column: Any = series
    out: dd.Series = column.map_partitions(run, meta=(series.name, bool))
    return out
