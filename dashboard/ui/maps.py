"""The map figure every page draws the same way: layout, the view of Flanders and Brussels, and a
view fitted to a set of municipalities or provinces.

Bounding boxes are (min lon, min lat, max lon, max lat) per code; `layer_bboxes` reads them for a
GeoJSON layer once per layer version.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
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


def _walk(coords, xs: list[float], ys: list[float]) -> None:
    if coords and isinstance(coords[0], (int, float)):
        xs.append(coords[0])
        ys.append(coords[1])
    else:
        for part in coords or []:
            _walk(part, xs, ys)


@lru_cache(maxsize=8)
def layer_bboxes(path: str, sha256: str) -> dict[str, Box]:
    """Bounding box per feature of a GeoJSON layer (keyed by its `nis` property or id), once per
    layer version (`sha256` is part of the cache key)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    out = {}
    for feature in data.get("features", []):
        code = (feature.get("properties") or {}).get("nis") or feature.get("id")
        xs: list[float] = []
        ys: list[float] = []
        _walk((feature.get("geometry") or {}).get("coordinates"), xs, ys)
        if xs:
            out[str(code)] = (min(xs), min(ys), max(xs), max(ys))
    return out


def layer_path(layer: dict | None) -> Path | None:
    """The file of a `geo_layer` row ({file_name, ...}) in GEO_DIR, None when the build wrote none."""
    if not layer:
        return None
    path = db.geo_dir() / layer["file_name"]
    return path if path.is_file() else None
