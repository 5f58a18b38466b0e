"""Template lint: the committed letters are the builder's output and use only real fields."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import get_args

import pytest

from addin.letters.context import (
    AbandonmentContext,
    AwardCriterion,
    CriterionRow,
    LetterContext,
    Outcome,
    letter_fields,
    row_fields,
)
from addin.letters.render import criteria_row_fields, loop_item_fields, template_fields
from addin.letters.templates import (
    BUILDERS,
    CONTEXT_FOR_TEMPLATE,
    TEMPLATE_FOR_OUTCOME,
    TEMPLATES_DIR,
    write_templates,
)

NAMES = sorted(BUILDERS)

# What reg. 86 and the assessment-summary standard need each letter to say.
REQUIRED = {
    "successful.docx": {"total", "rank", "ranked_count", "dps_owner", "has_standstill"},
    "unsuccessful.docx": {
        "total",
        "winner_total",
        "winner_name",
        "rank",
        "ranked_count",
        "has_standstill",
        "standstill_end",
        "reasons_request_days",
    },
    "not_evaluated.docx": {
        "reason",
        "outcome",
        "winner_name",
        "has_standstill",
        "standstill_end",
        "reasons_request_days",
    },
    "abandoned.docx": {"reason", "abandoned_on", "bid_received", "reasons_request_days"},
}
# Category is shown through the Quality / Social value / Price sub-totals instead.
EVERY_ROW_FIELD = set(CriterionRow.model_fields) - {"category"}
REQUIRED_ROW = {
    "successful.docx": {"id", "criterion", "weight", "max_score", "your_score", "your_points"}
    | {"your_reason"},
    "unsuccessful.docx": EVERY_ROW_FIELD,
    "not_evaluated.docx": EVERY_ROW_FIELD,
    "abandoned.docx": set(),
}
# reg. 86(2)(a): a bid never scored still has the award criteria and weightings restated.
REQUIRED_AWARD_CRITERIA = {"not_evaluated.docx": {"id", "criterion", "category", "weight"}}


def _text_parts(path: Path) -> dict[str, str]:
    # The words and structure of the letter; docProps and zip timestamps are not compared.
    with zipfile.ZipFile(path) as archive:
        wanted = re.compile(r"word/(document|header\d*|footer\d*)\.xml")
        return {n: archive.read(n).decode() for n in archive.namelist() if wanted.fullmatch(n)}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("templates")
    write_templates(folder)
    return folder


@pytest.mark.parametrize("name", NAMES)
def test_committed_template_matches_the_builder(fresh: Path, name: str) -> None:
    parts = _text_parts(fresh / name)
    assert {"word/document.xml", "word/header1.xml"} <= set(parts)
    assert parts == _text_parts(TEMPLATES_DIR / name), (
        "run `python -m addin.letters.templates` and commit letter_templates/"
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_tag_is_a_letter_field(name: str) -> None:
    template = TEMPLATES_DIR / name
    assert template_fields(template) <= letter_fields(CONTEXT_FOR_TEMPLATE[name])
    assert criteria_row_fields(template) <= row_fields()
    assert loop_item_fields(template, "award_criteria") <= set(AwardCriterion.model_fields)


@pytest.mark.parametrize("name", NAMES)
def test_each_letter_says_what_the_regulations_need(name: str) -> None:
    template = TEMPLATES_DIR / name
    assert REQUIRED[name] <= template_fields(template)
    assert {"supplier_name", "authority", "reference", "officer_name"} <= template_fields(template)
    assert REQUIRED_ROW[name] <= criteria_row_fields(template)
    wanted = REQUIRED_AWARD_CRITERIA.get(name, set())
    assert wanted <= loop_item_fields(template, "award_criteria")


def test_every_outcome_has_a_template() -> None:
    assert set(TEMPLATE_FOR_OUTCOME) == set(get_args(Outcome))
    assert set(TEMPLATE_FOR_OUTCOME.values()) | {"abandoned.docx"} == set(BUILDERS)
    assert set(CONTEXT_FOR_TEMPLATE) == set(BUILDERS)


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (LetterContext, letter_fields()),
        (AbandonmentContext, letter_fields(AbandonmentContext)),
        (CriterionRow, row_fields()),
        (AwardCriterion, frozenset(AwardCriterion.model_fields)),
    ],
)
def test_every_field_is_in_the_docstring_table(model: type, fields: frozenset[str]) -> None:
    # A context documents its own fields; the fields it inherits are in its base's table.
    docs = "".join(c.__doc__ or "" for c in model.__mro__ if c.__module__ == model.__module__)
    documented = set(re.findall(r"^\s*\| `(\w+)` \|", docs, re.MULTILINE))
    assert documented == set(fields)
