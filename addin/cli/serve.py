"""dps serve — the CCIN DPS tab for Excel without Python on officers' PCs (xlwings Server).

Checks the settings first (one line per problem, exit 2), refuses to start without sign-in
unless the environment is dev (and then says so loudly), then runs uvicorn on our ASGI app.
Needs the server extra: pip install ".[server]" (Python 3.11 or later).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
import tempfile
from importlib import resources
from pathlib import Path

from addin.cli.commands import help_of
from addin.errors import DpsError
from addin.server.settings import ServerSettings, check, load

BANNER = "!" * 78


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("serve", help=help_of("serve"))
    parser.add_argument(
        "--env-file", type=Path, help="settings file (default: .env here, if there is one)"
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default %(default)s)"
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes (default %(default)s)"
    )
    parser.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        help="the reverse proxy's address, trusted for X-Forwarded-* headers",
    )
    parser.add_argument("--check", action="store_true", help="check the settings and stop")
    parser.add_argument("--sample-env", action="store_true", help="print a sample .env and stop")
    parser.set_defaults(run=run_serve)


def project_dir() -> Path:
    return Path(str(resources.files("addin.server") / "project"))


def _require_extra() -> None:
    if importlib.util.find_spec("xlwings_server") is None:
        raise DpsError(
            "xlwings Server is not installed in this environment",
            'Install the server extra: pip install "ccin-dps-addin[server]" (needs Python '
            '3.11 or later; from a clone: pip install ".[server]").',
        )


def _env_file(given: Path | None) -> Path | None:
    if given is not None:
        return given
    here = Path(".env")
    return here if here.is_file() else None


def _warn(settings: ServerSettings) -> None:
    for warning in settings.warnings:
        print(f"{BANNER}\nWARNING: {warning}\n{BANNER}", file=sys.stderr)


def _export(values: dict[str, str]) -> Path | None:
    """Hands the checked settings to the server's processes; returns a folder to remove at stop."""
    os.environ.update(values)
    os.environ["XLWINGS_PROJECT_DIR"] = str(project_dir())
    os.environ["DOTENV_PATH"] = os.devnull  # already exported: xlwings reads no other .env
    if values.get("CCIN_DPS_DOWNLOAD_DIR"):
        return None
    runtime = Path(tempfile.mkdtemp(prefix="ccin-dps-"))
    os.environ["CCIN_DPS_RUNTIME_DIR"] = str(runtime)
    return runtime


def run_serve(args: argparse.Namespace) -> int:
    if args.sample_env:
        print((resources.files("addin.server") / "sample.env").read_text(), end="")
        return 0
    values = load(_env_file(args.env_file))
    settings = check(values)
    _warn(settings)
    if args.check:
        print(f"Settings are complete ({settings.environment}).")
        return 0
    _require_extra()
    import uvicorn

    runtime = _export(values)
    try:
        uvicorn.run(
            "addin.server.asgi:app",
            host=args.host,
            port=args.port,
            workers=args.workers,
            proxy_headers=True,
            forwarded_allow_ips=args.forwarded_allow_ips,
        )
    finally:
        if runtime is not None:
            shutil.rmtree(runtime, ignore_errors=True)
    return 0
