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
     hidden checkboxes: no tab stop, deaf to Enter and Space. While the screen is narrow
     enough to show them (on a wide screen they are hidden or are plain titles), each label's
     content goes into a real <button> (a label may not take role="button": axe's
     aria-allowed-role, Lighthouse), which toggles the label's checkbox; a link in the title
     (the logo) stays beside it. */
  var narrow = window.matchMedia("(max-width: 76.234375em)");
  var BUTTONS = "label.md-header__button[for='__drawer'], label.md-header__button[for='__search'], " +
    ".md-sidebar--primary label.md-nav__title[for]";
  function keyButtons() {
    document.querySelectorAll(BUTTONS).forEach(function (label) {
      var button = label.querySelector(":scope > button.pb-key");
      if (narrow.matches && !button) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "pb-key";
        Array.prototype.slice.call(label.childNodes).forEach(function (node) {
          if (node.nodeName !== "A") button.appendChild(node);
        });
        if (!button.textContent.trim()) {
          button.setAttribute("aria-label", label.getAttribute("for") === "__search" ?
            here.dataset.searchName : here.dataset.navName);
        }
        label.appendChild(button);
      } else if (!narrow.matches && button) {
        while (button.firstChild) label.insertBefore(button.firstChild, button);
        button.remove();
      }
    });
  }
  /* A click on the button (a pointer's, or Enter and Space) toggles the label's checkbox: a
     label does nothing itself for a click on a button inside it. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.pb-key");
    var box = button && document.getElementById(button.parentElement.getAttribute("for"));
    if (box) box.click();
  });
  /* Opened from its button, the drawer or the search takes the keyboard in, as a pointer's
     tap would. */
  function focusInto(toggle, target) {
    var box = document.getElementById(toggle);
    if (!box) return;
    box.addEventListener("change", function () {
      var active = document.activeElement;
      var opener = active && active.closest("button.pb-key");
      if (!box.checked || !opener || opener.parentElement.getAttribute("for") !== toggle) return;
      setTimeout(function () {
        var first = Array.prototype.find.call(document.querySelectorAll(target), function (e) {
          return e.getClientRects().length && getComputedStyle(e).visibility === "visible";
        });
        if (first) first.focus();
      }, 0);
    });
  }
  focusInto("__drawer", ".md-sidebar--primary a[href], .md-sidebar--primary button.pb-key");
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
