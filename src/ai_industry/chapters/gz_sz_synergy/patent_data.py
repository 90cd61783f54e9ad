"""What the two patent-method sections of gz-sz-synergy (§2.3 method, §4.1–4.3 co-application) share: their
parameters (a pair of cities, named periods), loading a user's export or the SYNTHETIC demo, the demo's calibration
at the chosen size, and the sentences and labels both print."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ai_industry.catalog import terms
from ai_industry.chapters.gz_sz_synergy.patents import REST, sentence_case, short_label
from ai_industry.errors import ConfigError, DataError
from ai_industry.methods import patents as pt
from ai_industry.methods.demo import patents as dp
from ai_industry.present.labels import place

# ---- parameters -------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _english_city_names() -> dict[str, list[str]]:
    from ai_industry.paths import raw_dir

    ref = pd.read_csv(raw_dir() / "reference" / "regions.csv", dtype=str, keep_default_na=False)
    out: dict[str, list[str]] = {}
    for r in ref[ref["level"] == "city"].itertuples():
        if r.name_en:
            out.setdefault(r.name_en.casefold(), []).append(r.short_zh or r.name_zh)
    for r in ref[ref["level"] == "province"].itertuples():  # 香港, 澳门 are provinces in the reference
        if r.name_en and r.adcode[:2] in pt.SPECIAL_REGIONS:
            out.setdefault(r.name_en.casefold(), []).append(r.short_zh)
    return out


def city_key(name: str) -> str:
    """The short city name the patent tables use: 广州市 -> 广州, 北京 -> 北京, 香港特别行政区 -> 香港; an English
    name (Beijing) through the regions reference table."""
    s = unicodedata.normalize("NFKC", str(name)).strip()
    if not s:
        raise ConfigError("a city name is empty (give e.g. 广州市 or 广州)")
    if s.isascii():
        hits = sorted(set(_english_city_names().get(s.casefold(), [])))
        if len(hits) != 1:
            what = f"is ambiguous ({', '.join(hits)})" if hits else "is not in data/raw/reference/regions.csv"
            raise ConfigError(f"city {name!r} {what}: give its Chinese name, e.g. 广州市 or 广州")
        return hits[0]
    return pt.short_city_name(s)


def city_pair(city_a: str, city_b: str) -> tuple[str, str]:
    """The two chapter cities as short names; they must differ."""
    a, b = city_key(city_a), city_key(city_b)
    if a == b:
        raise ConfigError(f"city_a and city_b are the same city ({a})")
    return a, b


def missing_cities_notice(totals: Mapping[str, int], lang: str) -> str | None:
    """The text of a box for chapter cities without any AI patent in the data (None when both have some)."""
    missing = [c for c, n in totals.items() if not n]
    if not missing:
        return None
    if lang == "zh":
        return (
            f"数据中没有第一申请人在{'、'.join(missing)}的人工智能专利，涉及该市的表图为空。请检查城市名（可写“广州市”“广州”或 Guangzhou）"
            "及导出文件的申请人地址列。"
        )
    names = ", ".join(place(c, "en") for c in missing)
    return (
        f"The data hold no AI patent with the first applicant in {names}; the tables and charts of that city are empty. Check the city "
        "name (广州市, 广州 or Guangzhou) and the export's applicant-address column."
    )


def check_periods(periods: Mapping[str, Sequence[int]]) -> dict[str, tuple[int, int]]:
    """The `periods` parameter as {name: (first year, last year)} in the given order; at least two periods, each
    a pair of years with first ≤ last."""
    if not isinstance(periods, Mapping) or len(periods) < 2:
        raise ConfigError(f"periods must map at least two names to [first_year, last_year], not {periods!r}")
    out: dict[str, tuple[int, int]] = {}
    for name, span in periods.items():
        try:
            a, b = (int(x) for x in span)
        except (TypeError, ValueError):
            raise ConfigError(f"period {name!r}: expected [first_year, last_year], got {span!r}") from None
        if a > b:
            raise ConfigError(f"period {name!r}: first year {a} is after last year {b}")
        out[str(name)] = (a, b)
    return out


PERIOD_EN = {k: en for k, (_, en) in terms.group("gzsz_five_year_plan").items()}  # from catalog/terms.csv


def _q(name: str) -> str:
    return f"“{name}”" if name in PERIOD_EN else name


def period_label(name: str, span: Sequence[int], lang: str) -> str:
    """A period with its years: “十二五”（2011—2015年） / 12th Five-Year Plan (2011–2015)."""
    a, b = int(span[0]), int(span[1])
    if lang == "zh":
        return f"{_q(name)}（{a}—{b}年）"
    return f"{PERIOD_EN.get(name, name)} ({a}–{b})"


# ---- loading ----------------------------------------------------------------------------------------------------
_EXPORT_SUFFIXES = pt.TEXT_SUFFIXES + pt.EXCEL_SUFFIXES


def export_paths(text: str) -> list[Path]:
    """The files named by the `patents_path` parameter: one file, a folder (its csv/tsv/txt/xlsx files), a glob
    pattern, or several of these separated by ';'."""
    parts = [p.strip() for p in re.split(r"[;\n]", str(text)) if p.strip()]
    if not parts:
        raise ConfigError("patents_path is empty")
    out: list[Path] = []
    for part in parts:
        p = Path(part).expanduser()
        if p.is_dir():
            found = sorted(
                q for q in p.iterdir() if q.suffix.lower() in _EXPORT_SUFFIXES and not q.name.startswith((".", "~$"))
            )
            if not found:
                raise DataError(str(p), message=f"the folder holds no export file ({', '.join(_EXPORT_SUFFIXES)})")
            out.extend(found)
        elif any(ch in part for ch in "*?["):
            found = sorted(p.parent.glob(p.name))
            if not found:
                raise DataError(part, message="no file matches this pattern")
            out.extend(found)
        else:
            out.append(p)
    return out


def load_patents(
    patents_path: str = "", demo_rows: int = 20_000, seed: int = dp.DEFAULT_SEED, demo: Path | str | None = None
) -> tuple[pt.PatentExport, bool, str]:
    """(export, is_synthetic, description for the source line): the user's export(s) at `patents_path` (see
    export_paths; duplicates across files dropped by patent number) or, when it is empty, the SYNTHETIC demo export
    of `demo_rows` rows and `seed`, read like a user's file: `demo` (the build product `demo/patents`) when it is that
    export, else generated into a temporary folder."""
    if str(patents_path).strip():
        paths = export_paths(patents_path)
        export = pt.read_exports(paths)
        names = [Path(f["file"]).name for f in export.info["files"]]
        what = ", ".join(names) if len(names) <= 3 else f"{', '.join(names[:3])} … ({len(names)} files)"
        return export, False, what
    name = dp.demo_path(int(demo_rows), int(seed)).name
    what = f"{name} ({int(demo_rows):,} rows, seed {int(seed)})"
    if demo is not None and Path(demo).name == name and Path(demo).is_file():
        return pt.read_export(Path(demo)), True, what
    with tempfile.TemporaryDirectory() as tmp:
        export = pt.read_export(dp.generate_demo(int(demo_rows), int(seed), tmp))
    return export, True, what


def demo_scale(n_rows: int, full_rows: int = dp.DEFAULT_ROWS) -> float:
    """The factor the demo generator scales its calibrated counts by: n_rows / full_rows, at most 1."""
    return min(1.0, int(n_rows) / full_rows)


# ---- the demo's calibration ------------------------------------------------------------------------------------------
COUNT_MEASURES = (
    "patents 2016-2020",
    "patents 2011-2015",
    "patents all years",
    "Table 1 count",
    "co-applied patents",
    "partner count",
)
MEASURE_LABELS: dict[str, tuple[str, str]] = terms.group("gzsz_calibration_measure")  # from catalog/terms.csv


def calibration_at_scale(check: pd.DataFrame, n_rows: int, full_rows: int = dp.DEFAULT_ROWS) -> pd.DataFrame:
    """`demo_patents.calibration_check` at the demo's size: `scale` = n_rows/full_rows (≤ 1); `expected` = the
    published target, for counts times the scale rounded as the generator rounds (round half to even); `diff` =
    computed − expected; status 'exact' (counts and ranks equal, shares and multiples equal at the printed decimals,
    the invention floor met), 'approximate' (a share or multiple of a scaled-down demo off the printed decimals: it
    is a ratio of rounded scaled counts) or 'miss'."""
    f = demo_scale(n_rows, full_rows)
    out = check.copy()
    is_count = out["measure"].isin(COUNT_MEASURES).to_numpy()
    out["scale"] = f
    out["expected"] = np.where(is_count, [float(int(round(t * f))) for t in out["target"]], out["target"].astype(float))
    out["diff"] = out["computed"].astype(float) - out["expected"]
    count_ok = np.isclose(out["computed"].astype(float), out["expected"])
    ratio = ~is_count & ~out["measure"].isin(["Table 1 rank", "invention share %"]).to_numpy()
    status = np.where(
        is_count,
        np.where(count_ok, "exact", "miss"),
        np.where(out["ok"].to_numpy(dtype=bool), "exact", np.where(ratio & (f < 1.0), "approximate", "miss")),
    )
    out["status"] = status
    return out


def measure_label(measure: str, lang: str) -> str:
    """The label of a calibration measure in `lang` (the id itself if unknown)."""
    zh, en = MEASURE_LABELS.get(measure, (measure, measure))
    return zh if lang == "zh" else en


# ---- text ----------------------------------------------------------------------------------------------------------
def synthetic_notice(lang: str, n_rows: int, full_rows: int = dp.DEFAULT_ROWS) -> str:
    """The text of the box that labels the SYNTHETIC demo export (its size and scale included)."""
    f = demo_scale(n_rows, full_rows)
    if lang == "zh":
        scale = (
            f"本次生成 {int(n_rows):,} 行，为全尺寸（{full_rows:,} 行）的 {100 * f:.0f}%，校准的计数按此比例缩小、比重近似不变。"
            if f < 1
            else f"本次生成 {int(n_rows):,} 行，校准的计数与报告完全相同。"
        )
        return (
            "本章默认使用**合成演示数据（SYNTHETIC）**：由固定随机种子生成的智慧芽格式专利导出，每行都标注“SYNTHETIC 合成演示数据”，"
            "申请人、地址、标题和摘要都是虚构的。它按报告公布的汇总数字（两市各时期专利数、表1、合作城市、产学研与申请主体比重）校准，"
            f"不是报告背后的检索数据；本章的数字都是合成的，**不是**对报告的复现，只用于演示方法。{scale}"
            "用 `-p patents_path=…` 运行本章即可分析真实的导出文件。"
        )
    scale = (
        f"This run has {int(n_rows):,} rows, {100 * f:.0f}% of the full size ({full_rows:,}): the calibrated counts are scaled "
        "down by that factor, shares stay about the same."
        if f < 1
        else f"This run has {int(n_rows):,} rows: the calibrated counts equal the report's."
    )
    return (
        "This chapter runs on **SYNTHETIC demo data** by default: a PatSnap-layout patent export generated with a fixed seed, "
        "every row marked 'SYNTHETIC 合成演示数据', with fictional applicants, addresses, titles and abstracts. It is calibrated to "
        "the report's published aggregates (each city's patents per period, Table 1, partner cities, industry–university–research "
        "and applicant shares) and is not the search behind the report: every number here is synthetic and **not** a reproduction "
        f"of the report; it shows the method. {scale} Run the chapter with `-p patents_path=…` to analyse a real export."
    )


def import_sentences(summary: Mapping[str, int], files: pd.DataFrame) -> dict[str, str]:
    """What the import found, in zh and en: files, rows, duplicates dropped, patents, applicant rows and how the
    addresses lined up with the applicants."""
    s = summary
    al = (
        files[["address_aligned", "address_first_only", "address_mismatch", "address_none"]].sum()
        if len(files)
        else None
    )
    enc = ", ".join(sorted({e for e in files["encoding"] if e})) if len(files) else ""
    zh = (
        f"读入 {s['files']} 个文件共 {s['rows_read']:,} 行（编码：{enc or '无（xlsx）'}），按专利号去重删去 {s['duplicates_dropped']:,} 行，"
        f"余 {s['patents']:,} 件专利、{s['applicants']:,} 条申请人记录（一件专利的每个申请人一条），其中 {s['co_applied']:,} 件有两个及以上申请人。"
    )
    en = (
        f"{s['files']} file(s) with {s['rows_read']:,} rows were read (encoding: {enc or 'none, xlsx'}); {s['duplicates_dropped']:,} "
        f"duplicate rows (same patent number) were dropped, leaving {s['patents']:,} patents and {s['applicants']:,} applicant records "
        f"(one per applicant of a patent); {s['co_applied']:,} patents have two or more applicants."
    )
    if al is not None:
        zh += (
            f"申请人地址（按去重前的行计）：{int(al['address_aligned']):,} 行的地址与申请人一一对应，{int(al['address_first_only']):,} 行只有一个地址"
            f"（只用于第一申请人），{int(al['address_mismatch']):,} 行地址数与申请人数不符（只把第一个地址给第一申请人），"
            f"{int(al['address_none']):,} 行没有地址。"
        )
        en += (
            f" Applicant addresses (rows before deduplication): one per applicant in {int(al['address_aligned']):,} rows, a single address "
            f"(used for the first applicant only) in {int(al['address_first_only']):,}, a different number (the first address goes to the "
            f"first applicant only) in {int(al['address_mismatch']):,}, none in {int(al['address_none']):,}."
        )
    return {"zh": zh, "en": en}


def calibration_display(cal: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`calibration_at_scale` with text columns for display: measure label, city, key, target, expected, computed and
    difference (shown only where not exact) formatted by kind (counts whole, shares and multiples with two decimals),
    status label (exact | approximate | miss)."""
    is_count = cal["measure"].isin(COUNT_MEASURES + ("Table 1 rank",)).to_numpy()

    def fmt(v: float, whole: bool, sign: bool = False) -> str:
        if pd.isna(v):
            return ""
        return (f"{v:+,.0f}" if sign else f"{v:,.0f}") if whole else (f"{v:+.2f}" if sign else f"{v:.2f}")

    status = {"exact": ("相符", "exact"), "approximate": ("近似", "approx."), "miss": ("不符", "miss")}
    out = cal.copy()
    out["measure_label"] = [measure_label(m, lang) for m in cal["measure"]]
    out["city_label"] = [place(c, lang) for c in cal["city"]]
    out["key_label"] = [place(k, lang) if k and not re.fullmatch(r"[A-H]\d{2}[A-Z]", str(k)) else k for k in cal["key"]]
    for col in ("target", "expected", "computed"):
        out[f"{col}_text"] = [fmt(v, w) for v, w in zip(cal[col], is_count)]
    out["diff_text"] = [
        fmt(v, w, sign=True) if st != "exact" else "" for v, w, st in zip(cal["diff"], is_count, cal["status"])
    ]
    out["status_label"] = [status[s][0 if lang == "zh" else 1] for s in cal["status"]]
    return out


def pair_periods(trend: pd.DataFrame, periods: Mapping[str, tuple[int, int]]) -> pd.DataFrame:
    """Co-applied patents of each (first-applicant city, partner) of `patents.partner_trend` summed over each period
    (inclusive years; columns named by the periods), pairs in their order in `trend`."""
    keys = list(dict.fromkeys(zip(trend["first_applicant_city"], trend["partner_city"])))
    out = pd.DataFrame(keys, columns=["first_applicant_city", "partner_city"])
    for name, (a, b) in periods.items():
        m = trend[(trend["year"] >= a) & (trend["year"] <= b)]
        sums = m.groupby(["first_applicant_city", "partner_city"], sort=False)["patents_count"].sum()
        out[name] = [int(sums.get(k, 0)) for k in keys]
    return out


def subclass_label(code: str, title_zh: str, title_en: str, lang: str, width: int | None = None) -> str:
    """An IPC subclass with a short title: 'G06K 数据识别' / 'G06K Recognition of data' (first part of the title,
    cut to `width` characters; default 10 in zh, 32 in en)."""
    if code == REST:
        return code
    title = title_zh if lang == "zh" else sentence_case(str(title_en).lower())
    if not title:
        return code
    return f"{code} {short_label(title, width or (10 if lang == 'zh' else 32))}"


def city_totals(pats: pd.DataFrame, cities: Sequence[str]) -> dict[str, int]:
    """AI patents with the first applicant in each of `cities` (all years), 0 where none."""
    fc = pats["first_city"].astype(object).to_numpy()
    ai = pats["is_ai"].to_numpy(dtype=bool)
    return {c: int((ai & (fc == c)).sum()) for c in cities}


# ---- the data of a run -------------------------------------------------------------------------------------------
@dataclass
class Micro:
    """One run's patent micro-data: the pair of cities, the named periods, the export (the user's or the demo's),
    what the method made of it, and the source names of its figures and tables."""

    A: str
    B: str
    per: dict[str, tuple[int, int]]
    export: pt.PatentExport
    synthetic: bool
    what: str
    an: pt.PatentAnalysis
    totals: dict[str, int]  # AI patents per chapter city

    @property
    def pats(self) -> pd.DataFrame:
        return self.an.patents

    @property
    def apps(self) -> pd.DataFrame:
        return self.an.applicants

    @property
    def SRC(self) -> list[str]:  # noqa: N802 (the notebooks' name for it)
        return [f"synthetic:{self.what}"] if self.synthetic else [f"file:{self.what}"]

    @property
    def have(self) -> list[str]:
        """The chapter cities with AI patents."""
        return [c for c, n in self.totals.items() if n]

    @property
    def published_pair(self) -> bool:
        """Whether the pair is the report's (Guangzhou and Shenzhen), whose published numbers are shown beside the computed ones."""
        return {self.A, self.B} == {"广州", "深圳"}

    @property
    def n_ai(self) -> int:
        return int(self.pats.is_ai.sum())


# What the patent chapters need beyond the reader's required columns (rules/patent_headers.yaml): field group
# (one of) -> why. Checked per file so the message names the file that lacks it.
CHAPTER_NEEDS: dict[tuple[str, ...], tuple[str, str]] = {
    ("applicant_address",): (
        "申请人地址：按地址确定申请人所在城市",
        "applicant addresses: applicants are placed in cities by address",
    ),
    ("ipc_main", "ipc"): (
        "IPC 分类号：按小类统计（表一）",
        "IPC codes: the subclass table (Table 1) counts by subclass",
    ),
}


def require_columns(export: pt.PatentExport, lang: str = "en", rules: pt.HeaderRules | None = None) -> None:
    """Refuse an export whose files lack a column the patent chapters need (CHAPTER_NEEDS): one DataError per
    first such file, naming the field, what it is for, the headers accepted for it and the headers found."""
    rules = rules or pt.load_header_rules()
    for info in export.info["files"]:
        found = info.get("columns", {})
        missing = [group for group in CHAPTER_NEEDS if not any(f in found for f in group)]
        if not missing:
            continue
        parts = []
        for group in missing:
            zh, en = CHAPTER_NEEDS[group]
            accepted = ", ".join(h for f in group for h in rules.fields.get(f, ())[:6])
            parts.append(f"{' or '.join(group)} ({zh if lang == 'zh' else en}; accepted headers: {accepted})")
        raise DataError(
            info["file"],
            message="the export lacks columns the patent method needs: "
            + "; ".join(parts)
            + f". Headers mapped: {', '.join(sorted(found.values())) or 'none'}",
        )


def load_micro(
    city_a: str,
    city_b: str,
    periods: Mapping[str, Sequence[int]],
    patents_path: str,
    demo_rows: int,
    seed: int,
    demo: Path | str | None = None,
) -> Micro:
    """The parameters checked, the export loaded (see `load_patents`; `demo`: the build's demo export) and
    analysed (`pt.analyse`)."""
    A, B = city_pair(city_a, city_b)
    per = check_periods(periods)
    export, synthetic, what = load_patents(patents_path, demo_rows, seed, demo)
    require_columns(export)
    an = pt.analyse(export)
    return Micro(
        A=A, B=B, per=per, export=export, synthetic=synthetic, what=what, an=an, totals=city_totals(an.patents, [A, B])
    )


def show_notices(ch, m: Micro, demo_rows: int) -> None:
    """The boxes that open a patent-method chapter: SYNTHETIC data, a chosen city without data."""
    if m.synthetic:
        ch.box(
            ch.pick("合成演示数据（SYNTHETIC）", "SYNTHETIC demo data"),
            synthetic_notice(ch.lang, demo_rows),
            kind="limitation",
        )
    if missing := missing_cities_notice(m.totals, ch.lang):
        ch.box(ch.pick("所选城市没有数据", "A chosen city has no data"), missing, kind="limitation")
