"""Static types of the public bulk API (mypy --strict tests/typing), and their values at run time."""

from __future__ import annotations

from typing import assert_type

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from vntrace import bulk


def test_bulk_api_types() -> None:
    valid = assert_type(bulk.is_valid(["8934567890120"], "gtin"), npt.NDArray[np.bool_])
    assert valid.tolist() == [True]
    table = bulk.validate(["8934567890129"], "gtin")
    assert isinstance(table, pa.Table)
    assert table.column("code").to_pylist() == ["GS1.INCORRECT_CHECK_DIGIT"]
    result = assert_type(bulk.check_table(pa.table({"g": ["1"]}), {"g": "gtin"}), bulk.BulkResult)
    summary = assert_type(result.summary(), bulk.BulkSummary)
    assert (assert_type(summary.rows, int), summary.valid, summary.invalid) == (1, 0, 1)
