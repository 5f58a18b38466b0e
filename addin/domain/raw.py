"""A table as any adapter read it: raw rows keyed by header, before typing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from addin.domain.cells import as_text

RawRow = Mapping[str, object]


@dataclass(frozen=True)
class RawTable:
    """A table's data rows as header → cell value, in sheet order (blank rows included)."""

    name: str
    rows: Sequence[RawRow]
    columns: tuple[str, ...] = ()

    def data_rows(self) -> list[tuple[int, RawRow]]:
        return [(i, row) for i, row in enumerate(self.rows) if any(map(as_text, row.values()))]
