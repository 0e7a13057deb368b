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
from vntrace.cli._common import add_only_invalid, emit_lines
from vntrace.errors import VntraceError
from vntrace.findings import Finding

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add ``dl`` with its ``parse``, ``build`` and ``validate`` subcommands."""
    parser = subparsers.add_parser(
        "dl",
        help="GS1 Digital Link URIs",
        description="Parse, build and validate GS1 Digital Link URIs (strict, like GS1's engine).",
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION")

    parse = actions.add_parser(
        "parse",
        help="parse a Digital Link URI and show its parts",
        description="Parse GS1 Digital Link URIs and show key, qualifiers, attributes, forms.",
    )
    parse.add_argument("uri", metavar="URI", help="the URI, or - for one per line of stdin")
    _add_options(parse)
    add_only_invalid(parse)
    parse.add_argument(
        "--stem",
        default=gs1.digital_link.DEFAULT_STEM,
        help="stem of the canonical URI shown (default: %(default)s)",
    )
    parse.set_defaults(func=run_parse)

    build = actions.add_parser(
        "build",
        help="build a Digital Link URI from an element string",
        description="Build a GS1 Digital Link URI from an element string such as (01)…(10)….",
    )
    build.add_argument("text", metavar="TEXT", help="element string, or - for one per line")
    build.add_argument(
        "--stem",
        default=gs1.digital_link.DEFAULT_STEM,
        help="URI stem, e.g. https://truyxuat.example.vn (default: %(default)s)",
    )
    _add_options(build)
    add_only_invalid(build)
    build.set_defaults(func=run_build)

    validate = actions.add_parser(
        "validate",
        help="validate Digital Link URIs (one, or one per line of stdin)",
        description="Validate GS1 Digital Link URIs; exit 0 when all are valid, 1 otherwise.",
    )
    validate.add_argument(
        "uri",
        nargs="?",
        default="-",
        metavar="URI",
        help="the URI, or - (default) for one per line of standard input",
    )
    _add_options(validate)
    add_only_invalid(validate)
    validate.set_defaults(func=run_validate)


def _add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--permit-unknown-ais",
        action="store_true",
        help="accept AIs missing from the GS1 table where they cannot collide with known ones",
    )
    parser.add_argument(
        "--permit-zero-suppressed-gtin",
        action="store_true",
        help="left-pad 8, 12 and 13 digit GTINs in URIs to 14 digits",
    )
    parser.add_argument(
        "--permit-convenience-alphas",
        action="store_true",
        help="accept deprecated path names such as /gtin/ and /lot/",
    )
    parser.add_argument(
        "--unknown-ais-as-attributes",
        action="store_true",
        help="with --permit-unknown-ais, accept unknown AIs as query attributes",
    )
    parser.add_argument(
        "--no-requisite-ais",
        action="store_true",
        help="do not check req= associations (for partial data from one of several carriers)",
    )


def _options(args: argparse.Namespace) -> gs1.Options:
    return gs1.Options(
        permit_unknown_ais=args.permit_unknown_ais,
        permit_zero_suppressed_gtin_in_dl_uris=args.permit_zero_suppressed_gtin,
        permit_convenience_alphas=args.permit_convenience_alphas,
        unknown_ai_not_dl_attr=not args.unknown_ais_as_attributes,
        validate_requisite_ais=not args.no_requisite_ais,
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
