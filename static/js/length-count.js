// A text field with a limit (data-max-length) counts its characters as one types and says by
// how much a text is too long; the form refuses such a text in full, and nothing is cut. Its
// counter is the one the page brings (the checklist's notes, `length_counter` in
// observaties/checklist/markup.py, which shows the limit until one types), or one made here from
// the field's own templates (core.forms.show_limit). The page works without this: the limit is
// in the field's help text or counter.
(function () {
  "use strict";
  document.querySelectorAll("input[data-max-length], textarea[data-max-length]").forEach(
    function (field) {
      if (!field.id) {
        return;
      }
      var counter = document.getElementById(field.id + "_count");
      var made = !counter;
      var template = made ? field.dataset.countTemplate : counter.dataset.template;
      var tooLong = made ? field.dataset.countOver : counter.dataset.over;
      if (!template) {
        return;
      }
      if (made) {
        counter = document.createElement("div");
        counter.id = field.id + "_count";
        counter.className = "form-text length-count";
        counter.setAttribute("aria-live", "polite");
        field.insertAdjacentElement("afterend", counter);
        var described = field.getAttribute("aria-describedby");
        field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
      }
      function count() {
        var limit = Number(field.dataset.maxLength);
        var length = field.value.replace(/\r?\n/g, "\r\n").length;  // as the server counts it
        var over = length > limit;
        counter.textContent = (over ? tooLong : template)
          .replace("{count}", length)
          .replace("{limit}", limit)
          .replace("{over}", length - limit);
        counter.classList.toggle("text-danger", over);
        counter.classList.toggle("fw-semibold", over);
      }
      if (made || field.value) {
        count();
      }
      field.addEventListener("input", count);
    }
  );
})();
