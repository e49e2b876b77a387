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
    choroplethmap: function() { return stylesFromFeatureStates(); }, // map: MapLibre choropleth
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

// plotly.js's choroplethmap, with its polygons' styles painted from MapLibre feature states.
//
// Plotly redraws a choroplethmap trace (any change that recalculates it: another colour scale, other
// outlines, a new `datarevision`) by handing its polygons to MapLibre again (`setData` on the trace's
// geojson source) even when only their styles changed; MapLibre then re-tiles the source in its
// worker and draws the new tiles over several frames, and without a GPU (the 2-core machine draws
// WebGL in software) each frame blocks the page for 100-500 ms. Here:
// - every per-polygon style plotly writes as a property (fill colour `fc`, line colour `mlc`, line
//   width `mlw`, opacity `mo`, selection opacity `mo2`; convert.js) is read from the feature state of
//   the same name first, with the property as the fallback, from the trace's first draw on;
// - a redraw whose polygons are the ones the source holds (the same locations of the same geojson)
//   keeps the source and sets each polygon's states to its new styles: one frame. Any other redraw
//   hands the polygons over as plotly does and clears the states, so the new properties show.
// So a figure that keeps its locations and changes only colours or line widths (another colour scale,
// the home map's outlines of the chosen networks) is repainted, not re-tiled.
// dashboard/assets/map_repaint.js sets the `fc` states itself when plotly keeps its drawing (new
// values under the same `datarevision`).
var STYLE_PROPERTIES = ['fc', 'mlc', 'mlw', 'mo', 'mo2'];

function fromState(paint) {
    Object.keys(paint).forEach(function(name) {
        var value = paint[name];
        if(value && value.type === 'identity' && STYLE_PROPERTIES.indexOf(value.property) !== -1) {
            paint[name] = ['coalesce', ['feature-state', value.property], ['get', value.property]];
        }
    });
}

function stylesFromFeatureStates() {
    // convert.js is required before the trace module, so plot.js (run on the trace module's first
    // require) takes these functions as its own
    var converter = require('plotly.js/src/traces/choroplethmap/convert');
    ['convert', 'convertOnSelect'].forEach(function(name) {
        var original = converter[name];
        converter[name] = function() {
            var opts = original.apply(this, arguments);
            fromState(opts.fill.paint);
            fromState(opts.line.paint);
            var features = opts.geojson.features;
            if(every(features, 'fc', transparent)) opts.fill.layout.visibility = 'none';
            if(opts.line.paint['line-width'] === 0 || every(features, 'mlw', isZero)) opts.line.layout.visibility = 'none';
            opts.fill.paint['fill-antialias'] = !linesCoverEdges(opts.line); // set both ways: a redraw sets only what it names
            return opts;
        };
    });
    var traceModule = require('plotly.js/lib/choroplethmap');
    keepLayersInPlace(require('plotly.js/src/plots/map/map').prototype);
    tileGeoJSONCoarsely(require('maplibre-gl/dist/maplibre-gl.mjs').Map.prototype);
    var create = traceModule.plot;
    traceModule.plot = function(subplot, calcTrace) {
        var drawn = create.apply(this, arguments);
        keepSourcesForNewStyles(Object.getPrototypeOf(drawn));
        drawn._heldPolygons = calcTrace[0].trace._opts.geojson.features;
        return drawn;
    };
    return traceModule;
}

// A redraw of a map subplot keeps its layers where they are when they are the ones drawn before.
// When several traces or layout layers go at the same place (on top: every trace of the map pages),
// plotly forgets where it put them (fillBelowLookup sets their `below` to null), so that each redraw
// removes and adds them all again, in order. Every source then re-tiles, and MapLibre draws the map
// two or three times over instead of once. When the traces (uid and type, in order) and the places
// asked for are the ones of the previous redraw and every layer is still in the map, their order is
// right already, and they are told they are where they are.
function keepLayersInPlace(proto) {
    if(proto.__keepsLayers) return;
    proto.__keepsLayers = true;
    var fillBelowLookup = proto.fillBelowLookup;
    proto.fillBelowLookup = function(calcData) {
        fillBelowLookup.apply(this, arguments);
        var plan = JSON.stringify([calcData.map(function(cd) { return [cd[0].trace.uid, cd[0].trace.type]; }),
            this.belowLookup]);
        var same = plan === this.__belowPlan;
        this.__belowPlan = plan;
        if(!same) return;
        var map = this.map, lookup = this.belowLookup, placed = [];
        var ids = Object.keys(lookup);
        for(var i = 0; i < ids.length; i++) {
            var key = ids[i];
            var drawn = key.indexOf('trace-') === 0 ? this.traceHash[key.slice(6)] : this.layerList[key.slice(7)];
            var layerIds = !drawn ? [] : drawn.layerList ? drawn.layerList.map(function(l) { return l[1]; }) : [drawn.idLayer];
            if(!drawn || !layerIds.every(function(id) { return map.getLayer(id); })) return;
            placed.push([drawn, lookup[key]]);
        }
        placed.forEach(function(p) { p[0].below = p[1]; });
    };
}

// Fewer, larger tiles for the maps' GeoJSON. MapLibre cuts a GeoJSON source into tiles of its
// zoom level (up to 18) and draws every layer tile by tile, each tile with its own clipping mask:
// the initial view of Flanders and Brussels (zoom 7 to 8) holds 6 tiles per source, and without a
// GPU every tile's draw calls cost frame time (the home map's first frame blocked the page for
// 160-235 ms). Tiled at zoom 5 at most, the whole view is one tile per source, drawn larger when
// zoomed in. Nothing is lost at any zoom: the layers are simplified to 0.0018 degrees
// (etl/sources/geography.py), while a zoom-5 tile keeps positions to 0.0014 degrees, and neighbours
// share their borders' vertices, so they move together.
var GEOJSON_MAXZOOM = 5;

function tileGeoJSONCoarsely(proto) {
    if(proto.__tilesCoarsely) return;
    proto.__tilesCoarsely = true;
    var addSource = proto.addSource;
    proto.addSource = function(id, source) {
        if(source && source.type === 'geojson' && source.maxzoom === undefined) {
            source = Object.assign({}, source, {maxzoom: GEOJSON_MAXZOOM});
        }
        return addSource.call(this, id, source);
    };
}

// A fill's antialiasing is a second pass over every polygon's edge; a trace whose lines all have a
// width draws its lines over those edges anyway, so its fill goes without (about 15% of a map frame
// without a GPU). A trace with lines on some polygons only keeps it.
function linesCoverEdges(line) {
    var width = line.paint['line-width'];
    return line.layout.visibility !== 'none' && typeof width === 'number' && width > 0;
}

// A layer that paints nothing is not drawn: a fill whose every colour is fully transparent (a trace
// of outlines only), lines whose every width is 0 (outlines not chosen). On the map pages such traces
// hold every municipality, and each frame would draw them all for nothing (about 20% of a frame).
function every(features, property, test) {
    if(!features || !features.length) return false;
    for(var i = 0; i < features.length; i++) {
        if(!test(features[i].properties[property])) return false;
    }
    return true;
}

function transparent(colour) {
    return typeof colour === 'string' && /^rgba\(.*,0\)$/.test(colour.replace(/\s+/g, ''));
}

function isZero(width) {
    return width === 0;
}

function samePolygons(held, features) {
    if(!held || held.length !== features.length) return false;
    for(var i = 0; i < features.length; i++) {
        if(held[i].id !== features[i].id || held[i].geometry !== features[i].geometry) return false;
    }
    return true;
}

function keepSourcesForNewStyles(proto) {
    if(proto.__keepsSources) return;
    proto.__keepsSources = true;
    var update = proto._update;
    proto._update = function(optsAll) {
        var map = this.subplot.map;
        var source = map.getSource(this.sourceId);
        var features = optsAll.geojson.features || [];
        if(!samePolygons(this._heldPolygons, features)) {
            map.removeFeatureState({source: this.sourceId});
            this._heldPolygons = features;
            return update.apply(this, arguments);
        }
        // plotly's own update (layers, paint, `below`), without handing the same polygons over again
        var own = Object.prototype.hasOwnProperty.call(source, 'setData') ? source.setData : null;
        source.setData = function() { return source; };
        try {
            update.apply(this, arguments);
        } finally {
            if(own) source.setData = own;
            else delete source.setData;
        }
        for(var i = 0; i < features.length; i++) {
            var props = features[i].properties, state = {};
            for(var j = 0; j < STYLE_PROPERTIES.length; j++) {
                var name = STYLE_PROPERTIES[j];
                if(props[name] !== undefined) state[name] = props[name];
            }
            map.setFeatureState({source: this.sourceId, id: features[i].id}, state);
        }
    };
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

// element -> a promise that settles once every draw made on it so far has finished (plotly's own
// promises: a first draw, a redraw, a relayout, a resize, ...). A purge waits for it: purged in the
// middle of a draw, plotly's last drawing step reads the layout the purge removed ("Cannot read
// properties of undefined (reading '_rangeSliderData')", seen when a page is left in the page, a link
// followed like dcc.Link, while its graphs draw; first with a graph's first draw, later with the
// redraw of a chart let go as it came into sight). A draw that never settles (a map whose polygons
// never come) holds the purge up for PURGE_WAIT_MS at most: a graph never purged keeps its WebGL
// context, of which a page gets only a few.
var drawing = new WeakMap();
var PURGE_WAIT_MS = 10000;

// `answer` (a plotly call's answer on `element`) counted among the element's draws; returned as is.
function tracked(element, answer) {
    if(!element || !answer || typeof answer.then !== 'function') return answer;
    var before = drawing.get(element);
    var settled = Promise.resolve(answer).then(ignore, ignore);
    if(before) settled = Promise.all([before, settled]).then(ignore);
    drawing.set(element, settled);
    settled.then(function() {
        if(drawing.get(element) === settled) drawing.delete(element);
    });
    return answer;
}

function drawsDone(element) {
    var pending = drawing.get(element);
    if(!pending) return null;
    return Promise.race([pending, new Promise(function(resolve) { setTimeout(resolve, PURGE_WAIT_MS); })]);
}

// A redraw of a graph out of sight waits until it comes into sight (or the page is printed). A
// control of the need page redraws five charts, three of them far below the screen, and the profile
// a dozen; each redraw takes 30-150 ms of the main thread here (SVG layout without a GPU), so a
// change was over 1 s before its visible result settled (issue 14: "send only what is visible").
// Only redraws are held, never a first draw (a page prints and is read by screen readers whole).
// A map is held only until MapLibre draws it the first time (the need page's map, 3,000 px down,
// starts as an empty graph: evaluating MapLibre, compiling its shaders and the frames of its first
// drawing cost the page's load a task of over 200 ms here, WebGL being drawn in software); once
// drawn, a map is never held (MapLibre keeps its own state and assets/map_fit.js fits it after a
// redraw). It is let go a whole window ahead, as its first drawing takes several frames.
// While a graph is held, its later redraws replace the held one (a redraw describes the whole
// figure), and every other call on it (relayout, resize, ...) is queued behind, in order.
var SIGHT_MARGIN = 0.5; // of the window's height, above and below: drawn just before it scrolls in
var MAP_SIGHT_MARGIN = 1; // the same for a map not drawn yet
// element -> {open: opens its gate, watcher: the observer watching it, data: the traces of its latest
// held redraw, drawn: the answer to it (plotly's promise once made: it settles when the figure is drawn)}
var held = new Map();
var heldRedraw = new WeakMap(); // element -> the number of its latest held redraw
var observers = null; // margin -> an IntersectionObserver that lets go what comes that near

function observer(margin) {
    if(typeof IntersectionObserver !== 'function') return null;
    if(!observers) {
        observers = {};
        window.addEventListener('beforeprint', function() { Array.from(held.keys()).forEach(release); });
    }
    if(!observers[margin]) {
        observers[margin] = new IntersectionObserver(function(entries) {
            entries.forEach(function(entry) { if(entry.isIntersecting) releaseSoon(entry.target); });
        }, {rootMargin: (margin * 100) + '% 0px'});
    }
    return observers[margin];
}

function hasMapTraces(data) {
    return Array.isArray(data) && data.some(
        function(trace) { return trace && typeof trace.type === 'string' && /map$/.test(trace.type); });
}

function mapDrawn(element) {
    var subplots = element._fullLayout && element._fullLayout._subplots;
    return Boolean(subplots && subplots.map && subplots.map.length);
}

// The margin a redraw of `element` with `data` is held for, or 0 when it is never held.
function sightMargin(element, data) {
    if(mapDrawn(element)) return 0;
    return hasMapTraces(data) ? MAP_SIGHT_MARGIN : SIGHT_MARGIN;
}

function outOfSight(element, margin) {
    if(!margin || !observer(margin)) return false;
    var box = element.getBoundingClientRect();
    if(box.width === 0 && box.height === 0) return false; // not laid out (a closed section): as before
    var ahead = window.innerHeight * margin;
    return box.bottom < -ahead || box.top > window.innerHeight + ahead;
}

function hold(element, margin) {
    var open;
    var gate = new Promise(function(resolve) { open = resolve; });
    var watcher = observer(margin);
    held.set(element, {open: open, watcher: watcher, data: null, drawn: null});
    var before = waiting.get(element);
    waiting.set(element, before ? before.then(function() { return gate; }) : gate);
    watcher.observe(element);
}

// Let the held redraw of `element` be made now (for print: before the page is laid out).
function release(element) {
    var holding = held.get(element);
    if(!holding) return;
    held.delete(element);
    holding.watcher.unobserve(element);
    holding.open();
}

// The same for a graph come into sight, in a task of its own after those come before it, and a map's
// trace type registered in a task before that (evaluating MapLibre costs about 100 ms here). Scrolling
// to the need page's shortlist brings its map and the chart below it near at once: both redraws and
// MapLibre's evaluation ran in one task of 280-310 ms.
var releasing = Promise.resolve();
function releaseSoon(element) {
    var holding = held.get(element);
    if(!holding || holding.releasing) return;
    holding.releasing = true;
    var current = function() { return held.get(element) === holding; }; // not released meanwhile (print, purge)
    releasing = releasing.then(nextTask).then(function() {
        if(!current() || !hasLaterTypes(holding.data)) return;
        registerLaterTypes(holding.data);
        return nextTask();
    }).then(function() { if(current()) release(element); }).catch(ignore);
}

// `redraw` for a held element, made only if no later redraw was held after it.
function latestRedraw(element, redraw) {
    var number = (heldRedraw.get(element) || 0) + 1;
    heldRedraw.set(element, number);
    return function() {
        return heldRedraw.get(element) !== number || element.isConnected === false ? element : redraw();
    };
}

// A redraw of a held element: made when it is let go, if no later redraw was held after it.
function holdRedraw(element, data, redraw) {
    var holding = held.get(element);
    holding.data = data;
    holding.drawn = queued(element, latestRedraw(element, redraw));
    return holding.drawn;
}

// Whether a graph's redraw waits for it to come into sight (assets/staged_charts.js moves on then).
Plotly.redrawHeld = function(gd) {
    var element = typeof gd === 'string' ? document.getElementById(gd) : gd;
    return Boolean(element) && held.has(element);
};

// Draw every held graph now; the answer settles when plotly's promises of their redraws do, once
// they are drawn (assets/print_page.js prints then). A map's promise settles once MapLibre has its
// polygons; the moment its redraw is merely made is too early (the print showed an empty map).
Plotly.drawHeld = function() {
    var elements = Array.from(held.keys());
    var drawn = elements.map(function(element) { return held.get(element).drawn; });
    elements.forEach(release);
    return Promise.all(drawn).then(ignore, ignore);
};

var react = Plotly.react;
Plotly.react = function(gd) {
    var element = getGraphDiv(gd);
    return tracked(element, drawOrHold(this, arguments, element));
};

function drawOrHold(self, args, element) {
    var figure = args[1];
    var data = Array.isArray(figure) ? figure : figure && figure.data;
    var redraw = function() { return react.apply(self, args); };
    if(held.has(element)) return holdRedraw(element, data, redraw);
    if(waiting.has(element)) return queued(element, redraw);
    if(element._fullLayout) {
        var margin = sightMargin(element, data);
        if(!outOfSight(element, margin)) return redraw();
        hold(element, margin);
        return holdRedraw(element, data, redraw);
    }
    var ready = nextTask();
    if(hasLaterTypes(data)) ready = ready.then(function() { registerLaterTypes(data); }).then(nextTask);
    waiting.set(element, ready.catch(ignore));
    return queued(element, function() {
        return element.isConnected === false ? element : redraw();
    });
}

var purge = Plotly.purge;
Plotly.purge = function(gd) {
    var self = this;
    var args = arguments;
    var element = gd === undefined || gd === null ? gd : getGraphDiv(gd);
    if(element && held.has(element)) { // its held redraws dropped; the purge after the calls queued before it
        heldRedraw.set(element, heldRedraw.get(element) + 1);
        release(element);
        return queued(element, function() { return purge.apply(self, args); });
    }
    var pending = element && drawsDone(element);
    if(!pending) return purge.apply(self, args);
    return pending.then(function() { return purge.apply(self, args); });
};

function afterFirstDraw(owner, name) {
    var call = owner[name];
    owner[name] = function(gd) {
        var self = this;
        var args = arguments;
        var element = gd === undefined || gd === null ? gd : getGraphDiv(gd);
        if(element && waiting.has(element)) return tracked(element, queued(element, function() { return call.apply(self, args); }));
        return tracked(element, call.apply(self, args));
    };
}

['newPlot', 'relayout', 'restyle', 'update', 'redraw', 'addTraces', 'deleteTraces', 'moveTraces',
    'extendTraces', 'prependTraces', 'animate', 'addFrames', 'deleteFrames', 'toImage', 'downloadImage']
    .forEach(function(name) { if(typeof Plotly[name] === 'function') afterFirstDraw(Plotly, name); });
afterFirstDraw(Plotly.Plots, 'resize');

module.exports = Plotly;
