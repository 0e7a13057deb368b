"""``make demo``: check what a Hà Tĩnh traceability portal receives, with vntrace's public API.

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

Usage: ``python examples/demo.py [--lang vi|en]`` (default ``vi``). The data is deliberately
imperfect, so problems are expected: the exit code is 0 whenever the demo ran to the end.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from vntrace import VntraceError, gs1
from vntrace.findings import Finding, has_errors
from vntrace.report.text import format_finding

HERE = Path(__file__).resolve().parent
DUMP = HERE / "hatinh-dump.csv"
STAMPS = HERE / "hatinh-stamps.txt"
EPCIS_DOC = HERE / "hatinh-pomelo.epcis.jsonld"
DOSSIERS = HERE / "dossiers"
DOSSIER_DATE = "2027-02-01"  # ND37 and TT31 in force; TT31's full traceability has begun
GS_ESCAPE = "<GS>"

TEXT = {
    "title": {
        "vi": "vntrace — kiểm tra dữ liệu truy xuất nguồn gốc gửi về cổng thông tin Hà Tĩnh",
        "en": "vntrace — checking traceability data sent to the Hà Tĩnh portal",
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
    "tax_code": {
        "vi": "mã số thuế {code} không hợp lệ (số kiểm tra sai hoặc sai độ dài)",
        "en": "tax code {code} is invalid (wrong check digit or length)",
    },
    "mismatch": {
        "vi": "AI ({ai}) trong mã quét là {scanned!r}, nhưng cột {column} ghi {declared!r}",
        "en": "AI ({ai}) in the scan is {scanned!r}, but the {column} column says {declared!r}",
    },
    "tampered": {
        "vi": "   Cùng tài liệu với ba lỗi thường gặp (sự kiện thiếu action, bizStep ngoài CBV,"
        " eventTime không có múi giờ):",
        "en": "   The same document with three typical mistakes (an event without action, a bizStep"
        " outside the CBV, an eventTime without a time zone):",
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


def _cross_check(row: dict[str, str], scanned: str, lang: str) -> list[str]:
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
    problems = []
    for ai, (column, declared) in expected.items():
        if ai in values and values[ai] != declared:
            problems.append(
                t("mismatch", lang, ai=ai, scanned=values[ai], column=column, declared=declared)
            )
    return problems


def check_dump(path: Path, lang: str) -> int:
    """Section 1; returns the number of problems."""
    print(t("csv", lang, path=path.name))
    from stdnum.vn import mst  # noqa: PLC0415 - python-stdnum, a core dependency of vntrace

    have_gtin = _available("vntrace.gs1.gtin")
    if not have_gtin:
        print(t("unavailable", lang, module="vntrace.gs1.gtin"))
    rows = bad = problems = 0
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rows += 1
            scanned = row["element_string"].replace(GS_ESCAPE, "\x1d")
            findings = gs1.validate(scanned)
            gtin_findings = (
                _findings_of(lambda r=row: gs1.gtin.validate(r["gtin"])) if have_gtin else []
            )
            notes = (
                [] if mst.is_valid(row["tax_code"]) else [t("tax_code", lang, code=row["tax_code"])]
            )
            notes += _cross_check(row, scanned, lang)
            if not (findings or gtin_findings or notes):
                continue
            bad += 1
            problems += len(findings) + len(gtin_findings) + len(notes)
            where = t("row", lang, row=row["row"])
            print(f"   ✗ {where}: {row['producer']} — {row['product']}")
            print(f"      {row['element_string']}")
            _print_findings(findings, lang)
            if gtin_findings:
                print("      " + t("gtin_column", lang, gtin=row["gtin"]) + ":")
                _print_findings(gtin_findings, lang, "        ")
            for note in notes:
                print(f"      {note}")
    print(t("rows_summary", lang, n=rows, ok=rows - bad, bad=bad))
    return problems


def _lines(path: Path) -> list[tuple[int, str]]:
    out = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append((number, line))
    return out


def check_stamps(path: Path, lang: str) -> int:
    """Section 2; returns the number of problems."""
    print(t("stamps", lang, path=path.name))
    if not path.is_file():
        print(t("absent", lang))
        return 0
    if not _available("vntrace.gs1.digital_link"):
        print(t("unavailable", lang, module="vntrace.gs1.digital_link"))
        return 0
    stamps = bad = problems = 0
    for number, uri in _lines(path):
        stamps += 1
        findings = gs1.digital_link.validate(uri)
        if findings:
            problems += len(findings)
            bad += has_errors(findings)
            print(f"   {'✗' if has_errors(findings) else '!'} {t('line', lang, row=number)}: {uri}")
            _print_findings(findings, lang)
    print(t("stamps_summary", lang, n=stamps, ok=stamps - bad, bad=bad))
    return problems


def check_epcis(path: Path, lang: str) -> int:
    """Section 3; returns the number of problems."""
    print(t("epcis", lang, path=path.name))
    if not path.is_file():
        print(t("absent", lang))
        return 0
    if not _available("vntrace.epcis.validate") and not hasattr(_epcis(), "validate"):
        print(t("unavailable", lang, module="vntrace.epcis"))
        return 0
    epcis = _epcis()
    findings: Sequence[Finding] = epcis.validate(path)
    hashes: list[tuple[str, str]] = []
    count = 0
    if hasattr(epcis, "iter_events"):
        for event in epcis.iter_events(path):
            count += 1
            if hasattr(epcis, "event_hash"):
                label = f"{type(event).__name__} {getattr(event, 'biz_step', None) or ''}"
                hashes.append((label.strip(), epcis.event_hash(event)))
    errors = sum(f.is_error for f in findings)
    verdict = t("invalid" if errors else "valid", lang)
    print(
        t(
            "epcis_summary",
            lang,
            n=count,
            verdict=verdict,
            errors=errors,
            warnings=len(findings) - errors,
        )
    )
    _print_findings(findings, lang, "      ")
    if hashes:
        print(t("hashes", lang))
        for i, (label, digest) in enumerate(hashes, start=1):
            print(f"      {i:>2}. {label:<30} {digest}")
    tampered = _tampered(path)
    if tampered is not None:
        print(t("tampered", lang))
        _print_findings(epcis.validate(tampered), lang)
    return len(findings)


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


def check_dossiers(directory: Path, lang: str = "vi", as_of: str = DOSSIER_DATE) -> int:
    """Section 4: check every dossier of ``directory``; print each finding with its article.

    Returns the number of problems (errors and warnings). Reusable on any directory of dossiers.
    """
    from vntrace import tcvn  # noqa: PLC0415 - only this section needs it

    print(t("dossiers", lang, path=directory.name, date=as_of))
    if not directory.is_dir():
        print(t("absent", lang))
        return 0
    n = bad = problems = 0
    for path in sorted(directory.glob("*.json")):
        n += 1
        try:
            dossier = tcvn.load_dossier(path)
            product = dossier.product.name if dossier.product and dossier.product.name else "?"
            findings = tcvn.check(dossier, as_of=as_of)
        except VntraceError as exc:
            product, findings = "?", list(exc.findings)
        shown = [f for f in findings if f.severity.value != "info"]
        if not shown:
            print(t("dossier_ok", lang, name=path.name, product=product))
            continue
        bad += 1
        problems += len(shown)
        print(t("dossier_bad", lang, name=path.name, product=product))
        for finding in shown:
            print(f"      {format_finding(finding, lang)}")
            if finding.code.startswith("VN-"):
                source = tcvn.rule(finding.code).source_in(lang)
                print(f"        {t('article', lang)}: {source}")
    print(t("dossiers_summary", lang, n=n, ok=n - bad, bad=bad))
    return problems


def _epcis() -> Any:
    from vntrace import epcis  # noqa: PLC0415 - pydantic and lxml load only for this section

    return epcis


def main(argv: Sequence[str] | None = None) -> int:
    """Run the four sections and print the summary."""
    parser = argparse.ArgumentParser(description="vntrace demo on the Hà Tĩnh sample data")
    parser.add_argument("--lang", choices=["vi", "en"], default="vi", help="language (default: vi)")
    lang = parser.parse_args(argv).lang
    print(t("title", lang))
    print()
    problems = check_dump(DUMP, lang)
    print()
    problems += check_stamps(STAMPS, lang)
    print()
    problems += check_epcis(EPCIS_DOC, lang)
    print()
    problems += check_dossiers(DOSSIERS, lang)
    print()
    print(t("total", lang, problems=problems))
    return 0


if __name__ == "__main__":
    sys.exit(main())
