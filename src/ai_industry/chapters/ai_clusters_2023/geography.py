"""Where the backbone AI enterprises of the ai-clusters-2023 report are (section 五(二)(1)): the published
shares by metro region, province and city, and their concentration, computed once for the notebook's
zh and en sentences."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ai_industry.methods import distributions as dist

LEVELS = ("metro_region", "province", "city")


@dataclass(frozen=True)
class Geography:
    """The section's computed values: the enterprise base count, the shares of each level (largest first),
    the stated concentration, the concentration table (CR-n, HHI bounds, stated values) and the headline numbers of the text."""

    base: int
    shares: pd.DataFrame
    stated: pd.DataFrame
    metro: pd.DataFrame
    prov: pd.DataFrame
    city: pd.DataFrame
    conc: pd.DataFrame
    metro_sum_pct: float  # the listed metro regions combined (%)

    @property
    def n_metro(self) -> int:
        return len(self.metro)


def geography(shares: pd.DataFrame, stated: pd.DataFrame, top_n: int) -> Geography:
    """The section's values from the published enterprise distribution and the stated concentration."""
    metro, prov, city = (dist.level_shares(shares, lv) for lv in LEVELS)
    return Geography(
        base=int(shares["base_count"].iloc[0]),
        shares=shares,
        stated=stated,
        metro=metro,
        prov=prov,
        city=city,
        conc=dist.concentration(shares, stated, n=top_n),
        metro_sum_pct=metro.share_pct.sum(),
    )
