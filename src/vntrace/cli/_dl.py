"""``vntrace dl parse|build|validate``: GS1 Digital Link URIs.

``parse URI`` checks a URI strictly and shows its key, qualifiers, attributes, ignored
parameters, element string and canonical forms. ``build TEXT`` turns an element string
(``(01)…(10)…`` or ``^01…``) into a URI on ``--stem``. ``validate [URI|-]`` checks one URI or
one per line of standard input. Exit codes are those of ``vntrace gs1``: 0 valid, 1 findings.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any

from vntrace import gs1
from vntrace.cli._common import add_gs1_flags, add_only_invalid, emit_lines, gs1_flags, t
from vntrace.errors import VntraceError
from vntrace.findings import Finding

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add ``dl`` with its ``parse``, ``build`` and ``validate`` subcommands."""
    parser = subparsers.add_parser(
        "dl",
        help=t("GS1 Digital Link URIs", "URI GS1 Digital Link"),
        description=t(
            "Parse, build and validate GS1 Digital Link URIs (strict, like GS1's engine).",
            "Phân tích, tạo và kiểm tra URI GS1 Digital Link (chặt chẽ như bộ xử lý của GS1).",
        ),
    )
    actions = parser.add_subparsers(title=t("actions", "thao tác"), metavar=t("ACTION", "THAO_TÁC"))

    parse = actions.add_parser(
        "parse",
        help=t(
            "parse a Digital Link URI and show its parts",
            "phân tích URI Digital Link và hiện các phần của nó",
        ),
        description=t(
            "Parse GS1 Digital Link URIs and show key, qualifiers, attributes, forms.",
            "Phân tích URI GS1 Digital Link và hiện mã khoá, thành phần bổ nghĩa,"
            " thuộc tính, các dạng.",
        ),
    )
    parse.add_argument(
        "uri",
        metavar="URI",
        help=t(
            "the URI, or - for one per line of stdin",
            "URI, hoặc - để đọc mỗi dòng của đầu vào chuẩn",
        ),
    )
    _add_options(parse)
    add_only_invalid(parse)
    parse.add_argument(
        "--stem",
        default=gs1.digital_link.DEFAULT_STEM,
        help=t(
            "stem of the canonical URI shown (default: %(default)s)",
            "phần gốc (stem) của URI chuẩn được hiện (mặc định: %(default)s)",
        ),
    )
    parse.set_defaults(func=run_parse)

    build = actions.add_parser(
        "build",
        help=t(
            "build a Digital Link URI from an element string",
            "tạo URI Digital Link từ chuỗi phần tử (hoặc đổi phần gốc của một URI)",
        ),
        description=t(
            "Build a GS1 Digital Link URI from an element string such as (01)…(10)….",
            "Tạo URI GS1 Digital Link từ chuỗi phần tử như (01)…(10)… hoặc từ một URI khác.",
        ),
    )
    build.add_argument(
        "text",
        metavar=t("TEXT", "DỮ_LIỆU"),
        help=t(
            "element string, or - for one per line",
            "chuỗi phần tử hoặc URI, hoặc - để đọc mỗi dòng",
        ),
    )
    build.add_argument(
        "--stem",
        default=gs1.digital_link.DEFAULT_STEM,
        help=t(
            "URI stem, e.g. https://truyxuat.example.vn (default: %(default)s)",
            "phần gốc của URI, ví dụ https://truyxuat.example.vn (mặc định: %(default)s)",
        ),
    )
    _add_options(build)
    add_only_invalid(build)
    build.set_defaults(func=run_build)

    validate = actions.add_parser(
        "validate",
        help=t(
            "validate Digital Link URIs (one, or one per line of stdin)",
            "kiểm tra URI Digital Link (một URI, hoặc mỗi dòng của đầu vào chuẩn)",
        ),
        description=t(
            "Validate GS1 Digital Link URIs; exit 0 when all are valid, 1 otherwise.",
            "Kiểm tra URI GS1 Digital Link; mã thoát 0 khi tất cả hợp lệ, 1 nếu có lỗi.",
        ),
    )
    validate.add_argument(
        "uri",
        nargs="?",
        default="-",
        metavar="URI",
        help=t(
            "the URI, or - (default) for one per line of standard input",
            "URI, hoặc - (mặc định) để đọc mỗi dòng của đầu vào chuẩn",
        ),
    )
    _add_options(validate)
    add_only_invalid(validate)
    validate.set_defaults(func=run_validate)


def _add_options(parser: argparse.ArgumentParser) -> None:
    add_gs1_flags(parser)
    parser.add_argument(
        "--permit-zero-suppressed-gtin",
        action="store_true",
        help=t(
            "left-pad 8, 12 and 13 digit GTINs in URIs to 14 digits",
            "thêm số 0 vào đầu GTIN 8, 12 và 13 chữ số trong URI cho đủ 14 chữ số",
        ),
    )
    parser.add_argument(
        "--permit-convenience-alphas",
        action="store_true",
        help=t(
            "accept deprecated path names such as /gtin/ and /lot/",
            "chấp nhận tên đường dẫn cũ như /gtin/ và /lot/",
        ),
    )
    parser.add_argument(
        "--unknown-ais-as-attributes",
        action="store_true",
        help=t(
            "with --permit-unknown-ais, accept unknown AIs as query attributes",
            "cùng --permit-unknown-ais: chấp nhận AI lạ làm thuộc tính truy vấn",
        ),
    )


def _options(args: argparse.Namespace) -> gs1.Options:
    return gs1.Options(
        **gs1_flags(args),
        permit_zero_suppressed_gtin_in_dl_uris=args.permit_zero_suppressed_gtin,
        permit_convenience_alphas=args.permit_convenience_alphas,
        unknown_ai_not_dl_attr=not args.unknown_ais_as_attributes,
    )


def describe(dl: gs1.digital_link.DigitalLink, stem: str) -> dict[str, Any]:
    """The parts of a parsed link as plain data."""

    def pair(element: gs1.Element) -> dict[str, str]:
        return {"ai": element.ai, "title": element.title, "value": element.value}

    return {
        "stem": dl.stem,
        "primary_key": pair(dl.primary_key),
        "qualifiers": [pair(e) for e in dl.qualifiers],
        "attributes": [pair(e) for e in dl.attributes],
        "ignored_params": list(dl.ignored_params),
        "element_string": dl.element_string.bracketed(),
        "canonical": dl.uri(stem),
    }


def _parse_one(
    uri: str, options: gs1.Options, stem: str
) -> tuple[Sequence[Finding], Mapping[str, Any]]:
    try:
        dl = gs1.digital_link.parse(uri, options)
    except VntraceError as exc:
        return list(exc.findings), {}
    return [], describe(dl, stem)


def run_parse(args: argparse.Namespace) -> int:
    """Parse every input URI and show its parts."""
    options = _options(args)
    return emit_lines(lambda uri: _parse_one(uri, options, args.stem), args.uri, args)


def _build_one(
    text: str, options: gs1.Options, stem: str
) -> tuple[Sequence[Finding], Mapping[str, Any]]:
    try:
        uri = gs1.digital_link.build(text, stem=stem, options=options)
    except VntraceError as exc:
        return list(exc.findings), {}
    return [], {"uri": uri}


def run_build(args: argparse.Namespace) -> int:
    """Build a URI for every input element string (or Digital Link URI, to re-stem it)."""
    options = _options(args)
    return emit_lines(lambda text: _build_one(text, options, args.stem), args.text, args)


def run_validate(args: argparse.Namespace) -> int:
    """Validate every input URI."""
    options = _options(args)
    return emit_lines(lambda uri: (gs1.digital_link.validate(uri, options), {}), args.uri, args)
