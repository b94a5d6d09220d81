// Large-text ("长辈版") switch: remembered on this device, applied before first paint where possible.
(function () {
  "use strict";
  var KEY = "portal-large-text";
  var root = document.documentElement;
  if (localStorage.getItem(KEY) === "1") root.classList.add("large-text");
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("text-size-toggle");
    if (!button) return;
    var sync = function () {
      button.setAttribute("aria-pressed", root.classList.contains("large-text") ? "true" : "false");
    };
    sync();
    button.addEventListener("click", function () {
      root.classList.toggle("large-text");
      localStorage.setItem(KEY, root.classList.contains("large-text") ? "1" : "0");
      sync();
    });
  });
})();
