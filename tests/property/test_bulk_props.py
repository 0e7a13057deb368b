"""Bulk and single-item verdicts never differ, on valid data and on its mutations (Hypothesis).

Columns are built from the valid element strings and Digital Link URIs of the shared strategies
(which compute check digits independently), repeated so the shape fast path engages (it needs
enough rows), with random edits drawn by Hypothesis. The expectation is the single-item API.
"""

from __future__ import annotations

from dl_strategies import links
from gs1_strategies import messages
from hypothesis import given, settings
from hypothesis import strategies as st

from vntrace import bulk, gs1
from vntrace.gs1 import digital_link

EDITS = st.lists(
    st.tuples(
        st.integers(0, 200),
        st.integers(0, 10_000),
        st.sampled_from(["", "0", "9", "A", "(", ")", "^", "\x1d", "/", "?", "%", " ", "٣"]),
    ),
    max_size=12,
)


def _column(bases: list[str], edits: list[tuple[int, int, str]]) -> list[str]:
    rows = [bases[i % len(bases)] for i in range(64)]
    for row, pos, text in edits:
        value = rows[row % len(rows)]
        at = pos % (len(value) + 1)
        rows[row % len(rows)] = value[:at] + text + value[at + 1 :]
    return rows


@settings(max_examples=60)
@given(
    st.lists(messages(max_ais=4), min_size=1, max_size=4),
    st.sampled_from(["bracketed", "unbracketed", "caret"]),
    EDITS,
)
def test_element_string_columns(msgs, form: str, edits) -> None:
    rows = _column([getattr(m, form) for m in msgs], edits)
    expected = [gs1.validate(r) for r in rows]
    assert bulk.is_valid(rows, "element_string").tolist() == [not e for e in expected]
    found: dict[int, list[str]] = {}
    for f in bulk.validate(rows, "element_string").to_pylist():
        found.setdefault(f["row"], []).append(f["code"])
    assert found == {i: [f.code for f in e] for i, e in enumerate(expected) if e}


@settings(max_examples=60)
@given(st.lists(links(), min_size=1, max_size=4), EDITS)
def test_digital_link_columns(found_links, edits) -> None:
    rows = _column([link.uri for link in found_links], edits)
    expected = [digital_link.validate(r) for r in rows]
    assert bulk.is_valid(rows, "digital_link").tolist() == [not e for e in expected]
    codes = {f["row"]: f["code"] for f in bulk.validate(rows, "digital_link").to_pylist()}
    assert codes == {i: e[0].code for i, e in enumerate(expected) if e}


@settings(max_examples=40)
@given(
    st.lists(st.text(alphabet="0123456789 -A", min_size=0, max_size=16), min_size=32, max_size=80)
)
def test_gtin_columns_of_near_digits(rows) -> None:
    assert bulk.is_valid(rows, "gtin").tolist() == [gs1.gtin.is_valid(r) for r in rows]
