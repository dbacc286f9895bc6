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
