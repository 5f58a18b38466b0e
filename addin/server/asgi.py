"""The ASGI application `dps serve` runs: xlwings Server on our project folder, behind the guard.

XLWINGS_PROJECT_DIR must name the project folder before xlwings_server is imported (it reads
its settings and finds custom_scripts at import); `dps serve` sets it, and so does this module
when it is imported without it.
"""

from __future__ import annotations

import os
from pathlib import Path

from addin.excel.buttons import BUTTONS

PROJECT_DIR = Path(__file__).with_name("project")
os.environ.setdefault("XLWINGS_PROJECT_DIR", str(PROJECT_DIR))

from xlwings_server.config import settings as xlwings_settings  # noqa: E402
from xlwings_server.main import main_app  # noqa: E402

from addin.server.guard import Guard  # noqa: E402

app = Guard(main_app, [b.id for b in BUTTONS], xlwings_settings.app_path)
