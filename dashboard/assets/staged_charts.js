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
 *
 * A slot that already holds its graph (another municipality chosen: the content is patched, the
 * graphs stay, dashboard/pages/profile/update.py) gets only the new figure, which plotly redraws in
 * the same element (Plotly.react), far cheaper than a new graph: REDRAW_AT_ONCE of them per task (a
 * redraw costs a fraction of a mount; each step costs Dash's renderer an update of the whole page).
 * The chart's table alternative, emptied by the same patch, is closed (it fills again when opened).
 * A redraw of a chart far out of sight is held by our plotly.js until the chart is seen (or printed);
 * such a chart counts as drawn here, so the step moves on.
 *
 * In presentation mode (the class `presenting` on <body>: dashboard/ui/presenting.py) the charts are
 * shown with larger type, thicker lines and wider margins, to be read from the back of a room; their
 * size comes from the page's CSS (the graphs are responsive). The mode is read when a chart is drawn:
 * switching it (the link, Escape) changes the address, and Dash renders the page, and its charts, anew.
 */
(function () {
  "use strict";

  var POLL_MS = 16;            // how often the drawn graph is looked for
  var DRAW_LIMIT_MS = 8000;    // the first graph waits for plotly.js to load; never wait longer
  var REDRAW_AT_ONCE = 3;      // mounted graphs given their new figures in one task
  var PRESENT_FONT_SIZE = 20;  // px; the figures' own type (12 px) is for a desk
  var PRESENT_MARGIN = {l: 100, r: 16, t: 16, b: 48};  // room for the larger tick labels

  var queue = [];
  var finished = null;  // resolves the promise of the charts being drawn
  var busy = false;

  function presenting() {
    return Boolean(document.body) && document.body.classList.contains("presenting");
  }

  /* A chart's figure as shown: the page's, with larger type in presentation mode (a copy). */
  function shown(figure) {
    if (!figure || !presenting()) {
      return figure;
    }
    var layout = figure.layout || {};
    var data = (figure.data || []).map(function (trace) {  // lines and dots half as thick again
      var line = trace.line || {}, marker = trace.marker || {};
      return Object.assign({}, trace, {
        line: Object.assign({}, line, line.width ? {width: line.width * 1.5} : {}),
        marker: Object.assign({}, marker, typeof marker.size === "number" ? {size: marker.size * 1.5} : {})
      });
    });
    return Object.assign({}, figure, {data: data, layout: Object.assign({}, layout, {
      font: Object.assign({}, layout.font, {size: PRESENT_FONT_SIZE}),
      hoverlabel: Object.assign({}, layout.hoverlabel, {font: {size: PRESENT_FONT_SIZE - 2}}),
      margin: Object.assign({}, layout.margin, PRESENT_MARGIN)
    })});
  }

  function plotted(graphId) {
    var element = document.getElementById(graphId);
    return element && element.querySelector(".js-plotly-plot");
  }

  function drawn(graphId) {
    var gd = plotted(graphId);
    return Boolean(gd) && !gd.classList.contains("dash-graph--pending");
  }

  /* The graph mounted in its slot, if it is there (its figure is then updated, not mounted anew). */
  function mounted(chart) {
    var slot = document.getElementById(chart.slot);
    var gd = slot && plotted(chart.graph.id);
    return gd && slot.contains(gd) && gd.on ? gd : null;
  }

  /* Whether our plotly.js holds the graph's redraw until it comes into sight (frontend/src/
     plotly-dashboard.js): it counts as drawn, the next ones need not wait for the user to scroll. */
  function heldOutOfSight(gd) {
    return Boolean(window.Plotly && window.Plotly.redrawHeld && window.Plotly.redrawHeld(gd));
  }

  /* Give a mounted graph its new figure; `drawnNow` is called when plotly has drawn it (and the answer,
     polled, says so too, should that event be missed). dcc.Graph redraws
     with Plotly.react, which draws from scratch (twice, even) when the config differs in anything, as
     it does in the PNG's file name (the municipality's code): that name is set on the plot's context
     first, so the config Dash passes equals it and only the figure is redrawn. */
  function redraw(chart, gd, drawnNow) {
    var reacted = false;
    gd.once("plotly_react", function () { reacted = true; drawnNow(); });
    var images = (chart.graph.config || {}).toImageButtonOptions;
    if (images && gd._context) {
      gd._context.toImageButtonOptions = images;
    }
    window.dash_clientside.set_props(chart.graph.id, {figure: shown(chart.graph.figure), config: chart.graph.config});
    return function () {
      return (reacted && !gd.classList.contains("dash-graph--pending")) || heldOutOfSight(gd);
    };
  }

  /* A chart's table alternative belongs to the figure it was filled for: closed for the new one. */
  function closeTable(chart) {
    var slot = document.getElementById(chart.slot);
    var card = slot && slot.closest("figure");
    if (card) {
      card.querySelectorAll("details[open]").forEach(function (details) { details.open = false; });
    }
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
    var moved = false;
    var onwards = function () {
      if (!moved) {
        moved = true;
        setTimeout(next, 0);
      }
    };
    var done;
    if (mounted(chart)) {
      // this chart and the next few mounted ones; the step ends when plotly has drawn them all
      var group = [chart];
      while (group.length < REDRAW_AT_ONCE && queue.length && document.getElementById(queue[0].slot) &&
             mounted(queue[0])) {
        group.push(queue.shift());
      }
      var left = group.length;
      var checks = group.map(function (one) {
        return redraw(one, mounted(one), function () {
          left -= 1;
          if (!left) { onwards(); }
        });
      });
      done = function () { return checks.every(function (check) { return check(); }); };
    } else {
      window.dash_clientside.set_props(chart.slot, {
        children: {type: "Graph", namespace: "dash_core_components",
                   props: Object.assign({}, chart.graph, {figure: shown(chart.graph.figure)})}
      });
      done = function () { return drawn(chart.graph.id); };
    }
    var started = Date.now();
    (function check() {
      if (moved) {
        return;
      }
      if (done() || Date.now() - started > DRAW_LIMIT_MS) {
        onwards();
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
        queue.forEach(function (chart) { if (mounted(chart)) { closeTable(chart); } });
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
