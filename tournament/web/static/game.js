// Lessons 1 and 2: a person against a character, one round or a hidden number of rounds.
"use strict";
const single = location.pathname.endsWith("one-game");
let game = null, opponent = "Copycat";

async function setup() {
  const info = await cast();
  $("#title").textContent = single ? "One game" : "A repeated game";
  $("#intro").textContent = single
    ? "Put a coin in and the other player gets 3. You choose once: cooperate (put the coin in) or cheat (keep it)."
    : "The same game, again and again. Nobody knows how many rounds there will be: the server drew the number and keeps it hidden.";
  $("#payoffs").textContent = "Both cooperate: +2 each. You cheat, they cooperate: +3 for you, -1 for them. Both cheat: 0.";
  const pick = new Set([opponent]);
  chips($("#opponents"), info.cast.map((c) => c.name), pick, () => {
    const last = [...pick].pop();
    pick.clear(); if (last) pick.add(last);
    opponent = last || "Copycat";
    $$("#opponents .chip").forEach((c) => c.classList.toggle("on", c.textContent === opponent));
  });
  $("#noise").oninput = () => ($("#noise-value").textContent = Math.round(100 * $("#noise").value) + "%");
  $("#start").onclick = start;
  $("#cooperate").onclick = () => move("C");
  $("#cheat").onclick = () => move("D");
}

async function start() {
  showError(null);
  try {
    game = await api("/api/lessons/game", { opponent, rounds: single ? 1 : null, noise: Number($("#noise").value) });
    $("#summary").replaceChildren();
    $("#against").textContent = $("#mystery").checked ? "against a mystery character" : `against ${opponent}`;
    $("#them-label").textContent = $("#mystery").checked ? "Them" : opponent;
    draw(game);
  } catch (e) { showError(e); }
}

async function move(m) {
  try { draw(await api(`/api/lessons/game/${game.id}/move`, { move: m })); } catch (e) { showError(e); }
}

function draw(state) {
  $("#round").textContent = state.done ? `${state.rounds} (the last)` : state.rounds + 1;
  $("#you").replaceChildren(strip(state.you));
  $("#them").replaceChildren(strip(state.them));
  $("#score").textContent = state.score;
  $("#their-score").textContent = state.their_score;
  $("#cooperate").disabled = $("#cheat").disabled = state.done;
  if (state.done) {
    $("#them-label").textContent = state.character;
    $("#summary").replaceChildren(words([`Your opponent was ${state.character} (${state.opponent}).`, ...state.summary]),
      el("div", { class: "row" }, el("button", { class: "primary", onclick: start }, "Play again")));
  }
}
setup().catch(showError);
