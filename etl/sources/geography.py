"""Municipal geography of Flanders and Brussels in three code vintages (NIS 2018, 2019, 2025).

Names, provinces and regions come from Provincies in Cijfers' area definitions, French names from
Statbel's REFNIS 2019 list, the 2019->2025 crosswalk from Provincies in Cijfers' aggregation table
and the 2018->2025 crosswalk from its statistical-sector table (the one file linking all three
vintages). Geometry is simplified as a coverage, so neighbours keep their shared borders.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from etl.errors import EtlError
from etl.geography_codes import nis
from etl.tables import MUNICIPALITIES_PER_VINTAGE, REGIONS

FILES = (
    "pinc-gemeente-2025-geojson",
    "pinc-gemeente-2024-shp", "pinc-gemeente-2024-shx", "pinc-gemeente-2024-dbf", "pinc-gemeente-2024-prj",
    "pinc-gemeente-2018-shp", "pinc-gemeente-2018-shx", "pinc-gemeente-2018-dbf", "pinc-gemeente-2018-prj",
    "pinc-def-gemeente-2025", "pinc-def-gemeente-2019", "pinc-def-gemeente-2018",
    "pinc-prov-2025", "pinc-prov-2019", "pinc-xwalk-2019-2025", "pinc-statsec2024-basis",
    "bmesuere-refnis-2019",
)

# Placeholder codes of Provincies in Cijfers ("niet te lokaliseren", "buiten Vlaanderen en Brussel").
PLACEHOLDERS = {"99991", "99992", "99993", "99999"}
PROVINCES = {
    "10000": ("Antwerpen", "Anvers", "Antwerp"),
    "20001": ("Vlaams-Brabant", "Brabant flamand", "Flemish Brabant"),
    "30000": ("West-Vlaanderen", "Flandre occidentale", "West Flanders"),
    "40000": ("Oost-Vlaanderen", "Flandre orientale", "East Flanders"),
    "70000": ("Limburg", "Limbourg", "Limburg"),
}
BRUSSELS = "04000"
REGION_NAMES = {"02000": ("Vlaams Gewest", "Région flamande", "Flemish Region"),
                "04000": ("Brussels Hoofdstedelijk Gewest", "Région de Bruxelles-Capitale", "Brussels-Capital Region")}
# Chosen so the 2025 layer stays under 400 KB (about 130-200 m on the ground); see README.
SIMPLIFY_TOLERANCE_DEG = {2025: 0.0018, 2019: 0.0018, 2018: 0.0018}
COORD_GRID = 1e-5  # five decimals, about 1 m


@dataclass
class Geography:
    municipality: pd.DataFrame
    area: pd.DataFrame
    crosswalk: pd.DataFrame
    geometry: dict[int, gpd.GeoDataFrame] = field(default_factory=dict)
    layers: list[dict] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.municipality) + len(self.area) + len(self.crosswalk)

    def rows_by_file(self) -> dict[str, int]:
        """What each catalog file contributed, for the source table."""
        m, x = self.municipality, self.crosswalk
        per_vintage = m.groupby("vintage").size().to_dict()
        features = {v: len(g) for v, g in self.geometry.items()}
        return {
            "pinc-def-gemeente-2025": per_vintage.get(2025, 0), "pinc-def-gemeente-2019": per_vintage.get(2019, 0),
            "pinc-def-gemeente-2018": per_vintage.get(2018, 0),
            "pinc-prov-2025": per_vintage.get(2025, 0), "pinc-prov-2019": per_vintage.get(2019, 0),
            "pinc-xwalk-2019-2025": int((x["from_vintage"] == 2019).sum()),
            "pinc-statsec2024-basis": int((x["from_vintage"] == 2018).sum()),
            "bmesuere-refnis-2019": int(m["name_fr"].notna().sum()),
            "pinc-gemeente-2025-geojson": features.get(2025, 0),
            **{f"pinc-gemeente-2024-{e}": features.get(2019, 0) for e in ("shp", "shx", "dbf", "prj")},
            **{f"pinc-gemeente-2018-{e}": features.get(2018, 0) for e in ("shp", "shx", "dbf", "prj")},
        }


def _read_xlsx(path: Path, source: str, columns: list[str]) -> pd.DataFrame:
    try:
        frame = pd.read_excel(path, engine="calamine", dtype=str)
    except Exception as exc:  # the reader's own message is the useful part
        raise EtlError(f"kan werkblad niet lezen: {exc}", source=source, file=path.name) from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise EtlError(f"kolommen {missing} ontbreken (gevonden: {list(frame.columns)})",
                       source=source, file=path.name, sheet="1")
    return frame


# ---------------------------------------------------------------- parse

def parse(paths: dict[str, Path]) -> Geography:
    names = {
        2025: _names(paths["pinc-def-gemeente-2025"], "pinc-def-gemeente-2025"),
        2019: _names(paths["pinc-def-gemeente-2019"], "pinc-def-gemeente-2019"),
        2018: _names(paths["pinc-def-gemeente-2018"], "pinc-def-gemeente-2018"),
    }
    xwalk_2019 = _read_xlsx(paths["pinc-xwalk-2019-2025"], "pinc-xwalk-2019-2025", ["gemeente2024", "gemeente"])
    xwalk_2019 = pd.DataFrame({"from_nis": nis(xwalk_2019["gemeente2024"]), "to_nis": nis(xwalk_2019["gemeente"])})
    sectors = _read_xlsx(paths["pinc-statsec2024-basis"], "pinc-statsec2024-basis",
                         ["gemeente2018", "gemeente2024", "gemeente"])
    xwalk_2018 = pd.DataFrame({"from_nis": nis(sectors["gemeente2018"]), "to_nis": nis(sectors["gemeente"])})
    xwalk_2018_2019 = pd.DataFrame({"from_nis": nis(sectors["gemeente2018"]), "to_nis": nis(sectors["gemeente2024"])})
    provinces = {
        2025: _provinces(paths["pinc-prov-2025"], "pinc-prov-2025", "gemeente", "provincie"),
        2019: _provinces(paths["pinc-prov-2019"], "pinc-prov-2019", "gemeente2024", "provincie2024"),
    }
    french = _french_names(paths["bmesuere-refnis-2019"])

    crosswalk = pd.concat([
        _crosswalk(xwalk_2019, 2019, 2025),
        _crosswalk(xwalk_2018, 2018, 2025),
        _crosswalk(xwalk_2018_2019, 2018, 2019),
    ], ignore_index=True)
    # A 2018 municipality lies in the province its 2019 successor lies in (the 2019 mergers
    # stayed within provinces; checked in check()).
    to_2019 = crosswalk.query("from_vintage == 2018 and to_vintage == 2019").set_index("from_nis")["to_nis"]
    provinces[2018] = to_2019.map(provinces[2019])

    frames = []
    for vintage, frame in names.items():
        frame = frame.copy()
        frame["vintage"] = vintage
        frame["province_nis"] = frame["nis_code"].map(provinces[vintage])
        frame["name_fr"] = frame["nis_code"].map(french)
        frames.append(frame)
    municipality = pd.concat(frames, ignore_index=True)
    municipality["region_nis"] = municipality["province_nis"].map(lambda p: BRUSSELS if p == BRUSSELS else "02000")
    municipality["region"] = municipality["region_nis"].map(REGIONS)
    municipality["province_name"] = municipality["province_nis"].map(
        lambda p: REGION_NAMES[BRUSSELS][0] if p == BRUSSELS else PROVINCES.get(p, (None,))[0])
    municipality = municipality[["nis_code", "vintage", "name_nl", "name_fr", "province_nis",
                                 "province_name", "region", "region_nis"]]

    area = pd.DataFrame(
        [(code, "region", *REGION_NAMES[code], code) for code in REGION_NAMES]
        + [(code, "province", *names_, "02000") for code, names_ in PROVINCES.items()],
        columns=["nis_code", "level", "name_nl", "name_fr", "name_en", "region_nis"])

    geometry = {
        2025: _geometry_geojson(paths["pinc-gemeente-2025-geojson"]),
        2019: _geometry_shapefile(paths, "pinc-gemeente-2024", "gemeente"),
        2018: _geometry_shapefile(paths, "pinc-gemeente-2018", "gemeente20"),
    }
    return Geography(municipality, area, crosswalk, geometry)


def _names(path: Path, source: str) -> pd.DataFrame:
    frame = _read_xlsx(path, source, ["geoitem code", "name"])
    out = pd.DataFrame({"nis_code": nis(frame["geoitem code"]), "name_nl": frame["name"].str.strip()})
    return out[~out["nis_code"].isin(PLACEHOLDERS)].reset_index(drop=True)


def _provinces(path: Path, source: str, code_col: str, prov_col: str) -> pd.Series:
    frame = _read_xlsx(path, source, [code_col, prov_col])
    series = pd.Series(nis(frame[prov_col]).values, index=nis(frame[code_col]).values)
    return series[~series.index.isin(PLACEHOLDERS)]


def _french_names(path: Path) -> pd.Series:
    # The file pairs a French list (left) with a Dutch list (right), each sorted on its own:
    # read the French side by its own code column.
    try:
        frame = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8")
    except Exception as exc:
        raise EtlError(f"kan CSV niet lezen: {exc}", source="bmesuere-refnis-2019", file=path.name) from exc
    if "Code INS" not in frame.columns or "Entités administratives" not in frame.columns:
        raise EtlError("kolommen 'Code INS' en 'Entités administratives' verwacht",
                       source="bmesuere-refnis-2019", file=path.name)
    frame = frame.dropna(subset=["Code INS"])
    return pd.Series(frame["Entités administratives"].str.strip().values, index=nis(frame["Code INS"]).values)


def _crosswalk(pairs: pd.DataFrame, from_vintage: int, to_vintage: int) -> pd.DataFrame:
    pairs = pairs[~pairs["from_nis"].isin(PLACEHOLDERS)].drop_duplicates()
    return pd.DataFrame({"from_vintage": from_vintage, "from_nis": pairs["from_nis"].values,
                         "to_vintage": to_vintage, "to_nis": pairs["to_nis"].values})


def _geometry_geojson(path: Path) -> gpd.GeoDataFrame:
    try:
        frame = gpd.read_file(path)
    except Exception as exc:
        raise EtlError(f"kan GeoJSON niet lezen: {exc}", source="pinc-gemeente-2025-geojson", file=path.name) from exc
    if "geoitem" not in frame.columns:
        raise EtlError("eigenschap 'geoitem' (NIS-code) ontbreekt", source="pinc-gemeente-2025-geojson", file=path.name)
    return gpd.GeoDataFrame({"nis_code": nis(frame["geoitem"])}, geometry=frame.geometry, crs=frame.crs or 4326)


def _geometry_shapefile(paths: dict[str, Path], prefix: str, code_col: str) -> gpd.GeoDataFrame:
    # The cache keeps each file in a folder of its own; a shapefile needs its parts side by side.
    with tempfile.TemporaryDirectory() as tmp:
        for ext in ("shp", "shx", "dbf", "prj"):
            os.symlink(paths[f"{prefix}-{ext}"], Path(tmp) / f"layer.{ext}")
        try:
            frame = gpd.read_file(Path(tmp) / "layer.shp")
        except Exception as exc:
            raise EtlError(f"kan shapefile niet lezen: {exc}", source=f"{prefix}-shp") from exc
    if code_col not in frame.columns:
        raise EtlError(f"kolom {code_col} (NIS-code) ontbreekt", source=f"{prefix}-dbf")
    return gpd.GeoDataFrame({"nis_code": nis(frame[code_col])}, geometry=frame.geometry, crs=frame.crs)


# ---------------------------------------------------------------- check

def check(geo: Geography) -> None:
    problems: list[str] = []
    m = geo.municipality
    for vintage, expected in MUNICIPALITIES_PER_VINTAGE.items():
        got = int((m["vintage"] == vintage).sum())
        if got != expected:
            problems.append(f"NIS {vintage}: {got} gemeenten, verwacht {expected}")
        unplaced = m[(m["vintage"] == vintage) & m["province_nis"].isna()]["nis_code"].tolist()
        if unplaced:
            problems.append(f"NIS {vintage}: geen provincie voor {unplaced[:10]}")
    for from_vintage in (2018, 2019):
        codes = set(m.loc[m["vintage"] == from_vintage, "nis_code"])
        x = geo.crosswalk.query("from_vintage == @from_vintage and to_vintage == 2025")
        if set(x["from_nis"]) != codes:
            problems.append(f"kruistabel {from_vintage}->2025 dekt niet alle gemeenten: "
                            f"{sorted(codes ^ set(x['from_nis']))[:10]}")
        if x["from_nis"].duplicated().any():
            problems.append(f"kruistabel {from_vintage}->2025: code naar meer dan één gemeente: "
                            f"{x.loc[x['from_nis'].duplicated(), 'from_nis'].tolist()[:10]}")
        unknown = set(x["to_nis"]) - set(m.loc[m["vintage"] == 2025, "nis_code"])
        if unknown:
            problems.append(f"kruistabel {from_vintage}->2025 verwijst naar onbekende codes {sorted(unknown)}")
    changed = geo.crosswalk.query("from_vintage == 2019 and to_vintage == 2025 and from_nis != to_nis")
    if len(changed) != 27:
        problems.append(f"{len(changed)} codes wijzigen in 2025, verwacht 27 (de Vlaamse fusies)")
    # 2019 mergers stayed within a province; a 2018 code whose successor moved would be misplaced.
    x18 = geo.crosswalk.query("from_vintage == 2018 and to_vintage == 2019")
    if x18["from_nis"].duplicated().any():
        problems.append("kruistabel 2018->2019 niet eenduidig")
    for vintage, frame in geo.geometry.items():
        codes = set(m.loc[m["vintage"] == vintage, "nis_code"])
        if set(frame["nis_code"]) != codes:
            problems.append(f"geometrie {vintage} past niet bij de codelijst: {sorted(codes ^ set(frame['nis_code']))[:10]}")
        if not shapely.is_valid(frame.geometry.values).all():
            problems.append(f"geometrie {vintage}: ongeldige polygonen")
    if problems:
        raise EtlError("; ".join(problems), source="geography")


# ---------------------------------------------------------------- layers

def build_layers(geo: Geography) -> list[dict]:
    """Simplified GeoJSON layers (municipalities per vintage, provinces and regions of 2025)."""
    layers = []
    for vintage, frame in geo.geometry.items():
        frame = frame.to_crs(4326) if frame.crs and frame.crs.to_epsg() != 4326 else frame
        tolerance = SIMPLIFY_TOLERANCE_DEG[vintage]
        simplified = shapely.set_precision(frame.geometry.simplify_coverage(tolerance).values, COORD_GRID)
        if not shapely.coverage_is_valid(simplified):
            raise EtlError(f"vereenvoudigde geometrie {vintage} is geen geldige bedekking meer "
                           "(gaten of overlappingen)", source="geography")
        if not shapely.is_valid(simplified).all():
            raise EtlError(f"vereenvoudigde geometrie {vintage} bevat ongeldige polygonen", source="geography")
        layers.append(_layer(f"municipalities_{vintage}", "municipality", vintage,
                             frame["nis_code"].tolist(), simplified, tolerance))
        if vintage == 2025:
            muni = geo.municipality.query("vintage == 2025").set_index("nis_code")
            keyed = gpd.GeoDataFrame({"nis_code": frame["nis_code"].values}, geometry=simplified, crs=4326)
            for level, column in (("province", "province_nis"), ("region", "region_nis")):
                keyed["group"] = keyed["nis_code"].map(muni[column])
                dissolved = keyed.dissolve(by="group")
                geoms = shapely.set_precision(dissolved.geometry.values, COORD_GRID)
                layers.append(_layer(f"{level}s_{vintage}", level, vintage, list(dissolved.index), geoms, tolerance))
    return layers


LAYER_COLUMNS = ["layer_id", "level", "vintage", "file_name", "features", "bytes", "sha256",
                 "simplify_tolerance_deg", "source_id", "geojson"]
BBOX_COLUMNS = ["layer_id", "code", "min_lon", "min_lat", "max_lon", "max_lat"]


def _layer(layer_id: str, level: str, vintage: int, codes: list[str], geoms, tolerance: float) -> dict:
    """One layer's row of geo_layer, plus `bboxes`: (code, min_lon, min_lat, max_lon, max_lat) per
    feature, of the very geometry the layer holds, for table geo_bbox."""
    features = [{"type": "Feature", "id": code, "properties": {"nis": code},
                 "geometry": shapely.geometry.mapping(geom)} for code, geom in zip(codes, geoms)]
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    data = text.encode()
    source = {2025: "pinc-gemeente-2025-geojson", 2019: "pinc-gemeente-2024-shp", 2018: "pinc-gemeente-2018-shp"}[vintage]
    bounds = shapely.bounds(geoms)  # (minx, miny, maxx, maxy) = (lon, lat, lon, lat)
    return {"layer_id": layer_id, "level": level, "vintage": vintage, "file_name": f"{layer_id}.geojson",
            "features": len(features), "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "simplify_tolerance_deg": tolerance, "source_id": source, "geojson": text,
            "bboxes": [(code, *map(float, box)) for code, box in zip(codes, bounds)]}


# ---------------------------------------------------------------- load

def load(con, geo: Geography) -> int:
    con.register("geo_municipality", geo.municipality)
    con.execute("INSERT INTO municipality SELECT * FROM geo_municipality")
    con.register("geo_area", geo.area)
    con.execute("INSERT INTO area SELECT * FROM geo_area")
    con.register("geo_crosswalk", geo.crosswalk)
    con.execute("INSERT INTO municipality_crosswalk SELECT * FROM geo_crosswalk")
    layers = pd.DataFrame(geo.layers, columns=LAYER_COLUMNS)
    con.register("geo_layers", layers)
    con.execute("INSERT INTO geo_layer SELECT * FROM geo_layers")
    bboxes = pd.DataFrame([(layer["layer_id"], *box) for layer in geo.layers for box in layer["bboxes"]],
                          columns=BBOX_COLUMNS)
    con.register("geo_bboxes", bboxes)
    con.execute("INSERT INTO geo_bbox SELECT * FROM geo_bboxes")
    for name in ("geo_municipality", "geo_area", "geo_crosswalk", "geo_layers", "geo_bboxes"):
        con.unregister(name)
    return geo.rows
