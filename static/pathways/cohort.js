// Paroles ending soon: parolees per program and nationality, stacked by filing state.
(function () {
  "use strict";
  var canvas = document.getElementById("cohort-chart");
  var source = document.getElementById("cohort-data");
  if (!canvas || !source || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var colours = { pending: "#005ea2", none_pending: "#c05600", not_known: "#71767a" };
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.series.map(function (series) {
        return { label: data.names[series.state], data: series.counts, backgroundColor: colours[series.state] };
      })
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: true },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: data.names.y } }
      }
    }
  });
})();
