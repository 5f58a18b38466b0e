"""Lays out report blocks as Markdown or as a Word document (python-docx)."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from addin.domain.report import Heading, Paragraph, Report, Table
from addin.letters.render import write_atomically


def _text(text: str) -> str:
    # Supplier names such as "Smith & Sons <Consulting>" must not be read as HTML tags.
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _cell(text: str) -> str:
    return _text(text).replace("|", "\\|").replace("\n", "<br>")


def to_markdown(report: Report) -> str:
    lines = [f"# {_text(report.title)}", ""]
    for block in report.blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + block.text, ""]
        elif isinstance(block, Paragraph):
            lines += [_text(block.text), ""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(_cell(h) for h in block.headers) + " |")
            lines.append("|" + "---|" * len(block.headers))
            lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in block.rows]
            lines.append("")
    return "\n".join(lines)


def _docx(report: Report, out: Path) -> None:
    doc = Document()
    doc.add_heading(report.title, level=1)
    for block in report.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            doc.add_paragraph(block.text)
        elif isinstance(block, Table):
            table = doc.add_table(rows=1, cols=len(block.headers))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in block.rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
    doc.save(str(out))


def write_report(report: Report, out: Path) -> Path:
    """`.md` gives Markdown; anything else a Word document. Written atomically."""
    if out.suffix.lower() == ".md":
        return write_atomically(
            out, lambda temp: temp.write_text(to_markdown(report), encoding="utf-8")
        )
    return write_atomically(out, lambda temp: _docx(report, temp))
