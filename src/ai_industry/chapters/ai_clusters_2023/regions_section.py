"""The section "极化和扩散：区域" (seed 001, 六(一)) assembled from `regions`: what the notebook computes once
(`compute` → `RegionsSection`) and the figures and tables it shows (`show_*`, each taking the open `Chapter`).
Inputs are named by their short names in config/sections.yaml; the notebook keeps the narrative."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ai_industry.catalog import datasets as catalog
from ai_industry.chapters.ai_clusters_2023 import regions as fl
from ai_industry.chapters.ai_clusters_2023 import regions_charts as rch
from ai_industry.chapters.ai_clusters_2023 import technologies_fields_industries as ind
from ai_industry.present import maps

PS, PF = "province_enabling_input_share", "province_tech_flows"
CS, CF = "city_enabling_input_share", "city_tech_flows"
# the report's lost maps whose head survives in a flow table: level -> (figure number, flow table)
PARTIAL_FIGURES = {"province": (16, PF), "city": (17, CF)}
# ledger claims: the "top N" in each table's title
TITLE_N = {PS: "c001_0575_01", PF: "c001_0603_01", CF: "c001_0640_01", CS: "c001_0655_01"}


# ---- what the section computes ------------------------------------------------------------------------------
@dataclass
class RegionsSection:
    raw: dict[str, pd.DataFrame]
    claims: pd.DataFrame
    pm: pd.DataFrame  # province marginals (Table 7)
    cm: pd.DataFrame  # city marginals (Table 10)
    pe: pd.DataFrame  # province flows (Table 8)
    ce: pd.DataFrame  # city flows (Table 9)
    nb_p: pd.DataFrame
    nb_c: pd.DataFrame
    tot_p: dict
    tot_c: dict
    split: dict
    exp_p: list[str] = field(default_factory=list)  # net exporters, provinces
    exp_c: list[str] = field(default_factory=list)  # net exporters, cities


def compute(ch, top_n: int) -> RegionsSection:
    """Load the four tables (ranks 1..top_n) and derive marginals, edges, net balances and the intra/inter split."""
    raw = {name: ch.load(name) for name in (PS, PF, CS, CF)}
    pm, cm = fl.marginals(raw[PS], "province", top_n), fl.marginals(raw[CS], "city", top_n)
    pe, ce = fl.edges(raw[PF], "from_province", "to_province", top_n), fl.edges(raw[CF], "from_city", "to_city", top_n)
    nb_p, nb_c = fl.net_balance(pm), fl.net_balance(cm)
    exp_p, exp_c = (list(nb.loc[nb.role == "net exporter", "region"]) for nb in (nb_p, nb_c))
    return RegionsSection(
        raw=raw,
        claims=ch.load("claims"),
        pm=pm,
        cm=cm,
        pe=pe,
        ce=ce,
        nb_p=nb_p,
        nb_c=nb_c,
        tot_p=fl.balance_totals(nb_p),
        tot_c=fl.balance_totals(nb_c),
        split={"province": fl.intra_inter(pe), "city": fl.intra_inter(ce)},
        exp_p=exp_p,
        exp_c=exp_c,
    )


def title_counts(ch, s: RegionsSection) -> list[tuple[str, str, int, int]]:
    """Per table: (place zh, place en, the top N its title states, the rows it prints per list)."""
    out = []
    for name, claim in TITLE_N.items():
        src = catalog.source(ch.dataset(name))
        out.append((src.place, src.place_en, int(ind.claim_value(s.claims, claim)), fl.rows_per_list(s.raw[name])))
    return out


def municipality_flows(s: RegionsSection, place) -> tuple[list[str], pd.DataFrame, pd.DataFrame]:
    """The municipalities, the flows between them in Tables 8 and 9 side by side, and those that differ."""
    mun = fl.municipalities()
    same = fl.same_across_levels(s.pe, s.ce, mun)
    same = same.assign(flow=[f"{place(a)} → {place(b)}" for a, b in zip(same.source, same.target)])
    return mun, same, same[same.status == "different"]


def shanghai(s: RegionsSection) -> dict | None:
    """Shanghai in Tables 7 and 10 and the partners it is a net importer from in Table 8 (None if it is not in
    both lists of Table 7)."""
    sh, pb = s.nb_p.set_index("region"), fl.partner_balance(fl.bilateral_balance(s.pe), "上海市")
    if "上海市" not in sh.index or sh.loc["上海市", "listed_in"] != "both":
        return None
    return {
        "province": sh.loc["上海市"],
        "city": s.nb_c.set_index("region").loc["上海市"],
        "gives": list(pb.loc[pb.role == "net importer", "partner"]),
    }


def guangzhou_missing(s: RegionsSection) -> bool:
    """Whether Guangzhou is in none of Table 9's listed flows."""
    return "广州市" not in set(s.ce.source) | set(s.ce.target)


# ---- figures and tables -------------------------------------------------------------------------------------
def show_net_balance(
    ch, nb: pd.DataFrame, m: pd.DataFrame, src: str, name: str, title: str, level_zh: str, level_en: str
) -> None:
    """The net-balance bars of one level (Table 7 or 10 redrawn)."""
    lang = ch.lang
    fig = rch.net_balance_chart(
        nb,
        ch.places(nb.region),
        ch.pick("技术赋能占比 − 技术输入占比（百分点）", "Enabling share − input share (pp)"),
        {k: fl.term(f"legend:{k}", lang) for k in rch.ROLE_COLORS},
        {k: fl.term(k, lang) for k in ("enabling", "input")},
    )
    cut_e, cut_i = (fl.cutoff(m[m.direction == d].share_pct) for d in ("enabling", "input"))
    note = ch.pick(
        f"只列于一榜的{level_zh}不画柱：另一方向的占比未公布，只知其不超过该榜末位（赋能 {cut_e:.2f}%，输入 {cut_i:.2f}%），浅色斜线条为由此可知的净差额区间。两个占比假定以同一批技术合作关系为基数。",
        f"{level_en.capitalize()} in one list only get no bar: their other share is not published, only that it is at most that list's last entry "
        f"(enabling {cut_e:.2f}%, input {cut_i:.2f}%); the pale hatched band is the net balance this allows. Both shares are taken to be of the same set of relations.",
    )
    ch.figure(fig, name, [src], title=title, note=note)


def show_balance_table(ch, nb: pd.DataFrame, src: str, name: str, title: str) -> None:
    """The enabling and input shares of one level with their net balance and its bounds."""
    lang = ch.lang
    t = nb.assign(
        region_label=ch.places(nb.region),
        listed_label=[fl.term(x, lang) for x in nb.listed_in],
        role_label=[fl.term(x, lang) for x in nb.role],
        bounds=fl.bounds_text(nb),
    )
    ch.table(
        t[
            [
                "region",
                "region_label",
                "enabling_pct",
                "input_pct",
                "net_pp",
                "bounds",
                "net_low",
                "net_high",
                "listed_in",
                "listed_label",
                "role",
                "role_label",
            ]
        ],
        name,
        [src],
        title=title,
        columns={
            "region_label": ch.t("region"),
            "enabling_pct": ch.pick("技术赋能（%）", "Enabling (%)"),
            "input_pct": ch.pick("技术输入（%）", "Input (%)"),
            "net_pp": ch.pick("净差额（百分点）", "Net (pp)"),
            "bounds": ch.pick("净差额区间", "Net bounds (pp)"),
            "listed_label": ch.pick("榜单", "Listed"),
            "role_label": ch.pick("判定", "Role"),
        },
        formats={c: "{:.2f}" for c in ("enabling_pct", "input_pct")} | {"net_pp": "{:+.2f}"},
        note=ch.pick(
            "只列于一榜者的另一方向占比未公布，其净差额只能由另一榜末位给出区间（含四舍五入误差）。",
            "For a region in one list only the other share is not published; its net is bounded by the other list's last entry (rounding included).",
        ),
    )


def show_flow_map(ch, e: pd.DataFrame, src: str, name: str, title: str, level_zh: str, level_en: str) -> None:
    """The listed flows of one level as a from→to matrix (Table 8 or 9 redrawn)."""
    mat, cut = fl.flow_matrix(e), fl.cutoff(e.share_pct)
    fig = rch.flow_heatmap(
        mat,
        ch.places(mat.index),
        ch.places(mat.columns),
        ch.pick("技术输入地", "Input region (receives)"),
        ch.pick("技术赋能地", "Enabling region (provides)"),
        ch.t("share_pct"),
        ch.pick(f"未列入前{len(e)}位（≤ {cut:.2f}%）", f"not in the top {len(e)} (≤ {cut:.2f}%)"),
        ch.pick("本地流动（对角线）", "flows within one region (diagonal)"),
    )
    note = ch.pick(
        f"行为技术赋能地，列为技术输入地；只画出现在前{len(e)}位流向中的{level_zh}。空白格未公布，不是零。",
        f"Rows provide technology, columns receive it; only the {level_en} in the top {len(e)} flows are drawn. Blank cells are not published, not zero.",
    )
    ch.figure(fig, name, [src], title=title, note=note)


def show_printed_list(ch, flows: pd.DataFrame, src: str, level: str, name: str, title: str) -> None:
    """Table 8 or 9 as printed (order, flows, shares and the report's type column), before its redrawings."""
    ch.table(
        fl.printed_list(flows, level, ch.lang),
        name,
        [src],
        title=title,
        columns={
            "rank": ch.pick("排名", "Rank"),
            "flow": ch.pick("技术赋能地-技术输入地", "Enabling → input"),
            "share_pct": ch.t("share_pct"),
            "type": ch.pick("类型", "Type"),
            "seed_line": ch.pick("原文行", "Seed line"),
        },
        formats={"share_pct": "{:.2f}"},
    )


def overview(s: RegionsSection, places) -> dict[str, str]:  # noqa: ANN001 - places: Chapter.places
    """The section's opening sentences (zh and en): the four tables, the net exporters among provinces and
    cities, and how much of all relations the listed flows and the local flows among them cover."""
    sp, sc, tot_p = s.split["province"], s.split["city"], s.tot_p
    zh = (
        f"报告列出技术赋能、技术输入两个方向上占比居前的省份（表7）和城市（表10），以及技术流向居前的省际（表8）和城市间（表9）组合。"
        f"两榜都列出的省份中，只有{'、'.join(s.exp_p)}的技术赋能占比高于技术输入占比，是技术的净输出地，合计净差额 {tot_p['surplus_pp']:+.2f} 个百分点；其余 {tot_p['importers']} 个省份都是净输入地。"
        f"城市中的净输出地是{'、'.join(s.exp_c)}。省际流向前 {sp['n_listed']} 位合计 {sp['listed_pct']:.2f}%，其中 {sp['n_intra']} 个省内流动合计 {sp['intra_pct']:.2f}%，"
        f"占所列流向的 {sp['intra_of_listed_pct']:.1f}%；城市间流向前 {sc['n_listed']} 位合计 {sc['listed_pct']:.2f}%，其中本地流动 {sc['intra_pct']:.2f}%。"
    )
    en = (
        f"The report lists the leading provinces (Table 7) and cities (Table 10) by their share of technology-cooperation relations on the enabling and on the input side, "
        f"and the leading province-to-province (Table 8) and city-to-city (Table 9) flows. Of the provinces in both lists, only {', '.join(places(s.exp_p))} have an enabling share above "
        f"their input share — the net exporters of technology, together {tot_p['surplus_pp']:+.2f} pp; the other {tot_p['importers']} are net importers. "
        f"Among cities the net exporters are {', '.join(places(s.exp_c))}. The top {sp['n_listed']} province flows cover {sp['listed_pct']:.2f}% of all relations; "
        f"the {sp['n_intra']} flows within a province among them {sp['intra_pct']:.2f}% ({sp['intra_of_listed_pct']:.1f}% of the listed flows). "
        f"The top {sc['n_listed']} city flows cover {sc['listed_pct']:.2f}%, local flows {sc['intra_pct']:.2f}%."
    )
    return {"zh": zh, "en": en}


def show_intra_inter(ch, s: RegionsSection) -> None:
    """Local and inter-regional flows among the listed flows, both levels."""
    rows = [{"level": lv, "level_label": ch.t(lv), **s.split[lv]} for lv in ("province", "city")]
    ch.table(
        pd.DataFrame(rows),
        "flows_intra_inter",
        [PF, CF],
        title=ch.pick("所列流向中的本地与跨地区流动", "Local and inter-regional flows among the listed flows"),
        columns={
            "level_label": ch.t("level"),
            "n_listed": ch.pick("所列流向数", "Flows listed"),
            "intra_pct": ch.pick("本地（%）", "Local (%)"),
            "inter_pct": ch.pick("跨地区（%）", "Inter-regional (%)"),
            "listed_pct": ch.pick("合计（%）", "Listed total (%)"),
            "remainder_pct": ch.t("others"),
            "intra_of_listed_pct": ch.pick("本地占所列（%）", "Local in listed (%)"),
            "intra_low": ch.pick("本地占全部：下限", "Local in all: low"),
            "intra_high": ch.pick("本地占全部：上限", "Local in all: high"),
        },
        formats={
            c: "{:.2f}" for c in ("intra_pct", "inter_pct", "listed_pct", "remainder_pct", "intra_low", "intra_high")
        }
        | {"intra_of_listed_pct": "{:.1f}"},
        note=ch.pick(
            "本地流动在全部关系中的占比只能给出区间：下限为所列本地流动之和，上限假定未列出部分全为本地流动。",
            "The share of local flows in all relations can only be bounded: at least the listed local flows, at most those plus the whole unlisted remainder.",
        ),
    )


def show_bilateral(ch, s: RegionsSection) -> None:
    """The two-way flows of each pair of regions and which side is the net provider."""
    lang = ch.lang
    bil = pd.concat(
        [fl.bilateral_balance(s.pe).assign(level="province"), fl.bilateral_balance(s.ce).assign(level="city")],
        ignore_index=True,
    )
    t = bil.assign(
        level_label=[ch.t(x) for x in bil.level],
        a_label=ch.places(bil.a),
        b_label=ch.places(bil.b),
        leader_label=[ch.place(x) if x else fl.term("undetermined", lang) for x in bil.leader],
    )
    ch.table(
        t,
        "flows_bilateral_balance",
        [PF, CF],
        title=ch.pick(
            "双向流动的差额：每对地区中谁是净输出方", "Two-way flows: which region of each pair is the net provider"
        ),
        columns={
            "level_label": ch.t("level"),
            "a_label": "A",
            "b_label": "B",
            "a_to_b_pct": "A→B (%)",
            "b_to_a_pct": "B→A (%)",
            "net_pp": ch.pick("差额（百分点）", "Net (pp)"),
            "net_low": ch.pick("区间下限", "Low"),
            "net_high": ch.pick("区间上限", "High"),
            "leader_label": ch.pick("净输出方", "Net provider"),
        },
        formats={
            "a_to_b_pct": "{:.2f}",
            "b_to_a_pct": "{:.2f}",
            "net_pp": "{:+.2f}",
            "net_low": "{:+.2f}",
            "net_high": "{:+.2f}",
        },
        note=ch.pick(
            "B→A 空白表示该方向未列入前列，其值不超过该表末位，差额因此只有区间。",
            "A blank B→A is not in the list, so it is at most the table's last entry and the net is only bounded.",
        ),
    )


def show_margin_check(ch, s: RegionsSection) -> None:
    """Listed flows against the regional shares (out ≤ enabling, in ≤ input)."""
    lang = ch.lang
    mc = pd.concat(
        [fl.margin_check(s.pe, s.pm).assign(level="province"), fl.margin_check(s.ce, s.cm).assign(level="city")],
        ignore_index=True,
    )
    mc = mc.assign(
        level_label=[ch.t(x) for x in mc.level],
        region_label=ch.places(mc.region),
        status_label=[fl.term(x, lang) for x in mc.status],
    )
    ch.table(
        mc,
        "flows_vs_shares",
        [PS, PF, CS, CF],
        title=ch.pick(
            "所列流向与地区占比：流出不超过赋能占比，流入不超过输入占比",
            "Listed flows against the regional shares: out ≤ enabling, in ≤ input",
        ),
        columns={
            "level_label": ch.t("level"),
            "region_label": ch.t("region"),
            "enabling_pct": ch.pick("赋能（%）", "Enabling (%)"),
            "listed_out_pct": ch.pick("所列流出（%）", "Listed out (%)"),
            "unlisted_out_pp": ch.pick("余下流出", "Rest out"),
            "input_pct": ch.pick("输入（%）", "Input (%)"),
            "listed_in_pct": ch.pick("所列流入（%）", "Listed in (%)"),
            "unlisted_in_pp": ch.pick("余下流入", "Rest in"),
            "status_label": ch.t("status"),
        },
        formats={
            c: "{:.2f}"
            for c in (
                "enabling_pct",
                "listed_out_pct",
                "unlisted_out_pp",
                "input_pct",
                "listed_in_pct",
                "unlisted_in_pp",
            )
        },
    )


def show_cities_within(ch, s: RegionsSection) -> None:
    """Cities against their province: Table 9 against Table 8, Table 10 against Table 7."""
    lang = ch.lang
    po = fl.province_of(set(s.ce.source) | set(s.ce.target) | set(s.cm.region))
    within = pd.concat(
        [
            fl.flows_within_parents(s.ce, s.pe, po).assign(kind="flow"),
            fl.shares_within_parents(s.cm, s.pm, po)
            .rename(columns={"parent": "parent_source"})
            .assign(parent_target=""),
        ],
        ignore_index=True,
    )
    within["what"] = [
        ch.place(a)
        + (f" → {ch.place(b)}" if b else "")
        + ("" if k == "flow" else ch.pick(f"（{'赋能' if d == 'enabling' else '输入'}）", f" ({d})"))
        for a, b, k, d in zip(within.parent_source, within.parent_target, within.kind, within.direction)
    ]
    within["status_label"], within["children_label"] = (
        [fl.term(x, lang) for x in within.status],
        [fl.place_names(x, ch.place) for x in within.children],
    )
    ch.table(
        within,
        "cities_within_provinces",
        [PS, PF, CS, CF],
        title=ch.pick(
            "城市不超过其所在省份：表9对表8、表10对表7",
            "Cities never exceed their province: Table 9 against Table 8, Table 10 against Table 7",
        ),
        columns={
            "what": ch.pick("省份（流向或方向）", "Province (flow or side)"),
            "children_label": ch.pick("所列城市", "Listed cities"),
            "children_pct": ch.pick("城市合计（%）", "Cities (%)"),
            "parent_bound_pct": ch.pick("省份（%）", "Province (%)"),
            "slack_pp": ch.pick("余量（百分点）", "Slack (pp)"),
            "status_label": ch.t("status"),
        },
        formats={"children_pct": "{:.2f}", "parent_bound_pct": "{:.2f}", "slack_pp": "{:+.2f}"},
        note=ch.pick(
            "直辖市既是省份又是城市，其余量应为零；两张流向表中直辖市之间的数字见下表。",
            "A municipality is its own province, so its slack should be zero; the flows between municipalities in the two flow tables are compared below.",
        ),
    )


def show_municipality_flows(ch, same: pd.DataFrame) -> None:
    """Flows between municipalities in Table 8 and Table 9 side by side."""
    same = same.assign(status_label=[fl.term(x, ch.lang) for x in same.status])
    ch.table(
        same,
        "municipality_flows_tables_8_9",
        [PF, CF],
        title=ch.pick(
            "直辖市之间的流向：表8（省级）与表9（城市）应当相同",
            "Flows between municipalities: Table 8 (provinces) and Table 9 (cities) should agree",
        ),
        columns={
            "flow": ch.pick("流向", "Flow"),
            "upper_pct": ch.pick("表8（%）", "Table 8 (%)"),
            "lower_pct": ch.pick("表9（%）", "Table 9 (%)"),
            "diff_pp": ch.t("difference"),
            "status_label": ch.t("status"),
        },
        formats={"upper_pct": "{:.2f}", "lower_pct": "{:.2f}", "diff_pp": "{:+.2f}"},
    )


def partial_flow_counts(e: pd.DataFrame) -> dict[str, int]:
    """How many flows a partial map draws: all, local (a region to itself), between regions; and the places."""
    local = int((e["source"] == e["target"]).sum())
    return {
        "n": int(len(e)),
        "local": local,
        "inter": int(len(e)) - local,
        "places": len(set(e.source) | set(e.target)),
    }


def show_partial_flow_map(ch, e: pd.DataFrame, level: str) -> dict[str, int]:
    """Figure 16 (provinces) or 17 (cities) partly redrawn from the head of Table 8 or 9: only the listed flows,
    as arrows between the places (width and colour by share) and circles for flows within a place; provinces
    the listed flows do not touch are hatched as not published. Returns `partial_flow_counts`."""
    no, src = PARTIAL_FIGURES[level]
    place = catalog.source(ch.dataset(src))
    names = sorted(set(e.source) | set(e.target))
    k = partial_flow_counts(e)
    in_flows = ch.pick("出现在所列流向中的省份", "provinces in the listed flows")
    fig = maps.flow_map(
        list(zip(e.source, e.target, e.share_pct)),
        maps.anchor_points(names, level),
        dict(zip(names, ch.places(names))),
        ch.t("share_pct"),
        ch.pick("本地流动（圆面积按占比）", "flows within one place (circle area by share)"),
        filled={n: in_flows for n in names} if level == "province" else None,
        missing_label=ch.pick("所列流向未涉及（未公布）", "in no listed flow (not published)")
        if level == "province"
        else None,
    )
    what = ch.pick("省际" if level == "province" else "城市间", "province" if level == "province" else "city")
    title = ch.pick(
        f"图{no}（部分重绘）：只画报告列出的 {k['n']} 个{what}流向（{place.place}）",
        f"Figure {no} (partial redraw): only the {k['n']} {what} flows the report lists ({place.place_en})",
    )
    note = ch.pick(
        f"原图在文本中缺失。此处只画{place.place}列出的 {k['n']} 个流向：{k['inter']} 个跨地区流向画作箭头（由技术赋能地指向技术输入地，线宽与颜色按占比），"
        f"{k['local']} 个本地流动画作圆圈；其余流向未公布，不画，不是零。地点取各{ch.t(level)}边界内的一点，不表示具体位置。",
        f"The original figure is missing from the text. Only the {k['n']} flows of {place.place_en} are drawn: {k['inter']} between places as arrows (from the enabling to the input place, width and colour by share), "
        f"{k['local']} within a place as circles; every other flow is not published and not drawn (not zero). Each place is a point inside its {ch.t(level).lower()}'s boundary, not a location.",
    )
    ch.figure(fig, f"fig{no}_partial_flow_map_{level}", [src], title=title, note=note)
    return k
