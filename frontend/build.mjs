// Build dist/plotly-dashboard.min.js from src/plotly-dashboard.js with esbuild, using the
// settings of plotly.js's own bundles (its esbuild-config.js: an IIFE that sets the global
// `Plotly`, `global` -> window, AMD off, ES2016, MapLibre's CSS injected as a <style>, attribute
// documentation stripped), minified.
// The same package-lock.json gives the same file, byte for byte.
import {readFile, rename, mkdir} from 'node:fs/promises';
import {createRequire} from 'node:module';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const plotlyVersion = require('plotly.js/package.json').version;
const ENTRY = 'src/plotly-dashboard.js';
const OUT = 'dist/plotly-dashboard.min.js';
// The trace modules the entry registers, named in the banner (dashboard/plotly_bundle.py reads it).
const traces = [...(await readFile(ENTRY, 'utf8')).matchAll(/require\('plotly\.js\/lib\/(\w+)'\)/g)]
    .map((m) => m[1]).filter((name) => name !== 'core');

// What plotly.js does with esbuild-plugin-inline-css: a required .css file becomes code that
// adds it to the page in a <style> element (plotly requires maplibre-gl.css for map subplots).
const injectCss = {
    name: 'inject-css',
    setup(build) {
        build.onLoad({filter: /\.css$/}, async (args) => {
            const {code} = await esbuild.transform(await readFile(args.path, 'utf8'), {loader: 'css', minify: true});
            return {
                loader: 'js',
                contents: `var s = document.createElement('style'); s.textContent = ${JSON.stringify(code)};
                           document.head.appendChild(s);`,
            };
        });
    },
};

// What plotly.js's tasks/compress_attributes.js does for its dist bundles: drop the attribute
// documentation (description, hrName, role, requiredOpts, otherOpts) from plotly.js's sources;
// only the schema docs read it. Limited to plotly.js's own files.
const META_ATTRIBUTES = [
    /\s*description: '.*',?/g,
    /\s*description: \[[\s\S]*?\]\.join\([\s\S]*?\),?/g,
    /\s*requiredOpts: \[[\s\S]*?\],?/g,
    /\s*otherOpts: \[[\s\S]*?\],?/g,
    /\s*role: '.*',?/g,
    /\s*hrName: '.*',?/g,
];
const stripMetaAttributes = {
    name: 'strip-meta-attributes',
    setup(build) {
        build.onLoad({filter: /[\\/]node_modules[\\/]plotly\.js[\\/](src|lib)[\\/].*\.js$/}, async (args) => {
            let code = await readFile(args.path, 'utf8');
            for (const pattern of META_ATTRIBUTES) code = code.replace(pattern, '');
            return {contents: code, loader: 'js'};
        });
    },
};

await mkdir('dist', {recursive: true});
await esbuild.build({
    entryPoints: [ENTRY],
    outfile: `${OUT}.tmp`,
    bundle: true,
    format: 'iife',
    globalName: 'Plotly',
    minify: true,
    legalComments: 'eof', // keep the licence notices of plotly.js and its dependencies
    target: 'es2016',
    plugins: [injectCss, stripMetaAttributes],
    define: {global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false'},
    banner: {js: `/*! plotly.js v${plotlyVersion} (partial: ${traces.join(', ')}) for the Kinderarmoedemonitor | licences at the end */`},
    logLevel: 'warning',
});
// Replace the served file in one step, so a running dashboard never serves half a bundle.
await rename(`${OUT}.tmp`, OUT);
console.log(`built frontend/${OUT} (plotly.js v${plotlyVersion})`);
