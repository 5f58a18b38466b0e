"""Build ccin-dps.xlam on any OS, reproducibly, from the xlwings ribbon add-in template.

The template is the `quickstart_addin_ribbon.xlam` shipped inside the installed xlwings
package (read at build time, never copied into this repository). From it we:

* replace customUI/customUI.xml with addin/excel/ribbon/customUI.xml;
* rename the VBA module RibbonMyAddin to CcinDpsRibbon and replace its code (the quickstart's
  sample RunMain) with addin/excel/ribbon/CcinDpsRibbon.bas, as source only;
* drop the folder the template was last saved in (its author's) from xl/workbook.xml;
* point the embedded xlwings module's PROJECT_NAME at "ccin-dps", so its settings live in
  ccin-dps.conf rather than the quickstart's shared myaddin.conf, and name the VBA project
  CcinDps (the xlwings "Renaming your add-in" steps, done without Excel);
* write the zip with fixed timestamps and member order, to a temp file then os.replace, so two
  builds are byte-identical and a failed build never leaves a half-written add-in.
"""

from __future__ import annotations

import importlib.util
import os
import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from importlib import resources
from pathlib import Path

from addin.excel.cfb import CompoundFileError, read_compound_file, write_compound_file
from addin.excel.vba_project import VbaProject, VbaProjectError

ADDIN_FILENAME = "ccin-dps.xlam"
TEMPLATE_FILENAME = "quickstart_addin_ribbon.xlam"
TEMPLATE_MODULE = "RibbonMyAddin"
RIBBON_MODULE = "CcinDpsRibbon"
CALLBACK = f"{RIBBON_MODULE}.OnButton"
VBA_PROJECT_NAME = "CcinDps"
CONFIG_NAME = "ccin-dps"  # xlwings PROJECT_NAME: ccin-dps.conf file and sheet names
CUSTOM_UI = "customUI/customUI.xml"
VBA_PART = "xl/vbaProject.bin"
WORKBOOK_PART = "xl/workbook.xml"
CUSTOM_UI_NS = "http://schemas.microsoft.com/office/2006/01/customui"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


class AddinBuildError(RuntimeError):
    """The add-in cannot be built; the message says what to fix."""


def template_path() -> Path:
    """The ribbon add-in template inside the installed xlwings package."""
    spec = importlib.util.find_spec("xlwings")  # locates the package without importing it
    locations = (spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location) / TEMPLATE_FILENAME
        if candidate.is_file():
            return candidate
    raise AddinBuildError(
        f"xlwings' {TEMPLATE_FILENAME} was not found: install xlwings (pip install "
        "'xlwings>=0.33,<0.38') in this environment and run the build again"
    )


def _resource(name: str) -> bytes:
    return (resources.files("addin.excel") / "ribbon" / name).read_bytes()


def ribbon_xml() -> bytes:
    """Our customUI.xml, checked to parse and to call only the VBA callback."""
    data = _resource("customUI.xml")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise AddinBuildError(f"ribbon/customUI.xml is not well-formed XML: {exc}") from exc
    actions = {el.get("onAction") for el in root.iter() if el.get("onAction") is not None}
    if root.tag != f"{{{CUSTOM_UI_NS}}}customUI" or actions != {CALLBACK}:
        raise AddinBuildError(f"ribbon/customUI.xml must be 2006/01 customUI calling {CALLBACK}")
    return data


def ribbon_vba() -> str:
    """CcinDpsRibbon.bas with CRLF line ends, as the VBA editor stores module source."""
    try:  # ASCII reads the same in every project code page, Windows or Mac
        text = _resource(f"{RIBBON_MODULE}.bas").decode("ascii")
    except UnicodeDecodeError as exc:
        raise AddinBuildError(f"{RIBBON_MODULE}.bas must be plain ASCII: {exc}") from exc
    if not text.startswith(f'Attribute VB_Name = "{RIBBON_MODULE}"'):
        raise AddinBuildError(f"{RIBBON_MODULE}.bas must start with its VB_Name attribute")
    return "\r\n".join(text.replace("\r\n", "\n").rstrip("\n").split("\n")) + "\r\n"


def _named_config(xlwings_source: str) -> str:
    source, count = re.subn(
        r'(?m)^(Public Const PROJECT_NAME As String = )"[^"]*"',
        rf'\g<1>"{CONFIG_NAME}"',
        xlwings_source,
    )
    if count != 1:
        raise AddinBuildError("the template's xlwings module has no single PROJECT_NAME")
    return source


def build_vba_project(template_bin: bytes) -> bytes:
    """The template's vbaProject.bin with our ribbon module and names, source only."""
    try:
        root = read_compound_file(template_bin)
        project = VbaProject(root)
        project.rename_module(TEMPLATE_MODULE, RIBBON_MODULE)
        project.set_source(RIBBON_MODULE, ribbon_vba())
        project.set_source("xlwings", _named_config(project.source("xlwings")))
        project.rename_project(VBA_PROJECT_NAME)
        project.save()
        return write_compound_file(root)
    except (CompoundFileError, VbaProjectError, KeyError, UnicodeError) as exc:
        raise AddinBuildError(f"cannot rewrite the template's VBA project: {exc}") from exc


# Excel records the folder a workbook was last saved in (x15ac:absPath) inside an
# AlternateContent block; the template's names its author's own folder.
_ABS_PATH = re.compile(
    rb"<mc:AlternateContent\b(?:(?!</mc:AlternateContent>).)*?<x15ac:absPath\b"
    rb"(?:(?!</mc:AlternateContent>).)*?</mc:AlternateContent>",
    re.DOTALL,
)


def _workbook_xml(data: bytes) -> bytes:
    # The template's inactive settings sheet, renamed to match PROJECT_NAME (xlwings docs).
    old, new = b'name="_myaddin.conf"', f'name="_{CONFIG_NAME}.conf"'.encode()
    data = data.replace(old, new) if data.count(old) == 1 else data
    return _ABS_PATH.sub(b"", data)


def _members(template: Path) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(template) as zf:
            members = {info.filename: zf.read(info) for info in zf.infolist()}
    except (OSError, zipfile.BadZipFile) as exc:
        raise AddinBuildError(f"cannot read the xlwings template {template}: {exc}") from exc
    missing = {CUSTOM_UI, VBA_PART, WORKBOOK_PART} - members.keys()
    if missing:
        raise AddinBuildError(f"the xlwings template lacks {', '.join(sorted(missing))}")
    members[CUSTOM_UI] = ribbon_xml()
    members[VBA_PART] = build_vba_project(members[VBA_PART])
    members[WORKBOOK_PART] = _workbook_xml(members[WORKBOOK_PART])
    return members


def _write_zip(members: dict[str, bytes], output: Path) -> None:
    """Deterministic zip (fixed time, order, attributes), written atomically."""
    order = sorted(members, key=lambda name: (name != "[Content_Types].xml", name))
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w") as zf:
            for name in order:
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0  # MS-DOS, as Excel writes, whatever OS builds it
                info.external_attr = 0
                zf.writestr(info, members[name], compresslevel=9)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; an add-in is meant to be shared
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_addin(output: Path, template: Path | None = None) -> Path:
    """Write the add-in to output (a .xlam path, or a directory for ccin-dps.xlam)."""
    output = Path(output)
    if output.is_dir():
        output = output / ADDIN_FILENAME
    if output.suffix.lower() != ".xlam":
        raise AddinBuildError(f"{output} must end in .xlam: Excel loads add-ins by extension")
    output.parent.mkdir(parents=True, exist_ok=True)
    _write_zip(_members(template or template_path()), output)
    return output
