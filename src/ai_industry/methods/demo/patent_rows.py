"""The SYNTHETIC demo export's rows: whole-number allocation, years, organisations (names and addresses), titles,
abstracts and numbers for the patents a plan (`patents.plan`) asks for."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ai_industry.errors import ConfigError
from ai_industry.methods.demo.patent_vocab import (
    BENEFITS,
    DATA,
    FOREIGN,
    FOREIGN_PLACES,
    GEO,
    GIVEN,
    IND,
    INDUSTRY,
    KEYWORD_WEIGHTS,
    KINDS,
    LATIN,
    NON_AI_KINDS,
    NON_AI_OBJECTS,
    NON_AI_SUBCLASSES,
    OBJECTS,
    PAIR_FIELDS,
    PAIR_YEARS,
    PARTS,
    PROVINCE_ONLY,
    RI,
    ROADS,
    SUBCLASS_KEYWORDS,
    SURNAMES,
    SYL1,
    SYL2,
    YEARS,
    E,
    H,
    O,
    U,
)


# ---- integer allocation helpers -----------------------------------------------------------------------------------
def _largest_remainder(total: int, weights: Sequence[float]) -> np.ndarray:
    """Whole counts summing to `total`, proportional to `weights` (largest remainder, ties to the first)."""
    w = np.asarray(weights, dtype=float)
    if total <= 0 or w.sum() <= 0:
        return np.zeros(len(w), dtype=np.int64)
    raw = total * w / w.sum()
    base = np.floor(raw).astype(np.int64)
    rest = total - int(base.sum())
    order = np.argsort(-(raw - base), kind="stable")
    base[order[:rest]] += 1
    return base


def _capped(total: int, weights: Mapping[str, float], cap: int) -> dict[str, int]:
    """Split `total` over keys by weight with every count at most `cap` (water-filling)."""
    keys = list(weights)
    free = list(keys)
    fixed: dict[str, int] = {}
    remaining = total
    while free:
        alloc = _largest_remainder(remaining, [weights[k] for k in free])
        over = [k for k, a in zip(free, alloc) if a > cap]
        if not over:
            fixed.update({k: int(a) for k, a in zip(free, alloc)})
            break
        for k in over:
            fixed[k] = cap
            remaining -= cap
            free.remove(k)
    if sum(fixed.values()) != total:
        raise ConfigError(f"cannot split {total} over {len(keys)} subclasses below {cap + 1} each")
    return fixed


def _fill(n: int, quota: Mapping[Any, int], fixed: Sequence[Any], rng: np.random.Generator) -> np.ndarray:
    """An array of n keys with exactly `quota` of each: the `fixed` (non-None) ones first, the rest shuffled."""
    out = np.empty(n, dtype=object)
    fixed = list(fixed) + [None] * (n - len(fixed))
    used = Counter(k for k in fixed if k is not None)
    left = []
    for k, q in quota.items():
        if used.get(k, 0) > q:
            raise ConfigError(f"demo: {used[k]} fixed '{k}' exceed its quota {q}")
        left.extend([k] * (q - used.get(k, 0)))
    if len(left) != sum(1 for k in fixed if k is None):
        raise ConfigError("demo: quotas do not add up to the rows")
    left_arr = np.array(left, dtype=object)
    rng.shuffle(left_arr)
    it = iter(left_arr.tolist())
    for i, k in enumerate(fixed):
        out[i] = k if k is not None else next(it)
    return out


def _year_quota(total: int, earlier: int, later: int, multiple: float) -> dict[int, int]:
    """Application years: `earlier` in 2011–2015 and `later` in 2016–2020 (constant growth at the period
    multiple), earlier/multiple in 2006–2010, the rest 2021:2022 = 2:1."""
    r = multiple ** (1 / 5)
    pre = int(round(earlier / multiple))
    tail = total - pre - earlier - later
    if tail < 0:
        raise ConfigError("demo: period counts exceed the total")
    q: dict[int, int] = {}
    for start, n in ((2006, pre), (2011, earlier), (2016, later)):
        for y, c in zip(range(start, start + 5), _largest_remainder(n, [r**k for k in range(5)])):
            q[y] = int(c)
    q[2021], q[2022] = (int(x) for x in _largest_remainder(tail, [2, 1]))
    return q


def _generic_years(total: int, multiple: float = 8.0) -> dict[int, int]:
    r = multiple ** (1 / 5)
    w = [r ** (y - 2006) for y in range(2006, 2021)] + [0.9 * r**14, 0.45 * r**14]
    return {y: int(c) for y, c in zip(YEARS, _largest_remainder(total, w))}


# ---- patents and applicants ---------------------------------------------------------------------------------------
def _profile_years(pair: tuple[str, str], n: int) -> list[int]:
    prof = PAIR_YEARS.get(pair)
    if not prof:
        return []
    counts = _largest_remainder(n, list(prof.values()))
    return [y for y, c in zip(prof, counts) for _ in range(int(c))]


def _block_rows(b: dict[str, Any], rng: np.random.Generator) -> dict[str, Any]:
    """Per-patent arrays and applicant (city, type) lists for one block of AI patents."""
    n = b["total"]
    city = b["city"]
    # patent kinds: partner patents first, then same-city co-applied, then sole
    partner_list = [(p, k) for p, k in b["partners"].items() for _ in range(k)]
    n_part = len(partner_list)
    n_same = b["co_applied"] - n_part
    partner_city = [p for p, _ in partner_list] + [None] * (n - n_part)
    # years and subclasses, profiled pairs fixed first
    fixed_years: list[Any] = []
    fixed_sub: list[Any] = []
    for p, k in b["partners"].items():
        ys = _profile_years((city, p), k)
        fixed_years += ys + [None] * (k - len(ys))
        fs = PAIR_FIELDS.get((city, p), {})
        subs = [s for s, share in fs.items() for _ in range(int(round(share * k)))]
        fixed_sub += subs[:k] + [None] * (k - len(subs[:k]))
    years = _fill(n, b["years"], fixed_years, rng)
    subclass = _fill(n, b["subclasses"], fixed_sub, rng)
    n_app = np.ones(n, dtype=np.int64)
    co = b["co_applied"]
    n_app[:n_part] = rng.choice([2, 3], size=n_part, p=[0.8, 0.2])
    n_app[n_part:co] = rng.choice([2, 3, 4], size=n_same, p=[0.75, 0.2, 0.05])
    # 产学研 flags among the co-applied patents
    iur = np.zeros(n, bool)
    iur[rng.choice(co, size=min(b["iur"], co), replace=False)] = True
    sole_types = _fill(n - co, b["sole_types"], [], rng)
    app_city: list[list[str]] = []
    app_type: list[list[int]] = []
    for i in range(co):
        k = int(n_app[i])
        if iur[i]:
            first = int(rng.choice([U, E, RI], p=[0.45, 0.40, 0.15]))
            second = E if first in (U, RI) else int(rng.choice([U, RI], p=[0.7, 0.3]))
            rest = [int(x) for x in rng.choice([E, U, RI], size=k - 2)]
        else:
            fam = (E, IND, O) if rng.random() < 0.55 else (U, RI, H)
            probs = [0.9, 0.07, 0.03] if fam[0] == E else [0.55, 0.30, 0.15]
            first, second = (int(x) for x in rng.choice(fam, size=2, p=probs))
            rest = [int(x) for x in rng.choice(fam, size=k - 2, p=probs)]
        cities = [city] * k
        if partner_city[i] is not None:
            cities[int(rng.integers(1, k))] = partner_city[i]
        app_city.append(cities)
        app_type.append([first, second] + rest)
    app_city.extend([city] for _ in range(n - co))
    app_type.extend([int(t)] for t in sole_types)
    inv = rng.random(n) < b["invention_share"]
    return {
        "city": city,
        "years": years,
        "subclass": subclass,
        "app_city": app_city,
        "app_type": app_type,
        "ai": np.ones(n, bool),
        "invention": inv,
    }


def _non_ai_rows(counts: Mapping[str, int], rng: np.random.Generator) -> dict[str, Any]:
    cities = [c for c, k in counts.items() for _ in range(k)]
    n = len(cities)
    years = rng.choice(YEARS, size=n)
    sub = rng.choice(NON_AI_SUBCLASSES, size=n)
    types = rng.choice([E, IND, U], size=n, p=[0.8, 0.15, 0.05])
    return {
        "city": None,
        "years": years.astype(object),
        "subclass": sub.astype(object),
        "app_city": [[c] for c in cities],
        "app_type": [[int(t)] for t in types],
        "ai": np.zeros(n, bool),
        "invention": rng.random(n) < 0.45,
    }


def _brand(i: int, salt: int) -> str:
    a, b = len(SYL1), len(SYL2)
    j = (i * 7919 + salt * 104729) % (a * b * a)
    return SYL1[j % a] + SYL2[(j // a) % b] + (SYL1[(j // (a * b)) % a] if i >= a * b else "")


def _org_name(city: str, typ: int, i: int, salt: int) -> str:
    br = _brand(i, salt)
    if city == FOREIGN:
        latin = LATIN[i % len(LATIN)] + (str(i // len(LATIN)) if i >= len(LATIN) else "")
        if typ == U:
            return f"{latin} University of Technology"
        return (f"{latin} Technologies Inc.", f"{latin} Corporation", f"{br}株式会社")[i % 3]
    full = GEO[city][0] if city in GEO else ""
    short = city if city in GEO else ""
    if typ == E:
        return (
            f"{full}{br}{INDUSTRY[i % len(INDUSTRY)]}有限公司",
            f"{br}{INDUSTRY[i % len(INDUSTRY)]}股份有限公司",
            f"{full}{br}{INDUSTRY[i % len(INDUSTRY)]}有限责任公司",
        )[i % 7 % 3]
    if typ == U:
        return (f"{short}{br}大学", f"{short}{br}理工学院", f"{short}{br}职业技术学院")[i % 3]
    if typ == RI:
        return (
            f"{short}{br}人工智能研究院",
            f"中国科学院{short}{br}技术研究所",
            f"{br}实验室",
            f"{short}{br}智能技术研究中心",
        )[i % 4]
    if typ == H:
        numbered = f"{short}市第{i % 9 + 1}人民医院" if i < 9 and full.endswith("市") else f"{short}{br}医院"
        return (numbered, f"{short}{br}大学附属第{i % 5 + 1}医院")[i % 2]
    if typ == IND:
        s = SURNAMES[(i * 31 + salt) % len(SURNAMES)]
        g = GIVEN[(i * 17 + salt) % len(GIVEN)] + (GIVEN[(i // len(GIVEN)) % len(GIVEN)] if i % 3 else "")
        return s + g
    return (f"{full}{br}信息中心", f"{full}{br}产业协会", f"{full}{br}管理局")[i % 3]


def _org_address(city: str, i: int, salt: int) -> str:
    if city == FOREIGN:
        return FOREIGN_PLACES[(i + salt) % len(FOREIGN_PLACES)] + f"{ROADS[i % len(ROADS)][:2]}大街{i % 900 + 1}号"
    if city == PROVINCE_ONLY:
        return f"广东省{ROADS[(i + salt) % len(ROADS)]}{i % 900 + 1}号"
    full, prov, districts, post, _ = GEO[city]
    d = districts[(i + salt) % len(districts)]
    addr = f"{prov}{full}{d}{ROADS[(i * 3 + salt) % len(ROADS)]}{(i * 7919 + salt) % 2999 + 1}号{i % 23 + 1}栋"
    return f"{post} {addr}" if post and i % 5 == 0 else addr


_POOL_SIZE = {U: 40, RI: 25, H: 15, E: 6, IND: 1.3, O: 5}  # average patents per organisation


def _assign_orgs(
    app_city: np.ndarray, app_type: np.ndarray, app_patent: np.ndarray, app_seq: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Name and address of each applicant row: an organisation drawn from its (city, type) pool with Zipf-like
    popularity (addresses repeat, as in real exports), distinct within a patent."""
    names = np.empty(len(app_city), dtype=object)
    addrs = np.empty(len(app_city), dtype=object)
    key = pd.MultiIndex.from_arrays([app_city, app_type])
    codes, uniques = pd.factorize(key)
    for g, (city, typ) in enumerate(uniques):
        rows = np.flatnonzero(codes == g)
        size = max(1, int(np.ceil(len(rows) / _POOL_SIZE[int(typ)])))
        if int(typ) in (U, RI, H):
            size = min(size, 80)
        w = 1.0 / np.arange(1, size + 1) ** 0.9
        pick = rng.choice(size, size=len(rows), p=w / w.sum())
        # distinct within a patent: the k-th applicant of a patent from this pool takes the organisation after
        # the (k-1)-th (rows are in patent, seq order)
        if size > 1:
            pat = app_patent[rows]
            start = np.r_[True, pat[1:] != pat[:-1]]
            first_idx = np.maximum.accumulate(np.where(start, np.arange(len(pat)), 0))
            pick = (pick[first_idx] + np.arange(len(pat)) - first_idx) % size
        salt = (sum(map(ord, str(city))) * 31 + int(typ)) % 997
        pool_names = np.array([_org_name(str(city), int(typ), i, salt) for i in range(size)], dtype=object)
        pool_addr = np.array([_org_address(str(city), i, salt) for i in range(size)], dtype=object)
        names[rows] = pool_names[pick]
        addrs[rows] = pool_addr[pick]
    return names, addrs


def _join_lists(values: np.ndarray, offsets: np.ndarray, sep: str) -> pa.Array:
    lst = pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), pa.array(values, type=pa.string()))
    return pc.binary_join(lst, sep)


def _take(vocab: Sequence[str], idx: np.ndarray) -> pa.Array:
    return pa.array(list(vocab), type=pa.string()).take(pa.array(idx))


def _keywords(subclass: np.ndarray, rng: np.random.Generator) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """The keyword list and, per patent, indices into it: a first keyword (70% one fitting the patent's subclass),
    a second one, and whether the patent carries the second (35%, when it differs from the first)."""
    n = len(subclass)
    kws = list(KEYWORD_WEIGHTS)
    gw = np.array(list(KEYWORD_WEIGHTS.values()), dtype=float)
    gw /= gw.sum()
    kw = rng.choice(len(kws), size=n, p=gw)
    pref = rng.random(n) < 0.7
    for sc, words in SUBCLASS_KEYWORDS.items():
        m = (subclass == sc) & pref
        if m.any():
            kw[m] = rng.choice([kws.index(w) for w in words], size=int(m.sum()))
    kw2 = rng.choice(len(kws), size=n, p=gw)
    has2 = (rng.random(n) < 0.35) & (kw2 != kw)
    return kws, kw, kw2, has2


def _ai_texts(
    kws: list[str], kw: np.ndarray, kw2: np.ndarray, has2: np.ndarray, ai: np.ndarray, rng: np.random.Generator
) -> tuple[pa.Array, pa.Array]:
    """Titles and abstracts of the AI kind for every row: the first keyword in the title for 80% of AI patents
    (else only in the abstract), the second keyword in the abstract where the patent has one."""
    n = len(kw)
    in_title = rng.random(n) < 0.8
    obj = rng.integers(0, len(OBJECTS), n)
    kind = rng.integers(0, len(KINDS), n)
    data = rng.integers(0, len(DATA), n)
    ben = rng.integers(0, len(BENEFITS), n)
    empty = pa.array([""] * n, type=pa.string())
    kw_arr = _take(kws, kw)
    kw2_arr = _take(kws, kw2)
    t_kw = pc.if_else(pa.array(in_title & ai), kw_arr, empty)
    t_pre = pc.if_else(pa.array(in_title & ai), pa.scalar("一种基于"), pa.scalar("一种"))
    t_mid = pc.if_else(pa.array(in_title & ai), pa.scalar("的"), pa.scalar(""))
    title_ai = pc.binary_join_element_wise(t_pre, t_kw, t_mid, _take(OBJECTS, obj), _take(KINDS, kind), "")
    core = pc.binary_join_element_wise(pa.scalar("一种"), _take(OBJECTS, obj), _take(KINDS, kind), "")
    s1 = pc.binary_join_element_wise(
        pa.scalar("获取待处理的"), _take(DATA, data), pa.scalar("并进行预处理得到特征向量；"), ""
    )
    s2 = pc.binary_join_element_wise(
        pa.scalar("采用"),
        kw_arr,
        pa.scalar("模型对所述特征向量进行分析，得到"),
        _take(OBJECTS, obj),
        pa.scalar("结果；"),
        "",
    )
    s3 = pc.if_else(
        pa.array(has2),
        pc.binary_join_element_wise(pa.scalar("并结合"), kw2_arr, pa.scalar("对结果进行校验与优化；"), ""),
        empty,
    )
    s4 = pc.binary_join_element_wise(
        pa.scalar("根据分析结果生成控制指令并输出。本发明"), _take(BENEFITS, ben), pa.scalar("，适用于大规模部署。"), ""
    )
    abstract_ai = pc.binary_join_element_wise(
        pa.scalar("本发明公开了"), core, pa.scalar("，所述方法包括："), s1, s2, s3, s4, ""
    )
    return title_ai, abstract_ai


def _non_ai_texts(n: int, rng: np.random.Generator) -> tuple[pa.Array, pa.Array]:
    """Titles and abstracts of the non-AI kind (a device and its parts) for `n` rows, with no keyword."""
    nobj = rng.integers(0, len(NON_AI_OBJECTS), n)
    nkind = rng.integers(0, len(NON_AI_KINDS), n)
    p1, p2, p3 = (rng.integers(0, len(PARTS), n) for _ in range(3))
    title_non = pc.binary_join_element_wise(
        pa.scalar("一种"), _take(NON_AI_OBJECTS, nobj), _take(NON_AI_KINDS, nkind), ""
    )
    abstract_non = pc.binary_join_element_wise(
        pa.scalar("本实用新型公开了"),
        title_non,
        pa.scalar("，包括"),
        _take(PARTS, p1),
        pa.scalar("、"),
        _take(PARTS, p2),
        pa.scalar("和"),
        _take(PARTS, p3),
        pa.scalar("，所述"),
        _take(PARTS, p1),
        pa.scalar("与所述"),
        _take(PARTS, p2),
        pa.scalar("固定连接。本实用新型结构简单，安装方便，使用寿命长。"),
        "",
    )
    return title_non, abstract_non


def _texts(subclass: np.ndarray, ai: np.ndarray, rng: np.random.Generator) -> tuple[pa.Array, pa.Array]:
    """Titles and abstracts: AI patents carry a keyword fitting their subclass (in the title for 80%, else only in
    the abstract) and 35% a second keyword; non-AI patents carry none."""
    kws, kw, kw2, has2 = _keywords(subclass, rng)
    title_ai, abstract_ai = _ai_texts(kws, kw, kw2, has2, ai, rng)
    title_non, abstract_non = _non_ai_texts(len(subclass), rng)
    mask = pa.array(ai)
    return pc.if_else(mask, title_ai, title_non), pc.if_else(mask, abstract_ai, abstract_non)


def _numbers(
    years: np.ndarray, ptype: np.ndarray, rng: np.random.Generator
) -> tuple[pa.Array, pa.Array, pa.Array, pa.Array]:
    """Publication numbers (CN + 9 digits + kind A/B/U), application numbers (CN + year + type + 7 digits + . +
    check digit), application and publication dates."""
    n = len(years)
    seq = rng.permutation(n) + 1
    type_digit = np.where(ptype == 2, 2, 1)
    body = years.astype(np.int64) * 10**8 + type_digit * 10**7 + seq
    digits = (body[:, None] // (10 ** np.arange(11, -1, -1))) % 10
    check = (digits * np.array([2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5])).sum(axis=1) % 11
    check_s = np.where(check == 10, "X", check.astype(str))
    app_no = pc.binary_join_element_wise(
        pa.scalar("CN"),
        pa.array(body.astype(str)),
        pa.scalar("."),
        pa.array(check_s.astype(object), type=pa.string()),
        "",
    )
    pub_body = np.where(ptype == 2, 200_000_000, 100_000_000) + rng.permutation(n) * 7 + rng.integers(0, 7, n)
    kind = np.array(["A", "B", "U"], dtype=object)[ptype]
    pub_no = pc.binary_join_element_wise(
        pa.scalar("CN"), pa.array(pub_body.astype(str)), pa.array(kind, type=pa.string()), ""
    )
    start = np.array([np.datetime64(f"{y}-01-01", "D") for y in range(YEARS[0], YEARS[-1] + 1)])
    days = start[years.astype(int) - YEARS[0]] + rng.integers(0, 365, n).astype("timedelta64[D]")
    pub = days + rng.integers(180, 720, n).astype("timedelta64[D]")
    fmt = lambda d: pc.strftime(pa.array(d.astype("datetime64[s]")), format="%Y-%m-%d")  # noqa: E731
    return pub_no, app_no, fmt(days), fmt(pub)
