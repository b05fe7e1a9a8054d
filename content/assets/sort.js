// The county's table of departments: sorted by total in the page itself (no script needed);
// with this script each column heading becomes a button that sorts by it (again: the other
// way), and a box filters the rows by department name. Numbers sort by their exact value
// (data-value), names in Chinese collation; a row whose figure is 未公开 always sorts last.
(function () {
  "use strict";
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    var status = document.querySelector('[data-sort-controls="' + table.id + '"] [data-sort-status]');
    var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
    function value(row, index) {
      var cell = row.cells[index];
      return cell.getAttribute("data-value") || "";
    }
    function sort(index, kind, descending) {
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a, index), y = value(b, index);
        if (x === "" || y === "") { return x === y ? 0 : x === "" ? 1 : -1; }
        var order = kind === "number" ? Number(x) - Number(y) : x.localeCompare(y, "zh-Hans-CN");
        return descending ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      headings.forEach(function (th, i) {
        if (i === index) { th.setAttribute("aria-sort", descending ? "descending" : "ascending"); }
        else { th.removeAttribute("aria-sort"); }
      });
      if (status) { status.textContent = "已按“" + headings[index].textContent + "”" + (descending ? "从大到小" : "从小到大") + "排列"; }
    }
    headings.forEach(function (th, index) {
      var kind = th.getAttribute("data-sort");
      if (!kind) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ob-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var now = th.getAttribute("aria-sort");
        sort(index, kind, now ? now === "ascending" : kind === "number");
      });
    });
    var controls = document.querySelector('[data-sort-controls="' + table.id + '"]');
    if (!controls) { return; }
    controls.hidden = false;
    var input = controls.querySelector("input");
    input.addEventListener("input", function () {
      var query = input.value.trim();
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var match = !query || row.cells[0].textContent.indexOf(query) !== -1;
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      if (status) { status.textContent = query ? "显示 " + shown + " 个部门" : ""; }
    });
  });
})();
