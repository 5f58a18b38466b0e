"""The domain core imports only the standard library and pydantic."""

from __future__ import annotations

import subprocess
import sys


def test_domain_loads_no_adapter_library() -> None:
    code = (
        "import sys, pkgutil, importlib, addin.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, 'addin.domain.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [n for n in ('openpyxl', 'xlwings', 'docxtpl', 'docx', 'holidays', 'jinja2')"
        " if n in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
