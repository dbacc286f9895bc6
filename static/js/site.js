// Progressive enhancement only: the "Back to top" link in the footer always works; with
// JavaScript a floating copy appears once the reader has scrolled well down the page.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var link = document.querySelector(".to-top");
  if (!link) return;
  var floating = link.cloneNode(true);
  floating.classList.add("to-top--floating");
  floating.hidden = true;
  document.body.appendChild(floating);
  var ticking = false;
  window.addEventListener("scroll", function () {
    if (ticking) return;
    ticking = true;
    window.requestAnimationFrame(function () {
      floating.hidden = window.scrollY < window.innerHeight * 1.5;
      ticking = false;
    });
  }, { passive: true });
})();

// Release times on the reader's clock (progressive enhancement): the page gives each release
// in the show's zone and, in <time data-show-zone>, as a UTC instant. Here that instant is
// rewritten into the browser's zone, e.g. "(7:00 PM your time, CET)", or hidden when the
// reader's clock already shows the show's wall time.
(function () {
  "use strict";
  var times = document.querySelectorAll("time[data-show-zone]");
  if (!times.length || !window.Intl) return;

  function format(moment, options, zone) {
    options.timeZone = zone;
    return new Intl.DateTimeFormat("en-US", options).format(moment);
  }
  function clock(moment, zone) {
    return format(moment, { hour: "numeric", minute: "2-digit" }, zone);
  }
  function weekday(moment, zone) {
    return format(moment, { weekday: "long" }, zone);
  }
  // Each English locale names only some zones ("EST" in en-US, "CET" in en-GB, "IST" in en-IN);
  // otherwise they give an offset, written "UTC+5:30" like the server's own fallback.
  function zoneName(moment) {
    var offset = "";
    var locales = ["en-US", "en-GB", "en-IN"];
    for (var i = 0; i < locales.length; i++) {
      var parts = new Intl.DateTimeFormat(locales[i], { timeZoneName: "short" }).formatToParts(moment);
      var name = parts.filter(function (part) { return part.type === "timeZoneName"; })[0];
      if (!name) continue;
      if (!/^(GMT|UTC)[+\u2212-]/.test(name.value)) return name.value;
      offset = offset || name.value.replace(/^GMT/, "UTC").replace("\u2212", "-");
    }
    return offset;
  }

  Array.prototype.forEach.call(times, function (time) {
    var moment = new Date(time.getAttribute("datetime"));
    if (isNaN(moment.getTime())) return;
    try {
      var showZone = time.getAttribute("data-show-zone");
      var here = weekday(moment) + " " + clock(moment);
      var there = weekday(moment, showZone) + " " + clock(moment, showZone);
      var wrapper = time.closest(".reader-time") || time;
      if (here === there) {
        wrapper.hidden = true;
        return;
      }
      var day = weekday(moment) === weekday(moment, showZone) ? "" : weekday(moment) + " ";
      time.textContent = day + clock(moment) + " your time, " + zoneName(moment);
    } catch (error) {
      // An unknown zone name throws a RangeError; the UTC time stays, which is still right.
    }
  });
})();

// Reader ratings (ratings app): progressive enhancement of the recap page's rating form.
// Without JavaScript the form posts and the browser follows the redirect back to the recap. With
// it, the same POST goes by fetch and the rating's element (#reader-rating) is swapped for the
// one on the page the redirect leads to, so the reader keeps their place; a refusal's title and
// reason are shown in it instead.
(function () {
  "use strict";
  var rating = document.getElementById("reader-rating");
  if (!rating || !window.fetch || !window.DOMParser) return;

  function showError(form, text) {
    var message = rating.querySelector(".reader-rating__error");
    if (!message) {
      message = document.createElement("p");
      message.className = "reader-rating__error";
      message.setAttribute("role", "alert");
      form.parentNode.insertBefore(message, form);
    }
    message.textContent = text;
  }

  rating.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("reader-rating__form")) return;
    event.preventDefault();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) {
      data.append(event.submitter.name, event.submitter.value);
    }
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var fresh = page.getElementById("reader-rating");
          if (response.ok && fresh) {
            rating.replaceChildren.apply(rating, Array.from(fresh.childNodes));
            var focus = rating.querySelector(".reader-rating__yours, .reader-rating__score");
            if (focus) focus.focus();
            return;
          }
          var title = page.querySelector("h1");
          var reason = page.querySelector(".error-page p");
          var parts = [title && title.textContent, reason && reason.textContent];
          showError(form, parts.filter(Boolean).join(". "));
          buttons.forEach(function (button) { button.disabled = false; });
        });
      })
      .catch(function () {
        showError(form, "Your rating could not be sent. Check your connection and try again.");
        buttons.forEach(function (button) { button.disabled = false; });
      });
  });
})();

// The follow forms send the browser's time zone (for the weekly digest).
(function () {
  "use strict";
  var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) document.querySelectorAll("[data-follow-zone]").forEach(function (i) { i.value = zone; });
})();

// One view of a recap counted (readership app): the recap's number and the domain of the page
// the reader came from, never its address, sent once the page is shown (a tab opened in the
// background counts when the reader looks at it). No cookie, nothing kept in the browser.
(function () {
  "use strict";
  var article = document.querySelector("[data-view-recap]");
  if (!article || !navigator.sendBeacon) return;
  function send() {
    if (document.visibilityState !== "visible") return;
    document.removeEventListener("visibilitychange", send);
    navigator.sendBeacon(article.dataset.viewUrl, new URLSearchParams({
      recap: article.dataset.viewRecap,
      from: document.referrer && new URL(document.referrer).hostname
    }));
  }
  document.addEventListener("visibilitychange", send);
  send();
})();
