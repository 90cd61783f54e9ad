"""Cross-report comparison (section audit/cross_report): the same or a related quantity as different reports
state it."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ai_industry.catalog import audit


def cross_report(audited: pd.DataFrame, label: Callable[[str], str]) -> dict:
    """The cross-report pairs with the status's label (`label`, e.g. the chapter's `ch.t`) as `status_label`,
    how many pairs there are and from how many reports."""
    cross = audit.cross_report(audited)
    return {
        "pairs": cross.assign(status_label=lambda d: d.status.map(label)),
        "n": len(cross),
        "reports": cross["report"].nunique() if len(cross) else 0,
    }
