"""Applicants' cities from their addresses (cpca-new, prefecture level, cached by unique address); unplaced
addresses are counted and listed, never guessed."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ai_industry.methods.patents.identify import classify_applicants
from ai_industry.methods.patents.rules import ApplicantTypeRules

CITY_STATUSES = ("ok", "empty", "not_found", "province_only", "ambiguous", "no_address")


# ---- cities from addresses ---------------------------------------------------------------------------------------
MUNICIPALITIES = {"11": "北京市", "12": "天津市", "31": "上海市", "50": "重庆市"}
SPECIAL_REGIONS = {"81": "香港特别行政区", "82": "澳门特别行政区"}
_SAR_SHORT = {"81": "香港", "82": "澳门"}


@lru_cache(maxsize=1)
def _short_names() -> dict[str, str]:
    """adcode -> the short city name the seeds write (广州, 北京, 香港), from data/raw/reference/regions.csv."""
    try:
        from ai_industry.paths import raw_dir

        ref = pd.read_csv(raw_dir() / "reference" / "regions.csv", dtype=str, keep_default_na=False)
    except (FileNotFoundError, OSError):
        return {}
    rows = ref[ref["level"] == "city"]
    out = dict(zip(rows["adcode"], rows["short_zh"]))
    prov = ref[ref["level"] == "province"]
    for code, short in zip(prov["adcode"], prov["short_zh"]):
        if code[:2] in SPECIAL_REGIONS:
            out[code] = short
    return out


def short_city_name(full: str, adcode: str | None = None) -> str:
    """The short form of a city name (广州市 -> 广州; 香港特别行政区 -> 香港) from the regions reference where it
    has the code, else by dropping 市 / 地区 / 特别行政区."""
    if adcode and adcode in _short_names():
        return _short_names()[adcode]
    return re.sub(r"(特别行政区|地区|市)$", "", full) or full


@lru_cache(maxsize=1 << 20)
def resolve_address(address: str) -> tuple[str, str | None, str | None, str | None, str | None]:
    """(status, province, city_full, city_adcode, city) of one address by cpca-new's matcher.

    Municipalities (北京/天津/上海/重庆) are their own city even when no district is recognised; 香港 and 澳门
    are cities; county-level cities directly under a province (仙桃, 石河子) are their own city. Not guessed:
    `province_only` (only a province found), `ambiguous` (the first place named, e.g. 朝阳区, lies in several
    prefectures and nothing before it says which), `not_found`, `empty`."""
    import cpca_new

    text = unicodedata.normalize("NFKC", address).strip() if address else ""
    if not text:
        return ("empty", None, None, None, None)
    last = None
    ambiguous = False
    for m in cpca_new.matcher.iter(text):
        if last is None:
            cands = m.attr_infos
            cur = cands[0]
            prefs = {
                a.adcode[:2] if a.adcode[:2] in MUNICIPALITIES or a.adcode[:2] in SPECIAL_REGIONS else a.adcode[:4]
                for a in cands
                if a.rank > 0
            }
            ambiguous = len(prefs) > 1
        else:
            cur = next((a for a in m.attr_infos if a.belong_to(last)), None)
            if cur is None:
                continue
        last = cur
        if cur.rank == 2:
            break
    if last is None:
        return ("not_found", None, None, None, None)
    code = last.adcode[:6]
    prov = code[:2]
    province = cpca_new.adcode_name(prov)
    if ambiguous:
        return ("ambiguous", None, None, None, None)
    if prov in MUNICIPALITIES:
        full, city_code = MUNICIPALITIES[prov], prov + "0100"
    elif prov in SPECIAL_REGIONS:
        full, city_code = SPECIAL_REGIONS[prov], prov + "0000"
    elif last.rank == 0:
        return ("province_only", province, None, None, None)
    else:
        pref_name = cpca_new.adcode_name(code[:4])
        if pref_name is None or "直辖" in pref_name:
            full, city_code = last.name, code
        else:
            full, city_code = pref_name, code[:4] + "00"
    return ("ok", province, full, city_code, short_city_name(full, city_code))


def resolve_addresses(addresses: pd.Series) -> pd.DataFrame:
    """City of each address (index aligned): city (short name, categorical), city_full, city_adcode, province,
    city_status (ok / empty / not_found / province_only / ambiguous). Each unique address is resolved once."""
    addresses = pd.Series(addresses) if not isinstance(addresses, pd.Series) else addresses
    codes, uniques = pd.factorize(addresses.astype("str"), use_na_sentinel=True)
    res = [resolve_address(u) for u in uniques] + [("empty", None, None, None, None)]
    safe = np.where(codes < 0, len(uniques), codes)
    out = {}
    for name, vals in zip(("city_status", "province", "city_full", "city_adcode", "city"), zip(*res)):
        cat_u = pd.Categorical(list(vals), categories=CITY_STATUSES if name == "city_status" else None)
        out[name] = pd.Categorical.from_codes(cat_u.codes[safe], categories=cat_u.categories)
    df = pd.DataFrame(out, index=addresses.index)
    return df[["city", "city_full", "city_adcode", "province", "city_status"]]


def applicant_cities(applicants: pd.DataFrame) -> pd.DataFrame:
    """City columns for each applicant row (resolve_addresses of its address; no address -> `no_address`)."""
    cities = resolve_addresses(applicants["address"])
    no_addr = applicants["address"].isna().to_numpy()
    codes = pd.Categorical(cities["city_status"], categories=CITY_STATUSES).codes.copy()
    codes[no_addr] = CITY_STATUSES.index("no_address")
    cities["city_status"] = pd.Categorical.from_codes(codes, categories=CITY_STATUSES)
    return cities


def add_applicant_info(
    applicants: pd.DataFrame, type_rules: ApplicantTypeRules | Path | str | None = None
) -> pd.DataFrame:
    """The applicants table with `type` (from the name, classify_applicants) and city, city_full, city_adcode,
    province, city_status (from the address, applicant_cities)."""
    out = applicants.copy()
    out["type"] = classify_applicants(applicants["name"], type_rules).to_numpy()
    for c, v in applicant_cities(applicants).items():
        out[c] = v.to_numpy()
    return out


def city_report(applicants: pd.DataFrame) -> pd.DataFrame:
    """How many applicants (all / first) have each city_status, with shares (%)."""
    first = applicants["seq"] == 1
    rows = []
    for status in CITY_STATUSES:
        m = applicants["city_status"] == status
        rows.append(
            {"city_status": status, "applicants_count": int(m.sum()), "first_applicants_count": int((m & first).sum())}
        )
    df = pd.DataFrame(rows)
    df["applicants_share_pct"] = 100.0 * df["applicants_count"] / max(len(applicants), 1)
    df["first_applicants_share_pct"] = 100.0 * df["first_applicants_count"] / max(int(first.sum()), 1)
    return df


def unmapped_addresses(applicants: pd.DataFrame) -> pd.DataFrame:
    """Every address that gave no city (status not ok and not empty), with how many applicants and first
    applicants carry it and one applicant name, most frequent first."""
    bad = applicants[~applicants["city_status"].isin(["ok", "no_address", "empty"])]
    if bad.empty:
        return pd.DataFrame(
            columns=[
                "address",
                "city_status",
                "province",
                "applicants_count",
                "first_applicants_count",
                "example_applicant",
            ]
        )
    g = bad.groupby("address", sort=False, observed=True)
    df = pd.DataFrame(
        {
            "city_status": g["city_status"].first().astype(str),
            "province": g["province"].first().astype(object),
            "applicants_count": g.size(),
            "first_applicants_count": g["seq"].agg(lambda s: int((s == 1).sum())),
            "example_applicant": g["name"].first(),
        }
    ).reset_index()
    return df.sort_values(["applicants_count", "address"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )
