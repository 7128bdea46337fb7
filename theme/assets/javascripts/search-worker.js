/* The site's search worker, in place of Material for MkDocs' lunr worker.
 *
 * Why: Material's bundle downloads the whole index on every page load and its worker builds
 * a lunr index from all of it before the first answer. This worker loads nothing until the
 * reader types; then only the shards of the index that hold the words typed (see
 * generator/site/data/searchshards.py), and the records of the results shown first.
 *
 * The protocol is Material's (9.8.2, integrations/search/worker):
 *   {type: 0 SETUP, data: {config, docs, options: {suggest}}}  -> we answer {type: 1 READY}
 *   {type: 2 QUERY, data: "the text in the search box"}         -> we answer {type: 3 RESULT,
 *     data: {items: [[item], ...], suggest?: [word]}}
 * where an item is {location, title, text, score, terms} (plus tags, if a document has any):
 * Material renders one list entry per inner array, shows "N matching documents" from
 * items.length (so every match is returned), draws the first ten and four more per scroll,
 * strikes through the keys of `terms` that are false and puts the true ones into the link's
 * ?h=; `score` ends up in data-md-score, which the Enter key uses to open the best result.
 * The site's pages give Material no index (theme/partials/search.html: the form is not
 * named "search", so the bundle fetches none), so no SETUP comes: this worker says READY on
 * its own once started, and answers from the shards. A SETUP with docs (Material's way)
 * still works: it searches those docs instead (the tests compare the two).
 * An answer comes as soon as the first term's shards are in (terms still loading are left
 * out of `terms`), and again when all are. Of the results, the first FIRST_RECORDS come
 * with their records; the others carry a placeholder that the page's search-fill.js fills
 * in from the same record files when Material draws it.
 *
 * Ranking: first by how many terms matched, then by the weight of the best field each term
 * matched in (title > names > text), a whole word counting more than a prefix, times the
 * document's boost; ties keep the index's order. Matching and folding: search-core.js.
 *
 * Runs as a Web Worker on the hosted site (files come by fetch) and, offline (file://),
 * inside the hidden frame of the iframe-worker shim (files come as script elements, which
 * file:// allows and fetch is not). Plain ES2018, no eval (the pages' policy forbids it).
 */
(function () {
  "use strict";

  // Material's SearchMessageType enum, in its order.
  const SETUP = 0;
  const READY = 1;
  const QUERY = 2;
  const RESULT = 3;

  const FIRST_RECORDS = 10;  // Material draws ten results at first
  const MANY_FILES = 3;      // a query needing more files than this waits for more typing
  const TYPING_PAUSE = 250;  // ms

  const inFrame = typeof document !== "undefined";
  const SELF_URL = inFrame && document.currentScript ? document.currentScript.src
    : self.location.href;
  const INDEX_URL = new URL("../../search/", SELF_URL).href;
  let core = null;

  /* ---- Loading the index's files ---- */

  const loads = new Map();   // file -> promise of its data
  const waiting = new Map(); // name -> resolve, for files loaded as script elements

  self.briefingsSearch = function (name, data) {
    const resolve = waiting.get(name);
    if (resolve) resolve(data);
  };

  /* The data of one file of the index ("shards/3.js"), loaded once. */
  function load(file, name, tag) {
    let promise = loads.get(file);
    if (!promise) {
      const url = INDEX_URL + file + (tag ? "?v=" + tag : "");
      promise = inFrame ? loadScript(url, name) : fetchScript(url);
      promise.catch(function () { loads.delete(file); });  // a later query tries again
      loads.set(file, promise);
    }
    return promise;
  }

  function loadScript(url, name) {
    return new Promise(function (resolve, reject) {
      const script = document.createElement("script");
      waiting.set(name, resolve);
      script.onload = function () { script.remove(); };
      script.onerror = function () {
        script.remove();
        reject(new Error("Search could not load " + url));
      };
      script.src = url;
      document.body.appendChild(script);
    });
  }

  /* A file is `briefingsSearch("name",<json>);`: its JSON is read, never run. */
  function fetchScript(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error("Search could not load " + url);
      return response.text();
    }).then(function (text) {
      return JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(")")));
    });
  }

  function manifest() {
    return load("manifest.js", "manifest", "");
  }

  /* ---- Shards: which files a term needs, and what they say of it ---- */

  /* The shard files that can hold words starting with the term (or being one of its other
   * spellings, term.also): those of the keys it starts and of the keys that start it. */
  function shardsFor(index, term) {
    const files = new Set();
    for (const folded of [term.folded].concat(term.also)) {
      for (const key in index.keys) {
        if (key.startsWith(folded) || folded.startsWith(key)) files.add(index.keys[key]);
      }
    }
    return Array.from(files);
  }

  function loadShard(index, number) {
    return load("shards/" + number + ".js", "s" + number, index.shards[number]);
  }

  /* For one term: document -> [best field, field of the word that is the whole term].
   * A word matches that starts with the term or is one of its other spellings. */
  function termHits(shards, term, width) {
    const folded = term.folded;
    const hits = new Map();
    for (const words of shards) {
      for (const word in words) {
        const whole = word === folded || term.also.indexOf(word) >= 0;
        if (!whole && !word.startsWith(folded)) continue;
        let doc = 0;
        for (const code of words[word]) {
          doc += Math.floor(code / width);
          const field = code % width;
          const hit = hits.get(doc);
          if (!hit) hits.set(doc, [field, whole ? field : -1]);
          else {
            if (field < hit[0]) hit[0] = field;
            if (whole) hit[1] = field;
          }
        }
      }
    }
    return hits;
  }

  /* ---- Ranking the shards' documents ---- */

  function boostOf(index, doc) {
    let boost = 1;
    for (const run of index.boosts) {
      if (run[0] > doc) break;
      boost = run[1];
    }
    return boost > 0 ? boost : 1;
  }

  function fieldWeights(index) {
    const specs = (index.config && index.config.fields) || core.DEFAULT_FIELDS;
    return index.fields.map(function (name) {
      const boost = Number(specs[name] && specs[name].boost);
      return boost > 0 ? boost : 1;
    });
  }

  /* Hits, best first, from the terms whose shards are in (perTerm[t] is null if not). */
  function rankShards(index, terms, perTerm) {
    const weights = fieldWeights(index);
    const found = new Map();
    const excluded = new Set();
    terms.forEach(function (term, t) {
      const hits = perTerm[t];
      if (!hits) return;
      if (term.presence === core.PROHIBITED) {
        hits.forEach(function (_, doc) { excluded.add(doc); });
        return;
      }
      hits.forEach(function (hit, doc) {
        let entry = found.get(doc);
        if (!entry) found.set(doc, entry = { position: doc, mask: 0, weight: 0, titles: 0 });
        const factor = hit[1] === hit[0] ? 1 : core.PREFIX_FACTOR;
        entry.mask |= 1 << t;
        entry.weight += weights[hit[0]] * factor;
        if (hit[0] === 0) entry.titles |= 1 << t;
      });
    });
    const hits = [];
    found.forEach(function (entry, doc) {
      if (excluded.has(doc)) return;
      for (let t = 0; t < terms.length; t++) {
        if (terms[t].presence === core.REQUIRED && perTerm[t] && !perTerm[t].has(doc)) return;
      }
      entry.count = bitCount(entry.mask);
      entry.weight *= boostOf(index, doc);
      hits.push(entry);
    });
    return hits.sort(byRank);
  }

  function byRank(a, b) {
    return b.count - a.count || b.weight - a.weight || a.position - b.position;
  }

  function bitCount(mask) {
    let count = 0;
    for (let rest = mask; rest; rest &= rest - 1) count += 1;
    return count;
  }

  /* ---- Records: what a result shows ---- */

  function loadRecords(index, positions) {
    const chunks = new Set(positions.map(function (doc) {
      return Math.floor(doc / index.chunk);
    }));
    return Promise.all(Array.from(chunks, function (number) {
      return load("docs/" + number + ".js", "d" + number,
        index.docs[Math.floor(number / index.filesPerTag)])
        .then(function (records) { return [number, records]; });
    })).then(function (loaded) {
      const byChunk = new Map(loaded);
      return function (doc) {
        const records = byChunk.get(Math.floor(doc / index.chunk));
        const record = records && records[doc % index.chunk];
        return record ? { location: record[0], title: record[1], text: record[2],
          tags: record[3] } : null;
      };
    });
  }

  /* ---- Answers ---- */

  /* One result as Material renders it. The score puts more matched terms first, then the
   * weight: count + w / (w + 1) keeps the order of (count, weight) in one number. */
  function item(doc, hit, terms, rank, known, foldChar) {
    const found = {};
    terms.forEach(function (term, t) {
      if (term.presence !== core.PROHIBITED && known(t)) {
        found[term.shown] = Boolean(hit.mask & (1 << t)) || found[term.shown] === true;
      }
    });
    const result = { location: "", title: "", text: "",
      score: hit.count + hit.weight / (hit.weight + 1), terms: found };
    if (!doc) {  // filled in by search-fill.js when Material draws it
      result.title = "<span class=\"ba-search-pending\" data-doc=\"" + hit.position +
        "\" data-rank=\"" + rank + "\"></span>";
      return result;
    }
    const marked = rank < core.HIGHLIGHT_LIMIT ? [].concat.apply([], terms.filter(
      function (term, t) { return term.presence !== core.PROHIBITED && known(t); })
      .map(function (term) { return [term.folded].concat(term.also); })) : [];
    result.location = String(doc.location);
    result.title = core.highlight(core.plainField(doc.title), marked, foldChar);
    result.text = core.highlight(core.plainField(doc.text), marked, foldChar);
    if (Array.isArray(doc.tags)) {
      result.tags = doc.tags.map(function (tag) {
        return core.escapeHTML(core.plainField(tag));
      });
    }
    return result;
  }

  /* Material's suggestion: a completion of the last word in the search box, shown behind
   * it and taken with the right arrow key. Material uses it only if it starts with what was
   * typed, so it keeps the typed letters and adds the rest of a title word (lower case) of
   * the best result whose title holds every term. */
  function suggestion(value, hits, terms, record, foldChar) {
    const typed = String(value).split(/[\s-]+/).pop();
    const last = core.fold(typed).trim();
    if (!last || last.indexOf(" ") >= 0) return [];
    for (const hit of hits.slice(0, core.SUGGEST_TRIES)) {
      const doc = record(hit.position);
      if (!doc) continue;
      const title = " " + core.fold(core.plainField(doc.title)) + " ";
      const inTitle = function (term) { return title.indexOf(" " + term) >= 0; };
      if (!terms.every(inTitle) || !inTitle(last)) continue;
      const rest = core.completion(core.plainField(doc.title), last, foldChar);
      return rest ? [typed + rest.toLowerCase()] : [];
    }
    return [];
  }

  function answer(value, terms, hits, record, known, foldChar) {
    const items = hits.map(function (hit, rank) {
      return [item(record(hit.position), hit, terms, rank, known, foldChar)];
    });
    const wanted = terms.filter(function (term, t) {
      return term.presence !== core.PROHIBITED && known(t);
    }).map(function (term) { return term.folded; });
    return { items: items, suggest: suggestion(value, hits, wanted, record, foldChar) };
  }

  /* ---- Answering from the shards ---- */

  let latest = 0;  // the number of the newest query: older ones post nothing more

  function searchShards(value, number) {
    const terms = core.parseQuery(value);
    if (!terms.some(function (term) { return term.presence !== core.PROHIBITED; })) {
      return post(number, { items: [] });
    }
    return manifest().then(function (index) {
      const files = terms.map(function (term) { return shardsFor(index, term); });
      const unloaded = new Set([].concat.apply([], files).filter(function (n) {
        return !loads.has("shards/" + n + ".js");
      }));
      const pause = unloaded.size > MANY_FILES ? TYPING_PAUSE : 0;
      return delay(pause).then(function () {
        if (number === latest) answerAsShardsArrive(index, value, terms, files, number);
      });
    });
  }

  function answerAsShardsArrive(index, value, terms, files, number) {
    const perTerm = terms.map(function () { return null; });
    const foldChar = core.makeCharFolder();
    let queue = Promise.resolve();
    let arrived = 0;
    const wanted = terms.filter(function (term) { return term.presence !== core.PROHIBITED; });
    terms.forEach(function (term, t) {
      Promise.all(files[t].map(function (n) { return loadShard(index, n); }))
        .then(function (shards) {
          perTerm[t] = termHits(shards, term, index.fields.length);
          arrived += 1;
          const complete = arrived === terms.length;
          // Prohibited terms alone give no answer; an answer waits for one wanted term.
          if (!complete && !wanted.some(function (w) { return perTerm[terms.indexOf(w)]; })) {
            return;
          }
          const snapshot = perTerm.slice();
          queue = queue.then(function () {
            if (number !== latest || (!complete && arrived === terms.length)) return null;
            return answerFrom(index, value, terms, snapshot, number, foldChar);
          });
        }).catch(function (error) { console.warn(String(error)); });
    });
  }

  function answerFrom(index, value, terms, perTerm, number, foldChar) {
    const hits = rankShards(index, terms, perTerm);
    const first = hits.slice(0, FIRST_RECORDS).map(function (hit) { return hit.position; });
    const everyTitle = terms.reduce(function (mask, term, t) {
      return term.presence === core.PROHIBITED ? mask : mask | (1 << t);
    }, 0);
    const titled = hits.slice(0, core.SUGGEST_TRIES).filter(function (hit) {
      return (hit.titles & everyTitle) === everyTitle;
    }).slice(0, 1).map(function (hit) { return hit.position; });
    return loadRecords(index, first.concat(titled)).then(function (record) {
      const shown = new Set(first.concat(titled));
      const recordOf = function (doc) { return shown.has(doc) ? record(doc) : null; };
      const known = function (t) { return Boolean(perTerm[t]); };
      post(number, answer(value, terms, hits, recordOf, known, foldChar));
    });
  }

  function delay(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function post(number, data) {
    if (number === latest) postMessage({ type: RESULT, data: data });
  }

  /* ---- Answering from docs given with SETUP (Material's way) ---- */

  let given = null;

  function prepare(data) {
    const specs = (data.config && data.config.fields) || core.DEFAULT_FIELDS;
    const names = Object.keys(specs).sort(function (a, b) {
      return (Number(specs[b].boost) || 1) - (Number(specs[a].boost) || 1);
    });
    const docs = data.docs || [];
    const index = { config: data.config, fields: names, boosts: [], docs: docs,
      suggest: Boolean(data.options && data.options.suggest), words: [] };
    index.words = docs.map(function (doc, position) {
      const boost = Number(doc.boost);
      index.boosts.push([position, boost > 0 ? boost : 1]);
      return names.map(function (name) {
        const value = typeof doc[name] === "string" ? doc[name] : "";
        return core.words(core.SHOWN_FIELDS.has(name) ? core.decodeHTML(value) : value);
      });
    });
    return index;
  }

  /* The given docs as one shard: every word with its postings, as the generator writes. */
  function givenShard(index) {
    const words = {};
    const last = {};
    index.words.forEach(function (fields, doc) {
      const seen = new Set();
      fields.forEach(function (list, field) {
        for (const word of list) {
          if (seen.has(word)) continue;
          seen.add(word);
          (words[word] = words[word] || []).push((doc - (last[word] || 0)) * fields.length
            + field);
          last[word] = doc;
        }
      });
    });
    return words;
  }

  function searchGiven(value, number) {
    const terms = core.parseQuery(value);
    if (!terms.some(function (term) { return term.presence !== core.PROHIBITED; })) {
      return post(number, { items: [] });
    }
    if (!given.shard) given.shard = givenShard(given);
    const perTerm = terms.map(function (term) {
      return termHits([given.shard], term, given.fields.length);
    });
    const hits = rankShards(given, terms, perTerm);
    const record = function (doc) { return given.docs[doc]; };
    const data = answer(value, terms, hits, record, function () { return true; },
      core.makeCharFolder());
    if (!given.suggest) delete data.suggest;
    post(number, data);
  }

  /* ---- Messages ---- */

  function handle(message) {
    switch (message.type) {
      case SETUP:
        given = prepare(message.data || {});
        postMessage({ type: READY });
        return;
      case QUERY:
        latest += 1;
        try {
          const done = given ? searchGiven(message.data, latest)
            : searchShards(message.data, latest);
          if (done && done.catch) done.catch(failed(message.data, latest));
        } catch (error) {
          failed(message.data, latest)(error);
        }
        return;
      default:
        // not ours (the shim's frame is a window: others may post to it)
    }
  }

  /* As Material's worker does: a query that fails gives no results. */
  function failed(value, number) {
    return function (error) {
      console.warn("Search query failed: " + String(value), error);
      post(number, { items: [] });
    };
  }

  const early = [];
  addEventListener("message", function (event) {
    const message = event.data;
    if (!message || typeof message.type !== "number") return;
    if (core) handle(message); else early.push(message);
  });

  Promise.resolve(importScripts(new URL("search-core.js", SELF_URL).href)).then(function () {
    core = self.briefingsSearchCore;
    postMessage({ type: READY });  // no SETUP comes (see above): ready for queries now
    early.splice(0).forEach(handle);
  });
})();
