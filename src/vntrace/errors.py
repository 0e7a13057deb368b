"""The exception hierarchy. Every error is a :class:`ValueError` and carries findings.

>>> from vntrace.findings import Finding
>>> try:
...     raise InvalidChecksum(Finding("GS1.AI_UNRECOGNISED", params={"ai": "89"}))
... except VntraceError as exc:
...     print(exc.code, "|", exc.message("vi"))
GS1.AI_UNRECOGNISED | Không nhận ra AI: 89
"""

from __future__ import annotations

import errno
from collections.abc import Iterable

from vntrace.findings import Finding
from vntrace.messages import Localised

__all__ = [
    "EpcisError",
    "GS1Error",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "SchemaViolation",
    "SignatureError",
    "UnsupportedInput",
    "VntraceError",
    "os_reason",
]


class VntraceError(ValueError):
    """Root of every error vntrace raises on bad input.

    ``findings`` holds at least one :class:`~vntrace.findings.Finding`; ``code`` is the code of
    the first one. ``str(exc)`` is ``"CODE: English message"``; :meth:`message` renders any
    language.
    """

    findings: tuple[Finding, ...]

    def __init__(self, findings: Finding | Iterable[Finding]) -> None:
        found = (findings,) if isinstance(findings, Finding) else tuple(findings)
        if not found:
            found = (
                Finding("VNTRACE.INTERNAL", params={"detail": "error raised without findings"}),
            )
        self.findings = found
        super().__init__(f"{found[0].code}: {found[0].message('en')}")

    @property
    def code(self) -> str:
        """The stable code of the first finding."""
        return self.findings[0].code

    @property
    def finding(self) -> Finding:
        """The first finding."""
        return self.findings[0]

    def message(self, lang: str = "en") -> str:
        """The first finding's message in ``lang``."""
        return self.findings[0].message(lang)


class InvalidFormat(VntraceError):
    """The input has the wrong shape or characters."""


class InvalidLength(VntraceError):
    """The input (or a component) is too short or too long."""


class InvalidChecksum(VntraceError):
    """A check digit or check-character pair does not match."""


class InvalidComponent(VntraceError):
    """A component (date, code-list value, prefix…) is not allowed."""


class SchemaViolation(VntraceError):
    """A document breaks a structural rule of its schema (EPCIS, dossier)."""


class UnsupportedInput(VntraceError):
    """The input is well-formed but outside what vntrace supports."""


class GS1Error(VntraceError):
    """A GS1 element string, scan or Digital Link failed strict validation."""


class EpcisError(VntraceError):
    """An EPCIS document or event could not be read or written."""


class SignatureError(VntraceError):
    """A stamp signature could not be produced or checked."""


# The operating system words its errors in English (its locale); inspectors read Vietnamese.
_OS_REASONS_VI = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép thực hiện",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải là thư mục",
    errno.ENOSPC: "ổ đĩa đã hết chỗ trống",
    errno.EDQUOT: "đã dùng hết hạn mức dung lượng",
    errno.EROFS: "hệ thống tệp chỉ cho đọc",
    errno.EEXIST: "tệp đã có sẵn",
    errno.EPIPE: "bên nhận dữ liệu đã đóng",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EMFILE: "đang mở quá nhiều tệp cùng lúc",
    errno.ENFILE: "hệ thống đang mở quá nhiều tệp",
    errno.EIO: "lỗi đọc ghi của thiết bị",
    errno.ELOOP: "quá nhiều liên kết tượng trưng lồng nhau",
    errno.EFBIG: "tệp quá lớn",
    errno.EBUSY: "thiết bị hoặc tệp đang bận",
    errno.ETXTBSY: "tệp đang được dùng",
    errno.EINVAL: "tham số không hợp lệ",
}


def os_reason(exc: BaseException) -> Localised:
    """Why the operating system refused, in English and Vietnamese, for a message's ``reason``.

    A ``ValueError`` from opening a file is a name no file system takes (a NUL byte).

    >>> reason = os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    >>> reason["en"], reason["vi"]
    ('No such file or directory', 'không có tệp hoặc thư mục này')
    >>> os_reason(OSError("weird"))["vi"]
    'lỗi hệ thống (OSError)'
    >>> os_reason(ValueError("embedded null byte"))["vi"]
    'tên tệp không hợp lệ'
    """
    if not isinstance(exc, OSError):
        return Localised(en="invalid file name", vi="tên tệp không hợp lệ")
    en = exc.strerror or type(exc).__name__
    vi = _OS_REASONS_VI.get(exc.errno) if exc.errno is not None else None
    if vi is None:
        vi = (
            f"lỗi hệ thống: {exc.strerror}"
            if exc.strerror
            else f"lỗi hệ thống ({type(exc).__name__})"
        )
    return Localised(en=en, vi=vi)
