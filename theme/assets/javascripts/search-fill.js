/* The page's side of the site's search (the worker is search-worker.js).
 *
 * 1. Results past the first ones: the worker ranks every match but loads the records
 *    (title, text, address) of the first ten only; the others come as a placeholder,
 *    <span class="ba-search-pending" data-doc="N" data-rank="R">. Material draws results
 *    ten at first and four more per scroll; when it draws a placeholder, this script loads
 *    the record file that holds it (search/docs/<n>.js, the worker's files: the browser's
 *    cache has them once) and fills the entry in, marking the matched words as the worker
 *    does (the words are the ?h= of the entry's link).
 * 2. The words of a search on the page it leads to: Material highlights a link's ?h= words
 *    only once it has an index, which the pages no longer give it; this does the same with
 *    the worker's folding, so "chateau" marks "Château".
 *
 * Files load as script elements (which work from file:// too), and only when needed:
 * nothing at all on a page view without a search. No eval, no inline script.
 */
(function () {
  "use strict";

  var CORE = "assets/javascripts/search-core.js";
  var base = siteBase();
  var loads = {};
  var waiting = {};

  function siteBase() {
    var config = document.getElementById("__config");
    var relative = config ? JSON.parse(config.textContent).base : ".";
    return new URL(relative.replace(/\/?$/, "/"), window.location.href);
  }

  window.briefingsSearch = function (name, data) {
    if (waiting[name]) waiting[name](data);
  };

  // A script of the site, once; resolves with its briefingsSearch data (or nothing).
  function load(path, name) {
    if (!loads[path]) {
      loads[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        if (name) waiting[name] = resolve;
        script.onload = function () { if (!name) resolve(); };
        script.onerror = function () {
          delete loads[path];
          reject(new Error("could not load " + path));
        };
        script.src = new URL(path, base).href;
        document.head.appendChild(script);
      });
    }
    return loads[path];
  }

  function core() {
    return load(CORE, "").then(function () { return window.briefingsSearchCore; });
  }

  /* ---- 1. Filling in results ---- */

  function manifest() {
    return load("search/manifest.js", "manifest");
  }

  function record(index, doc) {
    var number = Math.floor(doc / index.chunk);
    var tag = index.docs[Math.floor(number / index.filesPerTag)];  // one per group of files
    return load("search/docs/" + number + ".js?v=" + tag, "d" + number)
      .then(function (records) { return records[doc % index.chunk]; });
  }

  function fill(pending) {
    var doc = Number(pending.getAttribute("data-doc"));
    var rank = Number(pending.getAttribute("data-rank"));
    pending.classList.remove("ba-search-pending");  // once
    Promise.all([core(), manifest()]).then(function (loaded) {
      return record(loaded[1], doc).then(function (found) { show(loaded[0], pending, found, rank); });
    }).catch(function (error) { console.warn(String(error)); });
  }

  function show(search, pending, found, rank) {
    var link = pending.closest("a");
    var heading = pending.parentNode;
    if (!found || !link || !heading) return;
    var address = new URL(found[0], base);
    var words = new URL(link.href).searchParams.get("h");
    if (words !== null) address.searchParams.set("h", words);
    link.href = address.href;
    var terms = rank < search.HIGHLIGHT_LIMIT && words
      ? search.words(words) : [];
    var folder = search.makeCharFolder();
    // Material puts these fields into the entry as HTML; highlight() escapes everything
    // and adds only <mark>, as the worker does for the first results.
    heading.innerHTML = search.highlight(search.plainField(found[1]), terms, folder);
    var text = search.highlight(search.plainField(found[2]), terms, folder);
    if (text) heading.insertAdjacentHTML("afterend", text);
  }

  function watchResults() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    new MutationObserver(function () {
      var pending = list.querySelectorAll(".ba-search-pending");
      for (var i = 0; i < pending.length; i++) fill(pending[i]);
    }).observe(list, { childList: true, subtree: true });
  }

  /* ---- 2. Highlighting a result's words on its page ---- */

  function highlightPage() {
    var words = new URL(window.location.href).searchParams.get("h");
    var content = document.querySelector("[data-md-component=content]");
    if (!words || !content) return;
    core().then(function (search) {
      var terms = search.words(words);
      var folder = search.makeCharFolder();
      var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
      var found = [];
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement || !node.parentElement.offsetHeight) continue;
        var html = search.highlight(node.textContent, terms, folder);
        if (html.indexOf("<mark>") >= 0) found.push([node, html]);
      }
      found.forEach(function (pair) {
        var span = document.createElement("span");
        span.innerHTML = pair[1];
        pair[0].replaceWith.apply(pair[0], Array.prototype.slice.call(span.childNodes));
      });
    }).catch(function (error) { console.warn(String(error)); });
  }

  watchResults();
  highlightPage();
}());
