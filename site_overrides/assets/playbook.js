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

  /* Material's drawer and search buttons, and the drawer's "back" titles, are labels of
     hidden checkboxes: no tab stop, deaf to Enter and Space. Made buttons while the screen is
     narrow enough to show them (on a wide screen they are hidden or are plain titles). */
  var narrow = window.matchMedia("(max-width: 76.234375em)");
  var BUTTONS = "label.md-header__button[for='__drawer'], label.md-header__button[for='__search'], " +
    ".md-sidebar--primary label.md-nav__title[for]";
  function keyButtons() {
    document.querySelectorAll(BUTTONS).forEach(function (label) {
      if (narrow.matches) {
        label.setAttribute("tabindex", "0");
        label.setAttribute("role", "button");
        if (!label.hasAttribute("aria-label") && !label.textContent.trim()) {
          label.setAttribute("aria-label", label.getAttribute("for") === "__search" ?
            here.dataset.searchName : here.dataset.navName);
        }
      } else if (label.getAttribute("role") === "button") {
        label.removeAttribute("tabindex");
        label.removeAttribute("role");
      }
    });
  }
  /* Material clicks a focused label on Enter; Space is left to us. */
  document.addEventListener("keydown", function (event) {
    var label = event.target.closest && event.target.closest(BUTTONS);
    if (!label || event.key !== " ") return;
    event.preventDefault();
    label.click();
  });
  /* Opened from its button, the drawer or the search takes the keyboard in, as a pointer's
     tap would. */
  function focusInto(toggle, target) {
    var box = document.getElementById(toggle);
    if (!box) return;
    box.addEventListener("change", function () {
      var active = document.activeElement;
      if (!box.checked || !active || active.getAttribute("for") !== toggle) return;
      setTimeout(function () {
        var first = Array.prototype.find.call(document.querySelectorAll(target), function (e) {
          return e.getClientRects().length && getComputedStyle(e).visibility === "visible";
        });
        if (first) first.focus();
      }, 0);
    });
  }
  focusInto("__drawer", ".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex='0']");
  focusInto("__search", ".md-search__input");

  /* Escape closes the search and Material drops the focus on the page: it goes back to
     whatever opened the search (a link, the phone's search button). */
  var opener = null;
  document.addEventListener("focusin", function (event) {
    if (event.target.classList.contains("md-search__input")) {
      var from = event.relatedTarget;
      if (from && !from.closest(".md-search")) opener = from;
      else if (!from) opener = null;
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !document.getElementById("__search").checked) return;
    var back = opener;
    setTimeout(function () {
      if (back && back.isConnected && !document.getElementById("__search").checked) {
        back.focus();
      }
    }, 0);
  }, true);

  /* With no choice stored, Material shows the toggle of the palette the system asks for but
     checks no radio: Tab then lands on the first radio, whose label is hidden in dark mode
     (focus on nothing shown). The radio whose label is shown is the one the reader is on. */
  function checkPalette() {
    var radios = document.querySelectorAll("input.md-option[name='__palette']");
    if (document.querySelector("input.md-option[name='__palette']:checked")) return;
    Array.prototype.forEach.call(radios, function (radio) {
      var label = radio.nextElementSibling;
      if (label && !label.hidden) radio.checked = true;
    });
  }

  function update() {
    checkPalette();
    nameSearch();
    focusScrolling();
    keyButtons();
  }
  if (window.document$) {
    window.document$.subscribe(update);
  } else {
    document.addEventListener("DOMContentLoaded", update);
  }
  window.addEventListener("resize", focusScrolling);
  narrow.addEventListener("change", keyButtons);
})();
