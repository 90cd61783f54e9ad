"""Coverage (section audit/coverage): for each section of the four seeds (from their headings, the ledger's
`published/audit/seed_sections`), the claims, datasets and chapters that cover it, and what is left uncovered
and why (`published/audit/coverage_reasons`: the why as data, one row per section with a gap).

A section runs from its heading line to the line before the next heading of the same seed (any level), so a
claim covers the section the ledger labels it with and a dataset the sections of the line range its sources
entry cites. A chapter covers a section when it loads a
dataset that covers it (the audit report's own chapters, which load everything, are left out)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from ai_industry.errors import DataError, Problem

REASONS_FILE = "data/raw/published/coverage_reasons.csv"
GAPS = ("claims", "datasets", "chapters")


def section_spans(sections: pd.DataFrame) -> pd.DataFrame:
    """The sections with `start` (their heading line) and `end` (the line before the next heading of the same
    seed; the last section of a seed runs to the end, written as a large number), in seed and line order."""
    out = sections.assign(line=sections["line"].astype(int)).sort_values(["seed_file", "line"], kind="stable")
    nxt = out.groupby("seed_file")["line"].shift(-1)
    return out.assign(start=out["line"], end=(nxt - 1).fillna(10**9).astype(int)).reset_index(drop=True)


def section_of(spans: pd.DataFrame, seed_file: str, lines: Iterable[int]) -> list[str]:
    """The sections (labels) of `seed_file` that hold `lines`, each once, in line order; lines before the first
    heading belong to no section."""
    mine = spans[spans["seed_file"] == seed_file]
    starts = mine["start"].to_numpy()
    idx = np.searchsorted(starts, np.asarray(sorted(set(int(x) for x in lines)), dtype=int), side="right") - 1
    return list(dict.fromkeys(mine["section"].iloc[i] for i in idx if i >= 0))


def dataset_sections(
    spans: pd.DataFrame, datasets: Iterable[tuple[str, str, tuple[int, int]]]
) -> dict[tuple[str, str], list[str]]:
    """(seed file, section) -> the datasets covering it: the sections the line range cited by each dataset's
    sources entry (id, seed file, (first, last)) reaches. Read from sources.yaml, not from the tables, so the
    coverage chapter loads no dataset it does not show (the pipeline test of unused datasets stays exact)."""
    out: dict[tuple[str, str], list[str]] = {}
    for ds, seed, (first, last) in datasets:
        for sec in section_of(spans, seed, range(int(first), int(last) + 1)):
            out.setdefault((seed, sec), []).append(ds)
    return out


def coverage(
    spans: pd.DataFrame,
    claims: pd.DataFrame,
    by_dataset: dict[tuple[str, str], list[str]],
    chapters_of: dict[str, list[str]],
    reasons: pd.DataFrame,
    lang: str = "zh",
) -> pd.DataFrame:
    """One row per seed section: `claims` (how many ledger claims stand in it, by the ledger's label), `datasets` (short names),
    `chapters` (titles of the chapters loading them, in `lang`), `uncovered` (which of claims / datasets /
    chapters it lacks, '+'-joined) and `reason` (from `reasons`, in `lang`). A section with a gap and no reason
    raises DataError naming the reasons file and the section; reasons for sections without a gap are unused."""
    known = set(zip(spans["seed_file"], spans["section"]))
    counts: dict[tuple[str, str], int] = {}
    for r in claims.itertuples():
        # the ledger's own label where it names a section (a footnote may run on into the next section's
        # page), else the section its line falls in
        secs = [r.section] if (r.seed_file, r.section) in known else section_of(spans, r.seed_file, [int(r.line)])
        for sec in secs:
            counts[(r.seed_file, sec)] = counts.get((r.seed_file, sec), 0) + 1
    why = {(r.seed_file, r.section): (r.reason_zh if lang == "zh" else r.reason_en) for r in reasons.itertuples()}
    rows, missing = [], []
    for r in spans.itertuples():
        key = (r.seed_file, r.section)
        ds = by_dataset.get(key, [])
        ch = list(dict.fromkeys(c for d in ds for c in chapters_of.get(d, [])))
        gaps = [g for g, have in zip(GAPS, (counts.get(key, 0), ds, ch)) if not have]
        if gaps and key not in why:
            missing.append(
                Problem("a section with a gap needs a reason", None, "section", f"{r.seed_file} {r.section}")
            )
        rows.append(
            {
                "seed_file": r.seed_file,
                "section": r.section,
                "line": r.start,
                "heading": r.heading if lang == "zh" else r.title_en,
                "claims": counts.get(key, 0),
                "datasets": ", ".join(d.rsplit("/", 1)[-1] for d in ds),
                "chapters": "; ".join(ch),
                "uncovered": "+".join(gaps),
                "reason": why.get(key, "") if gaps else "",
            }
        )
    if missing:
        raise DataError(REASONS_FILE, missing, message="sections left uncovered without a reason")
    return pd.DataFrame(rows)


def summary(table: pd.DataFrame) -> dict[str, int]:
    """How many sections there are, how many are covered by claims, datasets and chapters alike, and how many
    lack each."""
    out = {"sections": len(table), "covered": int((table["uncovered"] == "").sum())}
    for g in GAPS:
        out[f"no_{g}"] = int(table["uncovered"].str.split("+").map(lambda p, g=g: g in p).sum())
    return out


def chapters_by_dataset(lang: str = "zh", root=None) -> dict[str, list[str]]:
    """Dataset id -> the chapters (number and title in `lang`) that load it, from config/sections.yaml; the
    audit report's chapters (they load every dataset) are left out."""
    from ai_industry.catalog.sections import load_config

    out: dict[str, list[str]] = {}
    for s in load_config(root).sections():
        if s.report == "audit":
            continue
        name = f"{s.number} {s.title_zh}" if lang == "zh" else f"§{s.number_en} {s.title_en}"
        for ds in s.inputs:
            out.setdefault(ds, []).append(name)
    return out


def seed_coverage(load: Callable[[str], pd.DataFrame], lang: str = "zh", root=None) -> pd.DataFrame:
    """The coverage table of the four seeds (see `coverage`) from the ledger's seed sections, claims and
    coverage reasons, the sources entries of every transcribed dataset of data/raw/published and
    config/sections.yaml; `load(dataset_id)` returns a processed table (the chapter's `ch.load`)."""
    from ai_industry.catalog.sources import load_sources

    spans = section_spans(load("published/audit/seed_sections"))
    seeds = set(spans["seed_file"])
    datasets = [
        (d.id, d.publication.seed_file, tuple(d.lines))
        for d in load_sources(root).datasets.values()
        if d.publication.seed_file in seeds
    ]
    return coverage(
        spans,
        load("published/audit/claims"),
        dataset_sections(spans, datasets),
        chapters_by_dataset(lang, root),
        load("published/audit/coverage_reasons").fillna(""),
        lang,
    )


def with_gap_labels(table: pd.DataFrame, label: Callable[[str], str], sep: str = "、") -> pd.DataFrame:
    """The coverage table with `uncovered_label`: what a section lacks in the chapter's words (terms
    coverage_claims / coverage_datasets / coverage_chapters through `label`, the chapter's `ch.t`)."""
    return table.assign(
        uncovered_label=table["uncovered"].map(lambda u: sep.join(label(f"coverage_{g}") for g in u.split("+") if g))
    )
