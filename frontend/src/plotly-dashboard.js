// The plotly.js the dashboard serves: plotly's core plus only the trace types its pages draw,
// registered the way plotly.js's own partial bundles (lib/index-*.js) do. A figure with any
// other trace type draws nothing here; tests/test_plotly_bundle.py compares this list with the
// trace types used in dashboard/ (add the module here when a page starts drawing a new type).
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/scatter'), // compare and profile: lines and markers (core has it too)
    require('plotly.js/lib/bar'), // actieplan: horizontal bars
    require('plotly.js/lib/choroplethmap'), // map: MapLibre choropleth, geojson by URL
]);

module.exports = Plotly;
