"""The conformance kit: certify the files a system produces, the way a conformance suite does.

:func:`run` walks a folder, recognises each file by its content (EPCIS documents, lists of Digital
Link stamps, element strings or GTINs, lists of signed stamps checked against the trust list or
public keys beside them, and lot dossiers once :mod:`vntrace.tcvn` checks them),
runs every check that applies and yields one :class:`~vntrace.report.Record` per line, event or
dossier. :func:`certify` writes ``report.xml`` (JUnit, for CI) and ``report.html`` (for people)
from the same run; ``vntrace conformance run DIR -o OUTDIR`` is the command.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "stamps.txt").write_text(
...     "https://id.gs1.org/01/08934567890120/10/LOT1\\n"
...     "https://id.gs1.org/01/08934567890129/10/LOT2\\n", encoding="utf-8")
>>> [(r.source, r.number, [f.code for f in r.findings]) for r in run(folder)]
[('stamps.txt', 1, []), ('stamps.txt', 2, ['GS1.INCORRECT_CHECK_DIGIT'])]

Profiles: ``vendor`` (default) certifies a vendor's system, so a warning fails too and a file no
checker recognises is a warning; ``portal`` is what a provincial portal applies to what it
receives: only errors fail, unrecognised files are noted.

Checkers are a small registry keyed by file kind: :func:`register` adds one (a ``detect`` that
looks at the file name and its first 64 KB of text, and a ``check`` that yields records), so a
new kind of file (signed stamps with a trust list, bulk dumps) plugs in with a few lines.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

from vntrace import gs1
from vntrace.errors import VntraceError, os_reason
from vntrace.findings import Finding, ParamValue, Severity
from vntrace.report import Record, Renderer, Summary, atomic_output, fails
from vntrace.report.html import HtmlRenderer
from vntrace.report.junit import JunitRenderer

__all__ = [
    "PROFILES",
    "PUBLIC_KEY_SUFFIX",
    "ROOT_KEY_SUFFIX",
    "TRUST_LIST_SUFFIX",
    "Checker",
    "Profile",
    "Result",
    "certify",
    "check_code",
    "check_file",
    "checkers",
    "register",
    "run",
]

Profile = Literal["portal", "vendor"]
PROFILES: tuple[Profile, ...] = ("vendor", "portal")
"""The profiles, the default first."""

_HEAD = 64 * 1024  # bytes read to recognise a file
_TEXT_SUFFIXES = frozenset({".txt", ".lst", ".list", ".uri", ".uris", ""})
_EPCIS_SUFFIXES = frozenset({".json", ".jsonld", ".xml"})
_EPCIS_MARK = re.compile(r"EPCISDocument|EPCISQueryDocument|epcisBody|EPCISBody")
_NI = re.compile(r"ni:///(?P<alg>[^;?#]+);[0-9A-Fa-f]+(?:\?ver=CBV(?P<ver>[0-9.]+))?\Z")
_DIGITS = re.compile(r"[0-9]+\Z")


@dataclass(frozen=True, slots=True)
class Checker:
    """How one kind of file is recognised and checked."""

    kind: str
    """A short name (``epcis``, ``codes``, ``dossier``), shown in reports."""
    detect: Callable[[Path, str], bool]
    """``detect(path, head)``: ``True`` when this checker handles the file (``head`` is its first
    64 KB decoded as UTF-8 with replacement characters)."""
    check: Callable[[Path, str], Iterator[Record]]
    """``check(path, source)``: records for the file, ``source`` being the name reports show."""


_REGISTRY: list[Checker] = []


def register(checker: Checker, *, first: bool = False) -> None:
    """Add a checker; ``first=True`` puts it before the built-in ones (it is tried first).

    >>> register(Checker("csv-dump", lambda path, head: path.suffix == ".csv",
    ...                  lambda path, source: iter(())))
    >>> [c.kind for c in checkers()][-1]
    'csv-dump'
    >>> _ = _REGISTRY.pop()
    """
    if first:
        _REGISTRY.insert(0, checker)
    else:
        _REGISTRY.append(checker)


def checkers() -> tuple[Checker, ...]:
    """The checkers, in the order they are tried."""
    return tuple(_REGISTRY)


# -- lists of codes: Digital Link stamps, element strings, GTINs, one per line -------------------


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        for number, raw in enumerate(f, start=1):
            line = raw.rstrip("\r\n")
            if number == 1:
                line = line.removeprefix("\ufeff")
            if line.strip() and not line.startswith("#"):
                yield number, line


def _first_line(head: str) -> str | None:
    for raw in head.removeprefix("\ufeff").splitlines():
        if raw.strip() and not raw.startswith("#"):
            return raw.strip()
    return None


def _is_code_list(path: Path, head: str) -> bool:
    if path.suffix.lower() not in _TEXT_SUFFIXES or "\x00" in head:
        return False
    line = _first_line(head)
    return line is not None and (
        line.lower().startswith(("http://", "https://"))
        or line.startswith(("(", "]", "^"))
        or _DIGITS.match(line) is not None
    )


def _raised(check: Callable[[], object]) -> list[Finding]:
    try:
        check()
    except VntraceError as exc:
        return list(exc.findings)
    return []


def check_code(line: str) -> list[Finding]:
    """One line of a code list, by its shape: a URI, a GTIN (8, 12, 13 or 14 digits), else GS1
    element string in any form (bracketed, FNC1 data, scan data).

    >>> [f.code for f in check_code("08934567890129")]
    ['GS1.INCORRECT_CHECK_DIGIT']
    >>> check_code("https://id.gs1.org/01/08934567890120"), check_code("(01)08934567890120")
    ([], [])
    """
    if line.lower().startswith(("http://", "https://")):
        return gs1.digital_link.validate(line)
    if _DIGITS.match(line) and len(line) in (8, 12, 13, 14):
        return _raised(lambda: gs1.gtin.validate(line))
    return gs1.validate(line)


def _check_code_list(path: Path, source: str) -> Iterator[Record]:
    for number, line in _lines(path):
        yield Record(line, check_code(line), source=source, number=number)


# -- EPCIS documents: schema and rules, then every event hash ID the document declares ---------


def _is_epcis(path: Path, head: str) -> bool:
    return path.suffix.lower() in _EPCIS_SUFFIXES and _EPCIS_MARK.search(head) is not None


def _hash_findings(event: Any) -> list[Finding]:
    declared = getattr(event, "event_id", None)
    if not isinstance(declared, str):
        return []
    match = _NI.match(declared)
    if match is None:
        return []
    from vntrace import epcis  # noqa: PLC0415 - pydantic and lxml load only for EPCIS files

    try:
        computed = epcis.event_hash(event, match["ver"] or "2.0", match["alg"])
    except VntraceError as exc:
        return list(exc.findings)
    if computed.lower() == declared.lower():
        return []
    params = {"expected": computed, "found": declared}
    return [Finding("VNTRACE.CONFORMANCE_EVENT_HASH_MISMATCH", params=params)]


def _check_epcis(path: Path, source: str) -> Iterator[Record]:
    from vntrace import epcis  # noqa: PLC0415 - pydantic and lxml load only for EPCIS files

    findings = epcis.validate(path)
    by_event: dict[int, list[Finding]] = {}
    document: list[Finding] = []
    for finding in findings:
        row = finding.location.row
        (by_event.setdefault(row, []) if row is not None else document).append(finding)
    events = 0
    if not any(f.is_error for f in document):
        try:
            for i, event in enumerate(epcis.iter_events(path)):
                events += 1
                label = " ".join(
                    str(part) for part in (type(event).__name__, event.biz_step) if part
                )
                found = by_event.pop(i, []) + _hash_findings(event)
                yield Record(label, found, source=source, number=i + 1, unit="event")
        except VntraceError as exc:
            if not any(f.is_error for f in findings):  # else validate already said why
                document.extend(exc.findings)
    for i in sorted(by_event):  # events the reader could not give back
        yield Record(source, by_event[i], source=source, number=i + 1, unit="event")
    if document or not events:
        yield Record(source, document, source=source, unit="record")


# -- lot dossiers (vntrace.tcvn) -----------------------------------------------------------------


def _tcvn() -> Any:
    """:mod:`vntrace.tcvn` when it can load and check dossiers, else ``None``."""
    try:
        tcvn = importlib.import_module("vntrace.tcvn")
    except ImportError:
        return None
    return tcvn if hasattr(tcvn, "load_dossier") and hasattr(tcvn, "check") else None


def _is_dossier(path: Path, head: str) -> bool:
    if path.suffix.lower() != ".json" or _tcvn() is None:
        return False
    return all(f'"{key}"' in head for key in ("product", "producer", "lot"))


def _check_dossier(path: Path, source: str) -> Iterator[Record]:
    tcvn = _tcvn()
    try:
        dossier = tcvn.load_dossier(path)
    except VntraceError as exc:
        yield Record(source, list(exc.findings), source=source, unit="record")
        return
    yield Record(source, list(tcvn.check(dossier)), source=source, unit="record")


# -- signed stamps (vntrace.signing): lists of stamps carrying (8030), and the trust beside them ---

TRUST_LIST_SUFFIX = ".trustlist.jws"
"""A signed trust list in a stamp list's folder ends with this (``portal.trustlist.jws``)."""
ROOT_KEY_SUFFIX = ".root.pem"
"""The root public key that signed that trust list ends with this (``vn-ntp.root.pem``)."""
PUBLIC_KEY_SUFFIX = ".pub.pem"
"""Without a trust list, public keys trusted directly end with this (``line-3.pub.pem``)."""
_SIGNED_MARK = re.compile(r"[?&]8030=|\(8030\)")
_TRUST_SUFFIXES = (TRUST_LIST_SUFFIX, ROOT_KEY_SUFFIX, PUBLIC_KEY_SUFFIX)


def _is_signed_list(path: Path, head: str) -> bool:
    if not _is_code_list(path, head):
        return False
    line = _first_line(head)
    return line is not None and _SIGNED_MARK.search(line) is not None


def _beside(folder: Path, suffix: str) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(suffix) and p.is_file())


def _load_trust(folder: Path) -> tuple[Any, list[Finding]]:
    """The trust in ``folder``: a signed trust list with its root key, else the public keys
    there; ``None`` with the findings that say why there is none."""
    from vntrace import signing  # noqa: PLC0415 - cryptography loads only for signed stamps

    try:
        lists, roots = _beside(folder, TRUST_LIST_SUFFIX), _beside(folder, ROOT_KEY_SUFFIX)
        publics = _beside(folder, PUBLIC_KEY_SUFFIX)
        if lists:
            for found, suffix in ((lists, TRUST_LIST_SUFFIX), (roots, ROOT_KEY_SUFFIX)):
                if len(found) != 1:
                    params: dict[str, str | int] = {"count": len(found), "suffix": suffix}
                    params["folder"] = folder.name or "."
                    return None, [Finding("SIGNING.CONFORMANCE_TRUST_AMBIGUOUS", params=params)]
            root = signing.load_public_key(roots[0].read_bytes())
            return signing.TrustList.load(lists[0].read_bytes(), root), []
        if publics:
            return [signing.load_public_key(p.read_bytes()) for p in publics], []
    except VntraceError as exc:
        return None, list(exc.findings)
    except OSError as exc:
        reason = os_reason(exc)
        return None, [
            Finding("VNTRACE.CANNOT_READ_INPUT", params={"path": folder.name, "reason": reason})
        ]
    names = {"trust_list": TRUST_LIST_SUFFIX, "root_key": ROOT_KEY_SUFFIX}
    names |= {"folder": folder.name or ".", "public_key": PUBLIC_KEY_SUFFIX}
    return None, [Finding("SIGNING.CONFORMANCE_NO_TRUST", params=names)]


def _check_signed_list(path: Path, source: str) -> Iterator[Record]:
    from vntrace import signing  # noqa: PLC0415 - cryptography loads only for signed stamps

    trust, problems = _load_trust(path.parent)
    if problems:  # the stamps are still read: each is then an unknown key, or worse
        yield Record(source, problems, source=source, unit="record")
    keys = trust if trust is not None else []
    for number, line in _lines(path):
        verification = signing.verify_stamp(line, keys)
        yield Record(line, list(verification.findings), source=source, number=number)


def _is_trust_file(path: Path, head: str) -> bool:
    return path.name.endswith(_TRUST_SUFFIXES) and "\x00" not in head


def _check_trust_file(path: Path, source: str) -> Iterator[Record]:
    from vntrace import signing  # noqa: PLC0415 - cryptography loads only for signed stamps

    findings: list[Finding] = []
    if path.name.endswith(TRUST_LIST_SUFFIX):
        trust, findings = _load_trust(path.parent)
        if trust is not None and trust.is_stale():
            stale = trust.next_update.isoformat()
            findings = [Finding("SIGNING.TRUST_LIST_STALE", params={"next_update": stale})]
    else:
        try:
            findings = _raised(lambda: signing.load_public_key(path.read_bytes()))
        except OSError as exc:
            params: dict[str, ParamValue] = {"path": source, "reason": os_reason(exc)}
            findings = [Finding("VNTRACE.CANNOT_READ_INPUT", params=params)]
    yield Record(source, findings, source=source, unit="record")


register(Checker("signed-stamps", _is_signed_list, _check_signed_list))
register(Checker("stamp-trust", _is_trust_file, _check_trust_file))
register(Checker("epcis", _is_epcis, _check_epcis))
register(Checker("dossier", _is_dossier, _check_dossier))
register(Checker("codes", _is_code_list, _check_code_list))


# -- the run -------------------------------------------------------------------------------------


def _files(folder: Path, skip: Path | None = None) -> Iterator[Path]:
    """Files under ``folder``, sorted, hidden files and folders skipped, links not followed;
    ``skip`` (the reports' own folder when it lies inside) is left out."""
    skipped = skip.resolve() if skip is not None else None
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and (skipped is None or (Path(root) / d).resolve() != skipped)
        )
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and not path.is_symlink():
                yield path


def _head(path: Path) -> str:
    with path.open("rb") as f:
        return f.read(_HEAD).decode("utf-8", errors="replace")


def check_file(
    path: str | os.PathLike[str], *, source: str | None = None, profile: Profile = "vendor"
) -> Iterator[Record]:
    """Check one file with the first checker that recognises it; ``source`` names it in reports
    (default: the file name).

    A file no checker recognises gives one record with ``VNTRACE.CONFORMANCE_UNRECOGNISED_FILE``
    (a warning under ``vendor``, a note under ``portal``); an unreadable file gives
    ``VNTRACE.CANNOT_READ_INPUT``.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "notes.md"
    >>> _ = path.write_text("# notes", encoding="utf-8")
    >>> [(r.source, [f.code for f in r.findings]) for r in check_file(path, profile="portal")]
    [('notes.md', ['VNTRACE.CONFORMANCE_UNRECOGNISED_FILE'])]
    """
    file = Path(path)
    name = source if source is not None else file.name
    try:
        head = _head(file)
    except OSError as exc:
        params: dict[str, ParamValue] = {"path": name, "reason": os_reason(exc)}
        yield Record(
            name, [Finding("VNTRACE.CANNOT_READ_INPUT", params=params)], source=name, unit="record"
        )
        return
    checker = next((c for c in _REGISTRY if c.detect(file, head)), None)
    if checker is None:
        severity = Severity.WARNING if profile == "vendor" else Severity.INFO
        finding = Finding("VNTRACE.CONFORMANCE_UNRECOGNISED_FILE", severity, {"path": name})
        yield Record(name, [finding], source=name, unit="record")
        return
    yield from checker.check(file, name)


def run(
    folder: str | os.PathLike[str],
    *,
    profile: Profile = "vendor",
    skip: str | os.PathLike[str] | None = None,
) -> Iterator[Record]:
    """Check every file under ``folder`` (see :func:`check_file`); one record per line, event or
    dossier, in path order, each file named by its path relative to ``folder``; the folder
    ``skip`` (where reports are written, if inside) is not checked.

    A missing folder raises :class:`~vntrace.errors.VntraceError` (``VNTRACE.CANNOT_READ_INPUT``).
    """
    root = Path(folder)
    if not root.is_dir():
        params = {"path": str(root), "reason": "not a folder"}
        raise VntraceError(Finding("VNTRACE.CANNOT_READ_INPUT", params=params))
    for path in _files(root, Path(skip) if skip is not None else None):
        yield from check_file(path, source=path.relative_to(root).as_posix(), profile=profile)


@dataclass(frozen=True, slots=True)
class Result:
    """What :func:`certify` found and wrote."""

    summary: Summary
    """The counts over every record."""
    profile: Profile
    """The profile applied."""
    passed_records: int
    """Records with nothing that fails under the profile."""
    files: tuple[Path, ...]
    """The report files written (``report.xml``, ``report.html``)."""

    @property
    def passed(self) -> bool:
        """``True`` when nothing fails under the profile (no error; ``vendor``: no warning)."""
        return self.passed_records == self.summary.inputs

    @property
    def exit_code(self) -> int:
        """``0`` when passed, else ``1``."""
        return 0 if self.passed else 1


def _fail_on(profile: Profile) -> Literal["error", "warning"]:
    return "warning" if profile == "vendor" else "error"


def _tee(results: Iterable[Record], targets: Sequence[tuple[TextIO, Renderer]]) -> Summary:
    """Render one stream of records into several reports in one pass."""
    summary = Summary()
    for out, renderer in targets:
        renderer.begin(out)
    for record in results:
        summary.add(record.findings)
        for out, renderer in targets:
            renderer.item(out, record)
    for out, renderer in targets:
        renderer.end(out, summary)
    return summary


_TITLE = {
    "vi": "Kiểm tra hợp chuẩn: {folder} — {profile}",
    "en": "Conformance: {folder} — {profile}",
}
_PROFILE_NAME = {
    "vi": {"vendor": "chứng nhận nhà cung cấp", "portal": "tiếp nhận của cổng thông tin"},
    "en": {"vendor": "vendor certification", "portal": "portal intake"},
}


def certify(
    folder: str | os.PathLike[str],
    outdir: str | os.PathLike[str],
    *,
    profile: Profile = "vendor",
    lang: str = "vi",
) -> Result:
    """Run :func:`run` and write ``outdir/report.xml`` (JUnit) and ``outdir/report.html``.

    Both files are written atomically (``outdir`` is created if needed); the result says whether
    the folder passed under ``profile``.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "gtins.txt").write_text("08934567890120\\n", encoding="utf-8")
    >>> result = certify(folder, folder / "out", lang="en")
    >>> result.passed, result.summary.inputs, [p.name for p in result.files]
    (True, 1, ['report.xml', 'report.html'])
    """
    out = Path(outdir)
    if profile not in PROFILES:
        msg = f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}"
        raise ValueError(msg)
    with contextlib.suppress(OSError):  # atomic_output then reports the folder and the reason
        out.mkdir(parents=True, exist_ok=True)
    xml_path, html_path = out / "report.xml", out / "report.html"
    fail_on = _fail_on(profile)
    words = "vi" if lang == "vi" else "en"
    title = _TITLE[words].format(folder=Path(folder).name, profile=_PROFILE_NAME[words][profile])
    passed = [0]

    def watch(records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            passed[0] += not fails(record.findings, fail_on)
            yield record

    with atomic_output(xml_path) as xml_out, atomic_output(html_path) as html_out:
        summary = _tee(
            watch(run(folder, profile=profile, skip=out)),
            [
                (xml_out, JunitRenderer(lang, fail_on=fail_on)),
                (html_out, HtmlRenderer(lang, title=title, fail_on=fail_on)),
            ],
        )
    return Result(summary, profile, passed[0], (xml_path, html_path))
