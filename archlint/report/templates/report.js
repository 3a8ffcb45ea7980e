// The report's behaviour: filters and sorting for the findings table, and the rule
// documentation in a dialog. Everything works without it, except the filters.
(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  var form = document.getElementById("filters");

  // -- rule documentation in a dialog (the link itself jumps to the Rules section) --
  var dialog = document.getElementById("rule-dialog");
  var dialogBody = document.getElementById("rule-dialog-body");
  function openRule(anchor) {
    var doc = document.getElementById(anchor);
    if (!doc || !dialog || typeof dialog.showModal !== "function") return false;
    var copy = doc.cloneNode(true);
    copy.removeAttribute("id");
    var heading = copy.querySelector("h3");
    if (heading) heading.id = "rule-dialog-title";
    dialogBody.replaceChildren(copy);
    if (!dialog.open) dialog.showModal();
    return true;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.rule-link") : null;
    if (!link) return;
    if (openRule(link.getAttribute("href").slice(1))) event.preventDefault();
  });
  if (dialog) {
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close(); // a click on the backdrop
    });
  }

  // -- printing: every context's diagram open --
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });

  // -- other sortable tables (the blast radius per service): click a header; again to reverse --
  document.querySelectorAll("table.sortable").forEach(function (sortable) {
    var tbody = sortable.tBodies[0];
    var numeric = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
    sortable.tHead.querySelectorAll("th[data-sort]").forEach(function (th, column) {
      th.querySelector("button").addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        sortable.tHead.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var order = Array.prototype.slice.call(tbody.rows).map(function (row, i) {
          return { row: row, key: row.cells[column].textContent, name: row.cells[0].textContent, i: i };
        });
        order.sort(function (a, b) {
          var by = th.dataset.sort === "number" ? (+a.key - +b.key) : numeric.compare(a.key, b.key);
          return by || numeric.compare(a.name, b.name);
        });
        if (descending) order.reverse();
        var fragment = document.createDocumentFragment();
        order.forEach(function (r) { fragment.appendChild(r.row); });
        tbody.appendChild(fragment);
      });
    });
  });

  // -- the team filter of the other tables: a row shows when its team is the one chosen --
  function ofTeam(row, team) {
    return !team || ("\n" + (row.dataset.team || "") + "\n").indexOf("\n" + team + "\n") >= 0;
  }
  document.querySelectorAll("select.team-select[data-table]").forEach(function (select) {
    var other = document.getElementById(select.dataset.table);
    if (!other) return;
    select.addEventListener("input", function () {
      var rows = other.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var ok = ofTeam(rows[i], select.value);
        if (rows[i].hidden === ok) rows[i].hidden = !ok;
      }
    });
  });

  if (!table || !form) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  // What each row is sorted and searched by, read once.
  var info = rows.map(function (row) {
    var cells = row.cells;
    return {
      row: row,
      number: +cells[0].textContent,
      severity: +row.dataset.rank,
      rule: row.dataset.rule,
      message: cells[3].textContent,
      where: cells[4].textContent,
      line: +row.dataset.line,
      impact: +row.dataset.impact,
      fix: +row.dataset.fix,
      context: cells[5].textContent,
      service: cells[6].textContent,
      text: row.textContent.toLowerCase(),
      c: row.dataset.c,
      s: row.dataset.s
    };
  });
  var fSeverity = document.getElementById("f-severity");
  var fRule = document.getElementById("f-rule");
  var fContext = document.getElementById("f-context");
  var fService = document.getElementById("f-service");
  var fText = document.getElementById("f-text");
  var fTeam = document.getElementById("f-team");
  var count = document.getElementById("f-count");
  var noMatch = document.getElementById("no-match");
  form.hidden = false;

  function apply() {
    var severity = fSeverity.value, rule = fRule.value, team = fTeam ? fTeam.value : "";
    var context = fContext.value ? " " + fContext.value + " " : "";
    var service = fService.value ? " " + fService.value + " " : "";
    var words = fText.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    for (var i = 0; i < info.length; i++) {
      var r = info[i];
      var ok = (!severity || r.row.dataset.severity === severity) &&
        (!rule || r.rule === rule) &&
        (!context || r.c.indexOf(context) >= 0) &&
        (!service || r.s.indexOf(service) >= 0) &&
        ofTeam(r.row, team);
      for (var w = 0; ok && w < words.length; w++) ok = r.text.indexOf(words[w]) >= 0;
      if (r.row.hidden === ok) r.row.hidden = !ok;
      if (ok) shown++;
    }
    count.value = shown + " of " + info.length;
    noMatch.hidden = shown > 0;
  }
  var timer = null;
  form.addEventListener("input", function (event) {
    if (event.target === fText) {
      clearTimeout(timer);
      timer = setTimeout(apply, 80);
    } else {
      apply();
    }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });

  // A count in the summary's table filters the findings by its rule.
  document.querySelectorAll("a.filter-link").forEach(function (link) {
    link.addEventListener("click", function () {
      form.reset();
      fRule.value = link.dataset.rule;
      apply();
    });
  });

  // A team's count of findings filters the findings by the team.
  document.querySelectorAll("a.team-link").forEach(function (link) {
    link.addEventListener("click", function () {
      form.reset();
      fTeam.value = link.dataset.team;
      apply();
    });
  });

  // -- sorting: click a column's header; again to reverse --
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  function compare(key) {
    if (key === "impact") {  // order by impact: the largest blast radius first
      return function (a, b) { return (b.impact - a.impact) || (a.number - b.number); };
    }
    if (key === "number" || key === "severity" || key === "fix") {
      return function (a, b) { return (a[key] - b[key]) || (a.number - b.number); };
    }
    if (key === "where") {
      return function (a, b) { return collator.compare(a.where, b.where) || (a.line - b.line) || (a.number - b.number); };
    }
    return function (a, b) { return collator.compare(a[key], b[key]) || (a.number - b.number); };
  }
  function sortBy(key, descending) {
    var order = info.slice().sort(compare(key));
    if (descending) order.reverse();
    var fragment = document.createDocumentFragment();
    order.forEach(function (r) { fragment.appendChild(r.row); });
    body.appendChild(fragment);
  }
  table.tHead.querySelectorAll("th[data-sort]").forEach(function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var descending = th.getAttribute("aria-sort") === "ascending";
      table.tHead.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      sortBy(th.dataset.sort, descending);
    });
  });
  // The order: fix first (by root cause, as the page opens), or by path (the lint output's).
  var fOrder = document.getElementById("f-order");
  function order() {
    table.tHead.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
    if (fOrder.value === "number") table.tHead.querySelector("th[data-sort=number]").setAttribute("aria-sort", "ascending");
    sortBy(fOrder.value, false);
  }
  fOrder.addEventListener("input", order);
  form.addEventListener("reset", function () { setTimeout(order, 0); });
  order();
})();
