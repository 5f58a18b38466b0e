"""The published OCDS 1.1.5 schemas, and the same release schema with the extensions we declare.

The schema files are not part of this repository: `tools/get_ocds_schema.py` (run by `make test`)
fetches them from PyPI, pinned by version and sha256, into `.venv/ocds-schema/` (or
`$DPS_OCDS_SCHEMA_DIR`). Without them the tests that need them are skipped, saying why.

No registry package ships the lots, techniques and partyScale extensions on their own. ocdskit's
source distribution ships the 1.1.5 release schema patched with every extension of the OCDS
extension registry, built by the extension registry's tooling, which marks each field and
definition with the `extension` that defines it. That schema cannot be used whole (other extensions in it conflict
with plain OCDS: one allows only "ppp" as initiationType), so `extension_fields` keeps only what it
marks as added by our three extensions, and that part is applied to the 1.1.5 release schema as a
JSON Merge Patch (RFC 7396), as OCDS tooling applies an extension.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tools.get_ocds_schema import ERROR_FILE, SCHEMA_FILES, default_folder, is_complete

# The repository names of the extensions our packages declare (addin/domain/ocds.py EXTENSIONS).
EXTENSIONS = (
    "ocds_lots_extension",
    "ocds_techniques_extension",
    "ocds_partyDetails_scale_extension",
)


def schema_folder() -> Path | None:
    folder = default_folder()
    return folder if is_complete(folder) else None


def needs_schema() -> Path:
    folder = schema_folder()
    if folder is None:
        where = default_folder()
        error = where / ERROR_FILE
        if error.exists():
            why = error.read_text(encoding="utf-8").strip()
        elif any((where / f.name).exists() for f in SCHEMA_FILES):
            why = "its files are not the pinned ones"
        else:
            why = "not fetched yet"
        pytest.skip(
            f"the published OCDS schemas are not in {where} ({why}): run `make ocds-schema`, "
            "or tools/get_ocds_schema.py with the Python that runs the tests; both need PyPI"
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


# What `extension_fields` returns for a part it leaves out (None is JSON null, as in enums).
LEFT_OUT = object()


def _added_by_ours(url: str) -> bool:
    return any(f"/{name}/" in url for name in EXTENSIONS)


def extension_fields(node: Any, inside: bool = False, field: bool = False) -> Any:
    """What a registry-patched schema marks as added by one of EXTENSIONS, else LEFT_OUT.

    The extension registry's tooling marks every field and definition an extension defines
    (those with a title). A node marked with another extension is left out whole. Inside a
    node marked with one of ours everything is kept except the fields and definitions that
    carry another mark or none: those other extensions added (to our Lot, say)."""
    if isinstance(node, list):
        kept = [extension_fields(item, inside) for item in node]
        return [item for item in kept if item is not LEFT_OUT] if inside else LEFT_OUT
    if not isinstance(node, dict):
        return copy.deepcopy(node) if inside else LEFT_OUT
    mark = node.get("extension")
    if isinstance(mark, str):
        if not _added_by_ours(mark):
            return LEFT_OUT
        inside = True
    elif field and inside:
        return LEFT_OUT
    picked = {}
    for key, value in node.items():
        if key == "extension":
            continue
        if key in ("properties", "definitions") and isinstance(value, dict):
            fields = {name: extension_fields(f, inside, field=True) for name, f in value.items()}
            child: Any = {name: f for name, f in fields.items() if f is not LEFT_OUT}
            child = child if child or inside else LEFT_OUT
        else:
            child = extension_fields(value, inside)
        if child is not LEFT_OUT:
            picked[key] = child
    return picked if inside or picked else LEFT_OUT


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def core_release_schema(folder: Path) -> dict[str, Any]:
    schema: dict[str, Any] = _load(folder / "release-schema.json")
    return schema


@cache
def patched_release_schema(folder: Path) -> dict[str, Any]:
    patch = extension_fields(_load(folder / "registry-patched-release-schema.json"))
    patched: dict[str, Any] = merge_patch(core_release_schema(folder), patch)
    return patched


def _package_validator(release: dict[str, Any], folder: Path) -> Draft4Validator:
    """The release package schema, its releases checked against the given release schema."""
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


@cache
def _validators(folder: Path) -> dict[str, Draft4Validator]:
    return {
        "core": _package_validator(core_release_schema(folder), folder),
        "extended": _package_validator(patched_release_schema(folder), folder),
    }


def _errors(validator: Draft4Validator, package: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(package)
    ]


def core_errors(package: dict[str, Any], folder: Path) -> list[str]:
    """Against the published OCDS 1.1.5 release package and release schemas as they are."""
    return _errors(_validators(folder)["core"], package)


def schema_errors(package: dict[str, Any], folder: Path) -> list[str]:
    """Against the same, the release schema patched with the extensions we declare."""
    return _errors(_validators(folder)["extended"], package)
