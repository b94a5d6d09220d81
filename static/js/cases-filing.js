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
    // Each field of a step against the server's rules (static/js/cases-checks.js), every
    // message beside its field as the server would put it; the first wrong field gets focus.
    function message(code) {
      return form.getAttribute("data-msg-" + code.replace(/_/g, "-")) || code;
    }
    function clearError(field) {
      var wrap = field.closest(".field");
      if (!wrap) return;
      wrap.querySelectorAll(".error").forEach(function (p) { p.remove(); });
      wrap.classList.remove("field--error");
      field.removeAttribute("aria-invalid");
    }
    function showError(field, text) {
      var wrap = field.closest(".field");
      var p = document.createElement("p");
      p.className = "error";
      p.id = field.id + "_error";
      p.setAttribute("role", "alert");
      p.textContent = (form.getAttribute("data-msg-prefix") || "") + text;
      wrap.appendChild(p);
      wrap.classList.add("field--error");
      field.setAttribute("aria-invalid", "true");
      var described = (field.getAttribute("aria-describedby") || "").split(" ");
      if (described.indexOf(p.id) < 0) {
        field.setAttribute("aria-describedby", described.concat(p.id).join(" ").trim());
      }
    }
    function problem(field) {
      var value = field.type === "checkbox" ? (field.checked ? "on" : "") : field.value.trim();
      if (!value) {
        return field.hasAttribute("data-required-message") ? field.getAttribute("data-required-message") : "";
      }
      var check = window.CasesChecks && window.CasesChecks[field.getAttribute("data-check")];
      var code = check ? check(value) : "";
      return code ? message(code) : "";
    }
    function valid(step) {
      var first = null;
      step.querySelectorAll("input, select, textarea").forEach(function (field) {
        if (field.type === "hidden" || !field.closest(".field")) return;
        clearError(field);
        var text = problem(field);
        if (!text) return;
        showError(field, text);
        first = first || field;
      });
      if (first) first.focus();
      return !first;
    }
    // A corrected field loses its message as soon as it passes, while typing: waiting for the
    // change on leaving the field would move the buttons under a tap that is already landing.
    function recheck(event) {
      var field = event.target;
      if (field.closest && field.closest(".field--error") && !problem(field)) clearError(field);
    }
    form.addEventListener("input", recheck);
    form.addEventListener("change", recheck);
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
      if (form.getAttribute("data-sent") === "1" || !valid(steps[steps.length - 1])) {
        event.preventDefault();
        return;
      }
      form.setAttribute("data-sent", "1");
    });
    show(Number(form.getAttribute("data-open-step")) || 1);
  });
})();
