"""The whole patent method in one call: `analyse` runs identification -> applicant types and cities -> per-patent
annotation -> every table of `tables` and `coapplication`, returning a `PatentAnalysis`; and `generate_demo`, the
SYNTHETIC demo export to run it on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ai_industry.methods.patents.coapplication import (
    city_pairs,
    coapplication_totals,
    iur_shares,
    partner_cities,
    partner_fields,
    partner_trend,
    sole_applicant_structure,
)
from ai_industry.methods.patents.identify import AIIdentification, classify_applicants, identify_ai
from ai_industry.methods.patents.places import applicant_cities, city_report, unmapped_addresses
from ai_industry.methods.patents.read import PatentExport
from ai_industry.methods.patents.rules import (
    FIVE_YEAR_PLANS,
    SEED_PERIODS,
    AIRule,
    ApplicantTypeRules,
    load_applicant_type_rules,
)
from ai_industry.methods.patents.tables import (
    annotate,
    field_shares,
    patent_type_shares,
    period_counts,
    period_growth,
)


# ---- the whole method ----------------------------------------------------------------------------------------------
@dataclass
class PatentAnalysis:
    """Everything `analyse` computes: annotated patents and applicants, the identification, and the tables."""

    patents: pd.DataFrame
    applicants: pd.DataFrame
    identification: AIIdentification
    tables: dict[str, pd.DataFrame]
    timings: dict[str, float] = field(default_factory=dict)


def analyse(
    export: PatentExport,
    *,
    cities: Sequence[str] | None = None,
    ai_rules: Sequence[AIRule] | Path | str | None = None,
    ai_groups: Sequence[str] = ("keyword",),
    how: str = "any",
    type_rules: ApplicantTypeRules | Path | str | None = None,
    periods: Mapping[str, tuple[int, int]] | None = None,
    base: str = "十二五",
    target: str = "十三五",
    pairs: Sequence[tuple[str, str]] | None = None,
) -> PatentAnalysis:
    """Identification -> applicant types and cities -> per-patent annotation -> every table of the method.
    `cities` limits the city tables (None = all cities); `pairs` the trend/field tables (None = all pairs)."""
    import time

    t: dict[str, float] = {}
    t0 = time.perf_counter()
    ident = identify_ai(export.patents, ai_rules, groups=ai_groups, how=how)
    t["identify"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    rules = type_rules if isinstance(type_rules, ApplicantTypeRules) else load_applicant_type_rules(type_rules)
    apps = export.applicants.copy()
    apps["type"] = classify_applicants(export.applicants["name"], rules).to_numpy()
    t["applicant_types"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for c, v in applicant_cities(export.applicants).items():
        apps[c] = v.to_numpy()
    t["cities"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    pats = annotate(
        export.patents, apps, ident, academic=rules.groups.get("academic"), enterprise=rules.groups.get("enterprise")
    )
    all_periods = {**FIVE_YEAR_PLANS, **(periods or SEED_PERIODS)}
    tables = {
        "identification": ident.summary,
        "city_report": city_report(apps),
        "unmapped_addresses": unmapped_addresses(apps),
        "period_counts": period_counts(pats, periods or SEED_PERIODS, cities=cities),
        "period_growth": period_growth(pats, base, target, all_periods, cities=cities),
        "patent_types": patent_type_shares(pats, cities=cities),
        "field_shares": field_shares(pats, cities=cities, top=None),
        "coapplication_totals": coapplication_totals(pats, cities=cities),
        "partner_cities": partner_cities(pats, apps, cities=cities),
        "city_pairs": city_pairs(pats, apps),
        "partner_trend": partner_trend(pats, apps, pairs=pairs),
        "partner_fields": partner_fields(pats, apps, pairs=pairs),
        "iur_shares": iur_shares(pats, cities=cities),
        "sole_applicant_structure": sole_applicant_structure(pats, cities=cities, type_rules=rules),
    }
    t["annotate_and_tables"] = time.perf_counter() - t0
    return PatentAnalysis(pats, apps, ident, tables, t)


# ---- demo ----------------------------------------------------------------------------------------------------------
def generate_demo(
    n_rows: int | None = None,
    seed: int = 2022,
    folder: Path | str | None = None,
    *,
    fmt: str = "csv",
    encoding: str = "utf-8-sig",
) -> Path:
    """Write a SYNTHETIC PatSnap-layout export calibrated to seed 000's published aggregates (see
    ai_industry.demo_patents); returns its path. Default size and folder: demo_patents.DEFAULT_ROWS rows under
    data/interim/demo/."""
    from ai_industry.methods.demo import patents as demo_patents

    return demo_patents.generate_demo(n_rows, seed, folder, fmt=fmt, encoding=encoding)
