/* planportal: clause links. Copy a clause's link or citation; highlight the clause a link
   points to. No dependencies, no network. */
(function () {
  "use strict";

  function status(key) {
    var box = document.querySelector(".pp-status");
    if (!box) return;
    box.textContent = box.getAttribute(key) || "";
    window.clearTimeout(status.timer);
    status.timer = window.setTimeout(function () { box.textContent = ""; }, 2500);
  }

  /* A long plan is printed on several parts (plans/<id>/, plans/<id>/2/ …); its clause
     links are shared in one form, the plan's own address + #anchor (data-pp-home). */
  function planPage() {
    return document.querySelector(".pp-plan[data-pp-home]");
  }

  function clauseUrl(anchor) {
    var page = planPage();
    var url = new URL(page ? page.getAttribute("data-pp-home") : window.location.href, window.location.href);
    url.hash = anchor;
    return url.href;
  }

  /* An anchor that is not on this part: go to the part that prints it (data-pp-parts,
     part number → anchors); clauses no part prints (removed ones) are on the first. */
  function forward(id) {
    var page = planPage();
    var map = page && page.getAttribute("data-pp-parts");
    if (!map) return false;
    var parts = JSON.parse(map);
    var target = "1";
    for (var n in parts) {
      if ((" " + parts[n] + " ").indexOf(" " + id + " ") >= 0) target = n;
    }
    var home = new URL(page.getAttribute("data-pp-home"), window.location.href);
    var dest = new URL(target === "1" ? "./" : target + "/", home);
    if (dest.pathname === window.location.pathname) return false;
    dest.hash = id;
    window.location.replace(dest.href);
    return true;
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return fallbackCopy(text); }
      );
    }
    return Promise.resolve(fallbackCopy(text));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".pp-copy-link, .pp-copy-cite");
    if (!button) return;
    var anchor = button.getAttribute("data-pp-anchor");
    var url = clauseUrl(anchor);
    var text = button.classList.contains("pp-copy-cite")
      ? button.getAttribute("data-pp-citation") + " " + url
      : url;
    copy(text).then(function (ok) {
      status(ok ? "data-pp-copied" : "data-pp-copy-failed");
    });
  });

  /* The copy buttons of each clause, made here from the compact data the page carries
     (generator.render.contexts.CopyControls): labels once on .pp-status, per clause its
     name (data-pp-what) and the end of its citation after its task's <cite>. */
  function button(cls, anchor, text, label, citation) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.setAttribute("data-pp-anchor", anchor);
    if (citation !== null) b.setAttribute("data-pp-citation", citation);
    b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }

  function copyButtons() {
    var box = document.querySelector(".pp-status[data-pp-labels]");
    var spans = document.querySelectorAll(".pp-actions[data-pp-what]");
    if (!box || !spans.length) return;
    var labels = box.getAttribute("data-pp-labels").split("|");
    for (var i = 0; i < spans.length; i++) {
      var span = spans[i];
      if (span.querySelector("button")) continue;
      var what = span.getAttribute("data-pp-what");
      var task = span.closest(".pp-task");
      var holder = span.parentElement;
      var anchor = holder && holder.id ? holder.id : "";
      if (!anchor && task) {
        var head = task.querySelector(".pp-task__title[id]");
        anchor = head ? head.id : "";
      }
      var cite = span.getAttribute("data-pp-cite");
      if (!cite) {
        var own = task && task.querySelector(".pp-task__cite cite");
        cite = (own ? own.textContent : "") + (span.getAttribute("data-pp-tail") || "");
      }
      span.appendChild(button("pp-copy-link", anchor, labels[0], labels[2].replace("{what}", what), null));
      span.appendChild(button("pp-copy-cite", anchor, labels[1], labels[3].replace("{what}", what), cite));
    }
  }

  function highlight() {
    var old = document.querySelectorAll(".pp-targeted");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("pp-targeted");
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) {
      forward(id);
      return;
    }
    var clause = el.classList.contains("pp-task__title") ? el.closest(".pp-task") : el;
    if (clause) clause.classList.add("pp-targeted");
    if (el.scrollIntoView) el.scrollIntoView({ block: "start" });
  }

  /* The full link of each clause, printed after its heading (portal.css, @media print). */
  function permalinks() {
    var heads = document.querySelectorAll(".pp-task__title[id]");
    for (var i = 0; i < heads.length; i++) {
      heads[i].setAttribute("data-pp-permalink", clauseUrl(heads[i].id));
    }
  }

  function ready() {
    copyButtons();
    permalinks();
    highlight();
  }

  window.addEventListener("hashchange", highlight);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
