"""Figures of the firm-database chapter: the technology flows of footnote 11 on the map (seed 001 figures 16 and
17: provinces and cities, line width by share) and how the mix of technology relations by technology category
and application field changes across the years (figures 19 and 21), with the sentences that read them. The
numbers come from `methods.firmdb` (`firm_database.compute`); this module only draws and words them."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ai_industry.catalog import terms
from ai_industry.methods.firmdb import codes
from ai_industry.methods.firmdb.places import regions
from ai_industry.present import labels, maps
from ai_industry.present.fonts import setup_matplotlib

VOCABULARY = {"technology": "ai_technologies", "field": "ai_application_fields"}


def _t(key: str, lang: str) -> str:
    zh, en = terms.group("firmdb_chart")[key]
    return zh if lang == "zh" else en


def flow_points(level: str) -> dict[str, tuple[float, float]]:
    """Name -> (lon, lat) of provinces or cities from the regions reference table."""
    reg = regions()
    reg = reg[reg["level"] == level]
    return dict(zip(reg["name_zh"], zip(reg["lon"].astype(float), reg["lat"].astype(float))))


def show_flow_maps(ch, flows: dict[str, pd.DataFrame], top_n: int, sources: list[str]) -> None:
    """Figures 16 (provinces) and 17 (cities) with their titles; a level at which no relation of the selection has
    both ends located is said, not drawn (there is nothing to draw)."""
    for level, fig_no in (("province", 16), ("city", 17)):
        if flows[level].empty:
            ch.say(
                zh=f"所选范围内没有两端都能定位到{ch.t(level)}的技术关系，报告图{fig_no}不绘制。",
                en=f"No technology relation in the selection has both ends located to a {ch.t(level).lower()}: "
                f"the report's figure {fig_no} is not drawn.",
            )
            continue
        ch.figure(
            flow_figure(flows[level], level, top_n, ch.lang),
            f"firmdb_flow_map_{level}",
            sources,
            title=ch.pick(
                f"技术流向排名前{top_n}（赋能地→输入地，{ch.t(level)}；报告图{fig_no}），线宽按占比",
                f"The {top_n} largest technology flows (enabling → input place, {ch.t(level).lower()}; "
                f"the report's figure {fig_no}), width by share",
            ),
        )


def flow_figure(flows: pd.DataFrame, level: str, top_n: int, lang: str) -> plt.Figure:
    """Figure 16 (level province) or 17 (city): the `top_n` largest flows (from, to, share_pct of all located
    technology relations) on the map, arrows from the enabling to the input place, width by share."""
    top = flows.head(top_n)
    rows = list(zip(top["from"], top["to"], top["share_pct"].astype(float)))
    places = sorted({p for a, b, _ in rows for p in (a, b)})
    names = dict(zip(places, labels.places(places, lang)))
    return maps.flow_map(rows, flow_points(level), names, terms.t("share_pct", lang), _t("within", lang))


def _category_names(column: str, lang: str) -> dict[str, str]:
    return codes.english(VOCABULARY[column]) if lang == "en" else {}


def by_year_table(by_year: pd.DataFrame, top_k: int) -> pd.DataFrame:
    """year × category shares (percent of the year's new relations), the `top_k` categories with most relations
    over all years as columns (in that order) and the rest summed as `other`."""
    order = by_year.groupby("category")["relations"].sum().sort_values(ascending=False, kind="stable")
    keep = list(order.index[:top_k])
    wide = by_year.pivot_table(index="year", columns="category", values="share_pct", aggfunc="sum", fill_value=0.0)
    out = wide.reindex(columns=keep, fill_value=0.0)
    if len(order) > top_k:
        out["other"] = wide.drop(columns=keep).sum(axis=1)
    return out


def by_year_figure(by_year: pd.DataFrame, column: str, lang: str, top_k: int = 8) -> plt.Figure:
    """Figure 19 (column technology) or 21 (field): the share of each leading category among the relations first
    recorded in each year, one line per category, the rest as 'other'."""
    setup_matplotlib()
    wide = by_year_table(by_year, top_k)
    names = _category_names(column, lang)
    fig, ax = plt.subplots(figsize=(8.5, 4.2))
    for cat in wide.columns:
        label = _t("other", lang) if cat == "other" else names.get(cat, cat)
        style = {"color": "#9aa4ad", "linestyle": "--"} if cat == "other" else {}
        ax.plot(wide.index, wide[cat], marker="o", markersize=3, label=label, **style)
    ax.set_xticks(list(wide.index))
    ax.set_xlabel(_t("year", lang))
    ax.set_ylabel(_t("share_of_year", lang))
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    fig.tight_layout()
    return fig


def by_year_sentences(by_year: pd.DataFrame, column: str, k: int = 3) -> dict[str, str]:
    """What figure 19 / 21 shows, computed: the categories among the `k` largest in every year of the data (with
    relations in each of those years), and the `k` whose share of the year's new relations rose most from the
    first year to the last (with every category tied with the `k`-th)."""
    wide = by_year.pivot_table(index="year", columns="category", values="share_pct", aggfunc="sum", fill_value=0.0)
    if wide.empty:
        return {
            "zh": "数据中没有带此属性的技术关系。",
            "en": "No technology relation in the data carries this attribute.",
        }
    ranks = wide.rank(axis=1, ascending=False, method="min")
    order = wide.mean().sort_values(ascending=False, kind="stable").index  # largest mean share first
    always = [c for c in order if (ranks[c] <= k).all() and (wide[c] > 0).all()]  # a year without it: not top k
    change = (wide.iloc[-1] - wide.iloc[0]).sort_values(ascending=False, kind="stable")
    change = change[change > 0]
    cut = change.iloc[min(k, len(change)) - 1] - 1e-9 if len(change) else 0.0
    rise = list(change[change >= cut].items())  # ties with the k-th are named too
    en_names = codes.english(VOCABULARY[column])
    first, last = int(wide.index[0]), int(wide.index[-1])
    what_zh = "技术类别" if column == "technology" else "应用领域"
    what_en = "technology categories" if column == "technology" else "application fields"
    zh_always = "、".join(always) if always else "没有"
    en_always = ", ".join(en_names.get(c, c) for c in always) if always else "none"
    zh_rise = "、".join(f"{c}（{v:+.2f} 个百分点）" for c, v in rise) or "没有"
    en_rise = ", ".join(f"{en_names.get(c, c)} ({v:+.2f} points)" for c, v in rise) or "none"
    return {
        "zh": f"{first}–{last} 年每年都排在前 {k} 位的{what_zh}：{zh_always}。当年新增关系中占比上升最多的{what_zh}"
        f"（{last} 年对 {first} 年）：{zh_rise}。",
        "en": f"The {what_en} among the top {k} in every year {first}–{last}: {en_always}. The {what_en} whose share of "
        f"the year's new relations rose most ({last} against {first}): {en_rise}.",
    }


def by_year_note(synthetic: bool, lang: str) -> str | None:
    """What the figures of the yearly mix can be compared with: the report's figures 19 and 21 are drawings
    without printed values (nothing to set beside them), and the demo draws these attributes with the same
    shares every year."""
    if lang == "zh":
        note = "报告图19、图21没有印刷数值，无法逐格对照。"
        return note + (
            "合成演示数据库每年按相同占比抽取技术类别与应用领域，逐年变化只是随机波动。" if synthetic else ""
        )
    note = "The report's figures 19 and 21 print no values, so there is nothing to compare cell by cell."
    return note + (
        " The SYNTHETIC demo draws technology and field with the same shares every year: its changes are noise."
        if synthetic
        else ""
    )
