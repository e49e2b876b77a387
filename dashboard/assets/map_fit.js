/* The first view of a map fits Flanders and Brussels at every width.
 *
 * A map figure starts at the view of dashboard/ui/maps.py (CENTER, ZOOM: right for a laptop-sized
 * map). The server cannot know the map's size in the browser, so when a map is drawn at that default
 * view, its zoom is recomputed here for the graph's own width and height, and again when the window
 * is resized, as long as the user has not moved the map. A view the page chose itself (zoomed to a
 * municipality or a project's places) is left alone.
 */
(function () {
  "use strict";

  // Flanders and Brussels: west, south, east, north (degrees), and the view of ui/maps.py.
  var BOX = [2.54, 50.68, 5.92, 51.51];
  var DEFAULT = { lon: 4.22, lat: 51.03, zoom: 7.3 };
  var FILL = 0.96;
  var EPS = 1e-6;

  function mercator(lat) {
    return Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  }

  function fittedZoom(width, height) {
    var zx = Math.log2((width * FILL * 360) / (512 * (BOX[2] - BOX[0])));
    var zy = Math.log2((height * FILL * 2 * Math.PI) / (512 * (mercator(BOX[3]) - mercator(BOX[1]))));
    return Math.round(Math.min(zx, zy) * 100) / 100;
  }

  function sameCentre(centre) {
    return centre && Math.abs(centre.lon - DEFAULT.lon) < EPS && Math.abs(centre.lat - DEFAULT.lat) < EPS;
  }

  function fit(gd) {
    var map = gd.layout && gd.layout.map;
    if (!map || !sameCentre(map.center) || !window.Plotly) { return; }
    var atDefault = Math.abs(map.zoom - DEFAULT.zoom) < EPS;
    var atOurs = gd.__fittedZoom !== undefined && Math.abs(map.zoom - gd.__fittedZoom) < EPS;
    if (!atDefault && !atOurs) { return; }  // the user (or the page) moved the map
    var width = gd.clientWidth, height = gd.clientHeight;
    if (!width || !height) { return; }
    var zoom = fittedZoom(width, height);
    if (Math.abs(zoom - map.zoom) < 0.01) { gd.__fittedZoom = map.zoom; return; }
    gd.__fittedZoom = zoom;
    guiRelayout(gd, { "map.zoom": zoom });
  }

  /* Plotly.relayout as if the user had zoomed. An edit by the user survives Dash's next
   * Plotly.react (the layout's `uirevision` keeps it while the figure sends the value it sent before);
   * an API edit does not: every change of the view would bring back the server's zoom, and this
   * script would fit it again, two camera changes and two more redraws of the map. plotly.js marks its
   * own user edits by this flag around the call (plot_api.js `guiEdit`); the fit is made for the
   * user's screen, so it is one. */
  function guiRelayout(gd, update) {
    var full = gd._fullLayout;
    if (full) { full._guiEditing = true; }
    try {
      return window.Plotly.relayout(gd, update);
    } finally {
      if (full) { full._guiEditing = false; }
    }
  }

  function watch(gd) {
    if (gd.__mapFitWatched || typeof gd.on !== "function") { return; }
    gd.__mapFitWatched = true;
    // Dash redraws a figure with Plotly.react; fit once that draw is done, whichever event says so.
    var later = function () { setTimeout(function () { fit(gd); }, 0); };
    ["plotly_afterplot", "plotly_react", "plotly_redraw"].forEach(function (name) { gd.on(name, later); });
    later();
  }

  function scan() {
    document.querySelectorAll(".js-plotly-plot").forEach(watch);
  }

  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () { document.querySelectorAll(".js-plotly-plot").forEach(fit); }, 150);
  });
})();
