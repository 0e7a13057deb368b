"""A progress bar for long checks (rich), only when asked for and only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, TextIO

__all__ = ["Progress", "progress_bar"]


class Progress(Protocol):
    """What the bulk loops call after each batch."""

    def __call__(self, rows: int, invalid: int) -> None:
        """``rows`` more rows were checked, ``invalid`` of them with findings."""


def _nothing(rows: int, invalid: int) -> None:
    """No progress display."""


@contextmanager
def progress_bar(
    enabled: bool, total: int | None = None, stream: TextIO | None = None
) -> Iterator[Progress]:
    """A :class:`Progress` drawing a bar with rows, rate and invalid rows on ``stream``.

    Silent (a no-op) unless ``enabled`` and ``stream`` (standard error by default) is a terminal
    and rich is installed.

    >>> with progress_bar(False) as tick:
    ...     tick(10, 1)
    """
    out = stream if stream is not None else sys.stderr
    if not enabled or not out.isatty():
        yield _nothing
        return
    try:
        from rich.console import Console  # noqa: PLC0415 - optional, loaded on demand
        from rich.progress import (  # noqa: PLC0415
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import Progress as RichProgress  # noqa: PLC0415
    except ImportError:  # pragma: no cover - rich is part of the bulk extra
        yield _nothing
        return
    bar = RichProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} rows/s · ✗ {task.fields[invalid]:,}"),
        TimeElapsedColumn(),
        console=Console(file=out),
        transient=True,
    )
    with bar:
        task = bar.add_task("rows", total=total, rate="0", invalid=0)
        seen = [0, 0]

        def tick(rows: int, invalid: int) -> None:
            seen[0] += rows
            seen[1] += invalid
            elapsed = bar.tasks[0].elapsed or 0.0
            rate = f"{seen[0] / elapsed:,.0f}" if elapsed > 0 else "…"
            bar.update(task, advance=rows, rate=rate, invalid=seen[1])

        yield tick
