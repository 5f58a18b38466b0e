"""The published OCDS 1.1 schemas, patched with the extensions our packages declare.

The schema files are not part of this repository. They are read from the folder named by the
environment variable DPS_OCDS_SCHEMA_DIR or, failing that, from `shared/ocds_schema/` in a folder
above the project (the team's shared folder). That folder holds, as published:

    release-schema.json, release-package-schema.json          open-contracting/standard, tag 1__1__5
    ocds_lots_extension/release-schema.json                    tag v1.1.5
    ocds_techniques_extension/release-schema.json              commit 5568b00a8dd6
    ocds_partyDetails_scale_extension/release-schema.json      commit 152cd9fb74e0

Each extension's release-schema.json is a JSON Merge Patch (RFC 7396) applied to the release
schema, as OCDS tooling does. Without the folder, the tests that need it are skipped.
"""

from __future__ import annotations

import copy
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

ROOT = Path(__file__).resolve().parent.parent
VARIABLE = "DPS_OCDS_SCHEMA_DIR"
EXTENSION_FOLDERS = (
    "ocds_lots_extension",
    "ocds_techniques_extension",
    "ocds_partyDetails_scale_extension",
)


def schema_folder() -> Path | None:
    given = os.environ.get(VARIABLE)
    if given:
        return Path(given)
    for parent in ROOT.parents:
        candidate = parent / "shared" / "ocds_schema"
        if (candidate / "release-schema.json").exists():
            return candidate
    return None


def needs_schema() -> Path:
    folder = schema_folder()
    if folder is None:
        pytest.skip(
            f"the OCDS 1.1 schema files are not here: set {VARIABLE} or add shared/ocds_schema "
            "(see tests/ocds_schema.py)"
        )
    return folder


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: objects merge key by key, null removes a key, anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def patched_release_schema(folder: Path) -> dict[str, Any]:
    schema = _load(folder / "release-schema.json")
    for name in EXTENSION_FOLDERS:
        schema = merge_patch(schema, _load(folder / name / "release-schema.json"))
    return schema


@cache
def package_validator(folder: Path) -> Draft4Validator:
    """The release package schema, its releases checked against the patched release schema."""
    release = patched_release_schema(folder)
    package = _load(folder / "release-package-schema.json")
    registry: Registry = Registry().with_resources(
        [
            (release["id"], Resource.from_contents(release, default_specification=DRAFT4)),
            (package["id"], Resource.from_contents(package, default_specification=DRAFT4)),
        ]
    )
    return Draft4Validator(
        package, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
    )


def schema_errors(package: dict[str, Any], folder: Path) -> list[str]:
    validator = package_validator(folder)
    return [
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(package)
    ]
