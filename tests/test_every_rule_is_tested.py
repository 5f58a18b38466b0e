"""Every problem code in the README's "Validation rules" table is asserted by some test.

A code counts as tested when a string literal naming it appears in an assert, a comparison or a
pytest.mark.parametrize case of a test module other than this one.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"`([A-Z][A-Z0-9_]+)`")


def readme_codes() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Validation rules", 1)[1].split("\n## ", 1)[0]
    codes = []
    for line in section.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            codes += CODE.findall(first_cell)
    return codes


def _strings(node: ast.AST) -> list[str]:
    return [
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def _is_parametrize(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "parametrize"
    )


def asserted_strings() -> str:
    """Every string literal in an assert, comparison or parametrize case, one per line."""
    found: list[str] = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.resolve() == Path(__file__).resolve():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assert, ast.Compare)) or _is_parametrize(node):
                found += _strings(node)
    return "\n".join(found)


def test_the_readme_table_lists_the_codes() -> None:
    codes = readme_codes()
    assert "WEIGHTS_NOT_100" in codes and "LOCK_MISSING" in codes and len(codes) > 60
    assert len(codes) == len(set(codes)), "a code is listed twice in the README table"


def test_every_code_in_the_readme_has_a_test() -> None:
    asserted = asserted_strings()
    untested = [c for c in readme_codes() if not re.search(rf"\b{c}\b", asserted)]
    assert untested == []
