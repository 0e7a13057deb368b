"""``vntrace check``: validate the columns of a dump (CSV, TSV, JSON Lines, Parquet; gzip too).

``vntrace check dump.csv --column gtin=gtin --column trace_code=element_string --group-by commune``
streams the file, shows a progress bar on a terminal (``--no-progress`` to switch it off), writes
one block per row with findings in the chosen ``--format`` (``--output FILE`` writes the report
atomically), and ends with a summary in which every row is accounted for: rows read = rows
valid + rows with findings, malformed lines included with their line number. Exit codes: 0 no
finding, 1 findings, 2 usage error or unreadable file.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from vntrace.cli._common import add_gs1_flags, gs1_flags, t
from vntrace.errors import VntraceError
from vntrace.findings import Finding, Location, Severity
from vntrace.report import Summary, get_renderer

__all__ = ["register"]

_KINDS_HELP = (
    "gtin, gln, sscc, grai, giai, gsrn, gdti, gcn, gsin, ginc, itip, gmn, element_string, "
    "digital_link, tax_code"
)
EXIT_USAGE = 2


def register(subparsers: Any) -> None:
    """Add ``check``."""
    parser = subparsers.add_parser(
        "check",
        help=t(
            "validate columns of a CSV/TSV/JSONL/Parquet dump (streaming)",
            "kiểm tra các cột của tệp dữ liệu CSV/TSV/JSONL/Parquet (đọc dần, không nạp cả tệp)",
        ),
        description=t(
            "Validate columns of a dump. Every row is accounted for; exit 0 when every row is"
            " valid, 1 when there are findings, 2 when the file cannot be read.",
            "Kiểm tra các cột của một tệp dữ liệu. Dòng nào cũng được tính đến; mã thoát 0"
            " khi mọi dòng hợp lệ, 1 khi có phát hiện, 2 khi không đọc được tệp.",
        ),
    )
    parser.add_argument(
        "path",
        metavar=t("PATH", "TỆP"),
        help=t(
            ".csv, .tsv, .jsonl, .parquet (or .gz)",
            "tệp .csv, .tsv, .jsonl, .parquet (có thể nén .gz)",
        ),
    )
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar=t("NAME=KIND", "TÊN=LOẠI"),
        help=t(
            f"a column to check and its kind ({_KINDS_HELP}); repeat for more columns",
            f"cột cần kiểm tra và loại dữ liệu của cột ({_KINDS_HELP});"
            " lặp lại tuỳ chọn này cho mỗi cột",
        ),
    )
    parser.add_argument(
        "--group-by",
        metavar=t("COLUMN", "CỘT"),
        default=None,
        help=t(
            "count valid rows per value of COLUMN",
            "đếm số dòng hợp lệ theo từng giá trị của CỘT",
        ),
    )
    parser.add_argument(
        "--delimiter",
        default=None,
        metavar=t("CHAR", "KÝ_TỰ"),
        help=t(
            "CSV field separator (default: , or tab)",
            "ký tự phân cách trường trong CSV (mặc định: dấu phẩy hoặc tab)",
        ),
    )
    parser.add_argument(
        "--output",
        "-o",
        default=None,
        metavar=t("PATH", "TỆP"),
        help=t("write the report to this file", "ghi báo cáo vào tệp này"),
    )
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help=t("never show a progress bar", "không hiện thanh tiến độ"),
    )
    add_gs1_flags(parser)
    parser.set_defaults(func=run)


def _columns(specs: list[str]) -> dict[str, str] | None:
    from vntrace.bulk import KINDS  # noqa: PLC0415 - pyarrow loads only for this command

    out: dict[str, str] = {}
    for spec in specs:
        name, _, kind = spec.partition("=")
        kind = kind or name
        if not name or kind not in KINDS:
            return None
        out[name] = kind
    return out or None


def _usage(message: str) -> int:
    sys.stderr.write(f"vntrace check: {t('error', 'lỗi')}: {message}\n")
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Check the file; render the findings and the summary."""
    columns = _columns(args.column)
    if columns is None:
        return _usage(
            t(
                f"give --column NAME=KIND at least once; KIND is one of: {_KINDS_HELP}",
                f"cần ít nhất một --column TÊN=LOẠI; LOẠI là một trong: {_KINDS_HELP}",
            )
        )
    from vntrace import gs1  # noqa: PLC0415
    from vntrace.bulk._files import detect_format  # noqa: PLC0415

    try:
        detect_format(args.path)
    except VntraceError as exc:
        return _usage(exc.message(args.lang or "vi"))
    if not Path(args.path).is_file():
        raise FileNotFoundError(2, t("No such file", "không có tệp này"), args.path)
    options = gs1.Options(**gs1_flags(args))
    if args.output is None:
        return _report(args, columns, options, sys.stdout)
    target = Path(args.output)
    if target.exists() and not target.is_file():
        # a device or a pipe (/dev/null, /dev/stdout, a FIFO): written to as it is, never
        # replaced by a file
        with target.open("w", encoding="utf-8", newline="") as out:
            return _report(args, columns, options, out)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path())
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            code = _report(args, columns, options, out)
        Path(tmp).replace(target)  # the report appears whole or not at all
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
    return code


def _report(args: argparse.Namespace, columns: Mapping[str, str], options: Any, out: TextIO) -> int:
    from vntrace.bulk import iter_file  # noqa: PLC0415
    from vntrace.bulk._progress import progress_bar  # noqa: PLC0415

    lang = args.lang or "vi"
    renderer = get_renderer(args.format or "text", lang)
    group = args.group_by
    renderer.begin(out)
    summary = _Counts()
    with progress_bar(not args.no_progress) as tick:
        pieces = iter_file(
            args.path,
            columns,
            options=options,
            group_by=[group] if group else [],
            delimiter=args.delimiter,
        )
        for piece in pieces:
            for result in _results(piece, lang):
                renderer.item(out, result)
            summary.add(piece, group)
            tick(len(piece.valid), int((~piece.valid).sum()))
    final = summary.summary()
    renderer.end(out, final)
    if group and (args.format or "text") == "text":
        out.write(_group_lines(summary.groups, group, lang))
    return 1 if final.errors or final.invalid else 0


def _label(row: int | None, params: Mapping[str, Any], lang: str) -> str:
    line = params.get("line")
    if line is not None:
        return f"dòng {line}" if lang == "vi" else f"line {line}"
    if row is None:
        return "tệp" if lang == "vi" else "file"
    return f"hàng {row + 1}" if lang == "vi" else f"row {row + 1}"


def _results(piece: Any, lang: str) -> Iterator[tuple[str, list[Finding], dict[str, Any]]]:
    current: int | None = -2
    label = ""
    shown: list[str] = []
    found: list[Finding] = []
    for row, code, severity, column, params_json, span in piece.findings:
        params = json.loads(params_json)
        if row != current or row is None:
            if found:
                yield _result(label, shown, found)
            current, found, shown = row, [], []
            label = _label(row, params, lang)
        start, length = span if span is not None else (None, None)
        found.append(
            Finding(
                code, Severity(severity), params, Location(field=column, start=start, length=length)
            )
        )
        values = piece.values.get(column) if row is not None else None
        if values:
            text = values[row - piece.first_row]
            if text is not None and f"{column}={text}" not in shown:
                shown.append(f"{column}={text}")
    if found:
        yield _result(label, shown, found)


def _result(
    label: str, shown: list[str], found: list[Finding]
) -> tuple[str, list[Finding], dict[str, Any]]:
    text = label + (": " + " ".join(shown) if shown else "")
    return text, found, {}


class _Counts:
    """Counts over the whole file (the report's summary), kept as the pieces stream by."""

    def __init__(self) -> None:
        self.rows = 0
        self.valid = 0
        self.severities: Counter[str] = Counter()
        self.groups: dict[str | None, list[int]] = {}

    def add(self, piece: Any, group: str | None) -> None:
        self.rows += len(piece.valid)
        self.valid += int(piece.valid.sum())
        self.severities.update(f[2] for f in piece.findings)
        if group and group in piece.groups:
            values = piece.groups[group].to_pylist()
            for value, ok in zip(values, piece.valid.tolist(), strict=True):
                counts = self.groups.setdefault(value, [0, 0])
                counts[0] += 1
                counts[1] += ok

    def summary(self) -> Summary:
        return Summary(
            inputs=self.rows,
            valid=self.valid,
            errors=self.severities["error"],
            warnings=self.severities["warning"],
            infos=self.severities["info"],
        )


def _group_lines(groups: Mapping[str | None, list[int]], name: str, lang: str) -> str:
    buf = io.StringIO()
    head = f"Theo {name}:" if lang == "vi" else f"By {name}:"
    buf.write(f"{head}\n")
    for value in sorted(groups, key=lambda v: (v is None, v or "")):
        rows, ok = groups[value]
        share = ok / rows if rows else 0.0
        shown = "-" if value is None else value or ('""')
        if lang == "vi":
            buf.write(f"  {shown}: {rows} dòng, {ok} hợp lệ ({share:.1%})\n")
        else:
            buf.write(f"  {shown}: {rows} rows, {ok} valid ({share:.1%})\n")
    return buf.getvalue()
