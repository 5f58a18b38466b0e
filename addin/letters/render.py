"""Fills a Word letter template with LetterContexts (PDFs are made in pdf.py).

Templates are files officers edit, and the values come from bidders (a supplier may well be
called `Smith & Sons <Consulting>`), so rendering is defensive: values are XML-escaped, the
Jinja environment is sandboxed, and a tag that names no letter field stops the run with the
template and the field named, instead of leaving a blank in a legal notice.
"""

from __future__ import annotations

import os
import re
import uuid
import zipfile
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import (
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
)
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel

from addin.errors import DpsError
from addin.letters.context import (
    AwardCriterion,
    CriterionRow,
    LetterContext,
    LetterHead,
    letter_fields,
)
from addin.letters.reused_document import PatchedOnce, ReusedDocument

_FIELD_HINT = (
    "Correct the tag in Word: field names are lower case with underscores, and the README lists "
    "them all. Keep each tag's text in one style (Word splits differently styled text)."
)


class LetterTemplateError(DpsError):
    """A template uses a name that is not a letter field (a typo, or a field not yet provided)."""

    def __init__(self, template: Path, field: str) -> None:
        super().__init__(
            f"{template.name}: the tag '{field}' is not a letter field ({template})", _FIELD_HINT
        )
        self.template = template
        self.field = field


class LetterTemplateInvalid(DpsError):
    """A template cannot be used at all: not a .docx, a broken tag, or a forbidden construct."""

    def __init__(self, template: Path, detail: str) -> None:
        super().__init__(f"{template.name}: {detail} ({template})", _FIELD_HINT)
        self.template = template
        self.detail = detail


class LetterFileBusy(DpsError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path}: cannot be replaced (open in Word, or read-only)",
            "Close the letter in Word and run the command again.",
        )
        self.path = path


def write_atomically(out: Path, save: Callable[[Path], object]) -> Path:
    """Calls `save(temp)` for a temporary file in `out`'s folder, then renames it over `out`.

    A rename within one folder is atomic: a crash never leaves half a letter that looks sent.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    # A fresh name, created by `save` itself: mkstemp would leave the letter readable by its
    # owner only (0600), which a shared letters folder does not want.
    temp = out.with_name(f".{out.stem}-{uuid.uuid4().hex}{out.suffix}")
    try:
        save(temp)
        os.replace(temp, out)
    except PermissionError as exc:
        raise LetterFileBusy(out) from exc
    finally:
        temp.unlink(missing_ok=True)
    return out


def _blank_none(value: Any) -> Any:
    # An unranked bid's rank is None: print nothing rather than the word "None".
    return "" if value is None else value


class _CompiledOnce(SandboxedEnvironment):
    """Compiles each distinct source once: docxtpl asks for every part of every letter, and
    compiling is most of a letter's cost, while a template's parts are the same each time."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, Template] = {}

    def from_string(
        self,
        source: str | nodes.Template,
        globals: MutableMapping[str, Any] | None = None,
        template_class: type[Template] | None = None,
    ) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


def _environment() -> SandboxedEnvironment:
    # Sandboxed: a template is an editable file and must not reach Python internals.
    # StrictUndefined: a misspelt tag fails loudly instead of printing nothing.
    # autoescape: values become XML text, so `&`, `<` and quotes cannot break the document.
    return _CompiledOnce(undefined=StrictUndefined, autoescape=True, finalize=_blank_none)


def _read(template: Path) -> bytes:
    """The template file's bytes: read once per run, however many letters it fills."""
    try:
        return template.read_bytes()
    except OSError as exc:
        detail = f"cannot be opened as a Word .docx file ({exc})"
        raise LetterTemplateInvalid(template, detail) from exc


def _document(template: Path, data: bytes, patched: dict[str, str] | None = None) -> DocxTemplate:
    """A fresh DocxTemplate from the template's bytes (rendering changes it: one per letter)."""
    tpl = PatchedOnce(data, {} if patched is None else patched)
    try:
        tpl.init_docx()
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        detail = f"cannot be opened as a Word .docx file ({exc})"
        raise LetterTemplateInvalid(template, detail) from exc
    return tpl


def _open(template: Path) -> DocxTemplate:
    return _document(template, _read(template))


def _source(tpl: DocxTemplate) -> str:
    """The Jinja source docxtpl makes of the body, headers and footers (as it renders them)."""
    parts = [tpl.get_xml()]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        parts += [tpl.get_part_xml(part) for _, part in tpl.get_headers_footers(uri)]
    return "".join(tpl.patch_xml(xml) for xml in parts)


def _parse(template: Path, source: str) -> nodes.Template:
    try:
        return _environment().parse(source)
    except TemplateSyntaxError as exc:
        raise LetterTemplateInvalid(template, f"a tag is broken: {exc.message}") from exc


def _fields(template: Path, tpl: DocxTemplate) -> set[str]:
    try:
        return set(tpl.get_undeclared_template_variables(jinja_env=_environment()))
    except TemplateSyntaxError as exc:
        raise LetterTemplateInvalid(template, f"a tag is broken: {exc.message}") from exc


def template_fields(template: Path) -> set[str]:
    """Every top-level name a template uses (docxtpl's own analysis, headers included)."""
    return _fields(template, _open(template))


# The lists a template may loop over, and the fields of each item.
LOOPS: dict[str, type[BaseModel]] = {"criteria": CriterionRow, "award_criteria": AwardCriterion}


def _loop_fields(parsed: nodes.Template, items: str) -> set[str]:
    found: set[str] = set()
    for loop in parsed.find_all(nodes.For):
        if not (isinstance(loop.iter, nodes.Name) and loop.iter.name == items):
            continue
        if not isinstance(loop.target, nodes.Name):
            continue
        for node in loop.find_all(nodes.Getattr):
            if isinstance(node.node, nodes.Name) and node.node.name == loop.target.name:
                found.add(node.attr)
    return found


def loop_item_fields(template: Path, items: str = "criteria") -> set[str]:
    """Names used on the loop variable of every `for … in <items>` loop (`row.weight`)."""
    return _loop_fields(_parse(template, _source(_open(template))), items)


def criteria_row_fields(template: Path) -> set[str]:
    return loop_item_fields(template, "criteria")


def _check(template: Path, data: bytes, model: type[LetterHead]) -> None:
    tpl = _document(template, data)
    unknown = sorted(_fields(template, tpl) - letter_fields(model))
    parsed = _parse(template, _source(tpl))
    for items, item in LOOPS.items():
        unknown += sorted(
            f"row.{name}" for name in _loop_fields(parsed, items) - set(item.model_fields)
        )
    if unknown:
        raise LetterTemplateError(template, unknown[0])


def check_template(template: Path, model: type[LetterHead] = LetterContext) -> None:
    """Raises LetterTemplateError for the first tag that is not a field of `model` or a row."""
    _check(template, _read(template), model)


def _undefined_name(exc: UndefinedError) -> str | None:
    match = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", exc.message or "")
    return next((g for g in match.groups() if g), None) if match else None


class PreparedTemplate:
    """A template read and checked once, then filled for any number of letters."""

    def __init__(self, template: Path, model: type[LetterHead]) -> None:
        self.template = template
        self._data = _read(template)
        _check(template, self._data, model)
        self._environment = _environment()
        self._patched: dict[str, str] = {}
        self._reused = ReusedDocument.of(self._data, self._patched)

    def render(self, context: LetterHead, out: Path) -> Path:
        """Writes `out`: the template filled with `context`. Never leaves a partial file."""
        if self._reused is None:
            return self._fill(_document(self.template, self._data, self._patched), context, out)
        try:
            return self._fill(self._reused, context, out)
        finally:
            self._reused.restore()

    def _fill(self, tpl: DocxTemplate, context: LetterHead, out: Path) -> Path:
        template = self.template
        try:
            # Rows go in as plain dicts: templates see data, never the models' methods (and the
            # static check refuses `row.keys`-style names that would reach dict methods).
            tpl.render(context.model_dump(), jinja_env=self._environment, autoescape=True)
        except UndefinedError as exc:
            # The static check covers `row.x` in loops; this catches any other way of naming a
            # field. No name in the message means the sandbox refused something (`x.__class__`).
            if field := _undefined_name(exc):
                raise LetterTemplateError(template, field) from exc
            raise LetterTemplateInvalid(template, f"a tag cannot be used: {exc.message}") from exc
        except TemplateError as exc:
            raise LetterTemplateInvalid(template, f"a tag cannot be used: {exc}") from exc
        return write_atomically(out, tpl.save)


class LetterRenderer:
    """One run's letters: each template is read and checked on first use, then reused."""

    def __init__(self) -> None:
        self._prepared: dict[tuple[Path, type[LetterHead]], PreparedTemplate] = {}

    def render(self, template: Path, context: LetterHead, out: Path) -> Path:
        key = (template, type(context))
        if key not in self._prepared:
            self._prepared[key] = PreparedTemplate(template, type(context))
        return self._prepared[key].render(context, out)


def render_letter(template: Path, context: LetterHead, out: Path) -> Path:
    """Writes `out`: `template` filled with `context` (one letter; runs use LetterRenderer)."""
    return PreparedTemplate(template, type(context)).render(context, out)
