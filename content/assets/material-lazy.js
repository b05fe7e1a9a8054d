// Material's own script (the search, the back-to-top button, the header's page title and keyboard
// shortcuts) is 114 KB that a phone spends a fifth of a second or more on as a page loads,
// though nothing on the page needs it to be read: the text, tables, navigation drawer and
// links all work without it. This loads it when the reader first does something (moves the
// mouse, touches, scrolls, presses a key or tabs into the page), or at once on a page opened
// from a search result (its words are highlighted). Material starts on DOMContentLoaded, which
// has passed by then, so that event is sent again once its script has run. What the reader did
// to the search before the script was there is passed on to it: a search opened with a tap on
// its icon, a key that opens it (/, s, f).
(function () {
  "use strict";
  var me = document.currentScript;
  var EVENTS = ["pointerdown", "pointermove", "touchstart", "wheel", "scroll", "keydown", "focusin"];
  var KEYS = ["/", "s", "S", "f", "F"];  // Material's keys that open the search
  var started = false;
  var replay = null;

  // As Material's script would at once: the page has script, so the search can be shown.
  document.documentElement.classList.replace("no-js", "js");

  function start(event) {
    if (started) { return; }
    started = true;
    EVENTS.forEach(function (name) { window.removeEventListener(name, start, true); });
    if (event && event.type === "keydown" && KEYS.indexOf(event.key) !== -1) { replay = event.key; }
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

  if (/[?&]h=/.test(location.search)) { start(null); return; }
  EVENTS.forEach(function (name) { window.addEventListener(name, start, { capture: true, passive: true }); });
})();
