// The plotly.js the dashboard serves: plotly's core plus only the trace types its pages draw,
// registered the way plotly.js's own partial bundles (lib/index-*.js) do. A figure with any
// other trace type draws nothing here; tests/test_plotly_bundle.py compares this list with the
// trace types used in dashboard/ (add the module here when a page starts drawing a new type).
'use strict';

var Plotly = require('plotly.js/lib/core');
var plots = require('plotly.js/src/plots/plots');

Plotly.register([
    require('plotly.js/lib/scatter'), // compare and profile: lines and markers (core has it too)
    require('plotly.js/lib/bar'), // actieplan: horizontal bars
]);

// Trace types registered only when a figure first has one. The map traces pull in MapLibre
// (about 60% of the bundle); esbuild wraps each CommonJS module in a function run on its first
// require, so until then their code is only parsed, not run, and a chart page without a map
// spends about 40% less CPU on evaluating this file. They are registered synchronously, before
// plotly reads the figure (an unregistered type would be drawn as an empty scatter).
var LATER = {
    choroplethmap: function() { return require('plotly.js/lib/choroplethmap'); }, // map: MapLibre choropleth
};

function registerLaterTypes(data) {
    if(!Array.isArray(data)) return;
    for(var i = 0; i < data.length; i++) {
        var type = data[i] && data[i].type;
        if(typeof type === 'string' && Object.prototype.hasOwnProperty.call(LATER, type)) {
            var load = LATER[type];
            delete LATER[type];
            Plotly.register(load());
        }
    }
}

// Every path that draws or checks a figure (newPlot, react, restyle, addTraces, update, validate,
// toImage) reads the traces in plots.supplyDefaults, called through this exported object.
var supplyDefaults = plots.supplyDefaults;
plots.supplyDefaults = function(gd) {
    registerLaterTypes(gd && gd.data);
    return supplyDefaults.apply(this, arguments);
};

module.exports = Plotly;
