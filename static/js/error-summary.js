// A form shown again with errors (core/templatetags/error_summary.py): the summary of them gets
// the focus, so the next Tab goes to its first link and a screen reader reads it first. A link
// goes to the field itself, with its question (the legend or label) in view.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest('a[href^="#"]');
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (target) {
      event.preventDefault();
      (target.closest("fieldset") || target.closest("div") || target).scrollIntoView();
      target.focus({ preventScroll: true });
    }
  });
})();
