/* What Material's chrome leaves to the site for WCAG 2.2 AA; the site works without it. */
(function () {
  "use strict";
  var here = document.currentScript;

  /* The search dialog has role="dialog" and no name (axe: aria-dialog-name). The name is
     Material's own translated word for "Search", handed over by main.html. */
  function nameSearch() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    if (dialog && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", here.dataset.searchName);
    }
  }

  /* A table wider than the screen scrolls inside its box: a keyboard user must be able to
     reach the box to scroll it (axe: scrollable-region-focusable). Only a box that scrolls
     takes a tab stop; a phone turned sideways may change that. */
  function focusScrolling() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
      }
    });
  }

  function update() {
    nameSearch();
    focusScrolling();
  }
  if (window.document$) {
    window.document$.subscribe(update);
  } else {
    document.addEventListener("DOMContentLoaded", update);
  }
  window.addEventListener("resize", focusScrolling);
})();
