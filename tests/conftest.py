from __future__ import annotations

import os

# xlwings' remote engine (no Excel needed) runs under its PolyForm Noncommercial licence, which
# covers use by a government institution.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
