/* Warn before leaving a page with unsaved text.
 *
 * A form marked `data-unsaved-warning` remembers its fields' values when the page loads; when the
 * visitor leaves the page (a link, reload, closing the tab) while a field differs from that, the
 * browser asks "Wijzigingen die je hebt aangebracht, worden mogelijk niet opgeslagen". Submitting that
 * form itself leaves without a warning: it saves everything. A form marked `data-unsaved-on-load` (a page
 * that came back with errors) counts as unsaved from the start. No inline script (CSP script-src 'self').
 */
(function () {
  "use strict";

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "hidden" && el.type !== "submit" && el.type !== "button";
    });
  }

  function valueOf(el) {
    if (el.type === "checkbox" || el.type === "radio") {
      return el.checked ? "1" : "0";
    }
    return el.value;
  }

  function watch(form) {
    var initial = new Map();
    fieldsOf(form).forEach(function (el) {
      initial.set(el, valueOf(el));
    });
    var submitting = false;
    // A page that came back with errors holds text that is not saved yet.
    var unsavedOnLoad = form.hasAttribute("data-unsaved-on-load");

    form.dirty = function () {
      return unsavedOnLoad || fieldsOf(form).some(function (el) {
        // Fields added later (e.g. picker results loaded by htmx) count when something is chosen.
        var start = initial.has(el) ? initial.get(el) : (el.type === "radio" || el.type === "checkbox" ? "0" : "");
        return valueOf(el) !== start;
      });
    };
    form.addEventListener("submit", function () {
      submitting = true;
    });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || !form.dirty()) {
        return undefined;
      }
      event.preventDefault();
      event.returnValue = "";
      return "";
    });
    // Back from the browser's page cache: the form was not saved.
    window.addEventListener("pageshow", function () {
      submitting = false;
    });
  }

  function init() {
    document.querySelectorAll("form[data-unsaved-warning]").forEach(watch);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
