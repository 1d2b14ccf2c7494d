// The what-if panel: each change of a figure posts every figure tried to
// POST /units/{code}/try and shows the points, total and decision the server computes;
// the smallest change's button puts its figures into the panel. Nothing else of the
// pages needs JavaScript. No framework, no network but this server.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("try");
  if (!form) { return; }
  var fields = form.querySelectorAll("input[data-original], select[data-original]");
  var bar = document.getElementById("try-bar");
  var verdict = document.getElementById("try-verdict");
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

  // Between a change and its answer the verdict is marked as not yet current.
  function pending() {
    bar.classList.add("pending");
    verdict.setAttribute("aria-busy", "true");
  }

  function settle(kind) {
    bar.classList.remove("pending");
    verdict.removeAttribute("aria-busy");
    ["yes", "no", "invalid"].forEach(function (k) {
      verdict.classList.toggle(k, k === kind);
    });
  }

  function show(answer) {
    var problems = answer.problems || [];
    list("try-problems", problems);
    text("try-total", answer.total);
    text("try-decision", answer.decision);
    text("try-note", answer.note || "");
    if (problems.length) {
      // Figures that cannot be evaluated have no result: nothing computed from older
      // figures stays on the screen as if it were theirs.
      settle("invalid");
      form.querySelectorAll(".try-criteria td").forEach(function (td) { td.textContent = "—"; });
      list("try-reasons", []);
      return;
    }
    settle(answer.recognised ? "yes" : "no");
    (answer.criteria || []).forEach(function (c) { text("try-" + c.id, c.points); });
    list("try-reasons", answer.reasons || []);
  }

  function send() {
    clearTimeout(timer);
    pending();
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
    }).catch(function () {
      if (mine === seq) {
        show({
          total: "—",
          decision: form.getAttribute("data-no-result"),
          problems: [form.getAttribute("data-unreachable")],
          note: ""
        });
      }
    });
  }

  function later() {
    pending();
    clearTimeout(timer);
    timer = setTimeout(send, 150);
  }

  fields.forEach(function (f) {
    f.addEventListener("input", later);
    f.addEventListener("change", send);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); send(); });
  form.addEventListener("reset", function () { pending(); setTimeout(send, 0); });

  var smallest = document.getElementById("try-smallest");
  if (smallest) {
    smallest.addEventListener("click", function () {
      var changes = JSON.parse(smallest.getAttribute("data-changes") || "{}");
      Object.keys(changes).forEach(function (id) {
        var f = document.getElementById(id);
        if (f) { f.value = changes[id]; }
      });
      send();
    });
  }
})();
