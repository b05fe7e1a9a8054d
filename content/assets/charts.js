// Interactive charts on demand. Every chart is first a static SVG image (drawn at build
// time, one drawing for a phone and one for a desktop, picked by <picture>): it shows at
// once, prints, and needs no JavaScript. The chart library (vega-embed, self-hosted) is
// fetched only when a reader reaches for a chart — pointer, tap or Tab — and then replaces
// the image with the same chart (the same drawing the image showed) plus tooltips. Vega's
// expression interpreter (ast: true) keeps it working under a Content-Security-Policy
// without eval. A tap shows the tapped bar's figures: the tap that loaded the library once
// the chart is ready, every later tap at once (a touch pointer leaves as soon as it lifts,
// which hid Vega's tooltip before anyone could read it).
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

  function specFor(figure) {
    var narrow = figure.getAttribute("data-narrow");
    return narrow && window.matchMedia(narrow).matches ?
      figure.getAttribute("data-spec-narrow") : figure.getAttribute("data-spec");
  }

  // Vega shows a tooltip when a pointer moves over a mark: a tap is told to it as such a move.
  function showAt(figure, point) {
    var live = figure.querySelector(".ob-chart__live");
    var target = document.elementFromPoint(point.x, point.y);
    if (!target || !live.contains(target)) return;
    ["pointerover", "pointermove"].forEach(function (type) {
      target.dispatchEvent(new PointerEvent(type, {
        bubbles: true, cancelable: true, clientX: point.x, clientY: point.y, pointerType: "mouse"
      }));
    });
  }

  function enhance(figure) {
    if (figure.getAttribute("data-state")) return;
    figure.setAttribute("data-state", "loading");
    var spec = fetch(specFor(figure)).then(function (r) { return r.json(); });
    Promise.all([loadLibrary(), spec]).then(function (loaded) {
      var live = figure.querySelector(".ob-chart__live");
      live.hidden = false;
      return window.vegaEmbed(live, loaded[1], {
        mode: "vega", renderer: "svg", actions: false, ast: true, tooltip: { theme: "light" }
      });
    }).then(function () {
      figure.setAttribute("data-state", "ready");
      var tap = figure.obTap;
      figure.obTap = null;
      if (tap) showAt(figure, tap);
    }).catch(function (error) {
      figure.setAttribute("data-state", "static");  // the static chart stays; nothing is lost
      figure.querySelector(".ob-chart__live").hidden = true;
      console.warn(error);
    });
  }

  function setup() {
    document.querySelectorAll(".ob-chart[data-spec]").forEach(function (figure) {
      if (figure.obSetUp) return;
      figure.obSetUp = true;
      ["pointerenter", "focusin"].forEach(function (type) {
        figure.addEventListener(type, function () { enhance(figure); }, { once: true, passive: true });
      });
      figure.addEventListener("pointerup", function (event) {
        if (event.pointerType !== "touch" && event.pointerType !== "pen") return;
        var point = { x: event.clientX, y: event.clientY };
        if (figure.getAttribute("data-state") === "ready") {
          // after the touch pointer has left (pointerout comes right after pointerup)
          setTimeout(function () { showAt(figure, point); }, 0);
        } else {
          figure.obTap = point;
          enhance(figure);
        }
      }, { passive: true });
    });
  }

  // Material's instant navigation swaps pages without reloading: document$ tells us when.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setup);
  else setup();
})();
