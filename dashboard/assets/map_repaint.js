/* Choropleth maps whose fill follows new values without plotly redrawing them (the home map's years,
 * the need page's shortlist; dashboard/pages/map/figures.py, dashboard/pages/need/figures.py).
 *
 * Plotly redraws a `choroplethmap` trace by handing its polygons to MapLibre again, which re-tiles
 * them in its worker over several frames; without a GPU (the 2-core machine draws WebGL in software)
 * each frame blocks the page for 100-500 ms. These figures keep their layout's `datarevision` while
 * only the values change, so plotly leaves the drawn trace alone (it still takes the new `z` and
 * `customdata`, which the hover reads), and here the fill of trace 0 is painted from a MapLibre
 * feature state per location, computed from the new `z` and the trace's colour scale: one frame.
 *
 * The fill expression reads the feature state `fc` and falls back to plotly's own colour. The
 * dashboard's plotly.js (frontend/src/plotly-dashboard.js) draws every choroplethmap with it from the
 * start, and paints plotly's own redraws from feature states too. With Dash's full plotly.js (served
 * when that bundle could not be built) it is set here, once the browser is idle after plotly drew the
 * trace itself (setting it makes MapLibre re-tile once): at once after the first draw, a while after a
 * redraw for a change, when the user reads the map rather than waits for it.
 *
 *   window.dash_clientside.map_repaint.watch(graphId)   // idempotent; call when the figure changes
 */
(function () {
  "use strict";

  var FILL = ["coalesce", ["feature-state", "fc"], ["get", "fc"]];
  var PREPARE_AFTER_MS = 1500;  // after plotly redrew the trace for a change: the user is reading the map
  var WATCH_TRIES = 200;        // the graph's first draw may take a while (plotly.js loads first)
  var WATCH_EVERY_MS = 50;

  /* The colour of z in a plotly colour scale: the last stop at or below z's place in [zmin, zmax]. */
  function colourOf(trace) {
    var scale = trace.colorscale || [];
    var zmin = trace.zmin, zmax = trace.zmax;
    return function (z) {
      if (typeof z !== "number" || !scale.length) { return null; }
      var at = zmax > zmin ? (z - zmin) / (zmax - zmin) : 0;
      var colour = scale[0][1];
      for (var i = 0; i < scale.length; i++) {
        if (scale[i][0] <= at + 1e-9) { colour = scale[i][1]; }
      }
      return colour;
    };
  }

  function target(gd) {
    var points = gd && gd.calcdata && gd.calcdata[0];
    var drawn = points && points[0] && points[0].trace;
    var glTrace = drawn && drawn._glTrace;
    var map = glTrace && glTrace.subplot && glTrace.subplot.map;
    var layer = glTrace && glTrace.layerList && glTrace.layerList[0][1];
    if (!map || !layer || !map.getLayer(layer)) { return null; }
    return {map: map, layer: layer, source: map.getLayer(layer).source, points: points};
  }

  function fillsFromState(at) {
    return JSON.stringify(at.map.getPaintProperty(at.layer, "fill-color")) === JSON.stringify(FILL);
  }

  /* Paints trace 0's current values from feature states (setting the fill expression if missing). */
  function paint(gd) {
    var at = target(gd), trace = gd.data && gd.data[0];
    if (!at || !trace || !trace.locations || !trace.z) { return; }
    var colour = colourOf(trace), zOf = valuesOf(trace);
    trace.locations.forEach(function (loc, i) {
      at.map.setFeatureState({source: at.source, id: loc}, {fc: colour(trace.z[i])});
    });
    // plotly's own points follow, so a redraw of its own (a resize) paints the same
    at.points.forEach(function (p) { if (p.loc !== null && p.loc in zOf) { p.z = zOf[p.loc]; } });
    if (!fillsFromState(at)) { at.map.setPaintProperty(at.layer, "fill-color", FILL); }
  }

  function prepareLater(gd, delay) {
    clearTimeout(gd.__repaintTimer);
    gd.__repaintTimer = setTimeout(function () {
      (window.requestIdleCallback || window.setTimeout)(function () { paint(gd); });
    }, delay);
  }

  function valuesOf(trace) {
    var zOf = {};
    (trace && trace.locations || []).forEach(function (loc, i) { zOf[loc] = trace.z[i]; });
    return zOf;
  }

  /* After each Plotly.react: when plotly kept its drawing (its points still hold the old values), the
   * new values are painted here; when it drew the trace itself (its points hold the new values, its
   * own fill expression is back), the feature states are prepared for the next change. */
  function afterReact(gd) {
    var at = target(gd), trace = gd.data && gd.data[0];
    if (!at || !trace || !trace.z) { return; }
    var zOf = valuesOf(trace);
    var kept = at.points.some(function (p) { return p.loc !== null && p.loc in zOf && p.z !== zOf[p.loc]; });
    if (kept) {
      clearTimeout(gd.__repaintTimer);
      paint(gd);
    } else if (!fillsFromState(at)) {
      prepareLater(gd, PREPARE_AFTER_MS);
    }
  }

  function watch(graphId) {
    var tries = 0;
    (function attach() {
      var gd = document.querySelector("#" + graphId + " .js-plotly-plot");
      if (gd && gd.__repaintWatched) { return; }
      if (!gd || typeof gd.on !== "function" || !target(gd)) {
        if (++tries < WATCH_TRIES) { setTimeout(attach, WATCH_EVERY_MS); }
        return;
      }
      gd.__repaintWatched = true;
      gd.on("plotly_react", function () { afterReact(gd); });
      if (!fillsFromState(target(gd))) { prepareLater(gd, 0); }  // a page just opened: once the browser is idle
    })();
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    map_repaint: {watch: watch}
  });
})();
