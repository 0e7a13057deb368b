"""The Spark recipe of docs/howto/bulk.rst (``mapInArrow`` over the same Arrow core).

Runs only where Java and pyspark are installed; skipped otherwise.
"""

from __future__ import annotations

import shutil

import pyarrow as pa
import pytest

from vntrace import bulk

pyspark_sql = pytest.importorskip("pyspark.sql")
if shutil.which("java") is None:  # pragma: no cover - depends on the machine
    pytest.skip("Java is not installed", allow_module_level=True)


def test_map_in_arrow_gives_the_local_findings() -> None:
    spark = pyspark_sql.SparkSession.builder.master("local[1]").getOrCreate()
    try:
        rows = [(str(i), "8934567890120" if i % 7 else "8934567890129") for i in range(100)]
        df = spark.createDataFrame(rows, "id string, gtin string")

        def check_batches(batches):
            for batch in batches:
                result = bulk.check_table(pa.Table.from_batches([batch]), {"gtin": "gtin"})
                ids = batch.column("id").take(pa.array(result.findings.column("row").fill_null(0)))
                yield from result.findings.append_column("id", ids).to_batches()

        schema = (
            "row long, code string, severity string, column string, params string, "
            "span struct<start:int, length:int>, id string"
        )
        found = df.select("id", "gtin").mapInArrow(check_batches, schema).collect()
        assert sorted(int(r["id"]) for r in found) == [i for i in range(100) if i % 7 == 0]
        assert {r["code"] for r in found} == {"GS1.INCORRECT_CHECK_DIGIT"}
    finally:
        spark.stop()
