// Operations dashboard charts: each <canvas data-chart="ID"> is drawn from the JSON in the
// element ID (written by json_script), so the page needs no inline script under the CSP.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }
  var palette = ["#005ea2", "#e5a000", "#b50909", "#4d8055", "#936f38", "#71767a"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (dataset, index) {
          return {
            label: dataset.label,
            data: dataset.data,
            backgroundColor: palette[index % palette.length],
            borderColor: palette[index % palette.length]
          };
        })
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: spec.stacked },
          y: { stacked: spec.stacked, beginAtZero: true, title: { display: true, text: spec.y_title } }
        }
      }
    });
  });
})();
