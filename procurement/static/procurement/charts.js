// Draws the budget charts with Apache ECharts from the options the page carries as JSON; the
// same numbers are in the tables next to each chart, for screen readers and print.
(function () {
  const source = document.getElementById("procurement-charts");
  if (!source || !window.echarts) {
    return;
  }
  const options = JSON.parse(source.textContent);
  const charts = { burn: "chart-burn", providers: "chart-providers", categories: "chart-categories" };
  Object.entries(charts).forEach(([key, id]) => {
    const element = document.getElementById(id);
    if (element && options[key]) {
      const chart = window.echarts.init(element);
      chart.setOption(options[key]);
      window.addEventListener("resize", () => chart.resize());
    }
  });
})();
