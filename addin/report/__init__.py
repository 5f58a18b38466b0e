"""Renderers for the evaluation report: Markdown text and a Word document."""
