// The public filing form's checks, the same rules as accounts/identifiers.py: resident ID
// (format, birth date, check character), mainland mobile, unified social credit code. Each
// returns "" when the value passes or the code of the server's message (id_format, id_date,
// id_checksum, mobile_format, uscc_format). The server checks everything again: it decides.
(function () {
  "use strict";
  var ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var ID_CHECK_CHARS = "10X98765432";
  var USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  // Full-width digits and letters (１３８…, Ｘ) count as the ASCII ones they look like.
  function normalised(value) {
    value = String(value || "");
    return value.normalize ? value.normalize("NFKC") : value;
  }

  // A date that exists and is not after today.
  function birthDateOk(digits) {
    var year = Number(digits.slice(0, 4));
    var month = Number(digits.slice(4, 6));
    var day = Number(digits.slice(6, 8));
    var date = new Date(year, month - 1, day);
    if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
      return false;
    }
    return date <= new Date();
  }

  function residentId(value) {
    var raw = normalised(value).replace(/\s+/g, "").toUpperCase();
    if (/^[0-9]{15}$/.test(raw)) return birthDateOk("19" + raw.slice(6, 12)) ? "" : "id_date";
    if (!/^[0-9]{17}[0-9X]$/.test(raw)) return "id_format";
    if (!birthDateOk(raw.slice(6, 14))) return "id_date";
    var total = 0;
    for (var i = 0; i < 17; i++) total += Number(raw.charAt(i)) * ID_WEIGHTS[i];
    return ID_CHECK_CHARS.charAt(total % 11) === raw.charAt(17) ? "" : "id_checksum";
  }

  function mobile(value) {
    var raw = normalised(value).replace(/[\s\-().（）]/g, "");
    if (raw.indexOf("+86") === 0) raw = raw.slice(3);
    else if (raw.indexOf("0086") === 0) raw = raw.slice(4);
    return /^1[3-9][0-9]{9}$/.test(raw) ? "" : "mobile_format";
  }

  // The check character only warns on the server (early codes fail it), so only the form.
  function creditCode(value) {
    var raw = normalised(value).replace(/\s+/g, "").toUpperCase();
    if (raw.length !== 18) return "uscc_format";
    for (var i = 0; i < raw.length; i++) {
      if (USCC_CHARS.indexOf(raw.charAt(i)) < 0) return "uscc_format";
    }
    return "";
  }

  window.CasesChecks = { "resident-id": residentId, mobile: mobile, "credit-code": creditCode };
})();
