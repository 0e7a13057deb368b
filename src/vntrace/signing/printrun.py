"""Print runs: a batch of signed stamps with random serials, a QR sheet and a manifest.

:func:`print_run` makes ``count`` stamps for one GTIN and lot. Each serial is drawn with
:mod:`secrets` from the Crockford base32 alphabet (``0-9 A-Z`` without ``I L O U``; 10
characters = 50 bits by default, design §5.3) and is unique within the run. Each stamp is a
Digital Link URI on your resolver ``stem``, signed in (8030). Optionally it streams a QR sheet
(one SVG page, every symbol the same version and printed size, ``module_mm`` millimetres per
module) and a manifest CSV (``gtin, lot, serial, expiry, uri, signature_hash``; the hash is the
stamp's entry in a :class:`~vntrace.signing.RevocationList`, so a lost roll can be revoked
from the manifest alone). Both files are written beside their targets and renamed into place
only when the run completes: a failed or abandoned run leaves no partial file.

>>> import pathlib, tempfile
>>> from vntrace.signing import SigningKey, verify_stamp
>>> key = SigningKey.from_raw("ES256", bytes(31) + b"\\x03")
>>> with tempfile.TemporaryDirectory() as tmp:
...     sheet = pathlib.Path(tmp, "sheet.svg")
...     stamps = list(print_run("08931234567897", "LO2406A", 3, key,
...                             stem="https://truyxuat.hatinh.gov.vn", sheet=sheet))
...     sheet.read_text()[:40]
'<svg xmlns="http://www.w3.org/2000/svg" '
>>> len({s.serial for s in stamps}), len(stamps[0].serial)
(3, 10)
>>> verify_stamp(stamps[0].uri, [key.public_key]).status
'valid'
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import math
import os
import secrets
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TextIO

from vntrace.errors import SignatureError, UnsupportedInput
from vntrace.findings import Finding
from vntrace.gs1 import digital_link as _dl
from vntrace.gs1 import qr as _qr
from vntrace.signing._keys import SigningKey, unb64url
from vntrace.signing.stamp import sign_stamp
from vntrace.signing.trustlist import stamp_hash

__all__ = ["CROCKFORD", "Stamp", "print_run"]

CROCKFORD: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32 alphabet (no I, L, O, U: nothing to misread on a label)."""
MAX_COUNT: Final = 10_000_000
_MIN_SERIAL: Final = 10  # 50 bits


@dataclass(frozen=True, slots=True)
class Stamp:
    """One stamp of a print run."""

    serial: str
    """The random serial (21)."""
    uri: str
    """The signed Digital Link URI (what the QR symbol holds)."""
    signature_hash: str
    """Hex of the first 128 bits of SHA-256 of the signature (the revocation-list entry)."""


def _refuse(code: str, **params: str | int) -> UnsupportedInput:
    return UnsupportedInput(Finding(f"SIGNING.{code}", params=params))


def _serial(length: int) -> str:
    bits = secrets.randbits(5 * length)
    return "".join(CROCKFORD[(bits >> (5 * i)) & 31] for i in range(length))


def _expiry_text(expiry: dt.date | str | None) -> str | None:
    if expiry is None:
        return None
    if isinstance(expiry, dt.date):
        return expiry.strftime("%y%m%d")
    return str(expiry)


class _Output:
    """A text file written to a temporary name beside ``target``, renamed on :meth:`commit`."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.tmp: Path | None = None
        if target.exists() and not target.is_file() and not target.is_dir():
            # a device or pipe (/dev/null): renaming onto it would replace the node itself
            self.handle: TextIO = target.open("w", encoding="utf-8", newline="")
            return
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        self.tmp = Path(name)
        self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def commit(self) -> None:
        self.handle.close()
        if self.tmp is not None:
            self.tmp.replace(self.target)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.handle.close()
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                self.tmp.unlink()


def print_run(
    gtin: str,
    lot: str,
    count: int,
    key: SigningKey,
    *,
    stem: str,
    expiry: dt.date | str | None = None,
    sheet: str | os.PathLike[str] | None = None,
    manifest: str | os.PathLike[str] | None = None,
    serial_length: int = _MIN_SERIAL,
    error: str = "M",
    module_mm: float = 0.5,
    columns: int = 6,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Stamp]:
    """Make ``count`` signed stamps for ``gtin`` (14 digits) and ``lot``, optionally with a QR
    ``sheet`` (SVG) and a ``manifest`` (CSV); yields each :class:`Stamp` as it is made.

    ``expiry`` adds (17) (a date, or ``YYMMDD`` text). ``serial_length`` is at least 10
    characters (50 bits). ``progress`` is called with the number of stamps done so far. Bad
    arguments are refused before anything is written: GS1 problems with
    :class:`~vntrace.errors.GS1Error`, the others with :class:`~vntrace.errors.UnsupportedInput`.
    """
    if not isinstance(key, SigningKey):
        raise SignatureError(
            Finding("SIGNING.NOT_A_SIGNING_KEY", params={"type": type(key).__name__})
        )
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        raise _refuse("BAD_COUNT", count=str(count)[:20], max=MAX_COUNT)
    if (
        isinstance(serial_length, bool)
        or not isinstance(serial_length, int)
        or not (_MIN_SERIAL <= serial_length <= 20)
    ):
        raise _refuse("BAD_SERIAL_LENGTH", length=str(serial_length)[:20], min=_MIN_SERIAL)
    if not (isinstance(module_mm, int | float) and 0.1 <= module_mm <= 5):
        raise _refuse("BAD_MODULE_SIZE", size=str(module_mm)[:20])
    if isinstance(columns, bool) or not isinstance(columns, int) or not 1 <= columns <= 100:
        raise _refuse("BAD_COLUMNS", columns=str(columns)[:20])
    pairs = [("01", gtin), ("10", lot), ("21", "0" * serial_length)]
    exp = _expiry_text(expiry)
    if exp is not None:
        pairs.append(("17", exp))
    # validates GTIN, lot, expiry and stem once, and gives the URI shape every stamp shares
    template = sign_stamp(_dl.build(pairs, stem=stem), key)
    version = _qr.byte_mode_version(len(template.encode("utf-8")), error)
    return _run(
        pairs,
        stem,
        count,
        key,
        serial_length,
        version,
        error,
        module_mm,
        columns,
        None if sheet is None else Path(sheet),
        None if manifest is None else Path(manifest),
        progress,
    )


def _run(  # noqa: PLR0917 - private worker of print_run
    pairs: list[tuple[str, str]],
    stem: str,
    count: int,
    key: SigningKey,
    serial_length: int,
    version: int,
    error: str,
    module_mm: float,
    columns: int,
    sheet: Path | None,
    manifest: Path | None,
    progress: Callable[[int], None] | None,
) -> Iterator[Stamp]:
    outputs: list[_Output] = []
    try:
        # created on the first step, so a run that never starts leaves nothing behind
        svg = None if sheet is None else _Output(sheet)
        outputs.extend([svg] if svg is not None else [])
        table = None if manifest is None else _Output(manifest)
        outputs.extend([table] if table is not None else [])
        side = 17 + 4 * version + 8
        rows = math.ceil(count / columns)
        width, height = columns * side, rows * side
        if svg is not None:
            svg.handle.write(
                f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * module_mm:g}mm"'
                f' height="{height * module_mm:g}mm" viewBox="0 0 {width} {height}"'
                ' shape-rendering="crispEdges">'
                f'<path fill="#fff" d="M0 0h{width}v{height}H0z"/>'
            )
        writer = None
        if table is not None:
            writer = csv.writer(table.handle, lineterminator="\n")
            writer.writerow(["gtin", "lot", "serial", "expiry", "uri", "signature_hash"])
        gtin, lot = pairs[0][1], pairs[1][1]
        exp = pairs[3][1] if len(pairs) > 3 else ""
        seen: set[str] = set()
        for i in range(count):
            serial = _serial(serial_length)
            while serial in seen:
                serial = _serial(serial_length)
            seen.add(serial)
            stamp_pairs = [*pairs[:2], ("21", serial), *pairs[3:]]
            uri = sign_stamp(_dl.build(stamp_pairs, stem=stem), key)
            signature = unb64url(uri.rpartition("8030=")[2])
            assert signature is not None
            stamp = Stamp(serial, uri, stamp_hash(signature).hex())
            if svg is not None:
                code = _qr.make(uri, error=error, version=version)
                x, y = (i % columns) * side, (i // columns) * side
                svg.handle.write(f'<path transform="translate({x} {y})" d="{code.path()}"/>')
            if writer is not None:
                writer.writerow([gtin, lot, serial, exp, uri, stamp.signature_hash])
            if progress is not None:
                progress(i + 1)
            yield stamp
        if svg is not None:
            svg.handle.write("</svg>\n")
        for out in outputs:
            out.commit()
    except BaseException:
        for out in outputs:
            out.discard()
        raise
