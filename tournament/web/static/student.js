// A student's page (the room link): join, submit a strategy (code or builder), play games.
"use strict";
const code = location.pathname.split("/").pop();
const base = `/api/classes/${code}`;
let me = JSON.parse(localStorage.getItem("student:" + code) || "null");
let tab = "python";
const TEMPLATE = `from strategies import PlainStrategy


class MyStrategy(PlainStrategy):
    """Cooperate first, then copy the other's last move."""

    name = "My Strategy"

    def play(self, me: str, them: str) -> str:
        # me, them: your moves and theirs so far, e.g. "CCD"; answer "C" or "D"
        if not them:
            return "C"
        return them[-1]
`;
const states = [{ name: "nice", move: "C", C: "nice", D: "angry" }, { name: "angry", move: "D", C: "nice", D: "angry" }];

async function setup() {
  const info = await cast();
  const state = await api(base);
  $("#class-name").textContent = state.name;
  $("#source").value = TEMPLATE;
  $("#opponent").replaceChildren(el("option", { value: "classmate" }, "A classmate"), ...info.cast.map((c) => el("option", { value: c.name }, c.name)));
  ["CC", "CD", "DC", "DD"].forEach((s, k) => $("#m1-sliders").append(el("label", {}, `after ${s}: `, el("b", { id: `m1-v${k}` }, "1")),
    el("input", { type: "range", min: 0, max: 1, step: 0.05, value: s[1] === "C" ? 1 : 0, id: `m1-${k}`, oninput: (e) => ($(`#m1-v${k}`).textContent = e.target.value) })));
  ["CC", "CD", "DC", "DD"].forEach((s) => $("#lu-table").append(el("div", { class: "row" }, el("span", { style: "width:120px" }, `they played ${s}`),
    el("select", { id: `lu-${s}` }, el("option", {}, s[1] === "C" ? "C" : "D"), el("option", {}, s[1] === "C" ? "D" : "C")))));
  drawMachine();
  $$(".tabs button").forEach((b) => (b.onclick = () => { tab = b.dataset.tab; $$(".tabs button").forEach((x) => x.classList.toggle("on", x === b)); $$("[data-pane]").forEach((p) => p.classList.toggle("hidden", p.dataset.pane !== tab)); }));
  $("#fsm-add").onclick = () => { states.push({ name: `state${states.length + 1}`, move: "C", C: states[0].name, D: states[0].name }); drawMachine(); };
  $("#join").onclick = join;
  $("#submit").onclick = submit;
  $("#play").onclick = play;
  $("#cooperate").onclick = () => move("C");
  $("#cheat").onclick = () => move("D");
  if (me) enter();
}

function drawMachine() {
  const names = states.map((s) => s.name);
  const pick = (s, key, options) => el("select", { onchange: (e) => { s[key] = e.target.value; } }, options.map((o) => el("option", { selected: s[key] === o }, o)));
  $("#fsm-table").replaceChildren(el("tr", {}, el("th", {}, "State"), el("th", {}, "Plays"), el("th", {}, "After C"), el("th", {}, "After D")),
    ...states.map((s) => el("tr", {}, el("td", {}, el("input", { value: s.name, style: "width:90px", onchange: (e) => { const old = s.name; s.name = e.target.value; states.forEach((x) => { if (x.C === old) x.C = s.name; if (x.D === old) x.D = s.name; }); drawMachine(); } })),
      el("td", {}, pick(s, "move", ["C", "D"])), el("td", {}, pick(s, "C", names)), el("td", {}, pick(s, "D", names)))));
}

async function join() {
  showError(null);
  try {
    me = await api(`${base}/students`, { name: $("#name").value });
    localStorage.setItem("student:" + code, JSON.stringify(me));
    enter();
  } catch (e) { showError(e); }
}

function enter() {
  $("#join-card").classList.add("hidden");
  $("#inside").classList.remove("hidden");
  $("#me").textContent = me.name;
  refresh(); setInterval(refresh, 1500);
}

function submission() {
  if (tab === "python") return { kind: "python", source: $("#source").value };
  if (tab === "memory_one") return { kind: tab, fields: { name: $("#m1-name").value, initial: $("#m1-first").value, four_vector: [0, 1, 2, 3].map((k) => Number($(`#m1-${k}`).value)) } };
  if (tab === "lookup") return { kind: tab, fields: { name: $("#lu-name").value, initial_actions: $("#lu-first").value.toUpperCase(), pattern: ["CC", "CD", "DC", "DD"].map((s) => $(`#lu-${s}`).value).join("") } };
  return { kind: tab, fields: { name: $("#fsm-name").value, states } };
}

async function submit() {
  showError(null);
  try { await api(`${base}/students/${me.id}/submission`, submission(), me.token); refresh(); } catch (e) { showError(e); }
}

async function play() {
  showError(null);
  try { drawGame(await api(`${base}/students/${me.id}/game`, { opponent: $("#opponent").value }, me.token)); } catch (e) { showError(e); }
}

async function move(m) {
  showError(null);
  try { drawGame(await api(`${base}/students/${me.id}/move`, { move: m }, me.token)); } catch (e) { showError(e); }
}

async function refresh() {
  try {
    const state = await api(`${base}/students/${me.id}`, undefined, me.token);
    const sub = state.submission;
    if (sub) {
      const head = sub.status === "checking" ? el("p", { class: "muted" }, "Checking your strategy…")
        : sub.status === "ok" ? el("p", { class: "ok" }, `Checked: ${sub.labels.join(", ")} ready to play.`)
        : el("p", { class: "bad" }, "Your strategy has a problem:");
      $("#verdict").replaceChildren(head, ...sub.verdict.flatMap((v) => v.problems.map((p) => el("p", { class: "bad" }, `${v.strategy}: ${p}`))));
    }
    drawGame(state.game);
    const results = state.class.results;
    if (results) {
      $("#results").replaceChildren(el("h3", {}, "Class ranking"), el("table", {}, results.leaderboard.map((r) => el("tr", {}, el("td", {}, r.rank), el("td", {}, r.name), el("td", { class: "num" }, r.score == null ? "-" : r.score.toFixed(3))))));
    }
  } catch (e) { showError(e); }
}

function drawGame(game) {
  if (!game) return;
  $("#board").classList.remove("hidden");
  $("#play").disabled = !game.done;
  if (game.waiting_for_partner) {
    $("#wait").textContent = "Waiting for a classmate to join your game…";
    $("#cooperate").disabled = $("#cheat").disabled = true;
    return;
  }
  $("#round").textContent = game.done ? `${game.rounds} (the last)` : game.rounds + 1;
  $("#against").textContent = game.kind === "human" ? `against ${game.opponent}` : "against a character";
  $("#you").replaceChildren(strip(game.you));
  $("#them").replaceChildren(strip(game.them));
  $("#score").textContent = game.score;
  $("#their-score").textContent = game.their_score;
  $("#cooperate").disabled = $("#cheat").disabled = game.done || !!game.waiting;
  $("#wait").textContent = game.waiting ? "Waiting for the other player's move…" : "";
  $("#summary").replaceChildren(...(game.done ? [words([game.character ? `You played ${game.character} (${game.opponent}).` : `You played ${game.opponent}.`, ...game.summary])] : []));
}
setup().catch(showError);
