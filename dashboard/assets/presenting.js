/* Presentation mode's "Method" links (dashboard/ui/presenting.py): a click shows the method text the
 * link folds and moves the focus to it. In the browser, so it needs no callback; a page that draws
 * the text again (a new choice) folds it again.
 */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".method-fold-link");
    var fold = link && link.closest(".method-fold");
    if (!fold) { return; }
    fold.classList.add("is-open");
    link.setAttribute("aria-expanded", "true");
    var text = document.getElementById(link.getAttribute("aria-controls"));
    if (text) { text.focus({ preventScroll: false }); }
  });
})();
