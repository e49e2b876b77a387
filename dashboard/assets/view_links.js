/* The shell's answer to a new address (dashboard/app.py): the page language on <html> (WCAG 3.1.1),
 * presentation mode as a class on <body>, and the hrefs of the links that keep the whole view (the
 * language switch, the way into and out of presentation mode). The server draws those links once per
 * language and mode; a control that writes its state into the URL only has their hrefs rewritten
 * here, without a round trip or a render of components.
 *
 * A link that keeps the view carries `data-view-change`: the query keys it changes, as JSON
 * ({"lang": "en"}; null removes the key). Its href is the current path and query with those changes,
 * built as dashboard.urls.with_query builds it (the changed keys removed, then appended).
 */
(function () {
  "use strict";

  function viewHref(pathname, search, changes) {
    var params = new URLSearchParams(search || "");
    var keys = Object.keys(changes);
    keys.forEach(function (key) { params.delete(key); });
    keys.forEach(function (key) {
      if (changes[key] !== null && changes[key] !== undefined) { params.append(key, String(changes[key])); }
    });
    var query = params.toString();
    return (pathname || "/") + (query ? "?" + query : "");
  }

  function rewrite(pathname, search) {
    document.querySelectorAll("a[data-view-change]").forEach(function (link) {
      var changes;
      try { changes = JSON.parse(link.getAttribute("data-view-change")); } catch (e) { return; }
      var href = viewHref(pathname, search, changes || {});
      if (link.getAttribute("href") !== href) { link.setAttribute("href", href); }
    });
  }

  // Escape leaves presentation mode (the key a presenter tries first), by the exit link itself.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !document.body.classList.contains("presenting")) { return; }
    var exit = document.getElementById("app-present-exit");
    if (exit) { exit.click(); }
  });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    view_links: {
      /* The one shell callback on the address: the language and the mode as values of their own
         (changed only when they change: the header and the links' texts depend on them), and the
         links' hrefs. */
      url_changed: function (search, pathname, lang, mode, docLang) {
        var nu = window.dash_clientside.no_update;
        var params = new URLSearchParams(search || "");
        var newLang = params.get("lang") === "en" ? "en" : "nl";
        var newMode = params.get("present") === "1" ? "on" : "off";
        document.documentElement.lang = newLang;
        document.body.classList.toggle("presenting", newMode === "on");
        rewrite(pathname, search);
        return [newLang === lang ? nu : newLang, newMode === mode ? nu : newMode, newLang === docLang ? nu : newLang];
      },
      /* Links just drawn by the server: their hrefs for the address as it is now (it may have
         changed while they were on their way). */
      links_drawn: function (_lang, _present, pathname, search) {
        rewrite(pathname, search);
        return window.dash_clientside.no_update;
      },
      href: viewHref
    }
  });
})();
