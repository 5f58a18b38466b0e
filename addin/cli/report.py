"""Showing validation reports as text for officers, JSON for scripts and JUnit XML for CI."""

from __future__ import annotations

import json
from collections.abc import Sequence

from addin.presentation import problem_json, problem_line, where
from addin.services.validate import WorkbookReport


def as_text(reports: Sequence[WorkbookReport]) -> str:
    lines: list[str] = []
    for report in reports:
        if report.unreadable:
            lines.append(f"✗ {report.unreadable}")
            if report.unreadable.hint:
                lines.append(f"  → {report.unreadable.hint}")
            continue
        errors, warnings = len(report.errors), len(report.warnings)
        mark = "✗" if errors else "✓"
        lines.append(f"{mark} {report.path}: {errors} error(s), {warnings} warning(s)")
        lines += [problem_line(p) for p in report.problems]
    lines.append(summary(reports))
    return "\n".join(lines)


def summary(reports: Sequence[WorkbookReport]) -> str:
    unreadable = sum(1 for r in reports if r.unreadable)
    with_errors = sum(1 for r in reports if r.errors)
    return (
        f"{len(reports)} workbook(s) checked: {with_errors} with errors, "
        f"{unreadable} unreadable, {len(reports) - with_errors - unreadable} ready."
    )


def as_json(reports: Sequence[WorkbookReport]) -> str:
    payload = {
        "workbooks": [
            {
                "path": str(r.path),
                "readable": r.unreadable is None,
                "error": None if r.unreadable is None else r.unreadable.reason,
                "hint": None if r.unreadable is None else r.unreadable.hint,
                "errors": len(r.errors),
                "warnings": len(r.warnings),
                "problems": [problem_json(p) for p in r.problems],
            }
            for r in reports
        ],
        "summary": summary(reports),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def as_junit(reports: Sequence[WorkbookReport], strict: bool = False) -> str:
    """One test case per workbook; one <failure> per error (and per warning with --strict)."""
    import xml.etree.ElementTree as ET  # only for JUnit output: validation never parses with it

    suite = ET.Element("testsuite", name="dps validate", tests=str(len(reports)))
    failures = errors = 0
    for report in reports:
        case = ET.SubElement(suite, "testcase", classname="dps.validate", name=str(report.path))
        if report.unreadable:
            errors += 1
            ET.SubElement(
                case, "error", message=report.unreadable.reason, type="UNREADABLE"
            ).text = str(report.unreadable)
            continue
        failing = report.problems if strict else report.errors
        for problem in failing:
            failures += 1
            ET.SubElement(
                case, "failure", message=f"{where(problem)}: {problem.message}", type=problem.code
            ).text = problem_line(problem)
        others = [p for p in report.problems if p not in failing]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(problem_line(p) for p in others)
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
