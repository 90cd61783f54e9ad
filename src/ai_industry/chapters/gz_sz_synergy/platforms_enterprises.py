"""The section "创新平台与企业" (seed 000, 2.1–2.2 and 4.5, with the firm, scenario and cluster counts of 3.2, 4.4
and 5.3): the values the notebook's sentences format (computed
once here, in result objects) and the figures and tables it shows (`show_*`, each taking the open `Chapter`).
Inputs are named by their short names in config/sections.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ai_industry.catalog import datasets as catalog
from ai_industry.chapters.gz_sz_synergy import patents as pp
from ai_industry.methods import stats
from ai_industry.present import charts

PLAT, ENT, LAYER, RANK = (
    "innovation_platforms",
    "enterprise_indicators",
    "shenzhen_enterprise_layers",
    "ai_city_ranking_2021",
)
GZ, SZ = "广州", "深圳"


# ---- inputs -------------------------------------------------------------------------------------------------
@dataclass
class Platforms:
    plat: pd.DataFrame  # platforms and parks as stated
    ent: pd.DataFrame  # enterprise indicators
    layers: pd.DataFrame  # Shenzhen's firms by layer
    ranking: pd.DataFrame  # the AI city ranking
    ptype: dict[str, str]  # platform type -> its label in the chapter's language
    tot: pd.DataFrame  # provincial totals implied by the two cities' share (`pp.platform_totals`)
    pv: pd.Series  # platform count by (type, scope)


def load(ch) -> Platforms:
    """The section's inputs, the platform-type labels and the provincial totals the shares imply."""
    plat, ent, layers, ranking = (ch.load(n) for n in (PLAT, ENT, LAYER, RANK))
    ptype = {r.platform_type: ch.pick(r.platform_type, pp.sentence_case(r.platform_type_en)) for r in plat.itertuples()}
    return Platforms(
        plat=plat,
        ent=ent,
        layers=layers,
        ranking=ranking,
        ptype=ptype,
        tot=pp.platform_totals(plat),
        pv=plat.set_index(["platform_type", "scope"])["value"],
    )


# ---- national and provincial platforms ------------------------------------------------------------------------
def national(d: Platforms) -> pd.DataFrame:
    """The national pilot zones and application pilot areas (both cities belong to each)."""
    return d.plat[d.plat.scope == "全国"].reset_index(drop=True)


def band(x: Any) -> str:
    """The rounding interval of a printed share, as text ('63.55–63.65')."""
    h = pp.half_unit(int(x.share_decimals))
    return f"{x.share_pct - h:g}–{x.share_pct + h:g}"


def provincial_rows(d: Platforms) -> list[dict[str, Any]]:
    """Per platform type with a stated share: its label, the two cities' counts, the stated share, its rounding
    interval, the implied total and the whole totals it allows (the values of the provincial sentence)."""
    return [
        {
            "type": d.ptype[x.platform_type],
            "gz": d.pv[(x.platform_type, GZ)],
            "sz": d.pv[(x.platform_type, SZ)],
            "pair": x.pair_count,
            "share": x.share_pct,
            "band": band(x),
            "implied": x.implied_total,
            "whole": x.whole_totals,
            "rest": x.rest_of_province,
        }
        for x in d.tot.itertuples()
    ]


def show_provincial_platforms(ch, d: Platforms) -> None:
    """The two cities' provincial parks and platforms stacked on the rest of the province the share implies."""
    tot, pv, ptype = d.tot, d.pv, d.ptype
    rest_label = ch.pick("全省其余城市（由比重反推）", "Rest of Guangdong (implied by the share)")
    parts = {ch.place(c): [pv[(t, c)] for t in tot.platform_type] for c in (GZ, SZ)} | {
        rest_label: list(tot.rest_of_province)
    }
    fig = pp.stacked_bars(
        [ptype[t] for t in tot.platform_type], parts, ch.pick("数量（家）", "Number"), hatch_last=True
    )
    ch.figure(
        fig,
        "provincial_platforms",
        [PLAT],
        title=ch.pick(
            "广深两市的省级人工智能产业园与开放创新平台，以及由两市比重反推的全省总数",
            "Provincial AI parks and open innovation platforms in Guangzhou and Shenzhen, and the provincial totals their share implies",
        ),
        note=ch.pick(
            "报告未写出全省总数，此处由两市合计与报告所述比重反推（见下表）；灰色斜线部分为全省其余城市合计，其城市分布未知。",
            "The report does not state the provincial totals; they are implied by the two cities' count and the stated share (table below). "
            "The grey hatched part is the rest of the province; how it splits by city is unknown.",
        ),
    )


def show_provincial_totals(ch, d: Platforms) -> None:
    """The table of the provincial totals implied by the two cities' share."""
    tot, ptype = d.tot, d.ptype
    ch.table(
        tot.assign(type_label=[ptype[t] for t in tot.platform_type], band=[band(x) for x in tot.itertuples()]),
        "provincial_platform_totals",
        [PLAT],
        title=ch.pick("由两市比重反推的全省省级平台总数", "Provincial totals implied by the two cities' share"),
        columns={
            "type_label": ch.pick("平台类型", "Platform type"),
            "pair_count": ch.pick("广深合计（家）", "Guangzhou + Shenzhen"),
            "share_pct": ch.pick("报告所述比重（%）", "Stated share (%)"),
            "band": ch.pick("比重的舍入区间（%）", "Rounding interval of the share (%)"),
            "implied_total": ch.pick("反推全省总数", "Implied provincial total"),
            "whole_totals": ch.pick("相符的整数总数", "Whole totals consistent"),
            "rest_of_province": ch.pick("其余城市合计", "Rest of the province"),
        },
        formats={"share_pct": "{:g}", "implied_total": "{:.2f}", "rest_of_province": "{:.0f}"},
        note=ch.pick(
            "比重区间取报告所印最后一位小数的半个单位。",
            "The interval is half a unit of the share's last printed decimal either side.",
        ),
    )


def institutes(d: Platforms) -> pd.Series:
    """Shenzhen's basic research institutions (the one Shenzhen row that is not a provincial platform type)."""
    return d.plat[(d.plat.scope == SZ) & ~d.plat.platform_type.isin(d.tot.platform_type)].iloc[0]


def show_platforms(ch, d: Platforms) -> None:
    """Every number of the platform sections, as printed."""
    plat, ptype, lang = d.plat, d.ptype, ch.lang
    ch.table(
        plat.assign(
            type_label=[ptype[t] for t in plat.platform_type],
            scope_label=[ch.pick(s, e) for s, e in zip(plat.scope, plat.scope_en)],
            value_label=[pp.value_text(v, u, q, lang) for v, u, q in zip(plat.value, plat.unit, plat.qualifier)],
        ),
        "innovation_platforms",
        [PLAT],
        title=ch.pick(
            "广深国家、省级人工智能创新平台（报告所述）",
            "National and provincial AI innovation platforms of Guangzhou and Shenzhen (as stated)",
        ),
        columns={
            "type_label": ch.pick("平台类型", "Platform type"),
            "scope_label": ch.pick("范围", "Scope"),
            "value_label": ch.t("value"),
            "seed_line": ch.pick("原文行", "Seed line"),
        },
        note=ch.pick("数值前后的限定词（多、超等）照录原文。", "Qualifiers (more than, etc.) as printed."),
    )


# ---- enterprises ----------------------------------------------------------------------------------------------
def enterprises(d: Platforms) -> dict[str, Any]:
    """The enterprise indicators the text names: the two concentration shares, Guangzhou's registrations,
    Shenzhen's AI-related firms and their national rank (as an English ordinal too)."""
    ind = d.ent.set_index("indicator")
    sz_rank = ind.loc["national_rank_ai_related_enterprises"]
    return {
        "core": ind.loc["share_of_national_core_ai_enterprises"],
        "backbone": ind.loc["share_of_guangdong_backbone_ai_enterprises"],
        "gz_n": ind.loc["registered_ai_enterprises_cumulative"],
        "sz_n": ind.loc["ai_related_enterprises"],
        "sz_rank": sz_rank,
        "sz_rank_en": pp.ordinal(sz_rank.value),
    }


def show_enterprises(ch, d: Platforms) -> None:
    """The enterprise indicators as printed."""
    ent, lang = d.ent, ch.lang
    ch.table(
        ent.assign(
            region_label=[ch.pick(r, e) for r, e in zip(ent.region, ent.region_en)],
            ind_label=[ch.pick(z, pp.indicator_label(i)) for z, i in zip(ent.indicator_zh, ent.indicator)],
            value_label=[pp.value_text(v, u, q, lang) for v, u, q in zip(ent.value, ent.unit, ent.qualifier)],
        ),
        "enterprise_indicators",
        [ENT],
        title=ch.pick(
            "广深人工智能企业数量及集聚程度（报告所述）",
            "AI enterprise counts and concentration in Guangzhou and Shenzhen (as stated)",
        ),
        columns={
            "region_label": ch.t("region"),
            "ind_label": ch.t("measure"),
            "value_label": ch.t("value"),
            "year": ch.pick("年份", "Year"),
            "seed_line": ch.pick("原文行", "Seed line"),
        },
        formats={"year": "{:.0f}"},
    )


# ---- Shenzhen's layers ----------------------------------------------------------------------------------------
def layer_summary(ch, d: Platforms, e: dict[str, Any]) -> dict[str, Any]:
    """Shenzhen's layer shares: the firm total, layer labels, their sum, the one whole-number split that fits all
    three shares (None unless unique, with the number of splits), and the application layer against the other two."""
    layers, total = d.layers, int(e["sz_n"].value)
    splits = pp.consistent_split(total, layers.share_pct.tolist(), decimals=1)
    app = layers.set_index("layer").share_pct
    lower = app["基础层"] + app["技术层"]
    return {
        "total": total,
        "year": e["sz_n"].year,
        "names": [ch.pick(z, pp.sentence_case(en)) for z, en in zip(layers.layer, layers.layer_en)],
        "sum_pct": layers.share_pct.sum(),
        "splits": len(splits),
        "only": splits[0] if len(splits) == 1 else None,
        "app_pct": app["应用层"],
        "lower_pct": lower,
        "ratio": app["应用层"] / lower,
    }


def show_layers(ch, d: Platforms, s: dict[str, Any]) -> None:
    """Shenzhen's firms by layer, drawn (the report gives the shares in words)."""
    layers, total = d.layers, s["total"]
    fig = charts.share_bars(
        s["names"], layers.share_pct, stats.remainder_pct(layers.share_pct), ch.t("others"), ch.t("share_pct"), digits=1
    )
    ch.figure(
        fig,
        "shenzhen_enterprise_layers",
        [LAYER, ENT],
        title=ch.pick(
            f"深圳人工智能相关企业的层级分布（{s['year']}年，{total:,}家）",
            f"Shenzhen's {total:,} AI-related enterprises by layer ({s['year']})",
        ),
        note=ch.pick(
            "报告以文字给出三个比重，原文无图；三者合计为全部企业。",
            "The report gives the three shares in its text (no figure); together they cover all firms.",
        ),
    )


def show_layer_counts(ch, d: Platforms, s: dict[str, Any]) -> None:
    """The whole-number firm counts that reproduce the three shares (only when there is exactly one split)."""
    only, total = s["only"], s["total"]
    if not only:
        return
    counts = d.layers.assign(layer_label=s["names"], firms=list(only), share_check=[100 * k / total for k in only])
    ch.table(
        counts,
        "shenzhen_layer_counts",
        [LAYER, ENT],
        title=ch.pick(
            "与三个比重相符的深圳企业整数分布", "The whole-number firm counts that reproduce the three shares"
        ),
        columns={
            "layer_label": ch.pick("层级", "Layer"),
            "share_pct": ch.pick("报告所述比重（%）", "Stated share (%)"),
            "firms": ch.pick("企业数（推算）", "Firms (derived)"),
            "share_check": ch.pick("由企业数复算（%）", "Recomputed from the firms (%)"),
        },
        formats={"share_pct": "{:.1f}", "share_check": "{:.2f}"},
    )


# ---- the AI city ranking --------------------------------------------------------------------------------------
def ranking(ch, d: Platforms, top_n: int) -> dict[str, Any]:
    """The ranking's source, the rows shown, the city whose rank is stated, the cities only said to be in the top
    (in listing order) and the ranking's short title in each language."""
    src = catalog.source(ch.dataset(RANK))
    r = d.ranking
    top = r[r.rank_source == "listing_order_in_top5"].sort_values("rank")
    return {
        "src": src,
        "shown": r.sort_values("rank").head(top_n),
        "stated": r[r.rank_source == "stated"].iloc[0],
        "top": top,
        "n_top": len(top),
        "title_zh": src.title_zh.split("（")[0],
        "title_en": src.title_en.split(" (")[0].split(", top")[0],
    }


def show_ranking(ch, r: dict[str, Any]) -> None:
    """The ranking's rows shown, with the basis of each position."""
    shown, src, n = r["shown"], r["src"], r["n_top"]
    source_label = {
        "listing_order_in_top5": ch.pick(
            f"位列前{n}（顺序为原文列举顺序）", f"in the stated top {n} (order as listed)"
        ),
        "stated": ch.pick("原文明确名次", "rank stated"),
    }
    ch.table(
        shown.assign(city_label=ch.places(shown.city), source_label=shown.rank_source.map(source_label)),
        "ai_city_ranking",
        [RANK],
        title=ch.pick(src.title_zh, src.title_en),
        columns={
            "rank": ch.pick("位次", "Position"),
            "city_label": ch.t("city"),
            "source_label": ch.pick("位次依据", "Basis of the position"),
            "seed_line": ch.pick("原文行", "Seed line"),
        },
    )


# ---- report vs data -------------------------------------------------------------------------------------------
def checks(d: Platforms, s: dict[str, Any]) -> list[dict[str, str]]:
    """The section's findings: each implied provincial total, and Shenzhen's whole-number layer split."""
    out = [
        {
            "kind": "reproduced" if x.whole_totals else "discrepancy",
            "zh": f"{d.ptype[x.platform_type]}：两市合计 {x.pair_count} 家、占全省 {x.share_pct:g}%，与全省共 {x.whole_totals} 家相符（原文未写出总数）。",
            "en": f"{d.ptype[x.platform_type]}: {x.pair_count} in the two cities at {x.share_pct:g}% of the province fits a provincial total of {x.whole_totals} (not stated).",
        }
        for x in d.tot.itertuples()
    ]
    only, total = s["only"], s["total"]
    out.append(
        {
            "kind": "reproduced" if only else "discrepancy",
            "zh": f"深圳企业层级比重与 {total:,} 家企业的整数分布相符：{'、'.join(map(str, only or []))}。",
            "en": f"Shenzhen's layer shares fit a whole-number split of its {total:,} firms: {', '.join(map(str, only or []))}.",
        }
    )
    return out


# ---- firms, scenarios and clusters elsewhere in the report (3.2, 4.4, 5.3) -------------------------------------
TEXT = ("chip_cloud_evidence", "scenario_projects", "cross_regional_clusters")  # one small table per section


def load_evidence(ch) -> pd.DataFrame:
    """The numbers of 3.2, 4.4 and 5.3 as one table (the three datasets share their columns)."""
    return pd.concat([ch.load(n) for n in TEXT], ignore_index=True)


def evidence_value_text(value: float, unit: str, list_size, lang: str) -> str:
    """A value of the evidence tables (`load_evidence`) for a table cell: a count (with the length of the list it is from, if any) or a
    rank bound ('前5名之内' / 'within the top 5')."""
    if unit == "rank":
        return f"前{int(value)}名之内" if lang == "zh" else f"within the top {int(value)}"
    num = f"{value:,.0f}"
    if pd.isna(list_size):
        return num
    return f"{num}（榜单共 {int(list_size)} 家）" if lang == "zh" else f"{num} (of a list of {int(list_size)})"


def evidence(ev: pd.DataFrame) -> dict[str, Any]:
    """The rows of the evidence tables (`load_evidence`) by indicator, and the AI-chip TOP100 entrants as a share of the list (percent)."""
    by = ev.set_index("indicator")
    chip = by.loc["ai_chip_top100_firms"]
    return {"by": by, "chip_share_pct": 100.0 * float(chip.value) / float(chip.list_size)}


def show_text_evidence(ch, ev: pd.DataFrame) -> None:
    """Every number of 3.2, 4.4 and 5.3, as printed, with the names the text gives."""
    lang = ch.lang
    ch.table(
        ev.assign(
            city_label=[ch.pick(c, e) for c, e in zip(ev.city, ev.city_en)],
            ind_label=[ch.pick(z, e) for z, e in zip(ev.indicator_zh, ev.indicator_en)],
            value_label=[evidence_value_text(v, u, n, lang) for v, u, n in zip(ev.value, ev.unit, ev.list_size)],
            named_label=ev.named.fillna(""),
        ),
        "text_evidence",
        list(TEXT),
        title=ch.pick(
            "报告第三至五部分的企业、云服务、应用场景与集群数字（报告所述）",
            "Firms, cloud services, application scenarios and clusters in parts 3–5 of the report (as stated)",
        ),
        columns={
            "section": ch.pick("节", "Section"),
            "city_label": ch.pick("城市", "City"),
            "ind_label": ch.t("measure"),
            "value_label": ch.t("value"),
            "year": ch.pick("年份", "Year"),
            "named_label": ch.pick("原文点名", "Named in the text"),
            "seed_line": ch.pick("原文行", "Seed line"),
        },
        formats={"year": "{:.0f}"},
        note=ch.pick(
            "点名的企业与平台照录原文（企业名为原文所举例子，并非完整名单）。",
            "Names as printed (the firms are the text's examples, not a full list); the English wording of the measures is ours.",
        ),
    )
