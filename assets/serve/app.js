// The what-if panel: each change of a figure posts every figure tried to
// POST /units/{code}/try and shows the points, total and decision the server computes.
// Nothing else of the pages needs JavaScript. No framework, no network but this server.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("try");
  if (!form) { return; }
  var fields = form.querySelectorAll("input[data-original], select[data-original]");
  var seq = 0;
  var timer = null;

  function text(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = value; }
  }

  function list(id, items) {
    var ul = document.getElementById(id);
    if (!ul) { return; }
    while (ul.firstChild) { ul.removeChild(ul.firstChild); }
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = item;
      ul.appendChild(li);
    });
  }

  function show(answer) {
    list("try-problems", answer.problems || []);
    if (answer.problems && answer.problems.length) {
      text("try-note", answer.note || "");
      return;
    }
    text("try-total", answer.total);
    text("try-decision", answer.decision);
    text("try-note", answer.note || "");
    var verdict = document.getElementById("try-verdict");
    if (verdict) {
      verdict.classList.toggle("yes", !!answer.recognised);
      verdict.classList.toggle("no", !answer.recognised);
    }
    (answer.criteria || []).forEach(function (c) { text("try-" + c.id, c.points); });
    list("try-reasons", answer.reasons || []);
  }

  function send() {
    var inputs = {};
    fields.forEach(function (f) {
      f.classList.toggle("changed", f.value !== f.getAttribute("data-original"));
      inputs[f.name] = f.tagName === "SELECT" ? f.value === "true" : f.value;
    });
    var mine = ++seq;
    fetch(form.getAttribute("action"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ inputs: inputs })
    }).then(function (r) { return r.json(); }).then(function (answer) {
      // An older answer arriving late never replaces a newer one.
      if (mine === seq) { show(answer); }
    }).catch(function () { /* the figures stay as they were */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(send, 150);
  }

  fields.forEach(function (f) {
    f.addEventListener("input", later);
    f.addEventListener("change", send);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); send(); });
  form.addEventListener("reset", function () { setTimeout(send, 0); });
})();
