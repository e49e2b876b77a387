/* Links followed in the page, as dcc.Link follows them (dash 4.1, dcc/src/components/Link.react.js):
 * history.pushState and Dash's `_dashprivate_pushstate` event, which both dcc.Location components
 * (the shell's `app-url` and the pages' router) read, then back to the top. No reload: the scripts,
 * plotly.js and the warehouse's cached answers stay.
 *
 * For links drawn outside Dash's components: the shell's language switch and presentation link
 * (html.A, hrefs written by view_links.js) and the rows the tables draw as plain DOM (row_tables.js).
 * A link opts in with the class `in-page-link`; only a path of this site is followed this way. A
 * modifier key or another target keeps the browser's own behaviour (a new tab, a download).
 */
(function () {
  "use strict";

  var SAME_SITE_PATH = /^\/(?!\/)/;

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.in-page-link");
    if (!link || event.defaultPrevented || event.button !== 0) { return; }
    if (event.metaKey || event.shiftKey || event.altKey || event.ctrlKey) { return; }
    var target = link.getAttribute("target");
    if (target && target !== "_self") { return; }
    var href = link.getAttribute("href") || "";
    if (!SAME_SITE_PATH.test(href)) { return; }
    event.preventDefault();
    window.history.pushState({}, "", href);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
  });
})();
