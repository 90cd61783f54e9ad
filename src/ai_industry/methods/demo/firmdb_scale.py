"""A SYNTHETIC national-scale firm database for the scale benchmark (`benchmarks/firmdb_bench.py`): by default
100,000 organisations and 2,000,000 relations over 2014–2022, in the documented format (templates/firmdb), so
that it goes through the same reading, validation and analyses as a user's database. Never real data: every row
says SYNTHETIC, every name starts with it.

Model (vectorised, seconds): a tenth of the organisations are sample firms (a tenth of those platforms), the
others partners (enterprises, universities, institutes, new innovation organisations, others), placed in the
cities of the regions reference table with Zipf weights; each relation has a sample end (footnote 11): 45 %
enabling (sample → partner), 45 % input (partner → sample), 10 % between samples, each end drawn with a Zipf
activity (heavy-tailed degrees, platforms most active); years grow by a third a year; technology, field and
GB/T 4754 section and division are drawn from the reference vocabularies. A few relations repeat an earlier
row exactly (the validation drops and lists them)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ai_industry.io import atomic_path
from ai_industry.methods.demo import firmdb_plan as plan

LABEL = "SYNTHETIC"
YEARS = np.arange(2014, 2023)
PARTNER_KINDS = (("enterprise", 0.80), ("university", 0.06), ("institute", 0.06), ("new_org", 0.03), ("other", 0.05))


def _zipf(n: int, s: float, rng: np.random.Generator) -> np.ndarray:
    """Activity weights 1/rank^s over `n` units in a random order, summing to 1."""
    w = (np.arange(1, n + 1, dtype=float) ** -s)[rng.permutation(n)]
    return w / w.sum()


def organisations(n: int, rng: np.random.Generator) -> pd.DataFrame:
    """`n` organisations: id, name, kind, in_sample, province, city, founding_year, synthetic."""
    n_sample = n // 10
    n_platform = n_sample // 10
    kinds = np.empty(n, dtype=object)
    kinds[:n_platform] = "platform"
    kinds[n_platform:n_sample] = "enterprise"
    names, probs = zip(*PARTNER_KINDS)
    kinds[n_sample:] = rng.choice(names, size=n - n_sample, p=np.array(probs) / sum(probs))
    reg = plan.reference("regions")
    cities = reg[reg["level"] == "city"]
    weights = _zipf(len(cities), 1.1, rng)
    pick = rng.choice(len(cities), size=n, p=weights)
    digits = len(str(n))
    ids = np.char.add("S", np.char.zfill(np.arange(n).astype(str), digits))
    return pd.DataFrame(
        {
            "id": ids,
            "name": np.char.add(f"{LABEL} 机构", np.char.zfill(np.arange(n).astype(str), digits)),
            "kind": kinds,
            "in_sample": np.where(np.arange(n) < n_sample, "1", "0"),
            "province": cities["province_zh"].to_numpy()[pick],
            "city": cities["name_zh"].to_numpy()[pick],
            "founding_year": rng.integers(1980, 2014, n).astype(str),
            "synthetic": LABEL,
        }
    )


def relations(orgs: pd.DataFrame, m: int, rng: np.random.Generator) -> pd.DataFrame:
    """`m` relations: source, target, year, technology, field, industry_section, industry_division, synthetic."""
    n = len(orgs)
    n_sample = int((orgs["in_sample"] == "1").sum())
    sample_w = _zipf(n_sample, 1.0, rng)
    sample_w[: n_sample // 10] *= 5  # platforms are the most active
    sample_w /= sample_w.sum()
    partner_w = _zipf(n - n_sample, 0.8, rng)
    cls = rng.choice(3, size=m, p=[0.45, 0.45, 0.10])  # enabling, input, between samples
    a = rng.choice(n_sample, size=m, p=sample_w)
    b = n_sample + rng.choice(n - n_sample, size=m, p=partner_w)
    c = rng.choice(n_sample, size=m, p=sample_w)
    c = np.where(c == a, (c + 1) % n_sample, c)  # no relation to itself
    src = np.where(cls == 1, b, a)
    dst = np.where(cls == 0, b, np.where(cls == 1, a, c))
    growth = 1.33 ** np.arange(len(YEARS))
    year = rng.choice(YEARS, size=m, p=growth / growth.sum())
    tech = plan.reference("ai_technologies")["name_zh"].to_numpy()
    field = plan.reference("ai_application_fields")["name_zh"].to_numpy()
    div = plan.reference("gbt4754_divisions")
    div = div[~div["code"].isin(["05", "11", "43"])]
    d = rng.choice(len(div), size=m)
    ids = orgs["id"].to_numpy()
    out = pd.DataFrame(
        {
            "source": ids[src],
            "target": ids[dst],
            "year": year.astype(str),
            "technology": tech[rng.choice(len(tech), size=m, p=_zipf(len(tech), 1.0, rng))],
            "field": field[rng.choice(len(field), size=m, p=_zipf(len(field), 0.7, rng))],
            "industry_section": div["section"].to_numpy()[d],
            "industry_division": div["code"].to_numpy()[d],
            "synthetic": LABEL,
        }
    )
    repeat = rng.choice(m, size=max(m // 100_000, 1), replace=False)  # exact duplicate rows, to be dropped
    out.iloc[repeat[1:]] = out.iloc[repeat[:-1]].to_numpy() if len(repeat) > 1 else out.iloc[repeat[1:]]
    return out.sort_values(["year", "source", "target"], kind="stable").reset_index(drop=True)


def generate(n_orgs: int = 100_000, n_relations: int = 2_000_000, seed: int = 16) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(organisations, relations) in the file format; the same seed gives the same tables."""
    rng = np.random.default_rng(seed)
    orgs = organisations(n_orgs, rng)
    return orgs, relations(orgs, n_relations, rng)


def write(folder: Path | str, n_orgs: int = 100_000, n_relations: int = 2_000_000, seed: int = 16) -> Path:
    """Write `organisations.parquet` and `relations.parquet` (every column text) into
    `<folder>/SYNTHETIC_firmdb_national_<orgs>_<relations>_seed<seed>/` unless they are there; returns it."""
    out = Path(folder) / f"{LABEL}_firmdb_national_{n_orgs}_{n_relations}_seed{seed}"
    if all((out / f"{t}.parquet").is_file() for t in ("organisations", "relations")):
        return out
    orgs, rel = generate(n_orgs, n_relations, seed)
    out.mkdir(parents=True, exist_ok=True)
    for name, df in (("organisations", orgs), ("relations", rel)):
        with atomic_path(out / f"{name}.parquet") as tmp:
            df.to_parquet(tmp, index=False, compression="zstd")
    return out
