"""`python -m ai_industry.pipeline.snakemake_main` is Snakemake's command line with at most one pending
re-evaluation timer (pipeline/snakemake_main.py): the patched method must still exist in the pinned Snakemake,
and a workflow run through it completes as through `python -m snakemake`."""

import subprocess
import sys
import threading
import time

from ai_industry.pipeline import snakemake_main


def test_the_patched_scheduler_keeps_one_daemon_timer():
    from snakemake.scheduling.job_scheduler import JobScheduler

    snakemake_main.patch_scheduler()

    class Fake:
        def __init__(self):
            self._open_jobs = threading.Semaphore(0)

    fake = Fake()
    for _ in range(50):
        JobScheduler._schedule_reevalutation(fake, 0.2)
    assert fake._one_reevaluation.daemon
    assert not fake._open_jobs.acquire(timeout=0.05)
    assert fake._open_jobs.acquire(timeout=2)  # the one timer fired ...
    time.sleep(0.3)
    assert not fake._open_jobs.acquire(timeout=0.05)  # ... and only one


def test_a_workflow_runs_through_it(tmp_path):
    (tmp_path / "Snakefile").write_text(
        'rule all:\n    input: expand("o/{i}.txt", i=range(4))\n'
        'rule one:\n    output: "o/{i}.txt"\n    shell: "echo {wildcards.i} > {output}"\n'
    )
    cmd = [sys.executable, "-m", "ai_industry.pipeline.snakemake_main", "--cores", "2", "--scheduler", "greedy", "-q"]
    proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.read_text() for p in (tmp_path / "o").glob("*.txt")) == ["0\n", "1\n", "2\n", "3\n"]
