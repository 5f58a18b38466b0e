"""The OCDS release package: valid against OCDS 1.1 with its extensions, stable, and usable by
ocdskit."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from ocdskit.combine import combine_release_packages, merge
from ocdskit.util import Format, detect_format

from addin.errors import DpsError
from addin.services.ocds import ocid_prefix, write_ocds
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import (
    AFTER_STANDSTILL,
    awarded_workbook,
    launched_workbook,
    standstill_workbook,
)
from tests.ocds_schema import core_errors, needs_schema, patched_release_schema, schema_errors

NOW = datetime(2027, 1, 4, 9)


def ocds_of(book: Path, out: Path, prefix: str = "ocds-test01") -> dict[str, Any]:
    write_ocds(FileWorkbook(book), out, NOW, prefix)
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def awarded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("awarded")
    book = awarded_workbook(folder)
    return book, ocds_of(book, folder / "release.json")


def test_the_awarded_call_off_validates_against_ocds_1_1_with_its_extensions(
    awarded: tuple[Path, dict[str, Any]],
) -> None:
    folder = needs_schema()
    assert core_errors(awarded[1], folder) == []
    assert schema_errors(awarded[1], folder) == []


def test_the_validator_catches_what_the_extensions_forbid(
    awarded: tuple[Path, dict[str, Any]],
) -> None:
    """Proves the extensions' rules are in force for every extension field we write: the core
    schema lets any extra field through, the extended one checks their types and codelists."""
    folder = needs_schema()
    broken = json.loads(json.dumps(awarded[1]))
    release = broken["releases"][0]
    lot = release["tender"]["lots"][0]
    del lot["id"]
    lot["title"] = 1
    lot["status"] = "done"
    release["tender"]["techniques"]["hasDynamicPurchasingSystem"] = "yes"
    release["awards"][0]["relatedLots"] = "1"
    release["parties"][2]["details"]["scale"] = "smallish"
    assert core_errors(broken, folder) == []
    assert sorted(schema_errors(broken, folder)) == [
        "releases/0/awards/0/relatedLots: '1' is not of type 'array'",
        "releases/0/parties/2/details/scale: 'smallish' is not one of "
        "['micro', 'sme', 'small', 'medium', 'large', 'selfEmployed', None]",
        "releases/0/tender/lots/0/status: 'done' is not one of "
        "['planning', 'planned', 'active', 'cancelled', 'unsuccessful', 'complete', "
        "'withdrawn', None]",
        "releases/0/tender/lots/0/title: 1 is not of type 'string', 'null'",
        "releases/0/tender/lots/0: 'id' is a required property",
        "releases/0/tender/techniques/hasDynamicPurchasingSystem: 'yes' is not of type "
        "'boolean', 'null'",
    ]


def test_each_stage_validates_with_the_tags_it_has_reached(tmp_path: Path) -> None:
    folder = needs_schema()
    launched = ocds_of(launched_workbook(tmp_path / "a"), tmp_path / "a.json")
    standstill = ocds_of(standstill_workbook(tmp_path / "b"), tmp_path / "b.json")
    assert launched["releases"][0]["tag"] == ["tender"]
    assert standstill["releases"][0]["tag"] == ["tender", "award"]
    assert standstill["releases"][0]["awards"][0]["status"] == "pending"
    assert schema_errors(launched, folder) == schema_errors(standstill, folder) == []
    assert core_errors(launched, folder) == core_errors(standstill, folder) == []


def test_award_contract_parties_and_extensions(awarded: tuple[Path, dict[str, Any]]) -> None:
    release = awarded[1]["releases"][0]
    assert release["ocid"] == "ocds-test01-CCIN-2026-014"
    assert release["tag"] == ["tender", "award", "contract"]
    roles = {p["id"]: p["roles"] for p in release["parties"]}
    assert roles["oldham-council"] == ["buyer", "centralPurchasingBody"]
    assert roles["CCIN-003"] == ["tenderer", "supplier"]
    assert roles["CCIN-002"] == ["tenderer"]
    winner = next(p for p in release["parties"] if p["id"] == "CCIN-003")
    assert winner["details"] == {"scale": "sme", "vcse": True}
    value = {"amount": 52000, "amountNet": 52000, "amountGross": 62400, "currency": "GBP"}
    assert release["awards"][0]["value"] == release["contracts"][0]["value"] == value
    assert release["awards"][0]["relatedLots"] == ["1"]
    assert release["contracts"][0]["dateSigned"] == "2026-12-30T00:00:00+00:00"
    tender = release["tender"]
    assert tender["techniques"] == {"hasDynamicPurchasingSystem": True}
    assert tender["lots"][0]["title"] == "Lot 1 – Policy Development & Testing"
    assert (tender["numberOfTenderers"], tender["numberOfInvitedSuppliers"]) == (4, 4)
    # BST is written with its offset: the contract ends on 6 June 2027.
    assert release["contracts"][0]["period"]["endDate"] == "2027-06-06T23:59:59+01:00"


def test_same_workbook_same_bytes_in_utf8(
    awarded: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    book, _ = awarded
    write_ocds(FileWorkbook(book), tmp_path / "1.json", NOW, "ocds-test01")
    write_ocds(FileWorkbook(book), tmp_path / "2.json", datetime(2030, 5, 1), "ocds-test01")
    first = (tmp_path / "1.json").read_bytes()
    assert first == (tmp_path / "2.json").read_bytes()
    assert 'Smith & Sons <Consulting> "Co-op"'.replace('"', '\\"').encode() in first
    assert "Lot 1 – Policy".encode() in first  # UTF-8, not \u escapes


def test_award_writes_the_same_package_as_dps_ocds(awarded: tuple[Path, dict[str, Any]]) -> None:
    book, package = awarded
    written = json.loads((book.parent / "CCIN-2026-014_ocds.json").read_text(encoding="utf-8"))
    assert written == package


def test_ocid_prefix_comes_from_the_option_then_the_environment_then_the_placeholder() -> None:
    assert ocid_prefix("ocds-abc123", {"DPS_OCID_PREFIX": "ocds-zzz999"}) == ("ocds-abc123", False)
    assert ocid_prefix(None, {"DPS_OCID_PREFIX": "ocds-zzz999"}) == ("ocds-zzz999", False)
    assert ocid_prefix(None, {}) == ("ocds-xxxxxx", True)
    with pytest.raises(DpsError, match="is not an OCDS ocid prefix"):
        ocid_prefix("OCDS-1", {})


def test_ocdskit_sees_a_release_package_and_combines_it(
    awarded: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    book, package = awarded
    path = book.parent / "CCIN-2026-014_ocds.json"
    assert detect_format(str(path))[0] is Format.release_package
    combined = combine_release_packages([package, package])
    assert combined["releases"] == package["releases"] * 2
    assert combined["extensions"] == package["extensions"]
    split = subprocess.run(
        [sys.executable, "-m", "ocdskit", "split-release-packages", "1"],
        input=path.read_bytes(),
        capture_output=True,
        check=True,
    )
    assert json.loads(split.stdout)["releases"] == package["releases"]


def test_ocdskit_compiles_the_package_into_a_record(awarded: tuple[Path, dict[str, Any]]) -> None:
    folder = needs_schema()
    _, package = awarded
    records = next(merge([package], schema=patched_release_schema(folder), return_package=True))[
        "records"
    ]
    compiled = records[0]["compiledRelease"]
    release = package["releases"][0]
    assert records[0]["ocid"] == release["ocid"]
    assert compiled["tag"] == ["compiled"]
    for key in ("parties", "tender", "awards", "contracts", "buyer"):
        assert compiled[key] == release[key]


def test_dps_ocds_refuses_a_draft(tmp_path: Path) -> None:
    from addin.errors import ActionRefused
    from tests.builders import build_workbook

    with pytest.raises(ActionRefused, match="cannot ocds a competition that is Draft"):
        write_ocds(
            FileWorkbook(build_workbook(tmp_path)), tmp_path / "x.json", AFTER_STANDSTILL, None
        )
