/* The site's only script: the phone menu toggle, collapsing filters on phones, print buttons. */
(function () {
  "use strict";
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("main-nav");
  if (toggle && nav) {
    document.documentElement.classList.add("js");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      nav.classList.toggle("is-open", !open);
    });
  }
  var phone = window.matchMedia("(max-width: 47.99em)");
  function collapseFilters() {
    document.querySelectorAll("details.filters, details.filters-toggle").forEach(function (details) {
      details.open = !phone.matches;
    });
  }
  collapseFilters();
  if (phone.addEventListener) {
    phone.addEventListener("change", collapseFilters);
  }
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
