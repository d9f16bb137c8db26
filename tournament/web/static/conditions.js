// Lesson 5: repetition, a non-zero-sum game and little noise, each one slider; thresholds swept on the server.
"use strict";
const TITLES = { repetition: "Repeated interactions", payoffs: "A non-zero-sum game", noise: "Little miscommunication" };

async function setup() {
  const info = await cast();
  for (const [key, condition] of Object.entries(info.conditions)) {
    const preset = info.presets[condition.preset];
    const values = condition.values;
    const shown = (v) => (condition.setting === "noise" ? `${Math.round(v * 100)}%` : String(v));
    const start = key === "repetition" ? values.length - 1 : key === "payoffs" ? values.length - 1 : 3;
    const card = el("div", { class: "card", id: "condition-" + key },
      el("h3", {}, TITLES[key]),
      el("p", { class: "muted" }, `Population: ${preset.title}.`),
      el("label", {}, `${condition.label}: `, el("b", { class: "value" }, shown(values[start]))),
      el("input", { type: "range", min: 0, max: values.length - 1, value: start, class: "slider", "aria-label": condition.label }),
      el("div", { class: "population" }),
      el("div", { class: "result" }),
      el("div", { class: "row" }, el("button", { class: "primary sweep" }, "Find the threshold")),
      el("div", { class: "sweep-result" }));
    $("#conditions").append(card);
    const slider = $(".slider", card);
    let pending = null;
    slider.oninput = () => {
      $(".value", card).textContent = shown(values[slider.value]);
      clearTimeout(pending);
      pending = setTimeout(() => runAt(key, condition, preset, values[slider.value], card), 150);
    };
    $(".sweep", card).onclick = () => sweep(key, card);
    runAt(key, condition, preset, values[start], card);
  }
}

async function runAt(key, condition, preset, value, card) {
  const body = { population: preset.population, noise: preset.noise };
  if (condition.setting === "R") body.payoffs = { R: value, S: -1, T: 3, P: 0 };
  else body[condition.setting] = value;
  try {
    const run = await api("/api/lessons/evolution", body);
    stack($(".population", card), run.names, run.colours, run.frames[run.frames.length - 1]);
    $(".result", card).replaceChildren(words(run.words.slice(0, 1)));
  } catch (e) { showError(e); }
}

async function sweep(key, card) {
  const button = $(".sweep", card);
  button.disabled = true; button.textContent = "Sweeping…";
  try {
    const result = await api("/api/lessons/sweep", { condition: key, seeds: 5 });
    const table = el("table", {}, el("tr", {}, el("th", {}, result.label), el("th", {}, "usually ends with"), el("th", { class: "num" }, "runs")),
      result.rows.map((r) => el("tr", {}, el("td", {}, String(r.value)), el("td", {}, r.winner), el("td", { class: "num" }, `${r.runs}/${result.seeds}`))));
    $(".sweep-result", card).replaceChildren(table, words(result.words));
  } catch (e) { showError(e); }
  button.disabled = false; button.textContent = "Find the threshold";
}
setup().catch(showError);
