"""The CCIN DPS tab as an Office.js add-in, served by xlwings Server (`dps serve`).

Needs the optional extra: `pip install ".[server]"` (Python 3.11 or later). Everything that
imports xlwings_server lives in `scripts.py`, `asgi.py` and the project folder `project/`
(custom_scripts, templates, static files); the rest (settings, downloads, the task pane's
report) is plain Python that the tests run everywhere.
"""
