/* The charts of report.html, drawn by the vendored Apache ECharts from the data embedded in the
   page (the JSON of tournament/io/report/charts.py). Each <div data-chart="NAME"> gets the chart
   built by CHARTS[NAME]; the charts are drawn one after the other so the page shows at once.
   When all are drawn, <body data-charts> is "drawn", or "failed: NAME, ..." if some could not be. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const FONT = '"DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif';
  // matplotlib's viridis and RdYlGn, as colour stops: the same colours as the PNG plots.
  const VIRIDIS = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779",
    "#6ece58", "#b5de2b", "#fde725"];
  const RDYLGN = ["#a50026", "#d73027", "#f46d43", "#fdae61", "#fee08b", "#ffffbf", "#d9ef8b",
    "#a6d96a", "#66bd63", "#1a9850", "#006837"];
  const BLUE = "#2a6f97", RED = "#d1495b", GREEN = "#2a9d3f", SLATE = "#4a5d70", GREY = "#dddddd";
  const STATES = [
    ["both cooperate (CC)", GREEN], ["suckered (CD)", "#f4a259"],
    ["exploiting (DC)", "#8e5ea2"], ["both defect (DD)", RED],
  ];
  const n = data.ranking.length;
  const mark = (k) => (data.forfeits[k] > 0 ? " \u26a0" : "");
  const ranked = data.ranking.map((i, k) => data.names[i] + mark(k));
  const numbered = ranked.map((name, k) => `${k + 1}. ${name}`);
  const labelSize = Math.max(9, Math.min(17, Math.floor(700 / Math.max(n, 1))));
  const rowHeight = n <= 30 ? 36 : Math.max(13, labelSize + 5);
  const AXIS = { fontSize: 16 };
  const NAME = { fontSize: 17 };
  const measure = document.createElement("canvas").getContext("2d");
  // The width in pixels of the longest of `labels` at `size`: the room their axis needs.
  function textWidth(labels, size) {
    measure.font = `${size}px ${FONT}`;
    return Math.ceil(Math.max(0, ...labels.map((text) => measure.measureText(text).width)));
  }
  const rankedWidth = textWidth(ranked, labelSize) + 14;
  const numberedWidth = textWidth(numbered, labelSize) + 14;
  // A chart narrower than this (a phone) gives its labels at most `room` pixels, cut with an
  // ellipsis (the tooltips name the player in full), and keeps the rest for the plot.
  const NARROW = 640;
  const narrow = (element) => element.clientWidth < NARROW;
  const room = (element) => (narrow(element) ? Math.max(90, Math.floor(0.36 * element.clientWidth)) : Infinity);
  const cut = (width) => (width === Infinity ? {} : { width, overflow: "truncate" });
  const fmt = (value, digits = 3) => (value === null || value === undefined ? "\u2013" : Number(value.toPrecision(digits)).toString());
  const esc = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

  function base(title, height, element) {
    const small = narrow(element);  // no PNG button: the title wraps across the whole width
    const fits = small ? { width: element.clientWidth - 16, overflow: "break", lineHeight: 18 } : {};
    return {
      height,
      option: {
        animation: false,
        textStyle: { fontFamily: FONT, fontSize: 16, color: "#1d2733" },
        title: {
          text: title, left: small ? 8 : "center", top: 6,
          textStyle: Object.assign({ fontSize: small ? 14 : 22, fontWeight: "bold" }, fits),
          subtextStyle: Object.assign({ fontSize: small ? 12 : 15 }, fits),
        },
        toolbox: { show: !small, right: 12, top: 6, feature: { saveAsImage: { title: "PNG", pixelRatio: 2 } } },
        tooltip: { confine: true, textStyle: { fontSize: 14 } },
      },
    };
  }

  function rankedAxis(labels, extra, width = Infinity) {
    return Object.assign({
      type: "category", data: labels, inverse: true,
      axisLabel: Object.assign({ fontSize: labelSize, interval: "auto" }, cut(width)), axisTick: { show: n <= 60 },
    }, extra);
  }

  function valueAxis(name, extra) {
    return Object.assign({
      type: "value", name, nameLocation: "middle", nameGap: 34, nameTextStyle: NAME,
      axisLabel: Object.assign({ showMinLabel: false, showMaxLabel: false, formatter: (v) => fmt(v) }, AXIS),
    }, extra);
  }

  function colourScale(colours, min, max, label, extra) {
    return Object.assign({
      type: "continuous", min, max, calculable: true, precision: 2, right: 10, top: "middle",
      itemHeight: 260, text: [label, ""], textGap: 12, textStyle: { fontSize: 15, lineHeight: 19 },
      inRange: { color: colours }, outOfRange: { color: GREY },
    }, extra);
  }

  function cells(matrix) {
    const out = [];
    matrix.forEach((row, i) => row.forEach((value, j) => { if (value !== null) out.push([j, i, value]); }));
    return out;
  }

  function scores(element) {
    const g = data.game;
    const top = 60, bottom = 70, small = narrow(element), width = room(element);
    const chart = base("Leaderboard and score distributions", top + n * rowHeight + bottom, element);
    const line = (value, text, color) => ({
      xAxis: value, lineStyle: { color, type: "dashed", width: 2 },
      label: { formatter: small ? text[0] : text, color, position: "start", fontSize: 14 },
    });
    Object.assign(chart.option, {
      dataset: [
        { source: data.scores },
        { fromDatasetIndex: 0, transform: { type: "boxplot", config: { itemNameFormatter: (p) => numbered[p.value] } } },
        { fromDatasetIndex: 1, fromTransformResult: 1 },
      ],
      grid: { left: Math.min(numberedWidth, width) + 10, right: small ? 16 : 50, top, bottom },
      yAxis: rankedAxis(numbered, { boundaryGap: true }, width),
      xAxis: valueAxis(small ? "score per turn" : "score per turn (mean over opponents), one value per repetition", {
        min: (v) => Math.min(v.min, g.P) - 0.05 * (g.R - g.P || 1),
        max: (v) => Math.max(v.max, g.R) + 0.05 * (g.R - g.P || 1),
      }),
      tooltip: { trigger: "item", confine: true },
      series: [
        {
          type: "boxplot", datasetIndex: 1, name: "score per turn",
          itemStyle: { color: "#cfe3f2", borderColor: BLUE, borderWidth: 2 },
          boxWidth: [4, Math.max(6, rowHeight * 0.6)],
          tooltip: {
            formatter: (p) => `<b>${esc(p.name)}</b><br>median ${fmt(p.value[3])}, quartiles ${fmt(p.value[2])} to ${fmt(p.value[4])}<br>whiskers ${fmt(p.value[1])} to ${fmt(p.value[5])}`,
          },
          markLine: {
            symbol: "none", silent: true,
            data: [line(g.R, "R: mutual cooperation", GREEN), line(g.P, "P: mutual defection", RED)],
          },
        },
        { type: "scatter", datasetIndex: 2, name: "outlier", encode: { x: 1, y: 0 }, itemStyle: { color: "white", borderColor: BLUE } },
      ],
    });
    return chart;
  }

  function heatmap(element, title, matrix, colours, min, max, scaleLabel) {
    const zoomed = n > 40, small = narrow(element), width = room(element);
    const left = Math.min(rankedWidth, width) + (small ? 12 : 40), top = 60;
    const side = small  // the colour scale goes below
      ? Math.max(140, element.clientWidth - left - (zoomed ? 40 : 12))
      : Math.max(420, Math.min(element.clientWidth - left - 200, 1000, 44 * n));
    const labels = Math.ceil(Math.min(rankedWidth, width) * 0.87);
    const below = labels + 44 + (zoomed ? 30 : 0) + (small ? 70 + (zoomed ? 40 : 0) : 0);  // the scale above the slider
    const font = small ? Math.max(8, Math.min(labelSize, Math.floor(side / n) - 2)) : labelSize;
    const chart = base(title, top + side + below, element);
    Object.assign(chart.option, {
      grid: { left, top, width: side, height: side, show: true, backgroundColor: GREY, borderWidth: 0 },
      xAxis: {
        type: "category", data: ranked, name: "opponent", nameLocation: "middle", nameGap: labels + 8, nameTextStyle: NAME,
        axisLabel: Object.assign({ fontSize: font, rotate: 60, interval: "auto", hideOverlap: true }, cut(width)),
        axisTick: { show: n <= 60 },
      },
      yAxis: small
        ? rankedAxis(ranked, { axisLabel: Object.assign({ fontSize: font, interval: "auto" }, cut(width)) })
        : rankedAxis(ranked, { name: "player (ranked)", nameLocation: "middle", nameGap: rankedWidth + 6, nameTextStyle: NAME }),
      visualMap: colourScale(colours, min, max, scaleLabel, small
        ? { orient: "horizontal", left: "center", right: null, top: top + side + labels + 44 + (zoomed ? 30 : 0), itemHeight: Math.min(260, element.clientWidth - 140), text: ["", ""], textStyle: { fontSize: 12 } }
        : { left: left + side + (zoomed ? 60 : 30), right: null }),
      dataZoom: zoomed ? [
        { type: "inside", xAxisIndex: 0 }, { type: "inside", yAxisIndex: 0 },
        { type: "slider", xAxisIndex: 0, bottom: 6, height: 18, left, width: side, labelFormatter: "" },
        { type: "slider", yAxisIndex: 0, left: left + side + 14, width: 18, top, height: side, labelFormatter: "" },
      ] : [],
      tooltip: { formatter: (p) => `${esc(ranked[p.value[1]])}<br>against ${esc(ranked[p.value[0]])}: <b>${fmt(p.value[2])}</b>` },
      series: [{
        type: "heatmap", data: cells(matrix),
        label: { show: n <= 14, fontSize: 15, formatter: (p) => fmt(p.value[2], 2) },
        emphasis: { itemStyle: { borderColor: "#000", borderWidth: 1 } },
      }],
    });
    return chart;
  }

  function payoffHeatmap(element) {
    const g = data.game;
    const values = [g.R, g.S, g.T, g.P];
    return heatmap(element, "Payoff per turn: row against column", data.payoff, VIRIDIS,
      Math.min(...values), Math.max(...values), "score per turn");
  }

  function cooperationHeatmap(element) {
    return heatmap(element, "Cooperation: how often row cooperated with column", data.cooperation,
      RDYLGN, 0, 1, "cooperation rate");
  }

  function cooperationByTurn(element) {
    const t = data.by_turn;
    const turns = t.turns.map(String);
    const row = n <= 30 ? 24 : Math.max(4, Math.min(labelSize + 3, Math.floor(1200 / n)));
    const strip = t.per_player ? n * row : 0;
    const small = narrow(element), width = room(element);
    const left = small ? Math.min(rankedWidth, width) + 10 : Math.max(rankedWidth + 20, 90), top = 86, lineHeight = 240;
    const right = small ? 70 : 150;
    const chart = base(t.drop === null ? "Cooperation by turn" : `Cooperation by turn (end-game drop ${t.drop >= 0 ? "+" : ""}${t.drop.toFixed(3)})`,
      top + lineHeight + (strip ? strip + 20 : 0) + 64, element);
    const line = {
      type: "line", data: t.rate, xAxisIndex: 0, yAxisIndex: 0, showSymbol: false, name: "all players",
      lineStyle: { width: 3, color: "#000" }, itemStyle: { color: "#000" },
    };
    if (t.window !== null && t.fixed_length !== null) {
      const at = (turn) => String(Math.max(turn, t.turns[0]));
      const last = t.fixed_length - t.window + 1;
      chart.option.title.subtext = `shaded: the last ${t.window} turns (red) and the ${t.window} before (blue)`;
      line.markArea = {
        silent: true,
        data: [
          [{ xAxis: at(last - t.window), itemStyle: { color: "rgba(42,111,151,0.15)" } }, { xAxis: at(last - 1) }],
          [{ xAxis: at(last), itemStyle: { color: "rgba(209,73,91,0.22)" } }, { xAxis: String(t.fixed_length) }],
        ],
      };
    }
    const grids = [{ left, right, top, height: lineHeight }];
    const xAxes = [{ type: "category", data: turns, gridIndex: 0, axisLabel: Object.assign({ show: !strip }, AXIS) }];
    const yAxes = [valueAxis("all players", { min: 0, max: 1, gridIndex: 0, nameGap: 48, axisLabel: AXIS })];
    const series = [line];
    if (strip) {
      grids.push({ left, right, top: top + lineHeight + 20, height: strip, show: true, backgroundColor: GREY, borderWidth: 0 });
      xAxes.push({ type: "category", data: turns, gridIndex: 1, axisLabel: AXIS });
      yAxes.push(rankedAxis(ranked, { gridIndex: 1 }, width));
      series.push({ type: "heatmap", data: cells(t.per_player), xAxisIndex: 1, yAxisIndex: 1, name: "each player" });
      chart.option.visualMap = colourScale(RDYLGN, 0, 1, small ? "" : "cooperation rate", { seriesIndex: 1, top: top + lineHeight + 40 });
    }
    Object.assign(xAxes[xAxes.length - 1], {
      name: t.fixed_length === null && !small ? "turn (turns reached by at least 5% of matches)" : "turn",
      nameLocation: "middle", nameGap: 32, nameTextStyle: NAME,
    });
    Object.assign(chart.option, {
      grid: grids, xAxis: xAxes, yAxis: yAxes, series,
      tooltip: {
        trigger: "item", confine: true,
        formatter: (p) => (p.seriesType === "heatmap"
          ? `${esc(ranked[p.value[1]])}, turn ${turns[p.value[0]]}: <b>${fmt(p.value[2])}</b>`
          : `turn ${p.name}: <b>${fmt(p.value)}</b> of moves were C`),
      },
    });
    return chart;
  }

  function polygon(points, style, name) {
    return {
      type: "custom", name, silent: true, data: [0], z: 1, itemStyle: { color: style.fill },
      renderItem: (params, api) => ({ type: "polygon", shape: { points: points.map((p) => api.coord(p)) }, style }),
    };
  }

  function feasibleRegion(element) {
    const g = data.game;
    const values = [g.R, g.S, g.T, g.P];
    const low = Math.min(...values), high = Math.max(...values);
    const pad = 0.06 * (high - low || 1);
    const v = data.minmax;
    const small = narrow(element);
    const left = small ? 62 : 80, top = small ? 110 : 76;
    const side = small ? Math.max(200, element.clientWidth - left - 24) : Math.max(300, Math.min(800, element.clientWidth - left - 260));
    const share = data.rational_share === null ? "" : ` (${Math.round(100 * data.rational_share)}% individually rational)`;
    const chart = base(`Pairs in the feasible region${share}`, top + side + (small ? 140 : 60), element);
    const p = data.pairs;
    const points = p.x.map((x, k) => [x, p.y[k], p.mutual[k], p.a[k], p.b[k]]);
    const axis = (name) => valueAxis(name, { min: low - pad, max: high + 3 * pad, nameGap: small ? 26 : 34 });
    const both = (text) => (small ? "" : text);
    const outcomes = [[g.R, g.R, `(R, R)${both(" both cooperate")}`, "right"], [g.S, g.T, "(S, T)", "right"], [g.T, g.S, "(T, S)", "top"], [g.P, g.P, `(P, P)${both(" both defect")}`, "bottom"]];
    const series = [];
    if (data.hull.length >= 3) series.push(polygon(data.hull, { fill: "#e8eef4", stroke: SLATE, lineWidth: 2.5 }, "feasible payoffs"));
    if (data.rational.length >= 3) series.push(polygon(data.rational, { fill: "rgba(42,157,63,0.18)" }, "individually rational"));
    series.push({
      type: "scatter", name: "pairs", data: points, symbolSize: points.length > 400 ? 7 : 13, z: 3,
      itemStyle: { borderColor: "#000", borderWidth: 0.8 },
      tooltip: { formatter: (q) => `${esc(data.names[q.value[3]])} (${fmt(q.value[0])})<br>and ${esc(data.names[q.value[4]])} (${fmt(q.value[1])})<br>mutual cooperation ${fmt(q.value[2])}` },
      markLine: {
        symbol: "none", silent: true, lineStyle: { color: RED, type: "dashed", width: 2 },
        label: { formatter: `minmax = ${fmt(v)}`, color: RED, position: small ? "insideEndTop" : "end", fontSize: small ? 12 : 14 },
        data: [{ xAxis: v }, { yAxis: v }],
      },
    });
    series.push({
      type: "scatter", name: "outcomes", silent: true, z: 2, symbolSize: 9, itemStyle: { color: SLATE },
      data: outcomes.map(([x, y, text, where]) => ({ value: [x, y], label: { show: true, formatter: text, position: where, color: SLATE, fontSize: 15 } })),
    });
    Object.assign(chart.option, {
      grid: { left, top, width: side, height: side },
      xAxis: axis(small ? "first player's payoff" : "payoff per turn of the first player"),
      yAxis: axis(small ? "second player's payoff" : "payoff per turn of the second player"),
      legend: { top: small ? 52 : 40, left: small ? 8 : left, data: ["feasible payoffs", "individually rational"], textStyle: { fontSize: small ? 12 : 15 } },
      visualMap: colourScale(RDYLGN, 0, 1, "mutual cooperation\nrate of the pair", Object.assign(
        { seriesIndex: series.length - 2, dimension: 2 },
        small  // below the plot, across
          ? { orient: "horizontal", left: "center", right: null, top: top + side + 50, itemHeight: Math.min(260, element.clientWidth - 140), text: ["", ""], textStyle: { fontSize: 12 } }
          : { left: left + side + 50, right: null },
      )),
      series,
    });
    return chart;
  }

  function stateDistribution(element) {
    const top = 60, bottom = 110, small = narrow(element), width = room(element);
    const chart = base("Outcomes of each player's matches", top + n * rowHeight + bottom, element);
    Object.assign(chart.option, {
      grid: { left: Math.min(numberedWidth, width) + 10, right: small ? 16 : 50, top, bottom },
      yAxis: rankedAxis(numbered, {}, width),
      xAxis: valueAxis(small ? "share of turns" : "share of turns, from the player's side (own move first)", { min: 0, max: 1, axisLabel: AXIS }),
      legend: { bottom: 8, itemGap: small ? 8 : 24, textStyle: { fontSize: small ? 12 : 15 } },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true, valueFormatter: (v) => fmt(v) },
      series: STATES.map(([name, color], k) => ({
        type: "bar", stack: "outcomes", name, barWidth: "75%", itemStyle: { color },
        data: data.outcomes.map((row) => row[k]),
      })),
    });
    return chart;
  }

  function fourVectors(element) {
    const columns = narrow(element)
      ? ["CC", "CD", "DC", "DD"]
      : ["after CC", "after CD\n(suckered)", "after DC\n(exploiting)", "after DD"];
    const row = n <= 30 ? 40 : rowHeight;
    const small = narrow(element), labels = room(element);
    const left = Math.min(rankedWidth, labels) + 10, top = 110;
    const width = small ? Math.max(160, element.clientWidth - left - 60) : Math.max(300, Math.min(element.clientWidth - left - 240, 640));
    const chart = base("Reply to the last turn: P(cooperate | outcome)", top + n * row + 20, element);
    Object.assign(chart.option, {
      grid: { left, top, width, height: n * row, show: true, backgroundColor: GREY, borderWidth: 0 },
      xAxis: { type: "category", position: "top", data: columns, axisLabel: small ? { fontSize: 11, lineHeight: 14 } : Object.assign({ lineHeight: 19 }, AXIS) },
      yAxis: rankedAxis(ranked, {}, labels),
      visualMap: colourScale(RDYLGN, 0, 1, small ? "" : "P(cooperate)\ngrey: never happened", { left: left + width + (small ? 10 : 40), right: null, top }),
      tooltip: { formatter: (p) => `${esc(ranked[p.value[1]])}, ${columns[p.value[0]].split("\n")[0]}: <b>${fmt(p.value[2])}</b>` },
      series: [{ type: "heatmap", data: cells(data.four_vectors), label: { show: n <= 30, fontSize: small ? 11 : 15, formatter: (p) => p.value[2].toFixed(2) } }],
    });
    return chart;
  }

  // A spatial tournament's network: nodes coloured by mean score, sized by opponents, edges as played.
  function network(element) {
    const net = data.network;
    const count = data.names.length;
    const side = narrow(element) ? element.clientWidth : Math.max(460, Math.min(element.clientWidth - 40, 900));
    const chart = base(net.description, side, element);
    const known = net.scores.filter((v) => v !== null);
    const low = Math.min(...known), high = Math.max(...known);
    const big = Math.max(...net.degree, 1);
    Object.assign(chart.option, {
      visualMap: colourScale(VIRIDIS, low, high === low ? low + 1e-9 : high, "score per turn", { seriesIndex: 0 }),
      tooltip: {
        confine: true,
        formatter: (p) => (p.dataType === "edge"
          ? `${esc(data.names[p.data.source])} \u2013 ${esc(data.names[p.data.target])}`
          : `<b>${esc(p.data.name)}</b><br>score per turn ${fmt(p.data.value)}<br>opponents ${net.degree[p.dataIndex]}`),
      },
      series: [{
        // the places of the PNG (networkx, seeded, in [-1, 1]), y upwards as there; scaled to
        // pixels, as a graph's own coordinates are drawn out of shape when they are that small
        type: "graph", layout: "none", aspectScale: 1, roam: true, top: 60, bottom: 30, left: "center",
        data: data.names.map((name, i) => ({
          id: String(i), name, value: net.scores[i], x: 1000 * net.positions[i][0], y: -1000 * net.positions[i][1],
          symbolSize: 10 + 16 * Math.sqrt(net.degree[i] / big),
          label: { show: count <= 30, position: "right", fontSize: 13 },
        })),
        edges: net.edges.map(([a, b]) => ({ source: String(a), target: String(b) })),
        lineStyle: { color: "#9aa8b5", width: count <= 60 ? 1.5 : 0.8, opacity: 0.8 },
        emphasis: { focus: "adjacency", lineStyle: { width: 3 } },
      }],
    });
    return chart;
  }

  // One box per player from five numbers computed in Python (low end, lower quartile, middle,
  // upper quartile, high end), in the order of `names`; `describe` is a box's tooltip.
  function boxRows(element, title, names, boxes, axisName, seriesName, describe) {
    const top = 60, bottom = 70, width = room(element);
    const chart = base(title, top + names.length * rowHeight + bottom, element);
    Object.assign(chart.option, {
      grid: { left: Math.min(textWidth(names, labelSize), width) + 24, right: narrow(element) ? 16 : 50, top, bottom },
      yAxis: { type: "category", data: names, inverse: true, axisLabel: Object.assign({ fontSize: labelSize }, cut(width)), axisTick: { show: n <= 60 } },
      xAxis: valueAxis(axisName, { scale: true }),
      tooltip: { trigger: "item", confine: true },
      series: [{
        type: "boxplot", name: seriesName, data: boxes.map((box) => (box.includes(null) ? [] : box)),
        itemStyle: { color: "#cfe3f2", borderColor: BLUE, borderWidth: 2 },
        boxWidth: [4, Math.max(6, rowHeight * 0.6)],
        tooltip: { formatter: (p) => `<b>${esc(p.name)}</b><br>${describe(p)}` },
      }],
    });
    return chart;
  }

  // axelrod's winplot, sdvplot and lengthplot: minimum, quartiles, median and maximum.
  function boxes(key, element) {
    const d = data.distributions[key];
    return boxRows(element, d.title, d.names, d.boxes, d.axis, d.title,
      (p) => `median ${fmt(p.value[3])}, quartiles ${fmt(p.value[2])} to ${fmt(p.value[4])}<br>from ${fmt(p.value[1])} to ${fmt(p.value[5])}`);
  }

  // The bootstrap's intervals: one bar per player from the low to the high end of its mean
  // score's interval, the mean as the line across it, players in rank order.
  function intervals(element) {
    const d = data.intervals;
    const level = Math.round(d.level * 100);
    return boxRows(element, `Mean score per turn with its ${level}% interval`, d.names, d.boxes, "mean score per turn", "interval",
      (p) => `mean ${fmt(p.value[3])}, ${level}% interval ${fmt(p.value[1])} to ${fmt(p.value[5])}<br>first in ${fmt(100 * d.p_first[p.dataIndex])}% of resamples`);
  }

  // axelrod's pdplot: mean score difference per turn, row minus column, on a scale centred on 0.
  function payoffDifferences(element) {
    const d = data.distributions.payoff_differences;
    const bound = Math.max(1e-9, ...d.matrix.flat().filter((v) => v !== null).map(Math.abs));
    return heatmap(element, d.title, d.matrix, RDYLGN, -bound, bound, "score difference\nper turn");
  }

  const CHARTS = {
    network, scores, payoff_heatmap: payoffHeatmap, cooperation_heatmap: cooperationHeatmap,
    cooperation_by_turn: cooperationByTurn, feasible_region: feasibleRegion,
    state_distribution: stateDistribution, four_vectors: fourVectors,
    wins: (element) => boxes("wins", element), score_differences: (element) => boxes("score_differences", element),
    payoff_differences: payoffDifferences, match_lengths: (element) => boxes("match_lengths", element),
    intervals,
  };
  const drawn = [];
  const failed = [];
  window.addEventListener("error", (event) => failed.push(`script error: ${event.message}`));

  // A narrow chart keeps the plot where its builder put it (ECharts would shrink the plot until
  // every label fits at full length: `outerBoundsMode`) and cuts an axis name longer than the
  // chart with an ellipsis.
  function fitNarrow(option, element) {
    if (!narrow(element)) return;
    for (const grid of [].concat(option.grid || [])) grid.outerBoundsMode = "none";
    for (const axes of [option.xAxis, option.yAxis]) {
      for (const axis of [].concat(axes || [])) {
        if (axis.name) axis.nameTextStyle = Object.assign({}, axis.nameTextStyle, { width: element.clientWidth - 40, overflow: "truncate" });
      }
    }
  }

  function draw(element) {
    const name = element.dataset.chart;
    try {
      const chart = CHARTS[name](element);
      fitNarrow(chart.option, element);
      element.style.height = `${chart.height}px`;
      const instance = echarts.init(element, null, { renderer: "canvas" });
      instance.setOption(chart.option);
      drawn.push(instance);
      element.dataset.drawn = "yes";
    } catch (error) {
      failed.push(name);
      element.dataset.drawn = "failed";
      element.textContent = `This chart could not be drawn: ${error}`;
    }
  }

  const pending = Array.from(document.querySelectorAll("[data-chart]"));
  function next() {
    const element = pending.shift();
    if (element === undefined) {
      document.body.dataset.charts = failed.length ? `failed: ${failed.join(", ")}` : "drawn";
      return;
    }
    draw(element);
    setTimeout(next, 0);
  }
  window.addEventListener("resize", () => drawn.forEach((chart) => chart.resize()));
  next();
})();
