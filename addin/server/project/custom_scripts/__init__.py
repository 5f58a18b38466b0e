"""The only names xlwings Server can call: the buttons' scripts (see addin/server/scripts.py).

Nothing else may be imported into this module: xlwings Server calls whatever attribute of it a
request names.
"""

from addin.server.scripts import (
    abandon,
    accept_late,
    award,
    evaluators,
    launch,
    letters,
    moderate,
    report,
    score,
    validate,
)

__all__ = [
    "abandon",
    "accept_late",
    "award",
    "evaluators",
    "launch",
    "letters",
    "moderate",
    "report",
    "score",
    "validate",
]
