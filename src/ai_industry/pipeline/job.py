"""A build job's process: `python -m ai_industry.pipeline.job ARGS` (the runner's arguments, see runner.py).

It imports nothing heavy: it hands the job to the build's warm worker (`warm.delegate`) and returns the job's
exit code, or, without a reachable worker (a plain `snakemake` call, a cluster node), runs it here, cold.
"""

from __future__ import annotations

import sys

from ai_industry.pipeline import warm


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    code = warm.delegate(argv)
    if code is not None:
        return code
    warm.skip_iri_checker()
    from ai_industry.pipeline.runner import main as run_cold

    return run_cold(argv)


if __name__ == "__main__":
    sys.exit(main())
