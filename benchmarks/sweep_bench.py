"""A sweep's timings, and where the time goes: the patent co-application chapter for all 55 pairs of the Greater
Bay Area's eleven cities on the SYNTHETIC demo export, locally with `--cores 1` and `--cores 2`.

For each core count: the whole `ai-industry sweep` (wall seconds, CPU seconds of its process tree) into a new
sweep folder, then the same command again (nothing to do). The split comes from the sweep's own Snakemake job
records (`<sweep>/.snakemake/metadata/`, read by build_bench.phases): jobs, job-seconds and mean per rule; each
combination's job time is split further with its manifest record (`duration_s`, the notebook's execution) into
the notebook and the rest (rendering HTML and PDF, moving the run into place, the job's own process). The per-job
overhead is what a combination costs besides its notebook; for scale, one reviewer's `ai-industry run` of the same
chapter is timed too (55 of them in a shell loop is what a sweep replaces).

    .venv/bin/python benchmarks/sweep_bench.py [--cores 1,2] [--cities 广州,深圳,…] [--out F]

Sweep folders are made under a temporary folder and removed afterwards. Writes benchmarks/results/sweep.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from build_bench import phases, timed

ROOT = Path(__file__).resolve().parents[1]
SECTION = "gz-sz-synergy/patent_co_application"
GBA = "广州,深圳,珠海,佛山,惠州,东莞,中山,江门,肇庆,香港,澳门"


def combination_split(folder: Path) -> dict[str, float]:
    """Mean seconds per combination: its Snakemake job, the notebook inside it (manifest `duration_s`), and the
    rest of the job (render, staging, process)."""
    spans = {}  # Snakemake keeps a record per output file: one job per job_hash
    for f in (folder / ".snakemake" / "metadata").iterdir():
        rec = json.loads(f.read_text(encoding="utf-8"))
        if rec.get("rule") == "combination" and rec.get("starttime"):
            spans[rec.get("job_hash") or f.name] = rec["endtime"] - rec["starttime"]
    jobs = list(spans.values())
    notebooks = [
        json.loads(p.read_text(encoding="utf-8"))["duration_s"] for p in (folder / "runs").glob("*/manifest/*/*/*.json")
    ]
    job, nb = statistics.mean(jobs), statistics.mean(notebooks)
    return {
        "combinations": len(jobs),
        "job_mean_s": round(job, 2),
        "notebook_mean_s": round(nb, 2),
        "overhead_mean_s": round(job - nb, 2),
        "job_max_s": round(max(jobs), 2),
    }


def one_sweep(grid: Path, cores: int, base: Path) -> dict[str, object]:
    folder = base / f"cores{cores}"
    start = time.time()
    res: dict[str, object] = {"load_before": [round(x, 2) for x in os.getloadavg()]}
    args = ("sweep", SECTION, "--grid-file", str(grid), "--cores", str(cores), "--out", str(folder))
    res["sweep"] = timed(ROOT, *args)
    res["phases"] = phases(folder, start - 1)
    res["per_combination"] = combination_split(folder)
    again = time.time()
    res["nothing_to_do"] = timed(ROOT, *args)
    res["nothing_to_do_reran"] = sum(
        p.stat().st_mtime >= again for p in (folder / "runs").glob("*/manifest/*/*/*.json")
    )
    res["load_after_1_5_15min"] = [round(x, 2) for x in os.getloadavg()]
    tables = folder / "summary" / "tables"
    res["stacked_tables"] = len(list(tables.glob("*.csv")))
    res["summary_bytes"] = sum(p.stat().st_size for p in tables.iterdir())
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cores", default="1,2", help="comma-separated core counts, one sweep each")
    ap.add_argument("--cities", default=GBA, help="comma-separated cities; the sweep runs every unordered pair")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/sweep.json")
    args = ap.parse_args()
    cities = [c for c in args.cities.split(",") if c]
    base = Path(tempfile.mkdtemp(prefix="sweep-bench-"))
    try:
        grid = base / "grid.yaml"
        grid.write_text(f"pairs: {{city_a, city_b: [{', '.join(cities)}]}}\n", encoding="utf-8")
        doc: dict[str, object] = {"machine": {"cpus": os.cpu_count()}, "section": SECTION, "cities": cities}
        print(f"one reviewer's run of {SECTION} (for scale)…", file=sys.stderr, flush=True)
        doc["one_run"] = timed(
            ROOT, "run", SECTION, "-p", "city_a=广州", "-p", "city_b=深圳", "--out", str(base / "run")
        )
        for cores in (int(c) for c in args.cores.split(",")):
            print(
                f"sweep of {len(cities) * (len(cities) - 1) // 2} pairs with --cores {cores}…",
                file=sys.stderr,
                flush=True,
            )
            doc[f"cores_{cores}"] = one_sweep(grid, cores, base)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    n = len(cities) * (len(cities) - 1) // 2
    print(f"{n} combinations of {SECTION}; one reviewer's run: {doc['one_run']['wall_s']} s")
    for key, res in doc.items():
        if not key.startswith("cores_"):
            continue
        pc, ph = res["per_combination"], res["phases"]
        print(
            f"\n--{key.replace('_', ' ')}: sweep {res['sweep']['wall_s']} s wall ({res['sweep']['cpu_s']} CPU-s), "
            f"{res['sweep']['wall_s'] / n:.2f} s per combination; again with nothing to do {res['nothing_to_do']['wall_s']} s "
            f"({res['nothing_to_do_reran']} rerun)"
        )
        print(
            f"  jobs span {ph['span_s']} s, {ph['job_seconds']} job-seconds; load average {res['load_after_1_5_15min']}"
        )
        for rule, v in ph["rules"].items():
            print(
                f"  {rule:12} {v['jobs']:4} jobs {v['job_s']:8} s {v['share_pct']:5}%  mean {v['mean_s']} s  max {v['max_s']} s"
            )
        print(
            f"  a combination: job {pc['job_mean_s']} s = notebook {pc['notebook_mean_s']} s + "
            f"render, staging and process {pc['overhead_mean_s']} s"
        )
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
