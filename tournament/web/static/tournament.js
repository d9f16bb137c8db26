// Lesson 3: a round robin on the engine, bets first, then match by match.
"use strict";
const chosen = new Set(["Copycat", "Always Cheat", "Always Cooperate", "Grudger", "Detective"]);
const bet = new Set();
let run = null, shown = 0, totals = [];

async function setup() {
  const info = await cast();
  const names = info.cast.map((c) => c.name);
  const redraw = () => chips($("#bets"), names.filter((n) => chosen.has(n)), bet, () => {
    const last = [...bet].pop(); bet.clear(); if (last) bet.add(last);
    $$("#bets .chip").forEach((c) => c.classList.toggle("on", bet.has(c.textContent)));
  });
  chips($("#players"), names, chosen, redraw);
  redraw();
  for (const id of ["turns", "noise"]) {
    $("#" + id).oninput = () => ($(`#${id}-value`).textContent = id === "noise" ? Math.round(100 * $("#noise").value) + "%" : $("#turns").value);
  }
  $("#start").onclick = start;
  $("#step").onclick = () => step(1);
  $("#all").onclick = () => step(run.matches.length);
}

async function start() {
  showError(null);
  try {
    const players = CAST.cast.map((c) => c.name).filter((n) => chosen.has(n));
    run = await api("/api/lessons/tournament", { players, turns: Number($("#turns").value), noise: Number($("#noise").value), seed: Math.floor(Math.random() * 1e9) });
    shown = 0; totals = run.names.map(() => 0);
    $("#summary").replaceChildren(); $("#match").replaceChildren();
    $("#step").disabled = $("#all").disabled = false;
    draw();
  } catch (e) { showError(e); }
}

function step(n) {
  for (let k = 0; k < n && shown < run.matches.length; k++, shown++) {
    const m = run.matches[shown];
    totals[m.a] += m.score_a; totals[m.b] += m.score_b;
    $("#match").replaceChildren(
      el("div", { class: "row" }, el("b", { style: "width:150px" }, run.names[m.a]), strip(m.moves_a), el("span", { class: "score" }, m.score_a)),
      el("div", { class: "row" }, el("b", { style: "width:150px" }, run.names[m.b]), strip(m.moves_b), el("span", { class: "score" }, m.score_b)));
  }
  draw();
}

function draw() {
  const order = run.names.map((_, k) => k).sort((x, y) => totals[y] - totals[x]);
  bars($("#totals"), order.map((k) => ({ name: run.names[k], value: totals[k], colour: run.colours[k], label: String(totals[k]) })));
  $("#count").textContent = `${shown} of ${run.matches.length} matches`;
  if (shown === run.matches.length) {
    $("#step").disabled = $("#all").disabled = true;
    const lines = [...run.words];
    const mine = [...bet][0];
    if (mine) {
      const place = run.ranking.findIndex((k) => run.names[k] === mine) + 1;
      lines.push(place === 1 ? `Your bet on ${mine} won.` : `Your bet on ${mine} finished ${place} of ${run.names.length}.`);
    }
    $("#summary").replaceChildren(words(lines));
  }
}
setup().catch(showError);
