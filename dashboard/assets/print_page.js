/* The print buttons (dashboard/ui/printing.py: profile, briefing, need): print once every chart shows
 * its latest figure. Our plotly.js holds the redraw of a chart far out of sight until it is seen, and
 * the need page's map until it comes near (frontend/src/plotly-dashboard.js); the browser's own print
 * (Ctrl+P) lets it draw them ("beforeprint") but lays the page out before they are drawn, so it
 * prints the charts of the previous view and an empty map. Plotly.drawHeld settles once they are drawn.
 */
(function () {
  "use strict";

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    printing: {
      print: function (clicks) {
        if (clicks) {
          var plotly = window.Plotly;
          var drawn = plotly && plotly.drawHeld ? plotly.drawHeld() : Promise.resolve();
          drawn.then(function () { window.print(); });
        }
        return window.dash_clientside.no_update;
      }
    }
  });
})();
