"""Any text given to ``vntrace gs1 validate|parse`` gives findings or a clean result, never a crash,
and the JSON formats always produce parseable JSON."""

from __future__ import annotations

import contextlib
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from vntrace.cli.main import main

SPECIAL = ["\x00", "é", "\ud800", "\x1d"]
GS1_ALPHABET = st.sampled_from([*"()^]|0123456789CQdeEJ1ABZ-/ \\<>%?=&:.", *SPECIAL])
TEXTS = st.one_of(st.text(), st.lists(GS1_ALPHABET, max_size=60).map("".join)).filter(
    lambda t: t != "-"
)


@given(
    text=TEXTS,
    action=st.sampled_from(["validate", "parse"]),
    fmt=st.sampled_from(["text", "json", "jsonl"]),
)
def test_any_text(text: str, action: str, fmt: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--format", fmt, "gs1", action, "--", text])
    assert code in {0, 1}, err.getvalue()
    assert err.getvalue() == ""
    text_out = out.getvalue()
    if fmt == "json":
        doc = json.loads(text_out)
        assert doc["results"][0]["input"] == text
        assert doc["results"][0]["valid"] is (code == 0)
    elif fmt == "jsonl":
        [line] = text_out.splitlines()
        assert json.loads(line)["valid"] is (code == 0)
    else:
        assert text_out.startswith("✓ " if code == 0 else "✗ ")
