"""``python -m vntrace.cli``."""

from __future__ import annotations

import sys

from vntrace.cli import run

if __name__ == "__main__":
    sys.exit(run())
