// Interactive charts on demand. Every chart is first a static SVG image (drawn at build
// time): it shows at once, prints, and needs no JavaScript. The chart library (vega-embed,
// self-hosted) is fetched only when a reader reaches for a chart — pointer, tap or Tab —
// and then replaces the image with the same chart plus tooltips. Vega's expression
// interpreter (ast: true) keeps it working under a Content-Security-Policy without eval.
(function () {
  "use strict";
  var bundle = document.currentScript.getAttribute("data-bundle");
  var library = null;

  function loadLibrary() {
    if (!library) {
      library = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = bundle;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("chart library failed to load")); };
        document.head.appendChild(script);
      });
    }
    return library;
  }

  function enhance(figure) {
    if (figure.getAttribute("data-state")) return;
    figure.setAttribute("data-state", "loading");
    var spec = fetch(figure.getAttribute("data-spec")).then(function (r) { return r.json(); });
    Promise.all([loadLibrary(), spec]).then(function (loaded) {
      var live = figure.querySelector(".ob-chart__live");
      live.hidden = false;
      return window.vegaEmbed(live, loaded[1], {
        mode: "vega", renderer: "svg", actions: false, ast: true, tooltip: { theme: "light" }
      });
    }).then(function () {
      figure.setAttribute("data-state", "ready");
    }).catch(function (error) {
      figure.setAttribute("data-state", "static");  // the static chart stays; nothing is lost
      figure.querySelector(".ob-chart__live").hidden = true;
      console.warn(error);
    });
  }

  function setup() {
    document.querySelectorAll(".ob-chart[data-spec]").forEach(function (figure) {
      ["pointerenter", "focusin", "touchstart"].forEach(function (type) {
        figure.addEventListener(type, function () { enhance(figure); }, { once: true, passive: true });
      });
    });
  }

  // Material's instant navigation swaps pages without reloading: document$ tells us when.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setup);
  else setup();
})();
