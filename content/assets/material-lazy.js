// Material's script waits for the reader; the words a search found are marked on the page it opens.
//
// Material's own script (the back-to-top button, the header's page title and keyboard shortcuts)
// is 114 KB that a phone spends a fifth of a second or more on as a page loads, though nothing on
// the page needs it to be read: the text, tables, navigation drawer and links all work without
// it. It is loaded when the reader first does something (moves the mouse, touches, scrolls,
// presses a key or tabs into the page). Material starts on DOMContentLoaded, which has passed by
// then, so that event is sent again once its script has run.
//
// The search is a page of its own (search/, assets/search.js): nothing of it loads elsewhere;
// the key / (Material's key for its search) opens it from any page.
// A page opened from a search result (?h=…) loads Pagefind's highlighter, which marks the words
// searched for in the page's article.
(function () {
  "use strict";
  var me = document.currentScript;
  var EVENTS = ["pointerdown", "pointermove", "touchstart", "wheel", "scroll", "keydown", "focusin"];

  // As Material's script would at once: the page has script.
  document.documentElement.classList.replace("no-js", "js");

  if (/[?&]h=/.test(location.search)) {
    import(me.getAttribute("data-highlight")).then(function (module) {
      new module.default({ highlightParam: "h", markContext: "article.md-content__inner", addStyles: false });
    });
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey ||
        (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)))) { return; }
    event.preventDefault();
    location.href = me.getAttribute("data-search");
  });

  // Material's script, loaded on the first action.
  var started = false;
  function start() {
    if (started) { return; }
    started = true;
    EVENTS.forEach(function (name) { window.removeEventListener(name, start, true); });
    var script = document.createElement("script");
    script.src = me.getAttribute("data-bundle");
    script.onload = function () { document.dispatchEvent(new Event("DOMContentLoaded")); };
    document.body.appendChild(script);
  }
  EVENTS.forEach(function (name) { window.addEventListener(name, start, { capture: true, passive: true }); });
})();
