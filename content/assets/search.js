// The search page: Pagefind's interface over the site's index parts (hooks/openbudget/render/searchindex.py).
//
// The index is in parts: the site-wide pages' (search/site/, with the library) and one per
// jurisdiction, listed in search/parts.json; Pagefind merges them into one search and fetches
// only the chunks a query needs. A Chinese word typed is asked for as one phrase: Pagefind cuts
// the query into words as it cut the pages, and words its dictionary does not know (信访, 三率)
// into single characters, which it would otherwise find anywhere in a page, apart.
// Results link with ?h=<what was typed>: the page opened marks it (assets/material-lazy.js).
(function () {
  "use strict";
  var me = document.currentScript;
  var root = new URL("../", me.src);  // this script is in assets/, at the site's root
  var SITE_WEIGHT = 0.5;
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

  var typed = "";
  function phrase(term) {
    var words = term.trim();
    typed = words.replace(/"/g, "");
    return HAN.test(words) && !/["\s]/.test(words) ? '"' + words + '"' : term;
  }

  // The page a result opens marks what was typed, not each word Pagefind matched (信 and 访 apart).
  function marked(url) {
    var at = new URL(url, location.href);
    at.searchParams.delete("h");
    if (typed) { at.searchParams.set("h", typed); }
    return at.pathname + at.search + at.hash;
  }
  function located(result) {
    result.url = marked(result.url);
    (result.sub_results || []).forEach(function (sub) { sub.url = marked(sub.url); });
    return result;
  }

  function start(parts) {
    var base = root.pathname;
    new PagefindUI({
      element: "#ob-search",
      bundlePath: base + "assets/search/",  // Pagefind's library, its phrases ranked (assets/search/pagefind.js)
      baseUrl: base,
      // a department's own pages before the site-wide lists that name it (home, 全部部门)
      indexWeight: SITE_WEIGHT,
      mergeIndex: parts.map(function (part) { return { bundlePath: base + part, baseUrl: base }; }),
      processTerm: phrase,
      processResult: located,
      highlightParam: "h",
      showSubResults: true,
      showImages: false,
      excerptLength: 24,
      debounceTimeoutMs: 100,  // Chinese comes from an input method a word at a time: no keystrokes to wait out
      autofocus: true
    });
    var box = document.querySelector("#ob-search .pagefind-ui__search-input");
    if (box) {
      box.setAttribute("aria-label", "搜索本站的部门预算");  // named by more than its title (axe)
      // Pagefind loads its library and index on the box's focus event; its autofocus comes before
      // it listens: focused again, the library loads while the reader starts typing.
      box.blur();
      box.focus();
    }
  }

  fetch(new URL("search/parts.json", root))
    .then(function (response) { return response.ok ? response.json() : []; })
    .catch(function () { return []; })
    .then(start);
})();
