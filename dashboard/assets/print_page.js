/* The print buttons (profile, briefing): print once every chart shows its latest figure. Our plotly.js
 * holds the redraw of a chart far out of sight until it is seen (frontend/src/plotly-dashboard.js);
 * the browser's own print (Ctrl+P) lets it draw them first ("beforeprint"), but a print started by a
 * script would lay the page out before those redraws ran, and print the charts of the previous view.
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
