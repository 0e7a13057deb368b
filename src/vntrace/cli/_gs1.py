"""``vntrace gs1 validate`` and ``vntrace gs1 parse``: GS1 element strings and scan data.

``validate [TEXT|-]`` checks one element string (bracketed, caret, unbracketed with GS separators
or scan data with a symbology identifier), or one per line of standard input. ``parse TEXT`` tells
what the text is (:func:`vntrace.gs1.parse_any`: a bare key, an element string, label text, a
Digital Link URI, scan data) and shows the data in every form (bracketed, caret, unbracketed,
HRI, Digital Link) with each element's typed meaning.

Reading standard input (``-``), every line is an input, blank lines too, and each result carries
its line number; ``--only-invalid`` shows only the lines with errors; a final line on standard
error accounts for every line read.

Typing a GS (ASCII 29) on a command line is awkward: ``--gs TOKEN`` replaces every ``TOKEN`` in the
input by GS first (``--gs '<GS>'`` reads the notation the text report uses).
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Mapping, Sequence
from dataclasses import fields, is_dataclass
from typing import Any

from vntrace import gs1
from vntrace.cli._common import add_gs1_flags, add_only_invalid, emit_lines, gs1_flags, t
from vntrace.errors import VntraceError
from vntrace.findings import Finding
from vntrace.report.json import to_jsonable

__all__ = ["register"]

_FORMS = ("bracketed", "caret", "unbracketed", "scan")
_GS = "\x1d"


def register(subparsers: Any) -> None:
    """Add ``gs1`` with its ``validate`` and ``parse`` subcommands."""
    parser = subparsers.add_parser(
        "gs1",
        help=t("GS1 element strings and scan data", "chuỗi dữ liệu GS1 và dữ liệu quét mã vạch"),
        description=t(
            "Validate and explain GS1 element strings and barcode scan data.",
            "Kiểm tra và giải thích chuỗi dữ liệu GS1 (chuỗi phần tử) và dữ liệu quét mã vạch.",
        ),
    )
    actions = parser.add_subparsers(title=t("actions", "thao tác"), metavar=t("ACTION", "THAO_TÁC"))

    validate = actions.add_parser(
        "validate",
        help=t(
            "validate element strings (one, or one per line of stdin)",
            "kiểm tra chuỗi phần tử (một chuỗi, hoặc mỗi dòng của đầu vào chuẩn một chuỗi)",
        ),
        description=t(
            "Validate GS1 element strings; exit 0 when all are valid, 1 otherwise.",
            "Kiểm tra chuỗi phần tử GS1; mã thoát 0 khi tất cả hợp lệ, 1 nếu có lỗi.",
        ),
    )
    validate.add_argument(
        "text",
        nargs="?",
        default="-",
        metavar=t("TEXT", "DỮ_LIỆU"),
        help=t(
            "the element string, or - (default) for one per line of standard input",
            "chuỗi phần tử, hoặc - (mặc định) để đọc mỗi dòng của đầu vào chuẩn",
        ),
    )
    _add_gs1_options(validate)
    add_only_invalid(validate)
    validate.set_defaults(func=run_validate)

    parse = actions.add_parser(
        "parse",
        help=t(
            "say what a text is (key, element string, Digital Link, scan) and show its forms",
            "cho biết dữ liệu là gì (mã số, chuỗi phần tử, Digital Link, dữ liệu quét) và"
            " hiện mọi dạng của nó",
        ),
        description=t(
            "Tell what the text is (a bare key, an element string, label text, a Digital Link"
            " URI or scan data), parse it and show all its forms and typed values.",
            "Cho biết dữ liệu là gì (mã số đứng riêng, chuỗi phần tử, chữ in trên nhãn, URI"
            " Digital Link hay dữ liệu quét), phân tích và hiện mọi dạng cùng ý nghĩa của nó.",
        ),
    )
    parse.add_argument(
        "text",
        metavar=t("TEXT", "DỮ_LIỆU"),
        help=t(
            "a key, element string, Digital Link URI or scan data, or - for stdin lines",
            "mã số, chuỗi phần tử, URI Digital Link hay dữ liệu quét, hoặc - để đọc từng dòng",
        ),
    )
    _add_gs1_options(parse)
    add_only_invalid(parse)
    parse.set_defaults(func=run_parse)


def _add_gs1_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--form",
        choices=_FORMS,
        default=None,
        help=t("input form (default: detected)", "dạng dữ liệu vào (mặc định: tự nhận biết)"),
    )
    parser.add_argument(
        "--gs",
        metavar=t("TOKEN", "KÝ_HIỆU"),
        default=None,
        help=t(
            "replace TOKEN by the GS separator (ASCII 29) before parsing, e.g. --gs '<GS>'",
            "thay KÝ_HIỆU bằng ký tự phân tách GS (ASCII 29) trước khi đọc, ví dụ --gs '<GS>'",
        ),
    )
    add_gs1_flags(parser)
    parser.add_argument(
        "--collect-all",
        action="store_true",
        help=t(
            "report every problem of an element string, not only the first (as GS1's engine)",
            "báo mọi lỗi của chuỗi phần tử, không chỉ lỗi đầu tiên (như bộ xử lý của GS1)",
        ),
    )


def _options(args: argparse.Namespace) -> gs1.Options:
    return gs1.Options(**gs1_flags(args), collect_all=args.collect_all)


def run_validate(args: argparse.Namespace) -> int:
    """Validate every input."""
    options = _options(args)

    def check(text: str) -> tuple[list[Finding], dict[str, Any]]:
        data = text.replace(args.gs, _GS) if args.gs else text
        return gs1.validate(data, form=args.form, options=options), {}

    return emit_lines(check, args.text, args)


def run_parse(args: argparse.Namespace) -> int:
    """Parse every input and show its forms."""
    options = _options(args)

    def check(text: str) -> tuple[Sequence[Finding], Mapping[str, Any]]:
        data = text.replace(args.gs, _GS) if args.gs else text
        return _parse_one(data, args.form, options)

    return emit_lines(check, args.text, args)


def _parse_one(
    text: str, form: str | None, options: gs1.Options
) -> tuple[Sequence[Finding], Mapping[str, Any]]:
    try:
        if form is None:
            parsed = gs1.parse_any(text, options=options)
            if parsed.scan is not None:
                return parsed.findings, _describe_scan(parsed.scan, options)
            if parsed.digital_link is not None:
                extra: dict[str, Any] = {"kind": parsed.kind}
                if parsed.element_string is not None:
                    extra.update(describe(parsed.element_string, options))
                return parsed.findings, extra
            assert parsed.element_string is not None
            out: dict[str, Any] = {"kind": parsed.kind}
            if parsed.alternatives:
                out["also_valid_as"] = list(parsed.alternatives)
            out.update(describe(parsed.element_string, options))
            return parsed.findings, out
        if form == "scan":
            return [], _describe_scan(gs1.scan.decode(text, options=options), options)
        es = gs1.parse(text, form=form, options=options)
    except VntraceError as exc:
        return list(exc.findings), {}
    return [], describe(es, options)


def _describe_scan(scan: gs1.scan.ScanResult, options: gs1.Options) -> dict[str, Any]:
    """Scan data: the symbology, then the element string's forms, or the plain data."""
    out: dict[str, Any] = {
        "symbology": scan.symbology,
        "symbology_identifier": scan.symbology_identifier,
    }
    if scan.element_string is not None and scan.element_string.elements:
        out.update(describe(scan.element_string, options))
    else:
        out["data"] = scan.data
    return out


def describe(es: gs1.ElementString, options: gs1.Options | None = None) -> dict[str, Any]:
    """Every form of ``es`` and the typed meaning of each element, as plain data."""
    out: dict[str, Any] = {
        "bracketed": es.bracketed(),
        "caret": es.caret(),
        "unbracketed": es.unbracketed(),
        "hri": list(es.hri()),
        "hri_with_titles": list(es.hri(data_titles=True)),
    }
    digital_link = _digital_link(es, options)
    if digital_link is not None:
        out["digital_link"] = digital_link
    out["elements"] = [
        {
            "ai": element.ai,
            "title": element.title,
            "value": element.value,
            "meaning": plain(element.interpreted),
        }
        for element in es.elements
    ]
    return out


def _digital_link(es: gs1.ElementString, options: gs1.Options | None) -> str | None:
    """The Digital Link URI of ``es``; ``None`` when that module is absent or ``es`` has no key."""
    try:
        module = importlib.import_module("vntrace.gs1.digital_link")
    except ImportError:
        return None
    try:
        uri: str = module.build(es, options=options)
    except VntraceError:
        return None  # no primary key: there is no Digital Link for this data
    return uri


def plain(value: Any) -> Any:
    """``value`` as plain JSON-like data (dicts, lists, strings, numbers, booleans, ``None``).

    >>> import datetime, decimal
    >>> plain({"date": datetime.date(2027, 6, 30), "kg": decimal.Decimal("0.750"), "n": (1, 2)})
    {'date': '2027-06-30', 'kg': '0.750', 'n': [1, 2]}
    """
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    return plain(to_jsonable(value))
