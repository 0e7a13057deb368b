"""``vntrace dossier check|from-epcis`` and ``vntrace rules``: compliance of lot dossiers.

``dossier check FILE|DIR|-`` checks one dossier file, every ``*.json`` of a directory (streamed
one by one in name order: memory stays flat for 100,000 files), or standard input (one or more
JSON dossiers, one after the other, e.g. JSON Lines). ``--as-of`` and ``--regime`` choose the
date and regimes (default: the dossier's, else those in force). ``dossier from-epcis`` builds a
dossier from an EPCIS document and a master-data file (a partial dossier with ``product``,
``producer`` and optional ``lot`` and ``parties``). ``rules`` lists the rule catalogue.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from vntrace import tcvn
from vntrace.cli._common import STDIN, emit, t
from vntrace.errors import SchemaViolation, VntraceError
from vntrace.findings import Finding
from vntrace.gs1.qr import write_atomic
from vntrace.tcvn.rules import parse_date

__all__ = ["register"]

_REGIMES = tuple(r.id for r in tcvn.REGIMES)
EXIT_USAGE = 2
_CHUNK = 1 << 20
_VALUES_VI = {
    "error": "lỗi",
    "warning": "cảnh báo",
    "info": "ghi chú",
    "machine": "phần mềm tự kiểm tra",
    "manual": "người kiểm tra trực tiếp",
}


def _as_of(text: str) -> date:
    try:
        return parse_date(text)
    except VntraceError:
        msg = t(
            f"not a date in the form YYYY-MM-DD: {text!r}",
            f"không phải ngày theo dạng YYYY-MM-DD (năm-tháng-ngày): {text!r}",
        )
        raise argparse.ArgumentTypeError(msg) from None


def register(subparsers: Any) -> None:
    """Add ``dossier`` (``check``, ``from-epcis``) and ``rules``."""
    parser = subparsers.add_parser(
        "dossier",
        help=t(
            "Vietnamese compliance of lot dossiers (hồ sơ lô hàng)",
            "kiểm tra hồ sơ lô hàng theo quy định của Việt Nam",
        ),
        description=t(
            "Check lot dossiers against Decree 37/2026, Circulars 31/2026 and 02/2024.",
            "Kiểm tra hồ sơ lô hàng theo Nghị định 37/2026/NĐ-CP, Thông tư 31/2026/TT-BCT"
            " và Thông tư 02/2024/TT-BKHCN.",
        ),
    )
    actions = parser.add_subparsers(title=t("actions", "thao tác"), metavar=t("ACTION", "THAO_TÁC"))
    check = actions.add_parser(
        "check",
        help=t(
            "check dossier files, a directory of them, or standard input",
            "kiểm tra tệp hồ sơ, một thư mục chứa hồ sơ, hoặc đầu vào chuẩn",
        ),
        description=t(
            "Check lot dossiers (vntrace dossier v1 JSON); one result per dossier.",
            "Kiểm tra hồ sơ lô hàng (JSON theo mẫu hồ sơ vntrace v1); mỗi hồ sơ một kết quả.",
        ),
    )
    check.add_argument(
        "source",
        metavar=t("FILE|DIR|-", "TỆP|THƯ_MỤC|-"),
        help=t(
            "a dossier, a directory, or -",
            "một tệp hồ sơ, một thư mục, hoặc - để đọc từ đầu vào chuẩn",
        ),
    )
    check.add_argument(
        "--as-of",
        type=_as_of,
        metavar=t("DATE", "NGÀY"),
        help=t(
            "check date YYYY-MM-DD (default: today)",
            "ngày đối chiếu, dạng YYYY-MM-DD (mặc định: hôm nay)",
        ),
    )
    check.add_argument(
        "--regime",
        action="append",
        choices=_REGIMES,
        help=t(
            "regime to check against (repeatable; default: those in force on the date)",
            "bộ quy định dùng để đối chiếu (dùng được nhiều lần; mặc định: các quy định"
            " có hiệu lực vào ngày đối chiếu)",
        ),
    )
    check.add_argument(
        "--manual",
        action="store_true",
        help=t(
            "also list the rules a person must check",
            "liệt kê cả các quy tắc cần người kiểm tra trực tiếp",
        ),
    )
    check.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar=t("RULE", "QUY_TẮC"),
        help=t(
            "switch off an inferred rule (repeatable), e.g. VN-CODE-003",
            "tắt một quy tắc suy diễn (dùng được nhiều lần), ví dụ VN-CODE-003",
        ),
    )
    check.set_defaults(func=run_check)

    build = actions.add_parser(
        "from-epcis",
        help=t(
            "build a dossier from EPCIS events and master data",
            "lập hồ sơ lô hàng từ sự kiện EPCIS và dữ liệu gốc",
        ),
        description=t(
            "Build a dossier from an EPCIS document (XML or JSON-LD) and master data.",
            "Lập hồ sơ lô hàng từ tài liệu EPCIS (XML hoặc JSON-LD) và dữ liệu gốc.",
        ),
    )
    build.add_argument("epcis", metavar="EPCIS", help=t("EPCIS 2.0 document", "tài liệu EPCIS 2.0"))
    build.add_argument(
        "--master",
        required=True,
        metavar=t("FILE", "TỆP"),
        help=t(
            "partial dossier JSON with product, producer (and optional lot, parties)",
            "tệp JSON hồ sơ một phần, có product (sản phẩm), producer (đơn vị sản xuất),"
            " có thể thêm lot (lô hàng) và parties (các bên liên quan)",
        ),
    )
    build.add_argument(
        "-o",
        "--output",
        default="-",
        metavar=t("OUT", "TỆP_RA"),
        help=t(
            "output file (default: stdout)",
            "tệp ghi hồ sơ (mặc định: in ra đầu ra chuẩn)",
        ),
    )
    build.set_defaults(func=run_from_epcis)

    rules = subparsers.add_parser(
        "rules",
        help=t("list the Vietnamese rule catalogue", "liệt kê danh mục quy tắc của Việt Nam"),
        description=t(
            "List the rules: id, regimes, article, statement, severity, confidence.",
            "Liệt kê các quy tắc: mã quy tắc, bộ quy định, điều khoản, nội dung, mức độ,"
            " độ tin cậy.",
        ),
    )
    rules.add_argument(
        "--regime",
        action="append",
        choices=_REGIMES,
        help=t("only this regime", "chỉ bộ quy định này"),
    )
    rules.set_defaults(func=run_rules)


def _options(args: argparse.Namespace) -> tcvn.Options:
    return tcvn.Options(disabled_rules=frozenset(args.disable), include_manual=args.manual)


def _stream(stdin: TextIO, limit: int) -> Iterator[tuple[str, str | SchemaViolation]]:
    """JSON values one after the other on ``stdin`` (JSON Lines, or concatenated documents)."""
    decoder = json.JSONDecoder()
    buffer = ""
    number = 0
    eof = False
    while True:
        stripped = buffer.lstrip()
        if not stripped and eof:
            return
        if stripped:
            try:
                _, end = decoder.raw_decode(stripped)
            except json.JSONDecodeError as exc:
                if eof or len(stripped) > limit:
                    number += 1
                    yield f"<stdin> {number}", stripped[: limit + 1]
                    return
                del exc
            else:
                number += 1
                yield f"<stdin> {number}", stripped[:end]
                buffer = stripped[end:]
                continue
        try:
            chunk = stdin.read(_CHUNK)
        except UnicodeDecodeError as exc:
            number += 1
            yield (
                f"<stdin> {number}",
                SchemaViolation(Finding("TCVN.DOSSIER_NOT_UTF8", params={"offset": exc.start})),
            )
            return
        eof = not chunk
        buffer = stripped + chunk


def _dossiers(source: str, limit: int) -> Iterator[tuple[str, str | Path | SchemaViolation]]:
    if source == STDIN:
        stdin = sys.stdin
        reconfigure = getattr(stdin, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="strict")
        yield from _stream(stdin, limit)
        return
    path = Path(source)
    if path.is_dir():
        with os.scandir(path) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".json") and e.is_file())
        for name in names:
            yield str(path / name), path / name
        return
    yield source, path


def _checked(
    args: argparse.Namespace,
) -> Iterator[tuple[str, Sequence[Finding], dict[str, Any]]]:
    options = _options(args)
    # one run over all the dossiers, so VN-CODE-010 (one GTIN, one brand owner) spans the directory
    dataset = tcvn.DatasetCheck(as_of=args.as_of, regimes=args.regime, options=options)
    for name, item in _dossiers(args.source, options.max_dossier_bytes):
        if isinstance(item, SchemaViolation):
            yield name, list(item.findings), {}
            continue
        try:
            dossier = (
                tcvn.load_dossier(item, options)
                if isinstance(item, Path)
                else tcvn.loads_dossier(item, options)
            )
            findings = dataset.check(dossier, label=name)
        except VntraceError as exc:
            findings = list(exc.findings)
        yield name, findings, {}


def run_check(args: argparse.Namespace) -> int:
    """``vntrace dossier check FILE|DIR|-``."""
    if args.source != STDIN and not Path(args.source).exists():
        raise FileNotFoundError(
            2, t("No such file or directory", "không có tệp hay thư mục này"), args.source
        )
    try:
        _options(args)
    except VntraceError as exc:  # --disable names a rule that cannot be switched off
        error = t("error", "lỗi")
        sys.stderr.write(f"vntrace dossier check: {error}: {exc.message(args.lang)}\n")
        return EXIT_USAGE
    return emit(_checked(args), args)


def _write_atomic(target: Path, text: str) -> None:
    """Write beside the target, then replace it: no partial file survives a failure."""
    write_atomic(target, text.encode("utf-8"))


def run_from_epcis(args: argparse.Namespace) -> int:
    """``vntrace dossier from-epcis EPCIS --master FILE [-o OUT]``."""
    from vntrace import epcis  # noqa: PLC0415 - pydantic loads only for this command

    master = tcvn.load_dossier(Path(args.master))
    if master.product is None or master.producer is None:
        finding = Finding(
            "TCVN.MASTER_DATA_INCOMPLETE",
            params={
                "path": args.master,
                "field": "product" if master.product is None else "producer",
            },
        )
        return emit([(args.master, [finding], {})], args)
    try:
        dossier = tcvn.dossier_from_epcis(
            epcis.iter_events(Path(args.epcis)),
            product=master.product,
            producer=master.producer,
            lot=master.lot,
            parties=master.parties or (),
        )
    except VntraceError as exc:
        return emit([(args.epcis, list(exc.findings), {})], args)
    text = tcvn.dump_dossier(dossier) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        _write_atomic(Path(args.output), text)
    if dossier.warnings:
        return emit([(args.epcis, list(dossier.warnings), {"output": args.output})], args)
    return 0


def run_rules(args: argparse.Namespace) -> int:
    """``vntrace rules [--regime ID]…``: one result per rule, nothing to fix."""
    lang = getattr(args, "lang", "vi")
    wanted = set(args.regime or _REGIMES)
    # People read the text report in their language; JSON keeps the stable English values.
    shown = _VALUES_VI if lang == "vi" and getattr(args, "format", "text") == "text" else {}
    results: Iterator[tuple[str, Sequence[Finding], dict[str, Any]]] = (
        (
            r.id,
            [],
            {
                "regimes": ", ".join(r.regimes),
                "article": r.source,
                "statement": r.statement(lang),
                "severity": shown.get(r.severity.value, r.severity.value),
                "confidence": r.confidence,
                "checked": shown.get(checked, checked),
            },
        )
        for r in tcvn.rules()
        for checked in ("machine" if r.machine_checked else "manual",)
        if wanted.intersection(r.regimes)
    )
    return emit(results, args)
