"""QR symbols: decoded back by a real decoder (zxing-cpp), smallest version, writers, errors."""

from __future__ import annotations

import io
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
import qrcode
import zxingcpp
from PIL import Image
from qrcode import util

from vntrace.errors import InvalidLength, UnsupportedInput
from vntrace.gs1 import qr

MODES = {"numeric": 1, "alphanumeric": 2, "byte": 4}
STAMPS = [
    "https://id.gs1.org/01/08934567890120/10/L7",
    "https://truyxuat.hatinh.gov.vn/01/08935123400012/10/HT2026-03/21/000000123456?17=270630",
    "HTTPS://ID.GS1.ORG/01/08934567890120/10/L7/21/ABC123",
    "https://example.vn/00/089345670000000123",
    "https://example.vn/01/08934567890120/10/L%2F7?99=" + "x" * 90,
]


def image_of(code: qr.QRCode, scale: int = 3) -> Image.Image:
    """Render the matrix ourselves (independent of the PNG writer)."""
    img = Image.new("L", (code.size, code.size), 255)
    img.putdata([0 if dark else 255 for row in code.matrix for dark in row])
    return img.resize((code.size * scale, code.size * scale), Image.NEAREST)


def decode(img: Image.Image) -> zxingcpp.Barcode:
    (found,) = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode, is_pure=True)
    return found


@pytest.mark.parametrize("data", STAMPS)
@pytest.mark.parametrize("error", qr.ERROR_LEVELS)
def test_decodes_exactly(data: str, error: str) -> None:
    code = qr.make(data, error=error)
    found = decode(image_of(code))
    assert found.bytes == data.encode()
    assert found.extra["Version"] == str(code.version)
    assert found.ec_level == error
    assert len(code.matrix) == 17 + 4 * code.version + 2 * code.border
    assert all(len(row) == len(code.matrix) for row in code.matrix)


@pytest.mark.parametrize("data", STAMPS)
def test_png_writer_decodes(data: str) -> None:
    code = qr.make(data, border=2)
    img = Image.open(io.BytesIO(code.png(scale=5)))
    assert img.size == (code.size * 5, code.size * 5)
    assert img.mode == "1"
    assert decode(img.convert("L")).bytes == data.encode()
    # the PNG pixels are the matrix
    small = img.resize((code.size, code.size), Image.NEAREST).convert("L")
    assert [p == 0 for p in small.tobytes()] == [d for row in code.matrix for d in row]


def test_svg_is_the_matrix() -> None:
    code = qr.make(STAMPS[1], border=4)
    svg = code.svg(size="25mm")
    root = ET.fromstring(svg)
    assert root.get("viewBox") == f"0 0 {code.size} {code.size}"
    assert root.get("width") == "25mm"
    background, dark = root
    assert background.get("fill") == "#fff"
    grid = [[False] * code.size for _ in range(code.size)]
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", dark.get("d") or ""):
        for i in range(int(w)):
            assert not grid[int(y)][int(x) + i]
            grid[int(y)][int(x) + i] = True
    assert tuple(tuple(r) for r in grid) == code.matrix
    assert "<path fill" in code.svg(light=None)
    assert len(ET.fromstring(code.svg(light=None))) == 1


def test_same_symbol_as_qrcode_for_the_same_segments() -> None:
    for data, error in itertools.product(STAMPS, qr.ERROR_LEVELS):
        code = qr.make(data, error=error, border=0)
        drawer = qrcode.QRCode(version=code.version, error_correction=qr._EC_BITS[error], border=0)
        for seg in qr.segments(data, error):
            drawer.add_data(util.QRData(seg.data, mode=MODES[seg.mode], check_data=False))
        drawer.make(fit=False)
        assert tuple(tuple(bool(x) for x in row) for row in drawer.modules) == code.matrix


def test_never_larger_than_qrcode_default() -> None:
    for data, error in itertools.product(STAMPS, qr.ERROR_LEVELS):
        drawer = qrcode.QRCode(error_correction=qr._EC_BITS[error])
        drawer.add_data(data)
        drawer.make()
        assert qr.make(data, error=error).version <= drawer.version


def test_mixed_modes_help_digital_link() -> None:
    # byte for the lower-case host, numeric for the GTIN, alphanumeric for an upper-case tail
    uri = "https://truyxuat.hatinh.gov.vn/01/08935123400012/10/HT2026-03/21/000000123456"
    modes = [s.mode for s in qr.segments(uri)]
    assert modes[0] == "byte"
    assert "numeric" in modes
    assert "alphanumeric" in modes
    drawer = qrcode.QRCode(error_correction=0)
    drawer.add_data(uri)
    drawer.make()
    assert (qr.make(uri).version, drawer.version) == (4, 5)


def _bits(segs: tuple[qr.Segment, ...], version: int) -> int:
    total = 0
    for s in segs:
        n = len(s.data)
        m = MODES[s.mode]
        total += 4 + util.length_in_bits(m, version)
        total += {1: 10 * (n // 3) + (0, 4, 7)[n % 3], 2: 11 * (n // 2) + 6 * (n % 2), 4: 8 * n}[m]
    return total


def test_segmentation_is_optimal_on_short_inputs() -> None:
    # brute force over every mode assignment of short strings (versions 1-9 count widths)
    alphabet = ["1", "A", "a", "/"]
    for length in range(1, 7):
        for chars in itertools.product(alphabet, repeat=length):
            text = "".join(chars)
            ours = _bits(qr.segments(text), 1)
            best = min(
                _bits(tuple(_runs(text, modes)), 1)
                for modes in itertools.product(("numeric", "alphanumeric", "byte"), repeat=length)
                if all(_fits(c, m) for c, m in zip(text, modes, strict=True))
            )
            assert ours == best, text


def _fits(ch: str, mode: str) -> bool:
    if mode == "numeric":
        return ch in "0123456789"
    if mode == "alphanumeric":
        return ch in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
    return True


def _runs(text: str, modes: tuple[str, ...]) -> list[qr.Segment]:
    out: list[qr.Segment] = []
    for mode, group in itertools.groupby(zip(text, modes, strict=True), key=lambda t: t[1]):
        out.append(qr.Segment(mode, "".join(c for c, _ in group).encode()))
    return out


def test_version_boundaries() -> None:
    # version 1-M holds 14 bytes in byte mode, version 40-L 2953
    assert qr.make("a" * 14).version == 1
    assert qr.make("a" * 15).version == 2
    assert qr.make("a" * 2953, error="L").version == 40
    with pytest.raises(InvalidLength) as info:
        qr.make("a" * 2954, error="L")
    assert info.value.code == "QR.DATA_TOO_LONG"
    assert qr.make("1" * 7089, error="L").version == 40


def test_bytes_and_unicode() -> None:
    assert decode(image_of(qr.make(b"\x00\xff ab"))).bytes == b"\x00\xff ab"
    text = "Hà Tĩnh"
    assert decode(image_of(qr.make(text))).bytes == text.encode()


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"error": "X"}, "QR.INVALID_ERROR_LEVEL"),
        ({"border": -1}, "QR.INVALID_BORDER"),
        ({"border": 1.5}, "QR.INVALID_BORDER"),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], code: str) -> None:
    with pytest.raises(UnsupportedInput) as info:
        qr.make("x", **kwargs)  # type: ignore[arg-type]
    assert info.value.code == code


def test_bad_scale_and_surrogates() -> None:
    with pytest.raises(UnsupportedInput):
        qr.make("x").png(scale=0)
    with pytest.raises(UnsupportedInput) as info:
        qr.make("a\udc00")
    assert info.value.code == "QR.DATA_NOT_ENCODABLE"


def test_text_rendering() -> None:
    code = qr.make("1", border=1)
    lines = str(code).splitlines()
    assert len(lines) == code.size
    assert lines[1].startswith("  " + "██" * 7)


def test_non_text_input() -> None:
    with pytest.raises(UnsupportedInput) as info:
        qr.make(123)  # type: ignore[arg-type]
    assert info.value.code == "GS1.INPUT_NOT_TEXT"
    assert qr.make(bytearray(b"ab")).data == b"ab"


@pytest.mark.parametrize(("border", "scale"), [(0, 1), (0, 3), (1, 1), (4, 2)])
def test_png_pixels_for_any_border_and_scale(border: int, scale: int) -> None:
    code = qr.make(STAMPS[0], border=border)
    img = Image.open(io.BytesIO(code.png(scale=scale)))
    assert img.size == (code.size * scale, code.size * scale)
    small = img.resize((code.size, code.size), Image.NEAREST).convert("L")
    assert [p == 0 for p in small.tobytes()] == [d for row in code.matrix for d in row]
