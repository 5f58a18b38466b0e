"""Letters come out with exactly the text put in: escaped, complete, and never half-written."""

from __future__ import annotations

import re
import shutil
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from docx import Document
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from pydantic import ValidationError

from addin.letters import pdf
from addin.letters.context import LetterContext, two_dp, weight_text
from addin.letters.pdf import PdfUnavailable, docx_to_pdf
from addin.letters.render import (
    LetterRenderer,
    LetterTemplateError,
    LetterTemplateInvalid,
    render_letter,
)
from addin.letters.reused_document import ReusedDocument
from addin.letters.templates import ABANDONED, TEMPLATES_DIR, template_for
from tests.letters.builders import (
    AWKWARD_SUPPLIER,
    AWKWARD_WINNER,
    WINNER_REASON,
    YOUR_REASON,
    make_abandonment,
    make_context,
    read_letter,
    tiny_template,
)

SUBJECT = (
    "Mini-competition OLD-2026-014: Youth voice & R&D review "
    "(Lot 1 – Policy Development & Testing) – outcome"
)
STANDSTILL = "ends at midnight at the end of Monday 4 January 2027"
_REASON_LATE = "Your bid arrived at 12:04 on 20 November 2026, after the 12:00 deadline."


def _render(tmp_path: Path, context: LetterContext) -> Path:
    out = tmp_path / f"{context.supplier_id}.docx"
    return render_letter(template_for(context.outcome), context, out)


@pytest.mark.parametrize("outcome", ["successful", "unsuccessful", "not evaluated", "rejected"])
def test_every_letter_keeps_awkward_names_exact(tmp_path: Path, outcome: str) -> None:
    letter = read_letter(_render(tmp_path, make_context(outcome)))
    assert letter.header == [
        "Oldham Council",
        "Civic Centre\nWest Street\nOldham\nOL1 1UT",
        f"Commercial in confidence – {AWKWARD_SUPPLIER}",
    ]
    assert letter.footer == [
        "CCIN Consultancy Services Dynamic Purchasing System – mini-competition OLD-2026-014",
        "Page 1 of 1",  # Word fields, numbered as Word lays the letter out
    ]
    assert letter.body[:8] == [
        "Our ref: OLD-2026-014",
        "Date: 24 December 2026",
        "Sam Smith",
        AWKWARD_SUPPLIER,
        "Unit 2, Mill & Co Yard\nOldham\nOL1 1AA",
        "Sent by email",
        SUBJECT,
        "Dear Sam Smith,",
    ]
    assert "Jane O'Neil at jane.oneil@oldham.gov.uk or on 0161 770 3000." in letter.text
    assert letter.body[-2:] == ["Jane O'Neil", "Oldham Council"]
    assert "within 15 days of receiving your request" in letter.text
    assert STANDSTILL in letter.text
    assert "{{" not in letter.text + "".join(letter.header) and "{%" not in letter.text


def test_unsuccessful_sets_each_score_beside_the_winners(tmp_path: Path) -> None:
    letter = read_letter(_render(tmp_path, make_context("unsuccessful")))
    scores, summary, reasons = letter.tables
    assert scores == [
        [
            "Criterion",
            "Weight",
            "Max score",
            "Your score",
            "Your points",
            "Winning score",
            "Winning points",
        ],
        ["Q1 Approach to R&D <co-design>", "30 %", "5", "3.00", "18.00", "4.00", "24.00"],
        ["SV1 Local jobs & training", "10 %", "5", "4.00", "8.00", "4.50", "9.00"],
        ["P1 Price", "60 %", "–", "£45,000.00", "45.50", "£40,000.00", "51.25"],
    ]
    assert summary[1:] == [
        ["Quality", "18.00", "24.00"],
        ["Social value", "8.00", "9.00"],
        ["Price", "45.50", "51.25"],
        ["Total (out of 100)", "71.50", "84.25"],
    ]
    assert reasons[1] == ["Q1 Approach to R&D <co-design>", YOUR_REASON, WINNER_REASON]
    assert (
        f"Your bid scored 71.50 points out of 100 and ranked 2 of 3. The winning bid, from "
        f"{AWKWARD_WINNER}, scored 84.25 points." in letter.body
    )
    assert "Price was scored by this method: lowest price ÷ bid price × 60." in letter.body


def test_successful_congratulates_and_names_the_dps_owner(tmp_path: Path) -> None:
    letter = read_letter(_render(tmp_path, make_context("successful")))
    assert f"intends to award the contract to {AWKWARD_SUPPLIER}." in letter.text
    assert "Congratulations" in letter.text and "ranked 1 of 3" in letter.text
    assert "notify this award to Oldham Council, for the Co-operative Councils'" in letter.text
    assert [len(row) for row in letter.tables[0]] == [5] * 4  # no winner columns
    assert letter.tables[2][1] == ["Q1 Approach to R&D <co-design>", YOUR_REASON]


def test_successful_without_standstill(tmp_path: Path) -> None:
    context = make_context("successful", has_standstill=False, standstill_end="")
    letter = read_letter(_render(tmp_path, context))
    assert "standstill" not in letter.text
    assert "We will contact you shortly to finalise the contract." in letter.text


def test_late_bid_gives_the_precise_reason_and_restates_the_criteria(tmp_path: Path) -> None:
    letter = read_letter(_render(tmp_path, make_context("not evaluated")))
    reason = letter.body.index("Your bid was not evaluated, for this reason:")
    assert letter.body[reason + 1] == _REASON_LATE
    assert f"award the contract to {AWKWARD_WINNER}, whose bid scored 84.25" in letter.text
    # reg. 86(2)(a): the award criteria and weightings, even for a bid that was never scored.
    assert (
        "The award criteria and their weightings, as published in the invitation, were:"
        in letter.body
    )
    assert letter.tables == [
        [
            ["Criterion", "Category", "Weight", "Max score"],
            ["Q1 Approach to R&D <co-design>", "Quality", "30 %", "5"],
            ["SV1 Local jobs & training", "Social Value", "10 %", "5"],
            ["P1 Price", "Price", "60 %", "–"],
        ]
    ]
    assert not any(text.startswith("{%") for text in letter.body)
    assert "rejected" not in letter.text and "excluded" not in letter.text


def test_rejected_bid_shows_the_reason_the_criteria_and_the_scores(tmp_path: Path) -> None:
    letter = read_letter(_render(tmp_path, make_context("rejected")))
    reason = letter.body.index("Your bid was rejected, for this reason:")
    assert "below the minimum of 2 stated in the invitation." in letter.body[reason + 1]
    assert "Your bid was scored before it was rejected." in letter.text
    assert "exclu" not in letter.text  # exclusion means the reg. 57 grounds, not a low score
    criteria, scores, _, reasons = letter.tables
    assert criteria[1] == ["Q1 Approach to R&D <co-design>", "Quality", "30 %", "5"]
    assert scores[1][-2:] == ["4.00", "24.00"]
    assert reasons[1] == ["Q1 Approach to R&D <co-design>", YOUR_REASON, WINNER_REASON]


def test_no_standstill_leaves_no_standstill_text(tmp_path: Path) -> None:
    context = make_context("unsuccessful", has_standstill=False, standstill_end="")
    assert "standstill" not in read_letter(_render(tmp_path, context)).text


def test_control_characters_from_pasted_text_are_dropped(tmp_path: Path) -> None:
    # \a and \f would be read by docxtpl as "new paragraph" and "page break"; \x0b breaks XML.
    context = make_context(supplier_name="Smith\a & Sons\x0b\f Ltd\r\nNorth")
    assert context.supplier_name == "Smith & Sons Ltd\nNorth"
    assert read_letter(_render(tmp_path, context)).body[3] == "Smith & Sons Ltd\nNorth"


def test_unknown_field_names_the_field_and_the_template(tmp_path: Path) -> None:
    template = tiny_template(tmp_path / "typo.docx", "Dear {{ contact_nme }},")
    out = tmp_path / "letter.docx"
    with pytest.raises(LetterTemplateError) as caught:
        render_letter(template, make_context(), out)
    assert caught.value.field == "contact_nme"
    assert "contact_nme" in str(caught.value) and "typo.docx" in str(caught.value)
    assert not out.exists()


def test_unknown_field_in_a_header_or_a_criteria_row(tmp_path: Path) -> None:
    header = tiny_template(tmp_path / "h.docx", "x", header="{{ suplier_name }}")
    with pytest.raises(LetterTemplateError, match="suplier_name"):
        render_letter(header, make_context(), tmp_path / "h-out.docx")
    row = tiny_template(tmp_path / "r.docx", table=("{{ row.id }}", "{{ row.your_scor }}"))
    with pytest.raises(LetterTemplateError) as caught:
        render_letter(row, make_context(), tmp_path / "r-out.docx")
    assert caught.value.field == "row.your_scor"


def test_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    template = tiny_template(tmp_path / "sneaky.docx", "{{ supplier_name.__class__ }}")
    with pytest.raises(LetterTemplateInvalid, match="unsafe"):
        render_letter(template, make_context(), tmp_path / "out.docx")


def test_broken_tag_and_non_docx_are_clear_errors(tmp_path: Path) -> None:
    broken = tiny_template(tmp_path / "broken.docx", "{% if has_standstill %}no endif")
    with pytest.raises(LetterTemplateInvalid, match=r"broken\.docx: a tag is broken"):
        render_letter(broken, make_context(), tmp_path / "out.docx")
    not_word = tmp_path / "notes.docx"
    not_word.write_text("not a zip")
    with pytest.raises(LetterTemplateInvalid, match="cannot be opened as a Word"):
        render_letter(not_word, make_context(), tmp_path / "out.docx")


def test_unranked_values_print_nothing_not_none(tmp_path: Path) -> None:
    template = tiny_template(tmp_path / "rank.docx", "Rank: [{{ rank }}]")
    out = render_letter(template, make_context("not evaluated"), tmp_path / "out.docx")
    assert read_letter(out).body == ["Rank: []"]


def test_failed_render_keeps_the_old_letter_and_leaves_no_temp_file(tmp_path: Path) -> None:
    out = tmp_path / "letters" / "S004.docx"
    render_letter(template_for("unsuccessful"), make_context(), out)
    before = out.read_bytes()
    typo = tiny_template(tmp_path / "typo.docx", "{{ nope }}")
    with pytest.raises(LetterTemplateError):
        render_letter(typo, make_context(), out)
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["S004.docx"]


def _parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as package:
        return {name: package.read(name) for name in package.namelist()}


def _docxtpl_alone(template: Path, context: LetterContext, out: Path) -> Path:
    """The reference: a fresh DocxTemplate for the one letter, as docxtpl's own guide does it."""
    environment = SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=True, finalize=lambda v: "" if v is None else v
    )
    document = DocxTemplate(template)
    document.render(context.model_dump(), jinja_env=environment, autoescape=True)
    document.save(out)
    return out


def test_a_run_makes_each_letter_as_a_fresh_docxtpl_would(tmp_path: Path) -> None:
    """LetterRenderer opens each template once and reuses its unchanged parts for a run's
    letters: every part of every letter must still be what docxtpl alone makes of it, and no
    letter may carry anything of the one made before it."""
    contexts = [
        make_context("unsuccessful"),
        make_context("unsuccessful", supplier_id="S005", supplier_name="Other & Co", total="60.00"),
        make_context("successful"),
        make_context("not evaluated", supplier_id="S007"),
        make_context("unsuccessful", supplier_id="S006", contact_name="Ann <Lee>"),
    ]
    renderer = LetterRenderer()
    (tmp_path / "alone").mkdir()
    for n, context in enumerate(contexts):
        template = template_for(context.outcome)
        in_run = renderer.render(template, context, tmp_path / "run" / f"{n}.docx")
        alone = _docxtpl_alone(template, context, tmp_path / "alone" / f"{n}.docx")
        assert _parts(in_run) == _parts(alone)
        with zipfile.ZipFile(in_run) as package:
            assert package.testzip() is None
    assert "Other & Co" in read_letter(tmp_path / "run" / "1.docx").text
    assert "Other & Co" not in read_letter(tmp_path / "run" / "4.docx").text
    assert read_letter(tmp_path / "run" / "4.docx").header[-1].endswith(AWKWARD_SUPPLIER)


def test_document_properties_are_filled_for_each_letter_of_a_run(tmp_path: Path) -> None:
    template = tmp_path / "titled.docx"
    document = Document()
    document.core_properties.title = "Outcome for {{ supplier_name }}"
    document.add_paragraph("Dear {{ contact_name }},")
    document.save(str(template))
    renderer = LetterRenderer()
    for name in ("First Ltd", "Second Ltd"):
        context = make_context(supplier_name=name)
        in_run = renderer.render(template, context, tmp_path / f"{name}.docx")
        alone = _docxtpl_alone(template, context, tmp_path / f"{name} alone.docx")
        assert Document(str(in_run)).core_properties.title == f"Outcome for {name}"
        assert _parts(in_run) == _parts(alone)


def _without_properties(template: Path, out: Path) -> Path:
    """`template` without docProps/core.xml (Word always writes it; a hand-made file may not)."""
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "docProps/core.xml":
                continue
            if name in ("_rels/.rels", "[Content_Types].xml"):
                data = re.sub(rb"<(Relationship|Override)[^>]*core[^>]*/>", b"", data)
            target.writestr(name, data)
    return out


def test_a_template_without_document_properties_is_filled_the_ordinary_way(
    tmp_path: Path,
) -> None:
    template = _without_properties(template_for("unsuccessful"), tmp_path / "bare.docx")
    renderer = LetterRenderer()
    for name in ("First Ltd", "Second Ltd"):
        context = make_context(supplier_name=name)
        in_run = renderer.render(template, context, tmp_path / f"{name}.docx")
        alone = _docxtpl_alone(template, context, tmp_path / f"{name} alone.docx")
        assert _parts(in_run).keys() == _parts(alone).keys()
        assert read_letter(in_run) == read_letter(alone)
        assert name in read_letter(in_run).text


def test_context_refuses_contradictions() -> None:
    with pytest.raises(ValidationError, match="only the bid ranked 1"):
        make_context("successful", rank=2)
    with pytest.raises(ValidationError, match="precise reason"):
        make_context("not evaluated", reason=" ")
    with pytest.raises(ValidationError, match="has no rank"):
        make_context("rejected", rank=3)
    with pytest.raises(ValidationError, match="standstill_end"):
        make_context(standstill_end="")
    with pytest.raises(ValidationError, match="extra"):
        make_context(bidder_name="x")


def test_number_formats() -> None:
    values = (None, 12.345, 3, Decimal("0.005"), Decimal("71.5"), Fraction(2, 3), Fraction(1, 8))
    expected = ["–", "12.35", "3.00", "0.01", "71.50", "0.67", "0.13"]
    assert [two_dp(v) for v in values] == expected
    assert [weight_text(w) for w in (30, 12.5, Decimal("40.00"))] == ["30 %", "12.5 %", "40 %"]


def test_pdf_without_libreoffice_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "_LIBREOFFICE_LOCATIONS", ())
    with pytest.raises(PdfUnavailable) as caught:
        docx_to_pdf(tmp_path / "S004.docx", tmp_path / "pdf")
    assert "LibreOffice is not installed" in str(caught.value)
    assert "Save As > PDF" in caught.value.hint
    assert not (tmp_path / "pdf").exists()


@pytest.mark.parametrize("bid_received", [True, False])
def test_abandonment_letter_gives_the_decision_and_its_reason(
    tmp_path: Path, bid_received: bool
) -> None:
    context = make_abandonment(bid_received=bid_received)
    out = render_letter(TEMPLATES_DIR / ABANDONED, context, tmp_path / "abandoned.docx")
    letter = read_letter(out)
    assert letter.header[0] == "Oldham Council"
    assert letter.body[6] == (
        "Mini-competition OLD-2026-014: Youth voice & R&D review "
        "(Lot 1 – Policy Development & Testing) – competition abandoned"
    )
    decided = letter.body.index(
        "I am writing to tell you that on 20 November 2026 Oldham Council decided not to award a "
        "contract in this mini-competition, and has abandoned it, for this reason:"
    )
    assert letter.body[decided + 1] == (
        "The pilot's funding was withdrawn by the <Food> & Health board"
    )
    assert "No contract will be awarded in this mini-competition." in letter.text
    assert ("We will keep your bid confidential." in letter.text) is bid_received
    assert ("The invitation to bid is withdrawn" in letter.text) is not bid_received
    assert "within 15 days of receiving your request" in letter.text
    assert "standstill" not in letter.text and "{" not in letter.text


def test_abandonment_needs_a_reason() -> None:
    with pytest.raises(ValidationError, match="needs the reason"):
        make_abandonment(reason="  ")


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_FOOTNOTES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {_W}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:t>Bid of {{ supplier_name }}</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)
_FOOTNOTE_REFERENCE = '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'


def _with_footnote(out: Path) -> Path:
    """A template whose footnote names the supplier (python-docx cannot add footnotes)."""
    plain = out.with_name("plain.docx")
    document = Document()
    document.core_properties.title = "Outcome"
    document.add_paragraph("Dear {{ contact_name }},")
    document.save(str(plain))
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            if not name.endswith((".xml", ".rels")):
                target.writestr(name, source.read(name))
                continue
            data = source.read(name).decode("utf-8")
            if name == "word/document.xml":
                data = data.replace("</w:p>", _FOOTNOTE_REFERENCE, 1)
            elif name == "word/_rels/document.xml.rels":
                data = data.replace(
                    "</Relationships>",
                    '<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    "</Relationships>",
                )
            elif name == "[Content_Types].xml":
                data = data.replace(
                    "</Types>",
                    '<Override PartName="/word/footnotes.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            target.writestr(name, data)
        target.writestr("word/footnotes.xml", _FOOTNOTES)
    return out


def test_each_letter_of_a_run_gets_its_own_footnotes(tmp_path: Path) -> None:
    """docxtpl fills footnotes too; the reused template must put them back after each letter,
    or the second letter would carry the first supplier's footnote."""
    template = _with_footnote(tmp_path / "footnoted.docx")
    renderer = LetterRenderer()
    for name in ("First Ltd", "Second Ltd"):
        context = make_context(supplier_name=name)
        in_run = renderer.render(template, context, tmp_path / f"{name}.docx")
        alone = _docxtpl_alone(template, context, tmp_path / f"{name} alone.docx")
        footnotes = _parts(in_run)["word/footnotes.xml"].decode("utf-8")
        assert f"Bid of {name}<" in footnotes
        assert _parts(in_run) == _parts(alone)


@pytest.mark.parametrize("change", ["replace a member", "add a part"])
def test_a_letter_that_would_change_the_template_s_parts_is_never_written(
    tmp_path: Path, change: str
) -> None:
    """`restore` puts back only what filling text replaces: any other change to the package
    would reach every later letter of the run, so such a letter is refused, not written."""
    document = ReusedDocument.of(template_for("unsuccessful").read_bytes(), {})
    assert document is not None
    if change == "replace a member":
        styles = tmp_path / "styles.xml"
        styles.write_bytes(b"<w:styles/>")
        document.replace_zipname("word/styles.xml", str(styles))
    else:
        document.docx.sections[0].different_first_page_header_footer = True
        document.docx.sections[0].first_page_header.is_linked_to_previous = False
    out = tmp_path / "letter.docx"
    with pytest.raises(RuntimeError, match="cannot be reused"):
        document.save(out)
    assert not out.exists()
