"""The pure-Python QR encoder: same symbol as ``qrcode`` for the same segments (its own
Reed-Solomon, placement and bit-parallel mask scoring), D7/D18 regressions, save(), version=."""

from __future__ import annotations

import io

import pytest
import qrcode
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from qrcode import util

from vntrace.errors import InvalidLength, UnsupportedInput
from vntrace.gs1 import qr

MODES = {"numeric": 1, "alphanumeric": 2, "byte": 4}


def _qrcode_matrix(data: bytes | str, error: str, version: int) -> tuple[tuple[bool, ...], ...]:
    drawer = qrcode.QRCode(version=version, error_correction=qr._EC_BITS[error], border=0)
    for seg in qr.segments(data, error) if version == qr.make(data, error).version else ():
        drawer.add_data(util.QRData(seg.data, mode=MODES[seg.mode], check_data=False))
    try:
        drawer.make(fit=False)
    except ValueError:  # qrcode's own Reed-Solomon fails on some zero blocks ("glog(0)", D7)
        return ()
    return tuple(tuple(bool(x) for x in row) for row in drawer.modules)


SIGNED = (
    "https://truyxuat.hatinh.gov.vn/01/08931234567897/10/LO2406A/21/K7Q2M9X4P1?17=270630&8030="
    + "AbCdEfGh-_" * 8
    + "Zz09Yy"
)


@pytest.mark.parametrize(
    "data",
    [SIGNED, SIGNED.upper(), "0" * 40, "0", "00000000000000000000", b"\x00" * 30, "A" * 300],
)
@pytest.mark.parametrize("error", qr.ERROR_LEVELS)
def test_same_symbol_as_qrcode(data, error):
    code = qr.make(data, error=error, border=0)
    expected = _qrcode_matrix(data, error, code.version)
    assert code.matrix == expected or expected == ()
    assert data != SIGNED or expected


@settings(max_examples=60)
@given(st.binary(min_size=0, max_size=400), st.sampled_from(qr.ERROR_LEVELS))
def test_same_symbol_as_qrcode_any_bytes(data, error):
    code = qr.make(data, error=error, border=0)
    expected = _qrcode_matrix(data, error, code.version)
    assert code.matrix == expected or expected == ()
    assert data != SIGNED or expected


@settings(max_examples=30)
@given(st.text("0123456789", min_size=1, max_size=300))
def test_numeric_data_including_all_zeros_decodes(digits):
    # D7: all-zero numeric data raised "ValueError: glog(0)" inside qrcode's Reed-Solomon
    code = qr.make(digits)
    img = Image.open(io.BytesIO(code.png(scale=3))).convert("L")
    (found,) = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)
    assert found.bytes == digits.encode()


def test_signed_stamp_is_version_9_to_10_and_decodes():
    code = qr.make(SIGNED)
    assert code.version in {9, 10}
    img = Image.open(io.BytesIO(code.png(scale=3))).convert("L")
    (found,) = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)
    assert found.text == SIGNED


def test_oversized_payloads_are_refused():
    # D18: refusal of what cannot fit no longer runs the segmentation for every width class
    for data in ["x" * 14000, "0" * 7090, "A" * 4297, "x" * 2332]:
        with pytest.raises(InvalidLength):
            qr.make(data, error="M")
    assert qr.make("x" * 2331, error="M").version == 40
    assert qr.make("0" * 5596, error="M").version == 40


def test_forced_version():
    assert qr.make("https://id.gs1.org/01/08934567890120", version=12).version == 12
    with pytest.raises(InvalidLength) as info:
        qr.make("x" * 200, version=3)
    assert info.value.code == "QR.DATA_TOO_LONG_FOR_VERSION"
    assert info.value.finding.params["version"] == 3
    for bad in (0, 41, True, "9"):
        with pytest.raises(UnsupportedInput):
            qr.make("x", version=bad)  # type: ignore[arg-type]


def test_save_by_extension(tmp_path):
    code = qr.make(SIGNED)
    svg = code.save(tmp_path / "a.svg", size="30mm")
    assert svg.read_text().startswith("<svg")
    assert 'width="30mm"' in svg.read_text()
    png = code.save(tmp_path / "b.PNG", scale=2)
    assert png.read_bytes() == code.png(scale=2)
    with pytest.raises(UnsupportedInput) as info:
        code.save(tmp_path / "c.jpg")
    assert info.value.code == "QR.UNSUPPORTED_FILE_TYPE"
    with pytest.raises(OSError):
        code.save(tmp_path / "missing-dir" / "d.svg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.svg", "b.PNG"]  # no temp left
