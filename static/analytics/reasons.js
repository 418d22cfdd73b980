// Reason codes over time: each code's share of the month's codes, as stacked bars.
(function () {
  "use strict";
  var canvas = document.getElementById("reasons-chart");
  var source = document.getElementById("reasons-data");
  if (!canvas || !source || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var palette = ["#005ea2", "#c05600", "#00a91c", "#8168b3", "#b50909", "#1a4480", "#936f38", "#3d4551", "#e66f0e", "#00bde3"];
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.codes.map(function (code, i) {
        return { label: code, data: data.shares[i], backgroundColor: palette[i % palette.length] };
      })
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: true, title: { display: true, text: data.names.x } },
        y: { stacked: true, min: 0, max: 1, title: { display: true, text: data.names.y } }
      }
    }
  });
})();
