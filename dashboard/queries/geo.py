"""The reads of the map geometry's metadata: bounding boxes the build computed once per feature of
each GeoJSON layer (table `geo_bbox`), so zooming to a place never reads the geometry itself.
"""
from __future__ import annotations

from collections.abc import Sequence

from dashboard.db import Reader

BBox = tuple[float, float, float, float]  # (min_lon, min_lat, max_lon, max_lat)


def bboxes(r: Reader, layer_ids: Sequence[str], codes: Sequence[str] | None = None) -> dict[str, BBox]:
    """{code: (min_lon, min_lat, max_lon, max_lat)} of the features of `layer_ids` (all of them, or
    only `codes`). A code in several layers (Brussels is a province and a region, most municipalities
    keep their code across vintages) takes the box of the first layer listed. Empty for a warehouse
    built before the table existed, so callers fall back to the geometry."""
    layer_ids = list(layer_ids)
    if not layer_ids or not r.has_table("geo_bbox"):
        return {}
    df = r.query("""
        SELECT code, min_lon, min_lat, max_lon, max_lat
        FROM geo_bbox
        WHERE list_contains($layers, layer_id)
          AND ($codes IS NULL OR list_contains($codes, code))
        ORDER BY list_position($layers, layer_id) DESC, code""",
        {"layers": layer_ids, "codes": None if codes is None else [str(c) for c in codes]})
    # Later rows overwrite earlier ones: the first layer listed comes last.
    return {code: (float(a), float(b), float(c), float(d))
            for code, a, b, c, d in df.itertuples(index=False, name=None)}
