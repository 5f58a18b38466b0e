"""dps serve: settings checked before anything starts, one line each; the extra named if missing.

(The running server is tested in tests/server/test_http.py.)
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from addin.cli.main import main
from addin.server.settings import check, load


@pytest.fixture(autouse=True)
def clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("XLWINGS_", "CCIN_DPS_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_a_missing_licence_stops_it_with_one_line_and_a_hint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["serve", "--check"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "dps serve: XLWINGS_LICENSE_KEY is not set"
    assert lines[1].startswith("  → Set XLWINGS_LICENSE_KEY=noncommercial")


def test_without_sign_in_it_refuses_to_serve_outside_development(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    Path(".env").write_text("XLWINGS_LICENSE_KEY=noncommercial\nXLWINGS_HOSTNAME=dps.example\n")
    pytest.importorskip("dotenv", reason="python-dotenv comes with the server extra")
    assert main(["serve", "--check"]) == 2
    assert "no sign-in configured" in capsys.readouterr().err


def test_in_development_without_sign_in_it_warns_loudly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    monkeypatch.setenv("XLWINGS_ENVIRONMENT", "dev")
    assert main(["serve", "--check"]) == 0
    captured = capsys.readouterr()
    assert "WARNING: NO SIGN-IN" in captured.err and "!!!!" in captured.err
    assert captured.out == "Settings are complete (dev).\n"


def test_without_the_server_extra_it_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    monkeypatch.setenv("XLWINGS_ENVIRONMENT", "dev")
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "xlwings_server" else real(name, *a),
    )
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "xlwings Server is not installed" in err and "[server]" in err and "3.11" in err


def test_the_sample_env_is_printed_and_is_complete(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("dotenv", reason="python-dotenv comes with the server extra")
    assert main(["serve", "--sample-env"]) == 0
    Path(".env").write_text(capsys.readouterr().out)
    settings = check(load(Path(".env"), {}))
    assert settings.sign_in and settings.environment == "prod" and not settings.warnings
