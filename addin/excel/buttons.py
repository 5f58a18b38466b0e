"""The ribbon's buttons as plain data: one place for ids, labels, icons and the Python action.

Pure data with no xlwings import, so the add-in builder, the ribbon XML test and the
dispatcher can all read it on any platform. `customUI.xml` is hand-written but a test proves
it matches this tuple button for button, and the VBA passes only `control.Id` to Python, so
adding a button never needs a VBA change.

Every `image_mso` is an Excel control id from Microsoft's published list of Office Fluent UI
command identifiers (OfficeDev/office-fluent-ui-command-identifiers, excelcontrols.xlsx), so
each icon exists in Excel on Windows and macOS.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    id: str
    label: str
    image_mso: str
    screentip: str
    supertip: str
    # Name of the function in addin/excel/actions.py the dispatcher calls for this button.
    action: str
    # The ribbon group the button sits in (GROUPS), in both the .xlam and the Office.js manifest.
    group: str


# The ribbon's groups, left to right: (id, label).
GROUPS: tuple[tuple[str, str], ...] = (
    ("competition", "Competition"),
    ("evaluation", "Evaluation"),
    ("outcome", "Outcome"),
)


BUTTONS: tuple[Button, ...] = (
    Button(
        id="validate",
        label="Validate",
        image_mso="DataValidation",
        screentip="Validate the competition",
        supertip="Check this workbook against the DPS rules and list every problem found. "
        "Only highlights the cells at fault; changes no values.",
        action="validate",
        group="competition",
    ),
    Button(
        id="launch",
        label="Launch",
        image_mso="Lock",
        screentip="Launch the competition",
        supertip="Validate, then lock the published criteria and weightings and mark the "
        "competition as Launched.",
        action="launch",
        group="competition",
    ),
    Button(
        id="accept_late",
        label="Accept late bid",
        # Office's shared "Accept Change" image (Word's Review tab); check it shows in Excel.
        image_mso="ReviewAcceptChange",
        screentip="Accept a late bid",
        supertip="Record the decision, with its reason, to evaluate a bid that arrived after "
        "the closing time (e.g. a portal failure). Only before the evaluator tabs are created.",
        action="accept_late",
        group="evaluation",
    ),
    Button(
        id="evaluators",
        label="Evaluator tabs",
        image_mso="SheetInsert",
        screentip="Create evaluator tabs",
        supertip="Add one scoring sheet per evaluator for the independent evaluation.",
        action="evaluators",
        group="evaluation",
    ),
    Button(
        id="moderate",
        label="Moderate",
        image_mso="CompareAndMergeWorkbooks",
        screentip="Moderate the scores",
        supertip="Bring the evaluators' scores together for moderation and show where "
        "they disagree.",
        action="moderate",
        group="evaluation",
    ),
    Button(
        id="score",
        label="Score",
        image_mso="AutoSum",
        screentip="Score the bids",
        supertip="Calculate weighted quality, social value and price scores and rank the bidders.",
        action="score",
        group="evaluation",
    ),
    Button(
        id="letters",
        label="Letters",
        image_mso="FileSendAsAttachment",
        screentip="Write outcome letters",
        supertip="Create the award and unsuccessful-bidder letters from the scored competition.",
        action="letters",
        group="outcome",
    ),
    Button(
        id="award",
        label="Award",
        image_mso="SignatureLineInsert",
        screentip="Record the award",
        supertip="After the standstill has ended: record the contract signed, its value and "
        "what the council must publish; write the award record for Oldham and the OCDS file.",
        action="award",
        group="outcome",
    ),
    Button(
        id="report",
        label="Report",
        image_mso="FilePrintPreview",
        screentip="Write the evaluation report",
        supertip="Produce the evaluation report that records how the award decision was reached.",
        action="report",
        group="outcome",
    ),
    Button(
        id="abandon",
        label="Abandon",
        image_mso="CancelRequest",
        screentip="Abandon the competition",
        supertip="Decide not to award: record the reason, write a letter to each bidder and mark "
        "the competition Abandoned. Not possible once the award is recorded.",
        action="abandon",
        group="outcome",
    ),
)


def button(button_id: str) -> Button:
    """The button with this id; KeyError names the unknown id."""
    for candidate in BUTTONS:
        if candidate.id == button_id:
            return candidate
    raise KeyError(button_id)
