"""The map figure every page draws the same way: layout, the view of Flanders and Brussels, and a
view fitted to a set of municipalities or provinces.

Bounding boxes are (min lon, min lat, max lon, max lat) per code, computed by the build with shapely
(table `geo_bbox`); `fit_places` reads them once per build.
"""
from __future__ import annotations

import math
from pathlib import Path

from dashboard import db

# Flanders and Brussels at the map's default size.
CENTER = {"lon": 4.22, "lat": 51.03}
ZOOM = 7.3
HOVER_LABEL = {"bgcolor": "#ffffff", "bordercolor": "#4a4a4a", "font": {"size": 14, "color": "#1a1a1a"},
               "align": "left"}

Box = tuple[float, float, float, float]


def map_layout(view: dict | None = None, layers: list | None = None, uirevision: str = "map") -> dict:
    """The layout of a choropleth map without tiles (`white-bg`: nothing loads from a tile server)."""
    view = view or {"center": CENTER, "zoom": ZOOM}
    return {
        "map": {"style": "white-bg", "center": view["center"], "zoom": view["zoom"], "layers": layers or []},
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "uirevision": uirevision,
        "hoverlabel": HOVER_LABEL,
        "showlegend": False,
        "dragmode": "pan",
        "paper_bgcolor": "#ffffff",
    }


def empty_map(uirevision: str = "map") -> dict:
    """A map's figure before its data: no traces, and no axes (without a map trace plotly would draw
    empty cartesian axes with their grid, which showed until the map came, and in print)."""
    layout = map_layout(uirevision=uirevision)
    return {"data": [], "layout": {**layout, "xaxis": {"visible": False}, "yaxis": {"visible": False}}}


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(boxes: list[Box], width: int, height: int, fill: float,
             zoom_min: float = 5.0, zoom_max: float = 12.0) -> dict | None:
    """Centre and zoom at which the union of `boxes` fills the share `fill` of a `width` x `height`
    pixel map (web-mercator tiles of 512 px); None without boxes."""
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    zx = math.log2(width * fill * 360 / (512 * max(x1 - x0, 1e-4)))
    zy = math.log2(height * fill * 2 * math.pi / (512 * max(_mercator(y1) - _mercator(y0), 1e-6)))
    zoom = max(zoom_min, min(zoom_max, zx, zy))
    return {"center": {"lon": (x0 + x1) / 2, "lat": (y0 + y1) / 2}, "zoom": round(zoom, 2)}


def place_boxes(layer_ids: tuple[str, ...]) -> dict[str, Box]:
    """Bounding box per municipality or province code of these GeoJSON layers, as the build
    computed them (table `geo_bbox`), read once per build."""
    from dashboard.queries import geo

    return db.per_build_live(geo.bboxes, tuple(layer_ids))


def fit_places(codes, layer_ids: tuple[str, ...], width: int, height: int, fill: float,
               zoom_min: float = 5.0, zoom_max: float = 12.0) -> dict | None:
    """The view at which these places fill the share `fill` of the map (see fit_view); None when
    none of them has a box."""
    known = place_boxes(tuple(layer_ids))
    return fit_view([known[c] for c in codes if c in known], width, height, fill, zoom_min, zoom_max)


def layer_path(layer: dict | None) -> Path | None:
    """The file of a `geo_layer` row ({file_name, ...}) in GEO_DIR, None when the build wrote none."""
    if not layer:
        return None
    path = db.geo_dir() / layer["file_name"]
    return path if path.is_file() else None
