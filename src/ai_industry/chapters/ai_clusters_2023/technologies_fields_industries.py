"""Industries in GB/T 4754-2017《国民经济行业分类》 terms for the published industry shares of seed 001 (六(四)):
the reference table (data/raw/reference/gbt4754_sections.csv), the report's wording against the standard's,
which sections each of the three sectors (三次产业) holds, nested shares, and what the claims ledger says
elsewhere about the same quantities.

Units: shares in percent of their parent (the three sectors: of all technology-cooperation relations; a
section: of its sector; a manufacturing division: of 制造业); `share_of_all` converts to percent of all
relations by multiplying the nested shares. What the section's notebook loads, computes and shows is in
`technologies_fields_industries_section`.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ai_industry.catalog import terms
from ai_industry.paths import raw_dir

# 国家统计局《三次产业划分规定》(2012, revised 2018) in GB/T 4754-2017 sections. The rules also move a few
# divisions (05 to the tertiary sector, 11 and 43 out of the secondary); they are not used here.
SECTOR_SECTIONS: dict[str, tuple[str, ...]] = {
    "primary": ("A",),
    "secondary": ("B", "C", "D", "E"),
    "tertiary": tuple("FGHIJKLMNOPQRST"),
}
SECTOR_ZH = {"primary": "第一产业", "secondary": "第二产业", "tertiary": "第三产业"}


@lru_cache(maxsize=2)
def _read(path: str) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def gbt4754() -> pd.DataFrame:
    """The GB/T 4754-2017 reference table: code, level (section | division), name_zh, name_en, parent,
    seed_name_zh ('|' between the seed's variants)."""
    return _read(str(raw_dir() / "reference" / "gbt4754_sections.csv")).copy()


def standard_name(code: str, ref: pd.DataFrame | None = None) -> tuple[str, str]:
    """(Chinese, English) name of a GB/T 4754-2017 section letter or division number."""
    ref = gbt4754() if ref is None else ref
    hit = ref[ref["code"] == str(code)]
    if len(hit) != 1:
        raise KeyError(f"GB/T 4754-2017 code {code!r} is not in the reference table")
    return hit["name_zh"].iloc[0], hit["name_en"].iloc[0]


def with_standard_names(
    df: pd.DataFrame, code: str = "gbt4754_code", name: str = "industry", ref: pd.DataFrame | None = None
) -> pd.DataFrame:
    """`df` plus std_name_zh, std_name_en and same_as_standard (the report's name equals the standard's),
    and seed_variants: the other wordings the seed uses for that code elsewhere (from the reference table)."""
    ref = gbt4754() if ref is None else ref
    names = [standard_name(c, ref) for c in df[code].astype(str)]
    out = df.copy()
    out["std_name_zh"] = [n[0] for n in names]
    out["std_name_en"] = [n[1] for n in names]
    out["same_as_standard"] = out[name].astype(str).to_numpy() == out["std_name_zh"].to_numpy()
    variants = ref.set_index("code")["seed_name_zh"]
    out["seed_variants"] = [
        "、".join(v for v in variants.get(str(c), "").split("|") if v and v != n)
        for c, n in zip(out[code].astype(str), out["std_name_zh"])
    ]
    return out


def wording_differences(ref: pd.DataFrame | None = None) -> pd.DataFrame:
    """Codes whose seed wording differs from the standard's name: code, std_name_zh, seed_name_zh."""
    ref = gbt4754() if ref is None else ref
    rows = [
        {"code": r["code"], "std_name_zh": r["name_zh"], "std_name_en": r["name_en"], "seed_name_zh": v}
        for r in ref.to_dict("records")
        for v in r["seed_name_zh"].split("|")
        if v and v != r["name_zh"]
    ]
    return pd.DataFrame(rows, columns=["code", "std_name_zh", "std_name_en", "seed_name_zh"])


def unlisted_sections(listed_codes, sector: str, ref: pd.DataFrame | None = None) -> pd.DataFrame:
    """The GB/T 4754 sections of `sector` (primary | secondary | tertiary) that a partial list leaves out:
    the only places its unreported remainder can sit (code, name_zh, name_en)."""
    ref = gbt4754() if ref is None else ref
    keep = [c for c in SECTOR_SECTIONS[sector] if c not in set(map(str, listed_codes))]
    sec = ref[ref["level"] == "section"].set_index("code")
    return pd.DataFrame(
        {
            "code": keep,
            "name_zh": [sec.loc[c, "name_zh"] for c in keep],
            "name_en": [sec.loc[c, "name_en"] for c in keep],
        }
    )


def remainder_check(shares_pct, n_total: int) -> dict[str, float]:
    """What a top-k list of `n_total` categories leaves (percent): the remainder, the number of unlisted
    categories, their mean share, and the most they could hold if each were as large as the smallest listed
    share (the remainder is feasible only if it is not above that)."""
    vals = np.asarray(list(shares_pct), dtype=float)
    rest, n_rest = float(100.0 - vals.sum()), int(n_total - len(vals))
    cap = n_rest * float(vals.min())
    return {
        "remainder_pct": round(rest, 10),
        "n_rest": n_rest,
        "mean_rest_pct": round(rest / n_rest, 10) if n_rest else float("nan"),
        "max_rest_pct": round(cap, 10),
        "feasible": bool(rest <= cap + 1e-9),
    }


def named_without_share(named: pd.DataFrame, kind: str, listed, section: str = "一") -> pd.DataFrame:
    """The names an enumeration of the text gives (list `kind`: technology | field, in the printed order of
    `section`) that the published top list `listed` does not: named in the text, share not given
    (position, name, name_en, seed_line)."""
    rows = named[(named["list"] == kind) & (named["section"] == section)].sort_values("position", kind="stable")
    if rows.empty:
        raise ValueError(f"no enumeration of {kind!r} in section {section!r}")
    unknown = set(listed) - set(rows["name"])
    if unknown:
        raise ValueError(f"listed {kind} names not in the enumeration of section {section!r}: {sorted(unknown)}")
    out = rows[~rows["name"].isin(set(listed))]
    return out[["position", "name", "name_en", "seed_line"]].reset_index(drop=True)


def enumerations_agree(named: pd.DataFrame, kind: str) -> bool:
    """Whether every place that prints the enumeration of `kind` lists the same names in the same order."""
    rows = named[named["list"] == kind].sort_values(["section", "position"], kind="stable")
    lists = {tuple(g["name"]) for _, g in rows.groupby("section")}
    return len(lists) == 1


def wrap_names(names: list[str], lang: str, width: int = 76) -> str:
    """Names joined as the language lists them (、 or , ) and broken into lines of about `width` columns (a
    CJK character counts two), for a note under a chart bar."""
    sep = "、" if lang == "zh" else ", "
    lines, line = [], ""
    for i, n in enumerate(names):
        piece = n + (sep if i < len(names) - 1 else "")
        cols = sum(2 if ord(ch) > 0x2E80 else 1 for ch in line + piece)
        if line and cols > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
    return "\n".join([*lines, line.rstrip()])


def wrap(text: str, width: int = 34) -> str:
    """A long label broken into lines of at most about `width` characters (for chart axes)."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) if len(text) > width else text


def nested_share(*shares_pct: float) -> float:
    """Share (percent) of the whole from nested shares, each percent of its parent: 100 · Π(s/100)."""
    return float(100.0 * np.prod([s / 100.0 for s in shares_pct]))


def share_of_all(sectors: pd.DataFrame, divisions: pd.DataFrame) -> pd.DataFrame:
    """Each listed industry's share of all relations (percent): its share of the parent times the parent's
    share (for manufacturing divisions also times 制造业's share of the secondary sector). `sectors` has
    sector, share_pct; `divisions` has level (tertiary | secondary | manufacturing), industry, share_pct. Adds
    the parents' shares as numbers, sector_pct (the sector's share of all) and manufacturing_pct (制造业's share
    of the secondary sector, for manufacturing divisions; else NaN), and as the text shown, parents_shown
    ("23.82% × 87.36%"), and share_of_all_pct."""
    sec = dict(zip(sectors["sector"], sectors["share_pct"].astype(float)))
    manuf = divisions[(divisions["level"] == "secondary") & (divisions["gbt4754_code"].astype(str) == "C")]
    chains = {
        "tertiary": [sec[SECTOR_ZH["tertiary"]]],
        "secondary": [sec[SECTOR_ZH["secondary"]]],
        "manufacturing": [sec[SECTOR_ZH["secondary"]]]
        + ([float(manuf["share_pct"].iloc[0])] if len(manuf) else [np.nan]),
    }
    out = divisions.copy()
    out["sector_pct"] = [chains[lv][0] for lv in out["level"]]
    out["manufacturing_pct"] = [chains[lv][1] if len(chains[lv]) > 1 else np.nan for lv in out["level"]]
    out["parents_shown"] = [" × ".join(f"{p:.2f}%" for p in chains[lv]) for lv in out["level"]]
    out["share_of_all_pct"] = [
        round(nested_share(*chains[lv], float(s)), 10) for lv, s in zip(out["level"], out["share_pct"])
    ]
    return out


# ---- the claims ledger: the same quantities stated elsewhere --------------------------------------------


def restatements(claims: pd.DataFrame, seed: str, sections: list[str]) -> pd.DataFrame:
    """Claims of seed `seed` outside `sections` that restate a claim in `sections`: linked to it by a chain of
    `same` checks whose derivation is a single claim id (e.g. abstract → introduction → body). One row per
    restatement: its id, section, line, quote, value, the body claim it reaches, the body's section, line and
    value, and the difference restatement − body (in the claim's unit)."""
    c = claims[claims["claim_id"].str[1:4] == seed]
    link = {
        r["claim_id"]: r["derivation"]
        for r in c.to_dict("records")
        if r["check"] == "same" and r["derivation"] in set(c["claim_id"])
    }
    body = c[c["section"].isin(sections)].set_index("claim_id")
    rows = []
    for r in c[~c["section"].isin(sections)].to_dict("records"):
        cur, seen = r["claim_id"], set()
        while cur in link and cur not in seen and cur not in body.index:
            seen.add(cur)
            cur = link[cur]
        if cur == r["claim_id"] or cur not in body.index:
            continue
        b = body.loc[cur]
        rows.append(
            {
                "claim_id": r["claim_id"],
                "section": r["section"],
                "line": int(r["line"]),
                "quote": r["quote"],
                "value": float(r["value"]),
                "body_claim": cur,
                "body_section": b["section"],
                "body_line": int(b["line"]),
                "body_value": float(b["value"]),
                "unit": r["unit"],
                "diff": round(float(r["value"]) - float(b["value"]), 10),
            }
        )
    cols = [
        "claim_id",
        "section",
        "line",
        "quote",
        "value",
        "body_claim",
        "body_section",
        "body_line",
        "body_value",
        "unit",
        "diff",
    ]
    return (
        pd.DataFrame(rows, columns=cols)
        .sort_values(["body_line", "body_claim", "line"], kind="stable")
        .reset_index(drop=True)
    )


def restatements_wide(rest: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """One row per body claim: its quote, the name it is about (the ledger measure after its last ': '), line and
    value, the value each other section states for it (one
    column per section in order of appearance, NaN where that section does not restate it), the largest
    difference restatement − body (signed, in the claim's unit) and whether any restatement differs."""
    if rest.empty:
        return pd.DataFrame(
            columns=["body_claim", "body_line", "body_quote", "body_name", "body_value", "max_diff", "differs"]
        )
    quotes = claims.set_index("claim_id")["quote"]
    measures = claims.set_index("claim_id")["measure"]
    wide = rest.pivot_table(
        index=["body_claim", "body_line", "body_value"], columns="section", values="value", aggfunc="first"
    )
    wide = wide[list(rest.groupby("section")["line"].min().sort_values(kind="stable").index)]
    wide.columns = [str(c) for c in wide.columns]
    wide = wide.reset_index().sort_values(["body_line", "body_claim"], kind="stable").reset_index(drop=True)
    wide.insert(2, "body_quote", [quotes[c] for c in wide["body_claim"]])
    wide.insert(
        3,
        "body_name",
        [str(measures[c]).rsplit(": ", 1)[-1] if ": " in str(measures[c]) else quotes[c] for c in wide["body_claim"]],
    )
    worst = rest.groupby("body_claim")["diff"].apply(lambda d: float(d.loc[d.abs().idxmax()]))
    wide["max_diff"] = wide["body_claim"].map(worst)
    wide["differs"] = wide["max_diff"].abs() > 1e-9
    return wide


def claim_value(claims: pd.DataFrame, claim_id: str) -> float:
    """The value of one ledger claim, as a number."""
    hit = claims.loc[claims["claim_id"] == claim_id, "value"]
    if len(hit) != 1:
        raise KeyError(f"claim {claim_id} not in the ledger")
    return float(hit.iloc[0])


def claims_on_lines(claims: pd.DataFrame, seed: str, lines: list[int]) -> int:
    """How many ledger claims of seed `seed` stand on the given seed lines."""
    c = claims[claims["claim_id"].str[1:4] == seed]
    return int(c["line"].astype(int).isin(lines).sum())


# ---- what the text says about change over time ----------------------------------------------------------

# The two sentences of seed 001 on the 2014–2022 change (no numbers in them, and the figures they describe,
# 19 and 21, are not in the text). Quotes are verbatim (tests check them against the seed's lines); the
# English is ours.
TRENDS: tuple[dict[str, object], ...] = (
    {
        "section": "六(二)",
        "line": 676,
        "figure": 19,
        "quote": "从 2014-2022 年技术合作关系的技术类别看,云计算、物联网和 5G 始终 是技术合作密度排名前列的技术类别。"
        "近年来,智能机器人、自动驾驶和智能 芯片是技术合作增长较快的技术类别。",
        "en": "Over 2014–2022, cloud computing, the Internet of Things and 5G were always among the technology "
        "categories with the densest cooperation; in recent years intelligent robots, autonomous driving and "
        "intelligent chips grew fastest.",
        "steady": ("云计算", "物联网", "5G"),
        "rising": ("智能机器人", "自动驾驶", "智能芯片"),
    },
    {
        "section": "六(三)",
        "line": 692,
        "figure": 21,
        "quote": "从 2014-2022 年技术合作密度的应用领域分布变化情况看,智慧城市、企业智能管理和智能制造始终是排名前列的应用领域。"
        "近年来,智能制造和智能网联汽车是增长较快的应用领域。",
        "en": "Over 2014–2022, smart city, intelligent enterprise management and intelligent manufacturing were "
        "always among the leading application fields; in recent years intelligent manufacturing and "
        "intelligent connected vehicles grew fastest.",
        "steady": ("智慧城市", "企业智能管理", "智能制造"),
        "rising": ("智能制造", "智能网联汽车"),
    },
)


# the English of the names the trend sentences use (ours), from catalog/terms.csv
TREND_NAMES = terms.group("ac23_trend_name")


def trend_vs_snapshot(trend: dict[str, object], names: list[str]) -> pd.DataFrame:
    """For each category a trend sentence names (kind steady | rising): the rank at which it appears in the
    published top list `names` (rank order; NaN if not listed) and the list's own wording (`listed_as`: the
    sentence's 云计算 is the list's 大数据和云计算) — what the published snapshot can show of the sentence."""
    rows = []
    for kind in ("steady", "rising"):
        for n in trend[kind]:  # type: ignore[union-attr]
            hit = next(((i + 1, m) for i, m in enumerate(names) if m == n or (len(n) >= 3 and n in m)), (np.nan, ""))
            rows.append({"kind": kind, "name": n, "name_en": TREND_NAMES[n][1], "rank": hit[0], "listed_as": hit[1]})
    return pd.DataFrame(rows, columns=["kind", "name", "name_en", "rank", "listed_as"])
