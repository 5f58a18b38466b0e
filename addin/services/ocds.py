"""dps ocds: the call-off as an OCDS 1.1 release package (also written by dps award).

The ocid prefix is the publisher's, registered with the OCDS Helpdesk ("ocds-" and six letters or
digits). It comes from --ocid-prefix, else the environment variable DPS_OCID_PREFIX, else the
placeholder `ocds-xxxxxx`, which is for testing only: output made with it says so.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from addin.atomic import write_atomically
from addin.domain import schema
from addin.domain.award import LETTERS_ISSUED, AwardRecord, read_award
from addin.domain.models import CompetitionFile
from addin.domain.ocds import ProcessFacts, release_package
from addin.errors import OcidPrefixInvalid
from addin.services.integrity import SCORED_STATUSES, require_status, require_untampered
from addin.services.loading import LoadedCompetition, parse_tables
from addin.services.ports import CompetitionWorkbook
from addin.services.recorded import recorded_result

PREFIX_VARIABLE = "DPS_OCID_PREFIX"
PLACEHOLDER_PREFIX = "ocds-xxxxxx"
_PREFIX = re.compile(r"^ocds-[a-z0-9]{6}$")
PLACEHOLDER_WARNING = (
    f"the ocid prefix is the placeholder {PLACEHOLDER_PREFIX}: set {PREFIX_VARIABLE} (or "
    "--ocid-prefix) to the council's registered OCDS prefix before publishing"
)


def ocid_prefix(given: str | None, environ: Mapping[str, str] = os.environ) -> tuple[str, bool]:
    """The prefix to use and whether it is the placeholder."""
    prefix = (given or environ.get(PREFIX_VARIABLE) or PLACEHOLDER_PREFIX).strip()
    if not _PREFIX.match(prefix):
        raise OcidPrefixInvalid(prefix)
    return prefix, prefix == PLACEHOLDER_PREFIX


def _last_when(loaded: LoadedCompetition, actions: tuple[str, ...]) -> datetime | None:
    found = [e.when for e in loaded.audit_entries if e.action in actions]
    return found[-1] if found else None


def recorded_award(loaded: LoadedCompetition) -> AwardRecord | None:
    raw = loaded.tables.tables.get(schema.AWARD.name)
    return None if raw is None else read_award(raw.rows)[0]


def process_facts(
    loaded: LoadedCompetition,
    file: CompetitionFile | None = None,
    award: AwardRecord | None = None,
) -> ProcessFacts:
    """`file` and `award` replace what was read when the caller has just changed them."""
    scored = loaded.file.competition.status in SCORED_STATUSES
    winner = recorded_result("ocds", loaded).winner_id if scored else None
    return ProcessFacts(
        file=file or loaded.file,
        winner_id=winner,
        launched_at=_last_when(loaded, ("Launched",)),
        letters_at=_last_when(loaded, LETTERS_ISSUED),
        award=award or recorded_award(loaded),
    )


def package_bytes(package: Mapping[str, object]) -> bytes:
    """UTF-8 JSON in the order built, two-space indented, one newline at the end."""
    return (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_bytes(path: Path, data: bytes) -> Path:
    """Whole or not at all: a temporary file in the same folder, renamed over the target."""
    return write_atomically(path, lambda temp: temp.write_bytes(data))


@dataclass
class OcdsResult:
    path: Path
    ocid: str
    tags: list[str]
    placeholder_prefix: bool


def write_ocds(
    workbook: CompetitionWorkbook, out: Path, now: datetime, prefix: str | None, uri: str = ""
) -> OcdsResult:
    """Reads only, like the report."""
    chosen, placeholder = ocid_prefix(prefix)
    loaded = parse_tables(workbook.read())
    require_status("ocds", loaded, now)
    require_untampered(loaded)
    package = release_package(process_facts(loaded), chosen, uri)
    release = package["releases"][0]  # type: ignore[index]
    write_bytes(out, package_bytes(package))
    return OcdsResult(out, str(release["ocid"]), list(release["tag"]), placeholder)
