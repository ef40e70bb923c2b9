/* planportal: clause links and the unit finder. Copy a clause's link or citation from its
   task's copy menu; highlight the clause a link points to, or say that it does not exist;
   find a unit by its name, pinyin or initials. No dependencies, no network beyond the
   site's own files. */
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
     part number → anchors); clauses no part prints (removed ones) are on the first.
     Returns false when there is nowhere else to look. */
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

  /* A clause anchor (#t-99, #t-05-3) that no part of the plan prints: say so, and where
     to look (the plan's history), instead of landing silently at the top. */
  function missing(id) {
    var box = document.querySelector(".pp-missing[data-pp-clause]");
    var match = /^t-([0-9A-Za-z]+)(?:-([0-9A-Za-z]+))?$/.exec(id);
    if (!box || !match) return;
    var no = /^\d+$/.test(match[1]) ? String(parseInt(match[1], 10)) : match[1];
    var clause = box.getAttribute("data-pp-clause").replace("{no}", no);
    if (match[2]) clause = box.getAttribute("data-pp-item").replace("{clause}", clause);
    var text = box.querySelector(".pp-missing__text");
    text.textContent = box.getAttribute("data-pp-text").replace("{clause}", clause);
    box.hidden = false;
    if (box.scrollIntoView) box.scrollIntoView({ block: "center" });
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
      var menu = button.closest("details.pp-copy");
      if (menu) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  });

  /* One copy menu per task (a <details>: a single Tab stop, opened with Enter or Space),
     made here from the compact data the page carries (generator.render.contexts.CopyControls):
     the labels once on .pp-status; per clause its name (data-pp-what) and the end of its
     citation after its task's <cite>. The menu copies the task's link or citation, or one
     of its items'. */
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

  function clause(span, task) {
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
    return { anchor: anchor, what: span.getAttribute("data-pp-what"), cite: cite };
  }

  function copyMenus() {
    var box = document.querySelector(".pp-status[data-pp-labels]");
    if (!box) return;
    var labels = box.getAttribute("data-pp-labels").split("|");
    var tasks = document.querySelectorAll(".pp-task");
    for (var i = 0; i < tasks.length; i++) {
      var task = tasks[i];
      var own = task.querySelector(".pp-task__tools .pp-actions[data-pp-what]");
      if (!own || own.querySelector("details")) continue;
      var spans = [own].concat([].slice.call(task.querySelectorAll(".pp-items .pp-actions[data-pp-what]")));
      var details = document.createElement("details");
      details.className = "pp-copy";
      var summary = document.createElement("summary");
      summary.textContent = labels[4];
      summary.setAttribute("aria-label", labels[5].replace("{what}", own.getAttribute("data-pp-what")));
      details.appendChild(summary);
      var menu = document.createElement("ul");
      menu.className = "pp-copy__menu";
      for (var j = 0; j < spans.length; j++) {
        var c = clause(spans[j], task);
        var row = document.createElement("li");
        var name = document.createElement("span");
        name.className = "pp-copy__what";
        name.textContent = c.what;
        row.appendChild(name);
        row.appendChild(button("pp-copy-link", c.anchor, labels[0], labels[2].replace("{what}", c.what), null));
        row.appendChild(button("pp-copy-cite", c.anchor, labels[1], labels[3].replace("{what}", c.what), c.cite));
        menu.appendChild(row);
      }
      details.appendChild(menu);
      own.appendChild(details);
    }
  }

  /* A menu closes with Escape (focus back on its summary) and when another one opens. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var menu = event.target.closest && event.target.closest("details.pp-copy[open]");
    if (!menu) return;
    menu.open = false;
    menu.querySelector("summary").focus();
  });
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!opened.classList || !opened.classList.contains("pp-copy") || !opened.open) return;
    var all = document.querySelectorAll("details.pp-copy[open]");
    for (var i = 0; i < all.length; i++) if (all[i] !== opened) all[i].open = false;
  }, true);

  function highlight() {
    var old = document.querySelectorAll(".pp-targeted");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("pp-targeted");
    var gone = document.querySelector(".pp-missing");
    if (gone) gone.hidden = true;
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) {
      if (!forward(id)) missing(id);
      return;
    }
    var target = el.classList.contains("pp-task__title") ? el.closest(".pp-task") : el;
    if (target) target.classList.add("pp-targeted");
    if (el.scrollIntoView) el.scrollIntoView({ block: "start" });
  }

  /* The full link of each clause, printed after its heading (portal.css, @media print). */
  function permalinks() {
    var heads = document.querySelectorAll(".pp-task__title[id]");
    for (var i = 0; i < heads.length; i++) {
      heads[i].setAttribute("data-pp-permalink", clauseUrl(heads[i].id));
    }
  }

  /* --- the unit finder (home page, /units/) --------------------------------------------
     Its data (data/units-finder.json, generator.exports.finder) is fetched when the finder
     is first used: every unit's names and the pinyin keys of its name, short form and
     aliases. What is typed matches a name (Chinese or English) or a key anywhere in it;
     names starting with it come first. Results are links: Tab or the arrow keys move
     through them, Enter in the box opens the first, Escape goes back to the box. */
  var FINDER_LIMIT = 12;

  function normal(text) {
    return (text || "").toLowerCase().replace(/[\s\u3000]+/g, "");
  }

  function finder(root) {
    var input = root.querySelector("input");
    var list = root.querySelector(".pp-finder__results");
    var said = root.querySelector(".pp-finder__status");
    var english = root.getAttribute("data-pp-lang") === "en";
    var data = null;
    var loading = null;

    function load() {
      if (!loading) {
        loading = fetch(root.getAttribute("data-pp-finder"))
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (json) {
            data = json.units.map(function (u) {
              return {
                path: u[0], zh: u[1], en: u[2], region: json.regions[u[3]] || ["", ""],
                names: normal(u[1]) + " " + normal(u[2]), keys: " " + u[4]
              };
            });
          })
          .catch(function () { said.textContent = root.getAttribute("data-pp-failed"); });
      }
      return loading;
    }

    function rank(u, q) {
      if (u.names.indexOf(q) === 0 || u.keys.indexOf(" " + q) >= 0) return 0;
      if (u.names.indexOf(q) > 0) return 1;
      if (u.keys.indexOf(q) > 0) return 2;
      return -1;
    }

    function show() {
      var q = normal(input.value);
      list.textContent = "";
      if (!q || !data) { said.textContent = ""; return; }
      var found = [];
      for (var i = 0; i < data.length; i++) {
        var r = rank(data[i], q);
        if (r >= 0) found.push([r, data[i].zh.length, i]);
      }
      found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
      var base = root.getAttribute("data-pp-base");
      for (var k = 0; k < Math.min(found.length, FINDER_LIMIT); k++) {
        var u = data[found[k][2]];
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = base + u.path + "/";
        var name = english && u.en ? u.en : u.zh;
        a.textContent = name;
        if (english && !u.en) a.lang = "zh-Hans";
        li.appendChild(a);
        var region = english && u.region[1] ? u.region[1] : u.region[0];
        if (region && name.indexOf(u.region[0]) !== 0) {
          var where = document.createElement("span");
          where.className = "pp-finder__region";
          where.textContent = region;
          if (english && !u.region[1]) where.lang = "zh-Hans";
          li.appendChild(document.createTextNode(" "));
          li.appendChild(where);
        }
        list.appendChild(li);
      }
      var key = found.length === 0 ? "data-pp-none" : found.length > FINDER_LIMIT ? "data-pp-more" : "data-pp-count";
      said.textContent = root.getAttribute(key)
        .replace("{n}", String(found.length)).replace("{shown}", String(FINDER_LIMIT));
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", function () {
      window.clearTimeout(show.timer);
      show.timer = window.setTimeout(function () { load().then(show); }, 120);
    });
    root.addEventListener("keydown", function (event) {
      var links = [].slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && links.length) {
        links[Math.min(at + 1, links.length - 1)].focus();
        event.preventDefault();
      } else if (event.key === "ArrowUp" && at >= 0) {
        (at === 0 ? input : links[at - 1]).focus();
        event.preventDefault();
      } else if (event.key === "Escape" && at >= 0) {
        input.focus();
        event.preventDefault();
      } else if (event.key === "Enter" && document.activeElement === input && links.length) {
        window.location.href = links[0].href;
        event.preventDefault();
      }
    });
    root.hidden = false;
  }

  function finders() {
    var all = document.querySelectorAll(".pp-finder[data-pp-finder]");
    for (var i = 0; i < all.length; i++) finder(all[i]);
  }

  function ready() {
    copyMenus();
    permalinks();
    finders();
    highlight();
  }

  window.addEventListener("hashchange", highlight);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
