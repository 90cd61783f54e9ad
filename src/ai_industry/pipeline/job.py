"""A build or sweep job's process: `python -m ai_industry.pipeline.job ARGS` (the runner's arguments, see
runner.py, or `sweep ...`, see sweep_jobs.py).

It imports nothing heavy: it hands the job to the build's warm worker (`warm.delegate`) and returns the job's
exit code, or, without a reachable worker (a plain `snakemake` call, a cluster node), runs it here, cold.
`python -m ai_industry.pipeline.job warm-worker SOCKET` is that worker (started by the CLI: `warm.Worker`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ai_industry.pipeline import warm


def run_here(argv: list[str]) -> int:
    """Run one job in this process: a sweep's (`sweep ...`) or a build's (the runner's arguments)."""
    if argv[:1] == ["sweep"]:
        from ai_industry.pipeline.sweep_jobs import main as run_sweep_job

        return run_sweep_job(argv[1:])
    from ai_industry.pipeline.runner import main as run_build_job

    return run_build_job(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["warm-worker"] and len(argv) == 2:
        warm.serve(Path(argv[1]), run_here)
        return 0
    code = warm.delegate(argv)
    if code is not None:
        return code
    warm.skip_iri_checker()
    return run_here(argv)


if __name__ == "__main__":
    sys.exit(main())
