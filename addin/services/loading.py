"""Loading a competition workbook into domain models, with cell-located problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from addin.domain import schema
from addin.domain.audit import AuditEntry, read_audit_rows
from addin.domain.decisions import with_recorded_decisions
from addin.domain.evaluation import Evaluator, Moderation
from addin.domain.evaluation_input import evaluation_inputs
from addin.domain.lock import LockRecord, read_lock_rows
from addin.domain.models import CompetitionFile
from addin.domain.parse import parse_file
from addin.domain.problems import Problem
from addin.domain.seal import Seal, read_seal_rows
from addin.workbook.calamine_reader import read_tables
from addin.workbook.tables_read import WorkbookTables


@dataclass
class LoadedCompetition:
    """A workbook's tables, the typed competition and parsing problems.

    The audit trail, lock record, seal and evaluation inputs are parsed once, on first use.
    """

    tables: WorkbookTables
    file: CompetitionFile
    problems: list[Problem] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.tables.path

    def locate(self, problems: list[Problem]) -> list[Problem]:
        return [self.tables.layout.locate(p) for p in problems]

    @cached_property
    def _audit(self) -> tuple[list[AuditEntry], list[Problem]]:
        raw = self.tables.tables[schema.AUDIT.name]
        return read_audit_rows([dict(r) for r in raw.rows])

    @property
    def audit_entries(self) -> list[AuditEntry]:
        return self._audit[0]

    @property
    def audit_problems(self) -> list[Problem]:
        return self._audit[1]

    @cached_property
    def lock_record(self) -> LockRecord | None:
        raw = self.tables.tables.get(schema.LOCK.name)
        return None if raw is None else read_lock_rows(raw.name, [dict(r) for r in raw.rows])

    @cached_property
    def seal(self) -> Seal | None:
        raw = self.tables.tables.get(schema.SEAL.name)
        return None if raw is None else read_seal_rows([dict(r) for r in raw.rows])

    @cached_property
    def evaluation(self) -> tuple[list[Evaluator], tuple[Moderation, ...]]:
        return evaluation_inputs(self.tables.tables)


def parse_tables(tables: WorkbookTables) -> LoadedCompetition:
    parsed, problems = parse_file(tables.tables)
    loaded = LoadedCompetition(tables=tables, file=parsed)
    loaded.problems = loaded.locate(problems)
    # Decisions about bids (late bids accepted, a tie-break) live in the audit trail.
    loaded.file = with_recorded_decisions(parsed, loaded.audit_entries)
    return loaded


def load_competition(path: Path) -> LoadedCompetition:
    """Raises UnreadableWorkbook when the file or its tables cannot be read at all."""
    return parse_tables(read_tables(path))
