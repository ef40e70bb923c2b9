/*
 * planportal search: Pagefind in Material's header.
 *
 * Loads this site's own pagefind/pagefind.js (no other host), relative to the root of the
 * page's language tree that the partial passes in data-pp-base (each tree has its own
 * bundle; the site may be served under a sub-path). Keys: "/" or
 * "s" focuses the box, Esc closes it, ArrowUp/ArrowDown move through the results, Enter opens
 * the first result. Result links land on clause anchors (#t-<task>) via Pagefind sub-results.
 */
(function () {
  "use strict";

  var KW_START = "ppkwstart";
  var KW_END = "ppkwend";
  var MAX_PAGES = 5; // fragments loaded per query; "more" loads the next five
  var MAX_SUB = 4;

  function init() {
    var box = document.querySelector("[data-pp-search]");
    if (!box || box.getAttribute("data-pp-ready")) return;
    box.setAttribute("data-pp-ready", "1");

    var strings = JSON.parse(box.getAttribute("data-pp-strings") || "{}");
    var root = new URL((box.getAttribute("data-pp-base") || ".").replace(/\/?$/, "/"), location.href);
    var toggle = document.getElementById("__search");
    var form = box.querySelector("form");
    var input = box.querySelector("input[name=query]");
    var list = box.querySelector(".md-search-result__list");
    var status = box.querySelector("[data-pp-status]");
    var filterBox = box.querySelector(".pp-search__filters");
    var selects = Array.prototype.slice.call(box.querySelectorAll("select[data-pp-filter]"));
    var pagefind = null;
    var loading = null;
    var generation = 0;
    var timer = null;

    function t(key, n) {
      var s = strings[key] || key;
      return n === undefined ? s : s.replace("#", String(n));
    }

    function setOpen(open) {
      if (toggle && toggle.checked !== open) {
        toggle.checked = open;
        toggle.dispatchEvent(new Event("change"));
      }
      box.classList.toggle("pp-search--open", open);
    }

    function load() {
      if (loading) return loading;
      loading = import(new URL("pagefind/pagefind.js", root).href)
        .then(function (pf) {
          // noWorker: searching on the page's own thread saves fetching Pagefind's worker
          // script (41 KB) with the first query; the index is small enough per query.
          pf.options({ baseUrl: root.pathname, excerptLength: 40, noWorker: true });
          return Promise.resolve(pf.init && pf.init()).then(function () {
            pagefind = pf;
            filterBox.hidden = false; // the toggle; the values load when asked for
          });
        })
        .catch(function (err) {
          status.textContent = t("unavailable");
          box.classList.add("pp-search--unavailable");
          console.warn("planportal search: cannot load the Pagefind index", err);
        });
      return loading;
    }

    /* Filter values (every plan, region and unit: ~90 KB on a national portal) are fetched
       only when the filters are opened, not with the first query. */
    var filterToggle = document.createElement("button");
    filterToggle.type = "button";
    filterToggle.className = "pp-search__filters-toggle";
    filterToggle.textContent = t("filters");
    filterToggle.setAttribute("aria-expanded", "false");
    filterBox.insertBefore(filterToggle, filterBox.firstChild);
    selects.forEach(function (select) { select.closest("label").hidden = true; });
    var filtersLoading = null;

    function loadFilters() {
      if (!filtersLoading) {
        filtersLoading = load()
          .then(function () { return pagefind && pagefind.filters(); })
          .then(function (filters) {
            fillFilters(filters);
            filterToggle.setAttribute("aria-expanded", "true");
            filterToggle.hidden = true;
            var first = selects.filter(function (s) { return !s.closest("label").hidden; })[0];
            if (first) first.focus();
          });
      }
      return filtersLoading;
    }

    filterToggle.addEventListener("click", loadFilters);

    function fillFilters(filters) {
      var any = false;
      selects.forEach(function (select) {
        var values = (filters && filters[select.name]) || {};
        Object.keys(values)
          .sort(function (a, b) { return a.localeCompare(b, "zh-Hans-CN"); })
          .forEach(function (value) {
            var option = document.createElement("option");
            option.value = value;
            option.textContent = value + " (" + values[value] + ")";
            select.appendChild(option);
            any = true;
          });
        select.closest("label").hidden = Object.keys(values).length === 0;
      });
      filterBox.hidden = !any;
    }

    function activeFilters() {
      var out = {};
      selects.forEach(function (select) {
        if (select.value) out[select.name] = select.value;
      });
      return out;
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    }

    function run() {
      var query = input.value.trim();
      var filters = activeFilters();
      var mine = ++generation;
      box.removeAttribute("data-pp-done");
      if (!query && !Object.keys(filters).length) {
        list.textContent = "";
        status.textContent = t("initial");
        done(query);
        return;
      }
      status.textContent = t("loading");
      load()
        .then(function () {
          if (!pagefind || mine !== generation) return null;
          return pagefind.search(query || null, { filters: filters });
        })
        .then(function (search) {
          if (!search || mine !== generation) return null;
          var shown = search.results.slice(0, MAX_PAGES);
          return Promise.all(shown.map(function (r) { return r.data(); })).then(function (pages) {
            if (mine !== generation) return;
            render(pages, search.results.length);
            nextButton(search.results, MAX_PAGES, mine);
            done(query);
          });
        })
        .catch(function (err) {
          status.textContent = t("unavailable");
          console.warn("planportal search failed", err);
        });
    }

    // Results are loaded five at a time (each costs its page's fragment): a button after the
    // list loads the next five and keeps keyboard focus on the first of them.
    function nextButton(results, from, mine) {
      if (results.length <= from) return;
      var item = document.createElement("li");
      item.className = "md-search-result__item pp-search__next";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-search-result__more pp-search__next-button";
      button.textContent = t("next", Math.min(MAX_PAGES, results.length - from));
      button.addEventListener("click", function () {
        button.disabled = true;
        var batch = results.slice(from, from + MAX_PAGES);
        Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
          if (mine !== generation) return;
          list.removeChild(item);
          var before = list.children.length;
          renderItems(pages);
          nextButton(results, from + MAX_PAGES, mine);
          var first = list.children[before] && list.children[before].querySelector("a");
          if (first) first.focus();
        });
      });
      item.appendChild(button);
      list.appendChild(item);
    }

    // Marks the box with the query whose results are shown (tests wait for it).
    function done(query) {
      box.setAttribute("data-pp-done", JSON.stringify([query, activeFilters()]));
    }

    function render(pages, total) {
      list.textContent = "";
      status.textContent = total === 0 ? t("none") : total === 1 ? t("one") : t("other", total);
      renderItems(pages);
    }

    function renderItems(pages) {
      pages.forEach(function (page) {
        var item = document.createElement("li");
        item.className = "md-search-result__item";
        var title = cleanTitle((page.meta && page.meta.title) || "");
        function isTop(s) { return s.url === page.url || cleanTitle(s.title || "") === title; }
        var subs = (page.sub_results || []).filter(function (s) { return !isTop(s); });
        var top = (page.sub_results || []).filter(isTop)[0];
        var text = new PageText(page);
        item.appendChild(link(page.url, "h1", page.meta && page.meta.title, top ? text.excerpt(top) : subs.length ? "" : text.excerpt(page)));
        subs.slice(0, MAX_SUB).forEach(function (sub) {
          item.appendChild(link(sub.url, "h2", sub.title, text.excerpt(sub)));
        });
        if (subs.length > MAX_SUB) {
          var more = document.createElement("div");
          more.className = "pp-search__more";
          more.textContent = t("more", subs.length - MAX_SUB);
          item.appendChild(more);
        }
        list.appendChild(item);
      });
    }

    function link(url, level, title, excerpt) {
      var a = document.createElement("a");
      a.className = "md-search-result__link pp-search__link";
      a.href = url;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      if (level === "h1") {
        var icon = document.createElement("div");
        icon.className = "md-search-result__icon md-icon";
        article.appendChild(icon);
      }
      var heading = document.createElement(level);
      heading.textContent = cleanTitle(title || url);
      article.appendChild(heading);
      var text = excerptNode(excerpt || "");
      if (text) article.appendChild(text);
      a.appendChild(article);
      return a;
    }

    input.addEventListener("focus", function () {
      setOpen(true);
      load();
    });
    input.addEventListener("input", schedule);
    selects.forEach(function (s) { s.addEventListener("change", run); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    form.addEventListener("reset", function () {
      setTimeout(function () {
        run();
        input.focus();
      }, 0);
    });
    list.addEventListener("click", function (ev) {
      if (ev.target.closest && ev.target.closest("a")) setOpen(false);
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        box.classList.toggle("pp-search--open", toggle.checked);
        if (toggle.checked && document.activeElement !== input) input.focus();
      });
    }

    document.addEventListener("keydown", function (ev) {
      var open = box.classList.contains("pp-search--open");
      if (ev.key === "Escape" && open) {
        ev.preventDefault();
        setOpen(false);
        input.blur();
        return;
      }
      if (!open && !ev.ctrlKey && !ev.metaKey && !ev.altKey && (ev.key === "/" || ev.key === "s") && !editable(ev.target)) {
        ev.preventDefault();
        setOpen(true);
        input.focus();
        input.select();
        return;
      }
      if (!open || (ev.key !== "ArrowDown" && ev.key !== "ArrowUp")) return;
      if (!box.contains(document.activeElement) || document.activeElement.tagName === "SELECT") return;
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      if (!links.length) return;
      ev.preventDefault();
      var at = links.indexOf(document.activeElement);
      var next = ev.key === "ArrowDown" ? at + 1 : at - 1;
      if (at === -1) next = ev.key === "ArrowDown" ? 0 : links.length - 1;
      if (next < 0) {
        input.focus();
      } else {
        links[Math.min(next, links.length - 1)].focus();
      }
    });
  }

  function editable(el) {
    if (!el || !el.tagName) return false;
    return /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable;
  }

  // Pagefind centres an excerpt on the densest hits; when they are in a hidden keyword block
  // (weight 2, often longer than the excerpt) the excerpt would be only keywords, with no
  // marker left to cut at. Such excerpts are rebuilt here from the page's words: around the
  // first hit outside the blocks, else from the start of the section, blocks left out.
  function PageText(page) {
    var raw = page.raw_content || "";
    this.zws = raw.indexOf("\u200B") >= 0;
    this.words = this.zws ? raw.split("\u200B") : raw.split(/[\r\n\s]+/g);
    this.blocks = [];
    var open = -1;
    for (var i = 0; i < this.words.length; i++) {
      var w = this.words[i].trim();
      if (w === KW_START) open = i;
      else if (w === KW_END && open >= 0) { this.blocks.push([open, i]); open = -1; }
    }
    this.heads = (page.anchors || [])
      .filter(function (a) { return /h\d/i.test(a.element) && a.text && /\S/.test(a.text); })
      .map(function (a) { return a.location; })
      .sort(function (a, b) { return a - b; });
  }
  PageText.prototype.inBlock = function (i) {
    return this.blocks.some(function (b) { return i >= b[0] && i <= b[1]; });
  };
  PageText.prototype.excerpt = function (hit) {
    var self = this;
    var locs = (hit.weighted_locations || []).map(function (w) { return w.location; });
    if (!locs.some(function (i) { return self.inBlock(i); })) return hit.excerpt;
    var from = hit.anchor ? hit.anchor.location : 0;
    var to = this.words.length;
    this.heads.forEach(function (h) { if (h > from && h < to) to = h; });
    var hits = locs.filter(function (i) { return !self.inBlock(i); });
    var start = hits.length ? Math.max(from, hits[0] - 8) : from;
    var out = [];
    for (var i = start; i < to && out.length < 40; i++) {
      if (this.inBlock(i)) continue;
      var word = this.words[i].replace(/[&<>"]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
      out.push(hits.indexOf(i) >= 0 ? "<mark>" + word + "</mark>" : word);
    }
    return out.join(this.zws ? "" : " ");
  };

  function cleanTitle(title) {
    return String(title).replace(/[\s\u00b6#]+$/, "").trim();
  }

  // Pagefind excerpts are escaped text with <mark> tags. Cut out the hidden keyword block
  // (whole or cut by the excerpt window), keep only text and <mark>.
  function excerptNode(html) {
    var s = html
      .replace(new RegExp("(<mark>)?" + KW_START + "[\\s\\S]*?" + KW_END + "(</mark>)?", "g"), " ")
      .replace(new RegExp("^[\\s\\S]*?" + KW_END + "(</mark>)?"), "")
      .replace(new RegExp("(<mark>)?" + KW_START + "[\\s\\S]*$"), "")
      .replace(/\u00b6/g, "");
    var tpl = document.createElement("template");
    tpl.innerHTML = s;
    var p = document.createElement("p");
    tpl.content.childNodes.forEach(function copy(node) {
      if (node.nodeType === 3) {
        p.appendChild(document.createTextNode(node.textContent));
      } else if (node.nodeName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = node.textContent;
        p.appendChild(m);
      } else {
        p.appendChild(document.createTextNode(node.textContent || ""));
      }
    });
    return p.textContent.trim() ? p : null;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
