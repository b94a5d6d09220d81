// Public filing: one step of the form at a time, with the progress shown; a step is checked
// before moving on, and the last step shows everything typed for review.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("filing-form");
    if (!form) return;
    if (window.CasesRegions) window.CasesRegions.wire(form);
    var steps = Array.prototype.slice.call(form.querySelectorAll(".step"));
    form.classList.add("js-steps");
    function show(n) {
      steps.forEach(function (step) {
        step.hidden = Number(step.getAttribute("data-step")) !== n;
      });
      if (n === steps.length) review();
      var legend = steps[n - 1].querySelector("legend");
      if (legend) { legend.setAttribute("tabindex", "-1"); legend.focus(); }
      window.scrollTo(0, 0);
    }
    function valid(step) {
      var fields = step.querySelectorAll("input, select, textarea");
      for (var i = 0; i < fields.length; i++) {
        var field = fields[i];
        if (field.type === "hidden") continue;
        var required = field.closest(".field") && field.closest(".field").querySelector(".required");
        if (required && field.type !== "checkbox" && !field.value.trim()) {
          field.setCustomValidity(field.getAttribute("data-required-message") || "请填写此项");
          field.reportValidity();
          field.setCustomValidity("");
          return false;
        }
      }
      return true;
    }
    function review() {
      var list = document.getElementById("review-list");
      if (!list) return;
      list.innerHTML = "";
      steps.slice(0, -1).forEach(function (step) {
        step.querySelectorAll(".field").forEach(function (wrap) {
          var label = wrap.querySelector("label");
          var field = wrap.querySelector("input, select, textarea");
          if (!label || !field) return;
          var value = field.tagName === "SELECT" ? (field.value ? field.options[field.selectedIndex].text : "") : field.value;
          if (!value) return;
          var dt = document.createElement("dt");
          dt.textContent = label.textContent.replace("*", "");
          var dd = document.createElement("dd");
          dd.textContent = value;
          list.appendChild(dt);
          list.appendChild(dd);
        });
      });
    }
    form.addEventListener("click", function (event) {
      var target = event.target;
      var current = Number(target.closest(".step") && target.closest(".step").getAttribute("data-step"));
      if (target.classList.contains("step__next")) {
        if (valid(steps[current - 1])) show(current + 1);
      } else if (target.classList.contains("step__prev")) {
        show(current - 1);
      }
    });
    // One tap submits once: a second tap while the first is on its way is ignored (the
    // server also files a form token only once).
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-sent") === "1") { event.preventDefault(); return; }
      form.setAttribute("data-sent", "1");
    });
    show(Number(form.getAttribute("data-open-step")) || 1);
  });
})();
