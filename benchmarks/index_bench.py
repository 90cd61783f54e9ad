"""Benchmark: uncertainty and sensitivity analysis of a composite index, 10,000 replications over 34 provinces.

Target (issue 18): at least 10,000 Monte Carlo replications of the index of 34 provinces (8 indicators in 3
dimensions, a fifth of the cells missing) with every uncertain choice sampled (dimension weights +-25 %, four
normalisations, two aggregations, three imputations, one indicator left out or none), their rank intervals and
the Sobol indices, in <= 10 s on 2 cores. The indicator values are seeded random numbers (SYNTHETIC): the
speed does not depend on them.

    .venv/bin/python benchmarks/index_bench.py [--replications 10000] [--repeat 3] [--out benchmarks/results/index.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ai_industry.methods.index import spec as S  # noqa: E402
from ai_industry.methods.index import uncertainty  # noqa: E402


def provinces() -> list[str]:
    """The 34 province-level divisions of the reference table."""
    regions = pd.read_csv(ROOT / "data/raw/reference/regions.csv")
    names = list(regions[regions.level == "province"]["name_zh"])
    assert len(names) == 34, len(names)
    return names


def synthetic_table(units: list[str], k: int = 8, missing: float = 0.2, seed: int = 2023) -> pd.DataFrame:
    """SYNTHETIC indicator table: lognormal shares, a fraction `missing` of the cells empty."""
    rng = np.random.default_rng(seed)
    cols = {}
    for j in range(k):
        v = rng.lognormal(0, 1, len(units))
        v = 100 * v / v.sum()
        cols[f"x{j}"] = [f"{x:.3f}" if rng.random() > missing else "" for x in v]
    return pd.DataFrame({"unit": units, **cols})


def spec(replications: int) -> S.IndexSpec:
    return S.parse_spec(
        {
            "dimensions": [{"id": d} for d in ("a", "b", "c")],
            "indicators": [{"id": f"x{j}", "dimension": "abc"[j % 3], "total": 100} for j in range(8)],
            "missing": {"rule": "residual", "universe": 34},
            "uncertainty": {
                "replications": replications,
                "seed": 1,
                "weights": 0.25,
                "imputation": ["residual", "dimension-mean", "none"],
            },
        },
        "benchmark",
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--replications", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/index.json"))
    args = ap.parse_args()
    sp = spec(args.replications)
    raw = S.check_table(synthetic_table(provinces()), sp)
    times, res = [], None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        res = uncertainty.analyse(raw, sp)
        times.append(time.perf_counter() - t0)
    # the model runs alone (sampling and Sobol estimation excluded)
    d = uncertainty.design(sp)
    X = uncertainty.sample(d)
    t0 = time.perf_counter()
    uncertainty.evaluate(raw[sp.indicator_ids].to_numpy(float), sp, d, X)
    model = time.perf_counter() - t0
    out = {
        "units": len(raw),
        "indicators": len(sp.indicators),
        "replications_asked": args.replications,
        "runs": res.runs,
        "factors": d.groups,
        "seconds_all": [round(t, 3) for t in times],
        "seconds_best": round(min(times), 3),
        "seconds_model_runs_only": round(model, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "target_seconds": 10,
        "ok": min(times) <= 10 and res.runs >= args.replications,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))
    return 0 if out["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
