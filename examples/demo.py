"""``make demo``: a Hà Tĩnh traceability portal's intake of what producers sent, with vntrace's API.

Each section checks one kind of data and returns its records; all of them end up in one HTML report
(``demo-report.html``) that an inspector can open:

1. ``hatinh-dump.csv`` — producers' rows: each GS1 element string as scanned (bracketed, FNC1 data
   with ``<GS>`` standing for the GS separator, or scan data with a symbology identifier such as
   ``]C1``/``]Q3``/``]d2``), the GTIN column, the producer's tax code (mã số thuế), and whether the
   scanned (01), (10) and (17) agree with the GTIN, lot and expiry columns.
2. ``hatinh-stamps.txt`` — GS1 Digital Link URIs read from QR stamps (one per line), when present.
3. ``hatinh-pomelo.epcis.jsonld`` — an EPCIS 2.0 document following a lot of Phúc Trạch pomelos,
   when present: validation and the event hash of every event.
4. ``dossiers/`` — lot dossiers (hồ sơ lô hàng) of five Hà Tĩnh products checked against the
   Vietnamese regimes (Decree 37/2026/NĐ-CP, Circular 31/2026/TT-BCT), each finding with the
   article it rests on (:func:`check_dossiers`).

A new section (the lot dossiers of ``examples/dossiers/`` with :mod:`vntrace.tcvn`, a bulk check of
the dump with :mod:`vntrace.bulk`) is one function ``(lang) -> Section`` added to ``SECTIONS``.

Usage: ``python examples/demo.py [--lang vi|en] [--output demo-report.html]`` (default ``vi``). The
data is deliberately imperfect, so problems are expected: the exit code is 0 whenever the demo ran
to the end (2 when the HTML report cannot be written).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vntrace import VntraceError, conformance, gs1
from vntrace.findings import Finding, Location, has_errors
from vntrace.report import Record, ReportOutputError, write_file
from vntrace.report.html import HtmlRenderer
from vntrace.report.text import format_finding

HERE = Path(__file__).resolve().parent
DUMP = HERE / "hatinh-dump.csv"
STAMPS = HERE / "hatinh-stamps.txt"
EPCIS_DOC = HERE / "hatinh-pomelo.epcis.jsonld"
REPORT = Path("demo-report.html")
DOSSIERS = HERE / "dossiers"
DOSSIER_DATE = "2027-02-01"  # ND37 and TT31 in force; TT31's full traceability has begun
GS_ESCAPE = "<GS>"

TEXT = {
    "title": {
        "vi": "vntrace — tiếp nhận dữ liệu truy xuất nguồn gốc gửi về cổng thông tin Hà Tĩnh",
        "en": "vntrace — intake of traceability data sent to the Hà Tĩnh portal",
    },
    "report_title": {
        "vi": "Cổng thông tin Hà Tĩnh — kiểm tra dữ liệu tiếp nhận",
        "en": "Hà Tĩnh portal — intake check",
    },
    "csv": {"vi": "1. Mã GS1 trong tệp {path}", "en": "1. GS1 codes in {path}"},
    "stamps": {
        "vi": "2. Tem QR Digital Link trong {path}",
        "en": "2. Digital Link QR stamps in {path}",
    },
    "epcis": {"vi": "3. Sự kiện EPCIS trong {path}", "en": "3. EPCIS events in {path}"},
    "absent": {"vi": "   (chưa có tệp này: bỏ qua)", "en": "   (file not present: skipped)"},
    "unavailable": {
        "vi": "   (mô-đun {module} chưa có trong bản cài đặt này: bỏ qua)",
        "en": "   (module {module} is not in this installation: skipped)",
    },
    "row": {"vi": "dòng {row}", "en": "row {row}"},
    "line": {"vi": "dòng {row}", "en": "line {row}"},
    "rows_summary": {
        "vi": "   {n} dòng: {ok} không có vấn đề, {bad} có vấn đề",
        "en": "   {n} rows: {ok} without problems, {bad} with problems",
    },
    "stamps_summary": {
        "vi": "   {n} tem: {ok} hợp lệ, {bad} không hợp lệ",
        "en": "   {n} stamps: {ok} valid, {bad} invalid",
    },
    "epcis_summary": {
        "vi": "   {n} sự kiện; tài liệu {verdict} ({errors} lỗi, {warnings} cảnh báo)",
        "en": "   {n} events; the document is {verdict} ({errors} errors, {warnings} warnings)",
    },
    "valid": {"vi": "hợp lệ", "en": "valid"},
    "invalid": {"vi": "không hợp lệ", "en": "invalid"},
    "hashes": {"vi": "   Mã băm sự kiện (event hash ID):", "en": "   Event hash IDs:"},
    "gtin_column": {"vi": "cột GTIN {gtin}", "en": "GTIN column {gtin}"},
    "tampered": {
        "vi": "   Cùng tài liệu với ba lỗi thường gặp (sự kiện thiếu action, bizStep ngoài CBV,"
        " eventTime không có múi giờ):",
        "en": "   The same document with three typical mistakes (an event without action, a bizStep"
        " outside the CBV, an eventTime without a time zone):",
    },
    "intake": {"vi": "Tóm tắt tiếp nhận:", "en": "Intake summary:"},
    "intake_line": {
        "vi": "   - {title}: {n} mục, {bad} không đạt",
        "en": "   - {title}: {n} items, {bad} failing",
    },
    "worst": {
        "vi": "   Xã có tỷ lệ đạt thấp nhất: {communes}",
        "en": "   Communes with the lowest compliance: {communes}",
    },
    "report": {
        "vi": "Báo cáo HTML cho cán bộ kiểm tra: {path}",
        "en": "HTML report for inspectors: {path}",
    },
    "dossiers": {
        "vi": "4. Hồ sơ lô hàng trong {path} (kiểm tra theo quy định ngày {date})",
        "en": "4. Lot dossiers in {path} (checked against the rules in force on {date})",
    },
    "dossier_ok": {"vi": "   ✓ {name}: {product}", "en": "   ✓ {name}: {product}"},
    "dossier_bad": {"vi": "   ✗ {name}: {product}", "en": "   ✗ {name}: {product}"},
    "article": {"vi": "căn cứ", "en": "legal basis"},
    "dossiers_summary": {
        "vi": "   {n} hồ sơ: {ok} đạt, {bad} không đạt",
        "en": "   {n} dossiers: {ok} compliant, {bad} not compliant",
    },
    "total": {
        "vi": "Tổng kết: {problems} vấn đề được phát hiện. Demo chạy xong (mã thoát 0).",
        "en": "Summary: {problems} problems found. The demo ran to the end (exit code 0).",
    },
}


def t(key: str, lang: str, **params: Any) -> str:
    """A demo message in ``lang``."""
    return TEXT[key][lang].format(**params)


@dataclass
class Section:
    """What one section of the intake checked: a short name, its records, its problem count."""

    name: str
    records: list[Record] = field(default_factory=list)
    problems: int = 0


def _available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _findings_of(check: Callable[[], object]) -> list[Finding]:
    """Run a python-stdnum-style ``validate`` that raises; its findings, or ``[]``."""
    try:
        check()
    except VntraceError as exc:
        return list(exc.findings)
    return []


def _print_findings(findings: Iterable[Finding], lang: str, indent: str = "      ") -> None:
    for finding in findings:
        print(indent + format_finding(finding, lang).replace("\n", "\n" + indent))


def _cross_check(row: dict[str, str], scanned: str) -> list[Finding]:
    """Compare the scanned (01), (10), (17) with the row's columns."""
    try:
        es = gs1.parse(scanned)
    except VntraceError:
        return []  # already reported by validation
    values = {element.ai: element.value for element in es.elements}
    expiry = row["expiry_date"].replace("-", "")[2:]
    expected = {
        "01": ("gtin", row["gtin"].zfill(14)),
        "10": ("lot", row["lot"]),
        "17": ("expiry_date", expiry),
    }
    return [
        Finding(
            "VNTRACE.COLUMN_MISMATCH",
            params={"ai": ai, "scanned": values[ai], "column": column, "declared": declared},
            location=Location(field=column),
        )
        for ai, (column, declared) in expected.items()
        if ai in values and values[ai] != declared
    ]


def check_dump(lang: str, path: Path = DUMP) -> Section:
    """Section 1: every row of the producers' dump."""
    print(t("csv", lang, path=path.name))
    section = Section(path.name)
    from stdnum.vn import mst  # noqa: PLC0415 - python-stdnum, a core dependency of vntrace

    have_gtin = _available("vntrace.gs1.gtin")
    if not have_gtin:
        print(t("unavailable", lang, module="vntrace.gs1.gtin"))
    bad = 0
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            scanned = row["element_string"].replace(GS_ESCAPE, "\x1d")
            findings = gs1.validate(scanned)
            gtin_findings = [
                finding.with_location(field="gtin")
                for finding in (
                    _findings_of(lambda r=row: gs1.gtin.validate(r["gtin"])) if have_gtin else []
                )
            ]
            notes = (
                []
                if mst.is_valid(row["tax_code"])
                else [
                    Finding(
                        "VNTRACE.INVALID_TAX_CODE",
                        params={"code": row["tax_code"]},
                        location=Location(field="tax_code"),
                    )
                ]
            )
            notes += _cross_check(row, scanned)
            everything = findings + gtin_findings + notes
            section.records.append(
                Record(
                    row["element_string"],
                    everything,
                    source=path.name,
                    number=int(row["row"]),
                    unit="row",
                    groups={
                        "xã" if lang == "vi" else "commune": row["commune"],
                        "nhà sản xuất" if lang == "vi" else "producer": row["producer"],
                    },
                )
            )
            if not everything:
                continue
            bad += 1
            section.problems += len(everything)
            where = t("row", lang, row=row["row"])
            print(f"   ✗ {where}: {row['producer']} — {row['product']}")
            print(f"      {row['element_string']}")
            _print_findings(findings, lang)
            if gtin_findings:
                print("      " + t("gtin_column", lang, gtin=row["gtin"]) + ":")
                _print_findings(gtin_findings, lang, "        ")
            for note in notes:
                print(f"      {note.message(lang)}")
    rows = len(section.records)
    print(t("rows_summary", lang, n=rows, ok=rows - bad, bad=bad))
    return section


def check_stamps(lang: str, path: Path = STAMPS) -> Section:
    """Section 2: the Digital Link URIs read from stamps, one per line (the conformance kit's
    check of code lists)."""
    print(t("stamps", lang, path=path.name))
    section = Section(path.name)
    if not path.is_file():
        print(t("absent", lang))
        return section
    bad = 0
    for record in conformance.check_file(path):
        section.records.append(record)
        if record.findings:
            section.problems += len(record.findings)
            bad += has_errors(record.findings)
            mark = "✗" if has_errors(record.findings) else "!"
            print(f"   {mark} {t('line', lang, row=record.number)}: {record.input}")
            _print_findings(record.findings, lang)
    n = len(section.records)
    print(t("stamps_summary", lang, n=n, ok=n - bad, bad=bad))
    return section


def check_epcis(lang: str, path: Path = EPCIS_DOC) -> Section:
    """Section 3: the EPCIS document (schema, rules, declared hash IDs) and its event hashes."""
    print(t("epcis", lang, path=path.name))
    section = Section(path.name)
    if not path.is_file():
        print(t("absent", lang))
        return section
    epcis = _epcis()
    section.records = list(conformance.check_file(path))
    findings = [f for record in section.records for f in record.findings]
    events = [r for r in section.records if r.unit == "event"]
    errors = sum(f.is_error for f in findings)
    verdict = t("invalid" if errors else "valid", lang)
    print(
        t(
            "epcis_summary",
            lang,
            n=len(events),
            verdict=verdict,
            errors=errors,
            warnings=len(findings) - errors,
        )
    )
    _print_findings(findings, lang, "      ")
    section.problems = len(findings)
    if not errors:
        context = json.loads(path.read_text(encoding="utf-8")).get("@context")
        print(t("hashes", lang))
        for i, event in enumerate(epcis.iter_events(path), start=1):
            label = f"{type(event).__name__} {event.biz_step or ''}".strip()
            print(f"      {i:>2}. {label:<30} {epcis.event_hash(event, context=context)}")
    tampered = _tampered(path)
    if tampered is not None:
        print(t("tampered", lang))
        _print_findings(epcis.validate(tampered), lang)
    return section


def _tampered(path: Path) -> bytes | None:
    """The JSON-LD document with three mistakes portals often receive (not counted as problems)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        events = doc["epcisBody"]["eventList"]
        del events[0]["action"]
        events[1]["bizStep"] = "thu_hoach"
        events[2]["eventTime"] = events[2]["eventTime"][:19]
    except (ValueError, KeyError, IndexError, TypeError):
        return None  # not the JSON-LD layout expected here: nothing to show
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def check_dossiers(lang: str, directory: Path = DOSSIERS, as_of: str = DOSSIER_DATE) -> Section:
    """Section 4: check every dossier of ``directory``; print each finding with its article.

    Reusable on any directory of dossiers; every dossier is one record of the HTML report.
    """
    from vntrace import tcvn  # noqa: PLC0415 - only this section needs it

    print(t("dossiers", lang, path=directory.name, date=as_of))
    section = Section(directory.name)
    if not directory.is_dir():
        print(t("absent", lang))
        return section
    bad = 0
    for number, path in enumerate(sorted(directory.glob("*.json")), start=1):
        groups: dict[str, str] = {}
        try:
            dossier = tcvn.load_dossier(path)
            product = dossier.product.name if dossier.product and dossier.product.name else "?"
            findings = tcvn.check(dossier, as_of=as_of)
            if dossier.producer is not None and dossier.producer.name:
                groups["nhà sản xuất" if lang == "vi" else "producer"] = dossier.producer.name
        except VntraceError as exc:
            product, findings = "?", list(exc.findings)
        shown = [f for f in findings if f.severity.value != "info"]
        section.records.append(
            Record(product, shown, source=path.name, number=number, unit="record", groups=groups)
        )
        if not shown:
            print(t("dossier_ok", lang, name=path.name, product=product))
            continue
        bad += 1
        section.problems += len(shown)
        print(t("dossier_bad", lang, name=path.name, product=product))
        for finding in shown:
            print(f"      {format_finding(finding, lang)}")
            if finding.code.startswith("VN-"):
                source = tcvn.rule(finding.code).source_in(lang)
                print(f"        {t('article', lang)}: {source}")
    n = len(section.records)
    print(t("dossiers_summary", lang, n=n, ok=n - bad, bad=bad))
    return section


def _epcis() -> Any:
    from vntrace import epcis  # noqa: PLC0415 - pydantic and lxml load only for this section

    return epcis


# The intake, in order. Each section prints its part and returns its records for the HTML report.
SECTIONS: list[Callable[[str], Section]] = [check_dump, check_stamps, check_epcis, check_dossiers]


def _worst_communes(records: Sequence[Record], key: str, count: int = 3) -> str:
    totals: dict[str, list[int]] = {}
    for record in records:
        value = record.groups.get(key)
        if value is not None:
            entry = totals.setdefault(value, [0, 0])
            entry[0] += 1
            entry[1] += not has_errors(record.findings) and not record.findings
    rates = sorted((ok / n, name) for name, (n, ok) in totals.items())
    return ", ".join(f"{name} ({rate:.0%})" for rate, name in rates[:count] if rate < 1)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sections, print the summary and write the HTML report."""
    parser = argparse.ArgumentParser(description="vntrace demo on the Hà Tĩnh sample data")
    parser.add_argument("--lang", choices=["vi", "en"], default="vi", help="language (default: vi)")
    parser.add_argument(
        "--output", type=Path, default=REPORT, help=f"HTML report (default: {REPORT})"
    )
    args = parser.parse_args(argv)
    lang = args.lang
    print(t("title", lang))
    print()
    sections = []
    for step in SECTIONS:
        sections.append(step(lang))
        print()
    records = [record for section in sections for record in section.records]
    renderer = HtmlRenderer(lang, title=t("report_title", lang), fail_on="warning")
    try:
        write_file(records, args.output, renderer)
    except ReportOutputError as exc:
        print(format_finding(exc.finding, lang), file=sys.stderr)
        return 2
    print(t("intake", lang))
    for section in sections:
        failing = sum(bool(r.findings) for r in section.records)
        print(t("intake_line", lang, title=section.name, n=len(section.records), bad=failing))
    worst = _worst_communes(records, "xã" if lang == "vi" else "commune")
    if worst:
        print(t("worst", lang, communes=worst))
    print(t("report", lang, path=args.output.resolve()))
    print()
    print(t("total", lang, problems=sum(s.problems for s in sections)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
