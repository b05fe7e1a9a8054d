// A table of 类, 款 and 项 (a county's 一般公共预算支出表 runs to hundreds of rows) can be folded
// to its 类 or 款: the buttons above it show rows down to that level. Without this script every
// row shows; on a phone the table starts folded to 款 so that the classes can be scanned, unless
// the address points at a deeper row (a cited 项): then every row shows, so the row is there.
// Folding sets one attribute on each table and site.css hides the deeper rows (not each row's
// `hidden`: one change for the browser to style, whatever the table's length).
(function () {
  "use strict";
  var controls = document.querySelectorAll("[data-table-levels]");
  controls.forEach(function (control) {
    var buttons = control.querySelectorAll("button[data-level]");
    var tables = document.querySelectorAll(".ob-statement");
    function show(level) {
      tables.forEach(function (table) { table.setAttribute("data-shown", String(level)); });
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(Number(b.getAttribute("data-level")) === level));
      });
    }
    buttons.forEach(function (b) {
      b.addEventListener("click", function () { show(Number(b.getAttribute("data-level"))); });
    });
    control.hidden = false;
    var deepest = buttons.length - 1;
    var narrow = window.matchMedia && window.matchMedia("(max-width: 600px)").matches;
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var cited = target && target.hasAttribute("data-level") ? Number(target.getAttribute("data-level")) : 0;
    show(narrow && deepest > 1 && cited <= 1 ? 1 : deepest);
    if (cited > 1 && narrow) { target.scrollIntoView(); }
  });
})();
