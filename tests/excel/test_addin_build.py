"""Structural proof, without Excel, that ccin-dps.xlam is built right.

What Excel itself would do (compile the VBA, show the tab) cannot be checked on Linux; what can
be is checked here, mostly with readers that share no code with the writer: zipfile and
ElementTree for the package, olefile for the compound file, oletools for the VBA.
"""

from __future__ import annotations

import importlib.metadata
import io
import random
import re
import warnings
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import olefile
import pytest

from addin.excel import build_addin as build
from addin.excel.buttons import BUTTONS, GROUPS
from addin.excel.cfb import Entry, read_compound_file, write_compound_file
from addin.excel.vba_project import (
    MODULENAME,
    MODULEOFFSET,
    VbaProject,
    compress,
    decompress,
    parse_dir,
    serialize_dir,
)

with warnings.catch_warnings():
    # oletools 0.60 calls pyparsing's deprecated camelCase API when imported: not our code.
    warnings.simplefilter("ignore", DeprecationWarning)
    from oletools.olevba import VBA_Parser, decompress_stream

CUI = "{http://schemas.microsoft.com/office/2006/01/customui}"
PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
EXTENSIBILITY = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
RIBBON_DIR = Path(build.__file__).with_name("ribbon")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build.build_addin(tmp_path_factory.mktemp("addin") / "ccin-dps.xlam")


@pytest.fixture(scope="module")
def package(built: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(built) as zf:
        assert zf.testzip() is None
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.fixture(scope="module")
def vba_modules(built: Path) -> dict[str, str]:
    parser = VBA_Parser(str(built))
    try:
        return {name: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


@pytest.fixture(scope="module")
def template_bin() -> bytes:
    with zipfile.ZipFile(build.template_path()) as zf:
        return zf.read(build.VBA_PART)


def _ribbon(package: dict[str, bytes]) -> ET.Element:
    return ET.fromstring(package[build.CUSTOM_UI])


# --- the package ---------------------------------------------------------------------------


def test_content_types_keep_the_vba_project_and_the_addin_main_part(package):
    overrides = {
        el.get("PartName"): el.get("ContentType")
        for el in ET.fromstring(package["[Content_Types].xml"]).iter(f"{CONTENT_TYPES}Override")
    }
    assert overrides["/xl/vbaProject.bin"] == "application/vnd.ms-office.vbaProject"
    assert overrides["/xl/workbook.xml"] == "application/vnd.ms-excel.addin.macroEnabled.main+xml"


def test_package_rels_point_at_the_ribbon_with_the_2007_extensibility_type(package):
    rels = ET.fromstring(package["_rels/.rels"]).iter(f"{PKG_RELS}Relationship")
    targets = {el.get("Target"): el.get("Type") for el in rels}
    assert targets["customUI/customUI.xml"] == EXTENSIBILITY


def test_the_ribbon_in_the_addin_is_the_file_in_the_repo(package):
    assert package[build.CUSTOM_UI] == (RIBBON_DIR / "customUI.xml").read_bytes()


def test_workbook_settings_sheet_is_renamed_to_the_config_name(package):
    assert b'name="_ccin-dps.conf"' in package[build.WORKBOOK_PART]


# --- the ribbon matches the button registry ------------------------------------------------


def test_ribbon_has_one_ccin_dps_tab_with_three_groups(package):
    tabs = list(_ribbon(package).iter(f"{CUI}tab"))
    assert [(t.get("id"), t.get("label")) for t in tabs] == [("ccinDpsTab", "CCIN DPS")]
    groups = [g.get("label") for g in tabs[0].iter(f"{CUI}group")]
    assert groups == ["Competition", "Evaluation", "Outcome"] == [label for _, label in GROUPS]


def test_every_button_sits_in_its_registry_group(package):
    labels = dict(GROUPS)
    placed = [
        (button.get("id"), group.get("label"))
        for group in _ribbon(package).iter(f"{CUI}group")
        for button in group.iter(f"{CUI}button")
    ]
    assert placed == [(b.id, labels[b.group]) for b in BUTTONS]


def test_every_button_matches_the_registry_in_ribbon_order(package):
    found = list(_ribbon(package).iter(f"{CUI}button"))
    assert [b.get("id") for b in found] == [b.id for b in BUTTONS]
    for element, spec in zip(found, BUTTONS, strict=True):
        assert element.get("label") == spec.label
        assert element.get("imageMso") == spec.image_mso
        assert element.get("screentip") == spec.screentip
        assert element.get("supertip") == spec.supertip
        assert element.get("size") == "large"
        assert element.get("onAction") == build.CALLBACK


def test_registry_ids_are_the_agreed_ones_and_actions_share_their_names():
    assert [b.id for b in BUTTONS] == [
        "validate", "launch", "accept_late", "evaluators", "moderate", "score", "letters",
        "award", "report", "abandon",
    ]  # fmt: skip
    assert [b.label for b in BUTTONS] == [
        "Validate", "Launch", "Accept late bid", "Evaluator tabs", "Moderate", "Score",
        "Letters", "Award", "Report", "Abandon",
    ]  # fmt: skip
    assert all(b.action == b.id and b.image_mso for b in BUTTONS)


# --- the VBA, read back with oletools ------------------------------------------------------


def test_every_on_action_is_a_ribbon_callback_sub_in_the_built_vba(package, vba_modules):
    actions = {el.get("onAction") for el in _ribbon(package).iter() if el.get("onAction")}
    for action in actions:
        module, sub = action.split(".")
        code = vba_modules[f"{module}.bas"]
        assert re.search(
            rf"(?im)^\s*(Public\s+)?Sub\s+{sub}\s*\(\s*control\s+As\s+IRibbonControl\s*\)", code
        ), action


def test_ribbon_module_is_our_bas_file_exactly(vba_modules):
    expected = (RIBBON_DIR / "CcinDpsRibbon.bas").read_text().replace("\n", "\r\n")
    assert vba_modules["CcinDpsRibbon.bas"] == expected
    assert "on_button('\" & control.Id & \"')" in expected


def test_xlwings_module_is_kept_and_reads_ccin_dps_conf(vba_modules):
    xlwings = vba_modules["xlwings.bas"]
    assert re.search(r"(?im)^(Public\s+)?Function\s+RunPython\s*\(", xlwings)
    assert 'Public Const PROJECT_NAME As String = "ccin-dps"' in xlwings


def test_embedded_xlwings_vba_is_the_installed_xlwings_version(vba_modules):
    # On macOS RunPython calls xlwings-<this version>.applescript, which
    # `xlwings runpython install` must have put in place from the same xlwings release.
    version = importlib.metadata.version("xlwings")
    assert f'Public Const XLWINGS_VERSION As String = "{version}"' in vba_modules["xlwings.bas"]


def test_quickstart_sample_callback_is_gone(vba_modules):
    assert "RibbonMyAddin.bas" not in vba_modules
    assert not any(re.search(r"(?i)\bRunMain\b", code) for code in vba_modules.values())


def test_modules_we_wrote_are_source_only(package):
    project = VbaProject(read_compound_file(package[build.VBA_PART]))
    offsets = {}
    for i, record in enumerate(project.records):
        if record.id == MODULENAME:
            name = record.data.decode()
            offset = next(r for r in project.records[i:] if r.id == MODULEOFFSET)
            offsets[name] = int.from_bytes(offset.data, "little")
    assert offsets["CcinDpsRibbon"] == 0
    assert offsets["xlwings"] == 0
    vba_project = olefile.OleFileIO(io.BytesIO(package[build.VBA_PART]))
    # Version 0xFFFF and no PerformanceCache: Office compiles every module from source.
    assert vba_project.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("cc61ffff000100")


# --- the compound file, read back with olefile ---------------------------------------------


def test_rebuilt_vba_project_has_the_template_streams(package, template_bin):
    rebuilt = package[build.VBA_PART]
    assert olefile.isOleFile(io.BytesIO(rebuilt))
    old, new = olefile.OleFileIO(io.BytesIO(template_bin)), olefile.OleFileIO(io.BytesIO(rebuilt))
    renamed = [
        ["VBA", "CcinDpsRibbon"] if p == ["VBA", "RibbonMyAddin"] else p for p in old.listdir()
    ]
    assert sorted(new.listdir()) == sorted(renamed)
    for untouched in ("VBA/Dictionary", "VBA/Sheet2", "VBA/ThisWorkbook", "VBA/_VBA_PROJECT"):
        assert new.openstream(untouched).read() == old.openstream(untouched).read()
    project = new.openstream("PROJECT").read()
    assert b"Module=CcinDpsRibbon\r\n" in project and b'Name="CcinDps"' in project
    assert b"RibbonMyAddin" not in project + new.openstream("PROJECTwm").read()


def test_compound_file_round_trips_the_template_unchanged(template_bin):
    root = read_compound_file(template_bin)
    rewritten = olefile.OleFileIO(io.BytesIO(write_compound_file(root)))
    original = olefile.OleFileIO(io.BytesIO(template_bin))
    assert rewritten.listdir() == original.listdir()
    for path in original.listdir():
        assert rewritten.openstream(path).read() == original.openstream(path).read()


def _key(name: str) -> tuple[int, str]:
    return len(name), name.upper()  # MS-CFB order: length first, then case-insensitive


def _black_height(entries: list, sid: int, low: tuple | None, high: tuple | None) -> int:
    """Asserts one storage's directory subtree is a red-black search tree."""
    if sid == olefile.NOSTREAM:
        return 1
    node = entries[sid]
    assert (low is None or low < _key(node.name)) and (high is None or _key(node.name) < high)
    left = _black_height(entries, node.sid_left, low, _key(node.name))
    right = _black_height(entries, node.sid_right, _key(node.name), high)
    assert left == right
    if node.color == 0:  # red: both children black
        for child in (node.sid_left, node.sid_right):
            assert child == olefile.NOSTREAM or entries[child].color == 1
    return left + node.color


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 6, 7, 8, 12, 15, 16, 33])
def test_writer_makes_valid_red_black_trees_and_every_stream_reads_back(count):
    rng = random.Random(count)
    names = [f"S{i}{'x' * rng.randrange(8)}" for i in range(count)]
    streams = [
        Entry(n, rng.randbytes(rng.choice([1, 63, 64, 700, 4095, 4096, 9000]))) for n in names
    ]
    big = Entry("Big", rng.randbytes(70_000))  # > 128 sectors, so more than one FAT sector
    root = Entry("Root Entry", children=[Entry("Store", children=streams), big])
    ole = olefile.OleFileIO(io.BytesIO(write_compound_file(root)))
    for stream in [*streams, big]:
        path = stream.name if stream is big else f"Store/{stream.name}"
        assert ole.openstream(path).read() == stream.data
    store = next(e for e in ole.direntries if e is not None and e.name == "Store")
    assert ole.direntries[store.sid_child].color == 1  # root of each tree is black
    _black_height(ole.direntries, store.sid_child, None, None)


# --- MS-OVBA compression against oletools' decompressor ------------------------------------

_rng = random.Random(20240501)
COMPRESSION_CASES = {
    "empty": b"",
    "one byte": b"A",
    "short text": b'Attribute VB_Name = "CcinDpsRibbon"\r\nSub OnButton()\r\nEnd Sub\r\n',
    "repetitive over 4096": b"RunPython \"on_button('validate')\"\r\n" * 400,
    "one byte repeated": b"\x00" * 10_000,
    "random, raw chunks": _rng.randbytes(3 * 4096),
    "mixed": _rng.randbytes(3000) + b"abcabcabc" * 600 + _rng.randbytes(100),
}


@pytest.mark.parametrize("data", COMPRESSION_CASES.values(), ids=COMPRESSION_CASES.keys())
def test_compression_round_trips_through_oletools(data):
    compressed = compress(data)
    assert bytes(decompress_stream(bytearray(compressed))) == data
    assert decompress(compressed) == data


def test_compression_shrinks_source_text():
    text = (RIBBON_DIR / "CcinDpsRibbon.bas").read_bytes() * 5
    assert len(compress(text)) < len(text) // 2


def test_own_decompressor_agrees_with_oletools_on_the_template(template_bin):
    root = read_compound_file(template_bin)
    for name in ("dir", "xlwings"):
        stream = root.find("VBA", name).data or b""
        assert decompress(stream) == bytes(decompress_stream(bytearray(stream)))


def test_dir_stream_records_round_trip(template_bin):
    raw = decompress(read_compound_file(template_bin).find("VBA", "dir").data or b"")
    assert serialize_dir(parse_dir(raw)) == raw


# --- reproducible, atomic, clear failures --------------------------------------------------


def test_two_builds_are_byte_identical(built, tmp_path):
    again = build.build_addin(tmp_path / "again.xlam")
    assert again.read_bytes() == built.read_bytes()


def test_directory_output_gets_the_default_name(tmp_path):
    assert build.build_addin(tmp_path) == tmp_path / "ccin-dps.xlam"
    assert [p.name for p in tmp_path.iterdir()] == ["ccin-dps.xlam"]  # no temp file left


def test_missing_xlwings_template_raises_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(build.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(build.AddinBuildError, match=r"quickstart_addin_ribbon\.xlam"):
        build.build_addin(tmp_path / "ccin-dps.xlam")
    assert list(tmp_path.iterdir()) == []


def test_failed_build_leaves_the_previous_addin_alone(tmp_path):
    target = tmp_path / "ccin-dps.xlam"
    target.write_bytes(b"previous build")
    broken = tmp_path / "broken.xlam"
    broken.write_bytes(b"not a zip")
    with pytest.raises(build.AddinBuildError, match="cannot read"):
        build.build_addin(target, template=broken)
    assert target.read_bytes() == b"previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.xlam", "ccin-dps.xlam"]


def test_output_must_be_an_xlam(tmp_path):
    with pytest.raises(build.AddinBuildError, match=r"\.xlam"):
        build.build_addin(tmp_path / "ccin-dps.zip")


def test_the_template_author_s_folder_is_not_in_the_built_addin(package):
    workbook = package[build.WORKBOOK_PART]
    assert b"absPath" not in workbook and b"felix" not in workbook.lower()
    root = ET.fromstring(workbook)  # still well-formed, with its settings sheet
    assert [s.get("name") for s in root.iter(f"{{{MAIN}}}sheet")] == ["_ccin-dps.conf"]
