"""The Digital Link fast path for the usual stamp shape must agree with the general parser.

``digital_link`` takes a shortcut for ``<stem>/01/<GTIN>/10/<lot>[/21/<serial>][?17=<date>]``
under the default options (identity-checked). ``Options()`` equals the defaults but is another
object, so it always runs the general parser: the two must give identical findings and results.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vntrace.gs1 import digital_link
from vntrace.gs1.options import Options

GENERAL = Options()


def _mod10(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


gtins = st.one_of(
    st.text("0123456789", min_size=13, max_size=13).map(lambda b: b + _mod10(b)),
    st.text("0123456789", min_size=12, max_size=15),  # wrong check digit or length
    st.text("0123456789A%", min_size=14, max_size=14),
)
value_chars = "ABCZaz09-._~:()!$&'*+,;=@[]%2F^\" "
values = st.text(value_chars, min_size=0, max_size=24)
dates = st.one_of(
    st.sampled_from(["270630", "270631", "271301", "270600", "260229", "240229"]),
    st.text("0123456789", min_size=5, max_size=7),
)
stems = st.sampled_from(
    [
        "https://truyxuat.hatinh.gov.vn",
        "http://id.gs1.org",
        "HTTPS://EXAMPLE.VN",
        "https://qr.example.vn/ht",
        "https://qr.example.vn/01/08934567890120",
        "https://a_b.vn",
        "Https://example.vn",
        "https://example.vn:8443/x/y",
    ]
)


@st.composite
def stamp_like(draw: st.DrawFn) -> str:
    uri = f"{draw(stems)}/01/{draw(gtins)}/10/{draw(values)}"
    if draw(st.booleans()):
        uri += f"/21/{draw(values)}"
    if draw(st.booleans()):
        uri += f"?17={draw(dates)}"
    if draw(st.booleans()):  # a one-character mutation anywhere
        at = draw(st.integers(0, len(uri)))
        uri = uri[:at] + draw(st.sampled_from(list("/?#&=%^ 01A"))) + uri[at + 1 :]
    return uri


@given(stamp_like())
def test_fast_path_agrees_with_general_parser(uri: str) -> None:
    fast = digital_link.validate(uri)
    general = digital_link.validate(uri, options=GENERAL)
    assert fast == general
    if not fast:
        a, b = digital_link.parse(uri), digital_link.parse(uri, options=GENERAL)
        assert a.element_string == b.element_string
        assert (a.stem, a.path_length, a.ignored_params, a.uri()) == (
            b.stem,
            b.path_length,
            b.ignored_params,
            b.uri(),
        )


def test_fast_path_is_taken_and_correct_on_a_plain_stamp() -> None:
    uri = "https://truyxuat.hatinh.gov.vn/01/08934567890120/10/HT-7/21/A1?17=270630"
    link = digital_link.parse(uri)
    assert link.stem == "https://truyxuat.hatinh.gov.vn"
    assert [(e.ai, e.value) for e in link.element_string.elements] == [
        ("01", "08934567890120"),
        ("10", "HT-7"),
        ("21", "A1"),
        ("17", "270630"),
    ]
    assert digital_link.validate(uri.replace("0120/", "0129/")) == digital_link.validate(
        uri.replace("0120/", "0129/"), options=GENERAL
    )
