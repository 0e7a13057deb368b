"""The ``vntrace`` command line: a thin shell over the public API.

Run it as ``vntrace …``, ``python -m vntrace …`` or ``python -m vntrace.cli …``; in Python, call
:func:`vntrace.cli.main.main` with the argument list. Each area plugs its subcommands in through a
``register(subparsers)`` function in ``vntrace.cli._gs1``, ``_dl``, ``_qr`` and ``_epcis``.

Exit codes: ``0`` every input valid, ``1`` at least one error finding, ``2`` usage error or an
input that cannot be read, ``3`` an internal error (a bug in vntrace: please report it),
``130`` interrupted.
"""

from __future__ import annotations

__all__ = ["run"]


def run() -> int:
    """The ``vntrace`` console script: :func:`vntrace.cli.main.main`, with Ctrl-C while its
    modules load giving exit code 130 rather than a traceback."""
    try:
        from vntrace.cli.main import main  # noqa: PLC0415 - the import is what is guarded

        return main()
    except KeyboardInterrupt:
        return 130
