"""Internal consistency (section audit/consistency): the checks of a report against its own numbers that fail,
and the related comparisons that are shown but not counted as errors."""

from __future__ import annotations

import pandas as pd

from ai_industry.catalog import audit
from ai_industry.chapters.audit.ledger import with_place


def consistency(audited: pd.DataFrame) -> dict:
    """The failing checks (`discrepancies`), how many checks could be recomputed at all (derived or same), in
    how many reports the failures are, and the related comparisons (status related, with `where`)."""
    bad = audit.discrepancies(audited)
    return {
        "discrepancies": bad,
        "checks": int(audited.check.isin(["derived", "same"]).sum()),
        "failed": len(bad),
        "reports": bad["where"].str[:3].nunique(),
        "related": with_place(audited[audited.status == "related"]),
    }
