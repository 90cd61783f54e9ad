"""SYNTHETIC demo patent export (PatSnap/智慧芽 layout), calibrated to seed 000's published aggregates — never the
real data.

The patent search behind seed 000 (区域产业协同视角下广深人工智能产业发展研究) is not public. This seeded generator
writes an export in the layout analysts download (公开(公告)号, 申请号, 申请日, 公开(公告)日, 标题, 摘要,
申请(专利权)人, 申请人地址, IPC主分类, IPC分类, 专利类型), with a column 标注 = "SYNTHETIC 合成演示数据" in every row
and a file name starting with SYNTHETIC_. Run through `ai_industry.patents` (identify by the seed's 22 keywords,
first applicant's city, …) the default-size file (DEFAULT_ROWS) reproduces, for 广州 and 深圳:

- AI patents 2016–2020: 7,024 and 14,945; 2011–2015: 654 and 1,048, the whole counts that give the printed
  multiples 10.74 and 14.26 (ai_patents.csv, seed l.25);
- all-year totals 9,083 and 19,267 (the whole totals that reproduce every printed Table 1 share, closest to
  the pooled implied total) and the Table 1 top-5 IPC main subclasses with their counts, hence shares and ranks
  (patent_fields_ipc.csv, l.26–78; field → subclass through data/raw/reference/ipc_subclasses.csv);
- co-applied patents (≥ 2 applicants) 882 and 779 and the partner-city counts 广州→深圳 32, 佛山 46, 珠海 43,
  东莞 36; 深圳→广州 54, 北京 140, 南京 41 (co_applied_patents.csv, l.102);
- 产学研 co-applications 4.81% and 1.85% of the city's AI patents (437 of 9,083; 356 of 19,267) and
  sole-applicant patents 40% by public institutions (广州) and 90% by enterprises (深圳) (applicant_structure.csv,
  l.111);
- invention patents 85% of AI patents (the seed: 80%以上, l.25).

Everything else is SYNTHETIC and chosen here, not published: the years outside 2011–2020 (before 2011 the earlier
period's count over its multiple, spread 2006–2010; the rest 2021:2022 = 2:1), the yearly shape inside each period
(constant growth at the period multiple), the IPC subclasses below rank 5 (shares capped below the 5th), the
unlisted partner cities (each below the smallest listed partner of that city), the year profiles of the listed
pairs (广州→深圳 rising to 2018 then falling; 深圳→广州 peaking 2017 then easing; 深圳→北京 and 深圳→南京 growing —
the seed's §4.2 in words), their fields (深圳→广州 mostly G06K; 深圳→北京 spread over G06K, G06F, G06N, G06T, G10L),
the other cities (volumes below, co-application 9%, cross-city 45% of that, 产学研 35% of that), 3% non-AI rows
(no keyword), 1% foreign first applicants and 0.3% province-only addresses (unmapped), all names and addresses
(fictional, built from syllables), texts and numbers. Keywords are drawn per subclass (G10L → 语音识别, …).

Below DEFAULT_ROWS every calibrated count is scaled by n_rows / DEFAULT_ROWS (approximately calibrated); at or
above it 广州 and 深圳 are exact and the other cities grow (1,000,000 rows for the benchmark).
"""

from __future__ import annotations

import io as _io
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ai_industry.errors import ConfigError
from ai_industry.io import atomic_path, normalize_zip
from ai_industry.methods.demo.patent_rows import (
    _assign_orgs,
    _block_rows,
    _capped,
    _generic_years,
    _join_lists,
    _largest_remainder,
    _non_ai_rows,
    _numbers,
    _texts,
    _year_quota,
)
from ai_industry.methods.demo.patent_vocab import (
    FOREIGN,
    GEO,
    GROUPS,
    IND,
    MINOR_SUBCLASSES,
    OTHER_CITY_MIX,
    PROVINCE_ONLY,
    RI,
    UNLISTED_PARTNERS,
    E,
    H,
    O,
    U,
)

DEFAULT_ROWS = 100_000
DEFAULT_SEED = 2022
NOTE = "SYNTHETIC 合成演示数据"
CALIBRATED = ("广州", "深圳")
COLUMNS = (
    "序号",
    "公开(公告)号",
    "申请号",
    "申请日",
    "公开(公告)日",
    "标题",
    "摘要",
    "申请(专利权)人",
    "申请人地址",
    "IPC主分类",
    "IPC分类",
    "专利类型",
    "标注",
)


# ---- published targets ------------------------------------------------------------------------------------------
def _published(name: str) -> pd.DataFrame:
    from ai_industry.paths import published_dir

    return pd.read_csv(published_dir() / "gz-sz-synergy" / f"{name}.csv")


def _field_subclass(field: str, ref: pd.DataFrame) -> str:
    """The IPC subclass a Table 1 field names: the reference title equal to it, the one it starts with (G06F's
    field adds a parenthesis), or the one that starts with it (G06Q's field is the title's first half)."""
    for rule in (lambda t: t == field, lambda t: field.startswith(t), lambda t: t.startswith(field)):
        hits = ref[ref["title_zh"].map(rule)]
        if len(hits) == 1:
            return str(hits["subclass"].iloc[0])
    raise ConfigError(f"Table 1 field {field!r} matches no single IPC subclass in ipc_subclasses.csv")


def _earlier_count(city: str, later: int, multiple: float) -> int:
    """The whole earlier-period count whose ratio later/earlier rounds to the printed multiple (2 decimals),
    nearest the implied one."""
    options = [
        k
        for k in range(int(later / (multiple + 0.005)), int(later / (multiple - 0.005)) + 2)
        if k > 0 and round(later / k, 2) == round(multiple, 2)
    ]
    if not options:
        raise ConfigError(f"no whole 2011-2015 count of {city} gives the multiple {multiple}")
    return min(options, key=lambda k: abs(k - later / multiple))


def _whole_total(city: str, f: pd.DataFrame) -> int:
    """The whole all-year total for which every Table 1 count of the city (`f`) rounds to its printed share
    (2 decimals), nearest the total pooled from the listed counts and shares."""
    pooled = 100.0 * f["patents_count"].sum() / f["share_pct"].sum()
    options = [
        k
        for k in range(int(pooled * 0.99), int(pooled * 1.01) + 1)
        if all(round(100.0 * n / k, 2) == round(sh, 2) for n, sh in zip(f["patents_count"], f["share_pct"]))
    ]
    if not options:
        raise ConfigError(f"no whole total of {city} reproduces every Table 1 share")
    return min(options, key=lambda k: abs(k - pooled))


@lru_cache(maxsize=1)
def targets() -> dict[str, Any]:
    """The calibration targets from the transcriptions (data/raw/published/gz-sz-synergy/*.csv): per calibrated
    city the later/earlier period counts and multiple, all-year total, Table 1 subclass counts, co-applied total,
    partner counts, 产学研 count and share, sole-applicant structure; plus the invention-share floor."""
    from ai_industry.paths import raw_dir

    ai = _published("ai_patents")
    fields = _published("patent_fields_ipc")
    co = _published("co_applied_patents")
    st = _published("applicant_structure")
    ref = pd.read_csv(raw_dir() / "reference" / "ipc_subclasses.csv", dtype=str, keep_default_na=False)
    wide = ai.pivot_table(index="region", columns="indicator", values="value", aggfunc="first")
    out: dict[str, Any] = {}
    for city in CALIBRATED:
        later = int(wide.loc[city, "patents_2016_2020"])
        multiple = float(wide.loc[city, "multiple_vs_2011_2015"])
        earlier = _earlier_count(city, later, multiple)
        f = fields[fields["city"] == city]
        total = _whole_total(city, f)
        subclass_counts = {_field_subclass(r.field, ref): int(r.patents_count) for r in f.itertuples()}
        c = co[co["first_applicant_city"] == city]
        s = st[st["city"] == city].set_index("indicator")
        iur_pct = float(s.loc["industry_university_research_coapplication", "share_pct"])
        iur = int(round(iur_pct * total / 100.0))
        out[city] = {
            "later": later,
            "multiple": multiple,
            "earlier": earlier,
            "total": total,
            "subclasses": subclass_counts,
            "subclass_shares_pct": {_field_subclass(r.field, ref): float(r.share_pct) for r in f.itertuples()},
            "subclass_ranks": {_field_subclass(r.field, ref): int(r.rank) for r in f.itertuples()},
            "co_applied": int(c["first_city_total_count"].iloc[0]),
            "partners": {r.partner_city: int(r.patents_count) for r in c.itertuples()},
            "partner_shares_pct": {r.partner_city: float(r.share_pct) for r in c.itertuples() if pd.notna(r.share_pct)},
            "iur_pct": iur_pct,
            "iur": iur,
            "sole_public_pct": float(s.loc["sole_applicant_public_institutions", "share_pct"])
            if "sole_applicant_public_institutions" in s.index
            else None,
            "sole_enterprise_pct": float(s.loc["sole_applicant_enterprises", "share_pct"])
            if "sole_applicant_enterprises" in s.index
            else None,
        }
    inv = ai[(ai["indicator"] == "invention_patent_share")]
    out["invention_share_min_pct"] = float(inv["value"].iloc[0]) if len(inv) else 80.0
    return out


# ---- the plan: counts per first-applicant city --------------------------------------------------------------------
def _calibrated_plan(city: str, t: dict[str, Any], f: float) -> dict[str, Any]:
    def sc(x: float) -> int:
        return int(round(x * f))

    total, earlier, later = sc(t["total"]), sc(t["earlier"]), sc(t["later"])
    top = {k: sc(v) for k, v in t["subclasses"].items()}
    cap = max(min(top.values()) - 1, 1)
    try:
        minor = _capped(total - sum(top.values()), MINOR_SUBCLASSES, cap)
    except ConfigError:  # scaled far below the default size: the ranks below 5 cannot all stay under the 5th
        minor = dict(
            zip(
                MINOR_SUBCLASSES,
                (int(x) for x in _largest_remainder(total - sum(top.values()), list(MINOR_SUBCLASSES.values()))),
            )
        )
    partners = {
        **{k: sc(v) for k, v in t["partners"].items()},
        **{k: sc(v) for k, v in UNLISTED_PARTNERS[city].items()},
    }
    co_applied = sc(t["co_applied"])
    if sum(partners.values()) > co_applied:
        raise ConfigError(f"demo: partners of {city} exceed its co-applied patents")
    sole = total - co_applied
    if t.get("sole_public_pct") is not None:
        public = int(round(t["sole_public_pct"] / 100.0 * sole))
        pub_split = _largest_remainder(public, [0.62, 0.25, 0.13])
        rest = _largest_remainder(sole - public, [0.86, 0.10, 0.04])
        sole_types = {U: pub_split[0], RI: pub_split[1], H: pub_split[2], E: rest[0], IND: rest[1], O: rest[2]}
    else:
        ent = int(round((t.get("sole_enterprise_pct") or 75.0) / 100.0 * sole))
        rest = _largest_remainder(sole - ent, [0.40, 0.30, 0.05, 0.20, 0.05])
        sole_types = {E: ent, U: rest[0], RI: rest[1], H: rest[2], IND: rest[3], O: rest[4]}
    return {
        "city": city,
        "total": total,
        "years": _year_quota(total, earlier, later, t["multiple"]),
        "subclasses": {**top, **minor},
        "co_applied": co_applied,
        "partners": partners,
        "iur": sc(t["iur"]),
        "sole_types": {k: int(v) for k, v in sole_types.items()},
        "invention_share": 0.85,
    }


def _other_plan(
    city: str, total: int, partner_weights: Mapping[str, float], rng: np.random.Generator
) -> dict[str, Any]:
    co_applied = int(round(0.09 * total))
    cross = int(round(0.45 * co_applied))
    names = [c for c in partner_weights if c != city]
    w = np.array([partner_weights[c] for c in names], dtype=float)
    draws = rng.multinomial(cross, w / w.sum()) if cross else np.zeros(len(names), dtype=int)
    partners = {c: int(k) for c, k in zip(names, draws) if k}
    sole = total - co_applied
    s = _largest_remainder(sole, [0.12, 0.06, 0.02, 0.75, 0.04, 0.01])
    return {
        "city": city,
        "total": total,
        "years": _generic_years(total),
        "subclasses": dict(
            zip(OTHER_CITY_MIX, (int(x) for x in _largest_remainder(total, list(OTHER_CITY_MIX.values()))))
        ),
        "co_applied": co_applied,
        "partners": partners,
        "iur": int(round(0.35 * co_applied)),
        "sole_types": dict(zip(range(6), (int(x) for x in s))),
        "invention_share": 0.8,
    }


def _foreign_plan(total: int) -> dict[str, Any]:
    s = _largest_remainder(total, [0.12, 0.0, 0.0, 0.88, 0.0, 0.0])
    return {
        "city": FOREIGN,
        "total": total,
        "years": _generic_years(total, 3.0),
        "subclasses": dict(
            zip(OTHER_CITY_MIX, (int(x) for x in _largest_remainder(total, list(OTHER_CITY_MIX.values()))))
        ),
        "co_applied": 0,
        "partners": {},
        "iur": 0,
        "sole_types": dict(zip(range(6), (int(x) for x in s))),
        "invention_share": 0.95,
    }


def plan(n_rows: int, rng: np.random.Generator) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Blocks of AI patents per first-applicant city (calibrated, other, foreign, province-only) and the counts
    of non-AI rows per city."""
    if n_rows < 100:
        raise ConfigError("generate_demo: n_rows must be at least 100")
    t = targets()
    f = min(1.0, n_rows / DEFAULT_ROWS)
    blocks = [_calibrated_plan(c, t[c], f) for c in CALIBRATED]
    non_ai_n = int(round(0.03 * n_rows))
    foreign_n = int(round(0.01 * n_rows))
    prov_n = int(round(0.003 * n_rows))
    others_n = n_rows - sum(b["total"] for b in blocks) - non_ai_n - foreign_n - prov_n
    if others_n < 0:
        raise ConfigError("generate_demo: n_rows too small for the calibrated blocks")
    others = [c for c in GEO if c not in CALIBRATED]
    counts = _largest_remainder(others_n, [GEO[c][4] for c in others])
    weights = {c: float(GEO[c][4]) for c in others}
    weights.update({c: float(b["total"]) / max(others_n, 1) * 100 for c, b in zip(CALIBRATED, blocks)})
    for c, k in zip(others, counts):
        if k > 0:
            blocks.append(_other_plan(c, int(k), weights, rng))
    if foreign_n:
        blocks.append(_foreign_plan(foreign_n))
    if prov_n:
        p = _foreign_plan(prov_n)
        p["city"] = PROVINCE_ONLY
        blocks.append(p)
    all_w = {c: (b["total"]) for b in blocks for c in [b["city"]] if c in GEO}
    non_ai = dict(zip(all_w, (int(x) for x in _largest_remainder(non_ai_n, list(all_w.values())))))
    return blocks, non_ai


def _ipc_codes(subclass: np.ndarray, ai: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, pa.Array]:
    """Each patent's IPC main group (one of its subclass's groups) and IPC field: the main group, for 60% one more
    group of a random subclass, and for 20% of the AI patents a G06N group after that."""
    n = len(subclass)
    main = np.array([GROUPS[s][i % len(GROUPS[s])] for i, s in enumerate(subclass)], dtype=object)
    extra_sub = rng.choice(list(GROUPS), size=n)
    n_extra = rng.choice([0, 1, 2], size=n, p=[0.4, 0.4, 0.2])
    extra1 = np.array([GROUPS[s][0] for s in extra_sub], dtype=object)
    extra2 = np.array([GROUPS["G06N"][i % 4] for i in range(n)], dtype=object)
    ipc_all = pc.binary_join_element_wise(
        pa.array(main, type=pa.string()),
        pc.if_else(
            pa.array(n_extra >= 1),
            pc.binary_join_element_wise(pa.scalar(";"), pa.array(extra1, type=pa.string()), ""),
            pa.scalar(""),
        ),
        pc.if_else(
            pa.array((n_extra >= 2) & ai),
            pc.binary_join_element_wise(pa.scalar(";"), pa.array(extra2, type=pa.string()), ""),
            pa.scalar(""),
        ),
        "",
    )
    return main, ipc_all


def demo_table(n_rows: int | None = None, seed: int = DEFAULT_SEED) -> pa.Table:
    """The SYNTHETIC export as an Arrow table with the PatSnap-layout columns (COLUMNS)."""
    n_rows = DEFAULT_ROWS if n_rows is None else int(n_rows)
    rng = np.random.default_rng(seed)
    blocks, non_ai = plan(n_rows, rng)
    parts = [_block_rows(b, rng) for b in blocks] + [_non_ai_rows(non_ai, rng)]
    years = np.concatenate([np.asarray(p["years"], dtype=np.int64) for p in parts])
    subclass = np.concatenate([np.asarray(p["subclass"], dtype=object) for p in parts])
    ai = np.concatenate([p["ai"] for p in parts])
    inv = np.concatenate([p["invention"] for p in parts])
    app_city = [c for p in parts for cs in p["app_city"] for c in cs]
    app_type = np.array([t for p in parts for ts in p["app_type"] for t in ts], dtype=np.int64)
    n_app = np.array([len(cs) for p in parts for cs in p["app_city"]], dtype=np.int64)
    n = len(years)
    assert n == n_rows, (n, n_rows)
    app_patent = np.repeat(np.arange(n), n_app)
    offsets0 = np.r_[0, np.cumsum(n_app)]
    app_seq = np.arange(len(app_patent)) - offsets0[app_patent] + 1
    names, addrs = _assign_orgs(np.array(app_city, dtype=object), app_type, app_patent, app_seq, rng)
    # row order: shuffled, like a relevance-sorted download
    order = rng.permutation(n)
    inv_order = np.empty(n, dtype=np.int64)
    inv_order[order] = np.arange(n)
    years, subclass, ai, inv, n_app_o = years[order], subclass[order], ai[order], inv[order], n_app[order]
    app_rank = np.lexsort((app_seq, inv_order[app_patent]))
    names, addrs = names[app_rank], addrs[app_rank]
    offsets = np.r_[0, np.cumsum(n_app_o)]
    granted = rng.random(n) < 0.3
    ptype = np.where(inv, np.where(granted, 1, 0), 2)
    ptype_s = np.array(["发明申请", "发明授权", "实用新型"], dtype=object)[ptype]
    title, abstract = _texts(subclass, ai, rng)
    pub_no, app_no, app_date, pub_date = _numbers(years, ptype, rng)
    main, ipc_all = _ipc_codes(subclass, ai, rng)
    cols = {
        "序号": pa.array(np.arange(1, n + 1)),
        "公开(公告)号": pub_no,
        "申请号": app_no,
        "申请日": app_date,
        "公开(公告)日": pub_date,
        "标题": title,
        "摘要": abstract,
        "申请(专利权)人": _join_lists(names, offsets, "; "),
        "申请人地址": _join_lists(addrs, offsets, "; "),
        "IPC主分类": pa.array(main, type=pa.string()),
        "IPC分类": ipc_all,
        "专利类型": pa.array(ptype_s, type=pa.string()),
        "标注": pa.array([NOTE] * n, type=pa.string()),
    }
    return pa.table(cols)


def demo_path(
    n_rows: int | None = None, seed: int = DEFAULT_SEED, folder: Path | str | None = None, fmt: str = "csv"
) -> Path:
    """Where generate_demo writes: <folder>/SYNTHETIC_patsnap_export_<n_rows>_seed<seed>.<fmt> (default folder
    data/interim/demo, a build output)."""
    from ai_industry.paths import interim_dir

    n_rows = DEFAULT_ROWS if n_rows is None else int(n_rows)
    folder = Path(folder) if folder is not None else interim_dir() / "demo"
    return folder / f"SYNTHETIC_patsnap_export_{n_rows}_seed{seed}.{fmt}"


def generate_demo(
    n_rows: int | None = None,
    seed: int = DEFAULT_SEED,
    folder: Path | str | None = None,
    *,
    fmt: str = "csv",
    encoding: str = "utf-8-sig",
) -> Path:
    """Write the SYNTHETIC export (csv in `encoding` utf-8-sig / utf-8 / gb18030, or xlsx) atomically; same
    arguments give byte-identical files. Returns the path."""
    if fmt not in ("csv", "xlsx"):
        raise ConfigError(f"generate_demo: fmt must be 'csv' or 'xlsx', not {fmt!r}")
    if encoding not in ("utf-8-sig", "utf-8", "gb18030"):
        raise ConfigError(f"generate_demo: encoding must be utf-8-sig, utf-8 or gb18030, not {encoding!r}")
    table = demo_table(n_rows, seed)
    path = demo_path(n_rows, seed, folder, fmt)
    with atomic_path(path) as tmp:
        if fmt == "xlsx":
            _write_xlsx(table, tmp)
        elif encoding == "gb18030":
            buf = _io.BytesIO()
            _write_csv(table, buf)
            tmp.write_bytes(buf.getvalue().decode("utf-8").encode("gb18030"))
        else:
            with open(tmp, "wb") as fh:
                if encoding == "utf-8-sig":
                    fh.write(b"\xef\xbb\xbf")
                _write_csv(table, fh)
    return path


def write_product(
    outputs: Mapping[str, Path],
    inputs: Mapping[str, Path] | None = None,
    rows: int = DEFAULT_ROWS,
    seed: int = DEFAULT_SEED,
) -> None:
    """The build product `demo/patents` (config/sections.yaml): the export of `rows` rows and `seed` that the patent
    chapters read by default, at outputs['export'], which must be where `generate_demo` writes it (so the chapters
    recognise it: `demo_path`)."""
    target = Path(outputs["export"])
    if set(outputs) != {"export"} or target != demo_path(rows, seed, target.parent):
        raise ConfigError(
            f"demo/patents: the export of {rows} rows and seed {seed} is written as "
            f"{demo_path(rows, seed, target.parent).name}, not {dict(outputs)}"
        )
    generate_demo(rows, seed, target.parent)


def _write_csv(table: pa.Table, sink: Any) -> None:
    import pyarrow.csv as pcsv

    pcsv.write_csv(table, sink, write_options=pcsv.WriteOptions(quoting_style="needed", batch_size=65536))


def _write_xlsx(table: pa.Table, path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("SYNTHETIC 专利导出")
    ws.append([f"SYNTHETIC demo export — {NOTE}"])
    ws.append(list(table.column_names))
    cols = [table.column(i).to_pylist() for i in range(table.num_columns)]
    for row in zip(*cols):
        ws.append(list(row))
    wb.save(path)
    normalize_zip(path)


# ---- checking the calibration ---------------------------------------------------------------------------------------
def _calibration_row(
    measure: str,
    city: str,
    key: str,
    target: float,
    computed: float,
    decimals: int | None = None,
    qualifier: str = "",
) -> dict[str, Any]:
    """One row of `calibration_check`; ok means computed ≥ target for a floor (qualifier "以上"), equal as whole
    numbers for counts (`decimals` None), equal at `decimals` for shares and multiples."""
    if pd.isna(computed):
        ok = False  # nothing computed (e.g. no ranked subclass in a small demo)
    elif qualifier == "以上":
        ok = computed >= target
    elif decimals is None:
        ok = int(target) == int(computed)
    else:
        ok = round(float(computed), decimals) == round(float(target), decimals)
    return {"measure": measure, "city": city, "key": key, "target": target, "computed": computed, "ok": bool(ok)}


def _cell(table: pd.DataFrame, key: Any, column: str, absent: float) -> float:
    """table.loc[key, column], or `absent` when the key has no row: count tables list only keys with patents,
    so a missing city, pair or subclass is a count (and share) of 0, and has no rank or multiple (NaN). A small
    demo (few rows) leaves such gaps."""
    return table.loc[key, column] if key in table.index else absent


def calibration_check(analysis: Any) -> pd.DataFrame:
    """Every calibrated aggregate of `targets()` next to what `patents.analyse` computed from the demo: measure,
    city, partner/subclass, target, computed, ok (exact for counts, at the printed decimals for shares and
    multiples)."""
    t = targets()
    tb = analysis.tables
    rows: list[dict[str, Any]] = []

    def add(*args: Any) -> None:
        rows.append(_calibration_row(*args))

    growth = tb["period_growth"].set_index("first_city")
    fields = tb["field_shares"].set_index(["city", "ipc_subclass"])
    partners = tb["partner_cities"].set_index(["first_applicant_city", "partner_city"])
    totals = tb["coapplication_totals"].set_index("city")
    sole = tb["sole_applicant_structure"]
    types = tb["patent_types"]
    for city in CALIBRATED:
        c = t[city]
        add("patents 2016-2020", city, "", c["later"], _cell(growth, city, "target_count", 0))
        add("patents 2011-2015", city, "", c["earlier"], _cell(growth, city, "base_count", 0))
        add("multiple 十三五/十二五", city, "", c["multiple"], _cell(growth, city, "multiple", np.nan), 2)
        add("patents all years", city, "", c["total"], _cell(totals, city, "patents_count", 0))
        for sub, cnt in c["subclasses"].items():
            add("Table 1 count", city, sub, cnt, _cell(fields, (city, sub), "patents_count", 0))
            add(
                "Table 1 share %",
                city,
                sub,
                c["subclass_shares_pct"][sub],
                _cell(fields, (city, sub), "share_pct", 0.0),
                2,
            )
            add("Table 1 rank", city, sub, c["subclass_ranks"][sub], _cell(fields, (city, sub), "rank", np.nan))
        add("co-applied patents", city, "", c["co_applied"], _cell(totals, city, "co_applied_count", 0))
        for p, cnt in c["partners"].items():
            add("partner count", city, p, cnt, _cell(partners, (city, p), "patents_count", 0))
        for p, share in c["partner_shares_pct"].items():
            add("partner share %", city, p, share, _cell(partners, (city, p), "share_pct", 0.0), 2)
        add("产学研 share %", city, "", c["iur_pct"], _cell(totals, city, "iur_share_pct", np.nan), 2)
        s = sole[sole["city"] == city]
        if c["sole_public_pct"] is not None:
            v = float(s.loc[s["group"] == "public_institution", "patents_count"].sum() / s["patents_count"].sum() * 100)
            add("sole applicants: public institutions %", city, "", c["sole_public_pct"], v, 0)
        if c["sole_enterprise_pct"] is not None:
            v = float(
                s.loc[s["applicant_type"] == "enterprise", "patents_count"].sum() / s["patents_count"].sum() * 100
            )
            add("sole applicants: enterprises %", city, "", c["sole_enterprise_pct"], v, 0)
        inv = types[(types["first_city"] == city) & (types["patent_type"] == "invention")]["share_pct"].sum()
        add("invention share %", city, "", t["invention_share_min_pct"], float(inv), None, "以上")
    return pd.DataFrame(rows)
