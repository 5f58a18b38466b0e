"""A realistic sample competition for the demo and the tests: invented co-operative consultancies.

Dates are relative to the invitation date, so the demo runs the same whatever today is.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta


def _status_note(status: str) -> str:
    """The basis for a member not being Active, as Oldham's notice gives it."""
    if status == "Suspended":
        return "Suspended by Oldham Council on 2 March 2026: insurance certificate lapsed"
    return ""


MEMBERS: tuple[dict[str, object], ...] = (
    # Supplier ID, name, contact, email, phone, address, lot 1, lot 2, status, admitted, SME, VCSE
    # (and Notes: why a member is not Active)
    *(
        {
            "Supplier ID": sid,
            "Supplier name": name,
            "Contact name": contact,
            "Contact email": email,
            "Telephone": phone,
            "Address": address,
            "Lot 1": lot1,
            "Lot 2": lot2,
            "Status": status,
            "Admitted on": datetime.combine(admitted, time()),
            "SME": sme,
            "VCSE": vcse,
            "Notes": _status_note(status),
        }
        for sid, name, contact, email, phone, address, lot1, lot2, status, admitted, sme, vcse in (
            (
                "CCIN-001",
                "Mutual Futures Co-operative Ltd",
                "Aisha Rahman",
                "aisha@mutualfutures.coop",
                "0161 555 0101",
                "12 Rochdale Road, Manchester, M4 4AB",
                "Yes",
                "Yes",
                "Active",
                date(2020, 5, 4),
                "Yes",
                "No",
            ),
            (
                "CCIN-002",
                'Smith & Sons <Consulting> "Co-op"',
                "Gareth Smith",
                "gareth@smithandsons.example",
                "0113 555 0102",
                "3 Kirkgate, Leeds, LS1 6BY",
                "Yes",
                "No",
                "Active",
                date(2021, 1, 18),
                "Yes",
                "No",
            ),
            (
                "CCIN-003",
                "Commons Policy Lab CIC",
                "Priya Natarajan",
                "priya@commonslab.example",
                "020 7946 0103",
                "Unit 5, 200 Mare Street, London, E8 3RD",
                "Yes",
                "Yes",
                "Active",
                date(2022, 6, 30),
                "Yes",
                "Yes",
            ),
            (
                "CCIN-004",
                "Northern Co-design Partnership LLP",
                "Tom Whitworth",
                "tom@northerncodesign.example",
                "0191 555 0104",
                "8 Grey Street, Newcastle, NE1 6AE",
                "Yes",
                "No",
                "Active",
                date(2023, 3, 9),
                "Yes",
                "No",
            ),
            (
                "CCIN-005",
                "Civic Capacity Trust",
                "Hannah Okafor",
                "hannah@civiccapacity.example",
                "0117 555 0105",
                "21 Old Market, Bristol, BS2 0EZ",
                "No",
                "Yes",
                "Active",
                date(2020, 9, 14),
                "No",
                "Yes",
            ),
            (
                "CCIN-006",
                "Rochdale Pioneers Consulting Ltd",
                "Ian Greaves",
                "ian@rochdalepioneers.example",
                "01706 555 106",
                "31 Toad Lane, Rochdale, OL12 0NU",
                "Yes",
                "Yes",
                "Suspended",
                date(2021, 11, 2),
                "Yes",
                "No",
            ),
            (
                "CCIN-007",
                "Fairshare Insight Limited",
                "Megan Lloyd",
                "megan@fairshare.example",
                "029 2018 0107",
                "4 Bute Street, Cardiff, CF10 5AF",
                "No",
                "Yes",
                "Active",
                date(2024, 2, 12),
                "Yes",
                "No",
            ),
        )
    ),
)

CRITERIA: tuple[dict[str, object], ...] = (
    {
        "ID": "Q1",
        "Category": "Quality",
        "Criterion": "Understanding of the co-operative policy challenge and the outcomes sought",
        "Weight %": 20,
        "Max score": 5,
        "Minimum score": 2,
        "Guidance": "0 none – 5 excellent, evidenced understanding",
    },
    {
        "ID": "Q2",
        "Category": "Quality",
        "Criterion": "Approach to co-design with residents, officers and members",
        "Weight %": 25,
        "Max score": 5,
        "Minimum score": 2,
        "Guidance": "Methods, who is involved and how power is shared",
    },
    {
        "ID": "Q3",
        "Category": "Quality",
        "Criterion": "Team, capacity and delivery plan",
        "Weight %": 15,
        "Max score": 5,
        "Minimum score": None,
        "Guidance": "Named people, days, milestones and risks",
    },
    {
        "ID": "SV1",
        "Category": "Social Value",
        "Criterion": "Local employment, skills and community benefit",
        "Weight %": 10,
        "Max score": 5,
        "Minimum score": None,
        "Guidance": "Measurable commitments for the life of the contract",
    },
    {
        "ID": "P1",
        "Category": "Price",
        "Criterion": "Total fixed price (GBP, excluding VAT)",
        "Weight %": 30,
        "Max score": None,
        "Minimum score": None,
        "Guidance": "Scored relative to the lowest compliant price",
    },
)


# Fifteen days to noon: the invitation day does not count, so bidders get 14½ full days, just
# over the DPS owner's recommended two weeks (which end at midnight on day 14).
TENDER_DAYS = 15


def closing_for(invitation: date) -> datetime:
    return datetime.combine(invitation + timedelta(days=TENDER_DAYS), time(12, 0))


def competition_fields(invitation: date, lot: int = 1) -> dict[str, object]:
    closing = closing_for(invitation)
    return {
        "Reference": "CCIN-2026-014",
        "Title": "Co-operative neighbourhood food systems: policy lab and pilot design",
        "Authority": "Oldham Council",
        "Lot": lot,
        "Officer name": "Sam Patel",
        "Officer email": "sam.patel@oldham.gov.uk",
        "Estimated value (GBP)": 60000,
        "Invitation date": datetime.combine(invitation, time()),
        "Closing date": closing,
        "Contract start": datetime.combine(invitation + timedelta(days=42), time()),
        "Contract end": datetime.combine(invitation + timedelta(days=42 + 180), time()),
        "Price scoring method": "Lowest price",
        "Score scale maximum": 5,
        "Moderation method": "Consensus",
        "Standstill days": 10,
        "Status": "Draft",
        "Award notice grouping": "Each award",
        "Members list dated": datetime.combine(invitation - timedelta(days=7), time()),
        "Evaluation days": 5,
        "Tie-break rule": "Higher Quality + Social Value points; then the panel's recorded decision",
        "Authority address": "Civic Centre, West Street, Oldham, OL1 1UT",
    }


def declarations(invitation: date) -> list[dict[str, object]]:
    """Everyone involved declares the day before the invitation goes out; one supplier ran the
    council's discovery work, which is recorded with what was done about it (reg. 41)."""
    declared = datetime.combine(invitation - timedelta(days=1), time())
    people = [
        ("Sam Patel", "Officer"),
        ("A. Khan", "Evaluator"),
        ("B. Lee", "Evaluator"),
        ("C. Osei", "Evaluator"),
        ("Jo Booth", "Approver"),
    ]
    rows: list[dict[str, object]] = [
        {"Name": name, "Role": role, "Conflict of interest": "No", "Declared on": declared}
        for name, role in people
    ]
    rows.append(
        {
            "Name": "Commons Policy Lab CIC (CCIN-003)",
            "Role": "Supplier prior involvement",
            "Conflict of interest": "Yes",
            "Details": "Ran the council's 2025 discovery work on neighbourhood food systems",
            "Measures taken": "Discovery report sent to every invited supplier with the "
            "invitation; 15-day tender period; no Commons staff on the panel",
            "Declared on": declared,
        }
    )
    return rows


def clarifications(invitation: date) -> list[dict[str, object]]:
    """One question during the tender period, answered and shared with every bidder."""
    return [
        {
            "Received on": datetime.combine(invitation + timedelta(days=3), time()),
            "Question": "Is the pilot delivery budget included in the fixed price?",
            "Answer": "No: the council holds the pilot budget. Price the policy lab and the "
            "pilot design only.",
            "Published to all on": datetime.combine(invitation + timedelta(days=4), time()),
        }
    ]


EVALUATORS = ("A. Khan", "B. Lee", "C. Osei")


def bids_received(closing: datetime) -> dict[str, dict[str, object]]:
    """What arrived, keyed by supplier: three on time and compliant, one two minutes late."""
    on_time = closing - timedelta(hours=3)
    return {
        "CCIN-001": {
            "Bid received": "Yes",
            "Received at": on_time,
            "Price": 54000,
            "Compliant": "Yes",
            "Subcontracting %": 0,
        },
        "CCIN-002": {
            "Bid received": "Yes",
            "Received at": on_time - timedelta(days=1),
            "Price": 48500,
            "Compliant": "Yes",
        },
        "CCIN-003": {
            "Bid received": "Yes",
            "Received at": on_time + timedelta(minutes=90),
            "Price": 59900,
            "Compliant": "Yes",
            "Subcontracting %": 15,
            "Subcontractors": "Oldham Food Network CIC (paid community researchers)",
        },
        "CCIN-004": {
            "Bid received": "Yes",
            "Received at": closing + timedelta(minutes=2),
            "Price": 38500,
            "Compliant": "Yes",
            "Notes": "Arrived after the deadline",
        },
    }


# The demo's officer accepts the late bid: the portal failed just before closing.
LATE_BID_ACCEPTED = (
    "CCIN-004",
    "The Chest was unavailable from 11:48 to 12:06 on the closing day (portal incident "
    "INC-20417); the bid was submitted two minutes after the portal came back",
)


def low_price_decision(asked: date) -> dict[str, dict[str, object]]:
    """CCIN-004's price is flagged; asked to explain, its answer does not hold (reg. 69)."""
    return {
        "CCIN-004": {
            "Low price explanation requested": datetime.combine(asked, time()),
            "Low price decision": "Rejected",
            "Low price reasons": "The explanation prices 40 days of fieldwork at £350 a day, "
            "below the bid's own stated day rate, and relies on volunteer time the bid does not "
            "secure; the price cannot cover the work described",
        }
    }


def pre_award_confirmation(on: date) -> dict[str, object]:
    """What the officer types against every check on the Pre-award sheet."""
    return {
        "Confirmed on": datetime.combine(on, time()),
        "Confirmed by": "Sam Patel",
        "Notes": "Confirmed by the winner in writing; certificates on file",
    }


# (supplier, criterion) -> each evaluator's score and rationale, in EVALUATORS order.
MARKS: dict[tuple[str, str], tuple[tuple[int, str], ...]] = {
    ("CCIN-001", "Q1"): (
        (4, "Clear grasp of food-system levers; cites Preston model"),
        (4, "Strong, evidenced understanding of outcomes"),
        (4, "Good local knowledge of Oldham food networks"),
    ),
    ("CCIN-001", "Q2"): (
        (5, "Resident panels with paid participation and shared decisions"),
        (3, "Good methods but member involvement thin"),
        (4, "Solid co-design plan"),
    ),
    ("CCIN-001", "Q3"): (
        (4, "Named team, realistic days"),
        (4, "Clear milestones"),
        (4, "Risks identified with mitigations"),
    ),
    ("CCIN-001", "SV1"): (
        (3, "Two local apprenticeships"),
        (3, "Modest local spend"),
        (3, "Commitments measurable"),
    ),
    ("CCIN-002", "Q1"): (
        (3, "Adequate understanding; generic in places"),
        (3, "Some evidence"),
        (3, "Limited local context"),
    ),
    ("CCIN-002", "Q2"): (
        (3, "Workshops only, little sharing of power"),
        (3, "Standard approach"),
        (3, "R&D-style testing cycles but few residents"),
    ),
    ("CCIN-002", "Q3"): ((4, "Experienced team"), (4, "Good plan"), (4, "Capacity confirmed")),
    ("CCIN-002", "SV1"): (
        (2, "Few specific commitments"),
        (2, "Vague on local benefit"),
        (2, "No measures"),
    ),
    ("CCIN-003", "Q1"): (
        (5, "Exceptional analysis of the co-operative challenge"),
        (4, "Very strong"),
        (5, "Outstanding evidence base"),
    ),
    ("CCIN-003", "Q2"): (
        (5, "Community researchers paid and trained; decisions shared"),
        (5, "Best-in-class co-design"),
        (5, "Members and residents co-own design"),
    ),
    ("CCIN-003", "Q3"): (
        (3, "Small team; capacity risk over summer"),
        (3, "Tight plan"),
        (3, "Some reliance on associates"),
    ),
    ("CCIN-003", "SV1"): (
        (4, "Local VCSE partners paid; 3 placements"),
        (4, "Strong measures"),
        (4, "Good community benefit"),
    ),
    # The late bid, scored only once accepted: the panel agreed on every score.
    ("CCIN-004", "Q1"): ((3, "Sound grasp of the brief"),) * 3,
    ("CCIN-004", "Q2"): ((3, "Workshops with residents; members consulted"),) * 3,
    ("CCIN-004", "Q3"): ((3, "Small team, plan relies on volunteers"),) * 3,
    ("CCIN-004", "SV1"): ((3, "Some local volunteering commitments"),) * 3,
}

MODERATED: dict[tuple[str, str], tuple[int, str]] = {
    ("CCIN-001", "Q2"): (4, "Panel agreed 4: strong resident co-design, weaker on members' role"),
    ("CCIN-003", "Q1"): (5, "Panel agreed 5: the analysis is exceptional and fully evidenced"),
}
