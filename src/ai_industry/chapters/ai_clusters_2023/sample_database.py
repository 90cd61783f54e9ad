"""The China smart-economy sample database (智能经济样本库) of the ai-clusters-2023 report: its components,
what each is (from the report's footnotes as recorded in the dataset's notes), and every place the report
restates one of its counts (from the claims ledger)."""

from __future__ import annotations

import pandas as pd

# the row that counts the regions issuing the policies: an attribute of the policy component, not a component
ISSUERS = "省市自治区"
ISSUED = "相关政策"

# component (as printed) -> (zh, en): what it is, from footnotes [2]-[3] of section 二 and the dataset notes
WHAT: dict[str, tuple[str, str]] = {
    "人工智能企业": ("人工智能骨干企业；样本库的核心，其属性数据（成立时间、所属地区、销售收入等）与关系数据（与其他节点的关系和互动）均被采集。",
               "The backbone AI enterprises, the core of the database: both their attribute data (founding date, region, "
               "sales) and their relational data (relations and interactions with other nodes) are collected."),
    "投资者(投资机构和非投资机构)": ("样本企业关系数据中作为关系节点的投资方，包括投资机构和非投资机构（脚注二）。",
                       "The investors that appear as relation nodes in the sample enterprises' relational data, investment "
                       "and non-investment agencies alike (footnote two)."),
    "AI 大学": ("设置人工智能、智能科学与技术或人工智能技术服务专业的大学（见第七部分）。",
              "Universities offering an AI, intelligence science and technology, or AI technical-service programme "
              "(see part seven)."),
    "非大学科研机构": ("大学以外的人工智能科研机构（科研院所）。", "AI research institutes outside the universities."),
    "产业联盟": ("国家和地方成立的与人工智能相关的产业联盟组织，主要根据网络公开数据筛选（脚注三）。",
             "National and local AI-related industry alliances, screened mainly from public web data (footnote three)."),
    "会议": ("在中国境内召开的人工智能类会议（脚注三）。", "AI conferences held in China (footnote three)."),
    "相关政策": ("各地政府出台的规划、实施意见和行动计划，来自各省市自治区和重点城市的政府官网（脚注三）。",
             "Plans, implementation opinions and action plans of local governments, from the official websites of "
             "the provinces and key cities (footnote three)."),
    "人工智能产业园区": ("人工智能产业园区的规划建设情况。", "AI industrial parks, with their planning and construction status."),
}


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


def restatements(claims: pd.DataFrame, body: pd.DataFrame) -> pd.DataFrame:
    """Every claim whose derivation is one of the body claims alone (the same count stated elsewhere, check
    'same', or a related count, check 'related'): component, claim_id, section, line, quote, value, check,
    measure, and whether its value equals the body's (`equal`)."""
    ref = dict(zip(body["claim_id"], zip(body["component"], body["value"])))
    c = claims[claims["derivation"].str.strip().isin(ref) & claims["check"].isin(["same", "related"])]
    pairs = [(r, r.derivation.strip()) for r in c.itertuples()]
    # a body claim may itself point at a related count elsewhere (its derivation is that claim alone)
    by_id = claims.set_index("claim_id", drop=False)
    for r in claims[claims["claim_id"].isin(ref) & (claims["check"] == "related")].itertuples():
        if r.derivation.strip() in by_id.index:
            pairs.append((next(by_id.loc[[r.derivation.strip()]].assign(check="related").itertuples()), r.claim_id))
    rows = []
    for r, body_id in pairs:
        comp, v = ref[body_id]
        rows.append({"component": comp, "claim_id": r.claim_id, "section": r.section, "line": int(r.line),
                     "quote": r.quote, "measure": r.measure, "value": float(r.value), "check": r.check,
                     "equal": float(r.value) == v})
    out = pd.DataFrame(rows, columns=["component", "claim_id", "section", "line", "quote", "measure", "value", "check", "equal"])
    order = {c: i for i, c in enumerate(body["component"])}
    return out.sort_values(["component", "line"], key=lambda s: s.map(order) if s.name == "component" else s,
                           kind="stable").reset_index(drop=True)


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
        row.update({"n_same": len(same), "n_equal": int(same["equal"].sum()),
                    "n_related": int((mine["check"] == "related").sum())})
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
    return "\n".join(f"- **{display_name(r.component, r.component_en, lang)}**{sep}{getattr(r, col)}"
                     for r in comp.itertuples())


def component_labels(comp: pd.DataFrame, lang: str = "zh") -> list[str]:
    """Display names of the components in `lang`; the policies carry the number of regions that issued them."""
    out = []
    for r in comp.itertuples():
        label = display_name(r.component, r.component_en, lang)
        if pd.notna(r.issuers):
            label += f"（{int(r.issuers)}个省市自治区出台）" if lang == "zh" else f" (issued by {int(r.issuers)} provinces)"
        out.append(label)
    return out
