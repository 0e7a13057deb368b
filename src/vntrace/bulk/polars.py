"""polars namespaces: ``pl.col(...).vntrace`` and ``DataFrame.vntrace`` (extra ``vntrace[polars]``).

Importing this module registers them:

>>> import polars as pl
>>> import vntrace.bulk.polars
>>> df = pl.DataFrame({"gtin": ["8934567890120", "8934567890129", None]})
>>> df.select(pl.col("gtin").vntrace.is_valid("gtin"))["gtin"].to_list()
[True, False, False]
>>> df.vntrace.check({"gtin": "gtin"}).valid.tolist()
[True, False, False]
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from vntrace import bulk
from vntrace.gs1.options import Options

__all__ = ["DataFrameNamespace", "ExprNamespace"]


@pl.api.register_expr_namespace("vntrace")
class ExprNamespace:
    """``pl.col(name).vntrace``: the bulk checks as expressions."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def is_valid(self, kind: str, *, options: Options | None = None) -> pl.Expr:
        """A Boolean expression: ``True`` exactly where the single-item check passes.

        Nulls are ``False`` (polars does not skip them here: a null is not a valid code).
        """

        def run(series: pl.Series) -> pl.Series:
            return pl.Series(series.name, bulk.is_valid(series, kind, options=options))

        return self._expr.map_batches(run, return_dtype=pl.Boolean)


@pl.api.register_dataframe_namespace("vntrace")
class DataFrameNamespace:
    """``df.vntrace``: check several columns at once."""

    def __init__(self, frame: pl.DataFrame) -> None:
        self._frame = frame

    def check(
        self, columns: Mapping[str, str], *, options: Options | None = None, progress: bool = False
    ) -> bulk.BulkResult:
        """:func:`vntrace.bulk.check_table` on this DataFrame."""
        return bulk.check_table(self._frame, columns, options=options, progress=progress)

    def findings(
        self, columns: Mapping[str, str], *, options: Options | None = None
    ) -> pl.DataFrame:
        """The findings of :meth:`check` as a polars DataFrame.

        >>> pl.DataFrame({"gtin": ["1"]}).vntrace.findings({"gtin": "gtin"})["code"].to_list()
        ['GS1.KEY.INVALID_LENGTH']
        """
        result = bulk.check_table(self._frame, columns, options=options)
        out = pl.from_arrow(result.findings)
        assert isinstance(out, pl.DataFrame)
        return out
