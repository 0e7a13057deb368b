"""The committed CBV table is what ``scripts/gen_cbv.py`` generates from the GS1 artefacts."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from vntrace.epcis import cbv

pytestmark = pytest.mark.conformance

REPO = Path(__file__).resolve().parents[2]


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("gen_cbv", REPO / "scripts" / "gen_cbv.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_cbv"] = module
    spec.loader.exec_module(module)
    return module


def _strip_date(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if " on 20" not in line)


def test_table_is_regenerated_identically(reference: Path) -> None:
    gen = _generator()
    text = gen.generate(reference / "epcis")  # type: ignore[attr-defined]
    committed = (REPO / "src" / "vntrace" / "epcis" / "_cbvtable.py").read_text(encoding="utf-8")
    assert _strip_date(text) == _strip_date(committed)


def test_every_context_term_maps_to_our_web_uri(reference: Path) -> None:
    files = {
        "bizstep": "cbv-context-bizstep.jsonld",
        "disp": "cbv-context-disposition.jsonld",
        "btt": "cbv-context-biztransaction-type.jsonld",
        "sdt": "cbv-context-sourcedest-type.jsonld",
        "er": "cbv-context-error-reason.jsonld",
        "comp": "cbv-context-component.jsonld",
        "measurement": "gs1-context-measurement-type.jsonld",
        "alert": "gs1-context-sensor-alert-type.jsonld",
    }
    for vocab, name in files.items():
        ctx = json.loads((reference / "epcis" / "JSON-LD-Context" / name).read_text("utf-8"))
        ctx = ctx["@context"]
        for term, curie in ctx.items():
            if term.startswith("@") or not isinstance(curie, str) or ":" not in curie:
                continue
            if term in {"cbv", "gs1"}:
                continue
            prefix, local = curie.split(":", 1)
            assert cbv.web_uri(term, vocab) == ctx[prefix] + local
