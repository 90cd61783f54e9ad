"""Two published regional distributions side by side (platforms vs all firms): implied counts, representation
with Fisher's exact test and nesting residuals. Split from `value_network` along its banners.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ai_industry.methods.rounding import (
    nearest_count,
    share_of,
    share_reproduced,
)

# ================================================================================================
# Two published regional distributions side by side (platforms vs firms)
# ================================================================================================


def implied_counts(shares_pct: Sequence[float], base: int, decimals: int = 2) -> pd.DataFrame:
    """The whole counts behind shares (percent) of `base` units: nearest integer count, the share that count
    gives, and whether it reproduces the printed share within half a unit of its `decimals`."""
    s = np.asarray(shares_pct, float)
    count = nearest_count(s, base)
    return pd.DataFrame(
        {
            "share_pct": s,
            "count": count,
            "share_from_count": share_of(count, base),
            "consistent": share_reproduced(count, base, s, decimals),
        }
    )


def _region_record(
    lv: str, reg: str, a: pd.Series, b: pd.Series, rest_a: float, rest_b: float, n_sub: int, n_whole: int
) -> dict:
    """One region's row of `representation`: both shares, counts and Fisher's p where both lists give it, else
    the listed share with the other list's remainder as its bound."""
    from scipy.stats import fisher_exact

    rec = {
        "level": lv,
        "region": reg,
        "sub_share_pct": np.nan,
        "whole_share_pct": np.nan,
        "ratio": np.nan,
        "sub_count": np.nan,
        "whole_count": np.nan,
        "expected_sub": np.nan,
        "fisher_p": np.nan,
        "bound_pct": np.nan,
    }
    if reg in a.index and reg in b.index:
        sa, sb = float(a[reg]), float(b[reg])
        ka, kb = nearest_count(sa, n_sub), nearest_count(sb, n_whole)
        _, p = fisher_exact([[ka, n_sub - ka], [kb - ka, (n_whole - n_sub) - (kb - ka)]])
        rec.update(
            listed_in="both",
            sub_share_pct=sa,
            whole_share_pct=sb,
            ratio=sa / sb,
            sub_count=ka,
            whole_count=kb,
            expected_sub=kb * n_sub / n_whole,
            fisher_p=float(p),
        )
    elif reg in b.index:
        rec.update(
            listed_in="whole",
            whole_share_pct=float(b[reg]),
            bound_pct=rest_a,
            whole_count=nearest_count(float(b[reg]), n_whole),
        )
    else:
        rec.update(
            listed_in="sub",
            sub_share_pct=float(a[reg]),
            bound_pct=rest_b,
            sub_count=nearest_count(float(a[reg]), n_sub),
        )
    return rec


def _remainder_record(
    lv: str, a: pd.Series, b: pd.Series, rest_a: float, rest_b: float, n_sub: int, n_whole: int
) -> dict:
    """The 'others' row of one level: both lists' unreported remainders (their ratio only for the same regions)."""
    same_set = set(a.index) == set(b.index)  # otherwise the two remainders cover different regions
    return {
        "level": lv,
        "region": "others",
        "listed_in": "remainder",
        "sub_share_pct": round(rest_a, 10),
        "whole_share_pct": round(rest_b, 10),
        "ratio": rest_a / rest_b if rest_b > 0 and same_set else np.nan,
        "sub_count": nearest_count(rest_a, n_sub),
        "whole_count": nearest_count(rest_b, n_whole),
        "expected_sub": np.nan,
        "fisher_p": np.nan,
        "bound_pct": np.nan,
    }


def representation(
    sub: pd.DataFrame,
    whole: pd.DataFrame,
    n_sub: int,
    n_whole: int,
    levels: Iterable[str] = ("metro_region", "province", "city"),
) -> pd.DataFrame:
    """Regional shares of a subset (e.g. the 200 platforms) against those of the whole it is drawn from (the
    2,200 firms), per level. For regions both list: implied counts, representation ratio = subset share /
    whole share, the expected subset count under proportional selection and Fisher's exact two-sided p-value
    of the 2×2 table (subset / rest × region / elsewhere). Regions only one list gives appear with the other
    share empty and its upper bound (that list's unreported remainder); one 'others' row per level holds both
    remainders. Columns: level, region, listed_in, sub_share_pct, whole_share_pct, ratio, sub_count,
    whole_count, expected_sub, fisher_p, bound_pct. The remainders' ratio is given only where both lists name
    the same regions (otherwise the two remainders cover different regions)."""
    rows = []
    for lv in levels:
        a = sub[sub["level"] == lv].set_index("region")["share_pct"]
        b = whole[whole["level"] == lv].set_index("region")["share_pct"]
        if a.empty and b.empty:
            continue
        rest_a, rest_b = 100.0 - float(a.sum()), 100.0 - float(b.sum())
        order = list(b.sort_values(ascending=False).index) + [
            r for r in a.sort_values(ascending=False).index if r not in b.index
        ]
        for reg in order:
            rows.append(_region_record(lv, reg, a, b, rest_a, rest_b, n_sub, n_whole))
        rows.append(_remainder_record(lv, a, b, rest_a, rest_b, n_sub, n_whole))
    return pd.DataFrame(rows)


def reference_regions() -> pd.DataFrame:
    """The typed reference table of provinces and cities (data/raw/reference/regions.csv, as labels.place uses)."""
    from ai_industry.paths import raw_dir

    return pd.read_csv(raw_dir() / "reference" / "regions.csv", dtype={"adcode": str})


def region_hierarchy(regions: pd.DataFrame) -> dict[str, dict]:
    """From the reference regions table: city -> province, and per metro region its provinces split into those
    lying wholly inside it (every city of the province in the metro) and those it only partly covers."""
    cities = regions[regions["level"] == "city"]
    city_prov = dict(zip(cities["name_zh"], cities["province_zh"]))
    metro: dict[str, dict[str, list[str]]] = {}
    for prov, g in cities.groupby("province_zh"):
        ms = set(g["metro_region_zh"].dropna())
        for m in ms:
            whole = bool(g["metro_region_zh"].eq(m).all())
            metro.setdefault(m, {"whole": [], "partly": []})["whole" if whole else "partly"].append(prov)
    return {"city_province": city_prov, "metro": metro}


def nesting(df: pd.DataFrame, regions: pd.DataFrame, base: int | None = None) -> pd.DataFrame:
    """Shares that must nest, checked on one listed distribution (percent): a metro region holds at least its
    listed whole provinces; a province holds at least a metro region lying inside it (e.g. the Pearl River
    Delta inside Guangdong) and at least its listed cities. Residual = outer − Σ inner (≥ 0 when consistent;
    the share of the outer region's units outside the listed inner ones), with its count when `base` is given.
    Identities (a municipality at province and city level) are left out."""
    h = region_hierarchy(regions)
    got = {(r.level, r.region): float(r.share_pct) for r in df.itertuples()}
    provs = [r for (lv, r) in got if lv == "province"]
    pairs: list[tuple[str, str, str, list[str]]] = []
    for lv, reg in got:
        if lv == "metro_region":
            m = h["metro"].get(reg.removesuffix("地区"), h["metro"].get(reg))
            if m is None:
                continue
            inner = [p for p in m["whole"] if p in provs]
            if inner:
                pairs.append(("metro_region", reg, "province", inner))
            for p in m["partly"]:
                if p in provs:
                    pairs.append(("province", p, "metro_region", [reg]))
        elif lv == "province":
            inner = [c for (l2, c) in got if l2 == "city" and h["city_province"].get(c) == reg and c != reg]
            if inner:
                pairs.append(("province", reg, "city", inner))
    rows = []
    for olv, outer, ilv, inner in pairs:
        o = got[(olv, outer)]
        s = sum(got[(ilv, i)] for i in inner)
        rows.append(
            {
                "outer_level": olv,
                "outer": outer,
                "inner_level": ilv,
                "inner": "、".join(inner),
                "inner_list": inner,
                "outer_pct": o,
                "inner_pct": round(s, 10),
                "residual_pct": round(o - s, 10),
                "residual_count": nearest_count(o - s, base) if base else np.nan,
                "consistent": o - s >= -0.5 * 10**-2 * (len(inner) + 1),
            }
        )
    return pd.DataFrame(rows)


def nesting_table(
    frames: Mapping[str, tuple[pd.DataFrame, int]],
    regions: pd.DataFrame,
    place: Callable[[str], str] = lambda name: name,
    sep: str = "、",
) -> pd.DataFrame:
    """`nesting` for several named distributions (name -> (table, base count)) stacked, with outer and inner
    region labels from `place` (inner names joined by `sep`) and the distribution's name in column `who`."""
    parts = [nesting(df, regions, base).assign(who=name) for name, (df, base) in frames.items()]
    out = pd.concat(parts, ignore_index=True)
    out["outer_label"] = [place(o) for o in out["outer"]]
    out["inner_label"] = [sep.join(place(i) for i in lst) for lst in out["inner_list"]]
    return out
