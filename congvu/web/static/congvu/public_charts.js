/* The published figures' charts (/cong-khai/), drawn with the vendored Chart.js from the data the page
   carries in <script type="application/json" id="public-figures-data"> (the CSP allows no inline JS). */
(function () {
  "use strict";

  function draw() {
    var source = document.getElementById("public-figures-data");
    if (!source || typeof Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var phone = window.matchMedia("(max-width: 576px)").matches;
    var common = {responsive: true, maintainAspectRatio: false, animation: false,
                  plugins: {legend: {position: "bottom"}}};
    var unitAxis = window.congvuUnitAxis || function () { return {}; };
    var workUnits = unitAxis(document.getElementById("chart-work"), data.units.length, phone);
    var indexUnits = unitAxis(document.getElementById("chart-index"), data.units.length, true);

    new Chart(document.getElementById("chart-work"), {
      type: "bar",
      data: {
        labels: data.units,
        datasets: [
          {label: "Đúng hạn", data: data.on_time, backgroundColor: "#198754"},
          {label: "Quá hạn", data: data.late, backgroundColor: "#fd7e14"},
          {label: "Quá hạn chưa giải quyết", data: data.overdue, backgroundColor: "#dc3545"}
        ]
      },
      options: Object.assign({}, common, {
        indexAxis: phone ? "y" : "x",
        scales: phone ? {x: {stacked: true, beginAtZero: true}, y: Object.assign({stacked: true}, workUnits)}
                      : {x: Object.assign({stacked: true}, workUnits), y: {stacked: true, beginAtZero: true}}
      })
    });

    new Chart(document.getElementById("chart-index"), {
      type: "bar",
      data: {labels: data.units, datasets: [{label: "Chỉ số", data: data.index, backgroundColor: "#0d6efd"}]},
      options: Object.assign({}, common, {
        indexAxis: "y",
        plugins: {legend: {display: false}},
        scales: {x: {min: 0, max: 100}, y: indexUnits}
      })
    });
    document.documentElement.setAttribute("data-charts-drawn", "2");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
