"""Loading a competition workbook into domain models, with cell-located problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from addin.domain.models import CompetitionFile
from addin.domain.parse import parse_file
from addin.domain.problems import Problem
from addin.workbook.reader import read_tables
from addin.workbook.tables_read import WorkbookTables


@dataclass
class LoadedCompetition:
    """A workbook's tables, the typed competition and parsing problems."""

    tables: WorkbookTables
    file: CompetitionFile
    problems: list[Problem] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.tables.path

    def locate(self, problems: list[Problem]) -> list[Problem]:
        return [self.tables.layout.locate(p) for p in problems]


def parse_tables(tables: WorkbookTables) -> LoadedCompetition:
    parsed, problems = parse_file(tables.tables)
    loaded = LoadedCompetition(tables=tables, file=parsed)
    loaded.problems = loaded.locate(problems)
    return loaded


def load_competition(path: Path) -> LoadedCompetition:
    """Raises UnreadableWorkbook when the file or its tables cannot be read at all."""
    return parse_tables(read_tables(path))
