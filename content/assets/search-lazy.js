// Material's search downloads the whole site's index (search/search_index.json) as soon as a page
// loads. On a county site that is megabytes on every first visit, mostly on phones, for a box most
// readers never use. This holds that one request back until the reader reaches for the search (the
// search box gets focus, or a key that opens it is pressed), then lets it through; Material shows
// its "initialising" message meanwhile. Loaded before Material's bundle; changes nothing else.
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var released = false;
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
  if (/[?&]h=/.test(location.search)) { release(); }  // opened from a search result: its words are highlighted
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.closest && event.target.closest(".md-search")) { release(); }
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") { release(); }
  }, true);
  document.addEventListener("keydown", function (event) {
    if (["/", "s", "S", "f", "F"].indexOf(event.key) !== -1) { release(); }  // Material's search keys
  }, true);
})();
