"""Keeps the results of formulas that officers typed into input cells across a dps save.

An officer may type a Weight % as `=40/2`; Excel saves the formula with its result, 20. The tool
edits and saves a copy loaded with `data_only=False`, which keeps formulas; openpyxl writes
formulas without results, so without this module the next read finds None and the competition is
blocked until someone re-saves the file in Excel.

    cached = cached_formula_values(formulas_book, path)  # before the tool edits
    ...edit formulas_book...
    formulas_book.save(temp)
    write_cached_values(temp, formulas_book, cached)  # then replace the original with temp

The results are taken from the file's own XML, exactly as it stores them (the cell's `t` and its
`<v>` text), and put back verbatim: no second openpyxl load of the workbook just for its values
(that load was 40 % of a write command's time), and no conversion that could change a result
(dates stay serials in the workbook's own epoch, numbers keep every digit, errors their code).

Only a cell that still holds the same formula gets its old result back: a formula the tool
overwrote keeps the tool's value. A restored result is what Excel last computed; if the formula
depends on a cell the tool changed, it is stale until Excel recalculates.

Recalculating on open: `ask_to_recalculate_on_open` sets the workbook's `fullCalcOnLoad`, so Excel
and LibreOffice recompute every formula when they open the file and stale results are refreshed.
openpyxl already writes it on every save of a workbook that Excel saved (a `<calcPr>` without the
attribute loads as True), so the helper matters only for a file that had no `<calcPr>` or said
`fullCalcOnLoad="0"`. The cost: Excel marks the opened workbook changed and asks "Save changes?"
on close even if the officer changed nothing, and a large workbook opens a little slower. We
accept that: a result the officer sees must not be one the tool's own edit made wrong.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.properties import CalcProperties
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula

from addin.workbook.package_parts import MAIN, parser, serialised, sheet_parts
from addin.zip_members import Member, copy_replacing, deflate

_FORMULA, _VALUE = (f"{{{MAIN}}}{tag}" for tag in ("f", "v"))


@dataclass(frozen=True)
class CachedValue:
    """A formula as the formulas copy holds it, and its result as the file stores it."""

    formula: str  # "=40/2"; an array formula as "{=SUM(A1:A2*2)} G1:G2"
    kind: str | None  # the cell's `t`: None for a number or date, "str", "b" or "e" (an error)
    text: str  # the `<v>` text: "20", "Lot 1", "1", "#DIV/0!"


# Sheet title -> cell coordinate ("D4") -> its formula and result.
CachedValues = dict[str, dict[str, CachedValue]]
# A result as the sheet XML stores it: the cell's `t` attribute (None for a number), `<v>` text.
_Xml = tuple[str | None, str]
# Not a formula's result: an index into the old file's shared strings, or inline text.
_NOT_RESULTS = ("s", "inlineStr")


def _formula(value: object) -> str | None:
    if isinstance(value, str) and value.startswith("="):
        return value
    if isinstance(value, ArrayFormula) and isinstance(value.text, str):
        return f"{{{value.text}}} {value.ref}"
    return None  # a plain value, or a data-table formula (rare; not restored)


def _formula_cells(formulas: Workbook) -> dict[str, dict[str, str]]:
    """Sheet title -> coordinate -> formula, for every formula cell of `formulas`."""
    found: dict[str, dict[str, str]] = {}
    for sheet in formulas.worksheets:
        cells = {
            cell.coordinate: formula
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type == "f" and (formula := _formula(cell.value)) is not None
        }
        if cells:
            found[sheet.title] = cells
    return found


def _results(xml: bytes, wanted: dict[str, str]) -> dict[str, _Xml]:
    """Coordinate -> (t, <v> text) of the wanted formula cells that have a stored result."""
    found: dict[str, _Xml] = {}
    for formula in etree.fromstring(xml, parser()).iter(_FORMULA):
        cell = formula.getparent()
        coordinate = cell.get("r")
        value = cell.find(_VALUE)
        kind = cell.get("t")
        if coordinate in wanted and value is not None and value.text and kind not in _NOT_RESULTS:
            found[coordinate] = (None if kind == "n" else kind, value.text)
    return found


def cached_formula_values(formulas: Workbook, saved: Path) -> CachedValues:
    """Every formula cell of `formulas` (loaded from `saved`) whose result `saved` stores."""
    wanted = _formula_cells(formulas)
    if not wanted:
        return {}
    found: CachedValues = {}
    with zipfile.ZipFile(saved) as archive:
        parts = sheet_parts(archive)
        for title, cells in wanted.items():
            part = parts.get(title)
            if part is None:
                continue
            results = _results(archive.read(part), cells)
            kept = {
                coordinate: CachedValue(cells[coordinate], kind, text)
                for coordinate, (kind, text) in results.items()
            }
            if kept:
                found[title] = kept
    return found


def ask_to_recalculate_on_open(book: Workbook) -> None:
    """Makes Excel and LibreOffice recompute every formula on open (see the module docstring)."""
    if book.calculation is None:
        book.calculation = CalcProperties()
    book.calculation.fullCalcOnLoad = True


def _still_formulas(book: Workbook, cached: CachedValues) -> dict[str, dict[str, _Xml]]:
    """Sheet title -> coordinate -> (t, text), for cells that still hold the remembered formula."""
    restore: dict[str, dict[str, _Xml]] = {}
    for title, cells in cached.items():
        if title not in book.sheetnames:
            continue
        sheet = book[title]
        wanted: dict[str, _Xml] = {}
        for coordinate, remembered in cells.items():
            row, column = coordinate_to_tuple(coordinate)
            if _formula(sheet.cell(row=row, column=column).value) != remembered.formula:
                continue  # the tool wrote over it: its own value stands
            wanted[coordinate] = (remembered.kind, remembered.text)
        if wanted:
            restore[title] = wanted
    return restore


def _patched(xml: bytes, wanted: dict[str, _Xml]) -> bytes | None:
    """The sheet with each wanted formula cell's result put back, or None if none was found."""
    tree = etree.fromstring(xml, parser()).getroottree()
    changed = False
    for formula in tree.iter(_FORMULA):  # fewer than the cells, and only those can match
        cell = formula.getparent()
        found = wanted.get(cell.get("r"))
        if found is None:
            continue
        kind, text = found
        value = cell.find(_VALUE)
        if value is None:  # <v> follows <f> in the schema's order
            value = etree.Element(_VALUE)
            formula.addnext(value)
        value.text = text
        if kind is None:
            cell.attrib.pop("t", None)
        else:
            cell.set("t", kind)
        changed = True
    if not changed:
        return None
    return serialised(tree)


def write_cached_values(xlsx: Path, book: Workbook, cached: CachedValues) -> None:
    """Puts remembered formula results back into `xlsx`, just saved from `book` by openpyxl.

    Every other zip member is copied unchanged, in order, as compressed (addin.zip_members). A
    workbook with nothing to restore is not rewritten at all.
    """
    restore = _still_formulas(book, cached)
    if not restore:
        return
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{xlsx.stem}-", suffix=xlsx.suffix, dir=xlsx.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        with zipfile.ZipFile(xlsx) as archive:
            replaced = _patched_sheets(archive, restore)
            if replaced:
                copy_replacing(archive, temp, replaced)
        if replaced:  # only now that `xlsx` is closed: Windows cannot replace an open file
            temp.chmod(xlsx.stat().st_mode & 0o777)
            os.replace(temp, xlsx)
    finally:
        temp.unlink(missing_ok=True)


def _patched_sheets(
    archive: zipfile.ZipFile, restore: dict[str, dict[str, _Xml]]
) -> dict[str, Member]:
    parts = sheet_parts(archive)
    replaced = {}
    for title, wanted in restore.items():
        part = parts.get(title)
        if part is not None and (xml := _patched(archive.read(part), wanted)) is not None:
            replaced[part] = deflate(part, xml)
    return replaced
