"""A firm database loaded, validated and resolved: `load(path)` returns a `FirmDB` with typed organisations
(place resolved, metro region from a mapping) and relations (integer ends, footnote 11's class, three sectors),
plus what was dropped or left unresolved. Nothing is written; a broken file raises `DataError` before any
result exists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ai_industry.errors import DataError
from ai_industry.methods.firmdb import codes, places, validate
from ai_industry.methods.firmdb.read import RawTable, read_database


@dataclass
class FirmDB:
    """orgs: one row per organisation (index 0..N−1 = its integer id `i`): id, name, kind, in_sample, province,
    city, metro_region, place_status, founding_year, exit_year, technologies, fields, industry_section,
    industry_division. rel: one row per relation: s, t (integer ends; s gives technical support to t), year,
    relation_type, footnote11, technology, field, industry_section, industry_division, sector."""

    orgs: pd.DataFrame
    rel: pd.DataFrame
    files: list[str] = field(default_factory=list)
    duplicates: list[validate.Duplicates] = field(default_factory=list)
    synthetic: bool = False

    @property
    def unresolved(self) -> pd.DataFrame:
        return places.unresolved_table(self.orgs)


def _bool(s: pd.Series) -> pd.Series:
    return s.str.lower().isin(codes.TRUE)


def typed_organisations(df: pd.DataFrame, metro_map: pd.DataFrame | None = None) -> pd.DataFrame:
    """Validated organisation text -> typed columns (kind and codes canonical, years as Int64, place resolved,
    metro region from `metro_map`, default the reference table's)."""
    out = pd.DataFrame(index=pd.RangeIndex(len(df)))
    out["id"] = df["id"].to_numpy()
    out["name"] = df["name"].to_numpy()
    out["kind"] = codes.canonical(df["kind"], "kind")[0].to_numpy()
    out["in_sample"] = _bool(df["in_sample"]).to_numpy()
    out["founding_year"] = validate.years_of(df["founding_year"]).to_numpy()
    out["exit_year"] = validate.years_of(df["exit_year"]).to_numpy()
    out["technologies"] = codes.canonical_lists(df["technologies"], "ai_technologies")[0].to_numpy()
    out["fields"] = codes.canonical_lists(df["fields"], "ai_application_fields")[0].to_numpy()
    out["industry_section"] = codes.canonical(df["industry_section"], "section")[0].to_numpy()
    out["industry_division"] = codes.canonical(df["industry_division"], "division")[0].to_numpy()
    out["province_given"] = df["province"].to_numpy()
    out["city_given"] = df["city"].to_numpy()
    out["address"] = df["address"].to_numpy()
    res = places.resolve(out.rename(columns={"province_given": "province", "city_given": "city"}))
    for c in res.columns:
        out[c] = res[c].to_numpy()
    out["metro_region"] = places.metro_of(out, places.default_metro_map() if metro_map is None else metro_map)
    return out


def typed_relations(df: pd.DataFrame, orgs: pd.DataFrame) -> pd.DataFrame:
    """Validated relation text -> integer ends s, t (positions in `orgs`), year, canonical codes, footnote 11's
    class and the three sectors."""
    index = pd.Index(orgs["id"])
    out = pd.DataFrame(index=pd.RangeIndex(len(df)))
    out["s"] = index.get_indexer(df["source"]).astype(np.int32)
    out["t"] = index.get_indexer(df["target"]).astype(np.int32)
    out["year"] = validate.numbers(df["year"]).astype(np.int16).to_numpy()
    rtype = codes.canonical(df["relation_type"], "relation_type")[0]
    out["relation_type"] = rtype.where(rtype.ne(""), "technology").to_numpy()
    sample = orgs["in_sample"].to_numpy()
    out["footnote11"] = validate.footnote11(
        pd.Series(sample[out["s"].to_numpy()]), pd.Series(sample[out["t"].to_numpy()])
    ).to_numpy()
    out["technology"] = codes.canonical(df["technology"], "ai_technologies")[0].to_numpy()
    out["field"] = codes.canonical(df["field"], "ai_application_fields")[0].to_numpy()
    out["industry_section"] = codes.canonical(df["industry_section"], "section")[0].to_numpy()
    out["industry_division"] = codes.canonical(df["industry_division"], "division")[0].to_numpy()
    out["sector"] = codes.sector_of(out["industry_section"], out["industry_division"]).to_numpy()
    for c in ("relation_type", "footnote11", "technology", "field", "industry_section", "industry_division", "sector"):
        out[c] = out[c].astype("category")
    return out


def from_raw(
    org_raw: RawTable,
    rel_raw: RawTable,
    metro_map: pd.DataFrame | None = None,
    year_range: tuple[int, int] = validate.YEAR_RANGE,
) -> FirmDB:
    """Validate and type two text tables (see `load`). A broken organisations table does not hide the
    relations' problems: they are checked against the ids it gives and named in the same error."""
    try:
        org_text, org_dups = validate.organisations(org_raw, year_range)
    except DataError as err:
        err.also.extend(_relation_problems(org_raw, rel_raw, year_range))
        raise
    in_sample = pd.Series(_bool(org_text["in_sample"]).to_numpy(), index=org_text["id"].to_numpy())
    rel_text, rel_dups = validate.relations(rel_raw, org_text, in_sample, year_range)
    orgs = typed_organisations(org_text, metro_map)
    return FirmDB(
        orgs=orgs,
        rel=typed_relations(rel_text, orgs),
        files=[org_raw.file, rel_raw.file],
        duplicates=[d for d in (org_dups, rel_dups) if d.rows],
    )


def _relation_problems(org_raw: RawTable, rel_raw: RawTable, year_range: tuple[int, int]) -> list[DataError]:
    """The relations' own problems when the organisations table is broken: checked against the first row of
    each id it gives (nothing, if it has no id or in_sample column)."""
    df = org_raw.df
    if not {"id", "in_sample"} <= set(df.columns):
        return []
    first = df.drop_duplicates("id")
    in_sample = pd.Series(_bool(first["in_sample"].astype(str)).to_numpy(), index=first["id"].astype(str).to_numpy())
    try:
        validate.relations(rel_raw, first, in_sample, year_range)
    except DataError as err:
        return [err]
    return []


def load(
    database: str | Path | Sequence[str | Path],
    metro_map: str | Path | pd.DataFrame | None = None,
    year_range: tuple[int, int] = validate.YEAR_RANGE,
) -> FirmDB:
    """Read, validate and resolve a firm database: a folder with organisations.* and relations.* (CSV, XLSX or
    Parquet), a workbook with those two sheets, or two paths (organisations first). `metro_map`: a CSV path or
    table (level, name, metro_region); default the regions reference table's metro regions."""
    org_raw, rel_raw = read_database(database)
    if isinstance(metro_map, (str, Path)) and str(metro_map):
        metro_map = places.read_metro_map(metro_map)
    elif isinstance(metro_map, (str, Path)):
        metro_map = None
    return from_raw(org_raw, rel_raw, metro_map, year_range)


def from_frames(orgs: pd.DataFrame, rel: pd.DataFrame, synthetic: bool = False, **kw) -> FirmDB:
    """A FirmDB from two in-memory tables in the file format (every cell becomes text), e.g. the demo's."""

    def raw(df: pd.DataFrame, name: str) -> RawTable:
        text = df.astype(object).where(df.notna(), "").astype(str)
        text.columns = [str(c).strip().lower() for c in text.columns]
        return RawTable(text.reset_index(drop=True), name, list(range(2, len(df) + 2)))

    db = from_raw(raw(orgs, "organisations"), raw(rel, "relations"), **kw)
    db.synthetic = synthetic
    return db


def listed_notices(db: FirmDB, limit: int = 20) -> list[dict]:
    """What the data says that no analysis can use as given, listed (never dropped silently, never stopping):
    relations dated after an end's exit year (in no yearly network), relations dated before an end's founding
    year (in the networks from their own year, as recorded), platforms not in the sample (relation nodes of the
    platform network, which takes the sample's platforms as its sample). check, file, count, detail (the first
    `limit`, as source→target (year) or ids)."""
    ids = db.orgs["id"].astype(str).to_numpy()
    s, t, year = db.rel["s"].to_numpy(), db.rel["t"].to_numpy(), db.rel["year"].to_numpy()
    exit_year = db.orgs["exit_year"].to_numpy(dtype="float", na_value=np.inf)
    founded = db.orgs["founding_year"].to_numpy(dtype="float", na_value=-np.inf)
    org_file, rel_file = (Path(f).name for f in db.files) if len(db.files) == 2 else ("", "")

    def relations(mask: np.ndarray) -> str:
        shown = [f"{ids[a]}→{ids[b]} ({y})" for a, b, y in zip(s[mask][:limit], t[mask][:limit], year[mask][:limit])]
        return ", ".join(shown) + (" …" if mask.sum() > limit else "")

    out = []
    after = (year > exit_year[s]) | (year > exit_year[t])
    before = (year < founded[s]) | (year < founded[t])
    for check, mask in (("relation_after_exit", after), ("relation_before_founding", before)):
        if mask.any():
            out.append({"check": check, "file": rel_file, "count": int(mask.sum()), "detail": relations(mask)})
    odd = ((db.orgs["kind"] == "platform") & ~db.orgs["in_sample"].astype(bool)).to_numpy()
    if odd.any():
        detail = ", ".join(ids[odd][:limit]) + (" …" if odd.sum() > limit else "")
        out.append({"check": "platform_not_in_sample", "file": org_file, "count": int(odd.sum()), "detail": detail})
    return out
