"""Property tests of the GS1 key modules, check digits and linters."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest
from gs1_keys_strategies import DIGITS, VALID_KEYS, cset82, digits, gmn_values
from hypothesis import assume, given
from hypothesis import strategies as st

from vntrace.errors import VntraceError
from vntrace.gs1 import checkdigit, gmn, gtin
from vntrace.gs1.checkdigit import CSET82
from vntrace.gs1.linters import LINTERS

MODULE_NAMES = [
    "gtin",
    "gln",
    "sscc",
    "grai",
    "giai",
    "gsrn",
    "gdti",
    "gcn",
    "gsin",
    "ginc",
    "itip",
    "gmn",
]
MODULES: dict[str, ModuleType] = {
    n: importlib.import_module(f"vntrace.gs1.{n}") for n in MODULE_NAMES
}


def _module(kind: str) -> ModuleType:
    return MODULES["gtin" if kind.startswith("gtin") else kind]


@pytest.mark.parametrize("kind", sorted(VALID_KEYS))
@given(data=st.data())
def test_generated_keys_validate(kind: str, data: st.DataObject) -> None:
    strategy, _ = VALID_KEYS[kind]
    value = data.draw(strategy)
    module = _module(kind)
    assert module.validate(value) == value
    assert module.is_valid(value)


@pytest.mark.parametrize("kind", sorted(k for k, (_, span) in VALID_KEYS.items() if span))
@given(data=st.data())
def test_calc_then_validate(kind: str, data: st.DataObject) -> None:
    """calc_check_digit on the payload gives back the check digit of a valid key."""
    strategy, span = VALID_KEYS[kind]
    assert span is not None
    value = data.draw(strategy)
    start, end = span
    module = _module(kind)
    payload = value[: end - 1] if kind == "grai" else value[start : end - 1]
    assert module.calc_check_digit(payload) == value[end - 1]


@pytest.mark.parametrize("kind", sorted(k for k, (_, span) in VALID_KEYS.items() if span))
@given(data=st.data())
def test_single_digit_change_is_caught(kind: str, data: st.DataObject) -> None:
    strategy, span = VALID_KEYS[kind]
    assert span is not None
    value = data.draw(strategy)
    start, end = span
    pos = data.draw(st.integers(start, end - 1))
    new = data.draw(st.sampled_from(DIGITS.replace(value[pos], "")))
    changed = value[:pos] + new + value[pos + 1 :]
    assert not _module(kind).is_valid(changed)


@pytest.mark.parametrize("kind", sorted(k for k, (_, span) in VALID_KEYS.items() if span))
@given(data=st.data())
def test_adjacent_transposition(kind: str, data: st.DataObject) -> None:
    """Swapping two adjacent different digits is caught unless they differ by 5 (mod-10 limit)."""
    strategy, span = VALID_KEYS[kind]
    assert span is not None
    value = data.draw(strategy)
    start, end = span
    pos = data.draw(st.integers(start, end - 2))
    a, b = value[pos], value[pos + 1]
    assume(a != b)
    swapped = value[:pos] + b + a + value[pos + 2 :]
    assert _module(kind).is_valid(swapped) is (abs(int(a) - int(b)) == 5)


@given(gmn_values(), st.data())
def test_gmn_single_substitution_is_caught(value: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(value) - 1))
    new = data.draw(st.sampled_from(CSET82.replace(value[pos], "")))
    assert not gmn.is_valid(value[:pos] + new + value[pos + 1 :])


@given(digits(4) | digits(5), st.data())
def test_price_weight_catches_single_digit_change(payload: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(payload) - 1))
    new = data.draw(st.sampled_from(DIGITS.replace(payload[pos], "")))
    changed = payload[:pos] + new + payload[pos + 1 :]
    assert checkdigit.price_weight(changed) != checkdigit.price_weight(payload)


ANY_TEXT = st.text() | st.text("0123456789 -") | st.text(DIGITS + "٠١٢３４AZaz_ ", max_size=20)


@pytest.mark.parametrize("name", MODULE_NAMES)
@given(text=ANY_TEXT)
def test_fuzz_is_valid_and_validate(name: str, text: str) -> None:
    module = MODULES[name]
    verdict = module.is_valid(text)
    assert isinstance(verdict, bool)
    try:
        module.validate(text)
    except VntraceError:
        assert verdict is False
    else:
        assert verdict is True


@given(text=ANY_TEXT)
def test_gtin_fast_path_agrees_with_validate(text: str) -> None:
    try:
        gtin.validate(text)
        expected = True
    except VntraceError:
        expected = False
    assert gtin.is_valid(text) is expected


@given(st.sampled_from((8, 12, 13, 14)).flatmap(digits))
def test_gtin_fast_path_on_digit_strings(number: str) -> None:
    """All-digit strings of GTIN lengths: the table path equals a direct weighted sum."""
    weighted = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(reversed(number)))
    assert gtin.is_valid(number) is (weighted % 10 == 0)


@pytest.mark.parametrize("name", sorted(LINTERS))
@given(text=ANY_TEXT | cset82(0, 40))
def test_fuzz_linters(name: str, text: str) -> None:
    result = LINTERS[name](text)
    if result is not None:
        error, start, length = result
        assert error.isupper()
        assert 0 <= start <= len(text)
        assert 0 <= length <= len(text) - start
