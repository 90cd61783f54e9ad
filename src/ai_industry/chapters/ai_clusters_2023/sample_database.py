"""The China smart-economy sample database (智能经济样本库) of the ai-clusters-2023 report: its components,
what each is (from the report's footnotes as recorded in the dataset's notes), and every place the report
restates one of its counts (from the claims ledger)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ai_industry.catalog import terms

# the row that counts the regions issuing the policies: an attribute of the policy component, not a component
ISSUERS = "省市自治区"
ISSUED = "相关政策"

# component (as printed) -> (zh, en): what it is, from footnotes [2]-[3] of section 二 and the dataset notes
# (catalog/terms.csv, group sample_component_what)
WHAT: dict[str, tuple[str, str]] = terms.group("sample_component_what")


def components(db: pd.DataFrame) -> pd.DataFrame:
    """The components of the sample database (count of entities each), largest first, with the number of
    issuing regions attached to the policies (`issuers`, NaN elsewhere) and what each component is."""
    issuers = db.loc[db["component"] == ISSUERS, "count"]
    comp = db[db["component"] != ISSUERS].copy()
    comp["issuers"] = pd.array([pd.NA] * len(comp), dtype="Int64")
    if len(issuers):
        comp.loc[comp["component"] == ISSUED, "issuers"] = int(issuers.iloc[0])
    comp["what_zh"] = [WHAT.get(c, ("", ""))[0] for c in comp["component"]]
    comp["what_en"] = [WHAT.get(c, ("", ""))[1] for c in comp["component"]]
    comp = comp.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)
    return comp[["component", "component_en", "count", "issuers", "what_zh", "what_en", "seed_line"]]


def body_claims(claims: pd.DataFrame, dataset_id: str, db: pd.DataFrame) -> pd.DataFrame:
    """The ledger's claims that are cells of the sample-database dataset, each matched to its component by
    the component's name occurring in the claim's quote: claim_id, component, value (count)."""
    cells = claims[claims["dataset"] == dataset_id]
    rows = []
    for comp in db["component"]:
        core = comp.split("(")[0]
        hit = cells[cells["quote"].str.contains(core, regex=False)]
        if len(hit) != 1:
            raise ValueError(f"component {comp!r} matches {len(hit)} ledger claims of {dataset_id}, not 1")
        rows.append({"claim_id": hit["claim_id"].iloc[0], "component": comp, "value": float(hit["value"].iloc[0])})
    return pd.DataFrame(rows)


# checks that compare a count with the database's without claiming it is the same count: a count of another
# scope or date (related), or one the database's count bounds (at_most, at_least: the audit gives the verdict)
COMPARED = ("related", "at_most", "at_least")


def restatements(claims: pd.DataFrame, body: pd.DataFrame) -> pd.DataFrame:
    """Every claim whose derivation is one of the body claims alone (the same count stated elsewhere, check
    'same', or a related count, check 'related'): component, claim_id, section, line, quote, value, check,
    measure, and whether its value equals the body's (`equal`)."""
    ref = dict(zip(body["claim_id"], zip(body["component"], body["value"])))
    c = claims[claims["derivation"].str.strip().isin(ref) & claims["check"].isin(["same", *COMPARED])]
    pairs = [(r, r.derivation.strip(), r.claim_id) for r in c.itertuples()]
    # a body claim may itself be compared with a count elsewhere (its derivation is that claim alone)
    by_id = claims.set_index("claim_id", drop=False)
    for r in claims[claims["claim_id"].isin(ref) & claims["check"].isin(COMPARED)].itertuples():
        if r.derivation.strip() in by_id.index:
            other = by_id.loc[[r.derivation.strip()]].assign(check=r.check)
            pairs.append((next(other.itertuples()), r.claim_id, r.claim_id))
    rows = []
    for r, body_id, checked_by in pairs:
        comp, v = ref[body_id]
        rows.append(
            {
                "component": comp,
                "claim_id": r.claim_id,
                "section": r.section,
                "line": int(r.line),
                "quote": r.quote,
                "measure": r.measure,
                "value": float(r.value),
                "check": r.check,
                "checked_by": checked_by,
                "equal": float(r.value) == v,
            }
        )
    cols = ["component", "claim_id", "section", "line", "quote", "measure", "value", "check", "checked_by", "equal"]
    out = pd.DataFrame(rows, columns=cols)
    order = {c: i for i, c in enumerate(body["component"])}
    return out.sort_values(
        ["component", "line"], key=lambda s: s.map(order) if s.name == "component" else s, kind="stable"
    ).reset_index(drop=True)


def restatement_summary(body: pd.DataFrame, rest: pd.DataFrame, sections: list[str]) -> pd.DataFrame:
    """Per component: its count in section 二, the value stated in each of `sections` (NaN where it is not
    restated there; the first such statement if several), how many statements of the same count the report
    makes elsewhere ('same') and how many of them agree, and how many related counts are linked to it."""
    rows = []
    for rec in body.itertuples():
        mine = rest[rest["component"] == rec.component]
        same = mine[mine["check"] == "same"]
        row = {"component": rec.component, "body": rec.value}
        for sec in sections:
            hit = same[same["section"] == sec]
            row[sec] = float(hit["value"].iloc[0]) if len(hit) else float("nan")
        row.update(
            {
                "n_same": len(same),
                "n_equal": int(same["equal"].sum()),
                "n_related": int(mine["check"].isin(COMPARED).sum()),
            }
        )
        rows.append(row)
    return pd.DataFrame(rows)


def display_name(component: str, component_en: str, lang: str = "zh") -> str:
    """A component's name in `lang` (the issuing-regions row is named as what it counts)."""
    if lang == "zh":
        return "出台政策的省市自治区" if component == ISSUERS else component
    return component_en[:1].upper() + component_en[1:]


def what_list(comp: pd.DataFrame, lang: str = "zh") -> str:
    """A Markdown bullet list: each component in bold with what it is, in `lang`."""
    col = "what_zh" if lang == "zh" else "what_en"
    sep = "：" if lang == "zh" else ": "
    return "\n".join(
        f"- **{display_name(r.component, r.component_en, lang)}**{sep}{getattr(r, col)}" for r in comp.itertuples()
    )


def component_labels(comp: pd.DataFrame, lang: str = "zh") -> list[str]:
    """Display names of the components in `lang`; the policies carry the number of regions that issued them."""
    out = []
    for r in comp.itertuples():
        label = display_name(r.component, r.component_en, lang)
        if pd.notna(r.issuers):
            label += (
                f"（{int(r.issuers)}个省市自治区出台）" if lang == "zh" else f" (issued by {int(r.issuers)} provinces)"
            )
        out.append(label)
    return out


# ---- the section's values ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleDatabase:
    """What the section computes once for its zh and en text: the components, the policy row (its count and
    number of issuing regions), the body claims with their restatements and summary, the restatement counts,
    the display names (in the chapter's language), the related counts of a different scope, the first AI
    university count that differs, and the enterprise counts larger than the database's."""

    comp: pd.DataFrame
    policy_count: int
    policy_issuers: int
    body: pd.DataFrame
    rest: pd.DataFrame
    summ: pd.DataFrame
    n_same: int
    n_same_equal: int
    n_enterprises_restated: int
    names: dict[str, str]
    related: pd.DataFrame
    university_gap: pd.Series | None
    more_enterprises: pd.DataFrame


def related_counts(
    rest: pd.DataFrame,
    body: pd.DataFrame,
    names: dict[str, str],
    lang: str = "zh",
    status: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The counts compared with the database's (checks 'related', 'at_most', 'at_least') beside it: label,
    where (section and seed line, in `lang`), diff (value - body) and the audit's status of the comparison
    (`status`: claim id -> status, e.g. from `catalog.audit.audit_claims`; '' when not given)."""
    related = rest[rest["check"].isin(COMPARED)].merge(
        body[["component", "value"]].rename(columns={"value": "body"}), on="component"
    )
    return related.assign(
        status=[(status or {}).get(c, "") for c in related["checked_by"]],
        label=[names[c] for c in related["component"]],
        diff=related["value"] - related["body"],
        where=[
            f"{s}，{ln}" if lang == "zh" else f"{s}, line {ln}" for s, ln in zip(related["section"], related["line"])
        ],
    )


def sample_database(
    db: pd.DataFrame,
    claims: pd.DataFrame,
    dataset_id: str,
    lang: str = "zh",
    sections: tuple[str, ...] = ("内容提要", "Abstract"),
    audited: pd.DataFrame | None = None,
) -> SampleDatabase:
    """The section's values from the sample-database dataset (`dataset_id`) and the claims ledger (`audited`:
    the audit of the ledger, for the status of each comparison)."""
    comp = components(db)
    policy = comp[comp["issuers"].notna()].iloc[0]
    body = body_claims(claims, dataset_id, db)
    rest = restatements(claims, body)
    summ = restatement_summary(body, rest, list(sections))
    same = rest[rest["check"] == "same"]
    names = {c: display_name(c, e, lang) for c, e in zip(db["component"], db["component_en"])}
    status = dict(zip(audited["claim_id"], audited["status"])) if audited is not None else None
    related = related_counts(rest, body, names, lang, status)
    uni = related[(related["component"] == "AI 大学") & (related["diff"] != 0)]
    return SampleDatabase(
        comp=comp,
        policy_count=policy["count"],
        policy_issuers=policy["issuers"],
        body=body,
        rest=rest,
        summ=summ,
        n_same=len(same),
        n_same_equal=int(same["equal"].sum()),
        n_enterprises_restated=int(summ.loc[summ.component == "人工智能企业", "n_same"].iloc[0]),
        names=names,
        related=related,
        university_gap=uni.iloc[0] if len(uni) else None,
        more_enterprises=related[(related["component"] == "人工智能企业") & (related["diff"] > 0)],
    )
