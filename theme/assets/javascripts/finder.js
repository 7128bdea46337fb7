/* The finder page: the form, the result count, the results and the facet counts.
 *
 * The filtering itself is assets/javascripts/finder-filter.js (window.briefingsFinderFilter),
 * the data finder/data.js (window.briefingsFinderData). The query lives in the URL, so a
 * view can be bookmarked and shared; the form is a plain GET form this script takes over.
 * No eval, no inline handlers, no HTML built from data: text goes in through textContent.
 */
(function () {
  "use strict";

  var filters = window.briefingsFinderFilter;
  var PAGE_SIZE = 50;      // results shown at first and added by "Show more"
  var ACTORS_SHOWN = 15;   // actor choices shown before "Show all actors"
  var TYPING_DELAY = 200;  // ms of quiet after a keystroke before the words are applied
  var STEP_GAP = 1500;     // changes of one control closer than this make one history step

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
    this.actorSearch = document.getElementById("ba-finder-actor-search");
    this.allActors = document.getElementById("ba-finder-all-actors");
    this.actorItems = Array.prototype.map.call(
      document.querySelectorAll("#ba-finder-actors > li"), function (li) {
        var box = li.querySelector("input");
        return { li: li, box: box, count: li.querySelector(".ba-count"),
          at: archive.actorAt.get(box.value), names: li.getAttribute("data-names") || "" };
      });
    this.query = null;
    this.result = null;
    this.shown = 0;
    this.lastStep = { control: null, time: 0 };
    this.timer = 0;
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
    window.addEventListener("popstate", function () { self.load(); });
    filters.restoreSearch();
    this.load();
    // Prepare the texts words are looked for in while the reader is still reading.
    (window.requestIdleCallback || window.setTimeout)(function () {
      filters.haystacks(self.archive);
    });
  };

  // Typing a word, or arrowing through the regions, makes one history step, not one a key.
  Finder.prototype.step = function (control) {
    var now = Date.now();
    var again = this.lastStep.control === control && now - this.lastStep.time < STEP_GAP;
    this.lastStep = { control: control, time: now };
    return again ? "replace" : "push";
  };

  // The URL's query: into the controls, then the results.
  Finder.prototype.load = function () {
    clearTimeout(this.timer);
    this.lastStep = { control: null, time: 0 };
    var query = filters.readQuery(window.location.search);
    this.setControls(query);
    this.apply(query, null);
  };

  Finder.prototype.setControls = function (query) {
    this.q.value = query.q;
    this.region.value = this.archive.regionAt.has(query.region) ? query.region : "";
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
    return { actors: actors, region: this.region.value, from: this.from.value,
      to: this.to.value, q: this.q.value.trim() };
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
    var filter = filters.resolve(this.archive, query);
    this.result = filters.run(this.archive, filter);
    this.render(query, filter);
    this.form.setAttribute("data-query", search);
    this.form.setAttribute("data-filter-ms", this.result.ms.toFixed(2));
  };

  Finder.prototype.render = function (query, filter) {
    var started = performance.now();
    this.list.textContent = "";
    this.shown = 0;
    this.showMore(true);
    this.renderStatus(query, filter);
    this.renderActors();
    this.renderRegions();
    this.form.setAttribute("data-render-ms", (performance.now() - started).toFixed(2));
  };

  Finder.prototype.renderStatus = function (query, filter) {
    var total = this.archive.data.items.length;
    var count = this.result.matches.length;
    var unfiltered = !filter.impossible && !filter.actors.length && filter.region < 0 &&
      filter.from === null && filter.to === null && !filter.words.length;
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
    if (filter.from !== null) parts.push("from " + filters.longDay(filter.from));
    if (filter.to !== null) parts.push("to " + filters.longDay(filter.to));
    if (filter.words.length) parts.push("with “" + query.q + "”");
    return parts.length ? ": " + parts.join(", ") + "." : ".";
  }

  // Adds the next page of results; on a click, focus moves to the first new one.
  Finder.prototype.showMore = function (quiet) {
    var matches = this.result.matches;
    var end = Math.min(matches.length, this.shown + PAGE_SIZE);
    var fragment = document.createDocumentFragment();
    var first = null;
    for (var i = this.shown; i < end; i++) {
      var item = this.resultItem(matches[i]);
      first = first || item;
      fragment.appendChild(item);
    }
    this.list.appendChild(fragment);
    this.shown = end;
    var left = matches.length - end;
    this.more.hidden = left <= 0;
    this.more.textContent = "Show " + Math.min(left, PAGE_SIZE) + " more (" +
      thousands(left) + " not shown)";
    if (!quiet && first) first.querySelector("a").focus();
  };

  Finder.prototype.resultItem = function (at) {
    var data = this.archive.data;
    var item = data.items[at];
    var li = element("li", "ba-item");
    li.setAttribute("data-slug", item[2]);
    var time = element("time", "", filters.longDay(item[0]));
    time.setAttribute("datetime", filters.isoDay(item[0]));
    li.appendChild(time);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(link(data.links.briefing, item[2], item[1], "ba-title"));
    if (item[5]) li.appendChild(element("p", "ba-summary", item[5]));
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

  function addLinks(parent, label, pattern, rows) {
    parent.appendChild(element("span", "ba-finder-label", label + ": "));
    rows.forEach(function (row, at) {
      if (at) parent.appendChild(document.createTextNode(", "));
      parent.appendChild(link(pattern, row[0], row[1]));
    });
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

  // Region options: "Name (matches if chosen)"; a choice that would leave none is disabled.
  Finder.prototype.renderRegions = function () {
    var data = this.archive.data;
    var counts = this.result.regionCounts;
    var options = this.region.options;
    for (var i = 0; i < options.length; i++) {
      var option = options[i];
      var at = this.archive.regionAt.get(option.value);
      var count = at === undefined ? this.result.base : counts[at];
      var name = at === undefined ? "Any region" : data.regions[at][1];
      var depth = Number(option.getAttribute("data-depth") || 0);
      var text = "\u00a0\u00a0".repeat(depth) + name + " (" + thousands(count) + ")";
      if (option.textContent !== text) option.textContent = text;
      option.setAttribute("data-count", String(count));
      option.disabled = count === 0 && !option.selected && at !== undefined;
    }
  };

  function main() {
    var status = document.getElementById("ba-finder-status");
    if (!document.getElementById("ba-finder-form")) return;
    var data = window.briefingsFinderData;
    if (!filters || !data || data.version !== 1) {
      status.textContent = "The briefings could not be loaded; reload the page to try again.";
      return;
    }
    new Finder(filters.prepare(data)).start();
  }

  main();
}());
