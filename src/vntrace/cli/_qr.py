"""``vntrace qr DATA -o FILE``: draw a QR Code symbol as SVG or PNG.

The file type follows the extension of ``-o`` (``.svg`` or ``.png``); without ``-o`` the symbol
is printed to the terminal. With ``--check-dl`` the data must first pass strict GS1 Digital
Link validation (a stamp should never be printed with a broken link).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from vntrace import gs1
from vntrace.cli._common import emit
from vntrace.errors import VntraceError

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``qr`` subcommand."""
    parser = subparsers.add_parser(
        "qr",
        help="draw a QR Code (SVG or PNG) for a Digital Link URI or any text",
        description="Draw the smallest QR Code symbol for DATA as SVG or PNG.",
    )
    parser.add_argument("data", metavar="DATA", help="the text to encode (usually a DL URI)")
    parser.add_argument("-o", "--output", type=Path, default=None, help="output file, .svg or .png")
    parser.add_argument(
        "--error", choices=gs1.qr.ERROR_LEVELS, default="M", help="error correction level"
    )
    parser.add_argument("--border", type=int, default=4, help="quiet zone in modules")
    parser.add_argument("--scale", type=int, default=8, help="PNG pixels per module")
    parser.add_argument(
        "--size", default=None, help="SVG width and height with unit, e.g. 25mm (default: none)"
    )
    parser.add_argument(
        "--check-dl",
        action="store_true",
        help="refuse DATA unless it is a valid GS1 Digital Link URI",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Draw the symbol and write it."""
    if args.check_dl:
        findings = gs1.digital_link.validate(args.data)
        if findings:
            return emit([(args.data, findings, {})], args)
    suffix = args.output.suffix.lower() if args.output is not None else ""
    if args.output is not None and suffix not in {".svg", ".png"}:
        sys.stderr.write("vntrace qr: -o must end in .svg or .png\n")
        return 2
    try:
        code = gs1.qr.make(args.data, error=args.error, border=args.border)
        if suffix == ".png":
            args.output.write_bytes(code.png(scale=args.scale))
        elif suffix == ".svg":
            args.output.write_text(code.svg(size=args.size), encoding="utf-8")
    except VntraceError as exc:
        return emit([(args.data, list(exc.findings), {})], args)
    except (OSError, ValueError) as exc:  # unwritable path, NUL in the name...
        sys.stderr.write(f"vntrace qr: cannot write {str(args.output)!r}: {exc}\n")
        return 2
    info = {"version": code.version, "modules": code.size, "error": code.error}
    if args.output is None:
        sys.stdout.write(f"{code}\n")
        return 0
    info["file"] = str(args.output)
    return emit([(args.data, [], info)], args)
