"""Every QR symbol drawn for a generated valid Digital Link URI decodes to exactly that URI."""

from __future__ import annotations

import zxingcpp
from dl_strategies import Link, links
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from vntrace.gs1 import qr


def decode(code: qr.QRCode) -> zxingcpp.Barcode:
    img = Image.new("L", (code.size, code.size), 255)
    img.putdata([0 if dark else 255 for row in code.matrix for dark in row])
    img = img.resize((code.size * 2, code.size * 2), Image.NEAREST)
    (found,) = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode, is_pure=True)
    return found


@given(links(), st.sampled_from(qr.ERROR_LEVELS), st.integers(1, 6))
def test_qr_of_digital_link_decodes_exactly(link: Link, error: str, border: int) -> None:
    code = qr.make(link.uri, error=error, border=border)
    found = decode(code)
    assert found.bytes == link.uri.encode("ascii")
    assert found.extra["Version"] == str(code.version)
    assert len(code.matrix) == 17 + 4 * code.version + 2 * border


@given(st.binary(max_size=300), st.sampled_from(qr.ERROR_LEVELS))
def test_qr_of_any_bytes_decodes(data: bytes, error: str) -> None:
    code = qr.make(data, error=error, border=1)
    assert decode(code).bytes == data
