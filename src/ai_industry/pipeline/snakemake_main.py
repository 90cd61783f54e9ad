"""Snakemake's command line (`python -m ai_industry.pipeline.snakemake_main ARGS` = `python -m snakemake ARGS`), with
one fix to its scheduler.

Snakemake 9 limits job submissions to `--max-jobs-per-timespan` (default 100/1s) and, after every scheduling
round, starts a timer that runs another round when the timespan has passed. A round started by that timer starts
a timer of its own, so every job that finishes adds a chain that never ends while the build runs: a clean build
of this project (240 jobs) ran ~11,700 rounds, ~84 a second by its end, each one looking up the size of every input
of every ready job (2.6 million `stat` calls, ~25 of the Snakemake process's ~28 CPU-seconds, on a machine of 2
cores). Upstream: snakemake/snakemake#3744 (open). Here at most one such timer is pending at a time, which is all
the rate limit needs, and it is a daemon thread, so it never holds up the exit.

`tests/pipeline/test_snakemake_main.py` fails if the patched method is gone (a Snakemake upgrade must look again).
"""

from __future__ import annotations

import sys
import threading
from typing import Any


def patch_scheduler() -> None:
    from snakemake.scheduling.job_scheduler import JobScheduler

    def schedule_reevaluation(self: Any, delay: float) -> None:
        pending = getattr(self, "_one_reevaluation", None)
        if pending is not None and pending.is_alive():
            return
        timer = threading.Timer(delay, self._open_jobs.release)
        timer.daemon = True
        self._one_reevaluation = timer
        timer.start()

    if not hasattr(JobScheduler, "_schedule_reevalutation"):  # sic: Snakemake's spelling
        raise RuntimeError("snakemake's JobScheduler has no _schedule_reevalutation: see pipeline/snakemake_main.py")
    JobScheduler._schedule_reevalutation = schedule_reevaluation


def main() -> None:
    patch_scheduler()
    from snakemake.cli import main as snakemake_main

    sys.argv[0] = "snakemake"
    snakemake_main()


if __name__ == "__main__":
    main()
