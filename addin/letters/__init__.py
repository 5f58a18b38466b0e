"""Outcome letters: the letter context (context.py), the Word templates (templates.py), filling
them with docxtpl and converting to PDF (render.py), and bank holidays (calendar.py)."""
