/* Accessibility wrapper for three Dash 4 components whose markup breaks WCAG 2.1 and that have no
 * prop to change it (tests/browser/test_accessibility.py runs axe-core on every page):
 *
 * - dcc.Dropdown puts a focusable input with aria-hidden="true" in the tab order, which forwards
 *   focus to the real (labelled) button. The button itself is made the tab stop instead, and the
 *   hidden input leaves the tab order (Dash sets it back to 0 whenever the button loses focus).
 *   The button is named by its texts in reverse order ("2 chosen", then the chosen values), so its
 *   name does not contain its visible text (WCAG 2.5.3 Label in Name), and its <label for> is not in
 *   the name at all: the name becomes the label, then the button's texts in the order they are drawn.
 * - dcc.Slider's thumb (role="slider") and its number box carry no name. They get the name of the
 *   control they sit in: a <label for>, a <fieldset>'s legend, or an ancestor's aria-labelledby /
 *   aria-label. The number box also applies its value on Enter, not only when it loses focus.
 * - dcc.RadioItems / dcc.Checklist render a role="listbox" of role="option" labels around native
 *   radio buttons / checkboxes (interactive controls nested in options). The native inputs are the
 *   accessible part: the ARIA roles are removed and the list becomes a named radiogroup / group.
 *
 * Dash (React) renders these any time, so a MutationObserver applies the fixes to whatever appears
 * or changes. Nothing here changes what the components do.
 */
(function () {
  "use strict";

  let counter = 0;

  function ensureId(element, prefix) {
    if (!element.id) {
      counter += 1;
      element.id = prefix + "-" + counter;
    }
    return element.id;
  }

  /* Give `target` the name of the control it belongs to (`owner`: the component's root). */
  function nameFromContext(target, owner) {
    if (target.hasAttribute("aria-labelledby") || target.hasAttribute("aria-label")) return;
    const id = owner && owner.id;
    if (id) {
      const label = document.querySelector('label[for="' + CSS.escape(id) + '"]');
      if (label) {
        target.setAttribute("aria-labelledby", ensureId(label, "a11y-label"));
        return;
      }
    }
    const fieldset = target.closest("fieldset");
    const legend = fieldset && fieldset.querySelector(":scope > legend");
    if (legend) {
      target.setAttribute("aria-labelledby", ensureId(legend, "a11y-legend"));
      return;
    }
    const labelled = target.parentElement && target.parentElement.closest("[aria-labelledby]");
    if (labelled) {
      target.setAttribute("aria-labelledby", labelled.getAttribute("aria-labelledby"));
      return;
    }
    const named = target.parentElement && target.parentElement.closest("[aria-label]");
    if (named) target.setAttribute("aria-label", named.getAttribute("aria-label"));
  }

  function fixDropdowns(root) {
    root.querySelectorAll(".dash-dropdown-focus-target").forEach(function (hidden) {
      if (hidden.tabIndex !== -1) hidden.tabIndex = -1;
      const button = hidden.nextElementSibling;
      if (button && button.matches("button.dash-dropdown") && !button.disabled && button.tabIndex !== 0) {
        button.tabIndex = 0;
      }
    });
    root.querySelectorAll("button.dash-dropdown[id][aria-labelledby]").forEach(nameDropdown);
  }

  /* The dropdown button's own name parts (Dash's aria-labelledby ids: the value and, with more than
   * one chosen, the count) in document order, after its label. Dash's ids are kept aside the first
   * time, since the count comes and goes with the choice. */
  function nameDropdown(button) {
    if (button.dataset.a11yParts === undefined) {
      button.dataset.a11yParts = button.getAttribute("aria-labelledby") || "";
    }
    const own = button.dataset.a11yParts.split(/\s+/).map(function (id) { return id && document.getElementById(id); })
      .filter(function (part) { return part && button.contains(part); });
    if (!own.length) return;  // a Dash version that names the button otherwise: left as it is
    own.sort(function (a, b) { return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1; });
    const label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
    const ids = (label ? [ensureId(label, "a11y-label")] : []).concat(own.map(function (part) { return part.id; }));
    const wanted = ids.join(" ");
    if (button.getAttribute("aria-labelledby") !== wanted) button.setAttribute("aria-labelledby", wanted);
  }

  function fixSliders(root) {
    root.querySelectorAll('[role="slider"], input.dash-range-slider-input').forEach(function (control) {
      nameFromContext(control, control.closest(".dash-slider-container, [id]"));
    });
  }

  function fixOptionLists(root) {
    root.querySelectorAll('[role="listbox"]').forEach(function (list) {
      const input = list.querySelector(".dash-options-list-option input");
      // a dropdown's open menu is a real listbox (arrow keys move through its options): left alone
      if (!input || list.closest("[data-radix-popper-content-wrapper], .dash-dropdown-content")) return;
      list.setAttribute("role", input.type === "radio" ? "radiogroup" : "group");
      nameFromContext(list, list);
    });
    root.querySelectorAll('label.dash-options-list-option[role="option"], label.dash-options-list-option[aria-selected]')
      .forEach(function (option) {
        if (!option.querySelector("input") || option.closest('[role="listbox"]')) return;
        option.removeAttribute("role");
        option.removeAttribute("aria-selected");
      });
  }

  function fixAll() {
    fixDropdowns(document);
    fixSliders(document);
    fixOptionLists(document);
  }

  // The slider's number box applies its value on blur only; Enter does the same (blur, then back).
  document.addEventListener("keydown", function (event) {
    const box = event.target;
    if (event.key === "Enter" && box instanceof HTMLInputElement && box.matches("input.dash-range-slider-input")) {
      event.preventDefault();
      box.blur();
      box.focus();
    }
  });

  // Dash resets the dropdown's hidden input to tabindex 0 when its button loses focus.
  document.addEventListener("focusout", function () { window.requestAnimationFrame(fixAll); });

  let scheduled = false;
  const observer = new MutationObserver(function () {
    if (scheduled) return;
    scheduled = true;
    // a microtask: after React's commit, before the browser paints or a test reads the page
    window.queueMicrotask(function () {
      scheduled = false;
      fixAll();
    });
  });

  function start() {
    fixAll();
    observer.observe(document.body, {
      childList: true, subtree: true, attributes: true,
      attributeFilter: ["tabindex", "role", "aria-selected", "disabled", "aria-labelledby"],
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
