"""``vntrace stamp``: keygen -> print-run -> trust list -> verify, in real processes, and the
QR sheet's symbols decoded with zxing-cpp."""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from vntrace.errors import VntraceError
from vntrace.gs1 import qr
from vntrace.signing import SigningKey, print_run, stamp_hash, verify_stamp

SRC = Path(__file__).resolve().parents[2] / "src"


def vt(*args: str, stdin: str | None = None, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, "-m", "vntrace", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )


def test_round_trip(tmp_path):
    r = vt("stamp", "keygen", "-o", "k.pem", "--public", "k.pub", "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE((tmp_path / "k.pem").stat().st_mode) == 0o600
    assert "PRIVATE" not in r.stdout
    assert (
        vt("stamp", "keygen", "-o", "root.pem", "--public", "root.pub", cwd=tmp_path).returncode
        == 0
    )
    r = vt(
        "stamp",
        "print-run",
        "--gtin",
        "08931234567897",
        "--lot",
        "LO2406A",
        "--count",
        "12",
        "--key",
        "k.pem",
        "--stem",
        "https://truyxuat.hatinh.gov.vn",
        "--expiry",
        "270630",
        "--sheet",
        "s.svg",
        "--manifest",
        "m.csv",
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr + r.stdout
    rows = list(csv.DictReader((tmp_path / "m.csv").open(encoding="utf-8")))
    assert len(rows) == 12
    assert len({row["serial"] for row in rows}) == 12
    for row in rows:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{10}", row["serial"])
    sheet = (tmp_path / "s.svg").read_text()
    assert sheet.count("<path transform=") == 12
    assert re.search(r'width="[0-9.]+mm"', sheet)
    r = vt(
        "stamp",
        "trustlist",
        "build",
        "--issuer",
        "VN-NTP",
        "--public-key",
        "k.pub",
        "--owner",
        "Sở KH&CN Hà Tĩnh",
        "--gcp",
        "8931234",
        "-o",
        "tl.json",
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr + r.stdout
    assert (
        vt(
            "stamp",
            "trustlist",
            "sign",
            "tl.json",
            "--root-key",
            "root.pem",
            "-o",
            "tl.jws",
            cwd=tmp_path,
        ).returncode
        == 0
    )
    uris = "\n".join(row["uri"] for row in rows) + "\n"
    r = vt(
        "stamp",
        "verify",
        "-",
        "--trust",
        "tl.jws",
        "--root",
        "root.pub",
        "--format",
        "jsonl",
        stdin=uris,
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    records = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    statuses = [rec["data"]["status"] for rec in records]
    assert statuses.count("valid") == 12, records[:2]
    # a tampered stamp, and a list signed by another root
    bad = rows[0]["uri"].replace("LO2406A", "LO2406B")
    r = vt("stamp", "verify", bad, "--trust", "tl.jws", "--root", "root.pub", cwd=tmp_path)
    assert r.returncode == 1
    assert "invalid-signature" in r.stdout
    r = vt("stamp", "verify", rows[0]["uri"], "--trust", "tl.jws", "--root", "k.pub", cwd=tmp_path)
    assert r.returncode == 2
    assert "TRUSTLIST_BAD_SIGNATURE" in r.stdout
    r = vt("stamp", "trustlist", "show", "tl.jws", "--root", "root.pub", cwd=tmp_path)
    assert r.returncode == 0
    assert "8931234" in r.stdout


def test_usage_errors(tmp_path):
    assert vt("stamp", "keygen", cwd=tmp_path).returncode == 2
    assert vt("stamp", "sign", "x", "--key", "missing.pem", cwd=tmp_path).returncode == 2
    r = vt("stamp", "verify", "x", cwd=tmp_path)
    assert r.returncode == 2


def test_sheet_symbols_decode(tmp_path):
    key = SigningKey.from_raw("Ed25519", bytes(32))
    stamps = list(
        print_run(
            "08931234567897",
            "LO-7/A",
            7,
            key,
            stem="https://truyxuat.hatinh.gov.vn",
            sheet=tmp_path / "s.svg",
            manifest=tmp_path / "m.csv",
            columns=3,
        )
    )
    sheet = (tmp_path / "s.svg").read_text()
    paths = re.findall(r'<path transform="translate\((\d+) (\d+)\)" d="([^"]+)"/>', sheet)
    assert len(paths) == 7
    versions = set()
    for stamp, (_, _, d) in zip(stamps, paths, strict=True):
        code = qr.make(stamp.uri, version=qr.byte_mode_version(len(stamp.uri)))
        assert code.path() == d
        versions.add(code.version)
        img = Image.open(io.BytesIO(code.png(scale=3))).convert("L")
        (found,) = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)
        assert found.text == stamp.uri
        assert verify_stamp(found.text, [key.public_key]).status == "valid"
        sig = stamp.uri.rpartition("8030=")[2]
        assert stamp.signature_hash == stamp_hash(base64.urlsafe_b64decode(sig + "==")).hex()
    assert len(versions) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_manifest_into_a_pipe_keeps_the_pipe(tmp_path):
    """A device or FIFO (``/dev/null``) is written into, never replaced by a renamed file."""
    import threading  # noqa: PLC0415

    key = SigningKey.from_raw("Ed25519", bytes(32))
    fifo = tmp_path / "manifest.pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    stamps = list(print_run("08931234567897", "L1", 3, key, stem="https://x.vn", manifest=fifo))
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    rows = list(csv.DictReader(io.StringIO(received[0])))
    assert [row["serial"] for row in rows] == [s.serial for s in stamps]


def test_abandoned_or_failed_run_leaves_no_file(tmp_path):
    key = SigningKey.from_raw("Ed25519", bytes(32))
    run = print_run(
        "08931234567897",
        "L1",
        5,
        key,
        stem="https://x.vn",
        sheet=tmp_path / "s.svg",
        manifest=tmp_path / "m.csv",
    )
    next(run)
    run.close()
    assert list(tmp_path.iterdir()) == []
    never = print_run("08931234567897", "L1", 5, key, stem="https://x.vn", sheet=tmp_path / "t.svg")
    del never
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"count": 0}, "SIGNING.BAD_COUNT"),
        ({"serial_length": 9}, "SIGNING.BAD_SERIAL_LENGTH"),
        ({"gtin": "08931234567890"}, "GS1.INCORRECT_CHECK_DIGIT"),
        ({"stem": "ftp://x"}, None),
    ],
)
def test_print_run_refusals(kwargs, code):
    key = SigningKey.from_raw("Ed25519", bytes(32))
    args = {"gtin": "08931234567897", "lot": "L1", "count": 2, "stem": "https://x.vn"} | kwargs
    with pytest.raises(VntraceError) as info:
        print_run(args.pop("gtin"), args.pop("lot"), args.pop("count"), key, **args)
    if code:
        assert info.value.code == code


def test_qr_many_inputs_into_a_directory(tmp_path):
    lines = "https://id.gs1.org/01/08934567890120\n0000000000\n" + "x" * 3000 + "\n"
    r = vt("qr", "-", "-o", "out", "--type", "png", "--format", "jsonl", stdin=lines, cwd=tmp_path)
    assert r.returncode == 1, r.stderr  # one input is too long: reported, the others written
    out = tmp_path / "out"
    rows = list(csv.DictReader((out / "manifest.csv").open(encoding="utf-8")))
    assert [row["number"] for row in rows] == ["1", "2"]
    assert sorted(p.name for p in out.iterdir()) == ["000001.png", "000002.png", "manifest.csv"]
    for row in rows:
        img = Image.open(out / row["file"]).convert("L")
        (found,) = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)
        assert found.text == row["data"]  # the all-zero data of D7 included
    assert "QR.DATA_TOO_LONG" in r.stdout


def test_qr_dash_is_never_drawn_as_text(tmp_path):
    r = vt("qr", "-", "-o", "x.svg", stdin="abc\n", cwd=tmp_path)
    assert r.returncode == 2
    assert not (tmp_path / "x.svg").exists()
    r = vt("qr", "a", "b", "-o", "d", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == [
        "000001.svg",
        "000002.svg",
        "manifest.csv",
    ]
    r = vt("qr", "0000", "-o", "z.svg", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "z.svg").read_text().startswith("<svg")
