/* What the site's search shares between its worker and its pages: folding, the query,
 * HTML escaping and highlighting (window/self.briefingsSearchCore).
 *
 * search-worker.js (the worker Material talks to) loads this with importScripts; the page
 * script search-fill.js loads it to fill in results past the first ones. Matching: a
 * document matches a query term when one of its words starts with the term, ignoring case
 * and diacritics in every script (see fold(): "ЗЕЛЕНСЬКИЙ" finds "Зеленський", "chateau
 * lancut" finds "Château Łańcut", "sarg" finds "Sárgsyan"). The price: letters that differ
 * only by a mark fall together ("й" and "и", "ё" and "е"). Per script (Arabic letter
 * variants, a leading "و", Han/Kana/Hangul as bigrams): generator/site/folding.py, whose
 * words() and conjunction_forms() are words() and conjunctionForms() here. generator/site/
 * data/searchshards.py folds the index's words the same way (keep the two in step). Terms are
 * optional (any one makes a match) unless written +term or in "quotes"; -term excludes.
 * A few English function words are ignored when other terms are given.
 *
 * Safety: Material inserts `title`, `text` and tags as HTML (innerHTML). The generator
 * writes them escaped, but nothing here relies on that: every shown field is decoded to
 * plain text and escaped again, and the only markup ever added is <mark> and </mark>.
 * Plain ES2018, no build step, no dependencies, no eval (the pages' policy forbids it).
 */
(function () {
  "use strict";

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
  // Then Arabic: the tatweel goes, alef wasla is alef, ى is ي, ة is ه, and the digits
  // are ASCII digits (generator/site/folding.py says why).
  const SPECIAL_LETTERS = { "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h",
    "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ς": "σ",  // final sigma: see fold()
    "\u0640": "", "\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647" };
  for (let n = 0; n < 10; n++) {
    SPECIAL_LETTERS[String.fromCharCode(0x0660 + n)] = String(n);
    SPECIAL_LETTERS[String.fromCharCode(0x06f0 + n)] = String(n);
  }
  const SPECIAL = new RegExp("[" + Object.keys(SPECIAL_LETTERS).join("") + "]", "g");
  const MARKS = /\p{M}+/gu;
  // Separators (every character but letters, digits and marks) become spaces. The space
  // itself is left out of the patterns: replacing a text's many spaces by spaces is slow.
  // The ASCII ones go first with a plain pattern, many times faster than one with \p{}.
  const ASCII_SEPARATOR = /[\x00-\x1f!-/:-@[-`{-\x7f]/g;
  const OTHER_SEPARATOR = /[^\x00-\x7f\p{L}\p{N}\p{M}]/gu;
  const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;  // splits the query into words as typed
  const NON_ASCII = /[^\x00-\x7f]/;
  const JAMO = /[\u1100-\u11ff]/;
  // Scripts written without spaces between words (folding.py's CJK_RANGES, the same list).
  const CJK = "\u1100-\u11ff\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303c" +
    "\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff" +
    "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\u{20000}-\u{3ffff}";
  const CJK_RUN = new RegExp("[" + CJK + "]+", "gu");
  const HAS_CJK = new RegExp("[" + CJK + "]", "u");
  const CONJUNCTION = "\u0648";  // a leading "و" ("and"), see conjunctionForms()
  const CONJUNCTION_REST = 3;

  /* Lower case, compatibility-decomposed (NFKD: "ﬁ" is "fi", "é" is "e" + a mark), without
   * combining marks, a few letters spelled out (SPECIAL_LETTERS), and every character that
   * is not a letter or digit turned into a space; words are what lies between spaces.
   * A text folds to the concatenation of its characters' folds (lower-casing a whole string
   * turns a word-final sigma into "ς", hence "ς" -> "σ"), so the highlighter can fold one
   * character at a time and land on the same words. Speed matters: this runs over every
   * document before the first query can be answered. */
  function fold(text) {
    if (!NON_ASCII.test(text)) return text.toLowerCase().replace(ASCII_SEPARATOR, " ");
    const folded = text.normalize("NFKD").toLowerCase().replace(MARKS, "")
      .replace(SPECIAL, function (letter) { return SPECIAL_LETTERS[letter]; })
      .replace(ASCII_SEPARATOR, " ").replace(OTHER_SEPARATOR, " ");
    return JAMO.test(folded) ? folded.normalize("NFC") : folded;  // Hangul stays syllables
  }

  /* The searchable words of a text: its folded words, every run of Han, Kana or Hangul
   * split into overlapping bigrams (folding.py's words(), the same rule). */
  function words(text) {
    const folded = fold(text);
    const found = [];
    for (const word of folded.split(" ")) {
      if (!word) continue;
      if (!HAS_CJK.test(word)) {
        found.push(word);
        continue;
      }
      let at = 0;
      for (const run of word.matchAll(CJK_RUN)) {
        if (run.index > at) found.push(word.slice(at, run.index));
        const chars = Array.from(run[0]);
        if (chars.length === 1) found.push(chars[0]);
        for (let i = 0; i + 1 < chars.length; i++) found.push(chars[i] + chars[i + 1]);
        at = run.index + run[0].length;
      }
      if (at < word.length) found.push(word.slice(at));
    }
    return found;
  }

  /* The other spelling of a folded Arabic query word as to a leading "و" (folding.py's
   * conjunction_forms()): without it if it has one, else with it; matched as whole words. */
  function conjunctionForms(word) {
    const last = word.charCodeAt(word.length - 1);
    if (!word || !(last >= 0x0621 && last <= 0x064a)) return [];
    if (word[0] === CONJUNCTION) {
      return word.length - 1 >= CONJUNCTION_REST ? [word.slice(1)] : [];
    }
    return word.length >= CONJUNCTION_REST ? [CONJUNCTION + word] : [];
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
      // A bigram may start anywhere in a run of Han, Kana or Hangul (see words()).
      const needle = HAS_CJK.test(term) ? term : " " + term;
      for (let at = where.folded.indexOf(needle); at >= 0;
        at = where.folded.indexOf(needle, at + 1)) {
        const from = at + needle.length - term.length;
        ranges.push([where.starts[from], where.ends[from + term.length - 1]]);
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
          for (const folded of words(shown)) terms.push(makeTerm(shown, folded, presence));
        }
      }
    });
    return withoutStopWords(distinct(terms)).slice(0, MAX_TERMS);
  }

  /* A term, with the strings the scan looks for: the term at a word's start, and as a
   * whole word (folded text has a space before and after every word); `also`: other
   * spellings that match as whole words (conjunctionForms()). */
  function makeTerm(shown, folded, presence) {
    return { shown: shown, folded: folded, presence: presence, start: " " + folded,
      word: " " + folded + " ", also: conjunctionForms(folded) };
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

  /* What follows the first word start matching `prefix` in `plain`, to the word's end. */
  function completion(plain, prefix, foldChar) {
    const where = foldWithOrigins(plain, foldChar);
    const at = where.folded.indexOf(" " + prefix);
    if (at < 0) return "";
    const end = where.folded.indexOf(" ", at + 1);
    return plain.slice(where.ends[at + prefix.length], where.ends[end - 1]);
  }

  function plainField(value) {
    return typeof value === "string" ? decodeHTML(value) : "";
  }

  self.briefingsSearchCore = {
    OPTIONAL: OPTIONAL, REQUIRED: REQUIRED, PROHIBITED: PROHIBITED,
    HIGHLIGHT_LIMIT: HIGHLIGHT_LIMIT, DEFAULT_FIELDS: DEFAULT_FIELDS,
    SHOWN_FIELDS: SHOWN_FIELDS, PREFIX_FACTOR: PREFIX_FACTOR, SUGGEST_TRIES: SUGGEST_TRIES,
    fold: fold, words: words, conjunctionForms: conjunctionForms, makeCharFolder: makeCharFolder, decodeHTML: decodeHTML,
    escapeHTML: escapeHTML, highlight: highlight, parseQuery: parseQuery,
    completion: completion, plainField: plainField
  };
})();
