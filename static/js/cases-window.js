// Window intake: region selects, and parties already on record suggested as the clerk types
// a name, mobile number or ID number (identifiers come back masked).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("window-form");
    if (!form) return;
    if (window.CasesRegions) window.CasesRegions.wire(form);
    var url = form.getAttribute("data-parties-url");
    var list = document.getElementById("party-suggestions");
    var timer = null;
    ["applicant_name", "respondent_name"].forEach(function (name) {
      var input = form.querySelector("[name=" + name + "]");
      if (!input || !url || !list) return;
      input.setAttribute("list", "party-suggestions");
      input.setAttribute("autocomplete", "off");
      input.addEventListener("input", function () {
        clearTimeout(timer);
        var q = input.value.trim();
        if (q.length < 2) return;
        timer = setTimeout(function () {
          fetch(url + "?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (r) { return r.ok ? r.json() : []; })
            .then(function (items) {
              list.innerHTML = "";
              items.forEach(function (item) {
                var option = document.createElement("option");
                option.value = item.name;
                option.label = [item.phone, item.id_number, item.case_number].filter(Boolean).join(" · ");
                list.appendChild(option);
              });
            });
        }, 250);
      });
    });
  });
})();
