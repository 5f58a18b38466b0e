"""The shape of the competition workbook: every table, its columns and the Competition fields,
and the sheets the add-in adds (their titles, tables and layout).

Pure data shared by the template builder, the workbook readers and writers (openpyxl and
xlwings), the ribbon and the rules, so a table name, header or sheet title is spelt in exactly
one place.
"""

from __future__ import annotations

import re
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

# --- The sheets the add-in adds ------------------------------------------------------------------
# Each has its title in row 1, a hint in row 2 and its table's header in HEADER_ROW.
HEADER_ROW = 3
FIRST_DATA_ROW = HEADER_ROW + 1

# Evaluator N's tab, "Eval <name>": a Field | Value declaration at DECLARATION_TOP (one row per
# DECLARATION_FIELDS) and the scores at SCORES_TOP (one row per bid × scored criterion).
EVAL_SHEET_PREFIX = "Eval "
SCORE = "Score"
RATIONALE = "Rationale"
EVAL_COLUMNS = ("Supplier ID", "Supplier name", "Criterion ID", "Criterion", SCORE, RATIONALE)
DECLARATION_COLUMNS = ("Field", "Value")
DECLARATION_FIELDS = ("Evaluator", "Conflict of interest", "Declared on")
DECLARATION_TOP, SCORES_TOP = 3, 8
_EVAL_TABLE = re.compile(r"^tblEval(\d+)$", re.IGNORECASE)


def eval_table(number: int) -> str:
    """Evaluator `number`'s score table: tblEval1, tblEval2…"""
    return f"tblEval{number}"


def eval_number(table: str) -> int | None:
    """1 from "tblEval1" (any case); None for every other table."""
    found = _EVAL_TABLE.match(table)
    return int(found.group(1)) if found else None


def declaration_table(number: int) -> str:
    return f"{eval_table(number)}Declaration"


# The Moderation table's columns: one per evaluator between Criterion ID and Spread.
MODERATED_SCORE = "Moderated score"
MODERATION_RATIONALE = "Moderation rationale"
MODERATION_COLUMNS_BEFORE = ("Supplier ID", "Criterion ID")
MODERATION_COLUMNS_AFTER = ("Spread", MODERATED_SCORE, MODERATION_RATIONALE)
MODERATION = TableSpec(
    "tblModeration",
    "Moderation",
    (*MODERATION_COLUMNS_BEFORE, *MODERATION_COLUMNS_AFTER),
    "Rebuilt from the evaluator tabs: every evaluator's score side by side, the spread, and the "
    "score the panel agreed with its reason.",
)
RESULTS = TableSpec(
    "tblResults",
    "Results",
    (
        "Rank",
        "Supplier ID",
        "Supplier name",
        "Quality",
        "Social Value",
        "Price",
        "Price points",
        "Total",
        "Outcome",
        "Notes",
    ),
    "Written when scored: the ranking, points stored unrounded.",
)
BREAKDOWN = TableSpec(
    "tblBreakdown",
    "Results",
    (
        "Supplier ID",
        "Criterion ID",
        "Category",
        "Weight %",
        SCORE,
        "Max score",
        "Points",
        "Source",
        RATIONALE,
    ),
    "Below the ranking: each bid's points criterion by criterion, and where each score came from.",
)

# Sheets only the ribbon adds, for what the CLI takes as arguments.
EVALUATORS = TableSpec(
    "tblEvaluators",
    "Evaluators",
    ("Evaluator",),
    "The evaluators' names, one a row, for the Evaluator tabs button.",
)
TIE_BREAK = TableSpec(
    "tblTieBreak",
    "Tie-break",
    ("Supplier ID", "Reason"),
    "On a tie for first place: the panel's decision, for the Score button.",
)
LATE_BIDS = TableSpec(
    "tblLateBids",
    "Late bids",
    ("Supplier ID", "Reason"),
    "Late bids to accept, with the reason, for the Accept late bid button.",
)
ABANDON = TableSpec(
    "tblAbandon",
    "Abandon",
    ("Reason",),
    "The reason for not awarding, for the Abandon button (quoted in every letter).",
)
# Hidden: the ranges the ribbon highlighted, one a row from HIGHLIGHTS_FIRST_ROW, so its next
# run clears exactly those.
HIGHLIGHTS_SHEET = "CCIN DPS add-in"
HIGHLIGHTS_FIRST_ROW = 3
