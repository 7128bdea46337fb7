/* The finder page: the form, the result count, the results and the facet counts.
 *
 * The filtering itself is assets/javascripts/finder-filter.js (window.briefingsFinderFilter),
 * the data finder/data.js (window.briefingsFinderData) with the newest briefings' filtering
 * data, the older ones' in chunks, finder/data/i<n>.js, the actors' other names,
 * finder/data/names.js, and the texts (titles, summaries) in parts, finder/data/<n>.js,
 * all loaded here (FILES_AT_ONCE at a time, in the order needed): the texts of the results
 * shown first, alone, then every chunk, the names, and, when words are asked for, every
 * text; the chunks that the chosen actors rule out come last. This file and data.js load
 * async, so the first results need not wait for the rest of the page's scripts (Material's
 * bundle is 35 kB gzip). Results show as their texts arrive, in order; the counts are
 * exact once every chunk that can hold a match is in (and every text, when words are
 * looked for), and the status says "so far" until then. The page writes the choices of
 * the most named actors; the others' are made here from the data. The form gets
 * data-query once everything asked for is shown (data-loading until then). The query
 * lives in the URL, so a view can be bookmarked and shared; the form is a plain GET form
 * this script takes over. No eval, no inline handlers, no HTML built from data: text goes
 * in through textContent.
 */
(function () {
  "use strict";

  var filters = window.briefingsFinderFilter;
  var PAGE_SIZE = 50;      // results shown at first and added by "Show more"
  var ACTORS_SHOWN = 15;   // actor choices shown before "Show all actors"
  var TYPING_DELAY = 200;  // ms of quiet after a keystroke before the words are applied
  var STEP_GAP = 1500;     // changes of one control closer than this make one history step
  var FILES_AT_ONCE = 3;   // data files loading at a time: on a slow link the first comes soon

  function thousands(number) {
    return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function countLabel(number, noun) {
    return thousands(number) + " " + noun + (number === 1 ? "" : "s");
  }

  /* ---- The page ---- */

  function Finder(archive) {
    this.archive = archive;
    this.form = document.getElementById("ba-finder-form");
    this.status = document.getElementById("ba-finder-status");
    this.list = document.getElementById("ba-finder-results");
    this.more = document.getElementById("ba-finder-more");
    this.q = document.getElementById("ba-finder-q");
    this.region = document.getElementById("ba-finder-region");
    this.from = document.getElementById("ba-finder-from");
    this.to = document.getElementById("ba-finder-to");
    this.lang = document.getElementById("ba-finder-lang");  // only with two languages or more
    this.actorSearch = document.getElementById("ba-finder-actor-search");
    this.allActors = document.getElementById("ba-finder-all-actors");
    this.actorItems = actorChoices(archive, document.getElementById("ba-finder-actors"));
    this.query = null;
    this.filter = null;
    this.result = null;
    this.shown = 0;
    this.limit = PAGE_SIZE;  // how many results the reader has asked to see
    this.focusNext = false;
    this.loader = new PartLoader(archive, this);
    this.lastStep = { control: null, time: 0 };
    this.timer = 0;
  }

  // Every actor's choice: the page's, then one made from the data for each other actor.
  function actorChoices(archive, list) {
    var actors = archive.data.actors;
    var items = Array.prototype.map.call(list.children, function (li) {
      return choice(li, archive.actorAt.get(li.querySelector("input").value));
    });
    var fragment = document.createDocumentFragment();
    for (var at = items.length; at < actors.length; at++) {
      var li = document.createElement("li");
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = "actor";
      box.value = actors[at][0];
      label.appendChild(box);
      label.appendChild(document.createTextNode(" "));
      label.appendChild(element("span", "ba-finder-name", actors[at][1]));
      label.appendChild(document.createTextNode(" "));
      label.appendChild(element("span", "ba-count"));
      li.appendChild(label);
      li.hidden = true;
      fragment.appendChild(li);
      items.push(choice(li, at));
    }
    list.appendChild(fragment);
    return items;

    function choice(li, at) {
      var item = { li: li, box: li.querySelector("input"), count: li.querySelector(".ba-count"),
        at: at, names: "" };
      nameChoice(archive, item);
      return item;
    }
  }

  // What "Find an actor" looks in: the actor's name and id, and its other names once in.
  function nameChoice(archive, item) {
    var row = archive.data.actors[item.at] || [];
    var others = archive.names && item.at !== undefined ? archive.names[item.at] : "";
    item.names = filters.fold([row[1] || "", row[0] || "", others].join(" "));
  }

  Finder.prototype.start = function () {
    var self = this;
    this.actorSearch.parentNode.hidden = false;
    this.allActors.hidden = false;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(self.timer);
      self.apply(self.formQuery(), "push");
    });
    this.form.addEventListener("change", function (event) {
      if (event.target === self.q || event.target === self.actorSearch) return;
      self.apply(self.formQuery(), self.step(event.target));
    });
    this.q.addEventListener("input", function () {
      clearTimeout(self.timer);
      self.timer = setTimeout(function () {
        self.apply(self.formQuery(), self.step(self.q));
      }, TYPING_DELAY);
    });
    this.actorSearch.addEventListener("input", function () { self.renderActors(); });
    this.allActors.addEventListener("click", function () {
      var open = self.allActors.getAttribute("aria-expanded") !== "true";
      self.allActors.setAttribute("aria-expanded", String(open));
      self.allActors.textContent = open ? "Show fewer actors" : "Show all actors";
      self.renderActors();
    });
    this.more.addEventListener("click", function () { self.showMore(); });
    window.addEventListener("popstate", function () { self.load(window.location.search); });
    // Material's bundle, which would take `q` for its search, has run by the load event.
    if (document.readyState === "complete") {
      filters.restoreSearch();
    } else {
      window.addEventListener("load", filters.restoreSearch);
    }
    this.load(filters.openedSearch());
  };

  // Typing a word, or arrowing through the regions, makes one history step, not one a key.
  Finder.prototype.step = function (control) {
    var now = Date.now();
    var again = this.lastStep.control === control && now - this.lastStep.time < STEP_GAP;
    this.lastStep = { control: control, time: now };
    return again ? "replace" : "push";
  };

  // The URL's query (`search`): into the controls, then the results.
  Finder.prototype.load = function (search) {
    clearTimeout(this.timer);
    this.lastStep = { control: null, time: 0 };
    var query = filters.readQuery(search);
    this.setControls(query);
    this.apply(query, null);
  };

  Finder.prototype.setControls = function (query) {
    this.q.value = query.q;
    this.region.value = this.archive.regionAt.has(query.region) ? query.region : "";
    if (this.lang) this.lang.value = this.archive.langAt.has(query.lang) ? query.lang : "";
    var from = filters.parseDay(query.from, false);
    var to = filters.parseDay(query.to, true);
    this.from.value = from === null ? "" : filters.isoDay(from);
    this.to.value = to === null ? "" : filters.isoDay(to);
    this.actorItems.forEach(function (item) {
      item.box.checked = query.actors.indexOf(item.box.value) >= 0;
    });
  };

  // The controls' query; actors keep the order they were chosen in.
  Finder.prototype.formQuery = function () {
    var checked = this.actorItems.filter(function (item) { return item.box.checked; })
      .map(function (item) { return item.box.value; });
    var actors = (this.query ? this.query.actors : []).filter(function (id) {
      return checked.indexOf(id) >= 0;
    });
    checked.forEach(function (id) { if (actors.indexOf(id) < 0) actors.push(id); });
    return { actors: actors, region: this.region.value, lang: this.lang ? this.lang.value : "",
      from: this.from.value, to: this.to.value, q: this.q.value.trim() };
  };

  // how: "push" adds a history entry, "replace" rewrites the current one, null leaves it.
  Finder.prototype.apply = function (query, how) {
    var search = filters.queryString(query);
    if (how && search !== window.location.search) {
      var url = window.location.pathname + search;
      try {
        window.history[how === "push" ? "pushState" : "replaceState"](null, "", url);
      } catch (error) {
        // A browser that refuses history changes here still gets the results.
        this.status.setAttribute("data-history-error", String(error));
      }
    }
    this.query = query;
    this.filter = filters.resolve(this.archive, query);
    this.limit = PAGE_SIZE;
    this.update();
  };

  // Filter (again), ask for the files that are needed, show what can be shown. With
  // `more`, the same query over more of the archive: the matches shown stay (the newly
  // scanned items are all older), the rest is added.
  Finder.prototype.update = function (more) {
    this.result = filters.run(this.archive, this.filter);
    this.loader.want.apply(this.loader, this.neededFiles());
    if (more) {
      this.appendShown();
      this.renderFacets();
    } else {
      this.render();
    }
    this.form.setAttribute("data-filter-ms", this.result.ms.toFixed(2));
    this.markReady();
  };

  // [the texts of the results to show, or the next chunk to look in while there is none],
  // [the chunks not in yet, the actors' other names,
  // the texts still to look for words in (all from the first missing)]: the second list
  // waits for the first, so that on a slow link nothing shares the line with it.
  Finder.prototype.neededFiles = function () {
    var archive = this.archive;
    var first = [];
    var then = [];
    var total = archive.items.length;
    var matches = this.result.matches;
    for (var i = 0; i < Math.min(matches.length, this.limit); i++) {
      first.push("t" + filters.partOf(archive, matches[i]));
    }
    // no result yet, and the next chunk to look in is not in: it is urgent, and so, with
    // one actor chosen and nothing else, are the texts of its newest briefing (the first
    // result), in the part the data names
    var next = this.result.scanned;
    if (!matches.length && next < total && !archive.items[next]) {
      first.push("i" + filters.chunkOf(archive, next));
      if (this.filter.fromPart && this.onlyOneActor()) first.push("t" + this.filter.fromPart);
    }
    var skipped = [];  // the chunks before filter.fromChunk hold no match: last
    for (var c = 0; c < archive.chunks.length; c++) {
      if (!archive.chunks[c]) (c < this.filter.fromChunk ? skipped : then).push("i" + c);
    }
    then.push("n");
    if (this.result.scanned < total) {
      for (var n = filters.partOf(archive, this.result.scanned);
        n <= filters.partOf(archive, total - 1); n++) then.push("t" + n);
    }
    return [first, then.concat(skipped)];
  };

  Finder.prototype.onlyOneActor = function () {
    var filter = this.filter;
    return filter.actors.length === 1 && filter.region < 0 && filter.lang < 0 &&
      filter.from === null && filter.to === null && !filter.words.length;
  };

  // A chunk or a part of the texts is in: look further, or show the results it holds.
  Finder.prototype.arrived = function () {
    if (this.result.scanned < this.archive.items.length) {
      this.update(true);
      return;
    }
    this.appendShown();
    this.markReady();
  };

  Finder.prototype.markReady = function () {
    var matches = this.result.matches;
    var done = this.result.scanned === this.archive.items.length &&
      this.shown === Math.min(matches.length, this.limit);
    if (done) {
      this.form.setAttribute("data-query", filters.queryString(this.query));
      this.form.removeAttribute("data-loading");
    } else {
      this.form.removeAttribute("data-query");
      this.form.setAttribute("data-loading", "");
    }
  };

  Finder.prototype.render = function () {
    var started = performance.now();
    this.list.textContent = "";
    this.shown = 0;
    this.focusNext = false;
    this.appendShown();
    this.renderFacets();
    this.form.setAttribute("data-render-ms", (performance.now() - started).toFixed(2));
  };

  Finder.prototype.renderFacets = function () {
    this.renderStatus(this.query, this.filter);
    this.renderActors();
    this.renderRegions();
    this.renderLanguages();
  };

  Finder.prototype.renderStatus = function (query, filter) {
    var total = this.archive.items.length;
    var count = this.result.matches.length;
    if (this.result.scanned < total) {
      this.status.textContent = (filter.words.length ? "Looking for the words: " : "Loading: ") +
        countLabel(count, "match") + " in the newest " + thousands(this.result.scanned) +
        " of " + countLabel(total, "briefing") + " so far…";
      return;
    }
    var unfiltered = !filter.impossible && !filter.actors.length && filter.region < 0 &&
      filter.lang < 0 && filter.from === null && filter.to === null && !filter.words.length;
    var text = unfiltered
      ? countLabel(total, "briefing") + ", newest first."
      : (count === 0 ? "No briefing matches" : thousands(count) + " of " +
          countLabel(total, "briefing") + (count === 1 ? " matches" : " match")) +
        describe(this.archive.data, query, filter) +
        (count === 0 ? " Remove a filter to see more." : " Newest first.");
    if (filter.notes.length) text += " " + filter.notes.join(" ");
    if (this.status.textContent !== text) this.status.textContent = text;
  };

  function describe(data, query, filter) {
    var parts = [];
    if (filter.actors.length) {
      var names = filter.actors.map(function (a) { return data.actors[a][1]; });
      parts.push(names.length === 1 ? names[0]
        : names.slice(0, -1).join(", ") + " and " + names[names.length - 1]);
    }
    if (filter.region >= 0) parts.push("in " + data.regions[filter.region][1]);
    if (filter.lang >= 0) parts.push("written in " + data.langs[filter.lang][2]);
    if (filter.from !== null) parts.push("from " + filters.longDay(filter.from));
    if (filter.to !== null) parts.push("to " + filters.longDay(filter.to));
    if (filter.words.length) parts.push("with “" + query.q + "”");
    return parts.length ? ": " + parts.join(", ") + "." : ".";
  }

  // "Show more": the next page of results; focus moves to the first new one.
  Finder.prototype.showMore = function () {
    this.limit = this.shown + PAGE_SIZE;
    this.focusNext = true;
    this.loader.want.apply(this.loader, this.neededFiles());
    this.appendShown();
    this.markReady();
  };

  // Adds the results asked for whose texts are in, in order, up to the first that is not.
  Finder.prototype.appendShown = function () {
    var matches = this.result.matches;
    var end = Math.min(matches.length, this.limit);
    var fragment = document.createDocumentFragment();
    var first = null;
    var i = this.shown;
    for (; i < end && filters.hasText(this.archive, matches[i]); i++) {
      var item = this.resultItem(matches[i]);
      first = first || item;
      fragment.appendChild(item);
    }
    this.list.appendChild(fragment);
    this.shown = i;
    var left = matches.length - i;
    this.more.hidden = left <= 0 || i < end;
    this.more.textContent = "Show " + Math.min(left, PAGE_SIZE) + " more (" +
      thousands(left) + " not shown)";
    if (this.focusNext && first) {
      this.focusNext = false;
      first.querySelector("a").focus();
    }
  };

  Finder.prototype.resultItem = function (at) {
    var data = this.archive.data;
    var item = this.archive.items[at];
    var li = element("li", "ba-item");
    li.setAttribute("data-slug", item[2]);
    var time = element("time", "", filters.longDay(item[0]));
    time.setAttribute("datetime", filters.isoDay(item[0]));
    li.appendChild(time);
    li.appendChild(document.createTextNode(" "));
    var title = li.appendChild(link(data.links.briefing, item[2], item[1], "ba-title"));
    var summary = item[5] ? li.appendChild(element("p", "ba-summary", item[5])) : null;
    if (item[6]) {  // not in the site's language: its title and summary say in which
      var lang = data.langs[item[6]];
      [title, summary].forEach(function (node) {
        if (!node) return;
        node.setAttribute("lang", lang[0]);
        node.setAttribute("dir", lang[1]);
      });
    }
    var facts = element("p", "ba-finder-facts");
    addLinks(facts, "Actors", data.links.actor,
      item[3].map(function (a) { return data.actors[a]; }));
    facts.appendChild(document.createTextNode(" · "));
    addLinks(facts, item[4].length > 1 ? "Regions" : "Region", data.links.region,
      item[4].map(function (r) { return data.regions[r]; }));
    li.appendChild(facts);
    return li;
  };

  function element(tag, css, text) {
    var node = document.createElement(tag);
    if (css) node.className = css;
    if (text) node.textContent = text;
    return node;
  }

  function link(pattern, id, text, css) {
    var anchor = element("a", css, text);
    anchor.setAttribute("href", pattern[0] + id + pattern[1]);
    return anchor;
  }

  // Each list of links is a group named by its label, so that "Armenia" the actor and
  // "Armenia" the region each have a context that says which is which (WCAG 2.4.4).
  function addLinks(parent, label, pattern, rows) {
    var group = element("span", "ba-finder-group");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", label);
    var shown = element("span", "ba-finder-label", label + ": ");
    shown.setAttribute("aria-hidden", "true");
    group.appendChild(shown);
    rows.forEach(function (row, at) {
      if (at) group.appendChild(document.createTextNode(", "));
      group.appendChild(link(pattern, row[0], row[1]));
    });
    parent.appendChild(group);
  }

  // Counts on every actor; shows the chosen ones, the one with focus, and those that would
  // leave matches (the first few, all, or those whose names contain the search words).
  Finder.prototype.renderActors = function () {
    var counts = this.result.actorCounts;
    var words = filters.fold(this.actorSearch.value).split(/\s+/).filter(Boolean);
    var expanded = this.allActors.getAttribute("aria-expanded") === "true";
    var all = words.length > 0 || expanded;
    var focused = document.activeElement;
    var useful = 0;
    var shown = 0;
    this.actorItems.forEach(function (item) {
      var count = item.at === undefined ? 0 : counts[item.at];
      var text = thousands(count);
      if (item.count.textContent !== text) item.count.textContent = text;
      item.li.setAttribute("data-count", String(count));
      var wanted = count > 0 && filters.hasWords(item.names, words);
      if (count > 0) useful++;
      var visible = item.box.checked || item.box === focused ||
        (wanted && (all || shown < ACTORS_SHOWN));
      if (visible && !item.box.checked) shown++;
      if (item.li.hidden === visible) item.li.hidden = !visible;
    });
    this.allActors.hidden = useful <= ACTORS_SHOWN && !expanded;
  };

  // A select's options: "Name (matches if chosen)"; a choice that would leave none is
  // disabled. at(value): the entry's index in the data (undefined: "any"); name(at, option).
  function renderOptions(select, at, base, counts, name) {
    var options = select.options;
    for (var i = 0; i < options.length; i++) {
      var option = options[i];
      var index = at(option.value);
      var count = index === undefined ? base : counts[index];
      var text = name(index, option) + " (" + thousands(count) + ")";
      if (option.textContent !== text) option.textContent = text;
      option.setAttribute("data-count", String(count));
      option.disabled = count === 0 && !option.selected && index !== undefined;
    }
  }

  // Regions, indented by their depth below the world.
  Finder.prototype.renderRegions = function () {
    var data = this.archive.data;
    var regionAt = this.archive.regionAt;
    renderOptions(this.region, function (value) { return regionAt.get(value); },
      this.result.base, this.result.regionCounts, function (at, option) {
        var depth = Number(option.getAttribute("data-depth") || 0);
        return "\u00a0\u00a0".repeat(depth) + (at === undefined ? "Any region" : data.regions[at][1]);
      });
  };

  // Languages, by their names.
  Finder.prototype.renderLanguages = function () {
    if (!this.lang) return;
    var data = this.archive.data;
    var langAt = this.archive.langAt;
    renderOptions(this.lang, function (value) { return langAt.get(value); },
      this.result.langBase, this.result.langCounts, function (at) {
        return at === undefined ? "Any language" : data.langs[at][2];
      });
  };

  /* ---- The data's chunks ("i<n>") and the texts' parts ("t<n>"): script elements (they
     load from file:// too), in order ---- */

  function PartLoader(archive, finder) {
    var data = Array.prototype.find.call(document.scripts, function (script) {
      return /\/data\.js(\?|$)/.test(script.src);
    });
    this.base = data ? data.src : window.location.href;
    this.state = { i0: "in" };  // the first chunk is data.js's; absent: none
    this.queue = [];
    this.first = [];
    this.busy = 0;
    var loader = this;
    window.briefingsFinderPart = function (number, rows) {
      filters.addPart(archive, number, rows);
      loader.state["t" + number] = "in";
      finder.arrived();
    };
    window.briefingsFinderItems = function (number, rows) {
      filters.addItems(archive, number, rows);
      loader.state["i" + number] = "in";
      finder.arrived();
    };
    window.briefingsFinderNames = function (rows) {
      filters.addNames(archive, rows);
      loader.state.n = "in";
      finder.actorItems.forEach(function (item) { nameChoice(archive, item); });
      finder.renderActors();
    };
    this.address = function (key) {
      if (key === "n") return new URL("data/names.js?v=" + archive.data.names, loader.base).href;
      var number = Number(key.slice(1));
      var chunk = key[0] === "i";
      // a chunk's tag covers the texts of its briefings too
      var tag = archive.data.chunks.tags[chunk ? number
        : Math.floor(number * archive.partSize / archive.chunkSize)];
      return new URL("data/" + (chunk ? "i" : "") + number + ".js?v=" + tag, loader.base).href;
    };
  }

  // Load these files, first first, and `then` once every one of `first` is in; files
  // queued for an earlier query and not started wait.
  PartLoader.prototype.want = function (first, then) {
    var loader = this;
    this.queue.forEach(function (key) { delete loader.state[key]; });
    this.queue = [];
    this.first = [];
    first.concat(then).forEach(function (key, at) {
      if (at < first.length && loader.first.indexOf(key) < 0) loader.first.push(key);
      if (!loader.state[key]) {
        loader.state[key] = "queued";
        loader.queue.push(key);
      }
    });
    this.pump();
  };

  PartLoader.prototype.pump = function () {
    var loader = this;
    var waiting = this.first.some(function (key) { return loader.state[key] !== "in"; });
    while (this.busy < FILES_AT_ONCE && this.queue.length) {
      if (waiting && this.first.indexOf(this.queue[0]) < 0) break;
      var key = this.queue.shift();
      this.state[key] = "loading";
      this.busy++;
      var script = document.createElement("script");
      script.src = this.address(key);
      script.onload = script.onerror = done(key, script);
      document.head.appendChild(script);
    }

    function done(key, script) {
      return function (event) {
        loader.busy--;
        script.remove();
        if (event.type === "error") {
          delete loader.state[key];  // asked for again by the next change
          document.getElementById("ba-finder-status").textContent =
            "Some briefings could not be loaded; reload the page to try again.";
        }
        loader.pump();
      };
    }
  };

  // Starts once data.js has run (both load async: whichever comes second starts).
  function main() {
    var status = document.getElementById("ba-finder-status");
    if (!document.getElementById("ba-finder-form")) return;
    var started = false;
    var begin = function () {
      if (started) return;
      started = true;
      var data = window.briefingsFinderData;
      if (!filters || !data || data.version !== 4) {
        status.textContent = "The briefings could not be loaded; reload the page to try again.";
        return;
      }
      new Finder(filters.prepare(data)).start();
    };
    var script = Array.prototype.find.call(document.scripts, function (element) {
      return /\/data\.js(\?|$)/.test(element.src);
    });
    if (window.briefingsFinderData || !script) {
      begin();
      return;
    }
    script.addEventListener("load", begin);
    script.addEventListener("error", begin);
    window.addEventListener("load", begin);  // by then data.js has run or failed
  }

  main();
}());
