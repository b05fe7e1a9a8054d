// A link to any figure, for citing it. Every row of a figure table, every table and every chart
// has a stable anchor in the page (its table's key and the row's code or name: see
// document/statements.py, row_anchors); without this script a reader can still link to it by
// hand. Here each gets a “复制链接” button (a real button: a tap, a click, Enter or Space) that
// copies the page's address with that anchor: with the Clipboard API where the browser allows
// it, else by selecting the address in a hidden text box and copying that; if neither works
// the address is shown, selected, for the reader to copy. A status line says what happened.
(function () {
  "use strict";
  var status, timer = 0;

  function say(message) {
    if (!status) {
      status = document.createElement("p");
      status.className = "ob-cite-status ob-nomark";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = message;
    status.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(function () { status.hidden = true; }, 4000);
  }

  function address(id) {
    return location.href.split("#")[0] + "#" + encodeURIComponent(id);
  }

  function fallback(text) {
    var box = document.createElement("textarea");
    box.value = text;
    box.setAttribute("readonly", "");
    box.className = "ob-cite-copy";
    document.body.appendChild(box);
    box.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    document.body.removeChild(box);
    if (done) {
      say("已复制链接：" + text);
    } else {
      say("请复制链接：" + text);
    }
  }

  function copy(id) {
    var text = address(id);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say("已复制链接：" + text); },
                                               function () { fallback(text); });
    } else {
      fallback(text);
    }
  }

  function button(id, name, wide) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = wide ? "ob-cite ob-cite--wide" : "ob-cite";
    b.setAttribute("data-cite", id);
    b.setAttribute("aria-label", "复制链接：" + name);
    b.title = "复制链接";
    b.textContent = wide ? "复制链接" : "#";
    return b;
  }

  document.querySelectorAll("table.ob-figures tbody tr[id]").forEach(function (row) {
    var name = row.querySelector("th[scope=row]");
    if (name) { name.appendChild(button(row.id, name.textContent.trim(), false)); }
  });
  document.querySelectorAll(".ob-table[id] > table > caption").forEach(function (caption) {
    caption.appendChild(button(caption.parentNode.parentNode.id, caption.textContent.trim(), true));
  });
  // a chart's button follows the chart, outside it: leaving the chart (Tab) closes its tooltip
  document.querySelectorAll("figure.ob-chart[id] > figcaption").forEach(function (caption) {
    var line = document.createElement("p");
    line.className = "ob-cite-line ob-nomark";
    line.appendChild(button(caption.parentNode.id, caption.textContent.trim().split("。")[0], true));
    caption.parentNode.insertAdjacentElement("afterend", line);
  });
  document.addEventListener("click", function (event) {
    var b = event.target.closest && event.target.closest("button[data-cite]");
    if (b) { copy(b.getAttribute("data-cite")); }
  });
})();
