"""The map page in headless Chromium against the REAL warehouse built from the mirror (the
session fixture `built_warehouse`; skipped without the mirror): all 304 municipalities drawn,
colours follow indicator and year, the URL is the view, profiles open from a click and from the
search, keyboard use, the table alternative, nothing fetched from outside 127.0.0.1, no console
errors. Screenshots go to tests/screenshots/ (look at them)."""
from __future__ import annotations

import itertools
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.helpers import allow_downloads, click, wait_for_callbacks, wait_for_file, wait_until

WAIT = 20
pytestmark = [pytest.mark.browser, pytest.mark.mirror,
              pytest.mark.filterwarnings("ignore:HTTPResponse.getheader:DeprecationWarning")]

GD = "document.querySelector('#map-graph .js-plotly-plot')"
IDLE_TOKENS = itertools.count(1)  # one per wait_map_idle call


def figure_state(duo) -> dict | None:
    """What the map trace holds in the browser: locations, class numbers, colour scale, and the
    colour each municipality is drawn with (from z and the stepped scale)."""
    return duo.driver.execute_script(f"""
        const gd = {GD};
        if (!gd || !gd.data || !gd.data.length || !gd.data[0].z) return null;
        const t = gd.data[0];
        const z = Array.from(t.z);
        const cs = t.colorscale, lo = t.zmin, hi = t.zmax;
        const colour = z.map(v => {{
            const f = (v - lo) / (hi - lo);
            let c = cs[0][1];
            for (const [pos, col] of cs) {{ if (pos <= f + 1e-9) c = col; }}
            return c;
        }});
        const full = gd._fullData && gd._fullData[0];
        return {{locations: Array.from(t.locations), z: z, colour: colour,
                 geojson: t.geojson, drawn: !!(gd._fullLayout && gd._fullLayout.map),
                 hovertemplate: t.hovertemplate, customdata0: t.customdata ? t.customdata[0] : null,
                 fullLocations: full ? full.locations.length : 0}};
    """)


def search_params(duo) -> dict:
    return {k: v[-1] for k, v in parse_qs(urlsplit(duo.driver.current_url).query).items()}


# The fill of the drawn map: per municipality its class (z) and the colour MapLibre paints from its
# feature state (assets/map_repaint.js), whether plotly kept its calculated points since
# `window.__mapCalc`, the colour scale, and whether the fill reads the feature states.
MAP_FILL = f"""
const gd = {GD}, trace = gd.data[0];
const gl = gd.calcdata[0][0].trace._glTrace, map = gl.subplot.map, layer = gl.layerList[0][1];
const source = map.getLayer(layer).source;
return {{kept: gd.calcdata === window.__mapCalc, scale: trace.colorscale,
         expression: JSON.stringify(map.getPaintProperty(layer, 'fill-color'))
                     === '["coalesce",["feature-state","fc"],["get","fc"]]',
         fills: trace.locations.map((loc, i) => [trace.z[i], map.getFeatureState({{source, id: loc}}).fc])}};
"""


def outlined(duo, trace: int) -> list[str]:
    """The locations an outline trace shows: those with a line (the trace holds every location of
    its layer, and MapLibre draws the line widths from the polygons' feature states)."""
    return duo.driver.execute_script(f"""
        const gd = {GD}, t = gd.data[arguments[0]];
        const gl = gd.calcdata[arguments[0]][0].trace._glTrace, map = gl.subplot.map, layer = gl.layerList[1][1];
        if (JSON.stringify(map.getPaintProperty(layer, 'line-width'))
            !== '["coalesce",["feature-state","mlw"],["get","mlw"]]') return null;
        return Array.from(t.locations).filter((loc, i) => t.marker.line.width[i] > 0);""", trace)


def mark_map_layers(duo) -> list[str]:
    """The ids of the map's MapLibre layers that carry a mark set by an earlier call (all of them the
    first time); marks every layer. A layer taken out and added again is a new object, unmarked."""
    return duo.driver.execute_script(f"""
        const map = {GD}._fullLayout.map._subplot.map, out = [];
        for (const l of map.getStyle().layers) {{
            const layer = map.style.getLayer(l.id);
            if (layer.__testMark || !window.__testMarked) out.push(l.id);
            layer.__testMark = true;
        }}
        window.__testMarked = true;
        return out;""")


def drawn_widths(duo, trace: int, locations: list[str]) -> list:
    """The line width MapLibre draws for these locations of an outline trace after a change: their
    feature state (the source keeps the polygons of the first draw, with the widths of then)."""
    return duo.driver.execute_script(f"""
        const gd = {GD}, gl = gd.calcdata[arguments[0]][0].trace._glTrace, map = gl.subplot.map;
        return arguments[1].map(id => map.getFeatureState({{source: gl.sourceId, id}}).mlw);""", trace, locations)


def painted_in_classes(fill: dict) -> bool:
    """Every municipality painted in its class's colour of the scale (two stops per class)."""
    return all(same_colour(colour, fill["scale"][2 * z][1]) for z, colour in fill["fills"])


def same_colour(a, b) -> bool:
    """'#rrggbb' and plotly's 'rgb(r, g, b)' alike."""
    def rgb(c):
        if not isinstance(c, str):
            return None
        if c.startswith("#") and len(c) == 7:
            return tuple(int(c[i:i + 2], 16) for i in (1, 3, 5))
        m = re.fullmatch(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*1)?\)", c)
        return tuple(int(x) for x in m.groups()) if m else None
    return rgb(a) is not None and rgb(a) == rgb(b)


def map_fill(duo) -> dict:
    return duo.driver.execute_script(MAP_FILL)


def wait_for_map(duo, year: int | None = None) -> dict:
    def ready():
        s = figure_state(duo)
        if not s or len(s["locations"]) != 304 or not any(s["z"]):
            return None
        if year is not None and f"in {year}" not in (s["customdata0"][0] if s["customdata0"] else ""):
            return None
        return s
    return wait_until(duo, ready, "the map did not draw")


def wait_map_idle(duo):
    """The MapLibre canvas has loaded its sources (geometry fetched, tiles none) and drawn its last
    frame: MapLibre's 'idle' event (no camera move, nothing left to load or place). A repaint is
    asked for once per call, so a map that was idle already says so again; the token keeps an
    earlier call's event from counting."""
    token = next(IDLE_TOKENS)
    wait_until(duo, lambda: duo.driver.execute_script(f"""
        const gd = {GD}, token = arguments[0];
        const m = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot
                  && gd._fullLayout.map._subplot.map;
        if (!(m && m.loaded() && m.areTilesLoaded())) return false;
        if (m.__testIdleToken !== token) {{
            m.__testIdleToken = token;
            m.__testIdle = false;
            m.once('idle', () => {{ if (m.__testIdleToken === token) m.__testIdle = true; }});
            m.triggerRepaint();
        }}
        return m.__testIdle;""", token), "the map canvas did not finish drawing")


def map_tiles(duo) -> dict:
    """Per GeoJSON source the map draws: how many tiles MapLibre cut it into for the current view,
    and whether the fill layers over it still draw their own antialiasing edge."""
    return duo.driver.execute_script(f"""
        const map = {GD}._fullLayout.map._subplot.map, style = map.style;
        const managers = style.tileManagers || style.sourceCaches, out = {{}};
        for (const l of map.getStyle().layers) {{
            if (!l.source || (l.layout || {{}}).visibility === 'none') continue;
            const entry = out[l.source] || (out[l.source] = {{tiles: managers[l.source].getIds().length}});
            if (l.type === 'fill') entry.fillEdges = map.getPaintProperty(l.id, 'fill-antialias') !== false;
        }}
        return out;""")


def outside_requests(duo) -> list[str]:
    names = duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);")
    return [n for n in names if not re.match(r"^(https?://(127\.0\.0\.1|localhost)(:\d+)?/|data:|blob:)", n)]


def choose(duo, dropdown_id: str, text: str, type_text: str | None = None):
    """Pick the option whose label is `text` (typing `type_text` first in searchable ones)."""
    duo.find_element(f"#{dropdown_id}").click()
    if type_text:
        box = wait_until(duo, lambda: duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-search"),
                         "no search box in the dropdown")[0]
        box.send_keys(type_text)

    def option():
        for o in duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option"):
            if o.text.strip() == text:
                return o
        return None

    wait_until(duo, option, f"no option {text!r}").click()


def test_map_draws_304_and_follows_indicator_and_year(start_app, real_warehouse, screenshot):
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/")
    duo.wait_for_text_to_equal("h1", "Kaart van de gemeenten", timeout=WAIT)
    first = wait_for_map(duo)
    assert len(first["locations"]) == 304 and len(set(first["locations"])) == 304
    assert first["fullLocations"] == 304
    # the geometry is a static, versioned URL (fetched once), not embedded in the figure
    assert isinstance(first["geojson"], str)
    assert re.fullmatch(r"/geo/municipalities_2025\.geojson\?v=[0-9a-f]{64}", first["geojson"])
    # default view: arop_admin, latest year, 5 classes + "geen gegevens"
    legend = duo.find_element("#map-legend")
    wait_until(duo, lambda: "Administratief armoederisico" in legend.text, "legend title")
    assert "2022" in duo.find_element("#map-legend-title").text
    assert len(duo.driver.find_elements(By.CSS_SELECTOR, "#map-legend .map-class")) == 6
    assert "geen gegevens" in duo.find_element("#map-legend-nodata").text
    assert re.search(r"\d+,\d – \d+,\d[\s\u00a0]%", legend.text), legend.text
    assert len(set(first["colour"])) >= 5
    # hover text: Belgian notation, own year, rank among all and in the province
    assert re.fullmatch(r"\d+,\d\u00a0% in \d{4}.*", first["customdata0"][0])
    assert "Rang %{customdata[1]} van" in first["hovertemplate"]
    assert "provincie" in first["hovertemplate"] and "%{hovertext}" in first["hovertemplate"]
    wait_map_idle(duo)
    # the whole initial view is one tile per source (MapLibre draws layer by layer, tile by tile;
    # each tile costs frame time without a GPU), and the municipalities' white borders cover their
    # fills' edges, so the fills draw no antialiasing edge of their own
    tiles = map_tiles(duo)
    assert len(tiles) >= 3 and all(t["tiles"] == 1 for t in tiles.values()), tiles
    assert [t["fillEdges"] for t in tiles.values() if "fillEdges" in t] == [False], tiles
    shot = screenshot("map_home_nl")
    assert shot.stat().st_size > 30_000
    # the address stays "/" for the default view
    assert urlsplit(duo.driver.current_url).query == ""

    # another year: other colours, and the URL follows
    slider = duo.find_element("#map-year")
    handle = slider.find_element(By.CSS_SELECTOR, "[role='slider']")
    handle.send_keys(Keys.HOME)
    second = wait_for_map(duo, year=2015)
    assert second["colour"] != first["colour"]
    wait_until(duo, lambda: search_params(duo).get("year") == "2015", "URL did not follow the year")
    # the arrow keys move the year one step
    handle.send_keys(Keys.ARROW_RIGHT)
    wait_for_map(duo, year=2016)
    wait_until(duo, lambda: search_params(duo).get("year") == "2016", "arrow key did not move the year")

    # another indicator: its own years and colours
    layers_drawn = mark_map_layers(duo)
    choose(duo, "map-indicator", "Mediaan equivalent beschikbaar inkomen")
    wait_until(duo, lambda: search_params(duo).get("indicator") == "adi_median", "URL did not follow the indicator")
    third = wait_for_map(duo)
    assert third["colour"] != second["colour"]
    assert third["customdata0"][0].startswith("€\u00a0")
    # plotly recalculated the new colour scale; the fill of every municipality follows it from the
    # feature states (the polygons were not handed to MapLibre again)
    wait_until(duo, lambda: painted_in_classes(map_fill(duo)), "the new indicator's colours were not painted")
    # ... and MapLibre kept every layer of the map: none was taken out and added again (which would
    # re-tile its source and redraw the map several times over)
    assert mark_map_layers(duo) == layers_drawn
    wait_until(duo, lambda: "Donkerder is ongunstiger (lagere waarde)" in duo.find_element("#map-legend").text,
               "direction of the scale not stated")
    wait_map_idle(duo)
    screenshot("map_adi_median_nl")

    assert outside_requests(duo) == []
    assert duo.get_logs() == []


def test_url_restores_a_view_with_networks_and_selection(start_app, real_warehouse, screenshot):
    duo = start_app()
    query = "indicator=arop_admin&year=2019&scheme=equal_interval&k=4&overlay=lbn_2023&nis=44021&lang=en"
    duo.wait_for_page(url=f"{duo.server_url}/?{query}")
    duo.wait_for_text_to_equal("h1", "Map of the municipalities", timeout=WAIT)
    state = wait_for_map(duo, year=2019)
    assert len(set(state["colour"])) == 5  # 4 classes + no data (one value is missing)
    legend = duo.find_element("#map-legend")
    wait_until(duo, lambda: "Administrative at-risk-of-poverty rate" in legend.text, "legend in English")
    assert len(legend.find_elements(By.CSS_SELECTOR, ".map-class")) == 4 + 1 + 2  # classes, no data, 2 overlays
    assert "Equal intervals" in duo.find_element("#map-scheme").text
    assert "2019" in duo.find_element("#map-legend-title").text
    # English notation
    assert re.fullmatch(r"\d+\.\d% in 2019.*", state["customdata0"][0])
    # the selection: Gent, zoomed in and outlined, with a link to its profile
    selection = duo.wait_for_element("#map-selection-heading", timeout=WAIT)
    assert selection.text.startswith("Gent")
    assert outlined(duo, 3) == ["44021"]
    zoom = duo.driver.execute_script(f"return {GD}.layout.map.zoom")
    assert zoom > 8
    # networks overlay: municipalities outlined, the province-wide network named
    assert len(outlined(duo, 1)) > 20 and outlined(duo, 2) == ["70000"]
    assert "Province-wide" in duo.find_element("#map-networks-note").text
    hover_networks = duo.driver.execute_script(f"""
        const t = {GD}.data[0]; const i = Array.from(t.locations).indexOf('44021'); return t.hovertext[i];""")
    assert hover_networks.startswith("Networks: ") and "•" in hover_networks
    wait_map_idle(duo)
    screenshot("map_view_en")
    # the URL still says the same view (nothing was lost on load)
    params = search_params(duo)
    assert params == {"indicator": "arop_admin", "year": "2019", "scheme": "equal_interval", "k": "4",
                      "overlay": "lbn_2023", "nis": "44021", "lang": "en"}
    # the language switch keeps the view
    duo.find_element("#app-lang-nl").click()
    duo.wait_for_text_to_equal("h1", "Kaart van de gemeenten", timeout=WAIT)
    wait_for_map(duo, year=2019)
    params = search_params(duo)
    assert params.get("year") == "2019" and params.get("nis") == "44021" and "lang" not in params
    assert outside_requests(duo) == []
    assert duo.get_logs() == []


def test_profile_opens_from_search_and_from_a_click(start_app, real_warehouse, screenshot):
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/")
    wait_for_map(duo)
    # search by name: zooms to it and offers its profile
    choose(duo, "map-search", "Gent / Gand (Oost-Vlaanderen)", type_text="Gent")
    wait_until(duo, lambda: search_params(duo).get("nis") == "44021", "the search did not select Gent")
    link = duo.wait_for_element("#map-selection-profile", timeout=WAIT)
    wait_until(duo, lambda: duo.driver.execute_script(f"return {GD}.layout.map.zoom") > 8, "no zoom to Gent")
    assert outlined(duo, 3) == ["44021"]
    # the networks outlined: a change of line widths, painted from the polygons' feature states
    # (Antwerpen has a network, Aartselaar none)
    choose(duo, "map-overlay", "Lokale bondgenotennetwerken tegen kinderarmoede")
    wait_until(duo, lambda: search_params(duo).get("overlay") == "lbn_2023", "the overlay was not chosen")
    assert "11002" in outlined(duo, 1) and "11001" not in outlined(duo, 1)
    wait_until(duo, lambda: drawn_widths(duo, 1, ["11002", "11001"]) == [3, 0], "the networks were not outlined")
    wait_map_idle(duo)
    screenshot("map_search_gent")
    link.click()
    wait_until(duo, lambda: urlsplit(duo.driver.current_url).path == "/gemeente", "profile not opened")
    # ui.links.profile_href: Dutch, the default language, is not spelled out in the URL
    assert parse_qs(urlsplit(duo.driver.current_url).query) == {"nis": ["44021"]}

    # a click on the map. Headless Chromium's software WebGL gives MapLibre no pointer hits
    # here, so the click event is sent the way plotly sends it (dcc.Graph -> clickData).
    duo.wait_for_page(url=f"{duo.server_url}/")
    wait_for_map(duo)
    wait_map_idle(duo)
    duo.driver.execute_script(f"""
        const gd = {GD};
        gd.emit('plotly_click', {{points: [{{curveNumber: 0, pointNumber: gd.data[0].locations.indexOf('11002'),
                                               location: '11002'}}], event: {{}}}});""")
    wait_until(duo, lambda: urlsplit(duo.driver.current_url).path == "/gemeente", "click did not open a profile")
    assert parse_qs(urlsplit(duo.driver.current_url).query)["nis"] == ["11002"]
    assert duo.get_logs() == []


def test_table_alternative_play_and_download(start_app, real_warehouse, screenshot, download_dir):
    duo = start_app()
    duo.wait_for_page(url=f"{duo.server_url}/?indicator=arop_admin&year=2016")
    wait_for_map(duo, year=2016)
    duo.driver.execute_script(f"window.__mapCalc = {GD}.calcdata")
    # play: the year advances by itself
    duo.find_element("#map-play").click()
    wait_until(duo, lambda: search_params(duo).get("year") == "2017", "play did not advance", timeout=10)
    duo.find_element("#map-play").click()  # pause
    wait_until(duo, lambda: duo.find_element("#map-play").get_attribute("aria-pressed") == "false", "not paused")
    # each new year is painted from MapLibre feature states: plotly kept its drawing (the outlines were
    # not handed to MapLibre again), and every municipality has its class's colour of the scale
    wait_for_callbacks(duo)
    painted = wait_until(duo, lambda: (p := map_fill(duo))["expression"] and p, "the new year was not painted")
    assert painted["kept"] and len(painted["fills"]) == 304
    assert painted_in_classes(painted), painted["fills"][:5]
    assert {z for z, _fill in painted["fills"]} != {0}
    toggle = duo.find_element("#map-table-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    wait_until(duo, lambda: len(duo.driver.find_elements(By.CSS_SELECTOR, "#map-table-body tr")) == 304,
               "table not shown with 304 rows")
    assert toggle.get_attribute("aria-expanded") == "true"
    table = duo.find_element("#map-table")
    headers = [th.text.replace("↕", "").replace("▲", "").replace("▼", "").strip()
               for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    assert headers == ["Gemeente", "Provincie", "Waarde", "Jaar van de waarde", "Rang", "Vlag"]
    first = table.find_elements(By.CSS_SELECTOR, "tbody tr")[0].find_elements(By.CSS_SELECTOR, "td")
    assert first[4].text == "1"
    # profile links from the table (keyboard reachable)
    href = first[0].find_element(By.TAG_NAME, "a").get_attribute("href")
    assert re.search(r"/gemeente\?nis=\d{5}$", href)
    # sort by name
    duo.find_element('button[id*="map-sort"][id*="name"]').click()
    wait_until(duo, lambda: duo.find_element('th[id*="map-sort-th"][id*="name"]').get_attribute("aria-sort")
               == "ascending", "not sorted by name")
    wait_until(duo, lambda: table.find_elements(By.CSS_SELECTOR, "tbody tr td")[0].text == "Aalst", "first is not Aalst")
    screenshot("map_table_nl")
    # the figures of the view as CSV: one row per municipality, Belgian notation, the view's year
    allow_downloads(duo, download_dir)
    click(duo, duo.find_element("#map-csv"))
    csv_file = wait_for_file(download_dir, ".csv")
    year = search_params(duo).get("year")  # where play was paused
    assert csv_file.name.startswith(f"kaart_arop_admin_{year}")
    lines = csv_file.read_text(encoding="utf-8-sig").strip().splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("NIS-code"))
    assert len(lines) - header - 1 == 304
    assert any(line.startswith("11002;Antwerpen;Antwerpen;") and f";{year};" in line for line in lines)
    assert duo.get_logs() == []
