"""The add-in's icons, drawn by code: one PNG per button and size, plus the add-in's own logo.

Office.js ribbons need a 16, 32 and 80 pixel image for every button, served by the add-in's own
server (the .xlam uses Excel's built-in imageMso icons instead). Each icon is a rounded square in
its ribbon group's colour with a white glyph made of strokes and boxes, rendered with one-pixel
anti-aliasing from signed distances and written as RGBA PNG with the standard library only.

Run `python -m addin.server.icons` (`make icons`) after changing a glyph; a test proves the files
in project/static/images/ccin-dps are what this module draws.
"""

from __future__ import annotations

import itertools
import math
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

Point = tuple[float, float]
Shape = Callable[[float, float], float]  # signed distance (in icon units) at a point

FOLDER = Path(__file__).with_name("project") / "static" / "images" / "ccin-dps"
BUTTON_SIZES = (16, 32, 80)
LOGO_SIZES = (16, 32, 64, 80)
COLOURS = {  # ribbon group -> background (dark enough for white strokes)
    "competition": (0x1F, 0x4E, 0x8C),
    "evaluation": (0x2E, 0x6B, 0x30),
    "outcome": (0x7A, 0x2E, 0x6E),
    "logo": (0x1B, 0x3A, 0x5C),
}


def segment(a: Point, b: Point) -> Shape:
    def distance(x: float, y: float) -> float:
        (ax, ay), (bx, by) = a, b
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        return math.hypot(x - ax - t * dx, y - ay - t * dy)

    return distance


def polyline(*points: Point) -> list[Shape]:
    return [segment(a, b) for a, b in itertools.pairwise(points)]


def outline(x0: float, y0: float, x1: float, y1: float) -> list[Shape]:
    return polyline((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))


def box(x0: float, y0: float, x1: float, y1: float) -> Shape:
    """A filled box: negative inside (so it needs no stroke width)."""

    def distance(x: float, y: float) -> float:
        cx, cy, hx, hy = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
        qx, qy = abs(x - cx) - hx, abs(y - cy) - hy
        return math.hypot(max(qx, 0.0), max(qy, 0.0)) + min(max(qx, qy), 0.0)

    return distance


def arc(centre: Point, radius: float, start: float, end: float, steps: int = 12) -> list[Shape]:
    points = [
        (
            centre[0] + radius * math.cos(start + (end - start) * i / steps),
            centre[1] + radius * math.sin(start + (end - start) * i / steps),
        )
        for i in range(steps + 1)
    ]
    return polyline(*points)


# Strokes (segments) get a width when drawn; boxes are filled as they are.
GLYPHS: dict[str, tuple[list[Shape], list[Shape]]] = {
    "validate": (polyline((0.27, 0.52), (0.44, 0.69), (0.75, 0.33)), []),
    "launch": (
        arc((0.5, 0.47), 0.15, math.pi, 2 * math.pi)
        + polyline((0.35, 0.47), (0.35, 0.52))
        + polyline((0.65, 0.47), (0.65, 0.52)),
        [box(0.27, 0.5, 0.73, 0.78)],
    ),
    # A clock with a tick: a bid after the closing time, let in by a recorded decision.
    "accept_late": (
        arc((0.42, 0.44), 0.22, 0, 2 * math.pi, 24)
        + polyline((0.42, 0.3), (0.42, 0.44), (0.52, 0.5))
        + polyline((0.6, 0.72), (0.68, 0.8), (0.84, 0.6)),
        [],
    ),
    "evaluators": (
        outline(0.24, 0.2, 0.58, 0.8)
        + polyline((0.32, 0.38), (0.5, 0.38))
        + polyline((0.32, 0.52), (0.5, 0.52))
        + polyline((0.72, 0.5), (0.72, 0.8))
        + polyline((0.57, 0.65), (0.87, 0.65)),
        [],
    ),
    "moderate": (
        polyline((0.5, 0.22), (0.5, 0.76))
        + polyline((0.22, 0.32), (0.78, 0.32))
        + polyline((0.22, 0.32), (0.13, 0.55), (0.31, 0.55), (0.22, 0.32))
        + polyline((0.78, 0.32), (0.69, 0.55), (0.87, 0.55), (0.78, 0.32))
        + polyline((0.34, 0.78), (0.66, 0.78)),
        [],
    ),
    "score": (polyline((0.7, 0.24), (0.3, 0.24), (0.53, 0.5), (0.3, 0.76), (0.7, 0.76)), []),
    "letters": (
        outline(0.18, 0.28, 0.82, 0.72) + polyline((0.18, 0.28), (0.5, 0.53), (0.82, 0.28)),
        [],
    ),
    "report": (
        outline(0.27, 0.18, 0.73, 0.82)
        + polyline((0.36, 0.36), (0.64, 0.36))
        + polyline((0.36, 0.5), (0.64, 0.5))
        + polyline((0.36, 0.64), (0.56, 0.64)),
        [],
    ),
    # A rosette: the contract awarded.
    "award": (
        arc((0.5, 0.4), 0.2, 0, 2 * math.pi, 24)
        + polyline((0.38, 0.56), (0.3, 0.84), (0.42, 0.76))
        + polyline((0.62, 0.56), (0.7, 0.84), (0.58, 0.76)),
        [],
    ),
    # A struck-through circle: no award.
    "abandon": (
        arc((0.5, 0.5), 0.27, 0, 2 * math.pi, 24) + polyline((0.31, 0.69), (0.69, 0.31)),
        [],
    ),
    "pane": (
        polyline((0.4, 0.32), (0.78, 0.32))
        + polyline((0.4, 0.5), (0.78, 0.5))
        + polyline((0.4, 0.68), (0.78, 0.68)),
        [box(0.2, 0.27, 0.29, 0.37), box(0.2, 0.45, 0.29, 0.55), box(0.2, 0.63, 0.29, 0.73)],
    ),
    # The logo: a podium, for the ranking a mini-competition ends in.
    "logo": (
        [],
        [box(0.16, 0.5, 0.38, 0.8), box(0.39, 0.26, 0.61, 0.8), box(0.62, 0.6, 0.84, 0.8)],
    ),
}


def _background(x: float, y: float) -> float:
    """A rounded square filling the icon, corner radius 0.2."""
    qx, qy = abs(x - 0.5) - 0.3, abs(y - 0.5) - 0.3
    return math.hypot(max(qx, 0.0), max(qy, 0.0)) + min(max(qx, qy), 0.0) - 0.2


def _coverage(distance_in_pixels: float) -> float:
    return max(0.0, min(1.0, 0.5 - distance_in_pixels))


def render(name: str, colour: tuple[int, int, int], size: int) -> bytes:
    """The icon's pixels: `size` rows of RGBA, each row preceded by PNG filter byte 0."""
    strokes, boxes = GLYPHS[name]
    half_width = max(0.045, 0.75 / size)  # strokes at least 1.5 px wide at 16 px
    rows = bytearray()
    for row in range(size):
        rows.append(0)
        for column in range(size):
            x, y = (column + 0.5) / size, (row + 0.5) / size
            alpha = _coverage(_background(x, y) * size)
            distances = [s(x, y) - half_width for s in strokes] + [b(x, y) for b in boxes]
            ink = _coverage(min(distances) * size) if distances else 0.0
            r, g, b = (round(c + (255 - c) * ink) for c in colour)
            rows += bytes((r, g, b, round(255 * alpha)))
    return bytes(rows)


def png(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def icons() -> dict[str, bytes]:
    """Every icon file the add-in serves, by file name, as raw pixel rows (see `render`)."""
    from addin.excel.buttons import BUTTONS

    out = {}
    for button in BUTTONS:
        for size in BUTTON_SIZES:
            out[f"{button.id}-{size}.png"] = render(button.id, COLOURS[button.group], size)
    for size in BUTTON_SIZES:
        out[f"pane-{size}.png"] = render("pane", COLOURS["logo"], size)
    for size in LOGO_SIZES:
        out[f"logo-{size}.png"] = render("logo", COLOURS["logo"], size)
    return out


def size_of(name: str) -> int:
    return int(name.rsplit("-", 1)[1].removesuffix(".png"))


FAVICON = "favicon.png"  # the logo at 32 px, one folder up: xlwings Server serves it as is


def write_icons(folder: Path = FOLDER) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, raw in icons().items():
        size = size_of(name)
        (folder / name).write_bytes(png(size, size, raw))
        written.append(folder / name)
    favicon = folder.parent / FAVICON
    favicon.write_bytes((folder / "logo-32.png").read_bytes())
    return [*written, favicon]


if __name__ == "__main__":
    for path in write_icons(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER):
        print(path)
