"""pandas accessors: ``Series.vntrace`` and ``DataFrame.vntrace`` (extra ``vntrace[pandas]``).

Importing this module registers them:

>>> import pandas as pd
>>> import vntrace.bulk.pandas
>>> s = pd.Series(["8934567890120", "8934567890129", None], index=[10, 11, 12])
>>> s.vntrace.is_valid("gtin").tolist()
[True, False, False]
>>> s.vntrace.validate("gtin")[["row", "index", "code"]].to_dict("records")[1]
{'row': 2, 'index': 12, 'code': 'BULK.NULL_VALUE'}
>>> df = pd.DataFrame({"gtin": [8934567890120]})  # read as numbers: leading zeros lost
>>> df.vntrace.check({"gtin": "gtin"}).findings.column("code").to_pylist()
['BULK.COLUMN_NOT_TEXT']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from vntrace import bulk
from vntrace.gs1.options import Options

__all__ = ["DataFrameAccessor", "SeriesAccessor", "findings_frame"]


def findings_frame(findings: Any, index: pd.Index | None = None) -> pd.DataFrame:
    """A findings table as a pandas DataFrame; with ``index``, an ``index`` column holds the
    label of each finding's row (``row`` stays the 0-based position)."""
    frame = findings.to_pandas(types_mapper={}.get)
    frame["row"] = frame["row"].astype("Int64")
    if index is not None:
        labels = [None if pd.isna(r) else index[int(r)] for r in frame["row"]]
        frame.insert(1, "index", pd.Series(labels, dtype=object))
    return frame


@pd.api.extensions.register_series_accessor("vntrace")
class SeriesAccessor:
    """``series.vntrace``: the bulk checks on one column."""

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def is_valid(self, kind: str, *, options: Options | None = None) -> pd.Series:
        """One boolean per value, on the Series' index."""
        valid = bulk.is_valid(self._series, kind, options=options)
        return pd.Series(valid, index=self._series.index, name=self._series.name)

    def validate(self, kind: str, *, options: Options | None = None) -> pd.DataFrame:
        """The findings, one row per finding (see :func:`vntrace.bulk.validate`)."""
        name = None if self._series.name is None else str(self._series.name)
        table = bulk.validate(self._series, kind, options=options, column=name)
        return findings_frame(table, self._series.index)


@pd.api.extensions.register_dataframe_accessor("vntrace")
class DataFrameAccessor:
    """``frame.vntrace``: check several columns at once."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    def check(
        self, columns: Mapping[str, str], *, options: Options | None = None, progress: bool = False
    ) -> bulk.BulkResult:
        """:func:`vntrace.bulk.check_table` on this DataFrame."""
        return bulk.check_table(self._frame, columns, options=options, progress=progress)
