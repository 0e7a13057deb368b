"""``vntrace stamp``: signed stamps in AI (8030).

- ``keygen -o KEY.pem [--alg ES256|Ed25519] [--public PUB.pem]``: a new private key, written
  with mode 0600 (never printed); prints the key id.
- ``sign CARRIER|- --key KEY.pem``: the carriers with (8030) added, one per line.
- ``verify CARRIER|- (--trust LIST.jws --root ROOT.pub | --public-key PUB.pem ...)``: the status
  of each stamp; exit 0 only when every stamp is ``valid``.
- ``print-run --gtin G --lot L --count N --key KEY.pem --stem URL [--expiry YYMMDD]
  [--sheet S.svg] [--manifest M.csv]``: random serials, signed, with a QR sheet and a manifest
  (progress bar on a terminal).
- ``scanlog FILE [--shipped EPCIS ...] [--issued MANIFEST.csv ...]``: suspected copies in a scan
  log; EPCIS shipping events may name the stamps as SGTIN EPC URNs (converted here, in the CLI
  layer, since :mod:`vntrace.signing` does not depend on :mod:`vntrace.epcis`).
- ``trustlist build|sign|show``: make a trust list key by key, sign it with the root key, show
  a signed (checked with the root public key) or unsigned list.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from vntrace import signing
from vntrace.cli._common import emit, read_inputs, t
from vntrace.errors import VntraceError, os_reason
from vntrace.findings import Finding
from vntrace.gs1.qr import write_atomic

__all__ = ["register"]

_Result = tuple[str, Sequence[Finding], Mapping[str, Any]]


def register(subparsers: Any) -> None:
    """Add ``stamp`` with its actions."""
    parser = subparsers.add_parser(
        "stamp",
        help=t(
            "signed stamps: keys, signing, verification, print runs, trust lists",
            "tem có chữ ký số: khoá, ký, xác minh, in loạt tem, danh sách tin cậy",
        ),
        description=t(
            "Sign and verify traceability stamps with a digital signature in AI (8030).",
            "Ký và xác minh tem truy xuất nguồn gốc bằng chữ ký số đặt trong AI (8030).",
        ),
    )
    actions = parser.add_subparsers(title=t("actions", "thao tác"), metavar=t("ACTION", "THAO_TÁC"))

    keygen = actions.add_parser(
        "keygen",
        help=t(
            "make a new private signing key (file mode 0600)",
            "tạo khoá bí mật mới để ký (tệp chỉ chủ sở hữu được đọc, quyền 0600)",
        ),
    )
    keygen.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help=t("private key file (PEM)", "tệp khoá bí mật (PEM)"),
    )
    keygen.add_argument("--alg", choices=signing.ALGORITHMS, default="ES256")
    keygen.add_argument(
        "--public",
        type=Path,
        default=None,
        help=t("also write the public key", "ghi thêm khoá công khai vào tệp này"),
    )
    keygen.set_defaults(func=run_keygen)

    sign = actions.add_parser(
        "sign",
        help=t(
            "add (8030) to Digital Link URIs or element strings",
            "thêm chữ ký (8030) vào URI Digital Link hoặc chuỗi phần tử",
        ),
    )
    sign.add_argument(
        "carrier",
        nargs="?",
        default="-",
        metavar="CARRIER",
        help=t(
            "or - for stdin",
            "URI Digital Link hoặc chuỗi phần tử, hoặc - để đọc mỗi dòng của đầu vào chuẩn",
        ),
    )
    sign.add_argument(
        "--key", type=Path, required=True, help=t("private key file", "tệp khoá bí mật")
    )
    sign.set_defaults(func=run_sign)

    verify = actions.add_parser(
        "verify", help=t("check the (8030) signature of stamps", "xác minh chữ ký (8030) của tem")
    )
    verify.add_argument(
        "carrier",
        nargs="?",
        default="-",
        metavar="CARRIER",
        help=t(
            "or - for stdin",
            "URI Digital Link hoặc chuỗi phần tử, hoặc - để đọc mỗi dòng của đầu vào chuẩn",
        ),
    )
    _add_trust_options(verify)
    verify.add_argument(
        "--revoked",
        type=Path,
        action="append",
        default=[],
        help=t(
            "signed stamp revocation list (repeatable)",
            "danh sách tem bị thu hồi đã ký (dùng được nhiều lần)",
        ),
    )
    verify.add_argument(
        "--now",
        default=None,
        help=t(
            "check as of this UTC time (ISO 8601)", "xác minh tại thời điểm này, giờ UTC (ISO 8601)"
        ),
    )
    verify.set_defaults(func=run_verify)

    scans = actions.add_parser(
        "scanlog",
        help=t(
            "look for copied stamps in a scan log (CSV)",
            "tìm tem bị sao chép trong nhật ký quét (CSV)",
        ),
        description=t(
            "Read a scan log (CSV with a header: time, gtin and serial or uri, place, and"
            " optionally device and consumer) and report suspected copies. --shipped takes EPCIS"
            " documents (JSON or XML) whose shipping events list the stamps shipped; their SGTIN"
            " EPC URNs are converted to Digital Link URIs first.",
            "Đọc nhật ký quét (CSV có dòng tiêu đề: time, gtin và serial hoặc uri, place, có thể"
            " thêm device và consumer) và báo các tem nghi bị sao chép. --shipped nhận tài liệu"
            " EPCIS (JSON hoặc XML) có sự kiện xuất hàng liệt kê các tem đã xuất; mã EPC URN dạng"
            " SGTIN trong đó được đổi sang URI Digital Link trước khi so.",
        ),
    )
    scans.add_argument(
        "log",
        metavar=t("FILE", "TỆP"),
        help=t(
            "scan log (CSV), or - for stdin", "nhật ký quét (CSV), hoặc - để đọc từ đầu vào chuẩn"
        ),
    )
    scans.add_argument(
        "--shipped",
        type=Path,
        action="append",
        default=[],
        help=t("EPCIS document (repeatable)", "tài liệu EPCIS (dùng được nhiều lần)"),
    )
    scans.add_argument(
        "--issued",
        type=Path,
        action="append",
        default=[],
        help=t("print-run manifest (CSV)", "danh sách tem của đợt in (CSV)"),
    )
    scans.add_argument(
        "--max-scans",
        type=int,
        default=None,
        help=t(
            "consumer scans allowed per stamp (default 5)",
            "số lần người tiêu dùng được quét mỗi tem (mặc định 5)",
        ),
    )
    scans.add_argument(
        "--window-hours",
        type=float,
        default=None,
        help=t(
            "two places closer in time than this are suspect (default 6)",
            "hai nơi quét cách nhau ít giờ hơn mức này thì bị nghi (mặc định 6)",
        ),
    )
    scans.set_defaults(func=run_scanlog)

    run = actions.add_parser(
        "print-run",
        help=t(
            "make a run of signed stamps with a QR sheet", "in một loạt tem đã ký kèm tờ in mã QR"
        ),
    )
    run.add_argument("--gtin", required=True)
    run.add_argument("--lot", required=True)
    run.add_argument("--count", type=int, required=True)
    run.add_argument(
        "--key", type=Path, required=True, help=t("private key file", "tệp khoá bí mật")
    )
    run.add_argument(
        "--stem",
        required=True,
        help=t(
            "resolver, e.g. https://truyxuat.example.vn",
            "địa chỉ máy chủ phân giải, ví dụ https://truyxuat.example.vn",
        ),
    )
    run.add_argument(
        "--expiry",
        default=None,
        help=t(
            "expiry date (17) as YYMMDD",
            "hạn sử dụng (17), dạng YYMMDD (hai chữ số năm, tháng, ngày)",
        ),
    )
    run.add_argument(
        "--sheet", type=Path, default=None, help=t("QR sheet (SVG)", "tờ in mã QR (SVG)")
    )
    run.add_argument(
        "--manifest", type=Path, default=None, help=t("manifest (CSV)", "danh mục tem (CSV)")
    )
    run.add_argument(
        "--module-mm",
        type=float,
        default=0.5,
        help=t("module size in mm", "cỡ mỗi ô của mã QR, tính bằng mm"),
    )
    run.add_argument(
        "--columns",
        type=int,
        default=6,
        help=t("symbols per sheet row", "số mã QR trên mỗi hàng của tờ in"),
    )
    run.set_defaults(func=run_print_run)

    trust = actions.add_parser(
        "trustlist", help=t("build, sign and show trust lists", "lập, ký và xem danh sách tin cậy")
    )
    trust_actions = trust.add_subparsers(
        title=t("actions", "thao tác"), metavar=t("ACTION", "THAO_TÁC")
    )
    build = trust_actions.add_parser(
        "build",
        help=t(
            "add one key to a new or existing list",
            "thêm một khoá vào danh sách mới hoặc danh sách có sẵn",
        ),
    )
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help=t("unsigned list (JSON)", "danh sách chưa ký (JSON)"),
    )
    build.add_argument(
        "--from",
        dest="source",
        type=Path,
        default=None,
        help=t(
            "unsigned list to extend (next sequence number)",
            "danh sách chưa ký cần bổ sung (tăng số phiên bản)",
        ),
    )
    build.add_argument(
        "--issuer", default=None, help=t("issuer of a new list", "đơn vị phát hành danh sách mới")
    )
    build.add_argument("--public-key", type=Path, required=True)
    build.add_argument("--owner", required=True, help=t("name of the key holder", "tên chủ khoá"))
    build.add_argument("--gln", default=None)
    build.add_argument(
        "--role",
        default=None,
        help=t(
            "provincial-portal, brand-owner…",
            "vai trò, ví dụ provincial-portal (cổng tỉnh), brand-owner (chủ thương hiệu)…",
        ),
    )
    build.add_argument(
        "--gcp",
        action="append",
        default=[],
        help=t("company prefix (repeatable)", "tiền tố mã doanh nghiệp (dùng được nhiều lần)"),
    )
    build.add_argument(
        "--gtin",
        action="append",
        default=[],
        help=t("GTIN-14 (repeatable)", "GTIN-14 (dùng được nhiều lần)"),
    )
    build.add_argument("--not-before", type=dt.date.fromisoformat, default=None)
    build.add_argument("--not-after", type=dt.date.fromisoformat, default=None)
    build.add_argument(
        "--valid-days",
        type=int,
        default=7,
        help=t("days until next_update", "số ngày đến lần cập nhật tiếp theo (next_update)"),
    )
    build.set_defaults(func=run_trust_build)
    tsign = trust_actions.add_parser(
        "sign",
        help=t("sign an unsigned list with the root key", "ký danh sách chưa ký bằng khoá gốc"),
    )
    tsign.add_argument("list", type=Path, metavar="LIST")
    tsign.add_argument(
        "--root-key",
        type=Path,
        required=True,
        help=t("root private key (ES256)", "khoá bí mật gốc (ES256)"),
    )
    tsign.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help=t("signed list (JWS)", "danh sách đã ký (JWS)"),
    )
    tsign.set_defaults(func=run_trust_sign)
    show = trust_actions.add_parser(
        "show", help=t("show the keys of a list", "xem các khoá trong danh sách")
    )
    show.add_argument("list", type=Path, metavar="LIST")
    show.add_argument(
        "--root",
        type=Path,
        default=None,
        help=t(
            "root public key (required for a signed list)",
            "khoá công khai gốc (bắt buộc với danh sách đã ký)",
        ),
    )
    show.set_defaults(func=run_trust_show)


def _add_trust_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--trust",
        type=Path,
        default=None,
        help=t("signed trust list (JWS)", "danh sách tin cậy đã ký (JWS)"),
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help=t("root public key of the list", "khoá công khai gốc của danh sách"),
    )
    parser.add_argument(
        "--public-key",
        type=Path,
        action="append",
        default=[],
        help=t(
            "trust this public key directly (repeatable)",
            "tin cậy trực tiếp khoá công khai này (dùng được nhiều lần)",
        ),
    )


class _Usage(Exception):
    """A problem with the command line or an input file: exit 2."""


def _why(exc: OSError) -> str:
    reason = os_reason(exc)
    return t(reason["en"], reason["vi"])


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _Usage(f"{t('cannot read', 'không đọc được')} {str(path)!r}: {_why(exc)}") from None


def _fail(args: argparse.Namespace, exc: VntraceError, source: str) -> int:
    emit([(source, list(exc.findings), {})], args)
    return 2


def _guard(func: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        try:
            result: int = func(args)
        except _Usage as exc:
            sys.stderr.write(f"vntrace stamp: {t('error', 'lỗi')}: {exc}\n")
            return 2
        return result

    run.__doc__ = func.__doc__
    return run


@_guard
def run_keygen(args: argparse.Namespace) -> int:
    """Write a new private key (0600) and optionally its public key; print the key id."""
    key = signing.SigningKey.generate(args.alg)
    try:
        write_atomic(args.output, key.private_pem())  # mkstemp files are created 0600
        if args.public is not None:
            write_atomic(args.public, key.public_key.pem().encode("ascii"))
            args.public.chmod(0o644)
    except OSError as exc:
        raise _Usage(
            f"{t('cannot write', 'không ghi được')} {exc.filename!r}: {_why(exc)}"
        ) from None
    info = {"kid": key.kid, "alg": key.alg, "file": str(args.output)}
    return emit([(key.kid, [], info)], args)


@_guard
def run_sign(args: argparse.Namespace) -> int:
    """Sign each carrier and print it."""
    try:
        key = signing.load_private_key(_read(args.key))
    except VntraceError as exc:
        return _fail(args, exc, str(args.key))

    def results() -> Iterator[_Result]:
        for text in read_inputs(args.carrier):
            try:
                signed = signing.sign_stamp(text, key)
            except VntraceError as exc:
                yield text, list(exc.findings), {}
            else:
                yield text, [], {"signed": signed, "kid": key.kid}

    return emit(results(), args)


def _trust(args: argparse.Namespace) -> signing.TrustList | list[signing.PublicKey]:
    if args.trust is not None:
        if args.root is None:
            raise _Usage(
                t(
                    "--trust needs --root (the root public key that signed the list)",
                    "--trust cần kèm --root (khóa công khai gốc đã ký danh sách)",
                )
            )
        root = signing.load_public_key(_read(args.root))
        return signing.TrustList.load(_read(args.trust), root)
    if not args.public_key:
        raise _Usage(
            t(
                "give --trust LIST --root ROOT.pub, or one or more --public-key",
                "hãy cho --trust DANH_SÁCH --root GỐC.pub, hoặc một hay nhiều --public-key",
            )
        )
    return [signing.load_public_key(_read(p)) for p in args.public_key]


@_guard
def run_verify(args: argparse.Namespace) -> int:
    """Verify each stamp; exit 0 only when all are valid."""
    try:
        trust = _trust(args)
        root = signing.load_public_key(_read(args.root)) if args.revoked else None
        if args.revoked and root is None:
            raise _Usage(t("--revoked needs --root", "--revoked cần kèm --root"))
        revoked = [signing.RevocationList.load(_read(p), root) for p in args.revoked]  # type: ignore[arg-type]
    except VntraceError as exc:
        return _fail(args, exc, str(args.trust or args.public_key[0]))
    now = None
    if args.now is not None:
        try:
            now = dt.datetime.fromisoformat(args.now)
        except ValueError:
            raise _Usage(
                t(
                    f"--now {args.now!r} is not an ISO 8601 time",
                    f"--now {args.now!r} không phải thời điểm theo ISO 8601",
                )
            ) from None

    def results() -> Iterator[_Result]:
        for text in read_inputs(args.carrier):
            v = signing.verify_stamp(text, trust, now=now, revoked=revoked)
            info: dict[str, Any] = {"status": v.status, "kid": v.kid}
            if v.owner is not None:
                info["owner"] = v.owner.name
            yield text, list(v.findings), info

    return emit(results(), args)


@_guard
def run_print_run(args: argparse.Namespace) -> int:
    """Make the run; the summary lists the files written."""
    try:
        key = signing.load_private_key(_read(args.key))
        stamps = signing.print_run(
            args.gtin,
            args.lot,
            args.count,
            key,
            stem=args.stem,
            expiry=args.expiry,
            sheet=args.sheet,
            manifest=args.manifest,
            module_mm=args.module_mm,
            columns=args.columns,
        )
        done = _drive(stamps, args.count)
    except VntraceError as exc:
        return _fail(args, exc, f"{args.gtin} {args.lot}")
    except OSError as exc:
        raise _Usage(
            f"{t('cannot write', 'không ghi được')} {exc.filename!r}: {_why(exc)}"
        ) from None
    info: dict[str, Any] = {"stamps": done, "kid": key.kid}
    if args.sheet is not None:
        info["sheet"] = str(args.sheet)
    if args.manifest is not None:
        info["manifest"] = str(args.manifest)
    return emit([(f"{args.gtin} {args.lot}", [], info)], args)


def _drive(stamps: Iterator[signing.Stamp], total: int) -> int:
    if not sys.stderr.isatty():
        return sum(1 for _ in stamps)
    try:
        from rich.progress import Progress  # noqa: PLC0415 - optional (bulk extra), terminal only
    except ImportError:
        return sum(1 for _ in stamps)

    done = 0
    with Progress(transient=True) as bar:
        task = bar.add_task("tem", total=total)
        for _ in stamps:
            done += 1
            if done % 50 == 0 or done == total:
                bar.update(task, completed=done)
    return done


@_guard
def run_trust_build(args: argparse.Namespace) -> int:
    """Add one key to a new list, or to the list given with ``--from``."""
    try:
        public = signing.load_public_key(_read(args.public_key))
        entry = signing.TrustedKey(
            public,
            signing.Owner(args.owner, args.gln, args.role),
            gcp=tuple(args.gcp),
            gtin=tuple(args.gtin),
            not_before=args.not_before,
            not_after=args.not_after,
        )
        if args.source is not None:
            tl = signing.TrustList.from_json(_read(args.source)).with_key(entry)
        else:
            if not args.issuer:
                raise _Usage(t("a new list needs --issuer", "danh sách mới cần --issuer"))
            tl = signing.TrustList.build(
                args.issuer, [entry], valid_for=dt.timedelta(days=args.valid_days)
            )
        # a list must read back: the same strict checks as a verifier's
        signing.TrustList.from_json(tl.to_json())
    except VntraceError as exc:
        return _fail(args, exc, str(args.public_key))
    try:
        write_atomic(args.output, tl.to_json().encode("utf-8"))
    except OSError as exc:
        raise _Usage(
            f"{t('cannot write', 'không ghi được')} {str(args.output)!r}: {_why(exc)}"
        ) from None
    info = {"kid": public.kid, "sequence": tl.sequence, "keys": len(tl.keys)}
    return emit([(str(args.output), [], info)], args)


@_guard
def run_trust_sign(args: argparse.Namespace) -> int:
    """Sign an unsigned list with the root key."""
    try:
        tl = signing.TrustList.from_json(_read(args.list))
        root = signing.load_private_key(_read(args.root_key))
        token = tl.sign(root)
    except VntraceError as exc:
        return _fail(args, exc, str(args.list))
    try:
        write_atomic(args.output, (token + "\n").encode("ascii"))
    except OSError as exc:
        raise _Usage(
            f"{t('cannot write', 'không ghi được')} {str(args.output)!r}: {_why(exc)}"
        ) from None
    return emit([(str(args.output), [], {"sequence": tl.sequence, "root": root.kid})], args)


@_guard
def run_trust_show(args: argparse.Namespace) -> int:
    """One line per key: kid, owner, scope, validity, status."""
    data = _read(args.list)
    try:
        if data.lstrip().startswith(b"{"):
            tl = signing.TrustList.from_json(data)
        else:
            if args.root is None:
                raise _Usage(
                    t(
                        "a signed list needs --root (the root public key)",
                        "danh sách đã ký cần --root (khóa công khai gốc)",
                    )
                )
            tl = signing.TrustList.load(data, signing.load_public_key(_read(args.root)))
    except VntraceError as exc:
        return _fail(args, exc, str(args.list))
    results: list[_Result] = []
    for key in tl.keys:
        info = {
            "owner": key.owner.name,
            "alg": key.public_key.alg,
            "gcp": ",".join(key.gcp),
            "gtin": ",".join(key.gtin),
            "not_before": key.not_before.isoformat() if key.not_before else "",
            "not_after": key.not_after.isoformat() if key.not_after else "",
            "status": key.status,
        }
        results.append((key.kid, [], info))
    stale = tl.is_stale()
    summary = {
        "issuer": tl.issuer,
        "sequence": tl.sequence,
        "next_update": tl.next_update.isoformat(),
    }
    findings = (
        [Finding("SIGNING.TRUST_LIST_STALE", params={"next_update": tl.next_update.isoformat()})]
        if stale
        else []
    )
    return emit([(str(args.list), findings, summary), *results], args)


_EVENT_EPC_FIELDS = ("epc_list", "child_epcs", "input_epc_list", "output_epc_list")


def _as_dl(epc: str) -> str:
    """An EPC URN as its Digital Link URI (SGTIN → ``/01/…/21/…``); anything else unchanged
    (the scan-log analysis then reports what it cannot use)."""
    if not epc.startswith("urn:epc:"):
        return epc
    from vntrace.epcis import epc as _epc  # noqa: PLC0415 - pydantic loads only with --shipped

    try:
        return _epc.urn_to_dl(epc)
    except VntraceError:
        return epc


def _shipping(paths: Sequence[Path]) -> Iterator[dict[str, Any]]:
    """The events of EPCIS documents as the mappings :func:`vntrace.signing.scanlog.analyse`
    reads, their EPC URNs converted to Digital Link URIs (nothing else changed)."""
    from vntrace import epcis  # noqa: PLC0415 - pydantic and lxml load only with --shipped

    for path in paths:
        for event in epcis.iter_events(path):
            converted: dict[str, Any] = {"bizStep": event.biz_step}
            for name in _EVENT_EPC_FIELDS:
                epcs = getattr(event, name, None)
                if epcs:
                    converted[name] = [_as_dl(e) for e in epcs]
            yield converted


def _issued(paths: Sequence[Path]) -> list[str]:
    uris: list[str] = []
    for path in paths:
        text = _read(path).decode("utf-8-sig", "replace")
        for row in csv.DictReader(io.StringIO(text)):
            uri = row.get("uri")
            if uri:
                uris.append(uri)
    return uris


_NO = frozenset({"0", "false", "no", "n", "không", "khong"})


def _scan_rows(text: str) -> Iterator[dict[str, object]]:
    for row in csv.DictReader(io.StringIO(text)):
        record: dict[str, object] = {k.strip(): v for k, v in row.items() if k}
        consumer = record.get("consumer")
        if isinstance(consumer, str):
            record["consumer"] = consumer.strip().lower() not in _NO
        yield record


@_guard
def run_scanlog(args: argparse.Namespace) -> int:
    """Analyse the scan log; each suspected copy is a finding."""
    from vntrace.signing import scanlog  # noqa: PLC0415

    if args.log == "-":
        text = sys.stdin.read()
    else:
        text = _read(Path(args.log)).decode("utf-8-sig", "replace")
    defaults = scanlog.ScanRules()
    try:
        rules = scanlog.ScanRules(
            max_scans=defaults.max_scans if args.max_scans is None else args.max_scans,
            window=defaults.window
            if args.window_hours is None
            else dt.timedelta(hours=args.window_hours),
        )
    except (OverflowError, ValueError):
        raise _Usage(
            t(
                f"--window-hours {args.window_hours!r} is out of range",
                f"--window-hours {args.window_hours!r} nằm ngoài khoảng cho phép",
            )
        ) from None
    try:
        shipped = list(_shipping(args.shipped)) if args.shipped else None
    except VntraceError as exc:
        return _fail(args, exc, str(args.shipped[0]))
    except OSError as exc:
        raise _Usage(
            f"{t('cannot read', 'không đọc được')} {exc.filename!r}: {_why(exc)}"
        ) from None
    issued = _issued(args.issued) if args.issued else None
    rows = list(_scan_rows(text))
    findings = scanlog.analyse(rows, shipped=shipped, issued=issued, rules=rules)
    stamps = len({(r.get("gtin"), r.get("serial"), r.get("uri")) for r in rows})
    return emit([(args.log, findings, {"scans": len(rows), "stamps": stamps})], args)
