/* Table rows drawn as plain DOM from JSON, for the long tables whose rows change with every choice
 * (the comparison's ranking, dashboard/pages/compare/callbacks.py; the need page's shortlist,
 * dashboard/pages/need/callbacks.py). Dash renders the table body empty and never touches it again:
 * as Dash components the rows were hundreds of components that Dash's renderer revisits on every
 * store update of the page, most of an interaction's work.
 *
 * Text goes in as textContent, never as HTML. A link gets an href only to a path of this site and is
 * followed in the page like a dcc.Link (the class `in-page-link`, assets/in_page_links.js).
 *
 *   window.dash_clientside.row_tables.draw(bodyId, rows, spec)
 *
 * rows: per row its cells in column order, or {cls: the row's class, cells: [...]}.
 * A cell: null (empty), a text or number, [text, href] (a link), or
 *   {t: text, href: a link's path, after: [{t, cls, title}, ...] (spans after the text)}.
 * spec (every key optional), per column where a list:
 *   cls: [class of the cell]; head: the index of the row's header cell (<th scope="row">);
 *   under: [index of another cell of the row also shown in this one, in a span of class `under_cls`
 *   (a phone shows it there when that cell's own column gives way)]; link_cls: the links' class.
 */
(function () {
  "use strict";

  var SAME_SITE_PATH = /^\/(?!\/)/;

  function element(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== null && text !== undefined) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function link(text, href, className) {
    var a = element("a", text, ("in-page-link " + (className || "")).trim());
    href = typeof href === "string" ? href : "";
    if (SAME_SITE_PATH.test(href)) { a.setAttribute("href", href); }
    return a;
  }

  function textOf(cell) {
    if (Array.isArray(cell)) { return cell[0]; }
    if (cell !== null && typeof cell === "object") { return cell.t; }
    return cell;
  }

  function cellElement(cell, i, cells, spec) {
    var td = element(i === spec.head ? "th" : "td", null, spec.cls ? spec.cls[i] : "");
    if (i === spec.head) { td.scope = "row"; }
    var isObject = cell !== null && typeof cell === "object" && !Array.isArray(cell);
    var text = textOf(cell);
    if (Array.isArray(cell) || (isObject && "href" in cell)) {
      td.appendChild(link(text, Array.isArray(cell) ? cell[1] : cell.href, spec.link_cls));
    } else if (text !== null && text !== undefined) {
      td.textContent = String(text);
    }
    var under = spec.under ? spec.under[i] : null;
    if (under !== null && under !== undefined) {
      var shown = textOf(cells[under]);
      if (shown !== null && shown !== undefined) { td.appendChild(element("span", shown, spec.under_cls)); }
    }
    ((isObject && cell.after) || []).forEach(function (part) {
      if (!part) { return; }
      var span = element("span", part.t, part.cls);
      if (part.title) { span.title = String(part.title); }
      td.appendChild(span);
    });
    return td;
  }

  function rowElement(row, spec) {
    var cells = Array.isArray(row) ? row : (row && row.cells) || [];
    var tr = element("tr", null, Array.isArray(row) ? "" : row && row.cls);
    cells.forEach(function (cell, i) { tr.appendChild(cellElement(cell, i, cells, spec)); });
    return tr;
  }

  function draw(bodyId, rows, spec) {
    var body = document.getElementById(bodyId);
    if (!body) { return false; }
    spec = spec || {};
    body.replaceChildren.apply(body, (rows || []).map(function (row) { return rowElement(row, spec); }));
    return true;
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    row_tables: { draw: draw }
  });
})();
