/* The site's search worker, in place of Material for MkDocs' lunr worker.
 *
 * Why: Material's worker builds a lunr index in the browser from every document before it
 * answers the first query; at 16,000 briefings that alone took seconds. This worker only
 * folds each document's fields into one lower-case string once (a fraction of that time)
 * and answers each query by scanning those strings, which takes milliseconds at that size.
 *
 * The protocol is Material's (9.8.2, integrations/search/worker): the page posts
 *   {type: 0 SETUP, data: {config, docs, options: {suggest}}}  -> we answer {type: 1 READY}
 *   {type: 2 QUERY, data: "the text in the search box"}         -> we answer {type: 3 RESULT,
 *     data: {items: [[item], ...], suggest?: [word]}}
 * where an item is {location, title, text, score, terms} (plus tags, if a document has any):
 * Material renders one list entry per inner array, shows "N matching documents" from
 * items.length (so every match is returned: the count stays true; Material itself draws
 * only the first ten and more as the reader scrolls), orders nothing itself, strikes
 * through the keys of `terms` that are false ("Missing: ..."), and puts the true keys into
 * the link's ?h= for highlighting on the page. `score` ends up in data-md-score, which the
 * Enter key uses to open the best result.
 *
 * Safety: Material inserts `title`, `text` and tags as HTML (innerHTML). The generator
 * writes them escaped (generator/searchindex.py), but this worker does not rely on that:
 * every shown field is decoded to plain text and escaped again here, and the only markup
 * ever added is <mark> and </mark>. An index that held raw tags would show them as text.
 *
 * Matching: a document matches a query term when one of its words starts with the term,
 * ignoring case and diacritics in every script (see fold(): "ЗЕЛЕНСЬКИЙ" finds
 * "Зеленський", "chateau lancut" finds "Château Łańcut", "sarg" finds "Sárgsyan"). The
 * price: letters that differ only by a mark fall together ("й" and "и", "ё" and "е").
 * Terms are optional (any one makes a match) unless written +term or in "quotes";
 * -term excludes. A few English function words are ignored when other terms are given.
 * Ranking: first by how many terms matched, then by the weight of the best field each
 * term matched in (config.fields boosts: title > names > text), a whole word counting
 * more than a prefix, times the document's boost; ties keep the index's order.
 *
 * Runs as a Web Worker on the hosted site and, offline (file://), inside the hidden frame
 * of the iframe-worker shim (assets/javascripts/iframe-worker/), where `postMessage` and
 * the "message" events are the shim's: hence only the globals both provide are used.
 * Plain ES2018, no build step, no dependencies, no eval (the pages' policy forbids it).
 */
(function () {
  "use strict";

  /* ---- Protocol ---- */

  // Material's SearchMessageType enum, in its order.
  const SETUP = 0;
  const READY = 1;
  const QUERY = 2;
  const RESULT = 3;

  /* ---- Tuning ---- */

  // Results past this rank keep their escaped text but get no <mark>: Material draws ten
  // and then four more per scroll, so few readers get this far, and highlighting is the
  // costly part of an answer.
  const HIGHLIGHT_LIMIT = 200;
  // Field weights when the index's config gives none (the generator's are the same).
  const DEFAULT_FIELDS = { title: { boost: 1000 }, names: { boost: 10 }, text: { boost: 1 } };
  // Fields Material shows, which hold escaped HTML; every other field is plain text.
  const SHOWN_FIELDS = new Set(["title", "text"]);
  // A term that is only the start of a word counts this much of a whole word.
  const PREFIX_FACTOR = 0.5;
  // Matched terms are tracked in a 31-bit mask.
  const MAX_TERMS = 31;
  // How many of the best results are tried for a completion of the last word.
  const SUGGEST_TRIES = 50;
  const STOP_WORDS = new Set(["a", "an", "and", "are", "as", "at", "be", "but", "by", "for",
    "from", "has", "have", "he", "her", "his", "in", "into", "is", "it", "its", "of", "on",
    "or", "she", "that", "the", "their", "they", "this", "to", "was", "were", "will", "with"]);

  const OPTIONAL = 0;
  const REQUIRED = 1;
  const PROHIBITED = 2;

  /* ---- Folding: the one form in which documents and queries are compared ---- */

  // Letters without a decomposition that readers type without their stroke or ligature.
  const SPECIAL_LETTERS = { "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h",
    "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ς": "σ" };  // final sigma: see fold()
  const SPECIAL = new RegExp("[" + Object.keys(SPECIAL_LETTERS).join("") + "]", "g");
  const MARKS = /\p{M}+/gu;
  // Separators (every character but letters, digits and marks) become spaces. The space
  // itself is left out of the patterns: replacing a text's many spaces by spaces is slow.
  // The ASCII ones go first with a plain pattern, many times faster than one with \p{}.
  const ASCII_SEPARATOR = /[\x00-\x1f!-\/:-@[-`{-\x7f]/g;
  const OTHER_SEPARATOR = /[^\x00-\x7f\p{L}\p{N}\p{M}]/gu;
  const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;  // splits the query into words as typed
  const NON_ASCII = /[^\x00-\x7f]/;

  /* Lower case, compatibility-decomposed (NFKD: "ﬁ" is "fi", "é" is "e" + a mark), without
   * combining marks, a few letters spelled out (SPECIAL_LETTERS), and every character that
   * is not a letter or digit turned into a space; words are what lies between spaces.
   * A text folds to the concatenation of its characters' folds (lower-casing a whole string
   * turns a word-final sigma into "ς", hence "ς" -> "σ"), so the highlighter can fold one
   * character at a time and land on the same words. Speed matters: this runs over every
   * document before the first query can be answered. */
  function fold(text) {
    if (!NON_ASCII.test(text)) return text.toLowerCase().replace(ASCII_SEPARATOR, " ");
    return text.normalize("NFKD").toLowerCase().replace(MARKS, "")
      .replace(SPECIAL, function (letter) { return SPECIAL_LETTERS[letter]; })
      .replace(ASCII_SEPARATOR, " ").replace(OTHER_SEPARATOR, " ");
  }

  /* fold() of one character (a code point), cached: the highlighter's inner loop. */
  function makeCharFolder() {
    const cache = new Map();
    return function (char) {
      let folded = cache.get(char);
      if (folded === undefined) {
        folded = fold(char);
        cache.set(char, folded);
      }
      return folded;
    };
  }

  /* ---- HTML: decode what the index holds, escape what we hand to Material ---- */

  const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos);/g;
  const NAMED = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'" };
  const UNSAFE = /[&<>"']/g;
  const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" };

  /* The plain text of a field Material shows: its character references decoded (only
   * those an escaper writes; anything else stays as written, and is escaped later). */
  function decodeHTML(html) {
    return html.replace(ENTITY, function (reference, name) {
      if (name[0] !== "#") return NAMED[name];
      const code = name[1] === "x" || name[1] === "X"
        ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : reference;
    });
  }

  function escapeHTML(text) {
    return text.replace(UNSAFE, function (char) { return ESCAPES[char]; });
  }

  /* ---- Highlighting ---- */

  /* `plain` escaped, with the start of every word that begins with one of the folded
   * `terms` wrapped in <mark> (the part that matched, so the reader sees why).
   * The text is folded one character at a time, remembering where each folded UTF-16
   * unit came from, so a match maps back to a range of the original text however many
   * units folding took or gave ("ß" -> "ss", "é" -> "e" + mark -> "e"). */
  function highlight(plain, terms, foldChar) {
    const where = foldWithOrigins(plain, foldChar);
    const ranges = [];
    for (const term of terms) {
      const needle = " " + term;
      for (let at = where.folded.indexOf(needle); at >= 0;
        at = where.folded.indexOf(needle, at + 1)) {
        ranges.push([where.starts[at + 1], where.ends[at + term.length]]);
      }
    }
    if (!ranges.length) return escapeHTML(plain);
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    let html = "";
    let done = 0;
    for (const [start, end] of ranges) {
      if (end <= done) continue;  // inside a range already marked (one term starts another)
      const from = Math.max(start, done);
      html += escapeHTML(plain.slice(done, from)) + "<mark>" + escapeHTML(plain.slice(from, end))
        + "</mark>";
      done = end;
    }
    return html.replace(/<\/mark><mark>/g, "") + escapeHTML(plain.slice(done));
  }

  /* The folded text with a space at both ends, and for each of its UTF-16 units the range
   * of `plain` it came from. A character that folds to nothing (a combining mark) joins
   * the range of the unit before it, so a mark never ends up cut off from its letter. */
  function foldWithOrigins(plain, foldChar) {
    let folded = " ";
    const starts = [0];
    const ends = [0];
    let offset = 0;
    for (const char of plain) {
      const piece = foldChar(char);
      if (piece === "") {
        ends[ends.length - 1] = offset + char.length;
      }
      for (let unit = 0; unit < piece.length; unit++) {
        folded += piece[unit];
        starts.push(offset);
        ends.push(offset + char.length);
      }
      offset += char.length;
    }
    starts.push(offset);
    ends.push(offset);
    return { folded: folded + " ", starts: starts, ends: ends };
  }

  /* ---- The query ---- */

  /* The search box's text as terms: {shown, folded, presence}. `shown` (lower case, as
   * typed) is the key Material shows and highlights with; `folded` is what is compared.
   * Modifiers of lunr's syntax that Material's own worker accepts are taken off: a
   * trailing *, ~N or ^N; "quoted words" are all required. */
  function parseQuery(value) {
    const quoted = String(value).normalize("NFC").toLowerCase().split("\"");
    const terms = [];
    quoted.forEach(function (part, index) {
      for (let word of part.split(/\s+/)) {
        let presence = index % 2 === 1 ? REQUIRED : OPTIONAL;
        if (word.length > 1 && (word[0] === "+" || word[0] === "-")) {
          presence = word[0] === "+" ? REQUIRED : PROHIBITED;
          word = word.slice(1);
        }
        word = word.replace(/[~^][0-9]*$/, "").replace(/\*/g, "");
        for (const shown of word.split(NOT_WORD)) {
          for (const folded of fold(shown).split(" ")) {
            if (folded) terms.push(makeTerm(shown, folded, presence));
          }
        }
      }
    });
    return withoutStopWords(distinct(terms)).slice(0, MAX_TERMS);
  }

  /* A term, with the strings the scan looks for: the term at a word's start, and as a
   * whole word (folded text has a space before and after every word). */
  function makeTerm(shown, folded, presence) {
    return { shown: shown, folded: folded, presence: presence, start: " " + folded,
      word: " " + folded + " " };
  }

  function distinct(terms) {
    const seen = new Set();
    return terms.filter(function (term) {
      const key = term.presence + " " + term.folded;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  }

  /* Optional function words are dropped when anything else is asked for: as prefixes
   * they would match nearly every document, and as missing terms they would be noise. */
  function withoutStopWords(terms) {
    const isNoise = function (term) {
      return term.presence === OPTIONAL && STOP_WORDS.has(term.folded);
    };
    const wanted = terms.filter(function (term) {
      return term.presence !== PROHIBITED && !isNoise(term);
    });
    return wanted.length ? terms.filter(function (term) { return !isNoise(term); }) : terms;
  }

  /* ---- The index ---- */

  /* The documents prepared for scanning: per document one string, its fields folded and
   * joined in falling weight with "\n" between them (no folded text holds one), so the
   * first place a term occurs is in the best field that has it. */
  function prepare(data) {
    const specs = (data.config && data.config.fields) || DEFAULT_FIELDS;
    const fields = Object.keys(specs).map(function (name) {
      const boost = Number(specs[name] && specs[name].boost);
      return { name: name, weight: boost > 0 ? boost : 1, shown: SHOWN_FIELDS.has(name) };
    }).sort(function (a, b) { return b.weight - a.weight; });
    const entries = (data.docs || []).map(function (doc, position) {
      let text = "";
      const ends = [];
      for (const field of fields) {
        const value = typeof doc[field.name] === "string" ? doc[field.name] : "";
        text += " " + fold(field.shown ? decodeHTML(value) : value) + " \n";
        ends.push(text.length);
      }
      const boost = Number(doc.boost);
      return { doc: doc, position: position, text: text, ends: ends,
        boost: boost > 0 ? boost : 1, shown: null };
    });
    return { fields: fields, entries: entries, suggest: Boolean(data.options
      && data.options.suggest), foldChar: makeCharFolder() };
  }

  /* The field a position of an entry's text falls in, as an index into fields. */
  function fieldAt(entry, at) {
    let field = 0;
    while (entry.ends[field] <= at) field += 1;
    return field;
  }

  /* How one entry matches: null if it does not, else the matched terms as a bit mask
   * and its weight. */
  function match(index, entry, terms) {
    let mask = 0;
    let weight = 0;
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t];
      const at = entry.text.indexOf(term.start);
      if (term.presence === PROHIBITED) {
        if (at >= 0) return null;
        continue;
      }
      if (at < 0) {
        if (term.presence === REQUIRED) return null;
        continue;
      }
      const field = fieldAt(entry, at);
      const whole = entry.text.indexOf(term.word, at);
      const factor = whole >= 0 && whole < entry.ends[field] ? 1 : PREFIX_FACTOR;
      mask |= 1 << t;
      weight += index.fields[field].weight * factor;
    }
    return mask ? { entry: entry, mask: mask, count: bitCount(mask),
      weight: weight * entry.boost } : null;
  }

  function bitCount(mask) {
    let count = 0;
    for (let rest = mask; rest; rest &= rest - 1) count += 1;
    return count;
  }

  /* ---- Answering a query ---- */

  function search(index, value) {
    const terms = parseQuery(value);
    if (!terms.some(function (term) { return term.presence !== PROHIBITED; })) {
      return { items: [] };
    }
    const hits = [];
    for (const entry of index.entries) {
      const hit = match(index, entry, terms);
      if (hit) hits.push(hit);
    }
    hits.sort(function (a, b) {
      return b.count - a.count || b.weight - a.weight || a.entry.position - b.entry.position;
    });
    const wanted = terms.filter(function (term) { return term.presence !== PROHIBITED; });
    const folded = wanted.map(function (term) { return term.folded; });
    const items = hits.map(function (hit, rank) {
      return [item(index, hit, terms, rank < HIGHLIGHT_LIMIT ? folded : null)];
    });
    const result = { items: items };
    if (index.suggest) result.suggest = suggestion(index, value, hits, folded);
    return result;
  }

  /* One result as Material renders it. The score puts more matched terms first, then
   * the weight: count + w / (w + 1) keeps the order of (count, weight) in one number. */
  function item(index, hit, terms, highlightTerms) {
    const doc = hit.entry.doc;
    const found = {};
    terms.forEach(function (term, t) {
      if (term.presence !== PROHIBITED) found[term.shown] = Boolean(hit.mask & (1 << t)) ||
        found[term.shown] === true;
    });
    const shown = highlightTerms ? {
      title: highlight(plainField(doc.title), highlightTerms, index.foldChar),
      text: highlight(plainField(doc.text), highlightTerms, index.foldChar),
    } : escapedFields(hit.entry);
    const result = { location: String(doc.location), title: shown.title, text: shown.text,
      score: hit.count + hit.weight / (hit.weight + 1), terms: found };
    if (Array.isArray(doc.tags)) {
      result.tags = doc.tags.map(function (tag) { return escapeHTML(plainField(tag)); });
    }
    return result;
  }

  function plainField(value) {
    return typeof value === "string" ? decodeHTML(value) : "";
  }

  /* Title and text escaped without highlights, once per document. */
  function escapedFields(entry) {
    if (!entry.shown) {
      entry.shown = { title: escapeHTML(plainField(entry.doc.title)),
        text: escapeHTML(plainField(entry.doc.text)) };
    }
    return entry.shown;
  }

  /* Material's suggestion: a completion of the last word in the search box, shown behind
   * it and taken with the right arrow key. Material uses the last word of the list only
   * if it starts with what was typed, so the completion keeps the typed letters and adds
   * the rest of a title word (lower case, as lunr's words are) of the best result whose
   * title holds every term. */
  function suggestion(index, value, hits, terms) {
    const typed = String(value).split(/[\s-]+/).pop();
    const last = fold(typed).trim();
    if (!last || last.indexOf(" ") >= 0) return [];
    const title = index.fields.findIndex(function (field) { return field.name === "title"; });
    for (const hit of hits.slice(0, SUGGEST_TRIES)) {
      const entry = hit.entry;
      const from = title > 0 ? entry.ends[title - 1] : 0;
      const inTitle = function (term) {
        const at = entry.text.indexOf(" " + term, from);
        return at >= 0 && at < entry.ends[title];
      };
      if (title < 0 || !terms.every(inTitle) || !inTitle(last)) continue;
      const rest = completion(plainField(entry.doc.title), last, index.foldChar);
      return rest ? [typed + rest.toLowerCase()] : [];
    }
    return [];
  }

  /* What follows the first word start matching `prefix` in `plain`, to the word's end. */
  function completion(plain, prefix, foldChar) {
    const where = foldWithOrigins(plain, foldChar);
    const at = where.folded.indexOf(" " + prefix);
    if (at < 0) return "";
    const end = where.folded.indexOf(" ", at + 1);
    return plain.slice(where.ends[at + prefix.length], where.ends[end - 1]);
  }

  /* ---- Messages ---- */

  let index = null;

  function handle(message) {
    switch (message.type) {
      case SETUP:
        index = prepare(message.data || {});
        return { type: READY };
      case QUERY:
        try {
          return { type: RESULT, data: index ? search(index, message.data) : { items: [] } };
        } catch (error) {  // as Material's worker does: a bad query gives no results
          console.warn("Search query failed: " + String(message.data), error);
          return { type: RESULT, data: { items: [] } };
        }
      default:
        return null;  // not ours (the shim's frame is a window: others may post to it)
    }
  }

  addEventListener("message", function (event) {
    const message = event.data;
    if (!message || typeof message.type !== "number") return;
    const answer = handle(message);
    if (answer) postMessage(answer);
  });
})();
