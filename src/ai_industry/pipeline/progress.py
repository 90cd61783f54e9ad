"""Following a Snakemake run as it goes: its output lines parsed into events (a job started, finished or failed;
steps done of total), shown live on a terminal (a rich progress bar naming the running steps) or as one plain
line per finished or failed step elsewhere (CI logs, pipes), and written whole to the build's log file.

The job descriptions are the `message:` of each rule in workflow/Snakefile ("section <report>/<stem> [<lang>]").
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from rich.console import Console

JOB_START = re.compile(r"^\s*Job (\d+): (.+?)\s*$")
JOB_FINISHED = re.compile(r"^\s*Finished jobid: (\d+)")
STEPS_DONE = re.compile(r"^\s*(\d+) of (\d+) steps \([^)]*\) done")
RULE_ERROR = re.compile(r"^\s*Error in rule (\S+):")
ERROR_JOBID = re.compile(r"^\s+jobid: (\d+)\s*$")


@dataclass(frozen=True)
class Event:
    kind: str  # "start", "finish", "fail", "progress"
    what: str = ""
    done: int = 0
    total: int = 0


@dataclass
class Tracker:
    """Reads Snakemake's output line by line and turns it into `Event`s."""

    running: dict[str, str] = field(default_factory=dict)  # jobid -> description
    done: int = 0
    total: int = 0
    failed: list[str] = field(default_factory=list)
    _error_rule: str | None = None

    def feed(self, line: str) -> list[Event]:
        if m := JOB_START.match(line):
            self.running[m[1]] = m[2]
            return [Event("start", m[2], self.done, self.total)]
        if m := JOB_FINISHED.match(line):
            if m[1] not in self.running:
                return []  # a job without a message (the final `all` target): nothing to show
            return [Event("finish", self.running.pop(m[1]), self.done, self.total)]
        if m := STEPS_DONE.match(line):
            self.done, self.total = int(m[1]), int(m[2])
            return [Event("progress", "", self.done, self.total)]
        if m := RULE_ERROR.match(line):
            self._error_rule = m[1]
            return []
        if self._error_rule and (m := ERROR_JOBID.match(line)):
            what = self.running.pop(m[1], f"{self._error_rule} (job {m[1]})")
            self._error_rule = None
            self.failed.append(what)
            return [Event("fail", what, self.done, self.total)]
        return []


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m:02d}:{s:02d}"


class PlainDisplay:
    """One line per finished or failed step: `[ 12/130] 01:05 section ai-clusters-2023/03_geography [zh]`."""

    def __init__(self, console: Console) -> None:
        self.console, self.t0, self.last = console, time.monotonic(), ""

    def __enter__(self) -> PlainDisplay:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def show(self, ev: Event) -> None:
        if ev.kind == "finish":
            self.last = ev.what
        elif ev.kind == "progress" and self.last:
            width = len(str(ev.total))
            self.console.print(
                f"[{ev.done:>{width}}/{ev.total}] {_clock(time.monotonic() - self.t0)} {self.last}",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
            self.last = ""
        elif ev.kind == "fail":
            self.console.print(f"FAILED {ev.what}", highlight=False, markup=False, soft_wrap=True)


class LiveDisplay:
    """A rich progress bar (steps done / total, elapsed) whose label names the steps running now; failures are
    printed above it as they happen."""

    def __init__(self, console: Console) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("[bold]build[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console,
            transient=True,
        )
        self.task = self.progress.add_task("starting…", total=None)
        self.running: list[str] = []

    def __enter__(self) -> LiveDisplay:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def show(self, ev: Event) -> None:
        if ev.kind == "start":
            self.running.append(ev.what)
        elif ev.kind in ("finish", "fail") and ev.what in self.running:
            self.running.remove(ev.what)
        if ev.kind == "fail":
            self.progress.console.print(f"[red]FAILED[/] {ev.what}", highlight=False)
        if ev.kind == "progress":
            self.progress.update(self.task, completed=ev.done, total=ev.total)
        label = ", ".join(self.running[:2]) + (f" (+{len(self.running) - 2})" if len(self.running) > 2 else "")
        self.progress.update(self.task, description=label)


def display_for(console: Console) -> LiveDisplay | PlainDisplay:
    return LiveDisplay(console) if console.is_terminal else PlainDisplay(console)


def run_followed(
    cmd: Sequence[str],
    cwd: Path,
    log: Path,
    console: Console,
    verbose: bool = False,
    echo: Callable[[str], None] | None = None,
) -> tuple[int, Tracker]:
    """Run `cmd` (Snakemake), write all its output to `log`, show progress on `console` (or pass every line
    through with `verbose`), and return its exit code and what was tracked."""
    tracker = Tracker()
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w", encoding="utf-8") as fh, display_for(console) if not verbose else _Null() as display:
        proc = subprocess.Popen(
            list(cmd),
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        assert proc.stdout is not None
        try:
            for line in _lines(proc.stdout):
                fh.write(line)
                fh.flush()
                if verbose:
                    (echo or sys.stderr.write)(line)
                for ev in tracker.feed(line):
                    display.show(ev)
        except KeyboardInterrupt:
            proc.terminate()
            proc.wait()
            raise
        code = proc.wait()
    return code, tracker


def _lines(stream: IO[str]):
    yield from iter(stream.readline, "")


class _Null:
    def __enter__(self) -> _Null:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def show(self, ev: Event) -> None:
        return None
