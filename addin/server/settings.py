"""The server's settings, from the environment and a .env file, checked before it starts.

xlwings Server reads its own `XLWINGS_*` settings (pydantic-settings: environment first, then the
.env file); ours are `CCIN_DPS_*`. `check` turns the merged values into ServerSettings or stops
with one line naming the setting and what to put there, so a wrong value is never discovered by
an officer pressing a button.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from addin.errors import DpsError

PREFIXES = ("XLWINGS_", "CCIN_DPS_")
ENVIRONMENTS = ("dev", "qa", "uat", "staging", "prod")
# What `xlwings-server init` writes: xlwings then fails at import with a licence error.
PLACEHOLDER_KEYS = ("your_license_key",)
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.I)
HOST = re.compile(r"^[a-z0-9.-]+(:\d{1,5})?$", re.I)
SAMPLE = "addin/server/sample.env (`dps serve --sample-env` prints it)"


class ServerSettingsError(DpsError):
    """A setting is missing or wrong: the message names it, the hint says what to write."""

    exit_code = 2


@dataclass(frozen=True)
class ServerSettings:
    environment: str
    hostname: str | None
    app_path: str
    auth_providers: tuple[str, ...]
    required_roles: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    allowed_groups: tuple[str, ...]
    download_dir: Path | None
    fixed_time: datetime | None
    warnings: tuple[str, ...] = field(default=())

    @property
    def sign_in(self) -> bool:
        return bool(self.auth_providers)


def load(env_file: Path | None, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The .env file's values under the environment's (which win, as in xlwings Server)."""
    values: dict[str, str] = {}
    if env_file is not None:
        if not env_file.is_file():
            raise ServerSettingsError(
                f"{env_file}: no such settings file", f"Create it from {SAMPLE}."
            )
        from dotenv import dotenv_values  # python-dotenv, installed with xlwings-server

        values = {k: v for k, v in dotenv_values(env_file).items() if v is not None}
    environ = os.environ if environ is None else environ
    values.update({k: v for k, v in environ.items() if k.startswith(PREFIXES)})
    return values


def _list(values: Mapping[str, str], name: str) -> tuple[str, ...]:
    """A JSON list of strings, as xlwings Server (pydantic-settings) reads list settings."""
    raw = values.get(name, "").strip()
    if not raw:
        return ()
    try:
        parsed = json.loads(raw)
    except json.JSONDecodeError:
        parsed = None
    if not isinstance(parsed, list) or not all(isinstance(item, str) for item in parsed):
        raise ServerSettingsError(
            f"{name}={raw} is not a JSON list of names", f'Write it like {name}=["entraid"].'
        )
    return tuple(parsed)


def _csv(
    values: Mapping[str, str], name: str, pattern: re.Pattern[str], what: str
) -> tuple[str, ...]:
    items = tuple(i.strip() for i in values.get(name, "").split(",") if i.strip())
    for item in items:
        if not pattern.match(item):
            raise ServerSettingsError(
                f"{name}: {item!r} is not {what}", f"List them separated by commas; see {SAMPLE}."
            )
    return items


def _licence(values: Mapping[str, str]) -> None:
    key = values.get("XLWINGS_LICENSE_KEY", "").strip()
    hint = (
        "Set XLWINGS_LICENSE_KEY=noncommercial (a council's own use is non-commercial under "
        "xlwings' PolyForm Noncommercial licence) or to your xlwings licence key."
    )
    if not key:
        raise ServerSettingsError("XLWINGS_LICENSE_KEY is not set", hint)
    if key in PLACEHOLDER_KEYS:
        raise ServerSettingsError(
            "XLWINGS_LICENSE_KEY is still the placeholder written by xlwings-server init", hint
        )


def _environment(values: Mapping[str, str]) -> str:
    environment = values.get("XLWINGS_ENVIRONMENT", "prod").strip() or "prod"
    if environment not in ENVIRONMENTS:
        raise ServerSettingsError(
            f"XLWINGS_ENVIRONMENT={environment} is not one of {', '.join(ENVIRONMENTS)}",
            "Use prod for officers, dev only on a developer's own machine.",
        )
    return environment


def _address(values: Mapping[str, str], environment: str) -> tuple[str | None, str]:
    hostname = values.get("XLWINGS_HOSTNAME", "").strip() or None
    if hostname is None and environment != "dev":
        raise ServerSettingsError(
            "XLWINGS_HOSTNAME is not set: the manifest must name the server's public address",
            "Set it to the host name officers' Excel reaches, e.g. dps.council.example "
            "(no https://, no path).",
        )
    if hostname is not None and not HOST.match(hostname):
        raise ServerSettingsError(
            f"XLWINGS_HOSTNAME={hostname} is not a host name",
            "Write only the host (and :port), e.g. dps.council.example; a path goes in "
            "XLWINGS_APP_PATH.",
        )
    app_path = values.get("XLWINGS_APP_PATH", "").strip()
    if app_path and (not app_path.startswith("/") or app_path.endswith("/")):
        raise ServerSettingsError(
            f"XLWINGS_APP_PATH={app_path} must start with / and not end with one",
            "For https://dps.council.example/ccin write XLWINGS_APP_PATH=/ccin.",
        )
    static = values.get("XLWINGS_STATIC_URL_PATH", "").strip() or "/static"
    if static != f"{app_path}/static":
        raise ServerSettingsError(
            f"XLWINGS_STATIC_URL_PATH={static} does not match XLWINGS_APP_PATH={app_path}",
            f"Set XLWINGS_STATIC_URL_PATH={app_path}/static.",
        )
    return hostname, app_path


def _sign_in(values: Mapping[str, str], environment: str) -> tuple[tuple[str, ...], list[str]]:
    providers = _list(values, "XLWINGS_AUTH_PROVIDERS")
    if providers and providers != ("entraid",):
        raise ServerSettingsError(
            f"XLWINGS_AUTH_PROVIDERS={list(providers)}: only entraid is supported",
            'Use XLWINGS_AUTH_PROVIDERS=["entraid"] (Microsoft Entra ID single sign-on).',
        )
    if providers:
        for name in ("XLWINGS_AUTH_ENTRAID_CLIENT_ID", "XLWINGS_AUTH_ENTRAID_TENANT_ID"):
            value = values.get(name, "").strip()
            if not GUID.match(value):
                raise ServerSettingsError(
                    f"{name} is {'not set' if not value else f'{value!r}, not a GUID'}",
                    "Copy it from the add-in's app registration in Microsoft Entra ID "
                    "(Overview: Application (client) ID, Directory (tenant) ID).",
                )
        return providers, []
    if environment != "dev":
        raise ServerSettingsError(
            "no sign-in configured: refusing to serve officers without it",
            'Set XLWINGS_AUTH_PROVIDERS=["entraid"] with the Entra ID client and tenant ids '
            "(README: Sign-in), or XLWINGS_ENVIRONMENT=dev on a developer's own machine.",
        )
    return (), [
        "NO SIGN-IN: anyone who can reach this server can run every button, and the audit "
        "trail records the competition's Officer name, not who pressed the button. "
        "For a developer's own machine only (XLWINGS_ENVIRONMENT=dev)."
    ]


def _fixed_time(values: Mapping[str, str], environment: str) -> datetime | None:
    raw = values.get("CCIN_DPS_FIXED_TIME", "").strip()
    if not raw:
        return None
    if environment != "dev":
        raise ServerSettingsError(
            "CCIN_DPS_FIXED_TIME is set outside XLWINGS_ENVIRONMENT=dev",
            "A fixed clock is for training and tests only: remove it.",
        )
    try:
        return datetime.strptime(raw, "%Y-%m-%d %H:%M")
    except ValueError:
        raise ServerSettingsError(
            f"CCIN_DPS_FIXED_TIME={raw} is not a UK time like 2026-11-16 10:00",
            "Write YYYY-MM-DD HH:MM.",
        ) from None


def _download_dir(values: Mapping[str, str]) -> Path | None:
    raw = values.get("CCIN_DPS_DOWNLOAD_DIR", "").strip()
    if not raw:
        return None
    path = Path(raw)
    if not path.is_absolute() or not path.is_dir() or not os.access(path, os.W_OK):
        raise ServerSettingsError(
            f"CCIN_DPS_DOWNLOAD_DIR={raw} is not a writable folder (absolute path)",
            "Create the folder for the server's account, or leave the setting out to use a "
            "private temporary folder.",
        )
    return path


def check(values: Mapping[str, str]) -> ServerSettings:
    _licence(values)
    environment = _environment(values)
    hostname, app_path = _address(values, environment)
    providers, warnings = _sign_in(values, environment)
    roles = _list(values, "XLWINGS_AUTH_REQUIRED_ROLES")
    domains = _csv(values, "CCIN_DPS_ALLOWED_DOMAINS", DOMAIN, "an email domain")
    groups = _csv(values, "CCIN_DPS_ALLOWED_GROUPS", GUID, "an Entra ID group object id")
    if providers and environment != "dev" and not (domains or groups or roles):
        raise ServerSettingsError(
            "nobody is named as allowed to use the add-in",
            "Set CCIN_DPS_ALLOWED_DOMAINS (e.g. council.example), CCIN_DPS_ALLOWED_GROUPS "
            "(Entra ID group object ids) or XLWINGS_AUTH_REQUIRED_ROLES.",
        )
    return ServerSettings(
        environment=environment,
        hostname=hostname,
        app_path=app_path,
        auth_providers=providers,
        required_roles=roles,
        allowed_domains=domains,
        allowed_groups=groups,
        download_dir=_download_dir(values),
        fixed_time=_fixed_time(values, environment),
        warnings=tuple(warnings),
    )
