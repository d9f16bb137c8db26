// The projector: the roster, the live leaderboard and the evolution, from the class's event stream.
"use strict";
const code = location.pathname.split("/").pop();
let evo = null;

function roster(data) {
  const names = data.students.map((s) => el("span", { class: "chip" }, el("i", { class: "dot", style: `background:${s.status === "ok" ? "var(--c)" : s.status === "failed" ? "var(--d)" : "#ccc"}` }), s.name));
  $("#roster").replaceChildren(...(names.length ? [el("div", { class: "cast" }, names)] : ["Nobody yet."]));
}

const handlers = {
  roster,
  started(data) {
    $("#stage").textContent = `The tournament: ${data.players.length} players`;
    $("#final").replaceChildren(); $("#words").replaceChildren(); $("#evolution").classList.add("hidden");
    $("#progress").textContent = data.left_out.length ? `Left out: ${data.left_out.join("; ")}` : "";
  },
  progress(data) { $("#progress").textContent = `Played ${data.done} of ${data.total} games`; },
  standings(data) {
    $("#progress").textContent = `Matches revealed: ${data.played} of ${data.matches} (points per round so far)`;
    bars($("#standings"), data.rows.map((r) => ({ name: r.name, value: r.score })), (v) => v.toFixed(2));
  },
  leaderboard(data) {
    $("#stage").textContent = "Final ranking";
    $("#standings").replaceChildren();
    $("#progress").textContent = "Ranked by the median over repetitions of the points per round, as ipd run ranks.";
    $("#final").replaceChildren(el("table", { id: "leaderboard" },
      el("tr", {}, el("th", {}, "#"), el("th", {}, "Player"), el("th", { class: "num" }, "Points per round"), el("th", { class: "num" }, "Cooperation")),
      data.leaderboard.map((r) => el("tr", {}, el("td", {}, r.rank), el("td", {}, r.name), el("td", { class: "num" }, r.score == null ? "-" : r.score.toFixed(3)), el("td", { class: "num" }, Math.round(100 * r.cooperation) + "%")))));
  },
  evolution(data) {
    evo = { names: data.names, colours: data.names.map((n) => colourOf(n)), frames: [data.counts] };
    $("#evolution").classList.remove("hidden");
    $("#left-out").textContent = data.left_out.length ? `Left out of the evolution: ${data.left_out.join(", ")}.` : "";
    draw();
  },
  generation(data) { if (evo) { evo.frames[data.generation] = data.counts; draw(); } },
  evolved(data) { evo.frames = data.frames; draw(); $("#words").replaceChildren(words(data.words)); },
  status(data) { if (data.status === "failed") showError(new Error(data.error)); },
};

function draw() {
  const t = evo.frames.length - 1;
  $("#generation").textContent = `Generation ${t}`;
  stack($("#population"), evo.names, evo.colours, evo.frames[t]);
  drawHistory($("#history"), evo.colours, evo.frames, t, Math.max(t, 25));
}

async function setup() {
  await cast();
  const state = await api(`/api/classes/${code}`);
  $("#class-name").textContent = state.name;
  $("#code").textContent = $("#big-code").textContent = code;
  $("#room").textContent = `${location.origin}/room/${code}`;
  const source = new EventSource(`/api/classes/${code}/events`);
  for (const [kind, handle] of Object.entries(handlers)) source.addEventListener(kind, (event) => handle(JSON.parse(event.data)));
}
setup().catch(showError);
