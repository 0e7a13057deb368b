"""``python -m vntrace``: the same as the ``vntrace`` command."""

from __future__ import annotations

import sys

from vntrace.cli import run

if __name__ == "__main__":
    sys.exit(run())
