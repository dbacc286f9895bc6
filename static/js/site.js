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

// Reader ratings (ratings app): progressive enhancement of the recap page's rating form.
// Without JavaScript the form posts and the browser follows the redirect back to the recap. With
// it, the same POST goes by fetch and the rating section is swapped for the one on the page the
// redirect leads to, so the reader keeps their place; a refusal's title and reason are shown in
// the section instead.
(function () {
  "use strict";
  var section = document.getElementById("reader-rating");
  if (!section || !window.fetch || !window.DOMParser) return;

  function showError(form, text) {
    var message = section.querySelector(".reader-rating__error");
    if (!message) {
      message = document.createElement("p");
      message.className = "reader-rating__error";
      message.setAttribute("role", "alert");
      form.parentNode.insertBefore(message, form);
    }
    message.textContent = text;
  }

  section.addEventListener("submit", function (event) {
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
            section.replaceChildren.apply(section, Array.from(fresh.childNodes));
            var focus = section.querySelector(".reader-rating__yours, .reader-rating__score");
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
