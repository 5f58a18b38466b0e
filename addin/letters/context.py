"""The letter context: the only data a letter template sees, already worded for a reader.

Every value is text (or a flag, or a count) formatted the way the letter shows it, so templates
stay plain `{{ name }}` tags that officers can move around in Word, and no template formats
numbers or dates. compose.py fills these models; render.py hands them to docxtpl.

Two kinds of letter share one heading (`LetterHead`): the outcome letter (`LetterContext`) and
the letter telling bidders the competition was abandoned (`AbandonmentContext`).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, computed_field, model_validator

from addin.domain.cells import XML_FORBIDDEN
from addin.domain.dps import CCIN_DPS

# Shown where a score does not apply (price has no score out of a maximum; no winning bid).
NOT_APPLICABLE = "–"

# What reg. 55(2) gives the authority to answer a written request for reasons.
REASONS_REPLY_DAYS = 15

# "rejected", never "excluded": in PCR 2015 exclusion means the reg. 57 grounds.
Outcome = Literal["successful", "unsuccessful", "not evaluated", "rejected"]
RANKED_OUTCOMES: frozenset[str] = frozenset({"successful", "unsuccessful"})


def _clean(text: str) -> str:
    # Characters XML forbids go: besides breaking the document, docxtpl reads \a and \f in
    # values as "new paragraph" and "page break", and data must never steer a letter's layout.
    # \n stays: docxtpl turns it into a line break (an address, a reason in two lines).
    return XML_FORBIDDEN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


Text = Annotated[str, AfterValidator(_clean)]


def two_dp(value: Fraction | Decimal | int | float | None) -> str:
    """'12.35' (half up, as officers round by hand), or '–' when there is no value.

    Agrees with addin.domain.evaluation.show_points, which the scoring code uses for Fractions.
    """
    if value is None:
        return NOT_APPLICABLE
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        exact = Decimal(str(value))  # via str: 0.1 means 0.1, not the float's binary value
    return f"{exact.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"


def weight_text(weight: Decimal | int | float) -> str:
    """'30 %', '12.5 %': the weighting as the invitation stated it, without trailing zeros."""
    return f"{Decimal(str(weight)).normalize():f} %"


class AwardCriterion(BaseModel):
    """One published award criterion, restated in every outcome letter (reg. 86(2)(a)).

    | Field | Example | Meaning |
    |---|---|---|
    | `id` | `Q1` | Criterion ID from the Criteria sheet |
    | `category` | `Quality` | Quality, Social Value or Price |
    | `criterion` | `Approach to co-design` | The criterion as stated in the invitation |
    | `weight` | `30 %` | Its weighting |
    | `max_score` | `5` | Highest score available; `–` for price |
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Text
    category: Text
    criterion: Text
    weight: Text
    max_score: Text


class CriterionRow(BaseModel):
    """One award criterion in a letter's tables (one `{%tr for row in criteria %}` row).

    | Field | Example | Meaning |
    |---|---|---|
    | `id` | `Q1` | Criterion ID from the Criteria sheet |
    | `category` | `Quality` | Quality, Social Value or Price |
    | `criterion` | `Approach to co-design` | The criterion as stated in the invitation |
    | `weight` | `30 %` | Its weighting |
    | `max_score` | `5` | Highest score available; `–` for price |
    | `your_score` | `3.00` | The recipient's moderated score (for price: the price) |
    | `your_points` | `18.00` | Weighted points the recipient earned |
    | `winner_score` | `4.00` | The winning bid's score; `–` when there is none |
    | `winner_points` | `24.00` | The winning bid's weighted points |
    | `your_reason` | `Clear plan; R&D…` | Why the recipient's bid scored as it did |
    | `winner_reason` | `Named co-design…` | The winner's relative advantages, or that it had none here |
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Text
    category: Text
    criterion: Text
    weight: Text
    max_score: Text
    your_score: Text
    your_points: Text
    winner_score: Text
    winner_points: Text
    your_reason: Text = ""
    winner_reason: Text = ""


def _joined(lines: list[str]) -> str:
    return "\n".join(line for line in lines if line.strip())


class LetterHead(BaseModel):
    """What every letter names: who writes, to whom, about which competition.

    | Field | Example | Meaning |
    |---|---|---|
    | `authority` | `Oldham Council` | Contracting authority running the mini-competition |
    | `authority_address_lines` | `["Civic Centre", "Oldham"]` | Its address, one line each |
    | `authority_address` | `Civic Centre⏎Oldham` | The same lines joined by line breaks (computed) |
    | `officer_name` | `Jane Smith` | Officer who signs the letter |
    | `officer_email` | `jane.smith@oldham.gov.uk` | Officer's email |
    | `officer_phone` | `0161 770 3000` | Officer's phone; may be empty |
    | `letter_date` | `25 November 2026` | Date the letter is sent |
    | `reference` | `OLD-2026-014` | Competition reference |
    | `title` | `Youth voice review` | Competition title |
    | `lot` | `Lot 1 – Policy Development & Testing` | The DPS lot |
    | `dps_name` | `CCIN Consultancy Services Dynamic Purchasing System` | The DPS |
    | `dps_owner` | `Oldham Council, for the …` | Who runs the DPS (told of every award) |
    | `supplier_id` | `S004` | Recipient's supplier ID on the DPS |
    | `supplier_name` | `Smith & Sons Ltd` | Recipient's name |
    | `contact_name` | `Sam Smith` | Recipient's contact, for "Dear …" |
    | `address_lines` | `["1 High St", "Oldham"]` | Recipient's postal address, one line each |
    | `address` | `1 High St⏎Oldham` | The same lines joined by line breaks (computed) |
    | `reasons_request_days` | `15` | Days to answer a written request for reasons (reg. 55) |
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    authority: Text
    authority_address_lines: list[Text] = []
    officer_name: Text
    officer_email: Text
    officer_phone: Text = ""
    letter_date: Text
    reference: Text
    title: Text
    lot: Text
    dps_name: Text = CCIN_DPS.name
    dps_owner: Text = CCIN_DPS.owner
    supplier_id: Text
    supplier_name: Text
    contact_name: Text
    address_lines: list[Text] = []
    reasons_request_days: int = REASONS_REPLY_DAYS

    @computed_field  # type: ignore[prop-decorator]
    @property
    def address(self) -> str:
        return _joined(self.address_lines)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def authority_address(self) -> str:
        return _joined(self.authority_address_lines)


class LetterContext(LetterHead):
    """Everything one outcome letter says. Templates may use these names and no others.

    | Field | Example | Meaning |
    |---|---|---|
    | `outcome` | `unsuccessful` | successful, unsuccessful, not evaluated or rejected |
    | `rank` | `2` | Recipient's rank (1 = winner); empty if not ranked |
    | `ranked_count` | `4` | How many bids were ranked |
    | `total` | `71.50` | Recipient's total weighted points |
    | `your_quality` | `40.00` | Recipient's quality points |
    | `your_social_value` | `8.00` | Recipient's social value points |
    | `your_price_points` | `23.50` | Recipient's price points |
    | `winner_name` | `Jones & Partners` | Bidder to be awarded the contract |
    | `winner_total` | `84.25` | Winning bid's total weighted points |
    | `winner_quality` | `48.00` | Winning bid's quality points |
    | `winner_social_value` | `9.00` | Winning bid's social value points |
    | `winner_price_points` | `27.25` | Winning bid's price points |
    | `price_method` | `lowest price ÷ your price × weight` | How price was scored |
    | `award_criteria` | (rows) | Every published criterion and its weighting, for every letter |
    | `criteria` | (rows) | One CriterionRow per award criterion; empty if never scored |
    | `reason` | `Received at 12:04 UK time …` | Why not evaluated / rejected |
    | `has_standstill` | `True` | Whether a voluntary standstill applies |
    | `standstill_end` | `midnight at the end of Monday 4 January 2027 (UK time)` | When it ends |
    """

    outcome: Outcome
    rank: int | None = None
    ranked_count: int = 0
    total: Text = NOT_APPLICABLE
    your_quality: Text = NOT_APPLICABLE
    your_social_value: Text = NOT_APPLICABLE
    your_price_points: Text = NOT_APPLICABLE
    winner_name: Text
    winner_total: Text
    winner_quality: Text = NOT_APPLICABLE
    winner_social_value: Text = NOT_APPLICABLE
    winner_price_points: Text = NOT_APPLICABLE
    price_method: Text
    award_criteria: list[AwardCriterion] = []
    criteria: list[CriterionRow] = []
    reason: Text = ""
    has_standstill: bool = False
    standstill_end: Text = ""

    @model_validator(mode="after")
    def _consistent(self) -> LetterContext:
        # A letter that contradicts itself is a bug in the caller, caught before any file exists.
        if self.outcome in RANKED_OUTCOMES:
            if self.rank is None or not 1 <= self.rank <= self.ranked_count:
                raise ValueError(f"a {self.outcome} bid needs a rank from 1 to ranked_count")
            if (self.rank == 1) != (self.outcome == "successful"):
                raise ValueError("only the bid ranked 1 is successful")
        else:
            if self.rank is not None:
                raise ValueError(f"a bid that was {self.outcome} has no rank")
            if not self.reason.strip():
                raise ValueError(f"a bid that was {self.outcome} needs the precise reason")
        if self.has_standstill and not self.standstill_end.strip():
            raise ValueError("has_standstill needs standstill_end")
        return self


class AbandonmentContext(LetterHead):
    """The letter telling a supplier the competition was abandoned (reg. 55(1), 84(1)(g)).

    | Field | Example | Meaning |
    |---|---|---|
    | `reason` | `The service is no longer funded` | Why the authority decided not to award |
    | `abandoned_on` | `20 November 2026` | The day the decision was recorded |
    | `bid_received` | `True` | The recipient bid (else it was invited and the invitation ends) |
    """

    reason: Text
    abandoned_on: Text
    bid_received: bool = True

    @model_validator(mode="after")
    def _has_reason(self) -> AbandonmentContext:
        if not self.reason.strip():
            raise ValueError("an abandonment letter needs the reason")
        return self


AnyLetter = LetterContext | AbandonmentContext


def letter_fields(model: type[LetterHead] = LetterContext) -> frozenset[str]:
    """Names a letter template may use at the top level."""
    return frozenset(model.model_fields) | frozenset(model.model_computed_fields)


def row_fields() -> frozenset[str]:
    """Names a template may use on a criteria row (`row.weight`) or an award-criteria row."""
    return frozenset(CriterionRow.model_fields)
