// A form is sent once. A second click while the first request is still on its way sent it again:
// a draft saved twice then said that someone else had changed it meanwhile, a checklist handed in
// twice ended on a refusal page although the first went through, and a login sent twice failed
// on its rotated CSRF token. Coming back to the page (the back button) makes its forms sendable
// again.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.method !== "post") {
      return; // a search may be repeated
    }
    if (form.dataset.sending) {
      event.preventDefault();
    } else {
      form.dataset.sending = "true";
    }
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
    });
  });
})();
