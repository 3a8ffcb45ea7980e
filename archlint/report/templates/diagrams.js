// The report's diagrams: zoom, pan, fit and search in every SVG (mouse and keyboard), the
// context diagrams drawn when opened (large estates), the context matrix, the service
// sections unpacked when wanted (large estates), and a finding's link to its node.
// Hand-written, no library: the report stays one offline file.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  // -- zoom, pan, fit, search ----------------------------------------------------------
  function viewer(figure) {
    var svg = figure.querySelector("svg");
    if (!svg || figure.dataset.viewer) return null;
    figure.dataset.viewer = "1";
    var base = svg.viewBox.baseVal;
    var home = { x: base.x, y: base.y, w: base.width, h: base.height };
    var box = { x: home.x, y: home.y, w: home.w, h: home.h };
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.classList.add("zoomable");
    var bar = document.createElement("div");
    bar.className = "viewer-bar";
    bar.innerHTML = '<button type="button" data-act="in" title="Zoom in (+)">+</button>' +
      '<button type="button" data-act="out" title="Zoom out (-)">&minus;</button>' +
      '<button type="button" data-act="fit" title="Fit (0)">Fit</button>' +
      '<input type="search" placeholder="Find a service&hellip;" aria-label="Find a node in this diagram">' +
      '<output></output>';
    figure.insertBefore(bar, figure.firstChild);
    figure.tabIndex = 0;
    var output = bar.querySelector("output");
    function show() { svg.setAttribute("viewBox", box.x + " " + box.y + " " + box.w + " " + box.h); }
    function zoom(factor, cx, cy) {
      if (cx === undefined) { cx = box.x + box.w / 2; cy = box.y + box.h / 2; }
      var w = Math.min(home.w * 4, Math.max(home.w / 200, box.w / factor));
      var f = w / box.w;
      box = { x: cx - (cx - box.x) * f, y: cy - (cy - box.y) * f, w: w, h: box.h * f };
      show();
    }
    function pan(dx, dy) { box.x += dx * box.w; box.y += dy * box.h; show(); }
    function fit() { box = { x: home.x, y: home.y, w: home.w, h: home.h }; show(); }
    function point(event) {
      var r = svg.getBoundingClientRect();
      var scale = Math.max(box.w / r.width, box.h / r.height);
      var ox = (r.width * scale - box.w) / 2, oy = (r.height * scale - box.h) / 2;
      return { x: box.x - ox + (event.clientX - r.left) * scale, y: box.y - oy + (event.clientY - r.top) * scale, scale: scale };
    }
    function centre(node) {
      var b = node.getBBox();
      var m = svg.getScreenCTM().inverse().multiply(node.getScreenCTM());
      var cx = m.a * (b.x + b.width / 2) + m.c * (b.y + b.height / 2) + m.e;
      var cy = m.b * (b.x + b.width / 2) + m.d * (b.y + b.height / 2) + m.f;
      var w = Math.min(home.w, Math.max(b.width * 6, home.w / 4));
      var h = w * (home.h / home.w);
      box = { x: cx - w / 2, y: cy - h / 2, w: w, h: h };
      show();
    }
    function nodes() { return Array.prototype.slice.call(svg.querySelectorAll("g.node")); }
    function highlight(node) {
      svg.querySelectorAll("g.node.hit").forEach(function (n) { n.classList.remove("hit"); });
      if (!node) return;
      node.classList.add("hit");
      centre(node);
    }
    function find(text) {
      var q = text.trim().toLowerCase();
      if (!q) { highlight(null); output.value = ""; return null; }
      var all = nodes(), exact = null, partial = null;
      for (var i = 0; i < all.length; i++) {
        var name = (all[i].dataset.name || all[i].textContent).trim().toLowerCase();
        if (name === q || name.split("\n")[0] === q) { exact = all[i]; break; }
        if (!partial && name.indexOf(q) >= 0) partial = all[i];
      }
      var hit = exact || partial;
      output.value = hit ? "" : "not in this diagram";
      highlight(hit);
      return hit;
    }
    bar.addEventListener("click", function (event) {
      var act = event.target.dataset ? event.target.dataset.act : null;
      if (act === "in") zoom(1.5);
      else if (act === "out") zoom(1 / 1.5);
      else if (act === "fit") fit();
    });
    var input = bar.querySelector("input");
    input.addEventListener("input", function () { find(input.value); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); find(input.value); }
      event.stopPropagation();
    });
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var p = point(event);
      zoom(event.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
    }, { passive: false });
    var drag = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 || event.target.closest("a")) return;
      drag = { x: event.clientX, y: event.clientY, scale: point(event).scale };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) return;
      box.x -= (event.clientX - drag.x) * drag.scale;
      box.y -= (event.clientY - drag.y) * drag.scale;
      drag.x = event.clientX; drag.y = event.clientY;
      show();
    });
    svg.addEventListener("pointerup", function () { drag = null; });
    figure.addEventListener("keydown", function (event) {
      var keys = { "+": function () { zoom(1.5); }, "=": function () { zoom(1.5); },
        "-": function () { zoom(1 / 1.5); }, "0": fit,
        ArrowLeft: function () { pan(-0.1, 0); }, ArrowRight: function () { pan(0.1, 0); },
        ArrowUp: function () { pan(0, -0.1); }, ArrowDown: function () { pan(0, 0.1); },
        "/": function () { input.focus(); } };
      if (keys[event.key] && event.target === figure) { event.preventDefault(); keys[event.key](); }
    });
    show();
    var api = { zoom: zoom, pan: pan, fit: fit, find: find, box: function () { return box; },
      focusLink: function (href) {
        var link = svg.querySelector('a[href="' + href + '"], a[*|href="' + href + '"]');
        var node = link ? link.closest("g.node") : null;
        highlight(node);
        return node;
      } };
    figure.viewer = api;
    return api;
  }

  // -- context diagrams drawn when opened ---------------------------------------------
  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function layers(data) {
    // longest-path layers over the edges that do not close a cycle (depth-first order)
    var n = data.nodes.length, out = [], state = [], rank = [];
    for (var i = 0; i < n; i++) { out.push([]); state.push(0); rank.push(0); }
    data.edges.forEach(function (e) { if (e[0] !== e[1]) out[e[0]].push(e[1]); });
    var forward = [];
    for (var s = 0; s < n; s++) {
      if (state[s]) continue;
      var stack = [[s, 0]];
      state[s] = 1;
      while (stack.length) {
        var top = stack[stack.length - 1], v = top[0];
        if (top[1] < out[v].length) {
          var w = out[v][top[1]++];
          if (state[w] === 0) { state[w] = 1; stack.push([w, 0]); forward.push([v, w]); }
          else if (state[w] === 2) forward.push([v, w]);
        } else { state[v] = 2; stack.pop(); }
      }
    }
    for (var pass = 0; pass < n; pass++) {
      var changed = false;
      forward.forEach(function (e) { if (rank[e[1]] < rank[e[0]] + 1) { rank[e[1]] = rank[e[0]] + 1; changed = true; } });
      if (!changed) break;
    }
    return rank;
  }
  function drawOpened(figure) {
    var source = figure.querySelector("script[type='application/json']");
    if (!source || figure.querySelector("svg")) return;
    var data = JSON.parse(source.textContent);
    var rank = layers(data), columns = [];
    data.nodes.forEach(function (node, i) { (columns[rank[i]] = columns[rank[i]] || []).push(i); });
    columns = columns.filter(Boolean);
    var position = [];
    columns.forEach(function (col) { col.forEach(function (v, j) { position[v] = j; }); });
    var near = data.nodes.map(function () { return []; });
    data.edges.forEach(function (e) { near[e[0]].push(e[1]); near[e[1]].push(e[0]); });
    for (var sweep = 0; sweep < 4; sweep++) {  // order each column by its neighbours' places
      columns.forEach(function (col) {
        var key = {};
        col.forEach(function (v) {
          var p = near[v].map(function (w) { return position[w]; });
          key[v] = p.length ? p.reduce(function (a, b) { return a + b; }, 0) / p.length : position[v];
        });
        col.sort(function (a, b) { return (key[a] - key[b]) || (a - b); });
        col.forEach(function (v, j) { position[v] = j; });
      });
    }
    var H = 34, GAP = 14, COL = 90, BAND = 60, at = [];
    var widths = columns.map(function (col) {
      return col.reduce(function (w, v) {
        var node = data.nodes[v];
        return Math.max(w, 14 + 6.2 * Math.max(node[1].length, node[2].length * 0.85));
      }, 0);
    });
    var total = widths.reduce(function (a, w) { return a + w + COL; }, 0);
    var tallest = columns.reduce(function (a, col) { return Math.max(a, col.length); }, 1);
    // a long chain of columns is folded into bands, one below the other, so that the
    // drawing keeps about the shape of a screen instead of a thin strip
    var bands = Math.max(1, Math.min(columns.length, Math.round(Math.sqrt(total / (1.6 * tallest * (H + GAP))))));
    var perBand = total / bands, x = 10, top = 10, bandHeight = 0, width = 0, used = 0;
    columns.forEach(function (col, c) {
      if (used > 0 && used + widths[c] / 2 > perBand) {  // start the next band
        top += bandHeight + BAND; x = 10; used = 0; bandHeight = 0;
      }
      col.forEach(function (v, j) { at[v] = { x: x, y: top + j * (H + GAP), w: widths[c] }; });
      bandHeight = Math.max(bandHeight, col.length * (H + GAP));
      x += widths[c] + COL; used += widths[c] + COL;
      width = Math.max(width, x - COL + 10);
    });
    var height = top + bandHeight + 10;
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": data.title, "class": "drawn" });
    var edges = el("g", { "class": "edges" }, svg);
    data.edges.forEach(function (e) {
      var a = at[e[0]], b = at[e[1]];
      var x1 = a.x + a.w, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
      var d = x2 > x1 ? "M" + x1 + "," + y1 + " C" + (x1 + COL / 2) + "," + y1 + " " + (x2 - COL / 2) + "," + y2 + " " + x2 + "," + y2
        : "M" + (a.x + a.w / 2) + "," + a.y + " C" + (a.x + a.w / 2) + "," + (a.y - 60) + " " + (b.x + b.w / 2) + "," + (b.y - 60) + " " + (b.x + b.w / 2) + "," + b.y;
      var g = el("g", { "class": "edge k-" + e[2] + (e[4] ? " red" : "") }, edges);
      el("path", { d: d, "marker-end": "url(#" + figure.id + "-arrow)" }, g);
      el("title", {}, g).textContent = data.nodes[e[0]][1] + " \u2192 " + data.nodes[e[1]][1] + (e[3] ? ": " + e[3] : "");
      if (e[4] && e[3]) {
        var label = el("text", { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 3, "class": "edge-label" }, g);
        label.textContent = e[3].split(" \u00b7 ")[0];
      }
    });
    var defs = el("defs", {}, svg);
    var marker = el("marker", { id: figure.id + "-arrow", viewBox: "0 0 8 8", refX: "8", refY: "4",
      markerWidth: "7", markerHeight: "7", orient: "auto" }, defs);
    el("path", { d: "M0,0 L8,4 L0,8 z" }, marker);
    var layer = el("g", { "class": "nodes" }, svg);
    data.nodes.forEach(function (node, i) {
      var p = at[i];
      var g = el("g", { "class": "node k-" + node[0] + (node[3] & 1 ? " global" : "") + (node[3] & 4 ? " red" : "") }, layer);
      g.dataset.name = node[1];
      var holder = g;
      if (node[4]) holder = el("a", { href: node[4] }, g);
      el("rect", { x: p.x, y: p.y, width: p.w, height: H, rx: node[0] === "t" ? 2 : 6 }, holder);
      var t = el("text", { x: p.x + 7, y: p.y + (node[2] ? 14 : 21) }, holder);
      t.textContent = node[1];
      if (node[2]) {
        var d2 = el("text", { x: p.x + 7, y: p.y + 27, "class": "detail" }, holder);
        d2.textContent = node[2];
      }
      el("title", {}, g).textContent = node[1] + (node[2] ? "\n" + node[2] : "");
    });
    figure.appendChild(svg);
    viewer(figure);
  }
  function openFigure(figure) {
    if (figure.classList.contains("drawn-on-open")) drawOpened(figure);
    else viewer(figure);
    return figure.viewer;
  }
  document.querySelectorAll("details").forEach(function (d) {
    d.addEventListener("toggle", function () {
      if (d.open) d.querySelectorAll("figure.diagram").forEach(openFigure);
    });
  });
  document.querySelectorAll("figure.diagram").forEach(function (figure) {
    var details = figure.closest("details");
    if (!details || details.open) openFigure(figure);
  });

  // -- service sections unpacked when wanted ---------------------------------------------
  var packedAt = {};
  document.querySelectorAll("script.packed-services").forEach(function (script) {
    script.dataset.anchors.split(" ").forEach(function (a) { packedAt[a] = script; });
  });
  function unpack(anchor) {
    var script = packedAt[anchor];
    if (!script || !script.parentNode) return Promise.resolve(document.getElementById(anchor));
    var bytes = Uint8Array.from(atob(script.textContent), function (c) { return c.charCodeAt(0); });
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(function (html) {
      if (script.parentNode) {
        script.insertAdjacentHTML("beforebegin", html);
        script.remove();
      }
      return document.getElementById(anchor);
    });
  }
  function goTo(anchor) {
    return unpack(anchor).then(function (target) {
      if (target) target.scrollIntoView();
      return target;
    });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!link) return;
    var anchor = link.getAttribute("href").slice(1);
    if (packedAt[anchor] && packedAt[anchor].parentNode) {
      event.preventDefault();
      goTo(anchor).then(function () { history.pushState(null, "", "#" + anchor); });
    }
  });
  if (location.hash && packedAt[location.hash.slice(1)]) goTo(location.hash.slice(1));

  // -- a finding's link to its node in its context's diagram ------------------------------
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.node-link") : null;
    if (!link) return;
    var figure = document.getElementById(link.getAttribute("href").slice(1));
    if (!figure) return;
    event.preventDefault();
    var details = figure.closest("details");
    if (details && !details.open) details.open = true;
    var api = openFigure(figure);
    figure.scrollIntoView({ block: "center" });
    if (api) api.focusLink("#" + link.dataset.node);
    figure.focus({ preventScroll: true });
  });
  window.archlintDiagrams = { open: openFigure, unpack: unpack };
})();
