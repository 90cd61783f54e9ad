"""Build timings, and where the time goes, for one checkout or two side by side on the same machine.

For each checkout (its own `.venv`): a clean build (`ai-industry clean`, then `build`), the no-op build after
it, a forced rebuild after touching a module every chapter imports (`present/chapter.py`; restored after),
and a reviewer's rerun of one chapter to HTML and PDF (`run ai-clusters-2023/geography -p top_n=3`). Each is
timed as a whole process (wall seconds, and the CPU seconds of it and its children). The clean build's split
by phase comes from Snakemake's own job records (`.snakemake/metadata/`: rule, start and end of every job):
jobs, job-seconds, share, mean and longest job per rule, and the span from the first job's start to the last
job's end.

    .venv/bin/python benchmarks/build_bench.py [--root DIR] [--vs DIR] [--repeat N] [--skip force,run] [--out F]

`--vs` times a second checkout (e.g. a clone of an earlier commit with its own venv) in turn with the first,
A B A B …, so that both see the same machine; the ratios are A/B. Builds happen in the checkouts themselves
(their reports/ and data/processed/ are rebuilt): use clones, not your working copy, if you keep outputs there.
Writes benchmarks/results/build.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOUCHED = "src/ai_industry/present/chapter.py"  # imported by every chapter notebook
RUN = ("run", "ai-clusters-2023/geography", "-p", "top_n=3")


def timed(root: Path, *args: str) -> dict[str, float]:
    """Run `ai-industry ARGS` in `root` with its own venv; wall seconds and CPU seconds of its process tree."""
    exe = root / ".venv" / "bin" / "ai-industry"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(exe), *args],
        cwd=root,
        env={**os.environ, "AI_INDUSTRY_ROOT": str(root)},
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{root}: ai-industry {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2)}


def phases(root: Path, since: float) -> dict[str, object]:
    """Split of the jobs that started after `since` by rule, from Snakemake's job records."""
    jobs: dict[tuple[str, str], tuple[float, float]] = {}
    meta = root / ".snakemake" / "metadata"
    for f in meta.iterdir() if meta.is_dir() else []:
        rec = json.loads(f.read_text(encoding="utf-8"))
        if rec.get("starttime") and rec["starttime"] >= since:
            jobs[(rec["rule"], rec.get("job_hash") or f.name)] = (rec["starttime"], rec["endtime"])
    by_rule: dict[str, list[float]] = defaultdict(list)
    for (rule, _), (start, end) in jobs.items():
        by_rule[rule].append(end - start)
    total = sum(sum(v) for v in by_rule.values()) or 1.0
    span = (max(e for _, e in jobs.values()) - min(s for s, _ in jobs.values())) if jobs else 0.0
    return {
        "span_s": round(span, 1),
        "job_seconds": round(total, 1),
        "rules": {
            rule: {
                "jobs": len(v),
                "job_s": round(sum(v), 1),
                "share_pct": round(100 * sum(v) / total, 1),
                "mean_s": round(statistics.mean(v), 2),
                "max_s": round(max(v), 2),
            }
            for rule, v in sorted(by_rule.items(), key=lambda kv: -sum(kv[1]))
        },
    }


def one_round(root: Path, skip: set[str]) -> dict[str, object]:
    timed(root, "clean")
    start = time.time()
    res: dict[str, object] = {"clean_build": timed(root, "build", "--cores", "2")}
    res["phases"] = phases(root, start - 1)
    res["noop_build"] = timed(root, "build", "--cores", "2")
    if "force" not in skip:
        touched = root / TOUCHED
        stat = touched.stat()
        os.utime(touched)  # the same bytes, newer: Snakemake reruns everything that imports it
        try:
            res["rebuild_after_shared_helper"] = timed(root, "build", "--cores", "2")
        finally:
            os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    if "run" not in skip:
        res["reviewer_run"] = timed(root, *RUN, "--out", str(root / "runs" / f"bench-{time.time_ns()}"))
    return res


def median_of(rounds: list[dict], key: str, field: str = "wall_s") -> float | None:
    vals = [r[key][field] for r in rounds if key in r]
    return round(statistics.median(vals), 2) if vals else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout to time (default: this one)")
    ap.add_argument("--vs", type=Path, default=None, help="a second checkout, timed in turn with the first")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--skip", default="", help="comma-separated: force, run")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/build.json")
    args = ap.parse_args()
    skip = {s for s in args.skip.split(",") if s}
    roots = [args.root.resolve()] + ([args.vs.resolve()] if args.vs else [])
    rounds: dict[str, list[dict]] = {str(r): [] for r in roots}
    for i in range(args.repeat):
        for r in roots:
            print(f"round {i + 1}/{args.repeat}: {r}", file=sys.stderr, flush=True)
            rounds[str(r)].append(one_round(r, skip))
    keys = ("clean_build", "noop_build", "rebuild_after_shared_helper", "reviewer_run")
    summary = {str(r): {k: median_of(rounds[str(r)], k) for k in keys} for r in roots}
    doc = {"machine": {"cpus": os.cpu_count()}, "rounds": rounds, "median_wall_s": summary}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    head = f"{'scenario':32}" + "".join(f"{Path(r).name[:18]:>20}" for r in roots) + ("   ratio A/B" if args.vs else "")
    print(head)
    for k in keys:
        vals = [summary[str(r)][k] for r in roots]
        ratio = f"   {vals[0] / vals[1]:.2f}" if args.vs and vals[0] and vals[1] else ""
        print(f"{k:32}" + "".join(f"{v if v is not None else '-':>20}" for v in vals) + ratio)
    for r in roots:
        ph = rounds[str(r)][-1]["phases"]
        print(f"\n{r}: clean build jobs span {ph['span_s']} s, {ph['job_seconds']} job-seconds")
        for rule, v in ph["rules"].items():
            print(
                f"  {rule:20} {v['jobs']:4} jobs {v['job_s']:8} s {v['share_pct']:5}%  mean {v['mean_s']} s  max {v['max_s']} s"
            )
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
