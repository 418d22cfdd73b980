// Backlog forecast chart: median line with the interval band, drawn from the page's JSON data.
(function () {
  "use strict";
  var canvas = document.getElementById("forecast-chart");
  var source = document.getElementById("forecast-data");
  if (!canvas || !source || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var names = data.names;
  new window.Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: names.high, data: data.high, borderColor: "#73b3e7", backgroundColor: "rgba(115, 179, 231, 0.3)", fill: "+1", pointRadius: 0 },
        { label: names.low, data: data.low, borderColor: "#73b3e7", pointRadius: 0, fill: false },
        { label: names.median, data: data.median, borderColor: "#005ea2", borderWidth: 2, pointRadius: 2, fill: false },
        { label: names.expected, data: data.expected, borderColor: "#1b1b1b", borderDash: [6, 4], pointRadius: 0, fill: false },
        { label: names.travel, data: data.travel, borderColor: "#c05600", pointRadius: 0, fill: false }
      ]
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { title: { display: true, text: names.x } },
        y: { beginAtZero: true, title: { display: true, text: names.y } }
      }
    }
  });
})();
