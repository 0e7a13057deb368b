"""JUnit XML: one ``<testsuite>`` per input file, one ``<testcase>`` per record (line, row, event).

What CI systems (GitLab, Jenkins, GitHub test reporters, pytest-style tools) read: a record with an
error finding is a failed test case with one ``<failure>`` per error, whose ``type`` is the finding
code and whose ``message`` is the rendered message; warnings and notes go to ``<system-out>``
(with ``fail_on="warning"``, warnings are failures too).

>>> from vntrace.findings import Finding, Location
>>> from vntrace.report import Record, render
>>> bad = Finding("GS1.INCORRECT_CHECK_DIGIT", params={"expected": "0", "got": "9"},
...               location=Location(field="01", start=13, length=1))
>>> print(render([Record("(01)08934567890129", [bad], source="gtins.txt", number=2)],
...              "junit", "en"), end="")
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="vntrace">
<testsuite name="gtins.txt" tests="1" failures="1" errors="0" skipped="0">
<testcase classname="gtins.txt" name="line 2: (01)08934567890129">
<failure type="GS1.INCORRECT_CHECK_DIGIT" message="Incorrect check digit: expected 0, found 9">error
 GS1.INCORRECT_CHECK_DIGIT (at 01, character 14): Incorrect check digit:
 expected 0, found 9</failure>
</testcase>
</testsuite>
</testsuites>

The writer streams: test cases of the current file are spooled (in memory up to a few megabytes,
then in a temporary file) until the file changes, since a ``<testsuite>`` opens with its counts.
Inputs without a source form one suite named ``vntrace``. Every value is made visible
(:func:`~vntrace.report.visible`) and XML-escaped, so the file is well-formed whatever the input.
"""

from __future__ import annotations

import tempfile
from typing import IO, TextIO
from xml.sax.saxutils import escape, quoteattr

from vntrace.findings import Finding, Severity
from vntrace.report._base import FailOn, Record, Result, Summary, as_record, visible
from vntrace.report._people import SEVERITY, finding_place, record_label

__all__ = ["JunitRenderer"]

_SPOOL_IN_MEMORY = 4 * 1024 * 1024
_NAME_LIMIT = 200  # characters of the input shown in a test case name
_DEFAULT_SUITE = "vntrace"


def _text(value: str) -> str:
    return escape(visible(value))


def _attr(value: str) -> str:
    return quoteattr(visible(value), {"\n": "&#10;", "\t": "&#9;"})


def _shorten(text: str) -> str:
    return text if len(text) <= _NAME_LIMIT else text[: _NAME_LIMIT - 1] + "…"


class JunitRenderer:
    """JUnit XML, streamed suite by suite; see the module documentation."""

    def __init__(self, lang: str = "vi", *, fail_on: FailOn = "error") -> None:
        """Write messages in ``lang``; ``fail_on="warning"`` makes warnings failures too."""
        self.lang = lang
        self.fail_on = fail_on
        self._failing = {Severity.ERROR} | ({Severity.WARNING} if fail_on == "warning" else set())
        self._suite: str | None = None
        self._spool: IO[str] | None = None
        self._tests = 0
        self._failures = 0

    def begin(self, out: TextIO) -> None:
        """The XML declaration and the root element."""
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="vntrace">\n')

    def item(self, out: TextIO, result: Result) -> None:
        """One test case, in the suite of its file."""
        record = as_record(result)
        suite = record.source
        if suite is None:
            suite = next(
                (f.location.path for f in record.findings if f.location.path is not None),
                _DEFAULT_SUITE,
            )
        if suite != self._suite or self._spool is None:
            self._flush(out)
            self._suite = suite
            self._spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed in _flush
                max_size=_SPOOL_IN_MEMORY, mode="w+", encoding="utf-8"
            )
        self._tests += 1
        self._spool.write(self._testcase(record, suite))

    def _testcase(self, record: Record, suite: str) -> str:
        label = record_label(record, self.lang, self._tests)
        name = f"{label}: {_shorten(record.input)}" if label else _shorten(record.input)
        errors = [f for f in record.findings if f.severity in self._failing]
        others = [f for f in record.findings if f.severity not in self._failing]
        if errors:
            self._failures += 1
        parts = [f"<testcase classname={_attr(suite)} name={_attr(name)}>\n"]
        for f in errors:
            message = f.message(self.lang)
            parts.append(
                f"<failure type={_attr(f.code)} message={_attr(message)}>"
                f"{_text(self._line(f, message))}</failure>\n"
            )
        if others:
            body = "\n".join(self._line(f, f.message(self.lang)) for f in others)
            parts.append(f"<system-out>{_text(body)}</system-out>\n")
        if len(parts) == 1:
            return parts[0][:-2] + "/>\n"
        parts.append("</testcase>\n")
        return "".join(parts)

    def _line(self, finding: Finding, message: str) -> str:
        head = f"{SEVERITY.get(self.lang, SEVERITY['en'])[finding.severity]} {finding.code}"
        place = finding_place(finding.location, self.lang)
        if place:
            head += f" ({place})"
        line = f"{head}: {message}"
        markup = finding.params.get("markup")
        if markup not in (None, ""):
            line += f"\n    {markup}"
        return line

    def _flush(self, out: TextIO) -> None:
        if self._spool is None or self._suite is None:
            return
        out.write(
            f'<testsuite name={_attr(self._suite)} tests="{self._tests}"'
            f' failures="{self._failures}" errors="0" skipped="0">\n'
        )
        self._spool.seek(0)
        while chunk := self._spool.read(1 << 16):
            out.write(chunk)
        out.write("</testsuite>\n")
        self._spool.close()
        self._spool = None
        self._tests = self._failures = 0

    def end(self, out: TextIO, summary: Summary) -> None:
        """The last suite and the closing root element."""
        del summary
        self._flush(out)
        out.write("</testsuites>\n")
