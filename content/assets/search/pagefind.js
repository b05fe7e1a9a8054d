// Pagefind's library as the search page's interface loads it (its bundlePath is this folder), with
// one change: the order of a phrase's results.
//
// A Chinese word typed is asked for as a phrase ("机关运行经费", assets/search.js), so that it is
// found as that word and not as its characters apart. Pagefind does not rank a phrase's results:
// every page that has it scores 1, in the order the pages were indexed. Here they are ranked as
// Pagefind ranks the same words unquoted (how often, and where: headings weigh more, on how long a
// page), and within the first screen of results (PAGE_SIZE, what the interface shows and loads
// first, so no page's data is fetched that it would not fetch anyway) a page whose title names
// the word comes before pages that only mention it: 机关运行经费 opens with its section, a
// department's name with its page. Everything else is Pagefind's own (search/site/pagefind.js).
import * as pagefind from "../../search/site/pagefind.js";

export { createInstance, debouncedSearch, destroy, filters, init, mergeIndex, options, preload } from "../../search/site/pagefind.js";

var PAGE_SIZE = 5;  // PagefindUI's pageSize (its default)
var PHRASE = /^"([^"\s]+)"$/;

function once(result) {  // the interface asks again for the data read here: fetched once
  var data = null;
  var load = result.data;
  result.data = function () { return data || (data = load.call(result)); };
  return result;
}

export async function search(term, searchOptions) {
  var phrase = typeof term === "string" && term.match(PHRASE);
  if (!phrase) { return pagefind.search(term, searchOptions); }
  var word = phrase[1];
  var both = await Promise.all([pagefind.search(term, searchOptions), pagefind.search(word, searchOptions)]);
  var found = both[0], ranked = both[1];
  if (!found || !found.results || found.results.length < 2) { return found; }
  var scores = new Map(((ranked && ranked.results) || []).map(function (r) { return [r.id, r.score]; }));
  var results = found.results.map(function (r, i) {
    return { result: once(r), score: scores.has(r.id) ? scores.get(r.id) : 0, at: i };
  });
  results.sort(function (a, b) { return b.score - a.score || a.at - b.at; });
  var first = results.slice(0, PAGE_SIZE);
  var named = await Promise.all(first.map(function (r) {
    return r.result.data().then(function (data) {
      var title = ((data && data.meta && data.meta.title) || "").replace(/[\u200b\s]/g, "");
      return title.indexOf(word) >= 0;
    }, function () { return false; });
  }));
  var lead = first.filter(function (r, i) { return named[i]; });
  var rest = first.filter(function (r, i) { return !named[i]; });
  found.results = lead.concat(rest, results.slice(PAGE_SIZE)).map(function (r) { return r.result; });
  return found;
}
