"""Clarifications: every question answered and the answer shared with all bidders before
closing, so no bidder gains from asking (equal treatment, reg. 18)."""

from __future__ import annotations

from addin.domain.models import Clarification, CompetitionFile
from addin.domain.problems import FieldRef, Problem, warning
from addin.domain.schema import CLARIFICATIONS


def _ref(row: int, column: str) -> FieldRef:
    return FieldRef(table=CLARIFICATIONS.name, row=row, column=column)


def check_clarifications(file: CompetitionFile) -> list[Problem]:
    closing = file.competition.closing_date
    problems = []
    for item in file.clarifications:
        why = _unpublished(item, file)
        if why:
            problems.append(
                warning(
                    "CLARIFICATION_NOT_PUBLISHED",
                    f"Clarification {item.row + 1} ({_short(item.question)}) {why}. Answer every "
                    "question and share the question and answer with all invited suppliers "
                    + (
                        f"before the closing time, {closing:%d/%m/%Y %H:%M}."
                        if closing
                        else "before closing."
                    ),
                    _ref(item.row, "Answer" if not item.answer else "Published to all on"),
                )
            )
    return problems


def _unpublished(item: Clarification, file: CompetitionFile) -> str:
    closing = file.competition.closing_date
    if not item.answer:
        return "has no answer"
    if item.published_on is None:
        return "is not recorded as published to all bidders"
    if closing is not None and item.published_on > closing:
        return f"was published to all on {item.published_on:%d/%m/%Y}, after the closing time"
    return ""


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split()) or "no question"
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1]}…"'
