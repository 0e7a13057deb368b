"""Tax code (mã số thuế, MST): the key-module interface, built on :mod:`stdnum.vn.mst`.

10 digits, or 13 for a dependent unit (written ``0123456789-001``); the 10th digit is a check
digit over the first nine. The digit arithmetic is python-stdnum's; vntrace adds ASCII-only
digits (stdnum would turn full-width digits into ASCII silently), typed errors with stable codes,
and a specific finding for a 12-digit personal ID given where a tax code is expected
(``TCVN.TAX_CODE_PERSONAL_ID``). The first two digits are a number range, not a province code.

>>> validate("0100233488")
'0100233488'
>>> format("0314409058002")
'0314409058-002'
>>> is_valid("0100233480")
False
>>> validate("042095001234")
Traceback (most recent call last):
...
vntrace.errors.InvalidFormat: TCVN.TAX_CODE_PERSONAL_ID: ...
"""

from __future__ import annotations

import re

from stdnum.exceptions import InvalidChecksum as _StdnumChecksum
from stdnum.exceptions import InvalidComponent as _StdnumComponent
from stdnum.exceptions import ValidationError as _StdnumError
from stdnum.vn import mst as _mst

from vntrace.errors import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from vntrace.findings import Finding

__all__ = ["PERSONAL_ID", "calc_check_digit", "compact", "format", "is_valid", "validate"]

_ASCII = re.compile(r"^[0-9 .\-]*$")
PERSONAL_ID = re.compile(r"^[0-9]{12}$")
"""A 12-digit personal identification number (số định danh cá nhân)."""


def _finding(code: str, value: object, **params: str | int) -> Finding:
    return Finding(f"TCVN.{code}", params={"value": str(value), **params})


def compact(number: str) -> str:
    """Remove spaces, dots and hyphens.

    >>> compact(" 0314409058 - 002 ")
    '0314409058002'
    """
    if not isinstance(number, str):
        raise InvalidFormat(_finding("TAX_CODE_NOT_TEXT", type(number).__name__))
    if not _ASCII.match(number):
        raise InvalidFormat(_finding("TAX_CODE_FORMAT", number))
    return str(_mst.compact(number))


def calc_check_digit(number: str) -> str:
    """The check digit of the first nine digits (python-stdnum's weights).

    >>> calc_check_digit("010023348")
    '8'
    """
    return str(_mst.calc_check_digit(number))


def validate(number: str) -> str:
    """Check a tax code; return its compact form. Raises a :class:`~vntrace.errors.VntraceError`."""
    value = compact(number)
    if PERSONAL_ID.match(value):
        raise InvalidFormat(_finding("TAX_CODE_PERSONAL_ID", value))
    if len(value) not in (10, 13):
        raise InvalidLength(_finding("TAX_CODE_LENGTH", value, length=len(value)))
    try:
        return str(_mst.validate(value))
    except _StdnumChecksum:
        expected = calc_check_digit(value[:9])
        raise InvalidChecksum(
            _finding("TAX_CODE_CHECK_DIGIT", value, expected=expected, found=value[9])
        ) from None
    except _StdnumComponent:
        raise InvalidComponent(_finding("TAX_CODE_COMPONENT", value)) from None
    except _StdnumError:
        raise InvalidFormat(_finding("TAX_CODE_FORMAT", value)) from None


def is_valid(number: str) -> bool:
    """``True`` when :func:`validate` accepts ``number``."""
    try:
        validate(number)
    except (InvalidFormat, InvalidLength, InvalidChecksum, InvalidComponent):
        return False
    return True


def format(number: str) -> str:  # noqa: A001 - the common key-module interface name
    """The usual presentation: ``0123456789`` or ``0123456789-001``."""
    return str(_mst.format(compact(number)))
