"""parse_any, collect_all and the messages hold for any input: only GS1Error, facts filled in."""

from __future__ import annotations

import string

from gs1_strategies import Message, messages
from hypothesis import given
from hypothesis import strategies as st

from vntrace import gs1
from vntrace.errors import GS1Error
from vntrace.findings import Finding
from vntrace.gs1.detect import KINDS
from vntrace.messages import catalogue

ALL = gs1.Options(collect_all=True)
ALPHABET = st.sampled_from(
    [
        *"()^|\\]0123456789ACQdeEJ\x1d-/=%LOTS ",
        "\u00a0",
        "é",
        "(01)",
        "(10)",
        "^01",
        "https://x.vn/01/",
    ]
)
TEXTS = st.one_of(st.text(max_size=60), st.lists(ALPHABET, max_size=30).map("".join))


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _facts_present(findings: list[Finding] | tuple[Finding, ...]) -> None:
    """Every placeholder of every message (and of its nested reason or hint) has its param."""
    for f in findings:
        entry = catalogue()[f.code]
        missing = _fields(entry["en"]) - set(f.params)
        assert not missing, (f.code, missing, dict(f.params))
        for nested in ("reason", "hint"):
            inner = f.params.get(nested)
            if isinstance(inner, str) and inner in catalogue():
                names = {k.removeprefix(f"{nested}_") for k in f.params if k.startswith(nested)}
                gaps = _fields(catalogue()[inner]["en"]) - names
                assert not gaps, (f.code, inner, gaps)
        for lang in ("en", "vi"):
            assert f.message(lang)  # renders in both languages


@given(TEXTS)
def test_parse_any_only_raises_gs1_errors(text: str) -> None:
    try:
        parsed = gs1.parse_any(text)
    except GS1Error as exc:
        findings = exc.findings
        assert any(f.is_error for f in findings)
    else:
        assert parsed.kind in KINDS
        findings = parsed.findings
        assert not any(f.is_error for f in findings)
    _facts_present(findings)


@given(TEXTS)
def test_validate_findings_carry_their_facts(text: str) -> None:
    _facts_present(gs1.validate(text))
    found = gs1.validate(text, options=ALL)
    _facts_present(found)
    # collect_all finds at least the error the engine stops at
    first = [f.code for f in gs1.validate(text) if f.is_error]
    if first:
        assert any(f.is_error for f in found)


@given(messages())
def test_parse_any_of_a_valid_message(msg: Message) -> None:
    es = gs1.parse(msg.bracketed)
    for text in (msg.bracketed, es.caret()):
        parsed = gs1.parse_any(text)
        assert parsed.kind == "element_string"
        assert parsed.element_string == es
    assert gs1.validate(msg.bracketed, options=ALL) == []


@given(TEXTS)
def test_digital_link_and_scan_findings_carry_their_facts(text: str) -> None:
    _facts_present(gs1.digital_link.validate(text))
    _facts_present(gs1.digital_link.validate("https://x.vn/01/" + text))
    _facts_present(gs1.scan.validate(text))
    _facts_present(gs1.scan.validate("]C1" + text))


@given(st.text(alphabet="0123456789 -A", max_size=20))
def test_key_findings_carry_their_facts(text: str) -> None:
    for module in (gs1.gtin, gs1.gln, gs1.sscc, gs1.gmn, gs1.itip, gs1.grai):
        try:
            module.validate(text)
        except GS1Error as exc:
            _facts_present(exc.findings)
        except ValueError as exc:  # the other VntraceError leaves
            _facts_present(getattr(exc, "findings", ()))
