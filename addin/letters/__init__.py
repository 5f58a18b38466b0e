"""Letters: what each says (compose.py → context.py), the Word templates built by code
(templates.py, from template_parts.py and template_tables.py), print layout shared with the
report (word_layout.py), filling them with docxtpl and converting to PDF (render.py), and bank
holidays (calendar.py)."""
