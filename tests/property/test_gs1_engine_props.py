"""Property tests of the element string engine: round trips, caught mutations, fuzzing."""

from __future__ import annotations

import pytest
from gs1_strategies import CSET82, ENTRIES, Message, ai_value, messages
from hypothesis import assume, given
from hypothesis import strategies as st

from vntrace.errors import GS1Error, VntraceError
from vntrace.findings import Finding
from vntrace.gs1 import scan
from vntrace.gs1.element_string import ElementString, parse, validate
from vntrace.gs1.options import Options


@given(messages())
def test_valid_messages_validate_in_every_form(msg: Message) -> None:
    assert validate(msg.bracketed) == []
    assert validate(msg.caret) == []
    assert validate(msg.unbracketed, form="unbracketed") == []


@given(messages())
def test_round_trip_all_forms(msg: Message) -> None:
    es = parse(msg.bracketed)
    assert es.pairs() == list(msg.pairs)
    assert es.bracketed() == msg.bracketed
    assert es.caret() == msg.caret
    assert es.unbracketed() == msg.unbracketed
    assert parse(es.caret()) == es
    assert parse(es.unbracketed(), form="unbracketed") == es
    assert ElementString.from_pairs(es.pairs()) == es
    assert es.hri() == [f"({a}) {v}" for a, v in msg.pairs]
    for symbology in ("QR", "DM", "DotCode", "GS1_128_CCA", "DataBarExpanded"):
        assert scan.decode(scan.encode(es, symbology)).element_string == es


@given(messages(), st.data())
def test_changed_check_digit_is_caught(msg: Message, data: st.DataObject) -> None:
    csum_ais = [
        (i, a)
        for i, (a, _) in enumerate(msg.pairs)
        if "csum" in ENTRIES[a].components[0].linters
        or (len(ENTRIES[a].components) > 1 and "csum" in ENTRIES[a].components[1].linters)
    ]
    assume(csum_ais)
    i, code = data.draw(st.sampled_from(csum_ais))
    entry = ENTRIES[code]
    # Offset of the csum component and its check digit.
    offset = 0
    for c in entry.components:
        if "csum" in c.linters:
            break
        offset += c.max_length
    comp = next(c for c in entry.components if "csum" in c.linters)
    pos = offset + comp.max_length - 1
    value = msg.pairs[i][1]
    wrong = data.draw(st.sampled_from([d for d in "0123456789" if d != value[pos]]))
    mutated = Message(
        tuple(
            (a, v[:pos] + wrong + v[pos + 1 :] if j == i else v)
            for j, (a, v) in enumerate(msg.pairs)
        )
    )
    for text in (mutated.bracketed, mutated.caret):
        (f,) = validate(text)
        assert f.code == "GS1.INCORRECT_CHECK_DIGIT"
        assert f.location.field == code
        assert f.location.start == pos
        assert f.location.length == 1


@given(messages(), st.data())
def test_inserted_non_cset82_character_is_caught(msg: Message, data: st.DataObject) -> None:
    free = [
        (i, a)
        for i, (a, v) in enumerate(msg.pairs)
        if len(ENTRIES[a].components) == 1
        and ENTRIES[a].components[0].type == "X"
        and not ENTRIES[a].components[0].linters
        and len(v) < ENTRIES[a].max_length
    ]
    if not free:
        # Add a free-text AI to mutate: (90) is X..30 without linters or rules.
        msg = Message((*msg.pairs, ("90", data.draw(st.text(CSET82, min_size=1, max_size=29)))))
        free = [(len(msg.pairs) - 1, "90")]
    i, code = data.draw(st.sampled_from(free))
    value = msg.pairs[i][1]
    at = data.draw(st.integers(0, len(value)))
    bad_chars = [" ", "#", "$", "@", "[", "]", "`", "{", "}", "~", "é"]
    if at < len(value):
        # A backslash at the end of a value would escape the next AI's "(".
        bad_chars.append("\\")
    bad = data.draw(st.sampled_from(bad_chars))
    mutated = Message(
        tuple((a, v[:at] + bad + v[at:] if j == i else v) for j, (a, v) in enumerate(msg.pairs))
    )
    (f,) = validate(mutated.bracketed)
    assert f.code == "GS1.INVALID_CSET82_CHARACTER"
    assert f.location.field == code
    # The first offending character is reported (the value had only CSET 82 before).
    assert f.location.start == at


@given(messages(), st.data())
def test_truncated_or_extended_fixed_value_is_caught(msg: Message, data: st.DataObject) -> None:
    fixed = [(i, a) for i, (a, _) in enumerate(msg.pairs) if ENTRIES[a].predefined_length]
    assume(fixed)
    i, code = data.draw(st.sampled_from(fixed))
    longer = data.draw(st.booleans())
    mutated = Message(
        tuple(
            (a, (v + "1" if longer else v[:-1]) if j == i else v)
            for j, (a, v) in enumerate(msg.pairs)
        )
    )
    (f,) = validate(mutated.bracketed)
    assert f.code == ("GS1.AI_VALUE_IS_TOO_LONG" if longer else "GS1.AI_VALUE_IS_TOO_SHORT")
    assert f.params["ai"] == code


@given(messages(), st.data())
def test_non_ascii_digit_is_caught(msg: Message, data: st.DataObject) -> None:
    numeric = [(i, a) for i, (a, _) in enumerate(msg.pairs) if ENTRIES[a].components[0].type == "N"]
    assume(numeric)
    i, code = data.draw(st.sampled_from(numeric))
    value = msg.pairs[i][1]
    first_len = ENTRIES[code].components[0].max_length
    at = data.draw(st.integers(0, min(len(value), first_len) - 1))
    arabic = "٠١٢٣٤٥٦٧٨٩"[int(value[at])] if value[at] in "0123456789" else "٣"
    mutated = Message(
        tuple(
            (a, v[:at] + arabic + v[at + 1 :] if j == i else v)
            for j, (a, v) in enumerate(msg.pairs)
        )
    )
    (f,) = validate(mutated.bracketed)
    assert f.code == "GS1.NON_DIGIT_CHARACTER"
    assert f.location.field == code


@given(messages(), st.data())
def test_repeated_ai_with_other_value_is_caught(msg: Message, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(msg.pairs) - 1))
    code, value = msg.pairs[i]
    other = data.draw(ai_value(code))
    assume(other != value)
    mutated = Message((*msg.pairs, (code, other)))
    (f,) = validate(mutated.bracketed)
    assert f.code == "GS1.INSTANCES_OF_AI_HAVE_DIFFERENT_VALUES"
    assert f.params["ai"] == code
    # Repeating the same value is fine.
    assert validate(Message((*msg.pairs, (code, value))).bracketed) == []


@given(messages(), st.data())
def test_exclusive_ai_is_caught(msg: Message, data: st.DataObject) -> None:
    present = [a for a, _ in msg.pairs]
    candidates = sorted(
        {
            b
            for a in present
            for b in ENTRIES
            if b not in present
            and any(
                len(r) == len(b) and all(x in ("n", y) for x, y in zip(r, b, strict=True))
                for r in ENTRIES[a].ex
            )
        }
    )
    assume(candidates)
    b = data.draw(st.sampled_from(candidates))
    mutated = Message((*msg.pairs, (b, data.draw(ai_value(b)))))
    (f,) = validate(mutated.bracketed)
    assert f.code == "GS1.INVALID_AI_PAIRS"


FUZZ_ALPHABET = st.sampled_from(
    [*"()^|\\]0123456789ACQdeEJ\x1d-/=%LOTS ", "é", "\x00", "٣", "(01)", "(10)", "^01"]
)


def _only_findings(text: object, **kw: str) -> None:
    found = validate(text, **kw)  # type: ignore[arg-type]
    assert isinstance(found, list)
    assert all(isinstance(f, Finding) for f in found)
    if any(f.is_error for f in found):
        with pytest.raises(GS1Error) as info:
            parse(text, **kw)  # type: ignore[arg-type]
        assert info.value.findings[0] == found[0]
    else:
        assert isinstance(parse(text, **kw), ElementString)  # type: ignore[arg-type]


@given(st.lists(FUZZ_ALPHABET, max_size=40).map("".join))
def test_fuzz_structured(text: str) -> None:
    _only_findings(text)
    for form in ("bracketed", "caret", "unbracketed", "scan"):
        _only_findings(text, form=form)


@given(st.text(max_size=80))
def test_fuzz_any_text(text: str) -> None:
    _only_findings(text)
    found = scan.validate(text)
    assert all(isinstance(f, Finding) for f in found)
    if found:
        with pytest.raises(VntraceError):
            scan.decode(text)
    else:
        assert scan.decode(text).data == text[3:]


@given(st.text(alphabet=st.sampled_from(CSET82 + "^\x1d"), max_size=60))
def test_fuzz_fnc1_data(text: str) -> None:
    _only_findings("^" + text)
    _only_findings(text, form="unbracketed")
    _only_findings("]C1" + text.replace("^", "\x1d"))


@given(st.one_of(st.none(), st.integers(), st.binary(max_size=30), st.lists(st.text())))
def test_fuzz_other_types(value: object) -> None:
    found = validate(value)
    assert all(isinstance(f, Finding) for f in found)


PERMISSIVE = Options(permit_unknown_ais=True, validate_requisite_ais=False)


@given(st.lists(FUZZ_ALPHABET, max_size=40).map("".join))
def test_fuzz_with_unknown_ais_permitted(text: str) -> None:
    found = validate(text, options=PERMISSIVE)
    assert all(isinstance(f, Finding) for f in found)
    if not found:
        es = parse(text, options=PERMISSIVE)
        # Whatever was accepted writes back to forms that parse to the same elements.
        if es.primary is None and es.composite_index is None and text[:1] != "]":
            assert parse(es.bracketed(), options=PERMISSIVE).pairs() == es.pairs()
            assert parse(es.caret(), options=PERMISSIVE).pairs() == es.pairs()
