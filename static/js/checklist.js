// Updates "x van y items beantwoord" per condition while the checklist is filled in, and asks
// before leaving it with unsaved input. The page works without it: the server renders the same
// count on every load.
(function () {
  "use strict";
  function update(section) {
    var groups = {};
    section.querySelectorAll('input[type="radio"][name^="item_"]').forEach(function (input) {
      groups[input.name] = groups[input.name] || input.checked;
    });
    var names = Object.keys(groups);
    var answered = names.filter(function (name) { return groups[name]; }).length;
    var counter = section.querySelector(".answered-count");
    if (counter) {
      counter.textContent = counter.dataset.template
        .replace("{answered}", answered)
        .replace("{total}", names.length);
    }
  }
  document.querySelectorAll("[data-checklist-condition]").forEach(function (section) {
    section.addEventListener("change", function () { update(section); });
  });

  // The caregiver network's tables show the rows filled in and one empty row; the other empty
  // rows come after the table inside <noscript> (ordinary fields without JavaScript, text with
  // it). A button adds them to the table one by one and puts the focus in the new row.
  document.querySelectorAll("table[data-more-rows]").forEach(function (table) {
    var more = document.getElementById(table.dataset.moreRows);
    if (!more) {
      return;
    }
    var parsed = document.createElement("template");
    parsed.innerHTML = more.textContent;
    var rows = Array.prototype.slice.call(parsed.content.querySelectorAll("tbody tr"));
    if (!rows.length) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-outline-secondary mb-3";
    button.textContent = table.dataset.addLabel;
    button.addEventListener("click", function () {
      var row = document.importNode(rows.shift(), true);
      table.tBodies[0].appendChild(row);
      row.querySelector("input, select, textarea").focus();
      if (!rows.length) {
        button.remove();
      }
    });
    table.closest(".table-responsive").after(button);
  });

  // Leaving the page with input that is not saved asks first (the browser's own question);
  // saving or handing in does not. A form shown again after an error holds unsaved input too.
  var form = document.querySelector("form.checklist-form");
  if (form) {
    var unsaved = form.hasAttribute("data-unsaved");
    form.addEventListener("input", function () {
      unsaved = true;
    });
    form.addEventListener("submit", function () {
      unsaved = false;
    });
    // "Open the stored version" after a conflict: leaving what is typed here is the choice.
    document.querySelectorAll("[data-discard-input]").forEach(function (link) {
      link.addEventListener("click", function () { unsaved = false; });
    });
    window.addEventListener("beforeunload", function (event) {
      if (unsaved) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }
})();
