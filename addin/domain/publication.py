"""What the council must publish after an award, by when, and whether it is late.

- Find a Tender, contract award notice (reg. 50): within 30 days of the award; for a contract
  based on a DPS the council may instead group its notices quarterly and send them within 30 days
  of the end of each quarter (reg. 50(6)) — the Competition field "Award notice grouping".
- Contracts Finder (reg. 112: a sub-central authority's contract of £30,000 or more including
  VAT; reg. 108 where the value is above the applicable threshold): both regulations say only
  "within a reasonable time", so the add-in's due date is 30 days after the award, the same as
  the Find a Tender notice. No threshold figure is used for reg. 108: every contract above it is
  also above £30,000, so the row is the same.

The award date is the date the contract was signed (concluded). Days are counted as every period
here: the day of the award does not count, and the last day runs to its end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from addin.domain import schema
from addin.domain.cells import CellReader, as_text
from addin.domain.models import AwardNoticeGrouping
from addin.domain.problems import FieldRef, Problem, error, warning

NOTICE_DAYS = 30
CONTRACTS_FINDER_FROM_INC_VAT = Decimal("30000")
DUE_WARNING_DAYS = 7
FIND_A_TENDER = "Find a Tender"
CONTRACTS_FINDER = "Contracts Finder"


class Notice(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    notice: str
    where: str
    due_by: date
    published_on: date | None = None
    reference: str = ""
    row: int = 0

    def row_values(self) -> dict[str, object]:
        return {
            "Notice": self.notice,
            "Where": self.where,
            "Due by": self.due_by,
            "Published on": self.published_on,
            "Reference": self.reference,
        }


def quarter_end(day: date) -> date:
    """The last day of the calendar quarter holding `day` (31 Mar, 30 Jun, 30 Sep, 31 Dec)."""
    first_of_next = date(day.year + (day.month > 9), (((day.month - 1) // 3 + 1) * 3) % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def quarter_label(day: date) -> str:
    """'2026 Q4'."""
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def publication_duties(
    signed: date, value_inc_vat: Decimal, grouping: AwardNoticeGrouping
) -> list[Notice]:
    if grouping is AwardNoticeGrouping.QUARTERLY:
        end = quarter_end(signed)
        award_notice = Notice(
            notice=f"Contract award notice (reg. 50), grouped with the {quarter_label(signed)} "
            f"call-offs (quarter ends {end:%d/%m/%Y})",
            where=FIND_A_TENDER,
            due_by=end + timedelta(days=NOTICE_DAYS),
        )
    else:
        award_notice = Notice(
            notice="Contract award notice (reg. 50)",
            where=FIND_A_TENDER,
            due_by=signed + timedelta(days=NOTICE_DAYS),
        )
    duties = [award_notice]
    if value_inc_vat >= CONTRACTS_FINDER_FROM_INC_VAT:
        duties.append(
            Notice(
                notice="Contract award details: supplier, date, value, SME/VCSE (reg. 112; "
                "reg. 108 above the threshold)",
                where=CONTRACTS_FINDER,
                due_by=signed + timedelta(days=NOTICE_DAYS),
            )
        )
    return duties


def read_publication(rows: Sequence[Mapping[str, object]]) -> tuple[list[Notice], list[Problem]]:
    reader = CellReader(schema.PUBLICATION.name)
    notices = []
    for i, row in enumerate(rows):
        if not any(as_text(v) for v in row.values()):
            continue
        due = reader.day(row.get("Due by"), i, "Due by")
        published = row.get("Published on")
        if due is None:
            continue
        notices.append(
            Notice(
                notice=as_text(row.get("Notice")),
                where=as_text(row.get("Where")),
                due_by=due,
                published_on=reader.day(published, i, "Published on")
                if as_text(published)
                else None,
                reference=as_text(row.get("Reference")),
                row=i,
            )
        )
    return notices, reader.problems


def publication_problems(notices: Sequence[Notice], today: date) -> list[Problem]:
    """PUBLICATION_OVERDUE past a due date with no reference; PUBLICATION_DUE within 7 days."""
    problems = []
    for n in notices:
        if n.reference:
            continue
        cells = (
            FieldRef(table=schema.PUBLICATION.name, row=n.row, column="Reference"),
            FieldRef(table=schema.PUBLICATION.name, row=n.row, column="Due by"),
        )
        left = (n.due_by - today).days
        if left < 0:
            problems.append(
                error(
                    "PUBLICATION_OVERDUE",
                    f"{n.where}: {n.notice} was due by {n.due_by:%d/%m/%Y} ({-left} day(s) ago) "
                    "and has no reference: publish it and type its reference.",
                    *cells,
                )
            )
        elif left <= DUE_WARNING_DAYS:
            problems.append(
                warning(
                    "PUBLICATION_DUE",
                    f"{n.where}: {n.notice} is due by {n.due_by:%d/%m/%Y} ({left} day(s) left).",
                    *cells,
                )
            )
    return problems
