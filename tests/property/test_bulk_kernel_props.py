"""The compiled key kernel never differs from the single-item check (Hypothesis).

Columns mix valid keys (check digits computed here, not by vntrace) of every length a numeric key
has, their mutations (a digit changed, dropped or added, a space, hyphen, letter, NUL, newline or
non-ASCII digit put in) and short junk; each column goes through every container and buffer
layout the kernel reads (Python list and tuple: the joined ASCII buffer; Arrow string,
large_string, string_view, sliced and chunked arrays with nulls). The expectation is the key
module's own ``is_valid`` per value, and an independent computation of GS1 validity.
"""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from vntrace import bulk, gs1

LENGTHS = {"gtin": (8, 12, 13, 14), "gln": (13,), "sscc": (18,), "gsrn": (18,), "gsin": (17,)}
INSERTS = ["0", "7", " ", "-", "A", "\x00", "\n", "٣", "８", "/", "  "]


def check_digit(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str(-total % 10)


def independent(value: str | None, lengths: tuple[int, ...]) -> bool:
    if value is None:
        return False
    compact = value.replace(" ", "").replace("-", "")
    return (
        len(compact) in lengths
        and all(c in "0123456789" for c in compact)
        and check_digit(compact[:-1]) == compact[-1]
    )


@st.composite
def values(draw: st.DrawFn, lengths: tuple[int, ...]) -> str:
    size = draw(st.sampled_from((*lengths, 1, 7, 9, 15, 16, 17, 19, 24)))
    body = draw(st.text("0123456789", min_size=size - 1, max_size=size - 1))
    value = body + check_digit(body)
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(value)))
        edit = draw(st.sampled_from(["insert", "replace", "drop", "digit"]))
        text = draw(st.sampled_from(INSERTS))
        if edit == "insert":
            value = value[:at] + text + value[at:]
        elif edit == "replace":
            value = value[:at] + text + value[at + 1 :]
        elif edit == "drop":
            value = value[:at] + value[at + 1 :]
        elif at < len(value) and value[at] in "0123456789":
            value = value[:at] + str((int(value[at]) + 1) % 10) + value[at + 1 :]
    return value


@st.composite
def columns(draw: st.DrawFn) -> tuple[str, list[str]]:
    kind = draw(st.sampled_from(sorted(LENGTHS)))
    junk = st.text(st.sampled_from("0123456789 -A\n"), max_size=5)
    rows = draw(st.lists(st.one_of(values(LENGTHS[kind]), junk), max_size=40))
    return kind, rows


def containers(rows: list[str]) -> list[object]:
    with_nulls: list[str | None] = [None, *rows, None]
    middle = len(rows) // 2
    return [
        rows,
        tuple(rows),
        pa.array(rows, pa.string()),
        pa.array(rows, pa.large_string()),
        pa.array(rows, pa.string_view()),
        pa.array(["8934567890120", *rows, "x"]).slice(1, len(rows)),  # offsets not from 0
        pa.chunked_array([rows[:middle], rows[middle:]], pa.string()),
        with_nulls,
        pa.array(with_nulls, pa.large_string()),
    ]


@settings(max_examples=150, deadline=None)
@given(columns())
def test_kernel_verdicts_are_the_single_item_verdicts(column: tuple[str, list[str]]) -> None:
    kind, rows = column
    module = getattr(gs1, kind)
    expected = [module.is_valid(r) for r in rows]
    assert expected == [independent(r, LENGTHS[kind]) for r in rows]
    for container in containers(rows):
        got = bulk.is_valid(container, kind).tolist()
        if isinstance(container, list) and len(container) == len(rows) + 2:
            assert got == [False, *expected, False], type(container)
        elif isinstance(container, pa.Array) and len(container) == len(rows) + 2:
            assert got == [False, *expected, False], container.type
        else:
            assert got == expected, type(container)
    invalid_rows = {r["row"] for r in bulk.validate(rows, kind).to_pylist()}
    assert invalid_rows == {i for i, ok in enumerate(expected) if not ok}
