/* Draw every report chart from the JSON the page carries next to it (the numbers are also in
   the table beside each chart). Hidden small counts arrive as null and are not drawn. */
(function () {
  "use strict";
  function draw(holder, data) {
    var chart = window.echarts.init(holder, null, { renderer: "svg" });
    var isLine = data.type === "line";
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 56, containLabel: true },
      xAxis: { type: "category", data: data.categories, axisLabel: { interval: 0, rotate: data.categories.length > 6 ? 30 : 0 } },
      yAxis: { type: "value" },
      series: data.series.map(function (series) {
        return { name: series.name, type: isLine ? "line" : "bar", data: series.data, connectNulls: false };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
    window.addEventListener("beforeprint", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.echarts) { return; }
    document.querySelectorAll('script[type="application/json"][id^="chartdata-"]').forEach(function (node) {
      var holder = document.getElementById("chart-" + node.id.slice("chartdata-".length));
      if (holder) { draw(holder, JSON.parse(node.textContent)); }
    });
  });
})();
