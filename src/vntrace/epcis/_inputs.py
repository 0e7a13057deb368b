"""Opening EPCIS inputs: one rule for what a path is, one set of findings when it cannot be read.

Shared by :mod:`vntrace.epcis.convert` (``load``, ``iter_events``, ``convert_file``) and the light
:mod:`vntrace.epcis.validate`, so every entry point and the CLI name the same problem the same
way. A ``str`` or :class:`os.PathLike` is always a path: content is passed as ``bytes`` or to the
``…s``/``…_text`` functions, never guessed from its first character.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import IO, Final, NoReturn

from vntrace.errors import EpcisError, os_reason
from vntrace.findings import Finding, Location

__all__ = ["INPUT_CODES", "fail_input", "input_finding", "open_path", "path_text"]

INPUT_CODES: Final = frozenset(
    {
        "EPCIS.INPUT_NOT_FOUND",
        "EPCIS.INPUT_IS_DIRECTORY",
        "EPCIS.INPUT_PERMISSION_DENIED",
        "EPCIS.INPUT_UNREADABLE",
    }
)
"""Codes that mean "the named input could not be read" (the CLI exits with 2 for them)."""

_MAX_SHOWN: Final = 200


def path_text(path: str | os.PathLike[str]) -> str:
    """The path as people read it (surrogates of undecodable names shown escaped, length cut)."""
    text = os.fspath(path)
    shown = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return shown if len(shown) <= _MAX_SHOWN else shown[: _MAX_SHOWN - 1] + "…"


def input_finding(path: str | os.PathLike[str], exc: OSError | ValueError) -> Finding:
    """The finding for an input that could not be opened or read, naming ``path``.

    >>> input_finding("/no/such.xml", FileNotFoundError(2, "No such file")).code
    'EPCIS.INPUT_NOT_FOUND'
    >>> input_finding("dir", IsADirectoryError(21, "Is a directory")).params["path"]
    'dir'
    """
    shown = path_text(path)
    where = Location(path=shown)
    if isinstance(exc, FileNotFoundError):
        return Finding("EPCIS.INPUT_NOT_FOUND", params={"path": shown}, location=where)
    if isinstance(exc, IsADirectoryError) or (
        isinstance(exc, OSError) and exc.errno == errno.EISDIR
    ):
        return Finding("EPCIS.INPUT_IS_DIRECTORY", params={"path": shown}, location=where)
    if isinstance(exc, PermissionError):
        return Finding("EPCIS.INPUT_PERMISSION_DENIED", params={"path": shown}, location=where)
    detail = os_reason(exc)  # a NUL byte or a character the file system cannot take: a ValueError
    return Finding(
        "EPCIS.INPUT_UNREADABLE", params={"path": shown, "detail": detail}, location=where
    )


def fail_input(path: str | os.PathLike[str], exc: OSError | ValueError) -> NoReturn:
    """Raise :class:`~vntrace.errors.EpcisError` with :func:`input_finding`."""
    raise EpcisError(input_finding(path, exc)) from None


def open_path(path: str | os.PathLike[str]) -> IO[bytes]:
    """Open ``path`` for binary reading; a missing, unreadable or directory input raises.

    The first byte is read (and the position restored) so that a directory or a file the
    system cannot read (``EIO``) fails here, with its name, rather than half-way.
    """
    try:
        handle = Path(path).open("rb")  # noqa: SIM115 - returned to the caller, who closes it
    except (OSError, ValueError) as exc:
        fail_input(path, exc)
    try:
        handle.read(1)
        handle.seek(0)
    except (OSError, ValueError) as exc:
        handle.close()
        fail_input(path, exc)
    return handle
