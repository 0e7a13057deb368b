"""Signed stamps: a signature in GS1 AI (8030) that any verifier can check offline.

The safe recipes are here: :func:`sign_stamp`, :func:`verify_stamp`, :class:`TrustList`,
:func:`print_run`, :mod:`~vntrace.signing.scanlog`. Raw primitives live in
:mod:`vntrace.signing.hazmat`.

>>> from vntrace import signing
>>> key = signing.SigningKey.from_raw("ES256", bytes(31) + b"\\x07")
>>> stamp = signing.sign_stamp("(01)08931234567897(21)K7Q2M9X4P1", key)
>>> signing.verify_stamp(stamp, [key.public_key]).status
'valid'
"""

from __future__ import annotations

import importlib
from typing import Any

from vntrace.signing._carrier import canonical_bytes
from vntrace.signing._keys import (
    ALGORITHMS,
    Algorithm,
    PublicKey,
    SigningKey,
    load_private_key,
    load_public_key,
)
from vntrace.signing.printrun import Stamp, print_run
from vntrace.signing.stamp import PROFILE, STATUSES, Status, Verification, sign_stamp, verify_stamp
from vntrace.signing.trustlist import Owner, RevocationList, TrustedKey, TrustList, stamp_hash

__all__ = [
    "ALGORITHMS",
    "PROFILE",
    "STATUSES",
    "Algorithm",
    "Owner",
    "PublicKey",
    "RevocationList",
    "SigningKey",
    "Stamp",
    "Status",
    "TrustList",
    "TrustedKey",
    "Verification",
    "canonical_bytes",
    "hazmat",
    "load_private_key",
    "load_public_key",
    "print_run",
    "scanlog",
    "sign_stamp",
    "stamp_hash",
    "verify_stamp",
]


def __getattr__(name: str) -> Any:
    if name in {"hazmat", "scanlog"}:
        return importlib.import_module(f"vntrace.signing.{name}")
    msg = f"module 'vntrace.signing' has no attribute {name!r}"
    raise AttributeError(msg)
