"""Report files written atomically: a temporary file beside the target, renamed when complete.

A report that fails half-way (a disk full, an interrupted run, a bug) leaves the previous file,
or nothing, never a truncated report a CI system would take for the whole truth.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from vntrace.errors import VntraceError, os_reason
from vntrace.findings import Finding

__all__ = ["ReportOutputError", "atomic_output"]


class ReportOutputError(VntraceError):
    """A report file cannot be written (missing folder, no permission, disk full…).

    Its finding is ``VNTRACE.CANNOT_WRITE_REPORT`` with the ``path`` and the ``reason``.
    """


def _error(path: Path, exc: OSError) -> ReportOutputError:
    reason = os_reason(exc)
    return ReportOutputError(
        Finding("VNTRACE.CANNOT_WRITE_REPORT", params={"path": str(path), "reason": reason})
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A UTF-8 text stream that becomes the file ``path`` only if the ``with`` block completes.

    The temporary file is created first, so an unwritable target fails before any work is done,
    with :class:`ReportOutputError`. On any exception the temporary file is removed and the
    previous content of ``path`` (if any) is kept.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "report.txt"
    >>> with atomic_output(target) as out:
    ...     _ = out.write("ok\\n")
    >>> target.read_text()
    'ok\\n'
    >>> with atomic_output(target / "no-such-folder" / "r.xml") as out:
    ...     pass
    Traceback (most recent call last):
    ...
    vntrace.report._output.ReportOutputError: VNTRACE.CANNOT_WRITE_REPORT: ...
    """
    target = Path(path)
    if target.is_dir():
        raise _error(target, IsADirectoryError(21, "is a folder"))
    if target.exists() and not target.is_file():
        # a device or pipe (/dev/null, /dev/stdout, a FIFO): renaming onto it would replace the
        # device node itself, so write straight into it
        try:
            with target.open("w", encoding="utf-8", newline="\n") as stream:
                yield stream
        except OSError as exc:
            raise _error(target, exc) from None
        return
    try:
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _error(target, exc) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        tmp.chmod(0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary file
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _error(target, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
