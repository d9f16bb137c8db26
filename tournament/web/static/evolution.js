// Lesson 4: an eliminate-and-clone evolution on the engine, animated generation by generation.
"use strict";
const SLIDERS = ["turns", "noise", "R", "T", "S", "P", "eliminate", "generations"];
let run = null, frame = 0, timer = null;

function label(id) {
  const v = Number($("#" + id).value);
  $(`#${id}-value`).textContent = id === "noise" ? Math.round(100 * v) + "%" : v;
}

async function setup() {
  const info = await cast();
  for (const [key, preset] of Object.entries(info.presets)) $("#preset").append(el("option", { value: key }, preset.title));
  $("#preset").append(el("option", { value: "" }, "Your own population"));
  $("#counts").replaceChildren(...info.cast.map((c) => el("div", { class: "row" },
    el("i", { class: "dot", style: `background:${c.colour}` }), el("span", { style: "flex:1" }, c.name),
    el("input", { type: "number", min: 0, max: 60, value: 0, "data-name": c.name, style: "width:80px", "aria-label": `${c.name} count` }))));
  $("#preset").onchange = () => applyPreset($("#preset").value);
  const params = new URLSearchParams(location.search);
  applyPreset(params.get("preset") || "trust");
  SLIDERS.forEach((id) => { $("#" + id).oninput = () => label(id); label(id); });
  $("#run").onclick = start;
  $("#play").onclick = play; $("#pause").onclick = pause;
  $("#step").onclick = () => { pause(); show(Math.min(frame + 1, run.frames.length - 1)); };
  $("#reset").onclick = () => { pause(); show(0); };
}

function applyPreset(key) {
  $("#preset").value = key;
  const preset = CAST.presets[key];
  if (!preset) return;
  $$("#counts input").forEach((input) => (input.value = preset.population[input.dataset.name] || 0));
  $("#noise").value = preset.noise;
  SLIDERS.forEach(label);
}

async function start() {
  showError(null); pause();
  const population = {};
  $$("#counts input").forEach((input) => { if (Number(input.value) > 0) population[input.dataset.name] = Number(input.value); });
  const value = (id) => Number($("#" + id).value);
  try {
    run = await api("/api/lessons/evolution", {
      population, turns: value("turns"), noise: value("noise"), eliminate: value("eliminate"),
      generations: value("generations"), seed: value("seed"),
      payoffs: { R: value("R"), S: value("S"), T: value("T"), P: value("P") },
    });
    ["play", "pause", "step", "reset"].forEach((id) => ($("#" + id).disabled = false));
    $("#summary").replaceChildren();
    show(0); play();
  } catch (e) { showError(e); }
}

function show(t) {
  frame = t;
  $("#generation").textContent = `${t} of ${run.frames.length - 1}`;
  stack($("#population"), run.names, run.colours, run.frames[t]);
  drawHistory($("#history"), run.colours, run.frames, t, run.frames.length - 1);
  if (t === run.frames.length - 1) { pause(); $("#summary").replaceChildren(words(run.words)); }
}
function play() { pause(); timer = setInterval(() => (frame < run.frames.length - 1 ? show(frame + 1) : pause()), 350); }
function pause() { clearInterval(timer); timer = null; }
setup().catch(showError);
