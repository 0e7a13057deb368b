"""Property tests: every generated valid Digital Link parses to its pairs and round-trips."""

from __future__ import annotations

import pytest
from dl_strategies import KEYS, Link, links
from hypothesis import given
from hypothesis import strategies as st

from vntrace.errors import GS1Error
from vntrace.gs1 import digital_link as dl
from vntrace.gs1.options import Options


@given(links())
def test_valid_links_parse_to_their_pairs(link: Link) -> None:
    assert dl.validate(link.uri) == []
    parsed = dl.parse(link.uri)
    assert tuple(parsed.element_string.pairs()) == link.pairs
    assert parsed.primary_key.ai in KEYS


@given(links())
def test_canonical_uri_round_trips(link: Link) -> None:
    parsed = dl.parse(link.uri)
    canonical = parsed.uri("https://id.gs1.org")
    again = dl.parse(canonical)
    assert sorted(again.element_string.pairs()) == sorted(parsed.element_string.pairs())
    assert again.uri("https://id.gs1.org") == canonical
    # building from the element string gives the same path choice for generated links
    assert dl.build(parsed.element_string) == canonical


URI_CHARS = "ABCXYZabcxyz0123456789-._~:/?#[]@!$&'()*+,;=% ^|\x00é"
uri_like = st.builds(
    lambda scheme, body: scheme + body,
    st.sampled_from(["https://", "http://", "HTTPS://", "Https://", "ftp://", ""]),
    st.text(alphabet=URI_CHARS, max_size=120)
    | st.lists(
        st.sampled_from(
            ["01", "08934567890120", "10", "21", "17", "235", "x", "", "%2F", "?", "&", "="]
        )
    ).map("/".join),
)


@given(uri_like | st.text(max_size=200))
def test_any_text_gives_findings_or_a_link(text: str) -> None:
    findings = dl.validate(text)
    assert all(f.code.startswith("GS1.") for f in findings)
    if findings:
        with pytest.raises(GS1Error) as info:
            dl.parse(text)
        assert info.value.findings == tuple(findings)
    else:
        link = dl.parse(text)
        assert dl.validate(link.uri()) == []


@given(st.lists(links() | uri_like, min_size=1, max_size=8))
def test_memos_do_not_change_results(texts: list[str | Link]) -> None:
    # Options() equals the defaults but is not the default object: no prefix memo for it
    uris = [t.uri if isinstance(t, Link) else t for t in texts]
    fresh = Options()
    for uri in uris + uris + uris:
        assert dl.validate(uri) == dl.validate(uri, fresh)
