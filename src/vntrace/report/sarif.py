"""SARIF 2.1.0: findings for code-scanning dashboards (GitHub, GitLab, Azure DevOps, VS Code).

Each finding becomes a ``result`` whose ``ruleId`` is the finding code; the run's rules are the
codes met, each with its English and Vietnamese message templates as help and the standard or legal
article it rests on. Locations carry the file (``artifactLocation``), the line when the record is
a line of a text file (``region.startLine``), and the field as a logical location: a JSON pointer
(``/epcisBody/eventList/2``), an AI (``17``) or a column name.

>>> import json
>>> from vntrace.findings import Finding, Location
>>> from vntrace.report import Record, render
>>> bad = Finding("GS1.ILLEGAL_DAY", location=Location(field="17"))
>>> doc = json.loads(render([Record("(17)260132", [bad], source="dump/lots.txt", number=7)],
...                         "sarif", "en"))
>>> doc["version"], doc["runs"][0]["tool"]["driver"]["rules"][0]["id"]
('2.1.0', 'GS1.ILLEGAL_DAY')
>>> result = doc["runs"][0]["results"][0]
>>> result["level"], result["locations"][0]["physicalLocation"]["region"]
('error', {'startLine': 7})
>>> result["locations"][0]["logicalLocations"]
[{'fullyQualifiedName': '17', 'kind': 'member'}]

The writer streams the results and writes the rule table after them (JSON objects are unordered),
so memory holds only one entry per distinct code.
"""

from __future__ import annotations

import functools
import json
import os
import re
import urllib.parse
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any, TextIO

from vntrace import __version__
from vntrace.findings import Finding, Severity
from vntrace.messages import catalogue
from vntrace.report._base import Record, Result, Summary, as_record, visible
from vntrace.report._people import reference

__all__ = ["SCHEMA_URI", "SarifRenderer"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
"""The ``$schema`` written into every SARIF file."""

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_INPUT_LIMIT = 1000  # characters of the input copied into each result's properties

# JSON allows these raw in strings; escaping them is lossless and keeps viewers from acting on
# them (bidirectional overrides reorder the text shown; lone surrogates have no UTF-8 form).
_ESCAPES = {i: f"\\u{i:04x}" for i in (0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x0085)}
_ESCAPES.update({i: f"\\u{i:04x}" for i in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_ESCAPES.update({i: f"\\u{i:04x}" for i in range(0xD800, 0xE000)})


_NEEDS_ESCAPE = re.compile("[" + "".join(re.escape(chr(i)) for i in sorted(_ESCAPES)) + "]")


def _dumps(obj: Any) -> str:
    text = json.dumps(obj, ensure_ascii=False, default=str)
    return text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text


@functools.lru_cache(maxsize=1024)
def artifact_uri(source: str) -> str:
    r"""A file name as a SARIF ``artifactLocation.uri``: relative stays relative, absolute ``file:``

    >>> artifact_uri("dump/lô 1.csv"), artifact_uri("/srv/in/a.jsonld")
    ('dump/l%C3%B4%201.csv', 'file:///srv/in/a.jsonld')
    >>> artifact_uri(os.fsdecode(b"l\xf4.csv")), artifact_uri("\ud800")
    ('l%F4.csv', '%ED%A0%80')
    """
    if os.sep == "\\" or "\\" in source:
        source = PureWindowsPath(source).as_posix()
    path = PurePosixPath(source)
    try:  # a name the OS gave as bytes (os.fsdecode) gets its own bytes back, percent-encoded
        quoted = urllib.parse.quote(path.as_posix(), safe="/", errors="surrogateescape")
    except UnicodeEncodeError:  # any other lone surrogate: its code unit, never a crash
        quoted = urllib.parse.quote(path.as_posix(), safe="/", errors="surrogatepass")
    return f"file://{quoted}" if path.is_absolute() else quoted


def _logical(field: str) -> dict[str, str]:
    kind = "object" if field.startswith("/") else "member"
    return {"fullyQualifiedName": field, "kind": kind}


class SarifRenderer:
    """SARIF 2.1.0, one run; see the module documentation."""

    def __init__(self, lang: str = "vi") -> None:
        """Write messages in ``lang``."""
        self.lang = lang
        self._rules: dict[str, dict[str, Any]] = {}
        self._count = 0

    def begin(self, out: TextIO) -> None:
        """Open the log, the run and its results array."""
        out.write(f'{{"$schema": "{SCHEMA_URI}", "version": "2.1.0", "runs": [{{"results": [')

    def item(self, out: TextIO, result: Result) -> None:
        """One SARIF result per finding of the record."""
        record = as_record(result)
        for finding in record.findings:
            out.write(",\n" if self._count else "\n")
            self._count += 1
            out.write(_dumps(self._result(record, finding)))

    def _rule_index(self, finding: Finding) -> int:
        rule = self._rules.get(finding.code)
        if rule is None:
            rule = self._rules[finding.code] = self._rule(finding)
        index: int = rule["_index"]
        return index

    def _rule(self, finding: Finding) -> dict[str, Any]:
        texts = catalogue().get(finding.code, {})
        en = texts.get("en", finding.code)
        vi = texts.get("vi", finding.code)
        cited = reference(finding, self.lang)
        help_text = f"{en}\n{vi}" + (f"\n{cited}" if cited else "")
        rule: dict[str, Any] = {
            "_index": len(self._rules),
            "id": finding.code,
            "shortDescription": {"text": vi if self.lang == "vi" else en},
            "fullDescription": {"text": f"{en} / {vi}"},
            "help": {"text": help_text},
            "defaultConfiguration": {"level": _LEVEL[finding.severity]},
            "properties": {"messages": {"en": en, "vi": vi}},
        }
        if cited:
            rule["properties"]["reference"] = cited
        return rule

    def _result(self, record: Record, finding: Finding) -> dict[str, Any]:
        location: dict[str, Any] = {}
        source = record.source if record.source is not None else finding.location.path
        if source is not None:
            physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(source)}}
            if record.unit == "line" and record.number is not None and record.number >= 1:
                physical["region"] = {"startLine": record.number}
            location["physicalLocation"] = physical
        if finding.location.field is not None:
            location["logicalLocations"] = [_logical(finding.location.field)]
        properties: dict[str, Any] = {"input": record.input[:_INPUT_LIMIT]}
        if record.number is not None:
            properties[record.unit] = record.number
        if finding.params:
            properties["params"] = dict(finding.params)
        out: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": self._rule_index(finding),
            "level": _LEVEL[finding.severity],
            "message": {"text": visible(finding.message(self.lang))},
        }
        if location:
            out["locations"] = [location]
        out["properties"] = properties
        return out

    def end(self, out: TextIO, summary: Summary) -> None:
        """Close the results; the tool with its rules, the invocation and the counts."""
        rules = [{k: v for k, v in rule.items() if k != "_index"} for rule in self._rules.values()]
        tool = {
            "driver": {
                "name": "vntrace",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        }
        tail = {
            "tool": tool,
            "invocations": [{"executionSuccessful": True}],
            "language": self.lang,
            "columnKind": "unicodeCodePoints",
            "properties": {"summary": summary.to_dict()},
        }
        out.write(("\n" if self._count else "") + "], " + _dumps(tail)[1:] + "]}\n")
