// One view of a recap, counted when the page is shown: the recap's number and the domain of
// the page the reader came from (never its address). No cookie, nothing stored in the browser.
(function () {
  "use strict";
  var script = document.currentScript;
  var recap = script && script.dataset.recap;
  if (!recap || !navigator.sendBeacon) {
    return;
  }
  var from = "";
  try {
    from = document.referrer ? new URL(document.referrer).hostname : "";
  } catch (error) {
    from = "";
  }
  var body = new URLSearchParams({ recap: recap, from: from });
  var sent = false;
  function send() {
    if (sent || document.visibilityState !== "visible") {
      return;
    }
    sent = true;
    navigator.sendBeacon(script.dataset.url, body);
  }
  // A page opened in a background tab counts once the reader looks at it; a prerendered one
  // that is never shown does not count.
  send();
  document.addEventListener("visibilitychange", send);
})();
