"""The add-in's icons in the project folder are the ones addin/server/icons.py draws."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from addin.excel.buttons import BUTTONS
from addin.server import icons


def read_png(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the decompressed pixel rows of a PNG written by icons.png."""
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    at, width, height, pixels = 8, 0, 0, b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
            assert body[8:10] == b"\x08\x06"  # 8-bit RGBA
        elif kind == b"IDAT":
            pixels += body
        at += 12 + length
    return width, height, zlib.decompress(pixels)


def test_every_icon_in_the_project_folder_is_what_the_module_draws() -> None:
    drawn = icons.icons()
    on_disk = {p.name for p in icons.FOLDER.glob("*.png")}
    assert on_disk == set(drawn), "run `make icons`"
    for name, raw in drawn.items():
        size = icons.size_of(name)
        assert read_png(icons.FOLDER / name) == (size, size, raw), name


def test_every_button_has_its_three_sizes_and_the_logo_its_four() -> None:
    names = set(icons.icons())
    for b in BUTTONS:
        assert {f"{b.id}-{s}.png" for s in (16, 32, 80)} <= names
    assert {f"logo-{s}.png" for s in (16, 32, 64, 80)} <= names


def test_the_favicon_is_the_logo() -> None:
    favicon = icons.FOLDER.parent / icons.FAVICON
    assert favicon.read_bytes() == (icons.FOLDER / "logo-32.png").read_bytes()


def test_an_icon_is_opaque_in_its_middle_and_clear_in_its_corner() -> None:
    width, _, raw = read_png(icons.FOLDER / "score-32.png")
    row = 1 + width * 4
    assert raw[1 + 3] == 0  # top-left pixel: outside the rounded square
    assert raw[16 * row + 1 + 16 * 4 + 3] == 255
