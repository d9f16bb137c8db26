// Shared helpers of the classroom pages: JSON calls, elements, move strips, bars, charts.
"use strict";
const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "style") node.style.cssText = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== false && value != null) node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child != null) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, body, token) {
  const options = { method: body === undefined ? "GET" : "POST", headers: {} };
  if (body !== undefined) { options.body = JSON.stringify(body); options.headers["Content-Type"] = "application/json"; }
  if (token) options.headers["X-Token"] = token;
  const response = await fetch(path, options);
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function showError(error, where = "#error") {
  const box = $(where);
  if (box) box.textContent = error ? (error.message || String(error)) : "";
}

function strip(moves) {
  return el("div", { class: "strip" }, [...moves].map((m) => el("span", { class: `mv ${m}`, title: m === "C" ? "cooperate" : "cheat" }, m)));
}

function words(lines) {
  return el("div", { class: "words" }, lines.map((line) => el("p", {}, line)));
}

let CAST = null;
async function cast() {
  if (!CAST) CAST = await api("/api/cast");
  return CAST;
}
function colourOf(name, fallback = "#868e96") {
  const found = CAST && CAST.cast.find((c) => c.name === name || c.strategy === name);
  if (found) return found.colour;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return fallback === null ? null : `hsl(${hash % 360} 55% 50%)`;
}

// Horizontal bars: rows [{name, value, label}], scaled to the largest |value|.
function bars(root, rows, format = (v) => v.toFixed(2)) {
  const top = Math.max(1e-9, ...rows.map((r) => Math.abs(r.value)));
  root.replaceChildren(...rows.map((r) => el("div", { class: "bar" },
    el("span", { class: "name", title: r.name }, r.name),
    el("div", {}, el("div", { class: "fill", style: `width:${(100 * Math.abs(r.value)) / top}%;background:${r.colour || colourOf(r.name)}` })),
    el("span", { class: "num" }, r.label ?? format(r.value)))));
}

// A population as one stacked bar and its legend.
function stack(root, names, colours, counts) {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  root.replaceChildren(
    el("div", { class: "stack" }, names.map((n, k) => el("div", { title: `${n}: ${counts[k]}`, style: `flex-grow:${counts[k]};background:${colours[k]}` }))),
    el("div", { class: "legend" }, names.map((n, k) => el("span", {}, el("i", { class: "dot", style: `background:${colours[k]}` }), `${n} ${counts[k]} (${Math.round((100 * counts[k]) / total)}%)`))));
}

// The population by generation so far, as stacked areas on a canvas.
function drawHistory(canvas, colours, frames, upTo, generations) {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth, h = canvas.clientHeight;
  canvas.width = w * ratio; canvas.height = h * ratio;
  const g = canvas.getContext("2d");
  g.scale(ratio, ratio);
  g.clearRect(0, 0, w, h);
  const total = frames[0].reduce((a, b) => a + b, 0);
  const x = (t) => (t / Math.max(1, generations)) * w;
  for (let k = colours.length - 1; k >= 0; k--) {
    g.beginPath();
    for (let t = 0; t <= upTo; t++) {
      const below = frames[t].slice(0, k + 1).reduce((a, b) => a + b, 0);
      g.lineTo(x(t), h - (below / total) * h);
    }
    g.lineTo(x(upTo), h); g.lineTo(0, h); g.closePath();
    g.fillStyle = colours[k]; g.fill();
  }
}

function chips(root, names, chosen, onChange) {
  root.replaceChildren(...names.map((name) => {
    const chip = el("button", { class: `chip${chosen.has(name) ? " on" : ""}`, type: "button", onclick: () => {
      chosen.has(name) ? chosen.delete(name) : chosen.add(name);
      chip.classList.toggle("on");
      onChange && onChange();
    } }, el("i", { class: "dot", style: `background:${colourOf(name)}` }), name);
    return chip;
  }));
}
