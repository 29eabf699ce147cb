// Select2's combobox in Django's admin autocomplete has no accessible name: it is labelled by
// the value it shows, which is empty until a choice is made. Here it is labelled by its field's
// label (or, in a table of inline rows, by its column's header) and then by that value, once the
// admin's own autocomplete.js has set it up (accounts/admin.py, LabelledAutocomplete).
"use strict";
{
  const $ = django.jQuery;

  function labelFor(select) {
    let label = document.querySelector('label[for="' + select.id + '"]');
    if (!label) {
      const cell = select.closest("td");
      const column = cell && [...cell.classList].find((name) => name.startsWith("field-"));
      const table = cell && cell.closest("table");
      label = column && table.querySelector("th.column-" + column.slice("field-".length));
    }
    if (label && !label.id) {
      label.id = (label.htmlFor || select.id) + "_label";
    }
    return label;
  }

  function name(select) {
    const container = select.nextElementSibling;
    const label = labelFor(select);
    if (!label || !container || !container.classList.contains("select2")) {
      return;
    }
    container.querySelectorAll('[role="combobox"]').forEach((combobox) => {
      const shown = combobox.getAttribute("aria-labelledby") || "";
      combobox.setAttribute("aria-labelledby", (label.id + " " + shown).trim());
    });
    container.querySelectorAll('[role="textbox"]').forEach((value) => {
      value.setAttribute("aria-labelledby", label.id);
    });
  }

  $(function () {
    document.querySelectorAll("select.admin-autocomplete").forEach(name);
  });
  document.addEventListener("formset:added", (event) => {
    event.target.querySelectorAll("select.admin-autocomplete").forEach(name);
  });
}
