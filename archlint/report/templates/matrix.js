// The context matrix, drawn on a canvas: only the cells in view are painted, so that it
// reads and scrolls at 1,000 contexts. Hover: a cell's counts; click or Enter: the pair's
// interactions and findings below it; arrow keys move the selected cell.
(function () {
  "use strict";
  var holder = document.getElementById("matrix");
  var source = document.getElementById("matrix-data");
  if (!holder || !source) return;
  var data = JSON.parse(source.textContent);
  var n = data.names.length;
  var CELL = n > 150 ? 12 : 18, LABEL = 190, HEAD = 44;
  var COLOURS = { events: "#3566a8", commands: "#c26a00", queries: "#7b4fa6", writes: "#8a5a2b" };
  var RED = "#c62828";
  var canvas = holder.querySelector("canvas"), space = holder.querySelector(".matrix-space");
  var tip = holder.querySelector(".matrix-tip"), panel = document.getElementById("matrix-pair");
  var ctx = canvas.getContext("2d");
  var byRow = [], cellAt = {};
  for (var r = 0; r < n; r++) byRow.push([]);
  var max = 1;
  data.cells.forEach(function (c) {
    var cell = { r: c[0], c: c[1], counts: c.slice(2, 6), rules: c[6] };
    cell.total = cell.counts.reduce(function (a, b) { return a + b; }, 0);
    max = Math.max(max, cell.total);
    byRow[cell.r].push(cell);
    cellAt[cell.r + "," + cell.c] = cell;
  });
  space.style.width = (LABEL + n * CELL) + "px";
  space.style.height = (HEAD + n * CELL) + "px";
  var selected = null;
  function colour(cell) {
    if (cell.rules) return RED;
    var best = 0;
    for (var k = 1; k < 4; k++) if (cell.counts[k] > cell.counts[best]) best = k;
    return COLOURS[data.kinds[best]];
  }
  function paint() {
    var w = holder.clientWidth, h = holder.clientHeight, ratio = window.devicePixelRatio || 1;
    if (canvas.width !== w * ratio || canvas.height !== h * ratio) {
      canvas.width = w * ratio; canvas.height = h * ratio;
      canvas.style.width = w + "px"; canvas.style.height = h + "px";
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    var sx = holder.scrollLeft, sy = holder.scrollTop;
    canvas.style.transform = "translate(" + sx + "px," + sy + "px)";
    var style = getComputedStyle(holder);
    ctx.clearRect(0, 0, w, h);
    var first = Math.max(0, Math.floor(sy / CELL)), last = Math.min(n, Math.ceil((sy + h - HEAD) / CELL) + 1);
    var firstCol = Math.max(0, Math.floor(sx / CELL)), lastCol = Math.min(n, Math.ceil((sx + w - LABEL) / CELL) + 1);
    ctx.save();
    ctx.beginPath(); ctx.rect(LABEL, HEAD, w - LABEL, h - HEAD); ctx.clip();
    ctx.strokeStyle = style.getPropertyValue("--line") || "#ddd";
    ctx.lineWidth = 1;
    for (var i = first; i <= last; i++) {  // the grid, in view only
      var y = HEAD + i * CELL - sy + 0.5;
      ctx.beginPath(); ctx.moveTo(LABEL, y); ctx.lineTo(w, y); ctx.stroke();
    }
    for (var j = firstCol; j <= lastCol; j++) {
      var x = LABEL + j * CELL - sx + 0.5;
      ctx.beginPath(); ctx.moveTo(x, HEAD); ctx.lineTo(x, h); ctx.stroke();
    }
    ctx.fillStyle = "rgba(128,128,128,0.25)";
    for (var d = Math.max(first, firstCol); d < Math.min(last, lastCol); d++) {
      ctx.fillRect(LABEL + d * CELL - sx, HEAD + d * CELL - sy, CELL, CELL);
    }
    for (var row = first; row < last; row++) {
      byRow[row].forEach(function (cell) {
        if (cell.c < firstCol || cell.c >= lastCol) return;
        ctx.globalAlpha = 0.35 + 0.65 * Math.min(1, Math.log(1 + cell.total) / Math.log(1 + max));
        ctx.fillStyle = colour(cell);
        ctx.fillRect(LABEL + cell.c * CELL - sx + 1, HEAD + cell.r * CELL - sy + 1, CELL - 1, CELL - 1);
        ctx.globalAlpha = 1;
        if (CELL >= 16 && cell.total < 100) {
          ctx.fillStyle = "#fff"; ctx.font = "10px sans-serif"; ctx.textAlign = "center";
          ctx.fillText(String(cell.total), LABEL + cell.c * CELL - sx + CELL / 2, HEAD + cell.r * CELL - sy + CELL - 5);
        }
      });
    }
    ctx.strokeStyle = RED; ctx.lineWidth = 2;
    data.groups.forEach(function (g) {  // each cycle: a box on the diagonal
      ctx.strokeRect(LABEL + g[0] * CELL - sx, HEAD + g[0] * CELL - sy, g[1] * CELL, g[1] * CELL);
    });
    if (selected) {
      ctx.strokeStyle = style.color; ctx.lineWidth = 2;
      ctx.strokeRect(LABEL + selected.c * CELL - sx, HEAD + selected.r * CELL - sy, CELL, CELL);
    }
    ctx.restore();
    ctx.fillStyle = style.color;
    ctx.font = (CELL >= 16 ? 11 : 10) + "px sans-serif";
    ctx.textAlign = "right";
    ctx.save(); ctx.beginPath(); ctx.rect(0, HEAD, LABEL, h - HEAD); ctx.clip();
    for (var lr = first; lr < last; lr++) {
      var name = data.names[lr];
      ctx.fillText((name.length > 26 ? name.slice(0, 25) + "\u2026" : name) + " " + (lr + 1), LABEL - 4, HEAD + lr * CELL - sy + CELL - 3);
    }
    ctx.restore();
    ctx.save(); ctx.beginPath(); ctx.rect(LABEL, 0, w - LABEL, HEAD); ctx.clip();
    ctx.textAlign = "left";
    for (var lc = firstCol; lc < lastCol; lc++) {  // column numbers, upright
      ctx.save();
      ctx.translate(LABEL + lc * CELL - sx + CELL - 3, HEAD - 4);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText(String(lc + 1), 0, 0);
      ctx.restore();
    }
    ctx.restore();
  }
  function at(event) {
    var rect = holder.getBoundingClientRect();
    var x = event.clientX - rect.left - LABEL + holder.scrollLeft;
    var y = event.clientY - rect.top - HEAD + holder.scrollTop;
    if (event.clientX - rect.left < LABEL || event.clientY - rect.top < HEAD) return null;
    var c = Math.floor(x / CELL), r = Math.floor(y / CELL);
    return r >= 0 && c >= 0 && r < n && c < n ? { r: r, c: c } : null;
  }
  function describe(r, c) {
    var cell = cellAt[r + "," + c];
    var head = data.names[r] + " \u2192 " + data.names[c];
    if (!cell) return head + ": nothing";
    var parts = [];
    data.kinds.forEach(function (k, i) { if (cell.counts[i]) parts.push(cell.counts[i] + " " + k); });
    return head + ": " + parts.join(", ") + (cell.rules ? " \u2014 " + cell.rules : "");
  }
  function text(tag, content, parent) {
    var e = document.createElement(tag);
    e.textContent = content;
    if (parent) parent.appendChild(e);
    return e;
  }
  function open(r, c) {
    selected = { r: r, c: c };
    paint();
    var pair = data.pairs[r + "," + c] || { i: [], f: [] };
    var back = data.pairs[c + "," + r] || { f: [] };
    panel.replaceChildren();
    var h = text("h4", describe(r, c), panel);
    h.id = "matrix-pair-title";
    var links = text("p", "", panel);
    [r, c].forEach(function (k, i) {
      var a = text("a", "context " + data.names[k], links);
      a.href = "#" + data.anchors[k];
      if (!i) links.appendChild(document.createTextNode(" \u00b7 "));
    });
    if (pair.i.length) {
      var list = text("ul", "", panel);
      list.className = "pair-interactions";
      pair.i.forEach(function (it) { text("li", it[0] + " " + it[1] + " " + it[2] + " \u2192 " + it[3], list); });
    }
    var numbers = pair.f.length ? pair.f : back.f;
    if (numbers.length) {
      var f = text("p", "Findings: ", panel);
      numbers.forEach(function (num, i) {
        var a = text("a", "#" + num, f);
        a.href = "#f-" + num;
        if (i < numbers.length - 1) f.appendChild(document.createTextNode(", "));
      });
    }
    if (!pair.i.length && !numbers.length) text("p", "No interactions between these contexts.", panel);
    panel.hidden = false;
  }
  holder.addEventListener("scroll", function () { window.requestAnimationFrame(paint); });
  window.addEventListener("resize", paint);
  holder.addEventListener("mousemove", function (event) {
    var hit = at(event);
    if (!hit) { tip.hidden = true; return; }
    tip.textContent = describe(hit.r, hit.c);
    var rect = holder.getBoundingClientRect();
    tip.style.left = (holder.scrollLeft + Math.min(event.clientX - rect.left + 14, holder.clientWidth - 260)) + "px";
    tip.style.top = (holder.scrollTop + event.clientY - rect.top + 14) + "px";
    tip.hidden = false;
  });
  holder.addEventListener("mouseleave", function () { tip.hidden = true; });
  holder.addEventListener("click", function (event) {
    var hit = at(event);
    if (hit) open(hit.r, hit.c);
  });
  holder.addEventListener("keydown", function (event) {
    var move = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[event.key];
    if (!move && event.key !== "Enter") return;
    event.preventDefault();
    var s = selected || { r: 0, c: 0 };
    if (move) {
      selected = { r: Math.max(0, Math.min(n - 1, s.r + move[0])), c: Math.max(0, Math.min(n - 1, s.c + move[1])) };
      tip.textContent = describe(selected.r, selected.c);
      tip.style.left = (holder.scrollLeft + 8) + "px"; tip.style.top = (holder.scrollTop + 8) + "px";
      tip.hidden = false;
      paint();
    } else open(s.r, s.c);
  });
  paint();
  window.archlintMatrix = { open: open, cell: function (r, c) { return cellAt[r + "," + c] || null; },
    cellCentre: function (r, c) {
      return { x: LABEL + c * CELL - holder.scrollLeft + CELL / 2, y: HEAD + r * CELL - holder.scrollTop + CELL / 2 };
    }, size: n };
})();
