"""The one way services change a workbook: check first, edit, audit, save safely."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from addin.domain import schema
from addin.domain.audit import AuditEntry, entry_row, link
from addin.domain.lock import LockRecord
from addin.services.integrity import audit_entries, lock_record
from addin.services.loading import LoadedCompetition, parse_tables
from addin.services.ports import CompetitionWorkbook
from addin.workbook.file_workbook import FileWorkbook

Target = Path | CompetitionWorkbook


def as_workbook(target: Target, output: Path | None = None) -> CompetitionWorkbook:
    """A path means the file on disk (the CLI); anything else is already a workbook adapter."""
    return FileWorkbook(target, output) if isinstance(target, Path) else target


@dataclass
class Edit:
    workbook: CompetitionWorkbook
    loaded: LoadedCompetition
    now: datetime
    chain: str
    audit_rows: int
    lock: LockRecord | None

    def set_status(self, status: str) -> None:
        self.workbook.set_field("Status", status)

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

    def save(self) -> str:
        return self.workbook.save(self.now)


def begin_edit(target: Target, output: Path | None, now: datetime) -> Edit:
    workbook = as_workbook(target, output)
    workbook.check_can_save()  # refuse before any work if the save would fail or lose data
    loaded = parse_tables(workbook.read())
    entries, _ = audit_entries(loaded)
    return Edit(
        workbook=workbook,
        loaded=loaded,
        now=now,
        chain=entries[-1].chain if entries else "",
        audit_rows=len(entries),
        lock=lock_record(loaded),
    )
