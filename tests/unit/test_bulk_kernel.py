"""The compiled key kernel: buffer layouts, the list fast path's fall-backs, nulls with data."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from vntrace import bulk, gs1
from vntrace.bulk import _kernel

GTIN13 = "8934567890120"


def test_every_length_and_position_in_a_buffer() -> None:
    # values at the very start and end of the buffer and every length 0..20, with and without
    # a correct check digit: the two-word path, the byte loop and the edges of the buffer
    rows = []
    for size in range(21):
        body = "9" * max(size - 1, 0)
        total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
        good = (body + str(-total % 10))[:size]
        bad = body + str((-total + 1) % 10) if size else ""
        rows += [good, bad]
    for order in (rows, rows[::-1]):
        expected = [gs1.gtin.is_valid(v) for v in order]
        assert bulk.is_valid(order, "gtin").tolist() == expected
        assert bulk.is_valid(pa.array(order), "gtin").tolist() == expected
        for start in range(4):  # slices move every value against the 8-byte words
            sliced = pa.array(order).slice(start)
            assert bulk.is_valid(sliced, "gtin").tolist() == expected[start:]


def test_a_null_slot_with_bytes_behind_it_is_still_null() -> None:
    data = pa.py_buffer((GTIN13 * 2).encode())
    offsets = pa.py_buffer(np.array([0, 13, 26], np.int32).tobytes())
    validity = pa.py_buffer(bytes([0b01]))
    arr = pa.StringArray.from_buffers(2, offsets, data, validity)
    assert arr.to_pylist() == [GTIN13, None]
    assert bulk.is_valid(arr, "gtin").tolist() == [True, False]
    assert [r["code"] for r in bulk.validate(arr, "gtin").to_pylist()] == ["BULK.NULL_VALUE"]


@pytest.mark.parametrize(
    "odd",
    [
        GTIN13 + "\n",  # holds the separator of the joined buffer
        "\n" + GTIN13,
        "８934567890120",  # a full-width digit: not ASCII
        None,
        8934567890120,
        b"8934567890120",
    ],
)
def test_the_list_fast_path_falls_back_exactly(odd: object) -> None:
    rows = [GTIN13, odd, "893-4567-890120", "8934567890121", GTIN13]
    assert _fast(rows) is None
    expected = [isinstance(v, str) and gs1.gtin.is_valid(v) for v in rows]
    assert bulk.is_valid(rows, "gtin").tolist() == expected
    assert bulk.is_valid(tuple(rows), "gtin").tolist() == expected


def test_the_list_fast_path_asks_the_engine_for_separators() -> None:
    rows = ["893 4567 890120", "893-4567-890121", " ", "-", "893 4567 A", GTIN13]
    assert _fast(rows) is not None
    assert bulk.is_valid(rows, "gtin").tolist() == [True, False, False, False, False, True]


def test_empty_inputs() -> None:
    assert bulk.is_valid([], "gtin").tolist() == []
    assert bulk.is_valid(pa.array([], pa.string()), "gtin").tolist() == []
    assert bulk.is_valid([""], "gtin").tolist() == [False]


def test_a_huge_value_is_decided_without_the_engine() -> None:
    rows = ["1" * 10_000_000, GTIN13]
    assert bulk.is_valid(rows, "gtin").tolist() == [False, True]


def test_length_mask_refuses_lengths_it_cannot_hold() -> None:
    with pytest.raises(ValueError, match="outside"):
        _kernel.length_mask((63,))


def _fast(rows: list[object]) -> object:
    from vntrace.bulk._arrow import key_verdicts_of_texts  # noqa: PLC0415

    return key_verdicts_of_texts(rows, "gtin")


def test_offsets_outside_the_values_buffer_are_refused_not_read() -> None:
    data = np.frombuffer(GTIN13.encode(), np.uint8)
    with pytest.raises(ValueError, match="outside"):
        _kernel.numeric_states(np.array([0, 13, 40]), data, _kernel.length_mask((13,)))
    with pytest.raises(ValueError, match="outside"):
        _kernel.numeric_states(np.array([-5, 13]), data, _kernel.length_mask((13,)))
