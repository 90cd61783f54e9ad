"""Benchmark: the patent micro-data method on a 1,000,000-row SYNTHETIC PatSnap-layout export.

Target (patent micro-data method): import -> AI identification -> applicant types -> cities -> co-application
tables on 1,000,000 rows in <= 60 s on 2 cores with peak memory <= 4 GB. The export is generated first (in a child
process, so its memory does not count; skipped when the file exists) by ai_industry.methods.demo.patents.generate_demo; the
pipeline then runs in this process, step by step, and the calibrated aggregates of 广州/深圳 are checked on the
result (at 1,000,000 rows they are exact: the other cities absorb the extra rows).

    .venv/bin/python benchmarks/patents_bench.py [--rows 1000000] [--file PATH] [--out benchmarks/results/patents.json]
        [--engine polars|aho|re2] [--compare-engines]

`--engine` is identify_ai's engine in the timed pipeline (default polars; aho is the engine before it).
`--compare-engines` then times identify_ai once with each engine on the same patents, side by side, and checks
that their matches, AI flags, rule counts and summaries are identical (outside the pipeline's total).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ai_industry.methods import patents as pt  # noqa: E402
from ai_industry.methods.demo import patents as dp  # noqa: E402
from ai_industry.methods.patents.identify import ENGINES  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ensure_file(rows: int, path: Path | None) -> tuple[Path, float | None]:
    """The export to read: `path`, or the demo of `rows` rows (generated in a child process when missing)."""
    if path is not None:
        return path, None
    target = dp.demo_path(rows, folder=ROOT / "data" / "interim" / "demo")
    if target.exists():
        return target, None
    t = time.perf_counter()
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT / 'src')!r}); "
        "from ai_industry.methods.demo import patents as d; "
        f"d.generate_demo({rows:d}, folder={str(target.parent)!r})"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return target, time.perf_counter() - t


def compare_engines(patents, reference: pt.AIIdentification) -> dict:
    """Seconds of identify_ai by each engine on `patents`, and whether each gives `reference`'s results."""
    import pandas as pd

    seconds, identical = {}, {}
    for engine in ENGINES:
        t = time.perf_counter()
        got = pt.identify_ai(patents, engine=engine)
        seconds[engine] = round(time.perf_counter() - t, 3)
        try:
            pd.testing.assert_frame_equal(got.matches, reference.matches)
            pd.testing.assert_series_equal(got.is_ai, reference.is_ai)
            pd.testing.assert_series_equal(got.n_rules, reference.n_rules)
            pd.testing.assert_frame_equal(got.summary, reference.summary)
            identical[engine] = True
        except AssertionError:
            identical[engine] = False
    return {"seconds": seconds, "identical_to_pipeline_result": identical}


def run_pipeline(path: Path, engine: str) -> tuple:
    """import -> AI identification (by `engine`) -> applicant types -> cities -> annotation -> tables, timed per
    stage: (export, identification, applicants, patents, tables, seconds per stage)."""
    steps: dict[str, float] = {}
    t = time.perf_counter()
    export = pt.read_export(path)
    steps["import"] = time.perf_counter() - t
    t = time.perf_counter()
    ident = pt.identify_ai(export.patents, engine=engine)
    steps["identify_ai"] = time.perf_counter() - t
    t = time.perf_counter()
    apps = export.applicants.copy()
    apps["type"] = pt.classify_applicants(apps["name"]).to_numpy()
    steps["applicant_types"] = time.perf_counter() - t
    t = time.perf_counter()
    for c, v in pt.applicant_cities(export.applicants).items():
        apps[c] = v.to_numpy()
    steps["cities"] = time.perf_counter() - t
    t = time.perf_counter()
    pats = pt.annotate(export.patents, apps, ident)
    steps["annotate"] = time.perf_counter() - t
    t = time.perf_counter()
    tables = {
        "identification": ident.summary,
        "city_report": pt.city_report(apps),
        "unmapped_addresses": pt.unmapped_addresses(apps),
        "period_counts": pt.period_counts(pats),
        "period_growth": pt.period_growth(pats),
        "patent_types": pt.patent_type_shares(pats),
        "field_shares": pt.field_shares(pats, top=None),
        "coapplication_totals": pt.coapplication_totals(pats),
        "partner_cities": pt.partner_cities(pats, apps),
        "city_pairs": pt.city_pairs(pats, apps),
        "partner_trend": pt.partner_trend(pats, apps),
        "partner_fields": pt.partner_fields(pats, apps),
        "iur_shares": pt.iur_shares(pats),
        "sole_applicant_structure": pt.sole_applicant_structure(pats),
    }
    steps["tables"] = time.perf_counter() - t
    return export, ident, apps, pats, tables, steps


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--file", type=Path, default=None, help="an export to read instead of the synthetic demo")
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/patents.json"))
    ap.add_argument("--engine", choices=ENGINES, default="polars", help="identify_ai's engine in the pipeline")
    ap.add_argument("--compare-engines", action="store_true", help="also time identify_ai with every engine")
    args = ap.parse_args()
    path, gen_s = ensure_file(args.rows, args.file)
    t_all = time.perf_counter()
    export, ident, apps, pats, tables, steps = run_pipeline(path, args.engine)
    total_s = time.perf_counter() - t_all
    peak = peak_mb()
    calib = None
    if args.file is None:
        check = dp.calibration_check(pt.PatentAnalysis(pats, apps, ident, tables))
        calib = {
            "checks": int(len(check)),
            "ok": bool(check["ok"].all()),
            "failed": check[~check["ok"]].to_dict("records"),
        }
    city = tables["city_report"].set_index("city_status")
    result = {
        "synthetic": args.file is None,
        "file": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "rows": int(len(export.patents)),
        "applicant_rows": int(len(apps)),
        "ai_patents": int(ident.is_ai.sum()),
        "unique_addresses": int(apps["address"].nunique()),
        "unique_applicants": int(apps["name"].nunique()),
        "unmapped_applicants": int(city["applicants_count"].drop(["ok", "no_address"], errors="ignore").sum()),
        "identify_engine": args.engine,
        "seconds": {k: round(v, 3) for k, v in steps.items()},
        "total_seconds": round(total_s, 3),
        "peak_rss_mb": round(peak, 1),
        "target": {"seconds": 60, "peak_mb": 4096},
        "meets_target": total_s <= 60 and peak <= 4096,
        "calibration_at_this_size": calib,
        "generation_seconds": round(gen_s, 1) if gen_s is not None else None,
        "machine": {
            "cpu_count": os.cpu_count(),
            "load_average_1m": round(os.getloadavg()[0], 2),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
    }
    if args.compare_engines:
        result["identify_ai_by_engine"] = compare_engines(export.patents, ident)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False, default=float) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False, default=float))
    return 0 if result["meets_target"] and (calib is None or calib["ok"]) else 1


if __name__ == "__main__":
    sys.exit(main())
