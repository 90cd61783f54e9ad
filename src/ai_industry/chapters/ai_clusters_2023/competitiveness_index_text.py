"""The competitiveness-index section's sentences and display tables, in zh and en, from computed values only
(each function returns {"zh": ..., "en": ...} for `Chapter.say`, or a labelled table)."""

from __future__ import annotations

import pandas as pd

from ai_industry.catalog import terms
from ai_industry.chapters.ai_clusters_2023.competitiveness_index import (
    CompetitivenessIndex,
    choice_label,
    dimension_label,
    indicator_label,
    place,
)


def _join(items: list[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _lower(label: str) -> str:
    """An English label inside a sentence: first letter lowered unless it starts an acronym (AI-university)."""
    return label[:1].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def _places(names, lang: str) -> list[str]:
    return [place(n, lang) for n in names]


# ---- sentences ------------------------------------------------------------------------------------------


def intro(c: CompetitivenessIndex) -> dict[str, str]:
    """What the section builds, from which data, for how many units, with how many Monte Carlo runs."""
    k, u, runs = len(c.spec.indicators), len(c.raw), c.unc.runs
    if c.user_table:
        return {
            "zh": f"本章用用户提供的指标表 {c.user_table}（{u} 个单位、{k} 个指标）按规格文件构建综合指数，"
            f"并用 {runs:,} 次蒙特卡洛模拟检验名次对方法选择的稳健性。",
            "en": f"This chapter builds a composite index from the user's indicator table {c.user_table} ({u} units, "
            f"{k} indicators) as the spec file says, and tests how robust the ranks are to the method's choices with "
            f"{runs:,} Monte Carlo runs.",
        }
    n_pub = int(len(c.comparison))
    return {
        "zh": f"表1只公布名次，不公布指标、标准化方法、权重和加总方法。本章按经合组织与欧盟联合研究中心《综合指标构建手册》（2008）的步骤，"
        f"把报告自己公布的 {k} 个省级指标（各榜单中的省份占比）合成为一个指数，覆盖 {u} 个省份（表1的 {n_pub} 个，加上其他榜单另外列出的 {u - n_pub} 个），"
        f"再用 {runs:,} 次蒙特卡洛模拟检验名次对各项方法选择的稳健性。",
        "en": f"Table 1 publishes ranks only: no indicators, normalisation, weights or aggregation. Following the OECD/JRC "
        f"Handbook on Constructing Composite Indicators (2008), this chapter combines the {k} province-level indicators "
        f"the report itself publishes (provinces' shares in its lists) into an index of {u} provinces (Table 1's {n_pub} "
        f"and {u - n_pub} more that other lists name), and tests how robust the ranks are to each choice of method with "
        f"{runs:,} Monte Carlo runs.",
    }


def dimensions(c: CompetitivenessIndex) -> dict[str, str]:
    """Which dimensions the indicators stand for and which of the framework's have none (from the spec)."""
    sp = c.spec
    out = {}
    for lang in ("zh", "en"):
        parts = []
        for d in sp.dimension_ids:
            inds = [indicator_label(sp, i.id, lang) for i in sp.indicators if i.dimension == d]
            inner = _join(inds if lang == "zh" else [_lower(x) for x in inds], lang)
            parts.append(
                f"{dimension_label(sp, d, lang)}（{inner}）"
                if lang == "zh"
                else f"{dimension_label(sp, d, lang)} ({inner})"
            )
        missing = [dimension_label(sp, d, lang) for d in sp.unmeasured()]
        m, f = len(sp.dimension_ids), len(sp.framework)
        if lang == "zh":
            text = (
                (f"这些指标能代表表1六个维度中的 {m} 个：" if f else f"指数有 {m} 个维度：") + "；".join(parts) + "。"
            )
            if missing:
                text += (
                    f"{_join(missing, lang)}没有任何已公布的指标，这个指数因此只覆盖报告指数的一部分，不是对它的复原。"
                )
        else:
            text = (
                (
                    f"These indicators can stand for {m} of the {f} dimensions of Table 1: "
                    if f
                    else f"The index has {m} dimensions: "
                )
                + "; ".join(parts)
                + "."
            )
            if missing:
                text += f" {_join(missing, lang)} have no published indicator, so this index covers only part of the report's and does not reconstruct it."
        out[lang] = text
    return out


def missing_data(c: CompetitivenessIndex) -> dict[str, str]:
    """How many cells are missing and how they are imputed."""
    cells = c.raw.size
    miss = int(c.raw.isna().sum().sum())
    pct = 100 * miss / cells
    rule = c.spec.imputation
    return {
        "zh": f"{cells} 个单元格（{len(c.raw)} 个省份 × {len(c.spec.indicators)} 个指标）中有 {miss} 个没有公布值（{pct:.0f}%）：榜单只列头部。"
        f"名义指数的填补规则是“{choice_label(rule, 'zh')}”；不确定性分析还比较了其他填补规则。",
        "en": f"Of the {cells} cells ({len(c.raw)} provinces × {len(c.spec.indicators)} indicators), {miss} have no published "
        f"value ({pct:.0f}%): the lists give only their leaders. The nominal index imputes them by the rule "
        f"'{choice_label(rule, 'en')}'; the uncertainty analysis also tries the other rules.",
    }


def outliers(c: CompetitivenessIndex) -> dict[str, str]:
    """How many indicators the skewness/kurtosis rule flags and what was done to them."""
    t = c.result.treatment
    o = c.spec.outliers
    flagged = int(t["flagged"].sum())
    win, logged = int((t["treatment"] == "winsorised").sum()), int((t["treatment"] == "log").sum())
    return {
        "zh": f"按手册的规则（偏度绝对值大于 {o.skew:g} 且峰度大于 {o.kurtosis:g}），{len(t)} 个指标中有 {flagged} 个存在异常值："
        f"{win} 个经缩尾（每个最多 {o.max_points} 个值）后通过，{logged} 个改用对数变换。",
        "en": f"By the handbook's rule (absolute skewness above {o.skew:g} and kurtosis above {o.kurtosis:g}), {flagged} of the "
        f"{len(t)} indicators have outliers: {win} pass after winsorising (at most {o.max_points} values each), {logged} are "
        "log-transformed instead.",
    }


def _mover(c: CompetitivenessIndex, row: pd.Series, lang: str) -> str:
    listed = [indicator_label(c, i, lang) for i in c.spec.indicator_ids if pd.notna(c.raw.at[row.unit, i])]
    k = len(c.spec.indicators)
    if lang == "zh":
        where = f"只在{_join(listed, lang)}上有公布值" if listed else "不在任何一张榜单上"
        return f"{place(row.unit, lang)}（表1第 {row.published} 位，指数第 {row.index_rank} 位；{k} 个指标中{where}）"
    where = (
        ("published values only for " + _join([_lower(x) for x in listed], lang)) if listed else "on none of the lists"
    )
    return f"{place(row.unit, lang)} (Table 1: {row.published}, index: {row.index_rank}; of {k} indicators, {where})"


def comparison(c: CompetitivenessIndex) -> dict[str, str]:
    """Rank correlations with Table 1 and the provinces that move most, with why (which lists they are on)."""
    a, comp = c.agreement, c.comparison
    if len(comp) < 3:
        return {
            "zh": f"指标表中只有 {len(comp)} 个单位也在表1中，无法与表1比较。",
            "en": f"Only {len(comp)} units of the indicator table are in Table 1: no comparison with it is possible.",
        }
    up = comp[comp["shift"] > 0].sort_values(["shift", "published"], ascending=[False, True]).head(2)
    down = comp[comp["shift"] < 0].sort_values(["shift", "published"], ascending=[True, True]).head(2)
    same = int((comp["shift"] == 0).sum())
    movers = pd.concat([up, down])
    sparse = bool(len(movers)) and bool((movers["listed"] <= len(c.spec.indicators) / 2).all())
    strength = 0 if a["spearman"] >= 0.8 else (1 if a["spearman"] >= 0.5 else 2)
    how = {"zh": ("高度一致", "大体一致", "一致性弱")[strength], "en": ("closely", "broadly", "only weakly")[strength]}
    out = {}
    for lang in ("zh", "en"):
        ups = _join([_mover(c, r, lang) for r in up.itertuples()], lang) if len(up) else ""
        downs = _join([_mover(c, r, lang) for r in down.itertuples()], lang) if len(down) else ""
        if lang == "zh":
            out[lang] = (
                f"在表1与指数共有的 {len(comp)} 个省份上，两者的名次{how['zh']}：Spearman ρ = {a['spearman']:.2f}（95% 自助法区间 {a['spearman_lo']:.2f}–{a['spearman_hi']:.2f}），"
                f"Kendall τ = {a['kendall']:.2f}（{a['kendall_lo']:.2f}–{a['kendall_hi']:.2f}）；{same} 个省份名次相同。"
                + (f"指数排得比表1高的主要是{ups}；" if ups else "")
                + (f"排得更低的主要是{downs}。" if downs else "")
                + (
                    "名次变动大的省份都只在少数榜单上有公布值，其余指标是填补值：它们的位置取决于填补规则，而表1用的是报告没有公布的其他指标。"
                    if sparse
                    else ""
                )
            )
        else:
            out[lang] = (
                f"On the {len(comp)} provinces both rank, the index and Table 1 agree {how['en']}: Spearman rho = {a['spearman']:.2f} "
                f"(95% bootstrap interval {a['spearman_lo']:.2f} to {a['spearman_hi']:.2f}), Kendall tau = {a['kendall']:.2f} "
                f"({a['kendall_lo']:.2f} to {a['kendall_hi']:.2f}); {same} provinces keep their rank. "
                + (f"The index ranks higher mainly {ups}. " if ups else "")
                + (f"It ranks lower mainly {downs}. " if downs else "")
                + (
                    "The provinces that move most have published values on few lists and imputed values elsewhere: their place "
                    "depends on the imputation, while Table 1 rests on indicators the report does not publish."
                    if sparse
                    else ""
                )
            )
    return out


def robustness(c: CompetitivenessIndex) -> dict[str, str]:
    """How robust Table 1's top n is: how many of them stay in the index's top n in at least 95 % of runs, how
    many rank intervals contain the published rank, and which provinces leave the top n most often."""
    n = c.top_n
    top = c.comparison[c.comparison["published"] <= n]
    if top.empty:
        return {"zh": "", "en": ""}
    firm = top[top["top_share"] >= 0.95]
    inside = int(((top["p05"] <= top["published"]) & (top["published"] <= top["p95"])).sum())
    weak = top[top["top_share"] < 0.5].sort_values("top_share")
    out = {}
    for lang in ("zh", "en"):
        weak_s = _join(
            [
                f"{place(r.unit, lang)}（{100 * r.top_share:.0f}%）"
                if lang == "zh"
                else f"{place(r.unit, lang)} ({100 * r.top_share:.0f}%)"
                for r in weak.itertuples()
            ],
            lang,
        )
        if lang == "zh":
            out[lang] = (
                f"表1前 {n} 位的 {len(top)} 个省份中，{len(firm)} 个在至少 95% 的模拟中仍居指数前 {n} 位：{_join(_places(firm['unit'], lang), lang)}。"
                f"{inside} 个省份的 5%–95% 名次区间包含其在表1中的名次。"
                + (f"最常跌出前 {n} 位的是{weak_s}（括号内为仍居前 {n} 位的模拟比例）。" if len(weak) else "")
            )
        else:
            out[lang] = (
                f"Of Table 1's top {n}, {len(firm)} stay in the index's top {n} in at least 95% of the runs: {_join(_places(firm['unit'], lang), lang)}. "
                f"For {inside} of them the 5-95% rank interval contains the published rank. "
                + (
                    f"Those that drop out of the top {n} most often are {weak_s} (share of runs still in the top {n})."
                    if len(weak)
                    else ""
                )
            )
    return out


def sensitivity(c: CompetitivenessIndex) -> dict[str, str]:
    """Which choice explains most of the variance of the mean rank shift (total Sobol index), and how much
    interactions add (1 - the sum of first-order indices)."""
    s = c.unc.sobol.sort_values("ST", ascending=False)
    best = s.iloc[0]
    inter = 1 - float(c.unc.sobol["S1"].clip(lower=0).sum())
    low = s[s["ST"] < 0.05]
    out = {}
    for lang in ("zh", "en"):
        lab = choice_label(best["factor"], lang)
        lows = _join([choice_label(f, lang) for f in low["factor"]], lang)
        if lang == "zh":
            out[lang] = (
                f"平均名次变动的方差中，{lab}的总效应指数最大（ST = {best['ST']:.2f}，一阶 S1 = {best['S1']:.2f}）；"
                f"各因素一阶指数之和为 {1 - inter:.2f}，其余 {inter:.2f} 来自因素之间的交互作用。"
                + (f"{lows}的总效应指数都低于 0.05，几乎不改变名次。" if lows else "")
            )
        else:
            out[lang] = (
                f"Of the variance of the mean rank shift, the {lab} has the largest total index (ST = {best['ST']:.2f}, "
                f"first-order S1 = {best['S1']:.2f}); the first-order indices sum to {1 - inter:.2f}, the other {inter:.2f} "
                "comes from interactions between the choices."
                + (f" Total indices below 0.05, so hardly moving the ranks: {lows}." if lows else "")
            )
    return out


def coherence(c: CompetitivenessIndex) -> dict[str, str]:
    """Cronbach's alpha per dimension and the indicator least correlated with the index."""
    d = c.dims.dropna(subset=["alpha"])
    r = c.corr.loc[c.spec.indicator_ids, "index"]
    weakest = r.idxmin()
    high = bool(r.median() >= 0.7) and not c.user_table
    out = {}
    for lang in ("zh", "en"):
        alphas = _join([f"{dimension_label(c.spec, x.dimension, lang)} {x.alpha:.2f}" for x in d.itertuples()], lang)
        lab = indicator_label(c, weakest, lang)
        if lang == "zh":
            out[lang] = (
                (f"各维度的 Cronbach α：{alphas}。" if alphas else "")
                + f"与指数相关最弱的指标是{lab}（r = {r[weakest]:.2f}）。"
                + (
                    "多数指标与指数高度相关，很大程度上是因为头部省份在所有榜单中都领先，而其余省份多为填补值。"
                    if high
                    else ""
                )
            )
        else:
            out[lang] = (
                (f"Cronbach's alpha per dimension: {alphas}. " if alphas else "")
                + f"The indicator least correlated with the index is the {_lower(lab)} (r = {r[weakest]:.2f})."
                + (
                    " Most indicators correlate highly with the index, largely because the leading provinces lead every list and most other values are imputed."
                    if high
                    else ""
                )
            )
    return out


def interval_note(c: CompetitivenessIndex) -> dict[str, str]:
    """What each Monte Carlo run draws, from the spec's uncertainty section."""
    u = c.unc.design.choices
    out = {}
    for lang in ("zh", "en"):
        drawn = []
        if c.spec.uncertainty.weights > 0:
            p = f"{100 * c.spec.uncertainty.weights:g}%"
            drawn.append(f"维度权重（±{p}）" if lang == "zh" else f"the dimension weights (±{p})")
        for name in ("normalisation", "aggregation", "imputation"):
            if len(u[name]) > 1:
                opts = _join([choice_label(x, lang) for x in u[name]], lang)
                lab = choice_label(name, lang)
                drawn.append(f"{lab}（{opts}）" if lang == "zh" else f"the {lab} ({opts})")
        if len(u["drop"]) > 1:
            drawn.append("是否去掉一个指标" if lang == "zh" else "whether one indicator is left out")
        out[lang] = (
            (f"每次模拟随机选择{_join(drawn, lang)}。" if lang == "zh" else f"Each run draws {_join(drawn, lang)}.")
            if drawn
            else ""
        )
    return out


def limitations(c: CompetitivenessIndex) -> list[dict[str, str]]:
    """The limits of an index built from the report's top-k lists (for Chapter.say_checks; none for a user's table)."""
    if c.user_table:
        return []
    return [
        {
            "kind": "limitation",
            "zh": "这个指数不是表1的复原：报告没有公布其指标、权重和方法，而这里能用的只是报告其他部分公布的榜单头部，"
            "缺失值的填补（尤其是“余额均分”假设）决定了大多数省份的位置。它回答的是：用报告自己公开的数字，表1的名次有多稳健。",
            "en": "This index does not reconstruct Table 1: the report publishes neither its indicators, weights nor method, and "
            "all that can be used here are the leading entries of the lists published elsewhere in the report, so the imputation "
            "of the missing values (the residual-share assumption above all) decides most provinces' places. It answers how "
            "robust Table 1's ranks are on the numbers the report itself makes public.",
        }
    ]


# ---- display tables -------------------------------------------------------------------------------------


def indicator_rows(c: CompetitivenessIndex, lang: str) -> pd.DataFrame:
    """The indicator overview with labels."""
    t = c.indicators.copy()
    t["indicator_label"] = [indicator_label(c, i, lang) for i in t["indicator"]]
    t["dimension_label"] = [dimension_label(c.spec, d, lang) for d in t["dimension"]]
    return t


def treatment_rows(c: CompetitivenessIndex, lang: str) -> pd.DataFrame:
    t = c.result.treatment.copy()
    t["indicator_label"] = [indicator_label(c, i, lang) for i in t["indicator"]]
    t["treatment_label"] = [choice_label(x, lang) if x else "" for x in t["treatment"]]
    return t


def score_rows(c: CompetitivenessIndex, lang: str) -> pd.DataFrame:
    """unit, rank (also as `nominal`), index, dimension scores, the rank interval, the share of runs in the top
    n and Table 1's rank (`published`, NaN for a unit Table 1 does not rank)."""
    s = c.result.scores().merge(c.unc.intervals.drop(columns="nominal"), on="unit", how="left")
    s["nominal"] = s["rank"]
    s["published"] = s["unit"].map(c.comparison.set_index("unit")["published"]).astype(float)
    s["unit_label"] = _places(s["unit"], lang)
    s["interval"] = [f"{lo:g}–{hi:g}" for lo, hi in zip(s["p05"], s["p95"])]
    s["top_pct"] = 100 * s["top_share"]
    return s


def comparison_rows(c: CompetitivenessIndex, lang: str) -> pd.DataFrame:
    t = c.comparison.copy()
    t["unit_label"] = _places(t["unit"], lang)
    t["interval"] = [f"{lo:g}–{hi:g}" for lo, hi in zip(t["p05"], t["p95"])]
    t["top_pct"] = 100 * t["top_share"]
    t["listed_text"] = [f"{n} / {len(c.spec.indicators)}" for n in t["listed"]]
    t["best_label"] = [dimension_label(c.spec, d, lang) if d else "" for d in t["best_dimension"]]
    return t


def sobol_rows(c: CompetitivenessIndex, lang: str) -> pd.DataFrame:
    t = c.unc.sobol.copy()
    t["factor_label"] = [choice_label(f, lang) for f in t["factor"]]
    return t


def dimension_rows(c: CompetitivenessIndex, lang: str) -> pd.DataFrame:
    t = c.dims.copy()
    t["dimension_label"] = [dimension_label(c.spec, d, lang) for d in t["dimension"]]
    return t


def heatmap_labels(c: CompetitivenessIndex, lang: str) -> tuple[list[str], list[str]]:
    """Row and column labels of the coherence heat map."""
    rows = [indicator_label(c, i, lang) for i in c.spec.indicator_ids] + [
        dimension_label(c.spec, d, lang) for d in c.spec.dimension_ids
    ]
    cols = [dimension_label(c.spec, d, lang) for d in c.spec.dimension_ids] + [terms.t("composite_index", lang)]
    return rows, cols
