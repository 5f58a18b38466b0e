"""One unit of work per command: lock the workbook, read it once, change it, save it once.

Every writing command — from the CLI, the ribbon or any later front end — runs inside
`unit_of_work`: the workbook's writer lock is held for the whole read–change–save, so a second
writer is refused at once instead of silently losing an audit row; the tables, the lock record
and the audit trail are read and parsed once; and the workbook is saved once, by `commit`.
Leaving the block without `commit` (a refusal, an error) saves nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from addin.domain import schema
from addin.domain.audit import AuditEntry, entry_row, link
from addin.domain.lock import LockRecord
from addin.domain.seal import Seal
from addin.services.loading import LoadedCompetition, parse_tables
from addin.services.ports import CompetitionWorkbook


@dataclass
class UnitOfWork:
    workbook: CompetitionWorkbook
    loaded: LoadedCompetition
    now: datetime
    chain: str
    audit_rows: int
    lock: LockRecord | None
    # The holder of a lock left behind by a crashed command, taken over by this one.
    stale_lock: dict[str, object] = field(default_factory=dict)
    committed: str | None = None

    def set_status(self, status: str) -> None:
        self.workbook.set_field("Status", status)

    def record_field(self, field: str, value: object) -> None:
        """Sets a Competition field the add-in keeps, adding its row to a workbook made from an
        older template that lacks it (set_field alone would stop the command)."""
        layout = self.loaded.tables.layout.tables.get(schema.COMPETITION.name)
        if layout is not None and field.casefold() not in layout.keys:
            self.workbook.append_rows(schema.COMPETITION.name, [{"Field": field, "Value": value}])
            layout.keys[field.casefold()] = len(layout.keys)
        else:
            self.workbook.set_field(field, value)

    def audit(self, who: str, action: str, details: str, fingerprint: str = "") -> AuditEntry:
        entry = AuditEntry(
            when=self.now, who=who, action=action, details=details, fingerprint=fingerprint
        )
        linked = link(self.chain, entry)
        self.workbook.append_rows(schema.AUDIT.name, [entry_row(linked)])
        self.chain, self.audit_rows = linked.chain, self.audit_rows + 1
        if self.lock is not None:
            self.relock(self.lock)
        return linked

    def relock(self, record: LockRecord) -> None:
        """Stores the lock record with the audit trail's current length and head."""
        self.lock = record.model_copy(
            update={"audit_rows": self.audit_rows, "audit_head": self.chain}
        )
        self.workbook.write_lock(self.lock.rows())

    def seal(self, record: Seal) -> None:
        self.workbook.write_seal(record.rows())

    def commit(self) -> str:
        """Saves every change at once; returns where (a path, or the open workbook's name)."""
        self.committed = self.workbook.save(self.now)
        return self.committed


@contextmanager
def unit_of_work(
    workbook: CompetitionWorkbook, command: str, now: datetime
) -> Iterator[UnitOfWork]:
    """Holds the writer lock while the block runs; the block calls `commit()` to save."""
    with workbook.exclusive(command, now) as stale:
        workbook.check_can_save()  # refuse before any work if the save would fail or lose data
        loaded = parse_tables(workbook.read())
        entries = loaded.audit_entries
        yield UnitOfWork(
            workbook=workbook,
            loaded=loaded,
            now=now,
            chain=entries[-1].chain if entries else "",
            audit_rows=len(entries),
            lock=loaded.lock_record,
            stale_lock=dict(stale) if isinstance(stale, dict) else {},
        )
