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
    # Added after the first release: below Status so every earlier field keeps its cell.
    "Award notice grouping",
    "Standstill end",
    "Members list dated",
    "Evaluation days",
    "Tie-break rule",
    "Authority address",
)
# Fields added after the first template, or that a competition may leave out: an older workbook
# without their rows gets the default, and validation does not ask for them.
OPTIONAL_COMPETITION_FIELDS: tuple[str, ...] = (
    "Award notice grouping",
    "Standstill end",
    "Members list dated",
    "Evaluation days",
    "Tie-break rule",
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
        "Notes",
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
        "Low price explanation requested",
        "Low price decision",
        "Low price reasons",
        "Subcontracting %",
        "Subcontractors",
    ),
    "One row per supplier invited: every Active member of the competition's lot.",
)
DECLARATIONS = TableSpec(
    "tblDeclarations",
    "Declarations",
    ("Name", "Role", "Conflict of interest", "Details", "Measures taken", "Declared on"),
    "Everyone involved declares any conflict of interest before seeing bids (reg. 24); a "
    "supplier's prior involvement is recorded with the measures taken (reg. 41).",
)
CLARIFICATIONS = TableSpec(
    "tblClarifications",
    "Clarifications",
    ("Received on", "Question", "Answer", "Published to all on"),
    "Bidders' questions and the answers shared with every bidder before closing.",
)
PRE_AWARD = TableSpec(
    "tblPreAward",
    "Pre-award",
    ("Check", "Confirmed on", "Confirmed by", "Notes"),
    "Before the letters: the winner's up-to-date self-declaration and supporting evidence.",
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

TABLES: tuple[TableSpec, ...] = (
    COMPETITION,
    CRITERIA,
    MEMBERS,
    BIDS,
    DECLARATIONS,
    CLARIFICATIONS,
    PRE_AWARD,
    AUDIT,
)
# What version 2 of the workbook added (issue 10): a workbook made earlier lacks them, and the
# readers say so and how to add them rather than just "missing".
ADDED_TABLES: tuple[TableSpec, ...] = (DECLARATIONS, CLARIFICATIONS, PRE_AWARD)
ADDED_COLUMNS: dict[str, tuple[str, ...]] = {
    MEMBERS.name: ("Notes",),
    BIDS.name: (
        "Low price explanation requested",
        "Low price decision",
        "Low price reasons",
        "Subcontracting %",
        "Subcontractors",
    ),
}

# Tables the add-in adds as the competition moves on; absent from a Draft workbook.
LATER_TABLES: tuple[TableSpec, ...] = (LOCK, SEAL, AWARD, PUBLICATION)

YES_NO = ("Yes", "No")
