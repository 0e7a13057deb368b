"""vntrace.bulk.check_file on real dumps, including the garbage portals receive.

Every record must be accounted for (rows read = valid + with findings), malformed records are
findings with their 1-based line, nothing aborts, nothing is dropped.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from vntrace import bulk
from vntrace.errors import UnsupportedInput

GOOD = "8934567890120"
BAD = "8934567890129"


def _findings(result: bulk.BulkResult) -> list[tuple[int | None, str, int | None]]:
    return [
        (f["row"], f["code"], json.loads(f["params"]).get("line"))
        for f in result.findings.to_pylist()
    ]


def _accounted(result: bulk.BulkResult) -> None:
    s = result.summary()
    assert s.rows == result.rows == len(result.valid) == s.valid + s.invalid
    rows_with_findings = {r for r in result.findings.column("row").to_pylist() if r is not None}
    if not any(r is None for r in result.findings.column("row").to_pylist()):
        assert rows_with_findings == {i for i, ok in enumerate(result.valid) if not ok}


@pytest.mark.parametrize("chunk", [8 << 20, 7, 64])
def test_csv_with_every_kind_of_garbage(tmp_path: Path, chunk: int, monkeypatch) -> None:
    # tiny chunks: records (quoted line breaks too) are cut across reads and must stay whole
    monkeypatch.setattr("vntrace.bulk._files.CHUNK", chunk)
    path = tmp_path / "dump.csv"
    path.write_bytes(
        b"\xef\xbb\xbfid,gtin,commune\n"  # BOM
        + f"1,{GOOD},A\n".encode()  # line 2
        + b"2,893,B,extra\n"  # line 3: too many fields
        + b"\n"  # line 4: an empty line is a record of empty cells
        + f"3,{BAD},B\n".encode()  # line 5
        + b"4\n"  # line 6: too few fields
        + f'5,"{GOOD}","multi\nline"\n'.encode()  # lines 7-8
        + b"6,\xff\xfe89,C\n"  # line 9: not UTF-8
        + b"7,89345\x0067890120,C\n"  # line 10: NUL byte
        + f"8,{GOOD},A\n".encode()  # line 11
    )
    result = bulk.check_file(path, {"gtin": "gtin"}, group_by="commune")
    assert result.rows == 9
    assert _findings(result) == [
        (1, "BULK.WRONG_FIELD_COUNT", 3),
        (2, "BULK.EMPTY_VALUE", 4),
        (3, "GS1.INCORRECT_CHECK_DIGIT", 5),
        (4, "BULK.WRONG_FIELD_COUNT", 6),
        (6, "BULK.INVALID_UTF8", 9),
        (7, "GS1.NON_DIGIT_CHARACTER", 10),
    ]
    assert result.valid.tolist() == [True, False, False, False, False, True, False, False, True]
    _accounted(result)
    by_group = result.summary("commune").by_group
    groups = {g["commune"]: (g["rows"], g["valid"]) for g in by_group.to_pylist()}
    assert groups["A"] == (2, 2)
    assert groups["B"] == (1, 0)  # line 3 (B, but unreadable) has no group
    assert groups[None] == (2, 0)


def test_gzip_tsv_and_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "dump.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(f"gtin\tx\n{GOOD}\t1\n{BAD}\t2\n")
    result = bulk.check_file(path, {"gtin": "gtin"})
    assert result.valid.tolist() == [True, False]
    semi = tmp_path / "dump.csv"
    semi.write_text(f"gtin;x\n{GOOD};1\n")
    assert bulk.check_file(semi, {"gtin": "gtin"}, delimiter=";").valid.tolist() == [True]


def test_empty_file_header_only_and_missing_column(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = bulk.check_file(empty, {"gtin": "gtin"})
    assert result.rows == 0
    assert _findings(result) == [(None, "BULK.EMPTY_FILE", None)]
    header = tmp_path / "header.csv"
    header.write_text("gtin,commune\n")
    assert bulk.check_file(header, {"gtin": "gtin"}).rows == 0
    missing = tmp_path / "missing.csv"
    missing.write_text(f"code\n{GOOD}\n{GOOD}\n")
    result = bulk.check_file(missing, {"gtin": "gtin"})
    assert result.rows == 2
    assert result.valid.tolist() == [False, False]
    assert _findings(result) == [(None, "BULK.MISSING_COLUMN", None)]
    assert json.loads(result.findings.column("params")[0].as_py())["present"] == "code"


def test_a_10_mb_field_is_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w") as f:
        f.write(f"gtin,note\n{GOOD},a\n")
        f.write("9" * 10_000_000 + ",b\n")
        f.write(f"{GOOD},c\n")
    result = bulk.check_file(path, {"gtin": "gtin"})
    assert result.valid.tolist() == [True, False, True]
    assert _findings(result) == [(1, "GS1.KEY.INVALID_LENGTH", 3)]


def test_jsonl_malformed_lines_and_numbers(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    lines = [
        json.dumps({"gtin": GOOD, "commune": "A"}),
        "{not json",
        json.dumps({"gtin": 8934567890120}),  # a number: leading zeros may be lost
        "",
        json.dumps([1, 2]),
        json.dumps({"other": 1}),
        json.dumps({"gtin": BAD, "commune": "B"}),
    ]
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    result = bulk.check_file(path, {"gtin": "gtin"}, group_by=["commune"])
    assert result.rows == 6  # the blank line is not a record
    assert _findings(result) == [
        (1, "BULK.MALFORMED_JSON_LINE", 2),
        (2, "BULK.NOT_TEXT", 3),
        (3, "BULK.MALFORMED_JSON_LINE", 5),
        (4, "BULK.NULL_VALUE", 6),
        (5, "GS1.INCORRECT_CHECK_DIGIT", 7),
    ]
    _accounted(result)


def test_parquet_text_and_integer_columns(tmp_path: Path) -> None:
    path = tmp_path / "dump.parquet"
    pq.write_table(
        pa.table(
            {
                "gtin": [GOOD, BAD, None],
                "gln": pa.array([8934567000017, 8934567000017, 1], pa.int64()),
            }
        ),
        path,
    )
    result = bulk.check_file(path, {"gtin": "gtin", "gln": "gln"})
    assert result.rows == 3
    assert result.valid.tolist() == [False, False, False]
    assert _findings(result) == [
        (None, "BULK.COLUMN_NOT_TEXT", None),
        (1, "GS1.INCORRECT_CHECK_DIGIT", None),
        (2, "BULK.NULL_VALUE", None),
    ]
    assert bulk.check_file(path, {"gtin": "gtin"}).valid.tolist() == [True, False, False]


def test_unsupported_file_name(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedInput) as info:
        bulk.check_file(tmp_path / "x.xlsx", {"gtin": "gtin"})
    assert info.value.code == "BULK.UNSUPPORTED_FILE"


def test_many_batches_keep_row_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    rows = []
    expected_bad = []
    for i in range(200_000):
        if i % 9973 == 0:
            rows.append(f"{BAD},x")
            expected_bad.append((i, "GS1.INCORRECT_CHECK_DIGIT", i + 2))
        elif i % 15013 == 0:
            rows.append(f"{GOOD},x,y")
            expected_bad.append((i, "BULK.WRONG_FIELD_COUNT", i + 2))
        else:
            rows.append(f"{GOOD},x")
    path.write_text("gtin,x\n" + "\n".join(rows) + "\n")
    result = bulk.check_file(path, {"gtin": "gtin"})
    assert result.rows == 200_000
    assert _findings(result) == expected_bad
    _accounted(result)
