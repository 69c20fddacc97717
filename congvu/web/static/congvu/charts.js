/* The dashboard's charts (/tong-hop/), drawn with the vendored Chart.js from the data the page passes
   with json_script (the CSP allows no inline script), and the period form's fields shown by kind. */
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  var NAVY = "#1d3557", GREEN = "#2a9d8f", RED = "#c0392b";
  var PALETTE = ["#1d3557", "#457b9d", "#2a9d8f", "#8ab17d", "#e9c46a", "#f4a261", "#e76f51",
                 "#c0392b", "#6d597a", "#b56576", "#355070"];

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas || typeof window.Chart === "undefined") { return; }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    canvas.dataset.drawn = String(Boolean(new window.Chart(canvas, config)));
  }

  function unitAxis(id, count) {
    return window.congvuUnitAxis ? window.congvuUnitAxis(document.getElementById(id), count, true) : {};
  }

  function onTimeChart(data, words) {
    draw("chart-on-time", {
      type: "bar",
      data: { labels: data.labels, datasets: [{ label: words.onTimeRate, data: data.values, backgroundColor: GREEN }] },
      options: { indexAxis: "y", scales: { x: { min: 0, max: 100 }, y: unitAxis("chart-on-time", data.labels.length) },
                 plugins: { legend: { display: false } } }
    });
  }

  function trendChart(data, words) {
    draw("chart-trend", {
      type: "line",
      data: { labels: data.labels, datasets: [
        { label: words.assigned, data: data.assigned, borderColor: NAVY, backgroundColor: NAVY },
        { label: words.onTime, data: data.onTime, borderColor: GREEN, backgroundColor: GREEN },
        { label: words.overdue, data: data.overdue, borderColor: RED, backgroundColor: RED }
      ] },
      options: { scales: { y: { beginAtZero: true } }, plugins: { legend: { position: "bottom" } } }
    });
  }

  function signalsChart(data) {
    draw("chart-signals", {
      type: "bar",
      data: { labels: data.labels, datasets: data.series.map(function (s, i) {
        return { label: s.label, data: s.values, backgroundColor: PALETTE[i % PALETTE.length] };
      }) },
      options: { indexAxis: "y", scales: { x: { stacked: true, beginAtZero: true },
                                           y: Object.assign({ stacked: true }, unitAxis("chart-signals", data.labels.length)) },
                 plugins: { legend: { display: false } } }
    });
  }

  function periodForm() {
    var kind = document.getElementById("period-kind");
    if (!kind) { return; }
    function show() {
      document.querySelectorAll(".cv-period-field").forEach(function (field) {
        field.hidden = field.dataset.kinds.split(" ").indexOf(kind.value) < 0;
      });
    }
    kind.addEventListener("change", show);
    show();
  }

  periodForm();
  var charts = readJson("cv-chart-data"), words = readJson("cv-chart-words") || {};
  if (charts) {
    onTimeChart(charts.onTime, words);
    trendChart(charts.trend, words);
    signalsChart(charts.signals);
  }
})();
