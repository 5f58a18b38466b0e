"""Installing the ribbon add-in for the current user, without Excel running.

`dps addin install` builds ccin-dps.xlam into Excel's add-ins folder and writes ccin-dps.conf
where the add-in's xlwings module reads it (PROJECT_NAME "ccin-dps", see build_addin.py), naming
the Python that runs this command, so the buttons run the same installed project:

* Windows: %APPDATA%\\Microsoft\\AddIns\\ccin-dps.xlam, and %USERPROFILE%\\.ccin-dps\\ccin-dps.conf
  (xlwings' GetConfigFilePath: USERPROFILE\\.<PROJECT_NAME>\\<PROJECT_NAME>.conf);
* macOS: ~/Library/Group Containers/UBF8T346G9.Office/User Content/Add-Ins/ccin-dps.xlam (the
  folder Excel for Mac's Tools > Excel Add-ins… opens), and
  ~/Library/Containers/com.microsoft.Excel/Data/ccin-dps.conf (Excel's sandboxed home, where
  xlwings' GetConfigFilePath looks on a Mac).

The conf file holds `"KEY","value"` lines, read by VBA's `Input #`: a value cannot contain a
double quote. Keys other than ours already in the file are kept.
"""

from __future__ import annotations

import csv
import locale
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from addin.errors import DpsError
from addin.excel.build_addin import ADDIN_FILENAME, CONFIG_NAME

CONF_FILENAME = f"{CONFIG_NAME}.conf"
MAC_OFFICE = Path("Library", "Group Containers", "UBF8T346G9.Office")
MAC_EXCEL_HOME = Path("Library", "Containers", "com.microsoft.Excel", "Data")
# Keep the officer's workbook folder off sys.path: a stray .py file there must not be imported.
FIXED_SETTINGS = (("ADD_WORKBOOK_TO_PYTHONPATH", "false"),)


class InstallRefused(DpsError):
    exit_code = 1


@dataclass(frozen=True)
class InstallPlan:
    system: str  # "Windows" or "macOS"
    addin: Path
    conf: Path
    settings: tuple[tuple[str, str], ...]

    def describe(self) -> list[str]:
        lines = [f"  write the add-in   {self.addin}", f"  write the settings {self.conf}:"]
        return lines + [f'    "{key}","{value}"' for key, value in self.settings]


def _existing(folder: Path, name: str) -> Path:
    """`name`, or its `.localized` twin when that is the one on disk (Office on newer macOS)."""
    localized = folder / f"{name}.localized"
    return localized if localized.is_dir() else folder / name


def _windows_interpreter(executable: Path) -> str:
    # pythonw.exe runs the buttons without flashing a console window, as xlwings recommends.
    windowless = executable.with_name("pythonw.exe")
    return str(windowless if windowless.is_file() else executable)


def install_plan(
    platform: str | None = None,
    home: Path | None = None,
    environ: Mapping[str, str] | None = None,
    interpreter: str | None = None,
) -> InstallPlan | None:
    """Where the add-in and its settings go on this computer; None off Windows and macOS."""
    platform, environ = platform or sys.platform, os.environ if environ is None else environ
    interpreter = interpreter or sys.executable
    if platform.startswith("win"):
        missing = [name for name in ("APPDATA", "USERPROFILE") if not environ.get(name)]
        if missing:
            raise InstallRefused(
                f"cannot find the add-ins folder: {' and '.join(missing)} not set",
                "Run the command from a normal Windows sign-in (not a service account).",
            )
        return InstallPlan(
            "Windows",
            Path(environ["APPDATA"], "Microsoft", "AddIns", ADDIN_FILENAME),
            Path(environ["USERPROFILE"], f".{CONFIG_NAME}", CONF_FILENAME),
            (("INTERPRETER_WIN", _windows_interpreter(Path(interpreter))), *FIXED_SETTINGS),
        )
    if platform == "darwin":
        base = home or Path.home()
        content = _existing(base / MAC_OFFICE, "User Content")
        return InstallPlan(
            "macOS",
            _existing(content, "Add-Ins") / ADDIN_FILENAME,
            base / MAC_EXCEL_HOME / CONF_FILENAME,
            (("INTERPRETER_MAC", interpreter), *FIXED_SETTINGS),
        )
    return None


def what_it_would_do() -> list[str]:
    """For a computer without Excel: the plan on each system Excel runs on."""
    return [
        "Excel add-ins install on Windows or macOS; nothing was installed here. There it would:",
        *InstallPlan(
            "Windows",
            Path("%APPDATA%", "Microsoft", "AddIns", ADDIN_FILENAME),
            Path("%USERPROFILE%", f".{CONFIG_NAME}", CONF_FILENAME),
            (("INTERPRETER_WIN", "<this Python's pythonw.exe>"), *FIXED_SETTINGS),
        ).describe(),
        *InstallPlan(
            "macOS",
            Path("~") / MAC_OFFICE / "User Content" / "Add-Ins" / ADDIN_FILENAME,
            Path("~") / MAC_EXCEL_HOME / CONF_FILENAME,
            (("INTERPRETER_MAC", sys.executable), *FIXED_SETTINGS),
        ).describe(),
    ]


def read_conf(path: Path) -> list[tuple[str, str]]:
    if not path.is_file():
        return []
    text = path.read_text(encoding=locale.getpreferredencoding(False), errors="replace")
    rows = csv.reader(text.splitlines(), skipinitialspace=True)
    return [(row[0], row[1] if len(row) > 1 else "") for row in rows if row]


def write_conf(path: Path, settings: tuple[tuple[str, str], ...]) -> None:
    """Our keys set, every other key kept; one `"KEY","value"` line each."""
    for key, value in settings:
        if '"' in value:
            raise InstallRefused(
                f"{key} {value} contains a double quote, which the add-in cannot read",
                "Install the project in a folder whose path has no double quote.",
            )
    ours = dict(settings)
    kept = [(k, v) for k, v in read_conf(path) if k.upper() not in ours]
    lines = [f'"{key}","{value}"\n' for key, value in [*settings, *kept]]
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # the encoding VBA reads text files in: the system code page
        path.write_text("".join(lines), encoding=locale.getpreferredencoding(False))
    except UnicodeEncodeError as exc:
        raise InstallRefused(
            f"{path}: the interpreter's path cannot be written in this computer's code page",
            "Install the project in a folder whose path has only plain letters.",
        ) from exc


def install(plan: InstallPlan) -> None:
    from addin.excel.build_addin import build_addin  # imported here: it reads xlwings' template

    try:
        build_addin(plan.addin)
        write_conf(plan.conf, plan.settings)
    except PermissionError as exc:
        raise InstallRefused(
            f"{exc.filename}: permission denied", "Close Excel, then run the command again."
        ) from exc


def uninstall(plan: InstallPlan) -> list[Path]:
    """Removes the add-in and its settings file; returns what was removed."""
    removed = []
    for path in (plan.addin, plan.conf):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except PermissionError as exc:
            raise InstallRefused(
                f"{path}: permission denied", "Close Excel, then run the command again."
            ) from exc
        removed.append(path)
    folder = plan.conf.parent
    if plan.system == "Windows" and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()  # the .ccin-dps folder install made
    return removed
