/* Charts drawn one per task (the profile's trend charts: dashboard/pages/profile/layout.trends).
 *
 * A dcc.Graph draws when it mounts, so a callback that returns a dozen graphs has them all drawn in
 * one task of the browser's main thread (the profile: about 265 ms of CPU, over issue 14's 200 ms).
 * Instead the page returns an empty slot per chart and one dcc.Store with, per chart, the slot's id
 * and the props of its dcc.Graph; a clientside callback on that store calls `staged_charts.draw`,
 * which puts the graphs into their slots (dash_clientside.set_props) one at a time, each in a task of
 * its own and only once the one before it is drawn. The browser paints and answers input in between;
 * every chart is drawn without scrolling (for print too), a few hundred ms after the rest of the page.
 * set_props rather than a callback per chart: each update makes Dash's renderer re-run a selector in
 * every mounted component, and a callback's life takes a few more updates than one set_props.
 */
(function () {
  "use strict";

  var POLL_MS = 16;            // how often the drawn graph is looked for
  var DRAW_LIMIT_MS = 8000;    // the first graph waits for plotly.js to load; never wait longer

  var queue = [];
  var finished = null;  // resolves the promise of the charts being drawn
  var busy = false;

  function drawn(graphId) {
    var element = document.getElementById(graphId);
    var gd = element && element.querySelector(".js-plotly-plot");
    return Boolean(gd) && !gd.classList.contains("dash-graph--pending");
  }

  function finish() {
    if (finished) {
      finished(window.dash_clientside.no_update);
      finished = null;
    }
  }

  function next() {
    var chart = queue.shift();
    if (!chart) {
      busy = false;
      finish();
      return;
    }
    if (!document.getElementById(chart.slot)) {  // the page changed meanwhile
      setTimeout(next, 0);
      return;
    }
    window.dash_clientside.set_props(chart.slot, {
      children: {type: "Graph", namespace: "dash_core_components", props: chart.graph}
    });
    var started = Date.now();
    (function check() {
      if (drawn(chart.graph.id) || Date.now() - started > DRAW_LIMIT_MS) {
        setTimeout(next, 0);
      } else {
        setTimeout(check, POLL_MS);
      }
    })();
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    staged_charts: {
      /* `charts`: [{slot: the slot's id, graph: the dcc.Graph's props (id, figure, config, ...)}]; new
         charts replace those still waiting (a new choice replaced the page's content). The answer is
         a promise, kept until every chart is drawn, so Dash counts the drawing as the callback's (a
         page is not settled before); the callback's output is never updated. */
      draw: function (charts) {
        finish();
        queue = (charts || []).filter(function (chart) { return chart && chart.slot && chart.graph; });
        if (!queue.length) {
          return window.dash_clientside.no_update;
        }
        var done = new Promise(function (resolve) { finished = resolve; });
        if (!busy) {
          busy = true;
          setTimeout(next, 0);  // not in the task that rendered the page
        }
        return done;
      }
    }
  });
})();
