"""The claims ledger (section audit/ledger): every numeric claim of the four reports audited, and the counts
and listing the chapter shows."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ai_industry.catalog import audit
from ai_industry.catalog.sources import load_sources

STATUSES = ("reproduced", "discrepancy", "related", "not derivable")


def audited_claims(load: Callable[[str], pd.DataFrame]) -> pd.DataFrame:
    """The claims ledger (`published/audit/claims`) audited; `load(dataset_id)` returns a processed table (the
    chapter's `ch.load`), used for the ledger and for the table cells the derivations read."""
    claims = load("published/audit/claims").fillna("")
    return audit.audit_claims(claims, tables=audit.table_functions(load))


def status_counts(audited: pd.DataFrame) -> dict[str, int]:
    """How many claims have each status (0 where none), and `claims`: how many in all."""
    counts = audited["status"].value_counts()
    return {"claims": len(audited), **{s: int(counts.get(s, 0)) for s in STATUSES}}


def with_place(audited: pd.DataFrame) -> pd.DataFrame:
    """The claims with `where`: the seed number and line as '003:298'."""
    return audited.assign(where=lambda d: d.seed_file.str[:3] + ":" + d.line.astype(str))


def listing(audited: pd.DataFrame, seed: str, section: str, status: str, label: Callable[[str], str]) -> pd.DataFrame:
    """The claims selected by seed, section and status (empty: all), with `where` and the status's label
    (`label`, e.g. the chapter's `ch.t`) as `status_label`."""
    shown = with_place(audit.select(audited, seed=seed, section=section, status=status))
    return shown.assign(status_label=lambda d: d.status.map(label))


def report_titles(lang: str) -> dict[str, str]:
    """The title of each report in `lang`, by its slug and by its seed file (the audit tables key reports by
    either), from the publications of data/raw/published/sources.yaml; "total" stays as the word for it."""
    titles: dict[str, str] = {"total": "合计" if lang == "zh" else "Total"}
    for key, pub in load_sources().publications.items():
        title = pub.title_zh if lang == "zh" else pub.title_en
        titles[key] = titles[pub.seed_file] = title
    return titles


def with_report_title(df: pd.DataFrame, column: str, lang: str, to: str = "report_title") -> pd.DataFrame:
    """`df` with the title of the report named in `column` (slug or seed file) as `to`; an unknown name is kept
    as it is (never blank)."""
    titles = report_titles(lang)
    return df.assign(**{to: df[column].map(lambda v: titles.get(v, v))})


def differs_label(differs: str, label: Callable[[str], str], sep: str = "、") -> str:
    """What a finding's two statements differ in, in the chapter's words ('scope+date' -> '口径、日期'; '' ->
    the word for none); `label` is the chapter's `ch.t`."""
    parts = audit.differs_parts(differs)
    return sep.join(label(f"differs_{p}") for p in parts) if parts else label("differs_none")


def with_differs(audited: pd.DataFrame, label: Callable[[str], str], sep: str = "、") -> pd.DataFrame:
    """The claims with `differs_label`: what differs, in the chapter's words (see `differs_label`)."""
    return audited.assign(differs_label=audited["differs"].map(lambda d: differs_label(d, label, sep)))
