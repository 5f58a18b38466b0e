"""Which call-offs the register may count: inconsistent records and duplicates are skipped.

Each problem names the file and the cell (a workbook) or the JSON path (an OCDS file) at fault.
"""

from __future__ import annotations

from collections.abc import Sequence

from addin.domain.dps import CCIN_DPS, DynamicPurchasingSystem
from addin.domain.problems import Problem, Severity
from addin.domain.register import CallOff


def _inconsistent(call_off: CallOff, why: str, *fields: str) -> Problem:
    return Problem(
        code="CALL_OFF_INCONSISTENT",
        severity=Severity.ERROR,
        message=f"{call_off.council or '?'} {call_off.reference or '?'}: {why}; not counted.",
        cells=tuple(call_off.cell(f) for f in fields) or (call_off.source,),
    )


def inconsistencies(call_off: CallOff, dps: DynamicPurchasingSystem = CCIN_DPS) -> list[Problem]:
    c, found = call_off, []
    if not c.council or not c.reference:
        found.append(
            _inconsistent(c, "the council or the reference is missing", "council", "reference")
        )
    if c.lot is not None and dps.lot(c.lot) is None:
        found.append(_inconsistent(c, f"Lot {c.lot} is not a lot of the DPS", "lot"))
    if c.status == "Awarded" and not c.awarded:
        found.append(
            _inconsistent(
                c, "the status is Awarded but no contract date and value are recorded", "status"
            )
        )
    if c.value_ex_vat is not None and c.value_ex_vat <= 0:
        found.append(
            _inconsistent(c, f"the value excluding VAT is £{c.value_ex_vat}", "value_ex_vat")
        )
    if (
        c.value_ex_vat is not None
        and c.value_inc_vat is not None
        and c.value_inc_vat < c.value_ex_vat
    ):
        found.append(
            _inconsistent(
                c,
                f"the value including VAT (£{c.value_inc_vat:,}) is less than the value excluding "
                f"VAT (£{c.value_ex_vat:,})",
                "value_inc_vat",
                "value_ex_vat",
            )
        )
    if c.signed is not None and not dps.covers(c.signed):
        found.append(
            _inconsistent(
                c,
                f"signed on {c.signed:%d/%m/%Y}, outside the DPS's period ({dps.period_text})",
                "signed",
            )
        )
    if c.start and c.end and c.end < c.start:
        found.append(_inconsistent(c, "the contract ends before it starts", "start", "end"))
    return found


def _keys(call_off: CallOff) -> list[str]:
    keys = [f"{call_off.council.casefold()}\n{call_off.reference.casefold()}"]
    if call_off.ocid:
        keys.append(f"ocid\n{call_off.ocid}")
    return keys


def _stage(call_off: CallOff) -> int:
    return 2 if call_off.awarded else 1 if call_off.status == "Standstill" else 0


def _duplicate(skipped: CallOff, kept: CallOff) -> Problem:
    return Problem(
        code="CALL_OFF_DUPLICATE",
        severity=Severity.WARNING,
        message=f"{skipped.council} {skipped.reference} is also in {kept.source}; this copy "
        f"({skipped.status or 'no status'}) is skipped.",
        cells=(skipped.cell("reference"), kept.cell("reference")),
    )


def deduplicate(call_offs: Sequence[CallOff]) -> tuple[list[CallOff], list[Problem]]:
    """One call-off found twice (same council and reference, or same ocid) is counted once: the
    copy furthest on (awarded, then in standstill) is kept, the first of equals; the other copy
    is reported and skipped."""
    seen: dict[str, int] = {}
    kept: list[CallOff] = []
    problems = []
    for call_off in call_offs:
        index = next((seen[k] for k in _keys(call_off) if k in seen), None)
        if index is None:
            index = len(kept)
            kept.append(call_off)
        elif _stage(call_off) > _stage(kept[index]):
            problems.append(_duplicate(kept[index], call_off))
            kept[index] = call_off
        else:
            problems.append(_duplicate(call_off, kept[index]))
        for key in _keys(call_off):
            seen[key] = index
    return kept, problems


def admissible(
    call_offs: Sequence[CallOff], dps: DynamicPurchasingSystem = CCIN_DPS
) -> tuple[list[CallOff], list[Problem]]:
    """Inconsistent records dropped first, then duplicates among the rest."""
    problems: list[Problem] = []
    consistent = []
    for call_off in call_offs:
        found = inconsistencies(call_off, dps)
        problems += found
        if not found:
            consistent.append(call_off)
    kept, duplicates = deduplicate(consistent)
    return kept, [*problems, *duplicates]
