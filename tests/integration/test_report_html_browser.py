"""The HTML report in a real browser: headless Chromium (Debian package) renders the page offline.

Skips cleanly when Chromium is not installed (``.ci/run`` installs it when it can).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from vntrace.findings import Finding, Location
from vntrace.report import Record, write_file

CHROMIUM = next(
    (
        p
        for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
        if p and os.access(p, os.X_OK)
    ),
    None,
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")

HOSTILE = "LOT\u202eEXE.TXT<img src=x onerror=alert(1)><script>document.title='pwned'</script>"


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_chromium_renders_the_report_offline(tmp_path: Path) -> None:
    bad = Finding("GS1.ILLEGAL_DAY", location=Location(field="17"))
    records = [
        Record("(17)260132", [bad], source="lots.txt", number=1, groups={"xã": "Xã Phúc Trạch"}),
        Record("(17)260130", [], source="lots.txt", number=2, groups={"xã": "Xã Phúc Trạch"}),
        Record(HOSTILE, [bad], source="lots.txt", number=3, groups={"xã": "Xã Hương Khê"}),
    ]
    page = tmp_path / "report.html"
    write_file(records, page, "html", "vi")
    done = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "Báo cáo kiểm tra dữ liệu truy xuất nguồn gốc" in dom
    assert "33.3%" in dom  # 1 of 3 records without an error
    assert "Tỷ lệ đạt theo xã" in dom
    assert "Ngày trong tháng không hợp lệ" in dom
    assert "<script" not in dom  # the value's markup stayed text
    assert "<img" not in dom
    assert "pwned" not in dom.split("</title>")[0]
    assert "&lt;script&gt;" in dom

    shot = tmp_path / "report.png"
    done = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,1600", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000  # a rendered page, not a blank one
