"""``vntrace conformance run DIR -o OUTDIR [--profile vendor|portal]``: certify a system's output.

Checks every file under ``DIR`` (EPCIS documents, Digital Link stamp lists, element-string and
GTIN lists, lot dossiers when :mod:`vntrace.tcvn` is installed), writes ``OUTDIR/report.xml``
(JUnit) and ``OUTDIR/report.html``, and prints where they are with the counts. Exit code 0 only
when nothing fails under the profile, 1 otherwise, 2 when ``DIR`` or ``OUTDIR`` is unusable.
"""

from __future__ import annotations

import argparse
import errno
from pathlib import Path
from typing import Any

from vntrace import conformance
from vntrace.cli._common import emit, t
from vntrace.findings import Finding

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add ``conformance`` with its ``run`` action."""
    parser = subparsers.add_parser(
        "conformance",
        help=t(
            "certify a folder of EPCIS files, stamps, codes and dossiers",
            "đánh giá sự phù hợp của một thư mục tệp EPCIS, tem, mã và hồ sơ lô hàng",
        ),
        description=t(
            "Conformance kit: check every file a system produced and write JUnit + HTML.",
            "Bộ đánh giá sự phù hợp: kiểm tra mọi tệp một hệ thống tạo ra, lập báo cáo"
            " JUnit và HTML.",
        ),
    )
    actions = parser.add_subparsers(title=t("actions", "thao tác"), metavar=t("ACTION", "THAO_TÁC"))
    run = actions.add_parser(
        "run",
        help=t(
            "check every file under DIR; write OUTDIR/report.xml and OUTDIR/report.html",
            "kiểm tra mọi tệp trong THƯ_MỤC; ghi THƯ_MỤC_RA/report.xml và THƯ_MỤC_RA/report.html",
        ),
        description=t(
            "Check every file under DIR and write OUTDIR/report.xml (JUnit) and"
            " OUTDIR/report.html. Exit 0 only when nothing fails under the profile.",
            "Kiểm tra mọi tệp trong THƯ_MỤC, ghi THƯ_MỤC_RA/report.xml (JUnit) và"
            " THƯ_MỤC_RA/report.html. Mã thoát 0 chỉ khi mọi mục đều đạt theo mức kiểm"
            " tra đã chọn (--profile).",
        ),
    )
    run.add_argument(
        "folder",
        metavar=t("DIR", "THƯ_MỤC"),
        help=t("the folder of files to certify", "thư mục chứa các tệp cần đánh giá"),
    )
    run.add_argument(
        "-o",
        "--outdir",
        metavar=t("OUTDIR", "THƯ_MỤC_RA"),
        required=True,
        help=t("folder for the two reports", "thư mục ghi hai báo cáo"),
    )
    run.add_argument(
        "--profile",
        choices=conformance.PROFILES,
        default=conformance.PROFILES[0],
        help=t(
            "vendor: warnings fail too (default); portal: only errors fail",
            "vendor (nhà cung cấp): cảnh báo cũng tính là không đạt (mặc định);"
            " portal (cổng thông tin): chỉ lỗi mới tính là không đạt",
        ),
    )
    run.set_defaults(func=run_run)


def run_run(args: argparse.Namespace) -> int:
    """Certify ``args.folder``; the verdict and where the reports are go to standard output."""
    if not Path(args.folder).is_dir():  # exit 2, like any input that cannot be read
        raise NotADirectoryError(
            errno.ENOTDIR, t("not a folder", "không phải thư mục"), args.folder
        )
    result = conformance.certify(args.folder, args.outdir, profile=args.profile, lang=args.lang)
    summary = result.summary
    findings = []
    if not result.passed:
        params = {
            "profile": result.profile,
            "failed": summary.inputs - result.passed_records,
            "inputs": summary.inputs,
            "errors": summary.errors,
            "warnings": summary.warnings,
        }
        findings.append(Finding("VNTRACE.CONFORMANCE_FAILED", params=params))
    data = {
        "profile": result.profile,
        "passed": result.passed,
        **summary.to_dict(),
        "junit": str(result.files[0]),
        "html": str(result.files[1]),
    }
    emit([(args.folder, findings, data)], args)
    return result.exit_code
