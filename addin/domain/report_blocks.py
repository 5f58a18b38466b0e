"""The report as plain blocks — headings, paragraphs, tables — that any renderer lays out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Relative column widths (a renderer scales them to the page); empty means equal.
    widths: tuple[float, ...] = ()


Block = Heading | Paragraph | Table


@dataclass
class Report:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def heading(self, text: str, level: int = 2) -> None:
        self.blocks.append(Heading(text, level))

    def say(self, text: str) -> None:
        self.blocks.append(Paragraph(text))

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[object]],
        widths: Sequence[float] = (),
    ) -> None:
        if widths and len(widths) != len(headers):
            raise ValueError(f"{len(widths)} widths for {len(headers)} columns")
        cells = tuple(tuple("" if v is None else str(v) for v in r) for r in rows)
        self.blocks.append(Table(tuple(headers), cells, tuple(widths)))
