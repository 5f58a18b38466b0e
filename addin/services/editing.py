"""The one way services change a workbook: check first, edit a full copy, audit, save safely."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from addin.domain.audit import AuditEntry
from addin.domain.lock import LockRecord
from addin.services.integrity import audit_entries, lock_record
from addin.services.loading import LoadedCompetition, load_competition
from addin.workbook.reader import open_workbook
from addin.workbook.records import append_audit, write_lock
from addin.workbook.safe_save import check_can_save, save_workbook
from addin.workbook.tables import set_field


@dataclass
class Edit:
    """`loaded` is what the cells show (formula results); `book` keeps formulas for saving."""

    loaded: LoadedCompetition
    book: Workbook
    output: Path | None
    now: datetime
    chain: str
    audit_rows: int
    lock: LockRecord | None

    def set_status(self, status: str) -> None:
        set_field(self.book, "Status", status)

    def audit(self, who: str, action: str, details: str, fingerprint: str = "") -> AuditEntry:
        entry = AuditEntry(
            when=self.now, who=who, action=action, details=details, fingerprint=fingerprint
        )
        linked = append_audit(self.book, entry, self.chain)
        self.chain, self.audit_rows = linked.chain, self.audit_rows + 1
        if self.lock is not None:
            self.relock(self.lock)
        return linked

    def relock(self, record: LockRecord) -> None:
        """Stores the lock record with the audit trail's current length and head."""
        self.lock = record.model_copy(
            update={"audit_rows": self.audit_rows, "audit_head": self.chain}
        )
        write_lock(self.book, self.lock)

    def save(self) -> Path:
        return save_workbook(self.book, self.loaded.path, self.output, self.now)


def begin_edit(path: Path, output: Path | None, now: datetime) -> Edit:
    check_can_save(path, output)  # refuse before any work if the save would fail or lose data
    loaded = load_competition(path)
    entries, _ = audit_entries(loaded)
    return Edit(
        loaded=loaded,
        book=open_workbook(path, data_only=False),
        output=output,
        now=now,
        chain=entries[-1].chain if entries else "",
        audit_rows=len(entries),
        lock=lock_record(loaded),
    )
