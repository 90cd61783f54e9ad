"""pipeline/progress: Snakemake's output turned into progress events, shown as plain lines off a terminal."""

from __future__ import annotations

import io
import sys

from rich.console import Console

from ai_industry.pipeline.progress import PlainDisplay, Tracker, run_followed

# as Snakemake 9 prints it with a `message:` on each rule (timestamps and job tables left in)
OUTPUT = """Building DAG of jobs...
Job stats:
job         count
section         2
total           2

[Sun Dec  6 20:00:00 2026]
Job 2: section ai-clusters-2023/03_geography [zh]
Reason: Missing output files: reports/notebooks/zh/ai-clusters-2023/03_geography.ipynb

[Sun Dec  6 20:00:00 2026]
Job 1: prepare published/ai-clusters-2023/enterprise_distribution
[Sun Dec  6 20:00:05 2026]
Finished jobid: 2 (Rule: section)
1 of 3 steps (33%) done
[Sun Dec  6 20:00:06 2026]
Error in rule prepare_published:
    message: prepare published/ai-clusters-2023/enterprise_distribution
    jobid: 1
    output: data/processed/published/ai-clusters-2023/enterprise_distribution.parquet
Exiting because a job execution failed. Look below for error messages
"""


def test_tracker_turns_output_into_events():
    t = Tracker()
    events = [ev for line in OUTPUT.splitlines(keepends=True) for ev in t.feed(line)]
    assert [(e.kind, e.what) for e in events] == [
        ("start", "section ai-clusters-2023/03_geography [zh]"),
        ("start", "prepare published/ai-clusters-2023/enterprise_distribution"),
        ("finish", "section ai-clusters-2023/03_geography [zh]"),
        ("progress", ""),
        ("fail", "prepare published/ai-clusters-2023/enterprise_distribution"),
    ]
    assert (t.done, t.total) == (1, 3) and t.failed == ["prepare published/ai-clusters-2023/enterprise_distribution"]
    assert t.running == {}


def test_plain_display_prints_one_line_per_finished_or_failed_step():
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=False, width=40)  # narrow: lines must not be wrapped
    d = PlainDisplay(con)
    t = Tracker()
    for line in OUTPUT.splitlines(keepends=True):
        for ev in t.feed(line):
            d.show(ev)
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("[1/3] 00:0") and lines[0].endswith("section ai-clusters-2023/03_geography [zh]")
    assert lines[1] == "FAILED prepare published/ai-clusters-2023/enterprise_distribution"


def test_run_followed_logs_everything_and_returns_the_exit_code(tmp_path):
    script = "import sys; sys.stdout.write(sys.argv[1]); sys.exit(3)"
    buf = io.StringIO()
    code, t = run_followed(
        [sys.executable, "-c", script, OUTPUT], tmp_path, tmp_path / "logs" / "b.log", Console(file=buf, width=200)
    )
    assert code == 3 and t.failed and (tmp_path / "logs" / "b.log").read_text(encoding="utf-8") == OUTPUT
    assert "FAILED prepare" in buf.getvalue()
