/* The finder's filter: the archive's data, the URL's query, the matches and facet counts.
 *
 * No DOM here; assets/javascripts/finder.js (the page) uses it through
 * window.briefingsFinderFilter. Reads the data set by finder/data.js (see
 * generator/site/data/finderdata.py):
 *   count:   how many briefings there are
 *   links:   {briefing|actor|region: [prefix, suffix]}, link = prefix + id + suffix
 *   actors:  [[id, name, the newest chunk naming it (absent: 0)], ...], most named first
 *            (a query choosing it skips the chunks before); their other names (aliases, names by
 *            language) come apart (finder/data/names.js?v=<names>), added by addNames()
 *   regions: [[id, name, parent index or -1], ...], a parent before its descendants
 *            (an id of 0, actor or region: the name in lower case, hyphens for spaces)
 *   langs:   [[tag, direction, name], ...], the site's language first
 *   items:   the first chunk of [[days since the previous item, [actor index],
 *            [region index], language index (absent: 0)], ...], newest first (the first
 *            item of a chunk gives its day since 1970-01-01)
 *   chunks:  {size, tags}: the other chunks (finder/data/i<n>.js?v=<tag>, n from 1), added
 *            by addItems() as they arrive; a chunk's tag (chunk 0's too) also stands for
 *            the parts of its items' texts
 *   parts:   {size, count}: the texts come in parts (finder/data/<n>.js?v=<its chunk's
 *            tag>), rows [title, slug, summary] of `size` items each, added by addPart()
 *            as they arrive
 * prepare() makes each item [day, title, slug, [actor], [region], summary, language], the
 * texts null until their part is in. Filtering looks at the items from the newest up to the
 * first whose chunk is not in, or, when words are asked for, whose text is not in
 * (result.scanned): the matches found so far are the first of the whole answer. The chunks
 * before filter.fromChunk (the chunk of filter.fromPart, the part of the texts holding the
 * newest briefing of the chosen actor whose newest is the oldest: an actor's third field,
 * absent in the first chunk) hold no match and count for nothing: they are skipped, in or
 * not.
 * The query is the URL's: actor (repeatable: all must appear), region (with everything
 * below it), lang (a language tag), from and to (YYYY, YYYY-MM or YYYY-MM-DD, both ends
 * included) and q (every word, in titles, summaries, actor and region names).
 */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  /* ---- Text and dates ---- */

  // The one folding of what readers type, search's (search-core.js, loaded before this
  // file; generator/site/folding.py is the same in Python and folds the actors' names).
  var fold = self.briefingsSearchCore.fold;

  // "2023", "2023-05" or "2023-05-17" as a day number; a range's end takes the last day.
  function parseDay(text, isEnd) {
    var match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
    if (!match) return null;
    var year = Number(match[1]);
    var month = match[2] ? Number(match[2]) : (isEnd ? 12 : 1);
    if (month < 1 || month > 12) return null;
    var last = new Date(utc(year, month, 0)).getUTCDate();
    var day = match[3] ? Number(match[3]) : (isEnd ? last : 1);
    if (day < 1 || day > last) return null;
    return utc(year, month - 1, day) / DAY_MS;
  }

  // Date.UTC(year, ...) reads the years 0-99 as 1900-1999; setUTCFullYear takes them as written.
  function utc(year, monthIndex, day) {
    var date = new Date(0);
    date.setUTCFullYear(year, monthIndex, day);
    return date.getTime();
  }

  function isoDay(dayNumber) {
    return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
  }

  function longDay(dayNumber) {
    var date = new Date(dayNumber * DAY_MS);
    return date.getUTCDate() + " " + MONTHS[date.getUTCMonth()] + " " + date.getUTCFullYear();
  }

  /* ---- The archive, prepared once ---- */

  function prepare(data) {
    var regions = data.regions;
    data.actors.concat(regions).forEach(function (row) {
      if (row[0] === 0) row[0] = row[1].toLowerCase().replace(/ /g, "-");
    });
    var archive = {
      data: data,
      items: new Array(data.count),
      chunkSize: data.chunks.size,
      chunks: data.chunks.tags.map(function () { return false; }),
      partSize: data.parts.size,
      loaded: new Array(data.parts.count).fill(false),
      actorAt: indexById(data.actors),
      regionAt: indexById(regions),
      langAt: indexById(data.langs),
      // each region and every region above it: a briefing's roll-up
      chains: regions.map(function (region, at) {
        var chain = [];
        for (var up = at; up >= 0 && chain.length <= regions.length; up = regions[up][2]) {
          chain.push(up);
        }
        return chain;
      }),
      // each briefing's regions and every region above them, each once
      rolled: new Array(data.count),
      names: null,  // each actor's other names, once they are in
      early: {},    // parts of the texts in before their chunk, by number
      haystacks: []
    };
    addItems(archive, 0, data.items);
    return archive;
  }

  // A chunk of the filtering data has arrived: its rows become items.
  function addItems(archive, number, rows) {
    if (archive.chunks[number] !== false) return;
    var start = number * archive.chunkSize;
    var day = 0;
    rows.forEach(function (row, k) {
      var at = start + k;
      day = k === 0 ? row[0] : day - row[0];
      archive.items[at] = [day, null, null, row[1], row[2], null, row[3] || 0];
      var seen = new Set();
      row[2].forEach(function (region) {
        archive.chains[region].forEach(function (up) { seen.add(up); });
      });
      archive.rolled[at] = Int32Array.from(seen);
    });
    archive.chunks[number] = true;
    var parts = archive.chunkSize / archive.partSize;
    for (var n = number * parts; n < (number + 1) * parts; n++) {
      var early = archive.early[n];
      if (early) {
        delete archive.early[n];
        addPart(archive, n, early);
      }
    }
  }

  // The actors' other names have arrived: one text for each actor, in the data's order.
  function addNames(archive, rows) {
    archive.names = rows;
  }

  function chunkOf(archive, at) {
    return Math.floor(at / archive.chunkSize);
  }

  function indexById(rows) {
    var found = new Map();
    rows.forEach(function (row, at) { found.set(row[0], at); });
    return found;
  }

  function partOf(archive, at) {
    return Math.floor(at / archive.partSize);
  }

  function hasText(archive, at) {
    return archive.loaded[partOf(archive, at)];
  }

  // A part of the texts has arrived: its rows fill in their items.
  function addPart(archive, number, rows) {
    if (archive.loaded[number] !== false) return;
    var start = number * archive.partSize;
    if (!archive.items[start]) {  // asked for beside its chunk, which is not in yet
      archive.early[number] = rows;
      return;
    }
    rows.forEach(function (row, k) {
      var item = archive.items[start + k];
      if (!item) return;
      item[1] = row[0];
      item[2] = row[1];
      item[5] = row[2];
    });
    archive.loaded[number] = true;
  }

  // What words are looked for in: title, shown summary, actor and region names.
  function haystack(archive, at) {
    var found = archive.haystacks[at];
    if (found === undefined) {
      var data = archive.data;
      var item = archive.items[at];
      var names = item[3].map(function (a) { return data.actors[a][1]; })
        .concat(item[4].map(function (r) { return data.regions[r][1]; }));
      found = archive.haystacks[at] = fold([item[1], item[5]].concat(names).join("\n"));
    }
    return found;
  }

  /* ---- Queries: the URL's parameters ---- */

  function readQuery(search) {
    var params = new URLSearchParams(search);
    var text = function (name) { return (params.get(name) || "").trim(); };
    var actors = [];
    params.getAll("actor").forEach(function (id) {
      id = id.trim();
      if (id && actors.indexOf(id) < 0) actors.push(id);
    });
    return { actors: actors, region: text("region"), lang: text("lang"), from: text("from"),
      to: text("to"), q: text("q") };
  }

  function queryString(query) {
    var params = new URLSearchParams();
    query.actors.forEach(function (id) { params.append("actor", id); });
    ["region", "lang", "from", "to", "q"].forEach(function (name) {
      if (query[name]) params.set(name, query[name]);
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  // The query in terms of the data: indexes, day numbers, folded words, and what was wrong.
  function resolve(archive, query) {
    var filter = { actors: [], region: -1, lang: -1, from: null, to: null, words: [],
      notes: [], impossible: false, fromPart: 0, fromChunk: 0 };
    query.actors.forEach(function (id) {
      var at = archive.actorAt.get(id);
      if (at === undefined) {
        filter.notes.push("No actor has the id “" + id + "”.");
        filter.impossible = true;
      } else {
        filter.actors.push(at);
        filter.fromPart = Math.max(filter.fromPart, archive.data.actors[at][2] || 0);
        filter.fromChunk = chunkOf(archive, filter.fromPart * archive.partSize);
      }
    });
    if (query.region) {
      var region = archive.regionAt.get(query.region);
      if (region === undefined) {
        filter.notes.push("No region has the id “" + query.region + "”.");
        filter.impossible = true;
      } else {
        filter.region = region;
      }
    }
    if (query.lang) {
      var lang = archive.langAt.get(query.lang);
      if (lang === undefined) {
        filter.notes.push("No briefing is in the language “" + query.lang + "”.");
        filter.impossible = true;
      } else {
        filter.lang = lang;
      }
    }
    [["from", false], ["to", true]].forEach(function (bound) {
      var text = query[bound[0]];
      if (!text) return;
      filter[bound[0]] = parseDay(text, bound[1]);
      if (filter[bound[0]] === null) {
        filter.notes.push("“" + text + "” is not a date like 2023-01-31; it is ignored.");
      }
    });
    filter.words = fold(query.q).split(/\s+/).filter(Boolean);
    return filter;
  }

  /* ---- Filtering and facet counts ---- */

  function hasAll(list, wanted) {
    for (var i = 0; i < wanted.length; i++) {
      if (list.indexOf(wanted[i]) < 0) return false;
    }
    return true;
  }

  function hasWords(text, words) {
    for (var i = 0; i < words.length; i++) {
      if (text.indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  // One pass: matches (newest first, as the data), and for each region the matches it
  // would leave if chosen instead of the current region (base: those of "any region"),
  // the same for each language (langBase: "any language"), and for each actor the
  // matches that name it (what adding it would leave).
  function run(archive, filter) {
    var started = performance.now();
    var data = archive.data;
    var items = archive.items;
    var result = { matches: [], base: 0, langBase: 0, ms: 0, scanned: items.length,
      regionCounts: new Int32Array(data.regions.length),
      langCounts: new Int32Array(data.langs.length),
      actorCounts: new Int32Array(data.actors.length) };
    if (filter.impossible) {
      result.scanned = items.length;  // nothing can match: nothing to wait for
      return result;
    }
    var words = filter.words.length > 0;
    for (var i = filter.fromChunk * archive.chunkSize; i < items.length; i++) {
      var item = items[i];
      if (!item) {
        result.scanned = i;  // this chunk is not in yet
        break;
      }
      if (words && !hasText(archive, i)) {
        result.scanned = i;  // the texts from here on are not in yet
        break;
      }
      if ((filter.from !== null && item[0] < filter.from) ||
          (filter.to !== null && item[0] > filter.to) ||
          !hasAll(item[3], filter.actors) ||
          (words && !hasWords(haystack(archive, i), filter.words))) {
        continue;
      }
      var inLang = filter.lang < 0 || item[6] === filter.lang;
      var rolled = archive.rolled[i];
      var inRegion = filter.region < 0;
      for (var r = 0; r < rolled.length; r++) {
        if (inLang) result.regionCounts[rolled[r]]++;
        if (rolled[r] === filter.region) inRegion = true;
      }
      if (inLang) result.base++;
      if (inRegion) {
        result.langBase++;
        result.langCounts[item[6]]++;
      }
      if (!inRegion || !inLang) continue;
      result.matches.push(i);
      for (var a = 0; a < item[3].length; a++) result.actorCounts[item[3][a]]++;
    }
    result.ms = performance.now() - started;
    return result;
  }

  // Material's search takes a `q` parameter for itself when its script starts: it opens
  // over the page with the words and deletes `q` from the URL when closed. The finder's `q`
  // is the contract's, so this script (loaded before Material's, not deferred) hides it from
  // the URL; the page script puts it back once Material has started (restoreSearch), unless
  // the reader has changed the query by then.
  var initialSearch = window.location.search;
  var hiddenSearch = initialSearch;

  function hideWords() {
    var params = new URLSearchParams(initialSearch);
    if (!params.has("q")) return;
    params.delete("q");
    var rest = params.toString();
    hiddenSearch = rest ? "?" + rest : "";
    setSearch(hiddenSearch);
  }

  function setSearch(search) {
    var url = window.location.pathname + search + window.location.hash;
    try {
      window.history.replaceState(window.history.state, "", url);
    } catch {
      // a browser that refuses: Material's search opens, the finder still works
    }
  }

  function restoreSearch() {
    if (window.location.search === hiddenSearch && hiddenSearch !== initialSearch) {
      setSearch(initialSearch);
    }
  }

  // The page's query as it was opened, words included.
  function openedSearch() {
    return initialSearch;
  }

  hideWords();

  window.briefingsFinderFilter = {
    restoreSearch: restoreSearch, openedSearch: openedSearch,
    fold: fold, parseDay: parseDay, isoDay: isoDay, longDay: longDay, prepare: prepare,
    addItems: addItems, addNames: addNames, chunkOf: chunkOf, addPart: addPart, partOf: partOf, hasText: hasText,
    readQuery: readQuery, queryString: queryString, resolve: resolve,
    hasWords: hasWords, run: run
  };
}());
