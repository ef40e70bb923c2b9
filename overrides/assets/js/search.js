/*
 * planportal search: Pagefind in Material's header, one result per clause, plan, unit,
 * region, topic or timeline page.
 *
 * The index (generator/search_pages.py) holds entries: each starts with an empty element
 * whose tag names its kind (<pp-task>, <pp-unit> …) and whose id is its site path; its
 * fields follow, each opened by a marker character (U+E000 + field number). Chinese is
 * indexed as overlapping pairs of characters (generator/search_text.py), so a query is cut
 * into pairs here the same way (queryTerms) and Pagefind must not cut it again with the
 * browser's word segmenter: the index's language (planportal.json) is given to Pagefind
 * as the page language while it starts (startPagefind).
 *
 * Keys: "/" or "s" focuses the box; ArrowDown/ArrowUp move through the results and the
 * "more" button; Enter opens the focused result (the first one from the box); Esc closes
 * the results and leaves the focus in the box. The results close when the focus leaves
 * them. The query and filters are kept in the address (?q=…&topic=…): a search can be
 * shared, and a page opened with ?q= shows the search.
 */
(function () {
  "use strict";

  var SHOWN = 10; // results shown at first and per "more"
  var FIRST_PAGES = 12; // Pagefind pages loaded before the first results are shown
  var FIRST_SHARED = 10; // where entries share pages (about one result each)
  var SEARCH_FURTHER = 1; // shared pages: more batches looked at before a query is called a slip
  var MORE_PAGES = 12;
  var DEBOUNCE_MS = 80;
  var FIELDS = ["no", "title", "title_en", "text", "text_en", "lead", "support", "responsible", "local", "deadline", "more", "facets", "state"];
  var MARK = 0xe000;
  var FACET_SEPARATOR = String.fromCharCode(MARK + FIELDS.length);
  var ROLES = ["lead", "support", "responsible", "local"];
  var FILTERS = ["plan", "region", "category", "topic", "status"];
  var STATE_MARK = 0xe100; // a task's status: one character (generator/search_text.state_mark)
  var META_WEIGHTS = { nm: 8, rg: 12, dn: 12, pl: 0.5, pe: 0.5 };
  // Prose and timeline pages answer a query too, after clauses that answer it as well.
  var KIND_PRIOR = { text: 0.5, timeline: 0.5 };
  var CJK = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}";
  var IS_CJK = new RegExp("[" + CJK + "]", "u");
  var TOKEN = new RegExp("([" + CJK + "]+)|((?:(?![" + CJK + "])[\\p{L}\\p{N}])+)|([^\\s" + CJK + "])", "gu");

  /* --- text: the same rules as generator/search_text.py -------------------------------- */

  function cover(run) {
    var chars = Array.from(run);
    if (chars.length < 2) return [run];
    var out = [];
    for (var i = 0; i + 1 < chars.length; i += 2) out.push(chars[i] + chars[i + 1]);
    if (chars.length % 2) out.push(chars[chars.length - 2] + chars[chars.length - 1]);
    return out;
  }

  /* The terms a query is searched with: pairs covering each Chinese run, words lower-cased. */
  function queryTerms(query) {
    var out = [];
    String(query).normalize("NFKC").replace(TOKEN, function (m, cjk, word) {
      if (cjk) out.push.apply(out, cover(cjk));
      else if (word) out.push(word.toLowerCase());
      return m;
    });
    return out;
  }

  /* Runs of a query: Chinese runs and words, in order (for the phrase test and marks). */
  function queryParts(query) {
    return String(query).normalize("NFKC").split(/\s+/).map(squash).filter(Boolean);
  }

  /* Letters, digits and Chinese only, lower-cased: how texts are compared with a query. */
  function squash(text) {
    var out = "";
    String(text).normalize("NFKC").replace(TOKEN, function (m, cjk, word) {
      out += cjk || (word ? word.toLowerCase() : "");
      return m;
    });
    return out;
  }

  function joinTokens(tokens) {
    var out = "";
    var lastWord = false;
    tokens.forEach(function (tok) {
      if (IS_CJK.test(tok)) {
        out += Array.from(tok)[0];
        lastWord = false;
      } else {
        var isWord = /^[\p{L}\p{N}]/u.test(tok);
        if (isWord && lastWord) out += " ";
        out += tok;
        lastWord = isWord;
      }
    });
    return out;
  }

  /* --- entries of a Pagefind page ------------------------------------------------------- */

  /* The entries of a loaded page: kind, path, fields (text by role) and hits. */
  function entriesOf(page, english) {
    var words = (page.content || "").split(" ");
    var anchors = (page.anchors || [])
      .filter(function (a) { return /^pp-/.test(a.element); })
      .sort(function (a, b) { return a.location - b.location; });
    var hits = (page.weighted_locations || []).slice().sort(function (a, b) { return a.location - b.location; });
    var meta = page.meta || {};
    var label = english ? meta.pe || meta.pl : meta.pl;
    var plan = label ? joinTokens(label.split(" ")) : "";
    var task = null;
    return anchors.map(function (anchor, n) {
      var end = n + 1 < anchors.length ? anchors[n + 1].location : words.length;
      var fields = {};
      var role = null;
      for (var i = anchor.location; i < end; i++) {
        var word = words[i];
        if (word === undefined) break;
        var code = word.length === 1 ? word.charCodeAt(0) - MARK : -1;
        if (code >= 0 && code < FIELDS.length) {
          role = FIELDS[code];
          fields[role] = fields[role] || [];
          continue;
        }
        if (role && word) fields[role].push(word);
      }
      var text = {};
      Object.keys(fields).forEach(function (r) { text[r] = joinTokens(fields[r]); });
      var entry = {
        kind: anchor.element.slice(3),
        path: anchor.id,
        plan: plan,
        text: text,
        words: words,
        hits: hits.filter(function (h) { return h.location >= anchor.location && h.location < end; }),
      };
      if (entry.kind === "task") task = entry;
      else if (entry.kind === "item" && task) entry.task = task; // a sub-item: its task's units …
      return entry;
    });
  }

  /* How well an entry answers the query: every query part found as written (phrase),
     share of the terms it holds, and its share of the page's score. */
  function judge(entry, terms, parts, result, pageHits) {
    var own = FIELDS.filter(function (f) { return f !== "facets"; })
      .map(function (f) { return entry.text[f] || ""; }).join(" ");
    var body = squash(own + " " + entry.plan + " " + (entry.task ? entry.task.text.title || "" : ""));
    var phrase = parts.length > 0 && parts.every(function (p) { return body.indexOf(p) >= 0; });
    var held = terms.filter(function (t) {
      return entry.hits.some(function (h) {
        var w = (entry.words[h.location] || "").normalize("NFKC").toLowerCase();
        return w.indexOf(t) === 0 || t.indexOf(w) === 0;
      }) || body.indexOf(t) >= 0;
    });
    var weight = entry.hits.reduce(function (s, h) { return s + h.weight; }, 0);
    var share = pageHits > 0 ? weight / pageHits : 1;
    entry.phrase = phrase;
    entry.coverage = terms.length ? held.length / terms.length : 1;
    entry.score = result.score * share * (KIND_PRIOR[entry.kind] || 1);
    return entry;
  }

  function better(a, b) {
    return (b.phrase - a.phrase) || (b.coverage - a.coverage) || (b.score - a.score);
  }

  /* --- the search box ---------------------------------------------------------------------- */

  function init() {
    var box = document.querySelector("[data-pp-search]");
    if (!box || box.getAttribute("data-pp-ready")) return;
    box.setAttribute("data-pp-ready", "1");

    var strings = JSON.parse(box.getAttribute("data-pp-strings") || "{}");
    var root = new URL((box.getAttribute("data-pp-base") || ".").replace(/\/?$/, "/"), location.href);
    var indexRoot = new URL((box.getAttribute("data-pp-index") || box.getAttribute("data-pp-base") || ".").replace(/\/?$/, "/"), location.href);
    var english = /^en/i.test(box.getAttribute("data-pp-lang") || document.documentElement.lang || "");
    var suffix = english ? "_en" : ""; // filters and names of the English tree
    var toggle = document.getElementById("__search");
    var form = box.querySelector("form");
    var input = box.querySelector("input[name=query]");
    var list = box.querySelector(".md-search-result__list");
    var status = box.querySelector("[data-pp-status]");
    var filterBox = box.querySelector(".pp-search__filters");
    var selects = Array.prototype.slice.call(box.querySelectorAll("select[data-pp-filter]"));
    var pagefind = null;
    var manifest = { language: "und", shared: false };
    var loading = null;
    var generation = 0;
    var timer = null;
    var state = null;
    var quietFocus = false;
    var pointerInside = false;

    function t(key, n) {
      var s = strings[key] || key;
      return n === undefined ? s : s.replace("#", String(n));
    }

    function isOpen() {
      return box.classList.contains("pp-search--open");
    }

    /* Closing forgets the search in the address, except when a result is opened: back
       on this page, the search is shown again. */
    function setOpen(open, keepAddress) {
      if (toggle && toggle.checked !== open) {
        toggle.checked = open;
        toggle.dispatchEvent(new Event("change"));
      }
      box.classList.toggle("pp-search--open", open);
      if (!open && !keepAddress) keepInAddress("", {});
    }

    /* Pagefind reads the page language when it starts: the index's language (not Chinese:
       see above) is set for that moment only. */
    function startPagefind(pf) {
      var html = document.documentElement;
      var saved = html.getAttribute("lang");
      html.setAttribute("lang", manifest.language);
      try {
        return pf.init();
      } finally {
        if (saved === null) html.removeAttribute("lang");
        else html.setAttribute("lang", saved);
      }
    }

    function load() {
      if (loading) return loading;
      var described = fetch(new URL("pagefind/planportal.json", indexRoot).href)
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (m) { if (m) manifest = m; })
        .catch(function () {});
      var runtime = import(new URL("pagefind/pagefind.js", indexRoot).href);
      loading = Promise.all([runtime, described])
        .then(function (got) {
          var pf = got[0];
          // noWorker: searching on the page's own thread saves fetching Pagefind's worker
          // script with the first query; a query's work is small.
          return Promise.resolve(pf.options({
            baseUrl: indexRoot.pathname,
            excerptLength: 30,
            noWorker: true,
            ranking: { metaWeights: META_WEIGHTS },
          })).then(function () {
            return startPagefind(pf);
          }).then(function () {
            // A large index is made in parts (generator/search_index.py): searched together.
            return Promise.all((manifest.parts || []).slice(1).map(function (part) {
              return pf.mergeIndex(new URL(part, indexRoot).href, {
                language: manifest.language,
                ranking: { metaWeights: META_WEIGHTS },
              });
            }));
          }).then(function () {
            pagefind = pf;
            filterBox.hidden = false;
          });
        })
        .catch(function (err) {
          status.textContent = t("unavailable");
          box.classList.add("pp-search--unavailable");
          console.warn("planportal search: cannot load the Pagefind index", err);
        });
      return loading;
    }

    /* --- filters (their values are fetched only when the filters are opened) --- */

    var filterToggle = document.createElement("button");
    filterToggle.type = "button";
    filterToggle.className = "pp-search__filters-toggle";
    filterToggle.textContent = t("filters");
    filterToggle.setAttribute("aria-expanded", "false");
    filterBox.insertBefore(filterToggle, filterBox.firstChild);
    selects.forEach(function (select) { select.closest("label").hidden = true; });
    var filtersLoading = null;

    function loadFilters(focus) {
      if (!filtersLoading) {
        filtersLoading = load()
          .then(function () { return pagefind && pagefind.filters(); })
          .then(function (filters) {
            fillFilters(filters);
            filterToggle.setAttribute("aria-expanded", "true");
            filterToggle.hidden = true;
            var first = selects.filter(function (s) { return !s.closest("label").hidden; })[0];
            if (first && focus) first.focus();
          });
      }
      return filtersLoading;
    }

    filterToggle.addEventListener("click", function () { loadFilters(true); });

    function fillFilters(filters) {
      var any = false;
      selects.forEach(function (select) {
        var values = (filters && filters[select.name + suffix]) || {};
        var wanted = select.getAttribute("data-pp-wanted") || "";
        var states = strings.states || [];
        Object.keys(values)
          .sort(function (a, b) {
            // states in their own order (what needs attention first), the rest by name
            return (states.indexOf(a) - states.indexOf(b)) || a.localeCompare(b, "zh-Hans-CN");
          })
          .forEach(function (value) {
            var option = document.createElement("option");
            option.value = value;
            option.textContent = value + " (" + values[value] + ")";
            if (value === wanted) option.selected = true;
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
        var value = select.value || select.getAttribute("data-pp-wanted") || "";
        if (value) out[select.name] = value;
      });
      return out;
    }

    /* --- the address keeps the search (?q=…) --- */

    function keepInAddress(query, filters) {
      if (!window.history || !history.replaceState) return;
      var url = new URL(location.href);
      url.searchParams.delete("q");
      FILTERS.forEach(function (name) { url.searchParams.delete(name); });
      if (query) url.searchParams.set("q", query);
      Object.keys(filters).forEach(function (name) { url.searchParams.set(name, filters[name]); });
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    }

    /* --- searching --- */

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    }

    function run() {
      var query = input.value.trim();
      var filters = activeFilters();
      var mine = ++generation;
      box.removeAttribute("data-pp-done");
      if (!query && !Object.keys(filters).length) {
        list.textContent = "";
        status.textContent = t("initial");
        keepInAddress("", {});
        done(query, filters);
        return;
      }
      if (!isOpen()) setOpen(true);
      keepInAddress(query, filters);
      status.textContent = t("loading");
      var terms = queryTerms(query);
      load()
        .then(function () {
          if (!pagefind || mine !== generation) return null;
          var glued = gluedWords(query);
          return Promise.all([search(terms, filters), glued ? search([glued], filters) : null])
            .then(function (got) {
              return holds(got[1], glued).then(function (yes) {
                // pinyin typed syllable by syllable (hulun beier, ying ji guan li ju): the
                // words written together find names; else the words as typed
                if (yes) got[1].parts = [glued]; // marked and judged as one word
                return show(yes ? got[1] : got[0], query, filters, mine);
              });
            });
        })
        .then(function (exact) {
          // Nothing holds every term (Pagefind matched a shorter word where none starts
          // with a term): perhaps a slip of one character.
          if (exact === false && mine === generation) {
            return nearby(query, filters).then(function (found) {
              return found.results.length ? show(found, query, filters, mine) : true;
            });
          }
        })
        .then(function () {
          if (mine !== generation) return;
          render(false);
          done(query, filters);
        })
        .catch(function (err) {
          status.textContent = t("unavailable");
          console.warn("planportal search failed", err);
        });
    }

    /* Load the first results of a search; false when none holds every term. */
    function show(found, query, filters, mine) {
      state = {
        mine: mine,
        query: query,
        terms: found.terms,
        parts: found.parts || (found.approximate ? [] : queryParts(query)),
        filters: filters,
        results: found.results,
        approximate: found.approximate,
        next: 0,
        rows: [],
        shown: 0,
      };
      var whole = function () { return state.rows.some(function (r) { return r.coverage === 1; }); };
      var tries = 0;
      // Where entries share pages, a page holds every term when its entries do together:
      // the entry that holds them all may come a few pages later.
      var further = function () {
        if (whole() || !manifest.shared || state.next >= state.results.length || tries++ >= SEARCH_FURTHER) return;
        return more(FIRST_SHARED, 0).then(further);
      };
      return more(manifest.shared ? FIRST_SHARED : FIRST_PAGES, SHOWN).then(further).then(function () {
        state.rows.sort(better); // nothing is shown yet: every batch ranked together
        return found.approximate || !found.terms.length || whole();
      });
    }

    function search(terms, filters) {
      var named = {};
      Object.keys(filters).forEach(function (name) { named[name + suffix] = filters[name]; });
      return pagefind.search(terms.length ? terms.join(" ") : null, { filters: named }).then(function (s) {
        return { terms: terms, results: (s && s.results) || [], approximate: false };
      });
    }

    /* The words of a query of several words of Latin letters written together (pinyin
       keys are whole words: yingjiguanliju), or null. */
    function gluedWords(query) {
      var words = query.normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length < 2 || !words.every(function (w) { return /^[a-z]+$/.test(w); })) return null;
      var glued = words.join("");
      return glued.length >= 5 ? glued : null;
    }

    /* Whether the best result of a one-word search holds a word starting with it
       (Pagefind shortens a word it does not know until a word starts with what is left). */
    function holds(found, word) {
      if (!found || !found.results.length) return Promise.resolve(false);
      return found.results[0].data().then(function (page) {
        return (page.content || "").toLowerCase().split(" ").some(function (w) { return w.indexOf(word) === 0; });
      });
    }

    /* No result: the query with one of its characters left out (a Chinese character
       typed wrong: 燃气泄露 → 燃气泄 + 报警…), with one word left out, or with the end of a
       word left off (yingjiguanliu → yingjiguanli). Pages found by several are ranked by
       the best score they got. */
    function nearby(query, filters) {
      var variants = [];
      var chars = Array.from(query.normalize("NFKC"));
      chars.forEach(function (ch, i) {
        if (IS_CJK.test(ch)) variants.push(chars.slice(0, i).join("") + " " + chars.slice(i + 1).join(""));
      });
      var words = query.split(/\s+/).filter(Boolean);
      if (words.length > 1) {
        words.forEach(function (_, i) { variants.push(words.filter(function (__, j) { return j !== i; }).join(" ")); });
      }
      words.forEach(function (word, i) {
        if (!/^[\p{L}\p{N}]+$/u.test(word) || IS_CJK.test(word)) return;
        for (var cut = word.length - 1; cut >= Math.max(3, word.length - 4); cut--) {
          var copy = words.slice();
          copy[i] = word.slice(0, cut);
          variants.push(copy.join(" "));
        }
      });
      var seen = {};
      var tries = variants.map(queryTerms).filter(function (terms) {
        var key = terms.join(" ");
        if (!terms.length || seen[key]) return false;
        seen[key] = true;
        return true;
      });
      return Promise.all(tries.map(function (terms) { return search(terms, filters); })).then(function (all) {
        var best = {};
        var order = [];
        var used = [];
        all.forEach(function (found) {
          if (found.results.length) used = used.concat(found.terms);
          found.results.forEach(function (r) {
            if (!best[r.id]) order.push(r.id);
            if (!best[r.id] || best[r.id].score < r.score) best[r.id] = r;
          });
        });
        var results = order.map(function (id) { return best[id]; }).sort(function (a, b) { return b.score - a.score; });
        var unique = used.filter(function (x, i) { return used.indexOf(x) === i; });
        return { terms: unique, results: results, approximate: true };
      });
    }

    /* Load the next Pagefind pages until `rows` more results are known (or all pages are
       loaded). A result is an entry of a page that answers the query, best first; a task
       and its sub-items are one result, which leads to the sub-item the query finds best
       (the others that hold the query are listed with it). */
    function more(pages, rows) {
      var s = state;
      var batch = s.results.slice(s.next, s.next + pages);
      s.next += batch.length;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (loaded) {
        if (s.mine !== generation) return;
        var fresh = [];
        loaded.forEach(function (page, n) {
          var result = batch[n];
          var entries = entriesOf(page, english);
          var pageHits = (page.weighted_locations || []).reduce(function (sum, h) { return sum + h.weight; }, 0);
          entries.forEach(function (e) { judge(e, s.terms, s.parts, result, pageHits); });
          var tops = entries.filter(function (e) { return e.kind !== "item"; });
          var single = tops.length === 1;
          var groups = tops.map(function (top) {
            var members = [top].concat(entries.filter(function (e) { return e.task === top; }));
            var answering = members.filter(function (e) { return e.hits.length; });
            return { top: top, members: members, answering: answering };
          }).filter(function (g) {
            return (single || g.answering.length || !s.terms.length) && inFilters(g.top, s.filters, single);
          });
          if (!groups.length && !single) { // the page matched by its plan's name only
            groups = tops.filter(function (top) { return inFilters(top, s.filters, false); })
              .map(function (top) { return { top: top, members: [top], answering: [] }; });
          }
          groups.forEach(function (g) {
            var ranked = g.members.slice().sort(better);
            var lead = ranked[0];
            lead.also = ranked.slice(1).filter(function (e) { return e.hits.length && (e.phrase || e.coverage === 1); });
            lead.group = g.top;
            fresh.push(lead);
          });
        });
        fresh.sort(better);
        s.rows = s.rows.concat(fresh);
        var missing = rows - (s.rows.length - s.shown);
        if (missing > 0 && s.next < s.results.length) return more(Math.max(2, missing), rows);
      });
    }

    function inFilters(entry, filters, single) {
      if (single) return true; // Pagefind filtered the page itself
      var values = (entry.text.facets || "").split(FACET_SEPARATOR).map(function (v) { return v.trim(); });
      return Object.keys(filters).every(function (name) {
        if (name === "status") return stateOf(entry) === filters[name];
        return name === "plan" || name === "region" || values.indexOf(filters[name]) >= 0;
      });
    }

    /* A task's status as of the build, in the tree's language (with `own`, a sub-item's own
       where reports were made on it; filters go by the task's). */
    function stateOf(entry, own) {
      var mark = ((own && entry.text.state) || (entry.task || entry).text.state || "").trim();
      var n = mark ? mark.charCodeAt(0) - STATE_MARK : -1;
      return (strings.states || [])[n] || "";
    }

    function total() {
      var s = state;
      var unloaded = s.results.length - s.next;
      return { count: s.rows.length + unloaded, exact: unloaded === 0 || !manifest.shared };
    }

    function render(appending) {
      var s = state;
      var before = list.querySelectorAll("li.pp-result").length;
      var oldNext = list.querySelector(".pp-search__next");
      if (oldNext) list.removeChild(oldNext);
      if (!appending) list.textContent = "";
      var upto = Math.min(s.rows.length, s.shown + SHOWN);
      for (var i = s.shown; i < upto; i++) list.appendChild(row(s.rows[i]));
      s.shown = upto;
      var sum = total();
      var line = sum.count === 0 ? t("none") : sum.count === 1 && sum.exact ? t("one") : t(sum.exact ? "other" : "at_least", sum.count);
      status.textContent = s.approximate && sum.count ? t("approximate") + " " + line : line;
      var left = sum.count - s.shown;
      if (left > 0) list.appendChild(nextButton(left, sum.exact));
      return before;
    }

    function nextButton(left, exact) {
      var item = document.createElement("li");
      item.className = "md-search-result__item pp-search__next";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-search-result__more pp-search__next-button";
      button.textContent = t("next", Math.min(SHOWN, left)) + " · " + t(exact ? "more" : "more_at_least", left);
      button.addEventListener("click", function () {
        var s = state;
        button.disabled = true;
        var ready = s.rows.length - s.shown >= SHOWN || s.next >= s.results.length
          ? Promise.resolve()
          : more(MORE_PAGES, SHOWN);
        ready.then(function () {
          if (s !== state) return;
          var before = render(true);
          var first = list.querySelectorAll("li.pp-result")[before];
          var link = first && first.querySelector("a");
          if (link) link.focus();
        });
      });
      item.appendChild(button);
      return item;
    }

    // Marks the box with the query whose results are shown (tests and benchmarks wait for it).
    function done(query, filters) {
      box.setAttribute("data-pp-done", JSON.stringify([query, filters]));
    }

    /* --- one result --- */

    function row(entry) {
      var s = state;
      var task = entry.task || entry;
      var item = document.createElement("li");
      item.className = "md-search-result__item pp-result pp-result--" + entry.kind;
      item.appendChild(resultLink(entry, task, s));
      if (entry.also && entry.also.length) {
        var also = document.createElement("p");
        also.className = "pp-result__also";
        also.appendChild(document.createTextNode(t("also") + " "));
        entry.also.forEach(function (other, i) {
          if (i) also.appendChild(document.createTextNode(" · "));
          var a = document.createElement("a");
          a.className = "pp-result__also-link";
          a.href = new URL(other.path, root).href;
          a.textContent = numberOf(other);
          a.title = firstWords(other.text.text || "", 40);
          also.appendChild(a);
        });
        item.appendChild(also);
      }
      return item;
    }

    function resultLink(entry, task, s) {
      var a = document.createElement("a");
      a.className = "md-search-result__link pp-search__link";
      a.href = new URL(entry.path, root).href;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";

      var head = document.createElement("div");
      head.className = "pp-result__head";
      head.appendChild(span("pp-result__kind", t("kind_" + entry.kind)));
      if (entry.plan && entry.kind !== "plan") head.appendChild(span("pp-result__plan", entry.plan));
      var number = numberOf(entry);
      if (number && entry.kind !== "plan") head.appendChild(span("pp-result__no", number));
      article.appendChild(head);

      var title = document.createElement("h2");
      title.className = "pp-result__title";
      marked(title, titleOf(entry), s.parts, s.terms);
      article.appendChild(title);

      var excerpt = excerptOf(entry, s.parts, s.terms);
      if (excerpt) {
        var p = document.createElement("p");
        p.className = "pp-result__text";
        marked(p, excerpt, s.parts, s.terms);
        article.appendChild(p);
      }

      var facts = document.createElement("p");
      facts.className = "pp-result__facts";
      ROLES.forEach(function (role) {
        if (task.text[role]) facts.appendChild(fact(t(role), task.text[role]));
      });
      var deadline = entry.text.deadline || (entry !== task ? task.text.deadline : "");
      if (deadline) facts.appendChild(fact(t("deadline"), deadline));
      var progress = stateOf(entry, true);
      if (progress) facts.appendChild(fact(t("status"), progress));
      if (entry.kind === "plan" && entry.text.no) facts.appendChild(fact(t("docno"), entry.text.no));
      if (facts.childNodes.length) article.appendChild(facts);
      a.appendChild(article);
      return a;
    }

    /* 第10条, 第10条（第一项） (the citation as printed, in both trees). */
    function numberOf(entry) {
      if (entry.kind === "item" && entry.task) return (entry.task.text.no || "") + "（" + (entry.text.no || "") + "）";
      return entry.text.no || "";
    }

    function titleOf(entry) {
      var own = (english && entry.text.title_en) || entry.text.title || "";
      if (entry.kind === "item" && entry.task) return titleOf(entry.task);
      if (entry.kind === "task" && !own) return firstWords(entry.text.text || "", 24);
      return own;
    }

    function excerptOf(entry, parts, terms) {
      var text = (english && entry.text.text_en) || entry.text.text || "";
      if (entry.kind === "task" && !entry.text.title) text = text.slice(firstWords(text, 24).length);
      if (!text || entry.kind === "plan" && english) return "";
      return around(text, parts.concat(terms), 70);
    }

    function firstWords(text, n) {
      var chars = Array.from(text);
      return chars.length <= n ? text : chars.slice(0, n).join("") + "…";
    }

    /* About `size` characters of `text` around the first place a query part is found. */
    function around(text, needles, size) {
      var chars = Array.from(text);
      if (chars.length <= size) return text;
      var plain = squashPositions(text);
      var at = -1;
      needles.some(function (n) { at = plain.text.indexOf(n); return at >= 0; });
      var start = at < 0 ? 0 : Math.max(0, plain.at[at] - Math.floor(size / 3));
      var out = chars.slice(start, start + size).join("");
      return (start > 0 ? "…" : "") + out + (start + size < chars.length ? "…" : "");
    }

    /* The squashed text and, for each of its characters, its position in `text` (a
       character may fold into several, "…" into "...", or none). */
    function squashPositions(text) {
      var out = { text: "", at: [] };
      Array.from(text).forEach(function (ch, i) {
        Array.from(ch.normalize("NFKC")).forEach(function (c) {
          if (/[\p{L}\p{N}]/u.test(c)) {
            out.text += c.toLowerCase();
            out.at.push(i);
          }
        });
      });
      return out;
    }

    /* Text with the query's parts (or, where none is found whole, its terms) marked. */
    function marked(node, text, parts, terms) {
      var chars = Array.from(text);
      var plain = squashPositions(text);
      var on = new Array(chars.length).fill(false);
      function markAll(needle) {
        if (!needle) return false;
        var found = false;
        var from = 0;
        for (;;) {
          var at = plain.text.indexOf(needle, from);
          if (at < 0) break;
          found = true;
          for (var k = 0; k < Array.from(needle).length; k++) on[plain.at[at + k]] = true;
          from = at + 1;
        }
        return found;
      }
      var whole = parts.map(markAll).some(Boolean);
      if (!whole) terms.forEach(markAll);
      var run = "";
      var inMark = false;
      function flush() {
        if (!run) return;
        if (inMark) {
          var m = document.createElement("mark");
          m.textContent = run;
          node.appendChild(m);
        } else {
          node.appendChild(document.createTextNode(run));
        }
        run = "";
      }
      chars.forEach(function (ch, i) {
        if (on[i] !== inMark) {
          flush();
          inMark = on[i];
        }
        run += ch;
      });
      flush();
    }

    function span(cls, text) {
      var s = document.createElement("span");
      s.className = cls;
      s.textContent = text;
      return s;
    }

    function fact(label, value) {
      var s = document.createElement("span");
      s.className = "pp-result__fact";
      var b = document.createElement("b");
      b.textContent = label + " ";
      s.appendChild(b);
      s.appendChild(document.createTextNode(value));
      return s;
    }

    /* --- events --- */

    input.addEventListener("focus", function () {
      if (!quietFocus) setOpen(true);
      quietFocus = false;
      load();
    });
    input.addEventListener("input", schedule);
    input.addEventListener("click", function () { if (!isOpen()) setOpen(true); });
    selects.forEach(function (s) {
      s.addEventListener("change", function () {
        s.removeAttribute("data-pp-wanted");
        run();
      });
    });
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
      if (ev.target.closest && ev.target.closest("a")) setOpen(false, true);
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        box.classList.toggle("pp-search--open", toggle.checked);
        if (toggle.checked && document.activeElement !== input) input.focus();
      });
    }
    /* The results close when the focus goes elsewhere: to an element outside (focusin
       there), or nowhere after a click outside; a click inside on plain text keeps them. */
    box.addEventListener("mousedown", function (ev) {
      pointerInside = !ev.target.closest(".md-search__overlay");
    });
    document.addEventListener("mousedown", function (ev) {
      if (!box.contains(ev.target)) pointerInside = false;
    }, true);
    box.addEventListener("focusout", function (ev) {
      var inside = ev.relatedTarget ? box.contains(ev.relatedTarget) : pointerInside;
      if (!inside && isOpen()) setOpen(false);
    });
    document.addEventListener("focusin", function (ev) {
      if (isOpen() && !box.contains(ev.target)) setOpen(false);
    });

    function close() {
      setOpen(false);
      quietFocus = true;
      input.focus();
    }

    document.addEventListener("keydown", function (ev) {
      var open = isOpen();
      if (ev.key === "Escape" && open) {
        ev.preventDefault();
        close();
        return;
      }
      if (!open && !ev.ctrlKey && !ev.metaKey && !ev.altKey && (ev.key === "/" || ev.key === "s") && !editable(ev.target)) {
        ev.preventDefault();
        setOpen(true);
        input.focus();
        input.select();
        return;
      }
      if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
      if (!box.contains(document.activeElement) || document.activeElement.tagName === "SELECT") return;
      if (!open) setOpen(true);
      var stops = Array.prototype.slice.call(list.querySelectorAll("a, button:not([disabled])"));
      if (!stops.length) return;
      ev.preventDefault();
      var at = stops.indexOf(document.activeElement);
      var next = ev.key === "ArrowDown" ? at + 1 : at - 1;
      if (at === -1) next = ev.key === "ArrowDown" ? 0 : stops.length - 1;
      if (next < 0) {
        input.focus();
      } else {
        stops[Math.min(next, stops.length - 1)].focus();
      }
    });

    /* A page opened with ?q= shows that search. */
    var params = new URL(location.href).searchParams;
    FILTERS.forEach(function (name) {
      var select = box.querySelector("select[data-pp-filter][name=" + name + "]");
      if (select && params.get(name)) select.setAttribute("data-pp-wanted", params.get(name));
    });
    var initial = params.get("q");
    if (initial || FILTERS.some(function (n) { return params.get(n); })) {
      input.value = initial || "";
      setOpen(true);
      if (FILTERS.some(function (n) { return params.get(n); })) loadFilters(false);
      run();
    }
  }

  function editable(el) {
    if (!el || !el.tagName) return false;
    return /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable;
  }

  window.ppSearchText = { queryTerms: queryTerms, joinTokens: joinTokens, squash: squash };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
