/* Several places chosen by searching (service area of an offer). The <select multiple> holds
   the chosen places and is what the form posts; this script hides it, lists the chosen places
   with a Remove button each, and adds places found by the server-side place search. */
(function () {
  "use strict";

  function button(label, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "button button-small button-secondary";
    element.textContent = label;
    element.addEventListener("click", onClick);
    return element;
  }

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var select = root.querySelector("select");
    var chosen = root.querySelector("[data-chosen]");
    var input = root.querySelector("[data-search]");
    var results = root.querySelector("[data-results]");
    var timer = null;
    var latest = 0;

    function changed() {
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function render() {
      chosen.textContent = "";
      Array.prototype.forEach.call(select.options, function (option) {
        option.selected = true;
        var item = document.createElement("li");
        item.textContent = option.textContent + " ";
        item.appendChild(button(root.dataset.removeLabel, function () {
          option.remove();
          render();
          changed();
        }));
        chosen.appendChild(item);
      });
    }

    function add(place) {
      var value = String(place.id);
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      if (!known) select.add(new Option(place.label, value, true, true));
      render();
      changed();
    }

    function show(places) {
      results.textContent = "";
      if (!places.length) {
        var none = document.createElement("li");
        none.textContent = root.dataset.noneLabel;
        results.appendChild(none);
      }
      places.forEach(function (place) {
        var item = document.createElement("li");
        item.textContent = place.label + " ";
        item.appendChild(button(root.dataset.addLabel, function () { add(place); }));
        results.appendChild(item);
      });
    }

    function search() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) {
        results.textContent = "";
        return;
      }
      var url = root.dataset.searchUrl + "?q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (ticket === latest) show(data.results); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
    select.hidden = true;
    chosen.hidden = false;
    root.querySelector("[data-search-box]").hidden = false;
    render();
  }

  function init() {
    document.querySelectorAll("[data-place-multiple-chooser]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
