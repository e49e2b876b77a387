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

function hasLaterTypes(data) {
    return Array.isArray(data) && data.some(function(trace) {
        return trace && typeof trace.type === 'string' && Object.prototype.hasOwnProperty.call(LATER, trace.type);
    });
}

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

// A graph's FIRST draw in a task of its own. dcc.Graph waits for plotly.js to load and then calls
// Plotly.react in a promise continuation, so every graph of a page was drawn in the task that
// evaluated this file: on the project page and the action plan one task of over 200 ms of the
// browser's main thread (issue 14). A first draw (the element has no plot yet) now waits for a
// task of its own (setTimeout 0, in call order), so the browser can paint and answer input in
// between; a map's trace type is registered in a task before it (evaluating MapLibre and starting
// the map took about 200 ms together). Every other call on that element made meanwhile (a later
// react, relayout, resize, purge, ...; from dcc.Graph, assets/map_fit.js or anyone) is made just
// after that draw starts, in the order of the calls, so each call meets the graph as it would have
// without the delay (delaying every react, as tried in 34f1858, changed that order: a call could
// run before a draw made ahead of it, and plotly failed in the map subplot, 8c30787). Once a
// graph's first draw has started, calls go straight to plotly.js. An element taken out of the page
// meanwhile is not drawn (dcc.Graph then finds no element and does nothing more either).
var getGraphDiv = require('plotly.js/src/lib/dom').getGraphDiv;
// element -> a promise that resolves once its first draw and the calls queued after it are made
var waiting = new WeakMap();

function nextTask() {
    return new Promise(function(resolve) { setTimeout(resolve, 0); });
}

function ignore() {}

// Make `call` after the calls queued for `element`; its answer (plotly's promise) once made.
function queued(element, call) {
    var answer;
    var made = waiting.get(element).then(function() { answer = call(); });
    var next = made.catch(ignore); // a call that throws does not hold up the calls after it
    waiting.set(element, next);
    next.then(function() {
        if(waiting.get(element) === next) waiting.delete(element);
    });
    return made.then(function() { return answer; });
}

// element -> a promise that settles once its delayed first draw has finished (plotly's own promise).
// A purge waits for it: purged in the middle of that draw, plotly's last drawing step would read the
// layout the purge removed ("Cannot read properties of undefined (reading '_rangeSliderData')", seen
// when a page is left in the page, a link followed like dcc.Link, while its graphs draw).
var drawing = new WeakMap();

var react = Plotly.react;
Plotly.react = function(gd) {
    var self = this;
    var args = arguments;
    var element = getGraphDiv(gd);
    if(waiting.has(element)) return queued(element, function() { return react.apply(self, args); });
    if(element._fullLayout) return react.apply(self, args);
    var figure = args[1];
    var data = Array.isArray(figure) ? figure : figure && figure.data;
    var ready = nextTask();
    if(hasLaterTypes(data)) ready = ready.then(function() { registerLaterTypes(data); }).then(nextTask);
    waiting.set(element, ready.catch(ignore));
    var drawn = queued(element, function() {
        return element.isConnected === false ? element : react.apply(self, args);
    });
    var settled = drawn.catch(ignore);
    drawing.set(element, settled);
    settled.then(function() {
        if(drawing.get(element) === settled) drawing.delete(element);
    });
    return drawn;
};

var purge = Plotly.purge;
Plotly.purge = function(gd) {
    var self = this;
    var args = arguments;
    var element = gd === undefined || gd === null ? gd : getGraphDiv(gd);
    var pending = element && drawing.get(element);
    if(!pending) return purge.apply(self, args);
    return pending.then(function() { return purge.apply(self, args); });
};

function afterFirstDraw(owner, name) {
    var call = owner[name];
    owner[name] = function(gd) {
        var self = this;
        var args = arguments;
        var element = gd === undefined || gd === null ? gd : getGraphDiv(gd);
        if(element && waiting.has(element)) return queued(element, function() { return call.apply(self, args); });
        return call.apply(self, args);
    };
}

['newPlot', 'relayout', 'restyle', 'update', 'redraw', 'addTraces', 'deleteTraces', 'moveTraces',
    'extendTraces', 'prependTraces', 'animate', 'addFrames', 'deleteFrames', 'toImage', 'downloadImage']
    .forEach(function(name) { if(typeof Plotly[name] === 'function') afterFirstDraw(Plotly, name); });
afterFirstDraw(Plotly.Plots, 'resize');

module.exports = Plotly;
