"""Published rankings and top-k lists side by side: Table 1's competitiveness ranks reshaped, other
indicators' partial (top-k) share lists put on the same regions, and rank correlations computed only on the
regions both lists contain, always with their n.

Conventions: a rank is 1 for the best region; an indicator's value is a share in percent (larger = better),
so a positive correlation means the two lists agree. Lists are matched on `region_key` (哈尔滨 = 哈尔滨市).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from math import factorial

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.patches import Patch
from scipy import stats

from ai_industry.catalog import terms
from ai_industry.present.fonts import setup_matplotlib

LEVELS = ("province", "city")
BASE = "competitiveness"
SEED = 20230001  # fixed seed of the Monte Carlo permutation p-values (n! above N_RESAMPLES)
N_RESAMPLES = 9999

# indicator id -> (zh, en) short label; the order is the column order of tables and charts (catalog/terms.csv)
INDICATORS: dict[str, tuple[str, str]] = terms.group("competitiveness_indicator")

# the section's inputs by short name: the lists set beside Table 1 (in `indicator_lists` order) and the
# sources of each level's comparisons
LIST_INPUTS = (
    "enterprise_distribution",
    "platform_distribution",
    "province_enabling_input_share",
    "city_enabling_input_share",
    "research_institutes_distribution",
    "ai_universities_distribution",
)
SOURCES = {
    "province": [
        "competitiveness_ranking",
        "enterprise_distribution",
        "platform_distribution",
        "province_enabling_input_share",
        "research_institutes_distribution",
        "ai_universities_distribution",
    ],
    "city": [
        "competitiveness_ranking",
        "enterprise_distribution",
        "platform_distribution",
        "city_enabling_input_share",
        "research_institutes_distribution",
        "ai_universities_distribution",
    ],
}
# level -> (report table of technology enabling and input, its input)
TECH_TABLES = {"province": (7, "province_enabling_input_share"), "city": (10, "city_enabling_input_share")}


def indicator_label(indicator: str, lang: str = "zh") -> str:
    """The short label of an indicator in `lang`."""
    zh, en = INDICATORS[indicator]
    return zh if lang == "zh" else en


def region_key(name: str) -> str:
    """The matching key of a region name: the name without a trailing 市 (哈尔滨市 and 哈尔滨 match)."""
    name = str(name).strip()
    return name[:-1] if len(name) > 2 and name.endswith("市") else name


def ranking_wide(ranking: pd.DataFrame, top_n: int) -> pd.DataFrame:
    """Table 1 as printed: one row per rank (1..top_n) with the province and the city of that rank."""
    if top_n < 1:
        raise ValueError("top_n must be at least 1")
    r = ranking[ranking["rank"] <= top_n]
    wide = r.pivot(index="rank", columns="level", values="region").reindex(columns=list(LEVELS))
    return wide.reset_index().rename_axis(columns=None)


def base_list(ranking: pd.DataFrame, level: str, top_n: int) -> pd.DataFrame:
    """The Table 1 regions of one level with rank <= top_n: columns region, key, rank, in rank order."""
    r = ranking[(ranking["level"] == level) & (ranking["rank"] <= top_n)].sort_values("rank", kind="stable")
    return pd.DataFrame(
        {
            "region": r["region"].to_numpy(),
            "key": r["region"].map(region_key).to_numpy(),
            "rank": r["rank"].astype(int).to_numpy(),
        }
    )


def _list(
    indicator: str, level: str, regions: Iterable[str], values: Iterable[float], printed: Iterable[float]
) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "indicator": indicator,
            "level": level,
            "region": list(regions),
            "value": np.asarray(list(values), dtype=float),
            "printed_rank": np.asarray(list(printed), dtype=float),
        }
    )
    out["key"] = out["region"].map(region_key)
    return out.sort_values(["printed_rank", "value"], ascending=[True, False], kind="stable").reset_index(drop=True)


def from_levels(df: pd.DataFrame, indicator: str, levels: Iterable[str] = LEVELS) -> pd.DataFrame:
    """An indicator's province and city top-k lists from a distribution table with columns level, rank,
    region, share_pct (rows without a rank, such as 其他地区, are not list entries and are dropped)."""
    parts = []
    for lv in levels:
        d = df[(df["level"] == lv) & df["rank"].notna()]
        parts.append(_list(indicator, lv, d["region"], d["share_pct"], d["rank"]))
    return pd.concat(parts, ignore_index=True)


def from_directions(df: pd.DataFrame, level: str, region_col: str) -> pd.DataFrame:
    """The technology-enabling and technology-input top-k lists (Tables 7 and 10) of one level, from a
    table with columns direction (enabling | input), rank, <region_col>, share_pct."""
    parts = []
    for direction in ("enabling", "input"):
        d = df[df["direction"] == direction]
        parts.append(_list(direction, level, d[region_col], d["share_pct"], d["rank"]))
    return pd.concat(parts, ignore_index=True)


def indicator_lists(
    enterprises: pd.DataFrame,
    platforms: pd.DataFrame,
    province_tech: pd.DataFrame,
    city_tech: pd.DataFrame,
    institutes: pd.DataFrame,
    universities: pd.DataFrame,
) -> pd.DataFrame:
    """All published top-k share lists (percent) of provinces and cities in one long table: indicator, level,
    region, value, printed_rank, key."""
    return pd.concat(
        [
            from_levels(enterprises, "enterprises"),
            from_levels(platforms, "platforms"),
            from_directions(province_tech, "province", "province"),
            from_directions(city_tech, "city", "city"),
            from_levels(institutes, "institutes"),
            from_levels(universities, "universities"),
        ],
        ignore_index=True,
    )


def overlap(base: pd.DataFrame, other: pd.DataFrame) -> pd.DataFrame:
    """The regions both lists contain, in Table 1 order: region, base_rank, value (share, %) and
    other_rank (rank of the value within the overlap, 1 = largest, ties averaged)."""
    m = base.merge(other[["key", "value", "printed_rank"]], on="key", how="inner")
    m = m.rename(columns={"rank": "base_rank"}).sort_values("base_rank", kind="stable").reset_index(drop=True)
    m["other_rank"] = m["value"].rank(ascending=False, method="average")
    return m[["region", "key", "base_rank", "value", "printed_rank", "other_rank"]]


def _spearman_permutation_p(x: np.ndarray, y: np.ndarray) -> float:
    """Two-sided permutation p-value of Spearman's rho (exact when n! <= N_RESAMPLES, else Monte Carlo)."""
    ry = stats.rankdata(y)
    ry = (ry - ry.mean()) / np.sqrt(((ry - ry.mean()) ** 2).sum())

    def statistic(xs: np.ndarray, axis: int = -1) -> np.ndarray:
        rx = stats.rankdata(xs, axis=axis)
        rx = rx - rx.mean(axis=axis, keepdims=True)
        rx = rx / np.sqrt((rx**2).sum(axis=axis, keepdims=True))
        return (rx * ry).sum(axis=axis)

    res = stats.permutation_test(
        (x,),
        statistic,
        permutation_type="pairings",
        vectorized=True,
        n_resamples=N_RESAMPLES,
        alternative="two-sided",
        rng=np.random.default_rng(SEED),
    )
    return float(min(res.pvalue, 1.0))


def rank_correlation(x: Iterable[float], y: Iterable[float]) -> dict[str, float]:
    """Spearman's rho and Kendall's tau-b (scipy.stats) of two paired samples with their n and two-sided
    p-values (Spearman: permutation test, exact for small n; Kendall: scipy's exact test where there are no
    ties, else asymptotic). NaN statistics where n < 3 or a sample is constant."""
    xa, ya = np.asarray(list(x), dtype=float), np.asarray(list(y), dtype=float)
    if len(xa) != len(ya):
        raise ValueError("x and y must have the same length")
    n = len(xa)
    out = {
        "n": n,
        "spearman": np.nan,
        "spearman_p": np.nan,
        "kendall": np.nan,
        "kendall_p": np.nan,
        "exact": bool(n and factorial(n) <= N_RESAMPLES),
    }
    if n < 3 or np.ptp(xa) == 0 or np.ptp(ya) == 0:
        return out
    out["spearman"] = float(stats.spearmanr(xa, ya).statistic)
    out["spearman_p"] = _spearman_permutation_p(xa, ya)
    kt = stats.kendalltau(xa, ya)
    out["kendall"], out["kendall_p"] = float(kt.statistic), float(kt.pvalue)
    return out


def correlations(ranking: pd.DataFrame, lists: pd.DataFrame, top_n: int, min_n: int) -> pd.DataFrame:
    """One row per level and indicator: how long each list is, how many regions both contain (n), the
    regions of the indicator's list missing from Table 1's top_n, Spearman and Kendall correlations between
    the Table 1 rank and the indicator's share on the overlap (positive = the lists agree), and whether n is
    below `min_n`."""
    rows = []
    for level in LEVELS:
        base = base_list(ranking, level, top_n)
        for ind in [i for i in INDICATORS if i != BASE]:
            other = lists[(lists["indicator"] == ind) & (lists["level"] == level)]
            if other.empty:
                continue
            ov = overlap(base, other)
            # x: Table 1 rank (1 = best); y: minus the share, so that 1 = largest share is the best too
            rc = rank_correlation(ov["base_rank"], -ov["value"])
            missing = [r for r, k in zip(other["region"], other["key"]) if k not in set(base["key"])]
            rows.append(
                {
                    "level": level,
                    "indicator": ind,
                    "n_table1": len(base),
                    "n_list": len(other),
                    "n": rc["n"],
                    "spearman": rc["spearman"],
                    "spearman_p": rc["spearman_p"],
                    "kendall": rc["kendall"],
                    "kendall_p": rc["kendall_p"],
                    "exact_p": rc["exact"],
                    "small_n": rc["n"] < min_n,
                    "not_in_table1": "、".join(missing),
                }
            )
    return pd.DataFrame(rows)


def rank_matrix(ranking: pd.DataFrame, lists: pd.DataFrame, level: str, top_n: int) -> pd.DataFrame:
    """Printed ranks of each region (rows) in Table 1 and in every indicator's list (columns, INDICATORS
    order); NaN = not in that list. Rows: Table 1's top_n in rank order, then the regions that only the
    other lists contain, by their best rank."""
    base = base_list(ranking, level, top_n)
    lv = lists[lists["level"] == level]
    cols = [i for i in INDICATORS if i == BASE or i in set(lv["indicator"])]
    keys = list(base["key"])
    names = dict(zip(base["key"], base["region"]))
    extra = lv[~lv["key"].isin(keys)].sort_values(["printed_rank"], kind="stable")
    for k, r in zip(extra["key"], extra["region"]):
        if k not in names:
            keys.append(k)
            names[k] = r
    mat = pd.DataFrame(index=keys, columns=cols, dtype=float)
    mat.loc[base["key"], BASE] = base["rank"].to_numpy(dtype=float)
    for ind in cols[1:]:
        d = lv[lv["indicator"] == ind]
        d = d[d["key"].isin(keys)]
        mat.loc[d["key"], ind] = d["printed_rank"].to_numpy(dtype=float)
    mat.index = [names[k] for k in keys]
    mat.index.name = "region"
    return mat


def overlap_panels(
    ranking: pd.DataFrame,
    lists: pd.DataFrame,
    level: str,
    top_n: int,
    places: Callable[[list[str]], list[str]],
    lang: str = "zh",
    indicators: Iterable[str] = ("enabling", "input"),
) -> dict[str, pd.DataFrame]:
    """For `rank_scatter`: per indicator, its overlap with Table 1's top_n at `level` (with a region_label
    column from `places`), keyed by the indicator's label and n."""
    base = base_list(ranking, level, top_n)
    out = {}
    for ind in indicators:
        ov = overlap(base, lists[(lists["level"] == level) & (lists["indicator"] == ind)])
        key = (
            f"{indicator_label(ind, lang)}（n = {len(ov)}）"
            if lang == "zh"
            else f"{indicator_label(ind, lang)} (n = {len(ov)})"
        )
        out[key] = ov.assign(region_label=places(list(ov["region"])))
    return out


def outside_level(lists: pd.DataFrame, ranking: pd.DataFrame, level: str, other_level: str, top_n: int) -> list[str]:
    """Regions of the `level` lists that Table 1 does not rank at that level but ranks at `other_level`
    (e.g. the municipalities 北京市 and 上海市: cities in the share lists, provinces in Table 1)."""
    here = set(base_list(ranking, level, top_n)["key"])
    there = set(base_list(ranking, other_level, top_n)["key"])
    lv = lists[lists["level"] == level]
    seen: list[str] = []
    for r, k in zip(lv["region"], lv["key"]):
        if k not in here and k in there and r not in seen:
            seen.append(r)
    return seen


def stated_after(claims: pd.DataFrame, seed: str, section: str, after_line: int, unit: str = "rank") -> pd.DataFrame:
    """Claims of `section` of seed `seed` ('001') printed after seed line `after_line` in `unit`: the
    statements that survive of figures whose data are not in the text."""
    c = claims[claims["seed_file"].str.startswith(seed) & (claims["section"] == section) & (claims["unit"] == unit)]
    c = c[c["line"].astype(int) > after_line]
    return c[["claim_id", "line", "quote", "measure", "value"]].reset_index(drop=True)


def format_p(p: float, digits: int = 3) -> str:
    """A p-value for display: '<0.001' below the last shown digit, '' for NaN, else fixed decimals."""
    if p is None or (isinstance(p, float) and np.isnan(p)) or pd.isna(p):
        return ""
    return f"<{10**-digits:.{digits}f}" if p < 10**-digits else f"{p:.{digits}f}"


def display_correlations(
    corr: pd.DataFrame, places: Callable[[list[str]], list[str]], lang: str = "zh"
) -> pd.DataFrame:
    """`corr` plus text columns for display: indicator_label, n_text ('n / list length', † where n is small),
    rho_p and tau_p ('0.91 (<0.001)'), missing (the list's regions not in Table 1, named by `places`)."""
    sep = "、" if lang == "zh" else ", "
    return corr.assign(
        indicator_label=[indicator_label(i, lang) for i in corr["indicator"]],
        n_text=[
            f"{n} / {k}" + (" †" if small else "") for n, k, small in zip(corr["n"], corr["n_list"], corr["small_n"])
        ],
        rho_p=[f"{r:.2f} ({format_p(p)})" if pd.notna(r) else "" for r, p in zip(corr["spearman"], corr["spearman_p"])],
        tau_p=[f"{t:.2f} ({format_p(p)})" if pd.notna(t) else "" for t, p in zip(corr["kendall"], corr["kendall_p"])],
        missing=[sep.join(places(m.split("、"))) if m else "" for m in corr["not_in_table1"]],
    )


def p_floor() -> float:
    """The smallest two-sided Monte Carlo permutation p-value the test can return: 2 / (N_RESAMPLES + 1)."""
    return 2 / (N_RESAMPLES + 1)


def _mid_sentence(label: str) -> str:
    """An English label for use inside a sentence: first letter lowered unless it starts an acronym (AI)."""
    return label[:1].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def _p_eq(p: float) -> str:
    text = format_p(p)
    return text if text.startswith("<") else f"= {text}"


def _largest_overlap_finding(
    c: pd.DataFrame, level: str, labels: Mapping[str, tuple[str, str]], lvl: Mapping[str, tuple[str, str]]
) -> dict[str, str]:
    """The note on one level's correlation with the largest overlap (`c`: that level's rows with a Spearman ρ)."""
    best = c.sort_values(["n", "spearman"], ascending=[False, False], kind="stable").iloc[0]
    zh_i, en_i = labels[best["indicator"]]
    return {
        "kind": "note",
        "zh": (
            f"{lvl[level][0]}层面重叠最多的是{zh_i}：表1与该表共有 n = {best['n']} 个地区，"
            f"Spearman ρ = {best['spearman']:.2f}（p {_p_eq(best['spearman_p'])}），"
            f"Kendall τ = {best['kendall']:.2f}（p {_p_eq(best['kendall_p'])}）。"
        ),
        "en": (
            f"At {lvl[level][1]} level the largest overlap is with the {_mid_sentence(en_i)}: Table 1 and that "
            f"list share n = {best['n']} regions; Spearman rho = {best['spearman']:.2f} "
            f"(p {_p_eq(best['spearman_p'])}), Kendall tau = {best['kendall']:.2f} (p {_p_eq(best['kendall_p'])})."
        ),
    }


def _small_overlap_finding(
    small: pd.DataFrame, min_n: int, labels: Mapping[str, tuple[str, str]], lvl: Mapping[str, tuple[str, str]]
) -> dict[str, str]:
    """The limitation naming the comparisons whose overlap is below `min_n` (`small`: their rows)."""
    zh_s = "、".join(f"{lvl[r.level][0]}{labels[r.indicator][0]}（n = {r.n}）" for r in small.itertuples())
    en_s = "; ".join(
        f"{lvl[r.level][1]} {_mid_sentence(labels[r.indicator][1])} (n = {r.n})" for r in small.itertuples()
    )
    return {
        "kind": "limitation",
        "zh": (f"以下比较的共同地区少于 {min_n} 个，相关系数只能取少数几个值，无论一致与否都不足以下结论：{zh_s}。"),
        "en": (
            f"These comparisons share fewer than {min_n} regions, so the coefficients can take only a few "
            f"values and support no conclusion either way: {en_s}."
        ),
    }


def _truncation_limitation() -> dict[str, str]:
    """What correlations on the overlap of two partial (top-k) lists can and cannot say."""
    return {
        "kind": "limitation",
        "zh": (
            "所有列表都只公布头部（前若干位），相关系数只在两张表都列出的地区上计算：它描述的是两张榜单头部重叠部分的排序是否一致，"
            "而不是全国所有地区之间的关系。只进入一张榜单的地区被排除，这种双重截断通常会压低相关系数，且 p 值只针对重叠部分内排序的随机置换。"
        ),
        "en": (
            "Every list publishes only its top entries, so each correlation is computed on the regions both lists "
            "contain: it says whether the two rankings agree on their overlap, not how the indicators relate "
            "across all regions. Regions on only one list drop out; such truncation on both variables usually "
            "weakens correlations, and the p-values refer only to random reorderings within the overlap."
        ),
    }


def correlation_findings(
    corr: pd.DataFrame, min_n: int, lang_labels: Mapping[str, tuple[str, str]] | None = None
) -> list[dict[str, str]]:
    """Findings (kind note | limitation, zh, en) for Chapter.say_checks: per level the correlation on the
    largest overlap, the correlations whose overlap is below `min_n`, and what partial lists allow."""
    labels = lang_labels or INDICATORS
    lvl = terms.group("competitiveness_level")
    out: list[dict[str, str]] = []
    for level in LEVELS:
        c = corr[(corr["level"] == level) & corr["spearman"].notna()]
        if c.empty:
            continue
        out.append(_largest_overlap_finding(c, level, labels, lvl))
    small = corr[corr["small_n"]]
    if len(small):
        out.append(_small_overlap_finding(small, min_n, labels, lvl))
    out.append(_truncation_limitation())
    return out


# ---- the section's values ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Competitiveness:
    """What the section computes once for its zh and en text: Table 1 (long and wide), the other lists on
    the same regions, the number of dimensions of the index (from the ledger), how many provinces and cities
    Table 1 ranks, the municipalities that other lists count as cities, whether Dalian is missing, the rank
    correlations, the top-k of the enterprise lists and the surviving statements of Figures 4-5."""

    ranking: pd.DataFrame
    lists: pd.DataFrame
    wide: pd.DataFrame
    dims: int
    n_prov: int
    n_city: int
    munis: list[str]
    dalian_missing: bool
    corr: pd.DataFrame
    k_ent: int
    fig_claims: pd.DataFrame


def competitiveness(
    ranking: pd.DataFrame, claims: pd.DataFrame, lists: pd.DataFrame, top_n: int, min_n: int
) -> Competitiveness:
    """The section's values from Table 1, the claims ledger and the other lists (`indicator_lists`)."""
    wide = ranking_wide(ranking, top_n)
    city_keys = set(lists.loc[lists.level == "city", "key"])
    n_prov, n_city = (int((ranking["level"] == lv).sum()) for lv in LEVELS)
    return Competitiveness(
        ranking=ranking,
        lists=lists,
        wide=wide,
        dims=int(claims.set_index("claim_id").loc["c001_0362_01", "value"]),
        n_prov=n_prov,
        n_city=n_city,
        munis=[r for r in wide.province.dropna() if region_key(r) in city_keys],
        dalian_missing="大连市" not in set(ranking.region),
        corr=correlations(ranking, lists, top_n, min_n),
        k_ent=int(((lists.indicator == "enterprises") & (lists.level == "province")).sum()),
        fig_claims=stated_after(claims, "001", "五(一)", int(ranking["seed_line"].max())),
    )


def level_heatmap(
    c: Competitiveness,
    level: str,
    top_n: int,
    places: Callable[[Iterable[str]], list[str]],
    lang: str,
    missing_label: str,
) -> plt.Figure:
    """The rank heatmap of one level: Table 1's top regions first, then the regions only other lists hold."""
    mat = rank_matrix(c.ranking, c.lists, level, top_n)
    n_base = len(base_list(c.ranking, level, top_n))
    return rank_heatmap(
        mat, places(mat.index), [indicator_label(i, lang) for i in mat.columns], missing_label, n_first=n_base
    )


# ---- charts -------------------------------------------------------------------------------------------


def rank_ladder(columns: Mapping[str, list[str]]) -> plt.Figure:
    """Rank chart of side-by-side rankings: one panel per column title, a dot per rank (1 at the top, the rank
    as the tick label) with the region's name beside it."""
    setup_matplotlib()
    n = max(len(v) for v in columns.values())
    fig, axes = plt.subplots(1, len(columns), figsize=(3.0 * len(columns), 0.22 * n + 1.0), sharey=True)
    axes = np.atleast_1d(axes)
    colors = sns.color_palette("crest", n_colors=max(n, 2))[::-1]  # rank 1 darkest, as in rank_heatmap
    for ax, (title, names) in zip(axes, columns.items()):
        ranks = np.arange(1, len(names) + 1)
        ax.scatter(np.zeros(len(names)), ranks, s=42, color=[colors[i] for i in range(len(names))], zorder=3)
        ax.vlines(0, 1, max(len(names), 1), color="#c8ccd1", lw=1, zorder=1)
        for r, name in zip(ranks, names):
            ax.text(0.15, r, name, va="center", fontsize=9)
        ax.set_xlim(-0.3, 2.2)
        ax.set_xticks([])
        ax.set_title(title, fontsize=10)
        ax.grid(False)
        sns.despine(ax=ax, bottom=True, left=True)
    axes[0].set_ylim(n + 0.7, 0.3)
    axes[0].set_yticks(range(1, n + 1))
    axes[0].tick_params(axis="y", length=0, pad=2)
    fig.tight_layout()
    return fig


def rank_heatmap(
    matrix: pd.DataFrame, row_labels: list[str], col_labels: list[str], missing_label: str, n_first: int | None = None
) -> plt.Figure:
    """Heatmap of printed ranks (regions x lists), each cell labelled with its rank (darker = better); grey
    hatched cells are regions a list does not contain (its rank is not published). A rule is drawn under the
    first `n_first` rows (the base ranking's regions)."""
    setup_matplotlib()
    vals = matrix.to_numpy(dtype=float)
    nrow, ncol = vals.shape
    fig, ax = plt.subplots(figsize=(0.95 * ncol + 1.8, 0.28 * nrow + 1.9))
    ax.set_facecolor("#eef0f2")
    vmax = np.nanmax(vals) if np.isfinite(vals).any() else 1
    ax.pcolormesh(np.ma.masked_invalid(vals), cmap="crest_r", vmin=1, vmax=vmax, edgecolors="white", linewidth=1)
    for i in range(nrow):
        for j in range(ncol):
            v = vals[i, j]
            if np.isnan(v):
                ax.add_patch(plt.Rectangle((j, i), 1, 1, fill=False, hatch="///", edgecolor="#c8ccd1", lw=0))
            else:
                ax.text(
                    j + 0.5,
                    i + 0.5,
                    f"{v:.0f}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if v <= vmax * 0.45 else "#222222",
                )
    ax.set_xticks(np.arange(ncol) + 0.5, col_labels, rotation=35, ha="right", fontsize=9)
    ax.set_yticks(np.arange(nrow) + 0.5, row_labels, fontsize=9)
    ax.set_ylim(nrow, 0)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    plt.setp(ax.get_xticklabels(), ha="left", rotation=35)
    ax.grid(False)
    if n_first is not None and 0 < n_first < nrow:
        ax.axhline(n_first, color="#555555", lw=1.2)
    ax.legend(
        handles=[Patch(facecolor="#eef0f2", hatch="///", edgecolor="#c8ccd1", label=missing_label)],
        loc="upper left",
        bbox_to_anchor=(0, -0.01),
        frameon=False,
        fontsize=8,
    )
    fig.tight_layout()
    return fig


def rank_scatter(panels: Mapping[str, pd.DataFrame], xlabel: str, ylabel: str) -> plt.Figure:
    """One panel per overlap frame (columns region_label, base_rank, printed_rank): the Table 1 rank against
    the rank printed in the other list, with the diagonal of equal ranks."""
    setup_matplotlib()
    fig, axes = plt.subplots(1, len(panels), figsize=(4.6 * len(panels), 4.6), squeeze=False)
    top = max([max(f["base_rank"].max(), f["printed_rank"].max()) for f in panels.values() if len(f)] or [1])
    for ax, (title, ov) in zip(axes[0], panels.items()):
        x, y = ov["base_rank"].to_numpy(float), ov["printed_rank"].to_numpy(float)
        ax.plot([1, top], [1, top], color="#c8ccd1", lw=1, ls="--", zorder=1)
        ax.scatter(x, y, s=30, color=sns.color_palette("crest", 3)[1], zorder=3)
        for xi, yi, lab in zip(x, y, ov["region_label"]):
            ax.annotate(lab, (xi, yi), xytext=(3, 2), textcoords="offset points", fontsize=7)
        ax.set_xlim(0, top + 1.5)
        ax.set_ylim(top + 1, 0)
        ticks = [1] + list(range(5, int(top) + 1, 5)) if top >= 5 else list(range(1, int(top) + 1))
        ax.set_xticks(ticks)
        ax.set_yticks(ticks)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
    fig.tight_layout()
    return fig
