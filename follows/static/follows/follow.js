// The follow forms send the reader's time zone (for the weekly digest) from the browser;
// without JavaScript the digest follows UTC until changed on the manage page.
(function () {
  "use strict";
  if (!window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  document.querySelectorAll("input[data-follow-zone]").forEach(function (input) {
    input.value = zone;
  });
})();
