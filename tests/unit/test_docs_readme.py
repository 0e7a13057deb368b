"""The README's Python examples are doctests: they must run and print what the README says."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from vntrace import epcis, gs1

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
EPCIS_EXAMPLE = REPO / "examples" / "hatinh-pomelo.epcis.jsonld"


def _epcis_ready() -> bool:
    return EPCIS_EXAMPLE.is_file() and all(
        hasattr(epcis, n) for n in ("load", "validate", "iter_events")
    )


def test_readme_starts_with_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    first_block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in first_block.splitlines()] == [
        ["make", "demo"],
        ["make", "test"],
    ]
    assert text.index("make demo") < 200


def test_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 3
    assert all(">>>" in block for block in BLOCKS)


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_block_runs(index: int, monkeypatch: pytest.MonkeyPatch) -> None:
    block = BLOCKS[index]
    if "epcis" in block and not _epcis_ready():
        pytest.skip("vntrace.epcis or the EPCIS example is not there yet")
    monkeypatch.chdir(REPO)  # the examples use paths relative to the repository
    parser = doctest.DocTestParser()
    # the README reads as one session: later blocks use names imported by earlier ones
    test = parser.get_doctest(block, {"gs1": gs1}, f"README.md block {index}", str(README), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out: list[str] = []
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out)
