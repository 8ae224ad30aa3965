// The decision page's weight sliders (backend-advisor, src/render/interactive.rs). It reads the
// JSON in #decision-data, scores every framework as the engine does (src/decide/score.rs: WSM,
// TOPSIS in src/decide/topsis.rs), finds each criterion's tipping points as
// src/decide/sensitivity.rs does, and redraws the live ranking. Without JavaScript the section
// stays hidden and the page is the static report.
(function () {
  "use strict";
  var source = document.getElementById("decision-data");
  var section = document.getElementById("decision");
  if (!source || !section) return;
  var data = JSON.parse(source.textContent);
  var criteria = data.criteria;
  var frameworks = data.frameworks; // in tie-break order: name, then id
  var columns = criteria.length;
  var MAX = data.max;
  var TIE = 1e-9;
  var SCAN_STEPS = 512;
  var BISECTION_TOLERANCE = 1e-6;

  // The engine orders by score rounded to 1e-9 (score.rs `order_key`).
  function orderKey(score) {
    return Math.round(score * 1e9);
  }

  // importance / Σ importances, as score.rs `weighting` does for direct importances.
  function weightsOf(values) {
    var total = 0;
    for (var j = 0; j < columns; j++) total += values[j];
    return values.map(function (v) { return total > 0 ? v / total : 0; });
  }

  // WSM: contribution = 100 × w × (r − 1) / 4, score = Σ contributions.
  function wsm(weights) {
    return frameworks.map(function (f) {
      var parts = [];
      var score = 0;
      for (var j = 0; j < columns; j++) {
        var possible = 100 * weights[j];
        var contribution = possible * (f.ratings[j] - 1) / 4;
        parts.push(contribution);
        score += contribution;
      }
      return { score: score, parts: parts };
    });
  }

  // TOPSIS: vector normalisation, v = w × n, distances to the column extremes of v.
  var norms = criteria.map(function (_, j) {
    var sum = 0;
    for (var i = 0; i < frameworks.length; i++) sum += frameworks[i].ratings[j] * frameworks[i].ratings[j];
    return Math.sqrt(sum);
  });
  function topsis(weights) {
    var weighted = frameworks.map(function (f) {
      return f.ratings.map(function (r, j) { return (norms[j] > 0 ? r / norms[j] : 0) * weights[j]; });
    });
    var ideal = [], anti = [];
    for (var j = 0; j < columns; j++) {
      var hi = -Infinity, lo = Infinity;
      for (var i = 0; i < weighted.length; i++) {
        hi = Math.max(hi, weighted[i][j]);
        lo = Math.min(lo, weighted[i][j]);
      }
      ideal.push(hi);
      anti.push(lo);
    }
    return weighted.map(function (row) {
      var plus = 0, minus = 0;
      for (var j = 0; j < columns; j++) {
        plus += Math.pow(row[j] - ideal[j], 2);
        minus += Math.pow(row[j] - anti[j], 2);
      }
      plus = Math.sqrt(plus);
      minus = Math.sqrt(minus);
      var total = plus + minus;
      return { score: 100 * (total > 0 ? minus / total : 0), parts: null };
    });
  }

  // A language or migration cost is taken from the score whatever the weights (score.rs).
  function scores(weights) {
    var found = data.method === "topsis" ? topsis(weights) : wsm(weights);
    for (var i = 0; i < found.length; i++) found[i].score -= frameworks[i].cost || 0;
    return found;
  }

  // The row ranked first: the highest score to 1e-9, ties to the earlier row.
  function winner(found) {
    var best = 0;
    for (var i = 1; i < found.length; i++) {
      if (orderKey(found[i].score) > orderKey(found[best].score)) best = i;
    }
    return best;
  }

  // Criterion j at weight t, the others keeping their proportions (sensitivity.rs `weights_at`).
  function weightsAt(weights, j, t) {
    var rest = 1 - weights[j];
    return weights.map(function (w, k) { return k === j ? t : rest > 0 ? w * (1 - t) / rest : 0; });
  }

  // WSM tipping points are exact: every score is linear in the weight (sensitivity.rs).
  function tippingLinear(weights, j, first) {
    var given = weights[j];
    function utility(r) { return 100 * (r - 1) / 4; }
    // A cost is the same at every weight: it lowers both ends of the line alike.
    var atOne = frameworks.map(function (f) { return utility(f.ratings[j]) - (f.cost || 0); });
    var atZero = frameworks.map(function (f) {
      var others = 0;
      for (var k = 0; k < columns; k++) if (k !== j) others += weights[k] * utility(f.ratings[k]);
      return others / (1 - given) - (f.cost || 0);
    });
    var low = 0, high = 1, below = [], above = [];
    for (var i = 0; i < frameworks.length; i++) {
      if (i === first) continue;
      var alpha = atOne[first] - atOne[i], beta = atZero[first] - atZero[i];
      var slope = alpha - beta;
      var leadNow = beta + slope * given;
      if (Math.abs(slope) < TIE / 100) continue;
      var root = Math.abs(leadNow) <= TIE ? given : -beta / slope;
      if (slope > 0 && root > 0 && root <= given) {
        if (root > low + 1e-15) { low = root; below = []; }
        if (Math.abs(root - low) <= 1e-15) below.push([i, slope]);
      } else if (slope < 0 && root < 1 && root >= given) {
        if (root < high - 1e-15) { high = root; above = []; }
        if (Math.abs(root - high) <= 1e-15) above.push([i, slope]);
      }
    }
    function pick(candidates, sign) {
      var best = null;
      candidates.forEach(function (c) {
        if (best === null || sign * c[1] > sign * best[1]) best = c;
      });
      return best && best[0];
    }
    return {
      low: low,
      high: high,
      below: low > 0 && below.length ? pick(below, 1) : null,
      above: high < 1 && above.length ? pick(above, -1) : null
    };
  }

  // TOPSIS tipping points: a scan of the grid, then bisection (sensitivity.rs `tipping_scan`).
  function tippingScan(weights, j, first) {
    var given = weights[j];
    function winnerAt(t) { return winner(topsis(weightsAt(weights, j, t))); }
    function search(toward) {
      var k, stride;
      if (toward > given) { k = Math.floor(given * SCAN_STEPS) + 1; stride = 1; }
      else { k = Math.ceil(given * SCAN_STEPS) - 1; stride = -1; }
      var inside = given;
      for (;;) {
        var next = Math.min(1, Math.max(0, k / SCAN_STEPS));
        var other = winnerAt(next);
        if (next === toward && other !== first && winnerAt(toward - (toward - inside) * 1e-3) === first) other = first;
        if (other !== first) {
          var keeps = inside, loses = next, beyond = other;
          while (Math.abs(loses - keeps) > BISECTION_TOLERANCE) {
            var middle = (keeps + loses) / 2;
            var at = winnerAt(middle);
            if (at === first) keeps = middle; else { loses = middle; beyond = at; }
          }
          return [(keeps + loses) / 2, beyond];
        }
        if (next === toward) return null;
        inside = next;
        k += stride;
      }
    }
    var up = given < 1 ? search(1) : null;
    var down = given > 0 ? search(0) : null;
    return { low: down ? down[0] : 0, high: up ? up[0] : 1, below: down && down[1], above: up && up[1] };
  }

  function tipping(weights, j, first) {
    if (weights[j] >= 1 - 1e-12) return { low: 0, high: 1, below: null, above: null };
    return data.method === "topsis" ? tippingScan(weights, j, first) : tippingLinear(weights, j, first);
  }

  function percent(w) { return (w * 100).toFixed(0) + "%"; }

  var sliders = Array.prototype.slice.call(section.querySelectorAll("input[type=range]"));
  var rows = section.querySelector("#decision-rows");
  var headline = section.querySelector("#decision-winner");

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The slider value at which criterion j has weight t, the other sliders staying where they are.
  function valueFor(values, j, t) {
    var others = 0;
    for (var k = 0; k < columns; k++) if (k !== j) others += values[k];
    return t >= 1 ? Infinity : t * others / (1 - t);
  }

  function update() {
    var values = sliders.map(function (s) { return Number(s.value); });
    var weights = weightsOf(values);
    var found = scores(weights);
    var order = found.map(function (_, i) { return i; });
    order.sort(function (a, b) { return orderKey(found[b].score) - orderKey(found[a].score) || a - b; });
    var first = order[0];
    section.setAttribute("data-ranking", JSON.stringify(order.map(function (i) {
      return { id: frameworks[i].id, score: found[i].score };
    })));
    headline.textContent = frameworks[first].name + " is first with these weights (" + found[first].score.toFixed(1) + " of 100).";

    sliders.forEach(function (slider, j) {
      var row = slider.closest(".criterion");
      row.querySelector(".weight").textContent = percent(weights[j]);
      var tip = tipping(weights, j, first);
      slider.setAttribute("data-low", String(tip.low));
      slider.setAttribute("data-high", String(tip.high));
      var marks = row.querySelector(".marks");
      marks.textContent = "";
      // A change of first place is announced as reachable only where this slider can go (0 to
      // MAX with the others as they are); one beyond its reach is said to be out of reach.
      var words = [];
      var beyond = [];
      [["below", tip.low], ["above", tip.high]].forEach(function (side) {
        var who = tip[side[0]];
        if (who === null || who === undefined) return;
        var at = valueFor(values, j, side[1]);
        if (at >= 0 && at <= MAX) {
          words.push(side[0] + " " + percent(side[1]) + ": " + frameworks[who].name);
          var mark = element("span", "mark");
          mark.style.left = (at / MAX * 100) + "%";
          mark.title = frameworks[who].name + " first " + side[0] + " " + percent(side[1]);
          marks.appendChild(mark);
        } else {
          beyond.push(frameworks[who].name + " would need " + side[0] + " " + percent(side[1]));
        }
      });
      var text = words.length
        ? "First place changes " + words.join("; ") + "."
        : "Within this slider's range, first place does not change.";
      if (beyond.length) text += " Out of its reach: " + beyond.join("; ") + ".";
      row.querySelector(".tips").textContent = text;
    });

    rows.textContent = "";
    order.slice(0, data.shown).forEach(function (i, position) {
      var tr = element("tr");
      tr.appendChild(element("td", "num", String(position + 1)));
      tr.appendChild(element("th", "", frameworks[i].name));
      tr.lastChild.setAttribute("scope", "row");
      tr.appendChild(element("td", "num", found[i].score.toFixed(1)));
      var cell = element("td", "barcell");
      var bar = element("div", "bar");
      var parts = found[i].parts || [found[i].score];
      var total = 0;
      parts.forEach(function (points, j) {
        var piece = element("span");
        piece.style.width = Math.max(0, points) + "%";
        piece.style.background = found[i].parts ? data.colours[j % data.colours.length] : data.colours[0];
        bar.appendChild(piece);
        total += Math.max(0, points);
      });
      // A cost strikes off the end of the bar, as in the static chart: the score is what is left.
      var cost = Math.min(frameworks[i].cost || 0, total);
      if (found[i].parts && cost > 0) {
        var struck = element("span", "cost");
        struck.style.left = (total - cost) + "%";
        struck.style.width = cost + "%";
        struck.title = "-" + cost.toFixed(1) + " points: " + (frameworks[i].costWhy || "switching cost");
        bar.appendChild(struck);
      }
      cell.appendChild(bar);
      tr.appendChild(cell);
      rows.appendChild(tr);
    });
  }

  function load(values) {
    sliders.forEach(function (slider, j) { slider.value = String(values[j]); });
    update();
  }

  sliders.forEach(function (slider) { slider.addEventListener("input", update); });
  Array.prototype.slice.call(section.querySelectorAll("button[data-preset]")).forEach(function (button) {
    button.addEventListener("click", function () {
      load(data.presets[Number(button.getAttribute("data-preset"))].values);
    });
  });
  section.hidden = false;
  update();
})();
