"""vntrace.bulk on columns: verdicts against independent computations and the single-item API.

Expected verdicts come from an independent mod-10 written here, from python-stdnum and from the
single-item functions (bulk must agree with them row for row), never from the bulk code itself.
"""

from __future__ import annotations

import json
import random
import re

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from stdnum import ean
from stdnum.vn import mst

from vntrace import bulk, gs1
from vntrace.errors import UnsupportedInput
from vntrace.gs1 import digital_link

RNG = random.Random(20261205)


def mod10(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str(-total % 10)


def key(n: int) -> str:
    body = "893" + "".join(RNG.choice("0123456789") for _ in range(n - 4))
    return (body + mod10(body))[-n:]


def mutate(text: str) -> str:
    """A copy with one random edit (or the text itself)."""
    if not text:
        return text
    i = RNG.randrange(len(text))
    edit = RNG.randrange(6)
    if edit == 0:
        return text[:i] + RNG.choice("0123456789") + text[i + 1 :]
    if edit == 1:
        return text[:i] + text[i + 1 :]
    if edit == 2:
        return text[:i] + RNG.choice(" -A\x00٣８(") + text[i:]
    if edit == 3:
        return text + RNG.choice("0123456789")
    return text


def gtins(n: int) -> list[str]:
    out = []
    for _ in range(n):
        value = key(RNG.choice((8, 12, 13, 14)))
        out.append(mutate(value) if RNG.random() < 0.3 else value)
    return out


def independent_gtin(value: str) -> bool:
    """GTIN validity computed here: 8/12/13/14 ASCII digits (spaces and hyphens dropped)."""
    compact = value.replace(" ", "").replace("-", "")
    return (
        len(compact) in (8, 12, 13, 14)
        and all(c in "0123456789" for c in compact)
        and mod10(compact[:-1]) == compact[-1]
    )


def test_gtin_verdicts_match_independent_and_stdnum() -> None:
    values = gtins(20000)
    expected = [independent_gtin(v) for v in values]
    got = bulk.is_valid(values, "gtin")
    assert got.dtype == np.bool_
    assert got.tolist() == expected
    # python-stdnum agrees on plain ASCII-digit strings (it normalises other digits)
    plain = [v for v in values if v.isascii() and v.isdigit()]
    assert bulk.is_valid(plain, "gtin").tolist() == [ean.is_valid(v) for v in plain]
    assert sum(expected) > 10000  # most are valid: the fast path is exercised


@pytest.mark.parametrize(
    "make",
    [
        list,
        tuple,
        np.array,
        lambda v: np.array(v, dtype=object),
        pa.array,
        lambda v: pa.array(v, pa.large_string()),
        lambda v: pa.array(v, pa.string_view()),
        lambda v: pa.array(v).dictionary_encode(),
        lambda v: pa.chunked_array([v[:777], v[777:3000], v[3000:]]),
        lambda v: pa.array(["x", *v]).slice(1),  # a sliced array: offsets do not start at 0
        lambda v: pd.Series(v, dtype=object),
        lambda v: pd.Series(v, dtype="string"),
        pl.Series,
    ],
)
def test_every_input_container_gives_the_same_verdicts(make) -> None:
    values = gtins(5000)
    expected = [independent_gtin(v) for v in values]
    assert bulk.is_valid(make(values), "gtin").tolist() == expected


@pytest.mark.parametrize(
    ("kind", "length"), [("gln", 13), ("sscc", 18), ("gsrn", 18), ("gsin", 17)]
)
def test_fixed_length_keys(kind: str, length: int) -> None:
    values = [key(length) for _ in range(3000)]
    values = [mutate(v) if RNG.random() < 0.3 else v for v in values]
    module = getattr(gs1, kind)
    assert bulk.is_valid(values, kind).tolist() == [module.is_valid(v) for v in values]


@pytest.mark.parametrize("kind", ["grai", "giai", "gdti", "gcn", "ginc", "itip", "gmn"])
def test_other_keys_agree_with_their_modules(kind: str) -> None:
    module = getattr(gs1, kind)
    samples = {
        "grai": "0" + key(13) + "A-1",
        "giai": "8934567A-01",
        "gdti": key(13) + "X1",
        "gcn": key(13) + "123",
        "ginc": "8934567ABC",
        "itip": key(14) + "0102",
        "gmn": "8934567ABC" + gs1.checkdigit.check_pair("8934567ABC"),
    }
    values = [mutate(samples[kind]) for _ in range(300)] + [samples[kind]]
    got = bulk.is_valid(values, kind).tolist()
    assert got == [module.is_valid(v) for v in values]
    table = bulk.validate(values, kind)
    rows = table.column("row").to_pylist()
    for row, code in zip(rows, table.column("code").to_pylist(), strict=True):
        with pytest.raises(ValueError, match=r"\.") as info:
            module.validate(values[row])
        assert info.value.code == code  # type: ignore[attr-defined]


def test_validate_findings_are_the_single_item_findings() -> None:
    values = gtins(3000)
    table = bulk.validate(values, "gtin", column="gtin")
    assert table.schema == bulk.FINDINGS_SCHEMA
    got = {r["row"]: (r["code"], json.loads(r["params"]), r["span"]) for r in table.to_pylist()}
    for i, value in enumerate(values):
        try:
            gs1.gtin.validate(value)
        except ValueError as exc:
            finding = exc.finding  # type: ignore[attr-defined]
            span = {"start": finding.location.start, "length": finding.location.length}
            assert got.pop(i) == (finding.code, dict(finding.params), span)
    assert not got
    assert set(table.column("column").to_pylist()) <= {"gtin"}


def test_missing_and_non_text_values_are_findings_never_clean() -> None:
    values = ["8934567890120", None, float("nan"), "", 8934567890120, b"8934567890120", pd.NA]
    table = bulk.validate(values, "gtin")
    rows = [(r["row"], r["code"]) for r in table.to_pylist()]
    assert rows == [
        (1, "BULK.NULL_VALUE"),
        (2, "BULK.NULL_VALUE"),
        (3, "BULK.EMPTY_VALUE"),
        (4, "BULK.NOT_TEXT"),
        (5, "BULK.NOT_TEXT"),
        (6, "BULK.NULL_VALUE"),
    ]
    assert json.loads(table.column("params")[3].as_py()) == {"type": "int"}
    assert bulk.is_valid(values, "gtin").tolist() == [True] + [False] * 6


@pytest.mark.parametrize(
    "column",
    [
        pd.Series([8934567890120, 893456789012]),
        pl.Series([8934567890120, 893456789012]),
        pa.array([8934567890120, 893456789012]),
        np.array([8934567890120, 893456789012]),
        pd.Series([8934567890120.0, float("nan")]),
    ],
)
def test_a_number_column_is_one_finding_naming_the_cause(column) -> None:
    table = bulk.validate(column, "gtin", column="gtin")
    assert table.num_rows == 1
    finding = table.to_pylist()[0]
    assert finding["row"] is None
    assert finding["code"] == "BULK.COLUMN_NOT_TEXT"
    assert bulk.is_valid(column, "gtin").tolist() == [False, False]


def test_tax_codes_agree_with_stdnum() -> None:
    bodies = [f"{RNG.randint(1, 96):02d}{RNG.randint(1, 9999999):07d}" for _ in range(500)]
    values = []
    for body in bodies:
        weights = (31, 29, 23, 19, 17, 13, 7, 5, 3)
        check = str((10 - sum(w * int(d) for w, d in zip(weights, body, strict=True)) % 11) % 10)
        value = body + check
        values.append(mutate(value) if RNG.random() < 0.3 else value)
    values += ["0314409058-002", "0100233480", "12345"]
    assert bulk.is_valid(values, "tax_code").tolist() == [mst.is_valid(v) for v in values]
    table = bulk.validate(values, "tax_code")
    assert set(table.column("row").to_pylist()) == {
        i for i, v in enumerate(values) if not mst.is_valid(v)
    }
    # the same rule as the single-item path: vntrace.tcvn.tax_code (built on stdnum.vn.mst)
    assert set(table.column("code").to_pylist()) <= {
        "TCVN.TAX_CODE_CHECK_DIGIT",
        "TCVN.TAX_CODE_LENGTH",
        "TCVN.TAX_CODE_FORMAT",
        "TCVN.TAX_CODE_COMPONENT",
        "TCVN.TAX_CODE_PERSONAL_ID",
    }


def test_unknown_kind_is_an_error() -> None:
    with pytest.raises(UnsupportedInput) as info:
        bulk.is_valid(["1"], "pallet")
    assert info.value.code == "BULK.UNKNOWN_KIND"


def _es_rows(n: int) -> list[str]:
    keys = [key(14) for _ in range(20)]
    ssccs = [key(18) for _ in range(20)]
    rows = []
    for _ in range(n):
        g = RNG.choice(keys)
        date = f"{RNG.randint(24, 30)}{RNG.randint(1, 12):02d}{RNG.randint(0, 31):02d}"
        lot = RNG.choice(["L1", "HT25-001A", "A)B", "X Y", "LOT/7"])
        serial = str(RNG.randint(1, 10**9))
        shape = RNG.randrange(6)
        text = [
            f"(01){g}(17){date}(10){lot}",
            f"(01){g}(10){lot}(21){serial}",
            f"(00){RNG.choice(ssccs)}(02){g}(37){RNG.randint(1, 999)}",
            f"01{g}17{date}10{lot}",
            f"01{g}10{lot}\x1d21{serial}",
            f"^01{g}10{lot}^21{serial}",
        ][shape]
        rows.append(mutate(text) if RNG.random() < 0.2 else text)
    return rows


def test_element_strings_agree_with_gs1_validate_row_for_row() -> None:
    rows = _es_rows(6000)
    expected = [gs1.validate(r) for r in rows]
    assert bulk.is_valid(rows, "element_string").tolist() == [not e for e in expected]
    table = bulk.validate(rows, "element_string")
    got: dict[int, list[str]] = {}
    for r in table.to_pylist():
        got.setdefault(r["row"], []).append(r["code"])
    assert got == {i: [f.code for f in e] for i, e in enumerate(expected) if e}


def test_element_string_options_are_honoured() -> None:
    rows = [f"(01){key(14)}(10)L{i}" for i in range(100)] + ["(10)LOT"] * 50
    relaxed = gs1.Options(validate_requisite_ais=False)
    assert bulk.is_valid(rows, "element_string").sum() == 100
    assert bulk.is_valid(rows, "element_string", options=relaxed).sum() == 150


def test_digital_links_agree_with_the_single_parser_row_for_row() -> None:
    rows = []
    for _ in range(4000):
        uri = f"https://{RNG.choice(['id.gs1.org', 'qr.example.vn/x', 'h.vn:8080'])}/01/{key(14)}"
        uri += f"/10/{RNG.choice(['L1', 'HT%2F1', 'A~B', 'LOT-7'])}"
        if RNG.random() < 0.5:
            uri += f"/21/{RNG.randint(1, 10**6)}"
        if RNG.random() < 0.5:
            uri += f"?17={RNG.randint(24, 30)}{RNG.randint(1, 13):02d}{RNG.randint(0, 32):02d}"
        rows.append(mutate(uri) if RNG.random() < 0.2 else uri)
    rows += ["https://id.gs1.org/01/08934567890120/21/S1/10/L7"] * 40  # wrong order
    expected = [digital_link.validate(r) for r in rows]
    assert bulk.is_valid(rows, "digital_link").tolist() == [not e for e in expected]
    table = bulk.validate(rows, "digital_link")
    assert sorted(set(table.column("row").to_pylist())) == [i for i, e in enumerate(expected) if e]


def test_check_table_groups_of_mixed_objects_and_polars() -> None:
    frame = pd.DataFrame(
        {"gtin": ["8934567890120", "8934567890129", "8934567890120"], "xa": ["A", 7, None]}
    )
    by_group = bulk.check_table(frame, {"gtin": "gtin"}).summary(group_by="xa").by_group
    assert {r["xa"]: (r["rows"], r["valid"]) for r in by_group.to_pylist()} == {
        "A": (1, 1),
        "7": (1, 0),
        None: (1, 1),
    }
    result = bulk.check_table(pl.from_pandas(frame.astype({"xa": str})), {"gtin": "gtin"})
    assert result.valid.tolist() == [True, False, True]
    with pytest.raises(KeyError):
        result.summary(group_by="commune")


@pytest.mark.parametrize(
    "column",
    [
        pd.Series([float("nan")] * 3),
        pa.array([None, None, None], pa.float64()),
        pl.Series([None] * 3, dtype=pl.Int64),
    ],
)
def test_an_all_empty_number_column_is_missing_values(column) -> None:
    table = bulk.validate(column, "gtin")
    assert table.column("code").to_pylist() == ["BULK.NULL_VALUE"] * 3


@pytest.mark.parametrize("kind", ["gtin", "gln", "sscc"])
@pytest.mark.parametrize("values", [["8934567890120"], ["893456789012", "8934567890120"] * 3])
def test_the_kernels_leave_the_input_buffers_alone(kind: str, values: list[str]) -> None:
    # the vector kernels read Arrow buffers in place: a single row (or a single width) must
    # never be worked on as a view of the caller's data
    column = pa.array(values)
    before = column.buffers()[2].to_pybytes()
    bulk.is_valid(column, kind)
    bulk.validate(column, kind)
    assert column.buffers()[2].to_pybytes() == before
    assert column.to_pylist() == values


def test_separated_and_foreign_characters_agree_with_the_single_item_check() -> None:
    # only digits with spaces or hyphens need the single-item engine; any other character
    # (letters, NUL, non-ASCII digits) is decided by the vector path: both must agree
    rng = random.Random(9)
    values = []
    for _ in range(3000):
        text = "893456789012" + rng.choice("0123456789")
        for _ in range(rng.choice([0, 1, 2])):
            i = rng.randrange(len(text) + 1)
            text = text[:i] + rng.choice(" -a\x00\u0663\uff10") + text[i:]
        values.append(text)
    got = bulk.is_valid(values, "gtin").tolist()
    assert got == [gs1.gtin.is_valid(v) for v in values]
    # independently: separators only ever make a valid code, foreign characters never do
    plain = [v.replace(" ", "").replace("-", "") for v in values]
    assert got == [re.fullmatch("[0-9]+", p) is not None and ean.is_valid(p) for p in plain]
    assert 0 < sum(got) < len(got)
