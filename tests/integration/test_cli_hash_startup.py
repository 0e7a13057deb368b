"""``vntrace epcis hash`` starts light: no typed model, no other command's modules (issue 7, H7).

On a 5,000-event file the command's start-up weighs as much as hashing a third of the events,
so what it imports is part of its speed. A fresh interpreter hashes a JSON-LD file through
``main`` and reports which heavy modules were loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DOC = {
    "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
    "type": "EPCISDocument",
    "schemaVersion": "2.0",
    "creationDate": "2026-05-31T00:00:00Z",
    "epcisBody": {
        "eventList": [
            {
                "type": "ObjectEvent",
                "action": "OBSERVE",
                "eventTime": "2026-05-12T07:30:00Z",
                "eventTimeZoneOffset": "+07:00",
                "epcList": ["urn:epc:id:sgtin:8934567.089012.1"],
            }
        ]
    },
}
CHILD = """
import io, json, sys
from vntrace.cli.main import main
out = io.StringIO()
real, sys.stdout = sys.stdout, out
code = main(["epcis", "hash", sys.argv[1]])
sys.stdout = real
heavy = ["pydantic", "vntrace.epcis.model", "vntrace.epcis.jsonld", "vntrace.tcvn",
         "vntrace.signing", "vntrace.conformance", "vntrace.bulk", "importlib.resources"]
print(json.dumps({"code": code, "out": out.getvalue(),
                  "loaded": [m for m in heavy if m in sys.modules]}))
"""


def test_hash_command_imports_no_model_and_no_other_command(tmp_path: Path) -> None:
    path = tmp_path / "doc.jsonld"
    path.write_text(json.dumps(DOC), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")},
    )
    result = json.loads(done.stdout)
    assert result["code"] == 0
    assert result["out"].startswith("ni:///sha-256;")
    assert result["loaded"] == []
