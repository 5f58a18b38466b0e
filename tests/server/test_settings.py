"""`dps serve` checks its settings before it starts: one line naming what is wrong."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from addin.server.settings import ServerSettingsError, check, load

CLIENT = "11111111-2222-3333-4444-555555555555"
TENANT = "66666666-7777-8888-9999-000000000000"
PROD = {
    "XLWINGS_LICENSE_KEY": "noncommercial",
    "XLWINGS_ENVIRONMENT": "prod",
    "XLWINGS_HOSTNAME": "dps.council.example",
    "XLWINGS_AUTH_PROVIDERS": '["entraid"]',
    "XLWINGS_AUTH_ENTRAID_CLIENT_ID": CLIENT,
    "XLWINGS_AUTH_ENTRAID_TENANT_ID": TENANT,
    "CCIN_DPS_ALLOWED_DOMAINS": "council.example, oldham.gov.uk",
}
DEV = {"XLWINGS_LICENSE_KEY": "noncommercial", "XLWINGS_ENVIRONMENT": "dev"}


def refused(values: dict[str, str]) -> str:
    with pytest.raises(ServerSettingsError) as caught:
        check(values)
    assert caught.value.exit_code == 2 and "\n" not in str(caught.value)
    return str(caught.value)


def without(name: str) -> dict[str, str]:
    return {k: v for k, v in PROD.items() if k != name}


def test_a_complete_production_configuration_passes() -> None:
    settings = check(PROD)
    assert settings.sign_in and settings.environment == "prod" and not settings.warnings
    assert settings.allowed_domains == ("council.example", "oldham.gov.uk")


@pytest.mark.parametrize(
    ("values", "says"),
    [
        (without("XLWINGS_LICENSE_KEY"), "XLWINGS_LICENSE_KEY is not set"),
        ({**PROD, "XLWINGS_LICENSE_KEY": "your_license_key"}, "still the placeholder"),
        ({**PROD, "XLWINGS_ENVIRONMENT": "production"}, "XLWINGS_ENVIRONMENT=production"),
        (without("XLWINGS_HOSTNAME"), "XLWINGS_HOSTNAME is not set"),
        ({**PROD, "XLWINGS_HOSTNAME": "https://dps.council.example"}, "is not a host name"),
        ({**PROD, "XLWINGS_APP_PATH": "ccin"}, "must start with /"),
        ({**PROD, "XLWINGS_APP_PATH": "/ccin"}, "XLWINGS_STATIC_URL_PATH=/static does not match"),
        ({**PROD, "XLWINGS_AUTH_PROVIDERS": "entraid"}, "is not a JSON list"),
        ({**PROD, "XLWINGS_AUTH_PROVIDERS": '["custom"]'}, "only entraid is supported"),
        (without("XLWINGS_AUTH_ENTRAID_CLIENT_ID"), "XLWINGS_AUTH_ENTRAID_CLIENT_ID is not set"),
        ({**PROD, "XLWINGS_AUTH_ENTRAID_TENANT_ID": "council"}, "'council', not a GUID"),
        (without("XLWINGS_AUTH_PROVIDERS"), "no sign-in configured"),
        (without("CCIN_DPS_ALLOWED_DOMAINS"), "nobody is named as allowed"),
        ({**PROD, "CCIN_DPS_ALLOWED_DOMAINS": "council"}, "'council' is not an email domain"),
        ({**PROD, "CCIN_DPS_ALLOWED_GROUPS": "officers"}, "not an Entra ID group object id"),
        ({**PROD, "CCIN_DPS_FIXED_TIME": "2026-11-16 10:00"}, "outside XLWINGS_ENVIRONMENT=dev"),
        ({**DEV, "CCIN_DPS_FIXED_TIME": "16/11/2026"}, "is not a UK time"),
        ({**PROD, "CCIN_DPS_DOWNLOAD_DIR": "/no/such/folder"}, "is not a writable folder"),
    ],
)
def test_a_missing_or_wrong_value_is_named(values: dict[str, str], says: str) -> None:
    assert says in refused(values)


def test_a_group_or_a_role_is_enough_to_name_who_is_allowed() -> None:
    assert check({**without("CCIN_DPS_ALLOWED_DOMAINS"), "CCIN_DPS_ALLOWED_GROUPS": TENANT})
    assert check({**without("CCIN_DPS_ALLOWED_DOMAINS"), "XLWINGS_AUTH_REQUIRED_ROLES": '["X"]'})


def test_an_app_path_with_its_static_path_passes() -> None:
    values = {**PROD, "XLWINGS_APP_PATH": "/ccin", "XLWINGS_STATIC_URL_PATH": "/ccin/static"}
    assert check(values).app_path == "/ccin"


def test_development_without_sign_in_starts_with_a_loud_warning() -> None:
    settings = check({**DEV, "CCIN_DPS_FIXED_TIME": "2026-11-16 10:00"})
    assert not settings.sign_in and settings.hostname is None
    (warning,) = settings.warnings
    assert warning.startswith("NO SIGN-IN")
    assert settings.fixed_time == datetime(2026, 11, 16, 10, 0)


def test_the_environment_wins_over_the_env_file(tmp_path: Path) -> None:
    pytest.importorskip("dotenv", reason="python-dotenv comes with the server extra")
    env = tmp_path / ".env"
    env.write_text('XLWINGS_ENVIRONMENT=prod\nXLWINGS_LICENSE_KEY="noncommercial"\nOTHER=x\n')
    values = load(env, {"XLWINGS_ENVIRONMENT": "dev", "PATH": "/bin"})
    assert values == {
        "XLWINGS_ENVIRONMENT": "dev",
        "XLWINGS_LICENSE_KEY": "noncommercial",
        "OTHER": "x",
    }


def test_a_missing_env_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ServerSettingsError, match="no such settings file"):
        load(tmp_path / "nope.env", {})
