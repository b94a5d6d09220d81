// County → town → village selects filled from the public regions API (shared by the filing
// and window pages). Without script the server-rendered lists still work after a submit.
window.CasesRegions = (function () {
  "use strict";
  function fill(select, items, placeholder) {
    var keep = select.value;
    select.innerHTML = "";
    var first = document.createElement("option");
    first.value = "";
    first.textContent = placeholder;
    select.appendChild(first);
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.code;
      option.textContent = item.name;
      if (item.code === keep) option.selected = true;
      select.appendChild(option);
    });
  }
  function wire(form) {
    var url = form.getAttribute("data-regions-url");
    var county = form.querySelector("[name=county]");
    var town = form.querySelector("[name=town]");
    var village = form.querySelector("[name=village]");
    if (!url || !county || !town || !village) return;
    var placeholder = county.options.length ? county.options[0].textContent : "";
    function load(parent, target, then) {
      if (!parent) { fill(target, [], placeholder); if (then) then(); return; }
      fetch(url + "?parent=" + encodeURIComponent(parent), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) { fill(target, items, placeholder); if (then) then(); });
    }
    county.addEventListener("change", function () {
      load(county.value, town, function () { fill(village, [], placeholder); });
    });
    town.addEventListener("change", function () { load(town.value, village); });
  }
  return { wire: wire };
})();
