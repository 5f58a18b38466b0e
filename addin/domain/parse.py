"""From raw table rows (whatever adapter read them) to the typed competition, with problems."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from addin.domain import schema
from addin.domain.cells import CellReader, as_text, has_time_of_day
from addin.domain.models import (
    AwardNoticeGrouping,
    Bid,
    Category,
    Competition,
    CompetitionFile,
    Criterion,
    LowPriceDecision,
    Member,
    MemberStatus,
    ModerationMethod,
    PriceMethod,
    Status,
    TieBreakRule,
)
from addin.domain.parse_records import parse_records
from addin.domain.problems import Problem, error, warning
from addin.domain.raw import RawRow, RawTable

__all__ = ["RawRow", "RawTable", "parse_file"]


_KNOWN_FIELDS = {f.casefold(): f for f in schema.COMPETITION_FIELDS}


def competition_fields(table: RawTable) -> tuple[dict[str, object], list[Problem]]:
    """The Field | Value table as a dict; unknown and repeated fields are reported."""
    values: dict[str, object] = {}
    problems: list[Problem] = []
    for index, row in table.data_rows():
        label = as_text(row.get("Field"))
        field = _KNOWN_FIELDS.get(label.casefold())
        if field is not None and field not in values:
            values[field] = row.get("Value")
            continue
        where = CellReader(table.name).ref(index, "Field")  # only for a problem: a model each
        if field is None:
            problems.append(
                warning(
                    "FIELD_UNKNOWN", f'"{label}" is not a Competition field; it is ignored.', where
                )
            )
        else:
            problems.append(
                warning("FIELD_REPEATED", f"{field} appears twice; the first is used.", where)
            )
    return values, problems


def parse_competition(table: RawTable) -> tuple[Competition, list[Problem]]:
    values, problems = competition_fields(table)
    listed = {as_text(row.get("Field")).casefold() for _, row in table.data_rows()}
    reader = CellReader(table.name)

    def get(field: str) -> object:
        return values.get(field)

    def present(field: str) -> bool:
        if as_text(get(field)):
            return True
        reader.problems.append(_missing_field(reader, field, field.casefold() in listed))
        return False

    # Every field is read independently, so one bad value never hides another.
    data: dict[str, object] = {}
    text_fields = {
        "reference": "Reference",
        "title": "Title",
        "authority": "Authority",
        "officer_name": "Officer name",
        "officer_email": "Officer email",
    }
    for name, field in text_fields.items():
        if present(field):
            data[name] = as_text(get(field))
    typed = {
        "lot": ("Lot", reader.whole),
        "estimated_value": ("Estimated value (GBP)", reader.decimal),
        "invitation_date": ("Invitation date", reader.day),
        "closing_date": ("Closing date", reader.moment),
        "contract_start": ("Contract start", reader.day),
        "contract_end": ("Contract end", reader.day),
        "score_scale_max": ("Score scale maximum", reader.whole),
        "standstill_days": ("Standstill days", reader.whole),
    }
    for name, (field, read) in typed.items():
        if present(field):
            data[name] = read(get(field), field, "Value")
    if present("Price scoring method"):
        data["price_method"] = reader.choice(
            get("Price scoring method"), PriceMethod, "Price scoring method", "Value"
        )
    if present("Moderation method"):
        data["moderation_method"] = reader.choice(
            get("Moderation method"), ModerationMethod, "Moderation method", "Value"
        )
    if present("Status"):
        data["status"] = reader.choice(get("Status"), Status, "Status", "Value")
    # Optional: blank (or no row, in a workbook from an older template) means the default.
    if as_text(get("Award notice grouping")):
        data["award_notice_grouping"] = reader.choice(
            get("Award notice grouping"), AwardNoticeGrouping, "Award notice grouping", "Value"
        )
    data["standstill_end"] = reader.optional_moment(
        get("Standstill end"), "Standstill end", "Value"
    )
    data["authority_address"] = as_text(get("Authority address")) or None
    if as_text(get("Members list dated")):
        data["members_list_dated"] = reader.day(
            get("Members list dated"), "Members list dated", "Value"
        )
    if as_text(get("Evaluation days")):
        data["evaluation_days"] = reader.whole(get("Evaluation days"), "Evaluation days", "Value")
    if as_text(get("Tie-break rule")):
        data["tie_break_rule"] = reader.choice(
            get("Tie-break rule"), TieBreakRule, "Tie-break rule", "Value"
        )
    competition = Competition.model_validate({k: v for k, v in data.items() if v is not None})
    return competition, [*problems, *reader.problems]


def _missing_field(reader: CellReader, field: str, has_row: bool) -> Problem:
    if has_row:
        return error(
            "VALUE_MISSING",
            f"Competition {field} is missing: fill it in.",
            reader.ref(field, "Value"),
        )
    return error(
        "FIELD_MISSING",
        f'The Competition table has no "{field}" row: add a row with Field "{field}".',
        reader.ref(field, "Field"),
    )


def parse_members(table: RawTable) -> tuple[list[Member], list[Problem]]:
    reader = CellReader(table.name)
    members = []
    for i, row in table.data_rows():
        status = reader.choice(row.get("Status"), MemberStatus, i, "Status")
        admitted = row.get("Admitted on")
        members.append(
            Member(
                row=i,
                supplier_id=reader.required_text(
                    row.get("Supplier ID"), i, "Supplier ID", "Supplier ID"
                ),
                name=reader.required_text(
                    row.get("Supplier name"), i, "Supplier name", "Supplier name"
                ),
                contact_name=as_text(row.get("Contact name")),
                contact_email=as_text(row.get("Contact email")),
                telephone=as_text(row.get("Telephone")),
                address=as_text(row.get("Address")),
                lot_1=bool(reader.yes_no(row.get("Lot 1"), i, "Lot 1")),
                lot_2=bool(reader.yes_no(row.get("Lot 2"), i, "Lot 2")),
                status=status,
                admitted_on=reader.day(admitted, i, "Admitted on"),
                sme=reader.optional_yes_no(row.get("SME"), i, "SME"),
                vcse=reader.optional_yes_no(row.get("VCSE"), i, "VCSE"),
                notes=as_text(row.get("Notes")),
            )
        )
    return members, reader.problems


def parse_criteria(table: RawTable) -> tuple[list[Criterion], list[Problem]]:
    reader = CellReader(table.name)
    criteria = []
    for i, row in table.data_rows():
        category = reader.choice(row.get("Category"), Category, i, "Category")
        weight = reader.decimal(row.get("Weight %"), i, "Weight %")
        is_price = category is Category.PRICE
        # Price is scored by formula, so its Max/Minimum score may be left blank.
        max_raw, min_raw = row.get("Max score"), row.get("Minimum score")
        max_score = (
            None if is_price and not as_text(max_raw) else reader.whole(max_raw, i, "Max score")
        )
        criteria.append(
            Criterion(
                row=i,
                id=reader.required_text(row.get("ID"), i, "ID", "Criterion ID"),
                category=category or Category.QUALITY,
                text=reader.required_text(
                    row.get("Criterion"), i, "Criterion", "Criterion wording"
                ),
                weight=weight if weight is not None else Decimal(0),
                max_score=max_score,
                minimum_score=reader.optional_decimal(min_raw, i, "Minimum score"),
                guidance=as_text(row.get("Guidance")),
            )
        )
    return criteria, reader.problems


def parse_bids(table: RawTable) -> tuple[list[Bid], list[Problem]]:
    reader = CellReader(table.name)
    bids = []
    for i, row in table.data_rows():
        bids.append(
            Bid(
                row=i,
                supplier_id=reader.required_text(
                    row.get("Supplier ID"), i, "Supplier ID", "Supplier ID"
                ),
                supplier_name=as_text(row.get("Supplier name")),
                invited=bool(reader.yes_no(row.get("Invited"), i, "Invited")),
                received=bool(reader.optional_yes_no(row.get("Bid received"), i, "Bid received")),
                received_at=reader.optional_moment(row.get("Received at"), i, "Received at"),
                received_time_known=has_time_of_day(row.get("Received at")),
                price=reader.optional_decimal(row.get("Price"), i, "Price"),
                compliant=reader.optional_yes_no(row.get("Compliant"), i, "Compliant"),
                notes=as_text(row.get("Notes")),
                subcontracting_percent=reader.optional_decimal(
                    row.get("Subcontracting %"), i, "Subcontracting %"
                ),
                subcontractors=as_text(row.get("Subcontractors")),
                low_price_requested=_optional_day(
                    reader, row, i, "Low price explanation requested"
                ),
                low_price_decision=reader.choice(
                    row.get("Low price decision"), LowPriceDecision, i, "Low price decision"
                )
                if as_text(row.get("Low price decision"))
                else None,
                low_price_reasons=as_text(row.get("Low price reasons")),
            )
        )
    return bids, reader.problems


def _optional_day(reader: CellReader, row: RawRow, i: int, column: str) -> date | None:
    return reader.day(row.get(column), i, column) if as_text(row.get(column)) else None


def parse_file(tables: Mapping[str, RawTable]) -> tuple[CompetitionFile, list[Problem]]:
    """The whole workbook; `tables` must hold the four core tables named in the schema (the
    readers insist on every table; a record table missing here just has no rows)."""
    competition, problems = parse_competition(tables[schema.COMPETITION.name])
    criteria, p_criteria = parse_criteria(tables[schema.CRITERIA.name])
    members, p_members = parse_members(tables[schema.MEMBERS.name])
    bids, p_bids = parse_bids(tables[schema.BIDS.name])
    records, p_records = parse_records(tables)
    parsed = CompetitionFile(
        competition=competition,
        criteria=tuple(criteria),
        members=tuple(members),
        bids=tuple(bids),
        declarations=records.declarations,
        clarifications=records.clarifications,
        pre_award_checks=records.pre_award_checks,
    )
    return parsed, [*problems, *p_criteria, *p_members, *p_bids, *p_records]
