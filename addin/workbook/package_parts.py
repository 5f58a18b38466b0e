"""Finding parts in an .xlsx package: each sheet's XML, and the parts a part relates to."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
TABLE_TYPE = f"{REL}/table"
SHARED_STRINGS_TYPE = f"{REL}/sharedStrings"


def parser() -> etree.XMLParser:
    # Parts of a file the package check passed, or that openpyxl just wrote; still, never
    # expand entities or fetch anything.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def xml(archive: zipfile.ZipFile, part: str) -> etree._Element:
    return etree.fromstring(archive.read(part), parser())


def serialised(element: etree._Element) -> bytes:
    """A part's XML as Excel writes it: declared UTF-8 and standalone."""
    data: bytes = etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def rels_part(part: str) -> str:
    """Where `part`'s relationships are kept: xl/worksheets/_rels/sheet1.xml.rels."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def absolute(source: str, target: str) -> str:
    """A relationship's target as a part name, resolved against the part that holds it."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


@dataclass(frozen=True)
class Relation:
    id: str
    type: str
    target: str  # the part name (absolute), or the address as written if external
    external: bool


def relations(archive: zipfile.ZipFile, part: str) -> list[Relation]:
    """Every relationship of `part` (none if it has no .rels)."""
    where = rels_part(part)
    if where not in archive.NameToInfo:
        return []
    found = []
    for rel in xml(archive, where).iter(f"{{{PACKAGE_REL}}}Relationship"):
        external = rel.get("TargetMode") == "External"
        target = rel.get("Target", "")
        found.append(
            Relation(
                id=rel.get("Id", ""),
                type=rel.get("Type", ""),
                target=target if external else absolute(part, target),
                external=external,
            )
        )
    return found


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> its zip member, through the workbook and its relationships."""
    targets = {r.id: r.target for r in relations(archive, WORKBOOK) if not r.external}
    parts: dict[str, str] = {}
    for sheet in xml(archive, WORKBOOK).iter(f"{{{MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{REL}}}id", ""))
        if target:
            parts[sheet.get("name", "")] = target
    return parts
