"""The README's "Validation rules" table and the code name the same problem codes.

Every code a rule raises (`error("CODE", …)` / `warning("CODE", …)` anywhere in addin/) is in
the table, and every code in the table is still raised somewhere. (Which codes have a test is
another check's business.)
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)+")


def table_codes() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Validation rules", 1)[1].split("\n## ", 1)[0]
    return {
        code
        for line in section.splitlines()
        if line.startswith("| `")
        for code in re.findall(r"`([A-Z][A-Z0-9_]+)`", line.split("|")[1])
    }


def _table_constants(tree: ast.Module) -> set[str]:
    """Codes in a module's own constants (e.g. register.py's WARN_AT thresholds)."""
    return {
        node.value
        for statement in tree.body
        if isinstance(statement, ast.Assign | ast.AnnAssign)
        for node in ast.walk(statement)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and CODE.fullmatch(node.value)
    }


def _problem_codes(node: ast.Call, tree: ast.Module) -> set[str]:
    """Problem(code=…): a literal, or a name taken from the module's own table of codes."""
    code = next((k.value for k in node.keywords if k.arg == "code"), None)
    if isinstance(code, ast.Constant) and isinstance(code.value, str):
        return {code.value}
    return _table_constants(tree) if code is not None else set()


def raised_codes() -> tuple[set[str], set[str]]:
    """Codes passed as literals to error()/warning() or Problem(code=…), and the prefixes of
    f-string codes."""
    codes, prefixes = set(), set()
    for path in (ROOT / "addin").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name == "Problem":
                codes |= _problem_codes(node, tree)
                continue
            if name not in ("error", "warning", "_bad") or not node.args:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                if CODE.fullmatch(first.value):
                    codes.add(first.value)
            elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                prefixes.add(str(first.values[0].value))
    return codes, prefixes


def test_every_code_raised_is_in_the_readme_table() -> None:
    codes, prefixes = raised_codes()
    listed = table_codes()
    assert {"WEIGHTS_NOT_100", "STANDSTILL_TOO_SHORT", "VALUE_MISSING"} <= codes
    assert sorted(codes - listed) == []
    for prefix in prefixes:  # f"SCORE_{fault}": each expansion is listed instead
        assert any(code.startswith(prefix) for code in listed), prefix


def test_every_code_in_the_readme_table_is_still_raised() -> None:
    codes, prefixes = raised_codes()
    stale = [
        code
        for code in table_codes()
        if code not in codes and not any(code.startswith(p) for p in prefixes)
    ]
    assert stale == []
