"""Published share distributions (e.g. enterprises by metro region / province / city) and their
concentration, with the report's own stated totals checked against the listed shares."""

from __future__ import annotations

import pandas as pd

from ai_industry.methods.rounding import sum_tolerance
from ai_industry.methods.stats import hhi_bounds, remainder_pct, top_n_share

LEVELS = ("metro_region", "province", "city")
rounding_tolerance = sum_tolerance  # the tolerance of a sum of printed shares lives in methods.rounding


def level_shares(df: pd.DataFrame, level: str) -> pd.DataFrame:
    """The rows of one level, in rank order, with columns rank, region, share_pct."""
    out = df[df["level"] == level].sort_values("rank", kind="stable")
    return out[["rank", "region", "share_pct"]].reset_index(drop=True)


def concentration(df: pd.DataFrame, stated: pd.DataFrame | None, n: int, decimals: int = 2) -> pd.DataFrame:
    """Per level: how many regions are listed, their combined share, CR-n recomputed from the listed shares
    (NaN where fewer than n are listed), the report's stated top-n share where it gives one, the difference
    (percentage points), whether it is reproduced within rounding, and the HHI bounds (points) that the
    listed shares allow when the remainder is not reported."""
    rows = []
    for level in [lv for lv in LEVELS if lv in set(df["level"])]:
        shares = level_shares(df, level)["share_pct"].astype(float)
        cr = top_n_share(shares, n) if len(shares) >= n else float("nan")
        st = float("nan")
        if stated is not None:
            hit = stated[(stated["level"] == level) & (stated["top_n"] == n)]
            if len(hit):
                st = float(hit["share_pct"].iloc[0])
        diff = cr - st if pd.notna(cr) and pd.notna(st) else float("nan")
        if pd.isna(diff):
            status = "not stated" if pd.isna(st) else "not derivable"
        else:
            status = "reproduced" if abs(diff) <= rounding_tolerance(decimals, n) else "discrepancy"
        lo, hi = hhi_bounds(shares)
        rows.append(
            {
                "level": level,
                "listed": len(shares),
                "listed_sum_pct": round(float(shares.sum()), 10),
                "remainder_pct": round(remainder_pct(shares), 10),
                "cr_n": n,
                "cr_n_pct": round(cr, 10),
                "stated_pct": st,
                "diff_pp": round(diff, 10),
                "status": status,
                "hhi_low": round(lo, 4),
                "hhi_high": round(hi, 4),
            }
        )
    return pd.DataFrame(rows)


def equal_shares_across_levels(df: pd.DataFrame) -> pd.DataFrame:
    """Pairs of regions at different levels that carry exactly the same share (e.g. a metro region and a
    province) — worth a note, since it usually means the two are the same set of firms."""
    a = df.rename(columns={"level": "level_a", "region": "region_a"})
    b = df.rename(columns={"level": "level_b", "region": "region_b"})
    m = a.merge(b, on="share_pct")
    m = m[(m["level_a"] < m["level_b"]) & (m["region_a"] != m["region_b"])]
    return m[["level_a", "region_a", "level_b", "region_b", "share_pct"]].reset_index(drop=True)


def remainder(frame: pd.DataFrame, column: str = "share_pct") -> float:
    """The unreported remainder (percent) of a listed-shares frame."""
    return remainder_pct(frame[column])


LEVEL_NAMES = {
    "metro_region": ("都市圈", "metro regions"),
    "province": ("省份", "provinces"),
    "city": ("城市", "cities"),
}


def _stated_findings(conc: pd.DataFrame, shares: pd.DataFrame, stated: pd.DataFrame) -> list[dict[str, str]]:
    """Each stated top-n total that can be recomputed from the listed shares: reproduced or a discrepancy, citing
    the seed line."""
    out: list[dict[str, str]] = []
    for rec in conc.to_dict("records"):
        if rec["status"] not in ("reproduced", "discrepancy"):
            continue
        zh_l, en_l = LEVEL_NAMES[rec["level"]]
        line = int(stated[(stated["level"] == rec["level"]) & (stated["top_n"] == rec["cr_n"])]["seed_line"].iloc[0])
        rows = shares[shares["level"] == rec["level"]].sort_values("rank").head(int(rec["cr_n"]))
        parts = " + ".join(f"{v:.2f}" for v in rows["share_pct"])
        same = rec["status"] == "reproduced"
        out.append(
            {
                "kind": rec["status"],
                "zh": (
                    f"前{rec['cr_n']}位{zh_l}合计：报告所述 {rec['stated_pct']:.2f}%（原文第{line}行）；"
                    f"由列出的占比复算 {parts} = {rec['cr_n_pct']:.2f}%，差 {rec['diff_pp']:+.2f} 个百分点，"
                    + ("在四舍五入误差之内。" if same else "超出四舍五入误差。")
                ),
                "en": (
                    f"Top-{rec['cr_n']} {en_l}: stated {rec['stated_pct']:.2f}% (seed line {line}); recomputed "
                    f"from the listed shares {parts} = {rec['cr_n_pct']:.2f}%, a difference of "
                    f"{rec['diff_pp']:+.2f} pp, " + ("within rounding." if same else "beyond rounding.")
                ),
            }
        )
    return out


def _equal_share_notes(shares: pd.DataFrame) -> list[dict[str, str]]:
    """A note for each pair of regions at different levels with the same share."""
    out: list[dict[str, str]] = []
    for rec in equal_shares_across_levels(shares).to_dict("records"):
        za, ea = LEVEL_NAMES[rec["level_a"]]
        zb, eb = LEVEL_NAMES[rec["level_b"]]
        out.append(
            {
                "kind": "note",
                "zh": (
                    f"{rec['region_a']}（{za}）与{rec['region_b']}（{zb}）的占比同为 {rec['share_pct']:.2f}%："
                    f"报告很可能把二者视为同一组企业；原文如此，未作改动。"
                ),
                "en": (
                    f"{rec['region_a']} ({ea[:-1] if ea.endswith('s') else ea}) and {rec['region_b']} "
                    f"({eb[:-1] if eb.endswith('s') else eb}) carry the same share, {rec['share_pct']:.2f}%: the "
                    f"report probably counts them as the same set of firms; recorded as printed."
                ),
            }
        )
    return out


def _limitations(conc: pd.DataFrame) -> list[dict[str, str]]:
    """Per level: how much of the distribution is listed, and the HHI bounds the unlisted remainder leaves."""
    out: list[dict[str, str]] = []
    for rec in conc.to_dict("records"):
        zh_l, en_l = LEVEL_NAMES[rec["level"]]
        out.append(
            {
                "kind": "limitation",
                "zh": (
                    f"{zh_l}：报告列出 {rec['listed']} 个，合计 {rec['listed_sum_pct']:.2f}%，其余 "
                    f"{rec['remainder_pct']:.2f}% 的分布未公布；HHI 介于 {rec['hhi_low']:,.0f} 与 {rec['hhi_high']:,.0f} 之间。"
                ),
                "en": (
                    f"{en_l.capitalize()}: the report lists {rec['listed']}, together {rec['listed_sum_pct']:.2f}%; how "
                    f"the remaining {rec['remainder_pct']:.2f}% splits is not published, so the HHI lies between "
                    f"{rec['hhi_low']:,.0f} and {rec['hhi_high']:,.0f}."
                ),
            }
        )
    return out


def check_statements(conc: pd.DataFrame, shares: pd.DataFrame, stated: pd.DataFrame) -> list[dict[str, str]]:
    """Findings for the 'what the report says vs what the data say' box: each stated top-n total
    recomputed from the listed shares, equal shares across levels, and what is not reported.
    Returns dicts with kind (reproduced | discrepancy | note | limitation), zh, en."""
    return _stated_findings(conc, shares, stated) + _equal_share_notes(shares) + _limitations(conc)
