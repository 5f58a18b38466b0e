"""One template opened once and filled for letter after letter, each letter exactly as a fresh
DocxTemplate would make it.

docxtpl re-reads the whole .docx for every letter it renders and python-docx re-writes and
re-compresses every part on save, though a letter changes only a few: the body, headers, footers,
the document properties and footnotes. Opening and saving the parts no letter changes (the
styles are most of a template) was three quarters of a letter's cost. Here they are read once, and
compressed once (addin.zip_members); after each letter the parts docxtpl replaced are
put back, so the next letter starts from the template again. A test holds every part of every
letter byte-for-byte equal to a fresh DocxTemplate's.

Whatever this cannot put back it does not reuse: a template without document properties (docxtpl
would add them) is filled the ordinary way. A letter whose package came out with other parts
than the template's (an image or part replaced, a part added) is never written: `restore` would
not undo it, and it would reach every later letter.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

from docx.opc.constants import CONTENT_TYPE
from docx.opc.part import Part, XmlPart
from docxtpl import DocxTemplate

from addin.zip_members import Member, deflate, write_zip


class PatchedOnce(DocxTemplate):  # type: ignore[misc]
    """docxtpl's clean-up of the XML into Jinja source (a dozen regular expressions over each
    part), done once per distinct part and shared by every letter from the same template."""

    def __init__(self, data: bytes, patched: dict[str, str]) -> None:
        super().__init__(io.BytesIO(data))
        self._patched = patched

    def patch_xml(self, src_xml: str) -> str:
        if src_xml not in self._patched:
            self._patched[src_xml] = super().patch_xml(src_xml)
        return self._patched[src_xml]


def _parts(tpl: DocxTemplate) -> dict[str, Part]:
    return {part.partname.membername: part for part in tpl.docx.part.package.iter_parts()}


def _core_properties(parts: dict[str, Part]) -> XmlPart | None:
    return next(
        (
            p
            for p in parts.values()
            if isinstance(p, XmlPart) and p.content_type == CONTENT_TYPE.OPC_CORE_PROPERTIES
        ),
        None,
    )


def _template_members(tpl: DocxTemplate, changing: set[str]) -> list[tuple[str, Member | None]]:
    """Every member of the template as python-docx saves it, in its order, deflated; None for
    those each letter changes (made at each save)."""
    saved = io.BytesIO()
    tpl.docx.save(saved)
    with zipfile.ZipFile(saved) as package:
        return [
            (name, None if name in changing else deflate(name, package.read(name)))
            for name in package.namelist()
        ]


class ReusedDocument(PatchedOnce):
    """A DocxTemplate rendered again and again: `render`, `save`, then `restore` after each."""

    @classmethod
    def of(cls, data: bytes, patched: dict[str, str]) -> ReusedDocument | None:
        """None for a template this cannot put back as it was (no document properties)."""
        document = cls(data, patched)
        document.init_docx()
        parts = _parts(document)
        core = _core_properties(parts)
        if core is None:
            return None
        document._remember(parts, core)
        return document

    def _remember(self, parts: dict[str, Part], core: XmlPart) -> None:
        """What `restore` puts back, and the members every letter shares."""
        self._body: str = super().get_xml()
        self._targets = {
            rel: rel._target
            for rel in self.docx.part.rels.values()
            if rel.reltype in (self.HEADER_URI, self.FOOTER_URI)
        }
        self._core, self._core_element = core, copy.deepcopy(core._element)
        self._blobs = {
            p: p._blob for p in parts.values() if p.content_type == CONTENT_TYPE.WML_FOOTNOTES
        }
        # The parts docxtpl writes anew for each letter; every other member is the template's.
        changing = [self.docx.part, *self._targets.values(), self._core, *self._blobs]
        self._names = set(parts)
        self._members = _template_members(self, {p.partname.membername for p in changing})

    def init_docx(self, reload: bool = True) -> None:
        if self.docx is None:  # never re-read: `restore` puts the template back instead
            super().init_docx(reload)

    def get_xml(self) -> str:
        return self._body  # the template's body, whatever the last letter replaced it with

    def save(self, filename: Any, *args: Any, **kwargs: Any) -> None:
        live = _parts(self)
        replacing = self.pics_to_replace or self.crc_to_new_media or self.crc_to_new_embedded
        if replacing or self.zipname_to_replace or set(live) != self._names:
            # Letters fill text only; a part added or replaced would not be undone by `restore`
            # and would reach every later letter, so never write one.
            raise RuntimeError("a letter changed the template's parts; it cannot be reused")
        members = [member or deflate(name, live[name].blob) for name, member in self._members]
        write_zip(Path(filename), members)
        self.is_saved = True

    def restore(self) -> None:
        """Puts back what rendering replaced, so the next letter starts from the template."""
        for rel, target in self._targets.items():
            rel._target = target
        self._core._element = copy.deepcopy(self._core_element)
        for part, blob in self._blobs.items():
            part._blob = blob
        self.is_rendered = False
