// The confirmation page's print button.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("print-receipt");
    if (button) button.addEventListener("click", function () { window.print(); });
  });
})();
