"""The shape of the competition workbook: every table, its columns and the Competition fields.

Pure data shared by the template builder, the workbook readers and the rules, so a header is
spelt in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSpec:
    name: str
    sheet: str
    columns: tuple[str, ...]
    purpose: str


COMPETITION_FIELDS: tuple[str, ...] = (
    "Reference",
    "Title",
    "Authority",
    "Lot",
    "Officer name",
    "Officer email",
    "Estimated value (GBP)",
    "Invitation date",
    "Closing date",
    "Contract start",
    "Contract end",
    "Price scoring method",
    "Score scale maximum",
    "Moderation method",
    "Standstill days",
    "Status",
    "Award notice grouping",
    "Standstill end",
    # After the fields above, so their rows keep their places in workbooks made before it.
    "Authority address",
)
# Fields added after the first template, or that a competition may leave out: an older workbook
# without their rows gets the default, and validation does not ask for them.
OPTIONAL_COMPETITION_FIELDS: tuple[str, ...] = (
    "Award notice grouping",
    "Standstill end",
    "Authority address",
)

COMPETITION = TableSpec(
    "tblCompetition",
    "Competition",
    ("Field", "Value"),
    "The competition's details, one field a row.",
)
CRITERIA = TableSpec(
    "tblCriteria",
    "Criteria",
    ("ID", "Category", "Criterion", "Weight %", "Max score", "Minimum score", "Guidance"),
    "The published evaluation criteria; exactly one Price row. Locked at launch.",
)
MEMBERS = TableSpec(
    "tblMembers",
    "Members",
    (
        "Supplier ID",
        "Supplier name",
        "Contact name",
        "Contact email",
        "Telephone",
        "Address",
        "Lot 1",
        "Lot 2",
        "Status",
        "Admitted on",
        "SME",
        "VCSE",
    ),
    "The DPS membership list as published by Oldham Council.",
)
BIDS = TableSpec(
    "tblBids",
    "Bids",
    (
        "Supplier ID",
        "Supplier name",
        "Invited",
        "Bid received",
        "Received at",
        "Price",
        "Compliant",
        "Notes",
        "Subcontracting %",
        "Subcontractors",
    ),
    "One row per supplier invited: every Active member of the competition's lot.",
)
AUDIT = TableSpec(
    "tblAudit",
    "Audit",
    ("When", "Who", "Action", "Details", "Fingerprint", "Chain"),
    "Append-only, hash-chained record of every action that changed the competition.",
)

LOCK = TableSpec(
    "tblLock",
    "Lock",
    ("Item", "Value"),
    "Written at launch: the fingerprint, the audit trail's length and head, and every locked value.",
)

SEAL = TableSpec(
    "tblSeal",
    "Seal",
    ("Item", "Value"),
    "Written when scored: the result's fingerprint, its winner and every value it depends on.",
)

AWARD = TableSpec(
    "tblAward",
    "Award",
    ("Field", "Value"),
    "Written by dps award: the contract as concluded (date signed, value, period).",
)

PUBLICATION = TableSpec(
    "tblPublication",
    "Publication",
    ("Notice", "Where", "Due by", "Published on", "Reference"),
    "Written by dps award: what the council must publish and by when; fill in each reference.",
)

LETTERS = TableSpec(
    "tblLetters",
    "Letters",
    ("Supplier ID", "Outcome", "File", "Letter date", "Produced at", "Standstill ends"),
    "Written with the letters: one row per letter produced (a re-issue adds rows).",
)

TABLES: tuple[TableSpec, ...] = (COMPETITION, CRITERIA, MEMBERS, BIDS, AUDIT)
# Tables the add-in adds as the competition moves on; absent from a Draft workbook.
LATER_TABLES: tuple[TableSpec, ...] = (LOCK, SEAL, AWARD, PUBLICATION)

YES_NO = ("Yes", "No")
