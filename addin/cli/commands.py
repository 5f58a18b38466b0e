"""Every `dps` sub-command, in the order an officer meets them."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from addin.cli import (
    addin_command,
    award,
    demo,
    evaluate,
    launch,
    letters,
    new,
    register,
    report_command,
    serve,
    template,
    validate,
)

Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]

REGISTRY: list[Register] = [
    new.register,
    validate.register,
    launch.register,
    evaluate.register,
    letters.register,
    award.register,
    report_command.register,
    register.register,
    demo.register,
    template.register,
    addin_command.register,
    serve.register,
]
