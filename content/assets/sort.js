// The county's table of departments: sorted by total in the page itself (no script needed);
// with this script each column heading becomes a button that sorts by it (again: the other
// way), a list chooses any order (a change column also by its percentage), and a box filters
// the rows by department name. Numbers sort by their exact value (data-value, data-percent),
// names in Chinese collation; a row whose figure is 未公开 always sorts last.
// The view is kept in the address (?sort=total-change-pct&order=asc&q=卫生), so that a link
// reopens it. The address is data: a value that is not one of the table's own keys, or a filter
// text with markup characters or matching no department, is ignored (the default view); text is only ever set as
// textContent or an input's value, never as markup.
(function () {
  "use strict";
  var PCT = "-pct";
  var SAFE_QUERY = /^[^<>"'`&\\\/=(){};]{1,40}$/;
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    var controls = document.querySelector('[data-sort-controls="' + table.id + '"]');
    var status = controls && controls.querySelector("[data-sort-status]");
    var captionOrder = table.querySelector("[data-sort-caption]");
    var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var names = {};  // key → what the heading says (without its * mark)
    var keys = [];   // in the order offered
    var start = { key: null, order: "desc" };
    headings.forEach(function (th, index) {
      var key = th.getAttribute("data-key");
      if (!key || !th.getAttribute("data-sort")) { return; }
      var words = th.firstChild && th.firstChild.nodeType === 3 ? th.firstChild.nodeValue : th.textContent;
      names[key] = { index: index, words: words.trim(), kind: th.getAttribute("data-sort"), percent: false };
      keys.push(key);
      if (th.classList.contains("ob-change")) {
        names[key + PCT] = { index: index, words: words.trim() + "（百分比）", kind: "number", percent: true };
        keys.push(key + PCT);
      }
      if (th.getAttribute("aria-sort")) {
        start = { key: key, order: th.getAttribute("aria-sort") === "ascending" ? "asc" : "desc" };
      }
    });
    function value(row, sortKey) {
      var cell = row.cells[names[sortKey].index];
      return cell.getAttribute(names[sortKey].percent ? "data-percent" : "data-value") || "";
    }
    var current = { key: start.key, order: start.order, query: "" };
    function remember() {
      var params = new URLSearchParams(window.location.search);
      ["sort", "order", "q"].forEach(function (p) { params.delete(p); });
      if (current.key !== start.key || current.order !== start.order) {
        params.set("sort", current.key);
        params.set("order", current.order);
      }
      if (current.query) { params.set("q", current.query); }
      var search = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }
    function sort(sortKey, order) {
      var descending = order === "desc";
      var kind = names[sortKey].kind;
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a, sortKey), y = value(b, sortKey);
        if (x === "" || y === "") { return x === y ? 0 : x === "" ? 1 : -1; }
        var diff = kind === "number" ? Number(x) - Number(y) : x.localeCompare(y, "zh-Hans-CN");
        return descending ? -diff : diff;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      headings.forEach(function (th, i) {
        if (i === names[sortKey].index) { th.setAttribute("aria-sort", descending ? "descending" : "ascending"); }
        else { th.removeAttribute("aria-sort"); }
      });
      var words = "按" + names[sortKey].words + (kind === "number" ? (descending ? "从大到小" : "从小到大")
        : (descending ? "倒序" : "顺序")) + "排列";
      if (captionOrder) { captionOrder.textContent = words; }
      if (status) { status.textContent = "已" + words; }
      if (select) { select.value = sortKey + " " + order; }
      current.key = sortKey;
      current.order = order;
    }
    var select = controls ? controls.querySelector("select") : null;
    if (select) {
      keys.forEach(function (key) {
        ["desc", "asc"].forEach(function (order) {
          var option = document.createElement("option");
          option.value = key + " " + order;
          option.textContent = names[key].words + (names[key].kind === "number"
            ? (order === "desc" ? "，从大到小" : "，从小到大") : (order === "desc" ? "，倒序" : "，顺序"));
          select.appendChild(option);
        });
      });
      select.value = start.key + " " + start.order;
      select.addEventListener("change", function () {
        var parts = select.value.split(" ");
        if (names[parts[0]]) { sort(parts[0], parts[1]); remember(); }
      });
    }
    headings.forEach(function (th) {
      var key = th.getAttribute("data-key");
      if (!key || !names[key]) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ob-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var now = th.getAttribute("aria-sort");
        var order = now ? (now === "ascending" ? "desc" : "asc") : (names[key].kind === "number" ? "desc" : "asc");
        sort(key, order);
        remember();
      });
    });
    if (!controls) { return; }
    controls.hidden = false;
    var input = controls.querySelector("input");
    function filter(query) {
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var match = !query || row.cells[0].textContent.indexOf(query) !== -1;
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      current.query = query;
      if (status) { status.textContent = query ? "显示 " + shown + " 个部门" : ""; }
    }
    input.addEventListener("input", function () {
      var query = input.value.trim();
      filter(SAFE_QUERY.test(query) ? query : "");
      if (!SAFE_QUERY.test(query)) { current.query = ""; }
      remember();
    });
    // the view the address asks for: only the table's own keys and orders, a plain filter text
    var asked = new URLSearchParams(window.location.search);
    var key = asked.get("sort"), order = asked.get("order"), query = asked.get("q");
    if (key && Object.prototype.hasOwnProperty.call(names, key) && (order === "asc" || order === "desc")) {
      sort(key, order);
    }
    query = query ? query.trim() : "";
    var known = SAFE_QUERY.test(query) && Array.prototype.some.call(body.rows, function (row) {
      return row.cells[0].textContent.indexOf(query) !== -1;
    });
    if (known) {  // a filter that matches no department is an unknown value: the default view
      input.value = query;
      filter(query);
    }
  });
})();
