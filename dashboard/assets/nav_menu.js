/* The phone menu (dashboard/app.py, the #app-nav-toggle button): Escape closes it and gives the focus
 * back to its button, as a disclosure should. The phone menu shows every group open
 * (`window.__navPhoneOpen`, set in app.py), so one Escape closes it.
 * The button is clicked rather than its attribute set, so aria-expanded stays the state Dash keeps.
 */
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var toggle = document.getElementById("app-nav-toggle");
    if (!toggle || toggle.getAttribute("aria-expanded") !== "true" || !toggle.offsetParent) { return; }
    // on a laptop-wide menu an open group closes first (app.py); the phone menu has every group open
    if (!window.__navPhoneOpen && document.querySelector("#app-nav details[open]")) { return; }
    toggle.click();
    toggle.focus();
  });
})();
