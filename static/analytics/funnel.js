// Funnel plot: each officer's adjusted grant rate against caseload, with the control limits.
(function () {
  "use strict";
  var canvas = document.getElementById("funnel-chart");
  var source = document.getElementById("funnel-data");
  if (!canvas || !source || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var names = data.names;
  function points(keep) {
    var out = [];
    for (var i = 0; i < data.decisions.length; i += 1) {
      if (keep(i)) {
        out.push({ x: data.decisions[i], y: data.adjusted_rate[i], label: data.labels[i] });
      }
    }
    return out;
  }
  function curve(values) {
    return data.caseload.map(function (x, i) { return { x: x, y: values[i] }; });
  }
  var datasets = [
    { type: "scatter", label: names.flagged, data: points(function (i) { return data.flagged[i]; }), backgroundColor: "#b50909", pointStyle: "rectRot", pointRadius: 6 },
    { type: "scatter", label: names.ordinary, data: points(function (i) { return data.tested[i] && !data.flagged[i]; }), backgroundColor: "#3d4551", pointRadius: 3 },
    { type: "scatter", label: names.untested, data: points(function (i) { return !data.tested[i]; }), borderColor: "#71767a", backgroundColor: "rgba(0, 0, 0, 0)", pointRadius: 3 },
    { type: "line", label: names.centre, data: curve(data.caseload.map(function () { return data.centre; })), borderColor: "#005ea2", pointRadius: 0 }
  ];
  data.limits.forEach(function (limit) {
    var label = (limit.level * 100).toFixed(1).replace(/\.0$/, "") + "% " + names.limit;
    var dash = limit.level > 0.99 ? [] : [6, 4];
    datasets.push({ type: "line", label: label, data: curve(limit.high), borderColor: "#1a4480", borderDash: dash, pointRadius: 0 });
    datasets.push({ type: "line", label: label, data: curve(limit.low), borderColor: "#1a4480", borderDash: dash, pointRadius: 0, isLowerLimit: true });
  });
  new window.Chart(canvas, {
    data: { datasets: datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: {
        legend: { labels: { filter: function (item, chart) { return !chart.datasets[item.datasetIndex].isLowerLimit; } } },
        tooltip: { callbacks: { label: function (item) { return (item.raw.label || item.dataset.label) + ": " + Math.round(item.raw.y * 100) + "%"; } } }
      },
      scales: {
        x: { type: "logarithmic", title: { display: true, text: names.x } },
        y: { min: 0, max: 1, title: { display: true, text: names.y } }
      }
    }
  });
})();
