// The live preview's script (briefings serve), served by the preview server only and never
// part of a built site. The site's Content-Security-Policy allows no inline script, so this
// file replaces the inline script MkDocs' server injects. It does two things:
// - reloads the page when the server has built a newer version (MkDocs' long-poll protocol:
//   GET /livereload/<epoch>/<id> answers with the newest epoch once there is one);
// - shows the archive's problems (file, line, message, hint) over the page while there are
//   any, from /__preview__/problems.json; the text is set with textContent, never as HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  var query = new URL(script.src).searchParams;
  var epoch = Number(query.get("epoch"));
  var id = query.get("id");
  var request = null;

  function poll() {
    request = new XMLHttpRequest();
    request.onloadend = function () {
      if (Number(this.responseText) > epoch) {
        location.reload();
      } else {
        setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    request.open("GET", "/livereload/" + epoch + "/" + id);
    request.send();
  }

  function styled(tag, style, text) {
    var element = document.createElement(tag);
    Object.keys(style).forEach(function (key) { element.style[key] = style[key]; });
    if (text !== undefined) { element.textContent = text; }
    return element;
  }

  function show(problems) {
    var errors = problems.filter(function (p) { return p.severity === "error"; });
    if (!errors.length) { return; }
    var panel = styled("section", {
      position: "fixed", inset: "0", zIndex: "100000", overflow: "auto", padding: "2rem",
      background: "#fff", color: "#1a1a1a", borderTop: "6px solid #b00020",
      font: "15px/1.5 system-ui, sans-serif"
    });
    panel.id = "briefings-preview-problems";
    panel.setAttribute("role", "alert");
    var heading = errors.length === 1
      ? "1 problem in the content: the preview shows the last good version until it is fixed"
      : errors.length + " problems in the content: the preview shows the last good version " +
        "until they are fixed";
    panel.appendChild(styled("h1", { fontSize: "1.4rem", color: "#b00020", margin: "0 0 .5rem" },
      heading));
    panel.appendChild(styled("p", { margin: "0 0 1rem" },
      "Fix the file and save it; this page reloads by itself."));
    var list = styled("ol", { paddingLeft: "1.5rem" });
    errors.forEach(function (problem) {
      var item = styled("li", { margin: "0 0 .8rem" });
      var where = problem.path + (problem.line ? ":" + problem.line : "");
      item.appendChild(styled("code", { fontWeight: "bold" }, where));
      item.appendChild(styled("div", {}, problem.message));
      if (problem.hint) {
        item.appendChild(styled("div", { color: "#444" }, "Hint: " + problem.hint));
      }
      list.appendChild(item);
    });
    panel.appendChild(list);
    document.body.appendChild(panel);
  }

  fetch("/__preview__/problems.json", { cache: "no-store" })
    .then(function (response) { return response.json(); })
    .then(show)
    .catch(function () { /* the server is gone: nothing to show */ });
  window.addEventListener("load", poll);
})();
