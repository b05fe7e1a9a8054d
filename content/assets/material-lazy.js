// Material's script and the search index wait for the reader.
//
// Material's own script (the search, the back-to-top button, the header's page title and keyboard
// shortcuts) is 114 KB that a phone spends a fifth of a second or more on as a page loads,
// though nothing on the page needs it to be read: the text, tables, navigation drawer and
// links all work without it. It is loaded when the reader first does something (moves the
// mouse, touches, scrolls, presses a key or tabs into the page). Material starts on
// DOMContentLoaded, which has passed by then, so that event is sent again once its script has
// run. What the reader did to the search before the script was there is passed on to it: a
// search opened with a tap on its icon, a key that opens it.
//
// Material's search then downloads the whole site's index (search/search_index.json). On a
// county site that is megabytes, mostly on phones, for a box most readers never use: that one
// request is held back until the reader reaches for the search (the search box gets focus, or a
// key that opens it is pressed); Material shows its "initialising" message meanwhile.
//
// A page opened from a search result (?h=) gets both at once: Material marks the words found,
// which needs the index.
(function () {
  "use strict";
  var me = document.currentScript;
  var EVENTS = ["pointerdown", "pointermove", "touchstart", "wheel", "scroll", "keydown", "focusin"];
  var SEARCH_KEYS = ["/", "s", "S", "f", "F"];  // Material's keys that open the search
  var INDEX = /\/search\/search_index\.json$/;
  var fromResult = /[?&]h=/.test(location.search);

  // As Material's script would at once: the page has script, so the search can be shown.
  document.documentElement.classList.replace("no-js", "js");

  // The index request, held back.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var released = fromResult;
  function release() {
    if (released) { return; }
    released = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.obSearchIndex = INDEX.test(String(url).split("?")[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.obSearchIndex && !released) {
      waiting.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(request, args);
  };
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.closest && event.target.closest(".md-search")) { release(); }
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") { release(); }
  }, true);
  document.addEventListener("keydown", function (event) {
    if (SEARCH_KEYS.indexOf(event.key) !== -1) { release(); }
  }, true);

  // Material's script, loaded on the first action.
  var started = false;
  var replay = null;
  function start(event) {
    if (started) { return; }
    started = true;
    EVENTS.forEach(function (name) { window.removeEventListener(name, start, true); });
    if (event && event.type === "keydown" && SEARCH_KEYS.indexOf(event.key) !== -1) { replay = event.key; }
    var script = document.createElement("script");
    script.src = me.getAttribute("data-bundle");
    script.onload = function () {
      document.dispatchEvent(new Event("DOMContentLoaded"));
      var search = document.getElementById("__search");  // opened by a tap on its icon meanwhile:
      var box = document.querySelector("input.md-search__input");  // the box gets the cursor, as
      if (search && search.checked && box) { box.focus(); }  // Material gives it on that tap
      if (replay !== null) { window.dispatchEvent(new KeyboardEvent("keydown", { key: replay, bubbles: true })); }
    };
    document.body.appendChild(script);
  }
  if (fromResult) { start(null); return; }
  EVENTS.forEach(function (name) { window.addEventListener(name, start, { capture: true, passive: true }); });
})();
