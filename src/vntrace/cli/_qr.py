"""``vntrace qr``: draw QR Code symbols as SVG or PNG, one or many in one process.

- ``vntrace qr DATA -o FILE.svg|FILE.png``: one symbol, file type from the extension.
- ``vntrace qr DATA [DATA ...] -o DIR`` or ``vntrace qr - -o DIR`` (one input per line of
  standard input; ``-`` is never drawn as text): one file per input in ``DIR``
  (``000001.svg``, … numbered by input, ``--type`` svg or png) and ``DIR/manifest.csv``
  (``number, file, version, modules, data``). An input that cannot be drawn is reported and
  skipped; the others are still written.
- ``vntrace qr DATA``: the symbol on the terminal.

With ``--check-dl`` each input must first pass strict GS1 Digital Link validation (a stamp
should never be printed with a broken link).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from vntrace import gs1
from vntrace.cli._common import STDIN, emit, read_inputs, t
from vntrace.errors import VntraceError, os_reason
from vntrace.findings import Finding

__all__ = ["register"]

_SUFFIXES = {".svg", ".png"}


def register(subparsers: Any) -> None:
    """Add the ``qr`` subcommand."""
    parser = subparsers.add_parser(
        "qr",
        help=t(
            "draw QR Codes (SVG or PNG) for Digital Link URIs or any text",
            "vẽ mã QR (SVG hoặc PNG) cho URI Digital Link hoặc văn bản bất kỳ",
        ),
        description=t(
            "Draw the smallest QR Code symbol for each DATA as SVG or PNG.",
            "Vẽ mã QR nhỏ nhất cho mỗi DỮ_LIỆU, dạng SVG hoặc PNG.",
        ),
    )
    parser.add_argument(
        "data",
        nargs="+",
        metavar=t("DATA", "DỮ_LIỆU"),
        help=t(
            "the text to encode (usually a DL URI); - reads one input per line of stdin",
            "nội dung cần mã hoá (thường là URI Digital Link); - để đọc mỗi dòng"
            " của đầu vào chuẩn là một nội dung",
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar=t("OUTPUT", "TỆP|THƯ_MỤC"),
        help=t(
            "output file (.svg or .png) for one input, or a directory for many",
            "tệp kết quả (.svg hoặc .png) khi có một nội dung, hoặc thư mục khi có nhiều",
        ),
    )
    parser.add_argument(
        "--type",
        choices=("svg", "png"),
        default="svg",
        help=t("file type in a directory", "loại tệp ghi vào thư mục"),
    )
    parser.add_argument(
        "--error",
        choices=gs1.qr.ERROR_LEVELS,
        default="M",
        help=t("error correction level", "mức sửa lỗi"),
    )
    parser.add_argument(
        "--border",
        type=int,
        default=4,
        metavar=t("BORDER", "LỀ"),
        help=t("quiet zone in modules", "lề trắng quanh mã, tính bằng số ô"),
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=8,
        metavar=t("SCALE", "TỈ_LỆ"),
        help=t("PNG pixels per module", "số điểm ảnh PNG cho mỗi ô"),
    )
    parser.add_argument(
        "--size",
        default=None,
        metavar=t("SIZE", "CỠ"),
        help=t(
            "SVG width and height with unit, e.g. 25mm (default: none)",
            "chiều rộng và chiều cao của SVG kèm đơn vị, ví dụ 25mm (mặc định: không đặt)",
        ),
    )
    parser.add_argument(
        "--check-dl",
        action="store_true",
        help=t(
            "refuse DATA unless it is a valid GS1 Digital Link URI",
            "từ chối DỮ_LIỆU nếu không phải URI GS1 Digital Link hợp lệ",
        ),
    )
    parser.set_defaults(func=run)


def _inputs(args: argparse.Namespace) -> Iterator[str]:
    for arg in args.data:
        if arg == STDIN:
            yield from read_inputs(STDIN)
        else:
            yield arg


def _draw(args: argparse.Namespace, text: str) -> tuple[gs1.qr.QRCode | None, list[Finding]]:
    if args.check_dl:
        findings = gs1.digital_link.validate(text)
        if findings:
            return None, findings
    try:
        return gs1.qr.make(text, error=args.error, border=args.border), []
    except VntraceError as exc:
        return None, list(exc.findings)


def run(args: argparse.Namespace) -> int:
    """Draw the symbols and write them."""
    many = len(args.data) > 1 or STDIN in args.data
    out: Path | None = args.output
    if out is not None and not out.is_dir() and out.suffix:
        if many:
            sys.stderr.write(
                "vntrace qr: "
                + t(
                    "many inputs need -o DIRECTORY, not a file",
                    "nhiều nội dung thì -o phải là THƯ_MỤC, không phải tệp",
                )
                + "\n"
            )
            return 2
        if out.suffix.lower() not in _SUFFIXES:
            sys.stderr.write(
                "vntrace qr: "
                + t(
                    "-o must end in .svg or .png, or name a directory",
                    "-o phải có đuôi .svg hoặc .png, hoặc là một thư mục",
                )
                + "\n"
            )
            return 2
    elif out is not None:
        return _to_directory(args, out)
    if many:
        sys.stderr.write(
            "vntrace qr: "
            + t("many inputs need -o DIRECTORY", "nhiều nội dung thì cần -o THƯ_MỤC")
            + "\n"
        )
        return 2
    text = args.data[0]
    code, findings = _draw(args, text)
    if code is None:
        return emit([(text, findings, {})], args)
    if out is None:
        sys.stdout.write(f"{code}\n")
        return 0
    try:
        code.save(out, scale=args.scale, size=args.size)
    except VntraceError as exc:
        return emit([(text, list(exc.findings), {})], args)
    except (OSError, ValueError) as exc:  # unwritable path, NUL in the name...
        sys.stderr.write(f"vntrace qr: {t('cannot write', 'không ghi được')} {str(out)!r}: {exc}\n")
        return 2
    info = {"version": code.version, "modules": code.size, "error": code.error, "file": str(out)}
    return emit([(text, [], info)], args)


def _to_directory(args: argparse.Namespace, directory: Path) -> int:
    try:
        directory.mkdir(exist_ok=True)
    except OSError as exc:
        what = t("cannot create", "không tạo được")
        reason = os_reason(exc)
        why = t(reason["en"], reason["vi"])
        sys.stderr.write(f"vntrace qr: {what} {str(directory)!r}: {why}\n")
        return 2
    manifest = io.StringIO()
    table = csv.writer(manifest, lineterminator="\n")
    table.writerow(["number", "file", "version", "modules", "data"])
    failed: list[OSError] = []

    def results() -> Iterator[tuple[str, Sequence[Finding], Mapping[str, Any]]]:
        for number, text in enumerate(_inputs(args), start=1):
            code, findings = _draw(args, text)
            if code is None:
                yield text, findings, {"number": number}
                continue
            name = f"{number:06d}.{args.type}"
            try:
                code.save(directory / name, scale=args.scale, size=args.size)
            except OSError as exc:
                failed.append(exc)
                return
            table.writerow([number, name, code.version, code.size, text])
            yield text, [], {"number": number, "file": name, "version": code.version}

    status = emit(results(), args)
    if failed:
        what = t("cannot write into", "không ghi được vào")
        sys.stderr.write(f"vntrace qr: {what} {str(directory)!r}: {failed[0]}\n")
        return 2
    try:
        gs1.qr.write_atomic(directory / "manifest.csv", manifest.getvalue().encode("utf-8"))
    except OSError as exc:
        what = t("cannot write the manifest", "không ghi được tệp danh mục (manifest)")
        sys.stderr.write(f"vntrace qr: {what}: {exc}\n")
        return 2
    return status
