// The teacher's page: the join code, the tournament's settings and button, the monitor.
"use strict";
const code = location.pathname.split("/").pop();
if (location.hash.length > 1) { localStorage.setItem("teacher:" + code, location.hash.slice(1)); history.replaceState(null, "", location.pathname); }
const token = localStorage.getItem("teacher:" + code);
const chosen = new Set(["Copycat", "Always Cheat", "Always Cooperate", "Grudger", "Detective"]);
const RANGES = ["turns", "repetitions", "noise", "generations"];

async function setup() {
  const info = await cast();
  $("#code").textContent = code;
  $("#room").textContent = `${location.origin}/room/${code}`;
  $("#projector-link").href = `/projector/${code}`;
  chips($("#cast"), info.cast.map((c) => c.name), chosen);
  RANGES.forEach((id) => { const show = () => ($(`#${id}-value`).textContent = id === "noise" ? Math.round(100 * $("#" + id).value) + "%" : $("#" + id).value); $("#" + id).oninput = show; show(); });
  $("#run").onclick = run;
  if (!token) showError("This browser does not hold the teacher's token for this class: open the link you got when you opened it.");
  refresh(); setInterval(refresh, 2000);
}

async function run() {
  showError(null);
  const value = (id) => Number($("#" + id).value);
  try {
    await api(`/api/classes/${code}/run`, { cast: CAST.cast.map((c) => c.name).filter((n) => chosen.has(n)), turns: value("turns"), repetitions: value("repetitions"), noise: value("noise"), generations: value("generations") }, token);
    refresh();
  } catch (e) { showError(e); }
}

async function refresh() {
  try {
    const [state, monitor] = await Promise.all([api(`/api/classes/${code}`), api(`/api/classes/${code}/monitor`, undefined, token)]);
    $("#status").textContent = { open: "", playing: "playing…", evolving: "evolving…", done: "done", failed: "failed: see the projector" }[state.status] || state.status;
    $("#run").disabled = state.status === "playing" || state.status === "evolving";
    const ready = state.results && state.status !== "playing";
    $("#download").classList.toggle("hidden", !ready);
    $("#download").href = `/api/classes/${code}/results.zip?token=${encodeURIComponent(token)}`;
    $("#monitor").replaceChildren($("#monitor tr"), ...monitor.students.map((s) => el("tr", {},
      el("td", {}, s.name), el("td", {}, s.where), el("td", { class: "num" }, s.games),
      el("td", {}, s.verdict == null ? "" : s.verdict.every((v) => v.ok) && s.verdict.length ? el("span", { class: "ok" }, "ok") : el("span", { class: "bad", title: s.verdict.flatMap((v) => v.problems).join("\n") }, s.verdict.length ? "problems" : "checking")))));
    $("#games").textContent = `${monitor.games.length} human game(s) played; they are in the results zip (human_games.csv).`;
  } catch (e) { showError(e); }
}
setup().catch(showError);
