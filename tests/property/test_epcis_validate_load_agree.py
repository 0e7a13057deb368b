"""``validate`` and ``load`` agree (red-team D11), on generated and mutated documents.

* ``validate`` reports no error ⇒ ``load`` succeeds, and ``iter_events`` and ``convert_file``
  see the same events as ``load`` (D2 made streaming and ``load`` disagree);
* ``load`` succeeds ⇒ ``validate`` reports no *syntax* error: the two read the same bytes the
  same way. (``validate`` also checks CBV terms, identifiers and event rules, which ``load``
  does not: a document can load and still be invalid.)

Documents come from the model strategies of ``epcis_io_strategies`` written by our writers, then
mutated at the JSON/XML level (values replaced by hostile ones, keys duplicated or removed,
timestamps and offsets pushed out of range) and at the byte level.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from epcis_io_strategies import documents, json_objects
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redteam_strategies import outcome

from vntrace import epcis
from vntrace.errors import VntraceError

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SYNTAX_CODES = frozenset(
    {
        "EPCIS.MALFORMED_JSON",
        "EPCIS.MALFORMED_XML",
        "EPCIS.XML_DOCTYPE_FORBIDDEN",
        "EPCIS.INVALID_ENCODING",
        "EPCIS.UNKNOWN_FORMAT",
        "EPCIS.JSON_DUPLICATE_KEY",
        "EPCIS.TOO_DEEP",
    }
)
HOSTILE_VALUES: list[Any] = [
    None,
    [],
    {},
    "",
    " ",
    0,
    -1.5,
    True,
    "2026-05-12T07:30:00-14:01",
    "2026-02-30T07:30:00Z",
    "2026-05-12T07:30:00.123456789Z",
    "urn:epc:id:sgtin:4012345.077889.27",
    "ex:undeclared",
    "+14:01",
    "ObjectEvent",
    "\u0000",
]


def _json_mutations(data: Any, rng: random.Random) -> str:
    """The JSON text of ``data`` with one structural mutation (maybe a duplicated key)."""
    objects = json_objects(data)
    target = rng.choice(objects)
    keys = list(target)
    choice = rng.randrange(4)
    if choice == 0 and keys:
        target[rng.choice(keys)] = rng.choice(HOSTILE_VALUES)
    elif choice == 1 and keys:
        del target[rng.choice(keys)]
    elif choice == 2:
        target[rng.choice(["ex:a", "foo", "type", "@context", "eventList"])] = rng.choice(
            HOSTILE_VALUES
        )
    text = json.dumps(data)
    if choice == 3 and keys:  # a repeated key
        key = rng.choice(keys)
        needle = json.dumps(key) + ": "
        at = text.find(needle)
        if at >= 0:
            text = text[:at] + needle + json.dumps(rng.choice(HOSTILE_VALUES)) + ", " + text[at:]
    return text


def _xml_mutation(data: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(4)
    if choice == 0:  # a standard-looking attribute on an element
        at = data.find(b"<", rng.randrange(len(data)))
        end = data.find(b">", at)
        if at >= 0 and end > at and data[at + 1 : at + 2] not in {b"/", b"?", b"!"}:
            attr = rng.choice([b' action="DELETE"', b' type="x"', b' ex:a="1"', b' xml:lang="vi"'])
            cut = end - 1 if data[end - 1 : end] == b"/" else end
            return data[:cut] + attr + data[cut:]
    if choice == 1:  # a value swapped for a hostile one
        for tag in (b"eventTime", b"eventTimeZoneOffset", b"action", b"creationDate"):
            at = data.find(b"<" + tag + b">")
            if at >= 0:
                end = data.find(b"</" + tag + b">", at)
                value = str(rng.choice(HOSTILE_VALUES)).encode()
                return data[: at + len(tag) + 2] + value + data[end:]
    if choice == 2:  # a DOCTYPE in another encoding
        text = data.decode("utf-8").replace("<?xml version='1.0' encoding='UTF-8'?>", "")
        return (
            '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "v">]>' + text
        ).encode("utf-16")
    pos = rng.randrange(len(data))
    return data[:pos] + bytes([rng.randrange(256)]) + data[pos + 1 :]


def _check(data: bytes, tmp_path: Path) -> None:
    found = epcis.validate(data)
    errors = {f.code for f in found if f.is_error}
    try:
        doc = epcis.load(data)
    except VntraceError as exc:
        refused = exc.findings[0].to_dict("en")
    else:
        refused = None
    if refused is not None:
        assert errors, f"validate found no error, load refused: {refused}"
        return
    assert not errors & SYNTAX_CODES, errors
    assert tuple(epcis.iter_events(data)) == doc.events
    if not errors and isinstance(doc, epcis.EPCISDocument):
        source = tmp_path / "in.bin"
        source.write_bytes(data)
        for suffix in (".xml", ".jsonld"):
            out = tmp_path / f"out{suffix}"
            out.unlink(missing_ok=True)
            result = outcome(epcis.convert_file, source, out)
            if isinstance(result, VntraceError):  # what XML cannot hold is refused, not changed
                assert suffix == ".xml", result.findings
                assert result.code.startswith("EPCIS.IO_XML_"), result.findings
                assert not out.exists()
                continue
            assert result == len(doc.events)
            assert epcis.load(out).events == doc.events


@SETTINGS
@given(doc=documents, seed=st.integers(0, 2**32 - 1))
def test_mutated_json_documents(doc: Any, seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    data = json.loads(epcis.dump_json(doc))
    text = _json_mutations(data, rng) if rng.random() < 0.9 else json.dumps(data)
    _check(text.encode("utf-8", "surrogatepass"), tmp_path)


@SETTINGS
@given(doc=documents, seed=st.integers(0, 2**32 - 1))
def test_mutated_xml_documents(doc: Any, seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    data = epcis.dump_xml(doc)
    _check(_xml_mutation(data, rng) if rng.random() < 0.9 else data, tmp_path)


@SETTINGS
@given(doc=documents, seed=st.integers(0, 2**32 - 1), qualified=st.booleans())
def test_an_attribute_added_anywhere_is_kept_or_refused(
    doc: Any, seed: int, qualified: bool
) -> None:
    """Lossless: an attribute on any element either reaches the loaded data (and is written
    back) or the document is refused — never read and dropped."""
    rng = random.Random(seed)
    data = epcis.dump_xml(doc)
    starts = [i for i in range(len(data) - 1) if data[i] == ord("<") and chr(data[i + 1]).isalpha()]
    at = rng.choice(starts)
    end = data.find(b">", at)
    cut = end - 1 if data[end - 1 : end] == b"/" else end
    attribute = b' xmlns:qq="urn:qq" qq:zqzq="1"' if qualified else b' zqzq="1"'
    mutated = data[:cut] + attribute + data[cut:]
    try:
        loaded = epcis.load(mutated)
    except VntraceError:
        return
    assert b"zqzq" in epcis.dump_xml(loaded), mutated[at : cut + len(attribute) + 1]


@SETTINGS
@given(
    doc=documents,
    seed=st.integers(0, 2**32 - 1),
    key=st.sampled_from(["zqzq", "ex:zqzq", "@zqzq"]),
)
def test_a_member_added_to_any_json_object_is_kept_or_refused(
    doc: Any, seed: int, key: str
) -> None:
    """Lossless, JSON side: a member added to any object (outside ``@context``, which holds
    syntax, not data) reaches the loaded data or the document is refused."""
    data = json.loads(epcis.dump_json(doc))
    objects = json_objects(data, skip=frozenset({"@context"}))
    target = random.Random(seed).choice(objects)
    target[key] = "1"
    if key.startswith("ex:") and "ex" not in str(data["@context"]):
        data["@context"] = [*data["@context"], {"ex": "https://ex.vn/"}]
    try:
        loaded = epcis.load(json.dumps(data).encode())
    except VntraceError:
        return
    assert b"zqzq" in epcis.dump_json(loaded), target
    written = outcome(epcis.dump_xml, loaded)
    if not isinstance(written, VntraceError):  # XML holds it, or says it cannot
        assert epcis.load(written) == loaded, target


@SETTINGS
@given(doc=documents, seed=st.integers(0, 2**32 - 1))
def test_text_added_anywhere_is_kept_or_refused(doc: Any, seed: int) -> None:
    """Lossless: text put after any tag (inside an element or after it) reaches the loaded
    data or the document is refused — never read and dropped."""
    data = epcis.dump_xml(doc)
    ends = [i + 1 for i in range(len(data)) if data[i] == ord(">")][:-1]
    at = random.Random(seed).choice(ends)
    mutated = data[:at] + b"ZQZQ" + data[at:]
    try:
        loaded = epcis.load(mutated)
    except VntraceError:
        return
    assert b"ZQZQ" in epcis.dump_xml(loaded), mutated[max(0, at - 80) : at + 40]
