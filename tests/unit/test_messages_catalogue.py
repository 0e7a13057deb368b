"""The message catalogue is complete: every code vntrace can emit has an English and a Vietnamese text.

Three sources of codes are checked against the catalogue:

1. every code literal in ``src/`` (``"GS1.…"``, ``"EPCIS.…"``, ``"VNTRACE.…"``), and every name
   passed as a literal to a helper that builds ``f"GS1.{code}"`` (``_f("ILLEGAL_DAY")``);
2. the GS1 linter error names (``GS1.<NAME>``), which the linters build from the reference's names
   rather than write as literals: taken from ``gs1-facts.md`` §2, once ``vntrace.gs1.linters`` exists;
3. the GS1 engine error names of ``gs1-facts.md`` §9, each once the module that raises it exists
   (element strings §5, Digital Link §6, scan data §7).
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import string
from pathlib import Path

import pytest

from vntrace.messages import LANGUAGES, catalogue, render

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src" / "vntrace"
FACTS = Path(os.environ.get("VNTRACE_SHARED", REPO.parent / "shared")) / "design" / "gs1-facts.md"

CODE_LITERAL = re.compile(r"""["']((?:GS1|EPCIS|VNTRACE)\.[A-Z0-9_.]*[A-Z0-9_])["']""")
# Names in gs1-facts.md §2 that the reference never returns (§2.3 lookup hook off, §2.8 unused) or
# that are not error names at all (IBAN examples).
NEVER_RETURNED = {"GCP_DATASOURCE_OFFLINE", "INVALID_CSET32_CHARACTER"}
# §9 lists two generic fallbacks "not reached in practice"; and vntrace reports a linter failure
# under the linter's own error name (e.g. GS1.ILLEGAL_DAY, checked above) instead of the engine's
# wrapper AI_LINTER_ERROR. Should either ever be emitted, the code-literal test catches it.
NOT_EMITTED = {"DL_URI_PARSE_FAILED", "FAILED_TO_PROCESS_SCAN_DATA", "AI_LINTER_ERROR"}
SECTION_MODULE = {
    "5": "vntrace.gs1.element_string",
    "6": "vntrace.gs1.digital_link",
    "7": "vntrace.gs1.scan",
}

ENTRIES = sorted(catalogue().items())


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _section(text: str, number: str) -> str:
    match = re.search(rf"^## {number}\. .*?(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"section {number} not found in {FACTS}"
    return match.group(0)


@pytest.fixture(scope="module")
def facts() -> str:
    if not FACTS.is_file():
        pytest.skip(f"{FACTS} is absent")
    return FACTS.read_text(encoding="utf-8")


def test_catalogue_is_not_empty_and_has_no_duplicates() -> None:
    # catalogue() itself raises when two JSON files define the same code
    assert len(ENTRIES) >= 3


@pytest.mark.parametrize(("code", "entry"), ENTRIES, ids=[code for code, _ in ENTRIES])
def test_entry_has_english_and_vietnamese(code: str, entry: dict[str, str]) -> None:
    assert set(entry) == LANGUAGES, f"{code}: languages {sorted(entry)}"
    for lang in sorted(LANGUAGES):
        assert isinstance(entry[lang], str), (code, lang)
        assert entry[lang].strip(), f"{code}: empty {lang} text"
    assert entry["vi"] != entry["en"], f"{code}: the Vietnamese text is the English one"


@pytest.mark.parametrize(("code", "entry"), ENTRIES, ids=[code for code, _ in ENTRIES])
def test_placeholders_match_between_languages(code: str, entry: dict[str, str]) -> None:
    en, vi = _fields(entry["en"]), _fields(entry["vi"])
    assert en == vi, f"{code}: en has {sorted(en)}, vi has {sorted(vi)}"
    for name in en:
        assert name.isidentifier(), f"{code}: placeholder {{{name}}} must be a plain name"


@pytest.mark.parametrize(("code", "entry"), ENTRIES, ids=[code for code, _ in ENTRIES])
def test_every_template_renders(code: str, entry: dict[str, str]) -> None:
    params = {name: f"<{name}>" for name in _fields(entry["en"])}
    for lang in sorted(LANGUAGES):
        text = render(code, params, lang)  # a stray brace in a template raises here
        assert all(value in text for value in params.values()), (code, lang, text)


def test_code_literal_pattern_finds_codes_and_skips_prefixes() -> None:
    sample = (
        """f("GS1.INCORRECT_CHECK_DIGIT"); g('EPCIS.MISSING_ACTION'); h(f"GS1.{name}"); "GS1." """
    )
    assert CODE_LITERAL.findall(sample) == ["GS1.INCORRECT_CHECK_DIGIT", "EPCIS.MISSING_ACTION"]


def test_every_code_literal_in_src_has_an_entry() -> None:
    known = catalogue()
    missing = sorted(
        f"{code} ({path.relative_to(REPO)})"
        for path in SRC.rglob("*.py")
        for code in set(CODE_LITERAL.findall(path.read_text(encoding="utf-8")))
        if code not in known
    )
    assert not missing, missing


def _helper_codes(path: Path) -> set[str]:
    """Names given as first argument to a function of ``path`` that builds ``f"AREA.{name}"``."""
    text = path.read_text(encoding="utf-8")
    if not re.search(r'f"(GS1|EPCIS|VNTRACE)\.\{', text):
        return set()
    tree = ast.parse(text)
    helpers: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.args.args:
            first = node.args.args[0].arg
            match = re.search(
                rf'f"(GS1|EPCIS|VNTRACE)\.\{{{first}\}}"', ast.get_source_segment(text, node) or ""
            )
            if match:
                helpers[node.name] = match.group(1)
    return {
        f"{helpers[node.func.id]}.{node.args[0].value}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in helpers
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def test_helper_scan_finds_codes(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        'def _f(code, **p):\n    return Finding(f"GS1.{code}", params=p)\n'
        'def g():\n    return _f("ILLEGAL_DAY"), _f(name), other("X")\n'
    )
    assert _helper_codes(module) == {"GS1.ILLEGAL_DAY"}


def test_every_code_built_by_a_helper_has_an_entry() -> None:
    found = {(code, path) for path in SRC.rglob("*.py") for code in _helper_codes(path)}
    assert len(found) > 20  # the engine modules use such helpers
    missing = sorted(
        f"{code} ({path.relative_to(REPO)})" for code, path in found if code not in catalogue()
    )
    assert not missing, missing


def test_every_linter_error_name_has_an_entry(facts: str) -> None:
    if not _module_exists("vntrace.gs1.linters"):
        pytest.skip("vntrace.gs1.linters is not written yet")
    names = set(re.findall(r"`([A-Z][A-Z0-9_]{3,})`", _section(facts, "2")))
    names = {n for n in names if not re.match(r"VN[0-9]", n)} - NEVER_RETURNED
    assert len(names) > 90  # the table was read, not an empty match
    missing = sorted(f"GS1.{n}" for n in names if f"GS1.{n}" not in catalogue())
    assert not missing, missing


def test_every_engine_error_name_has_an_entry(facts: str) -> None:
    rows = re.findall(r"^\| (`[A-Z].*?) \|.*\| (§[0-9].*?) \|$", _section(facts, "9"), re.MULTILINE)
    assert len(rows) > 30
    checked = 0
    missing = []
    for names_cell, raised_by in rows:
        modules = {
            SECTION_MODULE[s] for s in re.findall(r"§([0-9])", raised_by) if s in SECTION_MODULE
        }
        if not modules or not all(_module_exists(m) for m in modules):
            continue
        for name in set(re.findall(r"`([A-Z][A-Z0-9_]+)`", names_cell)) - NOT_EMITTED:
            checked += 1
            if f"GS1.{name}" not in catalogue():
                missing.append(f"GS1.{name} ({raised_by})")
    if not checked:
        pytest.skip("no GS1 engine module is written yet")
    assert not missing, sorted(missing)
