"""One-line descriptions of problems, shared by the CLI, the services and the ribbon."""

from __future__ import annotations

from addin.domain.problems import Problem
from addin.workbook.cellrefs import compress


def where(problem: Problem) -> str:
    return ", ".join(compress(problem.cells)) if problem.cells else ""


def problem_line(problem: Problem) -> str:
    place = where(problem)
    return (
        f"  {problem.severity.value.upper():7} {problem.code}  {place}\n          {problem.message}"
    )
