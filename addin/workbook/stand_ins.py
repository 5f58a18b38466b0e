"""Sheets a command does not change, loaded as empty stand-ins and put back byte for byte.

openpyxl has no partial load: it reads every cell of every sheet into objects and writes every
one back, which made `dps score` of 300 bids × 7 evaluators × 20 criteria take 25 s, nearly all
of it in the evaluators' tabs and the Moderation sheet that scoring only reads. So a command that
does not change a sheet opens a copy of the package in which that sheet is empty (same name, same
place, hidden or not), edits and saves with openpyxl as before, and then the original sheet XML
and its related parts (its tables) are put back in the stand-in's place.

This is exact, not approximate, because:
- cells name their style by index, and openpyxl keeps every cell format of the file, in order,
  appending any new one, so a put-back sheet's style indices mean what they meant;
- openpyxl writes text inline, never in a shared-strings part, so the file's own shared strings
  are put back unchanged for the sheets that use them;
- what the workbook says about each sheet (its name, place, visibility, print titles and print
  area) is in workbook.xml, which openpyxl writes from the stand-in as from the original;
- the formulas and the results Excel saved in a put-back sheet are its original XML, untouched;
- each related part put back gets a name, and each table an id, that nothing else has.
A sheet related to anything but tables and printer settings (a drawing, comments) is loaded in
full instead, as is every sheet when this module is not asked for.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Collection, Mapping
from pathlib import Path

from lxml import etree

from addin.workbook import package_parts as pp
from addin.zip_members import Member, copied, copy_replacing, deflate

_EMPTY_SHEET = f'<worksheet xmlns="{pp.MAIN}"><sheetData/></worksheet>'.encode()
_KEEPABLE = (pp.TABLE_TYPE, f"{pp.REL}/printerSettings")
_NUMBERED = re.compile(r"^(.*?)(\d*)(\.[^.]*)$")


def standable(source: Path, changed: Collection[str]) -> dict[str, str]:
    """Every sheet but the `changed` ones that can stand in, each with its part.

    A sheet not yet set up for printing (one the ribbon added) is loaded, so the save lays it
    out (addin.workbook.print_setup).
    """
    with zipfile.ZipFile(source) as archive:
        return {
            title: part
            for title, part in pp.sheet_parts(archive).items()
            if title not in changed
            and all(r.external or r.type in _KEEPABLE for r in pp.relations(archive, part))
            and b"paperSize=" in archive.read(part)
        }


def package_with_stand_ins(source: Path, parts: Mapping[str, str]) -> io.BytesIO:
    """The package with each of `parts` (title -> sheet part) an empty sheet without relations.

    Kept in memory and never saved, so stored uncompressed: the copy costs little.
    """
    emptied = set(parts.values())
    dropped = {pp.rels_part(part) for part in emptied}
    reduced = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(reduced, "w") as out:
        for info in archive.infolist():
            if info.filename in dropped:
                continue
            data = _EMPTY_SHEET if info.filename in emptied else archive.read(info)
            out.writestr(info.filename, data)
    reduced.seek(0)
    return reduced


def _deflated(name: str, element: etree._Element) -> Member:
    """A part made here, ready to write."""
    return deflate(name, pp.serialised(element))


def put_back(saved: Path, source: Path, titles: Collection[str]) -> None:
    """Puts the original sheets of `titles` from `source` into `saved`, just written by openpyxl
    from the package with stand-ins, replacing `saved` (a temporary file) in place.

    Nothing is compressed twice: every part openpyxl wrote and every part put back unchanged is
    copied as its zip stores it (addin.zip_members); only the parts made here are deflated.
    """
    if not titles:
        return
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(saved) as written:
        restored = _Restoration(original, written)
        for title in titles:
            restored.sheet(title)
        restored.shared_strings()
        parts = restored.finish()
        data = io.BytesIO()
        replaced = {name: parts.pop(name) for name in written.NameToInfo if name in parts}
        copy_replacing(written, data, replaced, parts.values())
    saved.write_bytes(data.getvalue())


class _Restoration:
    """The parts to write over, or add to, the saved package."""

    def __init__(self, original: zipfile.ZipFile, written: zipfile.ZipFile) -> None:
        self.original, self.written = original, written
        self.old_parts, self.new_parts = pp.sheet_parts(original), pp.sheet_parts(written)
        self.parts: dict[str, Member] = {}  # by part name in the saved package
        self.restored: list[str] = []  # the put-back sheets' parts in `original`
        self.content_types: dict[str, str] = {}  # added part -> its content type
        self.taken = set(written.namelist())
        self.table_id = _highest_table_id(written)

    def sheet(self, title: str) -> None:
        old, new = self.old_parts[title], self.new_parts[title]
        self.parts[new] = copied(self.original, self.original.getinfo(old), new)
        self.restored.append(old)
        relations = pp.relations(self.original, old)
        if not relations:
            return
        root = etree.Element(f"{{{pp.PACKAGE_REL}}}Relationships", nsmap={None: pp.PACKAGE_REL})
        for relation in relations:
            attributes = {"Id": relation.id, "Type": relation.type}
            if relation.external:
                attributes |= {"Target": relation.target, "TargetMode": "External"}
            else:
                attributes["Target"] = "/" + self._copy(relation)
            etree.SubElement(root, f"{{{pp.PACKAGE_REL}}}Relationship", attributes)
        rels = pp.rels_part(new)
        self.parts[rels] = _deflated(rels, root)

    def _copy(self, relation: pp.Relation) -> str:
        """Copies a related part under a name not taken; a table also gets an id of its own."""
        name = self._free_name(relation.target)
        if relation.type == pp.TABLE_TYPE:
            table = pp.xml(self.original, relation.target)
            self.table_id += 1
            table.set("id", str(self.table_id))
            self.parts[name] = _deflated(name, table)
        else:
            self.parts[name] = copied(self.original, self.original.getinfo(relation.target), name)
        self.content_types[name] = _content_type(self.original, relation.target)
        return name

    def _free_name(self, part: str) -> str:
        folder, file = posixpath.split(part)
        match = _NUMBERED.match(file)
        stem, suffix = (match.group(1), match.group(3)) if match else (file, "")
        n = 1
        while (name := posixpath.join(folder, f"{stem}{n}{suffix}")) in self.taken:
            n += 1
        self.taken.add(name)
        return name

    def shared_strings(self) -> None:
        """The file's shared strings, back for the put-back sheets that use them."""
        source = next(
            (
                r.target
                for r in pp.relations(self.original, pp.WORKBOOK)
                if r.type == pp.SHARED_STRINGS_TYPE
            ),
            None,
        )
        # A file without shared strings has no sheet using them (nor would it open in Excel).
        if source is None or not any(_uses_shared_strings(self.original, p) for p in self.restored):
            return
        workbook_relations = pp.relations(self.written, pp.WORKBOOK)
        if any(r.type == pp.SHARED_STRINGS_TYPE for r in workbook_relations):
            # A future openpyxl writing shared strings would renumber them: never guess.
            raise RuntimeError("openpyxl wrote shared strings; the sheets cannot be put back")
        name = self._free_name("xl/sharedStrings.xml")
        self.parts[name] = copied(self.original, self.original.getinfo(source), name)
        self.content_types[name] = _content_type(self.original, source)
        rels = pp.xml(self.written, pp.WORKBOOK_RELS)
        taken_ids = {r.get("Id") for r in rels}
        rel_id = next(f"rId{n}" for n in range(1, len(taken_ids) + 2) if f"rId{n}" not in taken_ids)
        etree.SubElement(
            rels,
            f"{{{pp.PACKAGE_REL}}}Relationship",
            {"Id": rel_id, "Type": pp.SHARED_STRINGS_TYPE, "Target": "/" + name},
        )
        self.parts[pp.WORKBOOK_RELS] = _deflated(pp.WORKBOOK_RELS, rels)

    def finish(self) -> dict[str, Member]:
        """Every part to write, with [Content_Types].xml naming the added ones."""
        if self.content_types:
            types = pp.xml(self.written, pp.CONTENT_TYPES)
            for name, content_type in self.content_types.items():
                etree.SubElement(
                    types,
                    f"{{{pp.CONTENT_TYPES_NS}}}Override",
                    {"PartName": "/" + name, "ContentType": content_type},
                )
            self.parts[pp.CONTENT_TYPES] = _deflated(pp.CONTENT_TYPES, types)
        return self.parts


def _uses_shared_strings(archive: zipfile.ZipFile, part: str) -> bool:
    """Conservative: any t="s" at all (a cell of shared text) brings the strings back. Read in
    pieces, stopping at the first: Excel's sheets have one in their first row of text."""
    wanted = b't="s"'
    with archive.open(part) as stream:
        tail = b""
        while piece := stream.read(1 << 16):
            if wanted in tail + piece:
                return True
            tail = piece[1 - len(wanted) :]
    return False


def _highest_table_id(archive: zipfile.ZipFile) -> int:
    ids = [0]
    for name in archive.namelist():
        if name.startswith("xl/tables/") and name.endswith(".xml"):
            ids.append(int(pp.xml(archive, name).get("id", "0")))
    return max(ids)


def _content_type(archive: zipfile.ZipFile, part: str) -> str:
    types = pp.xml(archive, pp.CONTENT_TYPES)
    for override in types.iter(f"{{{pp.CONTENT_TYPES_NS}}}Override"):
        if override.get("PartName", "").lstrip("/") == part:
            return str(override.get("ContentType", ""))
    extension = posixpath.splitext(part)[1].lstrip(".").casefold()
    for default in types.iter(f"{{{pp.CONTENT_TYPES_NS}}}Default"):
        if default.get("Extension", "").casefold() == extension:
            return str(default.get("ContentType", ""))
    return "application/xml"
