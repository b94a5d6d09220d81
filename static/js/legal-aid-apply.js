// The legal-aid application page: county → town → village lists (shared with dispute filing).
(function () {
  "use strict";
  var form = document.getElementById("legal-aid-apply");
  if (form && window.CasesRegions) window.CasesRegions.wire(form);
})();
