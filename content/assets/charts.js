// Interactive charts on demand. Every chart is first a static SVG image (drawn at build
// time, one drawing for a phone and one for a desktop, picked by <picture>): it shows at
// once, prints, and needs no JavaScript. The chart library (vega-embed, self-hosted) is
// fetched only when a reader reaches for a chart — pointer, tap or Tab — and then replaces
// the image with the same chart (the same drawing the image showed) plus tooltips. Vega's
// expression interpreter (ast: true) keeps it working under a Content-Security-Policy
// without eval. A tap shows the tapped bar's figures: the tap that loaded the library once
// the chart is ready, every later tap at once (a touch pointer leaves as soon as it lifts,
// which hid Vega's tooltip before anyone could read it). From the keyboard a chart is one
// Tab stop; the arrow keys (and Home/End) then move the focus from bar to bar (roving focus:
// a screen reader reads the focused bar's figures), each showing the same tooltip as a
// pointer would, and Escape hides it.
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

  // Vega shows a tooltip when a pointer moves over a mark (and hides it when the pointer
  // leaves): a tap or a key is told to it as such a move.
  function point(target, types, at) {
    types.forEach(function (type) {
      target.dispatchEvent(new PointerEvent(type, {
        bubbles: true, cancelable: true, clientX: at.x, clientY: at.y, pointerType: "mouse"
      }));
    });
  }

  function showAt(figure, at) {
    var live = figure.querySelector(".ob-chart__live");
    var target = document.elementFromPoint(at.x, at.y);
    if (!target || !live.contains(target)) return;
    point(target, ["pointerover", "pointermove"], at);
    figure.obShown = target;  // Escape hides a tapped bar's tooltip too
  }

  // One stop per row of the chart, in its order: the row's bar, or where a row has no bar
  // (a year marked 未公开) its label. Vega keeps each mark's data on its element (__data__).
  function rows(figure) {
    var live = figure.querySelector(".ob-chart__live");
    var bars = {};
    live.querySelectorAll(".mark-rect.role-mark > [role=graphics-symbol]").forEach(function (bar) {
      bars[bar.__data__.datum.label] = bar;
    });
    var labels = live.querySelectorAll(".mark-text.role-mark > [role=graphics-symbol]");
    if (!labels.length) return Object.keys(bars).map(function (k) { return bars[k]; });
    return Array.prototype.map.call(labels, function (label) {
      return bars[label.__data__.datum.label] || label;
    });
  }

  function hideTip(figure) {
    var shown = figure.obShown;
    figure.obShown = null;
    if (shown) point(shown, ["pointerout", "mouseout"], { x: 0, y: 0 });  // Vega hides on mouseout
  }

  function showTip(figure, target) {
    hideTip(figure);
    var box = target.getBoundingClientRect();
    point(target, ["pointerover", "pointermove"], { x: box.right, y: box.top + box.height / 2 });
    figure.obShown = target;
  }

  var MOVES = {
    ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: "first", End: "last"
  };

  function move(figure, key) {
    var stops = rows(figure);
    if (!stops.length) return;
    var at = stops.indexOf(document.activeElement);
    var step = MOVES[key];
    var next = step === "first" ? 0 : step === "last" ? stops.length - 1 :
      at < 0 ? (step > 0 ? 0 : stops.length - 1) : Math.min(Math.max(at + step, 0), stops.length - 1);
    stops.forEach(function (stop) { stop.setAttribute("tabindex", "-1"); });
    figure.setAttribute("tabindex", "-1");  // Tab and Shift+Tab leave the chart, not step back onto it
    stops[next].setAttribute("tabindex", "0");
    stops[next].focus();
    showTip(figure, stops[next]);
  }

  function keyboard(figure) {
    figure.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "Escape") {
        if (figure.obShown) { hideTip(figure); event.preventDefault(); }
        return;
      }
      var state = figure.getAttribute("data-state");
      if (!(event.key in MOVES) || state === "static") return;  // a static chart: the keys scroll
      event.preventDefault();  // the page does not scroll: the key is the chart's
      if (state === "ready") move(figure, event.key);
      else { figure.obKey = event.key; enhance(figure); }  // acted on once the chart is drawn
    });
    // Leaving the chart: its tooltip goes, and the chart is again one Tab stop.
    figure.addEventListener("focusout", function (event) {
      if (event.relatedTarget && figure.contains(event.relatedTarget)) return;
      hideTip(figure);
      rows(figure).forEach(function (stop) { stop.setAttribute("tabindex", "-1"); });
      figure.setAttribute("tabindex", "0");
    });
  }

  // Vega's tooltip box, made here so that it is hidden from screen readers: it floats outside
  // the page's landmarks, and what it shows is the focused bar's own accessible name.
  function tooltipBox() {
    if (document.getElementById("vg-tooltip-element")) return;
    var box = document.createElement("div");
    box.id = "vg-tooltip-element";
    box.className = "vg-tooltip";
    box.setAttribute("aria-hidden", "true");
    document.body.appendChild(box);
  }

  function enhance(figure) {
    if (figure.getAttribute("data-state")) return;
    figure.setAttribute("data-state", "loading");
    var spec = fetch(specFor(figure)).then(function (r) { return r.json(); });
    Promise.all([loadLibrary(), spec]).then(function (loaded) {
      var live = figure.querySelector(".ob-chart__live");
      live.hidden = false;
      tooltipBox();
      return window.vegaEmbed(live, loaded[1], {
        mode: "vega", renderer: "svg", actions: false, ast: true, tooltip: { theme: "light" }
      });
    }).then(function () {
      figure.setAttribute("data-state", "ready");
      var tap = figure.obTap, key = figure.obKey;
      figure.obTap = figure.obKey = null;
      if (tap) showAt(figure, tap);
      else if (key && figure.contains(document.activeElement)) move(figure, key);
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
      keyboard(figure);
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
