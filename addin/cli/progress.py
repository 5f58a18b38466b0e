"""Progress on a terminal for long runs (validate, register, letters), on stderr only.

Services only call `on_item(name)` as each item is done; this module decides whether anyone
sees it. tqdm is imported only when stderr is a terminal and the run has gone past a handful
of items, so short runs, pipes, JSON and JUnit output never pay for it or see it.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

HANDFUL = 5


def add_quiet_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quiet", action="store_true", help="no progress bar on the terminal")


class _Progress:
    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.done = 0
        self.bar: Any = None

    def __call__(self, name: str) -> None:
        self.done += 1
        if self.bar is None and self.done > HANDFUL:
            from tqdm import tqdm  # lazily: only a long run on a terminal pays for the import

            self.bar = tqdm(initial=self.done - 1, unit=f" {self.unit}", file=sys.stderr)
        if self.bar is not None:
            self.bar.set_postfix_str(name, refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@contextlib.contextmanager
def progress(args: argparse.Namespace, unit: str) -> Iterator[Callable[[str], None] | None]:
    """An `on_item` for a service, or None when nothing may be shown."""
    shown = (
        not getattr(args, "quiet", False)
        and getattr(args, "format", "text") == "text"
        and sys.stderr.isatty()
    )
    if not shown:
        yield None
        return
    bar = _Progress(unit)
    try:
        yield bar
    finally:
        bar.close()
