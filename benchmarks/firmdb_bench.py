"""Benchmark: every §5–§7 analysis of the firm database on a SYNTHETIC national-scale database.

Target (issue 16): 100,000 organisations and 2,000,000 relations through read + validate, geography with CR-n,
Table 2 per year (with path length, diameter and clustering), the degree top 20, the platform sub-network per
year, out-degree concentration, the flows and shares of footnote 11 and the relation shares by category and year
in <= 60 s and <= 4 GB peak RSS on 2 cores. The database (`methods.demo.firmdb_scale`, Parquet) is generated
first in a child process (its memory does not count; skipped when the files exist); the numba kernels are
compiled (or loaded from numba's cache) on a tiny network before the clock starts. Everything else is timed,
phase by phase, in this process.

Path statistics at this size are **sampled** (`methods.network_scale`: 1,024 seeded BFS sources per network,
ratio estimator with its standard error, the diameter a lower bound) because the networks are above
`EXACT_WORK`; the per-year rows say so. `--path-sample N` changes the number of sources; `--exact-year Y` also
times the exact all-pairs computation of one year's network (outside the total) and compares it with the
estimate.

    .venv/bin/python benchmarks/firmdb_bench.py [--orgs 100000] [--relations 2000000] [--format parquet|csv]
        [--path-sample 1024] [--exact-year 2016] [--out benchmarks/results/firmdb.json]
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

from ai_industry.methods import network as nw  # noqa: E402
from ai_industry.methods.firmdb import database, flows, geography, graph, selection, shares  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ensure_database(orgs: int, relations: int, fmt: str) -> tuple[Path, float | None]:
    """The database folder (generated in a child process when missing); CSV copies written on request."""
    folder = ROOT / "data" / "interim" / "bench"
    target = folder / f"SYNTHETIC_firmdb_national_{orgs}_{relations}_seed16"
    t = time.perf_counter()
    made = False
    if not (target / "relations.parquet").is_file():
        code = (
            f"import sys; sys.path.insert(0, {str(ROOT / 'src')!r}); "
            "from ai_industry.methods.demo import firmdb_scale as f; "
            f"f.write({str(folder)!r}, {orgs:d}, {relations:d})"
        )
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        made = True
    if fmt == "csv":
        csv = target.with_name(target.name + "_csv")
        if not (csv / "relations.csv").is_file():
            code = (
                "import pandas as pd, pathlib; "
                f"src, out = pathlib.Path({str(target)!r}), pathlib.Path({str(csv)!r}); out.mkdir(exist_ok=True); "
                "[pd.read_parquet(src / f'{t}.parquet').to_csv(out / f'{t}.csv', index=False) "
                "for t in ('organisations', 'relations')]"
            )
            subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
            made = True
        target = csv
    return target, (time.perf_counter() - t if made else None)


def warm_kernels() -> None:
    """Compile (or load from numba's on-disk cache) the BFS and triangle kernels on a tiny network."""
    import pandas as pd

    net = nw.Network(pd.DataFrame({"id": list("abcd")}), pd.DataFrame({"source": list("abca"), "target": list("bcad")}))
    nw.gephi_stats(net)
    nw.gephi_stats(net, path_sample=2)


class Phases:
    """Wall time and peak RSS after each phase."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.t = time.perf_counter()

    def done(self, name: str, **facts) -> None:
        now = time.perf_counter()
        self.rows.append(
            {"phase": name, "seconds": round(now - self.t, 3), "peak_rss_mb": round(peak_mb(), 1), **facts}
        )
        print(f"  {name:<34} {now - self.t:7.2f} s   peak {peak_mb():7.0f} MB", flush=True)
        self.t = now


def run(folder: Path, path_sample: int | None) -> tuple[list[dict], dict]:
    p = Phases()
    db = database.load(folder)
    p.done(
        "read + validate",
        organisations=len(db.orgs),
        relations=len(db.rel),
        duplicates_dropped=sum(len(d.rows) for d in db.duplicates),
    )
    last = selection.last_year(db)
    geo = geography.geography(db, last)
    cr = {f"{g} {lvl} CR-5": geography.concentration(d, 5) for (g, lvl), d in geo.items()}
    p.done(
        "geography with CR-n",
        distributions=len(geo),
        enterprises_province_cr5=round(cr["enterprises province CR-5"], 2),
    )
    kw = {} if path_sample is None else {"path_sample": path_sample}
    yearly = graph.yearly(db, **kw)
    p.done("Table 2 per year", years=len(yearly))
    degrees = nw.degree_table(graph.network(db, last))  # once for both rankings, as the chapter does
    top_s = graph.degree_ranking(db, last, True, 20, degrees=degrees)
    graph.degree_ranking(db, last, False, 20, degrees=degrees)
    p.done("degree top 20 (sample, relation)", top_degree=int(top_s["degree"].iloc[0]))
    plat = graph.platform_yearly(db, **kw)
    p.done("platform sub-network per year", years=len(plat))
    conc, _ = graph.outdegree_concentration(db, last)
    p.done("out-degree concentration", top_1pct=round(conc[0.01], 2))
    f_rows = 0
    for level in ("province", "city"):
        f = flows.flows(db, last, level)
        flows.enabling_input(f)
        flows.coverage(db, last, level)
        f_rows += len(f)
    fn11 = flows.footnote11_counts(db, last)
    p.done("flows and shares (footnote 11)", flow_rows=f_rows, classes=len(fn11))
    for col, within in (("technology", None), ("field", None), ("sector", None), ("industry_section", "tertiary"),
                        ("industry_section", "secondary"), ("industry_division", "manufacturing")):  # fmt: skip
        shares.shares(db, last, col, within)
    by = {col: shares.shares_by_year(db, selection.years_of(db), col) for col in ("technology", "field")}
    p.done("shares by category and year", rows=sum(len(v) for v in by.values()))
    return p.rows, {"yearly": yearly, "platform": plat}


def exact_check(folder: Path, year: int, path_sample: int | None) -> dict:
    """The exact path statistics of one year's network (timed on its own) beside the sampled estimate."""
    db = database.load(folder)
    net = graph.network(db, year)
    n, src, dst, _ = nw.arcs(net, True)
    t = time.perf_counter()
    diam, apl, pairs = nw.path_statistics(n, src, dst)
    exact_s = time.perf_counter() - t
    est = nw.gephi_stats(net, True, path_sample=path_sample or nw.network_scale.DEFAULT_SOURCES)
    return {
        "year": year,
        "nodes": n,
        "arcs": int(len(src)),
        "exact_seconds": round(exact_s, 2),
        "exact": {"diameter": diam, "average_path_length": apl, "reachable_pairs": pairs},
        "sampled": {k: est[k] for k in ("diameter", "average_path_length", "average_path_length_se", "path_sources")},
        "error_in_standard_errors": round((est["average_path_length"] - apl) / est["average_path_length_se"], 2)
        if est["average_path_length_se"]
        else None,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orgs", type=int, default=100_000)
    ap.add_argument("--relations", type=int, default=2_000_000)
    ap.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    ap.add_argument("--path-sample", type=int, default=None, help="BFS sources (default: the size decides)")
    ap.add_argument("--exact-year", type=int, default=None)
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/firmdb.json"))
    args = ap.parse_args()
    folder, gen_s = ensure_database(args.orgs, args.relations, args.format)
    warm_kernels()
    start_rss = peak_mb()
    print(f"SYNTHETIC national database: {folder.name} ({args.format})")
    t0 = time.perf_counter()
    phases, tables = run(folder, args.path_sample)
    total = time.perf_counter() - t0
    peak = peak_mb()
    last = tables["yearly"].iloc[-1].to_dict()
    result = {
        "synthetic": True,
        "database": {
            "organisations": args.orgs,
            "relations": args.relations,
            "format": args.format,
            "folder": folder.name,
        },
        "generated_seconds": None if gen_s is None else round(gen_s, 1),
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_1min": round(os.getloadavg()[0], 2),
        },
        "total_seconds": round(total, 2),
        "peak_rss_mb": round(peak, 1),
        "rss_before_mb": round(start_rss, 1),
        "target": {"seconds": 60, "peak_mb": 4096},
        "meets_target": total <= 60 and peak <= 4096,
        "phases": phases,
        "table2_last_year": {k: (v.item() if hasattr(v, "item") else v) for k, v in last.items()},
        "yearly": json.loads(tables["yearly"].to_json(orient="records")),
        "platform_yearly": json.loads(tables["platform"].to_json(orient="records")),
    }
    if args.exact_year is not None:
        result["exact_check"] = exact_check(folder, args.exact_year, args.path_sample)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False, default=float) + "\n", encoding="utf-8")
    print(
        json.dumps(
            {k: v for k, v in result.items() if k not in ("yearly", "platform_yearly", "phases")},
            indent=2,
            ensure_ascii=False,
            default=float,
        )
    )
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
