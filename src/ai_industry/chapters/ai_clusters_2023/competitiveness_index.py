"""The competitiveness index as a method (section ai-clusters-2023/competitiveness_index): a composite index of
the provinces built with `methods.index` from the province lists the report itself publishes (or from an
analyst's own indicator table and spec), set beside Table 1's ranks, with rank intervals, Sobol indices and
coherence checks. Sentences are built here once from computed values, in zh and en.

Conventions: rank 1 is the best; a shift is Table 1's rank minus the index's rank among the provinces both
rank (positive: the index puts the province higher than Table 1 does)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ai_industry.catalog import terms
from ai_industry.chapters.ai_clusters_2023.competitiveness import from_levels
from ai_industry.chapters.ai_clusters_2023.index_spec import SPEC_FILE
from ai_industry.methods import stats
from ai_industry.methods.index import build, coherence, uncertainty
from ai_industry.methods.index import spec as index_spec
from ai_industry.present import labels

SEED = 20230018  # bootstrap of the rank correlations with Table 1

# the section's inputs by short name; the indicator each list becomes and the dataset it is read from
INPUTS = (
    "competitiveness_ranking",
    "enterprise_distribution",
    "platform_distribution",
    "ai_universities_distribution",
    "research_institutes_distribution",
    "new_innovation_orgs_distribution",
    "province_enabling_input_share",
)
INDICATOR_SOURCES = {
    "enterprises": "enterprise_distribution",
    "platforms": "platform_distribution",
    "universities": "ai_universities_distribution",
    "institutes": "research_institutes_distribution",
    "new_orgs": "new_innovation_orgs_distribution",
    "enabling": "province_enabling_input_share",
    "input": "province_enabling_input_share",
}
PUBLISHED_TABLE = "the report's province lists"


# ---- labels --------------------------------------------------------------------------------------------


def _term(groups: tuple[str, ...], key: str, lang: str, spec_label: Mapping[str, str] | None = None) -> str:
    for g in groups:
        hit = terms.group(g).get(key)
        if hit:
            return hit[0] if lang == "zh" else hit[1]
    return (spec_label or {}).get(lang) or key


def indicator_label(c: CompetitivenessIndex | index_spec.IndexSpec, key: str, lang: str) -> str:
    """An indicator's label: the suite's terms, else the spec's own label, else its id."""
    spec = c.spec if isinstance(c, CompetitivenessIndex) else c
    lab = next((i.label for i in spec.indicators if i.id == key), None)
    return _term(("competitiveness_indicator", "index_indicator"), key, lang, lab)


def dimension_label(spec: index_spec.IndexSpec, key: str, lang: str) -> str:
    lab = next((d.label for d in spec.dimensions if d.id == key), None)
    return _term(("index_dimension",), key, lang, lab)


def choice_label(key: str, lang: str) -> str:
    """The label of a method choice (normalisation, aggregation, imputation, weighting, outlier treatment) or of
    an uncertainty factor."""
    return _term(("index_choice", "index_factor"), key, lang)


# ---- the published indicator table ----------------------------------------------------------------------


def province_lists(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every published province list as indicator, region, value (%), printed_rank."""
    orgs = tables["new_innovation_orgs_distribution"]
    orgs = orgs[orgs["unit"] == "pct"].rename(columns={"value": "share_pct"})
    tech = tables["province_enabling_input_share"]
    parts = [
        from_levels(tables["enterprise_distribution"], "enterprises", ["province"]),
        from_levels(tables["platform_distribution"], "platforms", ["province"]),
        from_levels(tables["ai_universities_distribution"], "universities", ["province"]),
        from_levels(tables["research_institutes_distribution"], "institutes", ["province"]),
        from_levels(orgs, "new_orgs", ["province"]),
    ]
    for direction in ("enabling", "input"):
        d = tech[tech["direction"] == direction]
        parts.append(
            pd.DataFrame(
                {"indicator": direction, "region": d["province"], "value": d["share_pct"], "printed_rank": d["rank"]}
            )
        )
    cols = ["indicator", "region", "value", "printed_rank"]
    return pd.concat([p[cols] for p in parts], ignore_index=True)


def published_table(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The indicator table of the provinces Table 1 ranks or any list names (Table 1's order first), one column
    per indicator, empty where a list does not name the province."""
    lists = province_lists(tables)
    ranking = tables["competitiveness_ranking"]
    units = list(ranking.loc[ranking["level"] == "province"].sort_values("rank")["region"])
    units += [r for r in dict.fromkeys(lists["region"]) if r not in units]
    wide = lists.pivot(index="region", columns="indicator", values="value").reindex(units)
    out = pd.DataFrame({"unit": units})
    for ind in INDICATOR_SOURCES:
        out[ind] = ["" if pd.isna(v) else f"{v:g}" for v in wide[ind]]
    out.attrs["file"] = PUBLISHED_TABLE
    return out


# ---- the section's values ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompetitivenessIndex:
    """What the section computes once for its zh and en text."""

    spec: index_spec.IndexSpec
    user_table: str  # the analyst's file name, '' for the published lists
    raw: pd.DataFrame
    result: build.IndexResult
    unc: uncertainty.UncertaintyResult
    indicators: pd.DataFrame  # indicator, dimension, direction, weight, listed, missing, imputed, source
    comparison: pd.DataFrame  # the units Table 1 ranks: published, index rank among them, shift, intervals
    agreement: dict[str, float]
    corr: pd.DataFrame
    dims: pd.DataFrame
    top_n: int

    @property
    def sources(self) -> list[str]:
        """Source names of the index's data: the lists used, or the analyst's file."""
        if self.user_table:
            return [f"file:{self.user_table}"]
        return list(dict.fromkeys(INDICATOR_SOURCES[i] for i in self.spec.indicator_ids if i in INDICATOR_SOURCES))

    @property
    def compare_sources(self) -> list[str]:
        return ["competitiveness_ranking", *self.sources]


def load_table_and_spec(
    tables: Mapping[str, pd.DataFrame], indicators: str = "", spec: str = ""
) -> tuple[pd.DataFrame, index_spec.IndexSpec, str]:
    """(checked indicator table, spec, the analyst's file name or ''): the published lists and the default spec
    unless an indicator table or spec file is given."""
    sp = index_spec.read_spec(spec or SPEC_FILE)
    table = index_spec.read_table(indicators) if indicators else published_table(tables)
    return index_spec.check_table(table, sp), sp, (Path(indicators).name if indicators else "")


def indicator_overview(raw: pd.DataFrame, result: build.IndexResult, user: bool) -> pd.DataFrame:
    """Per indicator: dimension, direction, nominal weight within the dimension, units with a value, missing
    units, the value imputed for them (when one value), and the dataset it comes from."""
    rows = []
    imputed = result.imputed
    for ind, w in zip(result.spec.indicators, result.weights["weight"]):
        miss = raw[ind.id].isna()
        vals = imputed.loc[miss, ind.id].dropna().unique()
        rows.append(
            {
                "indicator": ind.id,
                "dimension": ind.dimension,
                "direction": "+" if ind.direction > 0 else "−",
                "weight": w,
                "listed": int((~miss).sum()),
                "missing": int(miss.sum()),
                "imputed": float(vals[0]) if len(vals) == 1 else np.nan,
                "source": "" if user else INDICATOR_SOURCES.get(ind.id, ""),
            }
        )
    return pd.DataFrame(rows)


def _best(scores: pd.Series) -> str:
    """The dimension where a unit scores highest, '' when all its scores are equal (no dimension stands out)."""
    s = scores.dropna()
    return "" if s.empty or s.max() == s.min() else str(s.idxmax())


def compare_with_table1(
    ranking: pd.DataFrame, result: build.IndexResult, intervals: pd.DataFrame, raw: pd.DataFrame
) -> pd.DataFrame:
    """The provinces Table 1 ranks that the index has: published rank, the index's rank among them, shift,
    the rank interval (among all units of the index), indicators with a published value, strongest dimension."""
    pub = ranking[ranking["level"] == "province"].set_index("region")["rank"]
    common = [u for u in pub.index if u in result.index.index]
    score = result.index.loc[common]
    sub_rank = score.rank(ascending=False, method="min").astype(int)
    iv = intervals.set_index("unit")
    dims = result.dimensions.loc[common]
    return pd.DataFrame(
        {
            "unit": common,
            "published": pub.loc[common].astype(int).to_numpy(),
            "index_rank": sub_rank.to_numpy(),
            "shift": (pub.loc[common] - sub_rank).astype(int).to_numpy(),
            "score": score.to_numpy(),
            "nominal": iv.loc[common, "nominal"].to_numpy(),
            "median": iv.loc[common, "median"].to_numpy(),
            "p05": iv.loc[common, "p05"].to_numpy(),
            "p95": iv.loc[common, "p95"].to_numpy(),
            "top_share": iv.loc[common, "top_share"].to_numpy(),
            "listed": raw.loc[common].notna().sum(axis=1).to_numpy(),
            "best_dimension": [_best(dims.loc[u]) for u in common],
        }
    )


def competitiveness_index(
    tables: Mapping[str, pd.DataFrame], indicators: str = "", spec: str = "", top_n: int = 10
) -> CompetitivenessIndex:
    """The section's values: the index, its uncertainty analysis, and its comparison with Table 1."""
    raw, sp, user = load_table_and_spec(tables, indicators, spec)
    result = build.build_index(raw, sp)
    unc = uncertainty.analyse(raw, sp, top=top_n)
    comp = compare_with_table1(tables["competitiveness_ranking"], result, unc.intervals, raw)
    agreement = (
        stats.rank_agreement(comp["published"], comp["index_rank"], seed=SEED) if len(comp) >= 3 else {"n": len(comp)}
    )
    return CompetitivenessIndex(
        spec=sp,
        user_table=user,
        raw=raw,
        result=result,
        unc=unc,
        indicators=indicator_overview(raw, result, bool(user)),
        comparison=comp,
        agreement=agreement,
        corr=coherence.correlations(result),
        dims=coherence.dimension_coherence(result),
        top_n=top_n,
    )


def place(name: str, lang: str) -> str:
    return labels.place(name, lang)
