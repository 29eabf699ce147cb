// A text field with a limit (data-max-length, set by core.forms.LimitsShown) counts its
// characters as one types and says by how much a text is too long; the form refuses such a text
// in full, and nothing is cut. Fields that bring their own counter (the checklist's) are left
// to it. The page works without this: the limit is in the field's help text.
(function () {
  "use strict";
  document.querySelectorAll("input[data-count-template], textarea[data-count-template]").forEach(
    function (field) {
      if (!field.id || document.getElementById(field.id + "_count")) {
        return;
      }
      var counter = document.createElement("div");
      counter.id = field.id + "_count";
      counter.className = "form-text length-count";
      counter.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", counter);
      var described = field.getAttribute("aria-describedby");
      field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
      function count() {
        var limit = Number(field.dataset.maxLength);
        var length = field.value.replace(/\r?\n/g, "\r\n").length;  // as the server counts it
        var over = length > limit;
        counter.textContent = (over ? field.dataset.countOver : field.dataset.countTemplate)
          .replace("{count}", length)
          .replace("{limit}", limit)
          .replace("{over}", length - limit);
        counter.classList.toggle("text-danger", over);
        counter.classList.toggle("fw-semibold", over);
      }
      count();
      field.addEventListener("input", count);
    }
  );
})();
