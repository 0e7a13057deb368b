"""Red team: Digital Link, QR, EPC URN⇄DL, event hash and the CLI against hostile input.

Bugs found here were first recorded as strict xfails, then fixed; the tests now pin the fixes.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from redteam_strategies import GS1_TEXT, WRONG_TYPES, check_findings, outcome, timed

from vntrace import epcis
from vntrace.cli.main import main
from vntrace.epcis import epc
from vntrace.errors import VntraceError
from vntrace.gs1 import digital_link, qr

FAST = settings(max_examples=80, deadline=None)

DL_PARTS = [
    *"0123456789/?&=%#:.-_~+;,!'()*$@ ",
    "https://id.gs1.org",
    "/01/",
    "/10/",
    "/21/",
    "/8004/",
    "/00/",
    "/414/",
    "/254/",
    "?17=",
    "&3103=",
    "%2F",
    "%00",
    "%ff",
    "%ED%A0%80",
    "%",
    "%G",
    "\ud800",
    "\x00",
    "é",
    "٠",
    "08934567890120",
    "0893456789012",
    "HTTPS://",
    "#frag",
]
URN_PARTS = [
    *"0123456789.:*%-",
    "urn:epc:id:",
    "urn:epc:idpat:",
    "urn:epc:class:lgtin:",
    "sgtin:",
    "sscc:",
    "sgln:",
    "grai:",
    "giai:",
    "gsrn:",
    "gdti:",
    "sgcn:",
    "cpi:",
    "itip:",
    "upui:",
    "pgln:",
    "8935000.",
    "010017.",
    "%2F",
    "%ff",
    "\ud800",
    "\x00",
    "٠",
    "é",
]
DL_TEXT = st.one_of(GS1_TEXT, st.lists(st.sampled_from(DL_PARTS), max_size=30).map("".join))
URN_TEXT = st.one_of(GS1_TEXT, st.lists(st.sampled_from(URN_PARTS), max_size=20).map("".join))
GCP = st.one_of(
    st.integers(-3, 15),
    st.none(),
    st.sampled_from(WRONG_TYPES),
    st.dictionaries(st.text(max_size=3), st.integers(-2, 14), max_size=2),
)
EVENT = {
    "type": "ObjectEvent",
    "eventTime": "2026-05-12T07:30:00Z",
    "eventTimeZoneOffset": "+07:00",
    "action": "OBSERVE",
    "epcList": ["urn:epc:id:sgtin:8935000.010017.1"],
}


@FAST
@given(text=DL_TEXT)
def test_digital_link_contract(text: str) -> None:
    findings = check_findings(digital_link.validate(text))
    parsed = outcome(digital_link.parse, text)
    assert isinstance(parsed, VntraceError) == bool(findings)
    outcome(digital_link.build, text)
    outcome(digital_link.build, "(01)08934567890120(10)L7", stem=text)


@FAST
@given(urn=URN_TEXT, uri=DL_TEXT, gcp=GCP)
def test_epc_contract(urn: str, uri: str, gcp: Any) -> None:
    outcome(epc.urn_to_dl, urn)
    outcome(epc.urn_to_dl, "urn:epc:id:sgtin:8935000.010017.1", stem=uri)
    outcome(epc.dl_to_urn, uri, gcp)
    outcome(epc.dl_to_urn, "https://id.gs1.org/01/08934567890120/21/1", gcp)
    outcome(epc.parse_urn, urn)
    assert isinstance(epc.is_epc_urn(urn), bool)


@settings(max_examples=25, deadline=None)
@given(
    text=st.one_of(GS1_TEXT, st.binary(max_size=60)),
    error=st.sampled_from(["L", "M", "Q", "H", "X", ""]),
)
def test_qr_contract(text: str | bytes, error: str) -> None:
    outcome(qr.make, text, error=error)


@pytest.mark.parametrize("value", WRONG_TYPES)
def test_wrong_types_passing(value: Any) -> None:
    assert digital_link.validate(value)[0].code == "GS1.INPUT_NOT_TEXT"
    for fn in (digital_link.parse, epc.urn_to_dl, epc.parse_urn, qr.make):
        assert isinstance(outcome(fn, value), VntraceError)
    assert isinstance(outcome(epc.dl_to_urn, value, 7), VntraceError)
    assert epc.is_epc_urn(value) is False
    for fn in (epcis.event_hash, epcis.prehash):
        assert isinstance(outcome(fn, value), VntraceError)


HUGE = [
    "https://id.gs1.org/" + "01/" * 100_000,
    "https://id.gs1.org/01/08934567890120?" + "a=b&" * 100_000,
    "https://id.gs1.org/01/08934567890120/10/" + "%41" * 100_000,
    "https://" + "a" * 500_000,
    "/" * 500_000,
    "urn:epc:id:sgtin:" + "1." * 100_000,
    "urn:epc:id:sgtin:8935000.010017." + "%2F" * 100_000,
    "\ud800" * 200_000,
]


@pytest.mark.parametrize("text", HUGE, ids=lambda t: f"{t[:12]!r}x{len(t)}")
def test_huge_inputs_stay_fast(text: str) -> None:
    check_findings(timed(digital_link.validate, text, limit=0.5))
    timed(digital_link.parse, text, limit=0.5)
    timed(epc.urn_to_dl, text, limit=0.5)
    timed(epc.dl_to_urn, text, 7, limit=0.5)
    timed(epc.parse_urn, text, limit=0.5)


def test_event_hash_of_hostile_events() -> None:
    for extra in (
        {"bizStep": "٠"},
        {"epcList": [5, None]},
        {"ex:a": {"ex:b": [[[]]]}},
        {"type": 5},
    ):
        for fn in (epcis.event_hash, epcis.prehash):
            outcome(fn, {**EVENT, **extra}, context={"ex": "http://ex.vn/"})
    outcome(epcis.event_hash, EVENT, version="9.9")
    outcome(epcis.event_hash, EVENT, algorithm="md5")


# --- bugs first found here as strict xfails, fixed by the lead -------------------------------


@pytest.mark.parametrize("value", [None, 0, 1.5, b"(01)08934567890120", ["(01)x"], object()])
def test_dl_build_wrong_types(value: Any) -> None:
    assert isinstance(outcome(digital_link.build, value), VntraceError)


@pytest.mark.parametrize("value", [None, 0, b"https://id.gs1.org/01/08934567890120", []])
def test_epc_helpers_wrong_types(value: Any) -> None:
    for fn in (epc.canonical_dl, epc.constrain_dl):
        result = outcome(fn, value)
        assert result is None or isinstance(result, VntraceError)


@pytest.mark.parametrize("version", [None, 2, 2.0])
def test_event_hash_non_text_version(version: Any) -> None:
    assert isinstance(outcome(epcis.event_hash, EVENT, version=version), VntraceError)


def test_event_hash_unhashable_algorithm() -> None:
    assert isinstance(outcome(epcis.event_hash, EVENT, algorithm=[]), VntraceError)


@pytest.mark.parametrize(
    "extra", [{"bizStep": "\ud800"}, {"epcList": ["urn:epc:id:sgtin:8935000.010017.\ud800"]}]
)
def test_event_hash_lone_surrogate(extra: dict[str, Any]) -> None:
    assert isinstance(outcome(epcis.event_hash, {**EVENT, **extra}), VntraceError)


# --- the CLI ---------------------------------------------------------------------------------


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"


def _doc(ns: str = "http://ex.vn/", ext: str = '"ex:a": 1') -> bytes:
    return (
        '{"@context": [{"ex": "' + ns + '"}, "' + CONTEXT + '"], "type": "EPCISDocument",'
        ' "schemaVersion": "2.0", "creationDate": "2026-05-12T08:00:00Z", "epcisBody":'
        ' {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE",'
        ' "eventTime": "2026-05-12T07:30:00Z", "eventTimeZoneOffset": "+07:00",'
        ' "epcList": [], ' + ext + "}]}}"
    ).encode()


@pytest.fixture
def hostile_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "ok.json": _doc(),
        "bad-ns.json": _doc(ns="]http://ex.vn/"),
        "deep.json": _doc(ext='"ex:a": ' + '{"ex:b": ' * 700 + "1" + "}" * 700),
        "bigint.json": _doc(ext='"ex:a": 1' + "0" * 5000),
        "cesu.json": _doc(ext='"ex:a": "\\u0041X"').replace(b"X", b"\xed\xa0\x80"),
        "empty.xml": b"",
        "binary.json": b"\xff\xfe\x00\x01",
        "bom.xml": b"\xef\xbb\xbf",
    }
    out = {}
    for name, content in files.items():
        out[name] = tmp_path / name
        out[name].write_bytes(content)
    (tmp_path / "dir.json").mkdir()
    out["dir.json"] = tmp_path / "dir.json"
    out["missing.json"] = tmp_path / "missing.json"
    return out


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_epcis_on_hostile_files(
    hostile_files: dict[str, Path], fmt: str, tmp_path: Path
) -> None:
    for name, path in hostile_files.items():
        for action in (["validate", str(path)], ["hash", str(path)]):
            code, out, err = run_cli("--format", fmt, "epcis", *action)
            assert code in {0, 1, 2}, (name, action, err)
            assert "VNTRACE.INTERNAL" not in err + out, (name, action)
            if fmt == "json" and action[0] == "validate":
                json.loads(out)
        for suffix in (".xml", ".jsonld"):
            code, out, err = run_cli("epcis", "convert", str(path), str(tmp_path / f"out{suffix}"))
            assert code in {0, 1, 2}, (name, suffix, err)
            assert "VNTRACE.INTERNAL" not in err + out, (name, suffix)
    code, _, err = run_cli(
        "epcis", "convert", str(hostile_files["ok.json"]), str(tmp_path / "a\x00.xml")
    )
    assert code in {1, 2}
    assert "VNTRACE.INTERNAL" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["gs1", "validate", "--", "\ud800"],
        ["gs1", "parse", "--", "\x00"],
        ["gs1", "parse", "--", "(01)" + "0" * 200_000],
        ["dl", "parse", "--", "\ud800"],
        ["dl", "build", "--", "(01)08934567890120\ud800"],
        ["dl", "validate", "--", "https://id.gs1.org/01/\ud800"],
        ["dl", "build", "--", ""],
        ["qr", "--", "\ud800"],
        ["qr", "--", ""],
        ["qr", "--border", "-5", "x"],
        ["qr", "--scale", "0", "x"],
        ["qr", "--check-dl", "--", "\ud800"],
    ],
)
def test_cli_hostile_arguments(argv: list[str]) -> None:
    code, out, err = run_cli(*argv)
    assert code in {0, 1, 2}, err
    assert "VNTRACE.INTERNAL" not in err + out


def test_cli_qr_output_path_with_nul(tmp_path: Path) -> None:
    code, _, err = run_cli("qr", "-o", str(tmp_path / "a\x00.svg"), "x")
    assert code in {1, 2}
    assert "VNTRACE.INTERNAL" not in err
