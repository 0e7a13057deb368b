"""vntrace.bulk.dask on a real distributed LocalCluster (2 worker processes): the same findings
as the local check, with global row numbers."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pandas as pd
import pytest

from vntrace import bulk

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from vntrace.bulk import dask as vdask  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    cluster = distributed.LocalCluster(
        processes=True, n_workers=2, threads_per_worker=1, dashboard_address=":0"
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _frame(n: int) -> pd.DataFrame:
    rng = random.Random(9)
    gtins, codes = [], []
    for i in range(n):
        gtin = "8934567890120" if rng.random() < 0.9 else rng.choice(["8934567890129", "", None])
        gtins.append(gtin)
        day = rng.choice(["30", "31"])
        codes.append(f"(01)08934567890120(17)2706{day}(10)L{i % 50}")
    return pd.DataFrame({"gtin": gtins, "code": codes, "n": range(n)})


def test_dask_findings_equal_the_local_findings(client: object) -> None:
    frame = _frame(3000)
    ddf = dd.from_pandas(frame, npartitions=5)
    columns = {"gtin": "gtin", "code": "element_string", "missing": "gln"}
    got = vdask.check(ddf, columns).compute()
    local = vdask.findings_to_pandas(bulk.check_table(frame, columns).findings)
    key = ["row", "column", "code"]
    got = got.sort_values(key, na_position="first").reset_index(drop=True)
    local = local.sort_values(key, na_position="first").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, local, check_dtype=False)  # dask may use string dtypes
    assert got["row"].max() > 2500  # global row numbers, not per partition


def test_dask_is_valid_and_number_columns(client: object) -> None:
    frame = _frame(1000)
    ddf = dd.from_pandas(frame, npartitions=3)
    got = vdask.is_valid(ddf["gtin"], "gtin").compute()
    assert got.tolist() == bulk.is_valid(frame["gtin"], "gtin").tolist()
    found = vdask.check(ddf, {"n": "gtin"}).compute()
    assert found["code"].tolist() == ["BULK.COLUMN_NOT_TEXT"]  # once, not once per partition
