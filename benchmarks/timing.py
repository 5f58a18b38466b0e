"""Whole-process timing: each command run as its own process, interleaved with its floor.

A subject and its floor run turn about (subject, floor, subject, floor, …) so a machine shared
with other work slows both alike, and the ratio of their medians is what a target is held to.
Each run's wall time, CPU time (user + system) and peak memory (maximum resident set size) come
from `os.wait4` on that one child, so nothing else running on the machine is counted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PYTHON = sys.executable


PROGRAM = [str(BIN / "dps")]  # run.py --program changes it (to time another checkout)


def dps(*arguments: str) -> list[str]:
    return [*PROGRAM, *arguments]


def python(code: str) -> list[str]:
    return [PYTHON, "-c", code]


@dataclass
class Command:
    label: str
    argv: Sequence[str]
    before: Callable[[], None] | None = None  # untimed, before each run (a fresh copy, say)
    expect: tuple[int, ...] = (0,)


@dataclass
class Runs:
    command: Command
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def run_once(command: Command, runs: Runs) -> None:
    if command.before:
        command.before()
    start = time.perf_counter()
    child = subprocess.Popen(
        command.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.stderr:
        child.stderr.close()
    if child.returncode not in command.expect:
        raise SystemExit(
            f"{command.label}: exit {child.returncode}\n{' '.join(command.argv)}\n{error}"
        )
    runs.wall.append(wall)
    runs.cpu.append(usage.ru_utime + usage.ru_stime)
    runs.peak_mb = max(runs.peak_mb, usage.ru_maxrss / 1024)  # KB on Linux


def measure(commands: Sequence[Command], repeat: int) -> list[Runs]:
    """Each command `repeat` times (after one untimed warm-up each), interleaved."""
    results = [Runs(c) for c in commands]
    for c in commands:
        run_once(c, Runs(c))  # warm the disk cache and bytecode
    for _ in range(repeat):
        for c, r in zip(commands, results, strict=True):
            run_once(c, r)
    return results


@dataclass
class Row:
    label: str
    subject: Runs
    floor: Runs | None = None
    target_ratio: float | None = None
    target_seconds: float | None = None
    target_mb: float | None = None

    @property
    def ratio(self) -> float | None:
        return self.subject.median / self.floor.median if self.floor else None

    def verdicts(self) -> list[bool]:
        met = []
        if self.target_ratio is not None and self.ratio is not None:
            met.append(self.ratio <= self.target_ratio)
        if self.target_seconds is not None:
            met.append(self.subject.median <= self.target_seconds)
        if self.target_mb is not None:
            met.append(self.subject.peak_mb <= self.target_mb)
        return met

    def line(self) -> str:
        floor = f"{self.floor.median * 1000:8.0f} ms" if self.floor else " " * 11
        ratio = ""
        if self.floor and self.ratio is not None:
            cpu = self.subject.cpu_median / max(self.floor.cpu_median, 1e-9)
            ratio = f"{self.ratio:.2f}× (CPU {cpu:.2f}×)"
        targets = []
        if self.target_ratio is not None:
            targets.append(f"≤{self.target_ratio:g}×")
        if self.target_seconds is not None:
            targets.append(f"≤{self.target_seconds:g} s")
        if self.target_mb is not None:
            targets.append(f"≤{self.target_mb:g} MB")
        verdicts = self.verdicts()
        met = "" if not verdicts else ("met" if all(verdicts) else "NOT met")
        return (
            f"| {self.label} | {self.subject.median * 1000:.0f} ms "
            f"| {self.subject.cpu_median * 1000:.0f} ms | {self.subject.peak_mb:.0f} MB "
            f"| {floor.strip()} | {ratio} | {' '.join(targets)} | {met} |"
        )


HEADER = (
    "| benchmark | wall (median) | CPU (median) | peak memory | floor (median) | ratio "
    "| target | |\n|---|---|---|---|---|---|---|---|"
)
