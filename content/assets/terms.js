// Glossary terms with the mouse, the keyboard and on a phone. A marked term is a link to its
// glossary entry whose title is the definition (all it is without this script). Here:
// - pointing at a term or reaching it with Tab shows the definition beside it (a tooltip the
//   pointer can move onto; Esc or leaving closes it), announced as the term's description;
// - a tap, a click, Enter or Space shows it in place instead: a small box right after the
//   term, with a link to the full entry and a close button. Tapping outside, Esc or the
//   button closes it. The term acts as a disclosure button (aria-expanded, aria-controls),
//   and the box follows it in reading order, so a screen reader hears "expanded" and reads
//   the definition next.
// A click with a modifier key (new tab, new window) still follows the link. The definition
// is text (textContent), never markup.
(function () {
  "use strict";
  var ID = "ob-term-popover";
  var TIP = "ob-term-tooltip";
  var box, text, full, current = null;
  var tip, tipFor = null, leaving = 0;

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

  function onScreen(left, width) {  // the left edge that keeps a box of this width on the screen
    return Math.max(8, Math.min(left, document.documentElement.clientWidth - width - 8));
  }

  function place(term) {
    var r = term.getBoundingClientRect();
    box.style.left = "0px";
    box.style.top = "0px";
    var origin = box.getBoundingClientRect();  // where (0, 0) lands on screen
    var left = onScreen(r.left, box.offsetWidth);
    box.style.left = (left - origin.left) + "px";
    box.style.top = (r.bottom + 6 - origin.top) + "px";
  }

  function definition(term) {
    return term.getAttribute("data-ob-definition") || term.textContent;
  }

  function show(term) {
    if (!box) make();  // made on first use: no empty link (no href) sits in the page before
    if (current) hide(false);
    hideTip();
    current = term;
    text.textContent = definition(term);
    full.href = term.href;
    term.after(box);
    box.hidden = false;
    place(term);
    term.setAttribute("aria-expanded", "true");
    term.setAttribute("aria-controls", ID);
  }

  function hide(refocus) {
    if (!current) return;
    var term = current;
    current = null;
    box.hidden = true;
    term.setAttribute("aria-expanded", "false");
    if (refocus) term.focus();
  }

  function toggle(term) {
    if (current === term) hide(false); else show(term);
  }

  // The tooltip: one for the page, made on first use, under the term (above it if there is
  // no room below), never wider than the screen.
  function showTip(term) {
    if (current === term || tipFor === term) return;  // its box already shows the definition
    if (!tip) {
      tip = document.createElement("div");
      tip.id = TIP;
      tip.className = "ob-tooltip ob-nomark";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    hideTip();
    tipFor = term;
    tip.textContent = definition(term);
    tip.hidden = false;
    var r = term.getBoundingClientRect();
    var left = onScreen(r.left, tip.offsetWidth);
    var top = r.bottom + 6;
    if (top + tip.offsetHeight > window.innerHeight && r.top - 6 - tip.offsetHeight > 0) {
      top = r.top - 6 - tip.offsetHeight;
    }
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (top + window.scrollY) + "px";
    term.setAttribute("aria-describedby", TIP);
  }

  function hideTip() {
    clearTimeout(leaving);
    if (!tipFor) return;
    tipFor.removeAttribute("aria-describedby");
    tipFor = null;
    tip.hidden = true;
  }

  function within(node, element) {
    return !!(node && element && (node === element || element.contains(node)));
  }

  // Cheap on load (a page can have a hundred terms): the definition is copied as it is, and
  // one listener on the document serves every term.
  function setup() {
    document.querySelectorAll("a.ob-term").forEach(function (term) {
      if (term.hasAttribute("data-ob-definition")) return;
      term.setAttribute("data-ob-definition", term.getAttribute("title") || "");
      term.removeAttribute("title");  // the browser's own tooltip would cover this one
      term.setAttribute("role", "button");
      term.setAttribute("aria-expanded", "false");
    });
  }

  function termOf(event) {
    return event.target.closest ? event.target.closest("a.ob-term[data-ob-definition]") : null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      if (current) hide(true); else hideTip();
    }
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
  // The pointer may cross the gap between a term and its tooltip and rest on the tooltip: it
  // closes a moment after the pointer has left both.
  document.addEventListener("mouseover", function (event) {
    var term = termOf(event);
    if (term || within(event.target, tip)) clearTimeout(leaving);
    if (term) showTip(term);
  });
  document.addEventListener("mouseout", function (event) {
    if (tipFor && !within(event.relatedTarget, tipFor) && !within(event.relatedTarget, tip)) {
      clearTimeout(leaving);
      leaving = setTimeout(hideTip, 300);
    }
  });
  document.addEventListener("focusin", function (event) {
    var term = termOf(event);
    if (term) showTip(term); else hideTip();
  });
  window.addEventListener("resize", function () { hideTip(); if (current) place(current); });

  setup();
})();
