"""``python -m vntrace``: the same as the ``vntrace`` command."""

from __future__ import annotations

import sys

from vntrace.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
