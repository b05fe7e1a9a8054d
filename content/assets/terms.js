// Glossary terms on a phone and from the keyboard. A marked term is a link to its glossary
// entry (that is all it is without this script); here a tap, a click, Enter or Space shows
// its definition in place instead: a small box right after the term, with a link to the
// full entry and a close button. Tapping outside, Esc or the button closes it. The term
// acts as a disclosure button (aria-expanded, aria-controls), and the box follows it in
// reading order, so a screen reader hears "expanded" and reads the definition next.
// A click with a modifier key (new tab, new window) still follows the link.
(function () {
  "use strict";
  var ID = "ob-term-popover";
  var box, text, full, current = null;
  // Material's tooltip on the same term clears aria-controls whenever it hides: put it back
  var keep = new MutationObserver(function () {
    if (current && !current.hasAttribute("aria-controls")) current.setAttribute("aria-controls", ID);
  });

  function decode(html) {  // the title is HTML-escaped once for Material's tooltip
    return new DOMParser().parseFromString(html, "text/html").documentElement.textContent;
  }

  function make() {
    box = document.createElement("div");
    box.id = ID;
    box.className = "ob-popover ob-nomark";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "名词解释");
    box.hidden = true;
    text = document.createElement("div");
    text.className = "ob-popover__text";
    var actions = document.createElement("div");
    actions.className = "ob-popover__actions";
    full = document.createElement("a");
    full.textContent = "查看完整解释";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "ob-popover__close";
    close.textContent = "关闭";
    close.setAttribute("aria-label", "关闭名词解释");
    close.addEventListener("click", function () { hide(true); });
    actions.appendChild(full);
    actions.appendChild(close);
    box.appendChild(text);
    box.appendChild(actions);
    (document.querySelector("article") || document.body).appendChild(box);
  }

  function place(term) {
    var r = term.getBoundingClientRect();
    box.style.left = "0px";
    box.style.top = "0px";
    var origin = box.getBoundingClientRect();  // where (0, 0) lands on screen
    var room = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(r.left, room - box.offsetWidth - 8));
    box.style.left = (left - origin.left) + "px";
    box.style.top = (r.bottom + 6 - origin.top) + "px";
  }

  function show(term) {
    if (!box) make();  // made on first use: no empty link (no href) sits in the page before
    if (current) hide(false);
    current = term;
    text.textContent = decode(term.getAttribute("data-ob-definition")) || term.textContent;
    full.href = term.href;
    term.after(box);
    box.hidden = false;
    place(term);
    term.setAttribute("aria-expanded", "true");
    term.setAttribute("aria-controls", ID);
    keep.observe(term, { attributes: true, attributeFilter: ["aria-controls"] });
    document.documentElement.classList.add("ob-term-open");  // Material's hover tooltip steps aside
  }

  function hide(refocus) {
    if (!current) return;
    var term = current;
    current = null;
    keep.disconnect();
    box.hidden = true;
    term.setAttribute("aria-expanded", "false");
    document.documentElement.classList.remove("ob-term-open");
    if (refocus) term.focus();
  }

  function toggle(term) {
    if (current === term) hide(false); else show(term);
  }

  // Cheap on load (a page can have a hundred terms): the definition is copied as it is and
  // decoded on a tap; one listener on the document serves every term.
  function setup() {
    document.querySelectorAll("a.ob-term").forEach(function (term) {
      if (term.hasAttribute("data-ob-definition")) return;
      // read now: Material moves the title into its own tooltip on first hover or focus
      term.setAttribute("data-ob-definition", term.getAttribute("title") || "");
      term.setAttribute("role", "button");
      term.setAttribute("aria-expanded", "false");
    });
  }

  function termOf(event) {
    return event.target.closest ? event.target.closest("a.ob-term[data-ob-definition]") : null;
  }

  document.addEventListener("keydown", function (event) {
    if (current && event.key === "Escape") hide(true);
    var term = event.key === " " && termOf(event);
    if (term) {  // a button answers Space; a link would scroll the page
      event.preventDefault();
      toggle(term);
    }
  });
  document.addEventListener("click", function (event) {
    var term = termOf(event);
    if (term && event.button === 0 && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)) {
      event.preventDefault();
      toggle(term);
    } else if (current && !box.contains(event.target) && event.target !== current) {
      hide(false);
    }
  });
  window.addEventListener("resize", function () { if (current) place(current); });

  setup();
})();
