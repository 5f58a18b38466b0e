"""What the caller of a ribbon action knows that the workbook does not.

Desktop Excel (the .xlam) passes nothing: the officer is the competition's Officer name and the
documents go beside the workbook. xlwings Server passes the signed-in user and a private folder
for the documents, which it then offers as downloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ActionContext:
    # Who pressed the button, for the audit trail; None: the competition's Officer name.
    officer: str | None = None
    # Where Letters and the Report are written; None: the folder the workbook is saved in.
    documents: Path | None = None

    @property
    def downloads(self) -> bool:
        """True when the documents are offered as downloads rather than saved for the officer."""
        return self.documents is not None
