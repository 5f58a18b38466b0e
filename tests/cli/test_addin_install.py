"""dps addin install / uninstall, on a fake home folder with the platform monkeypatched.

What only Excel can prove (that it loads the add-in from there and reads the settings) is listed
in the README; here: the files land where xlwings' VBA looks for them, with the right keys.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from addin.cli.main import main
from addin.excel import build_addin
from addin.excel.install_addin import read_conf


@pytest.fixture
def windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData" / "Roaming"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    return tmp_path


@pytest.fixture
def mac(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def assert_is_our_addin(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        assert zf.read(build_addin.CUSTOM_UI) == build_addin.ribbon_xml()


def test_install_on_windows_writes_the_addin_and_names_this_python(
    windows: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["addin", "install"]) == 0
    assert_is_our_addin(windows / "AppData" / "Roaming" / "Microsoft" / "AddIns" / "ccin-dps.xlam")
    conf = windows / ".ccin-dps" / "ccin-dps.conf"
    assert read_conf(conf) == [
        ("INTERPRETER_WIN", sys.executable),  # no pythonw.exe beside it here
        ("ADD_WORKBOOK_TO_PYTHONPATH", "false"),
    ]
    assert conf.read_text().splitlines()[0] == f'"INTERPRETER_WIN","{sys.executable}"'
    assert "File > Options > Add-ins" in capsys.readouterr().out


def test_install_prefers_pythonw_beside_the_interpreter(windows: Path) -> None:
    from addin.excel.install_addin import install_plan

    (windows / "py").mkdir()
    (windows / "py" / "pythonw.exe").write_bytes(b"")
    plan = install_plan(interpreter=str(windows / "py" / "python.exe"))
    assert plan is not None
    assert dict(plan.settings)["INTERPRETER_WIN"] == str(windows / "py" / "pythonw.exe")


def test_install_keeps_other_settings_and_uninstall_removes_what_it_wrote(windows: Path) -> None:
    conf = windows / ".ccin-dps" / "ccin-dps.conf"
    conf.parent.mkdir()
    conf.write_text('"INTERPRETER_WIN","C:\\old\\python.exe"\n"PYTHONPATH","C:\\shared"\n')
    assert main(["addin", "install"]) == 0
    assert read_conf(conf)[0] == ("INTERPRETER_WIN", sys.executable)
    assert ("PYTHONPATH", "C:\\shared") in read_conf(conf)

    assert main(["addin", "uninstall"]) == 0
    assert not conf.exists()
    assert not (windows / "AppData" / "Roaming" / "Microsoft" / "AddIns" / "ccin-dps.xlam").exists()


def test_uninstall_with_nothing_installed_says_so(
    windows: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["addin", "uninstall"]) == 0
    assert "Nothing to remove" in capsys.readouterr().out


def test_install_on_macos_uses_excel_s_folders(mac: Path) -> None:
    assert main(["addin", "install"]) == 0
    office = mac / "Library" / "Group Containers" / "UBF8T346G9.Office"
    assert_is_our_addin(office / "User Content" / "Add-Ins" / "ccin-dps.xlam")
    conf = mac / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "ccin-dps.conf"
    assert read_conf(conf)[0] == ("INTERPRETER_MAC", sys.executable)


def test_install_on_macos_uses_the_localized_folder_when_that_is_the_one_there(mac: Path) -> None:
    content = mac / "Library" / "Group Containers" / "UBF8T346G9.Office" / "User Content.localized"
    content.mkdir(parents=True)
    assert main(["addin", "install"]) == 0
    assert_is_our_addin(content / "Add-Ins" / "ccin-dps.xlam")
    assert not (content.parent / "User Content").exists()


def test_dry_run_writes_nothing(mac: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["addin", "install", "--dry-run"]) == 0
    assert "On macOS this would:" in capsys.readouterr().out
    assert not (mac / "Library").exists()


def test_elsewhere_it_says_what_it_would_do_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert main(["addin", "install"]) == 1
    out = capsys.readouterr().out
    assert "nothing was installed here" in out
    assert "%APPDATA%/Microsoft/AddIns/ccin-dps.xlam" in out.replace("\\", "/")
    assert '"INTERPRETER_MAC"' in out and '"ADD_WORKBOOK_TO_PYTHONPATH","false"' in out
    assert list(tmp_path.iterdir()) == []


def test_a_quote_in_the_interpreter_path_is_refused(windows: Path) -> None:
    from addin.excel.install_addin import InstallRefused, install_plan, write_conf

    plan = install_plan(interpreter='C:\\odd"name\\python.exe')
    assert plan is not None
    with pytest.raises(InstallRefused, match="double quote"):
        write_conf(plan.conf, plan.settings)
